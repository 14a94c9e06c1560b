"""The import pipeline every format shares: resolve, validate, match, then write at once.

A format module turns its file into `Candidate`s (one per deal, with the file lines that
state it). This module resolves names, validates each candidate through `DealIn` (the
one validation layer), matches it against deals already stored, and plans the writes.
Nothing is written until the whole file is planned; `write_plan` then writes everything
in the caller's transaction, with bulk INSERTs so a full SIPRI register takes seconds.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.countries import resolve_country, suggest_countries
from tracker.domain.names import normalize_name
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import Category, PartyKind
from tracker.errors import InvalidInput, TrackerError
from tracker.services import add_party, date_columns, state_party
from tracker.store.bulk import Row, insert_rows, next_id
from tracker.store.models import (
    Citation,
    Deal,
    DealConflict,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)

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


@dataclass
class Candidate:
    """One deal as a file states it, ready to resolve and validate."""

    row: int  # first line of the deal in the file, for messages
    fields: dict[str, Any]  # DealIn input; buyer/seller/platform are names
    columns: dict[str, str]  # DealIn field -> the file's column name, for messages
    origin_ref: str  # ref of the source that records where this came from
    origin_title: str
    origin_text: str  # the file line(s) stating the deal: the source text quotes cite
    quotes: dict[str, str] = field(default_factory=dict)  # citation field -> quote
    party_kinds: dict[str, PartyKind] = field(default_factory=dict)  # name -> non-state kind
    platform_description: str | None = None
    platform_category: Category | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # deal columns DealIn lacks
    match_existing: bool = False  # attach to a stored deal with the same key
    publisher: str | None = None
    published: dt.date | None = None
    origin_notes: str | None = None


@dataclass
class Match:
    candidate: Candidate
    deal_id: int
    conflicts: list[tuple[str, str | None, str | None]]  # field, ours, theirs


@dataclass
class Plan:
    creates: list[tuple[Candidate, DealIn]] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    unchanged: list[Candidate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    new_parties: dict[str, PartyKind] = field(default_factory=dict)  # name -> kind
    new_platforms: dict[str, tuple[str | None, Category]] = field(default_factory=dict)


class ImportRejected(TrackerError):
    """The file cannot be imported; nothing was written."""

    def __init__(self, message: str, problems: Iterable[RowProblem] = ()) -> None:
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"{message}: {shown}{more}" if self.problems else message)


# --- names -------------------------------------------------------------------------------


class Names:
    """Every party and platform name known to the database, loaded once per import."""

    def __init__(self, session: Session) -> None:
        self.parties: dict[str, int] = dict(
            session.execute(select(PartyAlias.alias_key, PartyAlias.party_id)).all()
        )
        self.states: dict[str, int] = {
            iso3: party_id
            for iso3, party_id in session.execute(
                select(Party.iso3, Party.id).where(Party.iso3.is_not(None))
            ).all()
            if iso3
        }
        self.party_names: dict[int, str] = dict(session.execute(select(Party.id, Party.name)).all())
        self.platforms: dict[str, int] = dict(
            session.execute(select(PlatformAlias.alias_key, PlatformAlias.platform_id)).all()
        )

    def party_name(self, name: str, kinds: dict[str, PartyKind]) -> str | None:
        """The canonical name a file's party name stands for, or None if unknown."""
        country = resolve_country(name)
        if country is not None:
            return country.name
        key = normalize_name(name)
        if key in self.parties:
            return self.party_names[self.parties[key]]
        if name in kinds:  # a marked non-state actor, organisation or unknown party
            return _strip_markers(name)
        return None

    def suggestions(self, name: str) -> list[str]:
        close = difflib.get_close_matches(normalize_name(name), list(self.parties), n=3)
        known = [self.party_names[self.parties[key]] for key in close]
        return list(dict.fromkeys(suggest_countries(name, 3) + known))[:5]


def _strip_markers(name: str) -> str:
    return name.rstrip("*").strip()


# --- planning ----------------------------------------------------------------------------


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
    candidate: Candidate, names: Names, plan: Plan
) -> dict[str, Any] | list[RowProblem]:
    fields = dict(candidate.fields)
    problems = []
    for role in ("buyer", "seller"):
        raw = str(fields.get(role) or "")
        canonical = names.party_name(raw, candidate.party_kinds)
        if canonical is None:
            hint = names.suggestions(raw)
            reason = "not a known country or party" + (
                f"; did you mean {', '.join(hint)}?" if hint else ""
            )
            problems.append(
                RowProblem(candidate.row, candidate.columns.get(role, role), raw, reason)
            )
            continue
        fields[role] = canonical
        if raw in candidate.party_kinds and normalize_name(canonical) not in names.parties:
            plan.new_parties[canonical] = candidate.party_kinds[raw]
    return problems or fields


