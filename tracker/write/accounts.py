"""User accounts: Argon2id passwords, sign-in with lockout, single sign-on, admin tools.

Passwords are only ever held as Argon2id hashes and never reach the audit log. Every
change to an account is audited. `authenticate` takes an engine, not a session: it
commits its own short transactions, so a failed attempt is counted even though the
caller only sees an exception.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, Engine, func, or_, select, update
from sqlalchemy.orm import Session

from tracker.auth import Actor, PermissionDenied, require
from tracker.domain.vocab import Role
from tracker.errors import FieldError, InvalidInput, TrackerError
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import UserAccount
from tracker.write._audit import record

MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # hashing cost grows with the input; nobody types more
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,100}")
RESERVED_USERNAMES = frozenset({"anonymous"})  # the audit name of visitors who are not signed in

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class LoginFailed(TrackerError):
    """Sign-in refused. One message for every reason, so it reveals nothing."""

    def __init__(self, message: str = "wrong username or password") -> None:
        super().__init__(message)


class AccountLocked(LoginFailed):
    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"too many failed sign-ins; try again in {minutes} {unit}")
        self.until = until


@dataclass(frozen=True)
class UserView:
    """An account as admins see it: everything but the password hash."""

    id: int
    username: str
    display_name: str | None
    role: Role
    active: bool
    has_password: bool
    sso_identity: str | None
    failed_logins: int
    locked_until: dt.datetime | None  # UTC; None or past: not locked
    last_login_at: dt.datetime | None
    created_at: dt.datetime

    def locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > _utc(now)


# --- passwords ---------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """The Argon2id hash of `password` (salted; "$argon2id$...")."""
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    """Verified against when there is no account, so unknown names take as long."""
    return hash_password("not a password of anyone: only here to spend the same time")


def _password_problems(password: str, username: str) -> list[FieldError]:
    """What is wrong with a new password. Never quotes it: FieldError.value stays None."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    elif len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"must be at most {MAX_PASSWORD_LENGTH} characters long")
    if password and len(set(password)) == 1:
        problems.append("must not be one character repeated")
    if password.strip().casefold() == username.strip().casefold():
        problems.append("must not be the username")
    return [FieldError("password", None, message) for message in problems]


# --- helpers -----------------------------------------------------------------------------


def _utc(value: dt.datetime | None) -> dt.datetime:
    """Now, or `value` in UTC; naive values (SQLite hands them back) are taken as UTC."""
    if value is None:
        return dt.datetime.now(dt.UTC)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _maybe_utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _utc(value)


def _find(session: Session, username: str) -> UserAccount | None:
    """The account of `username`, in any case."""
    query = (
        select(UserAccount)
        .where(func.lower(UserAccount.username) == username.strip().lower())
        .order_by(UserAccount.id)
    )
    return session.scalars(query).first()


def _get(session: Session, username: str) -> UserAccount:
    user = _find(session, username)
    if user is None:
        raise InvalidInput([FieldError("username", username, "no such user")])
    return user


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInput([FieldError("role", value, f"must be one of {choices}")]) from None


def _view(user: UserAccount) -> UserView:
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        active=user.active,
        has_password=user.password_hash is not None,
        sso_identity=user.sso_identity,
        failed_logins=user.failed_logins,
        locked_until=_maybe_utc(user.locked_until),
        last_login_at=_maybe_utc(user.last_login_at),
        created_at=_utc(user.created_at),
    )


# --- creating accounts -------------------------------------------------------------------


def _username_problems(username: str) -> list[FieldError]:
    name = username.strip()
    if not USERNAME_PATTERN.fullmatch(name):
        message = "must be 3 to 100 letters, digits, dots, _ or - characters"
        return [FieldError("username", username, message)]
    if name.lower() in RESERVED_USERNAMES:
        return [FieldError("username", username, "is reserved")]
    return []


def check_new_username(*, session: Session, actor: Actor, username: str) -> None:
    """Refuse a name `create_user` would refuse (malformed, reserved or taken) before
    anyone types a password for it (admins only)."""
    require(actor, Role.ADMIN, "creating users")
    problems = _username_problems(username)
    if not problems and _find(session, username) is not None:
        problems = [FieldError("username", username.strip(), "already exists")]
    if problems:
        raise InvalidInput(problems)


