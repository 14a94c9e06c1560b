"""The measure switch in a real Chromium (issue #13): a shared link opens the SIPRI TIV
view, and the choice stays in the address bar through a reload and a page change."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from test_browser import page  # noqa: F401  (a fixture)
from test_dashboard_sipri import BMP, PUMA
from test_sipri_releases import deals, transfers

from benchmarks.browser import streamlit_server, wait_until_idle
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.imports.pipeline import import_data
from tracker.read.tiv import TIV_LABEL
from tracker.store.db import make_engine, transaction
from tracker.store.setup import prepare_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sipri_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Seeds plus two SIPRI registers (one of each layout); nobody writes to it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('measures')}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    for data in (deals([PUMA]), transfers(BMP)):
        with transaction(engine) as session:
            import_data(session=session, actor=cli_actor(), data=data, filename="register.csv")
    engine.dispose()
    with streamlit_server(url) as server:
        yield server.url


def _open(browser_page: Page, url: str) -> None:
    browser_page.goto(url)
    wait_until_idle(browser_page)


def test_a_tiv_link_shows_the_sipri_view_and_keeps_it(page: Page, sipri_server: str) -> None:  # noqa: F811
    _open(page, f"{sipri_server}/?measure=tiv")
    expect(page.get_by_role("heading", name=f"{TIV_LABEL} by delivery year")).to_be_visible()
    expect(page.get_by_role("link", name="Methodology", exact=True)).to_have_attribute(
        "href", re.compile(r"sipri\.org")
    )
    exporters = page.locator("[data-testid='stDataFrame']").first
    expect(exporters).to_be_visible()
    expect(page.get_by_text("Top exporters")).to_be_visible()
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    page.reload()
    wait_until_idle(page)
    assert "measure=tiv" in page.url
    expect(page.get_by_role("heading", name=f"{TIV_LABEL} by delivery year")).to_be_visible()
    wait_until_idle(page)
    page.get_by_role("link", name="Deals").first.click()
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"/deals\?.*measure=tiv"))
    expect(
        page.get_by_text("SIPRI TIV (millions): SIPRI's trend-indicator value").first
    ).to_be_visible()
