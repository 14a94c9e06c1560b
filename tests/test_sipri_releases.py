"""SIPRI registers imported faithfully and kept up to date (issue #12), on rows written in
SIPRI's two layouts (see /work/shared/reference/SIPRI-FORMATS.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Category, Condition, FlagKind, PartyKind, Status
from tracker.exports import export_bytes
from tracker.imports.pipeline import ImportReport, import_data
from tracker.imports.plan import ImportRejected
from tracker.imports.rejects import rejects_csv, save_rejects
from tracker.read.filters import DealFilters
from tracker.read.rows import list_deals
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Deal, DealConflict, DealFlag, Party, Platform
from tracker.store.setup import prepare_database
from tracker.write.catalogue import add_platform
from tracker.write.deals import add_deal, update_deal

from factories import EDITOR, deal_data, row_counts

ADMIN = cli_actor()
TRANSFERS_HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
    "TIV delivery values,Local production;"
)
DEALS_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
    "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
    "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)


def transfers(
    rows: Sequence[str], generated: str = "12 Feb 2026", years: str = "1995' to '2025"
) -> bytes:
    preamble = [
        f"Transfers of major conventional arms from All countries  to All countries . "
        f"Deals with deliveries made for the year range '{years}';",
        "SIPRI trend-indicator values (TIVs) are in millions.;",
        ";",
        "Source: SIPRI Arms Transfers Database (c) SIPRI.;",
        f"Data generated: {generated} 12:26:12 PM;",
        TRANSFERS_HEADER,
    ]
    return ("\r\n".join([*preamble, *(f"{row};" for row in rows)]) + "\r\n").encode()


def deals(rows: Sequence[str], generated: str = "13 Mar 2025") -> bytes:
    preamble = [
        "Transfers of major conventional arms from All countries  to All countries . "
        "Deals with deliveries made for the year range 'Not specified' to 'Not specified' ",
        "SIPRI trend-indicator values (TIVs) are in millions.",
        "",
        "Source: SIPRI Arms Transfers Database (c) SIPRI.",
        f"Data generated: {generated} 10:02:49 AM",
        DEALS_HEADER,
    ]
    return ("\n".join([*preamble, *rows]) + "\n").encode()


def _import(
    engine: Engine, data: bytes, name: str = "register.csv", **options: bool
) -> ImportReport:
    with transaction(engine) as session:
        return import_data(session=session, actor=ADMIN, data=data, filename=name, **options)


def _deals(engine: Engine, designation: str) -> list[Deal]:
    with make_session_factory(engine)() as s:
        found = s.scalars(
            select(Deal).join(Platform).where(Platform.designation == designation).order_by(Deal.id)
        ).all()
        for deal in found:  # load what the tests read, before the session closes
            _ = (deal.deliveries, deal.platform, deal.buyer, deal.citations)
        return list(found)


# --- names and platforms -----------------------------------------------------------------


def test_unknown_sipri_names_become_parties_of_the_kind_their_marker_says(
    seeded_engine: Engine,
) -> None:
    data = deals([
        "Ruritania,Russia,2010,,4,,Mi-17,transport helicopter,4,,2011,New,,10,40,40",
        "Free Army of Somewhere*,Russia,2012,,100,,9M133 Kornet,anti-tank missile,100,,2013,New,,0.1,10,10",  # noqa: E501 (a SIPRI row, whole)
        "Alliance of Nowhere**,Russia,2014,,2,,Mi-17,transport helicopter,2,,2015,New,,10,20,20",
    ])  # fmt: skip
    report = _import(seeded_engine, data)
    assert report.created == 3 and not report.rejected
    unreviewed = [name.split(" (")[0] for name in report.unreviewed_parties]
    assert unreviewed == ["Alliance of Nowhere", "Free Army of Somewhere", "Ruritania"]
    with make_session_factory(seeded_engine)() as s:
        names = ["Ruritania", "Free Army of Somewhere", "Alliance of Nowhere"]
        stmt = select(Party.name, Party.kind, Party.reviewed).where(Party.name.in_(names))
        found = {name: (kind, reviewed) for name, kind, reviewed in s.execute(stmt)}
    kinds = {name: kind for name, (kind, _) in found.items()}
    reviewed = {name: flag for name, (_, flag) in found.items()}
    assert kinds == {"Ruritania": PartyKind.STATE, "Free Army of Somewhere": PartyKind.NON_STATE,
                     "Alliance of Nowhere": PartyKind.ORGANISATION}  # fmt: skip
    assert set(reviewed.values()) == {False}  # each listed on the Admin page to review


def test_one_designation_of_different_kinds_is_different_platforms(seeded_engine: Engine) -> None:
    data = transfers([
        "70001,Germany,India,COBRA,artillery locating radar,Sensors,2005,No,4,No,2008,No,New,30,30,120,No",  # noqa: E501 (a SIPRI row, whole)
        "70002,France,Brazil,COBRA,anti-tank missile,Missiles,2006,No,50,No,2008,No,New,0.1,0.1,5,No",  # noqa: E501 (a SIPRI row, whole)
        "70003,United Kingdom,Nigeria,Cobra,APC,Armoured vehicles,2007,No,10,No,2008,No,New,0.5,0.5,5,No",  # noqa: E501 (a SIPRI row, whole)
    ])  # fmt: skip
    assert _import(seeded_engine, data).created == 3
    with make_session_factory(seeded_engine)() as s:
        kinds = {tuple(row) for row in s.execute(select(Platform.designation, Platform.category)
                 .where(Platform.designation.in_(["COBRA", "Cobra"])))}  # fmt: skip
    assert kinds == {("COBRA", Category.SENSORS), ("COBRA", Category.MISSILES),
                     ("Cobra", Category.ARMOURED_VEHICLES)}  # fmt: skip


# --- matching ----------------------------------------------------------------------------


def test_a_row_matches_a_stored_deal_through_an_alias(seeded_engine: Engine) -> None:
    """SIPRI's "F-16V Viper" is the seeded F-16 Block 70 Viper (alias "F-16V"): one deal."""
    data = deals(["Turkiye,United States,2024,,40,,F-16V Viper,FGA aircraft,,,,New,,50,2000,"])
    report = _import(seeded_engine, data)
    assert (report.created, report.matched) == (0, 1)
    (viper,) = _deals(seeded_engine, "F-16 Block 70 Viper")
    assert viper.quantity_ordered == 40 and viper.tiv_total_order == Decimal("2000")
    assert viper.description == "FGA aircraft"  # gained what it lacked


