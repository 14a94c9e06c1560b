"""Amounts to nominal and constant US dollars: one amount, or many pre-grouped sums.

A constant-dollar figure is `amount × (USD per unit in the price year) × CPI-U(base year)
/ CPI-U(price year)`, computed exactly and rounded to the cent once. The aggregate path
converts SQL totals grouped by (currency, price year): one cached factor per group, so a
million deals cost as much as their few hundred groups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, localcontext
from functools import cache
from typing import NamedTuple

from tracker.fx.cpi import DEFLATOR_PLACES, cpi_u, cpi_years, deflator_fraction, missing_cpi_reason
from tracker.fx.model import (
    WORKING_PRECISION,
    Conversion,
    ConvertedTotal,
    NotConvertedSum,
    NotConvertible,
    Rate,
    significant,
    to_cents,
)
from tracker.fx.rates import annual_rate, usd_rate

NO_PRICE_YEAR = "no price year: neither a price year nor an order date is recorded"


class GroupSum(NamedTuple):
    """One SQL group: the summed amount of `deals` deals in a currency and price year."""

    currency: str
    price_year: int | None
    amount: Decimal
    deals: int = 1


def price_year_of(value_year: int | None, order_date: dt.date | None) -> int | None:
    """The year whose prices an amount is in: the deal's price year when given, else the
    year of its order date (a contract value is normally in the money of its signing)."""
    if value_year is not None:
        return value_year
    return None if order_date is None else order_date.year


def latest_complete_year(today: dt.date | None = None) -> int:
    """The default base year: last calendar year, or the latest CPI-U year if older."""
    today = today or dt.date.today()
    return min(today.year - 1, cpi_years()[1])


def to_constant_usd(
    amount: Decimal,
    currency: str,
    *,
    price_year: int,
    base_year: int | None = None,
    on: dt.date | None = None,
) -> Conversion | NotConvertible:
    """`amount` of `currency` in `price_year` money, in US dollars of `base_year`.

    `on` (a day of `price_year`, e.g. the signature date) asks for that day's ECB rate
    instead of the year's average; deflation is by year either way.
    """
    if not isinstance(amount, Decimal | int):
        raise TypeError(f"amounts are Decimal, never float: got {amount!r}")
    code = currency.strip().upper()
    base = latest_complete_year() if base_year is None else base_year
    if on is not None and on.year != price_year:
        raise ValueError(f"the rate day {on} is not in the price year {price_year}")
    rate = usd_rate(code, year=price_year, on=on)
    if rate is None:
        return NotConvertible(amount, code, price_year, no_rate_reason(code, price_year))
    nominal = rate.to_usd(amount)
    fraction = deflator_fraction(price_year, base)
    if fraction is None:
        missing = base if cpi_u(base) is None else price_year
        reason = f"{missing_cpi_reason(missing)}, so no constant {base} dollars"
        return NotConvertible(amount, code, price_year, reason, usd_nominal=nominal)
    cpi_base, cpi_price = fraction
    with localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        constant = to_cents(amount * rate.numerator * cpi_base / (rate.denominator * cpi_price))
        deflator = (cpi_base / cpi_price).quantize(DEFLATOR_PLACES)
    return Conversion(
        amount=amount,
        currency=code,
        price_year=price_year,
        base_year=base,
        usd_nominal=nominal,
        usd_constant=constant,
        rate=rate,
        deflator=deflator,
        basis=describe(rate, price_year, base, deflator),
    )


def convert_sums(
    sums: Iterable[tuple[str, int | None, Decimal] | GroupSum], base_year: int | None = None
) -> ConvertedTotal:
    """Total constant USD of (currency, price year, amount[, deals]) groups, each group
    rounded to the cent as `to_constant_usd` would; unconvertible groups are listed."""
    base = latest_complete_year() if base_year is None else base_year
    total = Decimal(0)
    deals = groups = 0
    missing: list[NotConvertedSum] = []
    with localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        for row in sums:
            currency, year, amount = row[0], row[1], row[2]
            count = row.deals if isinstance(row, GroupSum) else 1
            factor = NO_PRICE_YEAR if year is None else group_factor(currency, year, base)
            if isinstance(factor, str):
                missing.append(NotConvertedSum(currency, year, amount, count, factor))
                continue
            total += to_cents(amount * factor[0] / factor[1])
            deals += count
            groups += 1
    return ConvertedTotal(base, total, deals, groups, tuple(missing))


@cache
def group_factor(currency: str, year: int, base: int) -> tuple[Decimal, Decimal] | str:
    """Constant-USD per unit as (numerator, denominator), or the reason there is none."""
    code = currency.strip().upper()
    rate = annual_rate(code, year)
    if rate is None:
        return no_rate_reason(code, year)
    fraction = deflator_fraction(year, base)
    if fraction is None:
        return missing_cpi_reason(base if cpi_u(base) is None else year)
    cpi_base, cpi_price = fraction
    return rate.numerator * cpi_base, rate.denominator * cpi_price


def no_rate_reason(code: str, year: int) -> str:
    return f"no exchange rate for {code} in {year}"


def describe(rate: Rate, price_year: int, base_year: int, deflator: Decimal) -> str:
    """ "EUR→USD 1.12968 (ECB 2017 average) × CPI-U 2025/2017 1.313410"."""
    shown = f"{significant(rate.value, 6):f}"
    return (
        f"{rate.currency}→USD {shown} ({rate.short}) × CPI-U {base_year}/{price_year} {deflator:f}"
    )
