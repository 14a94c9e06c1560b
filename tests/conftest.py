"""Shared pytest fixtures."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
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


class DatabaseTemplates:
    """Migrated (and seeded) databases made once per test session and copied per test.

    Running every migration and loading the seeds took one to three seconds a test, most of
    the suite's time; a copy takes milliseconds. SQLite copies a closed file (closing the
    last connection folds the WAL into it); PostgreSQL uses CREATE DATABASE ... TEMPLATE.
    The copies are what `prepare_database` makes: the tests of migrating and seeding
    themselves call it on empty databases (`sqlite_url`, `postgres_url`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._sqlite: dict[bool, Path] = {}
        self._postgres: dict[bool, str] = {}

    def sqlite(self, target: Path, *, seeded: bool) -> str:
        if seeded not in self._sqlite:
            template = self.folder / ("seeded.db" if seeded else "empty.db")
            self._prepare(f"sqlite:///{template}", seeded)
            self._sqlite[seeded] = template
        shutil.copyfile(self._sqlite[seeded], target)
        return f"sqlite:///{target}"

    def postgres(self, server: PostgresServer, name: str, *, seeded: bool) -> str:
        if seeded not in self._postgres:
            template = f"tracker_template_{'seeded' if seeded else 'empty'}_{uuid.uuid4().hex[:8]}"
            self._prepare(server.create_database(template), seeded)
            self._postgres[seeded] = template
        return server.create_database(name, template=self._postgres[seeded])

    @staticmethod
    def _prepare(url: str, seeded: bool) -> None:
        engine = _engine_for(url)
        try:
            prepare_database(engine, seed_if_empty=seeded)
        finally:
            engine.dispose()  # no connection may stay open on a template


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


def _prepared_url(request: pytest.FixtureRequest, *, backend: str, seeded: bool) -> str:
    """A fresh database of `backend`, migrated and (seeded=True) holding the seeds."""
    templates: DatabaseTemplates = request.getfixturevalue("database_templates")
    if backend == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        name = f"tracker_test_{uuid.uuid4().hex[:16]}"
        request.addfinalizer(lambda: server.drop_database(name))
        return templates.postgres(server, name, seeded=seeded)
    folder: Path = request.getfixturevalue("tmp_path")
    # The first is the test's `sqlite_url` file, as when these fixtures migrated that file.
    names = ("tracker.db", *(f"tracker-{n}.db" for n in range(2, 100)))
    target = next(folder / name for name in names if not (folder / name).exists())
    return templates.sqlite(target, seeded=seeded)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """Runs the test once on SQLite, once on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str) -> str:
    """A fresh, empty database on each backend: the test runs once on SQLite, once on PostgreSQL."""
    if backend == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture
def migrated_url(request: pytest.FixtureRequest, backend: str) -> str:
    """A migrated database with no data, on each backend (from a template)."""
    return _prepared_url(request, backend=backend, seeded=False)


@pytest.fixture
def seeded_url(request: pytest.FixtureRequest, backend: str) -> str:
    """A migrated database holding the seed deals, on each backend (from a template)."""
    return _prepared_url(request, backend=backend, seeded=True)


@pytest.fixture
def migrated_sqlite_url(request: pytest.FixtureRequest) -> str:
    """A migrated SQLite file with no data (from a template)."""
    return _prepared_url(request, backend="sqlite", seeded=False)


@pytest.fixture
def seeded_sqlite_url(request: pytest.FixtureRequest) -> str:
    """A migrated SQLite file holding the seed deals (from a template)."""
    return _prepared_url(request, backend="sqlite", seeded=True)


@pytest.fixture
def empty_engine(migrated_url: str) -> Iterator[Engine]:
    """A migrated database with no data, on each backend."""
    engine = _engine_for(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_engine(seeded_url: str) -> Iterator[Engine]:
    """A migrated database holding the seed deals, on each backend."""
    engine = _engine_for(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_sqlite(seeded_sqlite_url: str) -> Iterator[Engine]:
    """A seeded SQLite database only, for tests where the backend does not matter."""
    engine = _engine_for(seeded_sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(seeded_engine: Engine) -> Iterator[Session]:
    with make_session_factory(seeded_engine)() as s:
        yield s


# Argon2id at the library's recommended cost takes about 0.2 s a hash on this machine, and
# a sign-in test makes up to a hundred: tests hash at the lowest cost instead (real Argon2id
# hashes still, verified the same way). Tests about the cost itself, or timing, opt out with
# @pytest.mark.real_password_hashing; so do browser tests, whose dashboard servers run as
# processes at the real cost (and would re-hash a cheap hash at the first sign-in).
CHEAP_HASHER_PARAMETERS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


@pytest.fixture(autouse=True)
def cheap_password_hashing(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("real_password_hashing") or request.node.get_closest_marker(
        "browser"
    ):
        yield
        return
    from argon2 import PasswordHasher

    from tracker.write import accounts

    real = accounts._hasher
    accounts._hasher = PasswordHasher(**CHEAP_HASHER_PARAMETERS)
    accounts._dummy_hash.cache_clear()  # made again by this hasher: unknown names cost the same
    try:
        yield
    finally:
        accounts._hasher = real
        accounts._dummy_hash.cache_clear()


@pytest.fixture
def fresh_streamlit_caches() -> Iterator[None]:
    """For AppTest modules (`pytestmark = pytest.mark.usefixtures(...)`): cached results
    and the cached engine outlive an AppTest, and each test has its own database."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


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
    from playwright.sync_api import expect, sync_playwright

    # Every browser module: a page's rerun on a loaded 2-core machine can take longer than
    # expect's default 5 s (a sign-in hashes its password: test_browser lost one that way
    # in a full run, the form still filled in).
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
