"""The dashboard's server: Streamlit's own app plus two small routes that keep a
researcher signed in across reloads with an HttpOnly cookie.

Streamlit's script cannot set a response header, so after a sign-in the page posts its
fresh token once to `/_tracker/session`, which stores it in an HttpOnly, SameSite=Lax
cookie (Secure over https). Every later page load sends that cookie on the websocket
handshake, where `st.context.cookies` reads it; the library decides what it is worth
(`tracker.write.sessions`). `tracker dashboard` serves this module
(`streamlit run dashboard/asgi.py` finds `app`); Streamlit's XSRF protection is unchanged.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# `streamlit run dashboard/asgi.py` puts dashboard/ on the path, not the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.cookie import COOKIE, SESSION_ROUTE, SIGN_OUT_ROUTE
from tracker.config import get_settings
from tracker.store.db import make_engine, transaction
from tracker.write.sessions import SESSION_LIFETIME, end_session, hand_over


@functools.cache
def _engine() -> Engine:
    return make_engine(get_settings())


def _same_origin(request: Request) -> bool:
    """Only the dashboard's own pages may set or clear its cookie (no cross-site posts)."""
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    return bool(origin and host and urlsplit(origin).netloc == host)


def _take(token: str) -> bool:
    with transaction(_engine()) as session:
        return hand_over(session=session, token=token)


def _revoke(token: str) -> None:
    with transaction(_engine()) as session:
        end_session(session=session, token=token)


async def take_session(request: Request) -> Response:
    """Store a token fresh from sign-in in the HttpOnly cookie (once per token)."""
    if not _same_origin(request):
        return Response(status_code=403)
    token = (await request.body()).decode("ascii", "replace").strip()
    if not await run_in_threadpool(_take, token):
        return Response(status_code=403)
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()), path="/",
        httponly=True, samesite="lax", secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


async def sign_out(request: Request) -> Response:
    """Revoke the cookie's token and remove the cookie."""
    if not _same_origin(request):
        return Response(status_code=403)
    token = request.cookies.get(COOKIE)
    if token:
        await run_in_threadpool(_revoke, token)
    response = Response(status_code=204)
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
    return response


app = st.App(
    "streamlit_app.py",
    routes=[
        Route(SESSION_ROUTE, take_session, methods=["POST"]),
        Route(SIGN_OUT_ROUTE, sign_out, methods=["POST"]),
    ],
)
