"""Bad writes are rejected with the field and value named, and nothing is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tracker.domain.money import MAX_AMOUNT
from tracker.domain.schemas import DealIn, PartialDate, validate
from tracker.domain.vocab import ALLOWED_TRANSITIONS, Status, can_change_status
from tracker.errors import InvalidInput, QuoteNotInSource
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal
from tracker.write.deals import add_deal
from tracker.write.sources import cite

from factories import EDITOR, deal_data, row_counts


def _create(engine: Engine, **overrides: Any) -> int:
    with transaction(engine) as session:
        return add_deal(actor=EDITOR, session=session, deal_in=deal_data(**overrides)).id


@pytest.mark.parametrize(
    ("overrides", "field", "shown"),
    [
        ({"quantity_ordered": -3}, "quantity_ordered", "-3"),
        ({"quantity_delivered": -1}, "quantity_delivered", "-1"),
        ({"value_amount": "1000000"}, "value_currency", "1000000"),
        ({"value_amount": "5", "value_currency": "XYZ"}, "value_currency", "XYZ"),
        ({"value_amount": "-5", "value_currency": "USD"}, "value_amount", "-5"),
        ({"buyer": "Narnia"}, "buyer", "Narnia"),
        ({"seller": "Untied States"}, "seller", "Untied States"),
        ({"platform": "F-99 Unicorn"}, "platform", "F-99 Unicorn"),
        ({"first_delivery_date": "2025-06"}, "first_delivery_date", "2025-06"),
        ({"order_date": "2026-02-30"}, "order_date", "2026-02-30"),
        ({"status": "shipped"}, "status", "shipped"),
        ({"quantity_delivered": 9}, "quantity_delivered", "9"),
        ({"condition": "mint"}, "condition", "mint"),
    ],
)
def test_bad_write_names_field_and_value_and_writes_nothing(
    seeded_engine: Engine, overrides: dict[str, Any], field: str, shown: str
) -> None:
    before = row_counts(seeded_engine)
    with pytest.raises(InvalidInput) as caught:
        _create(seeded_engine, **overrides)
    assert field in {error.field for error in caught.value.errors}
    assert shown in str(caught.value)
    assert row_counts(seeded_engine) == before


def test_unknown_country_suggests_the_closest_names(seeded_engine: Engine) -> None:
    with pytest.raises(InvalidInput) as caught:
        _create(seeded_engine, buyer="Turky")
    assert "did you mean Turkey" in str(caught.value)


def test_every_bad_name_is_reported_at_once(seeded_engine: Engine) -> None:
    with pytest.raises(InvalidInput) as caught:
        _create(seeded_engine, buyer="Narnia", seller="Gondor", platform="Palantir")
    assert {e.field for e in caught.value.errors} == {"buyer", "seller", "platform"}


def test_delivered_above_ordered_is_accepted_when_flagged(seeded_engine: Engine) -> None:
    deal_id = _create(seeded_engine, quantity_delivered=10, delivered_exceeds_ordered=True)
    with make_session_factory(seeded_engine)() as session:
        assert session.get_one(Deal, deal_id).quantity_delivered == 10


def test_aliases_resolve_to_the_same_parties(seeded_engine: Engine) -> None:
    first = _create(seeded_engine, buyer="Türkiye", seller="USA", platform="F-16V")
    second = _create(seeded_engine, buyer="TUR", seller="US", platform="F-16 Viper")
    with make_session_factory(seeded_engine)() as session:
        a, b = session.get_one(Deal, first), session.get_one(Deal, second)
        assert (a.buyer_id, a.seller_id, a.platform_id) == (b.buyer_id, b.seller_id, b.platform_id)
        assert a.buyer.iso3 == "TUR" and a.seller.iso3 == "USA"


def test_dates_compare_at_the_coarser_precision(seeded_engine: Engine) -> None:
    # Ordered "in 2017", delivered in March 2017: not a contradiction, and stored as given.
    deal_id = _create(seeded_engine, order_date="2017", first_delivery_date="2017-03")
    with make_session_factory(seeded_engine)() as session:
        deal = session.get_one(Deal, deal_id)
        assert (deal.order_date, deal.order_date_precision) == (dt.date(2017, 1, 1), "year")
        assert deal.first_delivery_date == dt.date(2017, 3, 1)
        assert deal.first_delivery_precision == "month"
    # At the same precision, a delivery before the order is refused.
    with pytest.raises(InvalidInput, match="first_delivery_date: 2017-02 is before the order"):
        _create(seeded_engine, order_date="2017-03", first_delivery_date="2017-02")
    # Ordered in March 2017, delivered "in 2017": the coarser year cannot tell; accepted.
    _create(seeded_engine, order_date="2017-03", first_delivery_date="2017")


def test_partial_dates_keep_their_precision() -> None:
    assert str(PartialDate.model_validate("2019-10")) == "2019-10"
    assert str(PartialDate.model_validate(2017)) == "2017"
    assert str(PartialDate.model_validate("2024-02-15")) == "2024-02-15"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2099-13-45", ["year must be between 1900 and", "month must be 01 to 12 (got 13)",
                        "day must be 01 to 31 (got 45)"]),
        ("2020-00", ["month must be 01 to 12 (got 00)"]),  # was read as the year 2020
        ("2020-05-00", ["day must be 01 to 31 (got 00)"]),  # was read as May 2020
        ("2021-02-29", ["day 29 is past the end of February 2021 (28 days)"]),
        ("2019-04-31", ["day 31 is past the end of April 2019 (30 days)"]),
    ],
)  # fmt: skip
def test_a_wrong_date_is_told_part_by_part(text: str, says: list[str]) -> None:
    """Every wrong part at once, in words (a QA pass: "2099-13-45" named only the year)."""
    with pytest.raises(ValueError) as caught:
        PartialDate.model_validate(text)
    for part in says:
        assert part in str(caught.value)


def test_a_placed_order_cannot_be_dated_in_the_future() -> None:
    """A deal signed or later was ordered already (a QA pass entered 2031 for a signed
    deal); a planned order keeps a status before it, and today is never the future."""
    next_year = str(dt.date.today().year + 1)
    for status in ("ordered", "delivering", "delivered"):
        with pytest.raises(InvalidInput) as refused:
            validate(DealIn, deal_data(order_date=next_year, status=status), "deal")
        (error,) = refused.value.errors
        assert error.field == "order_date" and "is after today" in error.message
    for status in ("proposed", "negotiating", "approved"):
        assert validate(DealIn, deal_data(order_date=next_year, status=status), "deal")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert validate(DealIn, deal_data(order_date=today, status="delivered"), "deal")


def test_largest_accepted_amount_round_trips_exactly(seeded_engine: Engine) -> None:
    largest = MAX_AMOUNT - Decimal("0.01")  # 9,999,999,999,999.99
    deal_id = _create(seeded_engine, value_amount=str(largest), value_currency="USD")
    with make_session_factory(seeded_engine)() as session:
        assert session.get_one(Deal, deal_id).value_amount == largest


@pytest.mark.parametrize("currency", ["BGN", "HRK", "DEM", "LTL"])
def test_a_deal_priced_in_a_withdrawn_currency_is_stored(
    seeded_engine: Engine, currency: str
) -> None:
    # Bulgaria's 2025 orders were priced in leva, Croatia's 2021 Rafales in kuna: newer
    # pycountry releases drop both, the exchange-rate tables still convert them
    deal_id = _create(seeded_engine, value_amount="1180000000", value_currency=currency)
    with make_session_factory(seeded_engine)() as session:
        assert session.get_one(Deal, deal_id).value_currency == currency


def test_amount_above_the_maximum_is_rejected(seeded_engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="value_amount"):
        _create(seeded_engine, value_amount=str(MAX_AMOUNT + 1), value_currency="USD")


def test_quote_missing_from_source_text_is_rejected(seeded_engine: Engine) -> None:
    before = row_counts(seeded_engine)
    with pytest.raises(QuoteNotInSource), transaction(seeded_engine) as session:
        deal = session.scalars(select(Deal).where(Deal.ref == "seed:tur-f16v-2024")).one()
        cite(
            session=session,
            actor=EDITOR,
            deal_id=deal.id,
            source="presstv-2025-11-07-s400",
            fields="quantity_ordered",
            quote="the US Congress approved 80 F-16 Vipers",
        )
    assert row_counts(seeded_engine) == before


def test_terminal_statuses_allow_no_change() -> None:
    assert not ALLOWED_TRANSITIONS[Status.DELIVERED]
    assert not ALLOWED_TRANSITIONS[Status.CANCELLED]


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (Status.PROPOSED, Status.NEGOTIATING, True),
        (Status.APPROVED, Status.NEGOTIATING, True),
        (Status.ORDERED, Status.DELIVERING, True),
        (Status.SUSPENDED, Status.DELIVERING, True),
        (Status.DELIVERED, Status.ORDERED, False),
        (Status.CANCELLED, Status.NEGOTIATING, False),
        (Status.DELIVERING, Status.PROPOSED, False),
    ],
)
def test_status_changes_follow_the_allowed_transitions(
    old: Status, new: Status, allowed: bool
) -> None:
    assert can_change_status(old, new) is allowed


def test_every_status_has_a_transition_rule() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(Status)
