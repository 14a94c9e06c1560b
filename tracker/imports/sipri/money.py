"""Money stated in SIPRI's free-text comments ("$79 m deal", "EUR7 m deal", "$1.1 b")."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.money import MAX_AMOUNT, SCALE_WORDS, SYMBOL_CURRENCIES, is_currency
from tracker.imports.sipri.model import Money, MoneyKind

_MONEY = re.compile(
    r"(?<![\w$€£])"
    r"(?P<currency>US\$|\$|€|£|[A-Z]{3}(?=\d))\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
    r"(?P<unit>million|billion|bn|mn|m|b)\b"
    r"(?P<deal>\s+deal\b)?"
)
# The amount is a share of something bigger, or not the deal's price at all.
_PART_BEFORE = re.compile(
    r"\b(?:part\s+of|incl(?:\.|uded|udes|uding)?(?:\s+in)?|of\s+which|out\s+of)\s+"
    r"(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
_NOT_PRICE_AFTER = re.compile(
    r"\s*(?:offsets?|loans?|credits?|each|per\b|a\s+year|annually)", re.IGNORECASE
)


def parse_comment_money(comments: str) -> Money | None:
    """The deal's price when the comment states exactly one, e.g. "$79 m deal"."""
    if not any(mark in comments for mark in "$€£") and not re.search(r"[A-Z]{3}\d", comments):
        return None
    found: list[Money] = []
    for match in _MONEY.finditer(comments):
        marker = match.group("currency")
        currency = SYMBOL_CURRENCIES.get(marker, marker)
        if not is_currency(currency):
            continue  # "APC5 m" and the like: not a currency
        before = comments[max(0, match.start() - 24) : match.start()]
        if _PART_BEFORE.search(before) or _NOT_PRICE_AFTER.match(comments, match.end()):
            return None
        amount = Decimal(match.group("number").replace(",", "")) * SCALE_WORDS[match.group("unit")]
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        found.append(
            Money(MoneyKind.CONTRACT, amount=amount, currency=currency, quote=match.group(0))
        )
    if len({(money.amount, money.currency) for money in found}) != 1:
        return None
    money = found[0]
    return money if 0 < money.amount <= MAX_AMOUNT else None
