"""Deal rows: the table, the CLI list and the export read deals in this one shape."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from tracker.domain.vocab import Category, Condition, DatePrecision, PartyKind, Status
from tracker.errors import FieldError, InvalidInput
from tracker.read.filters import LIVE, DealFilters, ResolvedFilters, conditions_for
from tracker.store.models import Citation, Deal, Party, Platform, Source

Buyer = aliased(Party, name="buyer")
Seller = aliased(Party, name="seller")


def base_select(*columns: Any, include_deleted: bool = False) -> Select[Any]:
    """SELECT over deals joined to their buyer, seller and platform (live deals only)."""
    stmt = (
        select(*columns)
        .select_from(Deal)
        .join(Buyer, Buyer.id == Deal.buyer_id)
        .join(Seller, Seller.id == Deal.seller_id)
        .join(Platform, Platform.id == Deal.platform_id)
    )
    return stmt if include_deleted else stmt.where(LIVE)


@dataclass(frozen=True)
class DealRow:
    """One deal as the table, the CSV and the JSON export show it."""

    deal_id: int
    buyer: str
    buyer_iso3: str | None
    seller: str
    seller_iso3: str | None
    platform: str
    category: Category
    quantity: int | None
    quantity_delivered: int | None
    condition: Condition | None
    value_amount: Decimal | None
    value_currency: str | None
    value_year: int | None
    status: Status
    order_date: str | None
    sources: str
    quantity_unit: str | None
    quantity_estimated: bool
    quantity_delivered_estimated: bool
    value_kind: str | None
    value_at_least: bool
    programme: str | None
    local_production: bool
    order_date_estimated: bool
    first_delivery_date: str | None
    last_delivery_date: str | None
    deliveries_expected: bool
    tiv_per_unit: Decimal | None
    tiv_total_order: Decimal | None
    tiv_delivered: Decimal | None
    notes: str | None
    ref: str | None
    delivered_exceeds_ordered: bool
    delivery_dates_estimated: bool
    value_source: str | None
    description: str | None
    value_amount_high: Decimal | None
    tiv_new_unit: Decimal | None
    buyer_kind: PartyKind
    seller_kind: PartyKind


ROW_COLUMNS = (
    Deal.id,
    Buyer.name,
    Buyer.iso3,
    Seller.name,
    Seller.iso3,
    Platform.designation,
    Platform.category,
    Deal.quantity_ordered,
    Deal.quantity_delivered,
    Deal.condition,
    Deal.value_amount,
    Deal.value_currency,
    Deal.value_year,
    Deal.status,
    Deal.order_date,
    Deal.order_date_precision,
    Deal.quantity_unit,
    Deal.quantity_ordered_estimated,
    Deal.quantity_delivered_estimated,
    Deal.value_kind,
    Deal.value_at_least,
    Deal.programme,
    Deal.local_production,
    Deal.order_date_estimated,
    Deal.first_delivery_date,
    Deal.first_delivery_precision,
    Deal.last_delivery_date,
    Deal.last_delivery_precision,
    Deal.deliveries_expected,
    Deal.tiv_per_unit,
    Deal.tiv_total_order,
    Deal.tiv_delivered,
    Deal.notes,
    Deal.ref,
    Deal.delivered_exceeds_ordered,
    Deal.delivery_dates_estimated,
    Deal.value_source,
    Deal.description,
    Deal.value_amount_high,
    Deal.tiv_new_unit,
    Buyer.kind,
    Seller.kind,
)


def partial_date(value: dt.date | None, precision: Any) -> str | None:
    """A stored date at its precision: "2017", "2019-10", "2024-02-15" (as PartialDate
    prints it; written out here because exports format hundreds of thousands)."""
    if value is None:
        return None
    if precision is DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def deal_row(r: Any, sources: str) -> DealRow:
    return DealRow(
        deal_id=r[0], buyer=r[1], buyer_iso3=r[2], seller=r[3], seller_iso3=r[4],
        platform=r[5], category=r[6], quantity=r[7], quantity_delivered=r[8],
        condition=r[9], value_amount=r[10], value_currency=r[11], value_year=r[12],
        status=r[13], order_date=partial_date(r[14], r[15]), sources=sources,
        quantity_unit=r[16], quantity_estimated=r[17], quantity_delivered_estimated=r[18],
        value_kind=r[19].value if r[19] else None, value_at_least=r[20], programme=r[21],
        local_production=r[22], order_date_estimated=r[23],
        first_delivery_date=partial_date(r[24], r[25]),
        last_delivery_date=partial_date(r[26], r[27]),
        deliveries_expected=r[28], tiv_per_unit=r[29], tiv_total_order=r[30],
        tiv_delivered=r[31], notes=r[32], ref=r[33], delivered_exceeds_ordered=r[34],
        delivery_dates_estimated=r[35], value_source=r[36], description=r[37],
        value_amount_high=r[38], tiv_new_unit=r[39], buyer_kind=r[40], seller_kind=r[41],
    )  # fmt: skip


SORT_KEYS: dict[str, Any] = {
    "order_date": Deal.order_date,
    "buyer": Buyer.name,
    "seller": Seller.name,
    "platform": Platform.designation,
    "quantity": Deal.quantity_ordered,
    "value": Deal.value_amount,
    "status": Deal.status,
    "id": Deal.id,
}


def ordered(stmt: Select[Any], sort: str, descending: bool) -> Select[Any]:
    if sort not in SORT_KEYS:
        raise InvalidInput([FieldError("sort", sort, f"must be one of {', '.join(SORT_KEYS)}")])
    column = SORT_KEYS[sort]
    # Unknowns go last whichever way the user sorts, and the id keeps pages stable, in
    # the form an index on the column can serve (NULLS LAST; id in the same direction).
    if descending:
        return stmt.order_by(column.desc().nulls_last(), Deal.id.desc())
    return stmt.order_by(column.asc().nulls_last(), Deal.id.asc())


def source_labels(session: Session, deal_ids: Sequence[int]) -> dict[int, str]:
    """A short "publisher: title (date)" list of each deal's sources."""
    labels: dict[int, list[str]] = defaultdict(list)
    for chunk_start in range(0, len(deal_ids), 500):
        chunk = deal_ids[chunk_start : chunk_start + 500]
        rows = session.execute(
            select(Citation.deal_id, Source.publisher, Source.title, Source.published_date)
            .join(Source, Source.id == Citation.source_id)
            .where(Citation.deal_id.in_(chunk))
            .distinct()
            .order_by(Citation.deal_id, Source.published_date, Source.title, Source.publisher)
        )
        for deal_id, publisher, title, published in rows:
            when = published.isoformat() if published else None
            labels[deal_id].append(source_label(publisher, title, when))
    return {deal_id: joined_labels(items) for deal_id, items in labels.items()}


