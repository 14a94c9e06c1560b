"""The import pipeline: read the file once, parse it, plan, then write through the
write side's checked bulk writer (or restore a dump). Atomic, idempotent, previewable."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.domain.limits import visible_controls
from tracker.domain.vocab import Role, counted, label
from tracker.imports.files import (
    DecodedFile,
    UnreadableFile,
    decode,
    file_lines,
    parse_json,
    scan_file,
)
from tracker.imports.matching import FileScope, StoredDeals
from tracker.imports.memory import collector_paused
from tracker.imports.own import csv_candidates, json_candidates, looks_like_own_csv
from tracker.imports.plan import (
    Candidate,
    ImportRejected,
    Plan,
    Planner,
    Progress,
    RowProblem,
    plan_import,
)
from tracker.imports.preview import preview_sample
from tracker.imports.sipri import SipriFormatError, looks_like_sipri
from tracker.imports.sipri.candidates import iter_candidates
from tracker.imports.sipri.read import Lines, Register, open_register, text_lines
from tracker.resolve import suggest_parties
from tracker.store.bulk import bulk_load, refresh_statistics
from tracker.store.dump import BadDump, is_dump
from tracker.store.locks import take_import_lock
from tracker.write.batch import ImportLog, Written, log_import, write_batch
from tracker.write.restore import restore_dump

FORMATS = ("sipri", "csv", "json")
ANALYZE_AFTER = 1000  # deals created by one import
FILENAME_LENGTH = 255  # of the name kept in sources and the import log
CHUNK_DEALS = 5_000  # deals of a SIPRI register planned and written at a time
# From this size on, `import_file` reads a SIPRI register from disk as it goes instead of
# holding its bytes, text and deals (a million rows held took 8 GB).
STREAM_FROM_BYTES = 32 * 2**20


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
    updated: int = 0  # deals an earlier SIPRI release created, changed by this one
    flagged: int = 0  # possible duplicates, and deals this release no longer lists
    conflicts: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rows that import, with a caveat
    new_parties: list[str] = field(default_factory=list)
    unreviewed_parties: list[str] = field(default_factory=list)  # "Name (did you mean X?)"
    new_platforms: list[str] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    matched_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    flagged_ids: list[int] = field(default_factory=list)
    release: str | None = None  # a SIPRI release's "Data generated" day
    rejects_file: str | None = None  # where the rejected rows were written, if anywhere
    tables: dict[str, int] = field(default_factory=dict)  # rows loaded from a dump
    sample: str | None = None  # a preview of the file's first rows only: which, of how many

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        if self.tables:
            rows = ", ".join(f"{count} {name}" for name, count in self.tables.items() if count)
            return f"{self.filename} ({self.detail}): {verb} {rows or 'nothing new'}"
        parts = [
            counted(self.created, "new deal"),
            f"{self.matched:,} matched to stored deals",
            f"{self.unchanged:,} already imported",
        ]
        if self.updated:
            parts.append(f"{self.updated:,} updated from this release")
        if self.flagged:
            parts.append(f"{self.flagged:,} flagged for review")
        if self.conflicts:
            parts.append(counted(self.conflicts, "disagreement") + " recorded for review")
        if self.rejected:
            parts.append(counted(len(self.rejected), "row") + " rejected")
        if self.new_parties:
            parts.append(counted(len(self.new_parties), "new party", "new parties"))
        if self.unreviewed_parties:
            parts.append(f"{len(self.unreviewed_parties):,} of them unreviewed")
        if self.new_platforms:
            parts.append(counted(len(self.new_platforms), "new platform"))
        told = f"{self.filename} ({self.detail}): {verb} " + ", ".join(parts)
        return f"{told} ({self.sample})" if self.sample else told


def _stored_name(filename: str) -> str:
    """The file's name as sources and the import log keep it: a file system allows 255
    bytes, and shown control characters take four times their room."""
    name = PurePath(filename).name
    return name if len(name) <= FILENAME_LENGTH else name[: FILENAME_LENGTH - 1] + "…"


def _read(data: bytes, filename: str) -> DecodedFile:
    try:
        return decode(data, filename or "the file")
    except UnreadableFile as exc:
        raise ImportRejected(str(exc)) from None


def detect_format(file: DecodedFile, filename: str = "") -> str:
    """ "sipri", "csv" or "json", from the content."""
    head = file.text[:65536].lstrip("\ufeff").lstrip()
    if head.startswith(("{", "[")):
        return "json"
    if looks_like_sipri(file.data):
        return "sipri"
    if looks_like_own_csv(head):
        return "csv"
    raise ImportRejected(
        f"cannot tell the format of {filename or 'the file'}: expected a SIPRI trade "
        "register, the tracker's CSV export (header deal_id,buyer,...) or JSON"
    )


@dataclass
class _Parsed:
    candidates: list[Candidate]
    problems: list[RowProblem]
    detail: str


def _candidates(file: DecodedFile, fmt: str, filename: str, sha: str, parsed_json: Any) -> _Parsed:
    origin = f"file:{sha[:16]}:{_stored_name(filename)}"
    if fmt == "csv":
        found, problems = csv_candidates(file.text, origin)
        return _Parsed(found, problems, "tracker CSV")
    if not isinstance(parsed_json, list):
        raise ImportRejected(f"{filename}: expected a JSON list of deals or a tracker dump")
    found, problems = json_candidates(parsed_json, origin)
    return _Parsed(found, problems, "tracker JSON deal list")


def _parse_json(file: DecodedFile, filename: str) -> Any:
    try:
        return parse_json(file.text, filename)
    except UnreadableFile as exc:
        raise ImportRejected(str(exc)) from None


def import_data(
    *,
    session: Session,
    data: bytes,
    filename: str,
    actor: Actor,
    fmt: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
    preview_records: int | None = None,
) -> ImportReport:
    """Import a file's bytes in the session's transaction: all of it, or nothing.

    Needs the editor role (a dump, which holds accounts, needs an admin). Raises
    ImportRejected (nothing written) for an unreadable file, or for any rejected row
    unless `skip_invalid`. A dry run plans everything and writes nothing; with
    `preview_records` it plans only the file's first records (tracker.imports.preview)
    and says so in the report. Imports run one at a time: a later one waits (telling
    `on_wait`) for the one writing.
    """
    require(actor, Role.EDITOR, "importing a file")
    with collector_paused():
        return _import(
            session, data, filename, actor, fmt, dry_run, skip_invalid, progress, on_wait,
            preview_records if dry_run else None,
        )  # fmt: skip


def _import(
    session: Session,
    data: bytes,
    filename: str,
    actor: Actor,
    fmt: str | None,
    dry_run: bool,
    skip_invalid: bool,
    progress: Progress | None,
    on_wait: Callable[[str], None] | None,
    preview_records: int | None = None,
) -> ImportReport:
    # The name is the uploader's text, stored in sources and the import log and shown in
    # messages: its control characters are shown, never kept (a terminal would act on them).
    filename = visible_controls(filename, multiline=False)
    sha = hashlib.sha256(data).hexdigest()  # the whole file's: its deals' origins name it
    sample = preview_sample(data, preview_records) if preview_records else None
    file = _read(sample.data if sample else data, filename)
    fmt = fmt or detect_format(file, filename)
    if fmt not in FORMATS:
        raise ImportRejected(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    parsed_json = _parse_json(file, filename) if fmt == "json" else None
    if isinstance(parsed_json, dict) and is_dump(parsed_json):
        report = ImportReport(filename, fmt, "tracker JSON dump", dry_run)
        try:
            report.tables = restore_dump(
                session=session, actor=actor, dump=parsed_json, dry_run=dry_run,
                origin=_stored_name(filename),
            )  # fmt: skip
        except BadDump as exc:
            raise ImportRejected(f"{filename}: {exc}") from None
        return report
    if fmt == "sipri":
        register = _register(lambda: text_lines(file.text), file.encoding, filename)
        return import_register(
            session=session, register=register, filename=filename, sha=sha, actor=actor,
            dry_run=dry_run, skip_invalid=skip_invalid, progress=progress, on_wait=on_wait,
            sample=sample.describe() if sample else None,
        )  # fmt: skip
    parsed = _candidates(file, fmt, filename, sha, parsed_json)
    if not dry_run:  # plan against what a concurrent import writes, not beside it
        take_import_lock(session, on_wait)
    with bulk_load(session):  # planning reads the stored deals, writing adds to them
        plan = plan_import(session, parsed.candidates, progress, whole_file=sample is None)
    plan.problems = parsed.problems + plan.problems
    report = _report(plan, filename, fmt, parsed.detail, dry_run)
    report.unreviewed_parties = _unreviewed(session, plan.batch.unreviewed)
    report.sample = sample.describe() if sample else None
    if dry_run:  # a preview shows everything, rejected rows included
        return report
    if plan.problems and not skip_invalid:
        raise ImportRejected(
            f"{filename}: {len(plan.problems)} row(s) rejected, nothing imported "
            "(fix them, or choose to skip invalid rows and import the rest)",
            plan.problems,
        )
    log = ImportLog(
        filename=_stored_name(filename), sha256=sha, format=fmt, unchanged=report.unchanged,
        rejected=len(report.rejected), summary=report.summary(),
    )  # fmt: skip
    with bulk_load(session):
        written = write_batch(session=session, actor=actor, batch=plan.batch, log=log)
    report.created_ids, report.matched_ids = written.created_ids, written.matched_ids
    report.updated_ids, report.flagged_ids = written.updated_ids, written.flagged_ids
    if report.created >= ANALYZE_AFTER:
        refresh_statistics(session)  # a large load changes the data's shape
    return report


def _register(lines: Lines, encoding: str, filename: str) -> Register:
    try:
        return open_register(lines, encoding)
    except SipriFormatError as exc:
        raise ImportRejected(f"{filename}: {exc}") from None


def import_file(
    *,
    session: Session,
    path: Path,
    actor: Actor,
    fmt: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import a file from disk, as `import_data` does its bytes. A SIPRI register of
    STREAM_FROM_BYTES or more is never held whole: its bytes are checked in one pass,
    then its rows are read from disk as they are planned and written (a chunk at a time,
    in one transaction), so memory is bounded by the chunk and the stored deals, not the
    file. Anything else is read into memory."""
    require(actor, Role.EDITOR, "importing a file")
    filename = visible_controls(str(path), multiline=False)
    scan = None
    if path.stat().st_size >= STREAM_FROM_BYTES and fmt in (None, "sipri"):
        try:
            scan = scan_file(path, filename or "the file")
        except UnreadableFile as exc:
            raise ImportRejected(str(exc)) from None
    if scan is None or scan.encoding == "utf-16" or not looks_like_sipri(scan.head):
        return import_data(
            session=session, data=path.read_bytes(), filename=str(path), actor=actor, fmt=fmt,
            dry_run=dry_run, skip_invalid=skip_invalid, progress=progress, on_wait=on_wait,
        )  # fmt: skip
    encoding = scan.encoding
    with collector_paused():
        register = _register(lambda: file_lines(path, encoding), encoding, filename)
        return import_register(
            session=session, register=register, filename=filename, sha=scan.sha256,
            actor=actor, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress,
            on_wait=on_wait, lines=scan.lines,
        )  # fmt: skip


