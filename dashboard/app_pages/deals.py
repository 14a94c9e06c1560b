"""Deals: the filtered table, sortable and paged, with a totals strip and exports."""

from __future__ import annotations

import functools
import math

import streamlit as st

from dashboard import data
from dashboard.measures import chosen_base, measure_switch, measure_table, value_caption
from dashboard.ui import (
    COLUMNS,
    DEFAULT_COLUMNS,
    current_filters,
    deals_table,
    export_buttons,
    facet_table,
    guard,
    md,
    open_deal,
    positive_int,
    totals_lines,
)
from tracker.read.filters import DealFilters
from tracker.read.measures import Measure
from tracker.read.table import TABLE_SORTS
from tracker.read.totals import GroupBy
from tracker.read.views import DealView

PAGE_SIZE = 50
MAX_PAGE = 10_000_000  # past the last page shows the last page
GROUPS_SHOWN = 12
GROUPS = [g.value for g in GroupBy]
# Page parameter -> (session key, default): written to the URL only when a link gave it
# or the reader changed it, so a link keeps exactly what it said.
DEFAULTS = {"sort": "order_date", "desc": "1", "group": "platform", "page": "1"}
# The breakdown's expander: its facet counts (four queries) are made only while it is open.
BREAKDOWN = "deals_breakdown"
_EXPECTED = {
    "sort": "expected one of " + ", ".join(sorted(TABLE_SORTS)),
    "desc": "expected 0 or 1",
    "group": "expected one of " + ", ".join(GROUPS),
    "page": f"expected a page number from 1 to {MAX_PAGE:,}",
}
TEXT_SORTS = {"buyer", "seller", "platform", "description", "category", "condition", "status"}


def _param(name: str) -> str:
    return st.query_params.get(name, DEFAULTS[name])


def _init_from_url() -> None:
    """Sort, grouping and page come from the URL when this page shows afresh: the first
    time, and after another page, which made Streamlit drop these widgets' values (Back
    from a deal then sorted by the sort box's first choice, buyer, A–Z)."""
    widgets = ("deals_sort", "deals_desc", "deals_group", "deals_page")
    if "deals_loaded" in st.session_state and all(key in st.session_state for key in widgets):
        return
    sort, group, page = _param("sort"), _param("group"), _param("page")
    st.session_state["deals_sort"] = sort if sort in TABLE_SORTS else DEFAULTS["sort"]
    st.session_state["deals_desc"] = _param("desc") != "0"
    st.session_state["deals_group"] = group if group in GROUPS else DEFAULTS["group"]
    st.session_state["deals_page"] = positive_int(page, MAX_PAGE) or 1
    # As the filters do: a value the link gives and this page cannot use is said, not
    # silently replaced.
    unusable = {
        "sort": sort not in TABLE_SORTS, "desc": _param("desc") not in ("0", "1"),
        "group": group not in GROUPS, "page": positive_int(page, MAX_PAGE) is None,
    }  # fmt: skip
    for name, bad in unusable.items():
        if bad and name in st.query_params:
            st.warning(
                md(f"Ignored {name}={st.query_params[name]!r} in the link: "
                   f"{_EXPECTED[name]}."),
                icon=":material/link_off:",
            )  # fmt: skip
    st.session_state["deals_given"] = {name for name in DEFAULTS if name in st.query_params}
    st.session_state["deals_loaded"] = True


def _header_clicked(sort: str) -> None:
    """The table's callback: sort by this column on the run the click starts."""
    st.session_state["deals_clicked_sort"] = sort
    # A fresh table (new key) drops the header's selection.
    st.session_state["deals_table_n"] = st.session_state.get("deals_table_n", 0) + 1


def _apply_header_click() -> None:
    """A header clicked on the last run sorts by its column (again: the other way)."""
    sort = st.session_state.pop("deals_clicked_sort", None)
    if sort is None:
        return
    if sort == st.session_state.get("deals_sort"):
        st.session_state["deals_desc"] = not st.session_state.get("deals_desc", True)
    else:
        st.session_state["deals_sort"] = sort
        st.session_state["deals_desc"] = sort not in TEXT_SORTS  # A–Z; largest, newest first
    st.session_state["deals_page"] = 1


def _view(
    filters: DealFilters, group: str, sort: str, descending: bool, page: int, facets: bool = False
) -> DealView:
    """The page's figures; the breakdown's facet counts only while it is open (or asked).
    The values in constant dollars come along (base year as chosen so far), read at the
    same time as the rest instead of after them."""
    groups_from = (int(st.session_state.get("deals_group_page") or 1) - 1) * GROUPS_SHOWN
    facets = facets or bool(st.session_state.get(BREAKDOWN))
    with guard():
        return data.deal_view(
            filters, group, sort, descending, PAGE_SIZE, (page - 1) * PAGE_SIZE,
            groups_from, GROUPS_SHOWN, facets, values=True, base_year=chosen_base(),
        )  # fmt: skip


