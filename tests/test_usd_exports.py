"""Exports carry each deal's value in constant US dollars with its basis (#13 point 2).

Expected figures are worked out here from the shipped tables (`tracker/fx/data/*.csv`,
read as plain CSV), not taken from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

import tracker.fx
from tracker.auth import cli_actor
from tracker.cli import main
from tracker.config import Settings
from tracker.exports import EXPORT_COLUMNS, USD_COLUMNS, export_bytes, usd_cells
from tracker.fx import latest_complete_year
from tracker.imports.pipeline import import_data
from tracker.read.filters import DealFilters
from tracker.read.usd import ValueUsd
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.setup import prepare_database
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

D = Decimal
DATA = Path(tracker.fx.__file__).parent / "data"
# The deals each test adds to the seeds, by ref: amount, currency, price year, order date.
DEALS: dict[str, dict[str, Any]] = {
    "t:eur-order-year": {"value_amount": "100000000", "value_currency": "EUR",
                         "order_date": "2017-05"},
    "t:eur-stated-year": {"value_amount": "100000000", "value_currency": "EUR",
                          "value_year": 2019, "order_date": "2017-05"},
    "t:inr-1995": {"value_amount": "2000000000", "value_currency": "INR",
                   "value_year": 1995, "order_date": "1996"},
    "t:egp-no-rate": {"value_amount": "300000000", "value_currency": "EGP",
                      "order_date": "2017"},
    "t:no-value": {"order_date": "2017"},
}  # fmt: skip


def _table(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def _usd_per(currency: str, year: int) -> tuple[D, D]:
    """USD per unit as (numerator, denominator): the ECB annual table, else the Fed's."""
    for name in ("ecb_annual.csv", "fed_g5a_annual.csv"):
        for row in _table(name):
            if row["currency"] == currency and int(row["year"]) == year:
                rate = D(row["rate"])
                return (rate, D(1)) if row["quote"] == "usd_per" else (D(1), rate)
    raise LookupError(f"no {currency} {year} in the test's tables")


def _cpi(year: int) -> D:
    return next(D(row["cpi_u"]) for row in _table("cpi_u.csv") if int(row["year"]) == year)


def _expected(amount: str, currency: str, price_year: int, base_year: int) -> str:
    numerator, denominator = _usd_per(currency, price_year)
    with localcontext() as ctx:
        ctx.prec = 60
        exact = D(amount) * numerator * _cpi(base_year) / (denominator * _cpi(price_year))
        return f"{exact.quantize(D('0.01')):f}"


def _deflator(price_year: int, base_year: int) -> str:
    return f"CPI-U {base_year}/{price_year} {(_cpi(base_year) / _cpi(price_year)):.6f}"


def _add_deals(engine: Engine) -> None:
    with transaction(engine) as session:
        for ref, values in DEALS.items():
            add_deal(session=session, actor=EDITOR,
                     deal_in=deal_data(seller="Germany", ref=ref, **values))  # fmt: skip


def _by_ref(data: bytes, fmt: str) -> dict[str, dict[str, Any]]:
    if fmt == "csv":
        records: list[dict[str, Any]] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        records = json.loads(data)
    return {record["ref"]: record for record in records if record["ref"] in DEALS}


def _exported(engine: Engine, fmt: str, base_year: int | None = None) -> dict[str, Any]:
    with make_session_factory(engine)() as session:
        return _by_ref(export_bytes(session, DealFilters(), fmt, base_year=base_year), fmt)


