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
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import IO, Any, get_type_hints

from sqlalchemy import (
    Boolean,
    Numeric,
    String,
    Text,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

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
from tracker.read.version import data_version
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
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:  # most cells: as they are
        return value
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


_to_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every record


def write_json(rows: Iterable[DealRow], out: IO[str], *, base_year: int | None = None) -> int:
    """Write rows as a JSON list of deal objects with the CSV's field names."""
    base = base_year_or_default(base_year)
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        # dumps, not dump: dump writes each of a deal's ~170 tokens to the stream on its
        # own (at 100,000 deals 17 million writes, most of an 19 s export).
        out.write(_to_json(row_dict(row, base)))
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
# export (100,000 deals = 4.3 million cells) goes the short way instead: the database
# writes each deal's own cells as CSV text (numbers at their scale, flags, partial dates,
# free text neutralised and quoted by csv.QUOTE_MINIMAL's rule), two runs of cells per
# deal, and lists the ids of its sources; Python adds the names (looked up once per party
# and platform), the sources cell (labels made once per source, ranked in the database's
# own order) and the constant-USD cells (one rule per currency and price year), and
# writes the lines a batch at a time. csv.writer is not used: it alone took longer than
# the whole export's target. tests/test_exports.py checks that both paths write the same
# bytes on SQLite and PostgreSQL.

_CSV_BATCH = 2000  # lines per write
_NEEDS_QUOTES = re.compile('[",\r\n]').search


def _csv_field(text: str) -> str:
    """A text as csv.writer (QUOTE_MINIMAL) writes it."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


def _empty_if_null(column: Any, cell: ColumnElement[str]) -> ColumnElement[str]:
    return case((column.is_(None), literal("")), else_=cell)


def _text_sql(column: Any) -> ColumnElement[str]:
    """A free-text cell: `neutralise`, then quoted like `_csv_field`."""
    safe = case(
        (func.substr(column, 1, 1, type_=String).in_(_PREFIXED), literal("'") + column),
        else_=column,
    )
    quoted = literal('"') + func.replace(safe, '"', '""', type_=String) + literal('"')
    # The text itself, not `safe`: the prefix adds no such character, and SQLite would
    # work `safe` out again for each test.
    needs_quotes = or_(*(column.contains(character) for character in '",\r\n'))
    return case((column.is_(None), literal("")), (needs_quotes, quoted), else_=safe)


def _cell_sql(column: Any, postgres: bool) -> ColumnElement[str]:
    """A number, flag or code cell: SQLite keeps NUMERIC as REAL (printf at the column's
    scale gives the stored decimal back: the limits keep amounts within 15 significant
    digits), PostgreSQL's numeric text already has the scale; flags are true/false."""
    kind = column.type
    if isinstance(kind, Boolean):
        return case((column, literal("true")), else_=literal("false"))
    if isinstance(kind, Numeric):
        number = (
            cast(column, Text) if postgres
            else func.printf(f"%.{kind.scale}f", column, type_=String)
        )  # fmt: skip
        return _empty_if_null(column, number)
    return func.coalesce(cast(column, String), literal(""))


def _date_sql(column: Any, precision: Any, postgres: bool) -> ColumnElement[str]:
    """A partial date cell: 1986, 1986-05 or 1986-05-17 as its precision says."""
    text = func.to_char(column, "YYYY-MM-DD", type_=String) if postgres else column
    length = case((precision == "year", 4), (precision == "month", 7), else_=10)
    return _empty_if_null(column, func.substr(text, 1, length, type_=String))


def _joined(postgres: bool, *cells: ColumnElement[str]) -> ColumnElement[str]:
    """Adjacent cells as one text, as they stand in the line. SQLite: one printf of them
    all (a chain of || builds each prefix of the line in turn: 0.12 s of 0.8 s for
    100,000 deals); no cell is NULL, so printf's NULL-as-empty never applies."""
    if not postgres:
        return func.printf(",".join(["%s"] * len(cells)), *cells, type_=String)
    joined = cells[0]
    for cell in cells[1:]:
        joined = joined + literal(",") + cell
    return joined


def _cited_sql() -> ColumnElement[str]:
    """SQLite: the ids of a deal's sources as text ("12", or "12,40,12" in no particular
    order), NULL without any, listed through the citations' deal index in the deal's own
    row: cheaper than a second stream of citations merged in Python."""
    cited = select(func.group_concat(cast(Citation.source_id, String), ",")).where(
        Citation.deal_id == Deal.id
    )
    return cited.scalar_subquery()


def _cited_by_deal(deal_ids: Any) -> Any:
    """PostgreSQL: the same lists in one grouped pass over the filtered deals' citations,
    to join to the deals (a subquery per deal, SQLite's way, made PostgreSQL's export a
    fifth slower in wall time)."""
    ids = func.string_agg(cast(Citation.source_id, String), ",")
    return (
        select(Citation.deal_id, ids.label("ids"))
        .where(Citation.deal_id.in_(deal_ids))
        .group_by(Citation.deal_id)
        .subquery("cited")
    )


def _deal_columns(postgres: bool, cited: Any) -> tuple[Any, ...]:
    """What the export reads per deal: ids to look names up by, the two runs of cells the
    database writes (before and after the sources cell), its sources' ids, and the raw
    value columns the constant-USD cells are worked out from."""

    def cell(column: Any) -> ColumnElement[str]:
        return _cell_sql(column, postgres)

    def date(column: Any, precision: Any) -> ColumnElement[str]:
        return _date_sql(column, precision, postgres)

    return (
        Deal.id, Deal.buyer_id, Deal.seller_id, Deal.platform_id,
        _joined(
            postgres,
            cell(Deal.quantity_ordered), cell(Deal.quantity_delivered), cell(Deal.condition),
            cell(Deal.value_amount), cell(Deal.value_currency), cell(Deal.value_year),
            cell(Deal.status), date(Deal.order_date, Deal.order_date_precision),
        ),
        _joined(
            postgres, _text_sql(Deal.quantity_unit), cell(Deal.quantity_ordered_estimated),
            cell(Deal.quantity_delivered_estimated), cell(Deal.value_kind),
            cell(Deal.value_at_least), _text_sql(Deal.programme), cell(Deal.local_production),
            cell(Deal.order_date_estimated),
            date(Deal.first_delivery_date, Deal.first_delivery_precision),
            date(Deal.last_delivery_date, Deal.last_delivery_precision),
            cell(Deal.deliveries_expected), cell(Deal.tiv_per_unit), cell(Deal.tiv_total_order),
            cell(Deal.tiv_delivered), _text_sql(Deal.notes), _text_sql(Deal.ref),
            cell(Deal.delivered_exceeds_ordered), cell(Deal.delivery_dates_estimated),
            _text_sql(Deal.value_source), _text_sql(Deal.description),
            cell(Deal.value_amount_high), cell(Deal.tiv_new_unit),
        ),
        cited,
        Deal.value_amount, Deal.value_currency, Deal.value_year, Deal.order_year,
    )  # fmt: skip


def _raw_columns(columns: Iterable[Any]) -> list[Any]:
    """The columns as the driver returns them: SQLite's ISO strings, 0/1 and floats,
    PostgreSQL's dates, booleans and Decimals; the cell functions below take either."""
    return [type_coerce(column, String).label(f"c{index}") for index, column in enumerate(columns)]


def _raw_partial(value: Any, precision: str | None) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else value.isoformat()
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    return text[:10]


def _raw_scaled(value: Any, places: int) -> str:
    # SQLite hands back the REAL or INTEGER it stored: formatting at the column's scale is
    # what SQLAlchemy's Numeric does before making the Decimal the other path prints.
    return "" if value is None else f"{value:.{places}f}"


def _raw_text(value: str | None) -> str:
    return "" if value is None else _csv_field(neutralise(value))


def _names(session: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Each party's "name,ISO3" and kind cells and each platform's "designation,category"
    cells, made safe for a spreadsheet once here rather than once per deal."""
    parties, kinds = {}, {}
    for party_id, name, iso3, kind in session.execute(
        select(Party.id, Party.name, Party.iso3, Party.kind)
    ):
        parties[party_id] = _csv_field(neutralise(name)) + "," + _raw_text(iso3)
        kinds[party_id] = kind.value
    platforms = {
        platform_id: _csv_field(neutralise(designation)) + "," + _raw_text(category)
        for platform_id, designation, category in session.connection().execute(
            select(*_raw_columns((Platform.id, Platform.designation, Platform.category)))
        )
    }
    return parties, kinds, platforms


def _source_labels(session: Session) -> tuple[dict[str, str], dict[str, int]]:
    """Every source's label and its rank in the order a deal lists its sources (the
    database's own order, as rows.source_labels sorts them), by its id as text (as
    `_cited_sql` and `_cited_by_deal` list them)."""
    columns = (Source.id, Source.publisher, Source.title, Source.published_date)
    stmt = select(*_raw_columns(columns)).order_by(
        Source.published_date, Source.title, Source.publisher, Source.id
    )
    labels, ranks = {}, {}
    for rank, (source_id, publisher, title, published) in enumerate(
        session.connection().execute(stmt.execution_options(yield_per=5000))
    ):
        when = _raw_partial(published, "day") if published else None
        key = str(source_id)
        labels[key], ranks[key] = source_label(publisher, title, when), rank
    return labels, ranks


def _sources_cells(session: Session) -> Callable[[str | None], str]:
    """The sources cell of a deal's source ids (`_cited_sql`): each source labelled once;
    the cell of a single source (most deals') made once, like the labels one entry per
    source; a list of sources ranked and joined for its deal."""
    labels, ranks = _source_labels(session)
    single: dict[str, str] = {}

    def cell(cited: str | None) -> str:
        if cited is None:
            return ""
        made = single.get(cited)
        if made is not None:
            return made
        if "," not in cited:
            made = single[cited] = _raw_text(labels[cited])
            return made
        ranked = sorted(set(cited.split(",")), key=ranks.__getitem__)
        return _raw_text(joined_labels(labels[source_id] for source_id in ranked))

    return cell


def _driver_batches(session: Session, stmt: Any, size: int) -> Iterator[Sequence[Any]]:
    """The statement's rows a batch at a time, as the driver returns them. On SQLite the
    driver's own cursor, which steps through the result as it is fetched: SQLAlchemy's
    Row objects cost more than the lines made from them. PostgreSQL needs a server-side
    cursor for bounded memory, which SQLAlchemy reads ahead of: its batches there."""
    connection = session.connection()
    # Setting yield_per on the connection itself (Connection.execution_options changes it
    # in place) makes SQLAlchemy read ahead of any cursor: its batches then.
    read_ahead = connection.get_execution_options().keys() & {"yield_per", "stream_results"}
    if connection.dialect.name != "sqlite" or read_ahead:
        yield from connection.execute(stmt.execution_options(yield_per=size)).partitions()
        return
    result = connection.execute(stmt)
    try:
        while batch := result.cursor.fetchmany(size):
            yield batch
    finally:
        result.close()


@cache
def _usd_rule(currency: str, value_year: Any, order_year: Any, base: int) -> UnitRule:
    """`unit_rule` of a raw row's cells, its basis made a CSV cell once: an export looks
    up one rule per (currency, price year), not one conversion per deal."""
    rule = unit_rule(
        currency, None if value_year is None else int(value_year),
        None if order_year is None else int(order_year), base,
    )  # fmt: skip
    if isinstance(rule, str):
        return f",{base},{_raw_text(rule)}"
    return (rule[0], rule[1], f",{base},{_raw_text(rule[2])}")


def _usd_cells(amount: str, currency: str, value_year: Any, order_year: Any, base: int) -> str:
    """The derived USD cells of a raw row (`amount` the value_amount cell, never empty)."""
    rule = _usd_rule(currency, value_year, order_year, base)
    if isinstance(rule, str):
        return rule
    return f"{constant_usd(Decimal(amount), rule):f}" + rule[2]


def _csv_lines(
    session: Session,
    filters: DealFilters,
    base: int,
    ids: tuple[int | None, int | None] = (None, None),
) -> Iterator[list[str]]:
    """Every filtered live deal (with an id above `ids[0]` and up to `ids[1]`, where given)
    as its CSV line, in id order, a batch of lines at a time, in bounded memory."""
    conditions = [LIVE, *filter_conditions(resolve_filters(session, filters))]
    if ids[0] is not None:
        conditions.append(Deal.id > ids[0])
    if ids[1] is not None:
        conditions.append(Deal.id <= ids[1])
    parties, kinds, platforms = _names(session)
    sources = _sources_cells(session)
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        by_deal = _cited_by_deal(select(Deal.id).where(*conditions))
        columns = _raw_columns(_deal_columns(postgres, by_deal.c.ids))
        stmt = select(*columns).join_from(Deal, by_deal, by_deal.c.deal_id == Deal.id, isouter=True)
    else:
        stmt = select(*_raw_columns(_deal_columns(postgres, _cited_sql())))
    stmt = stmt.where(*conditions).order_by(Deal.id)
    for batch in _driver_batches(session, stmt, _CSV_BATCH):
        yield [
            ",".join((
                str(deal_id), parties[buyer], parties[seller], platforms[platform], before,
                sources(cited), after, kinds[buyer], kinds[seller],
                _usd(amount, currency, year, order, base),
            ))
            for deal_id, buyer, seller, platform, before, after, cited, amount, currency, year,
                order in batch
        ]  # fmt: skip


def _usd(amount: Any, currency: str | None, year: Any, order: Any, base: int) -> str:
    """The line's derived USD cells."""
    if amount is None or not currency:
        return ",,"
    return _usd_cells(_raw_scaled(amount, 2), currency, year, order, base)


def export_csv(
    session: Session,
    filters: DealFilters,
    out: IO[str],
    *,
    bom: bool = True,
    base_year: int | None = None,
) -> int:
    """Write every filtered deal as CSV (the data dictionary's columns), values also in
    constant USD of `base_year` (default: the latest complete year); returns the count.
    Lines go out a batch at a time: memory stays flat however many deals there are."""
    base = base_year_or_default(base_year)
    out.write((UTF8_BOM if bom else "") + ",".join(EXPORT_COLUMNS) + "\r\n")
    split = _two_process_split(session, filters)
    if split is None:
        return _write_lines(out, _csv_lines(session, filters, base))
    return _export_in_two(session, filters, base, out, split)


def _write_lines(out: IO[str], batches: Iterable[list[str]]) -> int:
    count = 0
    for lines in batches:
        out.write("\r\n".join(lines) + "\r\n")
        count += len(lines)
    return count


# --- a large CSV export on two cores -----------------------------------------------------
#
# On SQLite, reading and formatting 100,000 deals is one core's work (about 1.1 s). A
# large export from a single-threaded process (the CLI) forks once: the child writes the
# deals above the median id to a temporary file while this process writes those up to
# it, then this process appends the child's lines. Each side reads in its own
# transaction; both read the data version (bumped by every write) and the child's lines
# are used only when they saw the same one, else this process writes them itself. A
# server (several threads: forking one is unsafe) or PostgreSQL exports in one process.

PARALLEL_CSV_FROM = 20_000  # deals; below this the fork costs more than it saves


def _fork_safe() -> bool:
    """A second core, and one thread: a forked copy of a threaded process can hang on a
    lock another thread held."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


def _two_process_split(session: Session, filters: DealFilters) -> tuple[int, int] | None:
    """(the median id, the data version) when this export is worth splitting, else None."""
    if session.get_bind().dialect.name != "sqlite" or not _fork_safe():
        return None
    conditions = [LIVE, *filter_conditions(resolve_filters(session, filters))]
    count = session.scalar(select(func.count()).select_from(Deal).where(*conditions)) or 0
    if count < PARALLEL_CSV_FROM:
        return None
    median = session.scalar(
        select(Deal.id).where(*conditions).order_by(Deal.id).offset(count // 2).limit(1)
    )
    return None if median is None else (int(median), data_version(session))


def _export_in_two(
    session: Session, filters: DealFilters, base: int, out: IO[str], split: tuple[int, int]
) -> int:
    median, version = split
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory(prefix="tracker-export-") as folder:
        path = Path(folder) / "second-half.csv"
        pid = os.fork()
        if pid == 0:  # the child: never returns, never touches the parent's streams
            os._exit(_write_second_half(url, filters, base, median, path))
        count = _write_lines(out, _csv_lines(session, filters, base, (None, median)))
        _, status = os.waitpid(pid, 0)
        taken = _copy_half(path, version, out) if os.waitstatus_to_exitcode(status) == 0 else None
        if taken is None:
            return count + _write_lines(out, _csv_lines(session, filters, base, (median, None)))
        return count + taken


def _write_second_half(url: str, filters: DealFilters, base: int, median: int, path: Path) -> int:
    """In the forked child: the deals above `median`, after a line holding the data
    version this side read; 0 when written."""
    try:
        from tracker.config import Settings
        from tracker.store.db import make_engine, make_session_factory

        engine = make_engine(Settings(database_url=url, auto_setup=False))
        with (
            make_session_factory(engine)() as session,
            open(path, "w", encoding="utf-8", newline="") as half,
        ):
            half.write(f"{data_version(session)}\n")
            count = _write_lines(half, _csv_lines(session, filters, base, (median, None)))
        path.with_suffix(".count").write_text(str(count), encoding="utf-8")
        return 0
    except BaseException:  # anything at all: the parent then writes this half itself
        return 1


def _copy_half(path: Path, version: int, out: IO[str]) -> int | None:
    """Append the child's lines to `out` when it read the same data version; their count,
    or None (nothing written) when it did not."""
    counted = path.with_suffix(".count")
    if not counted.exists():
        return None
    with open(path, encoding="utf-8", newline="") as half:
        if half.readline().strip() != str(version):
            return None
        while block := half.read(1 << 20):
            out.write(block)
    return int(counted.read_text(encoding="utf-8"))


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
    """The export as bytes, for download buttons (which need all of them): encoded as
    each batch is written, so the text is never held beside its bytes."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    export_deals(session, filters, fmt, text, base_year=base_year)
    text.flush()
    text.detach()
    return buffer.getvalue()


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
        out.write(_to_json(audit_record(entry)))
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
