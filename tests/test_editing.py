"""Researchers' writes: roles enforced in the services, every write audited, no lost edits."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, func, select

from tracker.auth import ANONYMOUS, Actor, PermissionDenied
from tracker.domain.vocab import Role, Status
from tracker.errors import InvalidInput, QuoteNotInSource
from tracker.read.detail import deal_detail
from tracker.read.editable import form_values
from tracker.read.filters import DealFilters
from tracker.read.rows import count_deals
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import AuditEntry, Deal
from tracker.write.deals import (
    StaleEdit,
    WouldClearFields,
    add_deal,
    delete_deal,
    restore_deal,
    update_deal,
)
from tracker.write.sources import add_event, add_source, cite

from factories import deal_data, row_counts

EDITOR = Actor("erin", Role.EDITOR, 1)
OTHER_EDITOR = Actor("omar", Role.EDITOR, 2)
ADMIN = Actor("ada", Role.ADMIN, 3)


def _add(engine: Engine, actor: Actor = EDITOR, **overrides: object) -> int:
    with transaction(engine) as s:
        return add_deal(session=s, actor=actor, deal_in=deal_data(**overrides), comment="test").id


def _loaded(engine: Engine, deal_id: int) -> tuple[int, dict[str, object]]:
    """What a form holds after opening the deal: its version and values."""
    with make_session_factory(engine)() as s:
        deal = s.get_one(Deal, deal_id)
        return deal.version, form_values(deal)


def _audit(engine: Engine, deal_id: int) -> list[AuditEntry]:
    with make_session_factory(engine)() as s:
        return list(
            s.scalars(
                select(AuditEntry).where(AuditEntry.deal_id == deal_id).order_by(AuditEntry.id)
            )
        )


def test_editor_adds_a_deal_and_the_audit_log_records_it(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)
    [entry] = _audit(seeded_engine, deal_id)
    assert (entry.actor, entry.action, entry.comment) == ("erin", "create", "test")
    changes = json.loads(entry.changes)
    assert changes["quantity_ordered"] == [None, 8] and changes["buyer"] == [None, "Turkey"]


@pytest.mark.parametrize("actor", [ANONYMOUS, Actor("vic", Role.VIEWER, 9)])
def test_viewers_cannot_write_through_the_services(seeded_engine: Engine, actor: Actor) -> None:
    before = row_counts(seeded_engine)
    with pytest.raises(PermissionDenied, match="needs the editor role"):
        _add(seeded_engine, actor)
    with pytest.raises(PermissionDenied), transaction(seeded_engine) as s:
        update_deal(session=s, actor=actor, deal_id=1, values={"notes": "x"}, seen_version=1)
    with pytest.raises(PermissionDenied), transaction(seeded_engine) as s:
        delete_deal(session=s, actor=actor, deal_id=1, seen_version=1)
    assert row_counts(seeded_engine) == before


def test_update_records_before_and_after(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)
    version, seen = _loaded(seeded_engine, deal_id)
    with transaction(seeded_engine) as s:
        changes = update_deal(
            session=s, actor=EDITOR, deal_id=deal_id, values={**seen, "quantity_ordered": 12},
            seen_version=version, seen_values=seen, comment="corrected from the contract",
        )  # fmt: skip
    assert changes == {"quantity_ordered": (8, 12)}
    entry = _audit(seeded_engine, deal_id)[-1]
    assert json.loads(entry.changes) == {"quantity_ordered": [8, 12]}
    assert entry.comment == "corrected from the contract"
    assert _loaded(seeded_engine, deal_id)[0] == version + 1


def test_saving_unchanged_values_writes_nothing(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)
    version, seen = _loaded(seeded_engine, deal_id)
    with transaction(seeded_engine) as s:
        assert (
            update_deal(session=s, actor=EDITOR, deal_id=deal_id, values=seen, seen_version=version)
            == {}
        )
    assert (
        len(_audit(seeded_engine, deal_id)) == 1 and _loaded(seeded_engine, deal_id)[0] == version
    )


def test_second_save_of_the_same_deal_is_refused_and_nothing_is_lost(seeded_engine: Engine) -> None:
    """Two editors open the same deal; both save; the second is refused."""
    deal_id = _add(seeded_engine)
    first_version, first_seen = _loaded(seeded_engine, deal_id)
    second_version, second_seen = _loaded(seeded_engine, deal_id)
    with transaction(seeded_engine) as s:
        update_deal(
            session=s, actor=EDITOR, deal_id=deal_id, values={**first_seen, "quantity_ordered": 10},
            seen_version=first_version, seen_values=first_seen,
        )  # fmt: skip
    with pytest.raises(StaleEdit) as caught, transaction(seeded_engine) as s:
        update_deal(
            session=s, actor=OTHER_EDITOR, deal_id=deal_id,
            values={**second_seen, "notes": "second editor's note"},
            seen_version=second_version, seen_values=second_seen,
        )  # fmt: skip
    assert caught.value.changed == {"quantity_ordered": (8, 10)}
    assert "quantity ordered: 8 → 10" in str(caught.value) and "Nothing was saved" in str(
        caught.value
    )
    version, stored = _loaded(seeded_engine, deal_id)
    assert stored["quantity_ordered"] == 10 and stored["notes"] is None
    assert version == first_version + 1
    assert [e.actor for e in _audit(seeded_engine, deal_id)] == ["erin", "erin"]


def test_save_that_would_empty_fields_is_refused_until_they_are_named(
    seeded_engine: Engine,
) -> None:
    """A form that lost its state sends blanks: the library refuses to wipe the deal."""
    deal_id = _add(seeded_engine, quantity_delivered=5, quantity_ordered=5, status="delivered",
                   notes="five delivered", first_delivery_date="2026-06")  # fmt: skip
    version, seen = _loaded(seeded_engine, deal_id)
    blanks = {**seen, "quantity_ordered": None, "quantity_delivered": None, "notes": None}
    with pytest.raises(WouldClearFields) as caught, transaction(seeded_engine) as s:
        update_deal(session=s, actor=EDITOR, deal_id=deal_id, values=blanks,
                    seen_version=version, seen_values=seen)  # fmt: skip
    assert caught.value.fields == ["quantity_ordered", "quantity_delivered", "notes"]
    assert "would clear quantity ordered, quantity delivered, notes" in str(caught.value)
    assert _loaded(seeded_engine, deal_id) == (version, seen)
    # Named, the same save goes through and is audited like any other.
    with transaction(seeded_engine) as s:
        changes = update_deal(
            session=s, actor=EDITOR, deal_id=deal_id, values=blanks, seen_version=version,
            seen_values=seen, clear=("quantity_ordered", "quantity_delivered", "notes"),
        )  # fmt: skip
    assert set(changes) == {"quantity_ordered", "quantity_delivered", "notes"}
    assert _loaded(seeded_engine, deal_id)[1]["notes"] is None


def test_invalid_edit_names_the_field_and_writes_nothing(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)
    version, seen = _loaded(seeded_engine, deal_id)
    before = row_counts(seeded_engine)
    with (
        pytest.raises(InvalidInput, match="quantity_ordered") as caught,
        transaction(seeded_engine) as s,
    ):
        update_deal(
            session=s,
            actor=EDITOR,
            deal_id=deal_id,
            values={"quantity_ordered": -2},
            seen_version=version,
        )
    assert caught.value.errors[0].value == -2
    assert row_counts(seeded_engine) == before and _loaded(seeded_engine, deal_id) == (
        version,
        seen,
    )


def test_delete_is_soft_and_restorable(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine, notes="to be deleted")
    version, _ = _loaded(seeded_engine, deal_id)
    with transaction(seeded_engine) as s:
        delete_deal(session=s, actor=EDITOR, deal_id=deal_id, seen_version=version, comment="dup")
    with make_session_factory(seeded_engine)() as s:
        assert count_deals(s, DealFilters(text="to be deleted")) == 0
        detail = deal_detail(s, deal_id)
        assert detail is not None and detail.deleted_by == "erin"
        assert s.get(Deal, deal_id) is not None  # still stored
    with pytest.raises(PermissionDenied), transaction(seeded_engine) as s:
        restore_deal(session=s, actor=OTHER_EDITOR, deal_id=deal_id)
    with transaction(seeded_engine) as s:
        restore_deal(session=s, actor=EDITOR, deal_id=deal_id, comment="undo")
    with make_session_factory(seeded_engine)() as s:
        assert count_deals(s, DealFilters(text="to be deleted")) == 1
    assert [e.action for e in _audit(seeded_engine, deal_id)] == ["create", "delete", "restore"]


def test_admin_restores_any_deleted_deal(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine, notes="restored by an admin")
    only_it = DealFilters(text="restored by an admin")
    with transaction(seeded_engine) as s:
        delete_deal(
            session=s,
            actor=EDITOR,
            deal_id=deal_id,
            seen_version=_loaded(seeded_engine, deal_id)[0],
        )
    with make_session_factory(seeded_engine)() as s:
        assert count_deals(s, only_it) == 0  # gone from every view
    with transaction(seeded_engine) as s:
        restore_deal(session=s, actor=ADMIN, deal_id=deal_id, comment="deleted by mistake")
    with make_session_factory(seeded_engine)() as s:
        deal = s.get_one(Deal, deal_id)
        assert (deal.deleted_at, deal.deleted_by) == (None, None)
        assert count_deals(s, only_it) == 1  # back in the views
    assert [e.action for e in _audit(seeded_engine, deal_id)][-2:] == ["delete", "restore"]
    assert _audit(seeded_engine, deal_id)[-1].actor == "ada"


def test_status_changes_follow_the_allowed_transitions(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine, status="negotiating", order_date=None)
    version, _ = _loaded(seeded_engine, deal_id)
    refused = pytest.raises(InvalidInput, match="a negotiating deal cannot become delivered")
    with refused, transaction(seeded_engine) as s:
        add_event(
            session=s, actor=EDITOR, deal_id=deal_id, seen_version=version,
            event_in={"kind": "status_change", "new_status": "delivered", "description": "x"},
        )  # fmt: skip
    with transaction(seeded_engine) as s:
        add_event(
            session=s, actor=EDITOR, deal_id=deal_id, seen_version=version,
            event_in={"kind": "order", "date": "2026-03", "new_status": "ordered",
                      "description": "Contract signed"},
        )  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        assert s.get_one(Deal, deal_id).status is Status.ORDERED


def test_delivery_events_add_up_and_complete_the_deal(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)  # 8 ordered
    for quantity in (5, 3):
        version, _ = _loaded(seeded_engine, deal_id)
        with transaction(seeded_engine) as s:
            add_event(
                session=s, actor=EDITOR, deal_id=deal_id, seen_version=version,
                event_in={"kind": "delivery", "quantity": quantity, "date": "2026-06",
                          "description": f"{quantity} delivered"},
            )  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        deal = s.get_one(Deal, deal_id)
        assert (deal.quantity_delivered, deal.status) == (8, Status.DELIVERED)
    with (
        pytest.raises(InvalidInput, match="would make 9 delivered of 8"),
        transaction(seeded_engine) as s,
    ):
        add_event(
            session=s, actor=EDITOR, deal_id=deal_id,
            seen_version=_loaded(seeded_engine, deal_id)[0],
            event_in={"kind": "delivery", "quantity": 1, "description": "one more"},
        )  # fmt: skip


def test_source_and_citation_with_a_checked_quote(seeded_engine: Engine) -> None:
    deal_id = _add(seeded_engine)
    with transaction(seeded_engine) as s:
        source = add_source(
            session=s, actor=EDITOR,
            source_in={"title": "Contract signed", "publisher": "Defense News",
                       "url": "https://example.org/f16",
                       "text": "Turkey ordered eight F-16V jets."},
        )  # fmt: skip
        ref = source.ref
    refused = pytest.raises(QuoteNotInSource, match="not in the text of “Contract signed”")
    with refused, transaction(seeded_engine) as s:
        cite(session=s, actor=EDITOR, deal_id=deal_id, source=ref,
             fields=["quantity_ordered"], quote="ordered ten")  # fmt: skip
    with transaction(seeded_engine) as s:  # one quote backs two fields in one call
        cite(session=s, actor=EDITOR, deal_id=deal_id, source=ref,
             fields=["quantity_ordered", "buyer"], quote="ordered eight F-16V")  # fmt: skip
    with make_session_factory(seeded_engine)() as s:
        detail = deal_detail(s, deal_id)
        assert detail is not None
        assert detail.field_citations["quantity_ordered"][0].quote == "ordered eight F-16V"
        assert detail.field_citations["buyer"][0].quote == "ordered eight F-16V"
        entries = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "cite", AuditEntry.deal_id == deal_id)
        )
        assert entries == 2
