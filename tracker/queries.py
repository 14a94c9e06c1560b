"""Read side: filtered deals, totals and deal details, computed in the database."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, aliased

from tracker.domain.countries import all_countries, resolve_country
from tracker.domain.names import normalize_name
from tracker.domain.vocab import Category, Condition, DatePrecision, Status
from tracker.errors import FieldError, InvalidInput
from tracker.services import suggest_platforms, unknown_party_error
from tracker.store.db import unindexed
from tracker.store.models import (
    Citation,
    Deal,
    DealConflict,
    DealParticipant,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)

T = TypeVar("T")

Buyer = aliased(Party, name="buyer")
Seller = aliased(Party, name="seller")


class DealFilters(BaseModel):
    """What a user filters by: names as typed (any alias), vocabularies, a year range."""

    model_config = ConfigDict(frozen=True)

    buyers: tuple[str, ...] = ()
    sellers: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    statuses: tuple[Status, ...] = ()
    conditions: tuple[Condition, ...] = ()
    year_from: int | None = Field(default=None, ge=1900, le=2100)
    year_to: int | None = Field(default=None, ge=1900, le=2100)
    has_value: bool | None = None
    text: str | None = None


@dataclass(frozen=True)
class ResolvedFilters:
    """Filters with names turned into ids; None means "no restriction"."""

    filters: DealFilters
    buyer_ids: frozenset[int] | None
    seller_ids: frozenset[int] | None
    platform_ids: frozenset[int] | None


def _party_ids(session: Session, name: str, field_name: str) -> set[int]:
    country = resolve_country(name)
    if country is not None:
        # A known country with no deals yet simply matches nothing.
        return set(session.scalars(select(Party.id).where(Party.iso3 == country.iso3)))
    ids = set(
        session.scalars(
            select(PartyAlias.party_id).where(PartyAlias.alias_key == normalize_name(name))
        )
    )
    if not ids:
        raise InvalidInput([unknown_party_error(session=session, field=field_name, name=name)])
    return ids


def _platform_ids(session: Session, name: str) -> set[int]:
    """An exact designation or alias, else every platform whose names contain the words."""
    key = normalize_name(name)
    exact = set(
        session.scalars(select(PlatformAlias.platform_id).where(PlatformAlias.alias_key == key))
    )
    if exact:
        return exact
    containing = set(
        session.scalars(
            select(PlatformAlias.platform_id).where(PlatformAlias.alias_key.contains(key))
        )
    )
    if not containing:
        suggestions = suggest_platforms(session=session, name=name)
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise InvalidInput([FieldError("platform", name, f"not a known platform{hint}")])
    return containing


def resolve_filters(session: Session, filters: DealFilters) -> ResolvedFilters:
    """Resolve every name in the filters, reporting all unknown names at once."""
    errors: list[FieldError] = []

    def collect(names: Sequence[str], lookup: Any) -> frozenset[int] | None:
        if not names:
            return None
        ids: set[int] = set()
        for name in names:
            try:
                ids |= lookup(name)
            except InvalidInput as exc:
                errors.extend(exc.errors)
        return frozenset(ids)

    buyer_ids = collect(filters.buyers, lambda n: _party_ids(session, n, "buyer"))
    seller_ids = collect(filters.sellers, lambda n: _party_ids(session, n, "seller"))
    platform_ids = collect(filters.platforms, lambda n: _platform_ids(session, n))
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        errors.append(FieldError("year_to", filters.year_to, "is before year_from"))
    if errors:
        raise InvalidInput(errors)
    return ResolvedFilters(filters, buyer_ids, seller_ids, platform_ids)


def _in(column: Any, ids: frozenset[int] | None) -> ColumnElement[bool] | None:
    if ids is None:
        return None
    return column.in_(sorted(ids)) if ids else false()


def _platforms_where(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """A condition on the platform as a subquery, so filtering needs no join."""
    return Deal.platform_id.in_(select(Platform.id).where(condition))


def _text_condition(text: str) -> ColumnElement[bool]:
    pattern = f"%{text.strip().lower()}%"
    cited_source = (
        select(Citation.id)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.deal_id == Deal.id)
        .where(
            or_(
                func.lower(Source.title).like(pattern),
                func.lower(Source.publisher).like(pattern),
                func.lower(Citation.quote).like(pattern),
            )
        )
        .exists()
    )
    return or_(
        _platforms_where(func.lower(Platform.designation).like(pattern)),
        func.lower(Deal.notes).like(pattern),
        func.lower(Deal.programme).like(pattern),
        cited_source,
    )


def filter_conditions(resolved: ResolvedFilters) -> list[ColumnElement[bool]]:
    f = resolved.filters
    conditions = [
        _in(Deal.buyer_id, resolved.buyer_ids),
        _in(Deal.seller_id, resolved.seller_ids),
        _in(Deal.platform_id, resolved.platform_ids),
        # A category is a broad filter (aircraft: a quarter of all deals): reading the
        # covering index whole beats fetching each match through the platform index.
        unindexed(Deal.platform_id).in_(
            select(Platform.id).where(Platform.category.in_(f.categories))
        )
        if f.categories
        else None,
        Deal.status.in_(f.statuses) if f.statuses else None,
        Deal.condition.in_(f.conditions) if f.conditions else None,
        Deal.order_year >= f.year_from if f.year_from else None,
        Deal.order_year <= f.year_to if f.year_to else None,
        _text_condition(f.text) if f.text and f.text.strip() else None,
    ]
    if f.has_value is True:
        conditions.append(Deal.value_amount.is_not(None))
    elif f.has_value is False:
        conditions.append(Deal.value_amount.is_(None))
    return [condition for condition in conditions if condition is not None]


LIVE = Deal.deleted_at.is_(None)  # soft-deleted deals are left out of every view


def _base_select(*columns: Any, include_deleted: bool = False) -> Select[Any]:
    stmt = (
        select(*columns)
        .select_from(Deal)
        .join(Buyer, Buyer.id == Deal.buyer_id)
        .join(Seller, Seller.id == Deal.seller_id)
        .join(Platform, Platform.id == Deal.platform_id)
    )
    return stmt if include_deleted else stmt.where(LIVE)


# --- deal rows ---------------------------------------------------------------------------


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


_ROW_COLUMNS = (
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
)


def _partial(value: dt.date | None, precision: Any) -> str | None:
    """A stored date at its precision: "2017", "2019-10", "2024-02-15" (as PartialDate
    prints it; written out here because exports format hundreds of thousands)."""
    if value is None:
        return None
    if precision is DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _row(r: Any, sources: str) -> DealRow:
    return DealRow(
        deal_id=r[0], buyer=r[1], buyer_iso3=r[2], seller=r[3], seller_iso3=r[4],
        platform=r[5], category=r[6], quantity=r[7], quantity_delivered=r[8],
        condition=r[9], value_amount=r[10], value_currency=r[11], value_year=r[12],
        status=r[13], order_date=_partial(r[14], r[15]), sources=sources,
        quantity_unit=r[16], quantity_estimated=r[17], quantity_delivered_estimated=r[18],
        value_kind=r[19].value if r[19] else None, value_at_least=r[20], programme=r[21],
        local_production=r[22], order_date_estimated=r[23],
        first_delivery_date=_partial(r[24], r[25]), last_delivery_date=_partial(r[26], r[27]),
        deliveries_expected=r[28], tiv_per_unit=r[29], tiv_total_order=r[30],
        tiv_delivered=r[31], notes=r[32], ref=r[33], delivered_exceeds_ordered=r[34],
        delivery_dates_estimated=r[35], value_source=r[36],
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


def _ordered(stmt: Select[Any], sort: str, descending: bool) -> Select[Any]:
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
            .order_by(Citation.deal_id, Source.published_date, Source.title)
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
    filters: DealFilters,
    *,
    sort: str = "order_date",
    descending: bool = True,
    limit: int | None = 100,
    offset: int = 0,
) -> list[DealRow]:
    """One page of the filtered deals."""
    resolved = resolve_filters(session, filters)
    stmt = _ordered(
        _base_select(*_ROW_COLUMNS).where(*filter_conditions(resolved)), sort, descending
    )
    rows = session.execute(stmt.limit(limit).offset(offset)).all()
    labels = source_labels(session, [r[0] for r in rows])
    return [_row(r, labels.get(r[0], "")) for r in rows]


def iter_deals(
    session: Session, filters: DealFilters, *, sort: str = "id", batch_size: int = 2000
) -> Iterator[DealRow]:
    """Every filtered deal, fetched in batches so exports of any size stay in bounded memory."""
    resolved = resolve_filters(session, filters)
    stmt = _ordered(_base_select(*_ROW_COLUMNS).where(*filter_conditions(resolved)), sort, False)
    result = session.execute(stmt.execution_options(yield_per=batch_size))
    for batch in result.partitions():
        labels = source_labels(session, [r[0] for r in batch])
        for r in batch:
            yield _row(r, labels.get(r[0], ""))


def count_deals(session: Session, filters: DealFilters) -> int:
    resolved = resolve_filters(session, filters)
    stmt = _deal_select(func.count()).where(*filter_conditions(resolved))
    return int(session.scalar(stmt) or 0)


# --- totals ------------------------------------------------------------------------------


class GroupBy(StrEnum):
    PLATFORM = "platform"
    BUYER = "buyer"
    SELLER = "seller"
    STATUS = "status"
    YEAR = "year"
    CATEGORY = "category"
    CONDITION = "condition"


# Totals group on deal columns (ids, vocabularies), so they need no join and can use the
# single-column indexes; names are looked up for the groups afterwards.
_GROUP_KEYS: dict[GroupBy, Any] = {
    GroupBy.PLATFORM: Deal.platform_id,
    GroupBy.BUYER: Deal.buyer_id,
    GroupBy.SELLER: Deal.seller_id,
    GroupBy.STATUS: Deal.status,
    GroupBy.YEAR: Deal.order_year,
    GroupBy.CATEGORY: Platform.category,
    GroupBy.CONDITION: Deal.condition,
}


@dataclass(frozen=True)
class MoneyTotal:
    currency: str
    amount: Decimal
    deals: int
    at_least: bool  # some value was stated as "over ..."


@dataclass(frozen=True)
class TotalPart:
    """One deal's share of a small group, for "44 = 20 + 12 + 12"."""

    deal_id: int
    quantity: int | None
    buyer: str
    seller: str
    platform: str
    condition: Condition | None
    status: Status


