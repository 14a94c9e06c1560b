"""An uploaded file's bytes, checked and decoded once for every format.

Empty files, binary data (NUL bytes, zip archives such as .xlsx, control characters)
are refused here with one message each; text is UTF-8 (with or without BOM) or, failing
that, Latin-1 as SIPRI's full exports are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.errors import TrackerError

_CONTROL_CHARS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SNIFF = 65536


class UnreadableFile(TrackerError):
    """The file is not text the tracker can read; nothing was written."""


@dataclass(frozen=True)
class DecodedFile:
    data: bytes
    text: str
    encoding: str  # "utf-8" or "latin-1"


def decode(data: bytes, what: str = "the file") -> DecodedFile:
    """The file as text, or UnreadableFile saying why it is not one."""
    if not data.strip():
        raise UnreadableFile(f"{what} is empty")
    binary = f"{what} is not a text file (binary data): expected CSV or JSON"
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(f"{binary} (this looks like a zip archive or .xlsx workbook)")
    if b"\x00" in data:
        raise UnreadableFile(binary)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:_SNIFF]
    if len(_CONTROL_CHARS.findall(sample)) > len(sample) // 20:
        raise UnreadableFile(binary)
    return DecodedFile(data, text, encoding)