def _platform(candidate: Candidate, names: Names, plan: Plan) -> None:
    designation = str(candidate.fields.get("platform") or "").strip()
    if designation and normalize_name(designation) not in names.platforms:
        category = candidate.platform_category or Category.OTHER
        plan.new_platforms.setdefault(designation, (candidate.platform_description, category))


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


@dataclass
class _DealKeys:
    """Stored deals by (buyer, seller, platform, order year), for matching."""

    by_key: dict[tuple[int, int, int, int | None], list[int]]

    @classmethod
    def load(cls, session: Session) -> _DealKeys:
        by_key: dict[tuple[int, int, int, int | None], list[int]] = defaultdict(list)
        rows = session.execute(
            select(Deal.buyer_id, Deal.seller_id, Deal.platform_id, Deal.order_year, Deal.id).where(
                Deal.deleted_at.is_(None)
            )
        ).all()
        for buyer, seller, platform, year, deal_id in rows:
            by_key[(buyer, seller, platform, year)].append(deal_id)
        return cls(by_key)


def _find_match(session: Session, names: Names, keys: _DealKeys, deal_in: DealIn) -> Deal | None:
    buyer = names.parties.get(normalize_name(deal_in.buyer))
    seller = names.parties.get(normalize_name(deal_in.seller))
    buyer = buyer or _state_id(names, deal_in.buyer)
    seller = seller or _state_id(names, deal_in.seller)
    platform = names.platforms.get(normalize_name(deal_in.platform))
    if buyer is None or seller is None or platform is None:
        return None
    year = deal_in.order_date.value.year if deal_in.order_date else None
    found = keys.by_key.get((buyer, seller, platform, year))
    return session.get(Deal, found[0]) if found else None


def _state_id(names: Names, name: str) -> int | None:
    country = resolve_country(name)
    return names.states.get(country.iso3) if country else None


def plan_import(
    session: Session, candidates: list[Candidate], progress: Progress | None = None
) -> Plan:
    """Decide, without writing, what each candidate becomes: new, matched, unchanged or rejected."""
    plan = Plan()
    names = Names(session)
    known_origins = set(session.scalars(select(Source.ref).where(Source.ref.is_not(None))))
    known_refs = set(session.scalars(select(Deal.ref).where(Deal.ref.is_not(None))))
    keys = _DealKeys.load(session) if any(c.match_existing for c in candidates) else None
    seen_origins: set[str] = set()
    for index, candidate in enumerate(candidates, 1):
        if progress and index % 500 == 0:
            progress(index, len(candidates))
        deal_ref = candidate.fields.get("ref")
        if candidate.origin_ref in known_origins or (deal_ref and deal_ref in known_refs):
            plan.unchanged.append(candidate)
            continue
        if candidate.origin_ref in seen_origins:
            plan.problems.append(
                RowProblem(
                    candidate.row, "row", candidate.origin_ref, "the same deal appears twice"
                )
            )
            continue
        seen_origins.add(candidate.origin_ref)
        resolved = _resolve_parties(candidate, names, plan)
        if isinstance(resolved, list):
            plan.problems.extend(resolved)
            continue
        validated = _validate(candidate, resolved)
        if isinstance(validated, list):
            plan.problems.extend(validated)
            continue
        stored = (
            _find_match(session, names, keys, validated)
            if keys and candidate.match_existing
            else None
        )
        if stored is not None:
            plan.matches.append(Match(candidate, stored.id, _conflicts(stored, validated)))
            continue
        _platform(candidate, names, plan)
        plan.creates.append((candidate, validated))
    if progress:
        progress(len(candidates), len(candidates))
    return plan


# --- writing -----------------------------------------------------------------------------


def _write_parties(session: Session, plan: Plan) -> None:
    names = {name for _, deal_in in plan.creates for name in (deal_in.buyer, deal_in.seller)}
    countries = {country.iso3: country for name in names if (country := resolve_country(name))}
    for country in countries.values():
        state_party(session=session, country=country)
    for name, kind in plan.new_parties.items():
        add_party(session=session, party_in={"name": name, "kind": kind.value})


