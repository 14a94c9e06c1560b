"""A candidate deal as a researcher confirms it: the shape `tracker.write.article` stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.extract.assemble import Candidate


@dataclass
class ArticleDeal:
    """A candidate as the researcher confirmed it (any field may have been edited)."""

    buyer: str
    seller: str
    platform: str
    status: str
    quote: str
    quantity: int | None = None
    value: Decimal | None = None
    currency: str | None = None
    second_hand: bool = False
    date: str | None = None
    field_quotes: dict[str, str] = field(default_factory=dict)
    existing_deal_id: int | None = None
    platform_category: str | None = None  # to add a platform the database does not know
    number: int | None = None  # as the researcher sees it, for messages (default: position)


def from_candidate(candidate: Candidate) -> ArticleDeal:
    """A candidate as it would be confirmed unchanged."""
    return ArticleDeal(
        buyer=candidate.buyer or "",
        seller=candidate.seller or "",
        platform=candidate.platform,
        status=candidate.status,
        quote=candidate.quote,
        quantity=candidate.quantity,
        value=candidate.value,
        currency=candidate.currency,
        second_hand=bool(candidate.second_hand),
        date=candidate.date,
        field_quotes=dict(candidate.field_quotes),
        existing_deal_id=candidate.existing_deal_id,
        platform_category=None if candidate.stored_platform else candidate.category,
    )
