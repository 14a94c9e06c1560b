"""Two dashboard processes on one PostgreSQL server, driven by Chromium (issue #14).

As on a team server: two `tracker dashboard` processes (each with its own query cache)
share one PostgreSQL database. A reader has deal 1 open on server B, so B has cached it;
an editor signs in on server A and changes the deal's notes through the form; on B a
reload shows the new notes at once. Each process keys its cached results on the data
version every write bumps, so nothing waits for a cache to expire.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from benchmarks.browser import sign_in, streamlit_server, wait_until_idle
from dashboard.cookie import COOKIE
from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Deal
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user

from pgserver import PostgresServer

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

PASSWORD = "staple horse correct battery 7"
DEAL_ID = 1


@pytest.fixture(scope="module")
def team_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A migrated, seeded PostgreSQL database with an editor's account."""
    name = f"tracker_team_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    prepare_database(engine)
    with transaction(engine) as session:
        create_user(session=session, actor=cli_actor(), username="erin",
                    password=PASSWORD, role=Role.EDITOR)  # fmt: skip
    engine.dispose()
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture(scope="module")
def two_servers(team_url: str) -> Iterator[tuple[str, str]]:
    """Two dashboard processes on the one database (started one after the other: each
    warms its own cache up on start)."""
    with streamlit_server(team_url) as server_a, streamlit_server(team_url) as server_b:
        assert server_a.process.pid != server_b.process.pid
        yield server_a.url, server_b.url


def _page(browser: Browser) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    return page


def _signed_in(browser: Browser, server_url: str) -> Page:
    page = _page(browser)
    sign_in(page, server_url, "erin", PASSWORD)
    expect(page.get_by_text("Signed in as erin (editor)")).to_be_visible()
    _wait_for_sign_in_cookie(page)  # set by a fetch after the sign-in; a load needs it
    return page


def _wait_for_sign_in_cookie(page: Page, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not any(c["name"] == COOKIE for c in page.context.cookies()):
        assert time.monotonic() < deadline, "no sign-in cookie"
        page.wait_for_timeout(50)


def _notes(url: str) -> str | None:
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    try:
        with make_session_factory(engine)() as session:
            return session.get_one(Deal, DEAL_ID).notes
    finally:
        engine.dispose()


def test_an_edit_on_one_dashboard_shows_on_the_other_on_reload(
    chromium: Browser, two_servers: tuple[str, str], team_url: str
) -> None:
    server_a, server_b = two_servers
    marker = f"Checked against the ministry's annual report {uuid.uuid4().hex[:8]}"
    before = _notes(team_url)
    assert before is None or marker not in before

    # A reader has the deal open on server B: B has read (and cached) it without the note.
    reader = _page(chromium)
    reader.goto(f"{server_b}/deal?id={DEAL_ID}")
    wait_until_idle(reader)
    expect(reader.get_by_role("link", name="Edit this deal")).to_have_count(0)  # anonymous
    main_b = reader.get_by_test_id("stMainBlockContainer")
    expect(main_b.get_by_role("heading").first).to_be_visible()
    expect(main_b.get_by_text(marker)).to_have_count(0)

    # An editor signs in on server A and changes the deal's notes through the form.
    editor = _signed_in(chromium, server_a)
    editor.goto(f"{server_a}/deal?id={DEAL_ID}")
    wait_until_idle(editor)
    editor.get_by_role("link", name="Edit this deal").click()
    wait_until_idle(editor)
    editor.get_by_label("Notes").fill(marker)
    editor.get_by_role("button", name="Save changes").click()
    expect(editor.get_by_text(f"Saved deal {DEAL_ID}: notes")).to_be_visible()
    assert _notes(team_url) == marker  # stored by process A

    # Server B shows it on the next load, not after its cache expires.
    reader.reload()
    wait_until_idle(reader)
    # exact: the notes themselves; the deal's history table also quotes the change.
    notes_b = reader.get_by_test_id("stMainBlockContainer").get_by_text(marker, exact=True)
    expect(notes_b).to_be_visible(timeout=5_000)


def test_the_import_page_offers_the_configured_upload_limit(
    chromium: Browser, two_servers: tuple[str, str]
) -> None:
    """`tracker dashboard`, started from another directory (as `streamlit_server` does),
    serves with the checkout's .streamlit/config.toml: 100 MB, not Streamlit's 200."""
    page = _signed_in(chromium, two_servers[1])
    page.goto(f"{two_servers[1]}/import")
    wait_until_idle(page)
    dropzone = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    expect(dropzone).to_contain_text(re.compile(r"(^|\D)100MB per file"))
