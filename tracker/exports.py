"""CSV and JSON exports of a filtered view: the one export path for CLI and dashboard.

The CSV is safe to open in a spreadsheet: text cells that a spreadsheet would run as a
formula (OWASP "CSV Injection", CWE-1236) are prefixed with an apostrophe. Each deal's
value also comes in constant US dollars of one base year, with the basis of the figure
(derived columns: an import of the export ignores them).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import IO, Any, get_type_hints

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.read.audit import AUDIT_COLUMNS, AuditView, audit_record
from tracker.read.detail import filtered_sources
from tracker.read.filters import LIVE, DealFilters, filter_conditions, resolve_filters
from tracker.read.rows import DealRow, iter_deals, joined_labels, source_label
from tracker.read.totals import totals
from tracker.read.usd import (
    UnitRule,
    ValueUsd,
    base_year_or_default,
    constant_usd,
    row_value_usd,
    unit_rule,
)
from tracker.store.models import Citation, Deal, Party, Platform, Source

# The data dictionary (README "Export columns"): stable names, in this order. The deal's
# own columns first (what an import reads back), then the derived constant-USD ones.
DEAL_COLUMNS: tuple[str, ...] = (
    "deal_id",
    "buyer",
    "buyer_iso3",
    "seller",
    "seller_iso3",
    "platform",
    "category",
    "quantity",
    "quantity_delivered",
    "condition",
    "value_amount",
    "value_currency",
    "value_year",
    "status",
    "order_date",
    "sources",
    "quantity_unit",
    "quantity_estimated",
    "quantity_delivered_estimated",
    "value_kind",
    "value_at_least",
    "programme",
    "local_production",
    "order_date_estimated",
    "first_delivery_date",
    "last_delivery_date",
    "deliveries_expected",
    "tiv_per_unit",
    "tiv_total_order",
    "tiv_delivered",
    "notes",
    "ref",
    "delivered_exceeds_ordered",
    "delivery_dates_estimated",
    "value_source",
    "description",
    "value_amount_high",
    "tiv_new_unit",
    "buyer_kind",
    "seller_kind",
)
assert set(DEAL_COLUMNS) == {f.name for f in dataclasses.fields(DealRow)}
# Worked out from the value on export, never read back (tracker.read.usd has the rules).
USD_COLUMNS: tuple[str, ...] = (
    "value_usd_constant",
    "value_usd_base_year",
    "value_conversion_basis",
)
EXPORT_COLUMNS: tuple[str, ...] = (*DEAL_COLUMNS, *USD_COLUMNS)
_NO_USD = ("", "", "")  # a deal that states no value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text that starts with the apostrophe itself gets one more, so that reading back can
# tell "'=SUM" (a neutralised "=SUM") from a true "'=SUM" (exported as "''=SUM").
_PREFIXED = (*FORMULA_STARTS, "'")
UTF8_BOM = "\ufeff"


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheets: '=HYPERLINK(...)' becomes "'=HYPERLINK(...)".
    (Spreadsheets show a leading apostrophe as "this is text" and hide it.)"""
    return "'" + text if text.startswith(_PREFIXED) else text


def unneutralise(text: str) -> str:
    """Undo `neutralise` when reading a CSV export back: "'=SUM" was "=SUM", "''x" was "'x"."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_PREFIXED) else text


def neutralised_row(cells: Iterable[Any]) -> list[Any]:
    """A CSV row of any report (rejected rows, say) safe to open in a spreadsheet: every
    text cell neutralised, numbers and None as they are."""
    return [neutralise(cell) if isinstance(cell, str) else cell for cell in cells]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


# Each column's cell writer, chosen once from its type rather than sniffed per cell: a
# 100,000-deal export formats 3.5 million cells.
NUMBER_COLUMNS = frozenset(
    {"deal_id", "quantity", "quantity_delivered", "value_amount", "value_year",
     "tiv_per_unit", "tiv_total_order", "tiv_delivered", "value_amount_high", "tiv_new_unit"}
)  # fmt: skip
BOOLEAN_COLUMNS = frozenset(name for name, kind in get_type_hints(DealRow).items() if kind is bool)


def _number_cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _boolean_cell(value: Any) -> str:
    return "true" if value else "false"


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    text = value.value if isinstance(value, Enum) else str(value)
    return neutralise(text)


def _cell_writer(column: str) -> Callable[[Any], str]:
    if column in NUMBER_COLUMNS:
        return _number_cell
    if column in BOOLEAN_COLUMNS:
        return _boolean_cell
    return _text_cell


_CELL_WRITERS = [(column, _cell_writer(column)) for column in DEAL_COLUMNS]


def usd_cells(value: ValueUsd | None) -> Sequence[Any]:
    """The derived columns' CSV cells: empty when the deal states no value; the constant
    figure empty, and the basis saying why, when it cannot be converted."""
    if value is None:
        return _NO_USD
    amount = "" if value.usd_constant is None else f"{value.usd_constant:f}"
    return [amount, value.base_year, neutralise(value.basis)]


def row_dict(row: DealRow, base_year: int) -> dict[str, Any]:
    """One deal as a JSON object: the CSV's field names, numbers as exact strings."""
    record = {column: _plain(getattr(row, column)) for column in DEAL_COLUMNS}
    value = row_value_usd(row, base_year)
    record["value_usd_constant"] = _plain(value.usd_constant) if value else None
    record["value_usd_base_year"] = value.base_year if value else None
    record["value_conversion_basis"] = value.basis if value else None
    return record


