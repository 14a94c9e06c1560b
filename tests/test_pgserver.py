"""The test PostgreSQL server from tests/pgserver.py and its fixtures."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from pgserver import PostgresServer

pytestmark = pytest.mark.postgres

# Databases handed out by earlier tests in this process (order-independent checks).
_seen_databases: list[str] = []


def test_server_is_postgresql_15_and_round_trips(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            version = conn.execute(text("select version()")).scalar_one()
            version_num = int(conn.execute(text("show server_version_num")).scalar_one())
            assert version.startswith("PostgreSQL "), version
            assert version_num // 10000 >= 15, version
            conn.execute(text("create table deal (id serial primary key, name text not null)"))
            conn.execute(
                text("insert into deal (name) values (:a), (:b)"),
                {"a": "Rafale – India", "b": "F-35"},
            )
        with engine.connect() as conn:
            rows = conn.execute(text("select name from deal order by id")).scalars().all()
        assert rows == ["Rafale – India", "F-35"]
    finally:
        engine.dispose()


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_test_gets_a_fresh_database(
    run: str, postgres_url: str, postgres_server: PostgresServer
) -> None:
    dbname = make_url(postgres_url).database
    assert dbname is not None
    assert dbname not in _seen_databases
    engine = create_engine(postgres_url)
    try:
        assert inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            # Fails if a table from another test leaked into this database.
            conn.execute(text("create table probe (run text)"))
            conn.execute(text("insert into probe values (:run)"), {"run": run})
        with engine.connect() as conn:
            assert conn.execute(text("select run from probe")).scalars().all() == [run]
    finally:
        engine.dispose()

    # Databases of earlier tests have been dropped.
    admin = create_engine(postgres_server.url(postgres_server.admin_db))
    try:
        with admin.connect() as conn:
            existing = set(conn.execute(text("select datname from pg_database")).scalars())
    finally:
        admin.dispose()
    assert dbname in existing
    assert existing.isdisjoint(_seen_databases)
    _seen_databases.append(dbname)
