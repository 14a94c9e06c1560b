"""Fast bulk writes for imports and generators: Core INSERTs with keys assigned up front.

Assigning primary keys in Python lets child rows point at their parents without a round
trip per row; on PostgreSQL the id sequence is then moved past the keys used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, Numeric, Table, func, insert, select, text
from sqlalchemy.orm import Session

from tracker.store.db import Base

Row = dict[str, Any]
CHUNK_SIZE = 5_000
NARROW_ROW = 8  # columns: rows this narrow go in many to an INSERT (_execute_many)
MAX_PARAMETERS = 999  # per SQLite statement: the lowest limit of any SQLite 3 release
# SQLite's page cache during a bulk load (KiB; the default is 2 MB). It also bounds what
# a sort (an index built after the rows, a cell roll-up) keeps in memory before spilling
# to temporary files: with 2 MB, an import of 29,500 deals wrote ~25 MB more to disk.
BULK_CACHE_KIB = 65_536
STATISTICS_ROWS = 1_000  # rows per index ANALYZE reads after a load (SQLite)


@contextmanager
def bulk_load(session: Session) -> Iterator[None]:
    """Around a large write in the session's transaction: on SQLite, a page cache of
    BULK_CACHE_KIB for its connection, put back as it was afterwards (the connection
    returns to a pool that serves the dashboard, whose memory is counted)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")


def refresh_statistics(session: Session) -> None:
    """Refresh the planner's statistics after a load changed the data's shape. SQLite
    reads STATISTICS_ROWS rows per index (its documented approximate ANALYZE) rather
    than every row; PostgreSQL samples anyway."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        connection.exec_driver_sql("ANALYZE")
        return
    connection.exec_driver_sql(f"PRAGMA analysis_limit = {STATISTICS_ROWS}")
    try:
        connection.exec_driver_sql("ANALYZE")
    finally:
        connection.exec_driver_sql("PRAGMA analysis_limit = 0")


def next_id(session: Session, model: type[Base]) -> int:
    """The first free primary key of a table (call inside the writing transaction)."""
    table = Base.metadata.tables[model.__tablename__]
    return int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


def insert_rows(
    session: Session,
    model: type[Base],
    rows: Sequence[Row] | Sequence[tuple[Any, ...]],
    keys: Sequence[str] | None = None,
) -> None:
    """INSERT dicts that all have the same keys, or (given `keys`) tuples of those
    columns in that order, one executemany per chunk. Tuples are for the most numerous
    rows (an import's hundreds of thousands of citations): far fewer objects to make.

    Into the table rather than the ORM entity: the ORM bulk path drops None values from
    each row's parameters, splitting a batch into one statement per pattern of NULLs.
    Enum columns keep their type, so rows may hold vocabulary members.
    """
    if not rows:
        return
    table = Base.metadata.tables[model.__tablename__]
    connection = session.connection()
    names = list(keys) if keys is not None else list(rows[0])
    # How to pick a column out of a row: by name from a dict, by position from a tuple.
    fields: list[Any] = names if keys is None else list(range(len(names)))
    if _needs_python_defaults(table, names):
        dicts: Sequence[Any] = (
            rows if keys is None else [dict(zip(names, row, strict=True)) for row in rows]
        )
        for start in range(0, len(dicts), CHUNK_SIZE):
            session.execute(insert(table), list(dicts[start : start + CHUNK_SIZE]))
    else:
        _insert_direct(connection, table, dict(zip(names, fields, strict=True)), rows)
    if "id" in names and connection.dialect.name == "postgresql":
        where = fields[names.index("id")]
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :value)"),
            {"value": max(row[where] for row in rows)},
        )


def _needs_python_defaults(table: Table, keys: list[str]) -> bool:
    return any(column.default is not None for column in table.c if column.key not in keys)


def _insert_direct(
    connection: Connection, table: Table, fields: dict[str, Any], rows: Sequence[Any]
) -> None:
    """The statement compiled once, values converted by each column's own bind processor,
    and handed to the driver's executemany: SQLAlchemy's per-row parameter handling cost
    more than the database's work for the hundreds of thousands of rows of an import."""
    dialect = connection.dialect
    keys = list(fields)
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or keys) if compiled.positional else keys
    pick = _picker([fields[name] for name in order])
    if dialect.name == "postgresql":
        chunks = (rows[start : start + CHUNK_SIZE] for start in range(0, len(rows), CHUNK_SIZE))
        values = (row for chunk in chunks for row in _tuples(table, order, pick, chunk, dialect))
        _copy_in(connection, table, order, values)
        return
    deferred = _deferred_indexes(connection, table, len(rows))
    try:
        for start in range(0, len(rows), CHUNK_SIZE):
            chunk = _tuples(table, order, pick, rows[start : start + CHUNK_SIZE], dialect)
            if not compiled.positional:  # a driver taking named parameters
                named = [dict(zip(order, values, strict=True)) for values in chunk]
                connection.exec_driver_sql(compiled.string, named)
            else:
                _execute_many(connection, compiled.string, len(order), chunk)
    finally:  # the table never goes on without them, even if the rows were refused
        for create in deferred:
            connection.exec_driver_sql(create)


