"""The dashboard's warm-up: what the first visitor sees is computed before the server runs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine

from dashboard import data, launch
from tracker.read import units, usd
from tracker.read.filters import DealFilters
from tracker.read.version import data_version
from tracker.store.db import transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data


@pytest.fixture
def warm_database(
    seeded_sqlite: Engine, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield seeded_sqlite
    st.cache_data.clear()
    st.cache_resource.clear()


def test_warm_up_caches_the_overview_until_the_data_changes(
    warm_database: Engine,
) -> None:
    # Streamlit's loggers do not propagate to the root logger: listen to this one.
    heard: list[str] = []
    listener = logging.Handler()
    listener.emit = lambda record: heard.append(record.getMessage())  # type: ignore[method-assign]
    cache_logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    cache_logger.addHandler(listener)
    # A version noted earlier in this thread on another database — the one the next write
    # here will reach — must not key the warmed results (seen in a full test run).
    with data.session() as s:
        data._run.version = data_version(s) + 1
    try:
        launch.warm_up()
    finally:
        cache_logger.removeHandler(listener)
    assert not [message for message in heard if "No runtime found" in message]
    seeded = data.overview(DealFilters()).total.deals
    assert seeded > 0
    with transaction(warm_database) as session:
        add_deal(actor=EDITOR, session=session, deal_in=deal_data())
    assert data.overview(DealFilters()).total.deals == seeded  # served from the cache
    data.note_version()  # what every click does first: the write bumped the version
    assert data.overview(DealFilters()).total.deals == seeded + 1


def test_warm_up_reads_the_overview_headline_before_the_first_visitor(
    warm_database: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    launch.warm_up()
    data.note_version()
    reads: list[str] = []
    monkeypatch.setattr(units, "units_totals", lambda *args: reads.append("units"))
    monkeypatch.setattr(usd, "usd_totals", lambda *args, **kwargs: reads.append("usd"))
    # Called as the Overview's headline calls them (measures.honest_headline).
    assert data.units_lines(DealFilters())
    assert data.usd_report(DealFilters(), None, None).lines
    assert reads == []
