"""Filters end to end: the URL round trip, warnings for bad parameters, words, CLI options."""

from __future__ import annotations

from tracker.domain.vocab import Category, Condition, Status
from tracker.read.filters import (
    DealFilters,
    describe_filters,
    filters_from_params,
    params_from_filters,
)


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
