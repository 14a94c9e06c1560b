"""The dashboard's link to the library: one cached engine, cached query results.

Pages call these functions only; all SQL and rules stay in `tracker/`.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.app import open_database
from tracker.config import get_settings
from tracker.db import make_session_factory
from tracker.queries import DealFilters, GroupTotal, overall_total, totals


@st.cache_resource(show_spinner="Opening the database…")
def engine() -> Engine:
    return open_database(get_settings())


def session() -> Session:
    return make_session_factory(engine())()


@st.cache_data(ttl=60, show_spinner=False)
def cached_overall(filters: DealFilters) -> GroupTotal:
    with session() as s:
        return overall_total(s, filters)


@st.cache_data(ttl=60, show_spinner=False)
def cached_totals(filters: DealFilters, by: str) -> list[GroupTotal]:
    with session() as s:
        return totals(s, filters, by)
