"""The documented restore works on a fresh installation and keeps history honest (#14)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, func, inspect, select

from tracker.cli import main
from tracker.config import Settings
from tracker.read.audit import audit_log
from tracker.store import migrate
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.dump import TABLE_ORDER, dump_database, snapshot, table_of
from tracker.store.models import Deal
from tracker.write.deals import add_deal
from tracker.write.restore import ADDED_SINCE, RESTORE_ACTION

from factories import EDITOR, deal_data

ADMIN_PASSWORD = "a long pass phrase 7\na long pass phrase 7\n"


def _cli(url: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env={"TRACKER_DATABASE_URL": url})


@pytest.fixture
def backup(seeded_sqlite: Engine, sqlite_url: str, tmp_path: Path) -> Path:
    """A dump of a database with someone's work in it: a new deal and an account."""
    with transaction(seeded_sqlite) as session:
        add_deal(session=session, actor=EDITOR, deal_in=deal_data(notes="our own"))
    assert _cli(sqlite_url, "users", "add", "alice", "--role", "admin",
                input=ADMIN_PASSWORD).exit_code == 0  # fmt: skip
    path = tmp_path / "backup.json"
    dumped = _cli(sqlite_url, "dump", "-o", str(path))
    assert dumped.exit_code == 0, dumped.output
    return path


def _deals(url: str) -> int:
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    with make_session_factory(engine)() as session:
        count = int(session.scalar(select(func.count()).select_from(Deal)) or 0)
    engine.dispose()
    return count


@pytest.mark.parametrize("command", ["restore", "import"])
def test_documented_restore_into_a_fresh_installation(
    backup: Path, db_url: str, command: str, tmp_path: Path
) -> None:
    """`tracker restore backup.json` (or `tracker import`) on a database the CLI first
    migrates and seeds: the dump replaces the seed deals."""
    if db_url.startswith("sqlite"):  # not the file the backup was made from
        db_url = f"sqlite:///{tmp_path}/target.db"
    restored = _cli(db_url, command, str(backup))
    assert restored.exit_code == 0, restored.output
    assert "8 deal" in restored.output
    assert _deals(db_url) == 8
    again = _cli(db_url, command, str(backup))  # loading it again adds nothing
    assert again.exit_code == 0 and "nothing new" in again.output, again.output


