"""User accounts: Argon2id passwords, sign-in with lockout, single sign-on, admin tools.

Passwords are only ever held as Argon2id hashes and never reach the audit log. Every
change to an account is audited. `authenticate` takes an engine, not a session: it
commits its own short transactions, so a failed attempt is counted even though the
caller only sees an exception.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, Engine, delete, func, select, update
from sqlalchemy.orm import Session

from tracker.auth import Actor, PermissionDenied, require
from tracker.domain.vocab import Role
from tracker.errors import FieldError, InvalidInput, TrackerError
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import SignInFailure, UserAccount
from tracker.write._audit import record

MAX_FAILED_LOGINS = 5  # of one name from one address
MAX_SOURCE_FAILURES = 20  # of any names from one address
MAX_ACCOUNT_FAILURES = 100  # of one name from any addresses
LOCKOUT = dt.timedelta(minutes=15)
SOURCE_LENGTH = 100
SIGN_IN = Actor("anonymous", Role.VIEWER)  # who tries to sign in: nobody yet
MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: "safely unguessable", about 10^8 guesses or more
MAX_PASSWORD_LENGTH = 1024  # hashing cost grows with the input; nobody types more
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,100}")
RESERVED_USERNAMES = frozenset({"anonymous"})  # the audit name of visitors who are not signed in

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


SIGN_IN_REFUSED = (
    f"wrong username or password (after {MAX_FAILED_LOGINS} failed attempts, "
    f"wait {LOCKOUT.seconds // 60} minutes before trying again)"
)


class LoginFailed(TrackerError):
    """Sign-in refused. One message for every reason (unknown name, wrong password,
    inactive account, a lockout), so the one trying learns nothing from it."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_REFUSED)


class AccountLocked(LoginFailed):
    """Refused because of too many failures (the library's callers may tell; the message,
    and so the person trying, cannot)."""


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


def _password_problems(
    password: str, username: str, personal: Sequence[str | None] = ()
) -> list[FieldError]:
    """What is wrong with a new password. Never quotes it: FieldError.value stays None.

    Beyond the length: zxcvbn (Dropbox's estimator, shipped with its lists of common
    passwords, names, words and keyboard patterns; nothing is downloaded) must rate it
    at least MIN_PASSWORD_SCORE, with the username and the other personal details
    counted as known to an attacker; and it must not contain the username.
    """
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"must be at least {MIN_PASSWORD_LENGTH} characters long")
    elif len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"must be at most {MAX_PASSWORD_LENGTH} characters long")
    if password and len(set(password)) == 1:
        problems.append("must not be one character repeated")
    name = username.strip().casefold()
    if password.strip().casefold() == name:
        problems.append("must not be the username")
    elif len(name) >= 3 and name in password.casefold():
        problems.append("must not contain the username")
    if not problems:
        # Imported here: its word lists take 13 MB, needed only when a password is set.
        from zxcvbn import zxcvbn

        known = [username, *(detail for detail in personal if detail)]
        # zxcvbn's time grows with the length; the first 100 characters decide anyway.
        rating = zxcvbn(password[:100], user_inputs=known)
        if rating["score"] < MIN_PASSWORD_SCORE:
            hint = rating["feedback"]["warning"] or "a common word, name, date or pattern"
            problems.append(f"is too easy to guess ({hint.rstrip('.')}); use a longer passphrase")
    return [FieldError("password", None, message) for message in problems]


def username_problem(username: str) -> FieldError | None:
    """What is wrong with a new username, or None (checked before a password is asked)."""
    name = username.strip()
    if not USERNAME_PATTERN.fullmatch(name):
        return FieldError(
            "username", username, "must be 3 to 100 letters, digits, dots, _ or - characters"
        )
    if name.lower() in RESERVED_USERNAMES:
        return FieldError("username", username, "is reserved")
    return None


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
    problem = username_problem(username)
    return [] if problem is None else [problem]


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
    problems: list[FieldError] = []
    bad_name = username_problem(username)
    if bad_name is not None:
        problems.append(bad_name)
    identity = sso_identity.strip() if sso_identity is not None else None
    if identity is not None and not 3 <= len(identity) <= 300:
        problems.append(FieldError("sso_identity", sso_identity, "must be 3 to 300 characters"))
    if password is None and not identity:
        problems.append(
            FieldError("password", None, "required unless the user signs in by single sign-on")
        )
    if password is not None:
        problems += _password_problems(password, name, (display_name, sso_identity))
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


def _source(source: str | None) -> str:
    """The address a sign-in came from, as stored ("" when the caller does not know)."""
    return (source or "").strip()[:SOURCE_LENGTH]


def _name_key(username: str) -> str:
    return username.strip().lower()[:100]


def _lock_end(session: Session, name_key: str, source: str, now: dt.datetime) -> dt.datetime | None:
    """When the lock on this name from this address ends, or None when there is none.

    Three counts of failed sign-ins within LOCKOUT: of this name from this address (5), of
    any name from this address (20) and of this name from anywhere (100). Only the last
    can stop a name's owner signing in from another address, and it needs a guess spread
    over many addresses: one stranger cannot lock out an admin.
    """
    start = now - LOCKOUT
    recent = select(func.count(), func.max(SignInFailure.at)).where(SignInFailure.at > start)
    checks = (
        (
            MAX_FAILED_LOGINS,
            [SignInFailure.username_key == name_key, SignInFailure.source == source],
        ),
        (MAX_SOURCE_FAILURES, [SignInFailure.source == source]),
        (MAX_ACCOUNT_FAILURES, [SignInFailure.username_key == name_key]),
    )
    ends = []
    for limit, conditions in checks:
        count, latest = session.execute(recent.where(*conditions)).one()
        if count >= limit and latest is not None:
            ends.append(_utc(latest) + LOCKOUT)
    return max(ends) if ends else None


