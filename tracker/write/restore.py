"""Restoring a whole-database dump (`tracker dump`) into an empty database.

A dump holds accounts and the audit log, so restoring one needs an admin. Rows keep their
ids; every row is converted and checked before anything is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.domain.vocab import Role
from tracker.store import migrate
from tracker.store.bulk import insert_rows
from tracker.store.dump import (
    DUMP_VERSION,
    TABLE_ORDER,
    BadDump,
    model_for,
    snapshot,
    table_of,
    table_rows,
)


def _check_header(dump: dict[str, Any]) -> dict[str, Any]:
    if dump.get("version") != DUMP_VERSION:
        raise BadDump(f"unsupported dump version {dump.get('version')!r}")
    if dump.get("schema") != migrate.head_revision():
        raise BadDump(
            f"the dump was made with schema {dump.get('schema')}, this database is at "
            f"{migrate.head_revision()}: load it with the matching version of the tracker"
        )
    tables = dump.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(TABLE_ORDER):
        raise BadDump("the dump's `tables` must hold exactly: " + ", ".join(TABLE_ORDER))
    return tables


def restore_dump(
    *, session: Session, actor: Actor, dump: dict[str, Any], dry_run: bool = False
) -> dict[str, int]:
    """Load a dump into an empty database (in the caller's transaction); returns rows per
    table. A dry run checks every row and writes nothing; the dump that is already loaded
    loads again as nothing."""
    require(actor, Role.ADMIN, "restoring a database dump")
    tables = _check_header(dump)
    stored = {
        name: int(session.scalar(select(func.count()).select_from(table_of(name))) or 0)
        for name in TABLE_ORDER
    }
    if any(stored.values()):
        same_counts = stored == {name: len(tables[name]) for name in TABLE_ORDER}
        if same_counts and snapshot(session) == {name: tables[name] for name in TABLE_ORDER}:
            return dict.fromkeys(TABLE_ORDER, 0)
        raise BadDump(
            f"a dump loads into an empty database only; this one holds {stored['deal']} deals "
            f"and {stored['source']} sources"
        )
    counts = {}
    for name in TABLE_ORDER:
        rows = table_rows(table_of(name), tables[name])
        if not dry_run:
            insert_rows(session, model_for(name), rows)
        counts[name] = len(rows)
    return counts