def write_csv(
    rows: Iterable[DealRow], out: IO[str], *, bom: bool = True, base_year: int | None = None
) -> int:
    """Write rows as CSV (UTF-8 with BOM by default, for Excel), values also in constant
    USD of `base_year` (default: the latest complete year); returns the row count."""
    base = base_year_or_default(base_year)
    if bom:
        out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        cells = [write(getattr(row, column)) for column, write in _CELL_WRITERS]
        writer.writerow([*cells, *usd_cells(row_value_usd(row, base))])
        count += 1
    return count


def write_json(rows: Iterable[DealRow], out: IO[str], *, base_year: int | None = None) -> int:
    """Write rows as a JSON list of deal objects with the CSV's field names."""
    base = base_year_or_default(base_year)
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        json.dump(row_dict(row, base), out, ensure_ascii=False)
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def export_metadata(
    session: Session, filters: DealFilters, count: int, *, base_year: int | None = None
) -> dict[str, Any]:
    """When, from which filters and from which sources an export was made."""
    sources = [
        {
            "publisher": source.publisher,
            "title": source.title,
            "published": source.published_date.isoformat() if source.published_date else None,
            "url": source.url,
        }
        for source in filtered_sources(session, filters)
    ]
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "generator": f"arms-deal-tracker {__version__}",
        "filters": filters.model_dump(mode="json", exclude_defaults=True),
        "rows": count,
        "columns": list(EXPORT_COLUMNS),
        "value_usd_base_year": base_year_or_default(base_year),
        "sources": sources,
        "credit": "Each row's `sources` column lists the sources its fields are cited to.",
    }


# --- the CSV export of a whole filtered view ------------------------------------------------
#
# write_csv above takes DealRow objects, the shape the table and the CLI list use. A whole
# export (100,000 deals = 3.5 million cells) goes the short way instead: raw column values
# from the driver (no ORM rows, no type conversion), names looked up once per party and
# platform rather than joined per deal, each deal's sources merged in from a second query
# in the same deal order, and only free-text cells checked for formula starts (vocabulary
# values, codes, numbers and dates cannot start with one). tests/test_exports.py checks
# that both paths write the same bytes.

_RAW_COLUMNS = (
    Deal.id, Deal.buyer_id, Deal.seller_id, Deal.platform_id,
    Deal.quantity_ordered, Deal.quantity_delivered, Deal.condition,
    Deal.value_amount, Deal.value_currency, Deal.value_year, Deal.status,
    Deal.order_date, Deal.order_date_precision, Deal.quantity_unit,
    Deal.quantity_ordered_estimated, Deal.quantity_delivered_estimated, Deal.value_kind,
    Deal.value_at_least, Deal.programme, Deal.local_production, Deal.order_date_estimated,
    Deal.first_delivery_date, Deal.first_delivery_precision,
    Deal.last_delivery_date, Deal.last_delivery_precision, Deal.deliveries_expected,
    Deal.tiv_per_unit, Deal.tiv_total_order, Deal.tiv_delivered, Deal.notes, Deal.ref,
    Deal.delivered_exceeds_ordered, Deal.delivery_dates_estimated, Deal.value_source,
    Deal.description, Deal.value_amount_high, Deal.tiv_new_unit, Deal.order_year,
)  # fmt: skip


def _raw_columns(columns: Iterable[Any]) -> list[Any]:
    """The columns as the driver returns them: SQLite's ISO strings, 0/1 and floats,
    PostgreSQL's dates, booleans and Decimals; the cell functions below take either."""
    return [type_coerce(column, String).label(column.key) for column in columns]


