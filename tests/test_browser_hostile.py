"""A hostile link fetches nothing in a real Chromium (issue #14 point 1).

A link such as `/?buyer=![x](http://host/p.png) **Session expired** [sign in
again](http://host/phish)` once showed a bold fake message and a working link, and made the
browser fetch the image. Here `host` is a small HTTP server of the test's own that records
every request: after each page has rendered, it has had none, Chromium has asked for
nothing there, no image or link points at it, and the text is shown as typed. Each test
has its own database and dashboard, so they pass in any order.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from benchmarks.browser import streamlit_server, wait_until_idle
from tracker.auth import Actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, transaction
from tracker.store.setup import prepare_database
from tracker.write.catalogue import add_party, add_platform
from tracker.write.deals import add_deal

from factories import deal_data

pytestmark = pytest.mark.browser

ADMIN = Actor("ada", Role.ADMIN)


class Trap:
    """An HTTP server on another port that records every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            do_HEAD = do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def hostile_texts(self) -> dict[str, str]:
        return {
            "markdown": f"![x]({self.origin}/p.png) **Session expired** "
            f"[sign in again]({self.origin}/phish)",
            "html": f"<img src={self.origin}/i.png> <a href={self.origin}/a>here</a>",
            "autolink": f"visit {self.origin}/auto now",
        }

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    server = Trap()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _trap_log_per_test(trap: Trap) -> None:
    trap.requests.clear()


@pytest.fixture(scope="module")
def plain_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server on the seeds for the hostile links (the tests only read)."""
    url, _ = _dashboard(tmp_path_factory.mktemp("hostile-links"))
    with streamlit_server(url) as server:
        yield server.url


@pytest.fixture(scope="module")
def hostile_dashboard(
    trap: Trap, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, int]]:
    """A server on the seeds and a deal whose stored names are hostile. Apart from the
    links' server: a known hostile name would make `/country?name=` a country page."""
    url, deal_id = _dashboard(tmp_path_factory.mktemp("hostile-names"), trap.hostile_texts())
    assert deal_id is not None
    with streamlit_server(url) as server:
        yield server.url, deal_id


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _dashboard(folder: Path, names: dict[str, str] | None = None) -> tuple[str, int | None]:
    """A seeded database of the test's own; with `names`, a deal whose seller, platform,
    programme and notes are those hostile texts."""
    url = f"sqlite:///{folder}/tracker.db"
    engine = make_engine(Settings(database_url=url))
    prepare_database(engine)
    deal_id = None
    if names:
        with transaction(engine) as session:
            add_party(session=session, actor=ADMIN,
                      party_in={"name": names["markdown"], "kind": "company"})  # fmt: skip
            platform_in = {"designation": names["html"], "category": "aircraft"}
            add_platform(session=session, actor=ADMIN, platform_in=platform_in)
            deal = add_deal(
                session=session, actor=ADMIN,
                deal_in=deal_data(seller=names["markdown"], platform=names["html"],
                                  programme=names["autolink"], notes=names["markdown"]),
            )  # fmt: skip
            deal_id = deal.id
    engine.dispose()
    return url, deal_id


def _visit(page: Page, url: str, trap: Trap) -> list[str]:
    """Open `url`, wait until the page has rendered; the requests Chromium made to the trap."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(url)
    wait_until_idle(page)
    page.wait_for_timeout(1_000)  # an image or prefetch would have been asked for by now
    return [address for address in asked if address.startswith(trap.origin)]


def _assert_inert(page: Page, trap: Trap, asked: list[str]) -> str:
    """Nothing fetched, no image or link to the trap, no bold fake message; the page text."""
    assert asked == [] and trap.requests == [], (asked, trap.requests)
    assert page.locator(f"img[src^='{trap.origin}']").count() == 0
    assert page.locator(f"a[href^='{trap.origin}']").count() == 0
    assert page.locator("img[src*='127.0.0.1']").count() == 0
    # The page's own bold may hold a whole name; bold made by the name holds only this.
    fake = page.locator("strong, b").filter(has_text=re.compile(r"^\s*Session expired\s*$"))
    assert fake.count() == 0
    return page.locator("[data-testid='stApp']").inner_text().replace("\u2060", "")


@pytest.mark.parametrize(
    ("path", "param"), [("/", "buyer"), ("/country", "name"), ("/deals", "from")]
)
def test_a_hostile_link_fetches_nothing_and_shows_its_text(
    page: Page, trap: Trap, plain_dashboard: str, path: str, param: str
) -> None:
    server_url = plain_dashboard
    hostile = trap.hostile_texts()["markdown"]
    query = urllib.parse.urlencode({param: hostile})
    asked = _visit(page, f"{server_url}{path}?{query}", trap)
    shown = _assert_inert(page, trap, asked)
    assert "**Session expired**" in shown  # literally, asterisks and all
    assert f"![x]({trap.origin}/p.png)" in shown


def test_hostile_stored_names_in_a_deal_heading_fetch_nothing(
    page: Page, trap: Trap, hostile_dashboard: tuple[str, int]
) -> None:
    server_url, deal_id = hostile_dashboard
    asked = _visit(page, f"{server_url}/deal?id={deal_id}", trap)
    shown = _assert_inert(page, trap, asked)
    assert "**Session expired**" in shown and f"<img src={trap.origin}/i.png>" in shown
    heading = page.locator("h1, h2, h3").filter(has_text="Session expired")
    assert heading.count() >= 1  # the seller's name is in the heading, as text
    assert "**Session expired**" in heading.first.inner_text()
    asked = _visit(page, f"{server_url}/deals?group=seller", trap)
    _assert_inert(page, trap, asked)