def create_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    password: str | None,
    role: Role,
    display_name: str | None = None,
    sso_identity: str | None = None,
) -> UserAccount:
    """Add an account (admins only). It signs in with `password`, through single sign-on
    as `sso_identity` (an e-mail address, any case), or both."""
    require(actor, Role.ADMIN, "creating users")
    name = username.strip()
    problems = _username_problems(username)
    identity = sso_identity.strip() if sso_identity is not None else None
    if identity is not None and not 3 <= len(identity) <= 300:
        problems.append(FieldError("sso_identity", sso_identity, "must be 3 to 300 characters"))
    if password is None and not identity:
        problems.append(
            FieldError("password", None, "required unless the user signs in by single sign-on")
        )
    if password is not None:
        problems += _password_problems(password, name)
    shown_name = display_name.strip() if display_name else None
    if shown_name is not None and len(shown_name) > 200:
        problems.append(FieldError("display_name", None, "must be at most 200 characters"))
    new_role = _role(role)
    if problems:
        raise InvalidInput(problems)

    if _find(session, name) is not None:
        raise InvalidInput([FieldError("username", name, "already exists")])
    if identity and session.scalar(
        select(UserAccount.username).where(func.lower(UserAccount.sso_identity) == identity.lower())
    ):
        raise InvalidInput([FieldError("sso_identity", identity, "belongs to another user")])

    user = UserAccount(
        username=name,
        display_name=shown_name or None,
        role=new_role,
        password_hash=hash_password(password) if password is not None else None,
        sso_identity=identity or None,
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    record(
        session=session,
        actor=actor,
        action="create",
        entity="user",
        entity_id=user.id,
        changes={"username": (None, user.username), "role": (None, user.role)},
    )
    return user


# --- signing in --------------------------------------------------------------------------


def authenticate(
    *, engine: Engine, username: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """The actor for a correct username and password, or LoginFailed.

    Unknown user, wrong password, inactive or password-less account: all the same
    LoginFailed. After MAX_FAILED_LOGINS failures in a row the account is locked for
    LOCKOUT and every attempt, even with the right password, raises AccountLocked.
    Commits its own transactions (the failure counter must survive the exception).
    """
    now = _utc(now)
    with make_session_factory(engine)() as session:
        user = _find(session, username)
        if user is None or not user.active or user.password_hash is None:
            _verify(_dummy_hash(), password)  # the same time as a real check
            raise LoginFailed()
        user_id, stored_hash = user.id, user.password_hash
        locked_until = _maybe_utc(user.locked_until)
    if locked_until is not None and locked_until > now:
        raise AccountLocked(locked_until, now)

    if not _verify(stored_hash, password):
        raise _count_failure(engine, user_id, now)

    new_hash = hash_password(password) if _hasher.check_needs_rehash(stored_hash) else None
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if new_hash is not None:
        values["password_hash"] = new_hash
    with transaction(engine) as session:
        # One conditional UPDATE: it changes nothing if, since the read, the account was
        # locked by parallel failures, deactivated, or given another password.
        done = session.execute(
            update(UserAccount)
            .where(
                UserAccount.id == user_id,
                UserAccount.active.is_(True),
                UserAccount.password_hash == stored_hash,
                or_(UserAccount.locked_until.is_(None), UserAccount.locked_until <= now),
            )
            .values(**values)
        )
        succeeded = cast(CursorResult[Any], done).rowcount == 1
        user = session.get(UserAccount, user_id, populate_existing=True)
        actor = Actor(user.username, user.role, user.id) if user and succeeded else None
        refused_until = _maybe_utc(user.locked_until) if user else None
    if actor is not None:
        return actor
    if refused_until is not None and refused_until > now:
        raise AccountLocked(refused_until, now)
    raise LoginFailed()


def _count_failure(engine: Engine, user_id: int, now: dt.datetime) -> LoginFailed:
    """Count one failed attempt (committed); the error to raise: locked or not."""
    with transaction(engine) as session:
        # The increment is one UPDATE, so parallel attempts cannot lose a count; it also
        # locks the row (and on SQLite the database) for the rest of this transaction.
        session.execute(
            update(UserAccount)
            .where(UserAccount.id == user_id)
            .values(failed_logins=UserAccount.failed_logins + 1)
        )
        user = session.get(UserAccount, user_id, populate_existing=True)
        if user is None:
            return LoginFailed()
        locked_until = _maybe_utc(user.locked_until)
        if locked_until is not None and locked_until > now:  # locked meanwhile
            return AccountLocked(locked_until, now)
        if locked_until is not None:  # an expired lock: the count starts again
            user.failed_logins = 1
            user.locked_until = None
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            return AccountLocked(user.locked_until, now)
    return LoginFailed()


def actor_for_sso(*, session: Session, identity: str) -> Actor | None:
    """The actor for an identity a single-sign-on provider vouched for (e-mail, any case),
    or None when no active account has it."""
    wanted = identity.strip().lower()
    if not wanted:
        return None
    user = session.scalars(
        select(UserAccount).where(
            func.lower(UserAccount.sso_identity) == wanted, UserAccount.active.is_(True)
        )
    ).first()
    return None if user is None else Actor(user.username, user.role, user.id)


def current_actor(*, session: Session, user_id: int) -> Actor | None:
    """The actor for a signed-in user id as the account stands now (None when it is gone
    or deactivated): check it on every request, so role changes take effect at once."""
    user = session.get(UserAccount, user_id)
    if user is None or not user.active:
        return None
    return Actor(user.username, user.role, user.id)


# --- managing accounts -------------------------------------------------------------------


def list_users(*, session: Session, actor: Actor) -> list[UserView]:
    require(actor, Role.ADMIN, "listing users")
    users = session.scalars(select(UserAccount).order_by(func.lower(UserAccount.username)))
    return [_view(user) for user in users]


def get_user(*, session: Session, actor: Actor, username: str) -> UserView:
    """One account (admins for anyone, everyone else for themself only)."""
    return _view(_get_permitted(session, actor, username, "looking up another user"))


def _get_permitted(session: Session, actor: Actor, username: str, what: str) -> UserAccount:
    """The account, if the actor is an admin or its owner; PermissionDenied otherwise."""
    if actor.can(Role.ADMIN):
        return _get(session, username)
    user = _find(session, username)
    # The same refusal for another user and for no user: names are not given away.
    if user is None or actor.user_id != user.id:
        require(actor, Role.ADMIN, what)
        raise PermissionDenied(what)  # unreachable: require refused a non-admin already
    return user


def _not_self(actor: Actor, user: UserAccount, what: str) -> None:
    if actor.user_id is not None and actor.user_id == user.id:
        raise PermissionDenied(f"you cannot {what} your own account; ask another admin")


def set_role(*, session: Session, actor: Actor, username: str, role: Role) -> UserAccount:
    require(actor, Role.ADMIN, "changing roles")
    new_role = _role(role)
    user = _get(session, username)
    if user.role == new_role:
        return user
    if new_role != Role.ADMIN:
        _not_self(actor, user, "demote")
    before = user.role
    user.role = new_role
    record(
        session=session,
        actor=actor,
        action="set_role",
        entity="user",
        entity_id=user.id,
        changes={"role": (before, new_role)},
    )
    return user


def set_active(*, session: Session, actor: Actor, username: str, active: bool) -> UserAccount:
    """Deactivate (no sign-in, no single sign-on) or reactivate an account."""
    require(actor, Role.ADMIN, "activating or deactivating users")
    user = _get(session, username)
    if user.active == active:
        return user
    if not active:
        _not_self(actor, user, "deactivate")
    user.active = active
    record(
        session=session,
        actor=actor,
        action="activate" if active else "deactivate",
        entity="user",
        entity_id=user.id,
        changes={"active": (not active, active)},
    )
    return user


def unlock(*, session: Session, actor: Actor, username: str) -> UserAccount:
    """Lift a lockout and forget the failed sign-ins."""
    require(actor, Role.ADMIN, "unlocking users")
    user = _get(session, username)
    if user.failed_logins == 0 and user.locked_until is None:
        return user
    changes = {
        "failed_logins": (user.failed_logins, 0),
        "locked_until": (_maybe_utc(user.locked_until), None),
    }
    user.failed_logins = 0
    user.locked_until = None
    record(
        session=session,
        actor=actor,
        action="unlock",
        entity="user",
        entity_id=user.id,
        changes=changes,
    )
    return user


def set_password(*, session: Session, actor: Actor, username: str, password: str) -> UserAccount:
    """Set a new password: admins for anyone, everyone else for themself only."""
    user = _get_permitted(session, actor, username, "setting another user's password")
    problems = _password_problems(password, user.username)
    if problems:
        raise InvalidInput(problems)
    user.password_hash = hash_password(password)
    record(
        session=session,
        actor=actor,
        action="set_password",
        entity="user",
        entity_id=user.id,
        comment="own password" if actor.user_id == user.id else None,
    )
    return user
