"""SIPRI trend-indicator values (TIV): volume of arms transferred, by delivery year.

TIV is SIPRI's measure of military capability transferred, in millions, not money: it
is never added to a deal's value, and every figure here is labelled `TIV_LABEL`.

Where the TIV of a year comes from, one rule (`_exact_cells`; `tracker.store.cells` sums
the same ahead, and `_cells` reads those sums when they answer the filters):
- a delivery record with its own TIV (SIPRI's one-row-per-delivery-year layout) counts
  in its year, as the file states it;
- a deal whose delivery records carry no TIV (the one-row-per-deal layout gives only the
  total and a list of years) has its `tiv_delivered` spread evenly over those years, and
  the share spread that way is reported (`spread`) so a page can say so;
- a deal with `tiv_delivered` but no delivery year counts in totals without a period, in
  the year "unknown" (`undated`), and in no period.
So a total with no period equals the sum of the imported files' TIV-delivered columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, func, select
from sqlalchemy.orm import Session

from tracker.domain.vocab import Category, label
from tracker.read.filters import (
    LIVE,
    DealFilters,
    ResolvedFilters,
    filter_conditions,
    resolve_filters,
)
from tracker.store import tiv_cells as summed
from tracker.store.models import Deal, Delivery, Party, Platform

TIV_LABEL = "SIPRI TIV (millions)"
TIV_METHOD_URL = "https://www.sipri.org/databases/armstransfers/sources-and-methods"
SPREAD_NOTE = (
    "Where a SIPRI file gives a deal's TIV only as a total with a list of delivery years, "
    "the total is spread evenly over those years."
)
MOVING_YEARS = 5  # SIPRI charts its trend with a five-year moving average

Filters = DealFilters | ResolvedFilters
Period = tuple[int | None, int | None]  # delivery years, inclusive; None: open


class TivBy(StrEnum):
    YEAR = "year"
    SUPPLIER = "supplier"
    RECIPIENT = "recipient"
    CATEGORY = "category"
    PLATFORM = "platform"


_COLUMNS: dict[TivBy, Any] = {
    TivBy.YEAR: Delivery.year,
    TivBy.SUPPLIER: Deal.seller_id,
    TivBy.RECIPIENT: Deal.buyer_id,
    TivBy.CATEGORY: Platform.category,
    TivBy.PLATFORM: Deal.platform_id,
}


@dataclass
class TivCell:
    """TIV of one group: all of it, and how much of it was spread or has no year."""

    tiv: Decimal = Decimal(0)
    spread: Decimal = Decimal(0)
    undated: Decimal = Decimal(0)
    deals: int = 0

    def add(self, tiv: Decimal, deals: int, *, spread: bool = False, undated: bool = False) -> None:
        self.tiv += tiv
        self.deals += deals
        self.spread += tiv if spread else 0
        self.undated += tiv if undated else 0


@dataclass(frozen=True)
class TivTotal:
    """One row of a TIV table: the group's name (None: unknown), TIV and its make-up."""

    key: Any
    tiv: Decimal
    deals: int
    spread: Decimal = Decimal(0)
    undated: Decimal = Decimal(0)

    @property
    def label(self) -> str:
        if self.key is None:
            return "(unknown)"
        return label(self.key) if isinstance(self.key, StrEnum) else str(self.key)


@dataclass(frozen=True)
class TivReport:
    """TIV totals per group, their sum, and the note a page shows beside them."""

    by: TivBy | None
    rows: list[TivTotal]
    total: TivTotal
    period: Period = (None, None)
    unit: str = TIV_LABEL
    method_url: str = TIV_METHOD_URL

    @property
    def notes(self) -> list[str]:
        notes = [SPREAD_NOTE] if self.total.spread else []
        if self.total.undated:
            notes.append(f"{format_tiv(self.total.undated)} has no delivery year.")
        return notes


def format_tiv(value: Decimal) -> str:
    """TIV as SIPRI tables print it, in millions to one decimal: "1,234.5"."""
    return f"{value.quantize(Decimal('0.1')):,}"


