"""Totals: quantities summed where known, unknowns counted, money kept per currency."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.domain.vocab import Condition, Status, counted
from tracker.errors import InvalidInput
from tracker.formatting import describe_money, describe_quantity
from tracker.read.filters import DealFilters
from tracker.read.rows import count_deals, list_deals
from tracker.read.totals import GroupTotal, overall_total, supply_matrix, totals
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data


def _by_platform(session: Session, buyer: str) -> dict[str, GroupTotal]:
    return {g.label: g for g in totals(session, DealFilters(buyers=(buyer,)), "platform")}


@pytest.mark.parametrize("buyer", ["Turkey", "Türkiye", "TUR", "turkiye"])
def test_turkey_totals_by_platform(session: Session, buyer: str) -> None:
    groups = _by_platform(session, buyer)
    typhoon = groups["Eurofighter Typhoon"]
    assert (typhoon.deals, typhoon.quantity, typhoon.quantity_unknown) == (3, 44, 0)
    assert sorted((p.seller, p.quantity) for p in typhoon.parts) == [
        ("Oman", 12), ("Qatar", 12), ("United Kingdom", 20),
    ]  # fmt: skip
    assert describe_quantity(typhoon) == "44 (20 + 12 + 12)"
    assert groups["F-16 Block 70 Viper"].quantity == 40
    s400 = groups["S-400 Triumf"]
    assert (s400.quantity, s400.units) == (4, ("units",))
    assert [(m.currency, m.amount) for m in s400.money] == [("USD", Decimal("2500000000.00"))]
    assert describe_money(s400) == "$2.5 billion"


def test_unknown_quantity_is_reported_not_zero(session: Session) -> None:
    f35 = _by_platform(session, "Turkey")["F-35 Lightning II"]
    assert (f35.deals, f35.quantity_unknown) == (1, 1)
    assert describe_quantity(f35) == "unknown"


def test_at_least_values_say_so(session: Session) -> None:
    plan = _by_platform(session, "Turkey")["US combat aircraft (unspecified)"]
    assert describe_money(plan) == "at least $10 billion"


def test_money_is_never_added_across_currencies(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as s:
        add_deal(
            actor=EDITOR,
            session=s,
            deal_in=deal_data(
                seller="United Kingdom", platform="Eurofighter Typhoon",
                value_amount="1000000000", value_currency="GBP",
            ),
        )  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        overall = overall_total(s, DealFilters())
    assert {m.currency: m.amount for m in overall.money} == {
        "GBP": Decimal("1000000000.00"),
        "USD": Decimal("12500000000.00"),
    }
    assert "value known for 3 of 8 deals" in describe_money(overall)


def test_totals_by_seller_count_unknowns(session: Session) -> None:
    groups = {g.label: g for g in totals(session, DealFilters(), "seller")}
    usa = groups["United States"]
    assert (usa.deals, usa.quantity, usa.quantity_unknown) == (3, 40, 2)
    assert describe_quantity(usa) == "40, plus 2 deals of unknown quantity"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (DealFilters(platforms=("Typhoon",)), 3),
        (DealFilters(sellers=("UK",)), 1),
        (DealFilters(sellers=("USA", "Russia")), 4),
        (DealFilters(conditions=(Condition.SECOND_HAND,)), 2),
        (DealFilters(statuses=(Status.NEGOTIATING, Status.ORDERED)), 3),
        (DealFilters(year_from=2017, year_to=2020), 1),
        (DealFilters(has_value=True), 2),
        (DealFilters(has_value=False), 5),
        (DealFilters(text="dormant"), 1),
        (DealFilters(text="Press TV"), 7),
        (DealFilters(text="joint military mechanism"), 1),
        (DealFilters(buyers=("Germany",)), 0),
    ],
)
def test_filters_select_the_right_deals(
    session: Session, filters: DealFilters, expected: int
) -> None:
    assert count_deals(session, filters) == expected
    assert len(list_deals(session, filters)) == expected


def test_unknown_filter_names_are_errors_with_suggestions(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        count_deals(session, DealFilters(buyers=("Turky",), platforms=("Tyhpoon",)))
    message = str(caught.value)
    assert "buyer" in message and "Turkey" in message
    assert "platform" in message and "Eurofighter Typhoon" in message


def test_totals_by_year_and_status(session: Session) -> None:
    by_year = {g.key: g.deals for g in totals(session, DealFilters(), "year")}
    assert by_year == {2017: 1, 2025: 1, None: 5}
    by_status = {g.label: g.deals for g in totals(session, DealFilters(), "status")}
    assert by_status["negotiating"] == 2 and by_status["delivered"] == 1


def test_a_unit_names_a_total_only_when_every_known_quantity_has_it(seeded_engine: Engine) -> None:
    """Country page, India's partners: "942 deals: 65,229 batteries" added jets, ships and
    one deal counted in batteries. A total takes a unit only when all its quantities do."""
    with transaction(seeded_engine) as s:
        for platform, unit in (("S-400 Triumf", "batteries"), ("Eurofighter Typhoon", None),
                               ("S-400 Triumf", "batteries")):  # fmt: skip
            add_deal(
                actor=EDITOR, session=s,
                deal_in=deal_data(buyer="Chile", seller="Belarus", platform=platform,
                                  quantity_ordered=5, quantity_unit=unit),
            )  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        by_seller = {t.label: t for t in totals(s, DealFilters(buyers=["Chile"]), "seller")}
        by_platform = {t.label: t for t in totals(s, DealFilters(buyers=["Chile"]), "platform")}
    assert describe_quantity(by_seller["Belarus"]).startswith("15 (5 + 5 + 5)")
    assert "batteries" not in describe_quantity(by_seller["Belarus"])
    assert describe_quantity(by_platform["S-400 Triumf"]).startswith("10 batteries")
    assert describe_quantity(by_platform["Eurofighter Typhoon"]) == "5"


def test_groups_read_as_labels_and_export_as_codes(session: Session) -> None:
    by_condition = totals(session, DealFilters(), "condition")
    shown = {group.label: group.shown for group in by_condition}
    assert shown.get("second_hand") == "second-hand" and shown.get("new") == "new"


def test_counted_says_one_thing_or_many() -> None:
    assert [counted(1, "new deal"), counted(2400, "deal"), counted(0, "row")] == [
        "1 new deal", "2,400 deals", "0 rows"
    ]  # fmt: skip
    assert counted(1, "party", "parties") + ", " + counted(3, "party", "parties") == (
        "1 party, 3 parties"
    )


def test_who_supplies_whom_is_every_pair_of_the_busiest(seeded_engine: Engine) -> None:
    """The Overview's matrix: the busiest suppliers by the busiest recipients, every pair
    of them with its deals (the 25 largest pairs alone were one supplier's at 100,000)."""
    typhoon, viper, s400, f35 = (
        "Eurofighter Typhoon",
        "F-16 Block 70 Viper",
        "S-400 Triumf",
        "F-35 Lightning II",
    )
    extra = [("Greece", "France", typhoon), ("Greece", "France", viper),
             ("India", "France", typhoon), ("Egypt", "France", s400),
             ("India", "Russia", s400), ("Greece", "United States", f35)]  # fmt: skip
    with transaction(seeded_engine) as s:
        for buyer, seller, platform in extra:
            add_deal(session=s, actor=EDITOR,
                     deal_in=deal_data(buyer=buyer, seller=seller, platform=platform))  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        rows = list_deals(s, DealFilters(), limit=1000)
        flows = supply_matrix(s, DealFilters(), suppliers=2, recipients=2)
    pairs: Counter[tuple[str, str]] = Counter((r.seller, r.buyer) for r in rows)
    supplied: Counter[str] = Counter(r.seller for r in rows)
    received: Counter[str] = Counter(r.buyer for r in rows)
    top_sellers = sorted(supplied, key=lambda n: (-supplied[n], n))[:2]
    top_buyers = sorted(received, key=lambda n: (-received[n], n))[:2]
    expected = {(s, b): n for (s, b), n in pairs.items() if s in top_sellers and b in top_buyers}
    assert {(f.seller, f.buyer): f.deals for f in flows} == expected
    assert ("France", "Greece") in expected and len(expected) >= 3
    assert [f.deals for f in flows] == sorted((f.deals for f in flows), reverse=True)
