"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from pgserver import PostgresServer, PostgresUnavailable, start_postgres

# ============================================================================
# PostgreSQL (see tests/pgserver.py). Tests using these fixtures must be marked
# @pytest.mark.postgres. Set TRACKER_TEST_POSTGRES_URL to use an existing server.
# ============================================================================


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One PostgreSQL server per test session (per xdist worker).

    Skips the requesting tests when no server can be started, except in CI (env CI=true),
    where the tests must run: there it fails them instead.
    """
    try:
        server = start_postgres(tmp_path_factory.mktemp("postgres"))
    except PostgresUnavailable as exc:
        reason = str(exc)
    else:
        reason = ""
    if reason:  # outside the except block, so the report shows no chained traceback
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"PostgreSQL is required in CI (CI=true): {reason}", pytrace=False)
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database, dropped after the test."""
    name = f"tracker_test_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


# ============================================================================
# end of PostgreSQL section
# ============================================================================


# ============================================================================
# Databases for the tracker: every test owns a fresh database file (or PG database).
# ============================================================================

from sqlalchemy import Engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from tracker.config import Settings  # noqa: E402
from tracker.store.db import make_engine, make_session_factory  # noqa: E402
from tracker.store.setup import prepare_database  # noqa: E402


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/tracker.db"


def _engine_for(url: str) -> Engine:
    return make_engine(Settings(database_url=url, auto_setup=False))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on each backend: the test runs once on SQLite, once on PostgreSQL."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    """A migrated database with no data, on each backend."""
    engine = _engine_for(db_url)
    prepare_database(engine, seed_if_empty=False)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_engine(db_url: str) -> Iterator[Engine]:
    """A migrated database holding the seed deals, on each backend."""
    engine = _engine_for(db_url)
    prepare_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_sqlite(sqlite_url: str) -> Iterator[Engine]:
    """A seeded SQLite database only, for tests where the backend does not matter."""
    engine = _engine_for(sqlite_url)
    prepare_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(seeded_engine: Engine) -> Iterator[Session]:
    with make_session_factory(seeded_engine)() as s:
        yield s


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module; skipped locally when
    it is not installed, a failure in CI (browser tests must run there)."""
    from benchmarks.browser import CHROMIUM, launch_chromium

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not installed (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
