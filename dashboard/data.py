"""The dashboard's link to the library: one cached engine and cached query results.

Pages call these functions only; all SQL and rules stay in `tracker/`. Results are plain
dataclasses keyed by plain filter values, so `st.cache_data` can pickle and share them,
and by the data version every write bumps: each run reads it once (`note_version`), so a
write made anywhere — this server, another one, a CLI import — shows on the next click.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker import resolve
from tracker.config import get_settings
from tracker.read import choices, measures, table, tiv, units, usd, views
from tracker.read import totals as totals_
from tracker.read.choices import NameChoice, PartyChoice
from tracker.read.filters import DealFilters
from tracker.read.table import TableRow
from tracker.read.totals import GroupTotal
from tracker.read.version import data_version
from tracker.store.db import make_session_factory, transaction
from tracker.store.setup import open_database

# Deal details, imports, exports and the audit log are imported where they are used:
# the first page needs none of them, and the server starts sooner and smaller without.
if TYPE_CHECKING:
    from tracker.auth import Actor
    from tracker.imports.pipeline import ImportReport
    from tracker.imports.plan import Progress
    from tracker.read.detail import DealDetail

# The version makes results current; the TTL and the entry cap only bound memory.
TTL = dt.timedelta(hours=1)
ENTRIES = 200
_run = threading.local()


@st.cache_resource(show_spinner="Opening the database…")
def engine() -> Engine:
    """The configured database, migrated and seeded on first use."""
    return open_database(get_settings())


def session() -> Session:
    return make_session_factory(engine())()


def note_version() -> int:
    """Read the data version once for this script run (the entry point calls it first)."""
    with session() as s:
        _run.version = data_version(s)
    return int(_run.version)


def version() -> int:
    """The data version this run reads at; read now when the run has not noted one."""
    noted = getattr(_run, "version", None)
    return note_version() if noted is None else int(noted)


def forget_version() -> None:
    """After a write in this run: the next read notes the new version."""
    _run.version = None


P = ParamSpec("P")
R = TypeVar("R")


def versioned(function: Callable[P, R]) -> Callable[P, R]:
    """Cache `function`'s results per data version (st.cache_data keyed on it too)."""

    def at_version(data_version: int, *args: Any, **kwargs: Any) -> R:
        return function(*args, **kwargs)

    # st.cache_data tells functions apart by module, qualified name and source.
    at_version.__module__ = function.__module__
    at_version.__qualname__ = f"{function.__qualname__}@version"
    cached = st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)(at_version)

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(version(), *args, **kwargs)

    return call


@versioned
def overall(filters: DealFilters) -> GroupTotal:
    with session() as s:
        return totals_.overall_total(s, filters)


@versioned
def overview(filters: DealFilters) -> views.Overview:
    """The Overview page's figures, its queries run at once."""
    with session() as s:
        return views.overview(s, filters, concurrent=True)


@versioned
def totals(filters: DealFilters, by: str, with_parts: bool = True) -> list[GroupTotal]:
    with session() as s:
        return totals_.totals(s, filters, by, parts_up_to=12 if with_parts else 0)


@versioned
def deals_page(
    filters: DealFilters, sort: str, descending: bool, limit: int, offset: int
) -> list[TableRow]:
    with session() as s:
        return table.table_rows(
            s, filters, sort=sort, descending=descending, limit=limit, offset=offset
        )


@versioned
def deal_view(
    filters: DealFilters,
    group: str,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
    groups_from: int = 0,
    groups_shown: int = 12,
    facets: bool = True,
    values: bool = False,
    base_year: int | None = None,
) -> views.DealView:
    """The Deals page's one call: a page of rows, the count and totals, a page of the
    totals by `group`, (unless facets=False) facet counts, and (with values=True) the
    values in constant dollars of `base_year`."""
    with session() as s:
        return views.deal_view(
            s, filters, sort=sort, descending=descending, limit=limit, offset=offset,
            concurrent=True, totals_by=group, groups_from=groups_from,
            groups_shown=groups_shown, facets=facets, values=values, base_year=base_year,
        )  # fmt: skip


@versioned
def party_choices(role: str) -> list[PartyChoice]:
    with session() as s:
        return choices.party_choices(s, role)


@versioned
def canonical_party_name(name: str) -> str | None:
    with session() as s:
        return resolve.canonical_party_name(s, name)


@versioned
def year_range() -> tuple[int, int] | None:
    with session() as s:
        return choices.order_year_range(s)


@versioned
def deal_detail(deal_id: int) -> DealDetail | None:
    from tracker.read import detail

    with session() as s:
        return detail.deal_detail(s, deal_id)


@versioned
def related_deals(deal_id: int) -> list[TableRow]:
    with session() as s:
        return table.related_rows(s, deal_id)


