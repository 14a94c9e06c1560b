"""Overview: headline figures, deals by year, top buyers and sellers, flows, statuses."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import WHOLE, flow_chart
from dashboard.ui import current_filters, guard, md
from tracker.domain.money import format_amount
from tracker.domain.vocab import Status, label
from tracker.read.totals import GroupTotal

st.title("Arms-deal tracker")
st.caption(
    "An open, cited database of arms-procurement deals. Use the filters on the left; "
    "the link in your address bar reopens this exact view."
)

filters = current_filters()
with guard():
    figures = data.overview(filters)
overall = figures.total

if overall.deals == 0:
    if filters == type(filters)():
        st.info("The database holds no deals yet. Run `tracker seed` or import a dataset.")
    else:
        st.info("No deals match these filters. Remove a filter in the sidebar to see more.")
    st.stop()

known_quantity = overall.deals - overall.quantity_unknown
cols = st.columns(4)
cols[0].metric("Deals", f"{overall.deals:,}")
cols[1].metric(
    "Units ordered",
    f"{overall.quantity:,}",
    help=f"Summed over the {known_quantity:,} deals whose quantity is known; "
    f"{overall.quantity_unknown:,} deals of unknown quantity are left out, not counted as 0.",
)
cols[2].metric(
    "Units delivered",
    f"{overall.delivered:,}",
    help=f"{overall.delivered_unknown:,} deals have no delivered count.",
)
with cols[3]:
    if overall.money:
        for money in overall.money[:3]:
            at_least = ", at least" if money.at_least else ""
            st.metric(
                f"Value ({money.currency}{at_least})",
                format_amount(money.amount, money.currency),
                help=f"Sum of {money.deals} deals' values in {money.currency}"
                + ("; some are stated as 'over' an amount" if money.at_least else ""),
            )
    else:
        st.metric("Value", "unknown")
known_value = overall.deals - overall.value_unknown
st.caption(
    f"Value known for {known_value:,} of {overall.deals:,} deals; money is summed per "
    "currency, never across currencies."
    + (f" Further currencies: {len(overall.money) - 3}." if len(overall.money) > 3 else "")
)


def _frame(groups: list[GroupTotal]) -> pd.DataFrame:
    return pd.DataFrame([{"group": g.label, "deals": g.deals, "units": g.quantity} for g in groups])


by_year, by_buyer, by_seller = figures.by_year, figures.by_buyer, figures.by_seller
by_status, flows = figures.by_status, figures.flows

st.subheader("Deals and units by order year")
years = pd.DataFrame(
    [{"year": g.key, "deals": g.deals, "units": g.quantity} for g in by_year if g.key is not None]
)
undated = sum(g.deals for g in by_year if g.key is None)
if years.empty:
    st.info("None of these deals has a known order year.")
else:
    left, right = st.columns(2)
    base = alt.Chart(years).encode(x=alt.X("year:O", title="order year"))
    left.altair_chart(base.mark_bar().encode(y=alt.Y("deals:Q", axis=WHOLE)), width="stretch")
    right.altair_chart(
        base.mark_bar(color="#e07b39").encode(
            y=alt.Y("units:Q", title="units ordered (known)", axis=WHOLE)
        ),
        width="stretch",
    )
if undated:
    st.caption(f"{undated:,} deals have no known order year and are not in these charts.")

buyers_col, sellers_col = st.columns(2)
for column, groups, title in (
    (buyers_col, by_buyer, "Top buyers"),
    (sellers_col, by_seller, "Top sellers"),
):
    top = _frame(sorted(groups, key=lambda g: (-g.deals, g.label))[:10])
    column.subheader(title)
    column.altair_chart(
        alt.Chart(top)
        .mark_bar()
        .encode(
            x=alt.X("deals:Q", axis=WHOLE),
            y=alt.Y("group:N", sort="-x", title=None),
            tooltip=["group", "deals", "units"],
        ),
        width="stretch",
    )

st.subheader("Who supplies whom")
if flows:
    st.altair_chart(flow_chart(flows), width="stretch")
    st.caption(
        f"Suppliers (rows) to recipients (columns): the {len(flows)} largest flows by "
        "number of deals; the darker the cell, the more deals. Busiest first."
    )

st.subheader("Status")
statuses = pd.DataFrame(
    [{"status": label(Status(g.key)), "deals": g.deals} for g in by_status if g.key is not None]
)
st.altair_chart(
    alt.Chart(statuses)
    .mark_bar()
    .encode(x=alt.X("deals:Q", axis=WHOLE), y=alt.Y("status:N", sort="-x")),
    width="stretch",
)
st.caption(md("Statuses are explained on the About page."))
