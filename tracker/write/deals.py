"""Deals: add, edit, delete and restore, each checked, validated and audited.

`deal_columns` is the one mapping from a validated `DealIn` to the deal table's columns,
shared with the bulk writer of imports. Edits carry the version the form was opened at
(see `_concurrency`), and a save that would empty fields holding values must name them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy.orm import Session

from tracker.auth import Actor, PermissionDenied, require
from tracker.citing import changed_cited_values
from tracker.domain.schemas import DealIn, deal_problems
from tracker.domain.vocab import Role, field_label
from tracker.errors import DealNotFound, FieldError, InvalidInput, TrackerError
from tracker.read.editable import FORM_FIELDS, form_values, plain
from tracker.resolve import match_party, resolve_platform, unknown_party, unknown_platform
from tracker.store import cells
from tracker.store.models import Deal, DealFlag, DealParticipant, Party, Platform
from tracker.write._audit import record
from tracker.write._columns import deal_columns
from tracker.write._concurrency import StaleEdit, diff, live_deal, versioned_update
from tracker.write.catalogue import _party_for
from tracker.write.sources import _note_earlier_values

__all__ = ["StaleEdit", "WouldClearFields"]


class WouldClearFields(TrackerError):
    """A save would empty fields that hold values; nothing was written.

    A form that lost its state sends blanks: clearing must be asked for by name.
    """

    def __init__(self, deal_id: int, fields: list[str]) -> None:
        self.deal_id = deal_id
        self.fields = fields
        names = ", ".join(field_label(f).lower() for f in fields)
        super().__init__(
            f"saving would clear {names} of deal {deal_id}, which "
            f"{'has a value' if len(fields) == 1 else 'have values'} now. "
            f"Nothing was saved; confirm that {'it' if len(fields) == 1 else 'these fields'} "
            "should be emptied."
        )


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _cleared_fields(changes: Mapping[str, tuple[Any, Any]]) -> list[str]:
    """The fields a change would empty: they had a value and would have none."""
    return [
        name for name, (before, after) in changes.items() if _blank(after) and not _blank(before)
    ]


def _normalised(deal_in: DealIn) -> dict[str, Any]:
    return {name: plain(getattr(deal_in, name)) for name in FORM_FIELDS}


def _checked(session: Session, data: Mapping[str, Any] | DealIn) -> DealIn:
    """A valid deal, or InvalidInput naming every problem at once in plain words: the
    fields' own checks, the rules across fields, and names that do not resolve."""
    if isinstance(data, DealIn):
        return data
    problems = deal_problems(data)
    failed = {problem.field.split(".")[0] for problem in problems}
    problems += _name_problems(session, {k: v for k, v in data.items() if k not in failed})
    if problems:
        raise InvalidInput(problems, "deal")
    return DealIn.model_validate(dict(data))


def _name_problems(session: Session, data: Mapping[str, Any]) -> list[FieldError]:
    problems: list[FieldError] = []
    for role in ("buyer", "seller"):
        name = data.get(role)
        if isinstance(name, str) and name.strip() and match_party(session, name) is None:
            problems.append(unknown_party(session, role, name))
    platform = data.get("platform")
    if isinstance(platform, str) and platform.strip():
        try:
            resolve_platform(session, platform)
        except InvalidInput:
            problems.append(unknown_platform(session, "platform", platform))
    return problems


def _resolve_names(session: Session, deal_in: DealIn) -> tuple[Party, Party, Platform]:
    """Resolve buyer, seller and platform together so one message lists every bad name."""
    errors: list[FieldError] = []
    parties: dict[str, Party] = {}
    for role in ("buyer", "seller"):
        try:
            parties[role] = _party_for(session, getattr(deal_in, role), role)
        except InvalidInput as exc:
            errors.extend(exc.errors)
    try:
        platform = resolve_platform(session, deal_in.platform)
    except InvalidInput:
        errors.append(unknown_platform(session, "platform", deal_in.platform))
    if errors:
        raise InvalidInput(errors)
    return parties["buyer"], parties["seller"], platform


