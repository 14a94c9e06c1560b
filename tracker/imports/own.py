"""The tracker's own deal lists: the export's CSV columns, or its JSON list of deals.

Export -> import reproduces the same deals (every export column except `deal_id` and
`sources`; each imported deal cites the file row it came from instead).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath
from typing import Any

from tracker.domain.vocab import Category, PartyKind
from tracker.exports import EXPORT_COLUMNS, unneutralise
from tracker.imports.plan import Candidate, ImportRejected, RowProblem
from tracker.write.batch import Origin

REQUIRED = ("buyer", "seller", "platform", "status")
# Export columns whose names differ from DealIn's fields.
RENAMED = {"quantity": "quantity_ordered", "quantity_estimated": "quantity_ordered_estimated"}
NOT_DEAL_FIELDS = {
    "deal_id", "sources", "buyer_iso3", "seller_iso3", "category", "buyer_kind", "seller_kind",
}  # fmt: skip
BOOLEAN_FIELDS = {
    "quantity_estimated", "quantity_delivered_estimated", "value_at_least",
    "local_production", "order_date_estimated", "deliveries_expected",
    "delivered_exceeds_ordered", "delivery_dates_estimated",
}  # fmt: skip
# Deal columns the export carries that DealIn does not take as input.
EXTRA_FIELDS = {"delivery_dates_estimated", "value_source"}


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


def _candidate(
    record: dict[str, Any], row: int, origin: str, line: str
) -> Candidate | list[RowProblem]:
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
            value = unneutralise(value)
            value = value if value != "" else None
        fields[RENAMED.get(column, column)] = value
    if problems:
        return problems
    extras = {name: fields.pop(name) for name in EXTRA_FIELDS if name in fields}
    category = record.get("category")
    try:
        platform_category = Category(category) if category else None
    except ValueError:
        return [RowProblem(row, "category", str(category), "not an armament category")]
    columns = {RENAMED.get(c, c): c for c in record if c}
    kinds = _party_kinds(record, row)
    if isinstance(kinds, RowProblem):
        return [kinds]
    return Candidate(
        row=row,
        fields=fields,
        columns=columns,
        origin=Origin(
            ref=f"{origin}:row:{row}",
            title=f"{PurePath(origin.split(':', 2)[-1]).name}, row {row}",
            text=line,
        ),
        quotes={name: line for name in ("buyer", "seller", "platform", "status")},
        platform_category=platform_category,
        party_kinds=kinds,
        extras=extras,
    )


def _party_kinds(record: dict[str, Any], row: int) -> dict[str, PartyKind] | RowProblem:
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
            return RowProblem(row, f"{role}_kind", text, f"not a kind of party ({allowed})")
        name = unneutralise(str(record.get(role) or ""))
        if kind is not PartyKind.STATE and name:
            kinds[name] = kind
    return kinds


def _check_columns(columns: list[str], where: str) -> None:
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportRejected(f"{where} lacks the required column(s) {', '.join(missing)}")
    unknown = [name for name in columns if name and name not in EXPORT_COLUMNS]
    if unknown:
        raise ImportRejected(
            f"{where} has column(s) that are not in the export's data dictionary: "
            f"{', '.join(unknown)}"
        )


def csv_candidates(text: str, origin: str) -> tuple[list[Candidate], list[RowProblem]]:
    """Candidates from our CSV export; `origin` names the file for source refs."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text))
    _check_columns(list(reader.fieldnames or []), "the CSV header")
    found: list[Candidate] = []
    problems: list[RowProblem] = []
    for record in reader:
        row = reader.line_num
        if None in record or any(value is None for value in record.values()):
            problems.append(RowProblem(row, "row", "", "wrong number of cells (truncated file?)"))
            continue
        line = lines[row - 1] if row - 1 < len(lines) else ""
        result = _candidate(record, row, origin, line)
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
            problems.append(RowProblem(index, "item", str(record)[:40], "expected a deal object"))
            continue
        _check_columns(list(record), f"deal object {index}")
        line = json.dumps(record, ensure_ascii=False, sort_keys=True)
        result = _candidate(record, index, origin, line)
        if isinstance(result, list):
            problems += result
        else:
            found.append(result)
    return found, problems
