"""The researcher's editing journey in a real headless Chromium, on a database of its own.

Issue #10, point 1: opening the deal form a second time in one browser session showed an
empty form, and saving it wiped a delivered deal. This walks that exact path, twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.browser import sign_in, streamlit_server, wait_until_idle
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.read.editable import form_values
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Deal
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-editing')}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    with transaction(engine) as session:
        create_user(session=session, actor=cli_actor(), username="erin",
                    password=PASSWORD, role=Role.EDITOR)  # fmt: skip
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def server_url(database_url: str) -> Iterator[str]:
    with streamlit_server(database_url) as server:
        yield server.url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    # A save reruns the page; on a loaded CI machine that took over expect's default 5 s.
    expect.set_options(timeout=30_000)
    yield page
    context.close()


def _stored(database_url: str, deal_id: int) -> tuple[int, dict[str, Any]]:
    engine = make_engine(Settings(database_url=database_url, auto_setup=False))
    try:
        with make_session_factory(engine)() as session:
            deal = session.get_one(Deal, deal_id)
            return deal.version, form_values(deal)
    finally:
        engine.dispose()


def _sign_in(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "erin", PASSWORD)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()


def _pick(page: Page, label: str, value: str) -> None:
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    box.click()
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def _add_delivered_deal(page: Page, order_date: str) -> int:
    """Add a delivered deal; each test gives its own order date, since the module's tests
    share one database and an identical deal is (rightly) held back with a warning."""
    page.get_by_role("link", name="Add or edit a deal").click()
    wait_until_idle(page)
    for label, value in (("Buyer", "Greece"), ("Seller (supplier)", "France"),
                         ("Platform", "Eurofighter Typhoon"), ("Status", "delivered")):  # fmt: skip
        _pick(page, label, value)
    page.get_by_label("Quantity ordered (empty = unknown)").fill("5")
    page.get_by_label("Quantity delivered (empty = unknown)").fill("5")
    page.get_by_label("Order date").fill(order_date)
    page.get_by_label("First delivery").fill("2022")
    page.get_by_label("Last delivery").fill("2023")
    page.get_by_label("Notes").fill("five jets, all delivered")
    page.get_by_role("button", name="Add deal").click()
    added = page.get_by_text(re.compile(r"Added deal \d+"))
    expect(added).to_be_visible()
    wait_until_idle(page)
    match = re.search(r"Added deal (\d+)", added.inner_text())
    assert match is not None
    return int(match.group(1))


def test_opening_the_form_again_shows_the_stored_deal_and_saving_keeps_it(
    page: Page, server_url: str, database_url: str
) -> None:
    """Add a deal → open it → Edit this deal → save, twice: nothing is wiped."""
    _sign_in(page, server_url)
    deal_id = _add_delivered_deal(page, "2020-03")
    before = _stored(database_url, deal_id)
    assert before[1]["quantity_delivered"] == 5 and before[1]["status"] == "delivered"
    for _ in range(2):
        page.get_by_role("link", name=f"Open deal {deal_id}").click()
        wait_until_idle(page)
        page.get_by_role("link", name="Edit this deal").click()
        wait_until_idle(page)
        expect(page.get_by_label("Quantity ordered (empty = unknown)")).to_have_value("5")
        expect(page.get_by_label("Quantity delivered (empty = unknown)")).to_have_value("5")
        expect(page.get_by_label("Notes")).to_have_value("five jets, all delivered")
        expect(page.get_by_label("Order date")).to_have_value("2020-03")
        form = page.get_by_test_id("stMainBlockContainer")
        expect(form.get_by_role("combobox", name="Status")).to_have_value("delivered")
        expect(form.get_by_role("combobox", name="Buyer")).to_have_value(re.compile("^Greece"))
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_text("No changes to save.")).to_be_visible()
    assert _stored(database_url, deal_id) == before


def test_clearing_fields_asks_for_confirmation_first(
    page: Page, server_url: str, database_url: str
) -> None:
    _sign_in(page, server_url)
    deal_id = _add_delivered_deal(page, "2019-06")
    page.get_by_role("link", name=f"Open deal {deal_id}").click()
    wait_until_idle(page)
    page.get_by_role("link", name="Edit this deal").click()
    wait_until_idle(page)
    page.get_by_label("Notes").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("this would clear notes")).to_be_visible()
    assert _stored(database_url, deal_id)[1]["notes"] == "five jets, all delivered"
    page.get_by_role("button", name="Clear notes and save").click()
    expect(page.get_by_text(re.compile(rf"Saved deal {deal_id}: notes"))).to_be_visible()
    assert _stored(database_url, deal_id)[1]["notes"] is None
