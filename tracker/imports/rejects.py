"""Rejected rows as a CSV file a researcher can fix and import again.

Written to the user's data folder (never beside the input, which may be read-only or
someone else's), with every text cell made safe for a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path, PurePath

from tracker.config import data_dir
from tracker.exports import UTF8_BOM, neutralise
from tracker.imports.plan import RowProblem

HEADER = ("row", "column", "value", "reason")


def rejects_csv(problems: Sequence[RowProblem]) -> str:
    """The rejected rows as CSV text (UTF-8 BOM for spreadsheets, formulas neutralised)."""
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for p in problems:
        writer.writerow([p.row, neutralise(p.column), neutralise(p.value), neutralise(p.reason)])
    return out.getvalue()


def save_rejects(problems: Sequence[RowProblem], filename: str) -> Path:
    """Write the rejected rows to `<data folder>/rejects/<file>-<time>.rejects.csv`."""
    folder = data_dir() / "rejects"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"{PurePath(filename).stem}-{stamp}.rejects.csv"
    number = 1
    while path.exists():  # two imports in one second keep both lists
        number += 1
        path = folder / f"{PurePath(filename).stem}-{stamp}-{number}.rejects.csv"
    path.write_text(rejects_csv(problems), encoding="utf-8", newline="")
    return path
