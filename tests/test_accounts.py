"""Accounts, sign-in with lockout, and the audit log, against real databases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, text

from tracker.auth import Actor, PermissionDenied, cli_actor
from tracker.cli import main
from tracker.config import Settings
from tracker.domain.vocab import Role, Status
from tracker.errors import InvalidInput
from tracker.read import audit
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.write import _audit, accounts
from tracker.write.accounts import AccountLocked, LoginFailed

ADMIN = Actor("cli:test", Role.ADMIN)
EDITOR = Actor("ed", Role.EDITOR, 9999)
VIEWER = Actor("vi", Role.VIEWER, 9998)
PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    return empty_engine


@pytest.fixture
def alice(engine: Engine) -> str:
    with transaction(engine) as session:
        accounts.create_user(
            session=session, actor=ADMIN, username="alice", password=PASSWORD, role=Role.EDITOR
        )
    return "alice"


def _rows(engine: Engine, table: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]


def _user_row(engine: Engine, username: str) -> dict[str, object]:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT * FROM user_account WHERE username = :name"), {"name": username}
        ).one()
    return dict(row._mapping)


def _login(engine: Engine, password: str, at: dt.datetime = T0, user: str = "alice") -> Actor:
    return accounts.authenticate(engine=engine, username=user, password=password, now=at)


# --- passwords and sign-in ---------------------------------------------------------------


def test_password_stored_only_as_argon2id(engine: Engine, alice: str) -> None:
    row = _user_row(engine, alice)
    assert str(row["password_hash"]).startswith("$argon2id$")
    everything = repr(_rows(engine, "user_account")) + repr(_rows(engine, "audit_entry"))
    assert PASSWORD not in everything
    assert "argon2" not in repr(_rows(engine, "audit_entry"))  # nor the hash in the log


def test_right_password_signs_in(engine: Engine, alice: str) -> None:
    actor = _login(engine, PASSWORD)
    assert (actor.name, actor.role) == ("alice", Role.EDITOR)
    assert actor.user_id == _user_row(engine, alice)["id"]
    assert _user_row(engine, alice)["last_login_at"] is not None
    assert _login(engine, PASSWORD, user="ALICE").name == "alice"  # any case


def test_wrong_unknown_and_inactive_get_the_same_message(engine: Engine, alice: str) -> None:
    with pytest.raises(LoginFailed) as wrong:
        _login(engine, "wrong password!")
    with pytest.raises(LoginFailed) as unknown:
        _login(engine, PASSWORD, user="mallory")
    with transaction(engine) as session:
        accounts.set_active(session=session, actor=ADMIN, username=alice, active=False)
    with pytest.raises(LoginFailed) as inactive:
        _login(engine, PASSWORD)
    messages = {str(wrong.value), str(unknown.value), str(inactive.value)}
    assert messages == {accounts.SIGN_IN_REFUSED}
    assert not isinstance(inactive.value, AccountLocked)


def test_sso_only_account_cannot_sign_in_with_a_password(engine: Engine) -> None:
    with transaction(engine) as session:
        accounts.create_user(
            session=session, actor=ADMIN, username="sso.user", password=None,
            role=Role.VIEWER, sso_identity="SSO.User@Example.org",
        )  # fmt: skip
    with pytest.raises(LoginFailed, match="wrong username or password"):
        _login(engine, "", user="sso.user")
    with make_session_factory(engine)() as session:
        actor = accounts.actor_for_sso(session=session, identity="sso.user@example.ORG")
        assert actor is not None and actor.name == "sso.user" and actor.role == Role.VIEWER
        assert accounts.actor_for_sso(session=session, identity="other@example.org") is None


@pytest.mark.real_password_hashing  # upgraded to the library's recommended cost
def test_outdated_hash_is_upgraded_on_sign_in(engine: Engine, alice: str) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE user_account SET password_hash = :h WHERE username = 'alice'"),
            {"h": weak},
        )
    _login(engine, PASSWORD)
    upgraded = str(_user_row(engine, alice)["password_hash"])
    assert upgraded != weak and upgraded.startswith("$argon2id$")
    _login(engine, PASSWORD)


# --- lockout -----------------------------------------------------------------------------


def test_five_failures_lock_even_the_right_password(engine: Engine, alice: str) -> None:
    for attempt in range(1, accounts.MAX_FAILED_LOGINS + 1):
        with pytest.raises(LoginFailed) as failed:
            _login(engine, "wrong password!", T0 + dt.timedelta(seconds=attempt))
    assert isinstance(failed.value, AccountLocked)  # the fifth failure locks
    assert _user_row(engine, alice)["failed_logins"] == accounts.MAX_FAILED_LOGINS

    with pytest.raises(AccountLocked) as locked:
        _login(engine, PASSWORD, T0 + dt.timedelta(seconds=10))
    assert str(locked.value) == accounts.SIGN_IN_REFUSED  # the one trying cannot tell
    with pytest.raises(AccountLocked):
        _login(engine, PASSWORD, T0 + dt.timedelta(minutes=14, seconds=30))

    later = T0 + accounts.LOCKOUT + dt.timedelta(minutes=1)
    assert _login(engine, PASSWORD, later).name == "alice"
    row = _user_row(engine, alice)
    assert row["failed_logins"] == 0 and row["locked_until"] is None


def test_failures_in_a_row_only(engine: Engine, alice: str) -> None:
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginFailed):
            _login(engine, "wrong password!")
    _login(engine, PASSWORD)  # a success resets the count
    with pytest.raises(LoginFailed) as failed:
        _login(engine, "wrong password!")
    assert not isinstance(failed.value, AccountLocked)


def test_after_an_expired_lock_the_count_starts_again(engine: Engine, alice: str) -> None:
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            _login(engine, "wrong password!")
    later = T0 + accounts.LOCKOUT + dt.timedelta(seconds=1)
    with pytest.raises(LoginFailed) as failed:
        _login(engine, "wrong password!", later)
    assert not isinstance(failed.value, AccountLocked)
    assert _user_row(engine, alice)["failed_logins"] == 1


def test_admin_unlock_clears_the_lock(engine: Engine, alice: str) -> None:
    now = dt.datetime.now(dt.UTC)
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            _login(engine, "wrong password!", now)
    with make_session_factory(engine)() as session:
        (view,) = accounts.list_users(session=session, actor=ADMIN)
        assert view.locked() and view.failed_logins == accounts.MAX_FAILED_LOGINS
    with pytest.raises(PermissionDenied), transaction(engine) as session:
        accounts.unlock(session=session, actor=EDITOR, username=alice)
    with transaction(engine) as session:
        accounts.unlock(session=session, actor=ADMIN, username=alice)
    assert _login(engine, PASSWORD, now).name == "alice"
    with make_session_factory(engine)() as session:
        (entry, *_) = audit.audit_log(session=session, actor=ADMIN, action="unlock")
        assert entry.changes["failed_logins"] == [accounts.MAX_FAILED_LOGINS, 0]


# --- creating and managing accounts ------------------------------------------------------


@pytest.mark.parametrize("actor", [EDITOR, VIEWER], ids=["editor", "viewer"])
def test_only_admins_create_users(engine: Engine, actor: Actor) -> None:
    with pytest.raises(PermissionDenied), transaction(engine) as session:
        accounts.create_user(
            session=session, actor=actor, username="bob", password=PASSWORD, role=Role.ADMIN
        )
    assert _rows(engine, "user_account") == []


def test_duplicate_username_in_another_case(engine: Engine, alice: str) -> None:
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        accounts.create_user(
            session=session, actor=ADMIN, username="Alice", password=PASSWORD, role=Role.VIEWER
        )
    assert [e.field for e in error.value.errors] == ["username"]
    assert "already exists" in str(error.value)


@pytest.mark.parametrize(
    "password",
    ["short-pw", "aaaaaaaaaaaa", "carol.smith", "CAROL.SMITH"],
    ids=["short", "one-character", "username", "username-other-case"],
)
def test_weak_password_is_refused_without_echoing_it(engine: Engine, password: str) -> None:
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        accounts.create_user(
            session=session, actor=ADMIN, username="carol.smith", password=password,
            role=Role.EDITOR,
        )  # fmt: skip
    assert {e.field for e in error.value.errors} == {"password"}
    assert all(e.value is None for e in error.value.errors)
    assert password not in str(error.value)
    assert _rows(engine, "user_account") == []


@pytest.mark.parametrize("username", ["ab", "has space", "x" * 101, "émile", "cli:root"])
def test_bad_username(engine: Engine, username: str) -> None:
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        accounts.create_user(
            session=session, actor=ADMIN, username=username, password=PASSWORD, role=Role.EDITOR
        )
    assert [e.field for e in error.value.errors] == ["username"]


def test_a_user_needs_a_password_or_sso(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="password: required"), transaction(engine) as s:
        accounts.create_user(
            session=s, actor=ADMIN, username="dave", password=None, role=Role.EDITOR
        )


def test_unknown_username_is_named(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        accounts.set_role(session=session, actor=ADMIN, username="nobody", role=Role.ADMIN)
    (problem,) = error.value.errors
    assert (problem.field, problem.value, problem.message) == ("username", "nobody", "no such user")


def test_set_password_by_admin_or_self_only(engine: Engine, alice: str) -> None:
    with make_session_factory(engine)() as session:
        alice_id = accounts.get_user(session=session, actor=ADMIN, username=alice).id
    self_actor = Actor("alice", Role.EDITOR, alice_id)
    new = "a brand new passphrase"
    with transaction(engine) as session:
        accounts.set_password(session=session, actor=self_actor, username=alice, password=new)
    assert _login(engine, new).name == "alice"
    with pytest.raises(LoginFailed):
        _login(engine, PASSWORD)
    for target in (alice, "nobody"):  # another user, or no user: the same refusal
        with pytest.raises(PermissionDenied), transaction(engine) as session:
            accounts.set_password(session=session, actor=EDITOR, username=target, password=new)
    with transaction(engine) as session:
        accounts.set_password(session=session, actor=ADMIN, username=alice, password=PASSWORD)
    assert _login(engine, PASSWORD).name == "alice"
    assert new not in repr(_rows(engine, "audit_entry")) + repr(_rows(engine, "user_account"))


def test_role_change_and_deactivation_take_effect(engine: Engine, alice: str) -> None:
    with transaction(engine) as session:
        accounts.set_role(session=session, actor=ADMIN, username=alice, role=Role.ADMIN)
    actor = _login(engine, PASSWORD)
    assert actor.role == Role.ADMIN and actor.user_id is not None
    with pytest.raises(PermissionDenied), transaction(engine) as session:
        accounts.set_active(session=session, actor=actor, username=alice, active=False)
    with transaction(engine) as session:
        accounts.set_active(session=session, actor=ADMIN, username=alice, active=False)
    with make_session_factory(engine)() as session:
        assert accounts.current_actor(session=session, user_id=actor.user_id) is None


# --- audit log ---------------------------------------------------------------------------


def test_account_changes_are_audited_with_before_and_after(engine: Engine, alice: str) -> None:
    with transaction(engine) as session:
        accounts.set_role(session=session, actor=ADMIN, username=alice, role=Role.ADMIN)
    with make_session_factory(engine)() as session:
        role_change, creation = audit.audit_log(session=session, actor=ADMIN)
    assert (creation.action, creation.entity, creation.actor) == ("create", "user", "cli:test")
    assert creation.changes == {"username": [None, "alice"], "role": [None, "editor"]}
    assert role_change.action == "set_role" and role_change.entity_id == creation.entity_id
    assert role_change.changes == {"role": ["editor", "admin"]}
    assert role_change.at.tzinfo is not None


def test_record_makes_values_plain_and_drops_passwords(engine: Engine) -> None:
    with transaction(engine) as session:
        _audit.record(
            session=session, actor=ADMIN, action="update", entity="deal", entity_id=7, deal_id=7,
            changes={
                "value_amount": (Decimal("1.10"), Decimal("2500000000.00")),
                "order_date": (None, dt.date(2026, 1, 2)),
                "status": (Status.NEGOTIATING, Status.ORDERED),
                "password_hash": ("$argon2id$old", "$argon2id$new"),
                "new_password": (None, "hunter2hunter2"),
            },
            comment="contract signed",
        )  # fmt: skip
    (stored,) = [row for row in _rows(engine, "audit_entry")]
    assert "argon2" not in repr(stored) and "hunter2" not in repr(stored)
    with make_session_factory(engine)() as session:
        (entry,) = audit.audit_log(session=session, actor=VIEWER, deal_id=7)
    assert entry.changes == {
        "value_amount": ["1.10", "2500000000.00"],
        "order_date": [None, "2026-01-02"],
        "status": ["negotiating", "ordered"],
    }
    assert entry.comment == "contract signed"


def test_whole_log_is_for_admins_a_deals_history_for_all(engine: Engine, alice: str) -> None:
    with transaction(engine) as session:
        _audit.record(session=session, actor=EDITOR, action="create", entity="deal",
                     entity_id=3, deal_id=3)  # fmt: skip
        _audit.record(session=session, actor=EDITOR, action="update", entity="deal",
                     entity_id=4, deal_id=4, changes={"quantity_ordered": (4, 8)})  # fmt: skip
    with make_session_factory(engine)() as session:
        for kwargs in ({}, {"user": "ed"}, {"deal_id": 3, "action": "create"}):
            with pytest.raises(PermissionDenied):
                audit.audit_log(session=session, actor=VIEWER, **kwargs)  # type: ignore[arg-type]
        history = audit.audit_log(session=session, actor=VIEWER, deal_id=4)
        assert [(e.deal_id, e.changes) for e in history] == [(4, {"quantity_ordered": [4, 8]})]
        assert len(audit.audit_log(session=session, actor=ADMIN, user="ED")) == 2
        assert len(audit.audit_log(session=session, actor=ADMIN, action="create")) == 2
        tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
        assert audit.audit_log(session=session, actor=ADMIN, since=tomorrow) == []
        assert len(audit.audit_log(session=session, actor=ADMIN, since=T0.date())) == 3
        newest_first = audit.audit_log(session=session, actor=ADMIN, limit=2)
        assert [e.entity_id for e in newest_first] == [4, 3]


# --- command line ------------------------------------------------------------------------

TWICE = "secret-password-1\nsecret-password-1\n"


@pytest.fixture
def cli(sqlite_url: str) -> Iterator[Callable[..., Result]]:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(
            main, list(args), input=input, env={"TRACKER_DATABASE_URL": sqlite_url}
        )

    yield invoke


def test_cli_users_add_list_and_audit(cli: Callable[..., Result], sqlite_url: str) -> None:
    added = cli("users", "add", "alice", "--role", "editor", input=TWICE)
    assert added.exit_code == 0, added.output
    assert "created editor alice" in added.output
    assert "secret-password-1" not in added.output  # hidden input is not echoed

    listed = cli("users", "list")
    assert listed.exit_code == 0, listed.output
    (line,) = [line for line in listed.output.splitlines() if line.startswith("alice")]
    assert line.split()[:3] == ["alice", "editor", "yes"] and "never" in line

    log = cli("audit")
    assert log.exit_code == 0, log.output
    assert "create" in log.output and "user#1" in log.output
    assert "username: — → alice" in log.output and "role: — → editor" in log.output
    as_json = json.loads(cli("audit", "--format", "json", "--action", "create").output)
    assert as_json[0]["changes"] == {"role": [None, "editor"], "username": [None, "alice"]}

    engine = make_engine(Settings(database_url=sqlite_url, auto_setup=False))
    stored = repr(_rows(engine, "user_account")) + repr(_rows(engine, "audit_entry"))
    assert "secret-password-1" not in stored and "$argon2id$" in stored
    actor = accounts.authenticate(engine=engine, username="alice", password="secret-password-1")
    assert actor.role == Role.EDITOR
    engine.dispose()


def test_cli_password_is_never_an_option(cli: Callable[..., Result]) -> None:
    result = cli("users", "add", "alice", "--role", "editor", "--password", "secret-password-1")
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_cli_mismatched_or_weak_password(cli: Callable[..., Result]) -> None:
    weak = cli("users", "add", "alice", "--role", "editor", input="alice\nalice\n")
    assert weak.exit_code == 1
    assert "password: must be at least 10 characters long" in weak.output
    assert "Traceback" not in weak.output


@pytest.mark.parametrize("name", ["al", "anonymous"])
def test_cli_refuses_a_bad_name_before_asking_for_a_password(
    cli: Callable[..., Result], name: str
) -> None:
    refused = cli("users", "add", name, "--role", "editor", input=TWICE)
    assert refused.exit_code == 1
    assert "username:" in refused.output and "Password" not in refused.output


def test_cli_refuses_a_taken_name_before_asking_for_a_password(
    cli: Callable[..., Result],
) -> None:
    assert cli("users", "add", "alice", "--role", "editor", input=TWICE).exit_code == 0
    taken = cli("users", "add", "ALICE", "--role", "viewer", input=TWICE)
    assert taken.exit_code == 1
    assert "already exists" in taken.output and "Password" not in taken.output


def test_cli_no_password_needs_sso(cli: Callable[..., Result]) -> None:
    refused = cli("users", "add", "bob", "--role", "editor", "--no-password")
    assert refused.exit_code == 1
    assert "--no-password needs --sso-identity" in refused.output
    sso = cli(
        "users", "add", "bob", "--role", "viewer", "--no-password",
        "--sso-identity", "bob@example.org",
    )  # fmt: skip
    assert sso.exit_code == 0, sso.output
    assert "created viewer bob" in sso.output


def test_cli_manage_users(cli: Callable[..., Result]) -> None:
    assert cli("users", "add", "alice", "--role", "editor", input=TWICE).exit_code == 0
    steps = [
        (("users", "set-role", "alice", "admin"), "alice is now admin"),
        (("users", "deactivate", "alice"), "deactivated alice"),
        (("users", "activate", "alice"), "activated alice"),
        (("users", "unlock", "alice"), "unlocked alice"),
    ]
    for args, expected in steps:
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert expected in result.output
    changed = cli("users", "passwd", "alice", input="another-secret-2\nanother-secret-2\n")
    assert changed.exit_code == 0 and "password of alice changed" in changed.output
    missing = cli("users", "passwd", "nobody", input=TWICE)
    assert missing.exit_code == 1
    assert "username: no such user (got 'nobody')" in missing.output
    assert "Password" not in missing.output  # refused before asking
    log = cli("audit", "--user", cli_actor().name).output
    for action in ("set_role", "deactivate", "activate", "set_password", "create"):
        assert action in log
    assert "another-secret-2" not in log
