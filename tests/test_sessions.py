"""Staying signed in (issue #10, point 3): the token rules of tracker.write.sessions.

A forged, expired, revoked or superseded token grants nothing, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select

from tracker.auth import ANONYMOUS, Actor, cli_actor
from tracker.domain.vocab import Role
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import SignInSession
from tracker.write import accounts
from tracker.write.sessions import (
    HANDOVER_WINDOW,
    SESSION_LIFETIME,
    NotSignedIn,
    actor_for_token,
    end_session,
    hand_over,
    open_session,
)

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def erin(empty_engine: Engine) -> Actor:
    with transaction(empty_engine) as session:
        accounts.create_user(session=session, actor=cli_actor(), username="erin",
                             password=PASSWORD, role=Role.EDITOR)  # fmt: skip
    return accounts.authenticate(engine=empty_engine, username="erin", password=PASSWORD)


def _open(engine: Engine, actor: Actor, now: dt.datetime = NOW) -> str:
    with transaction(engine) as session:
        return open_session(session=session, actor=actor, now=now)


def _who(engine: Engine, token: str, now: dt.datetime = NOW) -> Actor | None:
    with make_session_factory(engine)() as session:
        return actor_for_token(session=session, token=token, now=now)


def test_a_fresh_token_signs_in_its_account(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    assert _who(empty_engine, token) == erin


def test_only_the_tokens_hash_is_stored(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    with make_session_factory(empty_engine)() as session:
        stored = session.scalars(select(SignInSession.token_hash)).all()
    assert stored and token not in stored and all(len(h) == 64 for h in stored)


@pytest.mark.parametrize("forged", ["", "x", "a" * 43, "a" * 5000, "' OR 1=1 --"])
def test_a_forged_token_grants_nothing(empty_engine: Engine, erin: Actor, forged: str) -> None:
    _open(empty_engine, erin)
    assert _who(empty_engine, forged) is None


def test_an_expired_token_grants_nothing(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    assert _who(empty_engine, token, NOW + SESSION_LIFETIME - dt.timedelta(seconds=1)) == erin
    assert _who(empty_engine, token, NOW + SESSION_LIFETIME) is None


def test_a_revoked_token_grants_nothing(empty_engine: Engine, erin: Actor) -> None:
    token, other = _open(empty_engine, erin), _open(empty_engine, erin)
    with transaction(empty_engine) as session:
        end_session(session=session, token=token)
    assert _who(empty_engine, token) is None
    assert _who(empty_engine, other) == erin  # signing out one browser leaves the others


def test_a_password_change_ends_every_session(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    with transaction(empty_engine) as session:
        accounts.set_password(session=session, actor=erin, username="erin",
                              password="another long password")  # fmt: skip
    assert _who(empty_engine, token) is None


def test_a_deactivated_account_is_signed_out(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    with transaction(empty_engine) as session:
        accounts.set_active(session=session, actor=cli_actor(), username="erin", active=False)
    assert _who(empty_engine, token) is None


def test_a_role_change_shows_at_once(empty_engine: Engine, erin: Actor) -> None:
    token = _open(empty_engine, erin)
    with transaction(empty_engine) as session:
        accounts.set_role(session=session, actor=cli_actor(), username="erin", role=Role.VIEWER)
    found = _who(empty_engine, token)
    assert found is not None and found.role is Role.VIEWER


@pytest.mark.parametrize("actor", [ANONYMOUS, Actor("ghost", Role.EDITOR, 999)])
def test_only_an_account_can_open_a_session(empty_engine: Engine, actor: Actor) -> None:
    with pytest.raises(NotSignedIn), transaction(empty_engine) as session:
        open_session(session=session, actor=actor)


def test_a_token_is_handed_to_a_cookie_once_and_soon(empty_engine: Engine, erin: Actor) -> None:
    token, late = _open(empty_engine, erin), _open(empty_engine, erin)
    with transaction(empty_engine) as session:
        assert hand_over(session=session, token=token, now=NOW)
        assert not hand_over(session=session, token=token, now=NOW)  # not twice
        assert not hand_over(session=session, token="forged", now=NOW)
        assert not hand_over(session=session, token=late, now=NOW + HANDOVER_WINDOW * 2)
