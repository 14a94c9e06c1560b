"""Citations both ways: the rule that a quote backs a field, and how to cite a deal.

A citation ties a deal field (or an event) to a source with a quote that must occur in
the source's stored text; forms, seeds and imports all check it with `quote_occurs`.
Students cite a deal with `plain_citation` or `bibtex_citation`.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.domain.vocab import field_label, label
from tracker.read.detail import DealDetail, SourceView

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


def citable_field_choices() -> list[tuple[str, str]]:
    """(field, human label) of every citable field, in label order, for pickers."""
    return sorted(((name, field_label(name)) for name in CITABLE_FIELDS), key=lambda p: p[1])


def deal_title(detail: DealDetail) -> str:
    """ "Turkey – United Kingdom: 20 Eurofighter Typhoon (signed/ordered, 2025-10)"."""
    row = detail.row
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
