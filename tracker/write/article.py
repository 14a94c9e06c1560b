"""Confirming the deals an article reports (`tracker.extract`): one write, all or nothing.

The article becomes a source holding its text; each confirmed deal is created, or, when
it is a deal already stored, the article is added as its source with any facts the
stored deal lacks. Every field set is cited to the article with the words it came from,
and the reported stage goes on the deal's timeline. The caller's transaction holds it
all: a refused quote, name or transition leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.domain.schemas import DealIn, SourceIn, validate
from tracker.domain.vocab import Condition, EventKind, Role, Status, ValueKind, can_change_status
from tracker.errors import FieldError, InvalidInput, TrackerError
from tracker.extract.confirmed import ArticleDeal
from tracker.resolve import find_platform
from tracker.write._concurrency import live_deal
from tracker.write.catalogue import add_platform
from tracker.write.deals import add_deal, update_deal
from tracker.write.sources import add_event, add_source, cite

# The extractor's statuses (issue 15's JSON) and the tracker's.
STATUS_OF = {
    "proposed": Status.PROPOSED,
    "negotiating": Status.NEGOTIATING,
    "approved": Status.APPROVED,
    "signed": Status.ORDERED,
    "delivering": Status.DELIVERING,
    "delivered": Status.DELIVERED,
    "cancelled": Status.CANCELLED,
}
EVENT_OF = {
    Status.PROPOSED: EventKind.PROPOSAL,
    Status.NEGOTIATING: EventKind.NEGOTIATION,
    Status.APPROVED: EventKind.APPROVAL,
    Status.ORDERED: EventKind.ORDER,
    Status.DELIVERING: EventKind.DELIVERY,
    Status.DELIVERED: EventKind.DELIVERY,
    Status.CANCELLED: EventKind.CANCELLATION,
    Status.SUSPENDED: EventKind.SUSPENSION,
}
# The candidate's fields and the deal fields their quotes are cited for.
CITED_FOR = {
    "buyer": "buyer",
    "seller": "seller",
    "platform": "platform",
    "quantity": "quantity_ordered",
    "value": "value",
    "status": "status",
    "second_hand": "condition",
    "date": "order_date",
}


@dataclass
class ArticleResult:
    source_ref: str
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)


def add_from_article(
    *,
    session: Session,
    actor: Actor,
    source_in: SourceIn | Mapping[str, Any],
    deals: Sequence[ArticleDeal],
) -> ArticleResult:
    """Store the article and its confirmed deals in the caller's transaction."""
    require(actor, Role.EDITOR, "adding deals from an article")
    source_in = validate(SourceIn, source_in, "source")
    if not source_in.text:
        raise InvalidInput([FieldError("text", None, "paste the article's text")])
    if not deals:
        raise InvalidInput([FieldError("deals", None, "confirm at least one deal")])
    _check_all(session, deals)
    source = add_source(session=session, actor=actor, source_in=source_in)
    result = ArticleResult(str(source.ref))
    for position, deal in enumerate(deals, start=1):
        number = deal.number or position
        try:
            if deal.existing_deal_id is None:
                result.created.append(_create(session, actor, result.source_ref, deal))
            else:
                _add_to_stored(session, actor, result.source_ref, deal)
                result.updated.append(deal.existing_deal_id)
        except InvalidInput as exc:
            raise InvalidInput([_numbered(number, error) for error in exc.errors]) from None
        except TrackerError as exc:
            raise InvalidInput([FieldError(f"deal {number}", None, str(exc))]) from None
    return result


def _numbered(number: int, error: FieldError) -> FieldError:
    return FieldError(f"deal {number}: {error.field}", error.value, error.message)


def _check_all(session: Session, deals: Sequence[ArticleDeal]) -> None:
    """Every deal's problems at once, before anything is written."""
    errors: list[FieldError] = []
    for position, deal in enumerate(deals, start=1):
        number = deal.number or position
        if deal.status not in STATUS_OF:
            errors.append(FieldError(f"deal {number}: status", deal.status, "not a status"))
            continue
        new_platform = deal.existing_deal_id is None and deal.platform_category is None
        if new_platform and find_platform(session, deal.platform) is None:
            errors.append(
                FieldError(
                    f"deal {number}: platform",
                    deal.platform,
                    "not a known platform: choose its category to add it",
                )
            )
        try:
            validate(DealIn, _deal_values(deal), "deal")
        except InvalidInput as exc:
            errors += [_numbered(number, error) for error in exc.errors]
    if errors:
        raise InvalidInput(errors)


