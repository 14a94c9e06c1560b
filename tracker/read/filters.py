"""One object owns a filter end to end, as datasette's filters.py does.

`FILTERS` lists every filter once: its field on `DealFilters`, its URL parameter(s), its
command-line option(s), how it reads in words, and the SQL condition it adds. The URL
parser, the CLI options, the description and the query conditions are all made from
that list, so adding a filter is one entry here plus its widget in the sidebar.

Names are resolved once per view (`resolve`): the queries of one page then share the
ids instead of resolving the same names again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from tracker import resolve
from tracker.domain.schemas import EARLIEST_YEAR, LATEST_YEAR
from tracker.domain.vocab import Category, Condition, Status, label
from tracker.errors import FieldError, InvalidInput
from tracker.store.db import unindexed
from tracker.store.models import Citation, Deal, Platform, Source

LIVE = Deal.deleted_at.is_(None)  # soft-deleted deals are left out of every view

FilterYear = Field(default=None, ge=EARLIEST_YEAR, le=LATEST_YEAR)


class DealFilters(BaseModel):
    """What a user filters by: names as typed (any alias), vocabularies, year ranges."""

    model_config = ConfigDict(frozen=True)

    buyers: tuple[str, ...] = ()
    sellers: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    statuses: tuple[Status, ...] = ()
    conditions: tuple[Condition, ...] = ()
    year_from: int | None = FilterYear
    year_to: int | None = FilterYear
    delivered_from: int | None = FilterYear
    delivered_to: int | None = FilterYear
    has_value: bool | None = None
    text: str | None = None


@dataclass(frozen=True)
class ResolvedFilters:
    """Filters with names turned into ids (None: no restriction), ready for SQL."""

    filters: DealFilters
    buyer_ids: frozenset[int] | None
    seller_ids: frozenset[int] | None
    platform_ids: frozenset[int] | None


Kind = Literal["names", "vocabulary", "range", "flag", "text"]
Condition_ = Callable[[Any, ResolvedFilters], ColumnElement[bool] | None]


@dataclass(frozen=True)
class FilterSpec:
    """One filter: where it lives in the model, the URL and the CLI, and what it selects.

    A range filter has two fields, two parameters and two options (from, to)."""

    fields: tuple[str, ...]
    params: tuple[str, ...]
    options: tuple[str, ...]
    kind: Kind
    help: str
    words: str  # "bought by {}" / "ordered {}"
    condition: Condition_
    vocabulary: type[StrEnum] | None = None
    flag_words: tuple[str, str] = ("yes", "no")  # URL values for True / False


# --- the conditions ------------------------------------------------------------------------


def _in(column: Any, ids: frozenset[int] | None) -> ColumnElement[bool] | None:
    if ids is None:
        return None
    return column.in_(sorted(ids)) if ids else false()


def _platforms_where(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """A condition on the platform as a subquery, so filtering needs no join."""
    return Deal.platform_id.in_(select(Platform.id).where(condition))


def _text_condition(text: str) -> ColumnElement[bool]:
    pattern = f"%{text.strip().lower()}%"
    cited_source = (
        select(Citation.id)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.deal_id == Deal.id)
        .where(
            or_(
                func.lower(Source.title).like(pattern),
                func.lower(Source.publisher).like(pattern),
                func.lower(Citation.quote).like(pattern),
            )
        )
        .exists()
    )
    return or_(
        _platforms_where(func.lower(Platform.designation).like(pattern)),
        func.lower(Deal.notes).like(pattern),
        func.lower(Deal.programme).like(pattern),
        func.lower(Deal.description).like(pattern),  # SIPRI's "fighter aircraft", "APC"
        cited_source,
    )


def _categories(values: Sequence[Category], _: ResolvedFilters) -> ColumnElement[bool] | None:
    # A category is a broad filter (aircraft: a quarter of all deals): reading the
    # covering index whole beats fetching each match through the platform index.
    if not values:
        return None
    return unindexed(Deal.platform_id).in_(select(Platform.id).where(Platform.category.in_(values)))


def _between(column: Any) -> Condition_:
    def condition(bounds: tuple[int | None, int | None], _: ResolvedFilters) -> Any:
        low, high = bounds
        parts = [column >= low if low else None, column <= high if high else None]
        kept = [part for part in parts if part is not None]
        return None if not kept else kept[0] if len(kept) == 1 else kept[0] & kept[1]

    return condition


def _delivered_between(
    bounds: tuple[int | None, int | None], _: ResolvedFilters
) -> ColumnElement[bool] | None:
    """Deals with a reported delivery in the years (planned deliveries do not count)."""
    low, high = bounds
    if low is None and high is None:
        return None
    # A deal may state only its first or only its last delivery: each stands for both.
    first = func.coalesce(Deal.first_delivery_date, Deal.last_delivery_date)
    last = func.coalesce(Deal.last_delivery_date, Deal.first_delivery_date)
    parts: list[ColumnElement[bool]] = [first.is_not(None), Deal.deliveries_expected.is_(False)]
    parts += [first <= dt.date(high, 12, 31)] if high else []
    parts += [last >= dt.date(low, 1, 1)] if low else []
    return and_(*parts)


def _has_value(value: bool | None, _: ResolvedFilters) -> ColumnElement[bool] | None:
    if value is None:
        return None
    return Deal.value_amount.is_not(None) if value else Deal.value_amount.is_(None)


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(("buyers",), ("buyer",), ("--buyer",), "names",
               "Buyer name, alias or ISO code (repeatable).", "bought by {}",
               lambda _, r: _in(Deal.buyer_id, r.buyer_ids)),
    FilterSpec(("sellers",), ("seller",), ("--seller",), "names",
               "Seller name, alias or ISO code (repeatable).", "sold by {}",
               lambda _, r: _in(Deal.seller_id, r.seller_ids)),
    FilterSpec(("platforms",), ("platform",), ("--platform",), "names",
               "Platform designation or alias; a part of one matches too.", "platform {}",
               lambda _, r: _in(Deal.platform_id, r.platform_ids)),
    FilterSpec(("categories",), ("category",), ("--category",), "vocabulary",
               "Armament category (repeatable).", "{}", _categories, Category),
    FilterSpec(("statuses",), ("status",), ("--status",), "vocabulary",
               "Deal status (repeatable).", "status {}",
               lambda v, _: Deal.status.in_(v) if v else None, Status),
    FilterSpec(("conditions",), ("condition",), ("--condition",), "vocabulary",
               "Condition of the equipment (repeatable).", "{}",
               lambda v, _: Deal.condition.in_(v) if v else None, Condition),
    FilterSpec(("year_from", "year_to"), ("from", "to"), ("--year-from", "--year-to"), "range",
               "Order year", "ordered {}", _between(Deal.order_year)),
    FilterSpec(("delivered_from", "delivered_to"), ("dfrom", "dto"),
               ("--delivered-from", "--delivered-to"), "range",
               "Delivery year", "delivered {}", _delivered_between),
    FilterSpec(("has_value",), ("value",), ("--has-value/--no-value",), "flag",
               "Only deals with (or without) a money value.", "{}", _has_value),
    FilterSpec(("text",), ("q",), ("--search",), "text",
               "Free text in platform, SIPRI description, notes, programme, sources.",
               "mentioning {}",
               lambda v, _: _text_condition(v) if v and v.strip() else None),
)  # fmt: skip
PARAMS: tuple[str, ...] = tuple(param for spec in FILTERS for param in spec.params)


def _value(filters: DealFilters, spec: FilterSpec) -> Any:
    values = tuple(getattr(filters, name) for name in spec.fields)
    return values if spec.kind == "range" else values[0]


# --- resolving names and making SQL --------------------------------------------------------


def resolve_filters(session: Session, filters: DealFilters | ResolvedFilters) -> ResolvedFilters:
    """Resolve every name in the filters, reporting all unknown names at once."""
    if isinstance(filters, ResolvedFilters):
        return filters
    errors: list[FieldError] = []

    def collect(names: Sequence[str], lookup: Callable[[str], set[int]]) -> frozenset[int] | None:
        if not names:
            return None
        ids: set[int] = set()
        for name in names:
            try:
                ids |= lookup(name)
            except InvalidInput as exc:
                errors.extend(exc.errors)
        return frozenset(ids)

    buyer_ids = collect(filters.buyers, lambda n: resolve.party_ids(session, n, "buyer"))
    seller_ids = collect(filters.sellers, lambda n: resolve.party_ids(session, n, "seller"))
    platform_ids = collect(filters.platforms, lambda n: resolve.platform_ids(session, n))
    for spec in FILTERS:
        low, high = _value(filters, spec) if spec.kind == "range" else (None, None)
        if low and high and low > high:
            errors.append(FieldError(spec.fields[1], high, f"is before {spec.fields[0]}"))
    if errors:
        raise InvalidInput(errors)
    return ResolvedFilters(filters, buyer_ids, seller_ids, platform_ids)


def filter_conditions(resolved: ResolvedFilters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the resolved filters (live deals are asked for apart)."""
    found = (spec.condition(_value(resolved.filters, spec), resolved) for spec in FILTERS)
    return [condition for condition in found if condition is not None]


