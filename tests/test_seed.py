"""The seeds: every deal the articles describe, every field cited, loading idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.auth import cli_actor
from tracker.citing import quote_occurs
from tracker.domain.vocab import Condition, EventKind, Status, ValueKind
from tracker.errors import SeedError
from tracker.seed import SEEDS_DIR, load_seeds
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Citation, Deal, Event
from tracker.store.setup import prepare_database

from factories import row_counts

# Fields that must carry a citation whenever the deal has a value in them.
CITED_COLUMNS = {
    "programme": "programme",
    "quantity_ordered": "quantity_ordered",
    "quantity_unit": "quantity_unit",
    "quantity_delivered": "quantity_delivered",
    "condition": "condition",
    "value_amount": "value",
    "order_date": "order_date",
    "first_delivery_date": "first_delivery_date",
    "last_delivery_date": "last_delivery_date",
    "notes": "notes",
}


def _deal(session: Session, ref: str) -> Deal:
    return session.scalars(select(Deal).where(Deal.ref == f"seed:{ref}")).one()


def test_seeds_hold_every_deal_of_the_articles(session: Session) -> None:
    refs = set(session.scalars(select(Deal.ref)))
    assert refs == {
        "seed:tur-s400-2017",
        "seed:tur-f35",
        "seed:tur-f16v-2024",
        "seed:tur-typhoon-gbr-2025",
        "seed:tur-typhoon-qat-used",
        "seed:tur-typhoon-omn-used",
        "seed:tur-us-aircraft-offsets",
    }
    assert {d.buyer.iso3 for d in session.scalars(select(Deal))} == {"TUR"}


def test_s400_deal_is_recorded_as_the_articles_state(session: Session) -> None:
    deal = _deal(session, "tur-s400-2017")
    assert (deal.seller.iso3, deal.platform.designation) == ("RUS", "S-400 Triumf")
    assert (deal.quantity_ordered, deal.quantity_unit, deal.quantity_delivered) == (4, "units", 4)
    assert (str(deal.value_amount), deal.value_currency) == ("2500000000.00", "USD")
    assert deal.status is Status.DELIVERED
    assert deal.order_year == 2017
    assert (
        deal.last_delivery_date is not None and deal.last_delivery_date.isoformat() == "2019-10-01"
    )
    assert "Rosoboronexport" in {p.party.name for p in deal.participants}
    assert deal.notes and "dormant" in deal.notes and "joint military mechanism" in deal.notes
    assert EventKind.SANCTION in {e.kind for e in deal.events}


def test_f35_quantity_is_unknown_not_zero(session: Session) -> None:
    deal = _deal(session, "tur-f35")
    assert deal.quantity_ordered is None
    assert deal.status is Status.CANCELLED
    exclusion = [e for e in deal.events if e.kind is EventKind.EXCLUSION]
    assert (
        exclusion and exclusion[0].event_date is not None and exclusion[0].event_date.year == 2019
    )


def test_typhoon_deals_split_new_and_used(session: Session) -> None:
    uk = _deal(session, "tur-typhoon-gbr-2025")
    assert (uk.quantity_ordered, uk.condition, uk.status) == (20, Condition.NEW, Status.ORDERED)
    for ref, seller in (("tur-typhoon-qat-used", "QAT"), ("tur-typhoon-omn-used", "OMN")):
        used = _deal(session, ref)
        assert used.seller.iso3 == seller
        assert (used.quantity_ordered, used.condition) == (12, Condition.SECOND_HAND)
        assert used.status is Status.NEGOTIATING and used.deliveries_expected


def test_offset_plan_is_an_at_least_value(session: Session) -> None:
    deal = _deal(session, "tur-us-aircraft-offsets")
    assert deal.value_kind is ValueKind.OFFSET and deal.value_at_least
    assert deal.quantity_ordered is None and deal.local_production
    assert {p.party.name for p in deal.participants} == {"Boeing", "Lockheed Martin"}


def test_f16_approval_is_dated_february_2024(session: Session) -> None:
    deal = _deal(session, "tur-f16v-2024")
    approval = next(e for e in deal.events if e.kind is EventKind.APPROVAL)
    assert approval.event_date is not None and approval.event_date.isoformat()[:7] == "2024-02"
    assert EventKind.DISPUTE in {e.kind for e in deal.events}


def test_every_quote_occurs_in_its_stored_article(session: Session) -> None:
    citations = list(session.scalars(select(Citation)))
    assert len(citations) > 50
    for citation in citations:
        assert citation.source.text and quote_occurs(citation.quote, citation.source.text)


def test_every_set_field_and_every_event_has_a_citation(session: Session) -> None:
    for deal in session.scalars(select(Deal)):
        cited = {c.field for c in deal.citations if c.field}
        assert {"buyer", "seller", "platform", "status"} <= cited, deal.ref
        for column, field in CITED_COLUMNS.items():
            if getattr(deal, column) is not None:
                assert field in cited, f"{deal.ref}: {column} has no citation"
        if deal.participants:
            assert "participants" in cited
    for event in session.scalars(select(Event)):
        assert event.citations, f"event {event.ref} of {event.deal.ref} has no citation"


def test_seeding_twice_changes_nothing(seeded_engine: Engine) -> None:
    before = row_counts(seeded_engine)
    with transaction(seeded_engine) as s:
        report = load_seeds(session=s, actor=cli_actor())
    assert report.created["deals"] == 0 and report.unchanged["deals"] == 7
    assert row_counts(seeded_engine) == before


def _seeds_with_broken_quote(tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    deals = copy / "deals.yaml"
    text = deals.read_text(encoding="utf-8")
    original = "Ankara signed a deal with the UK last month to purchase 20 Eurofighter Typhoons"
    assert original in text
    deals.write_text(text.replace(original, original.replace("20", "24"), 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("already_seeded", [False, True])
def test_edited_quote_fails_the_load_naming_deal_and_field(
    empty_engine: Engine, tmp_path: Path, already_seeded: bool
) -> None:
    if already_seeded:
        prepare_database(empty_engine)
    broken = _seeds_with_broken_quote(tmp_path)
    before = row_counts(empty_engine)
    with pytest.raises(SeedError) as caught, transaction(empty_engine) as s:
        load_seeds(session=s, actor=cli_actor(), seeds_dir=broken)
    message = str(caught.value)
    assert "deal tur-typhoon-gbr-2025" in message and "field buyer" in message
    assert "24 Eurofighter Typhoons" in message
    assert row_counts(empty_engine) == before


def test_a_field_without_citation_fails_the_load(empty_engine: Engine, tmp_path: Path) -> None:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    deals = copy / "deals.yaml"
    text = deals.read_text(encoding="utf-8")
    deals.write_text(
        text.replace(
            "    quantity_ordered: 40\n", "    quantity_ordered: 40\n    value_year: 2024\n"
        ),
        encoding="utf-8",
    )
    expected = "tur-f16v-2024, field value: has no citation"
    with pytest.raises(SeedError, match=expected), transaction(empty_engine) as s:
        load_seeds(session=s, actor=cli_actor(), seeds_dir=copy)
    assert row_counts(empty_engine)["deal"] == 0


def test_seed_sources_store_the_article_text(seeded_engine: Engine) -> None:
    with make_session_factory(seeded_engine)() as s:
        deal = _deal(s, "tur-typhoon-gbr-2025")
        sources = {c.source.ref: c.source for c in deal.citations}
    press_tv = sources["presstv-2025-11-07-s400"]
    assert press_tv.publisher and "Press TV" in press_tv.publisher
    assert (
        press_tv.published_date is not None and press_tv.published_date.isoformat() == "2025-11-07"
    )
    article = (SEEDS_DIR / "articles" / "presstv-2025-11-07-s400.txt").read_text(encoding="utf-8")
    assert press_tv.text == article.strip()