def _chunks(candidates: Iterator[Candidate], size: int) -> Iterator[list[Candidate]]:
    while chunk := list(itertools.islice(candidates, size)):
        yield chunk


def import_register(
    *,
    session: Session,
    register: Register,
    filename: str,
    sha: str,
    actor: Actor,
    dry_run: bool,
    skip_invalid: bool,
    progress: Progress | None,
    on_wait: Callable[[str], None] | None,
    sample: str | None = None,
    lines: int | None = None,
) -> ImportReport:
    """Import a SIPRI register in the session's transaction. Given `lines` (its line
    count, from `scan_file`), the register is streamed: read from its source two or three
    times (deal ids, what it lists when stored deals may be dropped, then the import) and
    planned and written CHUNK_DEALS deals at a time; otherwise its deals are read into
    memory once and planned together. With `sample`, it is the first records of a file
    only: nothing stored is taken as dropped."""
    require(actor, Role.EDITOR, "importing a file")
    head = register.head
    report = ImportReport(_stored_name(filename), "sipri", f"SIPRI {head.layout} layout", dry_run)
    report.release = head.generated_on.isoformat() if head.generated_on else None
    report.sample = sample
    streamed = lines is not None
    transfers = head.layout == "transfers"
    whole: list[Candidate] | None = None
    if not streamed:
        parser = register.parser()
        whole = _read_all(iter_candidates(head, register.deals(parser), filename), filename)
    if not dry_run:  # plan against what a concurrent import writes, not beside it
        take_import_lock(session, on_wait)
    with bulk_load(session):
        planner = Planner(session, match_existing=True, repeats_possible=not streamed)
        if sample is None and whole is not None:
            planner.expect(FileScope.of(whole))
        elif sample is None and planner.stored is not None and planner.stored.has_keys():
            planner.expect(_scope(register, filename, planner.stored))
        if whole is not None:
            stream: Iterator[Candidate] = iter(whole)
        else:
            parser = register.parser(register.scattered_deal_ids() if transfers else None)
            stream = iter_candidates(head, register.deals(parser), filename)
        total = len(whole) if whole is not None else lines or 0
        log = ImportLog(filename=report.filename, sha256=sha, format="sipri", unchanged=0,
                        rejected=0, summary="", release=head.generated_on)  # fmt: skip
        written = Written([], [], [], [], 0)
        problems: list[RowProblem] = []
        writing = not dry_run
        try:
            # Held in memory, the register is planned whole and written only if nothing
            # is rejected; streamed, a chunk at a time, and a rejection raises at the end
            # for the caller's transaction to roll back what was written.
            for chunk in _chunks(stream, CHUNK_DEALS if streamed else max(total, 1)):
                plan = planner.plan(chunk, progress, total)
                _count(report, plan, session)
                problems.extend(plan.problems)
                if (problems or parser.errors) and not skip_invalid:
                    writing = False  # planned on, to report every rejected row
                if writing:
                    _add(written, write_batch(session=session, actor=actor, batch=plan.batch,
                                              log=log, logged=False))  # fmt: skip
                    planner.names_changed()
                if streamed:
                    # The cyclic garbage of this chunk (SQL statements, ORM state): the
                    # collector is paused for the import (tracker.imports.memory), and
                    # over a million rows that garbage was the largest thing held. Only
                    # the young generations: what the chunk made, not every stored row.
                    del plan, chunk
                    gc.collect(1)
        except SipriFormatError as exc:  # a header and no rows
            raise ImportRejected(f"{filename}: {exc}") from None
        last = Plan()
        last.batch.missing.extend(planner.missing())
        _count(report, last, session)
        if progress:
            progress(max(planner.done, 1), max(planner.done, 1))
        report.rejected = [RowProblem(e.row, e.column, e.value, e.reason) for e in parser.errors]
        report.rejected += problems
        report.warnings = [str(warning) for warning in parser.warnings]
        report.new_parties.sort()
        report.new_platforms.sort()
        if dry_run:  # a preview shows everything, rejected rows included
            return report
        if report.rejected and not skip_invalid:
            raise ImportRejected(
                f"{filename}: {len(report.rejected)} row(s) rejected, nothing imported "
                "(fix them, or choose to skip invalid rows and import the rest)",
                report.rejected,
            )
        _add(written, write_batch(session=session, actor=actor, batch=last.batch, log=log,
                                  logged=False))  # fmt: skip
        log = dataclasses.replace(
            log, unchanged=report.unchanged, rejected=len(report.rejected), summary=report.summary()
        )
        log_import(session, actor, log, written)
    report.created_ids, report.matched_ids = written.created_ids, written.matched_ids
    report.updated_ids, report.flagged_ids = written.updated_ids, written.flagged_ids
    if report.created >= ANALYZE_AFTER:
        refresh_statistics(session)  # a large load changes the data's shape
    return report


