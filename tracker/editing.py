"""Researchers' writes: add, edit, delete and restore deals; sources, citations, events.

Every function here checks the actor's role, validates through the pydantic schemas,
records an audit entry (who, what changed before/after, why), and leaves the commit to
the caller's transaction. Edits are optimistic: a save names the version its form was
loaded at, and is refused with what changed meanwhile if someone saved first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tracker.domain.schemas import (
    CitationIn,
    DealIn,
    EventIn,
    PartialDate,
    PartyIn,
    PlatformIn,
    SourceIn,
)
from tracker.domain.vocab import (
    ALLOWED_TRANSITIONS,
    EventKind,
    Role,
    Status,
    can_change_status,
    field_label,
    label,
)
from tracker.errors import DealNotFound, FieldError, InvalidInput, TrackerError
from tracker.services import (
    SCALAR_FIELDS,
    add_citation,
    add_event,
    add_party,
    add_platform,
    add_source,
    create_deal,
    date_columns,
    find_party,
    find_platform,
    resolve_names,
    validate,
)
from tracker.store.models import Citation, Deal, Event, Party, Platform, Source
from tracker.write import audit
from tracker.write.auth import Actor, PermissionDenied, require

# The fields a deal form edits, in DealIn's terms (participants are kept as they are).
FORM_FIELDS = (
    "buyer", "seller", "platform", *(f for f in SCALAR_FIELDS if f != "ref"),
    "order_date", "first_delivery_date", "last_delivery_date",
)  # fmt: skip


class StaleEdit(TrackerError):
    """Someone saved the deal after this form was loaded; nothing was written."""

    def __init__(self, deal_id: int, changed: dict[str, tuple[Any, Any]], version: int) -> None:
        self.deal_id = deal_id
        self.changed = changed  # field -> (what the form saw, what is stored now)
        self.version = version
        what = "; ".join(f"{f}: {_show(a)} → {_show(b)}" for f, (a, b) in changed.items())
        super().__init__(
            f"deal {deal_id} was changed by someone else since you opened it "
            f"(now version {version}): {what or 'its record was updated'}. "
            "Nothing was saved; reload the deal and apply your change again."
        )


class WouldClearFields(TrackerError):
    """A save would empty fields that hold values; nothing was written.

    A form that lost its state sends blanks: clearing must be asked for by name.
    """

    def __init__(self, deal_id: int, fields: list[str]) -> None:
        self.deal_id = deal_id
        self.fields = fields
        names = ", ".join(field_label(f).lower() for f in fields)
        super().__init__(
            f"saving would clear {names} of deal {deal_id}, which have values now. "
            "Nothing was saved; confirm that these fields should be emptied."
        )


def _blank(value: Any) -> bool:
    return value is None or value == ""


def cleared_fields(changes: Mapping[str, tuple[Any, Any]]) -> list[str]:
    """The fields a change would empty: they had a value and would have none."""
    return [
        name for name, (before, after) in changes.items() if _blank(after) and not _blank(before)
    ]


def _show(value: Any) -> str:
    return "unknown" if value is None else str(getattr(value, "value", value))


def _plain(value: Any) -> Any:
    """Comparable, form-shaped value: enums as values, partial dates as text."""
    if isinstance(value, PartialDate):
        return str(value)
    if hasattr(value, "value") and not isinstance(value, Decimal):
        return value.value
    return value


def form_values(deal: Deal) -> dict[str, Any]:
    """A stored deal as DealIn-shaped values (names, text dates): what a form shows."""
    values: dict[str, Any] = {
        "buyer": deal.buyer.name,
        "seller": deal.seller.name,
        "platform": deal.platform.designation,
    }
    for name in FORM_FIELDS[3:]:
        if name.endswith("_date"):
            precision = getattr(
                deal,
                "order_date_precision"
                if name == "order_date"
                else name.replace("_date", "_precision"),
            )
            values[name] = _plain(PartialDate.of(getattr(deal, name), precision))
        else:
            values[name] = _plain(getattr(deal, name))
    return values


def _normalised(deal_in: DealIn) -> dict[str, Any]:
    return {name: _plain(getattr(deal_in, name)) for name in FORM_FIELDS}


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def _live_deal(session: Session, deal_id: int) -> Deal:
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        raise DealNotFound(deal_id)
    return deal


def _versioned_update(
    session: Session, deal: Deal, seen_version: int, seen: Mapping[str, Any] | None, **columns: Any
) -> None:
    """UPDATE ... WHERE version = seen: refuse, showing what changed, if someone saved first."""
    result = session.execute(
        update(Deal)
        .where(Deal.id == deal.id, Deal.version == seen_version)
        .values(**columns, version=Deal.version + 1, updated_at=dt.datetime.now(dt.UTC))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(deal)
        changed = _diff(seen, form_values(deal)) if seen is not None else {}
        raise StaleEdit(deal.id, changed, deal.version)
    session.expire(deal)


# --- deals -------------------------------------------------------------------------------


def add_deal(
    *,
    session: Session,
    actor: Actor,
    deal_in: DealIn | Mapping[str, Any],
    comment: str | None = None,
) -> Deal:
    """Create a deal from a form; audited as "create" with every value it was given."""
    require(actor, Role.EDITOR, "adding a deal")
    deal_in = validate(DealIn, dict(deal_in) if isinstance(deal_in, Mapping) else deal_in, "deal")
    deal = create_deal(session=session, deal_in=deal_in)
    values = {k: v for k, v in _normalised(deal_in).items() if v not in (None, False)}
    audit.record(
        session=session, actor=actor, action="create", entity="deal", entity_id=deal.id,
        deal_id=deal.id, changes={k: (None, v) for k, v in values.items()}, comment=comment,
    )  # fmt: skip
    return deal


def update_deal(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    values: Mapping[str, Any],
    seen_version: int,
    seen_values: Mapping[str, Any] | None = None,
    comment: str | None = None,
    clear: Collection[str] = (),
) -> dict[str, tuple[Any, Any]]:
    """Save a deal form; returns the changes made (empty when nothing changed).

    `seen_version`/`seen_values` are what the form was loaded with: if the deal was
    saved by someone else since, StaleEdit is raised and nothing is written. A save
    that would empty fields holding values raises WouldClearFields unless each of
    them is named in `clear`.
    """
    require(actor, Role.EDITOR, "editing a deal")
    deal = _live_deal(session, deal_id)
    merged = {**form_values(deal), **dict(values)}
    deal_in = validate(DealIn, merged, "deal")
    buyer, seller, platform = resolve_names(session, deal_in)
    after = _normalised(deal_in)
    after.update(buyer=buyer.name, seller=seller.name, platform=platform.designation)
    changes = _diff(form_values(deal), after)
    if deal.version != seen_version or not changes:
        if deal.version != seen_version:
            raise StaleEdit(deal_id, _diff(seen_values or {}, form_values(deal)), deal.version)
        return {}
    unconfirmed = [name for name in cleared_fields(changes) if name not in clear]
    if unconfirmed:
        raise WouldClearFields(deal_id, unconfirmed)
    columns: dict[str, Any] = {
        name: getattr(deal_in, name) for name in SCALAR_FIELDS if name != "ref"
    }
    columns.update(buyer_id=buyer.id, seller_id=seller.id, platform_id=platform.id)
    columns.update(date_columns(deal_in))
    _versioned_update(session, deal, seen_version, seen_values, **columns)
    audit.record(
        session=session, actor=actor, action="update", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes=changes, comment=comment,
    )  # fmt: skip
    return changes


def delete_deal(
    *, session: Session, actor: Actor, deal_id: int, seen_version: int, comment: str | None = None
) -> None:
    """Soft delete: the deal leaves every view but stays stored, restorable."""
    require(actor, Role.EDITOR, "deleting a deal")
    deal = _live_deal(session, deal_id)
    now = dt.datetime.now(dt.UTC)
    _versioned_update(session, deal, seen_version, None, deleted_at=now, deleted_by=actor.name)
    audit.record(
        session=session, actor=actor, action="delete", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes={"deleted": (False, True)}, comment=comment,
    )  # fmt: skip


def restore_deal(
    *, session: Session, actor: Actor, deal_id: int, comment: str | None = None
) -> None:
    """Undo a delete: admins may restore any deal, an editor the deals they deleted."""
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is None:
        raise DealNotFound(deal_id)
    if not (actor.can(Role.ADMIN) or (actor.can(Role.EDITOR) and deal.deleted_by == actor.name)):
        raise PermissionDenied(
            f"restoring deal {deal_id} needs the admin role, or to be the editor who deleted it"
        )
    _versioned_update(session, deal, deal.version, None, deleted_at=None, deleted_by=None)
    audit.record(
        session=session, actor=actor, action="restore", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes={"deleted": (True, False)}, comment=comment,
    )  # fmt: skip


# --- names -------------------------------------------------------------------------------


def add_party_confirmed(
    *,
    session: Session,
    actor: Actor,
    party_in: PartyIn | Mapping[str, Any],
    comment: str | None = None,
) -> Party:
    """Create a company, organisation or non-state actor the user confirmed is new."""
    require(actor, Role.EDITOR, "adding a party")
    party_in = validate(PartyIn, dict(party_in) if isinstance(party_in, Mapping) else party_in)
    existing = find_party(session=session, name=party_in.name)
    if existing is not None:
        raise InvalidInput(
            [FieldError("name", party_in.name, f"is already known as {existing.name}")]
        )
    party = add_party(session=session, party_in=party_in)
    audit.record(
        session=session, actor=actor, action="create", entity="party", entity_id=party.id,
        changes={"name": (None, party.name), "kind": (None, party.kind.value)}, comment=comment,
    )  # fmt: skip
    return party


def add_platform_confirmed(
    *,
    session: Session,
    actor: Actor,
    platform_in: PlatformIn | Mapping[str, Any],
    comment: str | None = None,
) -> Platform:
    """Create a platform the user confirmed is new (with its category and makers)."""
    require(actor, Role.EDITOR, "adding a platform")
    platform_in = validate(
        PlatformIn, dict(platform_in) if isinstance(platform_in, Mapping) else platform_in
    )
    existing = find_platform(session=session, name=platform_in.designation)
    if existing is not None:
        raise InvalidInput(
            [
                FieldError(
                    "designation",
                    platform_in.designation,
                    f"is already known as {existing.designation}",
                )
            ]
        )
    platform = add_platform(session=session, platform_in=platform_in)
    audit.record(
        session=session, actor=actor, action="create", entity="platform", entity_id=platform.id,
        changes={"designation": (None, platform.designation),
                 "category": (None, platform.category.value)},
        comment=comment,
    )  # fmt: skip
    return platform


# --- sources, citations, timeline --------------------------------------------------------


def add_source_as(
    *,
    session: Session,
    actor: Actor,
    source_in: SourceIn | Mapping[str, Any],
    comment: str | None = None,
) -> Source:
    """Store a source (title, publisher, URL, date, pasted text)."""
    require(actor, Role.EDITOR, "adding a source")
    source_in = validate(SourceIn, dict(source_in) if isinstance(source_in, Mapping) else source_in)
    if not source_in.ref:
        source_in = source_in.model_copy(update={"ref": _new_source_ref(session)})
    source = add_source(session=session, source_in=source_in)
    audit.record(
        session=session, actor=actor, action="create", entity="source", entity_id=source.id,
        changes={"title": (None, source.title), "url": (None, source.url)}, comment=comment,
    )  # fmt: skip
    return source


def _new_source_ref(session: Session) -> str:
    count = session.scalar(select(func.count()).select_from(Source)) or 0
    return f"user:{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{count + 1}"


def cite(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    citation_in: CitationIn | Mapping[str, Any],
    comment: str | None = None,
) -> Citation:
    """Cite a source for a deal field; the quote must occur in the source's text."""
    require(actor, Role.EDITOR, "citing a source")
    deal = _live_deal(session, deal_id)
    citation = add_citation(
        session=session,
        deal=deal,
        citation_in=dict(citation_in) if isinstance(citation_in, Mapping) else citation_in,
    )
    session.flush()
    audit.record(
        session=session, actor=actor, action="cite", entity="citation", entity_id=citation.id,
        deal_id=deal_id, changes={citation.field or "event": (None, citation.quote)},
        comment=comment,
    )  # fmt: skip
    return citation


