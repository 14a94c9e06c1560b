"""Choices for pickers and forms, and small facts about the database (all in SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain.countries import all_countries
from tracker.read.filters import LIVE
from tracker.read.rows import Buyer, Seller, base_select
from tracker.store.db import unindexed
from tracker.store.models import Deal, DealFlag, Party, Platform, Source


def database_is_empty(session: Session) -> bool:
    """True when there are no deals and no sources: safe to seed."""
    has_deal = session.scalar(select(Deal.id).limit(1)) is not None
    has_source = session.scalar(select(Source.id).limit(1)) is not None
    return not (has_deal or has_source)


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


def order_year_range(session: Session) -> tuple[int, int] | None:
    low, high = session.execute(
        select(func.min(Deal.order_year), func.max(Deal.order_year)).where(LIVE)
    ).one()
    if low is None or high is None:
        return None
    return int(low), int(high)


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
        base_select(
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


def deal_id_by_ref(session: Session, ref: str) -> int | None:
    """The id of the deal with this stable external key ("seed:tur-s400-2017")."""
    return session.scalar(select(Deal.id).where(Deal.ref == ref))


def source_id_by_ref(session: Session, ref: str) -> int | None:
    return session.scalar(select(Source.id).where(Source.ref == ref))


@dataclass(frozen=True)
class ReviewItem:
    """Something an import left for an admin to review."""

    kind: str  # "party" (a name only a SIPRI file vouched for) or a flag kind
    item_id: int  # the party's or the flag's id
    deal_id: int | None
    text: str


def open_reviews(session: Session, limit: int = 500) -> list[ReviewItem]:
    """Unreviewed parties and unresolved deal flags, oldest first."""
    parties = [
        ReviewItem("party", party_id, None, f"{name} ({kind.value.replace('_', ' ')})")
        for party_id, name, kind in session.execute(
            select(Party.id, Party.name, Party.kind)
            .where(Party.reviewed.is_(False))
            .order_by(Party.id)
            .limit(limit)
        )
    ]
    flags = [
        ReviewItem(kind.value, flag_id, deal_id, detail)
        for flag_id, deal_id, kind, detail in session.execute(
            select(DealFlag.id, DealFlag.deal_id, DealFlag.kind, DealFlag.detail)
            .join(Deal, Deal.id == DealFlag.deal_id)
            .where(DealFlag.resolved.is_(False), LIVE)
            .order_by(DealFlag.id)
            .limit(limit)
        )
    ]
    return parties + flags
