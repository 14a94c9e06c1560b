"""The dashboard's deal table: the columns a reader scans, sortable by any of them in SQL.

Export rows (`tracker.read.rows.DealRow`) hold every field in the documented export
columns; a table row holds what fits on a screen, plus the platform's description and the
number of sources. Every column sorts in the database, across all pages, numbers as
numbers, unknowns last either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from tracker.domain.vocab import Category, Condition, Status
from tracker.errors import FieldError, InvalidInput
from tracker.read.filters import DealFilters, ResolvedFilters, conditions_for
from tracker.read.rows import Buyer, Seller, base_select, partial_date
from tracker.store.models import Citation, Deal, Platform


@dataclass(frozen=True)
class TableRow:
    deal_id: int
    buyer: str
    seller: str
    platform: str
    description: str | None  # SIPRI's description of the weapon (the platform's, for now)
    category: Category
    quantity: int | None
    delivered: int | None
    condition: Condition | None
    value_amount: Decimal | None
    value_currency: str | None
    value_at_least: bool
    tiv: Decimal | None  # SIPRI TIV of the whole order (millions; not money)
    status: Status
    order_date: str | None
    sources: int  # how many sources are cited for the deal


SOURCE_COUNT = (
    select(func.count(func.distinct(Citation.source_id)))
    .where(Citation.deal_id == Deal.id)
    .correlate(Deal)
    .scalar_subquery()
)

# Column name -> what it sorts by. Order is the table's column order.
TABLE_SORTS: dict[str, Any] = {
    "buyer": Buyer.name,
    "seller": Seller.name,
    "platform": Platform.designation,
    "description": Platform.description,
    "category": Platform.category,
    "quantity": Deal.quantity_ordered,
    "delivered": Deal.quantity_delivered,
    "condition": Deal.condition,
    "value": Deal.value_amount,
    "tiv": Deal.tiv_total_order,
    "status": Deal.status,
    "order_date": Deal.order_date,
    "sources": SOURCE_COUNT,
    "id": Deal.id,
}

_COLUMNS = (
    Deal.id, Buyer.name, Seller.name, Platform.designation, Platform.description,
    Platform.category, Deal.quantity_ordered, Deal.quantity_delivered, Deal.condition,
    Deal.value_amount, Deal.value_currency, Deal.value_at_least, Deal.tiv_total_order,
    Deal.status, Deal.order_date, Deal.order_date_precision, SOURCE_COUNT,
)  # fmt: skip


def _row(r: Any) -> TableRow:
    return TableRow(
        deal_id=r[0], buyer=r[1], seller=r[2], platform=r[3], description=r[4],
        category=r[5], quantity=r[6], delivered=r[7], condition=r[8], value_amount=r[9],
        value_currency=r[10], value_at_least=bool(r[11]), tiv=r[12], status=r[13],
        order_date=partial_date(r[14], r[15]), sources=int(r[16] or 0),
    )  # fmt: skip


def sorted_by(stmt: Select[Any], sort: str, descending: bool) -> Select[Any]:
    """ORDER BY a table column, unknowns last, the id keeping pages stable."""
    if sort not in TABLE_SORTS:
        choices = ", ".join(TABLE_SORTS)
        raise InvalidInput([FieldError("sort", sort, f"must be one of {choices}")])
    column = TABLE_SORTS[sort]
    if descending:
        return stmt.order_by(column.desc().nulls_last(), Deal.id.desc())
    return stmt.order_by(column.asc().nulls_last(), Deal.id.asc())


def table_rows(
    session: Session,
    filters: DealFilters | ResolvedFilters,
    *,
    sort: str = "order_date",
    descending: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> list[TableRow]:
    """One page of the filtered deals as the table shows them."""
    stmt = base_select(*_COLUMNS).where(*conditions_for(session, filters))
    rows = session.execute(sorted_by(stmt, sort, descending).limit(limit).offset(offset))
    return [_row(r) for r in rows]


def related_rows(session: Session, deal_id: int, limit: int = 20) -> list[TableRow]:
    """Deals of the same buyer and platform, of the same programme, or of the same seller
    and platform: newest first."""
    deal = session.get(Deal, deal_id)
    if deal is None:
        return []
    conditions: Sequence[ColumnElement[bool]] = [
        and_(Deal.buyer_id == deal.buyer_id, Deal.platform_id == deal.platform_id),
        and_(Deal.platform_id == deal.platform_id, Deal.seller_id == deal.seller_id),
    ]
    if deal.programme:
        conditions = [*conditions, Deal.programme == deal.programme]
    stmt = base_select(*_COLUMNS).where(or_(*conditions), Deal.id != deal_id)
    return [_row(r) for r in session.execute(sorted_by(stmt, "order_date", True).limit(limit))]
