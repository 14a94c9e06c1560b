"""Shared pieces of the dashboard's pages: errors, safe text, totals, tables, downloads."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard import data
from tracker.domain.countries import country_by_iso3
from tracker.domain.money import describe_value
from tracker.domain.names import normalize_name
from tracker.domain.vocab import label
from tracker.errors import TrackerError
from tracker.formatting import describe_group
from tracker.read.filters import DealFilters, params_from_filters
from tracker.read.table import TableRow
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


@st.cache_data(show_spinner=False)
def party_labels() -> dict[str, str]:
    """ "Turkey (TUR, Türkiye)" for every buyer and seller: a picker's search then finds a
    party by its code or another common name (the sidebar's filters, the Country page)."""
    choices = data.party_choices("buyer") + data.party_choices("seller")
    return {choice.name: party_label(choice.name, choice.iso3) for choice in choices}


def current_filters() -> DealFilters:
    filters = st.session_state.get("filters")
    return filters if isinstance(filters, DealFilters) else DealFilters()


# Table column -> (field, what it sorts by in the library, width in pixels). The default
# columns fit a 1400 px window beside the sidebar; the others are one pick away.
COLUMNS: dict[str, tuple[str, str, int]] = {
    "Deal": ("deal_id", "id", 55),
    "Buyer": ("buyer", "buyer", 125),
    "Seller": ("seller", "seller", 125),
    "Platform": ("platform", "platform", 165),
    "Description": ("description", "description", 200),
    "Category": ("category", "category", 110),
    "Quantity": ("quantity", "quantity", 75),
    "Delivered": ("delivered", "delivered", 80),
    "Condition": ("condition", "condition", 110),
    "Value": ("value", "value", 105),
    "TIV": ("tiv", "tiv", 70),
    "Status": ("status", "status", 105),
    "Ordered": ("order_date", "order_date", 80),
    "Sources": ("sources", "sources", 70),
}
DEFAULT_COLUMNS = ("Deal", "Buyer", "Seller", "Platform", "Quantity", "Value", "Status",
                   "Ordered", "Sources")  # fmt: skip
NUMBER_COLUMNS = {"Deal", "Quantity", "Delivered", "TIV", "Sources"}


def deals_frame(rows: Sequence[TableRow]) -> pd.DataFrame:
    """The table students see: numbers as numbers (empty = unknown), money per currency."""
    frame = pd.DataFrame(
        [
            {
                "Deal": row.deal_id,
                "Buyer": row.buyer,
                "Seller": row.seller,
                "Platform": row.platform,
                "Description": row.description,
                "Category": label(row.category),
                "Quantity": row.quantity,
                "Delivered": row.delivered,
                "Condition": label(row.condition) if row.condition else "unknown",
                "Value": describe_value(row.value_amount, row.value_currency, row.value_at_least),
                "TIV": float(row.tiv) if row.tiv is not None else None,
                "Status": label(row.status),
                "Ordered": row.order_date or "unknown",
                "Sources": row.sources,
            }
            for row in rows
        ],
        columns=list(COLUMNS),
    )
    for name in ("Quantity", "Delivered", "Sources"):
        frame[name] = frame[name].astype("Int64")  # whole numbers; empty when unknown
    return frame


def _column_config(sorted_by: str | None, descending: bool) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for name, (_, sort, width) in COLUMNS.items():
        arrow = (" ↓" if descending else " ↑") if sort == sorted_by else ""
        title = f"{name}{arrow}"
        if name == "Deal":
            config[name] = st.column_config.NumberColumn(
                title, width=width, format="%d", help="Tick a row to open its deal"
            )
        elif name == "TIV":
            config[name] = st.column_config.NumberColumn(
                title, width=width, format="%.1f", help="SIPRI trend-indicator value of the "
                "whole order, in millions (not money); empty when unknown",
            )  # fmt: skip
        elif name in NUMBER_COLUMNS:
            config[name] = st.column_config.NumberColumn(
                title, width=width, format="%d", help="Empty when unknown"
            )
        else:
            config[name] = st.column_config.TextColumn(title, width=width)
    return config


def deals_table(
    rows: Sequence[TableRow],
    *,
    key: str,
    columns: Sequence[str] = DEFAULT_COLUMNS,
    sorted_by: str | None = None,
    descending: bool = False,
    on_sort: Callable[[str], None] | None = None,
) -> int | None:
    """Show deal rows; returns the deal id of a ticked row (open it). With `on_sort`, a
    clicked column header calls it with the column's sort key (sort every page by it in
    the database) before the run that follows the click, so that run draws the sorted
    table: no second run, in whose gap a quick next click fell on the old table and was
    lost."""
    frame = deals_frame(rows)

    def header_clicked() -> None:
        selection = st.session_state[key].selection
        if on_sort is not None and not selection.rows and selection.columns:
            name = str(selection.columns[0]).split(" ")[0]
            if name in COLUMNS:
                on_sort(COLUMNS[name][1])

    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height="content",  # a page's rows at once (the default box showed 10 of 50)
        key=key,
        column_order=[name for name in COLUMNS if name in columns],
        column_config=_column_config(sorted_by, descending),
        placeholder="unknown",
        on_select=header_clicked if on_sort is not None else "rerun",
        # Column selection turns off the grid's own sorting, which sorted this page only
        # (and numbers as text); a clicked header sorts every page in the database instead.
        selection_mode=["single-row", "single-column"] if on_sort else ["single-row"],
    )
    selection = getattr(event, "selection", None)
    if selection is None or not selection.rows:
        return None
    return int(frame["Deal"].iloc[selection.rows[0]])


def link_params(**params: str) -> dict[str, str | list[str]]:
    """A link's parameters with the sidebar's filters: the page opens with its URL whole,
    rather than bare and then completed (two history entries, the first a dead end for
    Back)."""
    return {**params_from_filters(current_filters()), **params}


def open_deal(deal_id: int) -> None:
    """Open a deal in this tab: the session, and with it the sign-in, carries on."""
    st.switch_page("app_pages/deal.py", query_params=link_params(id=str(deal_id)))


def facet_table(facet: str, counts: Sequence[tuple[str, int]]) -> str:
    """A facet's counts as a Markdown table: value | deals."""
    rows = [f"| {md(value.replace('_', ' '))} | {deals:,} |" for value, deals in counts]
    return "\n".join([f"| {facet.capitalize()} | deals |", "|:--|--:|", *rows])


def totals_lines(groups: Sequence[GroupTotal], by: str | None = None) -> list[str]:
    """Markdown lines: "**Eurofighter Typhoon** (3 deals): 44 = 20 from United Kingdom ..."
    (the words are the library's; user text is escaped)."""
    return [f"**{md(group.shown)}** {md(describe_group(group, by))}" for group in groups]


LARGE_EXPORT = 20_000  # deals from which an export takes seconds to make


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
    if count >= LARGE_EXPORT:  # the button shows nothing while the file is made
        st.caption(
            f"{count:,} deals: the file is made after the click, which takes a few "
            "seconds per 100,000 deals for CSV and longer for JSON. The download starts "
            "when it is ready."
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