@dataclass
class GroupTotal:
    key: Any  # the group's name (platform, party), vocabulary value or year; None: unknown
    deals: int
    quantity: int  # sum over deals whose quantity is known
    quantity_unknown: int  # deals left out of `quantity`
    delivered: int
    delivered_unknown: int
    value_unknown: int
    units: tuple[str, ...] = ()
    money: list[MoneyTotal] = field(default_factory=list)
    parts: list[TotalPart] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.key is None:
            return "(unknown)"
        return self.key.value if isinstance(self.key, StrEnum) else str(self.key)


def _count_null(column: Any) -> Any:
    return func.sum(case((column.is_(None), 1), else_=0))


def _deal_select(*columns: Any, by: GroupBy | None = None) -> Select[Any]:
    """SELECT over live deals without joins (one join to platform for category totals)."""
    stmt = select(*columns).select_from(Deal)
    if by is GroupBy.CATEGORY:
        stmt = stmt.join(Platform, Platform.id == Deal.platform_id)
    return stmt.where(LIVE)


# What totals count and sum: GroupTotal's counted fields, then the money of one currency.
_COUNTS = (
    func.count(),
    func.coalesce(func.sum(Deal.quantity_ordered), 0),
    func.coalesce(_count_null(Deal.quantity_ordered), 0),
    func.coalesce(func.sum(Deal.quantity_delivered), 0),
    func.coalesce(_count_null(Deal.quantity_delivered), 0),
    func.coalesce(_count_null(Deal.value_amount), 0),
)
_MONEY = (
    func.sum(Deal.value_amount),
    func.count(Deal.value_amount),
    func.max(case((and_(Deal.value_amount.is_not(None), Deal.value_at_least), 1), else_=0)),
)


