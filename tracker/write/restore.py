"""Restoring a whole-database dump (`tracker dump`) into an empty database.

A dump holds accounts and the audit log, so restoring one needs an admin. Rows keep their
ids; every row is converted and checked before anything is written. A fresh installation
counts as empty: a database that holds nothing but the seed deals (loaded by the tracker
itself when it was first opened) is replaced by the dump. The dump's audit entries are
kept but marked as restored (`restored_from`), so a dump cannot pass off history as
written here, and the restore itself gets an entry of its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tracker.auth import Actor, require, system_actor
from tracker.domain.vocab import Role
from tracker.store import cells, migrate
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
from tracker.store.models import AuditEntry
from tracker.write._audit import record

RESTORE_ACTION = "restore_dump"
SEED_ACTOR = system_actor("seed").name


# Dumps made at these earlier schema revisions load too: their tables are today's but for
# the columns added since, all nullable, which they load as NULL (tests/test_restore.py
# checks each revision's tables against today's). A backup made before an upgrade of the
# tracker must not become unloadable by it.
ADDED_SINCE: dict[str, dict[str, tuple[str, ...]]] = {
    revision: {"citation": ("earlier_value",)}
    for revision in ("7c3e5b1a9f20", "5e1c0a9d7b42", "20d1d72091f7")
}


def _check_header(dump: dict[str, Any]) -> dict[str, list[Any]]:
    if dump.get("version") != DUMP_VERSION:
        raise BadDump(f"unsupported dump version {_shown(dump.get('version'))}")
    schema = dump.get("schema")
    if schema != migrate.head_revision() and schema not in ADDED_SINCE:
        raise BadDump(
            f"the dump was made with schema {_shown(schema)}, this database is "
            f"at {migrate.head_revision()}: load it with the matching version of the tracker"
        )
    tables = dump.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(TABLE_ORDER):
        raise BadDump("the dump's `tables` must hold exactly: " + ", ".join(TABLE_ORDER))
    not_lists = [name for name in TABLE_ORDER if not isinstance(tables[name], list)]
    if not_lists:
        raise BadDump(f"the dump's tables must be lists of rows: {', '.join(not_lists)} are not")
    return _brought_up_to_date(tables, ADDED_SINCE.get(str(schema), {}))


def _brought_up_to_date(
    tables: dict[str, list[Any]], added: dict[str, tuple[str, ...]]
) -> dict[str, list[Any]]:
    """An older dump's rows with the columns added since its schema, as NULL."""
    if not added:
        return tables
    brought = dict(tables)
    for name, columns in added.items():
        brought[name] = [
            {**dict.fromkeys(columns), **row} if isinstance(row, dict) else row
            for row in tables[name]
        ]
    return brought


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _marker(dump: dict[str, Any], origin: str | None) -> str:
    """What restored entries are marked with: which dump, made when, by what."""
    made = f"dump of {_shown(dump.get('exported_at'))} by {_shown(dump.get('generator'))}"
    return (f"{origin}: {made}" if origin else made)[:200]


def _comparable(name: str, rows: list[Any]) -> list[Any]:
    """A table as a re-load compares it: audit entries without the restore's own entries
    and marks (those are what restoring adds)."""
    if name != "audit_entry":
        return rows
    return [
        {k: v for k, v in row.items() if k != "restored_from"}
        for row in rows
        if isinstance(row, dict) and row.get("action") != RESTORE_ACTION
    ]


def _already_loaded(session: Session, tables: dict[str, list[Any]]) -> bool:
    stored = snapshot(session)
    return all(
        _comparable(name, stored[name]) == _comparable(name, tables[name]) for name in TABLE_ORDER
    )


def _only_seeds(session: Session, stored: dict[str, int]) -> bool:
    """True for a fresh installation: nothing but what the tracker's own seeding wrote."""
    actors = set(session.scalars(select(AuditEntry.actor).distinct()))
    return actors <= {SEED_ACTOR} and not stored["user_account"] and not stored["import_batch"]


def restore_dump(
    *,
    session: Session,
    actor: Actor,
    dump: dict[str, Any],
    dry_run: bool = False,
    origin: str | None = None,
) -> dict[str, int]:
    """Load a dump into an empty (or freshly seeded) database in the caller's transaction;
    returns rows per table. A dry run checks every row and writes nothing; the dump that
    is already loaded loads again as nothing. `origin` (a file name) is noted in the log."""
    require(actor, Role.ADMIN, "restoring a database dump")
    tables = _check_header(dump)
    stored = {
        name: int(session.scalar(select(func.count()).select_from(table_of(name))) or 0)
        for name in TABLE_ORDER
    }
    replaces_seeds = any(stored.values())
    if replaces_seeds:
        if _already_loaded(session, tables):
            return dict.fromkeys(TABLE_ORDER, 0)
        if not _only_seeds(session, stored):
            raise BadDump(
                f"a dump loads into an empty database only; this one holds {stored['deal']} "
                f"deals and {stored['source']} sources that are not just the seed data"
            )
    rows = {name: table_rows(table_of(name), tables[name]) for name in TABLE_ORDER}
    counts = {name: len(rows[name]) for name in TABLE_ORDER}
    if dry_run:
        return counts
    if replaces_seeds:
        for name in reversed(TABLE_ORDER):
            session.execute(delete(table_of(name)))
    marker = _marker(dump, origin)
    for entry in rows["audit_entry"]:
        entry["restored_from"] = entry["restored_from"] or marker
    for name in TABLE_ORDER:
        insert_rows(session, model_for(name), rows[name])
    cells.rebuild(session)  # sums of the restored deals, not of the seeds replaced
    changes: dict[str, tuple[Any, Any]] = {name: (None, count) for name, count in counts.items()}
    if replaces_seeds:
        changes["seed_deals_replaced"] = (stored["deal"], 0)
    record(
        session=session, actor=actor, action=RESTORE_ACTION, entity="database", entity_id=None,
        changes=changes, comment=marker,
    )  # fmt: skip
    return counts
