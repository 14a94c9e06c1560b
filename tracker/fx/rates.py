"""Which exchange rate converts a currency to US dollars for a year or a day, and why.

One rule, one place. For a year, the first table that covers the currency for the whole
year wins:
  1. a fixed peg to the dollar in force since before 1 January (`data/pegs_usd.csv`);
  2. a former euro currency after it joined: its irrevocable euro rate, then the ECB's
     EUR annual average (`data/euro_legacy.csv`);
  3. the ECB annual average (`data/ecb_annual.csv`; 1999 on, the current year to date);
  4. the Federal Reserve's G.5A annual average (`data/fed_g5a_annual.csv`; from 1971).
For a day, a peg or euro-legacy rate in force that day, else the ECB reference rate of
that day (or the last business day within a week before it); failing those, the year's
rate. Anything else is `None`: the caller reports it as not converted, never guesses.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from tracker.fx import ecb, tables
from tracker.fx.model import Rate

ONE = Decimal(1)


def usd_rate(currency: str, *, year: int | None = None, on: dt.date | None = None) -> Rate | None:
    """US dollars per unit of `currency`: the day's rate when `on` is given, else the year's."""
    code = currency.strip().upper()
    if year is None:
        if on is None:
            raise ValueError("usd_rate needs a year or a date")
        year = on.year
    if on is not None:
        rate = day_rate(code, on)
        if rate is not None:
            return rate
    return annual_rate(code, year)


@cache
def annual_rate(code: str, year: int) -> Rate | None:
    """The year's rate for an upper-case ISO code (cached: the aggregate path's hot spot)."""
    if code == "USD":
        return _identity(year)
    january = dt.date(year, 1, 1)
    peg = tables.pegs().get(code)
    if peg is not None and peg.since <= january:
        return _peg_rate(peg, year)
    legacy = tables.euro_legacy().get(code)
    if legacy is not None and legacy.since <= january:
        euro = annual_rate("EUR", year)
        return None if euro is None else _via_euro(legacy, euro)
    found = tables.ecb_annual().get((code, year))
    if found is not None:
        return _ecb_annual_rate(code, year, found)
    published = tables.fed_annual().get((code, year))
    if published is not None:
        return _fed_rate(code, year, published)
    return None


def day_rate(code: str, day: dt.date) -> Rate | None:
    """The rate in force on `day`, or None when no daily source covers it."""
    if code == "USD":
        return _identity(day.year)
    peg = tables.pegs().get(code)
    if peg is not None and peg.since <= day:
        return _peg_rate(peg, day.year)
    legacy = tables.euro_legacy().get(code)
    if legacy is not None and legacy.since <= day:
        euro = day_rate("EUR", day)
        return None if euro is None else _via_euro(legacy, euro)
    found = ecb.daily().on(code, day)
    if found is None:
        return None
    when = f"{found.day}" if found.day == day else f"{found.day}, the last before {day}"
    return Rate(
        currency=code,
        numerator=found.usd_per_eur,
        denominator=found.units_per_eur,
        year=found.day.year,
        source="ecb",
        short=f"ECB {found.day}",
        basis=f"ECB reference rate of {when}" + ("" if code == "EUR" else " (EUR cross)"),
        day=found.day,
    )


def _identity(year: int) -> Rate:
    return Rate("USD", ONE, ONE, year, "usd", "no conversion", "US dollars: no conversion")


def _peg_rate(peg: tables.Peg, year: int) -> Rate:
    numerator, denominator = peg.published.usd_fraction()
    quoted = peg.published.describe(peg.currency)
    return Rate(
        currency=peg.currency,
        numerator=numerator,
        denominator=denominator,
        year=year,
        source=peg.source,
        short=f"peg {quoted}",
        basis=f"fixed peg to the US dollar, {quoted}, in force since {peg.since}",
    )


def _via_euro(legacy: tables.EuroLegacy, euro: Rate) -> Rate:
    return Rate(
        currency=legacy.currency,
        numerator=euro.numerator,
        denominator=euro.denominator * legacy.per_eur,
        year=euro.year,
        source=f"euro-legacy+{euro.source}",
        short=f"{legacy.per_eur} {legacy.currency}/EUR, {euro.short}",
        basis=(
            f"irrevocable euro rate {legacy.per_eur} {legacy.currency} per EUR "
            f"(since {legacy.since}), then {euro.basis}"
        ),
        day=euro.day,
    )


def _ecb_annual_rate(code: str, year: int, found: tables.EcbYear) -> Rate:
    numerator, denominator = found.published.usd_fraction()
    span = "annual average" if found.complete else f"average to {found.through} (year unfinished)"
    return Rate(
        currency=code,
        numerator=numerator,
        denominator=denominator,
        year=year,
        source="ecb",
        short=f"ECB {year} average" + ("" if found.complete else f" to {found.through}"),
        basis=f"ECB reference rate {year} {span}" + ("" if code == "EUR" else " (EUR cross)"),
    )


def _fed_rate(code: str, year: int, published: tables.Published) -> Rate:
    numerator, denominator = published.usd_fraction()
    series = tables.fed_series()[code]
    return Rate(
        currency=code,
        numerator=numerator,
        denominator=denominator,
        year=year,
        source="fed-g5a",
        short=f"Fed G.5A {year} average",
        basis=(
            f"Federal Reserve G.5A {year} annual average of noon buying rates in New York, "
            f"{published.describe(code)} (FRED {series})"
        ),
    )
