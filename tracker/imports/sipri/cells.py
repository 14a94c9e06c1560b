"""Cell converters and the row they read: each returns the value (None for an empty
cell) or records a RowError naming the row, the column, the value and the reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from tracker.domain.schemas import EARLIEST_YEAR, LATEST_YEAR
from tracker.domain.vocab import Category, Condition
from tracker.imports.sipri.model import RowError, RowWarning

T = TypeVar("T")


class Bad(ValueError):
    pass


_DECIMAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def required(value: str) -> str:
    if not value:
        raise Bad("is empty")
    return value


def whole(value: str) -> int | None:
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
        raise Bad("is negative")
    raise Bad("is not a whole number")


def year(value: str) -> int | None:
    found = whole(value)
    return None if found is None else _checked_year(found)


def _checked_year(value: int) -> int:
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        raise Bad(f"is not a year between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def years(value: str) -> list[int]:
    """SIPRI joins delivery years with "; ": "2011; 2012". Only the years it lists: a gap
    ("2010; 2012") means nothing was delivered in between."""
    if not value:
        return []
    if len(value) == 4 and value.isascii() and value.isdigit():  # the common case: one year
        return [_checked_year(int(value))]
    found: set[int] = set()
    for part in value.split(";"):
        one = year(part.strip())
        if one is None:
            raise Bad("has an empty year in its list")
        found.add(one)
    return sorted(found)


def decimal(value: str) -> Decimal | None:
    if not value:
        return None
    if value.isascii() and value.replace(".", "", 1).isdigit():  # "0.4", ".5", "12"
        return Decimal(value)
    if value.startswith("-") and _DECIMAL.fullmatch(value[1:]):
        raise Bad("is negative")
    raise Bad("is not a number")


def question(value: str) -> bool:
    if value in ("", "?"):
        return value == "?"
    raise Bad("is not '?' or empty")


def yes_no(value: str) -> bool:
    """Yes or No; a blank cell is unknown, which reads as No (real exports leave many
    "... is estimate" and "Local production" cells blank)."""
    if value in _YES_NO:
        return _YES_NO[value]
    lowered = value.lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    raise Bad("is not Yes or No")


_YES_NO = {"": False, "No": False, "Yes": True}


def _normal(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").split())


_CONDITIONS = {
    "new": Condition.NEW,
    "second hand": Condition.SECOND_HAND,
    "second hand but modernized": Condition.SECOND_HAND_MODERNISED,
    "second hand but modernised": Condition.SECOND_HAND_MODERNISED,
}


def condition(value: str) -> Condition | None:
    if not value:
        return None
    condition = _CONDITIONS.get(_normal(value))
    if condition is None:
        raise Bad("is not New, Second hand or Second hand but modernized")
    return condition


_CATEGORIES = {
    "aircraft": Category.AIRCRAFT,
    "air defence systems": Category.AIR_DEFENCE,
    "air defense systems": Category.AIR_DEFENCE,
    "armoured vehicles": Category.ARMOURED_VEHICLES,
    "armored vehicles": Category.ARMOURED_VEHICLES,
    "artillery": Category.ARTILLERY,
    "engines": Category.ENGINES,
    "missiles": Category.MISSILES,
    "naval weapons": Category.NAVAL_WEAPONS,
    "sensors": Category.SENSORS,
    "satellites": Category.SATELLITES,
    "ships": Category.SHIPS,
    "other": Category.OTHER,
}


def category(value: str) -> Category | None:
    if not value:
        return None
    category = _CATEGORIES.get(_normal(value))
    if category is None:
        raise Bad("is not a SIPRI armament category")
    return category


class Row:
    """One record's cells; converting a cell records a RowError instead of raising."""

    __slots__ = ("cells", "errors", "missing", "names", "number")

    def __init__(self, number: int, cells: list[str], names: tuple[str, ...]) -> None:
        self.number = number
        self.cells = cells
        self.names = names
        self.errors: list[RowError] = []
        self.missing: tuple[str, ...] = ()

    def get(self, index: int, convert: Callable[[str], T]) -> T | None:
        value = self.cells[index]
        try:
            return convert(value)
        except Bad as bad:
            self.errors.append(RowError(self.number, self.names[index], value, str(bad)))
            return None

    def shape_error(
        self, numbers: list[int], *, last: bool = False, unclosed: bool = False
    ) -> RowError | None:
        """The record's width is wrong in a way that loses data: a short last row or a
        file ending inside a quoted field (truncation), or extra cells (an unquoted comma,
        a broken quote). A short row mid-file is padded with empty cells instead, and
        `missing` names what it lacked."""
        cells, width = self.cells, len(self.names)
        if len(cells) == width and not unclosed:
            return None  # nearly every row
        spans = (
            f" (a quoted field runs from line {numbers[0]} to line {numbers[-1]})"
            if len(numbers) > 1
            else ""
        )
        if len(cells) < width and (last or unclosed):
            return RowError(
                self.number,
                self.names[len(cells)],
                "",
                f"row has {len(cells)} of {width} columns: the file may be truncated{spans}",
            )
        if unclosed:
            return RowError(
                self.number,
                self.names[len(cells) - 1] if len(cells) <= width else "",
                "",
                f"the file ends inside a quoted field{spans}: the file may be truncated",
            )
        if len(cells) < width:
            self.missing = self.names[len(cells) :]
            cells.extend([""] * (width - len(cells)))
            return None
        extra = [cell for cell in cells[width:] if cell]
        if extra:
            return RowError(
                self.number,
                "",
                extra[0],
                f"is an extra cell: the row has {len(cells)} cells for {width} columns "
                f"(a comma in an unquoted field?){spans}",
            )
        del cells[width:]
        return None

    def short_row_warning(self) -> RowWarning | None:
        """The warning for a short row mid-file that was padded, else None."""
        if not self.missing:
            return None
        have, width = len(self.names) - len(self.missing), len(self.names)
        named = ", ".join(repr(name) for name in self.missing)
        return RowWarning(
            self.number,
            "",
            f"row has {have} of {width} columns: {named} missing, read as empty",
        )


def display_names(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Header names for messages: the ' ' flag columns become "Year of order ?" etc."""
    return tuple(
        f"{columns[index - 1]} ?" if name == " " else name for index, name in enumerate(columns)
    )