def _create_deal(session: Session, deal_in: DealIn) -> Deal:
    """Store a validated deal with its participants (the caller checks and audits)."""
    buyer, seller, platform = _resolve_names(session, deal_in)
    deal = Deal(buyer=buyer, seller=seller, platform=platform, **deal_columns(deal_in))
    for participant in deal_in.participants:
        party = _party_for(session, participant.party, "participants")
        deal.participants.append(DealParticipant(party=party, role=participant.role))
    with cells.kept_current(session) as created:
        session.add(deal)
        session.flush()
        created.add(deal.id)
    return deal


# --- the checked writers ---------------------------------------------------------------


def add_deal(
    *,
    session: Session,
    actor: Actor,
    deal_in: DealIn | Mapping[str, Any],
    comment: str | None = None,
) -> Deal:
    """Create a deal; audited as "create" with every value it was given."""
    require(actor, Role.EDITOR, "adding a deal")
    deal_in = _checked(session, deal_in)
    deal = _create_deal(session, deal_in)
    values = {k: v for k, v in _normalised(deal_in).items() if v not in (None, False)}
    record(
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
    deal = live_deal(session, deal_id)
    merged = {**form_values(deal), **dict(values)}
    deal_in = _checked(session, merged)
    buyer, seller, platform = _resolve_names(session, deal_in)
    after = _normalised(deal_in)
    after.update(buyer=buyer.name, seller=seller.name, platform=platform.designation)
    before = form_values(deal)
    changes = diff(before, after)
    if deal.version != seen_version:
        raise StaleEdit(deal_id, diff(seen_values or {}, form_values(deal)), deal.version)
    if not changes:
        return {}
    unconfirmed = [name for name in _cleared_fields(changes) if name not in clear]
    if unconfirmed:
        raise WouldClearFields(deal_id, unconfirmed)
    columns = {k: v for k, v in deal_columns(deal_in).items() if k != "ref"}
    columns.update(buyer_id=buyer.id, seller_id=seller.id, platform_id=platform.id)
    versioned_update(session, deal, seen_version, seen_values, form_values, **columns)
    _note_earlier_values(session, deal_id, changed_cited_values(before, after, changes))
    record(
        session=session, actor=actor, action="update", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes=changes, comment=comment,
    )  # fmt: skip
    return changes


def delete_deal(
    *, session: Session, actor: Actor, deal_id: int, seen_version: int, comment: str | None = None
) -> None:
    """Soft delete: the deal leaves every view but stays stored, restorable."""
    require(actor, Role.EDITOR, "deleting a deal")
    deal = live_deal(session, deal_id)
    now = dt.datetime.now(dt.UTC)
    versioned_update(session, deal, seen_version, None, deleted_at=now, deleted_by=actor.name)
    record(
        session=session, actor=actor, action="delete", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes={"deleted": (False, True)}, comment=comment,
    )  # fmt: skip


def restore_deal(
    *, session: Session, actor: Actor, deal_id: int, comment: str | None = None
) -> None:
    """Undo a delete: admins may restore any deal, an editor the deals they deleted."""
    require(actor, Role.EDITOR, "restoring a deal")
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is None:
        raise DealNotFound(deal_id)
    if not (actor.can(Role.ADMIN) or deal.deleted_by == actor.name):
        raise PermissionDenied(
            f"restoring deal {deal_id} needs the admin role, or to be the editor who deleted it"
        )
    versioned_update(session, deal, deal.version, None, deleted_at=None, deleted_by=None)
    record(
        session=session, actor=actor, action="restore", entity="deal", entity_id=deal_id,
        deal_id=deal_id, changes={"deleted": (True, False)}, comment=comment,
    )  # fmt: skip


def resolve_flag(
    *, session: Session, actor: Actor, flag_id: int, comment: str | None = None
) -> None:
    """Mark a review flag on a deal (a possible duplicate, a deal a release no longer
    lists) as dealt with; `comment` says how."""
    require(actor, Role.EDITOR, "resolving a flag")
    flag = session.get(DealFlag, flag_id)
    if flag is None:
        raise InvalidInput([FieldError("flag", flag_id, "no such flag")])
    if flag.resolved:
        return
    flag.resolved = True
    record(
        session=session, actor=actor, action="resolve_flag", entity="deal_flag",
        entity_id=flag.id, deal_id=flag.deal_id,
        changes={flag.kind.value: (flag.detail, "resolved")}, comment=comment,
    )  # fmt: skip
