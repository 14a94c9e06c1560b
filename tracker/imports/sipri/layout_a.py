"""Layout A: one row per deal (Recipient, Supplier, Year of order, ...)."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from tracker.imports.sipri import cells as convert
from tracker.imports.sipri.categories import category_from_description
from tracker.imports.sipri.model import DEALS_COLUMNS, Delivery, RowError, RowWarning, SipriDeal
from tracker.imports.sipri.money import comment_money

# Converters by column; None keeps the cell's text as it is.
_CONVERTERS: tuple[Callable[[str], Any] | None, ...] = (
    convert.required,  # Recipient
    convert.required,  # Supplier
    convert.year,  # Year of order
    convert.question,
    convert.whole,  # Number ordered
    convert.question,
    convert.required,  # Weapon designation
    None,  # Weapon description
    convert.whole,  # Number delivered
    convert.question,
    convert.years,  # Year(s) of delivery
    convert.condition,  # status
    None,  # Comments
    convert.decimal,  # SIPRI TIV per unit
    convert.decimal,  # SIPRI TIV for total order
    convert.decimal,  # SIPRI TIV of delivered weapons
)


class DealsParser:
    names = convert.display_names(DEALS_COLUMNS)

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.warnings: list[RowWarning] = []
        # SIPRI lists each deal on its own row, so identical rows are distinct deals: the
        # contents seen once, and how many rows of each repeated one, by a 64-bit digest
        # of the cells (not the cells: a million rows would keep every row's strings).
        self._once: set[int] = set()
        self._repeated: dict[int, int] = {}

    def finish(self) -> list[SipriDeal]:
        """Deals still held at the end of the file: none (each row is handed over)."""
        return []

    def add(
        self,
        numbers: list[int],
        cells: list[str],
        text: str,
        *,
        last: bool = False,
        unclosed: bool = False,
    ) -> list[SipriDeal]:
        """The row's deal, or none with its errors recorded."""
        row = convert.Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers, last=last, unclosed=unclosed)
        if shape is not None:
            self.errors.append(shape)
            return []
        values = _convert(row)
        if values is None:
            self.errors.extend(row.errors)
            return []
        warning = row.short_row_warning()
        if warning is not None:
            self.warnings.append(warning)
        return [_deal(values, numbers, text, self._occurrence(row.cells))]

    def _occurrence(self, cells: list[str]) -> int:
        """1 for the first row with these cells, 2 for the next..."""
        digest = hashlib.blake2b("\x1f".join(cells).encode(), digest_size=8).digest()
        key = int.from_bytes(digest)
        if key not in self._once:
            self._once.add(key)
            return 1
        occurrence = self._repeated[key] = self._repeated.get(key, 1) + 1
        return occurrence


def _convert(row: convert.Row) -> list[Any] | None:
    """Every cell converted, or None with the row's errors recorded. Valid rows (nearly
    all of a real file) take one pass without per-cell error handling."""
    cells = row.cells
    try:
        return [
            cell if converter is None else converter(cell)
            for converter, cell in zip(_CONVERTERS, cells, strict=True)
        ]
    except convert.Bad:
        pass
    values = [
        cell if converter is None else row.get(index, converter)
        for index, (converter, cell) in enumerate(zip(_CONVERTERS, cells, strict=True))
    ]
    return None if row.errors else values


def _deal(values: list[Any], numbers: list[int], text: str, occurrence: int) -> SipriDeal:
    (
        recipient,
        supplier,
        order_year,
        order_year_estimated,
        ordered,
        ordered_estimated,
        designation,
        description,
        delivered,
        delivered_estimated,
        delivery_years,
        condition,
        comments,
        tiv_per_unit,
        tiv_total_order,
        tiv_delivered,
    ) = values
    category = category_from_description(description)
    comments = comments or None
    return SipriDeal(
        layout="deals",
        rows=numbers,
        sipri_id=None,
        recipient=recipient,
        supplier=supplier,
        designation=designation,
        description=description,
        category=category,
        category_inferred=category is not None,
        order_year=order_year,
        order_year_estimated=order_year_estimated,
        quantity_ordered=ordered,
        quantity_ordered_estimated=ordered_estimated,
        quantity_delivered=delivered,
        quantity_delivered_estimated=delivered_estimated,
        delivery_years=delivery_years,
        delivery_years_estimated=False,
        condition=condition,
        local_production=_mentions_local_production(comments, recipient),
        comments=comments,
        tiv_per_unit=tiv_per_unit,
        tiv_total_order=tiv_total_order,
        tiv_delivered=tiv_delivered,
        sipri_unit_estimate=None,
        money=comment_money(comments) if comments else [],
        text=text,
        # The file gives the years and the total only: how many came each year is unknown.
        deliveries=[_delivered_in(year) for year in delivery_years],
        occurrence=occurrence,
    )


@functools.lru_cache(maxsize=1024)
def _delivered_in(year: int) -> Delivery:
    """A year of deliveries as this layout states it (the year only). Frozen, so the deals
    of a register share one per year instead of making tens of thousands."""
    return Delivery(year, None)


# "export licence" is about the supplier's permission, not production by the recipient.
_LICENCE = re.compile(
    r"(?<!export )\blicen[cs](?:e[ds]?|ing)\b|\blocal(?:ly)?[ -](?:production|produced|assembl)",
    re.IGNORECASE,
)
_MADE_IN = re.compile(r"\b(?:produced|assembled)\s+in\s+(\w[\w' ]*)", re.IGNORECASE)


def _mentions_local_production(comments: str | None, recipient: str) -> bool:
    """Licensed or local production in the comments; "produced in X" only when X is the
    recipient, since "produced in USA" may just name the supplier's factory."""
    if not comments:
        return False
    lowered = comments.lower()
    if "licen" not in lowered and "local" not in lowered and " in " not in lowered:
        return False  # most comments: no regex needed
    if _LICENCE.search(comments):
        return True
    place = recipient.rstrip("*").split(" (")[0].lower()
    return bool(place) and any(
        match.group(1).lower().startswith(place) for match in _MADE_IN.finditer(comments)
    )