def _add_money(
    total: GroupTotal, currency: str | None, amount: Any, valued: int, at_least: Any
) -> None:
    if currency is not None and valued:
        money = Decimal(amount).quantize(Decimal("0.01"))
        total.money.append(MoneyTotal(currency, money, valued, bool(at_least)))


def _sums_by_currency(
    session: Session, group: Any, where: Sequence[Any], by: GroupBy
) -> dict[Any, GroupTotal]:
    """Counts, units and money of the filtered deals per group, in one pass over them.

    Grouped by (group, currency), so money is summed per currency in the same scan; the
    counts of a group are then added up over its currencies (None: no value)."""
    stmt = (
        _deal_select(group, Deal.value_currency, *_COUNTS, *_MONEY, by=by)
        .where(*where)
        .group_by(group, Deal.value_currency)
        .order_by(group, Deal.value_currency)
    )
    groups: dict[Any, GroupTotal] = {}
    for key, currency, *counts, amount, valued, at_least in session.execute(stmt):
        total = groups.get(key)
        if total is None:
            total = groups[key] = GroupTotal(key, 0, 0, 0, 0, 0, 0)
        for name, value in zip(_COUNTED_FIELDS, counts, strict=True):
            setattr(total, name, getattr(total, name) + int(value))
        _add_money(total, currency, amount, valued, at_least)
    return groups


