"""The committed rate and price tables in `tracker/fx/data/`, parsed once per process.

Every loader is cached: the aggregate path looks rates up thousands of times and must
never touch a file after the first call. The CSVs carry `#` comment lines naming their
source; data/README.md has the full provenance.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Published:
    """A rate as its publisher printed it: units per dollar, or dollars per unit."""

    rate: Decimal
    per_usd: bool  # True: `rate` currency units buy one US dollar

    def usd_fraction(self) -> tuple[Decimal, Decimal]:
        """USD per unit as (numerator, denominator), keeping the printed figure exact."""
        return (Decimal(1), self.rate) if self.per_usd else (self.rate, Decimal(1))

    def describe(self, currency: str) -> str:
        return (
            f"{self.rate} {currency} per USD" if self.per_usd else f"{self.rate} USD per {currency}"
        )


@dataclass(frozen=True, slots=True)
class EcbYear:
    """Mean of the ECB's daily EUR cross rates to the dollar over one calendar year."""

    published: Published
    days: int
    through: dt.date  # the last ECB business day in the average
    complete: bool  # False for the current, unfinished year


@dataclass(frozen=True, slots=True)
class Peg:
    currency: str
    published: Published
    since: dt.date
    source: str


@dataclass(frozen=True, slots=True)
class EuroLegacy:
    currency: str
    per_eur: Decimal
    since: dt.date


def read_rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a data CSV, skipping its `#` provenance header."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


@cache
def ecb_annual() -> dict[tuple[str, int], EcbYear]:
    return {
        (row["currency"], int(row["year"])): EcbYear(
            published=Published(Decimal(row["rate"]), per_usd=row["quote"] == "per_usd"),
            days=int(row["days"]),
            through=dt.date.fromisoformat(row["through"]),
            complete=row["complete"] == "1",
        )
        for row in read_rows("ecb_annual.csv")
    }


@cache
def fed_annual() -> dict[tuple[str, int], Published]:
    return {
        (row["currency"], int(row["year"])): Published(
            Decimal(row["rate"]), per_usd=row["quote"] == "per_usd"
        )
        for row in read_rows("fed_g5a_annual.csv")
    }


@cache
def fed_series() -> dict[str, str]:
    """Currency -> FRED series id of the Fed's G.5A annual average."""
    return {row["currency"]: row["series"] for row in read_rows("fed_g5a_annual.csv")}


@cache
def pegs() -> dict[str, Peg]:
    return {
        row["currency"]: Peg(
            currency=row["currency"],
            published=Published(Decimal(row["rate"]), per_usd=row["quote"] == "per_usd"),
            since=dt.date.fromisoformat(row["since"]),
            source=row["source"],
        )
        for row in read_rows("pegs_usd.csv")
    }


@cache
def euro_legacy() -> dict[str, EuroLegacy]:
    return {
        row["currency"]: EuroLegacy(
            currency=row["currency"],
            per_eur=Decimal(row["per_eur"]),
            since=dt.date.fromisoformat(row["since"]),
        )
        for row in read_rows("euro_legacy.csv")
    }


@cache
def cpi_annual() -> dict[int, Decimal]:
    """US CPI-U (BLS series CUUR0000SA0), annual averages, 1982-84 = 100."""
    return {int(row["year"]): Decimal(row["cpi_u"]) for row in read_rows("cpi_u.csv")}


def clear_caches() -> None:
    """Forget the parsed tables (tests that measure loading time start cold)."""
    for loader in (ecb_annual, fed_annual, fed_series, pegs, euro_legacy, cpi_annual):
        loader.cache_clear()