def _execute_many(
    connection: Connection, statement: str, width: int, rows: list[tuple[Any, ...]]
) -> None:
    """Rows of a few columns (citations, delivery records, audit entries) go in many to
    an INSERT (one VALUES list), which saved SQLite's per-statement work: a quarter of
    the database's time for an import's 273,000 citations. Wider rows (deals, sources)
    went in slower that way, so they go in one to a statement."""
    per = (
        MAX_PARAMETERS // width
        if width <= NARROW_ROW and connection.dialect.name == "sqlite"
        else 1
    )
    whole = len(rows) - len(rows) % per
    if per > 1 and whole:
        head, _, values = statement.rpartition(" VALUES ")
        many = f"{head} VALUES {', '.join([values] * per)}"
        groups = [tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per)]
        connection.exec_driver_sql(many, groups)
        rows = rows[whole:]
    if rows:
        connection.exec_driver_sql(statement, rows)


def _deferred_indexes(connection: Connection, table: Table, incoming: int) -> list[str]:
    """SQLite, for a load larger than the table: its plain (non-unique) indexes are
    dropped now and their CREATE statements returned, to build after the rows.

    Building an index sorts its entries once; keeping it current inserts each row into
    each index's B-tree, which cost a first SIPRI import (29,500 deals with ten
    indexes, 273,000 citations with three) about 0.5 s of CPU more. Only when the table
    holds fewer rows than the load (max(rowid) bounds the count at no cost): rebuilding
    a large table's indexes for a few rows would cost more than it saves. Only inside a
    transaction (Python's sqlite3 opens none before DDL), so a failed write rolls the
    drop back with its rows. Unique indexes stay: they refuse a duplicate row as it is
    inserted, as before.
    """
    if connection.dialect.name != "sqlite":
        return []
    if not getattr(connection.connection.driver_connection, "in_transaction", False):
        return []
    held = connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"').scalar()
    if int(held or 0) >= incoming:
        return []
    plain = [
        name
        for _, name, unique, origin, *_ in connection.exec_driver_sql(
            f'PRAGMA index_list("{table.name}")'
        )
        if not unique and origin == "c"
    ]
    creates = []
    for name in plain:
        create = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).scalar()
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
        creates.append(str(create))
    return creates


def _picker(fields: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A row's values in order, as a tuple: `fields` are its keys (dicts) or positions."""
    if len(fields) == 1:
        return lambda row: (row[fields[0]],)
    return itemgetter(*fields)


def _tuples(
    table: Table,
    order: list[str],
    pick: Callable[[Any], tuple[Any, ...]],
    rows: Sequence[Any],
    dialect: Dialect,
) -> list[Any]:
    """Rows as tuples in `order`, converted column by column: an import's rows repeat the
    same timestamp, dates, flags and vocabulary over and over, so each distinct value is
    converted once."""
    if not rows:
        return []
    processors = _processors(table, order, dialect)
    if not processors:
        return list(map(pick, rows))
    columns: list[Any] = list(zip(*map(pick, rows), strict=True))
    for index, process, same in processors:
        columns[index] = _converted(columns[index], process, same)
    return list(zip(*columns, strict=True))


_Processor = tuple[int, Callable[[Any], Any], Callable[[Any], Any] | None]


def _processors(table: Table, order: list[str], dialect: Dialect) -> list[_Processor]:
    """Each column's bind processor (for the columns that have one), by position."""
    found: list[_Processor] = []
    for index, key in enumerate(order):
        column_type = table.c[key].type
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            found.append((index, process, _same(column_type)))
    return found


def _same(column_type: Any) -> Callable[[Any], Any] | None:
    """What makes two values of a column bind alike, or None to convert each one.

    Equal Decimals may differ in exponent (1.0, 1.00), and equal aware datetimes in their
    offset, and so in what they bind as."""
    if isinstance(column_type, Numeric):
        return None
    if isinstance(column_type, DateTime):
        return lambda value: (value, value.utcoffset())
    return _itself


def _itself(value: Any) -> Any:
    return value


def _converted(
    values: Sequence[Any], process: Callable[[Any], Any], same: Callable[[Any], Any] | None
) -> list[Any]:
    if same is None:
        return [None if value is None else process(value) for value in values]
    if same is _itself:
        try:
            distinct = dict.fromkeys(values)  # each value's first occurrence, as below
        except TypeError:  # unhashable: value by value, below
            pass
        else:  # the same as the loop below, with the per-value work done in C
            by_value = {value: None if value is None else process(value) for value in distinct}
            return list(map(by_value.__getitem__, values))
    seen: dict[Any, Any] = {}
    converted: list[Any] = []
    last: Any = None  # an import's rows share one timestamp object: reused without a key
    result: Any = None
    for value in values:
        if value is None:
            converted.append(None)
            continue
        if value is last:
            converted.append(result)
            continue
        last = value
        key = same(value)
        try:
            result = seen[key]
        except KeyError:
            seen[key] = result = process(value)
        except TypeError:  # unhashable
            result = process(value)
        converted.append(result)
    return converted


def _copy_in(connection: Connection, table: Table, columns: list[str], values: Any) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs for an import's rows."""
    names = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    quoted = connection.dialect.identifier_preparer.format_table(table)
    with cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
