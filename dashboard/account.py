"""Signing in and out: local accounts, or single sign-on through st.login when configured.

The signed-in person is kept in session state as a `tracker.auth.Actor`; every write the
pages make passes it to the library, which checks the role itself. A password sign-in
also opens a library session whose token the browser keeps in an HttpOnly cookie
(`dashboard/cookie.py`), so a reload or a new tab stays signed in until sign-out,
expiry, a password change or a deactivation.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.cookie import clear_cookie, cookie_token, store_token
from dashboard.ui import md
from tracker.auth import ANONYMOUS, Actor
from tracker.config import get_settings
from tracker.domain.vocab import Role
from tracker.read.audit import sign_in_notice
from tracker.write import accounts
from tracker.write.accounts import LoginFailed, actor_for_sso, authenticate
from tracker.write.sessions import actor_for_token, end_session, open_session

ACTOR_KEY = "actor"
TOKEN_KEY = "session_token"  # this browser session's sign-in token
STORE_KEY = "store_cookie"  # a token the browser is still to put in its cookie
CLEAR_KEY = "clear_cookie"  # the browser is still to drop its cookie
CHECKED_KEY = "cookie_checked"  # the cookie sent with this connection was looked at


def current_actor() -> Actor:
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else ANONYMOUS


def is_editor() -> bool:
    return current_actor().can(Role.EDITOR)


def sso_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section for st.login."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _sso_actor() -> Actor | None:
    if not sso_configured() or not st.user.is_logged_in:
        return None
    identity = str(st.user.get("email") or st.user.get("sub") or "")
    return data.read(actor_for_sso, identity=identity) if identity else None


def client_address() -> str:
    """The visitor's address, which sign-in throttling counts by. Behind a reverse proxy
    (TRACKER_BEHIND_PROXY=true) it is the address the proxy reports (X-Real-IP, else the
    last X-Forwarded-For hop, the one the proxy added); otherwise the connection's."""
    if get_settings().behind_proxy:
        headers = st.context.headers
        forwarded = headers.get("X-Real-IP") or headers.get("X-Forwarded-For", "").split(",")[-1]
        if forwarded.strip():
            return forwarded.strip()
    address = st.context.ip_address
    return address if isinstance(address, str) else ""  # none without a browser (AppTest)


def _sign_in_form() -> None:
    with st.expander("Sign in (researchers)"), st.form("sign_in", clear_on_submit=False):
        username = st.text_input("Username", key="signin_user")
        password = st.text_input("Password", type="password", key="signin_password")
        submitted = st.form_submit_button("Sign in", key="sign_in_submit")
    if submitted:
        try:
            actor = authenticate(
                engine=data.engine(), username=username, password=password,
                source=client_address(),
            )  # fmt: skip
        except LoginFailed as exc:
            st.sidebar.error(md(exc))
        else:
            token = data.account(open_session, actor=actor)
            st.session_state.update({ACTOR_KEY: actor, TOKEN_KEY: token, STORE_KEY: token})
            st.session_state.pop("signin_password", None)
            notice = data.read(sign_in_notice, actor=actor)
            if notice is not None:  # the owner learns what was tried against the account
                st.session_state["sign_in_notice"] = str(notice)
            st.rerun()


def _sign_out() -> None:
    token = st.session_state.pop(TOKEN_KEY, None)
    if token:
        data.account(end_session, token=token)
    st.session_state.pop(ACTOR_KEY, None)
    st.session_state.pop(STORE_KEY, None)
    st.session_state[CLEAR_KEY] = True


def _from_cookie() -> None:
    """Once per browser session: sign in with the cookie's token, if it is still good."""
    if st.session_state.get(CHECKED_KEY):
        return
    st.session_state[CHECKED_KEY] = True
    token = cookie_token()
    if token is None or ACTOR_KEY in st.session_state:
        return
    actor = data.read(actor_for_token, token=token)
    if actor is not None:
        st.session_state.update({ACTOR_KEY: actor, TOKEN_KEY: token})


def _refreshed(actor: Actor) -> Actor:
    """The signed-in account as the database has it now: a deactivation, a role or
    password change, an expiry or a sign-out elsewhere takes effect on the next click."""
    if actor.user_id is None:
        return actor
    token = st.session_state.get(TOKEN_KEY)
    if token:
        fresh = data.read(actor_for_token, token=token)
    else:
        fresh = data.read(accounts.current_actor, user_id=actor.user_id)
    if fresh is None:
        st.session_state.pop(ACTOR_KEY, None)
        st.session_state.pop(TOKEN_KEY, None)
        return ANONYMOUS
    st.session_state[ACTOR_KEY] = fresh
    return fresh


def _cookie_chores() -> None:
    """Hand a fresh token to the browser, or tell it to drop the cookie (one run each)."""
    if token := st.session_state.pop(STORE_KEY, None):
        store_token(token)
    if st.session_state.pop(CLEAR_KEY, None):
        clear_cookie()


def account_box() -> Actor:
    """The sidebar's account section; returns who is acting in this session."""
    _from_cookie()
    _refreshed(current_actor())
    if current_actor() is ANONYMOUS:
        sso = _sso_actor()
        if sso is not None:
            st.session_state[ACTOR_KEY] = sso
    actor = current_actor()
    with st.sidebar:
        _cookie_chores()
        if actor is ANONYMOUS:
            _sign_in_form()
            if sso_configured():
                if st.user.is_logged_in:
                    st.warning("Your single-sign-on identity has no account here; ask an admin.")
                else:
                    st.button("Sign in with single sign-on", on_click=st.login)
        else:
            st.caption(f"Signed in as **{md(actor.name)}** ({actor.role.value})")
            if notice := st.session_state.pop("sign_in_notice", None):
                st.warning(md(notice), icon=":material/lock:")
            if st.button("Sign out", key="sign_out"):
                _sign_out()
                if sso_configured() and st.user.is_logged_in:
                    st.logout()
                st.rerun()
    return actor
