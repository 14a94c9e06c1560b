"""`tracker db ...` (schema migrations) and `tracker seed`."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.auth import cli_actor
from tracker.cli.common import bare_database, friendly_errors
from tracker.seed import load_seeds
from tracker.store import migrate
from tracker.store.db import transaction

PROJECT_ROOT = migrate.PROJECT_ROOT


@click.group()
def db() -> None:
    """Manage the database schema (Alembic migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@friendly_errors
def db_upgrade(revision: str) -> None:
    """Migrate the schema up to REVISION.

    Example: tracker db upgrade
    """
    engine = bare_database()
    migrate.upgrade(engine, revision)
    click.echo(f"schema at {migrate.current_revision(engine)}")


@db.command("downgrade")
@click.argument("revision")
@friendly_errors
def db_downgrade(revision: str) -> None:
    """Migrate the schema down to REVISION ("base" removes every table).

    Example: tracker db downgrade base
    """
    engine = bare_database()
    migrate.downgrade(engine, revision)
    click.echo(f"schema at {migrate.current_revision(engine) or 'base'}")


@db.command("check")
@friendly_errors
def db_check() -> None:
    """Fail if the models and the migrated schema differ (like `alembic check`).

    Example: tracker db check
    """
    engine = bare_database()
    try:
        migrate.check(engine)
    except Exception as exc:  # alembic raises its own error types for drift
        raise click.ClickException(str(exc)) from None
    click.echo("no drift: the schema matches the models")


@db.command("current")
@friendly_errors
def db_current() -> None:
    """Print the database's schema revision and where it is.

    Example: tracker db current
    """
    engine = bare_database()
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(
        f"revision: {migrate.current_revision(engine) or 'none'} (head {migrate.head_revision()})"
    )


@click.command()
@click.option(
    "--seeds-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=PROJECT_ROOT / "seeds",
    show_default=True,
)
@friendly_errors
def seed(seeds_dir: Path) -> None:
    """Load the cited seed deals (idempotent: a second run adds nothing).

    Example: tracker seed
    """
    engine = bare_database()
    migrate.upgrade(engine)
    with transaction(engine) as session:
        report = load_seeds(session=session, actor=cli_actor(), seeds_dir=seeds_dir)
    click.echo(f"seeded from {seeds_dir}: {report.summary()}")
