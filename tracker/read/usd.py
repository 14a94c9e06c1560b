"""Deal values in US dollars: nominal of their price year and constant of a base year.

The conversion rules (rates, CPI-U, the price year) live in `tracker.fx`; this module
reads the values and keeps them apart by kind. A contract value, a notified ceiling, an
estimate, offsets, aid, a package's value and a loan answer different questions, so they
are separate lines and never one sum. A value stated as "at least" makes its line "at
least". What cannot be converted is counted with its reason, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.domain.money import format_amount
from tracker.domain.vocab import Category, counted
from tracker.errors import FieldError, InvalidInput
from tracker.fx import (
    Conversion,
    NotConvertible,
    cpi_u,
    latest_complete_year,
    to_constant_usd,
)
from tracker.fx.convert import NO_PRICE_YEAR, group_factor
from tracker.fx.cpi import cpi_years
from tracker.fx.model import CENT, WORKING_PRECISION
from tracker.read.filters import (
    LIVE,
    DealFilters,
    ResolvedFilters,
    conditions_for,
    resolve_filters,
)
from tracker.read.rows import Buyer, DealRow, Seller, base_select
from tracker.read.totals import GroupBy, group_column, group_names
from tracker.store import money_cells
from tracker.store.models import Deal, DealMoney, Platform
from tracker.store.money_cells import FACT_KINDS, PRICE_YEAR

Filters = DealFilters | ResolvedFilters

UNSPECIFIED = "unspecified"
# Lines in the order they are shown; money facts share a line with the value kind of the
# same name (offsets stated as the deal's value or beside it are both offsets).
KIND_LABELS = {
    "contract": "contract values",
    "estimate": "estimates",
    "notified_ceiling": "notified ceilings",
    "offset": "offsets",
    "package": "values of the larger package",
    "aid": "aid",
    "loan": "loans",
    UNSPECIFIED: "values of unstated kind",
}


def base_year_or_default(base_year: int | None) -> int:
    """The base year asked for, or the latest complete year; refused without a CPI-U."""
    if base_year is None:
        return latest_complete_year()
    if cpi_u(base_year) is None:
        first, last = cpi_years()
        message = f"has no US CPI-U annual average (the shipped table covers {first}-{last})"
        raise InvalidInput([FieldError("base_year", base_year, message)])
    return base_year


def value_in_usd(
    amount: Decimal, currency: str, price_year: int | None, base_year: int
) -> Conversion | NotConvertible:
    """One amount in constant USD of `base_year`, or why it cannot be converted."""
    if price_year is None:
        return NotConvertible(amount, currency, None, NO_PRICE_YEAR)
    return to_constant_usd(amount, currency, price_year=price_year, base_year=base_year)


def _kind(value: Any) -> str:
    return UNSPECIFIED if value is None else str(getattr(value, "value", value))


# --- one deal at a time: the deal page, the CLI listing, exports ----------------------------


@dataclass(frozen=True)
class DealValueUsd:
    """A deal's value (or a money fact about it) with its constant-USD figure and basis."""

    deal_id: int
    platform: str
    buyer: str
    seller: str
    kind: str
    amount: Decimal
    currency: str
    at_least: bool
    price_year: int | None
    base_year: int
    usd_nominal: Decimal | None
    usd_constant: Decimal | None
    basis: str | None  # "USD→USD 1 (no conversion) × CPI-U 2025/2017 1.313410"
    not_converted: str | None  # the reason, when usd_constant is None

    @property
    def stated(self) -> str:
        """ "$2.5 billion (2017)", "at least $10 billion (price year unknown)"."""
        year = "price year unknown" if self.price_year is None else str(self.price_year)
        text = f"{format_amount(self.amount, self.currency)} ({year})"
        return f"at least {text}" if self.at_least else text


def _value_rows(session: Session, filters: Filters) -> Select[Any]:
    names = (Deal.id, Platform.designation, Buyer.name, Seller.name)
    return base_select(
        *names, Deal.value_kind, Deal.value_amount, Deal.value_currency,
        Deal.value_at_least, PRICE_YEAR,
    ).where(*conditions_for(session, filters), Deal.value_amount.is_not(None))  # fmt: skip


