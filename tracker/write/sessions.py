"""Staying signed in: a random token in an HttpOnly cookie, stored only as its hash.

A token is valid until it expires, is revoked (sign-out), its account is deactivated, or
the account's password changes (the token remembers a fingerprint of the password hash
it was issued under). A forged token matches no stored hash; nothing about it is
trusted but the lookup. The dashboard only moves the token between the browser and
these functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.auth import Actor
from tracker.store.models import SignInSession, UserAccount

SESSION_LIFETIME = dt.timedelta(days=7)
HANDOVER_WINDOW = dt.timedelta(minutes=2)  # from sign-in to the browser storing the cookie
TOKEN_BYTES = 32


class NotSignedIn(Exception):
    """No account to open a session for (a visitor, or the command line's own actor)."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return dt.datetime.now(dt.UTC) if now is None else now.astimezone(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _password_check(user: UserAccount) -> str | None:
    return None if user.password_hash is None else _digest(user.password_hash)


def open_session(
    *,
    session: Session,
    actor: Actor,
    now: dt.datetime | None = None,
    lifetime: dt.timedelta = SESSION_LIFETIME,
) -> str:
    """A new token for the signed-in `actor` (who has just proved who they are)."""  # fmt: skip
    user = session.get(UserAccount, actor.user_id) if actor.user_id is not None else None
    if user is None or not user.active:
        raise NotSignedIn("only a signed-in account can stay signed in")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = _now(now)
    session.add(
        SignInSession(
            user_id=user.id, token_hash=_digest(token), password_check=_password_check(user),
            created_at=now, expires_at=now + lifetime,
        )
    )  # fmt: skip
    session.flush()
    return token


def _live(
    session: Session, token: str, now: dt.datetime
) -> tuple[SignInSession, UserAccount] | None:
    if not token or len(token) > 200:
        return None
    found = session.scalar(select(SignInSession).where(SignInSession.token_hash == _digest(token)))
    if found is None or found.revoked_at is not None or _utc(found.expires_at) <= now:
        return None
    user = session.get(UserAccount, found.user_id)
    if user is None or not user.active or _password_check(user) != found.password_check:
        return None
    return found, user


def hand_over(*, session: Session, token: str, now: dt.datetime | None = None) -> bool:
    """Let the browser store a fresh token in its cookie, once, shortly after sign-in.

    Only the server's cookie route calls this; the token travels to it once from the
    page that signed in, and from then on only inside the HttpOnly cookie."""
    now = _now(now)
    live = _live(session, token, now)
    if live is None:
        return False
    found, _ = live
    if found.handed_over_at is not None or _utc(found.created_at) + HANDOVER_WINDOW < now:
        return False
    found.handed_over_at = now
    return True


def actor_for_token(
    *, session: Session, token: str, now: dt.datetime | None = None
) -> Actor | None:
    """Who a token signs in, as the account stands now; None when the token is unknown,
    expired or revoked, the account deactivated or its password changed."""
    live = _live(session, token, _now(now))
    if live is None:
        return None
    user = live[1]
    return Actor(user.username, user.role, user.id)


def end_session(*, session: Session, token: str, now: dt.datetime | None = None) -> None:
    """Revoke a token (signing out); an unknown token is ignored."""
    session.execute(
        update(SignInSession)
        .where(SignInSession.token_hash == _digest(token), SignInSession.revoked_at.is_(None))
        .values(revoked_at=_now(now))
    )
