"""What a SIPRI trade register parses into: plain records, no database, no resolution.

This is the contract between the parser (read, cells, layout_a, layout_b, money) and the
import mapping (candidates): everything a row states is kept, as given.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
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
class RowWarning:
    """A row that imports, with something the user should know (a short row mid-file)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        column = f", column {self.column!r}" if self.column else ""
        return f"row {self.row}{column}: {self.message}"


@dataclass(frozen=True)
class Delivery:
    """One year of deliveries. Layout A lists the years only: number and TIV unknown."""

    year: int
    number: int | None
    number_estimated: bool = False
    year_estimated: bool = False
    tiv: Decimal | None = None  # TIV delivered that year (layout B)


class MoneyKind(enum.StrEnum):
    """What a sum in SIPRI's comments is. Only the first three are the deal's own value."""

    CONTRACT = "contract"  # "$79 m deal", "EUR7 m deal"
    ESTIMATE = "estimate"  # "possibly $X", "reportedly $X"
    AID = "aid"  # "'MAP' aid $0.5 m": given, not sold
    PACKAGE = "package"  # "part of $488 m deal": a larger package's value
    OFFSET = "offset"  # "offsets $593 m"
    LOAN = "loan"  # "financed by $X loan"


DEAL_OWN_VALUE = frozenset({MoneyKind.CONTRACT, MoneyKind.ESTIMATE, MoneyKind.AID})


@dataclass(frozen=True)
class Money:
    """A sum stated in the comments, as stated: a range keeps both ends, a second
    currency (the USD figure given beside the original) is kept beside it."""

    kind: MoneyKind
    amount: Decimal  # the low end of a range
    currency: str  # ISO 4217
    quote: str  # the exact text of the comment it came from
    amount_high: Decimal | None = None
    at_least: bool = False
    usd: Decimal | None = None  # a USD equivalent the comment states beside it
    usd_high: Decimal | None = None


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
    sipri_unit_estimate: Decimal | None  # layout B's "SIPRI estimate": TIV of one new unit
    money: list[Money]  # every sum the comments state, each with its kind
    text: str
    deliveries: list[Delivery] = field(default_factory=list)  # by year, as the file gives
    occurrence: int = 1  # layout A: the n-th row with exactly this content


@dataclass
class SipriFile:
    layout: Layout
    encoding: str
    generated: str | None  # "13 Mar 2025 10:02:49 AM", as the preamble writes it
    header_row: int
    deals: list[SipriDeal]
    errors: list[RowError]
    warnings: list[RowWarning] = field(default_factory=list)
    generated_on: dt.date | None = None  # the release: the day the data was generated
    year_range: tuple[int | None, int | None] = (None, None)  # "year range '1995' to '2025'"
    preamble: list[str] = field(default_factory=list)  # the lines before the header
