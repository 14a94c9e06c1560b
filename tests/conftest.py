"""Shared pytest fixtures."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

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
