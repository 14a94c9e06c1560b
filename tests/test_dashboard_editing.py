"""Researchers in the dashboard (AppTest): sign in, add and edit deals, cite, no lost edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.read.editable import form_values
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Citation, Deal
from tracker.write.accounts import create_user

from factories import row_counts

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")
PASSWORD = "correct horse battery"


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


@pytest.fixture
def app_engine(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A seeded database (SQLite or PostgreSQL) with an editor, an admin and a viewer."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_url)
    engine = make_engine(Settings(database_url=seeded_url))
    with transaction(engine) as s:
        for name, role in (("erin", Role.EDITOR), ("omar", Role.EDITOR), ("ada", Role.ADMIN),
                           ("vic", Role.VIEWER)):  # fmt: skip
            create_user(session=s, actor=cli_actor(), username=name, password=PASSWORD, role=role)
    yield engine
    engine.dispose()


def _signed_in(username: str | None, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if username:
        at.sidebar.text_input(key="signin_user").input(username)
        at.sidebar.text_input(key="signin_password").input(password)
        at.button(key="sign_in_submit").click().run()
    assert not at.exception, at.exception
    return at


def _open(at: AppTest, page: str, **params: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _plain(elements: Any) -> str:
    """Messages' text without the Markdown escapes that keep user text literal."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def _table_with(at: AppTest, column: str) -> Any:
    """The first table on the page with this column (AppTest does not expose keys)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def editing_values(session: Any, deal_id: int) -> tuple[int, dict[str, Any]]:
    deal = session.get_one(Deal, deal_id)
    return deal.version, form_values(deal)


def _fill(at: AppTest, **values: object) -> None:
    for name, value in values.items():
        widget = (
            at.selectbox(key=f"ef_{name}")
            if name in ("buyer", "seller", "platform", "condition", "value_currency", "status")
            else None
        )
        if widget is not None:
            widget.set_value(value)
        elif name in ("quantity_ordered", "quantity_delivered", "value_year"):
            at.number_input(key=f"ef_{name}").set_value(value)
        else:
            at.text_input(key=f"ef_{name}").input(str(value))


def test_wrong_password_is_refused(app_engine: Engine) -> None:
    at = _signed_in("erin", "not the password")
    assert any("wrong username or password" in e.value for e in at.sidebar.error)
    assert "Sign out" not in [b.label for b in at.sidebar.button]


def test_editor_adds_a_deal_with_a_source_and_sees_it_in_the_totals(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "edit_deal")
    _fill(at, buyer="Greece", seller="France", platform="Eurofighter Typhoon",
          quantity_ordered=6, status="ordered", order_date="2026-02",
          value_amount="1200000000", value_currency="EUR")  # fmt: skip
    at.text_input(key="ef_comment").input("from a ministry press release")
    at.button(key="deal_form_submit").click().run()
    assert not at.exception, at.exception
    assert any("Added deal" in s.value for s in at.success)
    with make_session_factory(app_engine)() as s:
        deal = s.scalars(select(Deal).where(Deal.order_year == 2026)).one()
    # Cite it from the deal page: a new source with the pasted text, and a quote from it.
    at = _open(at, "deal", id=str(deal.id))
    at.text_input(key="cite_title").input("Greece orders Typhoons")
    at.text_input(key="cite_publisher").input("Defense News")
    at.text_area(key="cite_text").input(
        "Greece signed for six Eurofighter Typhoons in February 2026."
    )
    at.multiselect(key="cite_fields").set_value(["quantity_ordered"])
    at.text_area(key="cite_quote").input("six Eurofighter Typhoons")
    at.button(key="cite_submit").click().run()
    assert any("Citation saved" in s.value for s in at.success), [e.value for e in at.error]
    at = _open(at, "deals")
    at.multiselect(key="f_buyers").set_value(["Greece"]).run()
    assert "**Eurofighter Typhoon** (1 deal): 6; €1.2 billion" in _plain(at.markdown)
    assert list(at.dataframe[0].value["Seller"]) == ["France"]


def test_invalid_input_shows_field_errors_keeps_input_and_writes_nothing(
    app_engine: Engine,
) -> None:
    at = _open(_signed_in("erin"), "edit_deal")
    before = row_counts(app_engine)  # after signing in, which the audit log records
    _fill(at, buyer="Greece", seller="France", platform="Eurofighter Typhoon",
          quantity_ordered=6, status="ordered", value_amount="1200000000")  # fmt: skip
    at.button(key="deal_form_submit").click().run()
    errors = [str(e.value).replace("\\", "") for e in at.error]  # Markdown escapes aside
    assert any("The deal was not saved" in e for e in errors)
    assert "Currency: required when an amount is given" in _plain(at.error)
    assert any(e.startswith("required when an amount is given") for e in errors)  # beside it
    assert at.text_input(key="ef_value_amount").value == "1200000000"  # kept
    assert at.number_input(key="ef_quantity_ordered").value == 6
    assert row_counts(app_engine) == before


def test_viewer_sees_no_edit_controls(app_engine: Engine) -> None:
    for username in (None, "vic"):
        at = _open(_signed_in(username), "deal", id="1")
        assert "Add to this deal" not in [h.value for h in at.subheader]
        assert not [b for b in at.button if b.label in ("Delete", "Save citation")]
        assert "Edit history" in [h.value for h in at.subheader]
        # Not in a viewer's menu, but a link to it says what it takes (it did show the
        # Overview, silently).
        at.switch_page("app_pages/edit_deal.py").run()
        assert any("Sign in as an editor" in info.value for info in at.info)
        assert not [w for w in at.number_input if str(w.key).startswith("ef_")]
        at.switch_page("app_pages/import_data.py").run()
        assert any("Sign in as an editor" in info.value for info in at.info)
        assert not at.get("file_uploader")
        at.switch_page("app_pages/admin.py").run()
        assert any("Sign in as an admin" in info.value for info in at.info)


def test_editor_edits_and_the_history_shows_it(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "edit_deal", id="3")
    assert at.number_input(key="ef_quantity_ordered").value == 40
    at.number_input(key="ef_quantity_ordered").set_value(42)
    at.text_input(key="ef_comment").input("typo in the first entry")
    at.button(key="deal_form_submit").click().run()
    assert "Saved deal 3: quantity ordered" in _plain(at.success)
    at = _open(at, "deal", id="3")
    history = _table_with(at, "who")
    assert history["who"].iloc[0] == "erin"
    assert "quantity ordered: 40 → 42" in history["changes"].iloc[0]


def test_second_editor_saving_the_same_deal_is_refused(app_engine: Engine) -> None:
    first = _open(_signed_in("erin"), "edit_deal", id="3")
    second = _open(_signed_in("omar"), "edit_deal", id="3")
    first.number_input(key="ef_quantity_ordered").set_value(44)
    first.button(key="deal_form_submit").click().run()
    second.text_area(key="ef_notes").input("omar's note")
    second.button(key="deal_form_submit").click().run()
    errors = _plain(second.error)
    assert "changed by someone else" in errors and "quantity ordered: 40 → 44" in errors
    assert second.text_area(key="ef_notes").value == "omar's note"  # what omar typed stays
    with make_session_factory(app_engine)() as s:
        deal = s.get_one(Deal, 3)
        assert deal.quantity_ordered == 44 and "omar" not in (deal.notes or "")


def test_admin_sees_the_audit_log_and_users(app_engine: Engine) -> None:
    at = _open(_signed_in("ada"), "admin")
    users = _table_with(at, "username")
    assert set(users["username"]) == {"erin", "omar", "ada", "vic"}
    log = _table_with(at, "action")
    assert "create" in set(log["action"])


def _add_delivered_deal(at: AppTest) -> str:
    """Through the form: a delivered deal with every field a wiped form would blank."""
    at = _open(at, "edit_deal")
    _fill(at, buyer="Greece", seller="France", platform="Eurofighter Typhoon",
          quantity_ordered=5, quantity_delivered=5, status="delivered", order_date="2020",
          first_delivery_date="2022", last_delivery_date="2023")  # fmt: skip
    at.text_area(key="ef_notes").input("five jets, all delivered")
    at.button(key="deal_form_submit").click().run()
    assert any("Added deal" in s.value for s in at.success), [e.value for e in at.error]
    return str(at.query_params["id"])


@pytest.mark.parametrize("detour", ["deal", "overview", "deals"])
def test_reopened_form_shows_the_stored_deal_and_saving_keeps_it(
    app_engine: Engine, detour: str
) -> None:
    """Add a deal, leave the form, open it again: it holds the deal, not blanks (#10.1)."""
    at = _signed_in("erin")
    deal_id = _add_delivered_deal(at)
    with make_session_factory(app_engine)() as s:
        before = editing_values(s, int(deal_id))
    for _ in range(2):  # walk the journey twice: each reopening loads the stored deal
        at = _open(at, detour, id=deal_id)
        at = _open(at, "edit_deal", id=deal_id)
        assert at.number_input(key="ef_quantity_ordered").value == 5
        assert at.number_input(key="ef_quantity_delivered").value == 5
        assert at.selectbox(key="ef_status").value == "delivered"
        assert at.text_area(key="ef_notes").value == "five jets, all delivered"
        assert at.text_input(key="ef_order_date").value == "2020"
        at.button(key="deal_form_submit").click().run()
        assert "No changes to save" in _plain(at.success)
    with make_session_factory(app_engine)() as s:
        assert editing_values(s, int(deal_id)) == before


def test_save_that_would_clear_fields_asks_first_and_names_them(app_engine: Engine) -> None:
    at = _signed_in("erin")
    deal_id = _add_delivered_deal(at)
    at = _open(at, "deal", id=deal_id)
    at = _open(at, "edit_deal", id=deal_id)
    at.number_input(key="ef_quantity_delivered").set_value(None)
    at.text_area(key="ef_notes").input("")
    at.button(key="deal_form_submit").click().run()
    warning = _plain(at.warning)
    assert "this would clear quantity delivered, notes" in warning
    with make_session_factory(app_engine)() as s:
        assert s.get_one(Deal, int(deal_id)).quantity_delivered == 5  # nothing written yet
    at.button(key="confirm_clearing").click().run()
    assert not at.exception, at.exception
    assert "Saved deal" in _plain(at.success)
    with make_session_factory(app_engine)() as s:
        deal = s.get_one(Deal, int(deal_id))
        assert (deal.quantity_delivered, deal.notes, deal.quantity_ordered) == (None, None, 5)


def test_every_problem_shows_at_once_in_plain_words(app_engine: Engine) -> None:
    """Issue #10, point 9: four problems, one submit, each beside its field in words."""
    at = _open(_signed_in("erin"), "edit_deal")
    before = row_counts(app_engine)  # after signing in, which the audit log records
    _fill(at, seller="France", platform="Eurofighter Typhoon", quantity_ordered=-3,
          status="ordered", value_amount="5", order_date="2017-13")  # fmt: skip
    at.button(key="deal_form_submit").click().run()
    text = _plain(at.error)
    problems = ("Buyer: is required", "Quantity ordered: must not be negative",
                "Order date: month must be 01 to 12 (got 13)",
                "Currency: required when an amount")  # fmt: skip
    for problem in problems:
        assert problem in text
    assert "Fix these 4 problems" in text
    for jargon in (
        "Input should be",
        "delivered_exceeds_ordered",
        "value_amount",
        "quantity_ordered",
    ):
        assert jargon not in text
    assert at.number_input(key="ef_quantity_ordered").value == -3  # kept as typed
    assert row_counts(app_engine) == before


def test_an_identical_deal_is_flagged_with_a_link_before_it_is_added(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "edit_deal")
    _fill(at, buyer="Turkey", seller="Russia", platform="S-400 Triumf", quantity_ordered=4,
          status="ordered", order_date="2017")  # fmt: skip
    at.button(key="deal_form_submit").click().run()
    assert any("same buyer, seller, platform, quantity and order date" in w.value
               for w in at.warning)  # fmt: skip
    assert any("Open deal 1" in str(link.proto.label) for link in at.get("page_link"))
    before = row_counts(app_engine)["deal"]
    at.button(key="add_twin").click().run()
    assert row_counts(app_engine)["deal"] == before + 1


def test_adding_a_missing_platform_keeps_the_other_picks(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "edit_deal")
    _fill(at, buyer="Greece", seller="France")
    at.run()
    at.text_input(key="new_platform_designation").input("Zyx-9 Hawk")
    at.selectbox(key="new_platform_category").set_value("aircraft")
    at.checkbox(key="new_platform_confirmed").check()
    at.button(key="new_platform_submit").click().run()
    assert at.selectbox(key="ef_buyer").value == "Greece"
    assert at.selectbox(key="ef_seller").value == "France"
    assert at.selectbox(key="ef_platform").value == "Zyx-9 Hawk"


def _fill_citation(at: AppTest, title: str, text: str, fields: list[str], quote: str) -> None:
    """The deal page's "Add a source and cite it" form, filled in (not sent)."""
    at.text_input(key="cite_title").input(title)
    at.text_area(key="cite_text").input(text)
    at.multiselect(key="cite_fields").set_value(fields)
    at.text_area(key="cite_quote").input(quote)


def test_one_quote_cites_several_fields_in_one_submit(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "deal", id="1")
    _fill_citation(
        at,
        "Ministry note",
        "Turkey received four S-400 batteries in 2019.",
        ["quantity_ordered", "buyer"],
        "Turkey received four S-400 batteries",
    )
    before = _plain(at.markdown)
    at.button(key="cite_submit").click().run()
    assert any("Citation saved for buyer, quantity ordered" in s.value for s in at.success)
    after = _plain(at.markdown)  # the field lines count the new source at once
    assert _sources_on(after, "Buyer") == _sources_on(before, "Buyer") + 1
    with make_session_factory(app_engine)() as session:
        fields = session.scalars(
            select(Citation.field).where(Citation.quote == "Turkey received four S-400 batteries")
        ).all()
    assert sorted(fields) == ["buyer", "quantity_ordered"]


def _sources_on(text: str, field: str) -> int:
    found = re.search(rf"\*\*{field}\*\*: [^·\n]*(?:· (\d+) sources?)?", text)
    assert found is not None, text
    return int(found.group(1) or 0)


def test_a_quote_not_in_the_source_names_no_internal_reference(app_engine: Engine) -> None:
    at = _open(_signed_in("erin"), "deal", id="1")
    _fill_citation(at, "Ministry note", "Nothing relevant here.", ["tiv"], "four batteries")
    at.button(key="cite_submit").click().run()
    text = _plain(at.error)
    assert "the quote is not in the text of “Ministry note”" in text
    assert "user:" not in text and "tiv" not in text.replace("SIPRI TIV", "")


def test_a_quote_cited_for_a_value_an_edit_changed_says_so(app_engine: Engine) -> None:
    """The QA pass's path: cite the quantity, edit it, open the deal: the quote is shown
    as backing the earlier value, on the field and beside the quote."""
    at = _open(_signed_in("erin"), "deal", id="3")
    _fill_citation(
        at,
        "Contract note",
        "Turkey signed for 40 F-16 Block 70 jets.",
        ["quantity_ordered"],
        "signed for 40 F-16 Block 70 jets",
    )
    at.button(key="cite_submit").click().run()
    assert not at.exception and not at.error
    at = _open(at, "edit_deal", id="3")
    at.number_input(key="ef_quantity_ordered").set_value(42)
    at.button(key="deal_form_submit").click().run()
    saved = _plain(at.success)
    assert "Saved deal 3: quantity ordered" in saved
    assert "quotes cited for quantity ordered back an earlier value now" in saved
    at = _open(at, "deal", id="3")
    text = _plain(at.markdown)
    assert "**Quantity ordered**: 42" in text
    assert "cited for an earlier value)" in text or ", cited for an earlier value" in text
    assert "Cited for an earlier value: 40" in text