def test_a_matched_deal_gains_what_it_lacked_and_disputes_what_differs(
    seeded_engine: Engine,
) -> None:
    data = deals(["Turkiye,Russia,2017,,2,,S-400,SAM system,2,,2019,New,,600,1200,1200"])
    report = _import(seeded_engine, data)
    assert report.matched == 1 and report.conflicts == 2  # ordered and delivered: 4 vs 2
    (s400,) = _deals(seeded_engine, "S-400 Triumf")
    assert s400.condition is Condition.NEW and s400.tiv_per_unit == Decimal("600")
    assert [d.year for d in s400.deliveries] == [2019]
    assert s400.quantity_ordered == 4  # the seed's four units stay; the two are disputed
    with make_session_factory(seeded_engine)() as s:
        disputes = s.execute(select(DealConflict.field, DealConflict.recorded_value,
                                    DealConflict.other_value)
                             .where(DealConflict.deal_id == s400.id)).all()  # fmt: skip
        assert ("quantity_ordered", "4 units", "2") in disputes


def test_a_row_that_fits_several_deals_is_new_and_flagged(seeded_engine: Engine) -> None:
    """Two stored second-hand BTR-80 deals could be the row: neither is taken."""
    with transaction(seeded_engine) as s:
        add_platform(session=s, actor=EDITOR,
                     platform_in={"designation": "BTR-80", "category": "armoured_vehicles"})  # fmt: skip  # noqa: E501
        stored = [
            add_deal(session=s, actor=EDITOR, deal_in=deal_data(
                buyer="Ukraine", seller="Poland", platform="BTR-80", quantity_ordered=number,
                condition="second_hand", order_date="2022", status="delivered",
            )).id
            for number in (20, 30)
        ]  # fmt: skip
    report = _import(seeded_engine, deals(
        ["Ukraine,Poland,2022,?,25,,BTR-80,APC,25,,2022,Second hand,,0.5,5,5"]
    ))  # fmt: skip
    assert (report.created, report.matched, report.flagged) == (1, 0, 1)
    with make_session_factory(seeded_engine)() as s:
        flags = s.scalars(
            select(DealFlag).where(DealFlag.kind == FlagKind.POSSIBLE_DUPLICATE)
        ).all()
        assert sorted(f.other_deal_id for f in flags) == stored
        assert "possible duplicate of deal" in flags[0].detail


