"""Parse SIPRI Arms Transfers Database trade registers (both CSV layouts) into plain records.

Pure: no database, no name resolution. Layout A ("deals") has one row per deal, layout B
("transfers") one row per deal per delivery year, grouped here by SIPRI's deal id.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, TypeVar

import pycountry

from tracker.domain.schemas import EARLIEST_YEAR, LATEST_YEAR, MAX_AMOUNT
from tracker.domain.vocab import Category, Condition
from tracker.errors import TrackerError

Layout = Literal["deals", "transfers"]
T = TypeVar("T")

DEALS_COLUMNS = (
    "Recipient", "Supplier", "Year of order", " ", "Number ordered", " ",
    "Weapon designation", "Weapon description", "Number delivered", " ",
    "Year(s) of delivery", "status", "Comments", "SIPRI TIV per unit",
    "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)  # fmt: skip
TRANSFERS_COLUMNS = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate", "Status",
    "SIPRI estimate", "TIV deal unit", "TIV delivery values", "Local production",
)  # fmt: skip
_EXPECTED: dict[Layout, tuple[str, ...]] = {"deals": DEALS_COLUMNS, "transfers": TRANSFERS_COLUMNS}
_SNIFF_BYTES = 65536


class SipriFormatError(TrackerError):
    """The whole file is unusable (not a SIPRI register, truncated, binary, wrong header)."""


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based physical line number in the file
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        column = f", column {self.column!r}" if self.column else ""
        shown = f"{self.value!r} " if self.value else ""
        return f"row {self.row}{column}: {shown}{self.reason}"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217
    quote: str  # the exact text of the comment it came from


@dataclass
class SipriDeal:
    layout: Layout
    rows: list[int]
    sipri_id: str | None
    recipient: str
    supplier: str
    designation: str
    description: str
    category: Category | None
    category_inferred: bool
    order_year: int | None
    order_year_estimated: bool
    quantity_ordered: int | None
    quantity_ordered_estimated: bool
    quantity_delivered: int | None
    quantity_delivered_estimated: bool
    delivery_years: list[int]
    delivery_years_estimated: bool
    condition: Condition | None
    local_production: bool
    comments: str | None
    tiv_per_unit: Decimal | None
    tiv_total_order: Decimal | None
    tiv_delivered: Decimal | None
    sipri_unit_estimate: Decimal | None
    money: Money | None
    text: str


@dataclass
class SipriFile:
    layout: Layout
    encoding: str
    generated: str | None
    header_row: int
    deals: list[SipriDeal]
    errors: list[RowError]


# ----------------------------------------------------------------------------------------
# Entry points


def parse_sipri(data: bytes) -> SipriFile:
    """Parse a SIPRI trade register; whole-file problems raise, row problems are collected."""
    text, encoding = _decode(data)
    lines = _split_lines(text)
    header_index, layout = _find_header(lines)
    _check_header(lines[header_index], layout, header_index + 1)
    parser = _DealsParser() if layout == "deals" else _TransfersParser()
    records = 0
    for numbers, cells in _records(lines, header_index + 1, layout=layout):
        records += 1
        if isinstance(cells, str):
            span = f"lines {numbers[0]} to {numbers[-1]}, an unclosed quote?"
            parser.errors.append(
                RowError(numbers[0], "", "", f"cannot be read as CSV ({span}): {cells}")
            )
        else:
            parser.add(numbers, cells, "\n".join(lines[number - 1] for number in numbers))
    if records == 0:
        raise SipriFormatError(
            f"the SIPRI register has a header (line {header_index + 1}) but no data rows"
        )
    return SipriFile(
        layout=layout,
        encoding=encoding,
        generated=_generated(lines[:header_index]),
        header_row=header_index + 1,
        deals=parser.deals(),
        errors=parser.errors,
    )


def looks_like_sipri(data: bytes) -> bool:
    """Cheap sniff: a SIPRI header line near the start of a text file."""
    sample = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in sample:
        return False
    # The header is ASCII, so Latin-1 finds it in UTF-8 and Latin-1 files alike.
    return any(_header_layout(line) for line in sample.decode("latin-1").split("\n"))


# ----------------------------------------------------------------------------------------
# Decoding, lines and the header

_CONTROL_CHARS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BINARY_MESSAGE = "the file is not a text file (binary data): expected a SIPRI register as CSV"


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise SipriFormatError("the file is empty: expected a SIPRI trade register (CSV)")
    if data.startswith(b"PK\x03\x04"):
        raise SipriFormatError(
            f"{_BINARY_MESSAGE} (this looks like a zip archive or .xlsx workbook)"
        )
    if b"\x00" in data:
        raise SipriFormatError(_BINARY_MESSAGE)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:_SNIFF_BYTES]
    if len(_CONTROL_CHARS.findall(sample)) > len(sample) // 20:
        raise SipriFormatError(_BINARY_MESSAGE)
    return text, encoding


def _split_lines(text: str) -> list[str]:
    # Not str.splitlines(): that also splits on \x85, \x1c.. which Latin-1 text may hold.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


_HEADER_STARTS: dict[Layout, list[str]] = {
    "deals": ["Recipient", "Supplier", "Year of order"],
    "transfers": ["SIPRI AT Database ID", "Supplier", "Recipient"],
}


def _header_cells(line: str) -> list[str]:
    line = line.rstrip("\r\n \t")
    line = line.removesuffix(";")
    return [cell.strip() for cell in next(csv.reader([line]), [])]


def _header_layout(line: str) -> Layout | None:
    start = line.lstrip(' \t"\ufeff')
    if not (start.startswith("Recipient") or start.startswith("SIPRI AT")):
        return None
    cells = _header_cells(line)
    for layout, first in _HEADER_STARTS.items():
        if cells[:3] == first:
            return layout
    return None


def _find_header(lines: list[str]) -> tuple[int, Layout]:
    for index, line in enumerate(lines):
        layout = _header_layout(line)
        if layout is not None:
            return index, layout
    raise SipriFormatError(
        "no SIPRI header found: expected a line starting "
        "'Recipient,Supplier,Year of order' (trade register by deal) or "
        "'SIPRI AT Database ID,Supplier,Recipient' (transfers by delivery year)"
    )


def _describe_column(expected: tuple[str, ...], index: int) -> str:
    name = expected[index]
    if name == " ":
        return f"' ' (the '?' column after {expected[index - 1]!r})"
    return repr(name)


def _check_header(line: str, layout: Layout, row: int) -> None:
    expected = _EXPECTED[layout]
    cells = _header_cells(line)
    while len(cells) > len(expected) and not cells[-1]:
        cells.pop()  # trailing empty cells are harmless
    for index in range(len(expected)):
        found = cells[index] if index < len(cells) else None
        if found != expected[index].strip():
            shown = "nothing" if found is None else repr(found)
            raise SipriFormatError(
                f"the SIPRI header (line {row}) does not match the {layout} layout: "
                f"expected column {index + 1} {_describe_column(expected, index)}, "
                f"found {shown}"
            )
    if len(cells) > len(expected):
        raise SipriFormatError(
            f"the SIPRI header (line {row}) does not match the {layout} layout: expected "
            f"{len(expected)} columns, found extra column {len(expected) + 1} "
            f"{cells[len(expected)]!r}"
        )


def _generated(preamble: list[str]) -> str | None:
    for line in preamble:
        start = line.strip().lstrip('"')
        if start.startswith("Data generated:"):
            value = start.removeprefix("Data generated:").strip().rstrip(';",').strip()
            return value or None
    return None


def _is_blank(line: str) -> bool:
    return not line.strip(" \t;,")


def _records(
    lines: list[str], start: int, *, layout: Layout
) -> Iterator[tuple[list[int], list[str] | str]]:
    """CSV records after the header: the 1-based line numbers each spans, and its cells
    (or why the CSV reader rejected it). Blank lines and lines of only ';' or ',' are
    skipped."""

    def feed() -> Iterator[str]:
        for line in lines[start:]:
            if layout == "transfers":
                line = line.rstrip(" \t").removesuffix(";")
            yield line + "\n"  # the newline keeps line breaks inside quoted fields

    reader = csv.reader(feed())
    consumed = start
    while True:
        try:
            cells: list[str] | str = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            cells = str(exc)
        numbers = list(range(consumed + 1, start + reader.line_num + 1))
        consumed = start + reader.line_num
        if not all(_is_blank(lines[number - 1]) for number in numbers):
            yield numbers, cells if isinstance(cells, str) else [cell.strip() for cell in cells]


# ----------------------------------------------------------------------------------------
# Cell converters: return the value (None for an empty cell) or raise _Bad with a reason.


class _Bad(ValueError):
    pass


_DECIMAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def _required(value: str) -> str:
    if not value:
        raise _Bad("is empty")
    return value


def _whole(value: str) -> int | None:
    if not value:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
        raise _Bad("is negative")
    raise _Bad("is not a whole number")


def _year(value: str) -> int | None:
    year = _whole(value)
    if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise _Bad(f"is not a year between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return year


def _years(value: str) -> list[int]:
    """SIPRI joins delivery years with "; ": "2011; 2012"."""
    years: set[int] = set()
    for part in value.split(";") if value else ():
        year = _year(part.strip())
        if year is None:
            raise _Bad("has an empty year in its list")
        years.add(year)
    return sorted(years)


def _decimal(value: str) -> Decimal | None:
    if not value:
        return None
    if _DECIMAL.fullmatch(value):
        return Decimal(value)
    if value.startswith("-") and _DECIMAL.fullmatch(value[1:]):
        raise _Bad("is negative")
    raise _Bad("is not a number")


def _question(value: str) -> bool:
    if value in ("", "?"):
        return value == "?"
    raise _Bad("is not '?' or empty")


def _yes_no(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    raise _Bad("is not Yes or No")


def _normal(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").split())


_CONDITIONS = {
    "new": Condition.NEW,
    "second hand": Condition.SECOND_HAND,
    "second hand but modernized": Condition.SECOND_HAND_MODERNISED,
    "second hand but modernised": Condition.SECOND_HAND_MODERNISED,
}


def _condition(value: str) -> Condition | None:
    if not value:
        return None
    condition = _CONDITIONS.get(_normal(value))
    if condition is None:
        raise _Bad("is not New, Second hand or Second hand but modernized")
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


def _category(value: str) -> Category | None:
    if not value:
        return None
    category = _CATEGORIES.get(_normal(value))
    if category is None:
        raise _Bad("is not a SIPRI armament category")
    return category


class _Row:
    """One record's cells; converting a cell records a RowError instead of raising."""

    __slots__ = ("cells", "errors", "names", "number")

    def __init__(self, number: int, cells: list[str], names: tuple[str, ...]) -> None:
        self.number = number
        self.cells = cells
        self.names = names
        self.errors: list[RowError] = []

    def get(self, index: int, convert: Callable[[str], T]) -> T | None:
        value = self.cells[index]
        try:
            return convert(value)
        except _Bad as bad:
            self.errors.append(RowError(self.number, self.names[index], value, str(bad)))
            return None

    def shape_error(self, numbers: list[int]) -> RowError | None:
        """The record's width is wrong (truncated file, unquoted comma, broken quote)."""
        cells, width = self.cells, len(self.names)
        spans = (
            f" (a quoted field runs from line {numbers[0]} to line {numbers[-1]})"
            if len(numbers) > 1
            else ""
        )
        if len(cells) < width:
            return RowError(
                self.number,
                self.names[len(cells)],
                "",
                f"row has {len(cells)} of {width} columns: the file may be truncated{spans}",
            )
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


