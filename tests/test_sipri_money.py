"""Every sum in SIPRI's comments, with its kind; a sum whose role is unclear is left out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.imports.sipri import Money, MoneyKind, comment_money, parse_comment_money, parse_sipri

CONTRACT, ESTIMATE, AID = MoneyKind.CONTRACT, MoneyKind.ESTIMATE, MoneyKind.AID
PACKAGE, OFFSET, LOAN = MoneyKind.PACKAGE, MoneyKind.OFFSET, MoneyKind.LOAN
M, B = Decimal(10) ** 6, Decimal(10) ** 9


def _money(
    kind: MoneyKind,
    amount: str,
    currency: str,
    quote: str,
    *,
    high: str | None = None,
    at_least: bool = False,
    usd: str | None = None,
    usd_high: str | None = None,
) -> Money:
    return Money(
        kind,
        _sum(amount),
        currency,
        quote,
        amount_high=_sum(high) if high else None,
        at_least=at_least,
        usd=_sum(usd) if usd else None,
        usd_high=_sum(usd_high) if usd_high else None,
    )


def _sum(text: str) -> Decimal:
    number, unit = text.split()
    amount = Decimal(number) * (M if unit == "m" else B)
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        ("$79 m deal", [_money(CONTRACT, "79 m", "USD", "$79 m deal")]),
        ("EUR7 m deal", [_money(CONTRACT, "7 m", "EUR", "EUR7 m deal")]),
        ("$1.1 b", [_money(CONTRACT, "1.1 b", "USD", "$1.1 b")]),
        ("A-29B version; $1.1 b", [_money(CONTRACT, "1.1 b", "USD", "$1.1 b")]),
        (
            "INR109-175 b deal ($2.3-2.6 b; offsets $593 m)",
            [
                _money(
                    CONTRACT,
                    "109 b",
                    "INR",
                    "INR109-175 b deal ($2.3-2.6 b",
                    high="175 b",
                    usd="2.3 b",
                    usd_high="2.6 b",
                ),
                _money(OFFSET, "593 m", "USD", "offsets $593 m"),
            ],
        ),
        ("Part of $488 m deal", [_money(PACKAGE, "488 m", "USD", "Part of $488 m deal")]),
        (
            "part of deal worth $5.4 m",
            [_money(PACKAGE, "5.4 m", "USD", "part of deal worth $5.4 m")],
        ),
        ("Second-hand; 'MAP' aid $0.5 m", [_money(AID, "0.5 m", "USD", "'MAP' aid $0.5 m")]),
        ("Possibly $50 m", [_money(ESTIMATE, "50 m", "USD", "Possibly $50 m")]),
        ("reportedly $1.2 b deal", [_money(ESTIMATE, "1.2 b", "USD", "reportedly $1.2 b deal")]),
        ("$2.3-2.6 b", [_money(CONTRACT, "2.3 b", "USD", "$2.3-2.6 b", high="2.6 b")]),
        ("$200-250 m deal", [_money(CONTRACT, "200 m", "USD", "$200-250 m deal", high="250 m")]),
        (
            "$200 m-$250 m deal",
            [_money(CONTRACT, "200 m", "USD", "$200 m-$250 m deal", high="250 m")],
        ),
        ("$79-100 m deal", [_money(CONTRACT, "79 m", "USD", "$79-100 m deal", high="100 m")]),
        ("at least $300 m", [_money(CONTRACT, "300 m", "USD", "at least $300 m", at_least=True)]),
        (
            "deal worth more than $1 b",
            [_money(CONTRACT, "1 b", "USD", "deal worth more than $1 b", at_least=True)],
        ),
        ("$400 m loan", [_money(LOAN, "400 m", "USD", "$400 m loan")]),
        (
            "financed by $400 m credit from Russia",
            [_money(LOAN, "400 m", "USD", "financed by $400 m credit")],
        ),
        ("$300 m offsets", [_money(OFFSET, "300 m", "USD", "$300 m offsets")]),
        (
            "$79 m deal; offsets $40 m; part of $1 b package",
            [
                _money(CONTRACT, "79 m", "USD", "$79 m deal"),
                _money(OFFSET, "40 m", "USD", "offsets $40 m"),
                _money(PACKAGE, "1 b", "USD", "part of $1 b"),
            ],
        ),
        (
            "Part of $1 b Russian credit",
            [_money(LOAN, "1 b", "USD", "Part of $1 b Russian credit")],
        ),
        ("Deal ($79 m)", [_money(CONTRACT, "79 m", "USD", "Deal ($79 m)")]),
        (
            "financed by US aid ($5 m)",
            [_money(AID, "5 m", "USD", "financed by US aid ($5 m)")],
        ),
        (
            "EUR50 m deal ($60 m)",
            [_money(CONTRACT, "50 m", "EUR", "EUR50 m deal ($60 m)", usd="60 m")],
        ),
        ("$79 million deal", [_money(CONTRACT, "79 m", "USD", "$79 million deal")]),
        ("$1,100 m deal", [_money(CONTRACT, "1.1 b", "USD", "$1,100 m deal")]),
        ("US$12.5 m deal", [_money(CONTRACT, "12.5 m", "USD", "US$12.5 m deal")]),
        ("£30 m deal", [_money(CONTRACT, "30 m", "GBP", "£30 m deal")]),
        ("SEK 300 m contract", [_money(CONTRACT, "300 m", "SEK", "SEK 300 m contract")]),
        ("about $80 m deal", [_money(CONTRACT, "80 m", "USD", "about $80 m deal")]),
        ("$1.1 b incl training", [_money(CONTRACT, "1.1 b", "USD", "$1.1 b")]),
        # Several sums for different things stay apart; unclear ones are left out.
        (
            "$1.1 b deal incl $200 m for training",
            [_money(CONTRACT, "1.1 b", "USD", "$1.1 b deal")],
        ),
        ("$79 m deal; EUR20 m for training", [_money(CONTRACT, "79 m", "USD", "$79 m deal")]),
        ("$79 m deal; financed by USA ($79 m)", [_money(CONTRACT, "79 m", "USD", "$79 m deal")]),
        (
            "Part of $488 m deal; aid $20 m",
            [
                _money(PACKAGE, "488 m", "USD", "Part of $488 m deal"),
                _money(AID, "20 m", "USD", "aid $20 m"),
            ],
        ),
    ],
)
def test_comment_money(comments: str, expected: list[Money]) -> None:
    assert comment_money(comments) == expected


@pytest.mark.parametrize(
    "comments",
    [
        "",
        "Second-hand; aid",
        "MSFV version; 240 ordered",
        "$5 m each",
        "$10 m per aircraft",
        "up to $2 b",
        "less than $1 m",
        "incl $50 m for spares",
        "EUR20 m for training",
        "Delivered 2012 $79 m",
        "financed by USA ($79 m)",
        "$20 m training contract",
        "$20000 b deal",
        "$0 m deal",
        "$250-200 m deal",
        "A$50 m deal",
        "XYZ5 m deal",
        "APC5 m",
        "$100 mortars",
        "120mm mortars",
    ],
)
def test_unclear_or_absent_sums_are_left_out(comments: str) -> None:
    assert comment_money(comments) == []


@pytest.mark.parametrize(
    ("comments", "kind"),
    [
        ("Part of $488 m deal", None),
        ("offsets $593 m", None),
        ("$400 m loan", None),
        ("'MAP' aid $0.5 m", AID),
        ("Possibly $50 m", ESTIMATE),
        ("Part of $488 m deal; $20 m deal", CONTRACT),
        ("offsets $593 m; EUR7 m deal", CONTRACT),
    ],
)
def test_parse_comment_money_gives_the_deals_own_value(
    comments: str, kind: MoneyKind | None
) -> None:
    own = parse_comment_money(comments)
    assert (own.kind if own else None) == kind


@pytest.mark.parametrize(
    "comments",
    [
        "INR109-175 b deal ($2.3-2.6 b; offsets $593 m)",
        "Part of $488 m deal; aid $20 m; offsets $1 b; $5 m each",
        "Possibly (reportedly) $50 m deal (EUR40 m); financed by $1 b credit",
        "EUR50 m deal ($60 m",
        "(($1 m))",
        ")$2 m deal(",
    ],
)
def test_every_quote_is_a_verbatim_part_of_the_comment(comments: str) -> None:
    for money in comment_money(comments):
        assert money.quote in comments


def test_layout_a_deal_carries_every_sum_of_its_comment() -> None:
    path = Path(__file__).parent / "fixtures" / "sipri" / "deals-messy.csv"
    (hawk,) = [d for d in parse_sipri(path.read_bytes()).deals if d.designation == "Hawk-100"]
    assert [(money.kind, money.currency) for money in hawk.money] == [
        (CONTRACT, "INR"),
        (OFFSET, "USD"),
    ]
