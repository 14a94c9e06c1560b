"""Real SIPRI exports are messier than the excerpts: blank cells, short rows mid-file,
identical rows that are separate deals, delivery years with gaps, release metadata."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.imports.sipri import (
    DEALS_COLUMNS,
    TRANSFERS_COLUMNS,
    Delivery,
    RowError,
    RowWarning,
    SipriDeal,
    SipriFile,
    parse_sipri,
)
from tracker.imports.sipri.read import generated_on

FIXTURES = Path(__file__).parent / "fixtures" / "sipri"
PREAMBLE_A = (
    "Transfers of major conventional arms from All countries  to All countries . Deals with "
    "deliveries made for the year range 'Not specified' to 'Not specified' ",
    "",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.",
    "Data generated: 13 Mar 2025 10:02:49 AM",
)
PREAMBLE_B = (
    "Transfers of major conventional arms from All countries  to All countries . Deals with "
    "deliveries made for the year range '1995' to '2025';",
    ";",
    "Source: SIPRI Arms Transfers Database (c) SIPRI.;",
    "Data generated: 12 Feb 2026 12:26:12 PM;",
)
DEALS_ROW = [
    "Afghanistan", "United States", "2013", "", "135", "", "M-1117 Guardian", "APC", "135",
    "?", "2014; 2015", "New", "$113 m deal; MSFV version", "0.4", "54", "54",
]  # fmt: skip
TRANSFERS_ROW = [
    "57069", "Australia", "India", "Thornycroft 26m", "patrol boat", "Ships", "2004", "Yes",
    "2", "Yes", "2008", "Yes", "New", "8.3", "8.3", "16.6", "Yes",
]  # fmt: skip


def _parse(name: str) -> SipriFile:
    return parse_sipri((FIXTURES / name).read_bytes())


def _csv(rows: list[list[str]], end: str = "\n") -> list[str]:
    out = io.StringIO()
    csv.writer(out, lineterminator=end).writerows(rows)
    return out.getvalue().split(end)[:-1]


def _deals_file(*rows: list[str], preamble: tuple[str, ...] = PREAMBLE_A) -> bytes:
    lines = [*preamble, *_csv([list(DEALS_COLUMNS), *rows])]
    return ("\n".join(lines) + "\n").encode()


def _transfers_file(*rows: list[str], preamble: tuple[str, ...] = PREAMBLE_B) -> bytes:
    lines = [*preamble, *(line + ";" for line in _csv([list(TRANSFERS_COLUMNS), *rows]))]
    return ("\r\n".join(lines) + "\r\n").encode()


def _changed(row: list[str], index: int, value: str) -> list[str]:
    changed = list(row)
    changed[index] = value
    return changed


def _by_row(parsed: SipriFile, row: int) -> SipriDeal:
    (deal,) = [deal for deal in parsed.deals if deal.rows[0] == row]
    return deal


# ---------------------------------------------------------------------------------------
# 1. Blank optional cells are unknown, read as No


@pytest.mark.parametrize(
    "column",
    [
        "Order date is estimate",
        "Numbers delivered is estimate",
        "Delivery year is estimate",
        "Local production",
    ],
)
def test_blank_yes_no_cell_reads_as_no(column: str) -> None:
    row = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS.index(column), "")
    parsed = parse_sipri(_transfers_file(row))
    assert parsed.errors == []
    (deal,) = parsed.deals
    flags = {
        "Order date is estimate": deal.order_year_estimated,
        "Numbers delivered is estimate": deal.quantity_delivered_estimated,
        "Delivery year is estimate": deal.delivery_years_estimated,
        "Local production": deal.local_production,
    }
    assert flags[column] is False
    assert [flag for name, flag in flags.items() if name != column] == [True, True, True]


@pytest.mark.parametrize("value", ["?", "N", "Unknown", "0"])
def test_non_blank_garbage_in_a_yes_no_cell_is_still_a_row_error(value: str) -> None:
    row = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS.index("Delivery year is estimate"), value)
    parsed = parse_sipri(_transfers_file(TRANSFERS_ROW, row))
    assert parsed.errors == [RowError(7, "Delivery year is estimate", value, "is not Yes or No")]


def test_fixture_with_blank_cells_imports_every_deal() -> None:
    parsed = _parse("transfers-blank-cells.csv")
    assert parsed.errors == []
    assert [deal.sipri_id for deal in parsed.deals] == ["61404", "48213", "70112"]
    canada = parsed.deals[0]
    assert (canada.order_year_estimated, canada.local_production) == (False, False)
    assert canada.quantity_delivered_estimated is True  # one of its rows says Yes


# ---------------------------------------------------------------------------------------
# 2. Short rows: mid-file they import with a warning; at the end they are truncation


def test_short_row_mid_file_imports_with_its_missing_cells_empty() -> None:
    parsed = _parse("deals-messy.csv")
    assert parsed.errors == []
    deal = _by_row(parsed, 16)
    assert (deal.recipient, deal.designation, deal.comments) == (
        "South Vietnam",
        "M-113",
        "Second-hand; 'MAP' aid $0.5 m",
    )
    assert (deal.tiv_per_unit, deal.tiv_total_order, deal.tiv_delivered) == (None, None, None)


def test_short_row_mid_file_warning_names_the_row_and_the_missing_columns() -> None:
    parsed = _parse("deals-messy.csv")
    (warning,) = parsed.warnings
    assert warning.row == 16
    for column in DEALS_COLUMNS[13:]:
        assert repr(column) in warning.message
    assert str(warning).startswith("row 16: row has 13 of 16 columns")


def test_short_layout_b_row_mid_file_imports_with_a_warning() -> None:
    parsed = _parse("transfers-blank-cells.csv")
    assert parsed.warnings == [
        RowWarning(15, "", "row has 16 of 17 columns: 'Local production' missing, read as empty")
    ]
    (deal,) = [deal for deal in parsed.deals if deal.sipri_id == "48213"]
    assert (deal.recipient, deal.local_production) == ("Libya HoR", False)


def test_short_last_row_is_truncation() -> None:
    parsed = parse_sipri(_deals_file(DEALS_ROW, DEALS_ROW[:13]))
    assert parsed.errors == [
        RowError(
            7,
            "SIPRI TIV per unit",
            "",
            "row has 13 of 16 columns: the file may be truncated",
        )
    ]
    assert parsed.warnings == []
    assert [deal.rows for deal in parsed.deals] == [[6]]


def test_short_row_followed_only_by_blank_lines_is_still_the_last_row() -> None:
    data = _deals_file(DEALS_ROW, DEALS_ROW[:13]) + b"\n\n,,,,\n"
    (error,) = parse_sipri(data).errors
    assert (error.row, error.reason) == (7, "row has 13 of 16 columns: the file may be truncated")


def test_file_ending_inside_a_quoted_field_is_truncation() -> None:
    lines = _csv([DEALS_ROW])
    cut = lines[0].replace("$113 m deal; MSFV version", '"$113 m deal; MSF')
    cut = cut[: cut.index("MSF") + 3]
    data = _deals_file(DEALS_ROW) + (cut + "\n").encode()
    parsed = parse_sipri(data)
    (error,) = parsed.errors
    assert error.row == 7
    assert "the file may be truncated" in error.reason
    assert len(parsed.deals) == 1


def test_file_ending_inside_a_quoted_last_cell_of_a_full_row_is_truncation() -> None:
    row = _csv([DEALS_ROW])[0] + ',"54'
    row = row.replace(",54,54,", ",54,", 1)
    data = _deals_file(DEALS_ROW) + (row + "\nmore text\n").encode()
    parsed = parse_sipri(data)
    (error,) = parsed.errors
    assert error.row == 7
    assert error.reason == (
        "the file ends inside a quoted field (a quoted field runs from line 7 to line 8): "
        "the file may be truncated"
    )


def test_several_short_rows_mid_file_each_warn() -> None:
    short = DEALS_ROW[:13]
    parsed = parse_sipri(_deals_file(short, _changed(short, 2, "2014"), DEALS_ROW))
    assert parsed.errors == []
    assert [warning.row for warning in parsed.warnings] == [6, 7]
    assert len(parsed.deals) == 3


def test_short_row_mid_file_missing_a_required_cell_is_an_error() -> None:
    parsed = parse_sipri(_deals_file(DEALS_ROW[:5], DEALS_ROW))
    assert parsed.errors == [RowError(6, "Weapon designation", "", "is empty")]


# ---------------------------------------------------------------------------------------
# 3. Identical layout-A rows are distinct deals


def test_identical_rows_are_separate_deals_numbered_in_file_order() -> None:
    parsed = _parse("deals-messy.csv")
    toophan = [deal for deal in parsed.deals if deal.designation == "Toophan"]
    assert [(deal.rows, deal.occurrence) for deal in toophan] == [([14], 1), ([15], 2), ([19], 3)]
    assert {deal.text for deal in toophan} == {toophan[0].text}


def test_rows_differing_in_one_cell_each_have_occurrence_one() -> None:
    parsed = parse_sipri(_deals_file(DEALS_ROW, _changed(DEALS_ROW, 4, "136")))
    assert [deal.occurrence for deal in parsed.deals] == [1, 1]


def test_identical_rows_with_different_line_endings_are_one_content() -> None:
    data = _deals_file(DEALS_ROW).replace(b"\n", b"\r\n") + _csv([DEALS_ROW])[0].encode()
    assert [deal.occurrence for deal in parse_sipri(data).deals] == [1, 2]


# ---------------------------------------------------------------------------------------
# 4. Deliveries by year


def test_layout_a_delivery_years_are_kept_as_given_with_gaps() -> None:
    deal = _by_row(_parse("deals-messy.csv"), 20)
    assert deal.deliveries == [Delivery(2010, None), Delivery(2012, None)]
    assert deal.delivery_years == [2010, 2012]
    assert deal.quantity_delivered == 500


def test_layout_a_deliveries_have_no_number_or_tiv_of_their_own() -> None:
    deal = _by_row(_parse("deals-messy.csv"), 13)
    assert [
        (d.year, d.number, d.number_estimated, d.year_estimated, d.tiv) for d in deal.deliveries
    ] == [
        (2014, None, False, False, None),
        (2015, None, False, False, None),
    ]


def test_layout_a_without_deliveries_has_none() -> None:
    row = _changed(_changed(DEALS_ROW, 8, ""), 10, "")
    (deal,) = parse_sipri(_deals_file(row)).deals
    assert (deal.deliveries, deal.delivery_years) == ([], [])


def test_layout_b_gives_one_delivery_per_row_of_the_deal() -> None:
    (deal, *_) = _parse("transfers-blank-cells.csv").deals
    assert deal.deliveries == [
        Delivery(2019, 3, number_estimated=False, year_estimated=False, tiv=Decimal("45")),
        Delivery(2020, 8, number_estimated=True, year_estimated=False, tiv=Decimal("120")),
        Delivery(2021, 7, number_estimated=True, year_estimated=False, tiv=Decimal("105")),
    ]
    assert deal.delivery_years == sorted({d.year for d in deal.deliveries})
    assert deal.quantity_delivered == sum(d.number or 0 for d in deal.deliveries)


def test_layout_b_delivery_keeps_its_estimate_flags() -> None:
    row = _changed(_changed(TRANSFERS_ROW, 9, "No"), 11, "Yes")
    (deal,) = parse_sipri(_transfers_file(row)).deals
    assert deal.deliveries == [Delivery(2008, 2, False, True, Decimal("16.6"))]


@pytest.mark.parametrize(
    "name", ["deals-utf8-lf.csv", "deals-latin1-crlf.csv", "transfers-crlf.csv", "deals-messy.csv"]
)
def test_delivery_years_are_the_sorted_distinct_years_of_deliveries(name: str) -> None:
    for deal in _parse(name).deals:
        assert deal.delivery_years == sorted({delivery.year for delivery in deal.deliveries})


# ---------------------------------------------------------------------------------------
# 5. Release metadata


@pytest.mark.parametrize(
    ("name", "generated", "year_range"),
    [
        ("deals-utf8-lf.csv", dt.date(2025, 3, 13), (None, None)),
        ("deals-latin1-crlf.csv", dt.date(2025, 3, 13), (None, None)),
        ("transfers-crlf.csv", dt.date(2026, 2, 12), (1995, 2025)),
        ("deals-messy.csv", dt.date(2025, 3, 13), (None, None)),
        ("transfers-blank-cells.csv", dt.date(2026, 2, 12), (1995, 2025)),
    ],
)
def test_release_date_and_year_range_from_the_preamble(
    name: str, generated: dt.date, year_range: tuple[int | None, int | None]
) -> None:
    parsed = _parse(name)
    assert (parsed.generated_on, parsed.year_range) == (generated, year_range)


def test_file_without_preamble_has_no_release_metadata() -> None:
    parsed = parse_sipri(_deals_file(DEALS_ROW, preamble=()))
    assert (parsed.generated, parsed.generated_on, parsed.year_range) == (None, None, (None, None))


def test_year_range_with_one_open_end() -> None:
    preamble = ("Transfers ... year range '1950' to 'Not specified'", *PREAMBLE_A[1:])
    assert parse_sipri(_deals_file(DEALS_ROW, preamble=preamble)).year_range == (1950, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 Mar 2025 10:02:49 AM", dt.date(2025, 3, 13)),
        ("1 Feb 2026 12:26:12 PM", dt.date(2026, 2, 1)),
        ("12 February 2026", dt.date(2026, 2, 12)),
        ("31 Feb 2025 10:00:00 AM", None),
        ("13 Foo 2025", None),
        ("", None),
        (None, None),
    ],
)
def test_generated_on(text: str | None, expected: dt.date | None) -> None:
    assert generated_on(text) == expected
