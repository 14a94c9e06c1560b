"""`tracker totals --measure …` and `tracker tables tiv` (issue #13), in-process on real
SQLite files: the seeds, and a small SIPRI register imported through the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import main

from sipri_files import register as register_bytes

Run = Callable[..., Result]


@pytest.fixture
def run(seeded_sqlite_url: str) -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"TRACKER_DATABASE_URL": seeded_sqlite_url})

    return invoke


@pytest.fixture
def with_register(run: Run, tmp_path: Path) -> Run:
    register = tmp_path / "transfers.csv"
    register.write_bytes(register_bytes("B"))
    result = run("import", str(register))
    assert result.exit_code == 0, result.output
    return run


def test_usd_for_turkey_shows_the_s400_in_constant_dollars_and_the_offsets_apart(
    run: Run,
) -> None:
    result = run("totals", "--measure", "usd", "--buyer", "Turkey")
    assert result.exit_code == 0, result.output
    lines = {line.split("  ")[0]: line for line in result.output.splitlines()}
    assert "contract values" in lines["S-400 Triumf"] and "$3.28 billion" in lines["S-400 Triumf"]
    assert "offsets" in lines["US combat aircraft (unspecified)"]
    assert (
        "$2.5 billion (2017) = $3.28 billion in 2025 dollars "
        "[USD→USD 1.00000 (no conversion) × CPI-U 2025/2017 1.313410]" in result.output
    )
    assert "offset: at least $10 billion (price year unknown), not converted" in result.output


def test_usd_as_json_carries_each_values_basis(run: Run) -> None:
    result = run("totals", "--measure", "usd", "--buyer", "Turkey", "--by", "none",
                 "--base-year", "2024", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [row["kind"] for row in document["rows"]] == ["contract", "offset"]
    s400 = next(d for d in document["details"] if d["platform"] == "S-400 Triumf")
    assert s400["value_usd_base_year"] == 2024
    assert "× CPI-U 2024/2017" in s400["value_conversion_basis"]
    assert s400["value_usd_constant"].startswith("3")


def test_units_keep_the_pipeline_apart_as_csv(run: Run) -> None:
    result = run("totals", "--measure", "units", "--buyer", "Turkey", "--by", "none",
                 "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    ordered = {
        (r["category"], r["unit"]): int(r["quantity"]) for r in rows if r["stage"] == "ordered"
    }
    assert ordered == {("aircraft", ""): 20, ("air-defence systems", "units"): 4}
    pipeline = [r for r in rows if r["stage"] == "pipeline" and r["quantity"] == "64"]
    assert pipeline  # 40 approved F-16s and 2 × 12 used Typhoons, not "ordered"


def test_the_default_measure_is_unchanged(run: Run) -> None:
    result = run("totals", "--buyer", "Turkey")
    assert result.exit_code == 0 and "44 (20 + 12 + 12)" in result.output


def test_tiv_totals_by_delivery_year(with_register: Run) -> None:
    result = with_register("totals", "--measure", "tiv", "--by", "year", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["title"] == "SIPRI TIV (millions)"
    years = {row["delivery year"]: row["SIPRI TIV (millions)"] for row in document["rows"]}
    assert years == {"2016": "800.000", "2019": "600.000", "2020": "600.500", "2022": "400.000"}


def test_tiv_cannot_be_totalled_by_status(with_register: Run) -> None:
    result = with_register("totals", "--measure", "tiv", "--by", "status")
    assert result.exit_code == 1 and "SIPRI TIV is totalled by year" in result.output


def test_tables_tiv_ranks_suppliers_with_shares(with_register: Run) -> None:
    result = with_register("tables", "tiv", "--top", "2", "--from", "2016", "--to", "2020",
                           "--by", "supplier")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("SIPRI TIV (millions): top 2 exporters, deliveries 2016–2020")
    lines = [line.split() for line in out.splitlines()]
    assert ["1", "Russia", "1,200.5", "60.0%"] in lines  # 1,200.5 of 2,000.5
    assert ["2", "Germany", "600.0", "30.0%"] in lines
    assert ["others", "200.0", "10.0%"] in lines and ["total", "2,000.5", "100.0%"] in lines
    assert "sources-and-methods" in out


def test_tables_tiv_by_recipient_under_a_filter(with_register: Run) -> None:
    result = with_register("tables", "tiv", "--by", "recipient", "--seller", "Germany")
    assert result.exit_code == 0, result.output
    assert "top 10 importers, deliveries all years" in result.output
    assert "Egypt" in result.output and "Turkey" in result.output
