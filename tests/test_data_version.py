"""The data version (issue #10, point 5): every write bumps it in its own transaction, so a
reader in any process sees that its cached figures are stale; a refused write does not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dashboard import data
from tracker.auth import cli_actor
from tracker.errors import InvalidInput
from tracker.imports.pipeline import import_data
from tracker.read.filters import DealFilters
from tracker.read.version import data_version
from tracker.store.db import make_session_factory, transaction
from tracker.write.catalogue import add_platform
from tracker.write.deals import add_deal, delete_deal, update_deal
from tracker.write.sources import add_event, cite

from factories import EDITOR, deal_data

SIPRI = Path(__file__).parent / "fixtures" / "sipri" / "deals-utf8-lf.csv"
QUOTE_SOURCE = {"title": "A report", "text": "Turkey ordered 8 F-16 jets in January 2026."}


def _version(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        return data_version(session)


def _deal(engine: Engine) -> int:
    with transaction(engine) as session:
        return add_deal(actor=EDITOR, session=session, deal_in=deal_data()).id


WRITES: dict[str, Callable[[Session, int], Any]] = {
    "add_deal": lambda s, _: add_deal(actor=EDITOR, session=s, deal_in=deal_data()),
    "update_deal": lambda s, d: update_deal(
        actor=EDITOR, session=s, deal_id=d, values={**deal_data(), "quantity_ordered": 9},
        seen_version=1,
    ),
    "delete_deal": lambda s, d: delete_deal(actor=EDITOR, session=s, deal_id=d, seen_version=1),
    "cite": lambda s, d: cite(actor=EDITOR, session=s, deal_id=d, source=QUOTE_SOURCE,
                              fields=["quantity_ordered", "buyer"], quote="ordered 8 F-16"),
    "add_event": lambda s, d: add_event(actor=EDITOR, session=s, deal_id=d,
                                        event_in={"kind": "other", "description": "noted"}),
    "add_platform": lambda s, _: add_platform(
        actor=EDITOR, session=s, platform_in={"designation": "Zyx-9", "category": "other"}
    ),
    "import": lambda s, _: import_data(session=s, data=SIPRI.read_bytes(),
                                       filename=SIPRI.name, actor=cli_actor()),
}  # fmt: skip


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_bumps_the_data_version(seeded_engine: Engine, write: str) -> None:
    deal_id = _deal(seeded_engine)
    before = _version(seeded_engine)
    with transaction(seeded_engine) as session:
        WRITES[write](session, deal_id)
    assert _version(seeded_engine) > before


def test_a_refused_write_leaves_the_version(seeded_engine: Engine) -> None:
    before = _version(seeded_engine)
    with pytest.raises(InvalidInput), transaction(seeded_engine) as session:
        add_deal(actor=EDITOR, session=session, deal_in=deal_data(quantity_ordered=-1))
    assert _version(seeded_engine) == before


@pytest.fixture
def dashboard_db(
    seeded_sqlite: Engine, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield seeded_sqlite
    st.cache_data.clear()
    st.cache_resource.clear()


def test_cached_figures_follow_a_write_made_by_another_process(dashboard_db: Engine) -> None:
    data.note_version()
    before = data.overview(DealFilters()).total.deals
    _deal(dashboard_db)  # as a CLI import or a second server would: not through the cache
    assert data.overview(DealFilters()).total.deals == before  # this run's version
    data.note_version()  # what the next click does first
    assert data.overview(DealFilters()).total.deals == before + 1
    assert data.deal_view(DealFilters(), "platform", "order_date", True, 50, 0).total.deals == (
        before + 1
    )
