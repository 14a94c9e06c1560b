"""A quote cited for a deal field keeps backing the value it was cited for: when an edit
or a newer SIPRI release changes the field, the citation says which value it backed
(found by a QA pass: "Quantity ordered: 50 · 1 source" beside a quote saying 48)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from test_sipri_releases import deals

from tracker.auth import Actor, cli_actor
from tracker.domain.vocab import Role
from tracker.imports.pipeline import import_data
from tracker.read.detail import CitationView, deal_detail
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal, Platform
from tracker.write.deals import add_deal, update_deal
from tracker.write.sources import add_event, cite

from factories import deal_data

EDITOR = Actor("erin", Role.EDITOR, 1)
TEXT = "Turkey signed for 48 K239 launchers worth $2.5 billion in March 2026."


def _deal_with_quotes(engine: Engine) -> int:
    with transaction(engine) as s:
        deal_id = add_deal(
            session=s, actor=EDITOR,
            deal_in=deal_data(quantity_ordered=48, value_amount="2500000000",
                              value_currency="USD", value_year=2026, order_date="2026-03"),
        ).id  # fmt: skip
        source = {"title": "K239 contract", "publisher": "Defense News", "text": TEXT}
        cite(session=s, actor=EDITOR, deal_id=deal_id, source=source,
             fields=["quantity_ordered", "value", "order_date"],
             quote="signed for 48 K239 launchers worth $2.5 billion in March 2026")  # fmt: skip
    return deal_id


def _edit(engine: Engine, deal_id: int, **values: Any) -> None:
    with transaction(engine) as s:
        version = s.get_one(Deal, deal_id).version
        update_deal(session=s, actor=EDITOR, deal_id=deal_id, values=values,
                    seen_version=version)  # fmt: skip


def _cited(engine: Engine, deal_id: int) -> dict[str, list[CitationView]]:
    with make_session_factory(engine)() as s:
        detail = deal_detail(s, deal_id)
        assert detail is not None
        return detail.field_citations


def _earlier(engine: Engine, deal_id: int) -> dict[str, str | None]:
    return {name: cited[0].earlier_value for name, cited in _cited(engine, deal_id).items()}


def test_an_edit_keeps_the_value_each_quote_was_cited_for(seeded_engine: Engine) -> None:
    deal_id = _deal_with_quotes(seeded_engine)
    assert set(_earlier(seeded_engine, deal_id).values()) == {None}
    _edit(seeded_engine, deal_id, quantity_ordered=50, notes="MoD: two more")
    assert _earlier(seeded_engine, deal_id) == {
        "quantity_ordered": "48", "value": None, "order_date": None,
    }  # fmt: skip
    _edit(seeded_engine, deal_id, quantity_ordered=52, value_currency="EUR")
    assert _earlier(seeded_engine, deal_id) == {  # still the value it was cited for
        "quantity_ordered": "48", "value": "$2.5 billion (2026 prices)", "order_date": None,
    }  # fmt: skip
    _edit(seeded_engine, deal_id, quantity_ordered=48, order_date="2026")
    assert _earlier(seeded_engine, deal_id) == {  # 48 again: the quote backs it again
        "quantity_ordered": None, "value": "$2.5 billion (2026 prices)", "order_date": "2026-03",
    }  # fmt: skip


def test_a_new_quote_for_the_new_value_backs_it_beside_the_old_one(seeded_engine: Engine) -> None:
    deal_id = _deal_with_quotes(seeded_engine)
    _edit(seeded_engine, deal_id, quantity_ordered=50)
    with transaction(seeded_engine) as s:
        source = {"title": "Amendment", "text": "The order grew to 50 launchers."}
        cite(session=s, actor=EDITOR, deal_id=deal_id, source=source,
             fields=["quantity_ordered"], quote="grew to 50 launchers")  # fmt: skip
    cited = _cited(seeded_engine, deal_id)["quantity_ordered"]
    assert [(c.quote, c.earlier_value) for c in cited] == [
        ("signed for 48 K239 launchers worth $2.5 billion in March 2026", "48"),
        ("grew to 50 launchers", None),
    ]


def test_an_edit_that_changes_no_cited_field_marks_nothing(seeded_engine: Engine) -> None:
    deal_id = _deal_with_quotes(seeded_engine)
    _edit(seeded_engine, deal_id, notes="seen in the 2026 budget", programme="K239 for Turkey")
    with transaction(seeded_engine) as s:  # an event's quote is about the event
        add_event(session=s, actor=EDITOR, deal_id=deal_id,
                  seen_version=s.get_one(Deal, deal_id).version,
                  event_in={"kind": "order", "description": "signed",
                            "citations": [{"source": _source_ref(s, deal_id),
                                           "quote": "signed for 48"}]})  # fmt: skip
    assert set(_earlier(seeded_engine, deal_id).values()) == {None}
    _edit(seeded_engine, deal_id, quantity_ordered=50)
    with make_session_factory(seeded_engine)() as s:
        detail = deal_detail(s, deal_id)
        assert detail is not None
        assert [c.earlier_value for e in detail.events for c in e.citations] == [None]


def _source_ref(session: Any, deal_id: int) -> str:
    detail = deal_detail(session, deal_id)
    assert detail is not None
    return str(detail.sources[0].ref)


def test_a_newer_release_leaves_the_older_rows_quote_backing_the_earlier_value(
    seeded_engine: Engine,
) -> None:
    row = "Greece,France,2021,,6,,Rafale,FGA aircraft,6,,2022,New,,60,360,360"
    revised = row.replace(",6,,Rafale", ",8,,Rafale").replace("360,360", "480,360")
    for data in (deals([row], "13 Mar 2025"), deals([revised], "13 Mar 2026")):
        with transaction(seeded_engine) as s:
            import_data(session=s, actor=cli_actor(), data=data, filename="register.csv")
    with make_session_factory(seeded_engine)() as s:
        deal_id = s.scalar(select(Deal.id).join(Platform).where(Platform.designation == "Rafale"))
    assert deal_id is not None
    cited = _cited(seeded_engine, deal_id)
    # In the order cited: the 2025 row's quote, then the 2026 row's.
    assert [c.earlier_value for c in cited["quantity_ordered"]] == ["6", None]
    assert [c.earlier_value for c in cited["tiv"]] == ["360 million TIV (60 per unit)", None]
    assert {c.earlier_value for c in cited["buyer"]} == {None}  # unchanged: both back it
