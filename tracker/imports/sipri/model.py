"""What a SIPRI trade register parses into: plain records, no database, no resolution."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from tracker.domain.vocab import Category, Condition
from tracker.errors import TrackerError

Layout = Literal["deals", "transfers"]

DEALS_COLUMNS = (
    "Recipient", "Supplier", "Year of order", " ", "Number ordered", " ",
    "Weapon designation", "Weapon description", "Number delivered", " ",
    "Year(s) of delivery", "status", "Comments", "SIPRI TIV per unit",
    "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)  # fmt: skip
TRANSFERS_COLUMNS = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate", "Status",
    "SIPRI estimate", "TIV deal unit", "TIV delivery values", "Local production",
)  # fmt: skip
_EXPECTED: dict[Layout, tuple[str, ...]] = {"deals": DEALS_COLUMNS, "transfers": TRANSFERS_COLUMNS}


class SipriFormatError(TrackerError):
    """The whole file is unusable (not a SIPRI register, truncated, binary, wrong header)."""


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based physical line number in the file
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        column = f", column {self.column!r}" if self.column else ""
        shown = f"{self.value!r} " if self.value else ""
        return f"row {self.row}{column}: {shown}{self.reason}"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str  # ISO 4217
    quote: str  # the exact text of the comment it came from


@dataclass
class SipriDeal:
    layout: Layout
    rows: list[int]
    sipri_id: str | None
    recipient: str
    supplier: str
    designation: str
    description: str
    category: Category | None
    category_inferred: bool
    order_year: int | None
    order_year_estimated: bool
    quantity_ordered: int | None
    quantity_ordered_estimated: bool
    quantity_delivered: int | None
    quantity_delivered_estimated: bool
    delivery_years: list[int]
    delivery_years_estimated: bool
    condition: Condition | None
    local_production: bool
    comments: str | None
    tiv_per_unit: Decimal | None
    tiv_total_order: Decimal | None
    tiv_delivered: Decimal | None
    sipri_unit_estimate: Decimal | None
    money: Money | None
    text: str


@dataclass
class SipriFile:
    layout: Layout
    encoding: str
    generated: str | None
    header_row: int
    deals: list[SipriDeal]
    errors: list[RowError]