def _display_names(columns: tuple[str, ...]) -> tuple[str, ...]:
    """Header names for messages: the ' ' flag columns become "Year of order ?" etc."""
    return tuple(
        f"{columns[index - 1]} ?" if name == " " else name for index, name in enumerate(columns)
    )


# ----------------------------------------------------------------------------------------
# Layout A: one row per deal


class _DealsParser:
    names = _display_names(DEALS_COLUMNS)

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self._deals: list[SipriDeal] = []

    def deals(self) -> list[SipriDeal]:
        return self._deals

    def add(self, numbers: list[int], cells: list[str], text: str) -> None:
        row = _Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers)
        if shape is not None:
            self.errors.append(shape)
            return
        deal = self._deal(row, numbers, text)
        if row.errors:
            self.errors.extend(row.errors)
        elif deal is not None:
            self._deals.append(deal)

    @staticmethod
    def _deal(row: _Row, numbers: list[int], text: str) -> SipriDeal | None:
        get = row.get
        recipient = get(0, _required)
        supplier = get(1, _required)
        order_year = get(2, _year)
        order_year_estimated = get(3, _question)
        ordered = get(4, _whole)
        ordered_estimated = get(5, _question)
        designation = get(6, _required)
        description = row.cells[7]
        delivered = get(8, _whole)
        delivered_estimated = get(9, _question)
        delivery_years = get(10, _years)
        condition = get(11, _condition)
        comments = row.cells[12] or None
        tiv_per_unit = get(13, _decimal)
        tiv_total_order = get(14, _decimal)
        tiv_delivered = get(15, _decimal)
        if row.errors or recipient is None or supplier is None or designation is None:
            return None
        category = category_from_description(description)
        return SipriDeal(
            layout="deals",
            rows=numbers,
            sipri_id=None,
            recipient=recipient,
            supplier=supplier,
            designation=designation,
            description=description,
            category=category,
            category_inferred=category is not None,
            order_year=order_year,
            order_year_estimated=bool(order_year_estimated),
            quantity_ordered=ordered,
            quantity_ordered_estimated=bool(ordered_estimated),
            quantity_delivered=delivered,
            quantity_delivered_estimated=bool(delivered_estimated),
            delivery_years=delivery_years or [],
            delivery_years_estimated=False,
            condition=condition,
            local_production=_mentions_local_production(comments, recipient),
            comments=comments,
            tiv_per_unit=tiv_per_unit,
            tiv_total_order=tiv_total_order,
            tiv_delivered=tiv_delivered,
            sipri_unit_estimate=None,
            money=parse_comment_money(comments) if comments else None,
            text=text,
        )


