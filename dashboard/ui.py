"""Shared pieces of the dashboard's pages: errors, safe text, totals, tables, downloads."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard import data
from tracker.domain.countries import country_by_iso3
from tracker.domain.money import describe_value
from tracker.domain.names import normalize_name
from tracker.domain.vocab import label
from tracker.errors import TrackerError
from tracker.formatting import describe_money, describe_part, describe_quantity
from tracker.read.filters import DealFilters
from tracker.read.rows import DealRow
from tracker.read.totals import GroupTotal

log = logging.getLogger("tracker.dashboard")

# Everything Markdown (and Streamlit's :color[...] directives, $math$) could interpret,
# and "=" opening a line (a line of them underlines a heading).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&]|^=)")
# Control characters (terminal escapes, bidi overrides) are dropped from shown text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# GitHub-flavoured Markdown turns bare URLs, www. names and e-mail addresses into links
# *after* unescaping, so escapes cannot stop it: an invisible WORD JOINER (U+2060) inside
# "://", after "www" and before "@" breaks the pattern and shows the same text.
_AUTOLINKS = (
    (re.compile(r"(?<=\\:)(?=//)"), "\u2060"),
    (re.compile(r"(?i)(?<=www)(?=\\\.)"), "\u2060"),
    (re.compile(r"(?=@)"), "\u2060"),
)


def md(text: object) -> str:
    """User text for any Streamlit call that renders Markdown (st.markdown, st.warning,
    st.error, st.caption, st.subheader, labels...): shown literally, never as markup, a
    link, an image or HTML. Line breaks stay line breaks; leading indentation (a code
    block) does not."""
    lines = _INVISIBLE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)
    for pattern, joiner in _AUTOLINKS:
        escaped = pattern.sub(joiner, escaped)
    return escaped


MAX_ID = 2**31 - 1  # an INTEGER key on every backend
_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")


def positive_int(text: str, maximum: int = MAX_ID) -> int | None:
    """A URL value as a whole number from 1 to `maximum`, else None (never an error:
    "99999999999999999999", "²" and "-1" are all just not ids)."""
    if not _WHOLE_NUMBER.fullmatch(text.strip()):
        return None
    number = int(text)
    return number if 1 <= number <= maximum else None


@contextmanager
def guard(*let_through: type[Exception]) -> Iterator[None]:
    """Show library and database errors as messages and stop the page, never a traceback.

    Errors of the `let_through` types pass on to the caller, which shows them its own
    way (a form puts field errors beside the fields).
    """
    try:
        yield
    except let_through:
        raise
    except TrackerError as exc:
        st.error(md(exc))
        st.stop()
    except (SQLAlchemyError, OSError):
        log.exception("database error while rendering a page")
        st.error(
            "The database could not be read. Check that it is reachable and migrated "
            "(`tracker db upgrade`); details are in the server log."
        )
        st.stop()


def party_label(name: str, iso3: str | None) -> str:
    """A party's name with its code and one other common name: "Turkey (TUR, Türkiye)"."""
    country = country_by_iso3(iso3) if iso3 else None
    if country is None:
        return name
    others = [
        alias
        for alias in country.aliases
        if normalize_name(alias) != normalize_name(name) and len(alias) > 3 and "." not in alias
    ]
    other = min(others, key=len) if others else None
    return f"{name} ({iso3}, {other})" if other else f"{name} ({iso3})"


def current_filters() -> DealFilters:
    filters = st.session_state.get("filters")
    return filters if isinstance(filters, DealFilters) else DealFilters()


def _unknown(value: object) -> object:
    return "unknown" if value is None else value


def deals_frame(rows: Sequence[DealRow]) -> pd.DataFrame:
    """The table students see: unknowns spelled out, values formatted per currency."""
    return pd.DataFrame(
        [
            {
                "deal": f"/deal?id={row.deal_id}",
                "buyer": row.buyer,
                "seller": row.seller,
                "platform": row.platform,
                "category": label(row.category),
                "quantity": str(_unknown(row.quantity)),
                "delivered": str(_unknown(row.quantity_delivered)),
                "condition": label(row.condition) if row.condition else "unknown",
                "value": describe_value(row.value_amount, row.value_currency, row.value_at_least),
                "status": label(row.status),
                "ordered": row.order_date or "unknown",
            }
            for row in rows
        ]
    )


def deals_table(rows: Sequence[DealRow], *, key: str) -> None:
    st.dataframe(
        deals_frame(rows),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "deal": st.column_config.LinkColumn(
                "deal", display_text=r"/deal\?id=(\d+)", help="Open the deal page"
            )
        },
    )


def facet_table(facet: str, counts: Sequence[tuple[str, int]]) -> str:
    """A facet's counts as a Markdown table: value | deals."""
    rows = [f"| {md(value.replace('_', ' '))} | {deals:,} |" for value, deals in counts]
    return "\n".join([f"| {facet.capitalize()} | deals |", "|:--|--:|", *rows])


def totals_lines(groups: Sequence[GroupTotal], limit: int = 12) -> list[str]:
    """Markdown lines: "**Eurofighter Typhoon** (3 deals): 44 = 20 from United Kingdom ..."."""
    lines = []
    for group in groups[:limit]:
        quantity = describe_quantity(group)
        parts = [describe_part(part) for part in group.parts]
        if len(parts) > 1 and group.quantity_unknown == 0:
            quantity = f"{group.quantity:,} = " + " + ".join(parts)
        deals = "deal" if group.deals == 1 else "deals"
        money = describe_money(group)
        line = f"**{md(group.label)}** ({group.deals} {deals}): {md(quantity)}"
        lines.append(f"{line}; {md(money)}" if money else line)
    return lines


def export_buttons(filters: DealFilters, count: int, *, key: str) -> None:
    """CSV, JSON and the export's metadata, each built by the library only on click."""
    engine = data.engine()
    csv_col, json_col, info_col = st.columns(3)
    csv_col.download_button(
        "Download CSV",
        data=functools.partial(data.export_file, engine, filters, "csv"),
        file_name="arms-deals.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"{key}-csv",
        help="Exactly the filtered deals, with the documented columns; "
        "safe to open in a spreadsheet.",
    )
    json_col.download_button(
        "Download JSON",
        data=functools.partial(data.export_file, engine, filters, "json"),
        file_name="arms-deals.json",
        mime="application/json",
        on_click="ignore",
        key=f"{key}-json",
    )
    info_col.download_button(
        "Export details",
        data=functools.partial(data.export_info, engine, filters, count),
        file_name="arms-deals.meta.json",
        mime="application/json",
        on_click="ignore",
        key=f"{key}-meta",
        help="When the export was made, from which filters and which sources.",
    )
