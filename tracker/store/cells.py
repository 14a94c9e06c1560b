"""TIV summed ahead ("cells"), kept current in the transaction of every write.

A TIV view over a million deals would otherwise join every delivery record with its deal
(seconds to a minute); the cells hold the same sums by delivery year, recipient, supplier
and category, in several grains (each also summed over all years), so a view reads a
few thousand rows. Every rule about
cells lives here:
- which TIV a deal adds to which cell (`_dated` and `_undated`: the rules of
  `tracker.read.tiv`, one row per cell key, TIV in exact thousandths);
- keeping them current: a writer wraps its change in `kept_current` with the deals it
  touches; their cells are computed before and after, and the difference is added
  (`tracker.write._concurrency.versioned_update` for one deal, `write_batch` for
  imports); deals created inside had no cells, so what they add is summed by the
  database (from SUMMED_BY_DATABASE on), as `rebuild` sums all deals; `rebuild`
  recomputes them all (migration, restore, generated databases);
- which filters they answer (`tiv_sums`): none, buyers, sellers, categories and
  delivery years; any other filter, or a grouping by platform, is answered by the exact
  queries of `tracker.read.tiv`, which give the same figures.
TIV is stored data, never converted, so no release of the app changes a cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Connection,
    MetaData,
    Select,
    Table,
    and_,
    bindparam,
    case,
    cast,
    delete,
    distinct,
    extract,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from tracker.store.db import Base
from tracker.store.models import Deal, Delivery, Platform, TivCellRow

CELLS: Table = Base.metadata.tables[TivCellRow.__tablename__]
BUYER, SELLER, CATEGORY = 1, 2, 4  # bits of `grain`: the dimensions a row keeps
YEARLESS = 8  # and a grain summed over all years, for views with no period
FINEST = BUYER | SELLER | CATEGORY
# The grains stored, smallest first: a read takes the first that keeps all it needs.
BY_YEAR = (0, CATEGORY, SELLER, SELLER | CATEGORY, BUYER, BUYER | CATEGORY, FINEST)
OVER_ALL_YEARS = (0, CATEGORY, SELLER, SELLER | CATEGORY, BUYER, BUYER | CATEGORY, BUYER | SELLER)
GRAINS = (*BY_YEAR, *(YEARLESS | grain for grain in OVER_ALL_YEARS))
# Each grain but the finest is summed from a finer one (listed before it), a small one
# where there is a choice: sums of sums are the same sums, and far fewer rows to sort.
ROLLED_FROM = {
    BUYER | CATEGORY: FINEST,
    SELLER | CATEGORY: FINEST,
    YEARLESS | BUYER | SELLER: FINEST,
    BUYER: BUYER | CATEGORY,
    SELLER: SELLER | CATEGORY,
    CATEGORY: SELLER | CATEGORY,
    0: CATEGORY,
    YEARLESS | BUYER | CATEGORY: BUYER | CATEGORY,
    YEARLESS | SELLER | CATEGORY: SELLER | CATEGORY,
    YEARLESS | BUYER: YEARLESS | BUYER | CATEGORY,
    YEARLESS | SELLER: YEARLESS | SELLER | CATEGORY,
    YEARLESS | CATEGORY: YEARLESS | SELLER | CATEGORY,
    YEARLESS: YEARLESS | CATEGORY,
}
UNDATED = 0  # `year` of TIV with no delivery year
DATED = 1  # `year` of a yearless row of TIV with delivery years
# `deal_first`/`deal_last` of a deal no "delivered in" filter selects (deliveries only
# expected, or no delivery date): first after any period, last before it.
NEVER_FIRST, NEVER_LAST = 9999, 0
KEY = ("grain", "year", "buyer_id", "seller_id", "category", "spread_years", "deal_first",
       "deal_last")  # fmt: skip
MEASURES = ("tiv_milli", "deals", "first_deals")
CHUNK = 500  # deal ids per IN list
SUMMED_BY_DATABASE = 100  # new deals from this many on: their cells summed by the database

Key = tuple[int, int, int, int, str, int, int, int]
Sums = dict[Key, list[int]]
Deals = Sequence[int] | range | None  # ids (an IN list), a run of ids, or all deals

# What one write adds to each cell, gathered before it is added in key order: a
# temporary table of the connection, never part of the schema.
DELTA = Table(
    "tiv_cell_delta",
    MetaData(),
    *(Column(column.name, column.type) for column in CELLS.columns),
    prefixes=["TEMPORARY"],
)

# Only these filters are answered from cells (the rest must be unset).
COVERED = frozenset({"buyers", "sellers", "categories", "delivered_from", "delivered_to"})


# --- what each deal adds -------------------------------------------------------------------


def _milli(value: Any) -> Any:
    """TIV (3 decimal places) as whole thousandths, so sums are exact on every backend."""
    return cast(func.round(value * 1000), BigInteger)


def _only(column: Any, deal_ids: Deals) -> ColumnElement[bool]:
    """The condition that `column` (a deal id) is one of `deal_ids`."""
    if deal_ids is None:
        return true()
    if isinstance(deal_ids, range):
        run: ColumnElement[bool] = column.between(deal_ids.start, deal_ids.stop - 1)
        return run
    listed: ColumnElement[bool] = column.in_(deal_ids)
    return listed


def _record_counts(deal_ids: Deals) -> Any:
    """Per deal: its records, those with TIV, and the first year of each."""
    stmt = select(
        Delivery.deal_id.label("deal_id"),
        func.count().label("records"),
        func.count(Delivery.tiv).label("stated"),
        func.min(Delivery.year).label("first"),
        func.min(case((Delivery.tiv.is_not(None), Delivery.year))).label("first_stated"),
    ).group_by(Delivery.deal_id)
    return stmt.where(_only(Delivery.deal_id, deal_ids)).subquery()


def _dated(deal_ids: Deals) -> Select[Any]:
    """Cells of TIV by delivery year: a record's own TIV; or, when none of the deal's
    records states one, the deal's total once per record (divided by `spread_years` on
    reading), as `tracker.read.tiv` counts them. Live deals only."""
    counts = _record_counts(deal_ids)
    spread = counts.c.stated == 0
    value = case((spread, Deal.tiv_delivered), else_=Delivery.tiv)
    first_record = case((spread, counts.c.first), else_=counts.c.first_stated)
    # The deal's delivery years as a "delivered in" filter reads them. A record within
    # them passes that filter whenever its year is in the period: it keeps its own year
    # as both, so cells of all deals delivering over the same years stay one.
    first = extract("year", func.coalesce(Deal.first_delivery_date, Deal.last_delivery_date))
    last = extract("year", func.coalesce(Deal.last_delivery_date, Deal.first_delivery_date))
    never = or_(Deal.deliveries_expected.is_(True), first.is_(None))
    within = and_(first <= Delivery.year, last >= Delivery.year)
    keys = (
        Delivery.year,
        Deal.buyer_id,
        Deal.seller_id,
        Platform.category,
        case((spread, counts.c.records), else_=0),
        case((never, NEVER_FIRST), (within, Delivery.year), else_=first),
        case((never, NEVER_LAST), (within, Delivery.year), else_=last),
    )
    return (
        select(
            *keys,
            func.sum(_milli(value)),
            func.count(distinct(Deal.id)),
            func.count(distinct(case((Delivery.year == first_record, Deal.id)))),
        )
        .select_from(Delivery)
        .join(Deal, Deal.id == Delivery.deal_id)
        .join(Platform, Platform.id == Deal.platform_id)
        .join(counts, counts.c.deal_id == Delivery.deal_id)
        .where(Deal.deleted_at.is_(None), value.is_not(None))
        .group_by(*keys)
    )


def _undated(deal_ids: Deals) -> Select[Any]:
    """Deals with delivered TIV and no delivery record: year UNDATED."""
    no_records = ~select(Delivery.id).where(Delivery.deal_id == Deal.id).exists()
    keys = (Deal.buyer_id, Deal.seller_id, Platform.category)
    return (
        select(
            literal(UNDATED),
            *keys,
            literal(0),
            literal(NEVER_FIRST),
            literal(NEVER_LAST),
            func.sum(_milli(Deal.tiv_delivered)),
            func.count(),
            func.count(),
        )
        .join(Platform, Platform.id == Deal.platform_id)
        .where(Deal.deleted_at.is_(None), Deal.tiv_delivered.is_not(None), no_records)
        .where(_only(Deal.id, deal_ids))
        .group_by(*keys)
    )


def _grain_key(grain: int, row: Sequence[Any]) -> Key:
    """A finest-grain row's key in `grain`: dimensions it drops become 0 or ""; a
    yearless grain keeps only whether there is a year."""
    year, buyer, seller, category, spread, first, last = row[:7]
    if grain & YEARLESS:
        year, first, last = (DATED if year != UNDATED else UNDATED), 0, 0
    return (
        grain, int(year), int(buyer) if grain & BUYER else 0,
        int(seller) if grain & SELLER else 0,
        str(getattr(category, "value", category)) if grain & CATEGORY else "",
        int(spread), int(first), int(last),
    )  # fmt: skip


def _sums(session: Session, deal_ids: Collection[int]) -> Sums:
    """What these deals add to each cell, in every grain. Over all years a deal counts
    once: in its first year's row (`first_deals`)."""
    sums: Sums = defaultdict(lambda: [0, 0, 0])
    ids = sorted(deal_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for stmt in (_dated(chunk), _undated(chunk)):
            for row in session.execute(stmt):
                milli, deals, first = (int(value or 0) for value in row[7:])
                for grain in GRAINS:
                    cell = sums[_grain_key(grain, row)]
                    cell[0] += milli
                    cell[1] += first if grain & YEARLESS else deals
                    cell[2] += first
    return sums


# --- keeping them current ------------------------------------------------------------------


def _changes(before: Sums, after: Sums) -> list[dict[str, Any]]:
    """after − before, cell by cell, in key order (the cells unchanged left out)."""
    changes: list[dict[str, Any]] = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key, [0, 0, 0]), after.get(key, [0, 0, 0])
        delta = [b - a for a, b in zip(old, new, strict=True)]
        if any(delta):
            changes.append(
                {**dict(zip(KEY, key, strict=True)), **dict(zip(MEASURES, delta, strict=True))}
            )
    return changes


