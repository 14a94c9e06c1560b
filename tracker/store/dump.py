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
from collections.abc import Callable
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, String, Table, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.domain.limits import MAX_INTEGER, decimal_problem, text_problem
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
# Not data: sign-in throttling, the cache key every write bumps, and browsers' sign-in
# sessions (a restored database starts with everyone signed out).
TRANSIENT = frozenset({"sign_in_failure", "data_version", "sign_in_session"})
# Derived from the deals and rebuilt on restore (tracker.store.cells).
DERIVED = frozenset({"tiv_cell"})
NOT_DUMPED = frozenset({"alembic_version", *TRANSIENT, *DERIVED})
MAX_TEXT = 10_000_000  # characters in a TEXT column of a dump (a source's stored text)


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


def _typed(kind: type | tuple[type, ...], what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ValueError(f"expected {what}")
        return value

    return check


def _text(length: int | None) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("expected text")
        problem = text_problem(value, length or MAX_TEXT, multiline=True)
        if problem:
            raise ValueError(problem)
        return value

    return check


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected a whole number")
    if not -MAX_INTEGER - 1 <= value <= MAX_INTEGER:
        raise ValueError(f"must be between {-MAX_INTEGER - 1:,} and {MAX_INTEGER:,}")
    return value


def _decimal(digits: int, places: int) -> Callable[[Any], Decimal]:
    def check(value: Any) -> Decimal:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValueError("expected a decimal number as a string")
        number = Decimal(str(value))
        problem = decimal_problem(number, digits, places)
        if problem:
            raise ValueError(problem)
        return number

    return check


def _enum(enum_class: type[enum.Enum]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("expected text")
        return enum_class(value)

    return check


def _iso(parse: Callable[[str], Any], what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(f"expected {what} in ISO 8601")
        return parse(value)

    return check


def _converter(column: Any) -> Callable[[Any], Any]:
    """The check and conversion of one column's dump values: each value must be what both
    backends store exactly (tracker.domain.limits), or the dump is refused here."""
    kind = column.type
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        convert = _enum(kind.enum_class)
    elif isinstance(kind, DateTime):
        convert = _iso(dt.datetime.fromisoformat, "a date and time")
    elif isinstance(kind, Date):
        convert = _iso(dt.date.fromisoformat, "a date")
    elif isinstance(kind, Numeric):
        convert = _decimal(kind.precision or 30, kind.scale or 0)
    elif isinstance(kind, Boolean):
        convert = _typed(bool, "true or false")
    elif isinstance(kind, Integer):
        convert = _integer
    elif isinstance(kind, String):  # Text is a String without a length
        convert = _text(kind.length)
    else:  # pragma: no cover - every column type is listed above
        convert = _typed(object, "a value")
    nullable = column.nullable

    def converter(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise ValueError("must not be empty")
            return None
        return convert(value)

    return converter


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def table_rows(table: Table, records: list[Any]) -> list[dict[str, Any]]:
    """A dump table's records as rows to insert, or BadDump naming the table, row, column
    and value of the first that either backend would store differently or refuse."""
    converters = {column.name: _converter(column) for column in table.columns}
    rows = []
    for index, record in enumerate(records, 1):
        if not isinstance(record, dict) or set(record) != set(converters):
            raise BadDump(
                f"table {table.name}, row {index}: expected the columns "
                f"{', '.join(sorted(converters))}"
            )
        row = {}
        for name, value in record.items():
            try:
                row[name] = converters[name](value)
            except (ValueError, ArithmeticError, TypeError) as exc:
                raise BadDump(
                    f"table {table.name}, row {index}, column {name}: {exc} (got {_shown(value)})"
                ) from None
        rows.append(row)
    return rows


def model_for(name: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table_of(name):
            return mapper.class_
    raise KeyError(name)
