"""A large SIPRI register is imported from disk as it is read (issue #14: memory bounded by
the chunk, not the file). The streamed import must do exactly what the import of the
same bytes held in memory does: here every file is imported both ways, with chunks of
two deals so that every rule meets a chunk boundary, on SQLite and PostgreSQL, and the
databases compared deal by deal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.orm import Session
from test_sipri_releases import deals, transfers

from tracker.auth import cli_actor
from tracker.imports import pipeline
from tracker.imports.files import decode, file_lines, scan_file
from tracker.imports.matching import StoredDeals
from tracker.imports.pipeline import ImportReport, import_data, import_file
from tracker.imports.plan import ImportRejected
from tracker.imports.sipri.read import Register, open_register, text_lines
from tracker.store.db import make_session_factory
from tracker.store.models import AuditEntry, Deal, DealConflict, DealFlag, Party, Platform

ACTOR = cli_actor()

# Layout A at its messiest: identical rows (two deals), a short row mid-file, marked
# non-state and organisation names, a historic state, money in two currencies, offsets,
# aid, a quoted comment holding a line break, blank cells.
ROWS_A = [
    "Turkiye,Russia,2017,,4,,S-400,SAM system,4,,2019; 2020,New,$2.5 b deal,300,1200,1200",
    "unknown recipient(s),Russia,1995,?,10,?,BTR-80,APC,10,?,1996,Second hand,,0.5,5,5",
    "unknown recipient(s),Russia,1995,?,10,?,BTR-80,APC,10,?,1996,Second hand,,0.5,5,5",
    "Hezbollah (Lebanon)*,Iran,2010,,100,,Fajr-5,artillery rocket,100,,2011,New,,0.01,1,1",
    "African Union**,China,2012,,5,,Type-63,APC,5,,2013,Second hand,'MAP' aid $0.5 m,0.2,1,1",
    "South Vietnam,United States,1965,,20,,M-113,APC,20,,1966; 1968,New,,0.3,6,6",
    'India,France,2016,,36,,Rafale,FGA aircraft,36,,2020,New,"INR109-175 b deal ($2.3-2.6 b;'
    '\noffsets $593 m)",50,1800,1800',
    "Pakistan,China,2018,,10,,JF-17,FGA aircraft,,,,New,,15",
    "North Yemen,Soviet Union,1979,,12,,MiG-21,fighter aircraft,12,,1979; 1980,New,,4,48,48",
    "Turkiye,United States,2024,,40,,F-16V Viper,FGA aircraft,,,,New,,,,",
]
BAD_A = "Egypt,France,20x7,,24,,Rafale,FGA aircraft,24,,2017,New,,50,1200,1200"
# Layout B with one deal's rows apart (80001, 80002), blank "is estimate" cells.
ROWS_B = [
    "80001,Russia,Turkiye,S-400,SAM,Air-defence systems,2017,No,2,No,2019,No,New,,300,600,No",
    "80002,United States,Turkiye,F-16,FGA aircraft,Aircraft,2015,No,10,No,2016,No,New,,20,200,No",
    "80001,Russia,Turkiye,S-400,SAM,Air-defence systems,2017,No,2,No,2020,No,New,,300,600,No",
    "80003,Germany,Turkiye,Type-214,submarine,Ships,2009,,1,,2022,,New,,400,400,",
    "80004,Germany,Egypt,Type-209,submarine,Ships,2011,No,2,No,2016,No,New,,300,600,No",
    "80002,United States,Turkiye,F-16,FGA aircraft,Aircraft,2015,No,6,Yes,2018,No,New,,20,120,No",
    "80005,Russia,Viet Nam,Kilo,submarine,Ships,2009,No,6,No,2014,No,New,,200,1200,No",
]  # fmt: skip
BAD_B = "80006,France,Egypt,Rafale,FGA aircraft,Aircraft,2015,No,6,Maybe,2016,No,New,,50,300,No"


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SIPRI file read from disk as it goes, two deals at a time."""
    monkeypatch.setattr(pipeline, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(pipeline, "CHUNK_DEALS", 2)


def _deal_state(deal: Deal) -> tuple[Any, ...]:
    columns = {
        column.key: getattr(deal, column.key)
        for column in Deal.__table__.columns
        if column.key not in ("id", "created_at", "updated_at", "buyer_id", "seller_id",
                              "platform_id")
    }  # fmt: skip
    return (
        deal.buyer.name, deal.seller.name, deal.platform.designation, deal.platform.category,
        sorted(columns.items()),
        sorted(((d.year, d.number, d.number_estimated, d.tiv) for d in deal.deliveries), key=repr),
        sorted(((c.field, c.quote, c.earlier_value) for c in deal.citations), key=repr),
        sorted(((c.field, c.recorded_value, c.other_value) for c in deal.conflicts), key=repr),
    )  # fmt: skip


def snapshot(session: Session) -> dict[str, Any]:
    """Everything an import writes, keyed by what does not depend on write order."""
    found = session.scalars(select(Deal).where(Deal.deleted_at.is_(None))).all()
    flags = session.execute(select(DealFlag.deal_id, DealFlag.kind)).all()
    key_of = {deal.id: deal.sipri_key or f"seed:{deal.id}" for deal in found}
    audit = session.execute(
        select(AuditEntry.action, func.count()).group_by(AuditEntry.action)
    ).all()
    return {
        "deals": sorted(((key_of[deal.id], _deal_state(deal)) for deal in found), key=repr),
        "flags": sorted((key_of.get(deal_id, "?"), str(kind)) for deal_id, kind in flags),
        "parties": sorted(session.scalars(select(Party.name)).all()),
        "platforms": sorted(
            (str(p), str(c))
            for p, c in session.execute(select(Platform.designation, Platform.category))
        ),
        "conflicts": session.scalar(select(func.count()).select_from(DealConflict)),
        "audit": sorted((str(action), count) for action, count in audit),
    }


def _outcome(report: ImportReport) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "rejected": [str(problem) for problem in report.rejected],
        "warnings": report.warnings,
        "unreviewed": sorted(report.unreviewed_parties),
        "counts": (len(report.created_ids), len(report.matched_ids), len(report.updated_ids),
                   len(report.flagged_ids)),
    }  # fmt: skip