def _scope(register: Register, filename: str, stored: StoredDeals) -> FileScope:
    """What a streamed register lists, in a pass of its own (its parser's errors are the
    import's to report, in the pass that imports)."""
    transfers = register.head.layout == "transfers"
    parser = register.parser(register.scattered_deal_ids() if transfers else None)
    return FileScope.of(iter_candidates(register.head, register.deals(parser), filename), stored)


def _read_all(stream: Iterator[Candidate], filename: str) -> list[Candidate]:
    try:
        return list(stream)
    except SipriFormatError as exc:  # a header and no rows
        raise ImportRejected(f"{filename}: {exc}") from None


def _count(report: ImportReport, plan: Plan, session: Session) -> None:
    """Add one chunk's plan to the report."""
    chunk = _report(plan, report.filename, report.format, report.detail, report.dry_run)
    report.created += chunk.created
    report.matched += chunk.matched
    report.unchanged += chunk.unchanged
    report.updated += chunk.updated
    report.flagged += chunk.flagged
    report.conflicts += chunk.conflicts
    for names, more in (
        (report.new_parties, chunk.new_parties),
        (report.new_platforms, chunk.new_platforms),
        (report.unreviewed_parties, _unreviewed(session, plan.batch.unreviewed)),
    ):
        names.extend(name for name in more if name not in names)


