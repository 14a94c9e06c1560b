"""Engine and session construction. Nothing connects at import time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, QueryableAttribute, Session, sessionmaker
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from tracker.config import Settings

# Stable constraint names on SQLite and PostgreSQL alike, from the first migration on.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class unindexed(ColumnElement[Any]):
    """A GROUP BY key that SQLite must not read through the key's own index.

    Grouping on an indexed column, SQLite walks that index to get the groups in order and
    then fetches every matching row from the table: at 100,000 deals ~190 ms per total.
    Written `+deal.order_year` (SQLite's documented way to disqualify an index), the same
    query scans the narrow covering index `ix_deal_live_facts` and groups in a temporary
    B-tree: ~20-40 ms. Other databases get the plain column.
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: ColumnElement[Any] | QueryableAttribute[Any]) -> None:
        self.column = column.expression
        self.type = self.column.type


@compiles(unindexed)
def _plain_column(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _sqlite_unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


PAGE_CACHE_KIB = 512


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A 512 KiB page cache per connection (SQLite's default is 2 MB). Measured at 100k
    # and 1M deals (BENCHMARKS.md), bigger caches (16 MB) and memory-mapped reads made
    # aggregates no faster (the OS caches the file), but each pooled connection's cache
    # counts in the dashboard server's memory: 16 MB caches cost 46 MB more after its
    # views, and 512 KiB instead of 2 MB saves 9 MB at the same filter-change time. And
    # temp_store=MEMORY made GROUP BY sorts ~30% slower, so temporary B-trees stay at
    # SQLite's default.
    cursor.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    """Create the engine for the configured database; SQLite gets its folder and pragmas."""
    url = make_url(settings.resolved_database_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=settings.echo_sql, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work commits together or not at all."""
    with make_session_factory(engine)() as session, session.begin():
        yield session


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load, so it picks the right indexes."""
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
