"""A corpus of hostile import files, on SQLite and PostgreSQL (issue #14).

Each file is either rejected with its row, column and value (or, for a file that is not
readable at all, with what is wrong and where), or accepted and stored exactly as given,
identically on both backends. Never a traceback, never a half-written import. Each case
runs inside a transaction that is rolled back, on one database per backend.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.limits import LATEST_YEAR
from tracker.exports import EXPORT_COLUMNS
from tracker.imports.pipeline import import_data
from tracker.imports.plan import ImportRejected
from tracker.store.db import Base, make_engine, make_session_factory
from tracker.store.models import Deal, Source
from tracker.store.setup import prepare_database

from pgserver import PostgresServer

BASE = {
    "buyer": "Turkey", "seller": "United States", "platform": "F-16 Block 70 Viper",
    "status": "ordered", "quantity": "8", "order_date": "2026-01", "category": "aircraft",
}  # fmt: skip


def csv_bytes(*rows: dict[str, Any], header: list[str] | None = None, bom: bool = True) -> bytes:
    """A tracker CSV with the export's header and cells given as raw text (a hand-edited
    or tampered file: nothing neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = header or list(EXPORT_COLUMNS)
    writer.writerow(columns)
    for row in rows:
        cells = {**BASE, **row}
        writer.writerow([cells.get(column, "") for column in columns])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def json_bytes(*rows: dict[str, Any]) -> bytes:
    records = [{column: {**BASE, **row}.get(column) for column in EXPORT_COLUMNS} for row in rows]
    for record in records:
        record["quantity"] = int(record["quantity"]) if str(record["quantity"]).isdigit() else (
            record["quantity"])  # fmt: skip
    return json.dumps(records, ensure_ascii=False).encode("utf-8")


@dataclass
class Case:
    data: bytes
    rejected: tuple[str, ...] = ()  # substrings of the message (row, column, value, reason)
    problems: tuple[tuple[int, str], ...] = ()  # (row, column) every one must be reported
    stored: dict[str, Any] = field(default_factory=dict)  # accepted: deal column -> value
    filename: str = "hostile.csv"


HOSTILE_LINK = "![x](http://host/p.png) **Session expired** [sign in again](http://host/phish)"
LONG = "x" * 201
LATIN_1_LINE = "Côte\r\n".encode("latin-1")
UNKNOWN_COLUMNS = [f"c{i}" for i in range(9_965)]