def _deal_values(deal: ArticleDeal) -> dict[str, Any]:
    status = STATUS_OF[deal.status]
    values: dict[str, Any] = {
        "buyer": deal.buyer,
        "seller": deal.seller,
        "platform": deal.platform,
        "status": status,
        "quantity_ordered": deal.quantity,
        "condition": Condition.SECOND_HAND if deal.second_hand else None,
    }
    if deal.value is not None:
        values.update(
            value_amount=deal.value,
            value_currency=deal.currency,
            value_kind=ValueKind.NOTIFIED_CEILING
            if status is Status.APPROVED
            else ValueKind.CONTRACT
            if status is Status.ORDERED
            else ValueKind.ESTIMATE,
        )
    if deal.date and status is Status.ORDERED:
        values["order_date"] = deal.date  # a signing's date is the order date
    return {k: v for k, v in values.items() if v is not None}


def _create(session: Session, actor: Actor, source_ref: str, deal: ArticleDeal) -> int:
    if deal.platform_category and find_platform(session, deal.platform) is None:
        add_platform(
            session=session,
            actor=actor,
            platform_in={"designation": deal.platform, "category": deal.platform_category},
        )
    values = _deal_values(deal)
    stored = add_deal(session=session, actor=actor, deal_in=values, comment="from an article")
    _cite_fields(session, actor, stored.id, source_ref, deal, _set_fields(values))
    _timeline(session, actor, stored.id, source_ref, deal, history=True)
    return stored.id


def _set_fields(values: Mapping[str, Any]) -> set[str]:
    named = {
        "quantity_ordered": "quantity",
        "value_amount": "value",
        "condition": "second_hand",
        "order_date": "date",
    }
    return {named.get(name, name) for name in values if named.get(name, name) in CITED_FOR}


def _add_to_stored(session: Session, actor: Actor, source_ref: str, deal: ArticleDeal) -> None:
    """Cite the article for what it confirms of a stored deal, fill what the deal lacks,
    and move it on to the reported stage when that is an allowed step."""
    assert deal.existing_deal_id is not None
    stored = live_deal(session, deal.existing_deal_id)
    fills: dict[str, Any] = {}
    if stored.quantity_ordered is None and deal.quantity is not None:
        fills["quantity_ordered"] = deal.quantity
    if stored.value_amount is None and deal.value is not None:
        fills.update(value_amount=deal.value, value_currency=deal.currency)
    if fills:
        update_deal(
            session=session,
            actor=actor,
            deal_id=stored.id,
            values=fills,
            seen_version=stored.version,
            comment="from an article",
        )
    cited = {"buyer", "seller", "platform"}
    if deal.quantity is not None and deal.quantity == (stored.quantity_ordered or deal.quantity):
        cited.add("quantity")
    if deal.value is not None and "value_amount" in fills:
        cited.add("value")
    status = STATUS_OF[deal.status]
    if status is stored.status:
        cited.add("status")
    _cite_fields(session, actor, stored.id, source_ref, deal, cited)
    moves = status is not stored.status and can_change_status(stored.status, status)
    _timeline(session, actor, stored.id, source_ref, deal, history=not moves)


def _cite_fields(
    session: Session,
    actor: Actor,
    deal_id: int,
    source_ref: str,
    deal: ArticleDeal,
    fields: set[str],
) -> None:
    """One citation per distinct quote, for every field it backs."""
    by_quote: dict[str, list[str]] = {}
    for name in sorted(fields):
        quote = deal.field_quotes.get(name) or deal.quote
        by_quote.setdefault(quote, []).append(CITED_FOR[name])
    for quote, names in by_quote.items():
        cite(
            session=session,
            actor=actor,
            deal_id=deal_id,
            source=source_ref,
            fields=names,
            quote=quote,
        )


def _timeline(
    session: Session,
    actor: Actor,
    deal_id: int,
    source_ref: str,
    deal: ArticleDeal,
    *,
    history: bool,
) -> None:
    status = STATUS_OF[deal.status]
    event = {
        "kind": EVENT_OF[status],
        "date": deal.date,
        "description": f"Reported: {status.value.replace('_', ' ')}",
        "new_status": status,
    }
    add_event(
        session=session,
        actor=actor,
        deal_id=deal_id,
        event_in={k: v for k, v in event.items() if v is not None},
        source=source_ref,
        quote=deal.field_quotes.get("status") or deal.quote,
        history=history,
    )
