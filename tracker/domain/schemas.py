"""pydantic input models: the one validation layer every write path goes through."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tracker.domain.limits import (
    DESCRIPTION_LENGTH,
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_QUANTITY,
    NAME_LENGTH,
    NOTE_LENGTH,
    REF_LENGTH,
    SOURCE_KIND_LENGTH,
    SOURCE_TEXT_LENGTH,
    TITLE_LENGTH,
    TIV_DIGITS,
    TIV_PLACES,
    UNIT_LENGTH,
    URL_LENGTH,
    checked_decimal,
    checked_text,
    year_problem,
)
from tracker.domain.money import MAX_AMOUNT, is_currency
from tracker.domain.vocab import (
    Category,
    Condition,
    DatePrecision,
    EventKind,
    ParticipantRole,
    Status,
    ValueKind,
    field_label,
)
from tracker.errors import FieldError, InvalidInput

__all__ = ["EARLIEST_YEAR", "LATEST_YEAR"]  # re-exported: the year limits live in limits.py


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):  # _strip, inline: called for most fields of every deal
        value = value.strip()
    return None if value == "" else value


def _limited(max_length: int, *, multiline: bool = False) -> AfterValidator:
    return AfterValidator(checked_text(max_length, multiline=multiline))


Name = Annotated[str, BeforeValidator(_strip), Field(min_length=1), _limited(NAME_LENGTH)]


# Optional text of at most the column's length; blank is None.
Ref = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(REF_LENGTH)]
OptionalName = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(NAME_LENGTH)]
Unit = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(UNIT_LENGTH)]
Url = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(URL_LENGTH)]
Description = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(DESCRIPTION_LENGTH)]
Note = Annotated[str | None, BeforeValidator(_blank_to_none), _limited(NOTE_LENGTH, multiline=True)]
SourceText = Annotated[
    str | None, BeforeValidator(_blank_to_none), _limited(SOURCE_TEXT_LENGTH, multiline=True)
]
Tiv = Annotated[Decimal, Field(ge=0), AfterValidator(checked_decimal(TIV_DIGITS, TIV_PLACES))]


def _check_currency(code: str) -> str:
    code = code.strip().upper()
    if not is_currency(code):
        raise ValueError("not an ISO 4217 currency code")
    return code


CurrencyCode = Annotated[str, BeforeValidator(_strip), AfterValidator(_check_currency)]
Year = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
Quantity = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@functools.lru_cache(maxsize=4096)  # an import states the same years thousands of times
def _date_parts(text: str) -> tuple[dt.date, DatePrecision]:
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    problems = [found for found in (year_problem(year), _day_problem(year, month, day)) if found]
    if problems:  # every part at once: "2099-13-45" is wrong three times
        raise ValueError("; ".join(problems))
    precision = (
        DatePrecision.DAY if day is not None
        else DatePrecision.MONTH if month is not None
        else DatePrecision.YEAR
    )  # fmt: skip
    return dt.date(year, month or 1, day or 1), precision


def _day_problem(year: int, month: int | None, day: int | None) -> str | None:
    """What is wrong with a date's month and day ("2020-00" is no month: it used to read as
    the year 2020 alone)."""
    problems = []
    if month is not None and not 1 <= month <= 12:
        problems.append(f"month must be 01 to 12 (got {month:02d})")
    if day is not None:
        if month is not None and 1 <= month <= 12 and day >= 1:
            days = calendar.monthrange(year if 1 <= year <= 9999 else 2000, month)[1]
            if day > days:
                problems.append(
                    f"day {day} is past the end of {calendar.month_name[month]} {year} "
                    f"({days} days)"
                )
        elif not 1 <= day <= 31:
            problems.append(f"day must be 01 to 31 (got {day:02d})")
    return "; ".join(problems) or None


class PartialDate(BaseModel):
    """A date known to a year, a month or a day ("2017", "2019-10", "2024-02-15")."""

    model_config = ConfigDict(frozen=True)

    value: dt.date
    precision: DatePrecision

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, PartialDate):
            return data
        if isinstance(data, dt.datetime):
            return {"value": data.date(), "precision": DatePrecision.DAY}
        if isinstance(data, dt.date):
            return {"value": data, "precision": DatePrecision.DAY}
        if isinstance(data, int):
            data = str(data)
        if isinstance(data, str):
            return cls._from_text(data.strip())
        return data

    @staticmethod
    def _from_text(text: str) -> dict[str, Any]:
        value, precision = _date_parts(text)
        return {"value": value, "precision": precision}

    @classmethod
    def of(cls, value: dt.date | None, precision: DatePrecision | None) -> PartialDate | None:
        if value is None:
            return None
        return cls(value=value, precision=precision or DatePrecision.DAY)

    def __str__(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def _key(self, depth: int) -> tuple[int, ...]:
        return (self.value.year, self.value.month, self.value.day)[:depth]

    def is_after(self, other: PartialDate) -> bool:
        """True only when this date is surely later, compared at the coarser precision."""
        depth = min(_DEPTH[self.precision], _DEPTH[other.precision])
        return self._key(depth) > other._key(depth)


_DEPTH = {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2, DatePrecision.DAY: 3}


@functools.lru_cache(maxsize=4096)
def _cached_date(text: str) -> PartialDate:
    return PartialDate.model_validate(text)


def _known_date(text: str) -> PartialDate | str:
    """The PartialDate a date's text states, built once per text: an import states the
    same few hundred years tens of thousands of times, and a PartialDate is frozen, so
    deals may share one. A text that is not a date is returned as it is, for the
    field's own validation to refuse it with its usual error."""
    try:
        return _cached_date(text)
    except ValidationError:
        return text


