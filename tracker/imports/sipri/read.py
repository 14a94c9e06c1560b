"""Reading a register: lines, the header (found, not counted), and CSV records.

The file's bytes are decoded once by `tracker.imports.files`; this module works on text.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tracker.imports.files import UnreadableFile, decode
from tracker.imports.memory import collector_paused
from tracker.imports.sipri.layout_a import DealsParser
from tracker.imports.sipri.layout_b import TransfersParser
from tracker.imports.sipri.model import (
    DEALS_COLUMNS,
    TRANSFERS_COLUMNS,
    Layout,
    RowError,
    SipriDeal,
    SipriFile,
    SipriFormatError,
)

_EXPECTED: dict[Layout, tuple[str, ...]] = {"deals": DEALS_COLUMNS, "transfers": TRANSFERS_COLUMNS}
_SNIFF_BYTES = 65536
_PREAMBLE_LINES = 100  # kept of the lines before the header (SIPRI writes about ten)


def parse_sipri(data: bytes) -> SipriFile:
    """Parse a SIPRI trade register's bytes (decoded as the import pipeline does)."""
    try:
        decoded = decode(data, "the SIPRI register")
    except UnreadableFile as exc:
        raise SipriFormatError(str(exc)) from None
    return parse_sipri_text(decoded.text, decoded.encoding)


def parse_sipri_text(text: str, encoding: str) -> SipriFile:
    """Parse a SIPRI trade register; whole-file problems raise, row problems are collected."""
    with collector_paused():
        register = open_register(lambda: text_lines(text), encoding)
        parser = register.parser()
        register.head.deals = list(register.deals(parser))
        return register.head


Lines = Callable[[], Iterator[str]]  # the file's lines, from its start, at each call


def text_lines(text: str) -> Iterator[str]:
    """A text's lines, one at a time (no list of them all). Cut at "\\n" only, with a
    "\\r" before it dropped: not str.splitlines(), which also cuts at \\x85, \\x1c.. that
    Latin-1 text may hold."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        line = text[start:stop]
        yield line[:-1] if line.endswith("\r") else line
        start = stop + 1


@dataclass
class Register:
    """A register whose header has been read: its deals are read on demand, in one pass
    over the lines after the header, so a file of any size is never held whole."""

    head: SipriFile  # layout, release, preamble...; `deals` filled only by parse_sipri_text
    lines: Lines
    start: int  # 0-based index of the first line after the header

    def parser(self, scattered: dict[str, int] | None = None) -> DealsParser | TransfersParser:
        """A parser for this register's layout; for the transfers layout, `scattered`
        (see `scattered_deal_ids`) lets it hand each deal over as soon as its last row is
        read instead of at the end of the file."""
        if self.head.layout == "deals":
            return DealsParser()
        return TransfersParser(scattered)

    def records(self) -> Iterator[_Marked]:
        """(line numbers, cells or why unreadable, unclosed, last, text) per record."""
        lines = itertools.islice(self.lines(), self.start, None)
        return _last_marked(_records(lines, self.start, layout=self.head.layout))

    def deals(self, parser: DealsParser | TransfersParser) -> Iterator[SipriDeal]:
        """The register's deals, in one pass; `parser` collects the rows' errors and
        warnings as it goes. Raises SipriFormatError at the end for a header and no rows."""
        records = 0
        for numbers, cells, unclosed, last, text in self.records():
            records += 1
            if isinstance(cells, str):
                span = f"lines {numbers[0]} to {numbers[-1]}, an unclosed quote?"
                parser.errors.append(
                    RowError(numbers[0], "", "", f"cannot be read as CSV ({span}): {cells}")
                )
            else:
                yield from parser.add(numbers, cells, text, last=last, unclosed=unclosed)
        yield from parser.finish()
        self.head.errors, self.head.warnings = parser.errors, parser.warnings
        if records == 0:
            raise SipriFormatError(
                f"the SIPRI register has a header (line {self.start}) but no data rows"
            )

    def scattered_deal_ids(self) -> dict[str, int]:
        """Transfers layout: the deal ids whose rows are not next to each other, each with
        the first line of its last record. A deal of any other id is complete at the
        first row of another id, so a sorted register (SIPRI's own) yields an empty map."""
        scattered: dict[str, int] = {}
        ended: set[str] = set()  # ids whose run of rows has ended
        previous = ""
        for numbers, cells, _unclosed, _last, _text in self.records():
            if isinstance(cells, str) or not cells or not cells[0]:
                continue
            sipri_id = cells[0]
            if sipri_id != previous:
                ended.add(previous)
                if sipri_id in ended:
                    scattered[sipri_id] = numbers[0]
                previous = sipri_id
            elif sipri_id in scattered:
                scattered[sipri_id] = numbers[0]
        return scattered


def open_register(lines: Lines, encoding: str) -> Register:
    """Find and check the header; whole-file problems raise SipriFormatError."""
    preamble: list[str] = []
    for header_index, line in enumerate(lines()):
        layout = _header_layout(line)
        if layout is not None:
            _check_header(line, layout, header_index + 1)
            generated = _generated(preamble)
            head = SipriFile(
                layout=layout,
                encoding=encoding,
                generated=generated,
                header_row=header_index + 1,
                deals=[],
                errors=[],
                generated_on=generated_on(generated),
                year_range=_year_range(preamble),
                preamble=preamble,
            )
            return Register(head, lines, header_index + 1)
        if header_index < _PREAMBLE_LINES:  # a file without a header is not kept whole
            preamble.append(line)
    raise SipriFormatError(
        "no SIPRI header found: expected a line starting "
        "'Recipient,Supplier,Year of order' (trade register by deal) or "
        "'SIPRI AT Database ID,Supplier,Recipient' (transfers by delivery year)"
    )


def looks_like_sipri(data: bytes) -> bool:
    """Cheap sniff: a SIPRI header line near the start of a text file."""
    sample = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in sample:
        return False
    # The header is ASCII, so Latin-1 finds it in UTF-8 and Latin-1 files alike.
    return any(_header_layout(line) for line in sample.decode("latin-1").split("\n"))


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


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_GENERATED_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})\b")
_YEAR_RANGE = re.compile(r"year range '([^']*)' to '([^']*)'", re.IGNORECASE)


