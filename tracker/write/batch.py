"""Many deals at once (imports): the same rules as the forms, written in bulk.

An import plans first (`tracker.imports`) and hands the result here as a `Batch`: new
parties and platforms, new deals (each with the file line(s) it came from as its
source, its per-year deliveries and the sums its source states), stored deals the file
corroborates (what they gain, where they disagree), deals an earlier release created
that a newer one changes, and deals a newer release no longer lists (flagged, never
deleted). Every deal was validated through `DealIn`; every quote is checked here with the
one quote rule; every deal created, corroborated, updated or flagged gets its own audit
entry. Rows go in with Core statements so a full SIPRI register takes seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.auth import Actor, require
from tracker.domain.countries import resolve_country
from tracker.domain.names import normalize_name
from tracker.domain.schemas import DealIn, PartyIn
from tracker.domain.vocab import Category, MoneyFactKind, PartyKind, Role
from tracker.resolve import NameIndex
from tracker.store import cells
from tracker.store.bulk import Row, insert_rows, next_id
from tracker.store.models import (
    Deal,
    ImportBatch,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
)
from tracker.write._audit import record
from tracker.write._batch_rows import Rows
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


@dataclass(frozen=True)
class DeliveryIn:
    year: int
    number: int | None
    number_estimated: bool = False
    year_estimated: bool = False
    tiv: Decimal | None = None


@dataclass(frozen=True)
class MoneyFactIn:
    """A sum the source states that is not the deal's own value (see DealMoney)."""

    kind: MoneyFactKind
    amount: Decimal
    amount_high: Decimal | None
    currency: str
    at_least: bool
    quote: str


@dataclass
class NewDeal:
    deal_in: DealIn
    origin: Origin
    quotes: dict[str, str]  # cited field -> quote (from origin.text)
    platform_category: Category | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # deal columns DealIn lacks
    deliveries: list[DeliveryIn] = field(default_factory=list)
    money: list[MoneyFactIn] = field(default_factory=list)
    duplicate_of: list[int] = field(default_factory=list)  # stored deals it may duplicate


@dataclass
class Corroboration:
    """A stored deal the file states too: its line becomes a further source."""

    deal_id: int
    origin: Origin
    quotes: dict[str, str]
    conflicts: list[tuple[str, str | None, str | None]]  # field, ours, theirs
    gains: dict[str, Any] = field(default_factory=dict)  # columns the deal lacked
    deliveries: list[DeliveryIn] = field(default_factory=list)  # when it had none
    money: list[MoneyFactIn] = field(default_factory=list)


@dataclass
class Update:
    """A deal an earlier SIPRI release created, as a newer release states it."""

    deal_id: int
    origin: Origin
    quotes: dict[str, str]
    columns: dict[str, Any]  # what changes
    changes: dict[str, tuple[Any, Any]]  # field -> (before, after), for the audit log
    conflicts: list[tuple[str, str | None, str | None]]  # fields a researcher edited
    deliveries: list[DeliveryIn] = field(default_factory=list)
    money: list[MoneyFactIn] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    # Cited fields it changes: {field: (value before, after)}, for their older citations.
    earlier: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Missing:
    """A deal an earlier release created that a newer one of the same scope omits."""

    deal_id: int


@dataclass
class Batch:
    parties: dict[str, PartyKind] = field(default_factory=dict)  # new parties and kinds
    unreviewed: set[str] = field(default_factory=set)  # names only the file vouches for
    platforms: dict[tuple[str, Category], str | None] = field(default_factory=dict)
    deals: list[NewDeal] = field(default_factory=list)
    corroborations: list[Corroboration] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    # Deals a newer release lists unchanged, by that release's date (see `_restate`).
    restated: dict[dt.date, list[int]] = field(default_factory=dict)


@dataclass
class Written:
    created_ids: list[int]
    matched_ids: list[int]
    updated_ids: list[int]
    flagged_ids: list[int]
    conflicts: int


@dataclass(frozen=True)
class ImportLog:
    """The import_batch row and the summary audit entry of one import."""

    filename: str
    sha256: str
    format: str
    unchanged: int
    rejected: int
    summary: str
    release: dt.date | None = None  # a SIPRI release's "Data generated" day


def _write_parties(session: Session, batch: Batch) -> None:
    names = {name for new in batch.deals for name in (new.deal_in.buyer, new.deal_in.seller)}
    countries = {country.iso3: country for name in names if (country := resolve_country(name))}
    for country in countries.values():
        _state_party(session, country)
    for name, kind in batch.parties.items():
        if name in batch.unreviewed or kind is PartyKind.STATE:
            _unreviewed_party(session, name, kind)
        else:
            _create_party(session, PartyIn(name=name, kind=kind.value))


def _unreviewed_party(session: Session, name: str, kind: PartyKind) -> None:
    """A party only the file vouches for (SIPRI is the authority on its own names)."""
    key = normalize_name(name)
    if session.scalar(select(PartyAlias.id).where(PartyAlias.alias_key == key)) is not None:
        return
    party = Party(kind=kind, name=name, reviewed=False)
    session.add(party)
    session.flush()
    session.add(PartyAlias(party_id=party.id, alias=name, alias_key=key))


def _write_platforms(session: Session, batch: Batch) -> None:
    if not batch.platforms:
        return
    platform_id = next_id(session, Platform)
    platforms: list[Row] = []
    aliases: list[Row] = []
    now = dt.datetime.now(dt.UTC)
    taken = {tuple(row) for row in session.execute(select(Platform.designation, Platform.category))}
    for (designation, category), description in batch.platforms.items():
        if (designation, category) in taken:
            continue
        taken.add((designation, category))
        platforms.append(
            {"id": platform_id, "designation": designation, "description": description,
             "category": category, "country_of_origin_id": None, "created_at": now}
        )  # fmt: skip
        key = normalize_name(designation)
        aliases.append({"platform_id": platform_id, "alias": designation, "alias_key": key})
        platform_id += 1
    insert_rows(session, Platform, platforms)
    insert_rows(session, PlatformAlias, aliases)