_COUNTED_FIELDS = (
    "deals", "quantity", "quantity_unknown", "delivered", "delivered_unknown", "value_unknown"
)  # fmt: skip


def _names(session: Session, by: GroupBy, keys: Sequence[Any]) -> dict[Any, Any]:
    """Group keys -> what users see: party and platform names; others as they are."""
    ids = [key for key in keys if key is not None]
    if by is GroupBy.PLATFORM:
        rows = session.execute(
            select(Platform.id, Platform.designation).where(Platform.id.in_(ids))
        )
        return {**dict(rows.all()), None: None}
    if by in (GroupBy.BUYER, GroupBy.SELLER):
        rows = session.execute(select(Party.id, Party.name).where(Party.id.in_(ids)))
        return {**dict(rows.all()), None: None}
    return {key: key for key in keys}


def totals(
    session: Session, filters: DealFilters, by: GroupBy | str, *, parts_up_to: int = 12
) -> list[GroupTotal]:
    """Quantities and money per group; unknowns are counted, never summed as zero.

    Groups come largest first. The first PARTS_GROUPS groups of at most `parts_up_to`
    deals also list each deal's share (20 + 12 + 12) and their units; 0 skips that.
    """
    group_by = GroupBy(by)
    key = _GROUP_KEYS[group_by]
    where = filter_conditions(resolve_filters(session, filters))
    by_key = _sums_by_currency(session, unindexed(key), where, group_by)
    names = _names(session, group_by, list(by_key))
    for group, total in by_key.items():
        total.key = names.get(group, group)
    groups = dict(
        sorted(by_key.items(), key=lambda item: (-item[1].quantity, -item[1].deals,
                                                   str(item[1].key)))
    )  # fmt: skip
    if parts_up_to:
        leading = dict(list(groups.items())[:PARTS_GROUPS])
        _attach_units(session, leading, key, where, group_by)
        _attach_parts(session, leading, key, where, parts_up_to, group_by)
    return list(groups.values())


def _attach_units(
    session: Session, groups: dict[Any, GroupTotal], key: Any, where: Any, by: GroupBy
) -> None:
    if not groups:
        return
    group = unindexed(key)
    stmt = (
        _deal_select(group, Deal.quantity_unit, by=by)
        .where(*where, Deal.quantity_unit.is_not(None), Deal.quantity_ordered.is_not(None))
        .where(_key_in(key, list(groups)))
        .group_by(group, Deal.quantity_unit)
    )
    units: dict[Any, list[str]] = defaultdict(list)
    for group, unit in session.execute(stmt):
        units[group].append(unit)
    for group, names in units.items():
        groups[group].units = tuple(sorted(names))


