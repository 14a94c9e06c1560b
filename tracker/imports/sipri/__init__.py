"""SIPRI Arms Transfers Database trade registers, both layouts: parse, then map to deals.

`read` finds the header and reads records; `layout_a`/`layout_b` turn rows into
`SipriDeal`s through the cell converters (`cells`); `money` reads every sum in the
comments, with its kind; `categories` infers an armament category from a description; `candidates`
maps SIPRI deals to the import pipeline's candidates.
"""

from tracker.imports.sipri.categories import category_from_description
from tracker.imports.sipri.model import (
    DEAL_OWN_VALUE,
    DEALS_COLUMNS,
    TRANSFERS_COLUMNS,
    Delivery,
    Layout,
    Money,
    MoneyKind,
    RowError,
    RowWarning,
    SipriDeal,
    SipriFile,
    SipriFormatError,
)
from tracker.imports.sipri.money import comment_money, parse_comment_money
from tracker.imports.sipri.read import looks_like_sipri, parse_sipri, parse_sipri_text

__all__ = [
    "DEALS_COLUMNS",
    "DEAL_OWN_VALUE",
    "TRANSFERS_COLUMNS",
    "Delivery",
    "Layout",
    "Money",
    "MoneyKind",
    "RowError",
    "RowWarning",
    "SipriDeal",
    "SipriFile",
    "SipriFormatError",
    "category_from_description",
    "comment_money",
    "looks_like_sipri",
    "parse_comment_money",
    "parse_sipri",
    "parse_sipri_text",
]
