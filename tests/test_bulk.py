"""tracker.store.bulk: a large load into a small SQLite table builds its indexes after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.store import bulk
from tracker.store.bulk import _deferred_indexes, insert_rows
from tracker.store.db import PAGE_CACHE_KIB, Base
from tracker.store.models import AuditEntry

TABLE = Base.metadata.tables["audit_entry"]
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _entries(first_id: int, count: int) -> list[dict[str, Any]]:
    return [
        {"id": first_id + n, "at": NOW, "actor": "cli:test", "action": "import",
         "entity": "deal", "entity_id": n, "deal_id": n, "changes": "{}", "comment": None,
         "restored_from": None}
        for n in range(count)
    ]  # fmt: skip


_INDEXES = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_entry' "
    "AND sql IS NOT NULL ORDER BY name"
)


def _indexes(session: Session) -> list[tuple[str, str]]:
    return [(str(name), str(sql)) for name, sql in session.execute(_INDEXES)]


def _watch_deferrals(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The index statements each load deferred."""
    deferred: list[list[str]] = []

    def watched(*args: Any) -> list[str]:
        creates = _deferred_indexes(*args)
        deferred.append(creates)
        return creates

    monkeypatch.setattr(bulk, "_deferred_indexes", watched)
    return deferred


def _next_id(session: Session) -> int:
    return int(session.scalar(text("SELECT coalesce(max(id), 0) FROM audit_entry")) or 0) + 1


