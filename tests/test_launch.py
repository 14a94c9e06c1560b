"""The dashboard's warm-up: what the first visitor sees is computed before the server runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine

from dashboard import data, launch
from tracker.db import transaction
from tracker.queries import DealFilters
from tracker.services import create_deal

from factories import deal_data


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


def test_warm_up_caches_the_overview_until_a_write_clears_it(
    warm_database: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    launch.warm_up()
    assert "No runtime found" not in caplog.text  # the warm-up's own calls are quiet
    seeded = data.overview(DealFilters()).total.deals
    assert seeded > 0
    with transaction(warm_database) as session:
        create_deal(session=session, deal_in=deal_data())
    assert data.overview(DealFilters()).total.deals == seeded  # served from the cache
    st.cache_data.clear()  # what every dashboard write does
    assert data.overview(DealFilters()).total.deals == seeded + 1