def _platform_id(names: NameIndex, new: NewDeal) -> int:
    category = new.platform_category or Category.OTHER
    found = names.platform_id(new.deal_in.platform, category) or names.platform_id(
        new.deal_in.platform
    )
    assert found is not None, f"{new.deal_in.platform} was written before the deals"
    return found


def _party_id(names: NameIndex, name: str) -> int:
    party_id = names.party_id(name)
    assert party_id is not None, f"{name} was written before the deals"
    return party_id


def _name_ids(names: NameIndex, deals: list[NewDeal]) -> list[tuple[int, int, int]]:
    """Buyer, seller and platform ids per deal; a register names the same parties and
    platforms thousands of times, so each is looked up once."""
    parties: dict[str, int] = {}
    platforms: dict[tuple[str, Category | None], int] = {}
    ids = []
    for new in deals:
        buyer, seller = new.deal_in.buyer, new.deal_in.seller
        platform = (new.deal_in.platform, new.platform_category)
        for name in (buyer, seller):
            if name not in parties:
                parties[name] = _party_id(names, name)
        if platform not in platforms:
            platforms[platform] = _platform_id(names, new)
        ids.append((parties[buyer], parties[seller], platforms[platform]))
    return ids


def _deal_row(deal_id: int, *, new: NewDeal, ids: tuple[int, int, int], now: dt.datetime) -> Row:
    row: Row = deal_columns(new.deal_in)
    extras = new.extras
    row.update(
        id=deal_id, buyer_id=ids[0], seller_id=ids[1], platform_id=ids[2],
        delivery_dates_estimated=bool(extras.get("delivery_dates_estimated", False)),
        value_source=extras.get("value_source"), sipri_key=extras.get("sipri_key"),
        sipri_hash=extras.get("sipri_hash"), sipri_release=extras.get("sipri_release"),
        created_at=now, updated_at=now, version=1,
    )  # fmt: skip
    return row


def _bump(session: Session, deal_id: int, columns: dict[str, Any]) -> None:
    session.execute(
        update(Deal)
        .where(Deal.id == deal_id)
        .values(**columns, version=Deal.version + 1, updated_at=dt.datetime.now(dt.UTC))
        .execution_options(synchronize_session=False)
    )


def _restate(session: Session, restated: dict[dt.date, list[int]]) -> None:
    """Record a newer release as the last to state deals it lists unchanged. Not a change
    of the deal (no version, no cells, no audit entry per deal: the import's own entry
    counts them as already imported); only which release vouches for it now."""
    for release, deal_ids in restated.items():
        for start in range(0, len(deal_ids), cells.CHUNK):
            chunk = deal_ids[start : start + cells.CHUNK]
            session.execute(
                update(Deal)
                .where(Deal.id.in_(chunk))
                .where((Deal.sipri_release.is_(None)) | (Deal.sipri_release < release))
                .values(sipri_release=release)
                .execution_options(synchronize_session=False)
            )


def write_batch(
    *, session: Session, actor: Actor, batch: Batch, log: ImportLog, logged: bool = True
) -> Written:
    """Write a planned import in the caller's transaction (see the module docstring).
    A large file is written a chunk at a time: every chunk but the last with `logged`
    false, and `log_import` once at the end with the whole import's counts."""
    require(actor, Role.EDITOR, "importing deals")
    _write_parties(session, batch)
    _write_platforms(session, batch)
    names = NameIndex(session)
    rows = Rows(session, actor, f"import of {log.filename}", log.release)
    changed = [m.deal_id for m in batch.corroborations] + [u.deal_id for u in batch.updates]
    with cells.kept_current(session, changed) as touched:  # cells of every deal written
        for new, ids in zip(batch.deals, _name_ids(names, batch.deals), strict=True):
            rows.new_deal(new, functools.partial(_deal_row, new=new, ids=ids, now=rows.now))
        for match in batch.corroborations:
            rows.corroboration(match)
        for change in batch.updates:
            rows.update(change)
        for missing in batch.missing:
            rows.missing(missing)
        rows.flush_inserts()
        for deal_id, columns in rows.column_updates:
            _bump(session, deal_id, columns)
        touched.update(rows.created)
    _restate(session, batch.restated)
    written = Written(
        created_ids=rows.created,
        matched_ids=[m.deal_id for m in batch.corroborations],
        updated_ids=[u.deal_id for u in batch.updates],
        flagged_ids=rows.flagged,
        conflicts=rows.conflict_count,
    )
    if logged:
        log_import(session, actor, log, written)
    return written


def log_import(session: Session, actor: Actor, log: ImportLog, written: Written) -> None:
    """The import's own row and summary audit entry (the deals have their own entries)."""
    require(actor, Role.EDITOR, "importing deals")
    entry = ImportBatch(
        filename=log.filename, sha256=log.sha256, format=log.format,
        deals_created=len(written.created_ids), deals_matched=len(written.matched_ids),
        deals_unchanged=log.unchanged, rows_rejected=log.rejected,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    record(
        session=session, actor=actor, action="import", entity="import_batch",
        entity_id=entry.id, comment=log.summary,
        changes={"deals_created": (None, len(written.created_ids)),
                 "deals_matched": (None, len(written.matched_ids)),
                 "deals_updated": (None, len(written.updated_ids)),
                 "deals_flagged": (None, len(written.flagged_ids))},
    )  # fmt: skip
