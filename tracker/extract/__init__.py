"""Article-assisted entry: the deals a news article reports, each field with the words
behind it, ready for a researcher to confirm (`tracker extract`, the dashboard's "Add
from article" page).

Offline and rule-based: the names come from the database (parties, platforms, aliases,
everything a SIPRI import brought) and `tracker/data/extract_lexicon.yaml`; each rule
lives in one module: text (sentences, clauses, words), lexicon (names), numbers, money,
dates, cues (status and condition words), sentence (what one sentence holds), parts (a
platform named as a part or as the host of parts), assemble (sentences to deals),
existing (stored deals).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from tracker.extract.assemble import Candidate, extract_candidates
from tracker.extract.dates import published_date_in
from tracker.extract.existing import mark_existing
from tracker.extract.lexicon import Gazetteer, build_gazetteer
from tracker.extract.money import dollar_currency

# The JSON shape `tracker extract --format json` prints (issue 15): other tools rely on it.
FIELDS = (
    "buyer",
    "seller",
    "manufacturer",
    "platform",
    "quantity",
    "value",
    "currency",
    "status",
    "second_hand",
    "date",
    "quote",
    "field_quotes",
    "confidence",
    "existing_deal_id",
    "similar_deal_ids",
)


def extract(
    text: str,
    *,
    session: Session | None = None,
    gazetteer: Gazetteer | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> list[Candidate]:
    """The candidate deals in an article; with a session, names are the database's and
    each candidate says which stored deal it is, if any."""
    names = gazetteer or build_gazetteer(session)
    when = published or published_date_in(text)
    candidates = extract_candidates(
        text,
        names,
        published=when,
        dollar=lambda about: dollar_currency(text[:3000], url, publisher, about=about),
    )
    if session is not None:
        mark_existing(session, candidates)
    return candidates


def candidate_dict(candidate: Candidate) -> dict[str, Any]:
    """One candidate in the published JSON shape."""
    return {
        "buyer": candidate.buyer,
        "seller": candidate.seller,
        "manufacturer": candidate.manufacturer,
        "platform": candidate.platform,
        "quantity": candidate.quantity,
        "value": None if candidate.value is None else _number(candidate.value),
        "currency": candidate.currency,
        "status": candidate.status,
        "second_hand": bool(candidate.second_hand),
        "date": candidate.date,
        "quote": candidate.quote,
        "field_quotes": dict(candidate.field_quotes),
        "confidence": candidate.confidence,
        "existing_deal_id": candidate.existing_deal_id,
        "similar_deal_ids": list(candidate.similar_deal_ids),
    }


def _number(value: Any) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


__all__ = ["FIELDS", "Candidate", "Gazetteer", "build_gazetteer", "candidate_dict", "extract"]
