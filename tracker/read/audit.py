"""Reading the audit log: one deal's history (public), one's own sign-ins, or the whole
log (admins, who may also export it)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.domain.vocab import Role
from tracker.errors import FieldError, InvalidInput
from tracker.store.models import AuditEntry

MAX_LIMIT = 1000


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; the tracker only ever stores UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True)
class AuditView:
    id: int
    at: dt.datetime  # UTC
    actor: str
    action: str
    entity: str
    entity_id: int | None
    deal_id: int | None
    changes: dict[str, list[Any]]  # field -> [before, after]
    comment: str | None
    restored_from: str | None = None  # loaded from a dump by this restore, not written here


def _view(entry: AuditEntry) -> AuditView:
    try:
        changes = json.loads(entry.changes or "{}")
    except ValueError:
        changes = {}
    return AuditView(
        id=entry.id,
        at=_utc(entry.at),
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        deal_id=entry.deal_id,
        changes=changes if isinstance(changes, dict) else {},
        comment=entry.comment,
        restored_from=entry.restored_from,
    )


def _query(
    actor: Actor,
    deal_id: int | None,
    user: str | None,
    action: str | None,
    since: dt.date | None,
) -> Select[AuditEntry]:
    """The entries asked for, newest first; refused unless the actor may read them."""
    deal_history_only = deal_id is not None and user is None and action is None and since is None
    if not deal_history_only:
        require(actor, Role.ADMIN, "reading the audit log")
    query = select(AuditEntry)
    if deal_id is not None:
        query = query.where(AuditEntry.deal_id == deal_id)
    if user is not None:
        query = query.where(func.lower(AuditEntry.actor) == user.strip().lower())
    if action is not None:
        query = query.where(AuditEntry.action == action.strip())
    if since is not None:
        start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
        query = query.where(AuditEntry.at >= start)
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def audit_log(
    *,
    session: Session,
    actor: Actor,
    deal_id: int | None = None,
    user: str | None = None,
    action: str | None = None,
    since: dt.date | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[AuditView]:
    """Audit entries, newest first.

    One deal's history (only `deal_id` given) is public, as the deal page shows it; any
    other view of the log needs the admin role. `user` matches the acting name (any
    case); `since` is a UTC day, included.
    """
    query = _query(actor, deal_id, user, action, since)
    problems = []
    if not 1 <= limit <= MAX_LIMIT:
        problems.append(FieldError("limit", limit, f"must be between 1 and {MAX_LIMIT}"))
    if offset < 0:
        problems.append(FieldError("offset", offset, "must not be negative"))
    if problems:
        raise InvalidInput(problems)
    return [_view(entry) for entry in session.scalars(query.limit(limit).offset(offset))]


def iter_audit_log(
    *,
    session: Session,
    actor: Actor,
    deal_id: int | None = None,
    user: str | None = None,
    action: str | None = None,
    since: dt.date | None = None,
) -> Iterator[AuditView]:
    """Every matching entry, newest first, read in batches (for exports): admins only,
    except one deal's history."""
    query = _query(actor, deal_id, user, action, since)
    for entry in session.scalars(query.execution_options(yield_per=2000)):
        yield _view(entry)


AUDIT_COLUMNS = (
    "id", "at", "actor", "action", "entity", "entity_id", "deal_id", "changes", "comment",
    "restored_from",
)  # fmt: skip


def audit_record(entry: AuditView) -> dict[str, Any]:
    """An entry as an export writes it: the columns above, `at` in ISO 8601 UTC."""
    return {
        "id": entry.id, "at": entry.at.isoformat(), "actor": entry.actor,
        "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
        "deal_id": entry.deal_id, "changes": entry.changes, "comment": entry.comment,
        "restored_from": entry.restored_from,
    }  # fmt: skip


@dataclass(frozen=True)
class SignInNotice:
    """What happened to an account since its owner's previous sign-in."""

    failed: int
    lockouts: int
    sources: int

    def __str__(self) -> str:
        tries = "1 failed sign-in" if self.failed == 1 else f"{self.failed} failed sign-ins"
        where = "" if self.sources <= 1 else f" from {self.sources} addresses"
        locked = "" if not self.lockouts else (
            "; sign-in was locked once" if self.lockouts == 1
            else f"; sign-in was locked {self.lockouts} times"
        )  # fmt: skip
        return f"{tries} to your account{where} since your previous sign-in{locked}."


SIGN_IN_ACTIONS = ("sign_in", "sign_in_failed", "lockout")


def sign_in_notice(*, session: Session, actor: Actor) -> SignInNotice | None:
    """Failed sign-ins and lockouts of the actor's own account since their previous
    sign-in (an owner sees what was tried against them), or None when there were none."""
    if actor.user_id is None:
        return None
    events = session.execute(
        select(AuditEntry.action, AuditEntry.changes)
        .where(AuditEntry.entity == "user", AuditEntry.entity_id == actor.user_id,
               AuditEntry.action.in_(SIGN_IN_ACTIONS))
        .order_by(AuditEntry.id.desc())
        .limit(MAX_LIMIT)
    ).all()  # fmt: skip
    failed = lockouts = 0
    sources: set[str] = set()
    signed_in = 0
    for action, changes in events:
        if action == "sign_in":
            signed_in += 1
            if signed_in == 2:  # the one before this session's: stop there
                break
            continue
        if not signed_in:  # after the current sign-in: not "since the previous" one
            continue
        if action == "lockout":
            lockouts += 1
        else:
            failed += 1
            source = _view_changes(changes).get("source", [None, None])[1]
            sources.add(str(source or ""))
    return SignInNotice(failed, lockouts, len(sources)) if failed or lockouts else None


def _view_changes(raw: str | None) -> dict[str, list[Any]]:
    try:
        changes = json.loads(raw or "{}")
    except ValueError:
        return {}
    return changes if isinstance(changes, dict) else {}
