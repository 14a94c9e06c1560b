"""Units ordered, summed honestly: only within one category and one unit of count, and
with deals still in the pipeline (proposed, negotiating, approved) apart from orders.

Forty jets and forty thousand shells are not "40,040 units", and forty F-16s a
government has approved are not forty ordered: each rule lives here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tracker.domain.vocab import Category, Status, label
from tracker.read.filters import LIVE, DealFilters, ResolvedFilters, conditions_for
from tracker.read.totals import GroupBy, group_column, group_names
from tracker.store.models import Deal, Platform

Filters = DealFilters | ResolvedFilters

# Signed or later counts as ordered; before signature is the pipeline; stopped apart.
STAGES: dict[Status, str] = {
    Status.ORDERED: "ordered",
    Status.DELIVERING: "ordered",
    Status.DELIVERED: "ordered",
    Status.PROPOSED: "pipeline",
    Status.NEGOTIATING: "pipeline",
    Status.APPROVED: "pipeline",
    Status.CANCELLED: "cancelled or suspended",
    Status.SUSPENDED: "cancelled or suspended",
}
STAGE_ORDER = ("ordered", "pipeline", "cancelled or suspended")


@dataclass
class UnitsLine:
    """Units of one category and unit of count, at one stage, in one group."""

    key: Any
    category: Category
    unit: str | None  # as the source counts: "units", "batteries", "systems"; None: unstated
    stage: str
    quantity: int = 0  # over the deals whose quantity is known
    deals: int = 0
    quantity_unknown: int = 0


def units_totals(
    session: Session, filters: Filters, by: GroupBy | str | None = None
) -> list[UnitsLine]:
    """Quantities per (group,) category, unit and stage; unknown quantities counted."""
    group = None if by is None else GroupBy(by)
    keys = [group_column(group)] if group and group is not GroupBy.CATEGORY else []
    columns = [*keys, Platform.category, Deal.quantity_unit, Deal.status]
    unknown = func.sum(case((Deal.quantity_ordered.is_(None), 1), else_=0))
    stmt = (
        select(*columns, func.sum(Deal.quantity_ordered), func.count(), unknown)
        .select_from(Deal)
        .join(Platform, Platform.id == Deal.platform_id)
        .where(LIVE, *conditions_for(session, filters))
        .group_by(*columns)
    )
    lines: dict[tuple[Any, ...], UnitsLine] = {}
    for row in session.execute(stmt):
        category, unit, status, quantity, deals, missing = row[len(keys) :]
        key = row[0] if keys else category if group is GroupBy.CATEGORY else "all"
        found = (key, category, unit, STAGES[status])
        line = lines.get(found) or lines.setdefault(found, UnitsLine(*found))
        line.quantity += int(quantity or 0)
        line.deals += int(deals)
        line.quantity_unknown += int(missing or 0)
    names = group_names(session, group, [key for key, *_ in lines]) if keys and group else {}
    result = [_named(line, names) for line in lines.values()]
    result.sort(key=lambda u: (STAGE_ORDER.index(u.stage), str(u.key), -u.quantity, str(u.unit)))
    return result


def _named(line: UnitsLine, names: dict[Any, Any]) -> UnitsLine:
    line.key = names.get(line.key, line.key)
    return line


@dataclass(frozen=True)
class StageUnits:
    """Units of one category and unit of count at one stage, over all groups."""

    category: Category
    unit: str | None
    quantity: int
    deals: int


def _per_category(
    lines: Iterable[UnitsLine], stage: str
) -> dict[tuple[Category, str | None], list[int]]:
    """[quantity, deals] of one stage per category and unit: summed across groups, never
    across categories or units of count."""
    found: dict[tuple[Category, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        if line.stage == stage:
            sums = found[(line.category, line.unit)]
            sums[0] += line.quantity
            sums[1] += line.deals
    return found


def units_at_stage(lines: Iterable[UnitsLine], stage: str) -> list[StageUnits]:
    """What a headline shows of one stage ("ordered", "pipeline"): the categories and units
    with a known quantity, largest first (then by category name)."""
    parts = [
        StageUnits(category, unit, quantity, deals)
        for (category, unit), (quantity, deals) in _per_category(lines, stage).items()
        if quantity
    ]
    parts.sort(key=lambda part: (-part.quantity, label(part.category)))
    return parts


def ordered_units_by_category(
    session: Session, filters: Filters
) -> dict[tuple[Category, str | None], int]:
    """Units ordered (signed or later) per category and unit: what a headline may show."""
    per_category = _per_category(units_totals(session, filters), "ordered")
    return {key: quantity for key, (quantity, _) in per_category.items()}
