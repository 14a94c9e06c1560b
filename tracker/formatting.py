"""Plain-text descriptions of totals, shared by the CLI and the dashboard.

One value reads through `tracker.domain.money` (re-exported here for the faces)."""

from __future__ import annotations

from tracker.domain.money import format_amount
from tracker.domain.vocab import label
from tracker.read.totals import GroupTotal, MoneyTotal, TotalPart


def format_money(money: MoneyTotal) -> str:
    text = format_amount(money.amount, money.currency)
    return f"at least {text}" if money.at_least else text


def describe_quantity(total: GroupTotal) -> str:
    """ "44 (20 + 12 + 12)", "40", "unknown", "40, plus 1 deal of unknown quantity"."""
    known = total.deals - total.quantity_unknown
    if known == 0:
        return "unknown"
    unit = f" {total.units[0]}" if len(total.units) == 1 else ""
    text = f"{total.quantity:,}{unit}"
    known_parts = [str(part.quantity) for part in total.parts if part.quantity is not None]
    if len(known_parts) > 1:
        text += f" ({' + '.join(known_parts)})"
    if total.quantity_unknown:
        deals = "deal" if total.quantity_unknown == 1 else "deals"
        text += f", plus {total.quantity_unknown} {deals} of unknown quantity"
    return text


def describe_money(total: GroupTotal) -> str:
    """Money per currency, never added across currencies, with coverage when incomplete."""
    if not total.money:
        return "value unknown" if total.deals else ""
    text = "; ".join(format_money(money) for money in total.money)
    if total.value_unknown:
        known = total.deals - total.value_unknown
        text += f" (value known for {known} of {total.deals} deals)"
    return text


def describe_part(part: TotalPart) -> str:
    """ "20 from United Kingdom (new, signed/ordered)"."""
    quantity = "unknown" if part.quantity is None else str(part.quantity)
    details = [label(part.condition)] if part.condition else []
    details.append(label(part.status))
    return f"{quantity} from {part.seller} ({', '.join(details)})"
