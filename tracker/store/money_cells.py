"""Money summed ahead ("money cells"): the rules of the `money_cell` table.

A constant-USD view over a million deals would otherwise read every deal with a value
and convert group by group (seconds). The cells hold the deals' values and money facts
summed in their own currency and price year, by order year, recipient, supplier,
category, delivery years and status, in several grains, so a view reads a few thousand rows and
converts them once per currency and price year, in the database (`money_sums`). The
rules here:
- what a deal adds (`_values`, `_facts`): its own value, and the facts totalled beside
  it (FACT_KINDS), each under its kind, currency, price year (PRICE_YEAR) and "at
  least"; one count per deal, as `tracker.read.usd` counts them;
- how the finest grain rolls up into the others (`_add_row` in Python, `_roll_up` in
  SQL); `tracker.store.cells` keeps them current in every write;
- which filters they answer (`covers`): none, buyers, sellers, categories, statuses,
  order years and delivery years; any other filter, or a grouping by anything but buyer, seller,
  category or order year, is answered from the deals by `tracker.read.usd`.
Amounts are never converted here, so new exchange rates or CPI change no cell.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Double,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    case,
    delete,
    false,
    func,
    insert,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from tracker.domain.vocab import MoneyFactKind
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
from tracker.store.models import Deal, DealMoney, MoneyCellRow, Platform

CELLS: Table = Base.metadata.tables[MoneyCellRow.__tablename__]

# The price year: the deal's own (value_year) when a source gives one, else its order year.
PRICE_YEAR = func.coalesce(Deal.value_year, Deal.order_year)
# Money facts totalled beside the deal's value. "stated_usd" repeats the deal's own value
# in dollars: counting it would count it twice.
FACT_KINDS = (MoneyFactKind.PACKAGE, MoneyFactKind.OFFSET, MoneyFactKind.LOAN)
UNSTATED = ""  # `kind` of a value whose kind no source gives
UNKNOWN_YEAR = 0  # `order_year` / `price_year` not known

# Bits of `grain`: the dimensions a row keeps.
BUYER, SELLER, CATEGORY, YEAR, DELIVERED, STATUS = 1, 2, 4, 8, 16, 32
FINEST = BUYER | SELLER | CATEGORY | YEAR | DELIVERED | STATUS
# The grains stored, smallest first: a read takes the first that keeps all it needs. Each
# grouping of a view (none, order year, category, seller, buyer) alone and with each of
# the filters it most often comes with (order years, a buyer, delivery years), and a
# status filter (the Deals page's headline) alone and by order year; any other
# combination reads the finest grain, through its buyer or seller index when one is
# filtered. Each grain stored costs every import and edit its rows (an import of 29,500
# SIPRI deals: about 0.03 s per grain).
GRAINS = (
    0, YEAR, CATEGORY, CATEGORY | YEAR, SELLER, SELLER | YEAR, BUYER, BUYER | YEAR,
    STATUS, STATUS | YEAR, DELIVERED, DELIVERED | YEAR, BUYER | SELLER, DELIVERED | SELLER,
    DELIVERED | BUYER, FINEST,
)  # fmt: skip
KEY = ("grain", "order_year", "buyer_id", "seller_id", "category", "deal_first", "deal_last",
       "status", "kind", "currency", "price_year", "at_least")  # fmt: skip
MEASURES = ("cents", "deals")
# Dimension bit → the key columns it keeps, and their value when dropped.
_KEPT = {
    YEAR: (("order_year", 0),),
    BUYER: (("buyer_id", 0),),
    SELLER: (("seller_id", 0),),
    CATEGORY: (("category", ""),),
    DELIVERED: (("deal_first", 0), ("deal_last", 0)),
    STATUS: (("status", ""),),
}


def _rolled_from(grain: int) -> int:
    """The stored grain a grain is summed from: the smallest finer one (sums of sums are
    the same sums, and far fewer rows to sort)."""
    return next(finer for finer in GRAINS if finer != grain and finer & grain == grain)


# --- what each deal adds -------------------------------------------------------------------


def _cents(amount: Any) -> Any:
    """An amount (2 decimal places) as whole cents, so sums are exact on every backend."""
    return func.round(amount * 100)


def _flag(condition: Any) -> Any:
    return case((condition, 1), else_=0)


def _dimensions() -> tuple[Any, ...]:
    """The key columns a deal gives, up to its kind: order year, buyer, seller, category,
    delivery years as a "delivered in" filter reads them, and status."""
    return (
        func.coalesce(Deal.order_year, UNKNOWN_YEAR),
        Deal.buyer_id,
        Deal.seller_id,
        Platform.category,
        case((NEVER_DELIVERED, NEVER_FIRST), else_=FIRST_DELIVERY),
        case((NEVER_DELIVERED, NEVER_LAST), else_=LAST_DELIVERY),
        type_coerce(Deal.status, String),
    )


def _values(deal_ids: Deals) -> Select[Any]:
    """Each live deal's own value under its kind, currency, price year and "at least"."""
    keys = (
        *_dimensions(),
        func.coalesce(type_coerce(Deal.value_kind, String), UNSTATED),
        Deal.value_currency,
        func.coalesce(PRICE_YEAR, UNKNOWN_YEAR),
        _flag(Deal.value_at_least),
    )
    return (
        select(*keys, func.sum(_cents(Deal.value_amount)), func.count())
        .join(Platform, Platform.id == Deal.platform_id)
        .where(Deal.deleted_at.is_(None), Deal.value_amount.is_not(None))
        .where(only(Deal.id, deal_ids))
        .group_by(*keys)
    )


