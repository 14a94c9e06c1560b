"""The `tracker` command line, run in-process against real SQLite files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import LAZY_COMMANDS, main
from tracker.exports import EXPORT_COLUMNS


def _runner_on(url: str) -> object:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"TRACKER_DATABASE_URL": url})

    return invoke


@pytest.fixture
def run(seeded_sqlite_url: str) -> object:
    """The CLI on a seeded database."""
    return _runner_on(seeded_sqlite_url)


@pytest.fixture
def run_fresh(sqlite_url: str) -> object:
    """The CLI on a database file that does not exist yet: its first use sets it up."""
    return _runner_on(sqlite_url)


@pytest.mark.parametrize("buyer", ["Turkey", "Türkiye", "TUR"])
def test_totals_by_platform_for_turkey(run, buyer: str) -> None:  # type: ignore[no-untyped-def]
    result = run("totals", "--by", "platform", "--buyer", buyer)
    assert result.exit_code == 0, result.output
    lines = {line.split("  ")[0]: line for line in result.output.splitlines()}
    assert "44 (20 + 12 + 12)" in lines["Eurofighter Typhoon"]
    assert " 3 " in lines["Eurofighter Typhoon"]
    assert " 40 " in lines["F-16 Block 70 Viper"]
    assert "4 units" in lines["S-400 Triumf"] and "$2.5 billion" in lines["S-400 Triumf"]
    assert "unknown" in lines["F-35 Lightning II"]
    assert " 0 " not in lines["F-35 Lightning II"]
    assert (
        "44 = 20 from United Kingdom in 2025 (new, signed/ordered) + 12 from Qatar "
        "(second-hand, negotiating, year unknown)" in result.output
    )


def test_unknown_buyer_exits_non_zero_with_suggestions(run) -> None:  # type: ignore[no-untyped-def]
    result = run("totals", "--buyer", "Turky")
    assert result.exit_code == 1
    assert "buyer: not a known country or party; did you mean Turkey" in result.output
    assert "Traceback" not in result.output


def test_first_use_migrates_and_seeds(run_fresh) -> None:  # type: ignore[no-untyped-def]
    result = run_fresh("deals", "list")
    assert result.exit_code == 0, result.output
    assert "Eurofighter Typhoon" in result.output and "S-400 Triumf" in result.output


def test_seed_twice_adds_nothing(run_fresh) -> None:  # type: ignore[no-untyped-def]
    first = run_fresh("seed")
    second = run_fresh("seed")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "deals: 7 new" in first.output
    assert "deals: 0 new, 7 unchanged" in second.output


def test_deals_list_as_csv_and_json(run) -> None:  # type: ignore[no-untyped-def]
    as_csv = run("deals", "list", "--platform", "Typhoon", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert sorted(int(r["quantity"]) for r in rows) == [12, 12, 20]
    as_json = run("deals", "list", "--platform", "Typhoon", "--format", "json")
    deals = json.loads(as_json.output)
    assert sorted(d["seller"] for d in deals) == ["Oman", "Qatar", "United Kingdom"]
    assert set(deals[0]) == set(EXPORT_COLUMNS)


def test_deals_list_empty_result_says_so(run) -> None:  # type: ignore[no-untyped-def]
    result = run("deals", "list", "--buyer", "Germany")
    assert result.exit_code == 0 and "no deals match" in result.output


def test_deals_show_prints_timeline_and_citations(run) -> None:  # type: ignore[no-untyped-def]
    result = run("deals", "show", "1")
    assert result.exit_code == 0, result.output
    assert "Timeline" in result.output and "2019-10" in result.output
    assert "Rosoboronexport (exporter)" in result.output
    assert "Turkey purchased four S-400 units from Russia" in result.output
    missing = run("deals", "show", "999")
    assert missing.exit_code == 1 and "no deal with id 999" in missing.output


def test_export_writes_file_and_metadata(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "turkey.csv"
    result = run("export", "--format", "csv", "--buyer", "Turkey", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == 7
    meta = json.loads((tmp_path / "turkey.csv.meta.json").read_text())
    assert meta["rows"] == 7 and meta["filters"] == {"buyers": ["Turkey"]}
    assert {s["publisher"][:7] for s in meta["sources"]} == {"Press T", "Natural"}
    assert not (tmp_path / "turkey.csv.partial").exists()


def test_export_json_to_stdout(run) -> None:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "--status", "delivered")
    assert [d["platform"] for d in json.loads(result.output)] == ["S-400 Triumf"]


def test_db_commands(run) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "upgrade").exit_code == 0
    check = run("db", "check")
    assert check.exit_code == 0 and "no drift" in check.output
    current = run("db", "current")
    assert "revision:" in current.output and "none" not in current.output.split("revision:")[1]


def test_bad_year_range_is_a_clear_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("deals", "list", "--year-from", "2020", "--year-to", "2010")
    assert result.exit_code == 1 and "year_to" in result.output


def test_database_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    not_a_database = tmp_path / "garbage.db"
    not_a_database.write_bytes(b"this is not an SQLite file" * 100)
    a_file = tmp_path / "afile"
    a_file.write_text("a file where a folder should be")
    for url in (f"sqlite:///{not_a_database}", f"sqlite:///{a_file}/tracker.db"):
        result = CliRunner().invoke(main, ["deals", "list"], env={"TRACKER_DATABASE_URL": url})
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ")
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_reader_that_stops_reading_is_no_error(sqlite_url: str) -> None:
    """`tracker deals list | head`: the pipe closes before the table is written."""
    assert run_cli_with_closed_stdout(sqlite_url, "deals", "list") == ""


def run_cli_with_closed_stdout(database_url: str, *args: str) -> str:
    """Run `tracker ARGS` in a process whose stdout reader is gone; return its stderr."""
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-c", "from tracker.cli import main; main()", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `head` after its lines
    errors = process.stderr.read().decode()
    process.wait(timeout=120)
    return errors


def test_the_command_line_imports_a_command_only_when_it_runs() -> None:
    # `tracker dashboard` hands over to a new process at once: importing every command
    # (Alembic, the importers, the extractor) first cost it 0.7 s of its launch.
    probe = (
        "import sys; import tracker.cli; "
        "heavy = [m for m in ('alembic', 'tracker.imports', 'tracker.extract', "
        "'tracker.exports', 'sqlalchemy') if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_every_command_is_found_by_its_name(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: main {name}" in result.output or f"Usage: tracker {name}" in result.output


def test_tracker_dashboard_hands_over_with_the_lean_allocators(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: handed.append((path, argv, env)))
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    CliRunner().invoke(main, ["dashboard", "--port", "8123", "--headless"])
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")  # whoever runs it decides
    CliRunner().invoke(main, ["dashboard"])
    (_, argv, env), (_, _, own) = handed
    assert argv[1:] == ["-m", "dashboard", "--port", "8123", "--headless"]
    assert env["MALLOC_ARENA_MAX"] == "1" and own["MALLOC_ARENA_MAX"] == "4"
    assert env["ARROW_DEFAULT_MEMORY_POOL"] == own["ARROW_DEFAULT_MEMORY_POOL"] == "system"
