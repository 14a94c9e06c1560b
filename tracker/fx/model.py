"""The values the money-conversion functions return: frozen, typed, Decimal throughout.

Plain frozen dataclasses rather than pydantic models: they are built on the aggregate
fast path (thousands of groups per dashboard run) and need no validation of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

CENT = Decimal("0.01")
# Products of an amount (up to 10^13 with cents), a rate and two CPI figures need more
# than the default 28 digits to stay exact before the one final rounding.
WORKING_PRECISION = 60


def to_cents(value: Decimal) -> Decimal:
    """Money is shown and summed in cents; halves go to the even cent (Decimal's default)."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def significant(value: Decimal, digits: int = 6) -> Decimal:
    """A rate or ratio for display: `digits` significant figures, however small the value."""
    if value == 0:
        return value
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
class Rate:
    """US dollars per one unit of `currency`, with where the figure comes from.

    The exact value is the fraction `numerator / denominator` (a published "units per
    dollar" figure stays a divisor), so converting never rounds before the final cent.
    """

    currency: str
    numerator: Decimal
    denominator: Decimal
    year: int
    source: str  # "ecb", "fed-g5a", "peg-sar", "euro-legacy+ecb", "usd", ...
    short: str  # "ECB 2017 average", for a one-line basis
    basis: str  # "ECB reference rate 2017 annual average (EUR cross)"
    day: dt.date | None = None  # the ECB business day used, for a day's rate

    @property
    def value(self) -> Decimal:
        """USD per unit, to ten significant figures (display and comparisons)."""
        with localcontext() as ctx:
            ctx.prec = WORKING_PRECISION
            return significant(self.numerator / self.denominator, 10)

    def to_usd(self, amount: Decimal) -> Decimal:
        """The amount in US dollars, rounded to cents once."""
        with localcontext() as ctx:
            ctx.prec = WORKING_PRECISION
            return to_cents(amount * self.numerator / self.denominator)


@dataclass(frozen=True, slots=True)
class Conversion:
    """One amount in nominal USD of its price year and in constant USD of `base_year`."""

    amount: Decimal
    currency: str
    price_year: int
    base_year: int
    usd_nominal: Decimal
    usd_constant: Decimal
    rate: Rate
    deflator: Decimal  # CPI-U base year / CPI-U price year, to six decimal places
    basis: str  # "EUR→USD 1.12968 (ECB 2017 average) × CPI-U 2025/2017 1.313410"


@dataclass(frozen=True, slots=True)
class NotConvertible:
    """Why an amount has no constant-USD value, in plain words ("no exchange rate ...").

    `usd_nominal` is kept when only the deflation failed (e.g. a price year with no CPI-U
    annual average yet), so a caller may still show the nominal figure, labelled as such.
    """

    amount: Decimal
    currency: str
    price_year: int | None
    reason: str
    usd_nominal: Decimal | None = None


@dataclass(frozen=True, slots=True)
class NotConvertedSum:
    """A (currency, price year) group that could not be converted, with its deal count."""

    currency: str
    price_year: int | None
    amount: Decimal
    deals: int
    reason: str


@dataclass(frozen=True, slots=True)
class ConvertedTotal:
    """Constant-USD total of many (currency, price year) sums, and what stayed out of it."""

    base_year: int
    usd_constant: Decimal
    converted_deals: int
    converted_groups: int
    not_converted: tuple[NotConvertedSum, ...]

    @property
    def not_converted_deals(self) -> int:
        return sum(row.deals for row in self.not_converted)


@dataclass(frozen=True, slots=True)
class TableCoverage:
    """What one shipped table covers, for an About page."""

    name: str
    source: str
    first_year: int
    last_year: int
    currencies: tuple[str, ...]
    note: str
