"""Money: amounts as Decimal with an ISO 4217 currency, never floats, never added across
currencies. The limits both databases store exactly, the currency codes, and how an
amount reads ("$2.5 billion") all live here.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pycountry

from tracker.fx.tables import euro_legacy  # the fx package imports nothing of the domain

# Both SQLite and PostgreSQL store amounts up to this exactly, cents included (a
# NUMERIC(18, 2) column; SQLite keeps ~15 significant digits exactly).
MAX_AMOUNT = Decimal("10000000000000")  # ten trillion
AMOUNT_DIGITS, AMOUNT_PLACES = 18, 2

# Symbols that name one currency when written before an amount.
SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
SYMBOL_CURRENCIES = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}
# Scale words as news and SIPRI comments write them.
SCALE_WORDS = {
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
# Offered first in currency pickers: the currencies arms deals are most often priced in.
COMMON_CURRENCIES = ("USD", "EUR", "GBP", "RUB", "CNY", "INR", "JPY", "KRW", "SEK", "ILS", "TRY")


@functools.cache
def currency_codes() -> frozenset[str]:
    """Every ISO 4217 currency code (pycountry's offline copy), and the former ones the
    exchange-rate tables still convert: the euro's predecessors, the kuna and the lev
    among them. pycountry drops a currency once it is withdrawn (26.2 has no BGN or HRK),
    and a deal priced in one must still be stored."""
    current = frozenset(currency.alpha_3 for currency in pycountry.currencies)
    return current | frozenset(euro_legacy())


def is_currency(code: str) -> bool:
    return code in currency_codes()


@functools.cache
def currency_choices() -> tuple[str, ...]:
    """Currency codes for a picker: the common ones first, then the rest alphabetically."""
    return COMMON_CURRENCIES + tuple(sorted(currency_codes() - set(COMMON_CURRENCIES)))


def format_amount(amount: Decimal, currency: str) -> str:
    """ "$2.5 billion", "£450 million", "RUB 1.2 billion", "$950,000"."""
    symbol = SYMBOLS.get(currency)
    for size, word in _SCALES:
        if abs(amount) >= size:
            number = f"{(amount / size).quantize(Decimal('0.01')).normalize():f} {word}"
            break
    else:
        number = f"{amount.quantize(Decimal('1')):,}"
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def describe_value(amount: Decimal | None, currency: str | None, at_least: bool) -> str:
    """One value: "$2.5 billion", "at least $10 billion" or "unknown"."""
    if amount is None or currency is None:
        return "unknown"
    text = format_amount(amount, currency)
    return f"at least {text}" if at_least else text