class ParticipantIn(BaseModel):
    party: Name
    role: ParticipantRole


class DealIn(BaseModel):
    """A deal as a user, a seed or an importer states it; names are resolved by services."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ref: Ref = None
    buyer: Name
    seller: Name
    platform: Name
    programme: OptionalName = None
    # A factory, not `= []`: pydantic deep-copies a mutable default for every deal.
    participants: list[ParticipantIn] = Field(default_factory=list)

    quantity_ordered: Quantity | None = None
    quantity_ordered_estimated: bool = False
    quantity_unit: Unit = None
    quantity_delivered: Quantity | None = None
    quantity_delivered_estimated: bool = False
    delivered_exceeds_ordered: bool = False
    condition: Condition | None = None
    local_production: bool = False

    value_amount: Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)] | None = None
    value_currency: Annotated[CurrencyCode | None, BeforeValidator(_blank_to_none)] = None
    value_year: Year | None = None
    value_kind: ValueKind | None = None
    value_at_least: bool = False
    # The high end of a range ("$2.3-2.6 b"); value_amount is then the low end.
    value_amount_high: Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)] | None = (
        None
    )

    tiv_per_unit: Tiv | None = None
    tiv_total_order: Tiv | None = None
    tiv_delivered: Tiv | None = None
    tiv_new_unit: Tiv | None = None  # SIPRI's for a new unit
    # What the weapon is, in the source's words ("FGA aircraft").
    description: Description = None

    status: Status
    order_date: PartialDate | None = None
    order_date_estimated: bool = False
    first_delivery_date: PartialDate | None = None
    last_delivery_date: PartialDate | None = None
    deliveries_expected: bool = False
    notes: Note = None

    @field_validator("order_date", "first_delivery_date", "last_delivery_date", mode="before")
    @classmethod
    def _blank_date(cls, value: Any) -> Any:
        value = _blank_to_none(value)
        return _known_date(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _cross_field(self, info: ValidationInfo) -> Self:
        # deal_problems validates the fields alone first, then asks for every rule.
        if isinstance(info.context, dict) and info.context.get("fields_only"):
            return self
        problems = cross_field_problems(self)
        if problems:
            field, message = problems[0]
            raise ValueError(f"{field}: {message}")
        return self


# Statuses that say the order was placed: its date cannot lie ahead (a QA pass entered
# 2031 for a signed deal). Planned deliveries may, and a proposed deal's planned order.
_ORDER_PLACED = frozenset({Status.ORDERED, Status.DELIVERING, Status.DELIVERED})


def _today() -> PartialDate:
    """Today where it is latest (UTC+14): nobody's today is refused as the future."""
    latest = dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)
    return PartialDate(value=latest.date(), precision=DatePrecision.DAY)


