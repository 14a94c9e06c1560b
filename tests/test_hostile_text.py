"""User text reaches Markdown and terminals as text: escaping helpers (issue #14)."""

from __future__ import annotations

import json

import pytest

from dashboard.ui import md, positive_int
from tracker.cli.common import clean
from tracker.domain.limits import visible_controls

HOSTILE_LINK = "![x](http://host/p.png) **Session expired** [sign in again](http://host/phish)"


def test_md_escapes_every_markdown_construct() -> None:
    shown = md(HOSTILE_LINK)
    for raw in ("![", "](", " **", " [sign"):
        assert raw not in shown
    assert "\\!\\[x\\]" in shown and "\\*\\*Session expired\\*\\*" in shown


@pytest.mark.parametrize(
    "text", ["http://host/phish", "see www.host.example", "mail me@host.example"]
)
def test_md_breaks_bare_autolinks(text: str) -> None:
    shown = md(text)
    assert "\u2060" in shown  # an invisible joiner inside the pattern GFM would link
    assert shown.replace("\u2060", "").replace("\\", "") == text


def test_md_drops_controls_and_leading_indentation_keeps_lines() -> None:
    assert md("a\x1b[31mb\u202e") == "a\\[31mb"
    assert md("one\n    code\n===") == "one  \ncode  \n\\==="


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("0", None), ("-1", None), ("99999999999999999999999", None), ("²", None),
     ("٣", None), ("2147483648", None), ("", None), (" 7 ", 7)],
)  # fmt: skip
def test_positive_int_never_raises(text: str, expected: int | None) -> None:
    assert positive_int(text) == expected


def test_clean_escapes_terminal_controls() -> None:
    assert clean("\x1b[31mred\x1b]0;title\x07\x9b\u202e") == (
        "\\x1b[31mred\\x1b]0;title\\x07\\x9b\\u202e"
    )
    assert clean("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_clean_keeps_line_ends_but_not_a_lone_carriage_return() -> None:
    assert clean("a,b\r\nc\n") == "a,b\r\nc\n"  # CSV rows written to standard output
    assert clean("safe\rEVIL") == "safe\\x0dEVIL"  # would overwrite the line shown


def test_visible_controls_for_json_and_for_one_line_names() -> None:
    shown = visible_controls(json.dumps(["a\x9bb\u202e\x7f"], ensure_ascii=False), json=True)
    assert "\x9b" not in shown and json.loads(shown) == ["a\x9bb\u202e\x7f"]
    name = visible_controls("\x1b]0;t\x07a\tb\nc\udcff.csv", multiline=False)
    assert name == "\\x1b]0;t\\x07a\\x09b\\x0ac\\udcff.csv"
