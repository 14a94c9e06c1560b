"""One deal in full: fields, timeline, citations, sources, disagreements, related deals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from tracker.domain.schemas import PartialDate
from tracker.domain.vocab import Status
from tracker.read.filters import DealFilters, ResolvedFilters, conditions_for
from tracker.read.rows import (
    ROW_COLUMNS,
    DealRow,
    base_select,
    deal_row,
    ordered,
    partial_date,
    source_labels,
)
from tracker.resolve import find_platform, match_party
from tracker.store.models import (
    Citation,
    Deal,
    DealConflict,
    DealFlag,
    DealMoney,
    DealParticipant,
    Event,
    Source,
)


@dataclass(frozen=True)
class CitationView:
    field: str | None
    quote: str
    source_id: int
    source_title: str
    source_publisher: str | None
    source_url: str | None
    source_date: dt.date | None
    earlier_value: str | None = None  # the value it was cited for, if an edit changed it


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
class DeliveryView:
    year: int
    number: int | None  # None: the source gives only the deal's total
    number_estimated: bool
    year_estimated: bool
    tiv: Decimal | None


@dataclass(frozen=True)
class MoneyFactView:
    """A sum a source states about the deal that is not its own value."""

    kind: str  # package, offset, loan, stated_usd
    amount: Decimal
    amount_high: Decimal | None
    currency: str
    at_least: bool
    quote: str | None


@dataclass(frozen=True)
class FlagView:
    flag_id: int
    kind: str
    detail: str
    other_deal_id: int | None
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
    deliveries: list[DeliveryView] = field(default_factory=list)  # by year
    money_facts: list[MoneyFactView] = field(default_factory=list)
    flags: list[FlagView] = field(default_factory=list)


def _citation_view(citation: Citation) -> CitationView:
    source = citation.source
    return CitationView(
        citation.field, citation.quote, source.id, source.title, source.publisher,
        source.url, source.published_date, citation.earlier_value,
    )  # fmt: skip


def deal_detail(session: Session, deal_id: int) -> DealDetail | None:
    """Every field of one deal, its timeline in date order, and its cited sources."""
    stmt = base_select(*ROW_COLUMNS, include_deleted=True).where(Deal.id == deal_id)
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
            e.id, e.kind.value, partial_date(e.event_date, e.date_precision), e.description,
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
        row=deal_row(rows[0], labels.get(deal_id, "")),
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
        deliveries=[
            DeliveryView(d.year, d.number, d.number_estimated, d.year_estimated, d.tiv)
            for d in deal.deliveries
        ],
        money_facts=[
            MoneyFactView(m.kind.value, m.amount, m.amount_high, m.currency, m.at_least, m.quote)
            for m in session.scalars(
                select(DealMoney).where(DealMoney.deal_id == deal_id).order_by(DealMoney.id)
            )
        ],
        flags=[
            FlagView(f.id, f.kind.value, f.detail, f.other_deal_id, f.resolved)
            for f in session.scalars(
                select(DealFlag).where(DealFlag.deal_id == deal_id).order_by(DealFlag.id)
            )
        ],
    )


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
    stmt = ordered(
        base_select(*ROW_COLUMNS).where(same, Deal.id != deal_id), "order_date", True
    ).limit(limit)
    rows = session.execute(stmt).all()
    labels = source_labels(session, [r[0] for r in rows])
    return [deal_row(r, labels.get(r[0], "")) for r in rows]


def filtered_sources(session: Session, filters: DealFilters | ResolvedFilters) -> list[SourceView]:
    """Every source cited by the filtered deals: what an export was made from."""
    deal_ids = base_select(Deal.id).where(*conditions_for(session, filters))
    stmt = (
        select(Source)
        .where(Source.id.in_(select(Citation.source_id).where(Citation.deal_id.in_(deal_ids))))
        .order_by(Source.published_date, Source.title)
    )
    return [
        SourceView(s.id, s.ref, s.title, s.publisher, s.author, s.url, s.published_date, s.notes)
        for s in session.scalars(stmt)
    ]


def identical_deals(session: Session, values: Mapping[str, Any]) -> list[int]:
    """Live deals with the same buyer, seller, platform, quantity ordered and order date
    (at its precision) as a deal form's `values`: probably the same deal entered twice."""
    names = [str(values.get(name) or "").strip() for name in ("buyer", "seller", "platform")]
    if not all(names):
        return []
    buyer, seller = match_party(session, names[0]), match_party(session, names[1])
    platform = find_platform(session, names[2])
    if buyer is None or seller is None or platform is None:
        return []
    if buyer.party is None or seller.party is None:
        return []  # a state with no row yet has no deals
    try:
        raw = values.get("order_date")
        order = PartialDate.model_validate(raw) if raw else None
    except ValidationError:
        return []
    quantity = values.get("quantity_ordered")
    stmt = select(Deal.id).where(
        Deal.deleted_at.is_(None),
        Deal.buyer_id == buyer.party.id,
        Deal.seller_id == seller.party.id,
        Deal.platform_id == platform.id,
        Deal.quantity_ordered.is_(None) if quantity is None else Deal.quantity_ordered == quantity,
        Deal.order_date.is_(None) if order is None else Deal.order_date == order.value,
    )
    if order is not None:
        stmt = stmt.where(Deal.order_date_precision == order.precision)
    return list(session.scalars(stmt.order_by(Deal.id)))