# --- the one query -------------------------------------------------------------------------


def _years(column: Any, period: Period) -> list[ColumnElement[bool]]:
    low, high = period
    return [
        c
        for c in (column >= low if low else None, column <= high if high else None)
        if c is not None
    ]


def _from_deliveries(by: Sequence[TivBy], *extra: Any) -> Select[Any]:
    columns = [_COLUMNS[dimension] for dimension in by]
    stmt = select(*columns, *extra).select_from(Delivery).join(Deal, Deal.id == Delivery.deal_id)
    if TivBy.CATEGORY in by:
        stmt = stmt.join(Platform, Platform.id == Deal.platform_id)
    return stmt.group_by(*columns)


def _stated(by: Sequence[TivBy], where: list[Any], period: Period) -> Select[Any]:
    """Delivery records with their own TIV."""
    return _from_deliveries(
        by, func.sum(Delivery.tiv), func.count(distinct(Delivery.deal_id))
    ).where(LIVE, *where, Delivery.tiv.is_not(None), *_years(Delivery.year, period))


def _spread(by: Sequence[TivBy], where: list[Any], period: Period) -> Select[Any]:
    """Deals whose records have no TIV: their total, once per record, with the number of
    records (all of the deal's years, not only those in the period) to divide it by."""
    years = (
        select(Delivery.deal_id, func.count().label("years"))
        .group_by(Delivery.deal_id)
        .having(func.count(Delivery.tiv) == 0)
        .subquery()
    )
    stmt = _from_deliveries(
        by, years.c.years, func.sum(Deal.tiv_delivered), func.count(distinct(Deal.id))
    )
    return (
        stmt.join(years, years.c.deal_id == Delivery.deal_id)
        .where(LIVE, *where, Deal.tiv_delivered.is_not(None), *_years(Delivery.year, period))
        .group_by(years.c.years)
    )


def _undated(by: Sequence[TivBy], where: list[Any]) -> Select[Any]:
    """Deals with delivered TIV and no delivery record: no year to put it in."""
    columns = [_COLUMNS[dimension] for dimension in by if dimension is not TivBy.YEAR]
    no_records = ~select(Delivery.id).where(Delivery.deal_id == Deal.id).exists()
    stmt = select(*columns, func.sum(Deal.tiv_delivered), func.count()).select_from(Deal)
    if TivBy.CATEGORY in by:
        stmt = stmt.join(Platform, Platform.id == Deal.platform_id)
    return stmt.where(LIVE, *where, Deal.tiv_delivered.is_not(None), no_records).group_by(*columns)


def _cells(
    session: Session, filters: Filters, by: Sequence[TivBy], period: Period, *, deals: bool = True
) -> dict[tuple[Any, ...], TivCell]:
    """TIV per combination of `by` keys (ids, categories, years), under the filters: from
    the cells summed ahead when they answer these filters, else from the records. Without
    `deals`, the deal counts may be left at 0 (a ranking shows none)."""
    resolved = resolve_filters(session, filters)
    found = _from_cells(session, resolved, by, period, deals=deals)
    return found if found is not None else _exact_cells(session, resolved, by, period)


_CELL_DIMENSIONS = {
    TivBy.YEAR: "year",
    TivBy.SUPPLIER: "seller",
    TivBy.RECIPIENT: "buyer",
    TivBy.CATEGORY: "category",
}