def test_a_restored_history_is_marked_and_the_restore_logged(backup: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/fresh.db"
    assert _cli(url, "restore", str(backup)).exit_code == 0
    dumped = json.loads(backup.read_text(encoding="utf-8"))
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    with make_session_factory(engine)() as session:
        from tracker.auth import cli_actor

        entries = audit_log(session=session, actor=cli_actor(), limit=1000)
    engine.dispose()
    newest, *loaded = entries
    assert newest.action == RESTORE_ACTION and newest.actor.startswith("cli:")
    assert newest.changes["deal"] == [None, 8] and newest.changes["seed_deals_replaced"] == [7, 0]
    assert "backup.json" in (newest.comment or "")
    assert len(loaded) == len(dumped["tables"]["audit_entry"])
    assert all(entry.restored_from and "backup.json" in entry.restored_from for entry in loaded)
    assert {e.id for e in loaded} == {e["id"] for e in dumped["tables"]["audit_entry"]}


def test_a_database_with_work_in_it_is_not_replaced(backup: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/busy.db"
    assert _cli(url, "users", "add", "bob", "--role", "admin", input=ADMIN_PASSWORD).exit_code == 0
    refused = _cli(url, "restore", str(backup))
    assert refused.exit_code == 1
    assert "empty database only" in refused.output and "Traceback" not in refused.output
    assert _deals(url) == 7


def _broken(backup: Path, tmp_path: Path, change: Any) -> Path:
    dump = json.loads(backup.read_text(encoding="utf-8"))
    change(dump)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    return path


def _set(table: str, column: str, value: Any) -> Any:
    return lambda dump: dump["tables"][table][0].__setitem__(column, value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"].__setitem__("deal", 5), "must be lists of rows: deal"),
        (lambda d: d["tables"].update(dict.fromkeys(d["tables"], 3)), "must be lists of rows"),
        (_set("party", "name", "Tur\x00key"), "table party, row 1, column name: contains a NUL"),
        (_set("deal", "programme", "p" * 201), "column programme: is 201 characters long"),
        (_set("deal", "tiv_total_order", "9" * 401), "column tiv_total_order: must be less than"),
        (_set("deal", "tiv_per_unit", "0.0000000001"), "has more than 3 decimal places"),
        (_set("deal", "quantity_ordered", 2**40), "column quantity_ordered: must be between"),
        (_set("deal", "local_production", "yes"), "column local_production: expected true or"),
        (_set("deal", "order_date", "2026-02-30"), "column order_date:"),
        (_set("deal", "status", {"a": 1}), "column status: expected text"),
        (_set("deal", "buyer_id", None), "column buyer_id: must not be empty"),
    ],
    ids=["table-is-a-number", "all-tables-numbers", "nul", "long-programme", "huge-tiv",
         "tiv-precision", "huge-integer", "text-for-a-flag", "bad-date", "object", "null"],
)  # fmt: skip
def test_a_bad_dump_is_refused_with_table_row_and_column(
    backup: Path, tmp_path: Path, change: Any, message: str
) -> None:
    url = f"sqlite:///{tmp_path}/target.db"
    refused = _cli(url, "restore", str(_broken(backup, tmp_path, change)))
    assert refused.exit_code == 1, refused.output
    assert message in refused.output and "Traceback" not in refused.output
    assert _deals(url) == 7  # the seeds, untouched: nothing was written


def test_the_dump_writes_every_table_as_snapshot_reads_it(seeded_engine: Engine) -> None:
    """The database writes the dump's JSON (json_object, row_to_json): it must say what
    the Python reading of the same rows says, on both backends: decimals at their scale,
    flags, partial dates, times in UTC with and without microseconds, and hostile text."""
    with transaction(seeded_engine) as session:
        add_deal(
            session=session, actor=EDITOR,
            deal_in=deal_data(
                value_amount="9999999999999.99", value_currency="USD", value_year=2020,
                notes='=HYPERLINK("x") "quoted",\nline two\ttab é 漢字 \\ backslash',
                quantity_unit="units, or so",
            ),
        )  # fmt: skip
        deal = session.scalars(select(Deal).order_by(Deal.id.desc())).first()
        assert deal is not None
        deal.created_at = dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
    with make_session_factory(seeded_engine)() as session:
        out = io.StringIO()
        dump_database(session, out)
        expected = snapshot(session)
    assert json.loads(out.getvalue())["tables"] == expected
    assert any(row["created_at"].endswith(".123456+00:00") for row in expected["deal"])
    assert any(row["value_amount"] == "9999999999999.99" for row in expected["deal"])


def test_a_dump_made_before_the_last_upgrade_still_loads(backup: Path, tmp_path: Path) -> None:
    """A backup made by the tracker before it gained citations' earlier values (schema
    7c3e5b1a9f20): its citations load as backing the values stored."""
    dump = json.loads(backup.read_text(encoding="utf-8"))
    assert dump["tables"]["citation"], "the seeds cite their fields"
    for citation in dump["tables"]["citation"]:
        del citation["earlier_value"]
    dump["schema"] = "7c3e5b1a9f20"
    older = tmp_path / "older.json"
    older.write_text(json.dumps(dump), encoding="utf-8")
    url = f"sqlite:///{tmp_path}/fresh.db"
    restored = _cli(url, "restore", str(older))
    assert restored.exit_code == 0, restored.output
    assert _deals(url) == 8
    dump["schema"] = "4c1f0e7ab2d3"  # far older: its tables differ in more than that
    older.write_text(json.dumps(dump), encoding="utf-8")
    refused = _cli(f"sqlite:///{tmp_path}/other.db", "restore", str(older))
    assert refused.exit_code == 1 and "matching version of the tracker" in refused.output


@pytest.mark.parametrize("revision", sorted(ADDED_SINCE))
def test_each_older_schema_a_dump_may_have_differs_only_by_the_added_columns(
    revision: str, tmp_path: Path
) -> None:
    """The tables a dump holds, at that revision (migrated to it) and today."""
    engine = make_engine(Settings(database_url=f"sqlite:///{tmp_path}/old.db", auto_setup=False))
    migrate.upgrade(engine, revision)
    found = inspect(engine)
    for name in TABLE_ORDER:
        today = {column.name for column in table_of(name).columns}
        then = {column["name"] for column in found.get_columns(name)}
        assert then == today - set(ADDED_SINCE[revision].get(name, ())), name
    engine.dispose()
