"""One import at a time: later imports wait for the one writing, then plan against it.

Two imports planned side by side would both decide to create the same new party or
platform and the second would fail on a unique constraint. So a (non-preview) import
takes a database-wide lock before it plans and holds it until its transaction ends:
PostgreSQL's transaction-scoped advisory lock, SQLite's write lock (taken early with a
write that changes nothing). Readers and the dashboard are never blocked by it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

IMPORT_LOCK_KEY = 5_238_017  # any constant; names the lock in pg_locks
SQLITE_WAIT_MS = 30 * 60 * 1000  # an import of a full register takes seconds, not minutes
SQLITE_DEFAULT_WAIT_MS = 5_000  # as tracker.store.db sets it for every connection


def take_import_lock(session: Session, on_wait: Callable[[str], None] | None = None) -> None:
    """Wait until no other import is writing, then keep others waiting until this
    session's transaction ends. `on_wait` hears once that we are waiting."""
    if session.get_bind().dialect.name == "postgresql":
        _postgres_lock(session, on_wait)
    else:
        _sqlite_lock(session, on_wait)


def _waiting(on_wait: Callable[[str], None] | None) -> None:
    if on_wait is not None:
        on_wait("Another import is being written; waiting for it to finish…")


def _postgres_lock(session: Session, on_wait: Callable[[str], None] | None) -> None:
    key = {"key": IMPORT_LOCK_KEY}
    if session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), key):
        return
    _waiting(on_wait)
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), key)


def _sqlite_lock(session: Session, on_wait: Callable[[str], None] | None) -> None:
    # A write statement takes SQLite's write lock for the rest of the transaction; one
    # that matches no row changes nothing. Its snapshot starts here, after the other
    # import committed, so the plan sees what that import wrote.
    take = text("DELETE FROM import_batch WHERE 1 = 0")
    session.execute(text("PRAGMA busy_timeout = 0"))
    try:
        session.execute(take)
        return
    except OperationalError as exc:
        if "locked" not in str(exc).lower():
            raise
    finally:
        session.execute(text(f"PRAGMA busy_timeout = {SQLITE_DEFAULT_WAIT_MS}"))
    _waiting(on_wait)
    session.execute(text(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}"))
    try:
        session.execute(take)
    finally:
        session.execute(text(f"PRAGMA busy_timeout = {SQLITE_DEFAULT_WAIT_MS}"))
