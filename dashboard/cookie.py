"""The sign-in cookie as the pages see it: its name, and the two posts that set and clear it
(served by `dashboard/asgi.py`)."""

from __future__ import annotations

import json

import streamlit as st

COOKIE = "tracker_session"
SESSION_ROUTE = "/_tracker/session"
SIGN_OUT_ROUTE = "/_tracker/sign-out"


def cookie_token() -> str | None:
    """The sign-in token the browser sent with this session's connection, if any."""
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # no browser connection (AppTest, warm-up)
        return None
    return str(token) if token else None


def _post(route: str, body: str = "") -> None:
    # Our own constant route and a token of URL-safe characters, JSON-quoted: no user text.
    script = (
        f"<script>fetch({json.dumps(route)}, {{method: 'POST', credentials: 'same-origin', "
        f"body: {json.dumps(body)}}});</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width=1)


def store_token(token: str) -> None:
    """Ask the browser to keep `token` in the HttpOnly cookie (the server sets it)."""
    _post(SESSION_ROUTE, token)


def clear_cookie() -> None:
    """Ask the browser to drop the cookie (its token is revoked already)."""
    _post(SIGN_OUT_ROUTE)
