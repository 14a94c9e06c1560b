"""TIV summed ahead (tracker.store.tiv_cells, kept by tracker.store.cells): after every
kind of write the stored cells equal cells recomputed from the deals, and TIV read from
them equals TIV read from the records."""

from __future__ import annotations

import io
import json
import random
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cell_checks import assert_current, party_names, stored
from sqlalchemy import Engine, select

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Category
from tracker.imports.pipeline import import_data
from tracker.read import tiv
from tracker.read.filters import DealFilters, resolve_filters
from tracker.read.tiv import TivBy, tiv_ranking, tiv_totals, tiv_trend
from tracker.store import cells, migrate, tiv_cells
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.dump import dump_database
from tracker.store.models import Deal, Platform
from tracker.write.deals import add_deal, delete_deal, restore_deal, update_deal
from tracker.write.restore import restore_dump
from tracker.write.sources import add_event

from factories import EDITOR, deal_data
from sipri_files import DEALS_HEADER, TRANSFERS_HEADER, register, register_file

ADMIN = cli_actor()
GROUPINGS: list[tuple[TivBy, ...]] = [
    (), (TivBy.YEAR,), (TivBy.SUPPLIER,), (TivBy.RECIPIENT,), (TivBy.CATEGORY,),
    (TivBy.YEAR, TivBy.SUPPLIER), (TivBy.SUPPLIER, TivBy.RECIPIENT),
]  # fmt: skip
# More deals of both layouts than the shared fixtures: deals over several years, a deal
# with no delivery year, one delivering outside its stated years, shared parties.
MORE_A = [
    "Egypt,France,2014,,24,,Rafale,FGA aircraft,24,,2015; 2016; 2017,New,,50,1200,1200",
    "Egypt,Germany,2011,,4,,Type-209,submarine,4,,2016; 2017; 2020; 2021,New,,300,1200,1200",
    "Pakistan,China,2015,,8,,JF-17,FGA aircraft,8,,,New,,15,120,120",
    "Turkiye,United States,2015,,10,,F-16,FGA aircraft,10,,2016,New,,20,200,200.5",
]
MORE_B = [
    "80010,France,Qatar,Rafale,FGA aircraft,Aircraft,2016,No,12,No,2020,No,New,,50,600,No",
    "80010,France,Qatar,Rafale,FGA aircraft,Aircraft,2016,No,12,No,2021,No,New,,50,600.25,No",
    "80011,China,Bangladesh,JF-17,FGA aircraft,Aircraft,2018,No,5,No,2019,No,New,,15,75,No",
]


def _import(engine: Engine, data: bytes, name: str = "r.csv") -> None:
    with transaction(engine) as session:
        report = import_data(session=session, actor=ADMIN, data=data, filename=name)
    assert not report.rejected


def _registers(engine: Engine) -> None:
    _import(engine, register("A"), "a.csv")
    _import(engine, register("B"), "b.csv")
    _import(engine, register_file(DEALS_HEADER, MORE_A, "", "\n"), "more-a.csv")
    _import(engine, register_file(TRANSFERS_HEADER, MORE_B, ";", "\r\n"), "more-b.csv")


def _assert_current(engine: Engine) -> None:
    assert_current(engine, tiv_cells.TIV)


def _random_filters(session: Any, rng: random.Random) -> DealFilters:
    buyers, sellers = party_names(session, Deal.buyer_id), party_names(session, Deal.seller_id)
    data: dict[str, Any] = {}
    if rng.random() < 0.4:
        data["buyers"] = tuple(rng.sample(buyers, rng.randint(1, 2)))
    if rng.random() < 0.3:
        data["sellers"] = tuple(rng.sample(sellers, 1))
    if rng.random() < 0.3:
        data["categories"] = tuple(rng.sample(list(Category), 2))
    if rng.random() < 0.5:
        low = rng.choice([None, 2015, 2016, 2019, 2020])
        data["delivered_from"] = low
        data["delivered_to"] = rng.choice([None, (low or 2010) + rng.randint(0, 6)])
    return DealFilters(**data)