PARTS_GROUPS = 20


def _key_in(key: Any, values: list[Any]) -> ColumnElement[bool]:
    known = [value for value in values if value is not None]
    if len(known) == len(values):
        return key.in_(known)  # type: ignore[no-any-return]
    return or_(key.in_(known), key.is_(None))


def _attach_parts(
    session: Session,
    groups: dict[Any, GroupTotal],
    key: Any,
    where: Any,
    limit: int,
    by: GroupBy,
) -> None:
    # Only the leading groups are ever shown with their parts; listing the deals of every
    # small group of a large database would cost more than the totals themselves.
    small = [group for group, total in groups.items() if 1 < total.deals <= limit]
    if not small:
        return
    stmt = (
        _base_select(
            key, Deal.id, Deal.quantity_ordered, Buyer.name, Seller.name,
            Platform.designation, Deal.condition, Deal.status,
        )
        .where(*where, _key_in(key, small))
        .order_by(key, Deal.quantity_ordered.is_(None), Deal.quantity_ordered.desc(), Deal.id)
    )  # fmt: skip
    for group, *rest in session.execute(stmt):
        groups[group].parts.append(TotalPart(*rest))


def overall_total(session: Session, filters: DealFilters) -> GroupTotal:
    """The headline figures for the whole filtered set, as one group."""
    where = filter_conditions(resolve_filters(session, filters))
    # Two statements, not one grouped by currency: with no group key, the counts need no
    # sort at all, and only the deals with a value are sorted by currency.
    row = session.execute(_deal_select(*_COUNTS).where(*where)).one()
    deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown = map(int, row)
    total = GroupTotal(
        "all", deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown
    )
    money = (
        _deal_select(Deal.value_currency, *_MONEY)
        .where(*where, Deal.value_amount.is_not(None))
        .group_by(Deal.value_currency)
        .order_by(Deal.value_currency)
    )
    for currency, amount, valued, at_least in session.execute(money):
        _add_money(total, currency, amount, valued, at_least)
    return total


# --- one deal ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CitationView:
    field: str | None
    quote: str
    source_id: int
    source_title: str
    source_publisher: str | None
    source_url: str | None
    source_date: dt.date | None


@dataclass(frozen=True)
class EventView:
    event_id: int
    kind: str
    date: str | None
    description: str
    new_status: Status | None
    quantity: int | None
    citations: list[CitationView]


@dataclass(frozen=True)
class SourceView:
    source_id: int
    ref: str | None
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    published_date: dt.date | None
    notes: str | None


@dataclass(frozen=True)
class ConflictView:
    """Two sources disagree about a field; shown for a researcher to resolve."""

    field: str
    recorded_value: str | None
    other_value: str | None
    source_title: str
    source_publisher: str | None
    resolved: bool


@dataclass(frozen=True)
class DealDetail:
    row: DealRow
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    participants: list[tuple[str, str]]  # (party name, role)
    events: list[EventView]
    field_citations: dict[str, list[CitationView]]
    sources: list[SourceView]
    conflicts: list[ConflictView]
    deleted_at: dt.datetime | None = None  # set when the deal was (soft) deleted
    deleted_by: str | None = None


def _citation_view(citation: Citation) -> CitationView:
    source = citation.source
    return CitationView(
        citation.field, citation.quote, source.id, source.title, source.publisher,
        source.url, source.published_date,
    )  # fmt: skip