def _write_params(values: dict[str, str]) -> None:
    given = st.session_state.setdefault("deals_given", set())
    for name, value in values.items():
        if value != DEFAULTS[name]:
            given.add(name)
        if name in given:
            st.query_params[name] = value


st.title("Deals")
_init_from_url()
_apply_header_click()
filters = current_filters()
# Everything this page shows comes from one call whose queries run at once. The widgets
# below are drawn after it, so it reads their values from the session first (with the
# widgets' own defaults); should a widget still answer differently, the view is redone.
group = st.session_state.get("deals_group") or "platform"
sort = st.session_state.get("deals_sort") or DEFAULTS["sort"]
descending = bool(st.session_state.get("deals_desc", True))
page = int(st.session_state.get("deals_page") or 1)
view = _view(filters, group, sort, descending, page)
count = view.total.deals

if count == 0:
    st.info("No deals match these filters. Remove a filter in the sidebar to see more.")
    st.stop()

pages = max(1, math.ceil(count / PAGE_SIZE))
if page > pages:  # fewer deals than when this page number was chosen
    page = pages
    view = _view(filters, group, sort, descending, page)
st.session_state["deals_page"] = page

values_base = chosen_base()  # what the view's values were read at
measure, base = measure_switch()
value_caption(filters, base, view.values if base == values_base else None)
group_col, download_col = st.columns([4, 1], vertical_alignment="bottom")
with group_col:
    chosen_group = st.segmented_control(
        "Totals by", GROUPS, key="deals_group", required=True, format_func=str.capitalize,
        on_change=lambda: st.session_state.update(deals_group_page=1),
    )  # fmt: skip
if (chosen_group or "platform") != group:
    group = chosen_group or "platform"
    view = _view(filters, group, sort, descending, page)
download_col.download_button(
    "Totals as CSV",
    data=functools.partial(data.totals_file, data.engine(), filters, group),
    file_name=f"arms-deal-totals-by-{group}.csv",
    mime="text/csv",
    on_click="ignore",
    key="totals-csv",
    help="Every group's totals (not only those shown), safe to open in a spreadsheet.",
)
if measure is Measure.DEALS:
    st.markdown("  \n".join(totals_lines(view.groups, group)))
    group_pages = max(1, math.ceil(view.group_count / GROUPS_SHOWN))
    if group_pages > 1:
        first_group = (int(st.session_state.get("deals_group_page") or 1) - 1) * GROUPS_SHOWN + 1
        last_group = first_group + len(view.groups) - 1
        st.caption(f"Groups {first_group:,}–{last_group:,} of {view.group_count:,}.")
        st.pagination(group_pages, key="deals_group_page")
    st.caption(
        "Quantities are summed where known; deals of unknown quantity or value are counted "
        "separately, never as 0. Money is summed per currency."
    )
else:  # the table's own notes say what the measure is, with SIPRI's methodology
    measure_table(filters, measure, group, base)

sort_col, order_col, page_col, columns_col = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
chosen_sort = sort_col.selectbox(
    "Sort by", list(TABLE_SORTS), key="deals_sort", format_func=lambda k: k.replace("_", " ")
)
chosen_descending = order_col.toggle("Descending", key="deals_desc")
chosen_page = int(
    page_col.number_input("Page", min_value=1, max_value=pages, step=1, key="deals_page")
)
if (chosen_sort, chosen_descending, chosen_page) != (sort, descending, page):
    sort, descending, page = chosen_sort, chosen_descending, chosen_page
    view = _view(filters, group, sort, descending, page)
with columns_col.popover("Columns", icon=":material/view_column:"):
    shown_columns = st.multiselect(
        "Columns shown", list(COLUMNS), default=list(DEFAULT_COLUMNS), key="deals_columns",
        select_all=False,
    )  # fmt: skip

_write_params({"sort": sort, "desc": "1" if descending else "0", "group": group, "page": str(page)})

rows = view.rows
first = (page - 1) * PAGE_SIZE + 1
st.caption(
    f"Deals {first:,}–{first + len(rows) - 1:,} of {count:,}. Click a column's header to "
    "sort all of them by it (again to reverse); tick a row to open the deal."
)
opened = deals_table(
    rows, key=f"deals_table_{st.session_state.get('deals_table_n', 0)}",
    columns=shown_columns or DEFAULT_COLUMNS, sorted_by=sort, descending=descending,
    on_sort=_header_clicked,
)  # fmt: skip
if opened is not None:
    open_deal(opened)
breakdown = st.expander(
    "Breakdown of these deals: buyers, sellers, categories, statuses",
    key=BREAKDOWN,
    on_change="rerun",
)
if breakdown.open:
    if not view.facets:  # opened on this run
        view = _view(filters, group, sort, descending, page, facets=True)
    # Plain Markdown tables: four interactive grids cost the browser more to draw than
    # the rest of the page, on every filter change.
    columns = breakdown.columns(len(view.facets))
    for column, (facet, counts) in zip(columns, view.facets.items(), strict=True):
        column.markdown(facet_table(facet, counts))
export_buttons(filters, count, key="deals-export")
