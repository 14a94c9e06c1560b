"""Writing the audit log: who changed what, when, from which value to which, and why.

Private to the write side: every public writer calls `record` inside its own
transaction, so an entry exists exactly when the change it describes does (and the data
version moves with it). Nothing updates or deletes an entry.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracker.auth import Actor
from tracker.store.models import AuditEntry
from tracker.write._version import bump_data_version

_ACTOR_LENGTH = 100  # AuditEntry.actor is a VARCHAR(100)


def plain(value: Any) -> Any:
    """A value as JSON can hold it: money as an exact string, dates as ISO, enums as values."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):  # datetime is a date subclass
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def _serialise(changes: Mapping[str, tuple[Any, Any]] | None) -> str:
    shown: dict[str, list[Any]] = {}
    for field, (before, after) in (changes or {}).items():
        if "password" in field.lower():  # never a password, nor its hash, in the log
            continue
        shown[field] = [plain(before), plain(after)]
    return json.dumps(shown, ensure_ascii=False)


def record(
    *,
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    deal_id: int | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    comment: str | None = None,
) -> AuditEntry:
    """Add one audit entry to the session (flushed, so it has an id).

    `changes` maps a field to its (before, after) values. Keys containing "password" are
    dropped, whatever they hold.
    """
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        actor=actor.name[:_ACTOR_LENGTH],
        action=action,
        entity=entity,
        entity_id=entity_id,
        deal_id=deal_id,
        changes=_serialise(changes),
        comment=comment or None,
    )
    session.add(entry)
    session.flush()
    # Every writer records its change here, in its own transaction: so the data version
    # moves exactly when data does, and no writer can forget it.
    bump_data_version(session)
    return entry
