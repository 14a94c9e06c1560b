"""SIPRI TIV analytics (issue #13) on small registers of both SIPRI layouts, imported the
way a user imports them: totals equal the files' TIV sums, by year from the records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine

from tracker.auth import cli_actor
from tracker.domain.vocab import Category
from tracker.imports.pipeline import import_data
from tracker.read.filters import DealFilters
from tracker.read.tiv import (
    SPREAD_NOTE,
    TivBy,
    dependence,
    hhi,
    moving_averages,
    shares_over_time,
    tiv_matrix,
    tiv_ranking,
    tiv_totals,
    tiv_trend,
)
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data
from sipri_files import register

D = Decimal
ALL = DealFilters()


def _imported(engine: Engine, layout: str) -> Engine:
    data = register(layout)
    with transaction(engine) as session:
        report = import_data(session=session, actor=cli_actor(), data=data, filename="r.csv")
    assert not report.rejected
    return engine


@pytest.fixture
def layout_a(empty_engine: Engine) -> Engine:
    return _imported(empty_engine, "A")


@pytest.fixture
def layout_b(empty_engine: Engine) -> Engine:
    return _imported(empty_engine, "B")


def _totals(engine: Engine, by: TivBy | None = None, **kwargs: object) -> dict[object, Decimal]:
    with make_session_factory(engine)() as session:
        report = tiv_totals(session, DealFilters(**kwargs), by)  # type: ignore[arg-type]
    return {row.label: row.tiv for row in report.rows} or {"all": report.total.tiv}


def _places(values: dict[object, Decimal]) -> dict[object, Decimal]:
    return {key: value.quantize(D("0.001")) for key, value in values.items()}


def test_layout_a_total_equals_the_files_tiv_delivered_column(layout_a: Engine) -> None:
    assert _totals(layout_a) == {"all": D("3040")}


def test_layout_a_years_spread_each_deal_evenly_and_say_so(layout_a: Engine) -> None:
    with make_session_factory(layout_a)() as session:
        report = tiv_totals(session, ALL, TivBy.YEAR)
    by_year = _places({row.key: row.tiv for row in report.rows})
    third = D("13.333")
    assert by_year == {2011: third, 2012: third, 2013: third, 2019: D(600), 2020: D(2400)}
    assert sum(row.tiv for row in report.rows).quantize(D("0.001")) == D("3040")
    assert report.total.spread.quantize(D("0.001")) == D("3040")
    assert report.notes == [SPREAD_NOTE]


def test_layout_a_totals_by_supplier_and_recipient(layout_a: Engine) -> None:
    assert _totals(layout_a, TivBy.SUPPLIER) == {"France": D(1800), "Russia": D(1240)}
    by_recipient = _totals(layout_a, TivBy.RECIPIENT)
    assert by_recipient["India"] == D(1840) and sum(by_recipient.values()) == D(3040)


def test_layout_b_total_and_years_are_the_files_own(layout_b: Engine) -> None:
    assert _totals(layout_b) == {"all": D("2400.5")}
    years = _totals(layout_b, TivBy.YEAR)
    assert years == {"2016": D(800), "2019": D(600), "2020": D("600.5"), "2022": D(400)}
    with make_session_factory(layout_b)() as session:
        report = tiv_totals(session, ALL, TivBy.YEAR)
    assert report.total.spread == 0 and report.notes == []
    assert report.unit == "SIPRI TIV (millions)"


def test_totals_by_category_and_platform_follow_the_filters(layout_b: Engine) -> None:
    assert _totals(layout_b, TivBy.CATEGORY)["ships"] == D(1000)
    ships = _totals(layout_b, TivBy.PLATFORM, categories=(Category.SHIPS,))
    assert ships == {"Type-209": D(600), "Type-214": D(400)}
    assert _totals(layout_b, sellers=("Germany",), delivered_from=2020) == {"all": D(400)}


def test_a_ranking_gives_shares_of_the_period_total(layout_b: Engine) -> None:
    with make_session_factory(layout_b)() as session:
        ranking = tiv_ranking(session, ALL, by="supplier", period=(2016, 2020), top=2)
    assert ranking.total == D("2000.5")  # the 2022 submarine is outside the period
    assert [(row.rank, row.name, row.tiv) for row in ranking.rows] == [
        (1, "Russia", D("1200.5")),
        (2, "Germany", D(600)),
    ]
    assert ranking.rows[0].share == D("1200.5") / D("2000.5")
    assert ranking.others == D(200)


def test_the_supplier_recipient_table(layout_b: Engine) -> None:
    with make_session_factory(layout_b)() as session:
        matrix = tiv_matrix(session, ALL)
    assert matrix.cells[("Germany", "Egypt")] == D(600)
    assert matrix.cells[("Germany", "Turkey")] == D(400)  # SIPRI's "Turkiye", by its alias
    assert (matrix.suppliers[0].label, matrix.suppliers[0].tiv) == ("Russia", D("1200.5"))
    assert matrix.total.tiv == D("2400.5")


def test_the_trend_has_every_year_and_a_five_year_moving_average(layout_b: Engine) -> None:
    with make_session_factory(layout_b)() as session:
        trend = tiv_trend(session, ALL)
    assert [point.year for point in trend] == list(range(2016, 2023))
    assert [point.deals for point in trend] == [2, 0, 0, 1, 1, 0, 1]
    assert trend[3].moving_average is None
    assert trend[4].moving_average == D("2000.5") / 5  # 2016-2020


def test_moving_average_and_hhi() -> None:
    assert moving_averages([D(1), D(2), D(3)], width=2) == [None, D("1.5"), D("2.5")]
    assert hhi([D(1)]) == 10_000
    assert hhi([D("0.5"), D("0.5")]) == 5_000


def test_a_recipients_dependence_on_its_suppliers(layout_b: Engine) -> None:
    with make_session_factory(layout_b)() as session:
        found = dependence(session, ALL, "Turkiye")
    assert found.total == D("1800.5")
    assert [s.name for s in found.suppliers] == ["Russia", "Germany", "United States"]
    assert found.top_share == D("1200.5") / D("1800.5")
    assert found.hhi == hhi(s.tiv / D("1800.5") for s in found.suppliers)


def test_a_suppliers_share_of_each_year(layout_b: Engine) -> None:
    with make_session_factory(layout_b)() as session:
        series = shares_over_time(session, ALL, by="supplier", top=1)
    assert series[0].name == "Russia"
    shares = {year: share for year, _, share in series[0].points}
    assert shares[2019] == 1 and shares[2016] == 0


def test_tiv_without_a_delivery_year_counts_in_all_years_only(layout_b: Engine) -> None:
    with transaction(layout_b) as session:
        data = deal_data(buyer="Egypt", seller="Germany", platform="Type-209", tiv_delivered="50")
        add_deal(session=session, actor=EDITOR, deal_in=data)
    with make_session_factory(layout_b)() as session:
        report = tiv_totals(session, ALL, TivBy.YEAR)
        in_period = tiv_totals(session, ALL, None, period=(2000, 2030))
    assert report.total.tiv == D("2450.5") and report.total.undated == D(50)
    assert report.rows[-1].key is None and report.rows[-1].tiv == D(50)
    assert report.notes == ["50.0 has no delivery year."]
    assert in_period.total.tiv == D("2400.5")