def _add(total: Written, chunk: Written) -> None:
    total.created_ids += chunk.created_ids
    total.matched_ids += chunk.matched_ids
    total.updated_ids += chunk.updated_ids
    total.flagged_ids += chunk.flagged_ids
    total.conflicts += chunk.conflicts


def _unreviewed(session: Session, names: set[str]) -> list[str]:
    shown = []
    for name in sorted(names):
        close = [n for n in suggest_parties(session, name) if n != name][:3]
        shown.append(f"{name} (did you mean {', '.join(close)}?)" if close else name)
    return shown


def _report(plan: Plan, filename: str, fmt: str, detail: str, dry_run: bool) -> ImportReport:
    batch = plan.batch
    duplicates = [new for new in batch.deals if new.duplicate_of]
    return ImportReport(
        filename=_stored_name(filename),
        format=fmt,
        detail=detail,
        dry_run=dry_run,
        created=len(batch.deals),
        matched=len(batch.corroborations),
        unchanged=len(plan.unchanged),
        updated=len(batch.updates),
        flagged=len(duplicates) + len(batch.missing),
        conflicts=sum(len(m.conflicts) for m in batch.corroborations)
        + sum(len(u.conflicts) for u in batch.updates),
        rejected=list(plan.problems),
        new_parties=sorted(batch.parties),
        new_platforms=sorted(f"{name} ({label(kind)})" for name, kind in batch.platforms),
    )