def test_a_second_hand_row_matches_the_second_hand_deal_only(seeded_engine: Engine) -> None:
    _import(seeded_engine, deals([
        "Ukraine,Poland,2022,,20,,BTR-80,APC,20,,2022,New,,0.5,10,10",
        "Ukraine,Poland,2022,,30,,BTR-80,APC,30,,2022,Second hand,,0.5,6,6",
    ]))  # fmt: skip
    new, used = _deals(seeded_engine, "BTR-80")
    report = _import(seeded_engine, transfers([
        "80001,Poland,Ukraine,BTR-80,APC,Armoured vehicles,2022,No,30,No,2022,No,Second hand,0.5,0.2,6,No",  # noqa: E501 (a SIPRI row, whole)
    ]))  # fmt: skip
    assert (report.created, report.matched, report.conflicts) == (0, 1, 0)
    with make_session_factory(seeded_engine)() as s:
        assert s.get_one(Deal, used.id).version == 2 and s.get_one(Deal, new.id).version == 1


# --- releases ----------------------------------------------------------------------------

RELEASE_1 = [
    "90001,Russia,India,T-90S,tank,Armoured vehicles,2019,No,20,No,2021,No,New,3,3,60,No",
    "90002,France,Greece,Rafale,FGA aircraft,Aircraft,2021,No,6,No,2022,No,New,60,60,360,No",
    "90003,Germany,Egypt,MEKO-A200,frigate,Ships,2018,No,1,No,2022,No,New,250,250,250,No",
]


