"""Layout B: one row per deal per delivery year, grouped by SIPRI's deal id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.domain.vocab import Category, Condition
from tracker.imports.sipri import cells as convert
from tracker.imports.sipri.categories import category_from_description
from tracker.imports.sipri.model import (
    TRANSFERS_COLUMNS,
    Delivery,
    RowError,
    RowWarning,
    SipriDeal,
)

# Columns every row of one deal must repeat unchanged (indexes into TRANSFERS_COLUMNS).
_INVARIANT = (1, 2, 3, 4, 5, 6, 12, 14, 16)


@dataclass(slots=True)
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

    def __init__(self, scattered: dict[str, int] | None = None) -> None:
        """Without `scattered`, every deal is handed over at the end of the file. With it
        (ids whose rows are apart, each with its last record's line), a deal is handed
        over when its rows end: at the first row of another id, or for a scattered id, at
        its last record."""
        self.errors: list[RowError] = []
        self.warnings: list[RowWarning] = []
        self._groups: dict[str, list[_Transfer]] = {}  # insertion order = first seen
        self._streaming = scattered is not None
        self._scattered = scattered if scattered is not None else {}
        self._current: str | None = None  # the id of the run of rows being read

    def add(
        self,
        numbers: list[int],
        cells: list[str],
        text: str,
        *,
        last: bool = False,
        unclosed: bool = False,
    ) -> list[SipriDeal]:
        """The deal this row completes (its id's last row, when the ids' last rows are
        known), or none; a row's errors are recorded."""
        row = convert.Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers, last=last, unclosed=unclosed)
        if shape is not None:
            self.errors.append(shape)
            return []
        transfer = _transfer(row, text)
        if transfer is None:
            self.errors.extend(row.errors)
            return []
        warning = row.short_row_warning()
        if warning is not None:
            self.warnings.append(warning)
        group = self._groups.setdefault(transfer.sipri_id, [])
        disagreements = self._disagreements(group[0], transfer) if group else []
        if disagreements:
            self.errors.extend(disagreements)
        else:
            group.append(transfer)
        return self._completed(transfer.sipri_id, numbers[0]) if self._streaming else []

    def _completed(self, sipri_id: str, line: int) -> list[SipriDeal]:
        done = []
        previous, self._current = self._current, sipri_id
        if previous is not None and previous != sipri_id and previous not in self._scattered:
            done.append(self._groups.pop(previous, []))
        if self._scattered.get(sipri_id) == line:
            del self._scattered[sipri_id]
            done.append(self._groups.pop(sipri_id, []))
        return [_merge(group) for group in done if group]

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

    def finish(self) -> list[SipriDeal]:
        """The deals still held at the end of the file, in the order first seen."""
        deals = [_merge(group) for group in self._groups.values() if group]
        self._groups.clear()
        return deals


# Converters by column; None keeps the cell's text as it is.
_CONVERTERS: tuple[Callable[[str], Any] | None, ...] = (
    convert.required,  # SIPRI AT Database ID
    convert.required,  # Supplier
    convert.required,  # Recipient
    convert.required,  # Designation
    None,  # Description
    convert.category,  # Armament category
    convert.year,  # Order date
    convert.yes_no,  # Order date is estimate
    convert.whole,  # Numbers delivered
    convert.yes_no,  # Numbers delivered is estimate
    convert.year,  # Delivery year
    convert.yes_no,  # Delivery year is estimate
    convert.condition,  # Status
    convert.decimal,  # SIPRI estimate
    convert.decimal,  # TIV deal unit
    convert.decimal,  # TIV delivery values
    convert.yes_no,  # Local production
)


def _transfer(row: convert.Row, text: str) -> _Transfer | None:
    """The row's values, or None with its errors recorded. Valid rows take one pass
    without per-cell error handling."""
    cells = row.cells
    values: list[Any]
    try:
        values = [
            cell if converter is None else converter(cell)
            for converter, cell in zip(_CONVERTERS, cells, strict=True)
        ]
    except convert.Bad:
        values = [
            cell if converter is None else row.get(index, converter)
            for index, (converter, cell) in enumerate(zip(_CONVERTERS, cells, strict=True))
        ]
        if row.errors:
            return None
    return _Transfer(row.number, cells, text, *values)


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
        deliveries=[
            Delivery(
                year=row.delivery_year,
                number=row.delivered,
                number_estimated=row.delivered_estimated,
                year_estimated=row.delivery_year_estimated,
                tiv=row.tiv_delivered,
            )
            for row in group
            if row.delivery_year is not None
        ],
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
