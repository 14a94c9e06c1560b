"""The `tracker` command line: each command reads options, calls the library, prints."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click
from alembic.util.exc import CommandError as AlembicCommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tracker import __version__
from tracker.config import get_settings
from tracker.domain.vocab import Category, Condition, Role, Status, label
from tracker.errors import TrackerError
from tracker.exports import EXPORT_COLUMNS, export_deals, export_metadata, write_csv, write_json
from tracker.formatting import describe_money, describe_part, describe_quantity, describe_value
from tracker.imports import FORMATS, RowProblem, import_data
from tracker.imports.dump import dump_database
from tracker.queries import SORT_KEYS, DealFilters, GroupBy, deal_detail, list_deals, totals
from tracker.seed import load_seeds
from tracker.store import migrate
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.setup import open_database
from tracker.write import accounts, audit
from tracker.write.auth import cli_actor

F = TypeVar("F", bound=Callable[..., Any])
PROJECT_ROOT = migrate.PROJECT_ROOT


def friendly_errors(command: F) -> F:
    """Turn library and database errors into a one-line message and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except TrackerError as exc:
            raise click.ClickException(str(exc)) from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise click.ClickException(f"database error: {reason}") from None
        except OSError as exc:
            raise click.ClickException(f"cannot open the database: {exc}") from None
        except AlembicCommandError as exc:
            # e.g. a database migrated by a newer version of the tracker than this one
            raise click.ClickException(f"migration: {exc}") from None

    return wrapper  # type: ignore[return-value]


def _engine() -> Engine:
    return open_database(get_settings())


