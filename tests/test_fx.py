"""tracker.fx: exchange rates, CPI-U deflation and constant-dollar totals.

Expected figures are copied from the shipped sources (the ECB file, the Fed's G.5A table,
the BLS annual averages), not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.domain.money import MAX_AMOUNT
from tracker.fx import (
    Conversion,
    GroupSum,
    NotConvertible,
    convert_sums,
    cpi_u,
    deflator,
    latest_complete_year,
    price_year_of,
    to_constant_usd,
    usd_rate,
)

D = Decimal


def converted(result: Conversion | NotConvertible) -> Conversion:
    assert isinstance(result, Conversion), result
    return result


def refused(result: Conversion | NotConvertible) -> NotConvertible:
    assert isinstance(result, NotConvertible), result
    return result


def test_a_day_rate_is_the_ecb_cross_rate_of_that_day() -> None:
    # eurofxref-hist.csv, 2017-06-30: USD 1.1412 per EUR, GBP 0.87933 per EUR.
    rate = usd_rate("GBP", on=dt.date(2017, 6, 30))
    assert rate is not None
    assert (rate.numerator, rate.denominator) == (D("1.1412"), D("0.87933"))
    assert rate.day == dt.date(2017, 6, 30)
    assert rate.to_usd(D("1000000")) == D("1297806.28")  # 1,000,000 × 1.1412 / 0.87933


def test_a_conversion_on_a_given_date_uses_that_days_rate() -> None:
    result = converted(
        to_constant_usd(
            D("1000000"), "gbp", price_year=2017, base_year=2017, on=dt.date(2017, 6, 30)
        )
    )
    assert result.usd_nominal == result.usd_constant == D("1297806.28")
    assert result.basis == "GBP→USD 1.29781 (ECB 2017-06-30) × CPI-U 2017/2017 1.000000"


def test_a_weekend_uses_the_last_ecb_business_day_before_it() -> None:
    rate = usd_rate("EUR", on=dt.date(2017, 7, 1))  # a Saturday
    assert rate is not None and rate.day == dt.date(2017, 6, 30)
    assert rate.numerator == D("1.1412")
    assert "the last before 2017-07-01" in rate.basis


def test_a_suspended_quote_is_no_day_rate_and_no_year_rate() -> None:
    # The ECB's last RUB quote is 2022-03-01 (117.201); 2022-03-02 is a business day
    # without one, and RUB was quoted on too few 2022 days for an annual average.
    assert usd_rate("RUB", on=dt.date(2022, 3, 1)) is not None
    assert usd_rate("RUB", on=dt.date(2022, 3, 2)) is None


def test_an_annual_average_is_the_ecb_years_mean() -> None:
    rate = usd_rate("EUR", year=2017)
    assert rate is not None
    assert rate.value == D("1.129681176")
    assert (rate.source, rate.basis) == ("ecb", "ECB reference rate 2017 annual average")


def test_the_current_year_is_labelled_an_average_to_date() -> None:
    rate = usd_rate("EUR", year=2026)
    assert rate is not None
    assert rate.basis == "ECB reference rate 2026 average to 2026-10-30 (year unfinished)"


@pytest.mark.parametrize(
    ("currency", "year", "numerator", "denominator"),
    [
        ("SAR", 2020, D("1"), D("3.75")),
        ("SAR", 1987, D("1"), D("3.75")),
        ("AED", 2010, D("1"), D("3.6725")),
        ("OMR", 1990, D("2.6008"), D("1")),
        ("QAR", 2002, D("1"), D("3.64")),
    ],
)
def test_a_peg_gives_its_fixed_rate(
    currency: str, year: int, numerator: Decimal, denominator: Decimal
) -> None:
    rate = usd_rate(currency, year=year)
    assert rate is not None
    assert (rate.numerator, rate.denominator) == (numerator, denominator)
    assert rate.source == f"peg-{currency.lower()}"


def test_a_pegged_amount_converts_exactly() -> None:
    result = converted(to_constant_usd(D("3750000000"), "SAR", price_year=2020, base_year=2020))
    assert result.usd_nominal == D("1000000000.00")


def test_a_peg_applies_from_its_start_day_not_before() -> None:
    assert usd_rate("SAR", on=dt.date(1986, 7, 15)) is not None
    assert usd_rate("SAR", on=dt.date(1986, 6, 15)) is None
    assert usd_rate("SAR", year=1986) is None  # not in force on 1 January 1986


@pytest.mark.parametrize(
    ("currency", "year", "numerator", "denominator"),
    [
        ("JPY", 1985, D("1"), D("238.4673")),  # Fed G.5A AEXJPUS 1985
        ("GBP", 1985, D("1.2974"), D("1")),  # AEXUSUK 1985, dollars per pound
        ("CHF", 1971, D("1"), D("4.1171")),  # AEXSZUS 1971
        ("TWD", 2017, D("1"), D("30.4016")),  # no ECB quote for TWD at all
        ("CNY", 2003, D("1"), D("8.2772")),  # ECB quotes CNY only from 2005
    ],
)
def test_the_fed_table_covers_years_the_ecb_does_not(
    currency: str, year: int, numerator: Decimal, denominator: Decimal
) -> None:
    rate = usd_rate(currency, year=year)
    assert rate is not None
    assert (rate.numerator, rate.denominator, rate.source) == (numerator, denominator, "fed-g5a")


def test_a_pre_1999_amount_converts_at_the_fed_rate() -> None:
    result = converted(to_constant_usd(D("238467300"), "JPY", price_year=1985, base_year=1985))
    assert result.usd_nominal == D("1000000.00")
    assert "Fed G.5A 1985 average" in result.basis


def test_a_former_euro_currency_converts_through_the_euro() -> None:
    rate = usd_rate("DEM", year=2000)
    euro = usd_rate("EUR", year=2000)
    assert rate is not None and euro is not None
    assert rate.numerator == euro.numerator
    assert rate.denominator == euro.denominator * D("1.95583")
    converted_marks = converted(to_constant_usd(D("1.95583"), "DEM", price_year=2000))
    assert converted_marks.usd_nominal == euro.to_usd(D("1"))


def test_cpi_u_annual_averages_are_the_bls_figures() -> None:
    assert (cpi_u(1985), cpi_u(2017), cpi_u(2025)) == (D("107.6"), D("245.12"), D("321.943"))
    assert cpi_u(1912) is None and cpi_u(2026) is None


def test_deflation_multiplies_by_the_cpi_u_ratio() -> None:
    assert deflator(2017, 2025) == D("1.313410")  # 321.943 / 245.120
    result = converted(to_constant_usd(D("245120"), "USD", price_year=2017, base_year=2025))
    assert result.usd_constant == D("321943.00")


def test_a_constant_dollar_conversion_is_rate_times_deflator() -> None:
    result = converted(to_constant_usd(D("1000000"), "EUR", price_year=2017, base_year=2025))
    assert result.usd_nominal == D("1129681.18")  # × 1.129681176
    assert result.usd_constant == D("1483734.28")  # × 321.943 / 245.12
    assert result.basis == "EUR→USD 1.12968 (ECB 2017 average) × CPI-U 2025/2017 1.313410"


@pytest.mark.parametrize(
    ("currency", "year"),
    [("XYZ", 2020), ("RUB", 2024), ("SAR", 1985), ("DEM", 1995), ("EUR", 1998), ("VEF", 2010)],
)
def test_a_currency_year_without_a_rate_is_not_converted(currency: str, year: int) -> None:
    result = refused(to_constant_usd(D("1000"), currency, price_year=year, base_year=2025))
    assert result.reason == f"no exchange rate for {currency} in {year}"
    assert result.usd_nominal is None


@pytest.mark.parametrize("amount", [D("0"), D("0.01"), D("123456.78"), MAX_AMOUNT - D("0.01")])
def test_usd_in_its_own_year_is_unchanged(amount: Decimal) -> None:
    result = converted(to_constant_usd(amount, "USD", price_year=2020, base_year=2020))
    assert result.usd_nominal == result.usd_constant == amount
    assert result.deflator == D("1.000000")


def test_a_base_year_without_cpi_is_not_converted_but_keeps_nominal() -> None:
    result = refused(to_constant_usd(D("1000000"), "EUR", price_year=2020, base_year=2026))
    assert result.reason == (
        "no CPI-U annual average for 2026 yet (the latest is 2025), so no constant 2026 dollars"
    )
    assert result.usd_nominal is not None


def test_a_price_year_without_cpi_is_not_converted() -> None:
    result = refused(to_constant_usd(D("1000000"), "EUR", price_year=2026, base_year=2025))
    assert result.reason.startswith("no CPI-U annual average for 2026 yet")


@pytest.mark.parametrize(
    ("today", "expected"),
    [(dt.date(2026, 11, 30), 2025), (dt.date(2026, 1, 2), 2025), (dt.date(2031, 6, 1), 2025)],
)
def test_the_default_base_year_is_the_latest_complete_year_with_cpi(
    today: dt.date, expected: int
) -> None:
    assert latest_complete_year(today) == expected


@pytest.mark.parametrize(
    ("value_year", "order_date", "expected"),
    [(2015, dt.date(2017, 6, 30), 2015), (None, dt.date(2017, 6, 30), 2017), (None, None, None)],
)
def test_the_price_year_is_the_deals_else_its_order_year(
    value_year: int | None, order_date: dt.date | None, expected: int | None
) -> None:
    assert price_year_of(value_year, order_date) == expected


def test_a_rate_day_outside_the_price_year_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the price year"):
        to_constant_usd(D("1"), "EUR", price_year=2016, on=dt.date(2017, 6, 30))


GROUPS = [
    ("EUR", 2017, D("1000000.00")),
    ("JPY", 1985, D("50000000000")),
    ("SAR", 2020, D("7500000.50")),
    ("USD", 2025, D("42.42")),
    ("GBP", 2017, D("333333.33")),
]


def test_the_aggregate_path_equals_converting_each_group() -> None:
    total = convert_sums(GROUPS, base_year=2025)
    one_by_one = [
        converted(to_constant_usd(a, c, price_year=y, base_year=2025)) for c, y, a in GROUPS
    ]
    assert total.usd_constant == sum(result.usd_constant for result in one_by_one)
    assert (total.converted_groups, total.converted_deals, total.not_converted) == (5, 5, ())


def test_the_aggregate_of_sums_matches_single_deals_to_the_cent() -> None:
    deals = [D("1000.01"), D("2000.02"), D("333.33"), D("0.07")]
    single = sum(
        converted(to_constant_usd(amount, "EUR", price_year=2017, base_year=2025)).usd_constant
        for amount in deals
    )
    grouped = convert_sums([GroupSum("EUR", 2017, sum(deals, D(0)), len(deals))], base_year=2025)
    assert grouped.converted_deals == 4
    assert abs(grouped.usd_constant - single) <= D("0.005") * len(deals)


def test_the_aggregate_path_lists_what_it_could_not_convert() -> None:
    rows = [*GROUPS, GroupSum("XYZ", 2020, D("5"), 3), GroupSum("EUR", None, D("7"), 2)]
    total = convert_sums(rows, base_year=2025)
    assert total.usd_constant == convert_sums(GROUPS, base_year=2025).usd_constant
    assert [(row.currency, row.deals, row.reason) for row in total.not_converted] == [
        ("XYZ", 3, "no exchange rate for XYZ in 2020"),
        ("EUR", 2, "no price year: neither a price year nor an order date is recorded"),
    ]
    assert total.not_converted_deals == 5


def test_money_stays_decimal_and_rounds_to_the_cent() -> None:
    result = converted(to_constant_usd(D("0.10"), "EUR", price_year=2017, base_year=2025))
    assert isinstance(result.usd_constant, Decimal)
    assert result.usd_constant.as_tuple().exponent == -2
    assert converted(
        to_constant_usd(D("238467300000.00"), "JPY", price_year=1985, base_year=1985)
    ).usd_nominal == D("1000000000.00")


def test_a_float_amount_is_refused() -> None:
    with pytest.raises(TypeError, match="never float"):
        to_constant_usd(0.1, "EUR", price_year=2017, base_year=2025)  # type: ignore[arg-type]