# "export licence" is about the supplier's permission, not production by the recipient.
_LICENCE = re.compile(
    r"(?<!export )\blicen[cs](?:e[ds]?|ing)\b|\blocal(?:ly)?[ -](?:production|produced|assembl)",
    re.IGNORECASE,
)
_MADE_IN = re.compile(r"\b(?:produced|assembled)\s+in\s+(\w[\w' ]*)", re.IGNORECASE)


def _mentions_local_production(comments: str | None, recipient: str) -> bool:
    """Licensed or local production in the comments; "produced in X" only when X is the
    recipient, since "produced in USA" may just name the supplier's factory."""
    if not comments:
        return False
    if _LICENCE.search(comments):
        return True
    place = recipient.rstrip("*").split(" (")[0].lower()
    return bool(place) and any(
        match.group(1).lower().startswith(place) for match in _MADE_IN.finditer(comments)
    )


# ----------------------------------------------------------------------------------------
# Layout B: one row per deal per delivery year

# Columns every row of one deal must repeat unchanged (indexes into TRANSFERS_COLUMNS).
_INVARIANT = (1, 2, 3, 4, 5, 6, 12, 14, 16)


@dataclass
class _Transfer:
    """One parsed layout-B row."""

    number: int
    cells: list[str]
    text: str
    sipri_id: str
    supplier: str
    recipient: str
    designation: str
    description: str
    category: Category | None
    order_year: int | None
    order_year_estimated: bool
    delivered: int | None
    delivered_estimated: bool
    delivery_year: int | None
    delivery_year_estimated: bool
    condition: Condition | None
    sipri_estimate: Decimal | None
    tiv_deal_unit: Decimal | None
    tiv_delivered: Decimal | None
    local_production: bool

    def invariant(self) -> tuple[object, ...]:
        """Parsed values of the _INVARIANT columns, so "0.10" agrees with "0.1"."""
        return (
            self.supplier,
            self.recipient,
            self.designation,
            self.description,
            self.category,
            self.order_year,
            self.condition,
            self.tiv_deal_unit,
            self.local_production,
        )


