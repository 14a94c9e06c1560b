"""SIPRI trade registers (both layouts) as import candidates.

Maps SIPRI's columns to deal fields: names as SIPRI writes them (resolved later; a SIPRI
file is the authority on its own names), '?' and "is estimate" as uncertainty flags,
TIV in its own fields, per-year deliveries as the file gives them, SIPRI's description
of the weapon, every sum its comments state with its kind, and a status derived by the
rule in `derived_status` (SIPRI's own "status" column is the equipment's condition).

Each deal carries a key that survives SIPRI's yearly releases: its SIPRI deal id in the
transfers layout, the row's content and occurrence in the deals layout (which has no id;
identical rows are separate deals). A hash of what the row states shows whether a newer
release changed it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any

from tracker.domain.vocab import MoneyFactKind, PartyKind, Status, ValueKind
from tracker.imports.plan import Candidate
from tracker.imports.sipri.model import (
    DEAL_OWN_VALUE,
    Delivery,
    Money,
    MoneyKind,
    SipriDeal,
    SipriFile,
)
from tracker.write.batch import DeliveryIn, MoneyFactIn, Origin

PUBLISHER = "SIPRI Arms Transfers Database"
CREDIT = "Information from the SIPRI Arms Transfers Database"

# A deal whose last delivery is this many years before the end of the export's coverage
# is taken as delivered: SIPRI lists deliveries as they happen, so years without any
# mean the deliveries ended. (Layout B has no number ordered to compare with.)
QUIET_YEARS = 2

COLUMNS = {
    "deals": {
        "buyer": "Recipient", "seller": "Supplier", "platform": "Weapon designation",
        "description": "Weapon description",
        "order_date": "Year of order", "quantity_ordered": "Number ordered",
        "quantity_delivered": "Number delivered", "condition": "status",
        "first_delivery_date": "Year(s) of delivery", "last_delivery_date": "Year(s) of delivery",
        "tiv_per_unit": "SIPRI TIV per unit", "tiv_total_order": "SIPRI TIV for total order",
        "tiv_delivered": "SIPRI TIV of delivered weapons", "notes": "Comments",
        "value": "Comments", "value_amount": "Comments", "value_currency": "Comments",
    },
    "transfers": {
        "buyer": "Recipient", "seller": "Supplier", "platform": "Designation",
        "description": "Description",
        "order_date": "Order date", "quantity_delivered": "Numbers delivered",
        "condition": "Status", "first_delivery_date": "Delivery year",
        "last_delivery_date": "Delivery year", "tiv_per_unit": "TIV deal unit",
        "tiv_new_unit": "SIPRI estimate", "tiv_delivered": "TIV delivery values",
    },
}  # fmt: skip

_VALUE_KINDS = {
    MoneyKind.CONTRACT: ValueKind.CONTRACT,
    MoneyKind.ESTIMATE: ValueKind.ESTIMATE,
    MoneyKind.AID: ValueKind.AID,
}
_FACT_KINDS = {
    MoneyKind.PACKAGE: MoneyFactKind.PACKAGE,
    MoneyKind.OFFSET: MoneyFactKind.OFFSET,
    MoneyKind.LOAN: MoneyFactKind.LOAN,
}


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
    for money in deal.money:
        if money.kind in DEAL_OWN_VALUE:
            return money
    return None


_SCOPE = re.compile(r"arms from (?P<suppliers>.+?)\s+to (?P<recipients>.+?)\s*\.", re.IGNORECASE)


def covers_everyone(parsed: SipriFile) -> bool:
    """True for an export "from All countries to All countries": a deal it omits is not
    in the release. (An export for some countries says nothing of the others.)"""
    for line in parsed.preamble[:3]:
        match = _SCOPE.search(line)
        if match:
            return all(
                " ".join(part.split()).lower() == "all countries"
                for part in (match.group("suppliers"), match.group("recipients"))
            )
    return False


def end_year(parsed: SipriFile) -> int:
    """The last year the export covers: its year range, else the year before it was
    generated, else last year."""
    if parsed.year_range[1] is not None:
        return parsed.year_range[1]
    if parsed.generated_on is not None:
        return parsed.generated_on.year - 1
    return dt.date.today().year - 1


def derived_status(deal: SipriDeal, covered_to: int, years: list[int] | None = None) -> Status:
    """The status rule for SIPRI rows (documented in the README):

    - nothing delivered: signed/ordered;
    - all ordered delivered: delivered;
    - some delivered, and deliveries in the last QUIET_YEARS years of the export's
      coverage: delivering;
    - some delivered, but none in those years: delivered (SIPRI records no more).
    """
    years = _years(deal) if years is None else years
    delivered = deal.quantity_delivered or 0
    if delivered == 0 and not years:
        return Status.ORDERED
    if deal.quantity_ordered is not None and delivered >= deal.quantity_ordered:
        return Status.DELIVERED
    if years and years[-1] <= covered_to - QUIET_YEARS:
        return Status.DELIVERED
    return Status.DELIVERING


def _years(deal: SipriDeal) -> list[int]:
    return sorted({d.year for d in deal.deliveries} or set(deal.delivery_years))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sipri_key(deal: SipriDeal, digest: str | None = None) -> str:
    """The deal's key across releases: "id:55238" (transfers layout), or the row's
    content and its occurrence among identical rows (deals layout)."""
    if deal.sipri_id:
        return f"id:{deal.sipri_id}"
    digest = digest or _digest(deal.text.strip())
    return f"row:{digest[:24]}:{deal.occurrence}"


def origin_ref(deal: SipriDeal, digest: str | None = None) -> str:
    """The source ref of the row(s) a deal was read from (one per content, per release)."""
    digest = (digest or _digest(deal.text.strip()))[:20]
    if deal.sipri_id:
        return f"sipri:{deal.sipri_id}:{digest}"
    return f"sipri-row:{digest}:{deal.occurrence}"


def _value_fields(own: Money | None) -> dict[str, Any]:
    if own is None:
        return {}
    return {
        "value_amount": own.amount,
        "value_amount_high": own.amount_high,
        "value_currency": own.currency,
        "value_kind": _VALUE_KINDS[own.kind],
        "value_at_least": own.at_least,
    }


def _fields(
    deal: SipriDeal, covered_to: int, years: list[int], own: Money | None
) -> dict[str, Any]:
    return {
        "buyer": deal.recipient,
        "seller": deal.supplier,
        "platform": deal.designation,
        "description": deal.description or None,
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
        "tiv_new_unit": deal.sipri_unit_estimate,
        "status": derived_status(deal, covered_to, years),
        "order_date": str(deal.order_year) if deal.order_year else None,
        "order_date_estimated": deal.order_year_estimated,
        "first_delivery_date": str(years[0]) if years else None,
        "last_delivery_date": str(years[-1]) if len(years) > 1 else None,
        "notes": deal.comments,
        **_value_fields(own),
    }


def _quotes(deal: SipriDeal, years: list[int], own: Money | None) -> dict[str, str]:
    line = deal.text.splitlines()[0] if deal.text else ""
    quotes = {"buyer": line, "seller": line, "platform": line}
    for name, value in (
        ("quantity_ordered", deal.quantity_ordered),
        ("quantity_delivered", deal.quantity_delivered),
        ("condition", deal.condition),
        ("order_date", deal.order_year),
        ("tiv", deal.tiv_per_unit),
        ("first_delivery_date", years or None),
    ):
        if value is not None:
            quotes[name] = line
    if own is not None:
        quotes["value"] = own.quote
    return quotes


def _deliveries(deal: SipriDeal) -> list[DeliveryIn]:
    if deal.deliveries:
        return [_delivery_in(d) for d in deal.deliveries]
    return [_year_only(year) for year in deal.delivery_years]


def _delivery_in(d: Delivery) -> DeliveryIn:
    if d.number is None and d.tiv is None and not d.number_estimated and not d.year_estimated:
        return _year_only(d.year)  # layout A's years: shared, as layout_a shares them
    return DeliveryIn(d.year, d.number, d.number_estimated, d.year_estimated, d.tiv)


@functools.lru_cache(maxsize=1024)
def _year_only(year: int) -> DeliveryIn:
    """A year of deliveries with nothing else known (frozen, so deals share one)."""
    return DeliveryIn(year, None)


def _money_facts(deal: SipriDeal, own: Money | None) -> list[MoneyFactIn]:
    facts = [
        MoneyFactIn(_FACT_KINDS[m.kind], m.amount, m.amount_high, m.currency, m.at_least, m.quote)
        for m in deal.money
        if m.kind in _FACT_KINDS
    ]
    if own is not None and own.usd is not None and own.currency != "USD":
        facts.append(MoneyFactIn(MoneyFactKind.STATED_USD, own.usd, own.usd_high, "USD",
                                 own.at_least, own.quote))  # fmt: skip
    return facts


def _origin(deal: SipriDeal, parsed: SipriFile, notes: str, digest: str) -> Origin:
    where = f"deal {deal.sipri_id}" if deal.sipri_id else f"row {deal.rows[0]}"
    return Origin(
        ref=origin_ref(deal, digest),
        title=f"{PUBLISHER}: {deal.supplier} to {deal.recipient}, {deal.designation} ({where})",
        text=deal.text,
        publisher="SIPRI",
        published=parsed.generated_on,
        notes=notes,
    )


def iter_candidates(
    parsed: SipriFile, deals: Iterable[SipriDeal], filename: str
) -> Iterator[Candidate]:
    """One candidate per SIPRI deal, as `deals` hands them over (`parsed` gives the
    register's release, coverage and layout); each keeps its SIPRI line(s) as its source
    text."""
    covered_to = end_year(parsed)
    everyone = covers_everyone(parsed)
    generated = f", data generated {parsed.generated}" if parsed.generated else ""
    notes = (
        f"Imported from {PurePath(filename).name} ({parsed.layout} layout{generated}). {CREDIT}."
    )
    for deal in deals:
        # Worked out once per deal: an import of a full register has tens of thousands.
        digest = _digest(deal.text.strip())
        own = own_value(deal)
        years = _years(deal)
        kinds = {
            party: kind
            for party in (deal.recipient, deal.supplier)
            if (kind := party_kind(party)) is not None
        }
        yield Candidate(
            row=deal.rows[0],
            fields=_fields(deal, covered_to, years, own),
            columns=COLUMNS[parsed.layout],
            origin=_origin(deal, parsed, notes, digest),
            quotes=_quotes(deal, years, own),
            party_kinds=kinds,
            platform_description=deal.description or None,
            platform_category=deal.category,
            match_existing=True,
            names_authoritative=True,
            extras={
                "delivery_dates_estimated": deal.delivery_years_estimated,
                "value_source": "sipri_comments" if own else None,
                "sipri_key": sipri_key(deal, digest),
                "sipri_hash": digest,
                "sipri_release": parsed.generated_on,
                "sipri_covers_everyone": everyone,
            },
            deliveries=_deliveries(deal),
            money=_money_facts(deal, own),
            layout=parsed.layout,
        )