def deal_detail(session: Session, deal_id: int) -> DealDetail | None:
    """Every field of one deal, its timeline in date order, and its cited sources."""
    stmt = _base_select(*_ROW_COLUMNS, include_deleted=True).where(Deal.id == deal_id)
    rows = session.execute(stmt).all()
    if not rows:
        return None
    deal = session.get_one(Deal, deal_id)
    labels = source_labels(session, [deal_id])
    participants = [
        (p.party.name, p.role.value)
        for p in session.scalars(select(DealParticipant).where(DealParticipant.deal_id == deal_id))
    ]
    citations = list(
        session.scalars(select(Citation).where(Citation.deal_id == deal_id).order_by(Citation.id))
    )
    field_citations: dict[str, list[CitationView]] = defaultdict(list)
    by_event: dict[int, list[CitationView]] = defaultdict(list)
    for citation in citations:
        if citation.event_id is not None:
            by_event[citation.event_id].append(_citation_view(citation))
        elif citation.field:
            field_citations[citation.field].append(_citation_view(citation))
    events = [
        EventView(
            e.id, e.kind.value, _partial(e.event_date, e.date_precision), e.description,
            e.new_status, e.quantity, by_event[e.id],
        )
        for e in session.scalars(
            select(Event)
            .where(Event.deal_id == deal_id)
            .order_by(Event.event_date.is_(None), Event.event_date, Event.id)
        )
    ]  # fmt: skip
    sources = {c.source.id: c.source for c in citations}
    conflicts = [
        ConflictView(
            c.field, c.recorded_value, c.other_value, c.source.title, c.source.publisher,
            c.resolved,
        )
        for c in session.scalars(
            select(DealConflict).where(DealConflict.deal_id == deal_id).order_by(DealConflict.id)
        )
    ]  # fmt: skip
    for conflict_source in session.scalars(
        select(Source).join(DealConflict).where(DealConflict.deal_id == deal_id)
    ):
        sources.setdefault(conflict_source.id, conflict_source)
    return DealDetail(
        row=_row(rows[0], labels.get(deal_id, "")),
        version=deal.version,
        created_at=deal.created_at,
        updated_at=deal.updated_at,
        participants=participants,
        events=events,
        field_citations=dict(field_citations),
        sources=[
            SourceView(
                s.id, s.ref, s.title, s.publisher, s.author, s.url, s.published_date, s.notes
            )
            for s in sorted(sources.values(), key=lambda s: (s.published_date or dt.date.min, s.id))
        ],
        conflicts=conflicts,
        deleted_at=deal.deleted_at,
        deleted_by=deal.deleted_by,
    )


def database_is_empty(session: Session) -> bool:
    """True when there are no deals and no sources: safe to seed."""
    has_deal = session.scalar(select(Deal.id).limit(1)) is not None
    has_source = session.scalar(select(Source.id).limit(1)) is not None
    return not (has_deal or has_source)


# --- choices, flows, related deals (dashboard helpers, all in SQL) -----------------------


@dataclass(frozen=True)
class PartyChoice:
    name: str
    iso3: str | None
    deals: int


def party_choices(session: Session, role: str) -> list[PartyChoice]:
    """Parties that appear as buyer (role "buyer") or seller, with their deal counts."""
    column = unindexed({"buyer": Deal.buyer_id, "seller": Deal.seller_id}[role])
    counts = (
        select(column.label("party_id"), func.count().label("deals"))
        .where(LIVE)
        .group_by(column)
        .subquery()
    )
    rows = session.execute(
        select(Party.name, Party.iso3, counts.c.deals)
        .join(counts, counts.c.party_id == Party.id)
        .order_by(Party.name)
    )
    return [PartyChoice(name, iso3, deals) for name, iso3, deals in rows]


def canonical_party_name(session: Session, name: str) -> str | None:
    """The display name a typed name or alias stands for ("Türkiye" -> "Turkey"); no writes."""
    country = resolve_country(name)
    if country is not None:
        return country.name
    return session.scalar(
        select(Party.name).join(PartyAlias).where(PartyAlias.alias_key == normalize_name(name))
    )


def order_year_range(session: Session) -> tuple[int, int] | None:
    low, high = session.execute(
        select(func.min(Deal.order_year), func.max(Deal.order_year)).where(LIVE)
    ).one()
    if low is None or high is None:
        return None
    return int(low), int(high)


@dataclass(frozen=True)
class Flow:
    seller: str
    buyer: str
    deals: int
    quantity: int