def conditions_for(session: Session, filters: DealFilters | ResolvedFilters) -> list[Any]:
    return filter_conditions(resolve_filters(session, filters))


def as_party(
    filters: DealFilters, name: str, role: Literal["buyer", "seller"]
) -> DealFilters | None:
    """The filters narrowed to `name`'s deals as buyer (or seller); None when a buyer (or
    seller) filter leaves `name` out in that role."""
    field_name = "buyers" if role == "buyer" else "sellers"
    chosen: tuple[str, ...] = getattr(filters, field_name)
    if chosen and name not in chosen:
        return None
    return filters.model_copy(update={field_name: (name,)})


# --- URLs and words --------------------------------------------------------------------


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
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        warnings.append(f"Ignored {name}={text!r}: outside {EARLIEST_YEAR}–{LATEST_YEAR}.")
        return None
    return year


def _parse(spec: FilterSpec, params: Mapping[str, Sequence[str]], warnings: list[str]) -> Any:
    """The filter's value from the URL's parameters; bad values dropped with a warning."""
    raw = [[v.strip() for v in params.get(name, []) if v.strip()] for name in spec.params]
    if spec.kind == "names":
        return tuple(dict.fromkeys(raw[0]))
    if spec.kind == "vocabulary":
        assert spec.vocabulary is not None
        allowed = {member.value for member in spec.vocabulary}
        for value in raw[0]:
            if value not in allowed:
                choices = ", ".join(sorted(allowed))
                warnings.append(f"Ignored {spec.params[0]}={value!r}: not one of {choices}.")
        return tuple(dict.fromkeys(v for v in raw[0] if v in allowed))
    if spec.kind == "range":
        return tuple(
            _year(values[-1], name, warnings) if values else None
            for name, values in zip(spec.params, raw, strict=True)
        )
    if spec.kind == "flag":
        if not raw[0]:
            return None
        value = raw[0][-1]
        if value in spec.flag_words:
            return value == spec.flag_words[0]
        warnings.append(f"Ignored {spec.params[0]}={value!r}: use {' or '.join(spec.flag_words)}.")
        return None
    return raw[0][-1] if raw[0] else None


