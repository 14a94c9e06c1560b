"""An uploaded file's bytes, checked and decoded once for every format.

Empty files, binary data (NUL bytes, zip archives such as .xlsx, control characters)
are refused here with one message each; text is UTF-8 (with or without BOM), UTF-16
(as spreadsheets save "Unicode text") or, failing that, Latin-1 as SIPRI's full exports
are. A file whose lines mix UTF-8 and another encoding is refused, not guessed at.
JSON is parsed here too, so that no file can raise a parser's own exception.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError

_CONTROL_CHARS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SNIFF = 65536


class UnreadableFile(TrackerError):
    """The file is not text the tracker can read; nothing was written."""


@dataclass(frozen=True)
class DecodedFile:
    data: bytes
    text: str
    encoding: str  # "utf-8", "utf-16" or "latin-1"


def utf16_codec(data: bytes) -> str | None:
    """ "utf-16" (with a byte-order mark), "utf-16-le"/"-be" (ASCII-heavy text whose every
    other byte is NUL), or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > 0.6 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.6 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


class _EncodingTally:
    """Which lines are UTF-8 and which are not (ASCII lines are both), line by line."""

    def __init__(self) -> None:
        self.utf8_line = self.other_line = 0  # the first of each, 1-based

    def add(self, number: int, line: bytes) -> None:
        if line.isascii():
            return
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            self.other_line = self.other_line or number
        else:
            self.utf8_line = self.utf8_line or number

    @property
    def mixed(self) -> bool:
        return bool(self.utf8_line and self.other_line)

    def message(self, what: str) -> str:
        return (
            f"{what} mixes encodings: line {self.utf8_line} is UTF-8 but line "
            f"{self.other_line} is not (Latin-1 or Windows-1252?); save the whole file as UTF-8"
        )


def _mixed_encodings(data: bytes, what: str) -> str | None:
    """A message when some lines are UTF-8 and others are not, else None."""
    tally = _EncodingTally()
    for number, line in enumerate(data.split(b"\n"), 1):
        tally.add(number, line)
        if tally.mixed:
            return tally.message(what)
    return None


def decode(data: bytes, what: str = "the file") -> DecodedFile:
    """The file as text, or UnreadableFile saying why it is not one."""
    if not data.strip():
        raise UnreadableFile(f"{what} is empty")
    binary = f"{what} is not a text file (binary data): expected CSV or JSON"
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(f"{binary} (this looks like a zip archive or .xlsx workbook)")
    utf16 = utf16_codec(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{what} looks like UTF-16 text but does not decode") from None
        # The sniffers read bytes: give them the same text as UTF-8.
        return _checked(DecodedFile(text.encode("utf-8"), text, "utf-16"), binary)
    if b"\x00" in data:
        if _looks_binary(data):
            raise UnreadableFile(binary)
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise UnreadableFile(
            f"{what} holds a NUL character (U+0000) on line {line}: text cannot contain one"
        )
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_encodings(data, what)
        if mixed:
            raise UnreadableFile(mixed) from None
        text, encoding = data.decode("latin-1"), "latin-1"
    return _checked(DecodedFile(data, text, encoding), binary)


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes: binary data, not a text file with a stray NUL."""
    sample = data[:_SNIFF]
    return (
        data.count(b"\x00") > len(data) // 100
        or len(_CONTROL_BYTES.findall(sample)) > len(sample) // 20
    )


def _checked(file: DecodedFile, binary: str) -> DecodedFile:
    sample = file.text[:_SNIFF]
    if "\x00" in sample or len(_CONTROL_CHARS.findall(sample)) > len(sample) // 20:
        raise UnreadableFile(binary)
    return file


@dataclass(frozen=True)
class FileScan:
    """A file on disk checked as `decode` checks bytes, without holding it."""

    sha256: str
    encoding: str  # "utf-8" or "latin-1"; "utf-16" is only sniffed (read such a file whole)
    lines: int
    head: bytes  # its first _SNIFF bytes, for telling its format


def scan_file(path: Path, what: str = "the file") -> FileScan:
    """`decode`'s checks (empty, binary, NUL, UTF-16, mixed encodings) in one pass over a
    file on disk, one line at a time, with its SHA-256 and line count; UnreadableFile
    says why it is not text, in `decode`'s words."""
    digest = hashlib.sha256()
    binary = f"{what} is not a text file (binary data): expected CSV or JSON"
    with path.open("rb") as stream:
        head = stream.read(_SNIFF)
        if head.startswith(b"PK\x03\x04"):
            raise UnreadableFile(f"{binary} (this looks like a zip archive or .xlsx workbook)")
        if utf16_codec(head) is not None:
            return FileScan("", "utf-16", 0, head)
        stream.seek(0)
        size = lines = nuls = first_nul = 0
        text = False
        tally = _EncodingTally()
        for number, line in enumerate(stream, 1):
            digest.update(line)
            size += len(line)
            lines = number
            text = text or bool(line.strip())
            if b"\x00" in line:
                nuls += line.count(b"\x00")
                first_nul = first_nul or number
            tally.add(number, line)
    if not text:
        raise UnreadableFile(f"{what} is empty")
    if nuls:
        if nuls > size // 100 or len(_CONTROL_BYTES.findall(head)) > len(head) // 20:
            raise UnreadableFile(binary)
        raise UnreadableFile(
            f"{what} holds a NUL character (U+0000) on line {first_nul}: text cannot contain one"
        )
    if tally.mixed:
        raise UnreadableFile(tally.message(what))
    encoding = "latin-1" if tally.other_line else "utf-8"
    sample = head.decode("utf-8-sig" if encoding == "utf-8" else encoding, errors="ignore")
    _checked(DecodedFile(head, sample, encoding), binary)
    return FileScan(digest.hexdigest(), encoding, lines, head)


def file_lines(path: Path, encoding: str) -> Iterator[str]:
    """A scanned file's lines as text, one at a time: cut at "\\n" only, a "\\r" before it
    dropped, a UTF-8 byte-order mark dropped (as `decode` reads the same bytes)."""
    with path.open("rb") as stream:
        for number, raw in enumerate(stream):
            line = raw.decode("utf-8-sig" if encoding == "utf-8" and number == 0 else encoding)
            if line.endswith("\n"):
                line = line[:-1]
            yield line[:-1] if line.endswith("\r") else line


def parse_json(text: str, what: str = "the file") -> Any:
    """The JSON value of `text`, or UnreadableFile: never the parser's own RecursionError
    (deep nesting) or ValueError (integers over 4,300 digits)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{what} is not valid JSON: {exc}") from None
    except RecursionError:
        raise UnreadableFile(f"{what} nests JSON arrays or objects too deeply") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string"
        raise UnreadableFile(f"{what} holds a JSON value that cannot be read: {exc}") from None
