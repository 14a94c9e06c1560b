"""A stored deal as the edit form shows it: names, text dates, plain values, its version.

The write side compares a save with this view (what changed, what the editor saw), so
both sides use the one definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain.schemas import (
    DEAL_COLUMN_FIELDS,
    DEAL_DATE_FIELDS,
    DEAL_NAME_FIELDS,
    PartialDate,
)
from tracker.store.models import Deal

# The fields a deal form edits, in DealIn's terms (participants are kept as they are).
FORM_FIELDS: tuple[str, ...] = (
    *DEAL_NAME_FIELDS,
    *(name for name in DEAL_COLUMN_FIELDS if name != "ref"),
    *DEAL_DATE_FIELDS,
)


PRECISION_COLUMN = {
    "order_date": "order_date_precision",
    "first_delivery_date": "first_delivery_precision",
    "last_delivery_date": "last_delivery_precision",
}


def plain(value: Any) -> Any:
    """Comparable, form-shaped value: enums as values, partial dates as text."""
    if isinstance(value, PartialDate):
        return str(value)
    if hasattr(value, "value") and not isinstance(value, Decimal):
        return value.value
    return value


def form_values(deal: Deal) -> dict[str, Any]:
    """A stored deal as DealIn-shaped values (names, text dates): what a form shows."""
    values: dict[str, Any] = {
        "buyer": deal.buyer.name,
        "seller": deal.seller.name,
        "platform": deal.platform.designation,
    }
    for name in FORM_FIELDS[len(DEAL_NAME_FIELDS) :]:
        if name in PRECISION_COLUMN:
            precision = getattr(deal, PRECISION_COLUMN[name])
            values[name] = plain(PartialDate.of(getattr(deal, name), precision))
        else:
            values[name] = plain(getattr(deal, name))
    return values


def dates_as_shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """Stored deal columns with each date as its form shows it ("2021", "2021-05"): the
    date column and its precision column read together."""
    shown = dict(values)
    for name, precision in PRECISION_COLUMN.items():
        if name in shown:
            shown[name] = plain(PartialDate.of(shown[name], shown.get(precision)))
    return shown


@dataclass(frozen=True)
class EditableDeal:
    deal_id: int
    version: int
    values: dict[str, Any]  # form_values of the deal as stored now


def editable_deal(session: Session, deal_id: int) -> EditableDeal | None:
    """The live deal as the edit form opens it (None if it does not exist or is deleted)."""
    deal = session.get(Deal, deal_id)
    if deal is None or deal.deleted_at is not None:
        return None
    return EditableDeal(deal.id, deal.version, form_values(deal))
