"""SIPRI TIV summed ahead ("TIV cells"): the rules of the `tiv_cell` table.

A TIV view over a million deals would otherwise join every delivery record with its deal
(seconds to a minute); the cells hold the same sums by delivery year, recipient, supplier
and category, in several grains (each also summed over all years), so a view reads a
few thousand rows. The rules here:
- which TIV a deal adds to which cell (`_dated` and `_undated`: the rules of
  `tracker.read.tiv`, one row per cell key, TIV in exact thousandths), and how the
  finest grain rolls up into the others (`_add_row` in Python, `_roll_up` in SQL);
- which filters they answer (`tiv_sums`): none, buyers, sellers, categories and
  delivery years; any other filter, or a grouping by platform, is answered by the exact
  queries of `tracker.read.tiv`, which give the same figures.
`tracker.store.cells` keeps them current in every write. TIV is stored data, never
converted, so no release of the app changes a cell.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    case,
    cast,
    distinct,
    false,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Session

from tracker.store.cell_family import (
    FIRST_DELIVERY,
    LAST_DELIVERY,
    NEVER_DELIVERED,
    NEVER_FIRST,
    NEVER_LAST,
    Deals,
    Family,
    Key,
    Sums,
    only,
    sets_only,
)
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
KEY = ("grain", "year", "buyer_id", "seller_id", "category", "spread_years", "deal_first",
       "deal_last")  # fmt: skip
MEASURES = ("tiv_milli", "deals", "first_deals")

# Only these filters are answered from cells (the rest must be unset).
COVERED = frozenset({"buyers", "sellers", "categories", "delivered_from", "delivered_to"})


# --- what each deal adds -------------------------------------------------------------------


def _milli(value: Any) -> Any:
    """TIV (3 decimal places) as whole thousandths, so sums are exact on every backend."""
    return cast(func.round(value * 1000), BigInteger)


def _record_counts(deal_ids: Deals) -> Any:
    """Per deal: its records, those with TIV, and the first year of each."""
    stmt = select(
        Delivery.deal_id.label("deal_id"),
        func.count().label("records"),
        func.count(Delivery.tiv).label("stated"),
        func.min(Delivery.year).label("first"),
        func.min(case((Delivery.tiv.is_not(None), Delivery.year))).label("first_stated"),
    ).group_by(Delivery.deal_id)
    return stmt.where(only(Delivery.deal_id, deal_ids)).subquery()


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
    first, last, never = FIRST_DELIVERY, LAST_DELIVERY, NEVER_DELIVERED
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
        .where(only(Deal.id, deal_ids))
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


def _add_row(sums: Sums, row: Sequence[Any]) -> None:
    """What one finest-grain row adds to every grain. Over all years a deal counts once:
    in its first year's row (`first_deals`)."""
    milli, deals, first = (int(value or 0) for value in row[7:])
    for grain in GRAINS:
        cell = sums[_grain_key(grain, row)]
        cell[0] += milli
        cell[1] += first if grain & YEARLESS else deals
        cell[2] += first


def _roll_up(session: Session | Connection, table: Table) -> None:
    """Insert into `table` (the cells or their delta) every other grain, each summed from a
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


def _finest(deal_ids: Deals) -> list[Select[Any]]:
    return [_dated(deal_ids), _undated(deal_ids)]


TIV = Family(CELLS, KEY, MEASURES, FINEST, _finest, _add_row, _roll_up)


# --- reading them ----------------------------------------------------------------------------

DIMENSIONS = {"year": CELLS.c.year, "buyer": CELLS.c.buyer_id, "seller": CELLS.c.seller_id,
              "category": CELLS.c.category}  # fmt: skip
_BITS = {"buyer": BUYER, "seller": SELLER, "category": CATEGORY}


def covers(filters: Any, plain_period: tuple[int | None, int | None]) -> bool:
    """Whether cells answer these (DealFilters) filters over `plain_period` (delivery
    years): only the COVERED filters are set, and a "delivered in" filter, if any, is the
    period counted."""
    if not sets_only(filters, COVERED):
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
