"""Plain-text descriptions of totals, shared by the CLI and the dashboard.

One value reads through `tracker.domain.money` (re-exported here for the faces)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

from tracker.domain.money import format_amount
from tracker.domain.vocab import label
from tracker.read.totals import GroupBy, GroupTotal, MoneyTotal, TotalPart


def format_money(money: MoneyTotal) -> str:
    text = format_amount(money.amount, money.currency)
    return f"at least {text}" if money.at_least else text


def describe_quantity(total: GroupTotal) -> str:
    """ "44 (20 + 12 + 12)", "40", "unknown", "40, plus 1 deal of unknown quantity"."""
    known = total.deals - total.quantity_unknown
    if known == 0:
        return "unknown"
    # A unit only when every known quantity is counted in it (units "" = none given).
    unit = f" {total.units[0]}" if len(total.units) == 1 and total.units[0] else ""
    text = f"{total.quantity:,}{unit}"
    known_parts = [f"{part.quantity:,}" for part in total.parts if part.quantity is not None]
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


# What tells a group's deals apart, in the order a part names it.
PART_FIELDS = ("platform", "buyer", "seller", "year", "condition", "status")
_GROUP_FIELD = {
    GroupBy.PLATFORM: "platform", GroupBy.BUYER: "buyer", GroupBy.SELLER: "seller",
    GroupBy.YEAR: "year", GroupBy.STATUS: "status", GroupBy.CONDITION: "condition",
}  # fmt: skip


def _words(part: TotalPart, name: str) -> str:
    """One field of a part as a breakdown names it: "to Turkey", "in 2017", "new"."""
    value = getattr(part, name)
    if name == "platform":
        return str(value)
    if name == "buyer":
        return f"to {value}"
    if name == "seller":
        return f"from {value}"
    if name == "year":
        return f"in {value}"
    return label(value)


def varying_fields(parts: Sequence[TotalPart], by: GroupBy | None = None) -> list[str]:
    """The fields whose values differ between a group's deals (never the grouping)."""
    own = _GROUP_FIELD.get(by) if by is not None else None
    return [
        name
        for name in PART_FIELDS
        if name != own and len({getattr(part, name) for part in parts}) > 1
    ]


def describe_part(
    part: TotalPart, shown: Collection[str] = ("seller", "condition", "status")
) -> str:
    """ "20 from United Kingdom (new, signed/ordered)": the quantity and the `shown` fields."""
    text = "unknown" if part.quantity is None else f"{part.quantity:,}"
    names = ("platform", "buyer", "seller", "year")
    named = [_words(part, n) for n in names if n in shown and getattr(part, n) is not None]
    details = [
        _words(part, n) if getattr(part, n) is not None else f"{n} unknown"
        for n in ("condition", "status", "year")
        if n in shown and (n != "year" or part.year is None)
    ]
    text = " ".join([text, *named])
    return f"{text} ({', '.join(details)})" if details else text


def describe_shared(parts: Sequence[TotalPart], by: GroupBy | None = None) -> str:
    """What every deal of a group has in common: "all from Russia, new" ("" if nothing)."""
    own = _GROUP_FIELD.get(by) if by is not None else None
    varying = set(varying_fields(parts, by))
    shared = [
        _words(parts[0], name)
        for name in ("buyer", "seller", "year", "condition")
        if name != own and name not in varying and getattr(parts[0], name) is not None
    ]
    return f"all {', '.join(shared)}" if parts and shared else ""


def describe_group(group: GroupTotal, by: GroupBy | str | None = None) -> str:
    """A totals line after the group's name, its parts named by what tells them apart:
    "(4 deals, all from Russia): 2,400 = 2,000 to India in 1996 + 200 to Malaysia in 2008
    + ...; value unknown"."""
    group_by = GroupBy(by) if by is not None else None
    deals = "deal" if group.deals == 1 else "deals"
    shared = describe_shared(group.parts, group_by) if len(group.parts) > 1 else ""
    heading = f"({group.deals:,} {deals}{', ' + shared if shared else ''})"
    quantity = describe_quantity(group)
    known = [part for part in group.parts if part.quantity is not None]
    if len(group.parts) > 1 and len(known) > 1:
        shown = varying_fields(group.parts, group_by)
        parts = " + ".join(describe_part(part, shown) for part in known)
        quantity = f"{group.quantity:,} = {parts}"
        if group.quantity_unknown:
            deals = "deal" if group.quantity_unknown == 1 else "deals"
            quantity += f", plus {group.quantity_unknown} {deals} of unknown quantity"
    money = describe_money(group)
    return f"{heading}: {quantity}; {money}" if money else f"{heading}: {quantity}"


def format_number(value: Decimal | float | int) -> str:
    """ "1,519", "31", "0.25": thousands separated, no trailing zeros."""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def describe_tiv(total: Decimal | None, per_unit: Decimal | None) -> str | None:
    """SIPRI TIV as it reads: "1,519 million TIV (31 per unit)"; None when unknown."""
    if total is None and per_unit is None:
        return None
    text = f"{format_number(total)} million TIV" if total is not None else "total unknown"
    return f"{text} ({format_number(per_unit)} per unit)" if per_unit is not None else text
