"""Imports: SIPRI trade registers (both layouts), the tracker's own CSV and JSON deal
lists, and whole-database JSON dumps. `pipeline.import_data` is the entry point."""

from tracker.imports.pipeline import FORMATS, ImportReport, detect_format, import_data
from tracker.imports.plan import ImportRejected, Progress, RowProblem

__all__ = [
    "FORMATS",
    "ImportRejected",
    "ImportReport",
    "Progress",
    "RowProblem",
    "detect_format",
    "import_data",
]