def _close(found: dict[Any, tiv.TivCell], exact: dict[Any, tiv.TivCell], deals: bool) -> None:
    assert found.keys() == exact.keys()
    for key, cell in exact.items():
        other = found[key]
        for part in ("tiv", "spread", "undated"):  # SQLite sums the exact path in floats
            assert abs(getattr(other, part) - getattr(cell, part)) < Decimal("1e-9"), key
        if deals:
            assert other.deals == cell.deals, key


def assert_reads_agree(engine: Engine, seed: int, draws: int = 25) -> None:
    """On random filters the cells answer, TIV from cells equals TIV from the records."""
    rng = random.Random(seed)
    with make_session_factory(engine)() as session:
        for _ in range(draws):
            resolved = resolve_filters(session, _random_filters(session, rng))
            by = rng.choice(GROUPINGS)
            period = (resolved.filters.delivered_from, resolved.filters.delivered_to)
            found = tiv._from_cells(session, resolved, by, period, deals=False)
            assert found is not None, resolved.filters
            counted = TivBy.YEAR in by or period == (None, None)
            _close(found, tiv._exact_cells(session, resolved, by, period), counted)


@pytest.fixture
def registers(seeded_engine: Engine) -> Engine:
    _registers(seeded_engine)
    return seeded_engine


def test_imports_of_both_layouts_keep_the_cells(registers: Engine) -> None:
    _assert_current(registers)
    assert_reads_agree(registers, seed=1)


def test_new_deals_summed_by_the_database_keep_the_cells(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import's new deals from SUMMED_BY_DATABASE on (here every import, and a deal
    added by hand) are summed by the database; the cells are the same."""
    monkeypatch.setattr(cells, "SUMMED_BY_DATABASE", 1)
    _registers(seeded_engine)
    _assert_current(seeded_engine)
    test_a_newer_release_and_a_reimport_keep_the_cells(seeded_engine)
    with transaction(seeded_engine) as session:
        add_deal(session=session, actor=EDITOR,
                 deal_in=deal_data(tiv_delivered="12.25", status="delivering",
                                   order_date="2018", first_delivery_date="2019",
                                   last_delivery_date="2020"))  # fmt: skip
    _assert_current(seeded_engine)
    assert_reads_agree(seeded_engine, seed=6)


def test_a_newer_release_and_a_reimport_keep_the_cells(registers: Engine) -> None:
    revised = [  # SIPRI revises a year's TIV, moves a delivery, drops a year
        MORE_B[0].replace(",2020,No,New,,50,600,", ",2020,No,New,,50,640,"),
        MORE_B[2].replace(",2019,No,", ",2020,No,"),
    ]
    newer = register_file(TRANSFERS_HEADER, revised, ";", "\r\n")
    newer = newer.replace(b"12 Feb 2026", b"12 Feb 2027")
    _import(registers, newer, "newer.csv")
    _assert_current(registers)
    assert_reads_agree(registers, seed=2)
    _import(registers, newer, "newer-again.csv")
    _assert_current(registers)


def _deal(engine: Engine, designation: str) -> Deal:
    with make_session_factory(engine)() as session:
        stmt = select(Deal).join(Platform).where(Platform.designation == designation)
        return session.scalars(stmt.order_by(Deal.id)).first()  # type: ignore[return-value]


def test_adding_editing_deleting_and_restoring_deals_keep_the_cells(registers: Engine) -> None:
    rafale = _deal(registers, "Rafale")
    with transaction(registers) as session:  # new buyer, seller, platform and dates
        moved = {"buyer": "Turkey", "seller": "Russia", "platform": "S-400",
                 "first_delivery_date": "2021", "last_delivery_date": "2021"}  # fmt: skip
        update_deal(
            session=session,
            actor=EDITOR,
            deal_id=rafale.id,
            seen_version=rafale.version,
            values=moved,
        )
    _assert_current(registers)
    assert_reads_agree(registers, seed=3)
    with transaction(registers) as session:
        new = add_deal(session=session, actor=EDITOR,
                       deal_in=deal_data(tiv_delivered="55.5", status="delivering",
                                         order_date="2018", first_delivery_date="2019",
                                         last_delivery_date="2020"))  # fmt: skip
    _assert_current(registers)
    with transaction(registers) as session:  # an event that changes the deal
        add_event(session=session, actor=EDITOR, deal_id=new.id,
                  event_in={"kind": "delivery", "date": "2020", "quantity": 2,
                            "description": "two more jets"})  # fmt: skip
    _assert_current(registers)
    submarine = _deal(registers, "Type-209")
    with transaction(registers) as session:
        delete_deal(session=session, actor=EDITOR, deal_id=submarine.id,
                    seen_version=session.get_one(Deal, submarine.id).version)  # fmt: skip
    _assert_current(registers)
    assert_reads_agree(registers, seed=4)
    with transaction(registers) as session:
        restore_deal(session=session, actor=EDITOR, deal_id=submarine.id)
    _assert_current(registers)
    assert_reads_agree(registers, seed=5)


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend."""
    if not db_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path}/other.db"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"tracker_test_{uuid.uuid4().hex[:16]}"
    yield server.create_database(name)
    server.drop_database(name)


