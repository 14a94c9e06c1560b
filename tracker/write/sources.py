"""Sources, the citations that tie them to deal fields, and a deal's timeline events.

Every quote is checked with `tracker.citing.quote_occurs` against the source's stored
text: a quote that is not there is refused, never stored. A timeline event that changes
the status must follow the allowed transitions; a delivery adds its units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.citing import CITABLE_FIELDS, quote_occurs
from tracker.domain.schemas import CitationIn, EventIn, SourceIn, validate
from tracker.domain.vocab import (
    ALLOWED_TRANSITIONS,
    EventKind,
    Role,
    Status,
    can_change_status,
    field_label,
    label,
)
from tracker.errors import FieldError, InvalidInput, QuoteNotInSource
from tracker.store.models import Citation, Deal, Event, Source
from tracker.write._audit import record
from tracker.write._concurrency import live_deal, versioned_update

# --- primitives (private to the write side) ----------------------------------------------


def _create_source(session: Session, source_in: SourceIn) -> Source:
    """Store a source document, or return the one already stored under the same ref."""
    if source_in.ref:
        existing = session.scalar(select(Source).where(Source.ref == source_in.ref))
        if existing is not None:
            return existing
    source = Source(**source_in.model_dump())
    session.add(source)
    session.flush()
    return source


def _check_quote(source: Source, quote: str) -> None:
    if not source.text:
        raise QuoteNotInSource(f"“{source.title}” has no stored text to check quotes against")
    if not quote_occurs(quote, source.text):
        raise QuoteNotInSource(f"the quote is not in the text of “{source.title}”: {quote!r}")


def _add_citation(
    session: Session, deal: Deal, citation_in: CitationIn, event: Event | None = None
) -> Citation:
    """Cite a source for a deal field or an event; the quote must occur in the source."""
    name = citation_in.field
    if event is None and name is None:
        raise InvalidInput([FieldError("field", None, "name the deal field this quote supports")])
    if name is not None and name not in CITABLE_FIELDS:
        allowed = ", ".join(sorted(field_label(f) for f in CITABLE_FIELDS))
        raise InvalidInput([FieldError("field", name, f"not a citable field ({allowed})")])
    source = session.scalar(select(Source).where(Source.ref == citation_in.source))
    if source is None:
        raise InvalidInput([FieldError("source", None, "the chosen source is not stored")])
    _check_quote(source, citation_in.quote)
    citation = Citation(source=source, deal=deal, event=event, field=name, quote=citation_in.quote)
    session.add(citation)
    return citation


def _note_earlier_values(
    session: Session, deal_id: int, changed: Mapping[str, tuple[str, str]]
) -> None:
    """After a write changed these cited fields ({field: (value before, value after)}, from
    `tracker.citing.changed_cited_values`): their quotes now back an earlier value, which
    each citation keeps; one that was cited for the value the field has again backs it
    again. Event citations are about the event, not a field, and stay as they are."""
    for field, (before, after) in changed.items():
        held = Citation.earlier_value
        session.execute(
            update(Citation)
            .where(Citation.deal_id == deal_id, Citation.field == field)
            .where(Citation.event_id.is_(None))
            .where(held.is_(None) | (held == after))
            .values(earlier_value=case((held.is_(None), before), else_=None))
            .execution_options(synchronize_session=False)
        )


def _create_event(session: Session, deal: Deal, event_in: EventIn) -> Event:
    """A dated entry, with its citations, on a deal's timeline (no effect on the deal)."""
    event = Event(
        deal=deal,
        ref=event_in.ref,
        kind=event_in.kind,
        event_date=event_in.date.value if event_in.date else None,
        date_precision=event_in.date.precision if event_in.date else None,
        description=event_in.description,
        new_status=event_in.new_status,
        quantity=event_in.quantity,
    )
    session.add(event)
    session.flush()
    for citation_in in event_in.citations:
        _add_citation(session, deal, citation_in, event=event)
    return event


def _new_source_ref(session: Session) -> str:
    count = session.scalar(select(func.count()).select_from(Source)) or 0
    return f"user:{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{count + 1}"


# --- the checked writers ---------------------------------------------------------------


def add_source(
    *,
    session: Session,
    actor: Actor,
    source_in: SourceIn | Mapping[str, Any],
    comment: str | None = None,
) -> Source:
    """Store a source (title, publisher, URL, date, pasted text); reused by its ref."""
    require(actor, Role.EDITOR, "adding a source")
    source_in = validate(SourceIn, source_in, "source")
    if not source_in.ref:
        source_in = source_in.model_copy(update={"ref": _new_source_ref(session)})
    source = _create_source(session, source_in)
    record(
        session=session, actor=actor, action="create", entity="source", entity_id=source.id,
        changes={"title": (None, source.title), "url": (None, source.url)}, comment=comment,
    )  # fmt: skip
    return source


