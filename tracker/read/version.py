"""The data version readers key their caches on (bumped by every write; see
`tracker.write._version`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.store.models import DataVersion


def data_version(session: Session) -> int:
    """The current data version: one primary-key read (0 before the first write)."""
    return int(session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0)
