"""Small factories of valid input with overridable defaults."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select

from tracker.auth import Actor
from tracker.domain.vocab import Role
from tracker.store.db import make_session_factory
from tracker.store.models import Base

# Who the tests write as: the library's writers check the role of every caller.
EDITOR = Actor("tess", Role.EDITOR)


def deal_data(**overrides: Any) -> dict[str, Any]:
    """A valid deal against the seeded reference data (Turkey buys F-16s from the US)."""
    data: dict[str, Any] = {
        "buyer": "Turkey",
        "seller": "United States",
        "platform": "F-16 Block 70 Viper",
        "quantity_ordered": 8,
        "status": "ordered",
        "order_date": "2026-01",
    }
    data.update(overrides)
    return data


# Not data: signing in opens a browser session; the data version has its one row.
NOT_DATA = frozenset({"sign_in_session", "data_version"})


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per data table: compare before and after to prove nothing was written."""
    with make_session_factory(engine)() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
            if name not in NOT_DATA
        }