def _source_ref(session: Session, actor: Actor, source: str | Mapping[str, Any]) -> str:
    """A stored source's ref, or the ref of the new source described by `source`."""
    if isinstance(source, str):
        return source
    return str(add_source(session=session, actor=actor, source_in=source).ref)


def cite(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    source: str | Mapping[str, Any],
    fields: Sequence[str] | str,
    quote: str,
    comment: str | None = None,
) -> list[Citation]:
    """Cite a stored source (by ref) or a new one (its fields) for one or more of a deal's
    fields with one quote. All or nothing: a refused quote keeps no new source either."""
    require(actor, Role.EDITOR, "citing a source")
    names = [fields] if isinstance(fields, str) else list(dict.fromkeys(fields))
    if not names:
        raise InvalidInput(
            [FieldError("field", None, "pick at least one field the quote supports")]
        )
    deal = live_deal(session, deal_id)
    ref = _source_ref(session, actor, source)
    citations = [
        _add_citation(
            session, deal, validate(CitationIn, {"source": ref, "field": name, "quote": quote})
        )
        for name in names
    ]
    session.flush()
    for citation in citations:
        record(
            session=session, actor=actor, action="cite", entity="citation",
            entity_id=citation.id, deal_id=deal_id,
            changes={citation.field or "event": (None, citation.quote)}, comment=comment,
        )  # fmt: skip
    return citations


def add_event(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    event_in: EventIn | Mapping[str, Any],
    seen_version: int | None = None,
    source: str | Mapping[str, Any] | None = None,
    quote: str | None = None,
    history: bool = False,
    comment: str | None = None,
) -> Event:
    """Add a dated event to a deal's timeline, with its source (stored or new) and quote.

    A status change follows the allowed transitions and a delivery adds its units to the
    quantity delivered, saved only if the deal is still at `seen_version`. With
    `history=True` the event is recorded as past history (seeds): it changes nothing.
    """
    require(actor, Role.EDITOR, "adding an event")
    deal = live_deal(session, deal_id)
    data = dict(event_in) if isinstance(event_in, Mapping) else event_in.model_dump()
    if source is not None and quote:
        data["citations"] = [
            *data.get("citations", []),
            {"source": _source_ref(session, actor, source), "quote": quote},
        ]
    event_in = validate(EventIn, data, "event")
    changes: dict[str, tuple[Any, Any]] = {}
    if not history:
        columns, changes = _event_effects(deal, event_in)
        if columns:
            versioned_update(session, deal, deal.version if seen_version is None else seen_version,
                             None, **columns)  # fmt: skip
            session.refresh(deal)
    event = _create_event(session, deal, event_in)
    record(
        session=session, actor=actor, action="add_event", entity="event", entity_id=event.id,
        deal_id=deal_id,
        changes={"event": (None, f"{event_in.kind.value}: {event_in.description}"), **changes},
        comment=comment,
    )  # fmt: skip
    return event


def _event_effects(
    deal: Deal, event_in: EventIn
) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]]]:
    columns: dict[str, Any] = {}
    changes: dict[str, tuple[Any, Any]] = {}
    if event_in.new_status is not None and event_in.new_status is not deal.status:
        if not can_change_status(deal.status, event_in.new_status):
            allowed = (
                ", ".join(label(s) for s in sorted(ALLOWED_TRANSITIONS[deal.status]))
                or "none (final)"
            )
            old, new = label(deal.status), label(event_in.new_status)
            raise InvalidInput([FieldError(
                "new_status", event_in.new_status.value,
                f"a {old} deal cannot become {new}; allowed: {allowed}",
            )])  # fmt: skip
        columns["status"] = event_in.new_status
        changes["status"] = (deal.status.value, event_in.new_status.value)
    if event_in.kind is EventKind.DELIVERY and event_in.quantity:
        delivered = (deal.quantity_delivered or 0) + event_in.quantity
        ordered = deal.quantity_ordered
        if ordered is not None and delivered > ordered and not deal.delivered_exceeds_ordered:
            raise InvalidInput([FieldError(
                "quantity", event_in.quantity,
                f"would make {delivered} delivered of {ordered} ordered",
            )])  # fmt: skip
        columns["quantity_delivered"] = delivered
        changes["quantity_delivered"] = (deal.quantity_delivered, delivered)
        complete = ordered is not None and delivered == ordered and "status" not in columns
        if complete and can_change_status(deal.status, Status.DELIVERED):
            columns["status"] = Status.DELIVERED
            changes["status"] = (deal.status.value, Status.DELIVERED.value)
    return columns, changes