def _from_cells(
    session: Session, resolved: ResolvedFilters, by: Sequence[TivBy], period: Period, *, deals: bool
) -> dict[tuple[Any, ...], TivCell] | None:
    """The same cells as `_exact_cells`, from `tracker.store.cells`; None when those do not
    answer the filters (or cannot count deals across years of a period when asked to)."""
    plain = resolved.filters
    if any(d not in _CELL_DIMENSIONS for d in by) or not summed.covers(plain, period):
        return None
    counted = TivBy.YEAR in by or period == (None, None)
    if deals and not counted:
        return None
    rows = summed.tiv_sums(
        session,
        by=[_CELL_DIMENSIONS[d] for d in by],
        buyer_ids=resolved.buyer_ids,
        seller_ids=resolved.seller_ids,
        categories={c.value for c in plain.categories} if plain.categories else None,
        period=period,
        delivered=(plain.delivered_from, plain.delivered_to) != (None, None),
    )
    width = len(by)
    found: dict[tuple[Any, ...], TivCell] = defaultdict(TivCell)
    for row in rows:
        keys, (years, undated, milli, in_cell, first) = row[:width], row[width:]
        tiv = Decimal(milli).scaleb(-3)
        count = (in_cell if TivBy.YEAR in by else first) if counted else 0
        cell = found[tuple(map(_cell_key, by, keys)) if width else ()]
        if undated:
            cell.add(tiv, count, undated=True)
        elif years:
            cell.add(tiv / years, count, spread=True)
        else:
            cell.add(tiv, count)
    return dict(found)


def _cell_key(by: TivBy, key: Any) -> Any:
    """A cell's key as the exact queries give it: no year as None, categories as such."""
    if by is TivBy.YEAR:
        return key or None
    return Category(key) if by is TivBy.CATEGORY else key


def _exact_cells(
    session: Session, resolved: ResolvedFilters, by: Sequence[TivBy], period: Period
) -> dict[tuple[Any, ...], TivCell]:
    """TIV per combination of `by` keys, read from every matching delivery record."""
    where = filter_conditions(resolved)
    cells_: dict[tuple[Any, ...], TivCell] = defaultdict(TivCell)
    width = len(by)
    # A sum over no rows is NULL (an ungrouped total of nothing): skipped, never zero.
    for *keys, tiv, deals in session.execute(_stated(by, where, period)):
        if tiv is not None:
            cells_[tuple(keys)].add(Decimal(tiv), int(deals))
    for row in session.execute(_spread(by, where, period)):
        group, years, tiv, deals = row[:width], row[width], row[width + 1], row[width + 2]
        if tiv is not None:
            cells_[tuple(group)].add(Decimal(tiv) / years, int(deals), spread=True)
    if period == (None, None):
        year_at = by.index(TivBy.YEAR) if TivBy.YEAR in by else None
        for *keys, tiv, deals in session.execute(_undated(by, where)):
            if tiv is None:
                continue
            if year_at is not None:
                keys.insert(year_at, None)
            cells_[tuple(keys)].add(Decimal(tiv), int(deals), undated=True)
    return dict(cells_)


def _period(filters: Filters, period: Period | None) -> Period:
    """The delivery years counted: the one asked for, else the filters' delivery years."""
    if period is not None:
        return period
    plain = filters.filters if isinstance(filters, ResolvedFilters) else filters
    return plain.delivered_from, plain.delivered_to


# --- names -------------------------------------------------------------------------------


def _names(session: Session, by: TivBy, keys: Iterable[Any]) -> dict[Any, Any]:
    ids = sorted({key for key in keys if key is not None})
    if by in (TivBy.SUPPLIER, TivBy.RECIPIENT):
        return dict(session.execute(select(Party.id, Party.name).where(Party.id.in_(ids))).all())
    if by is TivBy.PLATFORM:
        stmt = select(Platform.id, Platform.designation).where(Platform.id.in_(ids))
        return dict(session.execute(stmt).all())
    if by is TivBy.CATEGORY:
        return {key: Category(key) for key in ids}
    return {key: key for key in ids}


def _total(key: Any, cells: Iterable[TivCell]) -> TivTotal:
    cells = list(cells)
    return TivTotal(
        key,
        sum((cell.tiv for cell in cells), Decimal(0)),
        sum(cell.deals for cell in cells),
        sum((cell.spread for cell in cells), Decimal(0)),
        sum((cell.undated for cell in cells), Decimal(0)),
    )


# --- what pages and commands ask for -------------------------------------------------------


def tiv_totals(
    session: Session, filters: Filters, by: TivBy | str | None = None, period: Period | None = None
) -> TivReport:
    """TIV per delivery year (in year order), supplier, recipient, category or platform
    (largest first), or only the total (`by=None`), under the filters and in the period."""
    return _report(session, filters, by, period)


