"""Reading the audit log: one deal's history (public) or the whole log (admins)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
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
    )


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
    deal_history_only = deal_id is not None and user is None and action is None and since is None
    if not deal_history_only:
        require(actor, Role.ADMIN, "reading the audit log")
    problems = []
    if not 1 <= limit <= MAX_LIMIT:
        problems.append(FieldError("limit", limit, f"must be between 1 and {MAX_LIMIT}"))
    if offset < 0:
        problems.append(FieldError("offset", offset, "must not be negative"))
    if problems:
        raise InvalidInput(problems)

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
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    return [_view(entry) for entry in session.scalars(query)]
