"""A country (or any party): its deals as buyer and as seller, partners, totals over time.

The sidebar's filters apply here too: "India, aircraft" shows India's aircraft deals."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import WHOLE
from dashboard.ui import current_filters, deals_table, guard, md, open_deal, totals_lines
from tracker.formatting import describe_money
from tracker.read.filters import DealFilters, as_party, describe_filters

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
name = st.selectbox("Country or party", names, key="country_name")
st.query_params["name"] = name
if sidebar != DealFilters():
    st.caption(md(f"Sidebar filters apply: {describe_filters(sidebar)}."))


def _role(role: str, filters: DealFilters, partner: str) -> bool:
    """One role's section; False when it has no deals."""
    with guard():
        overall = data.overall(filters)
    if overall.deals == 0:
        return False
    st.header(f"As {role}")
    cols = st.columns(3)
    cols[0].metric("Deals", f"{overall.deals:,}")
    cols[1].metric(
        "Units (known)", f"{overall.quantity:,}",
        help=f"{overall.quantity_unknown:,} deals of unknown quantity left out",
    )  # fmt: skip
    # Money per currency can be long: as text it wraps instead of being cut off.
    cols[2].markdown(f"**Value**  \n{md(describe_money(overall) or 'unknown')}")
    with guard():
        partners = data.totals(filters, partner)
        by_year = data.totals(filters, "year", with_parts=False)
        rows = data.deals_page(filters, "order_date", True, 100, 0)
    st.subheader(f"Partners ({partner}s)")
    st.markdown("  \n".join(totals_lines(partners[:20], partner)))
    if len(partners) > 20:
        st.caption(f"The 20 largest of {len(partners):,} partners.")
    years = pd.DataFrame(
        [{"year": g.key, "deals": g.deals, "units": g.quantity} for g in by_year if g.key]
    )
    if not years.empty:
        st.subheader("Over time")
        st.altair_chart(
            alt.Chart(years)
            .mark_bar()
            .encode(
                x=alt.X("year:O", title="order year"),
                y=alt.Y("deals:Q", axis=WHOLE),
                tooltip=["year", "deals", "units"],
            ),
            width="stretch",
        )
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
