"""Money summed ahead (tracker.store.money_cells, kept by tracker.store.cells): after every
kind of write the stored cells equal cells recomputed from the deals, and constant-USD
totals read from them equal those summed from the deals."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from cell_checks import assert_current, party_names, stored
from sqlalchemy import Engine, select

from tracker.auth import cli_actor
from tracker.domain.vocab import Category
from tracker.imports.pipeline import import_data
from tracker.read import usd
from tracker.read.filters import DealFilters, resolve_filters
from tracker.read.measures import measure_table
from tracker.read.totals import GroupBy
from tracker.read.usd import usd_totals
from tracker.store import cells, migrate, money_cells
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal, Platform
from tracker.write.deals import add_deal, delete_deal, restore_deal, update_deal

from factories import EDITOR, deal_data
from sipri_files import DEALS_HEADER, register, register_file

ADMIN = cli_actor()
# Layout-A rows whose comments carry money as SIPRI writes it: a contract in euros, a
# range in rupees with dollars and offsets beside it, a package, aid, an estimate, a
# loan, "at least", and a currency with no shipped rate (KES before 1999 here).
MONEY_A = [
    "Egypt,France,2015,,24,,Rafale,FGA aircraft,24,,2015; 2016; 2017,New,EUR5.2 b deal,"
    "50,1200,1200",
    "India,Russia,2018,,5,,S-400,SAM system,,,,New,INR109-175 b deal ($2.3-2.6 b; offsets $593 m),"
    "300,1500,",
    "Egypt,Germany,2011,,4,,Type-209,submarine,4,,2016; 2017; 2020; 2021,New,Part of $488 m deal,"
    "300,1200,1200",
    "Philippines,South Korea,2014,,12,,FA-50,FGA aircraft,12,,2015; 2017,New,Possibly $420 m,"
    "10,120,120",
    "Pakistan,China,2015,,8,,JF-17,FGA aircraft,8,,,New,"
    "$79 m deal; offsets $40 m; part of $1 b package,15,120,120",
    "Kenya,Jordan,1996,,3,,Cobra,APC,3,,1997,New,Second-hand; 'MAP' aid $0.5 m,1,3,3",
    "Kenya,China,1995,,3,,Type-85,APC,3,,1996,New,KES200 m deal,1,3,3",
    "Iraq,Russia,2012,,6,,Mi-28,combat helicopter,6,,2013,New,at least $300 m; $400 m loan,"
    "20,120,120",
]  # fmt: skip
GROUPINGS: list[GroupBy | None] = [None, GroupBy.YEAR, GroupBy.BUYER, GroupBy.SELLER,
                                   GroupBy.CATEGORY]  # fmt: skip


def _import(engine: Engine, data: bytes, name: str) -> None:
    with transaction(engine) as session:
        report = import_data(session=session, actor=ADMIN, data=data, filename=name)
    assert not report.rejected


def _hand_made(engine: Engine) -> None:
    """Deals as researchers enter them: a stated price year, no order date (no price
    year), an Egyptian-pound value (no rate), a notified ceiling, "at least"."""
    entered = [
        deal_data(value_amount="100000000", value_currency="EUR", value_year=2019,
                  order_date="2017-05"),
        deal_data(value_amount="2500000", value_currency="USD", order_date=None),
        deal_data(buyer="Egypt", seller="Russia", platform="S-400", value_amount="9000000000",
                  value_currency="EGP", order_date="2017"),
        deal_data(value_amount="8600000000", value_currency="USD", value_kind="notified_ceiling",
                  status="approved", order_date="2019-07"),
        deal_data(buyer="India", seller="France", platform="Rafale", value_amount="7870000000",
                  value_currency="EUR", value_at_least=True, order_date="2016-09",
                  status="delivered", first_delivery_date="2020", last_delivery_date="2022"),
    ]  # fmt: skip
    with transaction(engine) as session:
        for data in entered:
            add_deal(session=session, actor=EDITOR, deal_in=data)


def _assert_current(engine: Engine) -> None:
    assert_current(engine, money_cells.MONEY)


def _random_filters(session: Any, rng: random.Random) -> DealFilters:
    buyers, sellers = party_names(session, Deal.buyer_id), party_names(session, Deal.seller_id)
    data: dict[str, Any] = {}
    if rng.random() < 0.4:
        data["buyers"] = tuple(rng.sample(buyers, rng.randint(1, 2)))
    if rng.random() < 0.3:
        data["sellers"] = tuple(rng.sample(sellers, 1))
    if rng.random() < 0.3:
        data["categories"] = tuple(rng.sample(list(Category), 3))
    if rng.random() < 0.3:
        data["statuses"] = tuple(rng.sample(["delivered", "ordered", "approved", "delivering"], 2))
    if rng.random() < 0.4:
        data["year_from"] = rng.choice([None, 1995, 2014, 2017])
        data["year_to"] = rng.choice([None, 2016, 2019, 2026])
    if rng.random() < 0.4:
        low = rng.choice([None, 2015, 2017, 2020])
        data["delivered_from"] = low
        data["delivered_to"] = rng.choice([None, (low or 2012) + rng.randint(0, 6)])
    if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
        data["year_to"] = None
    return DealFilters(**data)


def _lines(parts: list[usd._Part]) -> dict[tuple[Any, str], usd.UsdLine]:
    lines: dict[tuple[Any, str], usd.UsdLine] = {}
    by_line: dict[tuple[Any, str], list[usd._Part]] = {}
    for part in parts:
        by_line.setdefault((part.key, part.kind), []).append(part)
    for key, grouped in by_line.items():
        lines[key] = usd.UsdLine(key[0], key[1])
        usd._add(lines[key], grouped)
    return lines


def assert_reads_agree(engine: Engine, seed: int, draws: int = 30) -> None:
    """On random filters and groupings the cells answer, each line read from the cells
    equals the line summed from the deals: the same deals, currencies, "at least" and
    values not converted, and constant USD to within rounding (a cent per part)."""
    rng = random.Random(seed)
    with make_session_factory(engine)() as session:
        for _ in range(draws):
            resolved = resolve_filters(session, _random_filters(session, rng))
            group = rng.choice(GROUPINGS)
            found = usd._cell_parts(session, resolved, group, 2025)
            assert found is not None, resolved.filters
            exact = _lines(usd._exact_parts(session, resolved, group, 2025))
            from_cells = _lines(found)
            assert from_cells.keys() == exact.keys(), (resolved.filters, group)
            for key, line in exact.items():
                other = from_cells[key]
                assert abs(other.usd_constant - line.usd_constant) <= Decimal("0.01") * max(
                    1, len(line.currencies)
                ), key
                assert (other.converted_deals, other.at_least) == (
                    line.converted_deals,
                    line.at_least,
                ), key
                assert [(c.currency, c.amount, c.deals) for c in other.currencies] == [
                    (c.currency, c.amount, c.deals) for c in line.currencies
                ], key
                assert other.not_converted == line.not_converted, key


@pytest.fixture
def valued(seeded_engine: Engine) -> Engine:
    _import(seeded_engine, register("A"), "a.csv")
    _import(seeded_engine, register("B"), "b.csv")
    _import(seeded_engine, register_file(DEALS_HEADER, MONEY_A, "", "\n"), "money.csv")
    _hand_made(seeded_engine)
    return seeded_engine


def test_imports_and_entered_deals_keep_the_cells(valued: Engine) -> None:
    _assert_current(valued)
    assert_reads_agree(valued, seed=1)


def test_the_cells_hold_every_kind_apart_and_what_cannot_be_converted(valued: Engine) -> None:
    with make_session_factory(valued)() as session:
        report = usd_totals(session, DealFilters(), base_year=2025)
        exact = usd._exact_parts(session, resolve_filters(session, DealFilters()), None, 2025)
    kinds = {line.kind for line in report.lines}
    assert {"contract", "offset", "package", "aid", "loan", "estimate", "notified_ceiling"} <= kinds
    unconverted = [part for line in report.lines for part in line.not_converted]
    reasons = {(part.currency, part.price_year, part.reason) for part in unconverted}
    assert ("EGP", 2017, "no exchange rate for EGP in 2017") in reasons
    assert ("KES", 1995, "no exchange rate for KES in 1995") in reasons
    assert any(part.price_year is None for part in unconverted)  # no order date
    assert any(line.at_least for line in report.lines if line.kind == "contract")
    contract = next(line for line in report.lines if line.kind == "contract")
    assert {part.currency for part in contract.currencies} >= {"USD", "EUR", "INR"}
    assert sum(part.deals for part in exact) == sum(line.valued_deals for line in report.lines)


def test_a_newer_release_and_a_reimport_keep_the_cells(valued: Engine) -> None:
    revised = [MONEY_A[0].replace("EUR5.2 b deal", "EUR5.6 b deal"),
               MONEY_A[4].replace("offsets $40 m", "offsets $45 m")]  # fmt: skip
    newer = register_file(DEALS_HEADER, revised, "", "\n").replace(b"12 Feb 2026", b"12 Feb 2027")
    _import(valued, newer, "newer.csv")
    _assert_current(valued)
    assert_reads_agree(valued, seed=2)
    _import(valued, newer, "newer-again.csv")
    _assert_current(valued)


def _deal(engine: Engine, designation: str) -> Deal:
    with make_session_factory(engine)() as session:
        stmt = select(Deal).join(Platform).where(Platform.designation == designation)
        return session.scalars(stmt.order_by(Deal.id)).first()  # type: ignore[return-value]


def test_editing_deleting_and_restoring_deals_keep_the_cells(valued: Engine) -> None:
    rafale = _deal(valued, "Rafale")
    moved = {"buyer": "Turkey", "seller": "Russia", "platform": "S-400",
             "value_amount": "6100000000", "value_currency": "GBP", "value_year": 2012,
             "first_delivery_date": "2021", "last_delivery_date": "2021"}  # fmt: skip
    with transaction(valued) as session:
        update_deal(session=session, actor=EDITOR, deal_id=rafale.id,
                    seen_version=rafale.version, values=moved)  # fmt: skip
    _assert_current(valued)
    assert_reads_agree(valued, seed=3)
    mi28 = _deal(valued, "Mi-28")
    with transaction(valued) as session:
        delete_deal(session=session, actor=EDITOR, deal_id=mi28.id,
                    seen_version=session.get_one(Deal, mi28.id).version)  # fmt: skip
    _assert_current(valued)
    assert_reads_agree(valued, seed=4)
    with transaction(valued) as session:
        restore_deal(session=session, actor=EDITOR, deal_id=mi28.id)
    _assert_current(valued)


def test_new_deals_summed_by_the_database_keep_the_cells(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imports and deals entered from SUMMED_BY_DATABASE on are summed by the database."""
    monkeypatch.setattr(cells, "SUMMED_BY_DATABASE", 1)
    _import(seeded_engine, register_file(DEALS_HEADER, MONEY_A, "", "\n"), "money.csv")
    _hand_made(seeded_engine)
    _assert_current(seeded_engine)
    assert_reads_agree(seeded_engine, seed=5)


