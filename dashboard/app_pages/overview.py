"""Overview: headline figures, deals by year, top buyers and sellers, flows, statuses."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.charts import WHOLE, YEAR, chart, field, flow_chart
from dashboard.measures import (
    honest_headline,
    measure_switch,
    measure_table,
    tiv_label,
    tiv_rankings,
    tiv_trend_chart,
    units_by_year_chart,
    usd_by_year_chart,
)
from dashboard.ui import current_filters, guard, md
from tracker.domain.vocab import Status, label
from tracker.read.measures import Measure
from tracker.read.tiv import TIV_LABEL
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

measure, base = measure_switch()
honest_headline(filters, overall.deals, base)

if measure is Measure.TIV:
    st.subheader(f"{TIV_LABEL} by delivery year")
    tiv_label()
    tiv_trend_chart(filters)
    tiv_rankings(filters)
    st.stop()
if measure is Measure.USD:
    usd_by_year_chart(filters, base)
    # One above the other: side by side, six columns each were cut off at 1400 px.
    measure_table(filters, measure, "buyer", base)
    measure_table(filters, measure, "seller", base)
    st.stop()
if measure is Measure.UNITS:
    units_by_year_chart(filters)
    measure_table(filters, measure, "category", base)
    st.stop()


def _rows(groups: list[GroupTotal]) -> list[dict[str, object]]:
    return [{"group": g.shown, "deals": g.deals, "units": g.quantity} for g in groups]


by_year, by_buyer, by_seller = figures.by_year, figures.by_buyer, figures.by_seller
by_status, flows = figures.by_status, figures.flows

st.subheader("Deals by order year")
years = [
    {"year": g.key, "deals": g.deals, "units": g.quantity} for g in by_year if g.key is not None
]
undated = sum(g.deals for g in by_year if g.key is None)
if not years:
    st.info("None of these deals has a known order year.")
else:
    # Units by year are under the "Units" measure, per category: never jets plus shells.
    st.vega_lite_chart(
        chart(years, "bar", x=YEAR, y=field("deals", axis=WHOLE), tooltip=["year", "deals"]),
        width="stretch",
    )
if undated:
    st.caption(f"{undated:,} deals have no known order year and are not in these charts.")

buyers_col, sellers_col = st.columns(2)
for column, groups, title in (
    (buyers_col, by_buyer, "Top buyers"),
    (sellers_col, by_seller, "Top sellers"),
):
    top = _rows(sorted(groups, key=lambda g: (-g.deals, g.label))[:10])
    column.subheader(title)
    column.vega_lite_chart(
        chart(top, "bar", x=field("deals", axis=WHOLE),
              y=field("group", "nominal", sort="-x", title=None), tooltip=["group", "deals"]),
        width="stretch",
    )  # fmt: skip

st.subheader("Who supplies whom")
if flows:
    st.vega_lite_chart(flow_chart(flows), width="stretch")
    st.caption(
        "Deals from each of the busiest suppliers (rows) to each of the busiest recipients "
        "(columns), busiest first; the darker the cell, the more deals. An empty cell: none "
        "between them. The Deals page, filtered by buyer and seller, lists them."
    )

st.subheader("Status")
statuses = [
    {"status": label(Status(g.key)), "deals": g.deals} for g in by_status if g.key is not None
]
st.vega_lite_chart(
    chart(statuses, "bar", x=field("deals", axis=WHOLE), y=field("status", "nominal", sort="-x")),
    width="stretch",
)
st.caption(md("Statuses are explained on the About page."))
