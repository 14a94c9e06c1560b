"""Layout A: one row per deal (Recipient, Supplier, Year of order, ...)."""

from __future__ import annotations

import re

from tracker.imports.sipri import cells as convert
from tracker.imports.sipri.categories import category_from_description
from tracker.imports.sipri.model import DEALS_COLUMNS, RowError, SipriDeal
from tracker.imports.sipri.money import parse_comment_money


class DealsParser:
    names = convert.display_names(DEALS_COLUMNS)

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self._deals: list[SipriDeal] = []

    def deals(self) -> list[SipriDeal]:
        return self._deals

    def add(self, numbers: list[int], cells: list[str], text: str) -> None:
        row = convert.Row(numbers[0], cells, self.names)
        shape = row.shape_error(numbers)
        if shape is not None:
            self.errors.append(shape)
            return
        deal = self._deal(row, numbers, text)
        if row.errors:
            self.errors.extend(row.errors)
        elif deal is not None:
            self._deals.append(deal)

    @staticmethod
    def _deal(row: convert.Row, numbers: list[int], text: str) -> SipriDeal | None:
        get = row.get
        recipient = get(0, convert.required)
        supplier = get(1, convert.required)
        order_year = get(2, convert.year)
        order_year_estimated = get(3, convert.question)
        ordered = get(4, convert.whole)
        ordered_estimated = get(5, convert.question)
        designation = get(6, convert.required)
        description = row.cells[7]
        delivered = get(8, convert.whole)
        delivered_estimated = get(9, convert.question)
        delivery_years = get(10, convert.years)
        condition = get(11, convert.condition)
        comments = row.cells[12] or None
        tiv_per_unit = get(13, convert.decimal)
        tiv_total_order = get(14, convert.decimal)
        tiv_delivered = get(15, convert.decimal)
        if row.errors or recipient is None or supplier is None or designation is None:
            return None
        category = category_from_description(description)
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
            order_year_estimated=bool(order_year_estimated),
            quantity_ordered=ordered,
            quantity_ordered_estimated=bool(ordered_estimated),
            quantity_delivered=delivered,
            quantity_delivered_estimated=bool(delivered_estimated),
            delivery_years=delivery_years or [],
            delivery_years_estimated=False,
            condition=condition,
            local_production=_mentions_local_production(comments, recipient),
            comments=comments,
            tiv_per_unit=tiv_per_unit,
            tiv_total_order=tiv_total_order,
            tiv_delivered=tiv_delivered,
            sipri_unit_estimate=None,
            money=[m] if comments and (m := parse_comment_money(comments)) else [],
            text=text,
        )


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
    if _LICENCE.search(comments):
        return True
    place = recipient.rstrip("*").split(" (")[0].lower()
    return bool(place) and any(
        match.group(1).lower().startswith(place) for match in _MADE_IN.finditer(comments)
    )
