"""Plain-text descriptions of totals and money, shared by the CLI and the dashboard."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.vocab import label
from tracker.queries import GroupTotal, MoneyTotal, TotalPart

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def format_amount(amount: Decimal, currency: str) -> str:
    """ "$2.5 billion", "£450 million", "RUB 1.2 billion", "$950,000"."""
    symbol = _SYMBOLS.get(currency)
    for size, word in _SCALES:
        if abs(amount) >= size:
            number = f"{(amount / size).quantize(Decimal('0.01')).normalize():f} {word}"
            break
    else:
        number = f"{amount.quantize(Decimal('1')):,}"
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def format_money(money: MoneyTotal) -> str:
    text = format_amount(money.amount, money.currency)
    return f"at least {text}" if money.at_least else text


def describe_value(amount: Decimal | None, currency: str | None, at_least: bool) -> str:
    """One deal's value: "$2.5 billion", "at least $10 billion" or "unknown"."""
    if amount is None or currency is None:
        return "unknown"
    text = format_amount(amount, currency)
    return f"at least {text}" if at_least else text


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
