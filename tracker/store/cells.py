"""Sums kept ahead ("cells"), kept current in the transaction of every write.

A view over a million deals would otherwise read every deal (seconds); each family of
cells holds the same sums by a few dimensions, in several grains, so a view reads a few
thousand rows. The families and their rules: SIPRI TIV (`tracker.store.tiv_cells`) and
money in its own currency (`tracker.store.money_cells`). Here is how every family is kept
current, one rule for all:
- a writer wraps its change in `kept_current` with the deals it touches; their cells
  are computed before and after, and the difference is added
  (`tracker.write._concurrency.versioned_update` for one deal, `write_batch` for
  imports); deals created inside had no cells, so what they add is summed by the
  database (from SUMMED_BY_DATABASE on), as `rebuild` sums all deals;
- `rebuild` recomputes them all (migrations, restore, generated databases).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from tracker.store.cell_family import Deals, Family, Sums
from tracker.store.money_cells import MONEY
from tracker.store.tiv_cells import TIV

FAMILIES: tuple[Family, ...] = (TIV, MONEY)
CHUNK = 500  # deal ids per IN list
SUMMED_BY_DATABASE = 100  # new deals from this many on: their cells summed by the database


def _sums(session: Session, family: Family, deal_ids: Collection[int]) -> Sums:
    """What these deals add to each cell of the family, in every grain."""
    zero = family.zero
    sums: Sums = defaultdict(lambda: list(zero))
    ids = sorted(deal_ids)
    for start in range(0, len(ids), CHUNK):
        for stmt in family.finest(ids[start : start + CHUNK]):
            for row in session.execute(stmt):
                family.add_row(sums, row)
    return sums


def _changes(family: Family, before: Sums, after: Sums) -> list[dict[str, Any]]:
    """after − before, cell by cell, in key order (the cells unchanged left out)."""
    changes: list[dict[str, Any]] = []
    zero = family.zero
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key, zero), after.get(key, zero)
        delta = [b - a for a, b in zip(old, new, strict=True)]
        if any(delta):
            changes.append({**dict(zip(family.key, key, strict=True)),
                            **dict(zip(family.measures, delta, strict=True))})  # fmt: skip
    return changes


def _runs(deal_ids: Collection[int]) -> list[range]:
    """Ids as runs of consecutive ids (an import's new deals are one run)."""
    runs: list[range] = []
    for deal_id in sorted(deal_ids):
        if runs and runs[-1].stop == deal_id:
            runs[-1] = range(runs[-1].start, deal_id + 1)
        else:
            runs.append(range(deal_id, deal_id + 1))
    return runs


def _add_created(
    session: Session, family: Family, created: Collection[int], changes: list[dict[str, Any]]
) -> None:
    """Add to the cells what the new deals `created` add (summed by the database, as
    `rebuild` sums them) and the `changes`, in one statement in key order."""
    connection = session.connection()
    delta = family.delta
    connection.execute(CreateTable(delta, if_not_exists=True))
    runs = _runs(created)
    for run in runs:
        _add_finest(connection, family, delta, run)
    family.roll_up(connection, delta)
    if changes:
        connection.execute(insert(delta), changes)
    key = [delta.c[name] for name in family.key]
    measures = [delta.c[name] for name in family.measures]
    rows = select(*key, *measures).where(true())
    if changes or len(runs) > 1:  # else one row per key already
        rows = select(*key, *(func.sum(m) for m in measures)).group_by(*key)
    connection.execute(_upsert(session, family, rows.where(true()).order_by(*key)))
    connection.execute(delete(delta))


def _upsert(session: Session, family: Family, rows: Select[Any] | None = None) -> Any:
    """Add rows (these, or each parameter set) to the cells."""
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = family.table
    stmt = make(table)
    if rows is not None:
        stmt = stmt.from_select([table.c[name] for name in (*family.key, *family.measures)], rows)
    return stmt.on_conflict_do_update(
        index_elements=list(family.key),
        set_={name: table.c[name] + stmt.excluded[name] for name in family.measures},
    )


def _apply(
    session: Session, family: Family, before: Sums, after: Sums, created: Collection[int]
) -> None:
    """Add after − before and what the new deals `created` add to the cells; drop cells
    left with no deal. In key order, so concurrent writers lock shared cells in the same
    order (PostgreSQL)."""
    changes = _changes(family, before, after)
    if created:
        _add_created(session, family, created, changes)
    elif changes:
        session.execute(_upsert(session, family), changes)
    emptied = [change for change in changes if change["deals"] < 0]
    if emptied:
        table = family.table
        same = [table.c[name] == bindparam(f"k_{name}") for name in family.key]
        params = [{f"k_{name}": change[name] for name in family.key} for change in emptied]
        session.execute(delete(table).where(*same, table.c.deals <= 0), params)


@contextmanager
def kept_current(session: Session, deal_ids: Iterable[int] = ()) -> Iterator[set[int]]:
    """Around a write to the deals `deal_ids` (their columns, records, money, deletion):
    keep the cells of every family current. Ids of deals created inside are added to the
    set it yields (they had no cells, so only what they add is computed; by the database
    from SUMMED_BY_DATABASE on). Nothing is changed if the block raises."""
    known = set(deal_ids)
    before = [_sums(session, family, known) for family in FAMILIES]
    touched = set(known)
    yield touched
    session.flush()
    created = touched - known
    if len(created) < SUMMED_BY_DATABASE:  # a few: fewer statements in Python
        known, created = touched, set()
    for family, old in zip(FAMILIES, before, strict=True):
        _apply(session, family, old, _sums(session, family, known), created)


def _add_finest(
    session: Session | Connection, family: Family, table: Table, deal_ids: Deals
) -> None:
    """Insert the finest-grain rows of these deals into `table` (the cells or a delta)."""
    columns = [table.c[name] for name in (*family.key, *family.measures)]
    for stmt in family.finest(deal_ids):
        rows = stmt.subquery()
        session.execute(
            insert(table).from_select(columns, select(literal(family.finest_grain), *rows.c))
        )


def rebuild(session: Session | Connection, families: Sequence[Family] = FAMILIES) -> None:
    """Recompute every cell of these families from the deals (after a restore, a
    migration, a generator)."""
    for family in families:
        session.execute(delete(family.table))
        _add_finest(session, family, family.table, None)
        family.roll_up(session, family.table)
