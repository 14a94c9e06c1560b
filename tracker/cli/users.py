"""`tracker users ...` (accounts) and `tracker audit` (the audit log)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from tracker.auth import cli_actor
from tracker.cli.common import echo, friendly_errors, reading, table, terminal_safe, writing
from tracker.domain.vocab import Role
from tracker.exports import write_audit
from tracker.read.audit import MAX_LIMIT, audit_log, iter_audit_log
from tracker.write import accounts


@click.group()
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
    with reading() as session:  # a bad or taken name fails before the prompt
        accounts.check_new_username(session=session, actor=cli_actor(), username=name)
    password = None if no_password else _prompt_password()
    with writing() as session:
        user = accounts.create_user(
            session=session, actor=cli_actor(), username=name, password=password,
            role=Role(role), display_name=display_name, sso_identity=sso_identity,
        )  # fmt: skip
        echo(f"created {user.role.value} {user.username}")


@users.command("list")
@friendly_errors
def users_list() -> None:
    """List the accounts: role, whether active, lockout, last sign-in.

    Example: tracker users list
    """
    with reading() as session:
        views = accounts.list_users(session=session, actor=cli_actor())
    if not views:
        echo("no users yet: add one with `tracker users add NAME --role admin`")
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
    echo(table(["username", "role", "active", "locked until", "last login"], rows))


@users.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@friendly_errors
def users_set_role(name: str, role: str) -> None:
    """Give the account NAME the role ROLE (viewer, editor or admin).

    Example: tracker users set-role alice admin
    """
    with writing() as session:
        user = accounts.set_role(session=session, actor=cli_actor(), username=name, role=Role(role))
        echo(f"{user.username} is now {user.role.value}")


@users.command("deactivate")
@click.argument("name")
@friendly_errors
def users_deactivate(name: str) -> None:
    """Stop NAME from signing in (the account and its history stay).

    Example: tracker users deactivate alice
    """
    with writing() as session:
        user = accounts.set_active(session=session, actor=cli_actor(), username=name, active=False)
        echo(f"deactivated {user.username}")


@users.command("activate")
@click.argument("name")
@friendly_errors
def users_activate(name: str) -> None:
    """Let a deactivated NAME sign in again.

    Example: tracker users activate alice
    """
    with writing() as session:
        user = accounts.set_active(session=session, actor=cli_actor(), username=name, active=True)
        echo(f"activated {user.username}")


@users.command("unlock")
@click.argument("name")
@friendly_errors
def users_unlock(name: str) -> None:
    """Lift the lockout after too many failed sign-ins, before it runs out.

    Example: tracker users unlock alice
    """
    with writing() as session:
        user = accounts.unlock(session=session, actor=cli_actor(), username=name)
        echo(f"unlocked {user.username}")


@users.command("passwd")
@click.argument("name")
@friendly_errors
def users_passwd(name: str) -> None:
    """Set a new password for NAME; it is asked for twice, hidden.

    Example: tracker users passwd alice
    """
    with reading() as session:  # a typo fails before the prompt
        accounts.get_user(session=session, actor=cli_actor(), username=name)
    password = _prompt_password()
    with writing() as session:
        user = accounts.set_password(
            session=session, actor=cli_actor(), username=name, password=password
        )
        echo(f"password of {user.username} changed")


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


@click.command("audit")
@click.option("--deal", "deal_id", type=int, help="Only the history of this deal.")
@click.option("--user", help="Only what this user (or `cli:NAME`) did.")
@click.option("--action", help="Only this action: create, update, delete, set_role, ...")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="From this day (UTC).")
@click.option(
    "--limit", type=click.IntRange(1, MAX_LIMIT), default=None,
    help="At most this many entries (table default: 100; csv and json export all).",
)  # fmt: skip
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
    show_default=True, help="csv and json export every matching entry, for archiving.",
)  # fmt: skip
@friendly_errors
def audit_command(
    deal_id: int | None, user: str | None, action: str | None, since: dt.datetime | None,
    limit: int | None, offset: int, fmt: str,
) -> None:  # fmt: skip
    """Show or export the audit log, newest first: who changed what, before and after, why;
    sign-ins, failed sign-ins and lockouts too.

    Example: tracker audit --deal 3 --since 2026-01-01; tracker audit --format csv > log.csv
    """
    filters: dict[str, Any] = {"deal_id": deal_id, "user": user, "action": action,
                               "since": since.date() if since else None}  # fmt: skip
    if fmt != "table" and limit is None and not offset:
        with reading() as session:
            write_audit(
                iter_audit_log(session=session, actor=cli_actor(), **filters),
                terminal_safe(sys.stdout, fmt), fmt, bom=False,
            )  # fmt: skip
        return
    with reading() as session:
        entries = audit_log(
            session=session, actor=cli_actor(), limit=limit or 100, offset=offset, **filters
        )
    if fmt != "table":
        write_audit(entries, terminal_safe(sys.stdout, fmt), fmt, bom=False)
        return
    if not entries:
        echo("no audit entries match")
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
    echo(table(headers, rows))
