"""Reading a register: lines, the header (found, not counted), and CSV records.

The file's bytes are decoded once by `tracker.imports.files`; this module works on text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from tracker.imports.files import UnreadableFile, decode
from tracker.imports.sipri.layout_a import DealsParser
from tracker.imports.sipri.layout_b import TransfersParser
from tracker.imports.sipri.model import (
    DEALS_COLUMNS,
    TRANSFERS_COLUMNS,
    Layout,
    RowError,
    SipriFile,
    SipriFormatError,
)

_EXPECTED: dict[Layout, tuple[str, ...]] = {"deals": DEALS_COLUMNS, "transfers": TRANSFERS_COLUMNS}
_SNIFF_BYTES = 65536


def parse_sipri(data: bytes) -> SipriFile:
    """Parse a SIPRI trade register's bytes (decoded as the import pipeline does)."""
    try:
        decoded = decode(data, "the SIPRI register")
    except UnreadableFile as exc:
        raise SipriFormatError(str(exc)) from None
    return parse_sipri_text(decoded.text, decoded.encoding)


def parse_sipri_text(text: str, encoding: str) -> SipriFile:
    """Parse a SIPRI trade register; whole-file problems raise, row problems are collected."""
    lines = _split_lines(text)
    header_index, layout = _find_header(lines)
    _check_header(lines[header_index], layout, header_index + 1)
    parser = DealsParser() if layout == "deals" else TransfersParser()
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
