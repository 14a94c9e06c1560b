# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
"""What a SIPRI import leaves in the dashboard (AppTest): the deal page shows its
deliveries by year, SIPRI's description and the sums that are not its value; the Admin
page lists the names and flags to review, and reviewing them clears them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from test_dashboard_editing import _open, _plain, _signed_in, app_engine  # noqa: F401
from test_sipri_releases import deals, transfers

from tracker.auth import cli_actor
from tracker.imports.pipeline import import_data
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal, DealFlag, Party, Platform

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")

PUMA = 'Chile,France,2008,,6,,AS-332 Super Puma,transport helicopter,6,,2010; 2012,New,"EUR300 m deal ($410 m); offsets $50 m",9,54,54'  # noqa: E501 (a SIPRI row, whole)
REBELS = "Free Rebels of Nowhere*,Iran,2006,?,50,?,Fajr-3,artillery rocket,50,?,2006,New,,0.02,1,1"
BMP = [
    "91001,Angola,Cote d'Ivoire,BMP-2,IFV,Armoured vehicles,2002,No,24,No,2002,No,Second hand,0.9,0.36,8.6,No",  # noqa: E501
    "91001,Angola,Cote d'Ivoire,BMP-2,IFV,Armoured vehicles,2002,No,36,Yes,2004,No,Second hand,0.9,0.36,12.9,No",  # noqa: E501
]


def _import(engine: Engine, data: bytes) -> None:
    with transaction(engine) as session:
        import_data(session=session, actor=cli_actor(), data=data, filename="register.csv")


def _deal_id(engine: Engine, designation: str) -> int:
    with make_session_factory(engine)() as s:
        return int(
            s.scalars(
                select(Deal.id).join(Platform).where(Platform.designation == designation)
            ).one()
        )


def test_the_deal_page_shows_deliveries_description_and_other_sums(app_engine: Engine) -> None:
    _import(app_engine, deals([PUMA]))
    _import(app_engine, transfers(BMP))
    at = _open(_signed_in(None), "deal", id=str(_deal_id(app_engine, "AS-332 Super Puma")))
    text = _plain(at.markdown)
    assert "SIPRI description**: transport helicopter" in text
    assert "offset" in text and "50 million" in text  # apart from the value, never added
    years = at.dataframe[0].value
    assert list(years["year"]) == ["2010", "2012"]  # the gap kept
    assert list(years["number"]) == ["not given", "not given"]
    at = _open(at, "deal", id=str(_deal_id(app_engine, "BMP-2")))
    table = at.dataframe[0].value
    assert list(table["number"]) == ["24", "36 (estimate)"]
    assert list(table["SIPRI TIV (millions)"]) == ["8.60", "12.90"]


def test_admin_reviews_new_names_and_flags_and_they_go(app_engine: Engine) -> None:
    _import(app_engine, deals([REBELS]))
    _flag(app_engine, _deal_id(app_engine, "Fajr-3"))  # as an ambiguous match leaves it
    at = _open(_signed_in("ada"), "admin")
    text = _plain(at.markdown)
    assert "Unreviewed party**: Free Rebels of Nowhere (non-state)" in text
    assert "possible duplicate of #2" in text
    party_id = _party_id(app_engine, "Free Rebels of Nowhere")
    at.button(key=f"review_party_{party_id}").click().run()
    flag_key = next(b.key for b in at.button if (b.key or "").startswith("review_flag_"))
    at.button(key=flag_key).click().run()
    assert not at.exception, at.exception
    assert "Nothing to review." in _plain(at.caption)
    with make_session_factory(app_engine)() as s:
        assert s.scalars(select(Party.reviewed).where(Party.id == party_id)).one()
        assert all(s.scalars(select(DealFlag.resolved)))


def test_a_viewer_sees_a_flag_but_no_review_button(app_engine: Engine) -> None:
    _import(app_engine, deals([REBELS]))
    deal_id = _deal_id(app_engine, "Fajr-3")
    _flag(app_engine, deal_id)
    at = _open(_signed_in("vic"), "deal", id=str(deal_id))
    assert "possible duplicate of #2" in _plain(at.warning)
    assert not [b for b in at.button if (b.key or "").startswith("resolve_flag_")]
    at = _open(_signed_in("erin"), "deal", id=str(deal_id))
    (button,) = [b for b in at.button if (b.key or "").startswith("resolve_flag_")]
    button.click().run()
    assert "possible duplicate of #2" not in _plain(at.warning)


def _party_id(engine: Engine, name: str) -> int:
    with make_session_factory(engine)() as s:
        return int(s.scalars(select(Party.id).where(Party.name == name)).one())


def _flag(engine: Engine, deal_id: int) -> None:
    with transaction(engine) as s:
        flag = DealFlag(deal_id=deal_id, kind="possible_duplicate", other_deal_id=2,
                        detail="possible duplicate of #2", resolved=False)  # fmt: skip
        s.add(flag)
