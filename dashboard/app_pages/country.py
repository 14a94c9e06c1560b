"""A country (or any party): its deals as buyer and as seller, partners, totals over time.

The sidebar's filters apply here too: "India, aircraft" shows India's aircraft deals."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.charts import WHOLE, YEAR, chart, field
from dashboard.measures import (
    measure_switch,
    measure_table,
    tiv_dependence,
    tiv_label,
    tiv_shares_chart,
    units_by_year_chart,
    units_summary,
    usd_by_year_chart,
    value_caption,
)
from dashboard.ui import (
    current_filters,
    deals_table,
    guard,
    md,
    open_deal,
    party_labels,
    totals_lines,
)
from tracker.read.filters import DealFilters, as_party, describe_filters
from tracker.read.measures import Measure

st.title("Country")
with guard():
    names = sorted(
        {c.name for c in data.party_choices("buyer")}
        | {c.name for c in data.party_choices("seller")}
    )
if not names:
    st.info("The database holds no deals yet.")
    st.stop()

sidebar = current_filters()
if "country_name" not in st.session_state:
    wanted = st.query_params.get("name", "")
    found = data.canonical_party_name(wanted) if wanted else None
    if wanted and found is None:
        st.warning(md(f"Unknown country or party {wanted!r}; pick one below."))
    if found not in names:
        # Start from the buyer being filtered on, else the busiest party.
        chosen = sidebar.buyers or sidebar.sellers
        busiest = max(data.party_choices("buyer"), key=lambda c: c.deals).name
        found = chosen[0] if chosen and chosen[0] in names else busiest
    st.session_state["country_name"] = found
with guard():
    labels = party_labels()
name = st.selectbox(
    "Country or party", names, key="country_name", format_func=lambda n: labels.get(n, n)
)
st.query_params["name"] = name
if sidebar != DealFilters():
    st.caption(md(f"Sidebar filters apply: {describe_filters(sidebar)}."))
measure, base = measure_switch()


def _partners_and_years(filters: DealFilters, partner: str) -> None:
    """Partners' totals in words and deals by order year."""
    with guard():
        partners = data.totals(filters, partner)
        by_year = data.totals(filters, "year", with_parts=False)
    st.subheader(f"Partners ({partner}s)")
    st.markdown("  \n".join(totals_lines(partners[:20], partner)))
    if len(partners) > 20:
        st.caption(f"The 20 largest of {len(partners):,} partners.")
    years = [{"year": g.key, "deals": g.deals} for g in by_year if g.key is not None]
    if years:
        st.subheader("Over time")
        st.vega_lite_chart(
            chart(years, "bar", x=YEAR, y=field("deals", axis=WHOLE), tooltip=["year", "deals"]),
            width="stretch",
        )


def _role(role: str, filters: DealFilters, partner: str) -> bool:
    """One role's section; False when it has no deals."""
    with guard():
        overall = data.overall(filters)
    if overall.deals == 0:
        return False
    st.header(f"As {role}")
    cols = st.columns(3)
    cols[0].metric("Deals", f"{overall.deals:,}")
    with cols[1]:
        units_summary(filters)
    # Money in constant dollars, each kind apart; as text it wraps instead of being cut off.
    with cols[2]:
        st.markdown("**Value**")
        value_caption(filters, base)
    if measure is Measure.DEALS:
        _partners_and_years(filters, partner)
    elif measure is Measure.TIV:
        tiv_label()
        if role == "buyer":
            tiv_dependence(filters, name)
        measure_table(filters, measure, partner, base)
        side = "suppliers" if role == "buyer" else "customers"
        tiv_shares_chart(filters, "supplier" if role == "buyer" else "recipient",
                         f"Shares of its {side} over time (TIV by delivery year)")  # fmt: skip
    else:
        measure_table(filters, measure, partner, base)
        if measure is Measure.USD:
            usd_by_year_chart(filters, base)
        else:
            units_by_year_chart(filters)
    with guard():
        rows = data.deals_page(filters, "order_date", True, 100, 0)
    st.subheader("Deals")
    opened = deals_table(rows, key=f"country-{role}")
    if isinstance(opened, int):
        open_deal(opened)
    if overall.deals > len(rows):
        st.caption(f"The latest {len(rows)} of {overall.deals:,} deals; see the Deals page.")
    return True


shown = False
for role, partner in (("buyer", "seller"), ("seller", "buyer")):
    narrowed = as_party(sidebar, name, role)  # type: ignore[arg-type]
    if narrowed is not None:
        shown = _role(role, narrowed, partner) or shown
if not shown:
    st.info(md(f"No deals of {name} match the sidebar's filters."))