def cross_field_problems(deal: DealIn) -> list[tuple[str, str]]:
    """The rules that span fields, each broken one as (field it blames, plain words)."""
    problems: list[tuple[str, str]] = []
    ordered, delivered = deal.quantity_ordered, deal.quantity_delivered
    too_many = ordered is not None and delivered is not None and delivered > ordered
    if too_many and not deal.delivered_exceeds_ordered:
        problems.append((
            "quantity_delivered",
            f"{delivered} is more than the {ordered} ordered (tick “More delivered "
            "than ordered is right” if that is so)",
        ))  # fmt: skip
    if deal.value_amount is not None and deal.value_currency is None:
        problems.append(("value_currency", f"required when an amount is given (got amount "
                                           f"{deal.value_amount})"))  # fmt: skip
    high = deal.value_amount_high
    if high is not None and (deal.value_amount is None or high < deal.value_amount):
        problems.append(("value_amount_high", f"{high} needs an amount (the low end) no "
                                              "larger than it"))  # fmt: skip
    if deal.value_amount is None and deal.value_currency is not None:
        problems.append(("value_amount", f"missing, but the currency {deal.value_currency} "
                                         "is given"))  # fmt: skip
    order, first, last = deal.order_date, deal.first_delivery_date, deal.last_delivery_date
    if order and deal.status in _ORDER_PLACED and order.is_after(_today()):
        problems.append((
            "order_date",
            f"{order} is after today: a deal signed, delivering or delivered has been "
            "ordered already (a planned order keeps the status proposed, negotiating or "
            "approved)",
        ))  # fmt: skip
    if order and first and order.is_after(first):
        problems.append(("first_delivery_date", f"{first} is before the order date {order}"))
    if order and last and not first and order.is_after(last):
        problems.append(("last_delivery_date", f"{last} is before the order date {order}"))
    if first and last and first.is_after(last):
        problems.append(("last_delivery_date", f"{last} is before the first delivery {first}"))
    return problems


# Placeholders for required fields that failed, so the other rules can still be checked.
_STAND_INS = {"buyer": "?", "seller": "?", "platform": "?", "status": "proposed"}

# pydantic's wording -> plain words (the field's label is shown beside it).
_PLAIN_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^Field required$", "is required"),
        (r"^Input should be a valid (string|integer|number|decimal)$", "{none}"),
        (r"^Input should be greater than or equal to 0$", "must not be negative"),
        (r"^Input should be greater than or equal to (.+)$", r"must be at least \1"),
        (r"^Input should be less than or equal to (.+)$", r"must be at most \1"),
        (r"^Input should be a valid integer.*$", "must be a whole number"),
        (r"^Input should be a valid (decimal|number).*$",
         "must be a number, such as 2500000 or 1.5"),
        (r"^Decimal input should have no more than (\d+) decimal places?$",
         r"may have at most \1 decimals"),
        (r"^Input should be (.+)$", r"must be \1"),
        (r"^String should have at most (\d+) characters?$", r"must be at most \1 characters"),
        (r"^String should have at least 1 character$", "is required"),
        (r"^Extra inputs are not permitted$", "is not a field of a deal"),
    )
)  # fmt: skip


def plain_words(error: FieldError) -> FieldError:
    """The error in words a reader of the form understands (no library jargon)."""
    for pattern, words in _PLAIN_WORDS:
        if pattern.match(error.message):
            if words == "{none}":
                if error.value is not None:
                    continue
                return FieldError(error.field, None, "is required")
            return FieldError(error.field, error.value, pattern.sub(words, error.message))
    return error


