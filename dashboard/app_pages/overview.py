"""Overview: headline figures, deals by year, top buyers and sellers, flows, statuses."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.ui import current_filters, guard, md
from tracker.domain.money import format_amount
from tracker.domain.vocab import Status, label
from tracker.read.totals import Flow, GroupTotal

# Counts are whole numbers: no 0.5-deal ticks on small selections.
WHOLE = alt.Axis(tickMinStep=1, format="d")

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


def flow_chart(flows: list[Flow]) -> alt.LayerChart:
    """A two-column flow diagram: each line joins a supplier to a recipient."""
    sellers = list(dict.fromkeys(flow.seller for flow in flows))
    buyers = list(dict.fromkeys(flow.buyer for flow in flows))

    def position(names: list[str], name: str) -> float:
        return (names.index(name) + 0.5) / len(names)

    ends = pd.DataFrame(
        [
            {"flow": n, "x": x, "y": position(names, name), "seller": f.seller,
             "buyer": f.buyer, "deals": f.deals, "units": f.quantity}
            for n, f in enumerate(flows)
            for x, names, name in ((0, sellers, f.seller), (1, buyers, f.buyer))
        ]
    )  # fmt: skip
    seller_labels = pd.DataFrame(
        [{"x": 0, "y": position(sellers, name), "name": name} for name in sellers]
    )
    buyer_labels = pd.DataFrame(
        [{"x": 1, "y": position(buyers, name), "name": name} for name in buyers]
    )
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.45, 1.45]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[1, 0]))
    lines = (
        alt.Chart(ends)
        .mark_line(opacity=0.5)
        .encode(
            x=x, y=y, detail="flow:N",
            color=alt.Color("seller:N", legend=None),
            strokeWidth=alt.StrokeWidth("deals:Q", scale=alt.Scale(range=[1, 14]), legend=None),
            tooltip=["seller", "buyer", "deals", alt.Tooltip("units", title="units (known)")],
        )
    )  # fmt: skip
    left = alt.Chart(seller_labels).mark_text(align="right", dx=-6)
    right = alt.Chart(buyer_labels).mark_text(align="left", dx=6)
    texts = [part.encode(x=x, y=y, text="name:N") for part in (left, right)]
    height = max(220, 22 * max(len(sellers), len(buyers)))
    return alt.LayerChart(layer=[lines, *texts], height=height)


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
        f"Suppliers (left) to recipients (right): the {len(flows)} largest flows by number "
        "of deals; line width shows the deals."
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