def generated_on(generated: str | None) -> dt.date | None:
    """The release date in "13 Mar 2025 10:02:49 AM" (English month names, whatever the
    locale); None when absent or not a date."""
    match = _GENERATED_DATE.match(generated.strip()) if generated else None
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def _year_range(preamble: list[str]) -> tuple[int | None, int | None]:
    """The export's delivery-year range from its title line: "... year range '1995' to
    '2025'"; 'Not specified' (or anything not a year) is None."""
    for line in preamble:
        match = _YEAR_RANGE.search(line)
        if match:
            low, high = (_range_year(match.group(index)) for index in (1, 2))
            return low, high
    return None, None


def _range_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if len(text) == 4 and text.isascii() and text.isdigit() else None


_Record = tuple[list[int], list[str] | str, bool, str]
_Marked = tuple[list[int], list[str] | str, bool, bool, str]


def _last_marked(records: Iterator[_Record]) -> Iterator[_Marked]:
    """Each record with a flag saying whether it is the file's last: only a short last
    row means truncation."""
    previous: _Record | None = None
    for record in records:
        if previous is not None:
            numbers, cells, unclosed, text = previous
            yield numbers, cells, unclosed, False, text
        previous = record
    if previous is not None:
        numbers, cells, unclosed, text = previous
        yield numbers, cells, unclosed, True, text


def _is_blank(line: str) -> bool:
    return not line.strip(" \t;,")


def _records(lines: Iterator[str], start: int, *, layout: Layout) -> Iterator[_Record]:
    """CSV records after the header: the 1-based line numbers each spans, its cells (or
    why the CSV reader rejected it), whether the file ended inside a quoted field, and
    the record's text. Blank lines and lines of only ';' or ',' are skipped."""
    read: list[str] = []  # the lines of the record being read, as the file has them
    ended = False

    def feed() -> Iterator[str]:
        nonlocal ended
        for line in lines:
            read.append(line)
            if layout == "transfers":
                line = line.rstrip(" \t").removesuffix(";")
            yield line + "\n"  # the newline keeps line breaks inside quoted fields
        ended = True

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
        record, read[:] = list(read), []
        if len(numbers) == 1 and not isinstance(cells, str):
            if (len(cells) > 1 and any(cells)) or not _is_blank(record[0]):
                yield numbers, [cell.strip() for cell in cells], False, record[0]
        elif not all(_is_blank(line) for line in record):
            text = "\n".join(record)
            if isinstance(cells, str):
                yield numbers, cells, False, text
            else:
                # Only at the end of the file does the reader hand back a quoted field
                # still holding the newline that ended its last line: the quote never closed.
                unclosed = ended and bool(cells) and cells[-1].endswith("\n")
                yield numbers, [cell.strip() for cell in cells], unclosed, text
