"""Issue #15's journey in a real headless Chromium: a researcher pastes an article, checks
the deals found, corrects one, saves, opens the new deal, and pastes the same article
again to find it stored. The test has its own database and server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.browser import sign_in, streamlit_server, wait_until_idle
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Deal, Source
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
ARTICLE = (
    "Serbia has bought 12 French Rafale fighter jets in a deal worth 2.7 billion euros, "
    "President Aleksandar Vucic said on Thursday. Vietnam has ordered 12 Thunderbolt-7 "
    "coastal patrol boats from Israel's Elbit Systems for $150 million."
)


@pytest.fixture
def own(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    with transaction(engine) as session:
        create_user(session=session, actor=cli_actor(), username="erin", password=PASSWORD,
                    role=Role.EDITOR)  # fmt: skip
    engine.dispose()
    with streamlit_server(url) as server:
        yield server.url, url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)
    yield page
    context.close()


def _paste(page: Page) -> None:
    page.locator("input[aria-label='Title']:visible").fill("Two orders")
    page.locator("textarea[aria-label='Article text']:visible").fill(ARTICLE)
    page.get_by_role("button", name="Find deals").click()
    wait_until_idle(page)
    expect(page.get_by_text("2 deals found")).to_be_visible()


def _stored(database: str) -> tuple[int, int, list[int]]:
    engine = make_engine(Settings(database_url=database, auto_setup=False))
    try:
        with make_session_factory(engine)() as session:
            sources = session.query(Source).count()
            quantities = [d.quantity_ordered or 0 for d in session.query(Deal).order_by(Deal.id)]
            return sources, len(quantities), quantities
    finally:
        engine.dispose()


def test_a_researcher_adds_an_article_s_deals_and_finds_them_again(
    page: Page, own: tuple[str, str]
) -> None:
    server, database = own
    sources, deals, _ = _stored(database)
    sign_in(page, server, "erin", PASSWORD)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()
    page.get_by_role("link", name="Add from article").click()
    wait_until_idle(page)
    _paste(page)
    # The second deal's date is corrected before saving.
    expect(page.get_by_text("Serbia ← France: Rafale")).to_be_visible()
    date = page.get_by_role("textbox", name="Date").nth(1)
    date.fill("2025-09")
    date.press("Tab")
    page.get_by_role("button", name="Save the ticked deals").click()
    wait_until_idle(page)
    expect(page.get_by_text("Saved: 2 new deal(s), 0 stored deal(s)")).to_be_visible()
    assert _stored(database)[:2] == (sources + 1, deals + 2)
    assert _stored(database)[2][-2:] == [12, 12]
    # The new deal opens in this tab, signed in.
    page.get_by_role("link", name=f"Deal #{deals + 2}").click()
    wait_until_idle(page)
    expect(page.get_by_text("Thunderbolt-7").first).to_be_visible()
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()
    # The same article again: both deals are recognised, and saving adds a source only.
    page.get_by_role("link", name="Add from article").click()
    wait_until_idle(page)
    _paste(page)
    expect(page.get_by_text("Already stored as deal")).to_have_count(2)
    page.get_by_role("button", name="Save the ticked deals").click()
    wait_until_idle(page)
    expect(page.get_by_text("Saved: 0 new deal(s), 2 stored deal(s)")).to_be_visible()
    assert _stored(database)[:2] == (sources + 2, deals + 2)
