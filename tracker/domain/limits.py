"""The limits every write is held to before it reaches the database.

SQLite stores what PostgreSQL refuses (NUL characters, strings longer than their
VARCHAR, numbers with more digits than their NUMERIC, lone surrogates), so each limit is
checked here, once, for forms, seeds, imports and dumps alike: both backends then accept
exactly the same data, and a refusal names the field and the value instead of being a
bare "database error". The lengths are the columns' in `tracker/store/models.py`
(tests/test_limits.py checks that they agree).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

EARLIEST_YEAR = 1900
# Orders and deliveries are planned years ahead, not generations: up to next year + 15.
LATEST_YEAR = dt.date.today().year + 1 + 15

NAME_LENGTH = 200  # party and platform names, aliases, programme, publisher, author
REF_LENGTH = 100  # external keys of deals, sources and events
UNIT_LENGTH = 50  # quantity_unit, value_source, a citation's field
SOURCE_KIND_LENGTH = 20
DESCRIPTION_LENGTH = 300  # a platform's description
TITLE_LENGTH = 500  # a source's title
URL_LENGTH = 1000
NOTE_LENGTH = 20_000  # notes, event descriptions, quotes (TEXT columns, kept readable)
SOURCE_TEXT_LENGTH = 2_000_000  # the stored text of a source article or file line

MAX_QUANTITY = 10_000_000
TIV_DIGITS, TIV_PLACES = 14, 3  # NUMERIC(14, 3): millions of TIV to a thousandth
MAX_INTEGER = 2**31 - 1  # INTEGER on both backends

# NUL (PostgreSQL refuses it), other C0 controls, DEL, C1 controls (terminal escapes)
# and unpaired surrogates (not UTF-8 at all). Multi-line text may hold tab and newlines.
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# What a terminal would act on rather than show: C0 and C1 controls (ESC starts colour
# and title-setting sequences, and 0x9b is an 8-bit CSI), DEL, bidi overrides that
# reorder what is shown, and unpaired surrogates (not text; an undecodable file name
# holds them). In multi-line text tab, newline and CR-LF stay; a lone CR, which would
# let a line overwrite itself, does not.
_SHOWN_MULTILINE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)
_SHOWN_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible_controls(text: str, *, multiline: bool = True, json: bool = False) -> str:
    """`text` with every control character written as its escape ("\\x1b[31m"), so a
    terminal or a stored record shows it and never acts on it. One-line text (a file
    name) escapes tab and line breaks too. For JSON text the escape is JSON's own
    ("\\u009b"), so the document still parses to the same strings."""
    pattern = _SHOWN_MULTILINE if multiline else _SHOWN_ONE_LINE
    return pattern.sub(_json_escaped if json else _escaped, text)


def describe_character(char: str) -> str:
    if char == "\x00":
        return "a NUL character (U+0000)"
    if "\ud800" <= char <= "\udfff":
        return f"an unpaired surrogate (U+{ord(char):04X}), which is not text"
    return f"the control character U+{ord(char):04X}"


def text_problem(value: str, max_length: int, *, multiline: bool = False) -> str | None:
    """Why `value` cannot be stored in a text column of `max_length`, or None."""
    bad = (_CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE).search(value)
    if bad:
        return f"contains {describe_character(bad.group())} at position {bad.start() + 1}"
    if len(value) > max_length:
        return f"is {len(value):,} characters long; at most {max_length:,} are allowed"
    return None


def checked_text(max_length: int, *, multiline: bool = False) -> Callable[[str | None], str | None]:
    """A pydantic AfterValidator holding a text field to a column's limits (an optional
    field left empty, None, passes)."""

    def check(value: str | None) -> str | None:
        if value is not None:
            problem = text_problem(value, max_length, multiline=multiline)
            if problem:
                raise ValueError(problem)
        return value

    return check


def decimal_problem(value: Decimal, digits: int, places: int) -> str | None:
    """Why `value` does not fit NUMERIC(digits, places) exactly, or None. Too many
    decimal places is refused, not rounded: SQLite would keep a float, PostgreSQL round."""
    if not value.is_finite():
        return "must be a finite number"
    quantum, largest = _bounds(digits, places)
    try:  # the common case, a value that fits, settled without as_tuple's named tuple
        if abs(value) < largest and value == value.quantize(quantum):
            return None
    except InvalidOperation:  # more digits than the context holds: the checks below say why
        pass
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -places and value != value.quantize(quantum):
        return f"has more than {places} decimal places"
    if abs(value) >= largest:
        return f"must be less than {largest:,}"
    return None


@functools.lru_cache(maxsize=16)  # an import checks four TIV figures per deal
def _bounds(digits: int, places: int) -> tuple[Decimal, Decimal]:
    """The smallest step of NUMERIC(digits, places), and the first value too large for it."""
    return Decimal(1).scaleb(-places), Decimal(10) ** (digits - places)


def checked_decimal(digits: int, places: int) -> Callable[[Decimal], Decimal]:
    def check(value: Decimal) -> Decimal:
        problem = decimal_problem(value, digits, places)
        if problem:
            raise ValueError(problem)
        return value

    return check


def year_problem(year: int) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"year must be between {EARLIEST_YEAR} and {LATEST_YEAR}"
    return None
