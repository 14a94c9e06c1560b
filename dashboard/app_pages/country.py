"""A country (or any party): its deals as buyer and as seller, partners, totals over time."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.ui import current_filters, deals_table, guard, md, totals_lines
from tracker.formatting import describe_money
from tracker.read.filters import DealFilters

st.title("Country")
with guard():
    names = sorted(
        {c.name for c in data.party_choices("buyer")}
        | {c.name for c in data.party_choices("seller")}
    )
if not names:
    st.info("The database holds no deals yet.")
    st.stop()

if "country_name" not in st.session_state:
    wanted = st.query_params.get("name", "")
    found = data.canonical_party_name(wanted) if wanted else None
    if wanted and found is None:
        st.warning(md(f"Unknown country or party {wanted!r}; pick one below."))
    if found not in names:
        # Start from the buyer being filtered on, else the busiest party.
        chosen = current_filters().buyers or current_filters().sellers
        busiest = max(data.party_choices("buyer"), key=lambda c: c.deals).name
        found = chosen[0] if chosen and chosen[0] in names else busiest
    st.session_state["country_name"] = found
name = st.selectbox("Country or party", names, key="country_name")
st.query_params["name"] = name

for role, filters, partner in (
    ("buyer", DealFilters(buyers=(name,)), "seller"),
    ("seller", DealFilters(sellers=(name,)), "buyer"),
):
    with guard():
        overall = data.overall(filters)
    if overall.deals == 0:
        continue
    st.header(f"As {role}")
    cols = st.columns(3)
    cols[0].metric("Deals", overall.deals)
    cols[1].metric(
        "Units (known)", f"{overall.quantity:,}",
        help=f"{overall.quantity_unknown} deals of unknown quantity left out",
    )  # fmt: skip
    cols[2].metric("Value", describe_money(overall) or "unknown")
    with guard():
        partners = data.totals(filters, partner)
        by_year = data.totals(filters, "year", with_parts=False)
        rows = data.deals_page(filters, "order_date", True, 100, 0)
    st.subheader(f"Partners ({partner}s)")
    st.markdown("  \n".join(totals_lines(partners, limit=20)))
    years = pd.DataFrame(
        [{"year": g.key, "deals": g.deals, "units": g.quantity} for g in by_year if g.key]
    )
    if not years.empty:
        st.subheader("Over time")
        st.altair_chart(
            alt.Chart(years).mark_bar().encode(x="year:O", y="deals:Q", tooltip=["deals", "units"]),
            width="stretch",
        )
    st.subheader("Deals")
    deals_table(rows, key=f"country-{role}")
    if overall.deals > len(rows):
        st.caption(md(f"The latest {len(rows)} of {overall.deals} deals; see the Deals page."))
