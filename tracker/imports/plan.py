"""Planning an import: resolve names, validate, check quotes, match and update stored deals.

A format module turns its file into `Candidate`s (one per deal, with the file lines that
state it). Planning decides for each what it becomes, and writes nothing:

- already imported (the same content under the same key): unchanged;
- a newer release of a deal an earlier SIPRI import created (same key, other content):
  an update of what changed, except fields a researcher edited (a disagreement instead);
- a stored deal the file also states (`matching`): a corroboration that adds what the
  deal lacked and records where they disagree; several possible deals: a new deal
  flagged as a possible duplicate, never the first of them;
- otherwise a new deal; or rejected with its row, column, value and reason.

Stored SIPRI deals that a newer release of the same scope no longer lists are flagged.
`tracker.write.batch.write_batch` then writes the plan in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.citing import quote_occurs
from tracker.domain.countries import resolve_country
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import Category, PartyKind
from tracker.errors import InvalidInput, TrackerError
from tracker.imports.matching import (
    FileScope,
    StoredDeals,
    StoredRow,
    conflicts,
    gains,
    update_columns,
)
from tracker.resolve import NameIndex
from tracker.store.bulk import next_id
from tracker.store.models import AuditEntry, Deal, Source
from tracker.write.batch import (
    Batch,
    Corroboration,
    DeliveryIn,
    Missing,
    MoneyFactIn,
    NewDeal,
    Origin,
)

Progress = Callable[[int, int], None]
LOOKUP_CHUNK = 500  # values per IN list: under any SQLite build's parameter limit
_UNCACHED = {"compiled_cache": None}


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or group of rows) of a file cannot be imported."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.value!r}: {self.reason}"


class ImportRejected(TrackerError):
    """The file cannot be imported; nothing was written."""

    def __init__(self, message: str, problems: Iterable[RowProblem] = ()) -> None:
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{message}: {shown}{more}" if self.problems else message)


@dataclass
class Candidate:
    """One deal as a file states it, ready to resolve and validate."""

    row: int  # first line of the deal in the file, for messages
    fields: dict[str, Any]  # DealIn input; buyer/seller/platform are names
    columns: dict[str, str]  # DealIn field -> the file's column name, for messages
    origin: Origin  # the file line(s) stating the deal: stored as its source
    quotes: dict[str, str] = field(default_factory=dict)  # citation field -> quote
    party_kinds: dict[str, PartyKind] = field(default_factory=dict)  # name -> non-state kind
    platform_description: str | None = None
    platform_category: Category | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # deal columns DealIn lacks
    match_existing: bool = False  # attach to a stored deal the file also states
    names_authoritative: bool = False  # unknown names become parties (SIPRI's own names)
    deliveries: list[DeliveryIn] = field(default_factory=list)
    money: list[MoneyFactIn] = field(default_factory=list)
    layout: str | None = None  # "deals"/"transfers" for SIPRI registers

    @property
    def sipri_key(self) -> str | None:
        key = self.extras.get("sipri_key")
        return str(key) if key else None


@dataclass
class Plan:
    batch: Batch = field(default_factory=Batch)
    unchanged: list[Candidate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _strip_markers(name: str) -> str:
    return name.rstrip("*").strip()


def _validate(candidate: Candidate, fields: dict[str, Any]) -> DealIn | list[RowProblem]:
    try:
        return DealIn.model_validate(fields)
    except ValidationError as exc:
        errors = InvalidInput.from_pydantic(exc).errors
    problems = []
    for error in errors:
        name = error.field.split(".")[0]
        column = candidate.columns.get(name, name)
        value = candidate.fields.get(name, error.value)
        problems.append(
            RowProblem(candidate.row, column, "" if value is None else str(value), error.message)
        )
    return problems


def _resolve_parties(
    candidate: Candidate, names: NameIndex, batch: Batch
) -> dict[str, Any] | list[RowProblem]:
    """Names as the database knows them. A SIPRI file is the authority on its own names:
    one we do not know becomes a party of the kind its marker says (unreviewed)."""
    fields = dict(candidate.fields)
    problems = []
    for role in ("buyer", "seller"):
        raw = str(fields.get(role) or "")
        canonical = names.party_name(raw)
        if canonical is None and raw in candidate.party_kinds:
            canonical = _strip_markers(raw)  # a marked non-state actor, organisation, unknown
            kind = candidate.party_kinds[raw]
            if candidate.names_authoritative and kind is not PartyKind.UNKNOWN:
                batch.unreviewed.add(canonical)  # "unknown recipient(s)" needs no review
        if canonical is None and candidate.names_authoritative and raw.strip():
            canonical = raw.strip()
            batch.unreviewed.add(canonical)
        if canonical is None:
            error = names.unknown_party(role, raw)
            column = candidate.columns.get(role, role)
            problems.append(RowProblem(candidate.row, column, raw, error.message))
            continue
        fields[role] = canonical
        if resolve_country(canonical) is None and not names.knows_party(canonical):
            kind = candidate.party_kinds.get(raw, PartyKind.STATE)
            batch.parties.setdefault(canonical, kind)
    return problems or fields


def _bad_quotes(candidate: Candidate) -> list[RowProblem]:
    """Quotes that are not in the candidate's own line: reported, never dropped. Each
    distinct quote is checked once (a SIPRI row quotes its whole line for most fields)."""
    text = candidate.origin.text
    bad = {quote for quote in set(candidate.quotes.values()) if not quote_occurs(quote, text)}
    return [
        RowProblem(
            candidate.row,
            candidate.columns.get(name, name),
            quote[:80],
            "the quote for this field is not in the row's text",
        )
        for name, quote in candidate.quotes.items()
        if quote in bad
    ]


def _platform(candidate: Candidate, names: NameIndex, batch: Batch) -> None:
    designation = str(candidate.fields.get("platform") or "").strip()
    category = candidate.platform_category or Category.OTHER
    if designation and names.platform_id(designation, candidate.platform_category) is None:
        batch.platforms.setdefault((designation, category), candidate.platform_description)


def _researcher_edits(session: Session, deal_ids: Iterable[int]) -> dict[int, set[str]]:
    """Fields people changed by hand, per deal (from the audit log's "update" entries)."""
    edited: dict[int, set[str]] = {}
    ids = list(deal_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(AuditEntry.deal_id, AuditEntry.changes).where(
                AuditEntry.action == "update", AuditEntry.deal_id.in_(ids[start : start + 500])
            )
        )
        for deal_id, changes in rows:
            if deal_id is None:
                continue
            try:
                names = set(json.loads(changes or "{}"))
            except ValueError:
                names = set()
            edited.setdefault(int(deal_id), set()).update(names)
    return edited


@dataclass
class _Accepted:
    candidate: Candidate
    deal_in: DealIn


def _accept(candidate: Candidate, names: NameIndex, batch: Batch, plan: Plan) -> _Accepted | None:
    resolved = _resolve_parties(candidate, names, batch)
    if isinstance(resolved, list):
        plan.problems.extend(resolved)
        return None
    validated = _validate(candidate, resolved)
    if isinstance(validated, list):
        plan.problems.extend(validated)
        return None
    bad_quotes = _bad_quotes(candidate)
    if bad_quotes:
        plan.problems.extend(bad_quotes)
        return None
    return _Accepted(candidate, validated)


def _new_deal(accepted: _Accepted, names: NameIndex, batch: Batch, duplicates: list[int]) -> None:
    candidate = accepted.candidate
    _platform(candidate, names, batch)
    batch.deals.append(
        NewDeal(
            accepted.deal_in, candidate.origin, candidate.quotes,
            platform_category=candidate.platform_category, extras=candidate.extras,
            deliveries=candidate.deliveries, money=candidate.money, duplicate_of=duplicates,
        )
    )  # fmt: skip


def plan_import(
    session: Session,
    candidates: list[Candidate],
    progress: Progress | None = None,
    *,
    whole_file: bool = True,
) -> Plan:
    """Decide, without writing, what each candidate becomes. A preview of the file's
    first rows (not `whole_file`) cannot tell which stored deals a release no longer
    lists: it flags none, and pairs no changed row with one."""
    planner = Planner(session, match_existing=any(c.match_existing for c in candidates))
    if whole_file:
        planner.expect(FileScope.of(candidates))
    plan = planner.plan(candidates, progress, total=len(candidates))
    plan.batch.missing.extend(planner.missing())
    if progress:
        progress(len(candidates), len(candidates))
    return plan


class Planner:
    """Plans a file's candidates in one go or in chunks (a large file: planned and
    written a chunk at a time in one transaction). What the database held before the
    import is read once, so deals an earlier chunk wrote are not taken for stored ones."""

    def __init__(
        self, session: Session, *, match_existing: bool, repeats_possible: bool = True
    ) -> None:
        self.session = session
        self.names = NameIndex(session)
        # Sources stored before the import have lower ids (keys are assigned upwards).
        self.first_new_source = next_id(session, Source)
        self.known_refs = set(session.scalars(select(Deal.ref).where(Deal.ref.is_not(None))))
        self.stored = StoredDeals.load(session) if match_existing else None
        # The origins planned so far, by their hash: a register of a million rows would
        # keep every ref string (a false "appears twice" needs a 64-bit collision).
        self.seen_origins: set[int] = set()
        # A streamed SIPRI register cannot state a deal twice (its origins are its keys:
        # the SIPRI id, or the row's content and occurrence), so its origins are not kept.
        self.repeats_possible = repeats_possible
        self.unseen: set[int] = set()  # stored deals the file does not list
        self.done = 0  # candidates planned so far, for progress

    def expect(self, scope: FileScope) -> None:
        """The whole file's scope: without it (a preview of the first rows) no stored deal
        is taken as dropped or paired with a changed row."""
        if self.stored is not None:
            self.unseen = self.stored.unseen(scope, self.names)

    def names_changed(self) -> None:
        """After a chunk's parties and platforms were written: the next chunk knows them."""
        self.names = NameIndex(self.session)

    def missing(self) -> list[Missing]:
        """Stored deals the file does not list (call after its last chunk)."""
        return self.stored.missing(self.unseen) if self.stored is not None else []

    def _known_origins(self, candidates: list[Candidate]) -> set[str]:
        """The candidates' origins stored before the import (looked up per chunk: a
        database of a million sources need not be read into memory)."""
        refs = sorted({candidate.origin.ref for candidate in candidates})
        known: set[str] = set()
        for start in range(0, len(refs), LOOKUP_CHUNK):
            statement = select(Source.ref).where(
                Source.ref.in_(refs[start : start + LOOKUP_CHUNK]),
                Source.id < self.first_new_source,
            )
            # Not through SQLAlchemy's statement cache: each cached entry keeps its
            # statement's 500 values (a million-row import kept up to 250,000 refs).
            known.update(self.session.scalars(statement, execution_options=_UNCACHED))
        return known

    def plan(
        self, candidates: list[Candidate], progress: Progress | None = None, total: int = 0
    ) -> Plan:
        plan = Plan()
        batch = plan.batch
        names, stored = self.names, self.stored
        fresh: list[_Accepted] = []
        if stored is not None:
            stored.updates = []
        known_origins = self._known_origins(candidates)
        for candidate in candidates:
            self.done += 1
            if progress and self.done % 500 == 0:
                progress(self.done, max(total, self.done))
            deal_ref = candidate.fields.get("ref")
            key = candidate.sipri_key
            if deal_ref and deal_ref in self.known_refs:
                plan.unchanged.append(candidate)
                continue
            row = stored.keyed(key) if stored is not None and key is not None else None
            if stored is not None and row is not None:
                if row.same_content(candidate.extras.get("sipri_hash")):
                    plan.unchanged.append(candidate)
                    _restated(row, candidate, batch)
                    continue
                accepted = _accept(candidate, names, batch, plan)
                if accepted is not None:
                    stored.updates.append((row.deal_id, accepted))
                continue
            if candidate.origin.ref in known_origins:
                # This row's content, imported before: also a row that corroborated a deal
                # stored before (which keeps its own key, so `keyed` does not know it).
                plan.unchanged.append(candidate)
                continue
            origin = hash(candidate.origin.ref)
            if origin in self.seen_origins:
                plan.problems.append(
                    RowProblem(candidate.row, "row", "", "the same deal appears twice in the file")
                )
                continue
            if self.repeats_possible:
                self.seen_origins.add(origin)
            accepted = _accept(candidate, names, batch, plan)
            if accepted is not None:
                fresh.append(accepted)
        if stored is None:
            for accepted in fresh:
                _new_deal(accepted, names, batch, [])
        else:
            _plan_against_stored(self.session, stored, fresh, names, batch, self.unseen)
        return plan


def _restated(row: StoredRow, candidate: Candidate, batch: Batch) -> None:
    """A newer release lists this deal unchanged: it records that release as the last to
    state the deal, so a trimmed copy of that release does not flag it as dropped."""
    release = candidate.extras.get("sipri_release")
    if release is not None and (row.sipri_release is None or row.sipri_release < release):
        batch.restated.setdefault(release, []).append(row.deal_id)


def _plan_against_stored(
    session: Session,
    stored: StoredDeals,
    fresh: list[_Accepted],
    names: NameIndex,
    batch: Batch,
    unseen: set[int],
) -> None:
    """Pair, match or create the accepted candidates."""
    for accepted in fresh:
        candidate = accepted.candidate
        if not candidate.match_existing:
            _new_deal(accepted, names, batch, [])
            continue
        paired = stored.pair(accepted.deal_in, candidate, names, unseen)
        if paired is not None:  # a row a newer release changed (deals layout: no id)
            unseen.discard(paired)
            stored.updates.append((paired, accepted))
            continue
        found = stored.matches(accepted.deal_in, candidate, names)
        if len(found) == 1:
            deal = stored.deal(session, found[0])
            batch.corroborations.append(
                Corroboration(
                    deal.id, candidate.origin, candidate.quotes,
                    conflicts(deal, accepted.deal_in), gains(deal, accepted.deal_in),
                    deliveries=candidate.deliveries if not deal.deliveries else [],
                    money=candidate.money,
                )
            )  # fmt: skip
            continue
        _new_deal(accepted, names, batch, found)
    edited = _researcher_edits(session, [deal_id for deal_id, _ in stored.updates])
    for deal_id, accepted in stored.updates:
        deal = stored.deal(session, deal_id)
        batch.updates.append(
            update_columns(deal, accepted.deal_in, accepted.candidate, edited.get(deal_id, set()))
        )