def add_timeline_event(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    event_in: EventIn | Mapping[str, Any],
    seen_version: int,
    comment: str | None = None,
) -> Event:
    """Add a dated event; a status change follows the allowed transitions, a delivery
    adds its units to the quantity delivered."""
    require(actor, Role.EDITOR, "adding an event")
    deal = _live_deal(session, deal_id)
    event_in = validate(
        EventIn, dict(event_in) if isinstance(event_in, Mapping) else event_in, "event"
    )
    columns, changes = _event_effects(deal, event_in)
    if columns:
        _versioned_update(session, deal, seen_version, None, **columns)
        session.refresh(deal)
    event = add_event(session=session, deal=deal, event_in=event_in)
    audit.record(
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


def _source_ref_for(session: Session, actor: Actor, source: str | Mapping[str, Any]) -> str:
    """A stored source's ref, or the ref of the new source described by `source`."""
    if isinstance(source, str):
        return source
    return str(add_source_as(session=session, actor=actor, source_in=source).ref)


def cite_source(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    source: str | Mapping[str, Any],
    field: str,
    quote: str,
    comment: str | None = None,
) -> Citation:
    """Cite a stored source (by ref) or a new one (its fields) for a deal field, at once:
    if the quote is refused, the new source is not kept either."""
    require(actor, Role.EDITOR, "citing a source")
    ref = _source_ref_for(session, actor, source)
    citation_in = {"source": ref, "field": field, "quote": quote}
    return cite(
        session=session, actor=actor, deal_id=deal_id, citation_in=citation_in, comment=comment
    )


def add_sourced_event(
    *,
    session: Session,
    actor: Actor,
    deal_id: int,
    event_in: Mapping[str, Any],
    seen_version: int,
    source: str | Mapping[str, Any] | None = None,
    quote: str | None = None,
    comment: str | None = None,
) -> Event:
    """Add a timeline event with its source (stored or new) in one transaction."""
    require(actor, Role.EDITOR, "adding an event")
    citations = []
    if source is not None and quote:
        citations = [{"source": _source_ref_for(session, actor, source), "quote": quote}]
    return add_timeline_event(
        session=session, actor=actor, deal_id=deal_id, seen_version=seen_version,
        event_in={**event_in, "citations": citations}, comment=comment,
    )  # fmt: skip
