"""What a table of sums kept ahead ("cells") is made of, for `tracker.store.cells`.

Each family of cells (SIPRI TIV in `tiv_cells`, money in `money_cells`) says which rows
a deal adds at its finest grain, how those roll up into the other grains, and how they
are read; `tracker.store.cells` keeps every family current in the transaction of each
write with the same machinery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    MetaData,
    Select,
    Table,
    extract,
    func,
    or_,
    true,
)
from sqlalchemy.orm import Session

from tracker.store.models import Deal

Deals = Sequence[int] | range | None  # ids (an IN list), a run of ids, or all deals
Key = tuple[Any, ...]
Sums = dict[Key, list[Any]]

# `deal_first`/`deal_last` of a deal no "delivered in" filter selects (deliveries only
# expected, or no delivery date): first after any period, last before it.
NEVER_FIRST, NEVER_LAST = 9999, 0
# A deal's delivery years as a "delivered in" filter reads them (tracker.read.filters):
# a deal stating only its first or only its last delivery has that year as both.
FIRST_DELIVERY = extract("year", func.coalesce(Deal.first_delivery_date, Deal.last_delivery_date))
LAST_DELIVERY = extract("year", func.coalesce(Deal.last_delivery_date, Deal.first_delivery_date))
NEVER_DELIVERED = or_(Deal.deliveries_expected.is_(True), FIRST_DELIVERY.is_(None))


@dataclass(frozen=True)
class Family:
    """One table of cells: its key and measures, and the rules of what a deal adds."""

    table: Table
    key: tuple[str, ...]  # "grain" first
    measures: tuple[str, ...]
    finest_grain: int
    # Rows of the finest grain for these deals: the key but `grain`, then the measures.
    finest: Callable[[Deals], Sequence[Select[Any]]]
    # Add one finest-grain row (as `finest` selects it) to the sums of every grain.
    add_row: Callable[[Sums, Sequence[Any]], None]
    # Insert into a table like `table` every other grain, summed from its finest rows.
    roll_up: Callable[[Session | Connection, Table], None]

    @property
    def delta(self) -> Table:
        """What one write adds to each cell, gathered before it is added in key order: a
        temporary table of the connection, never part of the schema."""
        return _delta_table(self.table)

    @property
    def zero(self) -> list[Any]:
        return [0] * len(self.measures)


_DELTAS: dict[str, Table] = {}


def _delta_table(table: Table) -> Table:
    if table.name not in _DELTAS:
        columns = (Column(column.name, column.type) for column in table.columns)
        _DELTAS[table.name] = Table(f"{table.name}_delta", MetaData(), *columns,
                                    prefixes=["TEMPORARY"])  # fmt: skip
    return _DELTAS[table.name]


def only(column: Any, deal_ids: Deals) -> ColumnElement[bool]:
    """The condition that `column` (a deal id) is one of `deal_ids`."""
    if deal_ids is None:
        return true()
    if isinstance(deal_ids, range):
        run: ColumnElement[bool] = column.between(deal_ids.start, deal_ids.stop - 1)
        return run
    listed: ColumnElement[bool] = column.in_(deal_ids)
    return listed


def sets_only(filters: Any, names: frozenset[str]) -> bool:
    """Whether these (DealFilters) filters set nothing but `names` (a blank search is no
    search): those are the filters a family of cells can answer."""
    unset = type(filters)()
    if filters.text is not None and not filters.text.strip():
        filters = filters.model_copy(update={"text": None})
    return all(getattr(filters, name) == getattr(unset, name)
               for name in type(filters).model_fields if name not in names)  # fmt: skip
