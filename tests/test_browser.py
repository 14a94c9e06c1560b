"""Key journeys in a real headless Chromium against a real Streamlit server."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.browser import sign_in, streamlit_server, wait_until_idle
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.exports import export_bytes
from tracker.read.filters import DealFilters
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

pytestmark = pytest.mark.browser

EDITOR_PASSWORD = "correct horse battery"
EVIL_NOTE = "<script>window.__xss = 1</script><img src=x onerror='window.__xss = 2'> =HYPERLINK(1)"


def _database(folder: Path) -> tuple[str, int]:
    """A seeded database with a deal whose notes hold markup, and an editor."""
    url = f"sqlite:///{folder}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    with transaction(engine) as session:
        evil = add_deal(
            actor=EDITOR, session=session, deal_in=deal_data(notes=EVIL_NOTE, seller="Germany")
        )
        create_user(session=session, actor=cli_actor(), username="erin",
                    password=EDITOR_PASSWORD, role=Role.EDITOR)  # fmt: skip
        evil_id = evil.id
    engine.dispose()
    return url, evil_id


# Tests that only read share one server whose database nobody writes to; a test that
# writes gets a database and a server of its own. So the tests pass in any order.


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    return _database(tmp_path_factory.mktemp("browser-read-only"))


@pytest.fixture(scope="module")
def database_url(read_only: tuple[str, int]) -> str:
    return read_only[0]


@pytest.fixture(scope="module")
def server_url(database_url: str) -> Iterator[str]:
    with streamlit_server(database_url) as server:
        yield server.url


@pytest.fixture
def own_server_url(tmp_path: Path) -> Iterator[str]:
    url, _ = _database(tmp_path)
    with streamlit_server(url) as server:
        yield server.url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)


def _sign_in(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "erin", EDITOR_PASSWORD)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()


def test_deals_link_shows_typhoon_totals_by_seller(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/deals?buyer=Turkey&platform=Typhoon")
    strip = page.get_by_text(
        "Eurofighter Typhoon (3 deals, all to Turkey): 44 = 20 from United Kingdom in 2025"
    )
    expect(strip).to_be_visible()
    expect(strip).to_contain_text("12 from Qatar (second-hand, negotiating, year unknown)")
    expect(strip).to_contain_text("12 from Oman (second-hand, negotiating, year unknown)")


def test_filter_change_updates_url_and_reload_restores_view(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/deals?buyer=Turkey&platform=Typhoon")
    status = page.locator("[data-testid='stMultiSelect']").filter(has_text="Status")
    status.locator("input").click()
    page.keyboard.type("negotiating")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"status=negotiating"))
    expect(
        page.get_by_text("Eurofighter Typhoon (2 deals, all to Turkey, second-hand): 24 = 12")
    ).to_be_visible()
    shared_link = page.url
    page.reload()
    wait_until_idle(page)
    assert page.url == shared_link
    expect(
        page.get_by_text("Eurofighter Typhoon (2 deals, all to Turkey, second-hand): 24 = 12")
    ).to_be_visible()
    expect(status).to_contain_text("negotiating")


def test_the_breakdown_shows_its_counts_when_opened(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/deals?buyer=Turkey&platform=Typhoon")
    counts = page.get_by_role("columnheader", name="deals", exact=True)
    expect(counts).to_have_count(0)  # closed: not counted, not drawn
    page.get_by_text("Breakdown of these deals").click()
    wait_until_idle(page)
    expect(counts).to_have_count(4)  # buyers, sellers, categories, statuses
    expect(page.get_by_role("cell", name="Oman", exact=True)).to_be_visible()


def test_downloaded_csv_parses_back_to_the_same_rows(
    page: Page, server_url: str, database_url: str, tmp_path: Path
) -> None:
    _open(page, f"{server_url}/deals?buyer=Turkey&platform=Typhoon")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    saved = tmp_path / "download.csv"
    download_info.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted((r["seller"], r["quantity"]) for r in rows) == [
        ("Oman", "12"), ("Qatar", "12"), ("United Kingdom", "20"),
    ]  # fmt: skip
    engine = make_engine(Settings(database_url=database_url, auto_setup=False))
    with make_session_factory(engine)() as session:
        expected = export_bytes(
            session, DealFilters(buyers=("Turkey",), platforms=("Typhoon",)), "csv"
        )
    assert list(csv.DictReader(io.StringIO(expected.decode("utf-8-sig")))) == rows


def test_script_in_notes_renders_as_text(
    page: Page, server_url: str, read_only: tuple[str, int]
) -> None:
    _open(page, f"{server_url}/deal?id={read_only[1]}")  # the deal added with EVIL_NOTE
    expect(page.get_by_text("<script>window.__xss = 1</script>", exact=False)).to_be_visible()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("script:has-text('__xss')").count() == 0
    assert page.locator("img[src='x']").count() == 0


def test_overview_renders_headline_figures(page: Page, server_url: str) -> None:
    _open(page, server_url)
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Deals")
    expect(metric).to_contain_text("8")


def test_import_page_previews_then_imports_a_sipri_register(
    page: Page, own_server_url: str
) -> None:
    server_url = own_server_url  # it writes: a database of its own
    register = Path(__file__).parent / "fixtures" / "sipri" / "deals-utf8-lf.csv"
    _sign_in(page, server_url)
    page.get_by_role("link", name="Import").click()
    wait_until_idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(register)
    preview = page.locator("[data-testid='stMetric']").filter(has_text="New deals")
    expect(preview).to_contain_text("9")
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Matched")).to_contain_text("1")
    expect(page.get_by_text("2 fields of stored deals disagree")).to_be_visible()
    wait_until_idle(page)  # a click while the page still runs can be lost
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("imported 9 new deals, 1 matched to stored deals")).to_be_visible()
    page.goto(f"{server_url}/deal?id=1")
    wait_until_idle(page)
    expect(page.get_by_text("Sources disagree")).to_be_visible()
    expect(page.get_by_text("this deal says 4 units")).to_be_visible()


def test_editor_signs_in_adds_edits_sees_history_and_signs_out(
    page: Page, own_server_url: str
) -> None:
    server_url = own_server_url  # it writes: a database of its own
    _sign_in(page, server_url)
    page.get_by_role("link", name="Add or edit a deal").click()
    wait_until_idle(page)
    for label, value in (("Buyer", "Greece"), ("Seller (supplier)", "France"),
                         ("Platform", "Eurofighter Typhoon")):  # fmt: skip
        box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
        box.click()
        page.keyboard.type(value)
        page.keyboard.press("Enter")
    page.get_by_label("Quantity ordered (empty = unknown)").fill("6")
    page.get_by_label("Order date").fill("2026-02")
    page.get_by_role("button", name="Add deal").click()
    expect(page.get_by_text(re.compile(r"Added deal \d+"))).to_be_visible()
    wait_until_idle(page)

    page.get_by_label("Quantity ordered (empty = unknown)").fill("8")
    page.get_by_label("Why (for the edit history)").fill("six was a typo")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(re.compile(r"Saved deal \d+: quantity ordered"))).to_be_visible()
    wait_until_idle(page)
    page.get_by_role("link", name=re.compile(r"Open deal \d+")).click()
    wait_until_idle(page)
    expect(page.get_by_text("Edit history")).to_be_visible()
    history = page.locator("[data-testid='stDataFrame']").first
    expect(history).to_be_visible()
    assert "Edit this deal" in page.content()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Sign in (researchers)")).to_be_visible()
    # Streamlit keeps the previous run's elements (stale) until the rerun replaces them:
    # wait for the script to finish, then for the edit link to be gone.
    wait_until_idle(page)
    expect(page.get_by_text("Edit this deal")).to_have_count(0)