def _check(rows: dict[str, dict[str, Any]], base: int, fmt: str) -> None:
    """Every added deal's three columns, against the figures worked out from the tables."""
    year = str(base) if fmt == "csv" else base
    eur, stated, inr = rows["t:eur-order-year"], rows["t:eur-stated-year"], rows["t:inr-1995"]
    assert eur["value_usd_constant"] == _expected("100000000", "EUR", 2017, base)
    assert eur["value_usd_base_year"] == year
    assert eur["value_conversion_basis"].startswith("EUR→USD 1.12968 (ECB 2017 average)")
    assert _deflator(2017, base) in eur["value_conversion_basis"]
    assert eur["value_conversion_basis"].endswith(
        "price year = order year 2017 (no price year stated)"
    )
    # A stated price year wins over the order year: the 2019 rate and CPI-U.
    assert stated["value_usd_constant"] == _expected("100000000", "EUR", 2019, base)
    assert "(ECB 2019 average)" in stated["value_conversion_basis"]
    assert _deflator(2019, base) in stated["value_conversion_basis"]
    assert stated["value_conversion_basis"].endswith(
        "price year 2019 (the deal's stated price year)"
    )
    # Before the euro and the ECB: the Federal Reserve's G.5A annual average.
    assert inr["value_usd_constant"] == _expected("2000000000", "INR", 1995, base)
    assert "(Fed G.5A 1995 average)" in inr["value_conversion_basis"]
    assert _deflator(1995, base) in inr["value_conversion_basis"]
    egp = rows["t:egp-no-rate"]
    assert egp["value_usd_constant"] in ("", None) and egp["value_usd_base_year"] == year
    assert egp["value_conversion_basis"].startswith(
        "not converted: no exchange rate for EGP in 2017"
    )
    no_value = rows["t:no-value"]
    assert all(no_value[column] in ("", None) for column in USD_COLUMNS)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_carry_constant_usd_with_its_basis(seeded_engine: Engine, fmt: str) -> None:
    _add_deals(seeded_engine)
    _check(_exported(seeded_engine, fmt), latest_complete_year(), fmt)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_another_base_year_changes_the_figures(seeded_engine: Engine, fmt: str) -> None:
    _add_deals(seeded_engine)
    default, in_2020 = _exported(seeded_engine, fmt), _exported(seeded_engine, fmt, 2020)
    _check(in_2020, 2020, fmt)
    eur = "t:eur-order-year"
    assert in_2020[eur]["value_usd_constant"] != default[eur]["value_usd_constant"]


def test_cli_export_base_year_option(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(Settings(database_url=sqlite_url))
    prepare_database(engine)
    _add_deals(engine)
    runner = CliRunner()
    env = {"TRACKER_DATABASE_URL": sqlite_url}
    out = tmp_path / "deals.csv"
    result = runner.invoke(main, ["export", "--base-year", "2010", "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    _check(_by_ref(out.read_bytes(), "csv"), 2010, "csv")
    meta = json.loads((tmp_path / "deals.csv.meta.json").read_text())
    assert meta["value_usd_base_year"] == 2010
    shown = runner.invoke(main, ["export", "--format", "json", "--base-year", "2010"], env=env)
    _check(_by_ref(shown.output.encode(), "json"), 2010, "json")
    refused = runner.invoke(main, ["export", "--base-year", "1800"], env=env)
    assert refused.exit_code != 0 and "base_year" in refused.output
    assert "CPI-U" in refused.output and "Traceback" not in refused.output


def test_the_basis_cell_is_neutralised_for_spreadsheets() -> None:
    # No basis the code writes starts with a formula character today; the cell is
    # protected anyway, as every text cell is.
    cells = usd_cells(ValueUsd(2025, None, '=HYPERLINK("http://x")'))
    assert cells[2] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_export_with_usd_columns_imports_into_a_fresh_database(
    seeded_engine: Engine, tmp_path: Path, fmt: str
) -> None:
    _add_deals(seeded_engine)
    with make_session_factory(seeded_engine)() as session:
        exported = export_bytes(session, DealFilters(), fmt)
    if fmt == "csv":  # an edited derived cell is read past, not imported nor refused
        exported = exported.replace(b"price year = order year 2017", b"=1+1 edited")
    target = make_engine(Settings(database_url=f"sqlite:///{tmp_path}/copy.db", auto_setup=False))
    prepare_database(target, seed_if_empty=False)
    with transaction(target) as session:
        report = import_data(session=session, actor=cli_actor(), data=exported,
                             filename=f"deals.{fmt}")  # fmt: skip
    assert report.rejected == [] and report.created == 7 + len(DEALS)
    with make_session_factory(target)() as session:
        again = export_bytes(session, DealFilters(), fmt)
    assert set(_by_ref(again, fmt)["t:eur-order-year"]) == set(EXPORT_COLUMNS)
    _check(_by_ref(again, fmt), latest_complete_year(), fmt)


def test_deals_show_prints_the_constant_dollar_figure_and_basis(sqlite_url: str) -> None:
    env = {"TRACKER_DATABASE_URL": sqlite_url}
    result = CliRunner().invoke(main, ["deals", "show", "1"], env=env)  # the seeded S-400
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "value in constant USD" in line)
    base = latest_complete_year()
    assert f"in {base} dollars — USD→USD 1.00000 (no conversion) × {_deflator(2017, base)}" in line
    assert line.endswith("price year = order year 2017 (no price year stated)")