def test_a_restored_dump_has_the_cells_of_its_deals(registers: Engine, other_url: str) -> None:
    out = io.StringIO()
    with make_session_factory(registers)() as session:
        dump_database(session, out)
        before = stored(session, tiv_cells.TIV)
    fresh = make_engine(Settings(database_url=other_url, auto_setup=False))
    try:
        migrate.upgrade(fresh)
        with transaction(fresh) as session:
            restore_dump(session=session, actor=ADMIN, dump=json.loads(out.getvalue()))
        with make_session_factory(fresh)() as session:
            assert stored(session, tiv_cells.TIV) == before
        _assert_current(fresh)
    finally:
        fresh.dispose()


def test_the_migration_fills_the_cells_of_stored_deals(registers: Engine) -> None:
    with make_session_factory(registers)() as session:
        before = stored(session, tiv_cells.TIV)
    migrate.downgrade(registers, "8252e737b10f")  # the revision before tiv_cell
    migrate.upgrade(registers)
    with make_session_factory(registers)() as session:
        assert stored(session, tiv_cells.TIV) == before != []


@pytest.mark.parametrize(
    "filters",
    [DealFilters(), DealFilters(buyers=("Egypt",)),
     DealFilters(delivered_from=2015, delivered_to=2024), DealFilters(text="  ")],
)  # fmt: skip
def test_the_overview_views_read_the_cells(registers: Engine, filters: DealFilters) -> None:
    with make_session_factory(registers)() as session:
        resolved = resolve_filters(session, filters)
        period = (filters.delivered_from, filters.delivered_to)
        for by in [(TivBy.YEAR,), (TivBy.SUPPLIER,), (TivBy.RECIPIENT,)]:
            assert tiv._from_cells(session, resolved, by, period, deals=False) is not None
        # and the views themselves give the figures of the records
        tiv_trend(session, filters)
        ranking = tiv_ranking(session, filters, by="recipient")
        exact = tiv._exact_cells(session, resolved, (TivBy.RECIPIENT,), period)
        whole = sum((cell.tiv for cell in exact.values()), Decimal(0))
        assert abs(ranking.total - whole) < Decimal("1e-9")


def test_filters_the_cells_do_not_hold_are_read_from_the_records(registers: Engine) -> None:
    with make_session_factory(registers)() as session:
        for filters in (DealFilters(statuses=("delivered",)), DealFilters(year_from=2015)):
            resolved = resolve_filters(session, filters)
            assert tiv._from_cells(session, resolved, (), (None, None), deals=True) is None
        # a period other than the filter's delivery years, and deals counted over a period
        resolved = resolve_filters(session, DealFilters(delivered_from=2016))
        assert tiv._from_cells(session, resolved, (), (2017, 2018), deals=False) is None
        assert tiv._from_cells(session, resolved, (), (2016, None), deals=True) is None
        report = tiv_totals(session, DealFilters(statuses=("delivered",)), "supplier")
        assert report.total.tiv > 0
