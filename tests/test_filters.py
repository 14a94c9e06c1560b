"""Filters end to end: the URL round trip, warnings for bad parameters, words, CLI options."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from tracker.cli import main
from tracker.domain.vocab import Category, Condition, Status
from tracker.read.filters import (
    DealFilters,
    describe_filters,
    filters_from_params,
    params_from_filters,
)
from tracker.read.rows import list_deals
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")


def test_round_trip_keeps_every_filter() -> None:
    filters = DealFilters(
        buyers=("Turkey", "Greece"),
        sellers=("United States",),
        platforms=("Typhoon",),
        categories=(Category.AIRCRAFT,),
        statuses=(Status.NEGOTIATING, Status.ORDERED),
        conditions=(Condition.SECOND_HAND,),
        year_from=2017,
        year_to=2025,
        has_value=False,
        text="dormant",
    )
    parsed = filters_from_params(params_from_filters(filters))
    assert parsed.filters == filters and parsed.warnings == []


def test_empty_filters_make_no_parameters() -> None:
    assert params_from_filters(DealFilters()) == {}


def test_issue_example_url() -> None:
    parsed = filters_from_params({"buyer": ["Turkey"], "platform": ["Typhoon"]})
    assert parsed.filters == DealFilters(buyers=("Turkey",), platforms=("Typhoon",))


def test_bad_values_are_dropped_with_warnings() -> None:
    parsed = filters_from_params(
        {"status": ["shipped", "ordered"], "from": ["soon"], "to": ["3000"], "value": ["maybe"]}
    )
    assert parsed.filters == DealFilters(statuses=(Status.ORDERED,))
    assert len(parsed.warnings) == 4
    assert any("shipped" in warning for warning in parsed.warnings)


def test_reversed_year_range_is_ignored() -> None:
    parsed = filters_from_params({"from": ["2020"], "to": ["2010"]})
    assert (parsed.filters.year_from, parsed.filters.year_to) == (None, None)
    assert parsed.warnings


def test_filters_read_in_words() -> None:
    filters = DealFilters(
        buyers=("Turkey",),
        categories=(Category.AIR_DEFENCE,),
        statuses=(Status.ORDERED,),
        year_from=2017,
        year_to=2025,
        text="S-400",
    )
    assert describe_filters(filters) == (
        "bought by Turkey, air-defence systems, status signed/ordered, ordered 2017–2025, "
        "mentioning “S-400”"
    )
    assert describe_filters(DealFilters(year_to=2020, has_value=True)) == (
        "ordered up to 2020, with a money value"
    )
    assert describe_filters(DealFilters()) == "all deals"


# --- the delivery-year filter (added as the proof that a filter is one entry + one widget)


def test_delivery_years_round_trip_through_the_url_and_read_in_words() -> None:
    parsed = filters_from_params({"dfrom": ["2019"], "dto": ["2020"]})
    assert (parsed.filters.delivered_from, parsed.filters.delivered_to) == (2019, 2020)
    assert params_from_filters(parsed.filters) == {"dfrom": ["2019"], "dto": ["2020"]}
    assert describe_filters(parsed.filters) == "delivered 2019–2020"
    bad = filters_from_params({"dfrom": ["soon"], "dto": ["2020"]})
    assert bad.warnings == ["Ignored dfrom='soon': not a year."]


def _delivered(session: Session, low: int | None, high: int | None) -> set[str]:
    rows = list_deals(session, DealFilters(delivered_from=low, delivered_to=high), limit=None)
    return {f"{row.buyer}:{row.platform}" for row in rows}


def test_delivery_years_select_deals_delivered_in_them(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        for first, last, expected in (("2021", "2023", False), ("2030", None, True)):
            add_deal(session=session, actor=EDITOR, deal_in=deal_data(
                buyer="Greece", platform="Eurofighter Typhoon", order_date="2020",
                first_delivery_date=first, last_delivery_date=last, deliveries_expected=expected,
            ))  # fmt: skip
    with make_session_factory(seeded_engine)() as session:
        # The seeded S-400s: only their last delivery (2019-10) is known.
        assert _delivered(session, 2019, 2019) == {"Turkey:S-400 Triumf"}
        assert _delivered(session, 2022, 2022) == {"Greece:Eurofighter Typhoon"}  # 2021–2023
        assert _delivered(session, 2024, None) == set()  # 2030 is only planned
        assert _delivered(session, None, 2018) == set()
        assert "Greece:Eurofighter Typhoon" not in _delivered(session, 2010, 2020)


def test_delivery_years_in_the_cli(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(
        main, ["deals", "list", "--delivered-from", "2019", "--delivered-to", "2019"]
    )
    assert result.exit_code == 0, result.output
    assert "S-400 Triumf" in result.output and "Typhoon" not in result.output


def test_delivery_years_in_a_link_set_the_sidebar_and_the_table(
    seeded_engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", db_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["dfrom"] = "2019"
    at.query_params["dto"] = "2019"
    at.switch_page("app_pages/deals.py").run()
    assert not at.exception, at.exception
    assert at.sidebar.number_input(key="f_delivered_from").value == 2019
    assert list(at.dataframe[0].value["Platform"]) == ["S-400 Triumf"]
    at.sidebar.number_input(key="f_delivered_to").set_value(None).run()
    assert at.query_params.get("dto") is None or at.query_params["dto"] == []
    st.cache_data.clear()