def authenticate(
    *,
    engine: Engine,
    username: str,
    password: str,
    source: str | None = None,
    now: dt.datetime | None = None,
) -> Actor:
    """The actor for a correct username and password, or LoginFailed.

    Unknown user, wrong password, inactive or password-less account, a lockout: all the
    same LoginFailed with the same message, after the same work (one Argon2 check, one
    write), so an answer reveals nothing about which names exist. `source` is the
    client's address: failures are throttled per name and address (MAX_FAILED_LOGINS),
    per address (MAX_SOURCE_FAILURES) and per name (MAX_ACCOUNT_FAILURES). Every
    attempt is audited (sign_in, sign_in_failed, lockout); admins see lockouts in the
    account list, and the owner after signing in (`tracker.read.audit.sign_in_notice`).
    Commits its own transactions (a failure must be counted even though the caller only
    sees an exception).
    """
    now, where, key = _utc(now), _source(source), _name_key(username)
    with make_session_factory(engine)() as session:
        user = _find(session, username)
        usable = user is not None and user.active and user.password_hash is not None
        user_id = user.id if user is not None else None
        stored_hash = user.password_hash if user is not None and usable else None
        locked_until = _lock_end(session, key, where, now)
    right = _verify(stored_hash or _dummy_hash(), password)  # the same time in every case
    if stored_hash is not None and user_id is not None and right and locked_until is None:
        actor = _succeed(engine, user_id, stored_hash, key, where, now, password)
        if actor is not None:
            return actor
    if locked_until is not None:
        reason = "locked"
    elif user_id is None:
        reason = "unknown user"
    elif stored_hash is None:
        reason = "inactive or single sign-on only"
    else:
        reason = "wrong password"
    raise _fail(engine, username, key, where, now, user_id, reason)


def _succeed(
    engine: Engine, user_id: int, stored_hash: str, key: str, where: str, now: dt.datetime,
    password: str,
) -> Actor | None:  # fmt: skip
    """Record a successful sign-in; None if the account changed since it was read."""
    new_hash = hash_password(password) if _hasher.check_needs_rehash(stored_hash) else None
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if new_hash is not None:
        values["password_hash"] = new_hash
    with transaction(engine) as session:
        # One conditional UPDATE: it changes nothing if, since the read, the account was
        # deactivated or given another password.
        done = session.execute(
            update(UserAccount)
            .where(
                UserAccount.id == user_id,
                UserAccount.active.is_(True),
                UserAccount.password_hash == stored_hash,
            )
            .values(**values)
        )
        if cast(CursorResult[Any], done).rowcount != 1:
            return None
        user = session.get(UserAccount, user_id, populate_existing=True)
        assert user is not None
        # Failures "in a row" from this address end with a success from it.
        session.execute(
            delete(SignInFailure).where(
                SignInFailure.username_key == key, SignInFailure.source == where
            )
        )
        actor = Actor(user.username, user.role, user.id)
        record(
            session=session, actor=actor, action="sign_in", entity="user", entity_id=user.id,
            changes={"source": (None, where or None)},
        )  # fmt: skip
    return actor


def _fail(
    engine: Engine, username: str, key: str, where: str, now: dt.datetime, user_id: int | None,
    reason: str,
) -> LoginFailed:  # fmt: skip
    """Count and audit one failed attempt (committed); the error to raise."""
    attempt = {"username": (None, username.strip()[:100]), "source": (None, where or None),
               "reason": (None, reason)}  # fmt: skip
    with transaction(engine) as session:
        if reason != "locked":  # a refused attempt checked nothing: it does not count
            session.add(SignInFailure(at=now, username_key=key, source=where))
            session.flush()
        record(
            session=session, actor=SIGN_IN, action="sign_in_failed", entity="user",
            entity_id=user_id, changes=attempt,
        )  # fmt: skip
        if reason == "locked":
            return AccountLocked()
        user = session.get(UserAccount, user_id) if user_id is not None else None
        if user is not None:
            expired = user.locked_until is not None and _utc(user.locked_until) <= now
            user.failed_logins = 1 if expired else user.failed_logins + 1
            user.locked_until = None if expired else user.locked_until
        locked_until = _lock_end(session, key, where, now)
        if locked_until is None:
            return LoginFailed()
        if user is not None:
            user.locked_until = locked_until
        record(
            session=session, actor=SIGN_IN, action="lockout", entity="user", entity_id=user_id,
            changes={**attempt, "locked_until": (None, locked_until)},
        )  # fmt: skip
    return AccountLocked()


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
    throttled = session.execute(
        delete(SignInFailure).where(SignInFailure.username_key == _name_key(user.username))
    )
    cleared = cast(CursorResult[Any], throttled).rowcount
    if user.failed_logins == 0 and user.locked_until is None and not cleared:
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
    problems = _password_problems(password, user.username, (user.display_name, user.sso_identity))
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
