"""SIPRI trade registers through the whole import: mapping, matching, atomicity."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.auth import cli_actor
from tracker.domain.vocab import Category, Condition, PartyKind, Status
from tracker.imports.pipeline import ImportReport, import_data
from tracker.imports.plan import ImportRejected
from tracker.read.filters import DealFilters
from tracker.read.totals import totals
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal, DealConflict, Party, Platform

from factories import row_counts

ADMIN = cli_actor()  # as the command line imports

FIXTURES = Path(__file__).parent / "fixtures" / "sipri"


def _import(engine: Engine, name: str, **options: bool) -> ImportReport:
    data = (FIXTURES / name).read_bytes()
    with transaction(engine) as session:
        return import_data(session=session, actor=ADMIN, data=data, filename=name, **options)


def _deal(session: Session, designation: str) -> Deal:
    return session.scalars(
        select(Deal).join(Platform).where(Platform.designation == designation)
    ).one()


@pytest.fixture
def imported(seeded_engine: Engine) -> Engine:
    _import(seeded_engine, "deals-utf8-lf.csv")
    _import(seeded_engine, "deals-latin1-crlf.csv")
    _import(seeded_engine, "transfers-crlf.csv")
    return seeded_engine


def test_layout_a_fields_map_to_the_deal(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        deal = _deal(s, "M-1117 Guardian")
        assert (deal.buyer.name, deal.seller.iso3) == ("Afghanistan", "USA")
        assert (deal.quantity_ordered, deal.quantity_delivered) == (71, 71)
        assert deal.order_year == 2012 and deal.status is Status.DELIVERED
        assert deal.first_delivery_date is not None and deal.first_delivery_date.year == 2014
        assert deal.condition is Condition.NEW
        assert deal.platform.category is Category.ARMOURED_VEHICLES
        assert deal.notes == "$79 m deal; MSFV version"


def test_money_in_comments_becomes_a_flagged_value(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        usd, eur = _deal(s, "M-1117 Guardian"), _deal(s, "C-295")
        assert (usd.value_amount, usd.value_currency) == (Decimal("79000000.00"), "USD")
        assert (eur.value_amount, eur.value_currency) == (Decimal("110000000.00"), "EUR")
        assert usd.value_source == eur.value_source == "sipri_comments"
        cited = {c.field: c.quote for c in usd.citations}
        assert cited["value"] == "$79 m deal"


def test_tiv_is_kept_apart_from_money(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        deal = _deal(s, "MiG-27")
        assert (deal.tiv_per_unit, deal.tiv_total_order, deal.tiv_delivered) == (
            Decimal("10.000"), Decimal("1650.000"), Decimal("1650.000"),
        )  # fmt: skip
        assert deal.value_amount is None
        india = totals(s, DealFilters(buyers=("India",), sellers=("Soviet Union",)), "seller")
        assert india[0].money == [] and india[0].value_unknown == 1


def test_uncertainty_flags_are_kept(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        deal = _deal(s, "2S9 120mm")
        assert deal.order_date_estimated and deal.quantity_ordered_estimated
        assert not deal.quantity_delivered_estimated
        assert deal.condition is Condition.SECOND_HAND
        engine = _deal(s, "aircraft engine")
        assert engine.quantity_delivered_estimated and engine.platform.category is Category.ENGINES


def test_delivery_years_and_licensed_production(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        mig = _deal(s, "MiG-27")
        assert mig.first_delivery_date is not None and mig.last_delivery_date is not None
        assert (mig.first_delivery_date.year, mig.last_delivery_date.year) == (1984, 1986)
        assert mig.local_production
        assert _deal(s, "Leander").condition is Condition.SECOND_HAND_MODERNISED


def test_latin1_names_arrive_intact(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        deal = _deal(s, "Bü-181 Bestmann")
        assert deal.buyer.name == "Switzerland" and deal.seller.name == "Germany"
        assert "Wärtsilä" in (_deal(s, "Vasa-32").notes or "")


def test_non_state_actors_and_organisations(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        kinds = {p.name: p.kind for p in s.scalars(select(Party))}
        assert kinds["Hezbollah (Lebanon)"] is PartyKind.NON_STATE
        assert kinds["NATO"] is PartyKind.ORGANISATION
        assert kinds["unknown recipient(s)"] is PartyKind.UNKNOWN
        assert _deal(s, "Mohajer-2").buyer.name == "Hezbollah (Lebanon)"
        kornet = _deal(s, "9M133 Kornet")
        assert kornet.quantity_ordered is None and kornet.status is Status.ORDERED


def test_transfer_rows_merge_into_one_deal(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        boats = _deal(s, "Thornycroft 26m")
        assert boats.quantity_delivered == 11 and boats.quantity_ordered is None
        assert boats.tiv_delivered == Decimal("91.300") and boats.tiv_per_unit == Decimal("8.300")
        assert boats.local_production and boats.delivery_dates_estimated
        assert boats.platform.category is Category.SHIPS
        # Layout B gives no number ordered; the boats' deliveries ended in 2011, long
        # before the export's end (2025): delivered, by the documented status rule.
        assert boats.status is Status.DELIVERED
        assert boats.sipri_key == "id:57069"
        (source,) = {citation.source for citation in boats.citations}
        assert source.ref.startswith("sipri:57069:")
        assert source.text is not None and source.text.count("57069,") == 6
        # One delivery record per year, as the file gives them.
        assert [d.year for d in boats.deliveries] == [2006, 2007, 2008, 2009, 2010, 2011]


def test_each_imported_deal_keeps_its_origin_as_a_source(imported: Engine) -> None:
    with make_session_factory(imported)() as s:
        deal = _deal(s, "C-295")
        origins = {c.source for c in deal.citations}
        assert len(origins) == 1
        origin = origins.pop()
        assert origin.publisher == "SIPRI" and "deals-utf8-lf.csv" in (origin.notes or "")
        assert "Colombia,Spain,2010" in (origin.text or "")
        assert "Information from the SIPRI Arms Transfers Database" in (origin.notes or "")


def test_importing_twice_creates_nothing(imported: Engine) -> None:
    before = row_counts(imported)
    report = _import(imported, "transfers-crlf.csv")
    assert report.created == 0 and report.unchanged == report.unchanged > 0
    after = row_counts(imported)
    assert after.pop("import_batch") == before.pop("import_batch") + 1
    assert after.pop("audit_entry") == before.pop("audit_entry") + 1  # and is audited
    assert after == before


def test_s400_row_attaches_to_the_seeded_deal_with_the_disagreement(seeded_engine: Engine) -> None:
    report = _import(seeded_engine, "deals-utf8-lf.csv")
    assert report.matched == 1
    with make_session_factory(seeded_engine)() as s:
        deal = s.scalars(select(Deal).where(Deal.ref == "seed:tur-s400-2017")).one()
        assert report.matched_ids == [deal.id]
        assert deal.quantity_ordered == 4  # not overwritten
        conflicts = {c.field: (c.recorded_value, c.other_value) for c in deal.conflicts}
        assert conflicts["quantity_ordered"] == ("4 units", "2")
        sipri = s.scalars(select(DealConflict)).first()
        assert sipri is not None and sipri.source.publisher == "SIPRI"
        assert s.scalars(
            select(Deal).join(Platform).where(Platform.designation == "S-400 Triumf")
        ).all() == [deal]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.csv", "may be truncated"),
        ("wrong-header.csv", "expected column 5 'Number ordered', found 'Number orderd'"),
        ("text-in-number.csv", "row 14, column 'Number ordered': 'twelve'"),
        ("binary.bin", "binary"),
    ],
)
def test_broken_files_are_rejected_and_nothing_changes(
    seeded_engine: Engine, name: str, message: str
) -> None:
    before = row_counts(seeded_engine)
    with pytest.raises(ImportRejected, match=message):
        _import(seeded_engine, name)
    assert row_counts(seeded_engine) == before


def test_a_name_sipri_uses_that_we_do_not_know_becomes_an_unreviewed_party(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    """A SIPRI file is the authority on its own names: the row imports, the new party is
    flagged for review, and the report suggests what it may have meant."""
    text = (FIXTURES / "deals-utf8-lf.csv").read_text(encoding="utf-8")
    broken = text.replace("Colombia,Spain", "Colombya,Spain")
    with transaction(seeded_engine) as s:
        report = import_data(session=s, actor=ADMIN, data=broken.encode(), filename="r.csv")
    assert report.unreviewed_parties == ["Colombya (did you mean Colombia, Libya?)"]
    with make_session_factory(seeded_engine)() as s:
        party = s.scalars(select(Party).where(Party.name == "Colombya")).one()
        assert (party.kind, party.reviewed, party.iso3) == (PartyKind.STATE, False, None)


def test_dry_run_previews_without_writing(seeded_engine: Engine) -> None:
    before = row_counts(seeded_engine)
    report = _import(seeded_engine, "deals-utf8-lf.csv", dry_run=True)
    assert (report.created, report.matched, report.conflicts) == (9, 1, 2)
    assert "Hezbollah (Lebanon)" in report.new_parties
    assert row_counts(seeded_engine) == before
