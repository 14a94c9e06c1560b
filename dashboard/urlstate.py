"""Filters <-> URL query parameters, so a filtered view is a link that reopens the same.

Pure functions (no Streamlit), so they are unit-tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tracker.domain.vocab import Category, Condition, Status
from tracker.queries import DealFilters

# URL parameter -> DealFilters field. Repeated parameters hold several values.
MULTI_PARAMS = {
    "buyer": "buyers",
    "seller": "sellers",
    "platform": "platforms",
    "category": "categories",
    "status": "statuses",
    "condition": "conditions",
}
VOCABULARIES = {"category": Category, "status": Status, "condition": Condition}
FILTER_PARAMS = (*MULTI_PARAMS, "from", "to", "value", "q")


@dataclass
class ParsedFilters:
    filters: DealFilters
    warnings: list[str] = field(default_factory=list)


def _year(text: str, name: str, warnings: list[str]) -> int | None:
    try:
        year = int(text)
    except ValueError:
        warnings.append(f"Ignored {name}={text!r}: not a year.")
        return None
    if not 1900 <= year <= 2100:
        warnings.append(f"Ignored {name}={text!r}: outside 1900–2100.")
        return None
    return year


def _vocab_values(name: str, values: Sequence[str], warnings: list[str]) -> tuple[str, ...]:
    vocabulary = VOCABULARIES[name]
    allowed = {member.value for member in vocabulary}
    kept = tuple(v for v in values if v in allowed)
    for value in values:
        if value not in allowed:
            warnings.append(f"Ignored {name}={value!r}: not one of {', '.join(sorted(allowed))}.")
    return kept


def filters_from_params(params: Mapping[str, Sequence[str]]) -> ParsedFilters:
    """Read filters from query parameters; bad values are dropped with a warning."""
    warnings: list[str] = []
    data: dict[str, object] = {}
    for name, field_name in MULTI_PARAMS.items():
        values = [v.strip() for v in params.get(name, []) if v.strip()]
        if name in VOCABULARIES:
            data[field_name] = _vocab_values(name, values, warnings)
        else:
            data[field_name] = tuple(dict.fromkeys(values))
    for name, field_name in (("from", "year_from"), ("to", "year_to")):
        years = params.get(name, [])
        if years:
            data[field_name] = _year(years[-1], name, warnings)
    value = (params.get("value") or [""])[-1]
    if value in ("yes", "no"):
        data["has_value"] = value == "yes"
    elif value:
        warnings.append(f"Ignored value={value!r}: use yes or no.")
    text = (params.get("q") or [""])[-1].strip()
    data["text"] = text or None
    filters = DealFilters.model_validate(data)
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        warnings.append("Ignored the year range: 'from' is after 'to'.")
        filters = filters.model_copy(update={"year_from": None, "year_to": None})
    return ParsedFilters(filters, warnings)


def params_from_filters(filters: DealFilters) -> dict[str, list[str]]:
    """The query parameters that reproduce `filters` (only the ones that are set)."""
    params: dict[str, list[str]] = {}
    for name, field_name in MULTI_PARAMS.items():
        values = [getattr(v, "value", v) for v in getattr(filters, field_name)]
        if values:
            params[name] = [str(v) for v in values]
    if filters.year_from is not None:
        params["from"] = [str(filters.year_from)]
    if filters.year_to is not None:
        params["to"] = [str(filters.year_to)]
    if filters.has_value is not None:
        params["value"] = ["yes" if filters.has_value else "no"]
    if filters.text:
        params["q"] = [filters.text]
    return params
