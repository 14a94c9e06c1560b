"""Whether a candidate is a deal already stored: same buyer, a platform of the same
family, and no contradicting seller, quantity or condition. Stored deals that differ
only in count or condition are kept as similar: a count corrected since, or another
batch, which the researcher tells apart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tracker.citing import row_title
from tracker.domain.vocab import Condition, label
from tracker.extract.assemble import Candidate
from tracker.extract.lexicon import platform_family
from tracker.read.rows import ROW_COLUMNS, base_select, deal_row
from tracker.store.models import Deal, Party, Platform

SIMILAR_SHOWN = 5  # a buyer with more deals of one family lists its latest


def mark_existing(session: Session, candidates: list[Candidate]) -> None:
    """Set each candidate's `existing_deal_id` to the stored deal it reports, if any, and
    otherwise its `similar_deal_ids`."""
    for candidate in candidates:
        same, similar = _stored_matches(session, candidate)
        candidate.existing_deal_id = same
        candidate.similar_deal_ids = [] if same is not None else similar[-SIMILAR_SHOWN:]


def _stored_matches(session: Session, candidate: Candidate) -> tuple[int | None, list[int]]:
    """The stored deal the candidate is (best first), and those only its count or
    condition tells apart, oldest first."""
    if candidate.buyer_iso3 is None:
        return None, []
    best: tuple[int, int] | None = None
    similar: list[int] = []
    for deal_id, designation, seller_iso3, quantity, condition in _buyer_deals(session, candidate):
        if platform_family(designation) != candidate.family:
            continue
        if candidate.seller_iso3 and seller_iso3 and seller_iso3 != candidate.seller_iso3:
            continue
        used = None if condition is None else condition is not Condition.NEW
        count_differs = bool(candidate.quantity and quantity and candidate.quantity != quantity)
        condition_differs = (
            candidate.second_hand is not None and used is not None and candidate.second_hand != used
        )
        if count_differs or condition_differs:
            similar.append(deal_id)
            continue
        score = (designation == candidate.platform) + (quantity == candidate.quantity)
        if best is None or score > best[0]:
            best = (score, deal_id)
    return (None if best is None else best[1]), similar


def _buyer_deals(session: Session, candidate: Candidate) -> list[Any]:
    buyer, seller = aliased(Party), aliased(Party)
    return list(
        session.execute(
            select(
                Deal.id, Platform.designation, seller.iso3, Deal.quantity_ordered, Deal.condition
            )
            .join(buyer, Deal.buyer_id == buyer.id)
            .join(seller, Deal.seller_id == seller.id)
            .join(Platform, Deal.platform_id == Platform.id)
            .where(buyer.iso3 == candidate.buyer_iso3, Deal.deleted_at.is_(None))
            .order_by(Deal.id)
        ).all()
    )


def describe_deals(session: Session, deal_ids: list[int]) -> dict[int, str]:
    """Live stored deals in a line each, for choosing among them: "#12 Turkey – United
    States: 38 F-16 Block 70 Viper, second-hand (ordered, 2024-01)". Plain text: escape
    it to show."""
    rows = session.execute(base_select(*ROW_COLUMNS).where(Deal.id.in_(deal_ids))).all()
    described = {}
    for row in (deal_row(r, "") for r in rows):
        title = row_title(row)
        if row.condition not in (None, Condition.NEW):  # what may tell it from the article's
            head, _, tail = title.rpartition(" (")
            title = f"{head}, {label(row.condition)} ({tail}"
        described[row.deal_id] = f"#{row.deal_id} {title}"
    return described
