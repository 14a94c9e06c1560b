"""benchmarks.generate: deterministic, realistic synthetic deals, bulk-inserted."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from benchmarks.generate import LAST_YEAR, GeneratedCounts, GenerateError, generate, main
from tracker.citing import quote_occurs
from tracker.config import Settings
from tracker.domain.vocab import Category, Condition, PartyKind, Status
from tracker.read.detail import deal_detail
from tracker.read.filters import DealFilters
from tracker.read.rows import count_deals
from tracker.read.tiv import tiv_totals
from tracker.read.totals import totals
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Citation, Deal, Delivery, Event, Party, Platform, Source

from factories import row_counts

DEALS = 500


def _engine(url: str) -> Engine:
    return make_engine(Settings(database_url=url, auto_setup=False))


@pytest.fixture
def generated(sqlite_url: str) -> Iterator[tuple[Engine, GeneratedCounts]]:
    """A fresh SQLite database holding DEALS synthetic deals (seed 1)."""
    engine = _engine(sqlite_url)
    counts = generate(engine, deals=DEALS, seed=1)
    yield engine, counts
    engine.dispose()


def _all(engine: Engine, model: Any) -> list[Any]:
    with make_session_factory(engine)() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def test_counts_match_the_rows_written(generated: tuple[Engine, GeneratedCounts]) -> None:
    engine, counts = generated
    rows = row_counts(engine)
    assert counts.deals == rows["deal"] == DEALS
    assert (counts.parties, counts.platforms) == (rows["party"], rows["platform"])
    assert (counts.events, counts.sources) == (rows["event"], rows["source"])
    assert counts.citations == rows["citation"]
    assert counts.deliveries == rows["delivery"]
    assert rows["party_alias"] == counts.parties
    assert rows["platform_alias"] == counts.platforms
    assert counts.platforms >= 1_500
    assert DEALS <= counts.events <= 3 * DEALS
    assert DEALS / 8 <= counts.sources <= DEALS / 3  # about one source per five deals


def test_deals_look_like_the_arms_trade(generated: tuple[Engine, GeneratedCounts]) -> None:
    engine, _ = generated
    deals = _all(engine, Deal)
    assert all(d.buyer_id != d.seller_id for d in deals)
    valued = [d for d in deals if d.value_amount is not None]
    assert 0.10 * DEALS <= len(valued) <= 0.30 * DEALS
    assert all(d.value_currency for d in valued)
    assert len({d.value_currency for d in valued}) >= 3
    assert any(d.quantity_ordered is None for d in deals)
    assert all(1950 <= d.order_year <= 2025 for d in deals)
    assert all(d.order_date.year == d.order_year for d in deals)
    assert all(
        d.quantity_delivered <= d.quantity_ordered
        for d in deals
        if d.quantity_delivered is not None and d.quantity_ordered is not None
    )
    assert all(d.first_delivery_date.year >= d.order_year for d in deals if d.first_delivery_date)
    conditions = {d.condition for d in deals}
    assert {Condition.NEW, Condition.SECOND_HAND} <= conditions
    statuses = {d.status for d in deals}
    assert {Status.DELIVERED, Status.CANCELLED} <= statuses
    # Enum members went in through the bulk insert; the ORM reads members back out.
    assert all(isinstance(d.status, Status) for d in deals)
    platforms = {p.id: p for p in _all(engine, Platform)}
    categories = {platforms[d.platform_id].category for d in deals}
    assert len(categories) >= 8
    assert all(isinstance(c, Category) for c in categories)


def test_historic_states_trade_only_while_they_existed(
    generated: tuple[Engine, GeneratedCounts],
) -> None:
    engine, _ = generated
    parties = {p.id: p for p in _all(engine, Party)}
    years: dict[str, list[int]] = {"SUN": [], "RUS": []}
    for deal in _all(engine, Deal):
        for party_id in (deal.seller_id, deal.buyer_id):
            iso3 = parties[party_id].iso3
            if iso3 in years:
                years[iso3].append(deal.order_year)
    assert years["SUN"] and max(years["SUN"]) <= 1991
    assert years["RUS"] and min(years["RUS"]) >= 1992
    kinds = {p.kind for p in parties.values()}
    assert kinds >= {PartyKind.STATE, PartyKind.COMPANY, PartyKind.ORGANISATION}


def test_every_quote_occurs_in_its_source(generated: tuple[Engine, GeneratedCounts]) -> None:
    engine, counts = generated
    texts = {s.id: s.text for s in _all(engine, Source)}
    citations = _all(engine, Citation)
    assert len(citations) == counts.citations >= DEALS  # every deal cites at least one source
    assert {c.deal_id for c in citations} == {d.id for d in _all(engine, Deal)}
    for citation in citations:
        assert quote_occurs(citation.quote, texts[citation.source_id]), citation.quote
    event_ids = {e.id for e in _all(engine, Event)}
    assert all(c.event_id in event_ids for c in citations if c.event_id is not None)


def test_existing_queries_work_and_suppliers_are_skewed(
    generated: tuple[Engine, GeneratedCounts],
) -> None:
    engine, _ = generated
    with make_session_factory(engine)() as session:
        groups = totals(session, DealFilters(), "seller")
        assert sum(group.deals for group in groups) == DEALS
        counts = sorted((group.deals for group in groups), reverse=True)
        assert counts[0] >= 5 * statistics.median(counts)
        assert count_deals(session, DealFilters(sellers=("United States",))) == max(counts)
        detail = deal_detail(session, 1)
        assert detail is not None and detail.events and detail.sources


def test_deliveries_come_in_both_sipri_layouts_and_add_up_to_the_deals_tiv(
    generated: tuple[Engine, GeneratedCounts],
) -> None:
    engine, _ = generated
    deals = {d.id: d for d in _all(engine, Deal)}
    records = _all(engine, Delivery)
    stated = {r.deal_id for r in records if r.tiv is not None}
    years_only = {r.deal_id for r in records if r.tiv is None}
    assert stated and years_only and not stated & years_only  # layout B and layout A deals
    for deal_id in stated:
        own = [r for r in records if r.deal_id == deal_id]
        assert sum(r.tiv for r in own) == deals[deal_id].tiv_delivered
        assert sum(r.number for r in own) == deals[deal_id].quantity_delivered
    assert all(deals[r.deal_id].first_delivery_date.year <= r.year <= LAST_YEAR for r in records)
    with make_session_factory(engine)() as session:
        total = tiv_totals(session, DealFilters()).total
    delivered = sum((d.tiv_delivered for d in deals.values() if d.tiv_delivered), Decimal(0))
    assert total.tiv == delivered and 0 < total.spread < total.tiv


def test_same_seed_same_data_other_seed_other_data(tmp_path: Any) -> None:
    buyer, seller = aliased(Party), aliased(Party)
    columns = (
        Deal.id, Deal.ref, buyer.name, seller.name, Platform.designation, Deal.status,
        Deal.quantity_ordered, Deal.quantity_delivered, Deal.condition, Deal.value_amount,
        Deal.value_currency, Deal.order_year, Deal.tiv_per_unit, Deal.notes,
    )  # fmt: skip

    def rows(name: str, seed: int) -> tuple[list[Any], list[Any]]:
        engine = _engine(f"sqlite:///{tmp_path}/{name}.db")
        generate(engine, deals=300, seed=seed)
        with Session(engine) as session:
            deals = session.execute(
                select(*columns)
                .join(buyer, buyer.id == Deal.buyer_id)
                .join(seller, seller.id == Deal.seller_id)
                .join(Platform, Platform.id == Deal.platform_id)
                .order_by(Deal.id)
            ).all()
            quotes = session.execute(
                select(Citation.deal_id, Citation.field, Citation.quote, Source.text)
                .join(Source, Source.id == Citation.source_id)
                .order_by(Citation.id)
            ).all()
        engine.dispose()
        return [tuple(r) for r in deals], [tuple(r) for r in quotes]

    first, again, other = rows("a", 1), rows("b", 1), rows("c", 2)
    assert len(first[0]) == 300
    assert first == again
    assert first[0] != other[0]


def test_a_second_load_is_refused_and_writes_nothing(
    generated: tuple[Engine, GeneratedCounts],
) -> None:
    engine, _ = generated
    before = row_counts(engine)
    with pytest.raises(GenerateError, match="already holds synthetic deals"):
        generate(engine, deals=10, seed=1)
    assert row_counts(engine) == before


def test_seeded_database_keeps_working(seeded_sqlite: Engine) -> None:
    """Parties already stored are reused; the seeded deals stay as they were."""
    before = row_counts(seeded_sqlite)
    counts = generate(seeded_sqlite, deals=100, seed=3)
    after = row_counts(seeded_sqlite)
    assert after["deal"] == before["deal"] + 100
    assert after["party"] == before["party"] + counts.parties
    assert counts.parties < 312  # the seeds' states and companies were not added again
    with make_session_factory(seeded_sqlite)() as session:
        turkey = session.scalars(select(Party).where(Party.iso3 == "TUR")).one()
        assert count_deals(session, DealFilters(buyers=("Türkiye",))) >= 4
        assert session.scalar(select(Deal.id).where(Deal.buyer_id == turkey.id).limit(1))


def test_command_line(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    assert main(["--deals", "60", "--seed", "2", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert "deals 60" in out and " s " in out
    assert "60 / 60 deals" in err
    assert main(["--deals", "60", "--database-url", url]) == 1  # already loaded
    assert "already holds synthetic deals" in capsys.readouterr().err
    assert main(["--deals", "40", "--database-url", url, "--fresh"]) == 0
    engine = _engine(url)
    assert row_counts(engine)["deal"] == 40
    engine.dispose()


@pytest.mark.postgres
def test_postgres(postgres_url: str) -> None:
    engine = _engine(postgres_url)
    try:
        counts = generate(engine, deals=200, seed=1)
        with make_session_factory(engine)() as session:
            assert count_deals(session, DealFilters()) == 200
            assert sum(g.deals for g in totals(session, DealFilters(), "seller")) == 200
        # Keys were assigned by the generator: the sequences must have moved past them.
        with transaction(engine) as session:
            source = Source(title="After the synthetic load")
            session.add(source)
            session.flush()
            assert source.id == counts.sources + 1
    finally:
        engine.dispose()