def _runs(deal_ids: Collection[int]) -> list[range]:
    """Ids as runs of consecutive ids (an import's new deals are one run)."""
    runs: list[range] = []
    for deal_id in sorted(deal_ids):
        if runs and runs[-1].stop == deal_id:
            runs[-1] = range(runs[-1].start, deal_id + 1)
        else:
            runs.append(range(deal_id, deal_id + 1))
    return runs


def _add_created(session: Session, created: Collection[int], changes: list[dict[str, Any]]) -> None:
    """Add to the cells what the new deals `created` add (summed by the database, as
    `rebuild` sums them) and the `changes`, in one statement in key order."""
    connection = session.connection()
    connection.execute(CreateTable(DELTA, if_not_exists=True))
    runs = _runs(created)
    for run in runs:
        _add_finest(connection, DELTA, run)
    _roll_up(connection, DELTA)
    if changes:
        connection.execute(insert(DELTA), changes)
    key = [DELTA.c[name] for name in KEY]
    rows = select(*key, *(DELTA.c[name] for name in MEASURES)).where(true())
    if changes or len(runs) > 1:  # else one row per key already
        rows = select(*key, *(func.sum(DELTA.c[name]) for name in MEASURES)).group_by(*key)
    connection.execute(_upsert(session, rows.where(true()).order_by(*key)))
    connection.execute(delete(DELTA))


