"""Whether a candidate is a deal already stored: same buyer, a platform of the same
family, and no contradicting seller, quantity or condition."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tracker.domain.vocab import Condition
from tracker.extract.assemble import Candidate
from tracker.extract.lexicon import platform_family
from tracker.store.models import Deal, Party, Platform


def mark_existing(session: Session, candidates: list[Candidate]) -> None:
    """Set each candidate's `existing_deal_id` to the stored deal it reports, if any."""
    for candidate in candidates:
        candidate.existing_deal_id = _existing(session, candidate)


def _existing(session: Session, candidate: Candidate) -> int | None:
    if candidate.buyer_iso3 is None:
        return None
    buyer, seller = aliased(Party), aliased(Party)
    rows = session.execute(
        select(Deal.id, Platform.designation, seller.iso3, Deal.quantity_ordered, Deal.condition)
        .join(buyer, Deal.buyer_id == buyer.id)
        .join(seller, Deal.seller_id == seller.id)
        .join(Platform, Deal.platform_id == Platform.id)
        .where(buyer.iso3 == candidate.buyer_iso3, Deal.deleted_at.is_(None))
        .order_by(Deal.id)
    ).all()
    best: tuple[int, int] | None = None
    for deal_id, designation, seller_iso3, quantity, condition in rows:
        if platform_family(designation) != candidate.family:
            continue
        if candidate.seller_iso3 and seller_iso3 and seller_iso3 != candidate.seller_iso3:
            continue
        if candidate.quantity and quantity and candidate.quantity != quantity:
            continue
        used = None if condition is None else condition is not Condition.NEW
        if candidate.second_hand is not None and used is not None and candidate.second_hand != used:
            continue
        score = (designation == candidate.platform) + (quantity == candidate.quantity)
        if best is None or score > best[0]:
            best = (score, deal_id)
    return None if best is None else best[1]