def top_flows(session: Session, filters: DealFilters, limit: int = 25) -> list[Flow]:
    """The largest supplier -> recipient pairs by number of deals."""
    resolved = resolve_filters(session, filters)
    seller, buyer = unindexed(Deal.seller_id), unindexed(Deal.buyer_id)
    pairs = (
        _deal_select(
            seller.label("seller_id"), buyer.label("buyer_id"), func.count().label("deals"),
            func.coalesce(func.sum(Deal.quantity_ordered), 0).label("quantity"),
        )
        .where(*filter_conditions(resolved))
        .group_by(seller, buyer)
        .subquery()
    )  # fmt: skip
    stmt = (
        select(Seller.name, Buyer.name, pairs.c.deals, pairs.c.quantity)
        .join(Seller, Seller.id == pairs.c.seller_id)
        .join(Buyer, Buyer.id == pairs.c.buyer_id)
        .order_by(pairs.c.deals.desc(), Seller.name, Buyer.name)
        .limit(limit)
    )
    return [Flow(s, b, n, int(q)) for s, b, n, q in session.execute(stmt)]


def related_deals(session: Session, deal_id: int, limit: int = 20) -> list[DealRow]:
    """Deals of the same buyer for the same platform, or of the same programme."""
    deal = session.get(Deal, deal_id)
    if deal is None:
        return []
    same = and_(Deal.buyer_id == deal.buyer_id, Deal.platform_id == deal.platform_id)
    if deal.programme:
        same = or_(same, Deal.programme == deal.programme)
    # Deals for the same platform from the same seller to anyone are related too.
    same = or_(same, and_(Deal.platform_id == deal.platform_id, Deal.seller_id == deal.seller_id))
    stmt = _ordered(
        _base_select(*_ROW_COLUMNS).where(same, Deal.id != deal_id), "order_date", True
    ).limit(limit)
    rows = session.execute(stmt).all()
    labels = source_labels(session, [r[0] for r in rows])
    return [_row(r, labels.get(r[0], "")) for r in rows]


def filtered_sources(session: Session, filters: DealFilters) -> list[SourceView]:
    """Every source cited by the filtered deals: what an export was made from."""
    resolved = resolve_filters(session, filters)
    deal_ids = _base_select(Deal.id).where(*filter_conditions(resolved))
    stmt = (
        select(Source)
        .where(Source.id.in_(select(Citation.source_id).where(Citation.deal_id.in_(deal_ids))))
        .order_by(Source.published_date, Source.title)
    )
    return [
        SourceView(s.id, s.ref, s.title, s.publisher, s.author, s.url, s.published_date, s.notes)
        for s in session.scalars(stmt)
    ]


# --- choices for forms -------------------------------------------------------------------


@dataclass(frozen=True)
class NameChoice:
    name: str
    iso3: str | None
    kind: str  # "state", "company", ... ("state" for every country of the country table)


def party_name_choices(session: Session) -> list[NameChoice]:
    """Every country (from the country table) and every other party in the database."""
    choices = {c.name: NameChoice(c.name, c.iso3, "state") for c in all_countries()}
    for name, iso3, kind in session.execute(select(Party.name, Party.iso3, Party.kind)):
        choices.setdefault(name, NameChoice(name, iso3, kind.value))
    return sorted(choices.values(), key=lambda c: c.name.casefold())


def platform_choices(session: Session) -> list[str]:
    return list(session.scalars(select(Platform.designation).order_by(Platform.designation)))


def source_choices(session: Session) -> list[tuple[str, str]]:
    """(ref, "publisher: title") of every source with stored text, newest first."""
    rows = session.execute(
        select(Source.ref, Source.publisher, Source.title)
        .where(Source.ref.is_not(None), Source.text.is_not(None), Source.kind != "dataset")
        .order_by(Source.id.desc())
    )
    return [
        (str(ref), f"{publisher}: {title}" if publisher else title)
        for ref, publisher, title in rows
    ]


@dataclass(frozen=True)
class DeletedDeal:
    deal_id: int
    title: str
    deleted_at: dt.datetime
    deleted_by: str | None