def _upsert(session: Session, rows: Select[Any] | None = None) -> Any:
    """Add rows (these, or each parameter set) to the cells."""
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = make(CELLS)
    if rows is not None:
        stmt = stmt.from_select([CELLS.c[name] for name in (*KEY, *MEASURES)], rows)
    return stmt.on_conflict_do_update(
        index_elements=list(KEY),
        set_={name: CELLS.c[name] + stmt.excluded[name] for name in MEASURES},
    )


def _apply(session: Session, before: Sums, after: Sums, created: Collection[int]) -> None:
    """Add after − before and what the new deals `created` add to the cells; drop cells
    left with no deal. In key order, so concurrent writers lock shared cells in the same
    order (PostgreSQL)."""
    changes = _changes(before, after)
    if created:
        _add_created(session, created, changes)
    elif changes:
        session.execute(_upsert(session), changes)
    emptied = [change for change in changes if change["deals"] < 0]
    if emptied:
        same = [CELLS.c[name] == bindparam(f"k_{name}") for name in KEY]
        params = [{f"k_{name}": change[name] for name in KEY} for change in emptied]
        session.execute(delete(CELLS).where(*same, CELLS.c.deals <= 0), params)


@contextmanager
def kept_current(session: Session, deal_ids: Iterable[int] = ()) -> Iterator[set[int]]:
    """Around a write to the deals `deal_ids` (their columns, records, deletion): keep
    their cells current. Ids of deals created inside are added to the set it yields (they
    had no cells, so only what they add is computed; by the database from
    SUMMED_BY_DATABASE on). Nothing is changed if the block
    raises."""
    known = set(deal_ids)
    before = _sums(session, known)
    touched = set(known)
    yield touched
    session.flush()
    created = touched - known
    if len(created) < SUMMED_BY_DATABASE:  # a few: fewer statements in Python
        known, created = touched, set()
    _apply(session, before, _sums(session, known), created)


def _add_finest(session: Session | Connection, table: Table, deal_ids: Deals) -> None:
    """Insert the finest-grain rows of these deals into `table` (the cells or DELTA)."""
    columns = [table.c[name] for name in (*KEY, *MEASURES)]
    for stmt in (_dated(deal_ids), _undated(deal_ids)):
        rows = stmt.subquery()
        session.execute(insert(table).from_select(columns, select(literal(FINEST), *rows.c)))