def _fact_rows(session: Session, filters: Filters) -> Select[Any]:
    names = (Deal.id, Platform.designation, Buyer.name, Seller.name)
    return (
        base_select(
            *names, DealMoney.kind, DealMoney.amount, DealMoney.currency,
            DealMoney.at_least, PRICE_YEAR,
        )
        .join(DealMoney, DealMoney.deal_id == Deal.id)
        .where(*conditions_for(session, filters), DealMoney.kind.in_(FACT_KINDS))
    )  # fmt: skip


def _outcome(result: Conversion | NotConvertible) -> tuple[Decimal | None, str | None, str | None]:
    """(constant USD, basis, reason not converted) of one conversion."""
    if isinstance(result, Conversion):
        return result.usd_constant, result.basis, None
    return None, None, result.reason


def deal_values_usd(
    session: Session, filters: Filters, *, base_year: int | None = None, limit: int = 1000
) -> list[DealValueUsd]:
    """Each filtered deal's value and money facts in constant USD, by deal id, up to
    `limit` of each (a listing to read, not to total: totals are `usd_totals`)."""
    base = base_year_or_default(base_year)
    found: list[DealValueUsd] = []
    # Facts in the order of their own deal id: the database then reads the few facts
    # first rather than every deal looking for facts (seconds at a million deals).
    ordered = (
        _value_rows(session, filters).order_by(Deal.id),
        _fact_rows(session, filters).order_by(DealMoney.deal_id),
    )
    for stmt in ordered:
        for (
            deal_id,
            platform,
            buyer,
            seller,
            kind,
            amount,
            currency,
            at_least,
            year,
        ) in session.execute(stmt.limit(limit)):
            result = value_in_usd(amount, currency, year, base)
            found.append(
                DealValueUsd(
                    deal_id, platform, buyer, seller, _kind(kind), amount, currency,
                    bool(at_least), year, base, result.usd_nominal, *_outcome(result),
                )
            )  # fmt: skip
    return sorted(found, key=lambda value: (value.deal_id, list(KIND_LABELS).index(value.kind)))


# --- a deal's own value, one row at a time: exports and the deal page -----------------------

