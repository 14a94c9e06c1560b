"""Page views: everything one page shows, its queries run at once on their own connections."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tracker.read.filters import DealFilters, resolve_filters
from tracker.read.table import TableRow, table_rows
from tracker.read.totals import (
    FACETS,
    Flow,
    GroupBy,
    GroupTotal,
    facet_counts,
    overall_total,
    supply_matrix,
    totals,
    totals_and_overall,
)
from tracker.read.usd import UsdReport, usd_totals

T = TypeVar("T")


@dataclass(frozen=True)
class DealView:
    """What the Deals page shows for a set of filters."""

    rows: list[TableRow]
    total: GroupTotal
    facets: dict[str, list[tuple[str, int]]]  # facet -> (value, deals), most deals first
    groups: list[GroupTotal] = field(default_factory=list)  # totals_by's groups shown
    group_count: int = 0  # how many groups totals_by has in all
    values: UsdReport | None = None  # the values in constant dollars, when asked for


def deal_view(
    session: Session,
    filters: DealFilters,
    *,
    sort: str = "order_date",
    descending: bool = True,
    limit: int = 100,
    offset: int = 0,
    concurrent: bool = False,
    totals_by: GroupBy | str | None = None,
    groups_shown: int = 12,
    groups_from: int = 0,
    facets: bool = True,
    values: bool = False,
    base_year: int | None = None,
) -> DealView:
    """One page of the filtered deals, the totals of all of them, and their facets; with
    `totals_by`, also their totals by that group (`groups_shown` of them from the
    `groups_from`-th, each named by what tells its deals apart). facets=False skips the
    facet counts (`DealView.facets` is then empty), four of the view's queries.
    values=True also brings their values in constant dollars of `base_year`
    (`usd_totals`), read at the same time as the rest.

    concurrent=True runs the queries at once on their own connections (see
    `read_concurrently`): for readers of committed data, such as the dashboard."""
    resolved = resolve_filters(session, filters)  # once for all the view's queries
    page = partial(table_rows, filters=resolved, sort=sort, descending=descending,
                   limit=limit, offset=offset)  # fmt: skip
    # With totals by a group, the overall figures are added up from the groups' pass
    # over the filtered deals instead of read by two more.
    overall: Callable[[Session], Any] = partial(overall_total, filters=resolved)
    if totals_by is not None:
        overall = partial(
            totals_and_overall, filters=resolved, by=totals_by, parts_from=groups_from,
            parts_groups=groups_shown,
        )  # fmt: skip
    calls: list[Callable[[Session], Any]] = [overall, page]  # the longest query first
    if values:
        calls.append(partial(usd_totals, filters=resolved, base_year=base_year))
    faceted = FACETS if facets else ()
    calls += [partial(facet_counts, filters=resolved, by=by) for by in faceted]
    summed, rows, *rest = read_concurrently(session, calls, concurrent)
    groups: list[GroupTotal] = []
    if totals_by is None:
        total = summed
    else:
        groups, total = summed
    report: UsdReport | None = rest.pop(0) if values else None
    return DealView(
        rows=rows,
        total=total,
        facets={by.value: counts for by, counts in zip(faceted, rest, strict=True)},
        groups=groups[groups_from : groups_from + groups_shown],
        group_count=len(groups),
        values=report,
    )


@dataclass(frozen=True)
class Overview:
    """What the Overview page shows for a set of filters."""

    total: GroupTotal
    by_year: list[GroupTotal]
    by_buyer: list[GroupTotal]
    by_seller: list[GroupTotal]
    by_status: list[GroupTotal]
    flows: list[Flow]


def overview(session: Session, filters: DealFilters, *, concurrent: bool = False) -> Overview:
    """Headline figures, totals by year, buyer, seller and status, and who supplies whom
    among the busiest suppliers and recipients."""
    resolved = resolve_filters(session, filters)
    first, *others = OVERVIEW_TOTALS  # the overall figures come with the first's pass
    calls: list[Callable[[Session], Any]] = [
        partial(totals_and_overall, filters=resolved, by=first, parts_up_to=0),
        *(partial(totals, filters=resolved, by=by, parts_up_to=0) for by in others),
        partial(supply_matrix, filters=resolved),
    ]
    (by_year, total), by_buyer, by_seller, by_status, top = read_concurrently(
        session, calls, concurrent
    )
    return Overview(total, by_year, by_buyer, by_seller, by_status, top)


OVERVIEW_TOTALS = (GroupBy.YEAR, GroupBy.BUYER, GroupBy.SELLER, GroupBy.STATUS)


# --- reading concurrently ----------------------------------------------------------------
#
# A view runs several aggregates over the same filtered deals. SQLite and psycopg release
# the GIL while a statement runs, so on several cores they can run at once, each on its own
# connection, as Datasette runs its facets (3 threads by default). Each call gets a new
# session, so it sees committed data only: callers with unflushed or uncommitted writes
# of their own must not ask for it.

READ_THREADS = 3
_read_pool: ThreadPoolExecutor | None = None
_read_pool_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _read_pool
    with _read_pool_lock:
        if _read_pool is None:
            _read_pool = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="tracker-read")
        return _read_pool


def _separate_connections(session: Session) -> Engine | None:
    """The engine to open further connections on, if they see the same database."""
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return None  # a session bound to one connection (a test's outer transaction)
    if bind.dialect.name == "sqlite" and bind.url.database in (None, "", ":memory:"):
        return None  # every connection to an in-memory database is a new database
    return bind


def read_concurrently(
    session: Session, calls: Sequence[Callable[[Session], T]], concurrent: bool = True
) -> list[T]:
    """The results of `calls`, each given a session; at once when `concurrent` and the
    database allows it, else one after another in `session`."""
    engine = _separate_connections(session) if concurrent and len(calls) > 1 else None
    if engine is None:
        return [call(session) for call in calls]

    def run(call: Callable[[Session], T]) -> T:
        with Session(engine) as own:
            return call(own)

    futures = [_pool().submit(run, call) for call in calls]
    return [future.result() for future in futures]
