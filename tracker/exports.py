"""CSV and JSON exports of a filtered view: the one export path for CLI and dashboard.

The CSV is safe to open in a spreadsheet: text cells that a spreadsheet would run as a
formula (OWASP "CSV Injection", CWE-1236) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum
from typing import IO, Any, get_type_hints

from sqlalchemy.orm import Session

from tracker import __version__
from tracker.queries import DealFilters, DealRow, filtered_sources, iter_deals

# The data dictionary (README "CSV columns"): stable names, in this order.
EXPORT_COLUMNS: tuple[str, ...] = (
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
)
assert set(EXPORT_COLUMNS) == {f.name for f in dataclasses.fields(DealRow)}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheets: '=HYPERLINK(...)' becomes "'=HYPERLINK(...)"."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


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
     "tiv_per_unit", "tiv_total_order", "tiv_delivered"}
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


_CELL_WRITERS = [(column, _cell_writer(column)) for column in EXPORT_COLUMNS]


def row_dict(row: DealRow) -> dict[str, Any]:
    return {column: _plain(getattr(row, column)) for column in EXPORT_COLUMNS}


def write_csv(rows: Iterable[DealRow], out: IO[str], *, bom: bool = True) -> int:
    """Write rows as CSV (UTF-8 with BOM by default, for Excel); returns the row count."""
    if bom:
        out.write(UTF8_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([write(getattr(row, column)) for column, write in _CELL_WRITERS])
        count += 1
    return count


def write_json(rows: Iterable[DealRow], out: IO[str]) -> int:
    """Write rows as a JSON list of deal objects with the CSV's field names."""
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        json.dump(row_dict(row), out, ensure_ascii=False)
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def export_metadata(session: Session, filters: DealFilters, count: int) -> dict[str, Any]:
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
        "sources": sources,
        "credit": "Each row's `sources` column lists the sources its fields are cited to.",
    }


def export_deals(
    session: Session, filters: DealFilters, fmt: str, out: IO[str], *, bom: bool = True
) -> int:
    """Export the filtered deals as "csv" or "json" to a text stream."""
    rows = iter_deals(session, filters)
    if fmt == "csv":
        return write_csv(rows, out, bom=bom)
    if fmt == "json":
        return write_json(rows, out)
    raise ValueError(f"unknown export format {fmt!r} (csv or json)")


def export_bytes(session: Session, filters: DealFilters, fmt: str) -> bytes:
    """The export as bytes, for download buttons."""
    buffer = io.StringIO()
    export_deals(session, filters, fmt, buffer)
    return buffer.getvalue().encode("utf-8")
