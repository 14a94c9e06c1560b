"""SIPRI trade registers (both layouts) as import candidates.

Maps SIPRI's columns to deal fields: names as SIPRI writes them (resolved later through
the country aliases), '?' and "is estimate" as uncertainty flags, TIV in its own fields,
money only when the comments state it unambiguously, and a status derived from what has
been delivered (SIPRI's own "status" column is the equipment's condition).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from tracker.domain.vocab import PartyKind, Status, ValueKind
from tracker.imports.plan import Candidate
from tracker.imports.sipri.model import DEAL_OWN_VALUE, Money, SipriDeal, SipriFile
from tracker.write.batch import Origin

PUBLISHER = "SIPRI Arms Transfers Database"
CREDIT = "Information from the SIPRI Arms Transfers Database"

# Layout B lists deliveries only, within the export's year range, and no number ordered.
LAYOUT_B_CAVEAT = (
    "This layout gives no number ordered and only the deliveries in the export's year "
    "range, so the delivered total may be partial and the status stays 'delivering'. "
)

COLUMNS = {
    "deals": {
        "buyer": "Recipient", "seller": "Supplier", "platform": "Weapon designation",
        "order_date": "Year of order", "quantity_ordered": "Number ordered",
        "quantity_delivered": "Number delivered", "condition": "status",
        "first_delivery_date": "Year(s) of delivery", "last_delivery_date": "Year(s) of delivery",
        "tiv_per_unit": "SIPRI TIV per unit", "tiv_total_order": "SIPRI TIV for total order",
        "tiv_delivered": "SIPRI TIV of delivered weapons", "notes": "Comments",
        "value_amount": "Comments", "value_currency": "Comments",
    },
    "transfers": {
        "buyer": "Recipient", "seller": "Supplier", "platform": "Designation",
        "order_date": "Order date", "quantity_delivered": "Numbers delivered",
        "condition": "Status", "first_delivery_date": "Delivery year",
        "last_delivery_date": "Delivery year", "tiv_per_unit": "TIV deal unit",
        "tiv_delivered": "TIV delivery values",
    },
}  # fmt: skip


def party_kind(name: str) -> PartyKind | None:
    """SIPRI marks organisations with '**', non-state actors with '*'; "unknown ..." too."""
    if name.endswith("**"):
        return PartyKind.ORGANISATION
    if name.endswith("*"):
        return PartyKind.NON_STATE
    if name.lower().startswith("unknown"):
        return PartyKind.UNKNOWN
    return None


def own_value(deal: SipriDeal) -> Money | None:
    """The deal's own value among the sums its comments state (not offsets or packages)."""
    return next((money for money in deal.money if money.kind in DEAL_OWN_VALUE), None)


def derived_status(deal: SipriDeal) -> Status:
    """Nothing delivered: ordered; all delivered: delivered; otherwise delivering."""
    delivered = deal.quantity_delivered or 0
    if delivered == 0 and not deal.delivery_years:
        return Status.ORDERED
    if deal.quantity_ordered is not None and delivered >= deal.quantity_ordered:
        return Status.DELIVERED
    return Status.DELIVERING


def origin_ref(deal: SipriDeal, file_sha: str) -> str:
    """A stable key for the deal: SIPRI's own id where the layout has one."""
    if deal.sipri_id:
        return f"sipri:{deal.sipri_id}"
    # Layout A has no id: the deal's own line identifies it across re-imports.
    digest = hashlib.sha256(deal.text.strip().encode("utf-8")).hexdigest()[:20]
    return f"sipri-row:{digest}"


def _fields(deal: SipriDeal) -> dict[str, Any]:
    years = deal.delivery_years
    fields: dict[str, Any] = {
        "buyer": deal.recipient,
        "seller": deal.supplier,
        "platform": deal.designation,
        "quantity_ordered": deal.quantity_ordered,
        "quantity_ordered_estimated": deal.quantity_ordered_estimated,
        "quantity_delivered": deal.quantity_delivered,
        "quantity_delivered_estimated": deal.quantity_delivered_estimated,
        # SIPRI sometimes records more delivered than ordered; keep its numbers as they are.
        "delivered_exceeds_ordered": (
            deal.quantity_ordered is not None
            and (deal.quantity_delivered or 0) > deal.quantity_ordered
        ),
        "condition": deal.condition,
        "local_production": deal.local_production,
        "tiv_per_unit": deal.tiv_per_unit,
        "tiv_total_order": deal.tiv_total_order,
        "tiv_delivered": deal.tiv_delivered,
        "status": derived_status(deal),
        "order_date": str(deal.order_year) if deal.order_year else None,
        "order_date_estimated": deal.order_year_estimated,
        "first_delivery_date": str(years[0]) if years else None,
        "last_delivery_date": str(years[-1]) if len(years) > 1 else None,
        "notes": deal.comments,
    }
    own = own_value(deal)
    if own is not None:
        fields.update(
            value_amount=own.amount,
            value_currency=own.currency,
            value_kind=ValueKind.CONTRACT,
        )
    return fields


def _quotes(deal: SipriDeal) -> dict[str, str]:
    line = deal.text.splitlines()[0] if deal.text else ""
    quotes = {"buyer": line, "seller": line, "platform": line}
    for name, value in (
        ("quantity_ordered", deal.quantity_ordered),
        ("quantity_delivered", deal.quantity_delivered),
        ("condition", deal.condition),
        ("order_date", deal.order_year),
        ("tiv", deal.tiv_per_unit),
        ("first_delivery_date", deal.delivery_years or None),
    ):
        if value is not None:
            quotes[name] = line
    own = own_value(deal)
    if own is not None:
        quotes["value"] = own.quote
    return quotes


def candidates(parsed: SipriFile, filename: str, file_sha: str) -> list[Candidate]:
    """One candidate per SIPRI deal; each keeps its SIPRI line(s) as its source text."""
    name = PurePath(filename).name
    generated = f", data generated {parsed.generated}" if parsed.generated else ""
    found = []
    for deal in parsed.deals:
        kinds = {
            party: kind
            for party in (deal.recipient, deal.supplier)
            if (kind := party_kind(party)) is not None
        }
        label = f"deal {deal.sipri_id}" if deal.sipri_id else f"row {deal.rows[0]}"
        found.append(
            Candidate(
                row=deal.rows[0],
                fields=_fields(deal),
                columns=COLUMNS[parsed.layout],
                origin=Origin(
                    ref=origin_ref(deal, file_sha),
                    title=f"{PUBLISHER}: {deal.supplier} to {deal.recipient}, "
                    f"{deal.designation} ({label})",
                    text=deal.text,
                    publisher="SIPRI",
                    notes=f"Imported from {name} ({parsed.layout} layout{generated}). {CREDIT}.",
                ),
                quotes=_quotes(deal),
                party_kinds=kinds,
                platform_description=deal.description or None,
                platform_category=deal.category,
                match_existing=True,
                extras={
                    "delivery_dates_estimated": deal.delivery_years_estimated,
                    "value_source": "sipri_comments" if own_value(deal) else None,
                },
            )
        )
    return found
