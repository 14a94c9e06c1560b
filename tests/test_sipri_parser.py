"""SIPRI trade registers (layout A by deal, layout B by delivery year) parse into deals."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tracker.domain.vocab import Category, Condition
from tracker.imports.sipri import (
    DEALS_COLUMNS,
    TRANSFERS_COLUMNS,
    Money,
    MoneyKind,
    RowError,
    SipriDeal,
    SipriFile,
    SipriFormatError,
    category_from_description,
    looks_like_sipri,
    parse_comment_money,
    parse_sipri,
)

CONTRACT = MoneyKind.CONTRACT
FIXTURES = Path(__file__).parent / "fixtures" / "sipri"
# Layout A's header names as errors show them: the ' ' flag columns as "Year of order ?".
DEALS_NAMES = tuple(
    f"{DEALS_COLUMNS[index - 1]} ?" if name == " " else name
    for index, name in enumerate(DEALS_COLUMNS)
)

# A valid layout-A row and layout-B row to vary cell by cell.
DEALS_ROW = [
    "Afghanistan", "United States", "2012", "", "71", "", "M-1117 Guardian", "APC", "71", "",
    "2014", "New", "$79 m deal; MSFV version", "0.4", "28.4", "28.4",
]  # fmt: skip
TRANSFERS_ROW = [
    "61404", "Australia", "Canada", "F-18C", "FGA aircraft", "Aircraft", "2018", "No", "3",
    "No", "2019", "No", "Second hand", "37.5", "15", "45", "No",
]  # fmt: skip


def _parse(name: str) -> SipriFile:
    return parse_sipri((FIXTURES / name).read_bytes())


def _lines(name: str, encoding: str = "utf-8") -> list[str]:
    return (FIXTURES / name).read_bytes().decode(encoding).splitlines()


def _by_designation(parsed: SipriFile, designation: str) -> SipriDeal:
    (deal,) = [deal for deal in parsed.deals if deal.designation == designation]
    return deal


def _by_id(parsed: SipriFile, sipri_id: str) -> SipriDeal:
    (deal,) = [deal for deal in parsed.deals if deal.sipri_id == sipri_id]
    return deal


def _csv_lines(rows: list[list[str]]) -> list[str]:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().splitlines()


def _deals_file(*rows: list[str], preamble: tuple[str, ...] = ()) -> bytes:
    lines = [*preamble, *_csv_lines([list(DEALS_COLUMNS), *rows])]
    return ("\n".join(lines) + "\n").encode()


def _transfers_file(*rows: list[str]) -> bytes:
    lines = [line + ";" for line in _csv_lines([list(TRANSFERS_COLUMNS), *rows])]
    return ("\r\n".join(lines) + "\r\n").encode()


def _changed(row: list[str], names: tuple[str, ...], column: str, value: str) -> list[str]:
    changed = list(row)
    changed[names.index(column)] = value
    return changed


# ---------------------------------------------------------------------------------------
# Whole files


@pytest.mark.parametrize(
    ("name", "layout", "encoding", "generated", "deals"),
    [
        ("deals-utf8-lf.csv", "deals", "utf-8", "13 Mar 2025 10:02:49 AM", 10),
        ("deals-latin1-crlf.csv", "deals", "latin-1", "13 Mar 2025 10:02:49 AM", 2),
        ("transfers-crlf.csv", "transfers", "utf-8", "12 Feb 2026 12:26:12 PM", 10),
    ],
)
def test_fixture_parses_without_errors(
    name: str, layout: str, encoding: str, generated: str, deals: int
) -> None:
    parsed = _parse(name)
    assert (parsed.layout, parsed.encoding, parsed.generated) == (layout, encoding, generated)
    assert parsed.header_row == 12
    assert len(parsed.deals) == deals
    assert parsed.errors == []


@pytest.mark.parametrize(
    ("designation", "field", "expected"),
    [
        ("M-1117 Guardian", "layout", "deals"),
        ("M-1117 Guardian", "rows", [13]),
        ("M-1117 Guardian", "sipri_id", None),
        ("M-1117 Guardian", "recipient", "Afghanistan"),
        ("M-1117 Guardian", "supplier", "United States"),
        ("M-1117 Guardian", "description", "APC"),
        ("M-1117 Guardian", "category", Category.ARMOURED_VEHICLES),
        ("M-1117 Guardian", "category_inferred", True),
        ("M-1117 Guardian", "order_year", 2012),
        ("M-1117 Guardian", "order_year_estimated", False),
        ("M-1117 Guardian", "quantity_ordered", 71),
        ("M-1117 Guardian", "quantity_ordered_estimated", False),
        ("M-1117 Guardian", "quantity_delivered", 71),
        ("M-1117 Guardian", "quantity_delivered_estimated", False),
        ("M-1117 Guardian", "delivery_years", [2014]),
        ("M-1117 Guardian", "delivery_years_estimated", False),
        ("M-1117 Guardian", "condition", Condition.NEW),
        ("M-1117 Guardian", "local_production", False),
        ("M-1117 Guardian", "comments", "$79 m deal; MSFV version"),
        ("M-1117 Guardian", "tiv_per_unit", Decimal("0.4")),
        ("M-1117 Guardian", "tiv_total_order", Decimal("28.4")),
        ("M-1117 Guardian", "tiv_delivered", Decimal("28.4")),
        ("M-1117 Guardian", "sipri_unit_estimate", None),
        ("M-1117 Guardian", "money", [Money(CONTRACT, Decimal("79000000"), "USD", "$79 m deal")]),
        ("2S9 120mm", "order_year_estimated", True),
        ("2S9 120mm", "quantity_ordered_estimated", True),
        ("2S9 120mm", "quantity_delivered_estimated", False),
        ("2S9 120mm", "condition", Condition.SECOND_HAND),
        ("2S9 120mm", "category", Category.ARTILLERY),
        ("aircraft engine", "order_year_estimated", False),
        ("aircraft engine", "quantity_ordered_estimated", True),
        ("aircraft engine", "quantity_delivered_estimated", True),
        ("aircraft engine", "category", Category.ENGINES),
        ("C-295", "delivery_years", [2011, 2012]),
        ("C-295", "money", [Money(CONTRACT, Decimal("110000000"), "EUR", "EUR110 m deal")]),
        ("Leander", "condition", Condition.SECOND_HAND_MODERNISED),
        ("Leander", "category", Category.SHIPS),
        ("MiG-27", "comments", "Produced under licence in India, from kits at first"),
        ("MiG-27", "local_production", True),
        ("MiG-27", "delivery_years", [1984, 1985, 1986]),
        ("MiG-27", "tiv_total_order", Decimal("1650")),
        ("Mohajer-2", "recipient", "Hezbollah (Lebanon)*"),
        ("Mohajer-2", "category", Category.AIRCRAFT),
        ("C-17A Globemaster-3", "recipient", "NATO**"),
        ("9M133 Kornet", "recipient", "unknown recipient(s)"),
        ("9M133 Kornet", "quantity_ordered", None),
        ("9M133 Kornet", "quantity_delivered", None),
        ("9M133 Kornet", "delivery_years", []),
        ("9M133 Kornet", "tiv_per_unit", Decimal("0.05")),
        ("9M133 Kornet", "tiv_total_order", None),
        ("9M133 Kornet", "tiv_delivered", None),
        ("9M133 Kornet", "comments", None),
        ("9M133 Kornet", "money", []),
        ("S-400", "recipient", "Turkiye"),
        ("S-400", "supplier", "Russia"),
        ("S-400", "order_year", 2017),
        ("S-400", "quantity_ordered", 2),
        ("S-400", "quantity_delivered", 2),
        ("S-400", "delivery_years", [2019, 2020]),
        ("S-400", "category", Category.AIR_DEFENCE),
        ("S-400", "comments", "Incl 4 batteries"),
        ("S-400", "money", []),
    ],
)
def test_layout_a_field(designation: str, field: str, expected: Any) -> None:
    deal = _by_designation(_parse("deals-utf8-lf.csv"), designation)
    assert getattr(deal, field) == expected


@pytest.mark.parametrize(
    ("sipri_id", "field", "expected"),
    [
        ("35939", "layout", "transfers"),
        ("35939", "rows", [19, 20, 21, 31]),
        ("35939", "supplier", "Australia"),
        ("35939", "recipient", "Indonesia"),
        ("35939", "designation", "C-130H Hercules"),
        ("35939", "description", "transport aircraft"),
        ("35939", "category", Category.AIRCRAFT),
        ("35939", "category_inferred", False),
        ("35939", "order_year", 2013),
        ("35939", "order_year_estimated", False),
        ("35939", "quantity_ordered", None),
        ("35939", "quantity_ordered_estimated", False),
        ("35939", "quantity_delivered", 5),
        ("35939", "quantity_delivered_estimated", True),
        ("35939", "delivery_years", [2013, 2014, 2015, 2016]),
        ("35939", "delivery_years_estimated", True),
        ("35939", "condition", Condition.SECOND_HAND_MODERNISED),
        ("35939", "local_production", False),
        ("35939", "comments", None),
        ("35939", "tiv_per_unit", Decimal("18.48")),
        ("35939", "tiv_total_order", None),
        ("35939", "tiv_delivered", Decimal("92.40")),
        ("35939", "sipri_unit_estimate", Decimal("28")),
        ("35939", "money", []),
        ("57069", "local_production", True),
        ("57069", "order_year_estimated", True),
        ("57069", "quantity_delivered", 11),
        ("57069", "tiv_delivered", Decimal("91.3")),
        ("57069", "delivery_years", [2006, 2007, 2008, 2009, 2010, 2011]),
        ("57069", "delivery_years_estimated", True),
        ("57069", "category", Category.SHIPS),
        ("61404", "quantity_delivered", 18),
        ("61404", "tiv_delivered", Decimal("270")),
        ("61404", "delivery_years_estimated", False),
        ("61404", "condition", Condition.SECOND_HAND),
        ("55238", "rows", [13]),
        ("55238", "quantity_delivered", 12),
        ("55238", "quantity_delivered_estimated", False),
        ("55238", "category", Category.ARTILLERY),
        ("60840", "order_year_estimated", True),
        ("60840", "quantity_delivered_estimated", True),
        ("60840", "delivery_years_estimated", True),
        ("33777", "recipient", "Cote d'Ivoire"),
        ("24488", "tiv_per_unit", Decimal("0.3")),
        ("24488", "sipri_unit_estimate", Decimal("0.45")),
        ("24488", "tiv_delivered", Decimal("5.35")),
        ("70001", "category", Category.MISSILES),
        ("70001", "category_inferred", True),
    ],
)
def test_layout_b_field(sipri_id: str, field: str, expected: Any) -> None:
    deal = _by_id(_parse("transfers-crlf.csv"), sipri_id)
    assert getattr(deal, field) == expected


def test_layout_b_groups_keep_first_seen_order() -> None:
    ids = [deal.sipri_id for deal in _parse("transfers-crlf.csv").deals]
    assert ids == [
        "55238", "60840", "33777", "33871", "24488", "31645", "35939", "61404", "57069",
        "70001",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("designation", "Bü-181 Bestmann"),
        ("recipient", "Switzerland"),
        ("supplier", "Germany"),
        ("order_year", 1958),
        ("category", Category.AIRCRAFT),
        ("tiv_delivered", Decimal("0.08")),  # the last column, so the CR is gone
    ],
)
def test_latin1_crlf_fields_arrive_intact(field: str, expected: Any) -> None:
    deal = _by_designation(_parse("deals-latin1-crlf.csv"), "Bü-181 Bestmann")
    assert getattr(deal, field) == expected


@pytest.mark.parametrize("word", ["Wärtsilä", "Santa Fé"])
def test_latin1_comments_arrive_intact(word: str) -> None:
    deal = _by_designation(_parse("deals-latin1-crlf.csv"), "Vasa-32")
    assert deal.comments is not None and word in deal.comments


@pytest.mark.parametrize(
    ("name", "encoding", "key", "lines"),
    [
        ("deals-utf8-lf.csv", "utf-8", "M-1117 Guardian", [13]),
        ("deals-utf8-lf.csv", "utf-8", "MiG-27", [18]),
        ("deals-latin1-crlf.csv", "latin-1", "Bü-181 Bestmann", [13]),
        ("transfers-crlf.csv", "utf-8", "35939", [19, 20, 21, 31]),
    ],
)
def test_text_holds_the_exact_original_lines(
    name: str, encoding: str, key: str, lines: list[int]
) -> None:
    parsed = _parse(name)
    deal = _by_id(parsed, key) if parsed.layout == "transfers" else _by_designation(parsed, key)
    original = _lines(name, encoding)
    assert deal.text == "\n".join(original[number - 1] for number in lines)


def test_layout_b_text_keeps_the_trailing_semicolon_and_drops_the_cr() -> None:
    deal = _by_id(_parse("transfers-crlf.csv"), "61404")
    assert all(line.endswith(",No;") for line in deal.text.split("\n"))
    assert "\r" not in deal.text


@pytest.mark.parametrize("semicolon", ["", ";"])
def test_layout_b_parses_with_or_without_trailing_semicolons(semicolon: str) -> None:
    data = _transfers_file(TRANSFERS_ROW).replace(b";\r\n", semicolon.encode() + b"\r\n")
    (deal,) = parse_sipri(data).deals
    assert deal.local_production is False


def test_layout_a_file_without_final_newline_parses() -> None:
    data = _deals_file(DEALS_ROW).rstrip(b"\n")
    assert len(parse_sipri(data).deals) == 1


def test_header_is_found_by_content_not_position() -> None:
    parsed = parse_sipri(_deals_file(DEALS_ROW, preamble=("Some title", "", "More notes")))
    assert (parsed.header_row, parsed.generated, len(parsed.deals)) == (4, None, 1)


def test_utf8_bom_is_accepted() -> None:
    parsed = parse_sipri(b"\xef\xbb\xbf" + _deals_file(DEALS_ROW))
    assert (parsed.encoding, parsed.header_row, len(parsed.deals)) == ("utf-8", 1, 1)


def test_blank_and_separator_only_lines_are_skipped_and_rows_keep_line_numbers() -> None:
    data = _deals_file(DEALS_ROW).replace(b"\n", b"\n\n;\n,,,,\n", 1) + b"\n"
    data += _csv_lines([DEALS_ROW])[0].encode() + b"\n"
    parsed = parse_sipri(data)
    assert parsed.errors == []
    assert [deal.rows for deal in parsed.deals] == [[5], [7]]


def test_trailing_empty_cells_are_accepted() -> None:
    assert parse_sipri(_deals_file([*DEALS_ROW, "", ""])).errors == []


def test_unclosed_quote_names_the_lines_it_swallows() -> None:
    row = _csv_lines([DEALS_ROW])[0]
    data = _deals_file().decode() + row.replace("$79", '"$79') + "\n" + (row + "\n") * 3
    (error,) = parse_sipri(data.encode()).errors
    assert error.row == 2
    assert "a quoted field runs from line 2 to line 5" in error.reason


def test_quoted_comment_over_two_lines_is_one_deal() -> None:
    row = _changed(DEALS_ROW, DEALS_NAMES, "Comments", "first line\nsecond line")
    (deal,) = parse_sipri(_deals_file(row)).deals
    assert deal.rows == [2, 3]
    assert deal.comments == "first line\nsecond line"


# ---------------------------------------------------------------------------------------
# Errors


def test_truncated_last_row_is_a_row_error() -> None:
    parsed = _parse("truncated.csv")
    assert [deal.rows for deal in parsed.deals] == [[13], [14]]
    assert parsed.errors == [
        RowError(15, "Weapon description", "", "row has 7 of 16 columns: the file may be truncated")
    ]


def test_text_in_a_number_column_names_row_column_and_value() -> None:
    parsed = _parse("text-in-number.csv")
    assert [deal.rows for deal in parsed.deals] == [[13], [15]]
    assert parsed.errors == [RowError(14, "Number ordered", "twelve", "is not a whole number")]
    assert (
        str(parsed.errors[0]) == "row 14, column 'Number ordered': 'twelve' is not a whole number"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("wrong-header.csv", "expected column 5 'Number ordered', found 'Number orderd'"),
        ("binary.bin", "is not a text file (binary data)"),
    ],
)
def test_unusable_fixture_raises_format_error(name: str, message: str) -> None:
    with pytest.raises(SipriFormatError) as caught:
        _parse(name)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"a,b,c\n1,2,3\n", "no SIPRI header found: expected a line starting 'Recipient,Supplier"),
        (_deals_file(), "has a header (line 1) but no data rows"),
        (_deals_file() + b"\n;\n,,,\n", "but no data rows"),
        (b"PK\x03\x04" + b"x" * 100, "zip archive or .xlsx workbook"),
        (bytes(range(1, 128)) * 10, "not a text file"),
        (
            _deals_file(DEALS_ROW).replace(b",SIPRI TIV of delivered weapons", b""),
            "expected column 16 'SIPRI TIV of delivered weapons', found nothing",
        ),
        (
            _deals_file(DEALS_ROW).replace(b"delivered weapons", b"delivered weapons,Notes", 1),
            "expected 16 columns, found extra column 17 'Notes'",
        ),
        (
            _deals_file(DEALS_ROW).replace(b"order, ,", b"order,?,", 1),
            "expected column 4 ' ' (the '?' column after 'Year of order'), found '?'",
        ),
        (
            _transfers_file(TRANSFERS_ROW).replace(b"Status", b"Condition", 1),
            "expected column 13 'Status', found 'Condition'",
        ),
    ],
)
def test_unusable_file_raises_format_error(data: bytes, message: str) -> None:
    with pytest.raises(SipriFormatError) as caught:
        parse_sipri(data)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("Recipient", "", "is empty"),
        ("Weapon designation", "", "is empty"),
        ("Year of order", "19x5", "is not a whole number"),
        ("Year of order", "1850", "is not a year between 1900 and 2100"),
        ("Year of order ?", "x", "is not '?' or empty"),
        ("Number ordered", "-3", "is negative"),
        ("Number ordered", "7.5", "is not a whole number"),
        ("Number delivered", "many", "is not a whole number"),
        ("Number delivered ?", "maybe", "is not '?' or empty"),
        ("Year(s) of delivery", "2011; 20x2", "is not a whole number"),
        ("Year(s) of delivery", "2011; 2222", "is not a year between 1900 and 2100"),
        ("status", "Used", "is not New, Second hand or Second hand but modernized"),
        ("SIPRI TIV per unit", "abc", "is not a number"),
        ("SIPRI TIV for total order", "-0.4", "is negative"),
        ("SIPRI TIV of delivered weapons", "NaN", "is not a number"),
    ],
)
def test_bad_layout_a_cell_is_a_row_error(column: str, value: str, reason: str) -> None:
    row = _changed(DEALS_ROW, DEALS_NAMES, column, value)
    parsed = parse_sipri(_deals_file(DEALS_ROW, row))
    assert parsed.errors == [RowError(3, column, value, reason)]
    assert [deal.rows for deal in parsed.deals] == [[2]]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("SIPRI AT Database ID", "", "is empty"),
        ("Armament category", "Boats", "is not a SIPRI armament category"),
        ("Order date", "late 2018", "is not a whole number"),
        ("Order date is estimate", "Maybe", "is not Yes or No"),
        ("Numbers delivered", "3.5", "is not a whole number"),
        ("Numbers delivered is estimate", "?", "is not Yes or No"),
        ("Delivery year", "1899", "is not a year between 1900 and 2100"),
        ("Delivery year is estimate", "Y", "is not Yes or No"),
        ("Status", "Refurbished", "is not New, Second hand or Second hand but modernized"),
        ("SIPRI estimate", "n/a", "is not a number"),
        ("TIV deal unit", "-15", "is negative"),
        ("TIV delivery values", "4.5e1", "is not a number"),
        ("Local production", "Yes please", "is not Yes or No"),
    ],
)
def test_bad_layout_b_cell_is_a_row_error(column: str, value: str, reason: str) -> None:
    row = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS, column, value)
    parsed = parse_sipri(_transfers_file(TRANSFERS_ROW, row))
    assert parsed.errors == [RowError(3, column, value, reason)]


@pytest.mark.parametrize("answer", ["YES", "yes", "Yes"])
def test_yes_no_is_case_insensitive(answer: str) -> None:
    row = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS, "Local production", answer)
    (deal,) = parse_sipri(_transfers_file(row)).deals
    assert deal.local_production is True


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Supplier", "Canada"),
        ("Recipient", "Australia"),
        ("Designation", "F-18D"),
        ("Description", "fighter aircraft"),
        ("Armament category", "Other"),
        ("Order date", "2017"),
        ("Status", "New"),
        ("TIV deal unit", "16"),
        ("Local production", "Yes"),
    ],
)
def test_layout_b_row_disagreeing_with_its_group_is_a_row_error(column: str, value: str) -> None:
    second = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS, "Delivery year", "2020")
    second = _changed(second, TRANSFERS_COLUMNS, column, value)
    parsed = parse_sipri(_transfers_file(TRANSFERS_ROW, second))
    (error,) = parsed.errors
    assert (error.row, error.column, error.value) == (3, column, value)
    assert "differs from row 2 of the same deal" in error.reason
    (deal,) = parsed.deals
    assert (deal.rows, deal.quantity_delivered) == ([2], 3)


def test_layout_b_equal_numbers_written_differently_agree() -> None:
    second = _changed(TRANSFERS_ROW, TRANSFERS_COLUMNS, "TIV deal unit", "15.0")
    parsed = parse_sipri(_transfers_file(TRANSFERS_ROW, second))
    assert parsed.errors == []


def test_extra_non_empty_cell_is_a_row_error() -> None:
    (error,) = parse_sipri(_deals_file([*DEALS_ROW, "stray"])).errors
    assert (error.row, error.column, error.value) == (2, "", "stray")
    assert str(error) == (
        "row 2: 'stray' is an extra cell: the row has 17 cells for 16 columns "
        "(a comma in an unquoted field?)"
    )


@pytest.mark.parametrize(
    ("comments", "recipient", "expected"),
    [
        ("Produced under licence in India", "India", True),
        ("Licensed production", "Pakistan", True),
        ("License-produced in South Korea", "South Korea", True),
        ("Assembled in Turkiye from kits", "Turkiye", True),
        ("Incl 20 produced in Brazil", "Brazil", True),
        ("Locally assembled", "Egypt", True),
        ("Produced in USA; financed by USA", "Afghanistan", False),
        ("Delivery delayed by US export licence", "Taiwan", False),
        ("ordered via USA from US production line", "Afghanistan", False),
        ("Second-hand; aid", "Afghanistan", False),
    ],
)
def test_layout_a_local_production_from_comments(
    comments: str, recipient: str, expected: bool
) -> None:
    row = _changed(DEALS_ROW, DEALS_NAMES, "Comments", comments)
    row = _changed(row, DEALS_NAMES, "Recipient", recipient)
    (deal,) = parse_sipri(_deals_file(row)).deals
    assert deal.local_production is expected


# ---------------------------------------------------------------------------------------
# Money in comments


@pytest.mark.parametrize(
    ("comments", "amount", "currency", "quote"),
    [
        ("$79 m deal", "79000000", "USD", "$79 m deal"),
        ("$257 m deal; MSFV version", "257000000", "USD", "$257 m deal"),
        ("A-29B version; $450 m", "450000000", "USD", "$450 m"),
        ("EUR7 m deal", "7000000", "EUR", "EUR7 m deal"),
        ("€50 m", "50000000", "EUR", "€50 m"),
        ("£30 m", "30000000", "GBP", "£30 m"),
        ("GBP30 m", "30000000", "GBP", "GBP30 m"),
        ("$1.1 b", "1100000000", "USD", "$1.1 b"),
        ("$1.1 b deal; incl training", "1100000000", "USD", "$1.1 b deal"),
        ("$2 b", "2000000000", "USD", "$2 b"),
        ("$79 million deal", "79000000", "USD", "$79 million deal"),
        ("$1.5 billion", "1500000000", "USD", "$1.5 billion"),
        ("SEK300 m deal", "300000000", "SEK", "SEK300 m deal"),
        ("INR5 b deal", "5000000000", "INR", "INR5 b deal"),
        ("US$12.5 m deal", "12500000", "USD", "US$12.5 m deal"),
        ("$79 m deal; financed by USA ($79 m)", "79000000", "USD", "$79 m deal"),
        # The training sum is not the deal's value and is left out, not merged.
        ("$79 m deal; EUR20 m for training", "79000000", "USD", "$79 m deal"),
    ],
)
def test_money_in_comments(comments: str, amount: str, currency: str, quote: str) -> None:
    money = parse_comment_money(comments)
    assert money == Money(CONTRACT, Decimal(amount), currency, quote)
    assert money.quote in comments


@pytest.mark.parametrize(
    "comments",
    [
        "",
        "Second-hand; aid",
        "MSFV version; 240 ordered",
        "part of $1.1 b deal",
        "Incl in $500 m deal",
        "incl $50 m for spares",
        "$20000 b deal",
        "$300 m offsets",
        "$5 m each",
        "A$50 m deal",
        "XYZ5 m deal",
        "$100 mortars",
    ],
)
def test_ambiguous_or_absent_money_is_none(comments: str) -> None:
    assert parse_comment_money(comments) is None


# ---------------------------------------------------------------------------------------
# Category from description


@pytest.mark.parametrize(
    ("description", "category"),
    [
        ("fighter aircraft", Category.AIRCRAFT),
        ("trainer/combat aircraft", Category.AIRCRAFT),
        ("light helicopter", Category.AIRCRAFT),
        ("ASW helicopter", Category.AIRCRAFT),
        ("UAV", Category.AIRCRAFT),
        ("FGA aircraft", Category.AIRCRAFT),
        ("AEW&C aircraft", Category.AIRCRAFT),
        ("tanker/transport aircraft", Category.AIRCRAFT),
        ("SIGINT aircraft", Category.AIRCRAFT),
        ("SAM system", Category.AIR_DEFENCE),
        ("mobile SAM system", Category.AIR_DEFENCE),
        ("air defence system", Category.AIR_DEFENCE),
        ("AD system", Category.AIR_DEFENCE),
        ("SPAAG", Category.AIR_DEFENCE),
        ("anti-aircraft gun", Category.AIR_DEFENCE),
        ("APC", Category.ARMOURED_VEHICLES),
        ("IFV", Category.ARMOURED_VEHICLES),
        ("tank", Category.ARMOURED_VEHICLES),
        ("light tank", Category.ARMOURED_VEHICLES),
        ("armoured car", Category.ARMOURED_VEHICLES),
        ("AFV", Category.ARMOURED_VEHICLES),
        ("APV", Category.ARMOURED_VEHICLES),
        ("ARV", Category.ARMOURED_VEHICLES),
        ("half-track", Category.ARMOURED_VEHICLES),
        ("armoured personnel carrier", Category.ARMOURED_VEHICLES),
        ("infantry fighting vehicle", Category.ARMOURED_VEHICLES),
        ("tank destroyer", Category.ARMOURED_VEHICLES),
        ("gun", Category.ARTILLERY),
        ("towed gun", Category.ARTILLERY),
        ("self-propelled gun", Category.ARTILLERY),
        ("howitzer", Category.ARTILLERY),
        ("mortar", Category.ARTILLERY),
        ("self-propelled MRL", Category.ARTILLERY),
        ("anti-tank gun", Category.ARTILLERY),
        ("aircraft engine", Category.ENGINES),
        ("turbofan", Category.ENGINES),
        ("turbojet", Category.ENGINES),
        ("turboprop", Category.ENGINES),
        ("turboshaft", Category.ENGINES),
        ("diesel engine", Category.ENGINES),
        ("gas turbine", Category.ENGINES),
        ("turboprop aircraft", Category.AIRCRAFT),
        ("missile", Category.MISSILES),
        ("SAM", Category.MISSILES),
        ("SSM", Category.MISSILES),
        ("BVRAAM", Category.MISSILES),
        ("AAM", Category.MISSILES),
        ("ASM", Category.MISSILES),
        ("anti-tank missile", Category.MISSILES),
        ("anti-ship missile", Category.MISSILES),
        ("guided bomb", Category.MISSILES),
        ("surface-to-surface missile launcher", Category.MISSILES),
        ("naval gun", Category.NAVAL_WEAPONS),
        ("torpedo", Category.NAVAL_WEAPONS),
        ("ASW torpedo", Category.NAVAL_WEAPONS),
        ("ASW rocket launcher", Category.NAVAL_WEAPONS),
        ("ASW", Category.NAVAL_WEAPONS),
        ("naval mine", Category.NAVAL_WEAPONS),
        ("mine", Category.NAVAL_WEAPONS),
        ("air search radar", Category.SENSORS),
        ("fire control radar", Category.SENSORS),
        ("sonar", Category.SENSORS),
        ("ASW sonar", Category.SENSORS),
        ("sensor", Category.SENSORS),
        ("fire control system", Category.SENSORS),
        ("SIGINT system", Category.SENSORS),
        ("satellite", Category.SATELLITES),
        ("reconnaissance satellite", Category.SATELLITES),
        ("frigate", Category.SHIPS),
        ("corvette", Category.SHIPS),
        ("destroyer", Category.SHIPS),
        ("submarine", Category.SHIPS),
        ("patrol craft", Category.SHIPS),
        ("patrol boat", Category.SHIPS),
        ("landing ship", Category.SHIPS),
        ("OPV", Category.SHIPS),
        ("minehunter", Category.SHIPS),
        ("tug", Category.SHIPS),
        ("support ship", Category.SHIPS),
        ("torpedo boat", Category.SHIPS),
        ("missile boat", Category.SHIPS),
        ("Ship", Category.SHIPS),
        ("", None),
        ("bridge", None),
        ("ambulance", None),
        ("Samson", None),
    ],
)
def test_category_from_description(description: str, category: Category | None) -> None:
    assert category_from_description(description) == category


# ---------------------------------------------------------------------------------------
# Sniffing


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((FIXTURES / "deals-utf8-lf.csv").read_bytes(), True),
        ((FIXTURES / "deals-latin1-crlf.csv").read_bytes(), True),
        ((FIXTURES / "transfers-crlf.csv").read_bytes(), True),
        ((FIXTURES / "truncated.csv").read_bytes(), True),
        (b"\xef\xbb\xbf" + _deals_file(DEALS_ROW), True),
        ((FIXTURES / "binary.bin").read_bytes(), False),
        (b"", False),
        (b"a,b,c\n1,2,3\n", False),
        (b"buyer,seller,platform\nIndia,France,Rafale\n", False),
        (b"Recipient,Seller,Year\n", False),
    ],
)
def test_looks_like_sipri(data: bytes, expected: bool) -> None:
    assert looks_like_sipri(data) is expected