def _write_platforms(session: Session, plan: Plan) -> None:
    if not plan.new_platforms:
        return
    platform_id = next_id(session, Platform)
    platforms: list[Row] = []
    aliases: list[Row] = []
    now = dt.datetime.now(dt.UTC)
    taken = set(session.scalars(select(PlatformAlias.alias_key)))
    for designation, (description, category) in plan.new_platforms.items():
        key = normalize_name(designation)
        if key in taken:
            continue
        taken.add(key)
        platforms.append(
            {"id": platform_id, "designation": designation, "description": description,
             "category": category, "country_of_origin_id": None, "created_at": now}
        )  # fmt: skip
        aliases.append({"platform_id": platform_id, "alias": designation, "alias_key": key})
        platform_id += 1
    insert_rows(session, Platform, platforms)
    insert_rows(session, PlatformAlias, aliases)


_DEAL_COLUMNS = (
    "ref", "programme", "quantity_ordered", "quantity_ordered_estimated", "quantity_unit",
    "quantity_delivered", "quantity_delivered_estimated", "delivered_exceeds_ordered",
    "condition", "local_production", "value_amount", "value_currency", "value_year",
    "value_kind", "value_at_least", "tiv_per_unit", "tiv_total_order", "tiv_delivered",
    "status", "order_date_estimated", "deliveries_expected", "notes",
)  # fmt: skip


def _deal_row(
    deal_id: int, deal_in: DealIn, ids: tuple[int, int, int], extra: dict[str, Any]
) -> Row:
    row: Row = {name: getattr(deal_in, name) for name in _DEAL_COLUMNS}
    now = dt.datetime.now(dt.UTC)
    row.update(date_columns(deal_in))
    row.update(
        id=deal_id, buyer_id=ids[0], seller_id=ids[1], platform_id=ids[2],
        delivery_dates_estimated=bool(extra.get("delivery_dates_estimated", False)),
        value_source=extra.get("value_source"),
        created_at=now, updated_at=now, version=1,
    )  # fmt: skip
    return row


def _source_row(source_id: int, candidate: Candidate) -> Row:
    return {
        "id": source_id, "ref": candidate.origin_ref, "kind": "dataset",
        "title": candidate.origin_title, "publisher": candidate.publisher, "author": None,
        "url": None, "published_date": candidate.published, "text": candidate.origin_text,
        "notes": candidate.origin_notes, "created_at": dt.datetime.now(dt.UTC),
    }  # fmt: skip


def _citation_rows(deal_id: int, source_id: int, candidate: Candidate, skip: set[str]) -> list[Row]:
    return [
        {
            "source_id": source_id,
            "deal_id": deal_id,
            "event_id": None,
            "field": name,
            "quote": quote,
        }
        for name, quote in candidate.quotes.items()
        if name not in skip and quote and quote in candidate.origin_text
    ]


@dataclass
class Written:
    created_ids: list[int]
    matched_ids: list[int]
    conflicts: int


def write_plan(session: Session, plan: Plan) -> Written:
    """Write a plan in the caller's transaction: parties, platforms, deals, sources, citations."""
    _write_parties(session, plan)
    _write_platforms(session, plan)
    names = Names(session)
    deal_id, source_id = next_id(session, Deal), next_id(session, Source)
    deals: list[Row] = []
    sources: list[Row] = []
    citations: list[Row] = []
    created: list[int] = []
    for candidate, deal_in in plan.creates:
        ids = (
            _party_id(names, deal_in.buyer),
            _party_id(names, deal_in.seller),
            names.platforms[normalize_name(deal_in.platform)],
        )
        deals.append(_deal_row(deal_id, deal_in, ids, candidate.extras))
        sources.append(_source_row(source_id, candidate))
        citations += _citation_rows(deal_id, source_id, candidate, skip=set())
        created.append(deal_id)
        deal_id, source_id = deal_id + 1, source_id + 1
    conflicts: list[Row] = []
    for match in plan.matches:
        sources.append(_source_row(source_id, match.candidate))
        disputed = {name if name != "value_amount" else "value" for name, _, _ in match.conflicts}
        citations += _citation_rows(match.deal_id, source_id, match.candidate, skip=disputed)
        conflicts += [
            {"deal_id": match.deal_id, "field": name, "recorded_value": ours,
             "other_value": theirs, "source_id": source_id, "note": None, "resolved": False,
             "created_at": dt.datetime.now(dt.UTC)}
            for name, ours, theirs in match.conflicts
        ]  # fmt: skip
        source_id += 1
    insert_rows(session, Source, sources)
    insert_rows(session, Deal, deals)
    insert_rows(session, Citation, citations)
    insert_rows(session, DealConflict, conflicts)
    return Written(created, [m.deal_id for m in plan.matches], len(conflicts))


def _party_id(names: Names, name: str) -> int:
    state = _state_id(names, name)
    if state is not None:
        return state
    return names.parties[normalize_name(name)]
