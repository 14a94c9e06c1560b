"""Hostile text from a link or from the database reaches every page as text (issue #14):
no formatting, link or image comes from a URL value or a stored name, and no id or page
number from a URL raises."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.Markdown_pb2 import Markdown as MarkdownProto
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

from tracker.auth import Actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, transaction
from tracker.write.catalogue import add_party, add_platform
from tracker.write.deals import add_deal

from factories import deal_data

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")
ADMIN = Actor("ada", Role.ADMIN)

HOSTILE_LINK = "![x](http://host/p.png) **Session expired** [sign in again](http://host/phish)"
HOSTILE = (
    HOSTILE_LINK,
    "<img src=http://host/i.png> <script>alert(1)</script>",
    ":red[alert] $x^2$ `code` # heading",
    "visit http://host/phish or www.host.example",
)
# What Markdown would turn into an image, a link, bold text, HTML, a colour or maths when
# not escaped (an escaped character is preceded by a backslash).
_LIVE_MARKUP = re.compile(
    r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\((?!\))|(?<!\\)\*\*Session|(?<!\\)<(img|script)"
    r"|(?<!\\):red(?<!\\)\[|(?<![\\\u2060])//host|(?<!\\)\$x"
)


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


@pytest.fixture
def app_db(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_sqlite_url)
    return seeded_sqlite_url


def _run(page: str | None, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
    return at


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _walk(child)


def _rendered_markdown(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer: markdown, captions,
    alerts, headings, and the labels of metrics, expanders, tabs and page links."""
    texts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if isinstance(proto, MarkdownProto) and proto.element_type == MarkdownProto.CODE:
            continue  # st.code: shown verbatim
        for name in ("body", "label"):
            value = getattr(proto, name, None)
            if isinstance(value, str) and value:
                texts.append(value)
    return texts


def _assert_inert(at: AppTest) -> None:
    assert not at.exception, at.exception
    live = [text for text in _rendered_markdown(at) if _LIVE_MARKUP.search(text)]
    assert not live, live


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize(
    ("page", "param"),
    [(None, "buyer"), ("deals", "seller"), ("deals", "platform"), ("deals", "from"),
     ("deals", "status"), ("deals", "page"), ("deals", "sort"), ("deal", "id"),
     ("country", "name"), ("about", "buyer")],
)  # fmt: skip
def test_a_hostile_url_value_is_shown_as_text(
    app_db: str, page: str | None, param: str, text: str
) -> None:
    at = _run(page, {param: text})
    _assert_inert(at)


@pytest.mark.parametrize(
    ("page", "params"),
    [("deal", {"id": "99999999999999999999999"}), ("deals", {"page": "99999999999999999999"}),
     ("deal", {"id": "-1"}), ("deals", {"page": "²"}), ("deal", {"id": "٣"})],
)  # fmt: skip
def test_huge_or_odd_numbers_in_a_url_warn_and_never_raise(
    app_db: str, page: str, params: dict[str, str]
) -> None:
    at = _run(page, params)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def hostile_deal(app_db: str) -> int:
    """A deal whose every stored name and text is hostile."""
    engine = make_engine(Settings(database_url=app_db))
    with transaction(engine) as session:
        add_party(session=session, actor=ADMIN,
                  party_in={"name": HOSTILE_LINK, "kind": "company"})  # fmt: skip
        add_platform(session=session, actor=ADMIN,
                     platform_in={"designation": HOSTILE[1], "category": "aircraft",
                                  "description": HOSTILE[2]})  # fmt: skip
        deal = add_deal(
            session=session, actor=ADMIN,
            deal_in=deal_data(seller=HOSTILE_LINK, platform=HOSTILE[1], programme=HOSTILE[3],
                              quantity_unit=HOSTILE[2], ref=HOSTILE[2], notes=HOSTILE_LINK,
                              description=HOSTILE_LINK),
        )  # fmt: skip
        return deal.id


@pytest.mark.parametrize(
    ("page", "params"),
    [(None, {}), ("deals", {}), ("deals", {"group": "platform"}), ("deals", {"group": "seller"}),
     ("country", {"name": HOSTILE_LINK}), ("deal", {})],
)  # fmt: skip
def test_hostile_stored_names_are_shown_as_text(
    hostile_deal: int, page: str | None, params: dict[str, str]
) -> None:
    if page == "deal":
        params = {"id": str(hostile_deal)}
    at = _run(page, params)
    _assert_inert(at)
    shown = "\n".join(_rendered_markdown(at))
    if page == "deal":
        assert "Session expired" in shown  # the name is there, as text