NOT_CONVERTED = "not converted"
_EXACT = Context(prec=WORKING_PRECISION, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
class ValueUsd:
    """A deal's own value in constant USD of `base_year`, with the basis of the figure:
    "EUR→USD 1.12968 (ECB 2017 average) × CPI-U 2025/2017 1.313410; price year = order
    year 2017", or "not converted: no exchange rate for EGP in 2017; ..."."""

    base_year: int
    usd_constant: Decimal | None
    basis: str
    at_least: bool = False

    @property
    def summary(self) -> str:
        """ "≈ $3.28 billion in 2025 dollars — <basis>", or the basis saying why not."""
        if self.usd_constant is None:
            return self.basis
        amount = format_amount(self.usd_constant, "USD")
        least = "at least " if self.at_least else ""
        return f"≈ {least}{amount} in {self.base_year} dollars — {self.basis}"


def price_year_note(value_year: int | None, order_year: int | None) -> tuple[int | None, str]:
    """The price year (the deal's own, else its order year) and where it comes from."""
    if value_year is not None:
        return value_year, f"price year {value_year} (the deal's stated price year)"
    if order_year is not None:
        return order_year, f"price year = order year {order_year} (no price year stated)"
    return None, ""


UnitRule = tuple[Decimal, Decimal, str] | str


@cache
def unit_rule(
    currency: str, value_year: int | None, order_year: int | None, base_year: int
) -> UnitRule:
    """(numerator, denominator, basis) of constant USD per unit, or the not-converted
    text: worked out once per currency, price year and base year, so an export of a
    million deals looks up a few hundred rules rather than converting each deal afresh."""
    year, note = price_year_note(value_year, order_year)
    if year is None:
        return f"{NOT_CONVERTED}: {NO_PRICE_YEAR}"
    unit = to_constant_usd(Decimal(1), currency, price_year=year, base_year=base_year)
    if isinstance(unit, NotConvertible):
        return f"{NOT_CONVERTED}: {unit.reason}; {note}"
    cpi_base, cpi_price = cpi_u(base_year), cpi_u(year)
    assert cpi_base is not None and cpi_price is not None  # or unit were NotConvertible
    numerator = _EXACT.multiply(unit.rate.numerator, cpi_base)
    denominator = _EXACT.multiply(unit.rate.denominator, cpi_price)
    return numerator, denominator, f"{unit.basis}; {note}"


def value_usd(
    amount: Decimal,
    currency: str,
    *,
    value_year: int | None,
    order_year: int | None,
    base_year: int,
    at_least: bool = False,
) -> ValueUsd:
    """One deal value in constant USD of `base_year` (exactly as `to_constant_usd`, to
    the cent), with its basis; `base_year` as `base_year_or_default` returned it."""
    rule = unit_rule(currency, value_year, order_year, base_year)
    if isinstance(rule, str):
        return ValueUsd(base_year, None, rule, at_least)
    return ValueUsd(base_year, constant_usd(amount, rule), rule[2], at_least)


def constant_usd(amount: Decimal, rule: tuple[Decimal, Decimal, str]) -> Decimal:
    """`amount` × the rule's exact factor, rounded to the cent once (half to even)."""
    exact = _EXACT.divide(_EXACT.multiply(amount, rule[0]), rule[1])
    return _EXACT.quantize(exact, CENT)


def row_value_usd(row: DealRow, base_year: int) -> ValueUsd | None:
    """A listed deal's own value in constant USD, or None when it states no value."""
    if row.value_amount is None or row.value_currency is None:
        return None
    order_year = int(row.order_date[:4]) if row.order_date else None
    return value_usd(
        row.value_amount, row.value_currency, value_year=row.value_year,
        order_year=order_year, base_year=base_year, at_least=row.value_at_least,
    )  # fmt: skip


# --- totals: one line per group and kind --------------------------------------------------


@dataclass(frozen=True)
class CurrencyPart:
    """What one currency adds to a line: its own sum and that sum in constant USD."""

    currency: str
    amount: Decimal
    usd_constant: Decimal
    deals: int


@dataclass(frozen=True)
class Unconverted:
    currency: str
    price_year: int | None
    amount: Decimal
    deals: int
    at_least: bool
    reason: str


@dataclass
class UsdLine:
    """Values of one kind in one group, in constant USD of the report's base year."""

    key: Any  # the group's name; "all" for the whole selection
    kind: str
    usd_constant: Decimal = Decimal(0)
    converted_deals: int = 0
    at_least: bool = False  # a converted value was stated as "at least"
    currencies: list[CurrencyPart] = field(default_factory=list)  # largest in USD first
    not_converted: list[Unconverted] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def not_converted_deals(self) -> int:
        return sum(part.deals for part in self.not_converted)

    @property
    def valued_deals(self) -> int:
        return self.converted_deals + self.not_converted_deals


@dataclass(frozen=True)
class UsdReport:
    base_year: int
    by: GroupBy | None
    lines: list[UsdLine]


def _grouped(key: Any, kind: Any, amount: Any, currency: Any, at_least: Any, count: Any) -> Any:
    return (key, kind, currency, PRICE_YEAR, at_least, func.sum(amount), count)


def _value_sums(session: Session, filters: Filters, by: GroupBy | None) -> Select[Any]:
    key = group_column(by) if by else None
    columns = _grouped(
        key, Deal.value_kind, Deal.value_amount, Deal.value_currency, Deal.value_at_least,
        func.count(),
    )  # fmt: skip
    return _summed(select(*[c for c in columns if c is not None]), session, filters, by).where(
        Deal.value_amount.is_not(None)
    )


def _fact_sums(session: Session, filters: Filters, by: GroupBy | None) -> Select[Any]:
    key = group_column(by) if by else None
    columns = _grouped(
        key, DealMoney.kind, DealMoney.amount, DealMoney.currency, DealMoney.at_least,
        func.count(func.distinct(DealMoney.deal_id)),
    )  # fmt: skip
    stmt = select(*[c for c in columns if c is not None]).select_from(DealMoney)
    stmt = stmt.join(Deal, Deal.id == DealMoney.deal_id)
    return _summed(stmt, session, filters, by).where(DealMoney.kind.in_(FACT_KINDS))


def _summed(
    stmt: Select[Any], session: Session, filters: Filters, by: GroupBy | None
) -> Select[Any]:
    if by is GroupBy.CATEGORY:
        stmt = stmt.join(Platform, Platform.id == Deal.platform_id)
    groups = [column for column in stmt.selected_columns][:-2]  # all but the sum and count
    return stmt.where(LIVE, *conditions_for(session, filters)).group_by(*groups)


class _Part(NamedTuple):
    """Values of one kind, currency and "at least" in a group: converted (usd set; one
    or several price years) or not (usd None; one price year, and why). A tuple: a
    table by buyer over a million deals makes ten thousand of them."""

    key: Any
    kind: str
    currency: str
    price_year: int | None
    at_least: bool
    amount: Decimal
    usd: Decimal | None
    deals: int
    reason: str | None = None


def _exact_parts(
    session: Session, filters: Filters, group: GroupBy | None, base: int
) -> list[_Part]:
    """Parts summed from the deals, each (currency, price year) sum converted exactly."""
    parts: list[_Part] = []
    for stmt in (_value_sums(session, filters, group), _fact_sums(session, filters, group)):
        for row in session.execute(stmt):
            key = row[0] if group else "all"
            kind, currency, year, at_least, amount, deals = row[1:] if group else row
            summed = Decimal(amount)
            factor = NO_PRICE_YEAR if year is None else group_factor(currency, year, base)
            reason = factor if isinstance(factor, str) else None
            usd = None if isinstance(factor, str) else constant_usd(summed, (*factor, ""))
            parts.append(_Part(key, _kind(kind), currency, year, bool(at_least), summed, usd,
                               int(deals), reason))  # fmt: skip
    return parts


_CELL_GROUPS = {GroupBy.YEAR: "year", GroupBy.BUYER: "buyer", GroupBy.SELLER: "seller",
                GroupBy.CATEGORY: "category"}  # fmt: skip


def _cell_parts(
    session: Session, resolved: ResolvedFilters, group: GroupBy | None, base: int
) -> list[_Part] | None:
    """The same parts from the money cells (`tracker.store.money_cells`), converted in
    the database once per currency and price year; None when the cells do not answer
    these filters or this grouping. Sums of a group agree with `_exact_parts` to within
    rounding: the database converts in binary floating point, to a fraction of a cent."""
    by = _CELL_GROUPS.get(group) if group else None
    plain = resolved.filters
    if (group and by is None) or not money_cells.covers(plain, by):
        return None
    factors = {}
    for currency, year in money_cells.currencies_and_years(session):
        factor = group_factor(currency, year, base) if year else NO_PRICE_YEAR
        if not isinstance(factor, str):
            factors[(currency, year)] = float(factor[0] / factor[1])
    rows = money_cells.money_sums(
        session,
        by=by,
        buyer_ids=resolved.buyer_ids,
        seller_ids=resolved.seller_ids,
        categories={c.value for c in plain.categories} if plain.categories else None,
        statuses={str(s) for s in plain.statuses} if plain.statuses else None,
        ordered=(plain.year_from, plain.year_to),
        delivered=(plain.delivered_from, plain.delivered_to),
        factors=factors,
    )
    width = 1 if group else 0
    parts = []
    for row in rows:
        key = _cell_key(group, row[0]) if group else "all"
        kind, currency, year, at_least, usd_cents, cents, deals = row[width:]
        kind, amount = _kind(kind or None), _from_cents(cents)
        if year == -1:  # converted
            usd = _from_cents(usd_cents)
            parts.append(_Part(key, kind, currency, None, bool(at_least), amount, usd, deals))
            continue
        reason = NO_PRICE_YEAR if not year else str(group_factor(currency, year, base))
        parts.append(_Part(key, kind, currency, year or None, bool(at_least), amount, None,
                           deals, reason))  # fmt: skip
    return parts


def _from_cents(cents: Any) -> Decimal:
    """A sum of cents as the database gives it (a float or a Decimal) in units, rounded
    to the cent (half to even)."""
    return Decimal(round(cents)).scaleb(-2)


def _cell_key(group: GroupBy, key: Any) -> Any:
    """A cell's group key as the exact queries give it: no year as None, categories as such."""
    if group is GroupBy.YEAR:
        return key or None
    return Category(key) if group is GroupBy.CATEGORY else key


def _add(line: UsdLine, parts: Iterable[_Part]) -> None:
    """Add each part into the line: converted ones currency by currency, the rest apart."""
    # currency -> [amount, constant USD, deals], in one pass (a table by buyer over a
    # million deals adds ten thousand parts)
    sums: dict[str, list[Any]] = {}
    for part in parts:
        if part.usd is None:
            line.not_converted.append(
                Unconverted(part.currency, part.price_year, part.amount, part.deals,
                            part.at_least, part.reason or "")
            )  # fmt: skip
            continue
        summed = sums.get(part.currency)
        if summed is None:
            sums[part.currency] = [part.amount, part.usd, part.deals]
        else:
            summed[0] += part.amount
            summed[1] += part.usd
            summed[2] += part.deals
        line.at_least = line.at_least or part.at_least
    for currency, (amount, usd, deals) in sums.items():
        line.currencies.append(CurrencyPart(currency, amount, usd, deals))
        line.usd_constant += usd
        line.converted_deals += deals
    line.currencies.sort(key=lambda part: (-part.usd_constant, part.currency))
    line.not_converted.sort(key=lambda part: (part.currency, part.price_year or 0, part.at_least))


def usd_totals(
    session: Session,
    filters: Filters,
    by: GroupBy | str | None = None,
    *,
    base_year: int | None = None,
) -> UsdReport:
    """Constant-USD totals per group (or of everything) and value kind, with coverage:
    from the money cells when they answer the filters, else from the deals."""
    base = base_year_or_default(base_year)
    group = None if by is None else GroupBy(by)
    resolved = resolve_filters(session, filters)
    parts = _cell_parts(session, resolved, group, base)
    if parts is None:
        parts = _exact_parts(session, resolved, group, base)
    collected: dict[tuple[Any, str], list[_Part]] = defaultdict(list)
    for part in parts:
        collected[(part.key, part.kind)].append(part)
    names = group_names(session, group, [key for key, _ in collected]) if group else {}
    order = list(KIND_LABELS)
    lines = []
    for (key, kind), grouped in collected.items():
        line = UsdLine(names.get(key, key), kind)
        _add(line, grouped)
        lines.append(line)
    lines.sort(key=lambda line: (order.index(line.kind), -line.usd_constant, str(line.key)))
    return UsdReport(base, group, lines)


def _year_runs(years: Iterable[int]) -> str:
    """ "1960–1975, 1980": the years as runs of consecutive years."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][1] + 1 == year:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def summarise_unconverted(parts: Iterable[Unconverted]) -> list[str]:
    """The values that could not be converted, one line per currency and reason rather
    than per price year (a table by buyer over a million deals has thousands of parts):
    "CNY 4.2 billion in 60 values, price years 1960–1998: no exchange rate for CNY in
    those years". Amounts of different price years are added as stated (nominal)."""
    groups: dict[tuple[str, str, bool], list[Unconverted]] = defaultdict(list)
    for part in parts:
        year = None if part.price_year is None else str(part.price_year)
        # The reason names its price year ("... in 2017"): the same reason in other years
        # is the same line.
        reason = part.reason.replace(year, "{year}") if year else part.reason
        groups[(part.currency, reason, part.at_least)].append(part)
    lines = []
    for (currency, reason, at_least), grouped in sorted(groups.items()):
        amount = format_amount(sum((part.amount for part in grouped), Decimal(0)), currency)
        values = sum(part.deals for part in grouped)
        years = [part.price_year for part in grouped if part.price_year is not None]
        text = f"{'at least ' if at_least else ''}{amount} in {values:,} value"
        text += "s" if values != 1 else ""
        if years:
            several = len(set(years)) > 1
            text += f", price year{'s' if several else ''} {_year_runs(years)}"
            reason = reason.replace("{year}", "those years" if several else str(years[0]))
        if len(years) < len(grouped):
            text += " (price year unknown)" if not years else " and no price year"
        lines.append(f"{text}: {reason}")
    return lines


def headline(line: UsdLine, base_year: int, currencies: int = 3) -> str:
    """ "$3.28 billion in 2025 dollars, from 2 of 3 contract values; 1 not convertible;
    largest: €2 billion, $1 billion": the USD total, then the largest currencies by their
    converted amount (never the first ones alphabetically)."""
    if not line.converted_deals:
        values = counted(line.valued_deals, "value")
        return f"{values}, none convertible to {base_year} dollars"
    total = format_amount(line.usd_constant, "USD")
    text = f"{'at least ' if line.at_least else ''}{total} in {base_year} dollars"
    text += f", from {line.converted_deals:,} of {line.valued_deals:,} {line.kind_label}"
    if line.not_converted_deals:
        text += f"; {line.not_converted_deals:,} not convertible"
    largest = [format_amount(part.amount, part.currency) for part in line.currencies]
    if len(largest) > 1:
        text += f"; largest: {', '.join(largest[:currencies])}"
    return text
