"""Views made of several queries: run at once or one after another, the same answer."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from benchmarks.generate import generate
from tracker.read.filters import DealFilters
from tracker.read.totals import overall_total, totals, totals_and_overall
from tracker.read.views import deal_view, overview, read_concurrently
from tracker.store.db import make_session_factory, unindexed
from tracker.store.models import Deal
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

FILTERS = [
    DealFilters(),
    DealFilters(buyers=["Turkey"]),
    DealFilters(categories=["aircraft"], year_from=1980, year_to=2020),
    DealFilters(statuses=["delivered"], has_value=True),
]


@pytest.fixture
def busy_engine(seeded_engine: Engine) -> Engine:
    generate(seeded_engine, deals=400, seed=3)
    return seeded_engine


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "buyer", "category-years", "status"])
def test_concurrent_views_equal_sequential_ones(busy_engine: Engine, filters: DealFilters) -> None:
    with make_session_factory(busy_engine)() as session:
        assert deal_view(session, filters, concurrent=True) == deal_view(session, filters)
        assert overview(session, filters, concurrent=True) == overview(session, filters)
        assert overview(session, filters).total.deals > 0


def test_concurrent_reads_fall_back_to_the_session_for_in_memory_sqlite() -> None:
    # Every new connection to ":memory:" is another database, without these tables.
    engine = create_engine("sqlite://")
    Deal.metadata.create_all(engine)
    with Session(engine) as session:
        results = read_concurrently(
            session, [lambda s: s.scalar(select(Deal.id).limit(1)) for _ in range(3)]
        )
    assert results == [None, None, None]


def test_unindexed_keeps_sqlite_off_the_keys_index_only() -> None:
    stmt = select(unindexed(Deal.buyer_id)).group_by(unindexed(Deal.buyer_id))
    assert "+deal.buyer_id" in str(stmt.compile(dialect=sqlite.dialect()))
    assert "+deal" not in str(stmt.compile(dialect=postgresql.dialect()))


def test_deal_view_can_bring_the_leading_totals_along(busy_engine: Engine) -> None:
    with make_session_factory(busy_engine)() as session:
        view = deal_view(session, DealFilters(), totals_by="platform", concurrent=True)
        assert view == deal_view(session, DealFilters(), totals_by="platform")
        every = totals(session, DealFilters(), "platform")
    assert view.group_count == len(every) > 12
    assert view.groups == every[:12]
    assert view.total.deals == sum(group.deals for group in every)


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "buyer", "category-years", "status"])
@pytest.mark.parametrize("by", ["platform", "buyer", "year", "category"])
def test_overall_figures_added_up_from_the_groups_equal_those_read_apart(
    busy_engine: Engine, filters: DealFilters, by: str
) -> None:
    # Fractional amounts in three currencies, an "over" value and unknown quantities: the
    # Deals page and the Overview add their headline up from the groups' pass.
    amounts = [("123456789.37", "EUR"), ("0.01", "EUR"), ("99.99", "GBP"), ("1000000.5", "USD")]
    with make_session_factory(busy_engine)() as session, session.begin():
        for number, (amount, currency) in enumerate(amounts):
            add_deal(
                session=session, actor=EDITOR,
                deal_in=deal_data(value_amount=amount, value_currency=currency,
                                  quantity_ordered=None if number % 2 else 3,
                                  value_at_least=number == 1, order_date="2010-05",
                                  status="delivered", quantity_delivered=None),
            )  # fmt: skip
    with make_session_factory(busy_engine)() as session:
        groups, summed = totals_and_overall(session, filters, by)
        assert summed == overall_total(session, filters)
        assert summed.deals == sum(group.deals for group in groups) > 0
        view = deal_view(session, filters, totals_by=by, concurrent=True)
        assert view.total == overall_total(session, filters)


def test_totals_see_the_sessions_unsaved_changes_as_every_read_does(busy_engine: Engine) -> None:
    with make_session_factory(busy_engine)() as session:
        before = totals_and_overall(session, DealFilters(), "platform")[1].quantity
        deal = session.scalars(select(Deal).where(Deal.quantity_ordered.is_not(None))).first()
        assert deal is not None
        deal.quantity_ordered = (deal.quantity_ordered or 0) + 100_000  # not flushed
        after = totals_and_overall(session, DealFilters(), "platform")[1].quantity
        assert after == before + 100_000
        session.rollback()