def preview_import(data: bytes, filename: str, skip_invalid: bool, actor: Actor) -> ImportReport:
    """What importing the file's first rows would do (a bounded sample, whatever the
    file's size: tracker.imports.preview); writes nothing."""
    from tracker.imports.pipeline import import_data
    from tracker.imports.preview import PREVIEW_RECORDS

    with session() as s:
        return import_data(
            session=s, data=data, filename=filename, dry_run=True, skip_invalid=skip_invalid,
            actor=actor, preview_records=PREVIEW_RECORDS,
        )  # fmt: skip


def run_import(
    data: bytes, filename: str, skip_invalid: bool, actor: Actor, progress: Progress | None = None
) -> ImportReport:
    """Import the file in one transaction, then drop every cached query result."""
    from tracker.imports.pipeline import import_data

    with transaction(engine()) as s:
        report = import_data(
            session=s, data=data, filename=filename, skip_invalid=skip_invalid,
            progress=progress, actor=actor,
        )  # fmt: skip
    _after_write()
    return report


def export_file(engine_: Engine, filters: DealFilters, fmt: str) -> bytes:
    """Export bytes, made only when the user clicks download (no Streamlit calls here)."""
    from tracker.exports import export_bytes

    with make_session_factory(engine_)() as s:
        return export_bytes(s, filters, fmt)


def audit_file(engine_: Engine, actor: Actor, fmt: str, **filters: Any) -> bytes:
    """The whole (filtered) audit log as CSV or JSON bytes, made when an admin clicks."""
    from tracker.exports import write_audit
    from tracker.read.audit import iter_audit_log

    buffer = io.StringIO()
    with make_session_factory(engine_)() as s:
        write_audit(iter_audit_log(session=s, actor=actor, **filters), buffer, fmt)
    return buffer.getvalue().encode("utf-8")


def totals_file(engine_: Engine, filters: DealFilters, by: str) -> bytes:
    """Every group's totals as CSV, made only when the user clicks download."""
    from tracker.exports import totals_csv

    with make_session_factory(engine_)() as s:
        return totals_csv(s, filters, by)


def export_info(engine_: Engine, filters: DealFilters, count: int) -> bytes:
    """The export's sidecar: when, from which filters and which sources it was made."""
    from tracker.exports import export_metadata

    with make_session_factory(engine_)() as s:
        metadata = export_metadata(s, filters, count)
    return (json.dumps(metadata, indent=2) + "\n").encode("utf-8")


# --- signed-in work ----------------------------------------------------------------------

T = TypeVar("T")


def write(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a library write service in one transaction, then drop cached query results."""
    with transaction(engine()) as s:
        result = service(session=s, **kwargs)
    _after_write()
    return result


def _after_write() -> None:
    """The write bumped the data version: read at the new one, and free the old results."""
    forget_version()
    st.cache_data.clear()


def account(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a sign-in service in one transaction (no deal data changes: caches stay)."""
    with transaction(engine()) as s:
        return service(session=s, **kwargs)


def read(query: Callable[..., T], **kwargs: Any) -> T:
    """Run a library read that must see the latest writes (not cached)."""
    with session() as s:
        return query(session=s, **kwargs)


@versioned
def party_name_choices() -> list[NameChoice]:
    with session() as s:
        return choices.party_name_choices(s)


@versioned
def platform_choices() -> list[str]:
    with session() as s:
        return choices.platform_choices(s)


@versioned
def source_choices() -> list[tuple[str, str]]:
    with session() as s:
        return choices.source_choices(s)


# --- the field's measures (SIPRI TIV, constant USD, units by category) --------------------


@versioned
def measure_table(
    filters: DealFilters, measure: str, by: str | None, base_year: int | None
) -> measures.MeasureTable:
    with session() as s:
        return measures.measure_table(s, filters, measure, by, base_year=base_year)


@versioned
def usd_report(filters: DealFilters, by: str | None, base_year: int | None) -> usd.UsdReport:
    with session() as s:
        return usd.usd_totals(s, filters, by, base_year=base_year)


@versioned
def units_lines(filters: DealFilters, by: str | None = None) -> list[units.UnitsLine]:
    with session() as s:
        return units.units_totals(s, filters, by)


@versioned
def tiv_trend(filters: DealFilters) -> list[tiv.TrendPoint]:
    with session() as s:
        return tiv.tiv_trend(s, filters)


@versioned
def tiv_ranking(filters: DealFilters, by: str, top: int = 10) -> tiv.TivRanking:
    with session() as s:
        return tiv.tiv_ranking(s, filters, by=by, top=top)


@versioned
def tiv_shares(filters: DealFilters, by: str, top: int = 5) -> list[tiv.ShareSeries]:
    with session() as s:
        return tiv.shares_over_time(s, filters, by=by, top=top)


@versioned
def tiv_dependence(filters: DealFilters, recipient: str) -> tiv.Dependence:
    with session() as s:
        return tiv.dependence(s, filters, recipient)
