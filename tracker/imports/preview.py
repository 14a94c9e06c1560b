"""The preview of an upload reads a bounded sample: its first records only.

A dry run of a whole 1,000,000-row register held the dashboard at 8 GB for two minutes,
and the import on confirm ran it all again. A preview now plans the file's first
PREVIEW_RECORDS whole records (a quoted cell's line breaks stay inside its record), so
it costs the same however large the file is; the import on confirm reads the whole file
once and makes the checks only the whole file allows (a row cut short at its end, an
encoding that changes further down, a problem in a later row), refusing with the
database unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tracker.imports.files import UnreadableFile, decode, utf16_codec

# Enough rows to show a file's shape, its columns, its new names and its first problems
# (the dry run of 2,000 SIPRI rows takes about a second); not enough to hold a server.
PREVIEW_RECORDS = 2_000
# A quote opened and never closed makes the rest of a file one record: the head read for
# a sample stops growing at this many lines per record wanted (the import names the row).
_MAX_LINES_PER_RECORD = 64


@dataclass(frozen=True)
class Sample:
    """The first `records` records of a larger file, as bytes the importer reads."""

    data: bytes
    records: int  # records in the sample, the header and any preamble lines included
    file_lines: int  # lines in the whole file: about its rows (a cell may hold a break)

    def describe(self) -> str:
        return (
            f"a preview of the first {self.records:,} rows of about {self.file_lines:,}: "
            "the import reads the whole file and checks every row again"
        )


def _lines(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def _end_of_line(data: bytes, lines: int) -> int:
    """The offset just past the `lines`-th line break, or the end of the data."""
    position = 0
    for _ in range(lines):
        found = data.find(b"\n", position)
        if found < 0:
            return len(data)
        position = found + 1
    return position


def _first_records(text: str, limit: int) -> int:
    """Characters of `text` up to the end of its `limit`-th CSV record (all of it when
    it holds fewer)."""
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in io.StringIO(text, newline=""):
            consumed += len(line)
            yield line

    reader = csv.reader(lines())
    try:
        for _ in range(limit):
            next(reader)
    except (StopIteration, csv.Error):  # the importer names a malformed row itself
        pass
    return consumed


def _text_sample(text: str, limit: int, file_lines: int) -> Sample | None:
    """A sample cut from the whole text (UTF-16 files, whose line breaks are two bytes),
    given to the importer as UTF-16 again."""
    if text.lstrip().startswith(("[", "{")):
        return _json_sample(text, limit, file_lines)
    end = _first_records(text, limit)
    if end >= len(text.rstrip()):
        return None
    return Sample(text[:end].encode("utf-16"), limit, file_lines)


def _csv_sample(data: bytes, limit: int) -> Sample | None:
    """The first `limit` records of a CSV-shaped file, cut from its bytes: only a head
    of the file is decoded (enough lines for `limit` records, doubled while a quoted
    cell spans more), so an encoding problem further down is left to the import."""
    lines = limit + 1
    while True:
        head_end = _end_of_line(data, lines)
        head = decode(data[:head_end])
        end = _first_records(head.text, limit)
        if end < len(head.text) or head_end == len(data) or lines >= limit * _MAX_LINES_PER_RECORD:
            break
        lines *= 2
    if head_end == len(data) and end >= len(head.text.rstrip()):
        return None  # the file holds no more than `limit` records: preview all of it
    bom = data.startswith(codecs.BOM_UTF8) and head.encoding == "utf-8"
    cut = (len(codecs.BOM_UTF8) if bom else 0) + len(head.text[:end].encode(head.encoding))
    return Sample(data[:cut], limit, _lines(data))


def _json_sample(text: str, limit: int, file_lines: int) -> Sample | None:
    """The first `limit` deals of a JSON deal list; None for a dump (an object), a
    shorter list, or JSON the importer should report on itself."""
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        return None
    items: list[Any] = []
    position += 1
    try:
        while len(items) < limit:
            position = _after_space(text, position)
            if text.startswith("]", position):
                return None
            item, position = decoder.raw_decode(text, position)
            items.append(item)
            position = _after_space(text, position)
            if not text.startswith(",", position):
                return None  # the end of the list, or something for the importer to name
            position += 1
    except (ValueError, RecursionError):
        return None
    return Sample(json.dumps(items, ensure_ascii=False).encode("utf-8"), limit, file_lines)


def _after_space(text: str, position: int) -> int:
    while text[position : position + 1].isspace():
        position += 1
    return position


def preview_sample(data: bytes, limit: int = PREVIEW_RECORDS) -> Sample | None:
    """The file's first `limit` records, or None when the preview reads all of it (a
    file that short, a dump, or one the importer refuses before reading a row)."""
    try:
        if utf16_codec(data) is not None:
            return _text_sample(decode(data).text, limit, _lines(data))
        if data[:4096].lstrip(codecs.BOM_UTF8).lstrip().startswith((b"[", b"{")):
            return _json_sample(decode(data).text, limit, _lines(data))
        return _csv_sample(data, limit)
    except UnreadableFile:
        return None
