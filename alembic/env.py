"""Alembic environment: the tracker's metadata, batch mode for SQLite, shared connections.

`tracker.store.migrate` passes its own connection in `config.attributes["connection"]` (the
Alembic cookbook's "Sharing a Connection"); the `alembic` command line builds an engine
from TRACKER_DATABASE_URL instead.
"""

from __future__ import annotations

from sqlalchemy import Connection

import tracker.store.models  # noqa: F401  (registers every table on Base.metadata)
from alembic import context
from tracker.config import get_settings
from tracker.store.db import Base, make_engine

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    is_sqlite = connection.dialect.name == "sqlite"
    if is_sqlite:
        # Batch migrations recreate tables; foreign keys must be off while they do.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    # Callers pass a plain connection (not engine.begin()): the migration is theirs to keep.
    connection.commit()
    if is_sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(get_settings())
    with engine.connect() as new_connection:
        _run(new_connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=get_settings().resolved_database_url(),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