def source_label(publisher: str | None, title: str, published: str | None) -> str:
    """One source as the `sources` column names it: "publisher: title (date)"."""
    if not publisher:
        return title
    return f"{publisher}: {title} ({published})" if published else f"{publisher}: {title}"


def joined_labels(labels: Iterable[str]) -> str:
    """A deal's source labels in one cell, each once, in the order given."""
    return " | ".join(dict.fromkeys(labels))


def list_deals(
    session: Session,
    filters: DealFilters | ResolvedFilters,
    *,
    sort: str = "order_date",
    descending: bool = True,
    limit: int | None = 100,
    offset: int = 0,
) -> list[DealRow]:
    """One page of the filtered deals."""
    where = conditions_for(session, filters)
    stmt = ordered(base_select(*ROW_COLUMNS).where(*where), sort, descending)
    rows = session.execute(stmt.limit(limit).offset(offset)).all()
    labels = source_labels(session, [r[0] for r in rows])
    return [deal_row(r, labels.get(r[0], "")) for r in rows]


def iter_deals(
    session: Session,
    filters: DealFilters | ResolvedFilters,
    *,
    sort: str = "id",
    batch_size: int = 2000,
) -> Iterator[DealRow]:
    """Every filtered deal, fetched in batches so exports of any size stay in bounded memory."""
    stmt = ordered(base_select(*ROW_COLUMNS).where(*conditions_for(session, filters)), sort, False)
    result = session.execute(stmt.execution_options(yield_per=batch_size))
    for batch in result.partitions():
        labels = source_labels(session, [r[0] for r in batch])
        for r in batch:
            yield deal_row(r, labels.get(r[0], ""))


def count_deals(session: Session, filters: DealFilters | ResolvedFilters) -> int:
    stmt = select(func.count()).select_from(Deal).where(LIVE, *conditions_for(session, filters))
    return int(session.scalar(stmt) or 0)
