"""Writing: one transaction for the world (parties, platforms and their aliases), then one
per CHUNK_SIZE deals with their deliveries, events, sources and citations, all through
tracker.store.bulk.insert_rows (Core INSERTs of plain dicts, keys assigned up front)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from benchmarks.generate.deals import DealMaker
from benchmarks.generate.tables import DEAL_REF_PREFIX
from benchmarks.generate.world import (
    GenerateError,
    World,
    build_parties,
    build_platforms,
    existing_ids,
)
from tracker.store import cells, migrate
from tracker.store.bulk import insert_rows
from tracker.store.db import analyze
from tracker.store.models import (
    Citation,
    Deal,
    Delivery,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)

CHUNK_SIZE = 5_000  # deals per transaction


@dataclass(frozen=True)
class GeneratedCounts:
    """Rows inserted by one `generate` call, per table."""

    parties: int
    platforms: int
    deals: int
    deliveries: int
    events: int
    sources: int
    citations: int


COUNTED = tuple(f.name for f in fields(GeneratedCounts))


def generate(
    engine: Engine,
    *,
    deals: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> GeneratedCounts:
    """Migrate (tracker.migrate.upgrade) if needed, then insert `deals` synthetic deals plus
    their parties, platforms, delivery records, events, sources and citations, in one
    transaction per chunk.

    Same seed + size => identical data in a fresh database. Parties and platforms already
    in the database are reused by name; a database that already holds synthetic deals is
    refused (GenerateError).
    """
    if deals < 0:
        raise ValueError("deals must be zero or more")
    if not migrate.is_up_to_date(engine):
        migrate.upgrade(engine)
    rng = random.Random(seed)
    world = World()
    inserted: Counter[str] = Counter()
    with Session(engine) as session:
        with session.begin():
            already = session.scalar(
                select(Deal.id).where(Deal.ref.startswith(DEAL_REF_PREFIX)).limit(1)
            )
            if already is not None:
                raise GenerateError(
                    "the database already holds synthetic deals; use a fresh database"
                )
            ids = existing_ids(session)
            parties, party_aliases = build_parties(session, ids, world)
            platforms, platform_aliases = build_platforms(session, rng, ids, world)
            insert_rows(session, Party, parties)
            insert_rows(session, PartyAlias, party_aliases)
            insert_rows(session, Platform, platforms)
            insert_rows(session, PlatformAlias, platform_aliases)
        inserted.update(parties=len(parties), platforms=len(platforms))
        maker = DealMaker(rng, world, ids, seed)
        for start in range(0, deals, CHUNK_SIZE):
            count = min(CHUNK_SIZE, deals - start)
            chunk = maker.chunk(start + 1, count)
            with session.begin():
                insert_rows(session, Deal, chunk.deals)
                insert_rows(session, Delivery, chunk.deliveries)
                insert_rows(session, Event, chunk.events)
                insert_rows(session, Source, chunk.sources)
                insert_rows(session, Citation, chunk.citations)
            inserted.update(
                deals=len(chunk.deals),
                deliveries=len(chunk.deliveries),
                events=len(chunk.events),
                sources=len(chunk.sources),
                citations=len(chunk.citations),
            )
            if progress is not None:
                progress(start + count, deals)
        with session.begin():  # the cells the writers would have kept (bulk: once)
            cells.rebuild(session)
    analyze(engine)  # statistics for the planner, as a large import refreshes them
    return GeneratedCounts(**{name: inserted[name] for name in COUNTED})
