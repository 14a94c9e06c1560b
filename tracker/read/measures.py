"""The four measures of a selection of deals (deals, units, SIPRI TIV, constant USD) as
plain tables, so the CLI and the dashboard show the same figures with the same notes.

Each table has machine values (`rows`, for CSV and JSON) and the same rows in words
(`text_rows`, for reading); notes say what a figure includes and where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain.money import format_amount
from tracker.domain.vocab import label
from tracker.errors import FieldError, InvalidInput
from tracker.formatting import describe_group, describe_money, describe_quantity
from tracker.read.filters import DealFilters, ResolvedFilters
from tracker.read.tiv import (
    TIV_LABEL,
    TIV_METHOD_URL,
    Period,
    TivBy,
    format_tiv,
    tiv_ranking,
    tiv_totals,
)
from tracker.read.totals import GroupBy, overall_total, shown_key, totals
from tracker.read.units import units_totals
from tracker.read.usd import (
    DealValueUsd,
    UsdLine,
    deal_values_usd,
    summarise_unconverted,
    usd_totals,
)

Filters = DealFilters | ResolvedFilters
TOTAL = "none"  # --by none: one total for the whole selection


class Measure(StrEnum):
    DEALS = "deals"
    UNITS = "units"
    TIV = "tiv"
    USD = "usd"


# Words users may group by, for every measure: the totals' own, and SIPRI's names.
BY_CHOICES = (*(g.value for g in GroupBy), "supplier", "recipient", TOTAL)
_SIPRI_NAMES = {"supplier": GroupBy.SELLER, "recipient": GroupBy.BUYER}
_TIV_BY = {
    GroupBy.SELLER: TivBy.SUPPLIER,
    GroupBy.BUYER: TivBy.RECIPIENT,
    GroupBy.YEAR: TivBy.YEAR,
    GroupBy.CATEGORY: TivBy.CATEGORY,
    GroupBy.PLATFORM: TivBy.PLATFORM,
}


@dataclass(frozen=True)
class MeasureTable:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    text_rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)  # e.g. each value's basis
    empty: str = "no deals match these filters"  # what to say when there are no rows


def _group(by: str | None) -> GroupBy | None:
    if by is None or by == TOTAL:
        return None
    return _SIPRI_NAMES.get(by) or GroupBy(by)


def measure_table(
    session: Session,
    filters: Filters,
    measure: Measure | str,
    by: str | None = None,
    *,
    base_year: int | None = None,
    details: bool = False,
) -> MeasureTable:
    """One measure of the filtered deals per group (`by`), or in all (`by="none"`);
    `details`: with each constant-USD value and its basis (the CLI lists them; the
    dashboard shows a value's basis on its deal page instead)."""
    group = _group(by)
    chosen = Measure(measure)
    if chosen is Measure.TIV:
        return _tiv_table(session, filters, group)
    if chosen is Measure.USD:
        return _usd_table(session, filters, group, base_year, details=details)
    if chosen is Measure.UNITS:
        return _units_table(session, filters, group)
    return _deals_table(session, filters, group)


def _deals_table(session: Session, filters: Filters, group: GroupBy | None) -> MeasureTable:
    found = [overall_total(session, filters)] if group is None else totals(session, filters, group)
    columns = [group.value if group else "all", "deals", "quantity ordered", "value"]
    rows = [[shown_key(g.key), g.deals, describe_quantity(g), describe_money(g)] for g in found]
    notes = [f"{g.shown} {describe_group(g, group)}" for g in found if len(g.parts) > 1]
    return MeasureTable("Deals", columns, rows, [[str(c) for c in r] for r in rows], notes)


def _units_table(session: Session, filters: Filters, group: GroupBy | None) -> MeasureTable:
    lines = units_totals(session, filters, group)
    # Grouped by category, the group is the category: one column, not two alike.
    keyed = group is not GroupBy.CATEGORY
    columns = [group.value if group else "all"] if keyed else []
    columns += ["category", "unit", "stage", "quantity", "deals", "quantity unknown"]
    rows = [
        [*([shown_key(u.key)] if keyed else []), label(u.category), u.unit or "", u.stage,
         u.quantity, u.deals, u.quantity_unknown]
        for u in lines
    ]  # fmt: skip
    notes = [
        "Units are summed only within one category and one unit of count. 'ordered' is "
        "signed/ordered, delivering or delivered; proposed, negotiating and approved deals "
        "are the pipeline, shown apart."
    ]
    return MeasureTable("Units", columns, rows, [[str(c) for c in r] for r in rows], notes)


def _tiv_table(session: Session, filters: Filters, group: GroupBy | None) -> MeasureTable:
    if group is not None and group not in _TIV_BY:
        reason = "SIPRI TIV is totalled by year, supplier, recipient, category or platform"
        raise InvalidInput([FieldError("by", group.value, reason)])
    tiv_by = None if group is None else _TIV_BY[group]
    report = tiv_totals(session, filters, tiv_by)
    found = report.rows if tiv_by else [report.total] if report.total.deals else []
    column = "delivery year" if tiv_by is TivBy.YEAR else tiv_by.value if tiv_by else "all"
    columns = [column, TIV_LABEL, "deals", "spread evenly"]
    rows = [[r.label, r.tiv.quantize(Decimal("0.001")), r.deals, r.spread > 0] for r in found]
    text = [[r.label, format_tiv(r.tiv), str(r.deals), "yes" if r.spread else ""] for r in found]
    if report.rows:
        text.append(["total", format_tiv(report.total.tiv), str(report.total.deals), ""])
    notes = [
        f"{TIV_LABEL}: SIPRI's trend-indicator value, a measure of volume, not money "
        f"({TIV_METHOD_URL}).",
        *report.notes,
    ]
    empty = "no SIPRI TIV in these deals (TIV comes from imported SIPRI registers)"
    return MeasureTable(TIV_LABEL, columns, rows, text, notes, empty=empty)


def _usd_table(
    session: Session,
    filters: Filters,
    group: GroupBy | None,
    base_year: int | None,
    *,
    details: bool,
) -> MeasureTable:
    report = usd_totals(session, filters, group, base_year=base_year)
    base = report.base_year
    columns = [group.value if group else "all", "kind", f"constant USD ({base})", "deals"]
    columns += ["not converted", "at least"]
    rows = [
        [shown_key(line.key), line.kind, line.usd_constant, line.converted_deals,
         line.not_converted_deals, line.at_least]
        for line in report.lines
    ]  # fmt: skip
    text = [
        [shown_key(line.key), line.kind_label, _usd(line), str(line.converted_deals),
         str(line.not_converted_deals), "yes" if line.at_least else ""]
        for line in report.lines
    ]  # fmt: skip
    notes = [
        f"Constant {base} US dollars: each value at its price year's exchange rate, then "
        f"× US CPI-U {base} / CPI-U of the price year. The price year is the deal's own "
        "price year when a source gives one, else its order year. Value kinds are never "
        "added together.",
        *(
            f"{shown_key(line.key)}, {line.kind_label} not converted: {summary}"
            for line in report.lines
            for summary in summarise_unconverted(line.not_converted)
        ),
    ]
    values = _usd_details(session, filters, base) if details else []
    return MeasureTable(f"Constant {base} US dollars", columns, rows, text, notes, values)


def _usd(line: UsdLine) -> str:
    if not line.converted_deals:
        return "not converted"
    return ("at least " if line.at_least else "") + format_amount(line.usd_constant, "USD")


def _usd_details(session: Session, filters: Filters, base: int) -> list[dict[str, Any]]:
    """Each value with its basis, named as the export columns name them."""
    return [
        {
            "deal_id": value.deal_id,
            "platform": value.platform,
            "buyer": value.buyer,
            "seller": value.seller,
            "kind": value.kind,
            "value": value.stated,
            "value_usd_nominal": value.usd_nominal,
            "value_usd_constant": value.usd_constant,
            "value_usd_base_year": value.base_year,
            "value_conversion_basis": value.basis,
            "not_converted": value.not_converted,
            "summary": _summary(value),
        }
        for value in deal_values_usd(session, filters, base_year=base)
    ]


def _summary(value: DealValueUsd) -> str:
    """ "#1 S-400 Triumf (Turkey from Russia), contract: $2.5 billion (2017) = $3.28
    billion in 2025 dollars [basis]", or the reason it was not converted."""
    deal = f"#{value.deal_id} {value.platform} ({value.buyer} from {value.seller}), {value.kind}"
    if value.usd_constant is None:
        return f"{deal}: {value.stated}, not converted: {value.not_converted}"
    converted = format_amount(value.usd_constant, "USD")
    return f"{deal}: {value.stated} = {converted} in {value.base_year} dollars [{value.basis}]"


def tiv_ranking_table(
    session: Session,
    filters: Filters,
    *,
    by: str = "supplier",
    period: Period = (None, None),
    top: int = 10,
) -> MeasureTable:
    """SIPRI's table of the largest exporters (by supplier) or importers (by recipient)
    over a period of delivery years, with each one's share of the total."""
    ranking = tiv_ranking(session, filters, by=by, period=period, top=top)
    low, high = ranking.period
    span = f"{low or 'first'}–{high or 'last'}" if low or high else "all years"
    role = "exporters" if ranking.by is TivBy.SUPPLIER else "importers"
    columns = ["rank", ranking.by.value, TIV_LABEL, "share"]
    rows: list[list[Any]] = [
        [p.rank, p.name, p.tiv.quantize(Decimal("0.001")), p.share] for p in ranking.rows
    ]
    text = [[str(p.rank), p.name, format_tiv(p.tiv), _percent(p.share)] for p in ranking.rows]
    if ranking.others:
        text.append(
            ["", "others", format_tiv(ranking.others), _percent(ranking.others / ranking.total)]
        )
    text.append(["", "total", format_tiv(ranking.total), "100.0%" if ranking.total else ""])
    notes = [f"Methodology: {TIV_METHOD_URL}"]
    if ranking.spread:
        spread = format_tiv(ranking.spread)
        notes.append(f"{spread} of the total is spread evenly over its delivery years "
                     "(files that give only a deal's total TIV and its years).")  # fmt: skip
    title = f"{TIV_LABEL}: top {top} {role}, deliveries {span}"
    empty = f"no SIPRI TIV delivered in {span} in these deals"
    return MeasureTable(title, columns, rows, text, notes, empty=empty)


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('0.1'))}%"