def filter_options(command: F) -> F:
    """The deal filters every listing command shares."""
    options = [
        click.option(
            "--buyer", "buyers", multiple=True, help="Buyer name, alias or ISO code (repeatable)."
        ),
        click.option(
            "--seller",
            "sellers",
            multiple=True,
            help="Seller name, alias or ISO code (repeatable).",
        ),
        click.option(
            "--platform",
            "platforms",
            multiple=True,
            help="Platform designation or alias; a part of one matches too.",
        ),
        click.option(
            "--category",
            "categories",
            multiple=True,
            type=click.Choice([c.value for c in Category]),
            help="Armament category (repeatable).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice([s.value for s in Status]),
            help="Deal status (repeatable).",
        ),
        click.option(
            "--condition",
            "conditions",
            multiple=True,
            type=click.Choice([c.value for c in Condition]),
            help="Condition of the equipment (repeatable).",
        ),
        click.option("--year-from", type=int, help="Earliest order year."),
        click.option("--year-to", type=int, help="Latest order year."),
        click.option(
            "--has-value/--no-value",
            "has_value",
            default=None,
            help="Only deals with (or without) a money value.",
        ),
        click.option("--search", "text", help="Free text in platform, notes, programme, sources."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(kwargs: dict[str, Any]) -> DealFilters:
    keys = DealFilters.model_fields
    return DealFilters.model_validate({k: v for k, v in kwargs.items() if k in keys})


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """An open, cited database of arms-procurement deals.

    The database is chosen by TRACKER_DATABASE_URL (default: an SQLite file in your
    user data folder); it is migrated and seeded on first use.

    Example: tracker totals --by platform --buyer Turkey
    """


# --- db ----------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Manage the database schema (Alembic migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@friendly_errors
def db_upgrade(revision: str) -> None:
    """Migrate the schema up to REVISION.

    Example: tracker db upgrade
    """
    engine = make_engine(get_settings())
    migrate.upgrade(engine, revision)
    click.echo(f"schema at {migrate.current_revision(engine)}")


@db.command("downgrade")
@click.argument("revision")
@friendly_errors
def db_downgrade(revision: str) -> None:
    """Migrate the schema down to REVISION ("base" removes every table).

    Example: tracker db downgrade base
    """
    engine = make_engine(get_settings())
    migrate.downgrade(engine, revision)
    click.echo(f"schema at {migrate.current_revision(engine) or 'base'}")


@db.command("check")
@friendly_errors
def db_check() -> None:
    """Fail if the models and the migrated schema differ (like `alembic check`).

    Example: tracker db check
    """
    engine = make_engine(get_settings())
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
    settings = get_settings()
    engine = make_engine(settings)
    click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    click.echo(
        f"revision: {migrate.current_revision(engine) or 'none'} (head {migrate.head_revision()})"
    )


# --- seed --------------------------------------------------------------------------------


@main.command()
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
    engine = make_engine(get_settings())
    migrate.upgrade(engine)
    with transaction(engine) as session:
        report = load_seeds(session=session, seeds_dir=seeds_dir)
    click.echo(f"seeded from {seeds_dir}: {report.summary()}")


# --- deals -------------------------------------------------------------------------------


@main.group()
def deals() -> None:
    """List and show deals."""


@deals.command("list")
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("--sort", type=click.Choice(list(SORT_KEYS)), default="order_date", show_default=True)
@click.option("--ascending", is_flag=True, help="Sort ascending (default: descending).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@friendly_errors
def deals_list(
    fmt: str, sort: str, ascending: bool, limit: int, offset: int, **kwargs: Any
) -> None:
    """List deals matching the filters.

    Example: tracker deals list --buyer Turkey --platform Typhoon --format csv
    """
    filters = _filters(kwargs)
    with make_session_factory(_engine())() as session:
        rows = list_deals(
            session, filters, sort=sort, descending=not ascending, limit=limit, offset=offset
        )
    if fmt == "csv":
        write_csv(rows, sys.stdout, bom=False)
    elif fmt == "json":
        write_json(rows, sys.stdout)
    elif not rows:
        click.echo("no deals match these filters")
    else:
        headers = [
            "id",
            "buyer",
            "seller",
            "platform",
            "quantity",
            "condition",
            "value",
            "status",
            "order date",
        ]
        table = [
            (
                r.deal_id, r.buyer, r.seller, r.platform,
                "unknown" if r.quantity is None else r.quantity,
                label(r.condition) if r.condition else "unknown",
                describe_value(r.value_amount, r.value_currency, r.value_at_least),
                label(r.status), r.order_date or "unknown",
            )
            for r in rows
        ]  # fmt: skip
        click.echo(_table(headers, table))


@deals.command("show")
@click.argument("deal_id", type=int)
@friendly_errors
def deals_show(deal_id: int) -> None:
    """Show every field of one deal, its timeline and its cited sources.

    Example: tracker deals show 1
    """
    with make_session_factory(_engine())() as session:
        detail = deal_detail(session, deal_id)
    if detail is None:
        raise click.ClickException(f"no deal with id {deal_id}")
    for column in EXPORT_COLUMNS:
        value = getattr(detail.row, column)
        if column != "sources":
            click.echo(f"{column:>30}: {'' if value is None else getattr(value, 'value', value)}")
    for name, role in detail.participants:
        click.echo(f"{'participant':>30}: {name} ({role})")
    click.echo("\nTimeline")
    for event in detail.events:
        click.echo(f"  {event.date or 'date unknown':>12}  [{event.kind}] {event.description}")
    click.echo("\nSources")
    for source in detail.sources:
        when = source.published_date.isoformat() if source.published_date else "undated"
        click.echo(f"  - {source.publisher}: {source.title} ({when}) {source.url or ''}".rstrip())
    if detail.conflicts:
        click.echo("\nSources disagree")
        for conflict in detail.conflicts:
            click.echo(
                f"  {conflict.field}: this deal says {conflict.recorded_value}; "
                f"{conflict.source_title} says {conflict.other_value}"
                + (" (resolved)" if conflict.resolved else "")
            )
    click.echo("\nCitations")
    for field, citations in detail.field_citations.items():
        for citation in citations:
            click.echo(f'  {field}: "{citation.quote}" ({citation.source_publisher})')


# --- totals and export -------------------------------------------------------------------


@main.command("totals")
@click.option(
    "--by",
    "group_by",
    type=click.Choice([g.value for g in GroupBy]),
    default="platform",
    show_default=True,
)
@filter_options
@friendly_errors
def totals_command(group_by: str, **kwargs: Any) -> None:
    """Sum quantities and money per group. Unknown quantities and values are counted, not
    taken as zero; money is summed per currency, never across currencies.

    Example: tracker totals --by platform --buyer Turkey
    """
    filters = _filters(kwargs)
    with make_session_factory(_engine())() as session:
        groups = totals(session, filters, group_by)
    if not groups:
        click.echo("no deals match these filters")
        return
    rows = [(g.label, g.deals, describe_quantity(g), describe_money(g)) for g in groups]
    click.echo(_table([group_by, "deals", "quantity ordered", "value"], rows))
    for group in groups:
        if group.parts:
            parts = " + ".join(describe_part(part) for part in group.parts)
            click.echo(f"\n{group.label}: {group.quantity} = {parts}")


@main.command("export")
@filter_options
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: standard output). A FILE.meta.json sidecar records "
    "when and from which filters it was made.",
)
@friendly_errors
def export_command(fmt: str, output: Path | None, **kwargs: Any) -> None:
    """Export the filtered deals with the documented columns (README "Export columns").

    Example: tracker export --format csv --buyer Turkey -o turkey.csv
    """
    filters = _filters(kwargs)
    with make_session_factory(_engine())() as session:
        if output is None:
            export_deals(session, filters, fmt, sys.stdout, bom=False)
            return
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = export_deals(session, filters, fmt, out)
        metadata = export_metadata(session, filters, count)
    partial.replace(output)  # never leave a half-written export under the real name
    meta = output.with_name(output.name + ".meta.json")
    meta.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    click.echo(f"wrote {count} deals to {output} (metadata in {meta})", err=True)


# --- import and dump --------------------------------------------------------------------


def _write_rejects(path: Path, problems: Sequence[RowProblem]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["row", "column", "value", "reason"])
        writer.writerows([p.row, p.column, p.value, p.reason] for p in problems)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="sipri, csv or json (default: detected from the content).",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Show what would be created, matched or rejected.")
@click.option(
    "--skip-invalid", is_flag=True,
    help="Import the valid rows and write the rejected ones to FILE.rejects.csv.",
)  # fmt: skip
@friendly_errors
def import_command(file: Path, fmt: str | None, dry_run: bool, skip_invalid: bool) -> None:
    """Import a SIPRI trade register, a tracker CSV/JSON export, or a JSON dump.

    All or nothing: one bad row rejects the file (unless --skip-invalid). Importing the
    same file again adds nothing. SIPRI rows for deals already stored are attached to
    them as further sources, and disagreements are recorded for review.

    Example: tracker import trade-register.csv --dry-run
    """
    data = file.read_bytes()
    engine = _engine()
    with click.progressbar(length=1, label=f"Reading {file.name}", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        with transaction(engine) as session:
            report = import_data(
                session=session, data=data, filename=str(file), fmt=fmt,
                dry_run=dry_run, skip_invalid=skip_invalid, progress=progress,
                actor=cli_actor(),
            )  # fmt: skip
    click.echo(report.summary())
    for problem in report.rejected[:20]:
        click.echo(f"  rejected: {problem}")
    if report.rejected and skip_invalid and not dry_run:
        rejects = file.with_name(file.name + ".rejects.csv")
        _write_rejects(rejects, report.rejected)
        click.echo(f"rejected rows written to {rejects}")
    if report.new_parties:
        click.echo("new parties: " + ", ".join(report.new_parties[:20]))


@main.command("dump")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True, help="The JSON file to write.",
)  # fmt: skip
@friendly_errors
def dump_command(output: Path) -> None:
    """Write the whole database (deals, parties, platforms, events, sources, citations) to
    a JSON file, for backups or to move between SQLite and PostgreSQL with `tracker import`.

    Example: tracker dump -o backup.json
    """
    partial = output.with_name(output.name + ".partial")
    with make_session_factory(_engine())() as session, partial.open("w", encoding="utf-8") as out:
        counts = dump_database(session, out)
    partial.replace(output)
    click.echo(f"wrote {counts['deal']} deals and {counts['source']} sources to {output}")


# --- users and audit --------------------------------------------------------------------


@main.group()
def users() -> None:
    """Manage the accounts that can sign in to the dashboard (editors, admins, viewers)."""


def _prompt_password() -> str:
    """Ask twice, without echo: a password never comes from an option or an argument."""
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _when(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@users.command("add")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice([r.value for r in Role]),
    help="viewer: read only; editor: add and edit deals; admin: also users and audit log.",
)  # fmt: skip
@click.option("--display-name", help="The name shown in the dashboard.")
@click.option("--sso-identity", metavar="EMAIL", help="Sign in through single sign-on as EMAIL.")
@click.option(
    "--no-password", is_flag=True, help="No password: single sign-on only (needs --sso-identity)."
)
@friendly_errors
def users_add(
    name: str, role: str, display_name: str | None, sso_identity: str | None, no_password: bool
) -> None:
    """Create an account NAME; the password is asked for twice, hidden.

    Example: tracker users add alice --role editor
    """
    if no_password and not sso_identity:
        raise click.ClickException(
            "--no-password needs --sso-identity: a user signs in with a password or by "
            "single sign-on"
        )
    password = None if no_password else _prompt_password()
    with transaction(_engine()) as session:
        user = accounts.create_user(
            session=session, actor=cli_actor(), username=name, password=password,
            role=Role(role), display_name=display_name, sso_identity=sso_identity,
        )  # fmt: skip
        click.echo(f"created {user.role.value} {user.username}")


@users.command("list")
@friendly_errors
def users_list() -> None:
    """List the accounts: role, whether active, lockout, last sign-in.

    Example: tracker users list
    """
    with make_session_factory(_engine())() as session:
        views = accounts.list_users(session=session, actor=cli_actor())
    if not views:
        click.echo("no users yet: add one with `tracker users add NAME --role admin`")
        return
    now = dt.datetime.now(dt.UTC)
    rows = [
        (
            v.username, v.role.value, "yes" if v.active else "no",
            _when(v.locked_until) if v.locked(now) else "",
            _when(v.last_login_at) or "never",
        )
        for v in views
    ]  # fmt: skip
    click.echo(_table(["username", "role", "active", "locked until", "last login"], rows))


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@friendly_errors
def users_set_role(name: str, role: str) -> None:
    """Give the account NAME the role ROLE (viewer, editor or admin).

    Example: tracker users set-role alice admin
    """
    with transaction(_engine()) as session:
        user = accounts.set_role(session=session, actor=cli_actor(), username=name, role=Role(role))
        click.echo(f"{user.username} is now {user.role.value}")


@users.command("deactivate")
@click.argument("name")
@friendly_errors
def users_deactivate(name: str) -> None:
    """Stop NAME from signing in (the account and its history stay).

    Example: tracker users deactivate alice
    """
    with transaction(_engine()) as session:
        user = accounts.set_active(session=session, actor=cli_actor(), username=name, active=False)
        click.echo(f"deactivated {user.username}")


@users.command("activate")
@click.argument("name")
@friendly_errors
def users_activate(name: str) -> None:
    """Let a deactivated NAME sign in again.

    Example: tracker users activate alice
    """
    with transaction(_engine()) as session:
        user = accounts.set_active(session=session, actor=cli_actor(), username=name, active=True)
        click.echo(f"activated {user.username}")


@users.command("unlock")
@click.argument("name")
@friendly_errors
def users_unlock(name: str) -> None:
    """Lift the lockout after too many failed sign-ins, before it runs out.

    Example: tracker users unlock alice
    """
    with transaction(_engine()) as session:
        user = accounts.unlock(session=session, actor=cli_actor(), username=name)
        click.echo(f"unlocked {user.username}")


@users.command("passwd")
@click.argument("name")
@friendly_errors
def users_passwd(name: str) -> None:
    """Set a new password for NAME; it is asked for twice, hidden.

    Example: tracker users passwd alice
    """
    engine = _engine()
    with make_session_factory(engine)() as session:  # a typo fails before the prompt
        accounts.get_user(session=session, actor=cli_actor(), username=name)
    password = _prompt_password()
    with transaction(engine) as session:
        user = accounts.set_password(
            session=session, actor=cli_actor(), username=name, password=password
        )
        click.echo(f"password of {user.username} changed")


def _shown(value: Any, width: int = 60) -> str:
    text = "—" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _describe_changes(changes: dict[str, list[Any]]) -> str:
    return "; ".join(
        f"{field}: {_shown(pair[0])} → {_shown(pair[1])}"
        if isinstance(pair, list) and len(pair) == 2
        else f"{field}: {_shown(pair)}"
        for field, pair in changes.items()
    )


@main.command("audit")
@click.option("--deal", "deal_id", type=int, help="Only the history of this deal.")
@click.option("--user", help="Only what this user (or `cli:NAME`) did.")
@click.option("--action", help="Only this action: create, update, delete, set_role, ...")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="From this day (UTC).")
@click.option("--limit", type=click.IntRange(1, audit.MAX_LIMIT), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@friendly_errors
def audit_command(
    deal_id: int | None, user: str | None, action: str | None, since: dt.datetime | None,
    limit: int, offset: int, fmt: str,
) -> None:  # fmt: skip
    """Show the audit log, newest first: who changed what, before and after, and why.

    Example: tracker audit --deal 3 --since 2026-01-01
    """
    with make_session_factory(_engine())() as session:
        entries = audit.audit_log(
            session=session, actor=cli_actor(), deal_id=deal_id, user=user, action=action,
            since=since.date() if since else None, limit=limit, offset=offset,
        )  # fmt: skip
    if fmt == "json":
        data = [{**asdict(e), "at": e.at.isoformat()} for e in entries]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    if not entries:
        click.echo("no audit entries match")
        return
    rows = [
        (
            e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action,
            e.entity if e.entity_id is None else f"{e.entity}#{e.entity_id}",
            "" if e.deal_id is None else e.deal_id,
            _describe_changes(e.changes), _shown(e.comment or "", 80),
        )
        for e in entries
    ]  # fmt: skip
    headers = ["at (UTC)", "actor", "action", "entity", "deal", "changes", "comment"]
    click.echo(_table(headers, rows))


# --- dashboard ---------------------------------------------------------------------------


@main.command()
@click.option("--port", type=int, default=None, help="Port to serve on (default: 8501).")
@click.option("--address", default=None, help="Address to listen on (default: all).")
@click.option("--headless/--browser", default=False, help="Do not open a browser window.")
@friendly_errors
def dashboard(port: int | None, address: str | None, headless: bool) -> None:
    """Start the Streamlit dashboard on the configured database.

    Example: tracker dashboard --port 8501
    """
    from dashboard.launch import run  # Streamlit loads only for this command

    raise SystemExit(run(port=port, address=address, headless=headless))


if __name__ == "__main__":
    main()
