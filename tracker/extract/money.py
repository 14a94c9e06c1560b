"""Money as articles write it: "$8.7bn", "US$1.2 billion", "€2.5 billion", "£5bn",
"1.3 trillion won", "Rs 72,000 crore", "A$3.4 billion", "NOK 10 billion", "2 billion
euros". A bare "$" is US dollars unless the article is from an outlet, or names a
dollar, that says otherwise (AUD in an Australian outlet)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5,
}
# Before the number: symbols and codes. Longest first, so "US$" wins over "$".
_PREFIXES = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "NZ$": "NZD",
    "NZD": "NZD",
    "S$": "SGD",
    "SGD": "SGD",
    "HK$": "HKD",
    "R$": "BRL",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "INR": "INR",
    "₩": "KRW",
    "KRW": "KRW",
    "₺": "TRY",
    "TRY": "TRY",
    "NOK": "NOK",
    "SEK": "SEK",
    "DKK": "DKK",
    "PLN": "PLN",
    "CHF": "CHF",
    "CNY": "CNY",
    "RMB": "CNY",
    "RUB": "RUB",
    "ILS": "ILS",
    "SAR": "SAR",
    "AED": "AED",
    "ZAR": "ZAR",
    "EGP": "EGP",
    "PHP": "PHP",
    "IDR": "IDR",
    "MYR": "MYR",
    "THB": "THB",
    "TWD": "TWD",
    "NT$": "TWD",
    "$": "USD",
}
# After the number (and its scale): currency names.
_SUFFIXES = {
    "dollars": "USD",
    "us dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "won": "KRW",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "shekels": "ILS",
    "lira": "TRY",
    "liras": "TRY",
    "riyals": "SAR",
    "dirhams": "AED",
    "rand": "ZAR",
    "zlotys": "PLN",
    "zloty": "PLN",
    "kroner": "NOK",
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "swiss francs": "CHF",
    "francs": "CHF",
    "ringgit": "MYR",
    "baht": "THB",
    "pesos": "PHP",
    "rupiah": "IDR",
    "reais": "BRL",
    "real": "BRL",
    **{
        code.lower(): code
        for code in (
            "usd",
            "eur",
            "gbp",
            "aud",
            "cad",
            "nzd",
            "jpy",
            "inr",
            "krw",
            "try",
            "nok",
            "sek",
            "dkk",
            "pln",
            "chf",
            "cny",
            "rub",
            "ils",
            "sar",
            "aed",
            "zar",
            "sgd",
            "brl",
        )
    },
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|crores?|lakh|mln|mn|bn|tn|[kmb])\b"
_PREFIX = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_SUFFIX = "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?:(?P<prefix>{_PREFIX})\s?(?P<number>{_NUMBER})(?:\s?(?P<scale>{_SCALE}))?"
    rf"(?:\s(?P<after_code>{_SUFFIX})\b)?"
    rf"|\b(?P<number2>{_NUMBER})(?:\s?(?P<scale2>{_SCALE}))?\s(?P<suffix>{_SUFFIX})\b)",
    re.IGNORECASE,
)
_AUSTRALIAN = re.compile(
    r"\.com\.au\b|\.gov\.au\b|\bABC News\b|\bThe Australian\b|Sydney Morning Herald|"
    r"\bThe Age\b|Australian Defence Magazine|Defence Connect|\bAustralian dollars?\b|\bA\$",
)
_CANADIAN = re.compile(r"\.ca\b|\bCBC\b|Globe and Mail|National Post|Canadian dollars?\b|C\$")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    start: int
    end: int
    text: str


def dollar_currency(*hints: str | None) -> str:
    """What a bare "$" means where these texts (article, URL, publisher) come from."""
    joined = "\n".join(hint for hint in hints if hint)
    if _AUSTRALIAN.search(joined):
        return "AUD"
    if _CANADIAN.search(joined):
        return "CAD"
    return "USD"


def find_money(text: str, offset: int = 0, dollar: str = "USD") -> list[Money]:
    """Every money mention in `text` (offsets shifted by `offset`)."""
    found = []
    for match in _MONEY.finditer(text):
        number = match.group("number") or match.group("number2")
        scale = match.group("scale") or match.group("scale2")
        if match.group("prefix"):
            prefix = match.group("prefix")
            currency = _PREFIXES.get(prefix) or _PREFIXES.get(prefix.upper(), "USD")
            if prefix == "$":
                currency = dollar
            if match.group("after_code"):  # "$5 billion (A$7.6bn)" no; "1.3 trillion won"
                currency = _SUFFIXES[match.group("after_code").lower()]
        else:
            suffix = match.group("suffix").lower()
            if suffix in ("real", "won", "rand", "try") and not scale:
                continue  # "won 3 awards", "the real 2": words, not money, without a scale
            currency = _SUFFIXES[suffix]
            if currency == "USD" and suffix == "dollars":
                currency = dollar
        if prefix_is_word(match, text):
            continue
        amount = Decimal(number.replace(",", ""))
        if scale:
            amount *= _SCALES[scale.lower()]
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))  # 2.5 billion is 2500000000, not ...000.0
        if not scale and amount < 1000:
            continue  # "$5" in a defence article is a price per something, not a deal
        found.append(
            Money(amount, currency, match.start() + offset, match.end() + offset, match.group())
        )
    return found


def prefix_is_word(match: re.Match[str], text: str) -> bool:
    """A code prefix glued to a word ("TRY" in "COUNTRY 5") is not money."""
    prefix = match.group("prefix")
    if not prefix or not prefix[0].isalpha():
        return False
    before = text[match.start() - 1] if match.start() else " "
    return before.isalnum()