def _report(
    session: Session,
    filters: Filters,
    by: TivBy | str | None,
    period: Period | None,
    *,
    deals: bool = True,
) -> TivReport:
    years = _period(filters, period)
    if by is None:
        found = _cells(session, filters, (), years, deals=deals)
        total = _total("all", found.values())
        return TivReport(None, [], total, years)
    group = TivBy(by)
    found = _cells(session, filters, (group,), years, deals=deals)
    names = _names(session, group, (key for (key,) in found))
    rows = [_total(names.get(key, key), [cell]) for (key,), cell in found.items()]
    if group is TivBy.YEAR:
        rows.sort(key=lambda row: (row.key is None, row.key or 0))
    else:
        rows.sort(key=lambda row: (-row.tiv, row.label))
    return TivReport(group, rows, _total("all", found.values()), years)


@dataclass(frozen=True)
class RankedParty:
    rank: int
    name: str
    tiv: Decimal
    share: Decimal  # of the total over the period, 0-1


@dataclass(frozen=True)
class TivRanking:
    """SIPRI's "top exporters/importers" table: the leading parties, their share of the
    total, and what the rest add up to."""

    by: TivBy
    period: Period
    rows: list[RankedParty]
    others: Decimal
    total: Decimal
    spread: Decimal
    unit: str = TIV_LABEL
    method_url: str = TIV_METHOD_URL