class _TransfersParser:
    names = TRANSFERS_COLUMNS

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self._groups: dict[str, list[_Transfer]] = {}  # insertion order = first seen

    def add(self, numbers: list[int], cells: list[str], text: str) -> None:
        row = _Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers)
        if shape is not None:
            self.errors.append(shape)
            return
        transfer = _transfer(row, text)
        if transfer is None:
            self.errors.extend(row.errors)
            return
        group = self._groups.setdefault(transfer.sipri_id, [])
        disagreements = self._disagreements(group[0], transfer) if group else []
        if disagreements:
            self.errors.extend(disagreements)
        else:
            group.append(transfer)

    def _disagreements(self, first: _Transfer, other: _Transfer) -> list[RowError]:
        return [
            RowError(
                other.number,
                self.names[index],
                other.cells[index],
                f"differs from row {first.number} of the same deal "
                f"(SIPRI AT Database ID {first.sipri_id}): {first.cells[index]!r}",
            )
            for index, mine, theirs in zip(
                _INVARIANT, first.invariant(), other.invariant(), strict=True
            )
            if mine != theirs
        ]

    def deals(self) -> list[SipriDeal]:
        return [_merge(group) for group in self._groups.values() if group]


def _transfer(row: _Row, text: str) -> _Transfer | None:
    get = row.get
    sipri_id, supplier, recipient, designation = (get(i, _required) for i in range(4))
    transfer = _Transfer(
        number=row.number,
        cells=row.cells,
        text=text,
        sipri_id=sipri_id or "",
        supplier=supplier or "",
        recipient=recipient or "",
        designation=designation or "",
        description=row.cells[4],
        category=get(5, _category),
        order_year=get(6, _year),
        order_year_estimated=bool(get(7, _yes_no)),
        delivered=get(8, _whole),
        delivered_estimated=bool(get(9, _yes_no)),
        delivery_year=get(10, _year),
        delivery_year_estimated=bool(get(11, _yes_no)),
        condition=get(12, _condition),
        sipri_estimate=get(13, _decimal),
        tiv_deal_unit=get(14, _decimal),
        tiv_delivered=get(15, _decimal),
        local_production=bool(get(16, _yes_no)),
    )
    return None if row.errors else transfer


