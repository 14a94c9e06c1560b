"""Layout B: one row per deal per delivery year, grouped by SIPRI's deal id."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.vocab import Category, Condition
from tracker.imports.sipri import cells as convert
from tracker.imports.sipri.categories import category_from_description
from tracker.imports.sipri.model import TRANSFERS_COLUMNS, RowError, SipriDeal

# Columns every row of one deal must repeat unchanged (indexes into TRANSFERS_COLUMNS).
_INVARIANT = (1, 2, 3, 4, 5, 6, 12, 14, 16)


@dataclass
class _Transfer:
    """One parsed layout-B row."""

    number: int
    cells: list[str]
    text: str
    sipri_id: str
    supplier: str
    recipient: str
    designation: str
    description: str
    category: Category | None
    order_year: int | None
    order_year_estimated: bool
    delivered: int | None
    delivered_estimated: bool
    delivery_year: int | None
    delivery_year_estimated: bool
    condition: Condition | None
    sipri_estimate: Decimal | None
    tiv_deal_unit: Decimal | None
    tiv_delivered: Decimal | None
    local_production: bool

    def invariant(self) -> tuple[object, ...]:
        """Parsed values of the _INVARIANT columns, so "0.10" agrees with "0.1"."""
        return (
            self.supplier,
            self.recipient,
            self.designation,
            self.description,
            self.category,
            self.order_year,
            self.condition,
            self.tiv_deal_unit,
            self.local_production,
        )


class TransfersParser:
    names = TRANSFERS_COLUMNS

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self._groups: dict[str, list[_Transfer]] = {}  # insertion order = first seen

    def add(self, numbers: list[int], cells: list[str], text: str) -> None:
        row = convert.Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers)
        if shape is not None:
            self.errors.append(shape)
            return
        transfer = _transfer(row, text)
        if transfer is None:
            self.errors.extend(row.errors)
            return
        group = self._groups.setdefault(transfer.sipri_id, [])
        disagreements = self._disagreements(group[0], transfer) if group else []
        if disagreements:
            self.errors.extend(disagreements)
        else:
            group.append(transfer)

    def _disagreements(self, first: _Transfer, other: _Transfer) -> list[RowError]:
        return [
            RowError(
                other.number,
                self.names[index],
                other.cells[index],
                f"differs from row {first.number} of the same deal "
                f"(SIPRI AT Database ID {first.sipri_id}): {first.cells[index]!r}",
            )
            for index, mine, theirs in zip(
                _INVARIANT, first.invariant(), other.invariant(), strict=True
            )
            if mine != theirs
        ]

    def deals(self) -> list[SipriDeal]:
        return [_merge(group) for group in self._groups.values() if group]


def _transfer(row: convert.Row, text: str) -> _Transfer | None:
    get = row.get
    sipri_id, supplier, recipient, designation = (get(i, convert.required) for i in range(4))
    transfer = _Transfer(
        number=row.number,
        cells=row.cells,
        text=text,
        sipri_id=sipri_id or "",
        supplier=supplier or "",
        recipient=recipient or "",
        designation=designation or "",
        description=row.cells[4],
        category=get(5, convert.category),
        order_year=get(6, convert.year),
        order_year_estimated=bool(get(7, convert.yes_no)),
        delivered=get(8, convert.whole),
        delivered_estimated=bool(get(9, convert.yes_no)),
        delivery_year=get(10, convert.year),
        delivery_year_estimated=bool(get(11, convert.yes_no)),
        condition=get(12, convert.condition),
        sipri_estimate=get(13, convert.decimal),
        tiv_deal_unit=get(14, convert.decimal),
        tiv_delivered=get(15, convert.decimal),
        local_production=bool(get(16, convert.yes_no)),
    )
    return None if row.errors else transfer


def _merge(group: list[_Transfer]) -> SipriDeal:
    first = group[0]
    category = first.category or category_from_description(first.description)
    delivered = [row.delivered for row in group if row.delivered is not None]
    tivs = [row.tiv_delivered for row in group if row.tiv_delivered is not None]
    estimates = [row.sipri_estimate for row in group if row.sipri_estimate is not None]
    return SipriDeal(
        layout="transfers",
        rows=[row.number for row in group],
        sipri_id=first.sipri_id,
        recipient=first.recipient,
        supplier=first.supplier,
        designation=first.designation,
        description=first.description,
        category=category,
        category_inferred=first.category is None and category is not None,
        order_year=first.order_year,
        order_year_estimated=any(row.order_year_estimated for row in group),
        quantity_ordered=None,
        quantity_ordered_estimated=False,
        quantity_delivered=sum(delivered) if delivered else None,
        quantity_delivered_estimated=any(row.delivered_estimated for row in group),
        delivery_years=sorted({row.delivery_year for row in group if row.delivery_year}),
        delivery_years_estimated=any(row.delivery_year_estimated for row in group),
        condition=first.condition,
        local_production=first.local_production,
        comments=None,
        tiv_per_unit=first.tiv_deal_unit,
        tiv_total_order=None,
        tiv_delivered=sum(tivs, Decimal(0)) if tivs else None,
        sipri_unit_estimate=estimates[0] if estimates else None,
        money=[],
        text="\n".join(row.text for row in group),
    )
