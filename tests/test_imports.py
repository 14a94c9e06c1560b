"""Imports of our own CSV/JSON exports and whole-database dumps: atomic and idempotent."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from tracker.auth import cli_actor
from tracker.cli import main
from tracker.config import Settings
from tracker.errors import QuoteNotInSource
from tracker.exports import export_bytes
from tracker.imports.pipeline import ImportReport, import_data
from tracker.imports.plan import Candidate, ImportRejected, plan_import
from tracker.read.filters import DealFilters
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.dump import dump_database
from tracker.store.setup import prepare_database
from tracker.write.batch import ImportLog, Origin, write_batch

from factories import row_counts

ADMIN = cli_actor()  # as the command line imports

IGNORED_COLUMNS = {"deal_id", "sources"}  # ids are the database's; sources are re-cited


def _import(engine: Engine, data: bytes, name: str = "deals.csv", **options: bool) -> ImportReport:
    with transaction(engine) as session:
        return import_data(session=session, actor=ADMIN, data=data, filename=name, **options)


def _export(engine: Engine, fmt: str = "csv") -> bytes:
    with make_session_factory(engine)() as session:
        return export_bytes(session, DealFilters(), fmt)


def _comparable(data: bytes) -> list[dict[str, str]]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return sorted(
        ({k: v for k, v in row.items() if k not in IGNORED_COLUMNS} for row in rows),
        key=lambda row: row["ref"],
    )


def _empty(url: str) -> Engine:
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    prepare_database(engine, seed_if_empty=False)
    return engine


def test_csv_export_imports_into_an_empty_database_as_the_same_deals(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    exported = _export(seeded_engine)
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    report = _import(target, exported)
    assert (report.created, report.rejected) == (7, [])
    assert _comparable(_export(target)) == _comparable(exported)


def test_json_deal_list_round_trips(seeded_engine: Engine, tmp_path: Path) -> None:
    exported = _export(seeded_engine, "json")
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    assert _import(target, exported, "deals.json").created == 7
    assert _comparable(_export(target)) == _comparable(_export(seeded_engine))


def test_importing_twice_creates_nothing_new(seeded_sqlite: Engine, tmp_path: Path) -> None:
    exported = _export(seeded_sqlite)
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    _import(target, exported)
    before = row_counts(target)
    again = _import(target, exported)
    assert (again.created, again.unchanged) == (0, 7)
    counts = row_counts(target)
    assert counts.pop("import_batch") == before.pop("import_batch") + 1  # the log grows
    assert counts.pop("audit_entry") == before.pop("audit_entry") + 1  # and is audited
    assert counts == before


def test_importing_into_the_source_database_is_a_no_op(seeded_sqlite: Engine) -> None:
    before = row_counts(seeded_sqlite)
    report = _import(seeded_sqlite, _export(seeded_sqlite))
    assert (report.created, report.unchanged) == (0, 7)
    assert row_counts(seeded_sqlite)["deal"] == before["deal"]


def _with_bad_row(exported: bytes) -> bytes:
    lines = exported.decode("utf-8-sig").splitlines()
    cells = next(csv.reader([lines[3]]))
    cells[7] = "twelve"  # quantity
    cells[-4] = ""  # clear the ref, so the row is new to the target database
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    lines[3] = buffer.getvalue().strip()
    return ("\n".join(lines) + "\n").encode()


def test_bad_row_rejects_the_file_and_names_row_column_value(
    seeded_sqlite: Engine, tmp_path: Path
) -> None:
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    before = row_counts(target)
    with pytest.raises(ImportRejected) as caught:
        _import(target, _with_bad_row(_export(seeded_sqlite)))
    message = str(caught.value)
    assert "row 4, column 'quantity': 'twelve'" in message
    assert "nothing imported" in message
    assert row_counts(target) == before


def test_skip_invalid_imports_the_rest(seeded_sqlite: Engine, tmp_path: Path) -> None:
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    report = _import(target, _with_bad_row(_export(seeded_sqlite)), skip_invalid=True)
    assert report.created == 6 and [p.row for p in report.rejected] == [4]
    assert row_counts(target)["deal"] == 6


def test_dry_run_writes_nothing(seeded_sqlite: Engine, tmp_path: Path) -> None:
    target = _empty(f"sqlite:///{tmp_path}/copy.db")
    before = row_counts(target)
    report = _import(target, _export(seeded_sqlite), dry_run=True)
    assert report.created == 7 and report.dry_run
    assert "would import 7 new deals" in report.summary()
    assert row_counts(target) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"name,quantity\nx,1\n", "cannot tell the format"),
        (b"deal_id,buyer,buyer_iso3,seller\n1,Turkey,TUR,Russia\n", "lacks the required column"),
        (b'[{"buyer": "Turkey"', "not valid JSON"),
        (b'{"rows": []}', "expected a JSON list of deals or a tracker dump"),
    ],
)
def test_unusable_files_are_rejected_clearly(
    empty_engine: Engine, data: bytes, message: str
) -> None:
    before = row_counts(empty_engine)
    with pytest.raises(ImportRejected, match=message):
        _import(empty_engine, data, "upload")
    assert row_counts(empty_engine) == before


def _dump(engine: Engine) -> dict[str, object]:
    buffer = io.StringIO()
    with make_session_factory(engine)() as session:
        dump_database(session, buffer)
    data = json.loads(buffer.getvalue())
    data.pop("exported_at")
    return data


@pytest.mark.postgres
def test_dump_moves_sqlite_to_postgres_and_back_unchanged(
    seeded_sqlite: Engine, postgres_url: str, tmp_path: Path
) -> None:
    original = _dump(seeded_sqlite)
    postgres = _empty(postgres_url)
    report = _import(postgres, json.dumps(original).encode(), "backup.json")
    assert report.tables["deal"] == 7 and report.tables["citation"] > 50
    assert _dump(postgres) == original
    back = _empty(f"sqlite:///{tmp_path}/back.db")
    _import(back, json.dumps(_dump(postgres)).encode(), "backup.json")
    assert _dump(back) == original
    # The copy keeps working: new rows get fresh ids after the loaded ones.
    assert _import(postgres, _export(seeded_sqlite)).unchanged == 7


def test_dump_loads_only_into_an_empty_database(seeded_sqlite: Engine, tmp_path: Path) -> None:
    other = make_engine(Settings(database_url=f"sqlite:///{tmp_path}/other.db"))
    prepare_database(other)
    dump = _dump(other)
    dump["tables"]["deal"][0]["notes"] = "changed"  # type: ignore[index]
    with pytest.raises(ImportRejected, match="empty database only"):
        _import(seeded_sqlite, json.dumps(dump).encode(), "backup.json")


def test_reloading_the_same_dump_is_not_an_error(seeded_sqlite: Engine) -> None:
    report = _import(seeded_sqlite, json.dumps(_dump(seeded_sqlite)).encode(), "backup.json")
    assert all(count == 0 for count in report.tables.values())


def test_cli_import_exit_status_and_rejects_file(seeded_sqlite: Engine, tmp_path: Path) -> None:
    source = tmp_path / "deals.csv"
    source.write_bytes(_with_bad_row(_export(seeded_sqlite)))
    runner = CliRunner()
    env = {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "TRACKER_AUTO_SETUP": "false",
        "XDG_DATA_HOME": str(tmp_path / "data"),  # the user's data folder, where rejects go
    }  # fmt: skip
    assert runner.invoke(main, ["db", "upgrade"], env=env).exit_code == 0
    rejected = runner.invoke(main, ["import", str(source)], env=env)
    assert rejected.exit_code == 1 and "row 4, column 'quantity'" in rejected.output
    skipped = runner.invoke(main, ["import", str(source), "--skip-invalid"], env=env)
    assert skipped.exit_code == 0, skipped.output
    folder = tmp_path / "data" / "arms-deal-tracker" / "rejects"
    (written,) = [
        path for path in folder.glob("deals-*.rejects.csv") if str(path) in skipped.output
    ]
    assert not list(tmp_path.glob("*.rejects.csv"))  # never beside the input
    rejects = list(csv.DictReader(written.open(encoding="utf-8-sig")))
    assert rejects[0]["row"] == "4" and rejects[0]["value"] == "twelve"
    again = runner.invoke(main, ["import", str(source), "--skip-invalid"], env=env)
    assert again.exit_code == 0 and "0 new deals" in again.output


def _candidate(quote: str) -> Candidate:
    line = "Turkey,United States,F-16 Block 70 Viper,8,ordered"
    return Candidate(
        row=2,
        fields={"buyer": "Turkey", "seller": "United States", "platform": "F-16 Block 70 Viper",
                "quantity_ordered": 8, "status": "ordered"},
        columns={"quantity_ordered": "quantity"},
        origin=Origin(ref="file:test:row:2", title="test.csv, row 2", text=line),
        quotes={"buyer": line, "quantity_ordered": quote},
    )  # fmt: skip


def test_a_row_whose_quote_is_not_in_its_text_is_reported_not_dropped(
    seeded_sqlite: Engine,
) -> None:
    with make_session_factory(seeded_sqlite)() as session:
        plan = plan_import(session, [_candidate("ten F-16s")])
    (problem,) = plan.problems
    assert (problem.row, problem.column, problem.value) == (2, "quantity", "ten F-16s")
    assert "not in the row's text" in problem.reason
    assert plan.batch.deals == []
    with make_session_factory(seeded_sqlite)() as session:
        plan = plan_import(session, [_candidate("F-16 Block 70 Viper,8")])
    assert plan.problems == [] and len(plan.batch.deals) == 1


def test_the_bulk_writer_refuses_a_quote_that_is_not_in_its_source(seeded_sqlite: Engine) -> None:
    with make_session_factory(seeded_sqlite)() as session:
        good = plan_import(session, [_candidate("F-16 Block 70 Viper,8")]).batch
    good.deals[0].quotes["quantity_ordered"] = "eight jets"  # as a buggy format module might
    before = row_counts(seeded_sqlite)
    log = ImportLog("test.csv", "0" * 64, "csv", 0, 0, "test")
    with pytest.raises(QuoteNotInSource), transaction(seeded_sqlite) as session:
        write_batch(session=session, actor=ADMIN, batch=good, log=log)
    assert row_counts(seeded_sqlite) == before