def test_a_load_larger_than_the_table_keeps_the_same_indexes(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    deferred = _watch_deferrals(monkeypatch)
    with Session(seeded_sqlite) as session, session.begin():
        before = _indexes(session)
        held = session.scalar(text("SELECT count(*) FROM audit_entry")) or 0
        start = _next_id(session)
        session.execute(text("DELETE FROM audit_entry WHERE 1 = 0"))  # the transaction opens
        insert_rows(session, AuditEntry, _entries(start, held + 50))
        assert [len(creates) for creates in deferred] == [len(before)]  # built after
        assert _indexes(session) == before
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # The rebuilt indexes answer queries (an index-only lookup by deal).
        found = session.scalar(text("SELECT count(*) FROM audit_entry WHERE deal_id = 7"))
        assert found is not None and found >= 1
    with Session(seeded_sqlite) as session:
        assert _indexes(session) == before


def test_refused_rows_leave_the_indexes_in_place(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    deferred = _watch_deferrals(monkeypatch)
    with Session(seeded_sqlite) as session:
        session.begin()
        before = _indexes(session)
        start = _next_id(session)
        session.execute(text("DELETE FROM audit_entry WHERE 1 = 0"))
        rows = _entries(start, 200)
        rows[150]["id"] = start  # a duplicate key: the database refuses the load
        with pytest.raises(IntegrityError):
            insert_rows(session, AuditEntry, rows)
        assert deferred and deferred[0]
        assert _indexes(session) == before
        session.rollback()
    with Session(seeded_sqlite) as session:
        assert _indexes(session) == before
        assert session.scalar(text("SELECT count(*) FROM audit_entry WHERE id >= :start"),
                              {"start": start}) == 0  # fmt: skip


def test_indexes_are_kept_for_a_small_load_or_outside_a_transaction(
    seeded_sqlite: Engine,
) -> None:
    with Session(seeded_sqlite) as session, session.begin():
        connection = session.connection()
        # No statement has opened the driver's transaction: DDL would commit at once.
        assert _deferred_indexes(connection, TABLE, 10**9) == []
        session.execute(text("DELETE FROM audit_entry WHERE 1 = 0"))
        held = session.scalar(text("SELECT max(rowid) FROM audit_entry")) or 0
        assert held > 0
        assert _deferred_indexes(connection, TABLE, held) == []  # not larger than the table


def test_narrow_rows_go_in_many_to_a_statement_in_order(seeded_sqlite: Engine) -> None:
    # Eight columns: the multi-row path, with groups of MAX_PARAMETERS // 8 rows and a
    # remainder that goes in one to a statement.
    rows = [
        {"at": NOW, "actor": "cli:test", "action": "import", "entity": "deal", "entity_id": n,
         "deal_id": None if n % 7 else n, "changes": f'{{"n": {n}}}', "comment": f"row {n}"}
        for n in range(2 * (bulk.MAX_PARAMETERS // 8) + 3)
    ]  # fmt: skip
    assert len(rows[0]) <= bulk.NARROW_ROW
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(seeded_sqlite, "before_cursor_execute", seen)
    with Session(seeded_sqlite) as session, session.begin():
        start = _next_id(session)
        insert_rows(session, AuditEntry, rows)
        stored = session.execute(
            text(
                "SELECT entity_id, deal_id, changes, comment FROM audit_entry "
                "WHERE id >= :start ORDER BY id"
            ),
            {"start": start},
        ).all()
    expected = [(r["entity_id"], r["deal_id"], r["changes"], r["comment"]) for r in rows]
    assert [tuple(row) for row in stored] == expected
    inserts = [s for s in statements if s.startswith("INSERT INTO audit_entry")]
    assert [s.count("), (") + 1 for s in inserts] == [bulk.MAX_PARAMETERS // 8, 1]


def test_rows_as_tuples_with_their_keys_go_in_as_dicts_would(seeded_sqlite: Engine) -> None:
    keys = ("at", "actor", "action", "entity", "entity_id", "deal_id", "comment")
    tuples = [(NOW, "cli:test", "import", "deal", n, n, f"row {n}") for n in range(300)]
    with Session(seeded_sqlite) as session, session.begin():
        start = _next_id(session)
        insert_rows(session, AuditEntry, tuples[:150], keys)  # `changes` from its default
        insert_rows(session, AuditEntry, [(*row, "{}") for row in tuples[150:]], (*keys, "changes"))
        stored = session.execute(
            text(
                "SELECT entity_id, deal_id, comment, changes FROM audit_entry "
                "WHERE id >= :start ORDER BY id"
            ),
            {"start": start},
        ).all()
    assert [tuple(row) for row in stored] == [(n, n, f"row {n}", "{}") for n in range(300)]


def _cache_size(session: Session) -> int:
    return int(session.execute(text("PRAGMA cache_size")).scalar_one())


def test_a_bulk_load_has_a_larger_page_cache_and_gives_it_back(seeded_sqlite: Engine) -> None:
    """The connection returns to the pool the dashboard reads through: its page cache must
    be the default again, also after a load that failed."""
    with Session(seeded_sqlite) as session, session.begin():
        default = _cache_size(session)
        with bulk.bulk_load(session):
            assert _cache_size(session) == -bulk.BULK_CACHE_KIB
        assert _cache_size(session) == default
        with pytest.raises(IntegrityError), bulk.bulk_load(session):
            first = _next_id(session)
            insert_rows(session, AuditEntry, _entries(first, 2) + _entries(first, 1))
        assert _cache_size(session) == default
        assert default == -PAGE_CACHE_KIB < 0  # KiB, not pages: the dashboard's small cache


def test_statistics_after_a_load_cover_the_loaded_tables(seeded_sqlite: Engine) -> None:
    """Approximate (a sample of each index), but close to the rows loaded."""
    with Session(seeded_sqlite) as session, session.begin():
        insert_rows(session, AuditEntry, _entries(_next_id(session), 3_000))
        bulk.refresh_statistics(session)
        rows = session.execute(text("SELECT count(*) FROM audit_entry")).scalar_one()
        stat = session.execute(
            text("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_audit_entry_actor'")
        ).scalar_one()
        assert abs(int(str(stat).split()[0]) - rows) < rows * 0.2
        assert session.execute(text("PRAGMA analysis_limit")).scalar_one() == 0