CASES: dict[str, Case] = {
    # --- text that PostgreSQL refuses or a terminal acts on: refused per cell -------------
    "nul-in-csv": Case(csv_bytes({"notes": "a\x00b"}), ("NUL character", "line 2")),
    "nul-in-json-string": Case(json_bytes({"notes": "a\x00b"}), problems=((1, "notes"),),
                               filename="h.json"),
    "escape-sequence": Case(csv_bytes({"notes": "\x1b[31mred"}), problems=((2, "notes"),)),
    "title-sequence": Case(csv_bytes({"platform": "\x1b]0;owned\x07F-16"}),
                           problems=((2, "platform"),)),
    "c1-control": Case(csv_bytes({"programme": "a\x9bb"}), problems=((2, "programme"),)),
    "tab-in-a-name": Case(csv_bytes({"quantity_unit": "a\tb"}), problems=((2, "quantity_unit"),)),
    "lone-surrogate-json": Case(b'[{"buyer": "Turkey", "seller": "United States", "platform": '
                                b'"F-16 Block 70 Viper", "status": "ordered", "notes": "\\ud800"}]',
                                problems=((1, "notes"),), filename="h.json"),
    # --- lengths ---------------------------------------------------------------------------
    "long-programme": Case(csv_bytes({"programme": LONG}), ("'programme'", "201 characters")),
    "long-unit": Case(csv_bytes({"quantity_unit": "u" * 51}), problems=((2, "quantity_unit"),)),
    "long-ref": Case(csv_bytes({"ref": "r" * 101}), problems=((2, "ref"),)),
    "long-notes": Case(csv_bytes({"notes": "n" * 20_001}), problems=((2, "notes"),)),
    "long-value-source": Case(csv_bytes({"value_source": "v" * 51}),
                              problems=((2, "value_source"),)),
    "long-buyer": Case(csv_bytes({"buyer": LONG}), problems=((2, "buyer"),)),
    "cell-over-128kb": Case(csv_bytes({"notes": "n" * 140_000}), ("cannot be read at line 2",)),
    # --- numbers ---------------------------------------------------------------------------
    "tiv-401-digits": Case(csv_bytes({"tiv_total_order": "9" * 401}),
                           ("'tiv_total_order'", "must be less than")),
    "tiv-too-precise": Case(csv_bytes({"tiv_per_unit": "0.0000000001"}),
                            ("'tiv_per_unit'", "more than 3 decimal places")),
    "tiv-infinity": Case(csv_bytes({"tiv_delivered": "Infinity"}),
                         problems=((2, "tiv_delivered"),)),
    "tiv-nan": Case(csv_bytes({"tiv_delivered": "NaN"}), problems=((2, "tiv_delivered"),)),
    "tiv-negative": Case(csv_bytes({"tiv_delivered": "-1"}), problems=((2, "tiv_delivered"),)),
    "quantity-5000-digits": Case(csv_bytes({"quantity": "9" * 5000}), problems=((2, "quantity"),)),
    "quantity-negative": Case(csv_bytes({"quantity": "-3"}), problems=((2, "quantity"),)),
    "quantity-exponent": Case(csv_bytes({"quantity": "1e3"}), problems=((2, "quantity"),)),
    "quantity-too-large": Case(csv_bytes({"quantity": "10000001"}), problems=((2, "quantity"),)),
    "amount-three-decimals": Case(csv_bytes({"value_amount": "1.005", "value_currency": "USD"}),
                                  problems=((2, "value_amount"),)),
    "amount-without-currency": Case(csv_bytes({"value_amount": "100"}),
                                    problems=((2, "value_currency"),)),
    "unknown-currency": Case(csv_bytes({"value_amount": "100", "value_currency": "XYZ"}),
                             problems=((2, "value_currency"),)),
    # --- dates and vocabularies ------------------------------------------------------------
    "order-year-2099": Case(csv_bytes({"order_date": "2099"}),
                            ("'order_date'", f"between 1900 and {LATEST_YEAR}")),
    "delivery-2100": Case(csv_bytes({"last_delivery_date": "2100"}),
                          problems=((2, "last_delivery_date"),)),
    "year-1899": Case(csv_bytes({"order_date": "1899"}), problems=((2, "order_date"),)),
    "not-a-real-date": Case(csv_bytes({"order_date": "2026-02-30"}), problems=((2, "order_date"),)),
    "unknown-status": Case(csv_bytes({"status": "stolen"}), problems=((2, "status"),)),
    "unknown-category": Case(csv_bytes({"category": "lasers"}), problems=((2, "category"),)),
    "bad-flag": Case(csv_bytes({"value_at_least": "maybe"}), problems=((2, "value_at_least"),)),
    "every-bad-cell-of-a-row": Case(
        csv_bytes({"value_at_least": "maybe", "quantity": "-1", "programme": LONG}),
        problems=((2, "value_at_least"), (2, "quantity"), (2, "programme"))),
    "json-several-wrong-types": Case(
        json_bytes({"quantity": "x", "notes": 5, "local_production": "perhaps"}),
        problems=((1, "quantity"), (1, "notes"), (1, "local_production")), filename="h.json"),
    # --- the file's shape ------------------------------------------------------------------
    "repeated-header-column": Case(csv_bytes(header=[*EXPORT_COLUMNS, "notes"]),
                                   ("same column more than once", "'notes'")),
    "10000-column-header": Case(csv_bytes(header=[*EXPORT_COLUMNS, *UNKNOWN_COLUMNS]),
                                ("9,965 column(s)", "(and 9,955 more)")),
    "missing-required-column": Case(csv_bytes(header=[c for c in EXPORT_COLUMNS if c != "status"]),
                                    ("required column(s) status",)),
    "truncated-row": Case(csv_bytes({}).rstrip(b"\r\n").rsplit(b",", 5)[0] + b"\r\n",
                          problems=((2, "row"),)),
    "mixed-encodings": Case(csv_bytes({"notes": "Rafale é"}, bom=False) + LATIN_1_LINE,
                            ("mixes encodings", "line 2", "line 3")),
    "json-nested-100000-deep": Case(b"[" * 100_000 + b"]" * 100_000, ("too deeply",),
                                    filename="h.json"),
    "json-5000-digit-integer": Case(b'[{"quantity": ' + b"9" * 5000 + b"}]",
                                    ("cannot be read", "digits"), filename="h.json"),
    "json-not-a-list": Case(b'"Turkey"', ("cannot tell the format",), filename="h.json"),
    "json-object": Case(b'{"deals": []}', ("expected a JSON list",), filename="h.json"),
    "json-item-not-an-object": Case(b'["Turkey"]', problems=((1, "item"),), filename="h.json"),
    "empty-file": Case(b"", ("is empty",)),
    "zip-archive": Case(b"PK\x03\x04" + b"\x00" * 64, ("zip archive",)),
    # --- accepted, and stored exactly as given ---------------------------------------------
    "markdown-and-links": Case(csv_bytes({"notes": HOSTILE_LINK}), stored={"notes": HOSTILE_LINK}),
    "formula": Case(csv_bytes({"notes": "'=HYPERLINK(\"http://x\")"}),
                    stored={"notes": '=HYPERLINK("http://x")'}),
    "true-apostrophe-formula": Case(csv_bytes({"programme": "''=SUM(A1)"}),
                                    stored={"programme": "'=SUM(A1)"}),
    "true-apostrophe-number": Case(csv_bytes({"programme": "''-5"}), stored={"programme": "'-5"}),
    "json-apostrophe-kept": Case(json_bytes({"programme": "'=x"}), stored={"programme": "'=x"},
                                 filename="h.json"),
    "bidi-and-emoji": Case(csv_bytes({"notes": "\u202egnp.exe 😀 漢字 e\u0301"}),
                           stored={"notes": "\u202egnp.exe 😀 漢字 e\u0301"}),
    "multi-line-notes": Case(csv_bytes({"notes": "line one\r\nline\ttwo\n\nthree"}),
                             stored={"notes": "line one\r\nline\ttwo\n\nthree"}),
    "longest-allowed": Case(csv_bytes({"programme": "p" * 200, "quantity_unit": "u" * 50,
                                       "ref": "r" * 100}),
                            stored={"programme": "p" * 200, "quantity_unit": "u" * 50,
                                    "ref": "r" * 100}),
    "tiv-at-its-precision": Case(csv_bytes({"tiv_total_order": "99999999999.999"}),
                                 stored={"tiv_total_order": "99999999999.999"}),
    "utf-16-file": Case(codecs.BOM_UTF16_LE + csv_bytes({"notes": "Rafale Ç"}, bom=False)
                        .decode("utf-8").encode("utf-16-le"), stored={"notes": "Rafale Ç"}),
    "latin-1-file": Case(csv_bytes({"notes": "Côte d'Ivoire"}, bom=False).decode("utf-8")
                         .encode("latin-1"), stored={"notes": "Côte d'Ivoire"}),
    "very-long-file-name": Case(csv_bytes({"notes": "named"}), stored={"notes": "named"},
                                filename="n" * 250 + ".csv"),
}  # fmt: skip


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def corpus_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One seeded database per backend for the whole corpus (each case rolls back)."""
    if request.param == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.create_database("tracker_hostile_corpus")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('corpus')}/corpus.db"
    engine = make_engine(Settings(database_url=url, auto_setup=False))
    prepare_database(engine)
    yield engine
    engine.dispose()
    if request.param == "postgres":
        server.drop_database("tracker_hostile_corpus")


def _counts(session: Session) -> dict[str, int]:
    return {
        name: int(session.scalar(select(func.count()).select_from(table)) or 0)
        for name, table in Base.metadata.tables.items()
    }


def _stored(session: Session, deal_id: int, column: str) -> Any:
    value = getattr(session.get(Deal, deal_id), column)
    return f"{value:f}" if hasattr(value, "as_tuple") else value


def test_the_corpus_has_at_least_forty_kinds() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("kind", list(CASES))
def test_hostile_file(corpus_engine: Engine, kind: str) -> None:
    case = CASES[kind]
    with make_session_factory(corpus_engine)() as session, session.begin():
        before = _counts(session)
        try:
            report = import_data(session=session, actor=cli_actor(), data=case.data,
                                 filename=case.filename)  # fmt: skip
        except ImportRejected as exc:
            assert case.rejected or case.problems, f"{kind} was refused: {exc}"
            for part in case.rejected:
                assert part in str(exc), (part, str(exc))
            reported = {(p.row, p.column) for p in exc.problems}
            assert set(case.problems) <= reported, (case.problems, exc.problems)
            assert all(p.reason for p in exc.problems)
            session.flush()
            assert _counts(session) == before  # nothing half-written
        else:
            assert case.stored, f"{kind} was accepted: {report.summary()}"
            (deal_id,) = report.created_ids
            for column, value in case.stored.items():
                assert _stored(session, deal_id, column) == value
            assert session.scalar(select(func.count()).select_from(Source)) > before["source"]
        session.rollback()


def test_a_rejection_names_the_value(corpus_engine: Engine) -> None:
    with make_session_factory(corpus_engine)() as session, pytest.raises(ImportRejected) as exc:
        import_data(session=session, actor=cli_actor(), data=csv_bytes({"order_date": "2099"}),
                    filename="h.csv")  # fmt: skip
    (problem,) = exc.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "order_date", "2099")


def test_corpus_cases_come_from_files_a_person_could_make(tmp_path: Path) -> None:
    """Each case is a file on disk: the CLI turns every one into a message, never a
    traceback."""
    from click.testing import CliRunner

    from tracker.cli import main

    url = f"sqlite:///{tmp_path}/cli.db"
    for kind in ("nul-in-csv", "json-nested-100000-deep", "cell-over-128kb", "mixed-encodings",
                 "json-5000-digit-integer", "10000-column-header"):  # fmt: skip
        path = tmp_path / CASES[kind].filename.replace("hostile", kind)
        path.write_bytes(CASES[kind].data)
        result = CliRunner().invoke(main, ["import", str(path)],
                                    env={"TRACKER_DATABASE_URL": url})  # fmt: skip
        assert result.exit_code == 1, (kind, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), kind
        assert "Error:" in result.output and len(result.output) < 2000, kind


ROUND_TRIP_TEXTS = [
    "'=SUM(A1)", "'-5", "'", "''x", "=HYPERLINK(\"http://x\")", "-5", "+1", "@me", "'@x",
    HOSTILE_LINK, "multi\r\nline\tnote", "😀 \u202e e\u0301", '"quoted", comma',
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("text", ROUND_TRIP_TEXTS)
def test_every_text_round_trips_exactly(seeded_sqlite: Engine, fmt: str, text: str) -> None:
    from tracker.exports import export_bytes
    from tracker.imports.own import csv_candidates, json_candidates
    from tracker.read.filters import DealFilters
    from tracker.write.deals import add_deal

    from factories import EDITOR, deal_data

    with make_session_factory(seeded_sqlite)() as session, session.begin():
        add_deal(session=session, actor=EDITOR,
                 deal_in=deal_data(notes=text, ref="round-trip"))  # fmt: skip
        exported = export_bytes(session, DealFilters(), fmt).decode("utf-8")
        session.rollback()
    if fmt == "csv":
        found, problems = csv_candidates(exported, "file:0:x.csv")
    else:
        found, problems = json_candidates(json.loads(exported), "file:0:x.json")
    assert problems == []
    (mine,) = [c for c in found if c.fields.get("ref") == "round-trip"]
    assert mine.fields["notes"] == text
