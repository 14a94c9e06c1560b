"""Checks shared by the tests of the cells summed ahead (tracker.store.cells): the stored
cells of a family against a rebuild, and the names random filters draw from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from tracker.store import cells
from tracker.store.cell_family import Family
from tracker.store.db import make_session_factory
from tracker.store.models import Deal, Party


def stored(session: Any, family: Family) -> list[tuple[Any, ...]]:
    """A family's cells, every key and measure, in key order."""
    columns = [family.table.c[name] for name in (*family.key, *family.measures)]
    return [tuple(row) for row in session.execute(select(*columns).order_by(*columns))]


def assert_current(engine: Engine, family: Family) -> None:
    """The cells kept by the writes are those recomputed from the deals now, and none is
    left without a deal."""
    with make_session_factory(engine)() as session:
        kept = stored(session, family)
        cells.rebuild(session)
        rebuilt = stored(session, family)
        session.rollback()
    assert kept == rebuilt != []
    deals = len(family.key) + family.measures.index("deals")
    assert all(row[deals] > 0 for row in kept)


def party_names(session: Any, column: Any) -> list[str]:
    """Names of the parties in this role (Deal.buyer_id or Deal.seller_id) of any deal."""
    stmt = select(Party.name).join(Deal, column == Party.id).distinct().order_by(Party.name)
    return list(session.scalars(stmt))
