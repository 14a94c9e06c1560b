"""The one mapping from a validated DealIn to the deal table's columns (private to write/)."""

from __future__ import annotations

from typing import Any

from tracker.domain.schemas import DEAL_COLUMN_FIELDS, DEAL_DATE_FIELDS, DealIn
from tracker.read.editable import PRECISION_COLUMN


def deal_columns(deal_in: DealIn) -> dict[str, Any]:
    """The deal table's columns a validated DealIn fills (not the names' ids): the stored
    fields as they are, each partial date as date and precision, and the order year
    denormalised for filters. Shared by forms, seeds and bulk imports."""
    columns = {name: getattr(deal_in, name) for name in DEAL_COLUMN_FIELDS}
    for name in DEAL_DATE_FIELDS:
        date = getattr(deal_in, name)
        columns[name] = date.value if date else None
        columns[PRECISION_COLUMN[name]] = date.precision if date else None
    order = deal_in.order_date
    columns["order_year"] = order.value.year if order else None
    return columns