def filters_from_params(params: Mapping[str, Sequence[str]]) -> ParsedFilters:
    """Read filters from URL query parameters; bad values are dropped with a warning."""
    warnings: list[str] = []
    data: dict[str, Any] = {}
    for spec in FILTERS:
        value = _parse(spec, params, warnings)
        if spec.kind == "range":
            low, high = value
            if low and high and low > high:
                warnings.append(f"Ignored the {spec.help.lower()} range: 'from' is after 'to'.")
                low = high = None
            data.update(zip(spec.fields, (low, high), strict=True))
        else:
            data[spec.fields[0]] = value
    return ParsedFilters(DealFilters.model_validate(data), warnings)


def _param_values(spec: FilterSpec, value: Any) -> list[list[str]]:
    if spec.kind == "range":
        return [[str(v)] if v is not None else [] for v in value]
    if spec.kind == "flag":
        return [[] if value is None else [spec.flag_words[0 if value else 1]]]
    if spec.kind == "text":
        return [[value] if value else []]
    return [[str(getattr(v, "value", v)) for v in value]]


def params_from_filters(filters: DealFilters) -> dict[str, list[str]]:
    """The query parameters that reproduce `filters` (only the ones that are set)."""
    params: dict[str, list[str]] = {}
    for spec in FILTERS:
        values_of = _param_values(spec, _value(filters, spec))
        for name, values in zip(spec.params, values_of, strict=True):
            if values:
                params[name] = values
    return params


def _words(spec: FilterSpec, value: Any) -> str | None:
    if spec.kind == "range":
        low, high = value
        if low is None and high is None:
            return None
        text = f"{low}–{high}" if low and high else f"from {low}" if low else f"up to {high}"
        return spec.words.format(text)
    if spec.kind == "flag":
        return None if value is None else ("with a money value" if value else "without a value")
    if spec.kind == "text":
        return spec.words.format(f"“{value}”") if value else None
    if not value:
        return None
    shown = [label(v) if isinstance(v, StrEnum) else str(v) for v in value]
    return spec.words.format(" or ".join(shown))


def describe_filters(filters: DealFilters) -> str:
    """The filters in words: "bought by Turkey, ordered 2017–2025"; "all deals" if none."""
    parts = [_words(spec, _value(filters, spec)) for spec in FILTERS]
    return ", ".join(part for part in parts if part) or "all deals"
