"""US consumer prices (CPI-U annual averages) for turning nominal dollars into constant ones.

The figures come from the committed `data/cpi_u.csv` (BLS series CUUR0000SA0, annual
average), so nothing is fetched and nothing goes stale silently: a year the table does
not have yet is simply missing, and callers say so ("no CPI-U annual average for 2026").
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from tracker.fx import tables
from tracker.fx.model import WORKING_PRECISION

DEFLATOR_PLACES = Decimal("0.000001")


def cpi_u(year: int) -> Decimal | None:
    """The CPI-U annual average of `year` (1982-84 = 100), or None if not in the table."""
    return tables.cpi_annual().get(year)


def cpi_years() -> tuple[int, int]:
    """First and last year with a CPI-U annual average."""
    years = tables.cpi_annual()
    return min(years), max(years)


def deflator(from_year: int, to_year: int) -> Decimal | None:
    """CPI-U to_year / CPI-U from_year, to six places: what a from_year dollar is worth
    in to_year dollars. None when either year has no annual average."""
    fraction = deflator_fraction(from_year, to_year)
    if fraction is None:
        return None
    with localcontext() as ctx:
        ctx.prec = WORKING_PRECISION
        return (fraction[0] / fraction[1]).quantize(DEFLATOR_PLACES, rounding=ROUND_HALF_EVEN)


def deflator_fraction(from_year: int, to_year: int) -> tuple[Decimal, Decimal] | None:
    """The deflator as (CPI-U to_year, CPI-U from_year), for exact arithmetic."""
    start, end = cpi_u(from_year), cpi_u(to_year)
    if start is None or end is None:
        return None
    return end, start


def missing_cpi_reason(year: int) -> str:
    first, last = cpi_years()
    if year > last:
        return f"no CPI-U annual average for {year} yet (the latest is {last})"
    return f"no CPI-U annual average for {year} (the table starts in {first})"
