"""The dashboard's warm-up: what the first visitor sees is computed before the server runs."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine, func, select

from dashboard import data, launch
from tracker.config import Settings
from tracker.read import units, usd
from tracker.read.filters import DealFilters
from tracker.read.version import data_version
from tracker.store.db import make_engine, transaction
from tracker.store.models import Deal
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


@pytest.fixture
def fresh_warm_up_state() -> Iterator[None]:
    """The launcher's events are per process: leave them as found."""
    yield
    launch._warming.clear()
    launch._warmed.clear()


def test_a_script_run_waits_for_the_background_warm_up(fresh_warm_up_state: None) -> None:
    launch.wait_for_warm_up()  # no warm-up started (AppTest, `streamlit run`): at once
    launch._wait_until = time.monotonic() + 30
    launch._warming.set()
    finished: list[float] = []
    visitor = threading.Thread(target=lambda: (launch.wait_for_warm_up(), finished.append(1)))
    visitor.start()
    visitor.join(timeout=0.3)
    assert finished == []  # still waiting: the warm-up has not finished
    launch._warmed.set()
    visitor.join(timeout=5)
    assert finished == [1]


def test_a_stuck_warm_up_stops_delaying_visitors_at_its_deadline(
    fresh_warm_up_state: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A warm-up stuck on a lock must not hold every rerun for the whole wait, one after
    # another: past the deadline set when it started, runs go on at once.
    monkeypatch.setattr(launch, "_wait_until", time.monotonic() + 0.2)
    launch._warming.set()
    started = time.monotonic()
    launch.wait_for_warm_up()
    launch.wait_for_warm_up()
    assert 0.15 < time.monotonic() - started < 2


def test_a_failed_warm_up_lets_visitors_in_and_says_why(
    fresh_warm_up_state: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(launch, "warm_up", broken)
    monkeypatch.setattr(launch.gc, "freeze", lambda: None)  # keep this test process's GC
    launch._warming.set()
    launch._warm_up_in_background()
    assert launch._warmed.is_set()
    assert "disk on fire" in capsys.readouterr().err


def test_the_launch_opens_the_database_before_serving_and_warms_up_beside_it(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, fresh_warm_up_state: None
) -> None:
    served: list[list[str]] = []
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.setattr(launch.os, "chdir", lambda path: None)
    monkeypatch.setattr(launch, "_warm_up_in_background", lambda: launch._warmed.set())
    monkeypatch.setattr(launch.streamlit_cli, "main", lambda: served.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert launch.run(port=8765, headless=True) == 0
    assert served and served[0][:3] == ["streamlit", "run", str(launch.APP)]
    assert served[0][3:5] == ["--server.fileWatcherType", "none"]
    assert launch._warmed.wait(5)
    # The database was set up before the server ran: migrated and seeded.
    with make_engine(Settings(database_url=sqlite_url)).connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Deal)) > 0


def test_a_database_that_cannot_be_opened_stops_the_launch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_warm_up_state: None
) -> None:
    served: list[object] = []
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("a text file, not a database\n" * 100)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{not_a_database}")
    monkeypatch.setattr(launch.os, "chdir", lambda path: None)
    monkeypatch.setattr(launch.streamlit_cli, "main", lambda: served.append(1))
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, it stops here
        launch.run()
    assert served == [] and not launch._warming.is_set()
