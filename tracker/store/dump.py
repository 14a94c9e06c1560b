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
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    select,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

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
DERIVED = frozenset({"tiv_cell", "money_cell"})
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


# --- writing: each row becomes its JSON object inside the database ------------------------
#
# A dump is every row of every table (480,000 rows at 100,000 deals): building each
# object in Python costs seconds, so the database writes it (SQLite's json_object,
# PostgreSQL's row_to_json) from the columns in `_plain`'s canonical form, and Python
# only copies the lines out, a batch at a time. `snapshot` below is the same form made
# in Python; tests/test_restore.py checks that the two agree on both backends.

_BATCH = 5000


def _sqlite_cell(column: Any) -> ColumnElement[Any]:
    """One SQLite column in the dump's form: SQLite keeps booleans as 0/1, NUMERIC as
    REAL and times as naive "YYYY-MM-DD HH:MM:SS.ffffff" text (UTC, as the tracker writes
    them). printf at the column's scale gives the stored decimal back exactly, as every
    amount the limits accept has at most 15 significant digits (tracker.domain.limits)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return case(
            (column.is_(None), null()), (column, func.json("true")), else_=func.json("false")
        )
    if isinstance(kind, Numeric):
        return case(
            (column.is_(None), null()),
            else_=func.printf(f"%.{kind.scale or 0}f", column, type_=String),
        )
    if isinstance(kind, DateTime):
        fraction = func.substr(column, 20, type_=String)
        return case(
            (column.is_(None), null()),
            else_=func.substr(column, 1, 10, type_=String) + literal("T")
            + func.substr(column, 12, 8, type_=String)
            + case((fraction.in_(["", ".000000"]), literal("")), else_=fraction)
            + literal("+00:00"),
        )  # fmt: skip
    return column  # type: ignore[no-any-return]


def _postgres_cell(column: Any) -> ColumnElement[Any]:
    """One PostgreSQL column in the dump's form (booleans and numbers are JSON's own;
    numeric as its exact text; times in UTC, microseconds only when there are some)."""
    kind = column.type
    if isinstance(kind, Numeric):
        return cast(column, Text)
    if isinstance(kind, DateTime):
        utc = func.timezone("UTC", column)
        micro = func.to_char(utc, "US", type_=String)
        return (
            func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS', type_=String)
            + case((micro == "000000", literal("")), else_=literal(".") + micro)
            + literal("+00:00")
        )
    if isinstance(kind, Date):
        return func.to_char(column, "YYYY-MM-DD", type_=String)
    if isinstance(kind, SAEnum):
        return cast(column, Text)
    return column  # type: ignore[no-any-return]


def _key(table: Table) -> list[Any]:
    return [table.c.id] if "id" in table.c else list(table.primary_key.columns)


def _json_rows(session: Session, table: Table) -> Iterator[tuple[int, str]]:
    """The table's rows as JSON object texts, in key order, streamed from the database a
    batch at a time: (rows in the batch, their texts joined by ",\n")."""
    key = _key(table)
    if session.get_bind().dialect.name == "postgresql":
        cells = [_postgres_cell(column).label(column.name) for column in table.columns]
        rows = select(*cells).order_by(*key).subquery("r")
        stmt = select(cast(func.row_to_json(rows.table_valued()), Text)).order_by(
            *(rows.c[column.name] for column in key)
        )
    elif "id" in table.c:
        return _sqlite_id_batches(session, table)
    else:  # platform_manufacturer: a few rows per platform
        pairs = [part for c in table.columns for part in (literal(c.name), _sqlite_cell(c))]
        stmt = select(func.json_object(*pairs, type_=String)).order_by(*key)
    result = session.connection().execution_options(yield_per=_BATCH).execute(stmt)
    return ((len(batch), ",\n".join(batch)) for batch in result.scalars().partitions())


def _sqlite_id_batches(session: Session, table: Table) -> Iterator[tuple[int, str]]:
    """A table with an id column, from SQLite: each batch of rows as one text, joined in
    the database by group_concat. Python then handles a hundred strings rather than half a
    million rows (fetching them one by one took longer than SQLite's writing them). The
    batches follow the id (`id > the last one`, LIMIT), and SQLite's aggregate takes the
    rows of a LIMITed, ORDERed subquery in that order: it reads them from the subquery's
    co-routine as they come (tests/test_restore.py compares the order with snapshot's)."""
    pairs = [part for c in table.columns for part in (literal(c.name), _sqlite_cell(c))]
    rows = (
        select(table.c.id, func.json_object(*pairs, type_=String).label("json"))
        .where(table.c.id > bindparam("after"))
        .order_by(table.c.id)
        .limit(_BATCH)
        .subquery("r")
    )
    stmt = select(
        func.count(), func.max(rows.c.id), func.group_concat(rows.c.json, ",\n", type_=String)
    )
    connection = session.connection()
    after = -MAX_INTEGER - 1  # below any id
    while True:
        count, after, text = connection.execute(stmt, {"after": after}).one()
        if not count:
            return
        yield count, text


def dump_database(session: Session, out: IO[str]) -> dict[str, int]:
    """Write every table as JSON to `out`, one row per line, streaming; returns rows per
    table."""
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
        out.write(("," if index else "") + f'\n"{name}": [')
        count = 0
        for rows, text in _json_rows(session, table_of(name)):
            out.write(("," if count else "") + "\n" + text)
            count += rows
        out.write("]")
        counts[name] = count
    out.write("\n}}\n")
    return counts


def snapshot(session: Session) -> dict[str, list[dict[str, Any]]]:
    """The stored tables in the dump's representation, to recognise a re-import."""
    snapshots = {}
    for name in TABLE_ORDER:
        table = table_of(name)
        key = _key(table)
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
