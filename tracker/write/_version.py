"""The data version: one number every write bumps in its own transaction.

Readers key their caches on it (`tracker.read.version.data_version`), so a write made by
another process — a CLI import, a second dashboard server — shows on the next click.
Private to the write side: `record` (the audit log, written by every writer) calls it.
"""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from tracker.store.models import DataVersion

ROW_ID = 1


def bump_data_version(session: Session) -> None:
    """Add one to the data version, in the caller's transaction (creating the row if a
    database somehow lacks it)."""
    done = session.execute(
        update(DataVersion)
        .where(DataVersion.id == ROW_ID)
        .values(version=DataVersion.version + 1)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        session.execute(insert(DataVersion).values(id=ROW_ID, version=1))