def share(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole if whole else Decimal(0)


def tiv_ranking(
    session: Session,
    filters: Filters,
    *,
    by: TivBy | str = TivBy.SUPPLIER,
    period: Period | None = None,
    top: int = 10,
) -> TivRanking:
    """The `top` suppliers (exporters) or recipients (importers) by TIV delivered in the
    period, each with its share of the total of all transfers the filters select."""
    group = TivBy(by)
    if group not in (TivBy.SUPPLIER, TivBy.RECIPIENT):
        raise ValueError("a ranking is by supplier or by recipient")
    report = _report(session, filters, group, period, deals=False)  # a ranking counts none
    whole = report.total.tiv
    leading = report.rows[:top]
    rows = [
        RankedParty(rank, row.label, row.tiv, share(row.tiv, whole))
        for rank, row in enumerate(leading, start=1)
    ]
    others = whole - sum((row.tiv for row in leading), Decimal(0))
    return TivRanking(group, report.period, rows, others, whole, report.total.spread)


@dataclass(frozen=True)
class TivMatrix:
    """Supplier × recipient: TIV of each pair, suppliers and recipients largest first."""

    suppliers: list[TivTotal]
    recipients: list[TivTotal]
    cells: dict[tuple[str, str], Decimal]  # (supplier, recipient) -> TIV
    total: TivTotal
    unit: str = TIV_LABEL


def tiv_matrix(
    session: Session, filters: Filters, period: Period | None = None, top: int | None = None
) -> TivMatrix:
    """TIV of each supplier → recipient pair; `top` keeps the largest of each side."""
    cells = _cells(session, filters, (TivBy.SUPPLIER, TivBy.RECIPIENT), _period(filters, period))
    names = _names(session, TivBy.SUPPLIER, (key for pair in cells for key in pair))
    by_supplier: dict[Any, list[TivCell]] = defaultdict(list)
    by_recipient: dict[Any, list[TivCell]] = defaultdict(list)
    for (supplier, recipient), cell in cells.items():
        by_supplier[names[supplier]].append(cell)
        by_recipient[names[recipient]].append(cell)

    def ranked(groups: dict[Any, list[TivCell]]) -> list[TivTotal]:
        totals = sorted((_total(k, v) for k, v in groups.items()), key=lambda t: (-t.tiv, t.label))
        return totals[:top] if top else totals

    pairs = {(names[s], names[r]): cell.tiv for (s, r), cell in cells.items()}
    total = _total("all", cells.values())
    return TivMatrix(ranked(by_supplier), ranked(by_recipient), pairs, total)


@dataclass(frozen=True)
class TrendPoint:
    """One delivery year: its TIV (0 where nothing was delivered: `deals` says so) and
    the five-year moving average ending that year, once five years are in the range."""

    year: int
    tiv: Decimal
    deals: int
    moving_average: Decimal | None = None


def moving_averages(values: Sequence[Decimal], width: int = MOVING_YEARS) -> list[Decimal | None]:
    """Trailing means over `width` consecutive values, None until there are enough."""
    return [
        None if end + 1 < width else sum(values[end + 1 - width : end + 1], Decimal(0)) / width
        for end in range(len(values))
    ]


def tiv_trend(
    session: Session, filters: Filters, period: Period | None = None, *, average: bool = True
) -> list[TrendPoint]:
    """TIV by delivery year over a continuous run of years, with SIPRI's moving average."""
    report = tiv_totals(session, filters, TivBy.YEAR, period)
    dated = {row.key: row for row in report.rows if row.key is not None}
    low, high = report.period
    if not dated and (low is None or high is None):
        return []
    first, last = low or min(dated), high or max(dated)
    years = list(range(first, last + 1))
    values = [dated[y].tiv if y in dated else Decimal(0) for y in years]
    averages = moving_averages(values) if average else [None] * len(years)
    return [
        TrendPoint(year, value, dated[year].deals if year in dated else 0, mean)
        for year, value, mean in zip(years, values, averages, strict=True)
    ]


@dataclass(frozen=True)
class Dependence:
    """How much a recipient relies on its suppliers over a period."""

    suppliers: list[RankedParty]
    total: Decimal
    top_share: Decimal  # the largest supplier's share, 0-1
    hhi: Decimal  # Herfindahl-Hirschman index of supplier shares, 0-10,000
    unit: str = TIV_LABEL


def hhi(shares: Iterable[Decimal]) -> Decimal:
    """Σ (share in percent)²: 10,000 for a single supplier, near 0 for many small ones."""
    return sum(((value * 100) ** 2 for value in shares), Decimal(0))


def dependence(
    session: Session, filters: Filters, recipient: str, period: Period | None = None
) -> Dependence:
    """A recipient's suppliers by TIV, its top supplier's share and the HHI of shares."""
    plain = filters.filters if isinstance(filters, ResolvedFilters) else filters
    own = plain.model_copy(update={"buyers": (recipient,)})
    report = tiv_totals(session, own, TivBy.SUPPLIER, _period(plain, period))
    suppliers = [
        RankedParty(rank, row.label, row.tiv, share(row.tiv, report.total.tiv))
        for rank, row in enumerate(report.rows, start=1)
    ]
    shares = [party.share for party in suppliers]
    return Dependence(suppliers, report.total.tiv, max(shares, default=Decimal(0)), hhi(shares))


@dataclass(frozen=True)
class ShareSeries:
    """A party's TIV and share of the total in each delivery year."""

    name: str
    points: list[tuple[int, Decimal, Decimal]] = field(default_factory=list)  # year, TIV, share


def shares_over_time(
    session: Session,
    filters: Filters,
    *,
    by: TivBy | str = TivBy.SUPPLIER,
    period: Period | None = None,
    top: int = 5,
) -> list[ShareSeries]:
    """The leading suppliers' (or recipients') share of each year's TIV, year by year."""
    group = TivBy(by)
    years = _period(filters, period)
    cells = _cells(session, filters, (TivBy.YEAR, group), years)
    yearly: dict[int, Decimal] = defaultdict(Decimal)
    per_party: dict[Any, Decimal] = defaultdict(Decimal)
    for (year, party), cell in cells.items():
        if year is not None:
            yearly[year] += cell.tiv
            per_party[party] += cell.tiv
    leading = sorted(per_party, key=lambda party: -per_party[party])[:top]
    names = _names(session, group, leading)
    return [
        ShareSeries(
            str(names.get(party, party)),
            [
                (year, cells[(year, party)].tiv, share(cells[(year, party)].tiv, yearly[year]))
                if (year, party) in cells
                else (year, Decimal(0), Decimal(0))
                for year in sorted(yearly)
            ],
        )
        for party in leading
    ]
