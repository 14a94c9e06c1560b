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


_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip


def parse_ordinal(text: str) -> int | None:
    """The place an ordinal names ("fifth", "24th"), or None."""
    word = text.strip().lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    match = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    return int(match.group(1)) if match else None


def looks_like_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19[4-9]\d|20\d\d)", text))
