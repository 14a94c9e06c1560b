"""The Add from article page (AppTest, #15): paste, check, correct, save; twice; a
refused save writes nothing; article text never renders as Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from streamlit.testing.v1 import AppTest

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Citation, Deal, Party, Source
from tracker.write.accounts import create_user
from tracker.write.deals import update_deal

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "streamlit_app.py")
PRESS_TV = (ROOT / "seeds" / "articles" / "presstv-2025-11-07-s400.txt").read_text("utf-8")
PASSWORD = "correct horse battery"
NEW_DEALS = (
    "Serbia has bought 12 French Rafale fighter jets in a deal worth 2.7 billion euros. "
    "Vietnam has ordered 12 Thunderbolt-7 coastal patrol boats from Israel's Elbit "
    "Systems for $150 million."
)

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


@pytest.fixture
def app_engine(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_url)
    engine = make_engine(Settings(database_url=seeded_url))
    with transaction(engine) as s:
        create_user(
            session=s, actor=cli_actor(), username="erin", password=PASSWORD, role=Role.EDITOR
        )
    yield engine
    engine.dispose()


def _counts(engine: Engine) -> tuple[int, int, int]:
    with make_session_factory(engine)() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Source, Deal, Citation)
        )


def _page(signed_in: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    if signed_in:
        at.sidebar.text_input(key="signin_user").input("erin")
        at.sidebar.text_input(key="signin_password").input(PASSWORD)
        at.button(key="sign_in_submit").click().run()
    at.switch_page("app_pages/add_article.py").run()
    assert not at.exception, at.exception
    return at


def _find(at: AppTest, text: str, title: str = "An article") -> AppTest:
    at.text_input(key="article_title").input(title)
    at.text_area(key="article_text").input(text)
    next(b for b in at.button if b.label == "Find deals").click().run()
    assert not at.exception, at.exception
    return at


def _save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Save the ticked deals").click().run()
    assert not at.exception, at.exception
    return at


def test_a_visitor_is_asked_to_sign_in(app_engine: Engine) -> None:
    at = _page(signed_in=False)
    assert any("Sign in as an editor" in info.value for info in at.info)


def test_new_deals_are_saved_with_their_source_and_found_again(app_engine: Engine) -> None:
    before = _counts(app_engine)
    at = _find(_page(), NEW_DEALS)
    assert any("2 deals found" in h.value for h in at.subheader)
    category = next(w for w in at.selectbox if str(w.key).endswith("_2_category"))
    assert category.value == "ships"  # Thunderbolt-7 is new: its category comes preset
    at = _save(at)
    assert at.success and "2 new deal(s)" in at.success[0].value
    sources, deals, citations = _counts(app_engine)
    assert (sources, deals) == (before[0] + 1, before[1] + 2) and citations > before[2] + 8
    # Walked again: the same article finds the deals it stored, and saving adds a source.
    at = _find(at, NEW_DEALS)
    assert sum("Already stored as deal" in c.value for c in at.caption) == 2
    at = _save(at)
    assert "0 new deal(s), 2 stored" in at.success[0].value
    assert _counts(app_engine)[:2] == (before[0] + 2, before[1] + 2)


def test_the_press_tv_article_matches_the_seeded_deals(app_engine: Engine) -> None:
    at = _find(_page(), PRESS_TV, title="Turkey 'refuses to jettison' Russian S-400")
    assert any("7 deals found" in h.value for h in at.subheader)
    assert sum("Already stored as deal" in c.value for c in at.caption) == 7


def test_a_refused_save_names_the_deal_and_writes_nothing(app_engine: Engine) -> None:
    before = _counts(app_engine)
    at = _find(_page(), NEW_DEALS)
    next(w for w in at.text_input if str(w.key).endswith("_1_date")).input("20xx")
    at = _save(at)
    assert at.error and "Nothing was saved" in at.error[0].value and "deal 1" in at.error[0].value
    assert _counts(app_engine) == before
    # With deal 1 unticked, a fault in deal 2 is named "deal 2", as listed.
    next(w for w in at.checkbox if str(w.key).endswith("_1_keep")).uncheck()
    next(w for w in at.text_input if str(w.key).endswith("_2_date")).input("20yy")
    at = _save(at)
    assert "deal 2" in at.error[0].value and "deal 1" not in at.error[0].value
    assert _counts(app_engine) == before


def test_article_text_is_shown_literally(app_engine: Engine) -> None:
    hostile = (
        "Serbia has bought 12 French Rafale jets **now** [sign in](http://evil.example) "
        "![x](http://evil.example/p.png) for 2.7 billion euros."
    )
    at = _find(_page(), hostile, title="**Session expired**")
    shown = " ".join(m.value for m in at.markdown)
    assert "\\*\\*now\\*\\*" in shown and "](http" not in shown
    assert "[sign in](" not in shown


def test_a_stored_deal_whose_count_was_corrected_is_offered_not_duplicated(
    app_engine: Engine,
) -> None:
    """A researcher saved an article's deal, then corrected its count from a better
    source. The same article pasted again must not silently become a second deal: the
    stored one is offered under "Save as", and choosing it adds the source only."""
    at = _save(_find(_page(), NEW_DEALS))
    with transaction(app_engine) as session:
        serbia = session.scalars(
            select(Deal).join(Party, Deal.buyer_id == Party.id).where(Party.name == "Serbia")
        ).one()
        assert serbia is not None
        update_deal(session=session, actor=cli_actor(), deal_id=serbia.id,
                    values={"quantity_ordered": 13}, seen_version=serbia.version)  # fmt: skip
        corrected = serbia.id
    before = _counts(app_engine)
    at = _find(at, NEW_DEALS)
    assert sum("Already stored as deal" in c.value for c in at.caption) == 1  # the boats
    (warning,) = [w for w in at.warning if "Stored deals like this one" in w.value]
    assert f"#{corrected} Serbia" in warning.value and "13" in warning.value
    target = next(w for w in at.selectbox if str(w.key).endswith("_target"))
    assert target.value == 0  # a new deal unless the researcher says otherwise
    target.set_value(corrected)
    at = _save(at)
    assert "0 new deal(s), 2 stored" in at.success[0].value
    sources, deals, _ = _counts(app_engine)
    assert (sources, deals) == (before[0] + 1, before[1])
    with make_session_factory(app_engine)() as session:
        stored = session.get(Deal, corrected)
        assert stored is not None and stored.quantity_ordered == 13  # the correction stays
        cited = session.scalars(select(Citation).where(Citation.deal_id == corrected)).all()
        assert len({c.source_id for c in cited}) == 2  # both pastes of the article
