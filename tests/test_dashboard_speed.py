# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
"""What a filter change costs the server (issue #10, speed): the Deals page reads its
value headlines with the rest of its figures, at once, instead of after them; the server
leaves what it loaded before serving out of the collection that follows every run."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.web import cli as streamlit_cli
from test_dashboard_editing import APP, _open, _plain, _signed_in, app_engine  # noqa: F401

from dashboard import data, launch

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def _count_value_reads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Calls of the Deals page's separate value read (data.usd_report) from now on."""
    calls: list[Any] = []
    read = data.usd_report

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return read(*args, **kwargs)

    monkeypatch.setattr(data, "usd_report", counted)
    return calls


def test_a_filter_change_reads_the_value_headline_with_the_deals_view(
    app_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(_signed_in(None), "deals")
    assert "in 2025 dollars" in _plain(at.caption)
    calls = _count_value_reads(monkeypatch)
    at.multiselect(key="f_statuses").set_value(["delivered"]).run()
    assert not at.exception, at.exception
    assert "in 2025 dollars" in _plain(at.caption)
    assert calls == []  # no second, sequential read after the view's


def test_a_base_year_from_a_link_still_sets_the_value_headline(app_engine: Engine) -> None:
    # The first run draws the switch (which takes the link's base year) after the view
    # was read at the default one: the headline must still use the link's year.
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["base"] = "2020"
    at.switch_page("app_pages/deals.py").run()
    assert not at.exception, at.exception
    captions = _plain(at.caption)
    assert "in 2020 dollars" in captions and "in 2025 dollars" not in captions


def test_the_server_freezes_what_the_warm_up_loaded(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    # The warm-up runs beside the starting server (dashboard.launch); the collection
    # freeze follows it, whenever the server started.
    monkeypatch.setattr(launch, "_warming", threading.Event())
    monkeypatch.setattr(launch, "_warmed", threading.Event())
    steps: list[str] = []
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.chdir(launch.PROJECT_ROOT)
    monkeypatch.setattr(launch, "warm_up", lambda: steps.append("warm up"))
    monkeypatch.setattr(gc, "freeze", lambda: steps.append("freeze"))
    monkeypatch.setattr(streamlit_cli, "main", lambda: steps.append("serve"))
    assert launch.run(headless=True) == 0
    assert launch._warmed.wait(10)
    assert "serve" in steps and steps.index("warm up") < steps.index("freeze")