def _roll_up(session: Session | Connection, table: Table) -> None:
    """Insert into `table` (the cells or DELTA) every other grain, each summed from a
    finer one (`ROLLED_FROM`) as `_grain_key` rolls a finest-grain row up."""
    columns = [table.c[name] for name in (*KEY, *MEASURES)]
    for grain, finer in ROLLED_FROM.items():
        summed = [func.sum(table.c[m]) for m in MEASURES]
        kept: list[Any] = [
            table.c.year,
            table.c.buyer_id if grain & BUYER else literal(0),
            table.c.seller_id if grain & SELLER else literal(0),
            table.c.category if grain & CATEGORY else literal(""),
            table.c.spread_years,
            table.c.deal_first,
            table.c.deal_last,
        ]
        if grain & YEARLESS:  # as `_grain_key`: a deal once, in its first year's row
            dated = case((table.c.year == UNDATED, UNDATED), else_=DATED)
            kept = [dated, *kept[1:5], literal(0), literal(0)]
            summed[1] = summed[2]
        rolled = select(literal(grain), *kept, *summed).where(table.c.grain == finer)
        session.execute(insert(table).from_select(columns, rolled.group_by(*kept)))


def rebuild(session: Session | Connection) -> None:
    """Recompute every cell from the deals (after a restore, a migration, a generator)."""
    session.execute(delete(CELLS))
    _add_finest(session, CELLS, None)
    _roll_up(session, CELLS)


# --- reading them ----------------------------------------------------------------------------

DIMENSIONS = {"year": CELLS.c.year, "buyer": CELLS.c.buyer_id, "seller": CELLS.c.seller_id,
              "category": CELLS.c.category}  # fmt: skip
_BITS = {"buyer": BUYER, "seller": SELLER, "category": CATEGORY}


def covers(filters: Any, plain_period: tuple[int | None, int | None]) -> bool:
    """Whether cells answer these (DealFilters) filters over `plain_period` (delivery
    years): only the COVERED filters are set, and a "delivered in" filter, if any, is the
    period counted."""
    unset = type(filters)()
    if filters.text is not None and not filters.text.strip():  # a blank search is none
        filters = filters.model_copy(update={"text": None})
    if any(getattr(filters, name) != getattr(unset, name) for name in type(filters).model_fields
           if name not in COVERED):  # fmt: skip
        return False
    delivered = (filters.delivered_from, filters.delivered_to)
    return delivered == (None, None) or delivered == plain_period


def _in(column: Any, values: Collection[Any] | None) -> ColumnElement[bool] | None:
    if values is None:
        return None
    return column.in_(sorted(values)) if values else false()


def tiv_sums(
    session: Session,
    *,
    by: Sequence[str],
    buyer_ids: Collection[int] | None,
    seller_ids: Collection[int] | None,
    categories: Collection[str] | None,
    period: tuple[int | None, int | None],
    delivered: bool,
) -> list[tuple[Any, ...]]:
    """(*group keys, spread_years, undated, TIV thousandths, deals, first_deals) from the
    smallest grain that has the `by` dimensions (year, buyer, seller, category) and the
    filtered ones, summed over all years when neither the year nor a period is asked
    for. `delivered`: the filters ask for deals delivered in `period` too."""
    needed = {name for name in by if name in _BITS}
    needed |= {"buyer"} if buyer_ids is not None else set()
    needed |= {"seller"} if seller_ids is not None else set()
    needed |= {"category"} if categories is not None else set()
    bits = sum(_BITS[name] for name in needed)
    low, high = period
    yearless = "year" not in by and not (low or high)
    kept = [g for g in GRAINS if g & bits == bits and bool(g & YEARLESS) == yearless]
    grain = (kept or [FINEST])[0]
    where = [
        CELLS.c.grain == grain,
        _in(CELLS.c.buyer_id, buyer_ids),
        _in(CELLS.c.seller_id, seller_ids),
        _in(CELLS.c.category, categories),
    ]
    if low or high:
        where.append(CELLS.c.year != UNDATED)
    if low:
        where.append(CELLS.c.year >= low)
        where.append(CELLS.c.deal_last >= low if delivered else None)
    if high:
        where.append(CELLS.c.year <= high)
        where.append(CELLS.c.deal_first <= high if delivered else None)
    undated = case((CELLS.c.year == UNDATED, 1), else_=0)
    keys = [DIMENSIONS[name] for name in by]
    stmt = (
        select(*keys, CELLS.c.spread_years, undated, *(func.sum(CELLS.c[m]) for m in MEASURES))
        .where(*(c for c in where if c is not None))
        .group_by(*keys, CELLS.c.spread_years, undated)
    )
    return [tuple(row) for row in session.execute(stmt).all()]
