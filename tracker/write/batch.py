"""Many deals at once (imports): the same rules as the forms, written in bulk.

An import plans first (`tracker.imports`) and hands the result here as a `Batch`: new
parties and platforms, new deals each with the file line(s) they came from as their
source, and stored deals that the file corroborates (with any disagreements). Every deal
was validated through `DealIn`; every quote is checked here with the one quote rule and
a quote that fails stops the write (the planner reports such rows instead); every deal
created or corroborated gets its own audit entry. Rows go in with Core INSERTs so a full
SIPRI register takes seconds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.citing import quote_occurs
from tracker.domain.countries import resolve_country
from tracker.domain.names import normalize_name
from tracker.domain.schemas import DealIn, PartyIn
from tracker.domain.vocab import Category, PartyKind, Role
from tracker.errors import QuoteNotInSource
from tracker.resolve import NameIndex
from tracker.store.bulk import Row, insert_rows, next_id
from tracker.store.models import (
    AuditEntry,
    Citation,
    Deal,
    DealConflict,
    ImportBatch,
    Platform,
    PlatformAlias,
    Source,
)
from tracker.write._audit import record
from tracker.write._columns import deal_columns
from tracker.write.catalogue import _create_party, _state_party


@dataclass(frozen=True)
class Origin:
    """Where a deal was read: stored as a source whose text is the file line(s)."""

    ref: str
    title: str
    text: str
    publisher: str | None = None
    published: dt.date | None = None
    notes: str | None = None


@dataclass
class NewDeal:
    deal_in: DealIn
    origin: Origin
    quotes: dict[str, str]  # cited field -> quote (from origin.text)
    extras: dict[str, Any] = field(default_factory=dict)  # deal columns DealIn lacks


@dataclass
class Corroboration:
    """A stored deal the file states too: its line becomes a further source."""

    deal_id: int
    origin: Origin
    quotes: dict[str, str]
    conflicts: list[tuple[str, str | None, str | None]]  # field, ours, theirs


@dataclass
class Batch:
    parties: dict[str, PartyKind] = field(default_factory=dict)  # new non-state parties
    platforms: dict[str, tuple[str | None, Category]] = field(default_factory=dict)
    deals: list[NewDeal] = field(default_factory=list)
    corroborations: list[Corroboration] = field(default_factory=list)


@dataclass
class Written:
    created_ids: list[int]
    matched_ids: list[int]
    conflicts: int


def _write_parties(session: Session, batch: Batch) -> None:
    names = {name for new in batch.deals for name in (new.deal_in.buyer, new.deal_in.seller)}
    countries = {country.iso3: country for name in names if (country := resolve_country(name))}
    for country in countries.values():
        _state_party(session, country)
    for name, kind in batch.parties.items():
        _create_party(session, PartyIn(name=name, kind=kind.value))


def _write_platforms(session: Session, batch: Batch) -> None:
    if not batch.platforms:
        return
    platform_id = next_id(session, Platform)
    platforms: list[Row] = []
    aliases: list[Row] = []
    now = dt.datetime.now(dt.UTC)
    taken = set(session.scalars(select(PlatformAlias.alias_key)))
    for designation, (description, category) in batch.platforms.items():
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


def _deal_row(deal_id: int, new: NewDeal, ids: tuple[int, int, int], now: dt.datetime) -> Row:
    row: Row = deal_columns(new.deal_in)
    row.update(
        id=deal_id, buyer_id=ids[0], seller_id=ids[1], platform_id=ids[2],
        delivery_dates_estimated=bool(new.extras.get("delivery_dates_estimated", False)),
        value_source=new.extras.get("value_source"),
        created_at=now, updated_at=now, version=1,
    )  # fmt: skip
    return row


def _source_row(source_id: int, origin: Origin, now: dt.datetime) -> Row:
    return {
        "id": source_id, "ref": origin.ref, "kind": "dataset", "title": origin.title,
        "publisher": origin.publisher, "author": None, "url": None,
        "published_date": origin.published, "text": origin.text, "notes": origin.notes,
        "created_at": now,
    }  # fmt: skip


def _citation_rows(
    deal_id: int, source_id: int, origin: Origin, quotes: dict[str, str], skip: Iterable[str]
) -> list[Row]:
    rows = []
    for name, quote in quotes.items():
        if name in skip:
            continue
        if not quote_occurs(quote, origin.text):
            raise QuoteNotInSource(f"{origin.title}: the quote for {name} is not in its line")
        rows.append(
            {"source_id": source_id, "deal_id": deal_id, "event_id": None, "field": name,
             "quote": quote}
        )  # fmt: skip
    return rows


def _audit_row(actor: Actor, action: str, deal_id: int, changes: dict[str, Any], comment: str,
               now: dt.datetime) -> Row:  # fmt: skip
    return {
        "at": now, "actor": actor.name[:100], "action": action, "entity": "deal",
        "entity_id": deal_id, "deal_id": deal_id,
        "changes": json.dumps(changes, ensure_ascii=False), "comment": comment,
    }  # fmt: skip


@dataclass(frozen=True)
class ImportLog:
    """The import_batch row and the summary audit entry of one import."""

    filename: str
    sha256: str
    format: str
    unchanged: int
    rejected: int
    summary: str


def write_batch(*, session: Session, actor: Actor, batch: Batch, log: ImportLog) -> Written:
    """Write a planned import in the caller's transaction: parties, platforms, deals,
    their sources and citations, corroborations and disagreements, one audit entry per
    deal, and the import's own log entry."""
    require(actor, Role.EDITOR, "importing deals")
    comment = f"import of {log.filename}"
    _write_parties(session, batch)
    _write_platforms(session, batch)
    names = NameIndex(session)
    now = dt.datetime.now(dt.UTC)
    deal_id, source_id = next_id(session, Deal), next_id(session, Source)
    deals: list[Row] = []
    sources: list[Row] = []
    citations: list[Row] = []
    audit: list[Row] = []
    created: list[int] = []
    for new in batch.deals:
        ids = (_party_id(names, new.deal_in.buyer), _party_id(names, new.deal_in.seller),
               names.platforms[normalize_name(new.deal_in.platform)])  # fmt: skip
        deals.append(_deal_row(deal_id, new, ids, now))
        sources.append(_source_row(source_id, new.origin, now))
        citations += _citation_rows(deal_id, source_id, new.origin, new.quotes, skip=())
        audit.append(_audit_row(actor, "import", deal_id, {"source": [None, new.origin.ref]},
                                comment, now))  # fmt: skip
        created.append(deal_id)
        deal_id, source_id = deal_id + 1, source_id + 1
    conflicts: list[Row] = []
    for match in batch.corroborations:
        sources.append(_source_row(source_id, match.origin, now))
        disputed = {name if name != "value_amount" else "value" for name, _, _ in match.conflicts}
        citations += _citation_rows(match.deal_id, source_id, match.origin, match.quotes, disputed)
        conflicts += [
            {"deal_id": match.deal_id, "field": name, "recorded_value": ours,
             "other_value": theirs, "source_id": source_id, "note": None, "resolved": False,
             "created_at": now}
            for name, ours, theirs in match.conflicts
        ]  # fmt: skip
        changes: dict[str, list[str | None]] = {"source": [None, match.origin.ref]}
        changes.update(
            {f"disagrees:{name}": [ours, theirs] for name, ours, theirs in match.conflicts}
        )
        audit.append(_audit_row(actor, "corroborate", match.deal_id, changes, comment, now))
        source_id += 1
    insert_rows(session, Source, sources)
    insert_rows(session, Deal, deals)
    insert_rows(session, Citation, citations)
    insert_rows(session, DealConflict, conflicts)
    insert_rows(session, AuditEntry, audit)
    matched = [m.deal_id for m in batch.corroborations]
    _log_import(session, actor, log, len(created), len(matched))
    return Written(created, matched, len(conflicts))


def _log_import(session: Session, actor: Actor, log: ImportLog, created: int, matched: int) -> None:
    entry = ImportBatch(
        filename=log.filename, sha256=log.sha256, format=log.format, deals_created=created,
        deals_matched=matched, deals_unchanged=log.unchanged, rows_rejected=log.rejected,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    record(
        session=session, actor=actor, action="import", entity="import_batch",
        entity_id=entry.id, comment=log.summary,
        changes={"deals_created": (None, created), "deals_matched": (None, matched)},
    )  # fmt: skip


def _party_id(names: NameIndex, name: str) -> int:
    party_id = names.party_id(name)
    assert party_id is not None, f"{name} was written before the deals"
    return party_id