def _raw_partial(value: Any, precision: str | None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else value.isoformat()
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    return text[:10]


def _raw_flag(value: Any) -> str:
    return "true" if value else "false"


def _raw_scaled(value: Any, places: int) -> str:
    # SQLite hands back the REAL or INTEGER it stored: formatting at the column's scale is
    # what SQLAlchemy's Numeric does before making the Decimal the other path prints.
    return "" if value is None else f"{value:.{places}f}"


def _raw_text(value: str | None) -> str:
    return "" if value is None else neutralise(value)


def _names(
    session: Session,
) -> tuple[dict[int, tuple[str, str, str]], dict[int, tuple[str, str]]]:
    """(name, ISO3, kind) of every party and (designation, category) of every platform,
    made safe for a spreadsheet once here rather than once per deal."""
    parties = {
        party_id: (neutralise(name), _raw_text(iso3), kind.value)
        for party_id, name, iso3, kind in session.execute(
            select(Party.id, Party.name, Party.iso3, Party.kind)
        )
    }
    platforms = {
        platform_id: (neutralise(designation), category)
        for platform_id, designation, category in session.connection().execute(
            select(*_raw_columns((Platform.id, Platform.designation, Platform.category)))
        )
    }
    return parties, platforms


def _source_label_stream(session: Session, deal_ids: Any) -> Iterator[tuple[int, str]]:
    """(deal id, source labels) for every filtered deal with a source, in deal id order."""
    columns = (Citation.deal_id, Source.publisher, Source.title, Source.published_date)
    stmt = (
        select(*_raw_columns(columns))
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.deal_id.in_(deal_ids))
        .distinct()
        .order_by(Citation.deal_id, Source.published_date, Source.title)
    )
    rows = session.connection().execution_options(yield_per=5000).execute(stmt)
    for deal_id, sources in groupby(rows, key=itemgetter(0)):
        labels = (
            source_label(publisher, title, _raw_partial(published, "day") if published else None)
            for _, publisher, title, published in sources
        )
        yield deal_id, neutralise(joined_labels(labels))


@cache
def _raw_rule(currency: str, value_year: Any, order_year: Any, base: int) -> UnitRule:
    """`unit_rule` of a raw row's cells, its text made safe for a spreadsheet once: an
    export looks up one rule per (currency, price year), not one conversion per deal."""
    rule = unit_rule(
        currency, None if value_year is None else int(value_year),
        None if order_year is None else int(order_year), base,
    )  # fmt: skip
    return neutralise(rule) if isinstance(rule, str) else (rule[0], rule[1], neutralise(rule[2]))


def _raw_value_usd(
    amount: str, currency: str, value_year: Any, order_year: Any, base: int
) -> Sequence[Any]:
    """The derived USD cells of a raw row (`amount` the value_amount cell, never empty)."""
    rule = _raw_rule(currency, value_year, order_year, base)
    if isinstance(rule, str):
        return ("", base, rule)
    return (f"{constant_usd(Decimal(amount), rule):f}", base, rule[2])


def _csv_records(session: Session, filters: DealFilters, base: int) -> Iterator[list[Any]]:
    """Every filtered live deal as its CSV cells, in id order, in bounded memory."""
    conditions = [LIVE, *filter_conditions(resolve_filters(session, filters))]
    parties, platforms = _names(session)
    deals = (
        session.connection()
        .execution_options(yield_per=5000)
        .execute(select(*_raw_columns(_RAW_COLUMNS)).where(*conditions).order_by(Deal.id))
    )
    sources = _source_label_stream(session, select(Deal.id).where(*conditions))
    next_sourced, next_label = next(sources, (None, ""))
    for r in deals:
        deal_id = r[0]
        label = ""
        if next_sourced == deal_id:
            label = next_label
            next_sourced, next_label = next(sources, (None, ""))
        buyer, buyer_iso3, buyer_kind = parties[r[1]]
        seller, seller_iso3, seller_kind = parties[r[2]]
        platform, category = platforms[r[3]]
        amount = _raw_scaled(r[7], 2)
        usd = _raw_value_usd(amount, r[8], r[9], r[37], base) if amount and r[8] else _NO_USD
        yield [
            deal_id, buyer, buyer_iso3, seller, seller_iso3, platform, category,
            r[4], r[5], r[6], amount, r[8], r[9], r[10],
            _raw_partial(r[11], r[12]), label, _raw_text(r[13]), _raw_flag(r[14]),
            _raw_flag(r[15]), r[16], _raw_flag(r[17]), _raw_text(r[18]), _raw_flag(r[19]),
            _raw_flag(r[20]), _raw_partial(r[21], r[22]), _raw_partial(r[23], r[24]),
            _raw_flag(r[25]), _raw_scaled(r[26], 3), _raw_scaled(r[27], 3),
            _raw_scaled(r[28], 3), _raw_text(r[29]), _raw_text(r[30]), _raw_flag(r[31]),
            _raw_flag(r[32]), _raw_text(r[33]), _raw_text(r[34]), _raw_scaled(r[35], 2),
            _raw_scaled(r[36], 3), buyer_kind, seller_kind, *usd,
        ]  # fmt: skip