def _merge(group: list[_Transfer]) -> SipriDeal:
    first = group[0]
    category = first.category or category_from_description(first.description)
    delivered = [row.delivered for row in group if row.delivered is not None]
    tivs = [row.tiv_delivered for row in group if row.tiv_delivered is not None]
    estimates = [row.sipri_estimate for row in group if row.sipri_estimate is not None]
    return SipriDeal(
        layout="transfers",
        rows=[row.number for row in group],
        sipri_id=first.sipri_id,
        recipient=first.recipient,
        supplier=first.supplier,
        designation=first.designation,
        description=first.description,
        category=category,
        category_inferred=first.category is None and category is not None,
        order_year=first.order_year,
        order_year_estimated=any(row.order_year_estimated for row in group),
        quantity_ordered=None,
        quantity_ordered_estimated=False,
        quantity_delivered=sum(delivered) if delivered else None,
        quantity_delivered_estimated=any(row.delivered_estimated for row in group),
        delivery_years=sorted({row.delivery_year for row in group if row.delivery_year}),
        delivery_years_estimated=any(row.delivery_year_estimated for row in group),
        condition=first.condition,
        local_production=first.local_production,
        comments=None,
        tiv_per_unit=first.tiv_deal_unit,
        tiv_total_order=None,
        tiv_delivered=sum(tivs, Decimal(0)) if tivs else None,
        sipri_unit_estimate=estimates[0] if estimates else None,
        money=None,
        text="\n".join(row.text for row in group),
    )


# ----------------------------------------------------------------------------------------
# Money in comments

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
_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}
_MULTIPLIERS = {
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
}


@functools.cache
def _currency_codes() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def parse_comment_money(comments: str) -> Money | None:
    """The deal's price when the comment states exactly one, e.g. "$79 m deal"."""
    if not any(mark in comments for mark in "$€£") and not re.search(r"[A-Z]{3}\d", comments):
        return None
    found: list[Money] = []
    for match in _MONEY.finditer(comments):
        marker = match.group("currency")
        currency = _SYMBOLS.get(marker, marker)
        if currency not in _currency_codes():
            continue  # "APC5 m" and the like: not a currency
        before = comments[max(0, match.start() - 24) : match.start()]
        if _PART_BEFORE.search(before) or _NOT_PRICE_AFTER.match(comments, match.end()):
            return None
        amount = Decimal(match.group("number").replace(",", "")) * _MULTIPLIERS[match.group("unit")]
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        found.append(Money(amount=amount, currency=currency, quote=match.group(0)))
    if len({(money.amount, money.currency) for money in found}) != 1:
        return None
    money = found[0]
    return money if 0 < money.amount <= MAX_AMOUNT else None


