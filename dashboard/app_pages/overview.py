"""Overview: headline figures and totals by platform for all deals."""

from __future__ import annotations

import streamlit as st

from dashboard.data import cached_overall, cached_totals
from tracker.errors import TrackerError
from tracker.formatting import describe_money, describe_quantity
from tracker.queries import DealFilters

st.title("Arms-deal tracker")
st.caption("An open, cited database of arms-procurement deals.")

filters = DealFilters()
try:
    overall = cached_overall(filters)
    groups = cached_totals(filters, "platform")
except TrackerError as exc:
    st.error(str(exc))
    st.stop()

if overall.deals == 0:
    st.info("The database holds no deals yet. Run `tracker seed` or import a dataset.")
    st.stop()

deals_col, units_col, money_col = st.columns(3)
deals_col.metric("Deals", overall.deals)
units_col.metric("Units ordered (known)", f"{overall.quantity:,}")
money_col.metric("Value", describe_money(overall) or "unknown")

st.subheader("Totals by platform")
st.dataframe(
    [
        {
            "platform": g.label,
            "deals": g.deals,
            "quantity": describe_quantity(g),
            "value": describe_money(g),
        }
        for g in groups
    ],
    hide_index=True,
    width="stretch",
)