Importer = Callable[[Session, bytes, str, dict[str, Any]], ImportReport]


def _in_memory(folder: Path) -> Importer:
    def run(session: Session, data: bytes, name: str, options: dict[str, Any]) -> ImportReport:
        filename = str(folder / name)  # as the command line names it
        return import_data(session=session, actor=ACTOR, data=data, filename=filename, **options)

    return run


def _from_disk(folder: Path) -> Importer:
    def run(session: Session, data: bytes, name: str, options: dict[str, Any]) -> ImportReport:
        path = folder / name
        path.write_bytes(data)
        return import_file(session=session, actor=ACTOR, path=path, **options)

    return run


def _both_ways(
    engine: Engine,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: list[tuple[bytes, dict[str, Any]]],
) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """Import `files` in turn in one transaction, held in memory and then streamed, each
    rolled back: (what each import reported or raised, the database after)."""
    engine = _with_savepoints(engine)
    for way in ("memory", "streamed"):
        with monkeypatch.context() as patch:
            if way == "streamed":
                patch.setattr(pipeline, "STREAM_FROM_BYTES", 0)
                patch.setattr(pipeline, "CHUNK_DEALS", 2)
            importer = _in_memory(folder) if way == "memory" else _from_disk(folder)
            outcomes: list[Any] = []
            with make_session_factory(engine)() as session:
                for number, (data, options) in enumerate(files, 1):
                    try:
                        with session.begin_nested():
                            report = importer(session, data, f"register-{number}.csv", options)
                        outcomes.append(_outcome(report))
                    except ImportRejected as exc:
                        outcomes.append(("rejected", str(exc), [str(p) for p in exc.problems]))
                state = snapshot(session)
                session.rollback()
            yield outcomes, state


