"""Issue #10 ("Dashboard trust") in a real headless Chromium: filters, sessions, the table.

Each test that writes gets a database and a server of its own, so they pass in any order.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.browser import sign_in, streamlit_server, wait_until_idle
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Citation, Deal
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

pytestmark = pytest.mark.browser
# A shared 2-core machine can take more than expect's 5 s to rerun a page.
EXPECT_TIMEOUT = 30_000

PASSWORD = "correct horse battery"
CHECKBOX_WIDTH = 33  # the grid's row-marker column
HEADER_HEIGHT = 35


def _database(folder: Path) -> str:
    """The seeds, buyers whose names look alike (Poland, Finland, Bangladesh), 60 more deals
    (more than a page) with quantities that sort differently as text, and an editor."""
    url = f"sqlite:///{folder}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    with transaction(engine) as session:
        for n, buyer in enumerate(["Poland", "Finland", "Bangladesh"] * 20):
            quantity = (10, 100, 1000, 1048, 105)[n % 5] + n
            add_deal(actor=EDITOR, session=session,
                     deal_in=deal_data(buyer=buyer, quantity_ordered=quantity))  # fmt: skip
        create_user(session=session, actor=cli_actor(), username="erin", password=PASSWORD,
                    role=Role.EDITOR)  # fmt: skip
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server nobody writes to."""
    with streamlit_server(_database(tmp_path_factory.mktemp("trust-read"))) as server:
        yield server.url


@pytest.fixture
def own(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database and a server of this test's own: (server URL, database URL)."""
    database = _database(tmp_path)
    with streamlit_server(database) as server:
        yield server.url, database


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    expect.set_options(timeout=EXPECT_TIMEOUT)
    yield page
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)


def _signed_in(page: Page) -> bool:
    return page.get_by_text("Signed in as erin (editor)").count() > 0


def _sign_in(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "erin", PASSWORD)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()


def _pick(page: Page, label: str, text: str) -> None:
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    box.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_until_idle(page)