def test_the_migration_fills_the_cells_of_stored_deals(valued: Engine) -> None:
    with make_session_factory(valued)() as session:
        before = stored(session, money_cells.MONEY)
    migrate.downgrade(valued, "5e1c0a9d7b42")  # the revision before money_cell
    migrate.upgrade(valued)
    with make_session_factory(valued)() as session:
        assert stored(session, money_cells.MONEY) == before != []


@pytest.mark.parametrize(
    "filters",
    [DealFilters(), DealFilters(buyers=("Egypt",)), DealFilters(year_from=2015, year_to=2019),
     DealFilters(delivered_from=2015, delivered_to=2024), DealFilters(text="  ")],
)  # fmt: skip
def test_the_overview_views_read_the_cells(valued: Engine, filters: DealFilters) -> None:
    """The constant-USD view's calls are answered by the cells, with a status filter too
    (the Deals page's headline); a filter the cells do not hold (a condition) or a
    grouping they do not (platform) is summed from the deals."""
    with make_session_factory(valued)() as session:
        resolved = resolve_filters(session, filters)
        for group in GROUPINGS:
            assert usd._cell_parts(session, resolved, group, 2025) is not None
        assert usd._cell_parts(session, resolved, GroupBy.PLATFORM, 2025) is None
        delivered = filters.model_copy(update={"statuses": ("delivered",)})
        assert usd._cell_parts(session, resolve_filters(session, delivered), None, 2025)
        used = filters.model_copy(update={"conditions": ("second_hand",)})
        assert usd._cell_parts(session, resolve_filters(session, used), None, 2025) is None


def test_each_values_basis_is_listed_only_when_asked(valued: Engine) -> None:
    """The CLI lists every value with its basis; the dashboard's tables, which show a
    value's basis on its deal page instead, do not compute them."""
    with make_session_factory(valued)() as session:
        plain = measure_table(session, DealFilters(), "usd", "buyer", base_year=2025)
        listed = measure_table(session, DealFilters(), "usd", "buyer", base_year=2025,
                               details=True)  # fmt: skip
    assert plain.details == [] and plain.rows == listed.rows
    assert {d["value_usd_base_year"] for d in listed.details} == {2025}
    assert any(d["platform"] == "Rafale" and d["value_conversion_basis"] for d in listed.details)