def test_a_newer_release_changes_adds_and_flags_deals(seeded_engine: Engine) -> None:
    assert (
        _import(seeded_engine, transfers(RELEASE_1, "12 Feb 2025", "1995' to '2024")).created == 3
    )
    release_2 = [
        RELEASE_1[0],
        RELEASE_1[0]
        .replace("2021,No,New,3,3,60", "2024,No,New,3,3,60")
        .replace(",20,No,", ",10,No,"),
        RELEASE_1[1].replace(",6,No,2022", ",8,Yes,2022"),  # SIPRI revised the number
        "90004,Italy,Qatar,NH-90,helicopter,Aircraft,2018,No,4,No,2023,No,New,20,20,80,No",
    ]  # 90003 is gone
    report = _import(seeded_engine, transfers(release_2, "12 Feb 2026", "1995' to '2025"), "r2.csv")
    assert (report.created, report.updated, report.flagged, report.unchanged) == (1, 2, 1, 0)
    (tanks,) = _deals(seeded_engine, "T-90S")
    assert tanks.quantity_delivered == 30 and [d.year for d in tanks.deliveries] == [2021, 2024]
    (rafale,) = _deals(seeded_engine, "Rafale")
    assert rafale.quantity_delivered == 8 and rafale.quantity_delivered_estimated
    (frigate,) = _deals(seeded_engine, "MEKO-A200")
    with make_session_factory(seeded_engine)() as s:
        (flag,) = s.scalars(select(DealFlag).where(DealFlag.deal_id == frigate.id))
        assert flag.kind is FlagKind.MISSING_FROM_RELEASE and "2026-02-12" in flag.detail
        assert s.get_one(Deal, frigate.id).deleted_at is None  # flagged, never deleted
    again = _import(seeded_engine, transfers(release_2, "12 Feb 2026", "1995' to '2025"), "r2.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_trimmed_copy_of_a_release_flags_nothing(seeded_engine: Engine) -> None:
    """A file of the release already imported that lists fewer deals (cut by hand, or
    saved with a filter) is no evidence that SIPRI dropped the rest; a newer release is.
    Deals a newer release restates unchanged count as stated by it (found by a QA pass:
    a 3-row copy of a 3,000-row release would flag 2,999 deals)."""
    first = transfers(RELEASE_1, "12 Feb 2025", "1995' to '2024")
    assert _import(seeded_engine, first).created == 3
    trimmed = _import(seeded_engine, transfers(RELEASE_1[:1], "12 Feb 2025", "1995' to '2024"))
    assert (trimmed.unchanged, trimmed.flagged, trimmed.created) == (1, 0, 0)
    newer = _import(seeded_engine, transfers(RELEASE_1[:2], "12 Feb 2026", "1995' to '2025"))
    assert (newer.unchanged, newer.flagged) == (2, 1)  # the frigate: dropped by a newer one
    trimmed_newer = transfers(RELEASE_1[:1], "12 Feb 2026", "1995' to '2025")
    again = _import(seeded_engine, trimmed_newer, "trimmed.csv")
    assert (again.unchanged, again.flagged) == (1, 0)  # the Rafale: restated by 2026
    with make_session_factory(seeded_engine)() as s:
        flags = s.scalars(select(DealFlag.deal_id)).all()
        releases = set(s.scalars(select(Deal.sipri_release).where(Deal.sipri_key.is_not(None))))
    (frigate,) = _deals(seeded_engine, "MEKO-A200")
    assert flags == [frigate.id]
    assert {str(day) for day in releases} == {"2025-02-12", "2026-02-12"}


def test_a_newer_release_stating_a_matched_deal_again_imports_twice(
    seeded_engine: Engine,
) -> None:
    """Rows that corroborated stored deals (the seeded S-400, not created by SIPRI) come
    again in every release: unchanged they are already imported, changed they corroborate
    again; the release imports, and once more adds nothing (was: UNIQUE source.ref)."""
    s400 = (
        "95001,Russia,Turkiye,S-400,SAM system,Air defence systems,2017,No,4,No,2019,No,New,"
        "600,2400,2400,No"
    )
    rafale = (
        "95002,France,India,Rafale,FGA aircraft,Aircraft,2016,No,36,No,2020,No,New,50,1800,1800,No"
    )
    first = _import(seeded_engine, transfers([s400, rafale], "12 Feb 2025", "1995' to '2024"))
    assert (first.created, first.matched) == (1, 1)
    counts = row_counts(seeded_engine)
    same = [s400, rafale.replace(",2020,No,", ",2021,No,")]
    second = _import(seeded_engine, transfers(same, "12 Feb 2026", "1995' to '2025"), "r2.csv")
    assert (second.created, second.matched, second.unchanged, second.updated) == (0, 0, 1, 1)
    again = _import(seeded_engine, transfers(same, "12 Feb 2026", "1995' to '2025"), "r2.csv")
    assert (again.created, again.matched, again.updated, again.unchanged) == (0, 0, 0, 2)
    revised = [s400.replace(",4,No,2019,", ",4,Yes,2019,"), same[1]]
    third = _import(seeded_engine, transfers(revised, "12 Feb 2027", "1995' to '2026"), "r3.csv")
    assert (third.created, third.matched, third.unchanged) == (0, 1, 1)
    assert _import(seeded_engine, transfers(revised, "12 Feb 2027", "1995' to '2026"),
                   "r3.csv").unchanged == 2  # fmt: skip
    (deal,) = _deals(seeded_engine, "S-400 Triumf")
    assert deal.quantity_ordered == 4  # the seed's deal, corroborated, never duplicated
    assert row_counts(seeded_engine)["deal"] == counts["deal"]


def test_a_researchers_edit_survives_a_newer_release(seeded_engine: Engine) -> None:
    _import(seeded_engine, transfers(RELEASE_1[1:2], "12 Feb 2025", "1995' to '2024"))
    (rafale,) = _deals(seeded_engine, "Rafale")
    with transaction(seeded_engine) as s:
        update_deal(session=s, actor=EDITOR, deal_id=rafale.id, seen_version=rafale.version,
                    values={"quantity_delivered": 7, "notes": "MoD: seven delivered"})  # fmt: skip
    newer = RELEASE_1[1].replace(",6,No,2022", ",8,No,2022").replace("FGA aircraft", "FGA jet")
    report = _import(seeded_engine, transfers([newer], "12 Feb 2026", "1995' to '2025"))
    assert report.updated == 1 and report.conflicts == 2  # the two fields they edited
    (rafale,) = _deals(seeded_engine, "Rafale")
    assert rafale.quantity_delivered == 7  # the researcher's number stays
    assert rafale.description == "FGA jet"  # what they did not touch follows SIPRI
    with make_session_factory(seeded_engine)() as s:
        disputes = s.execute(select(DealConflict.field, DealConflict.recorded_value,
                                    DealConflict.other_value)
                             .where(DealConflict.deal_id == rafale.id)).all()  # fmt: skip
        assert ("quantity_delivered", "7", "8") in disputes


def test_a_deals_layout_row_a_newer_release_revised_updates_its_deal(seeded_engine: Engine) -> None:
    row = "Greece,France,2021,,6,,Rafale,FGA aircraft,6,,2022,New,,60,360,360"
    assert _import(seeded_engine, deals([row], "13 Mar 2025")).created == 1
    revised = row.replace(",6,,Rafale", ",8,,Rafale").replace("360,360", "480,360")
    report = _import(seeded_engine, deals([revised], "13 Mar 2026"))
    assert (report.created, report.updated) == (0, 1)
    (rafale,) = _deals(seeded_engine, "Rafale")
    assert rafale.quantity_ordered == 8 and rafale.sipri_release is not None


def test_identical_rows_are_distinct_deals_and_reimport_adds_nothing(seeded_engine: Engine) -> None:
    row = "unknown recipient(s),Russia,1995,?,10,?,9K38 Igla,portable SAM,10,?,1996,New,,0.1,1,1"
    assert _import(seeded_engine, deals([row, row])).created == 2
    again = _import(seeded_engine, deals([row, row]))
    assert (again.created, again.unchanged) == (0, 2)


def test_skipping_invalid_rows_then_the_fixed_file_completes_the_deal(
    seeded_engine: Engine,
) -> None:
    good = "91001,Angola,Cote d'Ivoire,BMP-2,IFV,Armoured vehicles,2002,No,24,No,2002,No,Second hand,0.9,0.36,8.6,No"  # noqa: E501 (a SIPRI row, whole)
    bad = good.replace(",24,No,2002,No,", ",36,maybe,2003,No,")
    first = _import(seeded_engine, transfers([good, bad]), skip_invalid=True)
    assert first.created == 1 and len(first.rejected) == 1
    fixed = bad.replace("maybe", "No")
    report = _import(seeded_engine, transfers([good, fixed]))
    assert (report.created, report.updated) == (0, 1)
    (bmp,) = _deals(seeded_engine, "BMP-2")
    assert bmp.quantity_delivered == 60 and [d.year for d in bmp.deliveries] == [2002, 2003]


# --- status, previews, rejects -----------------------------------------------------------


def test_a_deal_whose_deliveries_ended_long_ago_is_delivered(seeded_engine: Engine) -> None:
    old = "55238,Albania,Burkina Faso,PM-43 120mm,mortar,Artillery,1982,Yes,12,No,1983,No,Second hand,0.25,0.1,1.2,No"  # noqa: E501 (a SIPRI row, whole)
    recent = (
        old.replace("55238", "55239").replace("1982,Yes", "2023,No").replace(",1983,", ",2025,")
    )
    _import(seeded_engine, transfers([old, recent]))
    deals_ = _deals(seeded_engine, "PM-43 120mm")
    assert [d.status for d in deals_] == [Status.DELIVERED, Status.DELIVERING]


def test_a_dry_run_previews_everything_and_writes_nothing(seeded_engine: Engine) -> None:
    bad = RELEASE_1[0].replace(",20,No,", ",lots,No,")
    before = row_counts(seeded_engine)
    report = _import(seeded_engine, transfers([bad, *RELEASE_1[1:]]), dry_run=True)
    assert report.created == 2 and len(report.rejected) == 1 and report.dry_run
    assert row_counts(seeded_engine) == before
    with pytest.raises(ImportRejected, match="choose to skip invalid rows"):
        _import(seeded_engine, transfers([bad, *RELEASE_1[1:]]))


def test_rejects_go_to_the_data_folder_and_are_safe_in_a_spreadsheet(
    seeded_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    evil = RELEASE_1[0].replace("T-90S", "=HYPERLINK(1)").replace(",20,No,", ",x,No,")
    report = _import(seeded_engine, transfers([evil]), dry_run=True)
    path = save_rejects(report.rejected, "input/register.csv")
    assert path.parent == tmp_path / "arms-deal-tracker" / "rejects"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["row", "column", "value", "reason"] and rows[1][2] == "x"
    hostile = rejects_csv([type(report.rejected[0])(7, "=cmd", "=HYPERLINK(1)", "@x")])
    assert "'=HYPERLINK(1)" in hostile and "'=cmd" in hostile and "'@x" in hostile


# --- the faithful model: deliveries, description, the export round trip ------------------


def test_per_year_deliveries_keep_numbers_tiv_and_gaps(seeded_engine: Engine) -> None:
    year_1 = "91001,Angola,Cote d'Ivoire,BMP-2,IFV,Armoured vehicles,2002,No,24,No,2002,No,Second hand,0.9,0.36,8.6,No"  # noqa: E501 (a SIPRI row, whole)
    year_3 = year_1.replace(",24,No,2002,No,", ",36,Yes,2004,No,").replace(",8.6,", ",12.9,")
    row_a = (
        "Chile,France,2008,,6,,AS-332 Super Puma,transport helicopter,6,,2010; 2012,New,,9,54,54"
    )
    _import(seeded_engine, transfers([year_1, year_3]))
    _import(seeded_engine, deals([row_a]))
    (bmp,) = _deals(seeded_engine, "BMP-2")
    by_year = [(d.year, d.number, d.number_estimated, d.tiv) for d in bmp.deliveries]
    assert by_year == [(2002, 24, False, Decimal("8.6")), (2004, 36, True, Decimal("12.9"))]
    assert bmp.quantity_delivered == 60 and bmp.description == "IFV"
    (puma,) = _deals(seeded_engine, "AS-332 Super Puma")
    assert [(d.year, d.number) for d in puma.deliveries] == [(2010, None), (2012, None)]
    assert puma.description == "transport helicopter"


def test_sipri_description_is_searchable(seeded_engine: Engine) -> None:
    row = "Chile,France,2008,,6,,AS-332 Super Puma,transport helicopter,6,,2010; 2012,New,,9,54,54"
    _import(seeded_engine, deals([row]))
    with make_session_factory(seeded_engine)() as s:
        # the citations quote the whole row, so take them away: the description alone finds it
        (puma,) = s.scalars(select(Deal).join(Platform).where(Platform.designation.like("AS-332%")))
        for citation in list(puma.citations):
            s.delete(citation)
        s.commit()
        found = [r.platform for r in list_deals(s, DealFilters(text="transport helicopter"))]
    assert found == ["AS-332 Super Puma"]


def test_an_export_of_sipri_deals_imports_into_a_fresh_database(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    rows = [
        "Hezbollah (Lebanon)*,Iran,2006,?,50,?,Fajr-3,artillery rocket,50,?,2006,New,,0.02,1,1",
        "NATO**,United States,2018,,3,,RQ-4 Global Hawk,UAV,3,,2020,New,,25,75,75",
        "unknown recipient(s),Russia,1995,?,10,?,9K38 Igla,portable SAM,10,?,1996,New,,0.1,1,1",
    ]
    _import(seeded_engine, deals(rows))
    with make_session_factory(seeded_engine)() as s:
        exported = export_bytes(s, DealFilters(), "csv")
    header = exported.decode("utf-8-sig").splitlines()[0]
    assert "buyer_kind" in header and "description" in header
    fresh = make_engine(Settings(database_url=f"sqlite:///{tmp_path}/fresh.db", auto_setup=False))
    prepare_database(fresh, seed_if_empty=False)
    report = _import(fresh, exported, "deals.csv")
    assert (report.created, report.rejected) == (10, [])  # the 7 seeds and the 3 SIPRI rows
    with make_session_factory(fresh)() as s:
        kinds = {p.name: p.kind for p in s.scalars(select(Party))}
    assert kinds["Hezbollah (Lebanon)"] is PartyKind.NON_STATE
    assert kinds["NATO"] is PartyKind.ORGANISATION
