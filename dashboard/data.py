"""The dashboard's link to the library: one cached engine and cached query results.

Pages call these functions only; all SQL and rules stay in `tracker/`. Results are plain
dataclasses keyed by plain filter values, so `st.cache_data` can pickle and share them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker import resolve
from tracker.auth import Actor
from tracker.config import get_settings
from tracker.exports import export_bytes, export_metadata, write_audit
from tracker.imports.pipeline import ImportReport, import_data
from tracker.imports.plan import Progress
from tracker.read import choices, detail, rows, views
from tracker.read import totals as totals_
from tracker.read.audit import iter_audit_log
from tracker.read.choices import NameChoice, PartyChoice
from tracker.read.detail import DealDetail
from tracker.read.filters import DealFilters
from tracker.read.rows import DealRow
from tracker.read.totals import GroupTotal
from tracker.store.db import make_session_factory, transaction
from tracker.store.setup import open_database

TTL = dt.timedelta(minutes=5)


@st.cache_resource(show_spinner="Opening the database…")
def engine() -> Engine:
    """The configured database, migrated and seeded on first use."""
    return open_database(get_settings())


def session() -> Session:
    return make_session_factory(engine())()


@st.cache_data(ttl=TTL, show_spinner=False)
def overall(filters: DealFilters) -> GroupTotal:
    with session() as s:
        return totals_.overall_total(s, filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def overview(filters: DealFilters) -> views.Overview:
    """The Overview page's figures, its queries run at once."""
    with session() as s:
        return views.overview(s, filters, concurrent=True)


@st.cache_data(ttl=TTL, show_spinner=False)
def totals(filters: DealFilters, by: str, with_parts: bool = True) -> list[GroupTotal]:
    with session() as s:
        return totals_.totals(s, filters, by, parts_up_to=12 if with_parts else 0)


@st.cache_data(ttl=TTL, show_spinner=False)
def deals_page(
    filters: DealFilters, sort: str, descending: bool, limit: int, offset: int
) -> list[DealRow]:
    with session() as s:
        return rows.list_deals(
            s, filters, sort=sort, descending=descending, limit=limit, offset=offset
        )


@st.cache_data(ttl=TTL, show_spinner=False)
def deal_view(
    filters: DealFilters, group: str, sort: str, descending: bool, limit: int, offset: int
) -> views.DealView:
    """The Deals page's one call: a page of rows, the count and totals, the totals by
    `group` (the first 12 groups), and facet counts."""
    with session() as s:
        return views.deal_view(
            s, filters, sort=sort, descending=descending, limit=limit, offset=offset,
            concurrent=True, totals_by=group,
        )  # fmt: skip


@st.cache_data(ttl=TTL, show_spinner=False)
def party_choices(role: str) -> list[PartyChoice]:
    with session() as s:
        return choices.party_choices(s, role)


@st.cache_data(ttl=TTL, show_spinner=False)
def canonical_party_name(name: str) -> str | None:
    with session() as s:
        return resolve.canonical_party_name(s, name)


@st.cache_data(ttl=TTL, show_spinner=False)
def year_range() -> tuple[int, int] | None:
    with session() as s:
        return choices.order_year_range(s)


@st.cache_data(ttl=TTL, show_spinner=False)
def deal_detail(deal_id: int) -> DealDetail | None:
    with session() as s:
        return detail.deal_detail(s, deal_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def related_deals(deal_id: int) -> list[DealRow]:
    with session() as s:
        return detail.related_deals(s, deal_id)


def preview_import(data: bytes, filename: str, skip_invalid: bool, actor: Actor) -> ImportReport:
    """What importing the file would do; writes nothing."""
    with session() as s:
        return import_data(
            session=s, data=data, filename=filename, dry_run=True, skip_invalid=skip_invalid,
            actor=actor,
        )  # fmt: skip


def run_import(
    data: bytes, filename: str, skip_invalid: bool, actor: Actor, progress: Progress | None = None
) -> ImportReport:
    """Import the file in one transaction, then drop every cached query result."""
    with transaction(engine()) as s:
        report = import_data(
            session=s, data=data, filename=filename, skip_invalid=skip_invalid,
            progress=progress, actor=actor,
        )  # fmt: skip
    st.cache_data.clear()
    return report


def export_file(engine_: Engine, filters: DealFilters, fmt: str) -> bytes:
    """Export bytes, made only when the user clicks download (no Streamlit calls here)."""
    with make_session_factory(engine_)() as s:
        return export_bytes(s, filters, fmt)


def audit_file(engine_: Engine, actor: Actor, fmt: str, **filters: Any) -> bytes:
    """The whole (filtered) audit log as CSV or JSON bytes, made when an admin clicks."""
    buffer = io.StringIO()
    with make_session_factory(engine_)() as s:
        write_audit(iter_audit_log(session=s, actor=actor, **filters), buffer, fmt)
    return buffer.getvalue().encode("utf-8")


def export_info(engine_: Engine, filters: DealFilters, count: int) -> bytes:
    """The export's sidecar: when, from which filters and which sources it was made."""
    with make_session_factory(engine_)() as s:
        metadata = export_metadata(s, filters, count)
    return (json.dumps(metadata, indent=2) + "\n").encode("utf-8")


# --- signed-in work ----------------------------------------------------------------------

T = TypeVar("T")


def write(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a library write service in one transaction, then drop cached query results."""
    with transaction(engine()) as s:
        result = service(session=s, **kwargs)
    st.cache_data.clear()
    return result


def read(query: Callable[..., T], **kwargs: Any) -> T:
    """Run a library read that must see the latest writes (not cached)."""
    with session() as s:
        return query(session=s, **kwargs)


@st.cache_data(ttl=TTL, show_spinner=False)
def party_name_choices() -> list[NameChoice]:
    with session() as s:
        return choices.party_name_choices(s)


@st.cache_data(ttl=TTL, show_spinner=False)
def platform_choices() -> list[str]:
    with session() as s:
        return choices.platform_choices(s)


@st.cache_data(ttl=TTL, show_spinner=False)
def source_choices() -> list[tuple[str, str]]:
    with session() as s:
        return choices.source_choices(s)
