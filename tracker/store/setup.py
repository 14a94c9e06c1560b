"""Open the configured database, migrating and seeding it on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from tracker.auth import system_actor
from tracker.config import Settings
from tracker.read.choices import database_is_empty
from tracker.store import migrate
from tracker.store.db import make_engine, make_session_factory, transaction

if TYPE_CHECKING:  # the seeds (YAML, citing) are loaded only into an empty database
    from tracker.seed import SeedReport


def prepare_database(engine: Engine, *, seed_if_empty: bool = True) -> SeedReport | None:
    """Upgrade the schema to head; load the seeds when the database holds nothing yet."""
    if not migrate.is_up_to_date(engine):
        migrate.upgrade(engine)
    if not seed_if_empty:
        return None
    with make_session_factory(engine)() as session:
        empty = database_is_empty(session)
    if not empty:
        return None
    from tracker.seed import load_seeds

    with transaction(engine) as session:
        return load_seeds(session=session, actor=system_actor("seed"))


def open_database(settings: Settings) -> Engine:
    """The engine for the configured database, ready to use when auto_setup is on."""
    engine = make_engine(settings)
    if settings.auto_setup:
        prepare_database(engine)
    return engine
