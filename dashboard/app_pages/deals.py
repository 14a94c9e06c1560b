"""Deals: the filtered table, sortable and paged, with a totals strip and exports."""

from __future__ import annotations

import math

import streamlit as st

from dashboard import data
from dashboard.ui import (
    current_filters,
    deals_table,
    export_buttons,
    facet_table,
    guard,
    positive_int,
    totals_lines,
)
from tracker.read.filters import DealFilters
from tracker.read.rows import SORT_KEYS
from tracker.read.totals import GroupBy
from tracker.read.views import DealView

PAGE_SIZE = 50
MAX_PAGE = 10_000_000  # past the last page shows the last page
GROUPS = [g.value for g in GroupBy]


def _param(name: str, default: str) -> str:
    return st.query_params.get(name, default)


def _init_from_url() -> None:
    """Sort, grouping and page come from the URL the first time this page shows."""
    if "deals_loaded" in st.session_state:
        return
    sort = _param("sort", "order_date")
    group = _param("group", "platform")
    page = _param("page", "1")
    st.session_state["deals_sort"] = sort if sort in SORT_KEYS else "order_date"
    st.session_state["deals_desc"] = _param("desc", "1") != "0"
    st.session_state["deals_group"] = group if group in GROUPS else "platform"
    st.session_state["deals_page"] = positive_int(page, MAX_PAGE) or 1
    st.session_state["deals_loaded"] = True


def _view(filters: DealFilters, group: str, sort: str, descending: bool, page: int) -> DealView:
    with guard():
        return data.deal_view(filters, group, sort, descending, PAGE_SIZE, (page - 1) * PAGE_SIZE)


st.title("Deals")
_init_from_url()
filters = current_filters()
# Everything this page shows comes from one call whose queries run at once. The widgets
# below are drawn after it, so it reads their values from the session first (with the
# widgets' own defaults); should a widget still answer differently, the view is redone.
group = st.session_state.get("deals_group") or "platform"
sort = st.session_state.get("deals_sort") or next(iter(SORT_KEYS))
descending = bool(st.session_state.get("deals_desc", False))
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

chosen_group = st.segmented_control(
    "Totals by", GROUPS, key="deals_group", required=True, format_func=str.capitalize
)
if (chosen_group or "platform") != group:
    group = chosen_group or "platform"
    view = _view(filters, group, sort, descending, page)
st.markdown("  \n".join(totals_lines(view.groups)))
if view.group_count > len(view.groups):
    st.caption(f"Showing the first {len(view.groups)} of {view.group_count} groups.")
st.caption(
    "Quantities are summed where known; deals of unknown quantity or value are counted "
    "separately, never as 0. Money is summed per currency."
)

sort_col, order_col, page_col = st.columns([2, 1, 1])
chosen_sort = sort_col.selectbox(
    "Sort by", list(SORT_KEYS), key="deals_sort", format_func=lambda k: k.replace("_", " ")
)
chosen_descending = order_col.toggle("Descending", key="deals_desc")
chosen_page = int(
    page_col.number_input("Page", min_value=1, max_value=pages, step=1, key="deals_page")
)
if (chosen_sort, chosen_descending, chosen_page) != (sort, descending, page):
    sort, descending, page = chosen_sort, chosen_descending, chosen_page
    view = _view(filters, group, sort, descending, page)

st.query_params["sort"] = sort
st.query_params["desc"] = "1" if descending else "0"
st.query_params["group"] = group
st.query_params["page"] = str(page)

rows = view.rows
first = (page - 1) * PAGE_SIZE + 1
st.caption(f"Deals {first:,}–{first + len(rows) - 1:,} of {count:,}. Open a deal for its sources.")
deals_table(rows, key="deals_table")
with st.expander("Breakdown of these deals: buyers, sellers, categories, statuses"):
    # Plain Markdown tables: four interactive grids cost the browser more to draw than
    # the rest of the page, on every filter change.
    columns = st.columns(len(view.facets))
    for column, (facet, counts) in zip(columns, view.facets.items(), strict=True):
        column.markdown(facet_table(facet, counts))
export_buttons(filters, count, key="deals-export")