def _facts(deal_ids: Deals) -> Select[Any]:
    """Each live deal's money facts (FACT_KINDS), summed per deal, kind, currency and
    "at least" first, so a deal counts once in each."""
    at_least = _flag(DealMoney.at_least)
    kind = type_coerce(DealMoney.kind, String)
    per_deal = (
        select(
            DealMoney.deal_id, kind.label("kind"), DealMoney.currency,
            at_least.label("at_least"), func.sum(DealMoney.amount).label("amount"),
        )
        .where(DealMoney.kind.in_(FACT_KINDS), only(DealMoney.deal_id, deal_ids))
        .group_by(DealMoney.deal_id, kind, DealMoney.currency, at_least)
        .subquery()
    )  # fmt: skip
    keys = (
        *_dimensions(),
        per_deal.c.kind,
        per_deal.c.currency,
        func.coalesce(PRICE_YEAR, UNKNOWN_YEAR),
        per_deal.c.at_least,
    )
    return (
        select(*keys, func.sum(_cents(per_deal.c.amount)), func.count())
        .select_from(per_deal)
        .join(Deal, Deal.id == per_deal.c.deal_id)
        .join(Platform, Platform.id == Deal.platform_id)
        .where(Deal.deleted_at.is_(None))
        .group_by(*keys)
    )


def _finest(deal_ids: Deals) -> list[Select[Any]]:
    return [_values(deal_ids), _facts(deal_ids)]


def _grain_key(grain: int, row: Sequence[Any]) -> Key:
    """A finest-grain row's key in `grain`: the dimensions it drops become 0 or ""."""
    year, buyer, seller, category, first, last, status = row[:7]
    kind, currency, price_year, at_least = row[7:11]
    category = str(getattr(category, "value", category))
    return (
        grain, int(year) if grain & YEAR else 0, int(buyer) if grain & BUYER else 0,
        int(seller) if grain & SELLER else 0, category if grain & CATEGORY else "",
        int(first) if grain & DELIVERED else 0, int(last) if grain & DELIVERED else 0,
        str(status) if grain & STATUS else "", str(kind), str(currency), int(price_year),
        int(at_least),
    )  # fmt: skip


def _add_row(sums: Sums, row: Sequence[Any]) -> None:
    """What one finest-grain row adds to every grain."""
    cents, deals = row[11], int(row[12])
    for grain in GRAINS:
        cell = sums[_grain_key(grain, row)]
        cell[0] += cents
        cell[1] += deals


def _roll_up(session: Session | Connection, table: Table) -> None:
    """Insert into `table` (the cells or their delta) every other grain, each summed from
    the smallest finer one, as `_grain_key` rolls a finest-grain row up. Finer grains
    first, so each one's source is there."""
    columns = [table.c[name] for name in (*KEY, *MEASURES)]
    for grain in sorted(GRAINS, key=lambda g: -g.bit_count()):
        if grain == FINEST:
            continue
        dropped = {name: literal(empty) for bit, kept in _KEPT.items() if not grain & bit
                   for name, empty in kept}  # fmt: skip
        kept = [dropped.get(name, table.c[name]) for name in KEY[1:]]
        summed = [func.sum(table.c[name]) for name in MEASURES]
        rolled = select(literal(grain), *kept, *summed).where(table.c.grain == _rolled_from(grain))
        session.execute(insert(table).from_select(columns, rolled.group_by(*kept)))


MONEY = Family(CELLS, KEY, MEASURES, FINEST, _finest, _add_row, _roll_up)


# --- reading them ----------------------------------------------------------------------------

COVERED = frozenset({"buyers", "sellers", "categories", "statuses", "year_from", "year_to",
                     "delivered_from", "delivered_to"})  # fmt: skip
