"""Numbers as articles write them: "40", "1,200", "twelve", "twenty-four", "a dozen",
"two dozen", "a pair of". Years and money are not quantities; the callers exclude them."""

from __future__ import annotations

import re

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORD_NUMBER = re.compile(
    r"^(?:(?P<tens>" + "|".join(_TENS) + r")(?:[- ](?P<unit>" + "|".join(list(_UNITS)[:9]) + r"))?"
    r"|(?P<small>" + "|".join(_UNITS) + r"))$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
# Phrases before a noun that stand for a number.
PHRASES: dict[str, int] = {
    "a dozen": 12,
    "two dozen": 24,
    "three dozen": 36,
    "a pair of": 2,
    "a couple of": 2,
    "half a dozen": 6,
    "dozen": 12,
}


def parse_number(text: str) -> int | None:
    """The whole number a token (or hyphenated number words) writes, or None."""
    word = text.strip().lower()
    if _DIGITS.match(word):
        return int(word.replace(",", ""))
    match = _WORD_NUMBER.match(word)
    if match is None:
        return None
    if match.group("small"):
        return _UNITS[match.group("small").lower()]
    value = _TENS[match.group("tens").lower()]
    return value + (_UNITS[match.group("unit").lower()] if match.group("unit") else 0)


def looks_like_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19[4-9]\d|20\d\d)", text))