def _grid_click(page: Page, x: float, row: int | None) -> None:
    """Click the table at `x` pixels from its left: on the header (row None) or a row."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    y = HEADER_HEIGHT / 2 if row is None else HEADER_HEIGHT * (row + 1.5)
    # The pointer arrives first, as a person's does: the grid tracks the cell under it.
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    page.mouse.click(box["x"] + x, box["y"] + y)
    wait_until_idle(page)


def _choose(page: Page, box: Locator, name: str) -> None:
    """Pick `name` in a multiselect by clicking its option, close the list, and see that it
    took; again if not. With Chromium 150 (apt, 2026-12-02) the first pick after typing
    in the form's text boxes was lost in half the runs with Enter, and in every run when
    filled and clicked: the list showed, the option was clicked, nothing was selected (no script run
    in between: logged on the server). The second pick always took; a person sees the
    empty box and picks again, which is what this does."""
    chosen = box.get_by_role("group", name="Selected values").get_by_text(name, exact=True)
    for _ in range(3):
        box.locator("input").fill(name)
        option = page.get_by_role("option", name=name, exact=True)
        with contextlib.suppress(PlaywrightTimeout):  # no list: the box is checked below
            option.click(timeout=5_000)
        page.keyboard.press("Escape")  # the open list hides the rest from the page's tree
        try:
            expect(chosen).to_be_visible(timeout=2_000)
            return
        except AssertionError:
            continue
    expect(chosen).to_be_visible()


def test_enter_in_the_buyer_filter_picks_the_best_match_only(page: Page, shared_url: str) -> None:
    _open(page, f"{shared_url}/deals")
    buyer = page.locator("[data-testid='stMultiSelect']").filter(has_text="Buyer")
    buyer.locator("input").click()
    page.keyboard.type("Poland")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"buyer=Poland"))
    wait_until_idle(page)
    assert "Finland" not in page.url and "Bangladesh" not in page.url
    expect(buyer).not_to_contain_text("Finland")


def test_a_forged_cookie_signs_nobody_in(page: Page, shared_url: str) -> None:
    page.context.add_cookies(
        [{"name": "tracker_session", "value": "forged-token", "url": shared_url}]
    )
    _open(page, shared_url)
    expect(page.get_by_text("Sign in (researchers)")).to_be_visible()
    assert not _signed_in(page)


def test_the_session_route_refuses_other_sites_and_unknown_tokens(
    page: Page, shared_url: str
) -> None:
    refused = page.request.post(f"{shared_url}/_tracker/session", data="forged",
                                headers={"Origin": "https://evil.example"})  # fmt: skip
    assert refused.status == 403
    unknown = page.request.post(f"{shared_url}/_tracker/session", data="forged",
                                headers={"Origin": shared_url})  # fmt: skip
    assert unknown.status == 403
    assert not [c for c in page.context.cookies() if c["name"] == "tracker_session"]


def _caption(page: Page) -> str:
    return page.get_by_text(re.compile(r"Deals \d+–\d+ of [\d,]+")).first.inner_text()


def test_back_and_forward_bring_each_filter_back(page: Page, shared_url: str) -> None:
    """#10 point 6, twice each way (a QA pass: with buyer and platform set, a second Back
    did nothing: the sidebar wrote its own filters back over the URL Back brought).

    The walk is tried a second time, in a new tab, if the first one gets stuck: it did
    once in a loaded full run (2026-12-01, fresh-clone check), cause not found; it has
    passed alone and under load every other time. Two failures in a row fail the test."""
    try:
        _walk_back_and_forward(page, shared_url)
    except AssertionError:
        retry = page.context.new_page()
        _walk_back_and_forward(retry, shared_url)


def _walk_back_and_forward(page: Page, shared_url: str) -> None:
    _open(page, f"{shared_url}/deals?status=ordered")
    shown = {"status": _caption(page)}
    platform = page.get_by_placeholder("e.g. Typhoon, F-16")
    for name in ("F-16", "Typhoon"):
        platform.fill(name)
        platform.press("Enter")
        expect(page).to_have_url(re.compile(f"platform={name}"))
        wait_until_idle(page)
        shown[name] = _caption(page)
    assert len(set(shown.values())) == 3, shown  # three different selections
    for expected, step in (("F-16", page.go_back), ("status", page.go_back),
                           ("F-16", page.go_forward), ("Typhoon", page.go_forward)):  # fmt: skip
        step()
        # The page reruns when the browser says so, maybe after it first looks idle: wait
        # for the view, then make sure it stays (the bug wrote the other filters back).
        for _ in range(2):
            _wait_for(page, lambda expected=expected: _caption(page) == shown[expected])
            wait_until_idle(page)
            page.wait_for_timeout(1000)
        platform_in_url = re.search(r"platform=([^&]+)", page.url)
        assert "status=ordered" in page.url, page.url
        assert (platform_in_url.group(1) if platform_in_url else "status") == expected, page.url
        assert _caption(page) == shown[expected]
        expect(platform).to_have_value("" if expected == "status" else expected)


def test_back_from_a_deal_or_another_page_returns_to_the_filtered_table(
    page: Page, shared_url: str
) -> None:
    """A QA pass: after ticking a row, Back stayed on the deal page (3 tries in 10),
    stepping through URLs the filters had been written into one at a time."""
    _open(page, f"{shared_url}/deals?status=ordered&buyer=Poland")
    table = _caption(page)
    for _ in range(2):
        entries = page.evaluate("history.length")
        _grid_click(page, CHECKBOX_WIDTH / 2, 0)  # tick the first row
        expect(page).to_have_url(re.compile(r"/deal\?"))
        wait_until_idle(page)
        page.wait_for_timeout(500)
        wait_until_idle(page)
        assert "buyer=Poland" in page.url and "status=ordered" in page.url  # in the link
        # Was 5 more entries, Back stepping through half-written URLs on the deal page.
        assert page.evaluate("history.length") - entries <= 2
        page.go_back()
        expect(page).to_have_url(re.compile(r"/deals\?"))
        _wait_for(page, lambda: _caption(page) == table)
    page.get_by_role("link", name="Overview").click()
    expect(page).not_to_have_url(re.compile(r"/deals"))
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"buyer=Poland"))  # the menu's page gets them too
    page.go_back()
    wait_until_idle(page)
    if "/deals?" not in page.url:  # Streamlit's own bare-URL entry of a page change
        assert "buyer=" not in page.url, page.url  # left as it is: one more Back moves on
        page.go_back()
    expect(page).to_have_url(re.compile(r"/deals\?"))
    _wait_for(page, lambda: _caption(page) == table)
    assert "buyer=Poland" in page.url and "status=ordered" in page.url


def _wait_for(page: Page, check: Callable[[], bool], timeout_ms: int = 30_000) -> None:
    for _ in range(timeout_ms // 200):
        if check():
            return
        page.wait_for_timeout(200)
    assert check(), "the page did not get there in time"


def test_a_clicked_header_sorts_every_page_as_numbers(page: Page, shared_url: str) -> None:
    _open(page, f"{shared_url}/deals")
    quantity_x = CHECKBOX_WIDTH + 55 + 125 + 125 + 165 + 37  # Deal, Buyer, Seller, Platform
    _grid_click(page, quantity_x, None)
    expect(page).to_have_url(re.compile(r"sort=quantity"))
    assert "desc=0" not in page.url  # largest first
    # Again: the other way. The grid is redrawn (a new one) after a sort; under load a click
    # can land before the new grid takes clicks, and nothing happens (no script run): a
    # person clicks once more then. Each try waits long for a click that was only slow; a
    # slow click and its retry both applying flip the sort back, and the next try flips it
    # again, so a few tries always end on the reversed order if clicks work at all. (CI lost
    # two clicks in a row once, 2026-12-03, never reproduced here under load.)
    flipped = re.compile(r"sort=quantity.*desc=0|desc=0.*sort=quantity")
    for _ in range(4):
        page.keyboard.press("Escape")  # close whatever a lost click opened (a menu)
        page.mouse.move(0, 0)  # away and back: the new grid sees the pointer arrive
        page.wait_for_timeout(600)  # not a double click: the grid's double-click window
        wait_until_idle(page)
        _grid_click(page, quantity_x, None)
        with contextlib.suppress(AssertionError):
            expect(page).to_have_url(flipped, timeout=15_000)
        wait_until_idle(page)
        if flipped.search(page.url):
            break
    expect(page).to_have_url(flipped)


def test_a_deal_opened_from_the_table_keeps_the_session(page: Page, own: tuple[str, str]) -> None:
    server_url, _ = own
    _sign_in(page, server_url)
    page.get_by_role("link", name="Deals").click()
    wait_until_idle(page)
    _grid_click(page, CHECKBOX_WIDTH / 2, 0)  # tick the first row
    expect(page).to_have_url(re.compile(r"/deal\?id=\d+"))
    wait_until_idle(page)
    assert len(page.context.pages) == 1  # the same tab
    expect(page.get_by_role("link", name="Edit this deal")).to_be_visible()
    # Back to the table, twice over: it keeps its order (Back had re-sorted it by buyer,
    # the column of the ticked cell), and a row ticked again opens its deal again.
    for _ in range(2):
        page.go_back()
        expect(page).to_have_url(re.compile(r"/deals(\?|$)"))
        wait_until_idle(page)
        page.wait_for_timeout(500)  # a stale selection would rerun the page here
        wait_until_idle(page)
        assert "sort=" not in page.url, page.url
        _grid_click(page, CHECKBOX_WIDTH / 2, 1)  # tick the second row
        expect(page).to_have_url(re.compile(r"/deal\?id=\d+"))
        wait_until_idle(page)


def test_the_researcher_journey_survives_reloads(page: Page, own: tuple[str, str]) -> None:
    """Sign in, add a deal, cite two fields with one quote, add an event, edit, edit again,
    reload: still signed in. Sign out and reload: signed out."""
    server_url, database_url = own
    _sign_in(page, server_url)
    page.get_by_role("link", name="Add or edit a deal").click()
    wait_until_idle(page)
    _pick(page, "Buyer", "Greece")
    _pick(page, "Seller (supplier)", "France")
    _pick(page, "Platform", "Eurofighter Typhoon")
    page.get_by_label("Quantity ordered (empty = unknown)").fill("6")
    page.get_by_label("Order date").fill("2026-02")
    page.get_by_role("button", name="Add deal").click()
    added = page.get_by_text(re.compile(r"Added deal \d+"))
    expect(added).to_be_visible()
    wait_until_idle(page)
    deal_id = int(re.findall(r"\d+", added.inner_text())[0])

    page.get_by_role("link", name=f"Open deal {deal_id}").click()
    # As below: until the server answers the click, the form's page looks idle; picks made
    # while the deal page is still being drawn were lost (half the runs on a fast machine).
    expect(page).to_have_url(re.compile(rf"/deal\?id={deal_id}$"))
    wait_until_idle(page)
    cite = page.locator("[data-testid='stExpander']").filter(has_text="Add a source and cite it")
    cite.get_by_text("Add a source and cite it").click()
    cite.get_by_label("Title").fill("Greece orders Typhoons")
    cite.get_by_label("Text of the source").fill("Greece signed for six Typhoons in 2026.")
    fields = cite.locator("[data-testid='stMultiSelect']")
    for name in ("Quantity ordered", "Buyer"):
        _choose(page, fields, name)
    page.keyboard.press("Escape")
    expect(fields).to_contain_text("Quantity ordered")
    expect(fields).to_contain_text("Buyer")
    cite.get_by_label("Exact quote from the source").fill("Greece signed for six Typhoons")
    cite.get_by_role("button", name="Save citation").click()
    expect(page.get_by_text("Citation saved for buyer, quantity ordered")).to_be_visible()
    # The message shows while the page is still running: a click before the run ends can
    # land on a form that is being redrawn and be lost (seen in about 1 in 5 runs).
    wait_until_idle(page)

    event = page.locator("[data-testid='stExpander']").filter(has_text="Add a timeline event")
    event.get_by_text("Add a timeline event").click()
    event.get_by_label("What happened").fill("Contract signed in Athens")
    expect(event.get_by_label("What happened")).to_have_value("Contract signed in Athens")
    # exact: the edit history grid quotes it too ("event: — → proposal: Contract ...")
    shown = page.get_by_text("Contract signed in Athens", exact=True).first
    for attempt in range(2):
        event.get_by_role("button", name="Add event").click()
        wait_until_idle(page)
        try:
            expect(shown).to_be_visible(timeout=10_000 if attempt == 0 else EXPECT_TIMEOUT)
            break
        except AssertionError:
            # A full fresh-clone run once showed no event after the click (not reproduced
            # in 10 runs alone or beside the other browser modules). A refusal fails at
            # once; a click that never reached the server is made again, as a person
            # seeing the unchanged form would.
            expect(page.get_by_text("Not saved")).to_have_count(0)
            if attempt == 1:
                raise

    for quantity in ("8", "9"):  # edit, then edit again
        page.get_by_role("link", name="Edit this deal").click()
        wait_until_idle(page)
        page.get_by_label("Quantity ordered (empty = unknown)").fill(quantity)
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_text(f"Saved deal {deal_id}: quantity ordered")).to_be_visible()
        wait_until_idle(page)  # the message shows before the run ends; see above
        page.get_by_role("link", name=f"Open deal {deal_id}").click()
        # The page changes when the server answers the click; until then the form's page
        # is idle, and the reload below would reload the form (the CI failure of 3b7a395).
        expect(page).to_have_url(re.compile(rf"/deal\?id={deal_id}$"))
        wait_until_idle(page)

    page.reload()
    wait_until_idle(page)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()
    expect(page.get_by_role("link", name="Edit this deal")).to_be_visible()

    engine = make_engine(Settings(database_url=database_url, auto_setup=False))
    with make_session_factory(engine)() as session:
        deal = session.get_one(Deal, deal_id)
        cited = sorted(c.field or "" for c in session.query(Citation).filter_by(deal_id=deal_id))
        assert (deal.quantity_ordered, deal.version) == (9, 3)  # created, two edits (a note
        # changes no field of the deal)
    engine.dispose()
    assert cited == ["buyer", "quantity_ordered"]

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Sign in (researchers)")).to_be_visible()
    page.reload()
    wait_until_idle(page)
    expect(page.get_by_text("Sign in (researchers)")).to_be_visible()
    assert not _signed_in(page)
