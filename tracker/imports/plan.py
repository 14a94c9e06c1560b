"""Planning an import: resolve names, validate, check quotes, match stored deals.

A format module turns its file into `Candidate`s (one per deal, with the file lines that
state it). Planning decides for each what it becomes (new, a corroboration of a stored
deal, already imported, or rejected with its row, column, value and reason) and writes
nothing; `tracker.write.batch.write_batch` then writes the plan in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.citing import quote_occurs
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import Category, PartyKind
from tracker.errors import InvalidInput, TrackerError
from tracker.resolve import NameIndex
from tracker.store.models import Deal, Source
from tracker.write.batch import Batch, Corroboration, NewDeal, Origin

Progress = Callable[[int, int], None]


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
    match_existing: bool = False  # attach to a stored deal with the same key


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
    fields = dict(candidate.fields)
    problems = []
    for role in ("buyer", "seller"):
        raw = str(fields.get(role) or "")
        canonical = names.party_name(raw)
        if canonical is None and raw in candidate.party_kinds:
            canonical = _strip_markers(raw)  # a marked non-state actor, organisation, unknown
        if canonical is None:
            error = names.unknown_party(role, raw)
            column = candidate.columns.get(role, role)
            problems.append(RowProblem(candidate.row, column, raw, error.message))
            continue
        fields[role] = canonical
        if raw in candidate.party_kinds and not names.knows_party(canonical):
            batch.parties[canonical] = candidate.party_kinds[raw]
    return problems or fields


def _bad_quotes(candidate: Candidate) -> list[RowProblem]:
    """Quotes that are not in the candidate's own line: reported, never dropped."""
    return [
        RowProblem(
            candidate.row,
            candidate.columns.get(name, name),
            quote[:80],
            "the quote for this field is not in the row's text",
        )
        for name, quote in candidate.quotes.items()
        if not quote_occurs(quote, candidate.origin.text)
    ]


def _platform(candidate: Candidate, names: NameIndex, batch: Batch) -> None:
    designation = str(candidate.fields.get("platform") or "").strip()
    if designation and names.platform_id(designation) is None:
        category = candidate.platform_category or Category.OTHER
        batch.platforms.setdefault(designation, (candidate.platform_description, category))


MATCHED_FIELDS = ("quantity_ordered", "quantity_delivered", "condition", "value_amount")


def _describe(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _conflicts(stored: Deal, deal_in: DealIn) -> list[tuple[str, str | None, str | None]]:
    """Fields where both sides have a value and they differ (unknowns never conflict)."""
    found: list[tuple[str, str | None, str | None]] = []
    for name in MATCHED_FIELDS:
        ours, theirs = getattr(stored, name), getattr(deal_in, name)
        if ours is None or theirs is None:
            continue
        if name == "value_amount" and stored.value_currency != deal_in.value_currency:
            found.append(
                ("value", f"{ours} {stored.value_currency}", f"{theirs} {deal_in.value_currency}")
            )
        elif ours != theirs:
            unit = (
                f" {stored.quantity_unit}"
                if name == "quantity_ordered" and stored.quantity_unit
                else ""
            )
            found.append((name, f"{_describe(ours)}{unit}", _describe(theirs)))
    return found


DealKey = tuple[int, int, int, int | None]


def _deal_keys(session: Session) -> dict[DealKey, list[int]]:
    """Stored live deals by (buyer, seller, platform, order year), for matching."""
    by_key: dict[DealKey, list[int]] = defaultdict(list)
    rows = session.execute(
        select(Deal.buyer_id, Deal.seller_id, Deal.platform_id, Deal.order_year, Deal.id).where(
            Deal.deleted_at.is_(None)
        )
    ).all()
    for buyer, seller, platform, year, deal_id in rows:
        by_key[(buyer, seller, platform, year)].append(deal_id)
    return by_key


def _find_match(
    session: Session, names: NameIndex, keys: dict[DealKey, list[int]], deal_in: DealIn
) -> Deal | None:
    buyer, seller = names.party_id(deal_in.buyer), names.party_id(deal_in.seller)
    platform = names.platform_id(deal_in.platform)
    if buyer is None or seller is None or platform is None:
        return None
    year = deal_in.order_date.value.year if deal_in.order_date else None
    found = keys.get((buyer, seller, platform, year))
    return session.get(Deal, found[0]) if found else None


def plan_import(
    session: Session, candidates: list[Candidate], progress: Progress | None = None
) -> Plan:
    """Decide, without writing, what each candidate becomes: new, matched, unchanged or
    rejected."""
    plan = Plan()
    batch = plan.batch
    names = NameIndex(session)
    known_origins = set(session.scalars(select(Source.ref).where(Source.ref.is_not(None))))
    known_refs = set(session.scalars(select(Deal.ref).where(Deal.ref.is_not(None))))
    keys = _deal_keys(session) if any(c.match_existing for c in candidates) else None
    seen_origins: set[str] = set()
    for index, candidate in enumerate(candidates, 1):
        if progress and index % 500 == 0:
            progress(index, len(candidates))
        deal_ref = candidate.fields.get("ref")
        if candidate.origin.ref in known_origins or (deal_ref and deal_ref in known_refs):
            plan.unchanged.append(candidate)
            continue
        if candidate.origin.ref in seen_origins:
            plan.problems.append(
                RowProblem(
                    candidate.row, "row", candidate.origin.ref, "the same deal appears twice"
                )
            )
            continue
        seen_origins.add(candidate.origin.ref)
        resolved = _resolve_parties(candidate, names, batch)
        if isinstance(resolved, list):
            plan.problems.extend(resolved)
            continue
        validated = _validate(candidate, resolved)
        if isinstance(validated, list):
            plan.problems.extend(validated)
            continue
        bad_quotes = _bad_quotes(candidate)
        if bad_quotes:
            plan.problems.extend(bad_quotes)
            continue
        stored = (
            _find_match(session, names, keys, validated)
            if keys is not None and candidate.match_existing
            else None
        )
        if stored is not None:
            batch.corroborations.append(
                Corroboration(stored.id, candidate.origin, candidate.quotes,
                              _conflicts(stored, validated))
            )  # fmt: skip
            continue
        _platform(candidate, names, batch)
        batch.deals.append(NewDeal(validated, candidate.origin, candidate.quotes, candidate.extras))
    if progress:
        progress(len(candidates), len(candidates))
    return plan
