"""Imports: SIPRI trade registers (both layouts), the tracker's own CSV and JSON deal
lists, and whole-database JSON dumps. Atomic, idempotent, and previewable (dry run)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy import text
from sqlalchemy.orm import Session

from tracker.domain.vocab import Role
from tracker.imports.core import (
    Candidate,
    ImportRejected,
    Plan,
    Progress,
    RowProblem,
    plan_import,
    write_plan,
)
from tracker.store.models import ImportBatch
from tracker.write import audit
from tracker.write.auth import Actor, require

FORMATS = ("sipri", "csv", "json")
ANALYZE_AFTER = 1000  # deals created by one import

__all__ = [
    "FORMATS",
    "ImportRejected",
    "ImportReport",
    "RowProblem",
    "detect_format",
    "import_data",
]


@dataclass
class ImportReport:
    """What an import did, or (dry run) would do."""

    filename: str
    format: str
    detail: str  # "SIPRI deals layout", "CSV", "JSON dump", ...
    dry_run: bool
    created: int = 0
    matched: int = 0
    unchanged: int = 0
    conflicts: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    new_parties: list[str] = field(default_factory=list)
    new_platforms: list[str] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    matched_ids: list[int] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)  # rows loaded from a dump

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        if self.tables:
            rows = ", ".join(f"{count} {name}" for name, count in self.tables.items() if count)
            return f"{self.filename} ({self.detail}): {verb} {rows or 'nothing new'}"
        parts = [
            f"{self.created} new deals",
            f"{self.matched} matched to stored deals",
            f"{self.unchanged} already imported",
        ]
        if self.conflicts:
            parts.append(f"{self.conflicts} disagreements recorded for review")
        if self.rejected:
            parts.append(f"{len(self.rejected)} rows rejected")
        if self.new_parties:
            parts.append(f"{len(self.new_parties)} new parties")
        if self.new_platforms:
            parts.append(f"{len(self.new_platforms)} new platforms")
        return f"{self.filename} ({self.detail}): {verb} " + ", ".join(parts)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def detect_format(data: bytes, filename: str = "") -> str:
    """ "sipri", "csv" or "json", from the content (the file name only breaks ties)."""
    from tracker.imports.own import looks_like_own_csv
    from tracker.imports.sipri import looks_like_sipri

    if b"\x00" in data[:8192]:
        raise ImportRejected(f"{filename or 'the file'} is binary data, not CSV or JSON")
    head = _decode(data[:65536]).lstrip("\ufeff").lstrip()
    if head.startswith(("{", "[")):
        return "json"
    if looks_like_sipri(data):
        return "sipri"
    if looks_like_own_csv(head):
        return "csv"
    raise ImportRejected(
        f"cannot tell the format of {filename or 'the file'}: expected a SIPRI trade "
        "register, the tracker's CSV export (header deal_id,buyer,...) or JSON"
    )


def _candidates(
    data: bytes, fmt: str, filename: str, sha: str
) -> tuple[list[Candidate], list[RowProblem], str]:
    if fmt == "sipri":
        from tracker.imports.from_sipri import candidates
        from tracker.imports.sipri import SipriFormatError, parse_sipri

        try:
            parsed = parse_sipri(data)
        except SipriFormatError as exc:
            raise ImportRejected(f"{filename}: {exc}") from None
        problems = [RowProblem(e.row, e.column, e.value, e.reason) for e in parsed.errors]
        return candidates(parsed, filename, sha), problems, f"SIPRI {parsed.layout} layout"
    from tracker.imports.own import csv_candidates, json_candidates

    origin = f"file:{sha[:16]}:{PurePath(filename).name}"
    if fmt == "csv":
        found, problems = csv_candidates(_decode(data), origin)
        return found, problems, "tracker CSV"
    records = json.loads(_decode(data))
    if not isinstance(records, list):
        raise ImportRejected(f"{filename}: expected a JSON list of deals or a tracker dump")
    found, problems = json_candidates(records, origin)
    return found, problems, "tracker JSON deal list"


def import_data(
    *,
    session: Session,
    data: bytes,
    filename: str,
    fmt: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> ImportReport:
    """Import a file's bytes in the session's transaction: all of it, or nothing.

    With an `actor` (the dashboard's signed-in user) the import needs the editor role and
    is recorded in the audit log; the command line passes its trusted local actor.

    Raises ImportRejected (nothing written) for an unreadable file, or for any rejected
    row unless `skip_invalid`. A dry run plans everything and writes nothing.
    """
    if actor is not None:
        require(actor, Role.EDITOR, "importing a file")
    if not data.strip():
        raise ImportRejected(f"{filename} is empty")
    fmt = fmt or detect_format(data, filename)
    if fmt not in FORMATS:
        raise ImportRejected(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "json":
        try:
            parsed_json = json.loads(_decode(data))
        except json.JSONDecodeError as exc:
            raise ImportRejected(f"{filename} is not valid JSON: {exc}") from None
        from tracker.imports.dump import is_dump, load_dump

        if is_dump(parsed_json):
            report = ImportReport(filename, fmt, "tracker JSON dump", dry_run)
            report.tables = load_dump(session, parsed_json, dry_run=dry_run)
            return report
    candidates, problems, detail = _candidates(data, fmt, filename, sha)
    plan = plan_import(session, candidates, progress)
    plan.problems = problems + plan.problems
    report = _report(plan, filename, fmt, detail, dry_run)
    if plan.problems and not skip_invalid:
        raise ImportRejected(
            f"{filename}: {len(plan.problems)} row(s) rejected, nothing imported "
            "(fix them, or use --skip-invalid to import the rest)",
            plan.problems,
        )
    if dry_run:
        return report
    written = write_plan(session, plan)
    report.created_ids, report.matched_ids = written.created_ids, written.matched_ids
    batch = ImportBatch(
        filename=PurePath(filename).name, sha256=sha, format=fmt,
        deals_created=report.created, deals_matched=report.matched,
        deals_unchanged=report.unchanged, rows_rejected=len(report.rejected),
    )  # fmt: skip
    session.add(batch)
    session.flush()
    if report.created >= ANALYZE_AFTER:
        # A large load changes the data's shape: refresh the planner's statistics.
        session.execute(text("ANALYZE"))
    if actor is not None:
        audit.record(
            session=session, actor=actor, action="import", entity="import_batch",
            entity_id=batch.id, comment=report.summary(),
            changes={"deals_created": (None, report.created),
                     "deals_matched": (None, report.matched)},
        )  # fmt: skip
    return report


def _report(plan: Plan, filename: str, fmt: str, detail: str, dry_run: bool) -> ImportReport:
    return ImportReport(
        filename=PurePath(filename).name,
        format=fmt,
        detail=detail,
        dry_run=dry_run,
        created=len(plan.creates),
        matched=len(plan.matches),
        unchanged=len(plan.unchanged),
        conflicts=sum(len(m.conflicts) for m in plan.matches),
        rejected=list(plan.problems),
        new_parties=sorted(plan.new_parties),
        new_platforms=sorted(plan.new_platforms),
    )
