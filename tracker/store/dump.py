"""Whole-database JSON dumps: every table, ids kept, for backups and for moving a database
between SQLite and PostgreSQL. Accounts are included with their Argon2 hashes (never a
clear password), so a restored database signs in the same people. Values are written in
one canonical form (UTC times, decimal strings), so a dump reads the same from either
backend.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Numeric, Table, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.errors import TrackerError
from tracker.store import migrate
from tracker.store.db import Base

DUMP_FORMAT = "arms-deal-tracker-dump"
DUMP_VERSION = 1
# Parents before children, so foreign keys hold while loading.
TABLE_ORDER = (
    "party", "party_alias", "platform", "platform_alias", "platform_manufacturer", "source",
    "deal", "deal_participant", "event", "citation", "deal_conflict", "delivery",
    "deal_money", "deal_flag", "import_batch", "user_account", "audit_entry",
)  # fmt: skip
# Not data: the cache key every write bumps, and browsers' sign-in sessions (a restored
# database starts with everyone signed out).
NOT_DUMPED = frozenset({"alembic_version", "data_version", "sign_in_session"})


class BadDump(TrackerError):
    """A dump that cannot be loaded; nothing was written."""


def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def dump_database(session: Session, out: IO[str]) -> dict[str, int]:
    """Write every table as JSON to `out`, streaming rows; returns rows per table."""
    assert set(TABLE_ORDER) == set(Base.metadata.tables) - NOT_DUMPED
    counts: dict[str, int] = {}
    header = {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "schema": migrate.head_revision(),
        "generator": f"arms-deal-tracker {__version__}",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    out.write(json.dumps(header)[:-1] + ', "tables": {')
    for index, name in enumerate(TABLE_ORDER):
        table = table_of(name)
        out.write(("," if index else "") + f'\n"{name}": [')
        key = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        result = session.execute(select(table).order_by(*key).execution_options(yield_per=5000))
        count = 0
        for row in result.mappings():
            record = {k: _plain(v) for k, v in row.items()}
            out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
            count += 1
        out.write("]")
        counts[name] = count
    out.write("\n}}\n")
    return counts


def snapshot(session: Session) -> dict[str, list[dict[str, Any]]]:
    """The stored tables in the dump's representation, to recognise a re-import."""
    snapshots = {}
    for name in TABLE_ORDER:
        table = table_of(name)
        key = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        rows = session.execute(select(table).order_by(*key)).mappings()
        snapshots[name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return snapshots


def is_dump(data: object) -> bool:
    return isinstance(data, dict) and data.get("format") == DUMP_FORMAT


def _converter(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        enum_class = kind.enum_class
        return lambda v: None if v is None else enum_class(v)
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if isinstance(kind, Numeric):
        return lambda v: None if v is None else Decimal(str(v))
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def table_rows(table: Table, records: list[Any]) -> list[dict[str, Any]]:
    converters = {column.name: _converter(column) for column in table.columns}
    rows = []
    for index, record in enumerate(records, 1):
        if not isinstance(record, dict) or set(record) != set(converters):
            raise BadDump(
                f"table {table.name}, row {index}: expected the columns "
                f"{', '.join(sorted(converters))}"
            )
        try:
            rows.append({name: converters[name](value) for name, value in record.items()})
        except (ValueError, ArithmeticError, TypeError) as exc:
            raise BadDump(f"table {table.name}, row {index}: {exc}") from None
    return rows


def model_for(name: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table_of(name):
            return mapper.class_
    raise KeyError(name)