DIMENSIONS = {"year": (YEAR, CELLS.c.order_year), "buyer": (BUYER, CELLS.c.buyer_id),
              "seller": (SELLER, CELLS.c.seller_id),
              "category": (CATEGORY, CELLS.c.category)}  # fmt: skip
Period = tuple[int | None, int | None]
Factors = Mapping[tuple[str, int], float]  # (currency, price year) → constant USD per unit


def covers(filters: Any, by: str | None) -> bool:
    """Whether cells answer these (DealFilters) filters grouped `by` (None: in all)."""
    return (by is None or by in DIMENSIONS) and sets_only(filters, COVERED)


def _in(column: Any, values: Collection[Any] | None) -> ColumnElement[bool] | None:
    if values is None:
        return None
    return column.in_(sorted(values)) if values else false()


def currencies_and_years(session: Session) -> list[tuple[str, int]]:
    """Every (currency, price year) in the cells: those a view may have to convert."""
    stmt = select(CELLS.c.currency, CELLS.c.price_year).where(CELLS.c.grain == 0).distinct()
    return [(str(currency), int(year)) for currency, year in session.execute(stmt)]


# The conversion factors of one read, joined to the cells by the database: a temporary
# table of the connection (never part of the schema), keyed so the join is a lookup per
# cell (SQLite indexes no VALUES list or CTE: every factor was read for every cell).
FACTORS = Table(
    "money_cell_factor",
    MetaData(),
    Column("currency", String(3), primary_key=True),
    Column("price_year", Integer, primary_key=True),
    Column("factor", Double, nullable=False),
    prefixes=["TEMPORARY"],
)


def _factors_table(session: Session, factors: Factors) -> Table:
    """FACTORS holding these factors (and no others) on the session's connection."""
    connection = session.connection()
    connection.execute(CreateTable(FACTORS, if_not_exists=True))
    connection.execute(delete(FACTORS))
    if factors:
        rows = [{"currency": c, "price_year": y, "factor": f} for (c, y), f in factors.items()]
        connection.execute(insert(FACTORS), rows)
    return FACTORS


def money_sums(
    session: Session,
    *,
    by: str | None,
    buyer_ids: Collection[int] | None,
    seller_ids: Collection[int] | None,
    categories: Collection[str] | None,
    statuses: Collection[str] | None,
    ordered: Period,
    delivered: Period,
    factors: Factors,
) -> list[tuple[Any, ...]]:
    """Per group (`by`: year, buyer, seller, category, or None), kind, currency and "at
    least": (*group key, kind, currency, price year, at_least, constant USD in cents,
    cents, deals). A currency and price year with a factor is converted in the database
    (price year -1, all its years in one row); one without is summed apart, its constant
    USD None, for the caller to say why. `ordered`/`delivered`: order and delivery years."""
    bits = DIMENSIONS[by][0] if by else 0
    bits |= BUYER if buyer_ids is not None else 0
    bits |= SELLER if seller_ids is not None else 0
    bits |= CATEGORY if categories is not None else 0
    bits |= STATUS if statuses is not None else 0
    bits |= YEAR if ordered != (None, None) else 0
    bits |= DELIVERED if delivered != (None, None) else 0
    grain = next(g for g in GRAINS if g & bits == bits)
    fx = _factors_table(session, factors)
    converted = fx.c.factor.is_not(None)
    cell = CELLS.c
    where = [
        cell.grain == grain,
        _in(cell.buyer_id, buyer_ids),
        _in(cell.seller_id, seller_ids),
        _in(cell.category, categories),
        _in(cell.status, statuses),
        *_between(cell.order_year, cell.order_year, ordered, unknown=True),
        *_between(cell.deal_first, cell.deal_last, delivered, unknown=False),
    ]
    keys: list[Any] = [DIMENSIONS[by][1]] if by else []
    keys += [cell.kind, cell.currency, case((converted, -1), else_=cell.price_year), cell.at_least]
    on = and_(fx.c.currency == cell.currency, fx.c.price_year == cell.price_year)
    stmt = (
        select(*keys, func.sum(cell.cents * fx.c.factor), func.sum(cell.cents),
               func.sum(cell.deals))
        .select_from(CELLS.outerjoin(fx, on))
        .where(*(condition for condition in where if condition is not None))
        .group_by(*keys)
    )  # fmt: skip
    return [tuple(row) for row in session.execute(stmt)]


def _between(first: Any, last: Any, period: Period, *, unknown: bool) -> list[Any]:
    """Conditions that [first, last] meets a period; `unknown`: first 0 is no year."""
    low, high = period
    conditions = [first != UNKNOWN_YEAR] if unknown and (low or high) else []
    conditions += [last >= low] if low else []
    conditions += [first <= high] if high else []
    return conditions