def _with_savepoints(engine: Engine) -> Engine:
    """SQLite through pysqlite needs SQLAlchemy's documented recipe for SAVEPOINT to work
    (the driver would otherwise begin the transaction late and a released savepoint
    would commit it)."""
    if engine.dialect.name != "sqlite":
        return engine
    engine = create_engine(engine.url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _same_both_ways(
    engine: Engine, folder: Path, monkeypatch: pytest.MonkeyPatch,
    files: list[tuple[bytes, dict[str, Any]]],
) -> list[Any]:  # fmt: skip
    (memory, before), (streamed, after) = _both_ways(engine, folder, monkeypatch, files)
    assert streamed == memory
    assert after == before
    return memory


@pytest.mark.parametrize("layout", ["deals", "transfers"])
def test_a_register_imports_the_same_streamed_as_held(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    data = deals(ROWS_A) if layout == "deals" else transfers(ROWS_B)
    (outcome, again) = _same_both_ways(seeded_engine, tmp_path, monkeypatch,
                                       [(data, {}), (data, {})])  # fmt: skip
    assert outcome["counts"][0] + outcome["counts"][1] == (10 if layout == "deals" else 5)
    assert again["counts"] == (0, 0, 0, 0), "importing the same file again adds nothing"


@pytest.mark.parametrize("layout", ["deals", "transfers"])
def test_a_rejected_row_in_a_later_chunk_rejects_the_whole_file(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    data = deals([*ROWS_A, BAD_A]) if layout == "deals" else transfers([*ROWS_B, BAD_B])
    outcome, dry, skipped = _same_both_ways(
        seeded_engine, tmp_path, monkeypatch,
        [(data, {}), (data, {"dry_run": True}), (data, {"skip_invalid": True})],
    )  # fmt: skip
    assert outcome[0] == "rejected" and "1 row(s) rejected, nothing imported" in outcome[1]
    assert dry["rejected"] == outcome[2] and skipped["rejected"] == outcome[2]
    assert skipped["counts"][0] > 0


def test_a_streamed_rejection_leaves_the_database_unchanged(
    seeded_engine: Engine, tmp_path: Path, streamed: None
) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(transfers([*ROWS_B, BAD_B]))
    with make_session_factory(seeded_engine)() as session:
        before = snapshot(session)
    with (
        pytest.raises(ImportRejected, match="Numbers delivered is estimate"),
        make_session_factory(seeded_engine)() as session,
        session.begin(),
    ):
        import_file(session=session, actor=ACTOR, path=path)
    with make_session_factory(seeded_engine)() as session:
        assert snapshot(session) == before


def test_newer_releases_update_add_and_flag_the_same_streamed(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pairing a revised deals-layout row with the deal it revises, and flagging what a
    release dropped, need the whole file's keys: a streamed import reads them first."""
    newer_a = [row.replace(",,20,,M-113", ",,24,,M-113") for row in ROWS_A
               if not row.startswith("North Yemen")]  # fmt: skip
    newer_a.append("Chile,Germany,2020,,2,,Type-209,submarine,,,,New,,300,600,")
    newer_b = [row for row in ROWS_B if not row.startswith("80004")]
    newer_b.append("80002,United States,Turkiye,F-16,FGA aircraft,Aircraft,2015,No,4,No,"
                   "2019,No,New,,20,80,No")  # fmt: skip
    outcomes = _same_both_ways(
        seeded_engine, tmp_path, monkeypatch,
        [(deals(ROWS_A), {}), (deals(newer_a, generated="13 Mar 2026"), {}),
         (transfers(ROWS_B), {}), (transfers(newer_b, generated="12 Feb 2027"), {})],
    )  # fmt: skip
    a_update, b_update = outcomes[1], outcomes[3]
    assert a_update["counts"][2] >= 1 and a_update["counts"][3] >= 1  # updated, flagged
    assert b_update["counts"][2] >= 1 and b_update["counts"][3] >= 1


def test_the_stored_deals_columns_give_back_every_deal_as_stored(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    """Matching keeps the stored deals as columns of integers (a million deals: about 60
    bytes each, not 380): each deal comes back from them as the database holds it,
    unknowns included, and is found by its SIPRI key; a key never imported is not."""
    with make_session_factory(seeded_engine)() as session, session.begin():
        import_data(session=session, actor=ACTOR, data=deals(ROWS_A), filename="a.csv")
        import_data(session=session, actor=ACTOR, data=transfers(ROWS_B), filename="b.csv")
    with make_session_factory(seeded_engine)() as session:
        stored = StoredDeals.load(session)
        live = session.scalars(select(Deal).where(Deal.deleted_at.is_(None))).all()
        keyed = [deal for deal in live if deal.sipri_key]
        # Both layouts' own deals (rows that matched a seeded deal add none), and the seeds.
        assert len(keyed) >= 10 and len(live) > len(keyed)
        for deal in keyed:
            row = stored.keyed(deal.sipri_key or "")
            delivered = deal.last_delivery_date or deal.first_delivery_date
            assert row is not None
            assert (row.deal_id, row.buyer_id, row.seller_id, row.platform_id, row.year,
                    row.condition, row.family, row.delivered_in, row.sipri_release) == (
                deal.id, deal.buyer_id, deal.seller_id, deal.platform_id, deal.order_year,
                deal.condition, deal.sipri_key.split(":")[0] if deal.sipri_key else None,
                delivered.year if delivered else None, deal.sipri_release,
            )  # fmt: skip
            assert row.same_content(deal.sipri_hash)
        assert any(row.year is None or row.condition is None
                   for row in map(stored.columns.row, range(len(live))))  # fmt: skip
        assert stored.keyed("row:never-imported:1") is None
        named = stored.listed([keyed[0].sipri_key or "", "id:99999999"])
        assert sum(named) == 1
        assert named[[stored.columns.deal_ids[at] for at in range(len(live))].index(
            keyed[0].id)] == 1  # fmt: skip


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \n\n", id="blank"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 200, id="zip"),
        pytest.param(deals(ROWS_A)[:-30], id="truncated"),
        pytest.param(deals(ROWS_A).replace(b"Rafale", b"Rafale\x00"), id="nul"),
        pytest.param(
            deals(ROWS_A).replace(b"S-400", "S-400 é".encode())
            + "Chile,Germany,2020,,2,,Typé,sub,,,,New,,,,\n".encode("latin-1"),
            id="mixed-encodings",
        ),
        pytest.param(
            deals(ROWS_A).replace(b"Turkiye", "T\u00fcrkiye".encode("latin-1")), id="latin-1"
        ),
        pytest.param(b"\xef\xbb\xbf" + deals(ROWS_A), id="utf-8-bom"),
        pytest.param(deals(ROWS_A).decode().encode("utf-16"), id="utf-16"),
        pytest.param(deals([]), id="header-only"),
        pytest.param(b"Recipient,Supplier,Year of order\n1,2,3\n", id="wrong-header"),
    ],
)
def test_a_messy_file_streams_as_its_bytes_import(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    (outcome,) = _same_both_ways(seeded_engine, tmp_path, monkeypatch, [(data, {})])
    assert outcome


def test_the_scan_and_the_line_reader_agree_with_decoding_the_bytes(tmp_path: Path) -> None:
    odd = ("a,b\r\nc\u0085d\n\n\xe9\r\n" + "plain text line\n" * 20 + "last").encode("latin-1")
    for data in (odd, b"\xef\xbb\xbfx\ny\n", b"one\ntwo", "caf\u00e9\n".encode()):
        path = tmp_path / "lines.csv"
        path.write_bytes(data)
        scan = scan_file(path)
        decoded = decode(data)
        assert scan.encoding == decoded.encoding
        assert list(file_lines(path, scan.encoding)) == list(text_lines(decoded.text))


def _register_b(rows: list[str]) -> Register:
    text = transfers(rows).decode()
    return open_register(lambda: text_lines(text), "utf-8")


def test_only_deal_ids_whose_rows_are_apart_are_mapped() -> None:
    """A sorted register (SIPRI's own order) needs no map of its ids: a deal ends at the
    first row of another id."""
    in_order = sorted(ROWS_B, key=lambda row: row.split(",")[0])
    assert _register_b(in_order).scattered_deal_ids() == {}
    assert set(_register_b(ROWS_B).scattered_deal_ids()) == {"80001", "80002"}


def test_a_streaming_parser_hands_each_deal_over_when_its_rows_end() -> None:
    register = _register_b(ROWS_B)  # ids 80001, 80002, 80001, 80003, 80004, 80002, 80005
    parser = register.parser(register.scattered_deal_ids())
    handed = [
        [deal.sipri_id for deal in parser.add(numbers, cells, text, last=last, unclosed=unclosed)]
        for numbers, cells, unclosed, last, text in register.records()
        if not isinstance(cells, str)
    ]
    assert handed == [[], [], ["80001"], [], ["80003"], ["80004", "80002"], []]
    assert [deal.sipri_id for deal in parser.finish()] == ["80005"]
    first = next(d for d in _register_b(ROWS_B).deals(_register_b(ROWS_B).parser()))
    assert first.sipri_id == "80001" and [d.year for d in first.deliveries] == [2019, 2020]