def deleted_deals(session: Session, limit: int = 200) -> list[DeletedDeal]:
    """Soft-deleted deals, most recently deleted first (for restoring)."""
    stmt = (
        _base_select(
            Deal.id, Buyer.name, Seller.name, Platform.designation, Deal.deleted_at,
            Deal.deleted_by, include_deleted=True,
        )
        .where(Deal.deleted_at.is_not(None))
        .order_by(Deal.deleted_at.desc())
        .limit(limit)
    )  # fmt: skip
    return [
        DeletedDeal(deal_id, f"{buyer} – {seller}: {platform}", at, by)
        for deal_id, buyer, seller, platform, at, by in session.execute(stmt)
    ]


# --- the Deals view: one page, its totals, and facet counts ------------------------------

FACETS = (GroupBy.BUYER, GroupBy.SELLER, GroupBy.CATEGORY, GroupBy.STATUS)


@dataclass(frozen=True)
class DealView:
    """What the Deals page shows for a set of filters."""

    rows: list[DealRow]
    total: GroupTotal
    facets: dict[str, list[tuple[str, int]]]  # facet -> (value, deals), most deals first
    groups: list[GroupTotal] = field(default_factory=list)  # totals_by's leading groups
    group_count: int = 0  # how many groups totals_by has in all


def facet_counts(
    session: Session, filters: DealFilters, by: GroupBy, *, limit: int = 20
) -> list[tuple[str, int]]:
    """Deals per buyer, seller, category or status, most first; counted on deal columns."""
    where = filter_conditions(resolve_filters(session, filters))
    # Category counts come from platform counts: no join over the deals.
    key = unindexed(Deal.platform_id if by is GroupBy.CATEGORY else _GROUP_KEYS[by])
    stmt = _deal_select(key, func.count()).where(*where).group_by(key)
    rows: list[tuple[Any, int]] = [(value, deals) for value, deals in session.execute(stmt)]
    if by is GroupBy.CATEGORY:
        categories = dict(
            session.execute(
                select(Platform.id, Platform.category).where(
                    Platform.id.in_([platform for platform, _ in rows])
                )
            ).all()
        )
        folded: dict[Any, int] = defaultdict(int)
        for platform, deals in rows:
            folded[categories.get(platform)] += deals
        rows = list(folded.items())
    names = _names(session, by, [key for key, _ in rows])
    counted = [(_facet_label(names.get(key, key)), int(deals)) for key, deals in rows]
    return sorted(counted, key=lambda item: (-item[1], item[0]))[:limit]


def _facet_label(value: Any) -> str:
    if value is None:
        return "(unknown)"
    return str(getattr(value, "value", value))


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
) -> DealView:
    """One page of the filtered deals, the totals of all of them, and their facets; with
    `totals_by`, also their totals by that group (the first `groups_shown` of them).

    concurrent=True runs the queries at once on their own connections (see
    `read_concurrently`): for readers of committed data, such as the dashboard."""
    page = partial(list_deals, filters=filters, sort=sort, descending=descending,
                   limit=limit, offset=offset)  # fmt: skip
    calls: list[Callable[[Session], Any]] = [
        page,
        partial(overall_total, filters=filters),
        *(partial(facet_counts, filters=filters, by=by) for by in FACETS),
    ]
    if totals_by is not None:
        calls.append(partial(totals, filters=filters, by=totals_by))
    rows, total, *facets = read_concurrently(session, calls, concurrent)
    groups: list[GroupTotal] = facets.pop() if totals_by is not None else []
    return DealView(
        rows=rows,
        total=total,
        facets={by.value: counts for by, counts in zip(FACETS, facets, strict=True)},
        groups=groups[:groups_shown],
        group_count=len(groups),
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


def overview(
    session: Session, filters: DealFilters, *, flows: int = 25, concurrent: bool = False
) -> Overview:
    """Headline figures, totals by year, buyer, seller and status, and the largest flows."""
    calls: list[Callable[[Session], Any]] = [
        partial(overall_total, filters=filters),
        *(partial(totals, filters=filters, by=by, parts_up_to=0) for by in OVERVIEW_TOTALS),
        partial(top_flows, filters=filters, limit=flows),
    ]
    total, by_year, by_buyer, by_seller, by_status, top = read_concurrently(
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
