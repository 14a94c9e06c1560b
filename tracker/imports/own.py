"""The tracker's own deal lists: the export's CSV columns, or its JSON list of deals.

Export -> import reproduces the same deals (every export column except `deal_id` and
`sources`; each imported deal cites the file row it came from instead).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from tracker.domain.limits import REF_LENGTH, UNIT_LENGTH, text_problem
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import Category, PartyKind
from tracker.errors import InvalidInput
from tracker.exports import EXPORT_COLUMNS, USD_COLUMNS, unneutralise
from tracker.imports.plan import Candidate, ImportRejected, RowProblem
from tracker.write.batch import Origin

REQUIRED = ("buyer", "seller", "platform", "status")
# Export columns whose names differ from DealIn's fields.
RENAMED = {"quantity": "quantity_ordered", "quantity_estimated": "quantity_ordered_estimated"}
# Export columns an import does not read: ids, labels, and what is worked out on export.
NOT_DEAL_FIELDS = {
    "deal_id", "sources", "buyer_iso3", "seller_iso3", "category", "buyer_kind", "seller_kind",
    *USD_COLUMNS,
}  # fmt: skip
BOOLEAN_FIELDS = {
    "quantity_estimated", "quantity_delivered_estimated", "value_at_least",
    "local_production", "order_date_estimated", "deliveries_expected",
    "delivered_exceeds_ordered", "delivery_dates_estimated",
}  # fmt: skip
# Deal columns the export carries that DealIn does not take as input.
EXTRA_FIELDS = {"delivery_dates_estimated", "value_source"}
SHOWN_NAMES = 10  # unknown or repeated column names listed in a message
SHOWN_VALUE = 80  # characters of a value quoted in a message


def shown(value: Any) -> str:
    """A value as a message quotes it: at most SHOWN_VALUE characters."""
    text = str(value)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def looks_like_own_csv(text: str) -> bool:
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    return header.strip().startswith("deal_id,buyer,buyer_iso3")


def _boolean(value: Any, column: str, row: int) -> bool | RowProblem:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0", ""):
        return False
    return RowProblem(row, column, str(value), "expected true or false")


def _row_ref(origin: str, row: int) -> str:
    """ "file:<sha>:<name>:row:<n>", the file's name shortened when the whole would not
    fit the source ref column (a long name is still the same file: the hash says so)."""
    suffix = f":row:{row}"
    ref = origin + suffix
    return ref if len(ref) <= REF_LENGTH else origin[: REF_LENGTH - len(suffix) - 1] + "…" + suffix


def _row_title(origin: str, row: int) -> str:
    name = PurePath(origin.split(":", 2)[-1]).name
    return f"{shown(name) if len(name) > 400 else name}, row {row}"


def _schema_problems(fields: dict[str, Any], row: int, skip: set[str]) -> list[RowProblem]:
    """What DealIn says of the fields not already found wrong (so a row with a bad flag
    still reports its other bad cells)."""
    try:
        DealIn.model_validate({k: v for k, v in fields.items() if k not in skip})
    except ValidationError as exc:
        columns = {new: old for old, new in RENAMED.items()}
        return [
            RowProblem(row, columns.get(name, name), shown(fields.get(name, error.value)),
                       error.message)
            for error in InvalidInput.from_pydantic(exc).errors
            if (name := error.field.split(".")[0]) not in skip
        ]  # fmt: skip
    return []


def _extras_problems(extras: dict[str, Any], row: int) -> list[RowProblem]:
    value = extras.get("value_source")
    if value is None:
        return []
    problem = "expected text" if not isinstance(value, str) else text_problem(value, UNIT_LENGTH)
    return [RowProblem(row, "value_source", shown(value), problem)] if problem else []


def _candidate(
    record: dict[str, Any], row: int, origin: str, line: str, *, neutralised: bool
) -> Candidate | list[RowProblem]:
    """One deal from a record; `neutralised`: the cells were protected for spreadsheets
    (the CSV export), so a leading apostrophe the export added is taken off again."""
    problems = []
    fields: dict[str, Any] = {}
    for column, value in record.items():
        if column in NOT_DEAL_FIELDS or column is None:
            continue
        if column in BOOLEAN_FIELDS:
            parsed = _boolean(value, column, row)
            if isinstance(parsed, RowProblem):
                problems.append(parsed)
                continue
            value = parsed
        elif isinstance(value, str):
            value = unneutralise(value) if neutralised else value
            value = value if value != "" else None
        fields[RENAMED.get(column, column)] = value
    extras = {name: fields.pop(name) for name in EXTRA_FIELDS if name in fields}
    problems += _extras_problems(extras, row)
    category = record.get("category")
    platform_category = None
    try:
        platform_category = Category(category) if category else None
    except (ValueError, TypeError):
        problems.append(RowProblem(row, "category", shown(category), "not an armament category"))
    kinds = _party_kinds(record, row, neutralised=neutralised)
    if isinstance(kinds, RowProblem):
        problems.append(kinds)
    if problems:
        return problems + _schema_problems(fields, row, {p.column for p in problems})
    assert not isinstance(kinds, RowProblem)
    columns = {RENAMED.get(c, c): c for c in record if c}
    return Candidate(
        row=row,
        fields=fields,
        columns=columns,
        origin=Origin(ref=_row_ref(origin, row), title=_row_title(origin, row), text=line),
        quotes={name: line for name in ("buyer", "seller", "platform", "status")},
        platform_category=platform_category,
        party_kinds=kinds,
        extras=extras,
    )


def _listed(names: list[str]) -> str:
    more = f" (and {len(names) - SHOWN_NAMES:,} more)" if len(names) > SHOWN_NAMES else ""
    return ", ".join(repr(shown(name)) for name in names[:SHOWN_NAMES]) + more


def _party_kinds(
    record: dict[str, Any], row: int, *, neutralised: bool
) -> dict[str, PartyKind] | RowProblem:
    """The kind of each party that is not a country: a fresh database learns them here
    (a country comes from the country table, never from a file)."""
    kinds: dict[str, PartyKind] = {}
    for role in ("buyer", "seller"):
        text = str(record.get(f"{role}_kind") or "").strip()
        if not text:
            continue
        try:
            kind = PartyKind(text)
        except ValueError:
            allowed = ", ".join(k.value for k in PartyKind)
            return RowProblem(row, f"{role}_kind", shown(text), f"not a kind of party ({allowed})")
        name = str(record.get(role) or "")
        name = unneutralise(name) if neutralised else name
        if kind is not PartyKind.STATE and name:
            kinds[name] = kind
    return kinds


def _check_columns(columns: list[str], where: str) -> None:
    repeated = [name for name, count in Counter(columns).items() if count > 1]
    if repeated:
        raise ImportRejected(f"{where} names the same column more than once: {_listed(repeated)}")
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportRejected(f"{where} lacks the required column(s) {', '.join(missing)}")
    unknown = [name for name in columns if name and name not in EXPORT_COLUMNS]
    if unknown:
        raise ImportRejected(
            f"{where} has {len(unknown):,} column(s) that are not in the export's data "
            f"dictionary: {_listed(unknown)}"
        )


def _records(text: str) -> Iterator[tuple[int, int, str, list[str]]]:
    """(first line, last line, the record's own text, its cells) per CSV record, counting
    physical lines as the csv module does (a quoted cell may span lines)."""
    physical = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(physical))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # e.g. a cell over csv.field_size_limit() (128 KB): longer than any text field.
            raise ImportRejected(
                f"the CSV cannot be read at line {reader.line_num}: {exc}"
            ) from None
        end = reader.line_num
        yield start, end, "".join(physical[start - 1 : end]).rstrip("\r\n"), cells
        start = end + 1


def csv_candidates(text: str, origin: str) -> tuple[list[Candidate], list[RowProblem]]:
    """Candidates from our CSV export; `origin` names the file for source refs."""
    records = _records(text.lstrip("\ufeff"))
    header = next(records, None)
    columns = header[3] if header else []
    _check_columns(columns, "the CSV header")
    found: list[Candidate] = []
    problems: list[RowProblem] = []
    for row, _end, line, cells in records:
        if not cells:
            continue  # a blank line, as csv.DictReader skips it
        if len(cells) != len(columns):
            problems.append(
                RowProblem(row, "row", f"{len(cells)} cells",
                           f"wrong number of cells: the header has {len(columns)}")
            )  # fmt: skip
            continue
        result = _candidate(dict(zip(columns, cells, strict=True)), row, origin, line,
                            neutralised=True)  # fmt: skip
        if isinstance(result, list):
            problems += result
        else:
            found.append(result)
    return found, problems


def json_candidates(data: list[Any], origin: str) -> tuple[list[Candidate], list[RowProblem]]:
    """Candidates from our JSON export (a list of deal objects)."""
    found: list[Candidate] = []
    problems: list[RowProblem] = []
    for index, record in enumerate(data, 1):
        if not isinstance(record, dict):
            problems.append(RowProblem(index, "item", shown(record), "expected a deal object"))
            continue
        _check_columns(list(record), f"deal object {index}")
        line = json.dumps(record, ensure_ascii=False, sort_keys=True)
        result = _candidate(record, index, origin, line, neutralised=False)
        if isinstance(result, list):
            problems += result
        else:
            found.append(result)
    return found, problems
