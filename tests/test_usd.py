"""Deal values in constant US dollars (issue #13): the basis of each figure, coverage,
kinds kept apart, "at least" carried, nothing guessed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine

from tracker.errors import InvalidInput
from tracker.fx import Conversion, usd_rate
from tracker.fx.convert import NO_PRICE_YEAR
from tracker.read.filters import DealFilters
from tracker.read.usd import (
    Unconverted,
    UsdLine,
    deal_values_usd,
    headline,
    summarise_unconverted,
    usd_totals,
    value_in_usd,
)
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

D = Decimal
TURKEY = DealFilters(buyers=("Turkey",))
# BLS CPI-U annual averages (tracker/fx/data/cpi_u.csv).
CPI_2017, CPI_2025 = D("245.120"), D("321.943")


def _add(engine: Engine, **values: Any) -> int:
    with transaction(engine) as session:
        data = deal_data(seller="Germany", **values)
        return add_deal(session=session, actor=EDITOR, deal_in=data).id


def _report(engine: Engine, filters: DealFilters = TURKEY, **kwargs: Any) -> Any:
    with make_session_factory(engine)() as session:
        return usd_totals(session, filters, base_year=2025, **kwargs)


def test_a_euro_value_converts_at_the_ecb_average_of_its_price_year() -> None:
    result = value_in_usd(D(100_000_000), "EUR", 2017, 2025)
    assert isinstance(result, Conversion)
    rate = usd_rate("EUR", year=2017)
    assert rate is not None and rate.short == "ECB 2017 average"
    assert abs(result.usd_nominal - D("112968000")) < 1000  # ECB 2017: 1.12968 USD per EUR
    assert result.basis.startswith("EUR→USD 1.12968 (ECB 2017 average) × CPI-U 2025/2017")


def test_cpi_deflation_between_two_years() -> None:
    result = value_in_usd(D(2_500_000_000), "USD", 2017, 2025)
    assert isinstance(result, Conversion)
    expected = (D(2_500_000_000) * CPI_2025 / CPI_2017).quantize(D("0.01"))
    assert result.usd_constant == expected == D("3283524396.21")
    assert result.basis == "USD→USD 1.00000 (no conversion) × CPI-U 2025/2017 1.313410"


def test_the_s400_in_constant_dollars_and_the_offsets_apart(seeded_engine: Engine) -> None:
    report = _report(seeded_engine)
    lines = {line.kind: line for line in report.lines}
    assert set(lines) == {"contract", "offset"}
    assert lines["contract"].usd_constant == D("3283524396.21")
    offsets = lines["offset"]
    assert offsets.converted_deals == 0 and offsets.usd_constant == 0
    assert summarise_unconverted(offsets.not_converted) == [
        f"at least $10 billion in 1 value (price year unknown): {NO_PRICE_YEAR}"
    ]
    with make_session_factory(seeded_engine)() as session:
        values = deal_values_usd(session, TURKEY, base_year=2025)
    s400 = next(value for value in values if value.platform == "S-400 Triumf")
    assert s400.stated == "$2.5 billion (2017)" and s400.basis is not None


def test_a_currency_without_a_rate_is_counted_not_converted(seeded_engine: Engine) -> None:
    _add(seeded_engine, value_amount="300000000", value_currency="EGP", value_kind="contract")
    line = next(line for line in _report(seeded_engine).lines if line.kind == "contract")
    assert line.converted_deals == 1 and line.not_converted_deals == 1
    assert line.usd_constant == D("3283524396.21")  # the EGP value is not guessed
    assert line.not_converted[0].reason == "no exchange rate for EGP in 2026"
    assert "1 not convertible" in headline(line, 2025)


def test_value_kinds_are_never_summed_together(seeded_engine: Engine) -> None:
    _add(seeded_engine, value_amount="1000000000", value_currency="USD", value_kind="estimate",
         order_date="2017")  # fmt: skip
    _add(seeded_engine, value_amount="2000000000", value_currency="USD",
         value_kind="notified_ceiling", order_date="2017")  # fmt: skip
    kinds = [(line.kind, line.usd_constant) for line in _report(seeded_engine).lines]
    assert [kind for kind, _ in kinds] == ["contract", "estimate", "notified_ceiling", "offset"]
    assert dict(kinds)["estimate"] == (D(10**9) * CPI_2025 / CPI_2017).quantize(D("0.01"))


def test_at_least_carries_into_the_total(seeded_engine: Engine) -> None:
    _add(seeded_engine, value_amount="1000000000", value_currency="USD", value_kind="contract",
         value_at_least=True, order_date="2017")  # fmt: skip
    line = next(line for line in _report(seeded_engine).lines if line.kind == "contract")
    assert line.at_least and headline(line, 2025).startswith("at least $")


def test_the_headline_names_the_largest_currencies_by_converted_amount(
    seeded_engine: Engine,
) -> None:
    for currency, amount in [("CAD", 91), ("EUR", 5100), ("GBP", 50), ("JPY", 9000),
                             ("SEK", 400), ("USD", 56400)]:  # fmt: skip
        _add(seeded_engine, value_amount=str(amount * 10**6), value_currency=currency,
             value_kind="estimate", order_date="2020", buyer="India")  # fmt: skip
    report = _report(seeded_engine, DealFilters(buyers=("India",)))
    (line,) = report.lines
    assert [part.currency for part in line.currencies][:3] == [
        "USD",
        "EUR",
        "JPY",
    ]  # ¥9bn > SEK 400m
    text = headline(line, 2025)
    assert text.startswith("$") and " in 2025 dollars, from 6 of 6 estimates" in text
    assert text.endswith("largest: $56.4 billion, €5.1 billion, JPY 9 billion")


def test_totals_by_group_keep_kinds_apart(seeded_engine: Engine) -> None:
    report = _report(seeded_engine, by="seller")
    assert {(line.key, line.kind) for line in report.lines} == {
        ("Russia", "contract"),
        ("United States", "offset"),
    }


def test_a_base_year_without_cpi_is_refused(seeded_engine: Engine) -> None:
    with make_session_factory(seeded_engine)() as session, pytest.raises(InvalidInput):
        usd_totals(session, TURKEY, base_year=1900)


def test_the_headline_counts_read_with_thousands_separators() -> None:
    line = UsdLine("all", "contract", Decimal("1000000"), converted_deals=13500)
    line.not_converted.append(Unconverted("EGP", 2017, Decimal(1), 1586, False, "no rate"))
    text = headline(line, 2025)
    assert "from 13,500 of 15,086 contract values; 1,586 not convertible" in text


def _unconverted(currency: str, year: int | None, amount: str, deals: int = 1,
                 at_least: bool = False) -> Unconverted:  # fmt: skip
    reason = NO_PRICE_YEAR if year is None else f"no exchange rate for {currency} in {year}"
    return Unconverted(currency, year, D(amount), deals, at_least, reason)


def test_values_not_converted_read_as_one_line_per_currency_and_reason() -> None:
    """A table by buyer over a million deals had 5,700 notes, one per price year."""
    parts = [
        _unconverted("CNY", 1975, "1000000000", 2),
        _unconverted("CNY", 1960, "500000000"),
        _unconverted("CNY", 1961, "250000000", 3),
        _unconverted("CNY", 1962, "250000000"),
        _unconverted("CNY", None, "40000000"),
        _unconverted("EGP", 2017, "300000000"),
        _unconverted("EGP", 2018, "10000000000", at_least=True),
        _unconverted("XYZ", None, "5"),
    ]
    assert summarise_unconverted(parts) == [
        "CNY 2 billion in 7 values, price years 1960–1962, 1975: "
        "no exchange rate for CNY in those years",
        f"CNY 40 million in 1 value (price year unknown): {NO_PRICE_YEAR}",
        "EGP 300 million in 1 value, price year 2017: no exchange rate for EGP in 2017",
        "at least EGP 10 billion in 1 value, price year 2018: no exchange rate for EGP in 2018",
        f"XYZ 5 in 1 value (price year unknown): {NO_PRICE_YEAR}",
    ]
    assert summarise_unconverted([]) == []