def describe_problem(error: FieldError) -> str:
    """ "Quantity ordered: must not be negative": a problem as a form's summary lists it."""
    name = error.field.split(".")[-1] if error.field else "input"
    return f"{field_label(name)}: {error.message}"


def deal_problems(data: Mapping[str, Any]) -> list[FieldError]:
    """Every problem of a deal's input at once, in plain words, each naming its field:
    the fields' own checks and, for the fields that passed them, the rules across fields.
    (Names are resolved by the writers, which add what they cannot find.)"""
    errors: list[FieldError] = []
    try:
        DealIn.model_validate(dict(data), context={"fields_only": True})
    except ValidationError as exc:
        errors = InvalidInput.from_pydantic(exc).errors
    failed = {error.field.split(".")[0] for error in errors}
    rest = {name: value for name, value in data.items() if name not in failed}
    rest.update({name: stand_in for name, stand_in in _STAND_INS.items() if name in failed})
    try:
        checked = DealIn.model_validate(rest, context={"fields_only": True})
    except ValidationError:
        checked = None  # cannot happen: only fields that passed are left
    if checked is not None:
        errors += [
            FieldError(field, None, message)
            for field, message in cross_field_problems(checked)
            if field not in failed
        ]
    return [plain_words(error) for error in errors]


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ref: Ref = None
    kind: Annotated[str, Field(min_length=1), _limited(SOURCE_KIND_LENGTH)] = "article"
    title: Annotated[str, Field(min_length=1), _limited(TITLE_LENGTH)]
    publisher: OptionalName = None
    author: OptionalName = None
    url: Url = None
    published_date: dt.date | None = None
    text: SourceText = None
    notes: Note = None

    @field_validator("url")
    @classmethod
    def _url_scheme(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("must start with http:// or https:// and contain no spaces")
        return value


class CitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Name  # the source's ref
    quote: Annotated[
        str, BeforeValidator(_strip), Field(min_length=3), _limited(NOTE_LENGTH, multiline=True)
    ]
    field: Unit = None


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ref: Ref = None
    kind: EventKind
    date: PartialDate | None = None
    description: Annotated[str, Field(min_length=1), _limited(NOTE_LENGTH, multiline=True)]
    new_status: Status | None = None
    quantity: Quantity | None = None
    citations: list[CitationIn] = []

    @model_validator(mode="after")
    def _status_change_names_status(self) -> Self:
        if self.kind is EventKind.STATUS_CHANGE and self.new_status is None:
            raise ValueError("new_status: a status_change event must name the new status")
        return self


class PlatformIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    designation: Name
    aliases: list[Name] = []
    description: Description = None
    category: Category
    manufacturers: list[Name] = []
    country_of_origin: OptionalName = None


class PartyIn(BaseModel):
    """A company, organisation or non-state actor (states come from the country table)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Name
    kind: str
    aliases: list[Name] = []
    country: OptionalName = None


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: object, context: str = "") -> M:
    """Validate `data` into `model`, turning pydantic's error into InvalidInput."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(dict(data) if isinstance(data, Mapping) else data)
    except ValidationError as exc:
        errors = [plain_words(error) for error in InvalidInput.from_pydantic(exc).errors]
        raise InvalidInput(errors, context) from None


# DealIn's fields that are stored as they are, one deal column each (the names are
# resolved to ids, the partial dates split into date and precision, participants are rows).
DEAL_NAME_FIELDS = ("buyer", "seller", "platform")
DEAL_DATE_FIELDS = ("order_date", "first_delivery_date", "last_delivery_date")
DEAL_COLUMN_FIELDS: tuple[str, ...] = tuple(
    name
    for name in DealIn.model_fields
    if name not in (*DEAL_NAME_FIELDS, *DEAL_DATE_FIELDS, "participants")
)