def export_csv(
    session: Session,
    filters: DealFilters,
    out: IO[str],
    *,
    bom: bool = True,
    base_year: int | None = None,
) -> int:
    """Write every filtered deal as CSV (the data dictionary's columns), values also in
    constant USD of `base_year` (default: the latest complete year); returns the count."""
    base = base_year_or_default(base_year)
    if bom:
        out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for record in _csv_records(session, filters, base):
        writer.writerow(record)
        count += 1
    return count


def export_deals(
    session: Session,
    filters: DealFilters,
    fmt: str,
    out: IO[str],
    *,
    bom: bool = True,
    base_year: int | None = None,
) -> int:
    """Export the filtered deals as "csv" or "json" to a text stream, values also in
    constant USD of `base_year` (default: the latest complete year)."""
    if fmt == "csv":
        return export_csv(session, filters, out, bom=bom, base_year=base_year)
    if fmt == "json":
        base = base_year_or_default(base_year)  # refused before any row is read
        return write_json(iter_deals(session, filters), out, base_year=base)
    raise ValueError(f"unknown export format {fmt!r} (csv or json)")


def export_bytes(
    session: Session, filters: DealFilters, fmt: str, *, base_year: int | None = None
) -> bytes:
    """The export as bytes, for download buttons."""
    buffer = io.StringIO()
    export_deals(session, filters, fmt, buffer, base_year=base_year)
    return buffer.getvalue().encode("utf-8")


# --- the audit log -----------------------------------------------------------------------


def write_audit(entries: Iterable[AuditView], out: IO[str], fmt: str, *, bom: bool = True) -> int:
    """Audit entries as CSV (changes as a JSON cell; text cells safe for spreadsheets) or
    as a JSON list, for an admin to archive; returns the count."""
    count = 0
    if fmt == "csv":
        out.write(UTF8_BOM if bom else "")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(AUDIT_COLUMNS)
        for entry in entries:
            record = audit_record(entry)
            record["changes"] = json.dumps(record["changes"], ensure_ascii=False)
            writer.writerow(neutralised_row(record[column] for column in AUDIT_COLUMNS))
            count += 1
        return count
    if fmt != "json":
        raise ValueError(f"unknown export format {fmt!r} (csv or json)")
    out.write("[")
    for entry in entries:
        out.write(",\n  " if count else "\n  ")
        json.dump(audit_record(entry), out, ensure_ascii=False)
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


# --- totals ------------------------------------------------------------------------------

TOTALS_COLUMNS = (
    "deals", "quantity_ordered", "deals_quantity_unknown", "quantity_delivered",
    "deals_delivered_unknown", "deals_value_unknown",
)  # fmt: skip


def totals_csv(session: Session, filters: DealFilters, by: str) -> bytes:
    """Every group's totals as CSV (UTF-8 with BOM, formula-safe): the group, its counts,
    and one value column per currency (never added across currencies). Quantities are
    sums over the deals whose quantity is known; the unknown ones are counted beside."""
    groups = totals(session, filters, by, parts_up_to=0)
    currencies = sorted({money.currency for group in groups for money in group.money})
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    value_columns = [f"value_{code}" for code in currencies]
    writer.writerow([by, *TOTALS_COLUMNS, *value_columns, "value_at_least"])
    for group in groups:
        money = {m.currency: m for m in group.money}
        counts = (group.deals, group.quantity, group.quantity_unknown, group.delivered,
                  group.delivered_unknown, group.value_unknown)  # fmt: skip
        values = [_number_cell(money[c].amount) if c in money else "" for c in currencies]
        at_least = " ".join(code for code, m in money.items() if m.at_least)
        writer.writerow([_text_cell(group.label), *counts, *values, at_least])
    return out.getvalue().encode("utf-8")
