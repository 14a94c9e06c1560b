"""The one concurrency rule: a deal is saved only if it is still the version the editor saw.

A form (or an event) carries the version of the deal it was opened at; the save is one
`UPDATE ... WHERE id = :id AND version = :seen` that bumps the version. If someone else
saved in between, nothing is written and StaleEdit says what they changed. (SQLAlchemy's
`version_id_col` is not used: it guards only ORM flushes of objects loaded in the same
session, and a Streamlit form reloads the row on every rerun.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from tracker.domain.vocab import field_label
from tracker.errors import DealNotFound, TrackerError
from tracker.store import cells
from tracker.store.models import Deal


class StaleEdit(TrackerError):
    """Someone saved the deal after this form was loaded; nothing was written."""

    def __init__(self, deal_id: int, changed: dict[str, tuple[Any, Any]], version: int) -> None:
        self.deal_id = deal_id
        self.changed = changed  # field -> (what the form saw, what is stored now)
        self.version = version
        what = "; ".join(
            f"{field_label(f).lower()}: {_show(a)} → {_show(b)}" for f, (a, b) in changed.items()
        )
        super().__init__(
            f"deal {deal_id} was changed by someone else since you opened it "
            f"(now version {version}): {what or 'its record was updated'}. "
            "Nothing was saved; reload the deal and apply your change again."
        )


def _show(value: Any) -> str:
    return "unknown" if value is None else str(getattr(value, "value", value))


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields whose value differs: name -> (before, after)."""
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def live_deal(session: Session, deal_id: int) -> Deal:
    """The deal, unless it does not exist or was deleted (DealNotFound)."""
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        raise DealNotFound(deal_id)
    return deal


def versioned_update(
    session: Session,
    deal: Deal,
    seen_version: int,
    seen: Mapping[str, Any] | None,
    describe: Callable[[Deal], Mapping[str, Any]] | None = None,
    **columns: Any,
) -> None:
    """UPDATE ... WHERE version = seen: refuse, showing what changed, if someone saved first.

    `seen` holds the values the editor saw and `describe` gives the same view of the
    stored deal, so the refusal can name what the other person changed."""
    with cells.kept_current(session, [deal.id]):  # the deal's cells move with it
        result = session.execute(
            update(Deal)
            .where(Deal.id == deal.id, Deal.version == seen_version)
            .values(**columns, version=Deal.version + 1, updated_at=dt.datetime.now(dt.UTC))
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            session.refresh(deal)
            changed = diff(seen, describe(deal)) if seen is not None and describe else {}
            raise StaleEdit(deal.id, changed, deal.version)
    session.expire(deal)