# ----------------------------------------------------------------------------------------
# Armament category from SIPRI's weapon description


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# First match wins, so the specific phrases come before the words they contain:
# "naval gun" before "gun", "SAM system" before "SAM", "aircraft engine" before "aircraft",
# "anti-ship missile" is no ship, "missile boat" is no missile.
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], Category], ...] = (
    (
        _words(
            r"naval (?:guns?|sam systems?|missile launchers?|mines?)",
            r"ship-?borne",
            r"torpedo(?:es)?(?![ -]boats?)",
            r"depth charges?",
            r"asw (?:rocket launchers?|mortars?|rockets?|weapons?)",
        ),
        Category.NAVAL_WEAPONS,
    ),
    (
        _words(
            r"(?:sam|ad|air[ -]defen[cs]e|anti-aircraft|aa) systems?",
            r"spaags?",
            r"(?:anti-aircraft|aa|air[ -]defen[cs]e) guns?",
        ),
        Category.AIR_DEFENCE,
    ),
    (_words(r"tank destroyers?"), Category.ARMOURED_VEHICLES),
    (
        _words(
            r"engines?",
            r"(?:turbofan|turbojet|turboprop|turboshaft)s?(?![\w /-]*\b(?:aircraft|helicopter))",
            r"diesels?",
            r"gas turbines?",
        ),
        Category.ENGINES,
    ),
    (_words(r"radars?", r"sonars?", r"fire[ -]control", r"sensors?"), Category.SENSORS),
    (_words(r"satellites?"), Category.SATELLITES),
    (
        _words(
            r"frigates?",
            r"corvettes?",
            r"destroyers?",
            r"(?<!anti-)submarines?",
            r"(?<!anti-)ships?",
            r"boats?",
            r"gunboats?",
            r"craft",
            r"hovercraft",
            r"vessels?",
            r"opvs?",
            r"fac",
            r"mine(?:hunter|sweeper|layer)s?",
            r"tugs?",
            r"icebreakers?",
        ),
        Category.SHIPS,
    ),
    (
        _words(
            r"(?<!anti-)aircraft",
            r"helicopters?",
            r"uavs?",
            r"ucavs?",
            r"fga",
            r"aew(?:&c)?",
            r"tankers?",
            r"airships?",
            r"fighters?",
            r"bombers?",
        ),
        Category.AIRCRAFT,
    ),
    (
        _words(
            r"missiles?",
            r"sams?",
            r"ssms?",
            r"aams?",
            r"asms?",
            r"bvraams?",
            r"atgms?",
            r"manpads",
            r"anti-tank(?! guns?)",
            r"anti-ship",
            r"guided (?:bombs?|rockets?|shells?)",
        ),
        Category.MISSILES,
    ),
    (
        _words(
            r"apcs?",
            r"ifvs?",
            r"(?<!anti-)tanks?",
            r"armou?red",
            r"afvs?",
            r"apvs?",
            r"arvs?",
            r"aevs?",
            r"half-tracks?",
            r"mraps?",
            r"personnel carriers?",
            r"infantry fighting vehicles?",
            r"scout cars?",
        ),
        Category.ARMOURED_VEHICLES,
    ),
    (
        _words(r"guns?", r"howitzers?", r"mortars?", r"mrls?", r"rocket launchers?"),
        Category.ARTILLERY,
    ),
    (_words(r"asw", r"anti-submarine", r"mines?"), Category.NAVAL_WEAPONS),
    (_words(r"sigint", r"elint", r"comint"), Category.SENSORS),
)


@functools.lru_cache(maxsize=4096)
def category_from_description(description: str) -> Category | None:
    """SIPRI's armament category implied by a weapon description ("SAM system", "APC")."""
    for pattern, category in _CATEGORY_RULES:
        if pattern.search(description):
            return category
    return None
