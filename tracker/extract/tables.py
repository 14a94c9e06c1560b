"""Deals an article lists in a table pasted as text.

Trade press sums up a type's exports in a table, and a pasted table arrives as lines of
cells split by "|" or tabs under a header naming the columns:

    CUSTOMER     | AIRCRAFT                     | SIGNED   | VALUE
    Croatia      | 12 Rafale F3R (ex-French AF) | Nov 2021 | EUR 999m

Each row is read as a sentence of its own (the sentence splitter cuts at line ends); what
a row lacks is the verb, which its header gives ("SIGNED": the row's deal was signed).
A "Recipient" or "Customer" column names the row's buyer, and a "Status" column's cell
its stage ("Notified March 2025": approved). This module finds the header and rows, and
the stage and the cell that says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.text import Span, word_set

_CELLS = re.compile(r"\s*\|\s*|\t+")
_BUYER_COLUMNS = word_set(
    "customer customers buyer buyers country countries operator operators recipient "
    "recipients user users client clients nation purchaser"
)
_PLATFORM_COLUMNS = word_set(
    "aircraft system systems type types platform platforms equipment item items weapon weapons "
    "model models ship ships vessel vessels vehicle vehicles helicopter helicopters missile "
    "missiles programme program order orders article articles"
)
_QUANTITY_COLUMNS = word_set("qty quantity number units no number/quantity")
# A column whose title is a stage says the row's deal reached it ("SIGNED", "Delivered").
_STAGE_COLUMNS = {
    "signed": "signed", "ordered": "signed", "contract": "signed", "contracted": "signed",
    "order": "signed", "date": "signed", "year": "signed",
    "delivered": "delivered", "delivery": "delivered", "deliveries": "delivered",
    "approved": "approved", "notified": "approved",
}  # fmt: skip


@dataclass(frozen=True)
class TableRow:
    line: Span  # the row, as the sentence it is read as
    status: str  # the stage its header gives
    said_by: Span  # the cell that says so (a date under "SIGNED"), quoted for the status
    said: bool  # whether a column names the stage (else "signed" is a guess: a weak cue)
    quantity: Span | None = None  # a "Qty" column's cell
    buyer: Span | None = None  # a "Recipient" or "Customer" column's cell


def tables(text: str) -> tuple[list[Span], list[TableRow]]:
    """The header lines and the rows of every table in `text`."""
    headers: list[Span] = []
    rows: list[TableRow] = []
    lines = list(_lines(text))
    index = 0
    while index < len(lines):
        columns = _header(lines[index].text)
        if columns is None:
            index += 1
            continue
        headers.append(lines[index])
        status, stage_column = _stage(columns)
        quantity_column = next(
            (n for n, title in enumerate(columns) if title.rstrip(".") in _QUANTITY_COLUMNS), None
        )
        buyer_column = next(
            (n for n, title in enumerate(columns) if set(title.split()) & _BUYER_COLUMNS), None
        )
        status_column = next(
            (n for n, title in enumerate(columns) if title.split()[:1] == ["status"]), None
        )
        index += 1
        while index < len(lines) and _row_cells(lines[index]):
            cells = _row_cells(lines[index])
            if all(set(cell.text) <= set("-:=+ ") for cell in cells):
                index += 1  # a rule under the header: "|---|---|"
                continue
            said_by = cells[stage_column] if stage_column is not None and stage_column < len(
                cells
            ) else cells[0]  # fmt: skip
            quantity = (
                cells[quantity_column]
                if quantity_column is not None and quantity_column < len(cells)
                else None
            )
            row_status, said = status, stage_column is not None
            if status_column is not None and status_column < len(cells):
                # a "Status" column's cell says the row's stage: "Notified March 2025"
                first = re.split(r"[\s,;]+", cells[status_column].text.lower())[0]
                if first in _STAGE_COLUMNS:
                    row_status, said_by, said = _STAGE_COLUMNS[first], cells[status_column], True
            buyer = (
                cells[buyer_column]
                if buyer_column is not None and buyer_column < len(cells)
                else None
            )
            rows.append(TableRow(lines[index], row_status, said_by, said, quantity, buyer))
            index += 1
    return headers, rows


def _lines(text: str) -> list[Span]:
    spans = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append(Span(start + lead, start + lead + len(stripped), stripped))
        start += len(line) + 1
    return spans


def _header(line: str) -> list[str] | None:
    """A header's column titles (lower case): at least two cells, one naming buyers and
    one naming what they bought."""
    cells = [cell.strip().lower() for cell in _CELLS.split(line.strip(" |"))]
    if len(cells) < 2 or any(len(cell.split()) > 4 for cell in cells):
        return None
    words = [set(cell.replace("/", " ").split()) for cell in cells]
    if not any(w & _BUYER_COLUMNS for w in words) or not any(w & _PLATFORM_COLUMNS for w in words):
        return None
    return cells


def _stage(columns: list[str]) -> tuple[str, int | None]:
    """The stage a table's columns give its rows, and which column says it; a table of a
    type's customers lists orders ("signed") when no column names a stage."""
    for position, title in enumerate(columns):
        for word in title.replace("/", " ").split():
            if word in _STAGE_COLUMNS:
                return _STAGE_COLUMNS[word], position
    return "signed", None


def _row_cells(line: Span) -> list[Span]:
    """A row's cells, as spans of the article; none when the line is no row."""
    if not _CELLS.search(line.text):
        return []
    cells = []
    start = 0
    for separator in _CELLS.finditer(line.text):
        cells.append(_cell(line, start, separator.start()))
        start = separator.end()
    cells.append(_cell(line, start, len(line.text)))
    cells = [cell for cell in cells if cell.text]  # "| Croatia | ... |": no empty ends
    return cells if len(cells) >= 2 else []


def _cell(line: Span, start: int, end: int) -> Span:
    piece = line.text[start:end]
    lead = len(piece) - len(piece.lstrip())
    stripped = piece.strip()
    return Span(line.start + start + lead, line.start + start + lead + len(stripped), stripped)
