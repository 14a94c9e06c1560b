"""Fast bulk writes for imports and generators: Core INSERTs with keys assigned up front.

Assigning primary keys in Python lets child rows point at their parents without a round
trip per row; on PostgreSQL the id sequence is then moved past the keys used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from tracker.store.db import Base

Row = dict[str, Any]
CHUNK_SIZE = 5_000


def next_id(session: Session, model: type[Base]) -> int:
    """The first free primary key of a table (call inside the writing transaction)."""
    table = Base.metadata.tables[model.__tablename__]
    return int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


def insert_rows(session: Session, model: type[Base], rows: Sequence[Row]) -> None:
    """INSERT dicts that all have the same keys, one executemany per chunk.

    Into the table rather than the ORM entity: the ORM bulk path drops None values from
    each row's parameters, splitting a batch into one statement per pattern of NULLs.
    Enum columns keep their type, so rows may hold vocabulary members.
    """
    table = Base.metadata.tables[model.__tablename__]
    for start in range(0, len(rows), CHUNK_SIZE):
        session.execute(insert(table), list(rows[start : start + CHUNK_SIZE]))
    if rows and "id" in rows[0] and session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :value)"),
            {"value": max(row["id"] for row in rows)},
        )
