"""Citations both ways: the rule that a quote backs a field, and how to cite a deal.

A citation ties a deal field (or an event) to a source with a quote that must occur in
the source's stored text; forms, seeds and imports all check it with `quote_occurs`.
Students cite a deal with `plain_citation` or `bibtex_citation`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from tracker.domain.money import describe_value
from tracker.domain.vocab import field_label, label
from tracker.formatting import describe_tiv
from tracker.read.detail import DealDetail, SourceView
from tracker.read.rows import DealRow

PROJECT_NAME = "Arms-deal tracker"

# The deal fields a citation may support. The value_* columns are cited together as
# "value", TIV columns as "tiv", and manufacturers/exporters as "participants".
CITABLE_FIELDS = frozenset(
    {
        "buyer", "seller", "platform", "programme", "participants", "quantity_ordered",
        "quantity_unit", "quantity_delivered", "condition", "local_production", "value",
        "tiv", "status", "order_date", "first_delivery_date", "last_delivery_date", "notes",
    }
)  # fmt: skip

# The deal values each citable field stands for (the rest stand for themselves): a quote
# citing "value" backs the amount, its currency and price year together.
_COVERS: dict[str, tuple[str, ...]] = {
    "quantity_ordered": ("quantity_ordered", "quantity_ordered_estimated"),
    "quantity_delivered": ("quantity_delivered", "quantity_delivered_estimated"),
    "order_date": ("order_date", "order_date_estimated"),
    "value": ("value_amount", "value_amount_high", "value_currency", "value_year",
              "value_kind", "value_at_least"),
    "tiv": ("tiv_per_unit", "tiv_total_order", "tiv_delivered", "tiv_new_unit"),
}  # fmt: skip
_CITED_AS = {name: field for field, names in _COVERS.items() for name in names}
_LONGEST_VALUE = 300  # an earlier value is shown beside its quote: notes are cut short

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def _comparable(text: str) -> str:
    # Line wrapping and curly-vs-straight quotes are not part of what a source says.
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def quote_occurs(quote: str, text: str) -> bool:
    """True when the quote is in the text (whitespace and quote marks aside)."""
    # Most quotes are copied verbatim (an import's row, a pasted sentence): a plain
    # substring test settles them without normalising the whole text each time.
    return quote in text or _comparable(quote) in _comparable(text)


def value_text(field: str, values: Mapping[str, Any]) -> str:
    """How a cited field's value reads, from a deal's values (form-shaped or stored):
    what a quote was cited for, kept once an edit changes it."""
    get = values.get
    if field == "value":
        amount, currency = get("value_amount"), get("value_currency")
        text = describe_value(_decimal(amount), _code(currency), bool(get("value_at_least")))
        high = _decimal(get("value_amount_high"))
        if high is not None and currency:
            text += f" to {describe_value(high, _code(currency), False)}"
        return f"{text} ({get('value_year')} prices)" if get("value_year") else text
    if field == "tiv":
        tiv = describe_tiv(_decimal(get("tiv_total_order")), _decimal(get("tiv_per_unit")))
        return tiv or "unknown"
    value = get(field)
    if value is None or value == "":
        text = "unknown"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif field in ("status", "condition"):
        text = label(value)
    else:
        text = str(getattr(value, "value", value))
    if any(get(name) for name in _COVERS.get(field, ()) if name.endswith("_estimated")):
        text += " (estimate)"
    return text[:_LONGEST_VALUE]


def cited_as(name: str) -> str:
    """The citable field a deal value is cited under ("value_currency" -> "value")."""
    return _CITED_AS.get(name, name)


def changed_cited_values(
    before: Mapping[str, Any], after: Mapping[str, Any], changed: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """{citable field: (value before, value after)} for the cited fields a change of the
    deal values `changed` makes read differently."""
    fields = {cited_as(name) for name in changed} & CITABLE_FIELDS
    texts = {field: (value_text(field, before), value_text(field, after)) for field in fields}
    return {field: pair for field, pair in sorted(texts.items()) if pair[0] != pair[1]}


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _code(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def citable_field_choices() -> list[tuple[str, str]]:
    """(field, human label) of every citable field, in label order, for pickers."""
    return sorted(((name, field_label(name)) for name in CITABLE_FIELDS), key=lambda p: p[1])


def deal_title(detail: DealDetail) -> str:
    """ "Turkey – United Kingdom: 20 Eurofighter Typhoon (signed/ordered, 2025-10)"."""
    return row_title(detail.row)


def row_title(row: DealRow) -> str:
    """A deal in one line, as `deal_title`, from its table row."""
    quantity = f"{row.quantity} " if row.quantity is not None else ""
    when = f", {row.order_date}" if row.order_date else ""
    return f"{row.buyer} – {row.seller}: {quantity}{row.platform} ({label(row.status)}{when})"


def _source_reference(source: SourceView) -> str:
    parts = [source.publisher or "", f'"{source.title}"']
    if source.published_date:
        parts.append(_long_date(source.published_date))
    if source.url:
        parts.append(source.url)
    return ", ".join(part for part in parts if part)


def plain_citation(detail: DealDetail, *, url: str, accessed: dt.date) -> str:
    """A formatted reference listing the deal's sources."""
    sources = "; ".join(_source_reference(source) for source in detail.sources)
    text = (
        f"{PROJECT_NAME}, deal {detail.row.deal_id}: {deal_title(detail)}. "
        f"Record version {detail.version}, last updated {_long_date(detail.updated_at)}. "
        f"{url} (accessed {_long_date(accessed)})."
    )
    return f"{text} Sources: {sources}." if sources else text


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "^": r"\^{}",
    "~": r"\~{}",
    **{char: "\\" + char for char in "{}%&$#_"},
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_ESCAPES))


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], text)


def _long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def bibtex_citation(detail: DealDetail, *, url: str, accessed: dt.date) -> str:
    """A @misc BibTeX entry for the deal, with its sources in the note field."""
    row = detail.row
    sources = "; ".join(_source_reference(source) for source in detail.sources)
    fields = {
        "title": deal_title(detail),
        "author": f"{{{PROJECT_NAME}}}",
        "year": str(detail.updated_at.year),
        "howpublished": f"\\url{{{url}}}",
        "urldate": accessed.isoformat(),
        "note": f"Deal record {row.deal_id}, version {detail.version}."
        + (f" Sources: {sources}" if sources else " No sources recorded."),
    }
    escaped = {
        key: value if key in ("author", "howpublished") else _bibtex_escape(value)
        for key, value in fields.items()
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in escaped.items())
    return f"@misc{{armsdeal{row.deal_id},\n{body}\n}}"
