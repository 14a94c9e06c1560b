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
    totals_lines,
)
from tracker.queries import SORT_KEYS, GroupBy

PAGE_SIZE = 50
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
    st.session_state["deals_page"] = int(page) if page.isdigit() and int(page) > 0 else 1
    st.session_state["deals_loaded"] = True


st.title("Deals")
_init_from_url()
filters = current_filters()
with guard():
    count = data.deal_count(filters)  # cheap; decides the page count before the view loads

if count == 0:
    st.info("No deals match these filters. Remove a filter in the sidebar to see more.")
    st.stop()

group = st.segmented_control(
    "Totals by", GROUPS, key="deals_group", required=True, format_func=str.capitalize
)
with guard():
    groups = data.totals(filters, group or "platform")
st.markdown("  \n".join(totals_lines(groups)))
if len(groups) > 12:
    st.caption(f"Showing the first 12 of {len(groups)} groups.")
st.caption(
    "Quantities are summed where known; deals of unknown quantity or value are counted "
    "separately, never as 0. Money is summed per currency."
)

sort_col, order_col, page_col = st.columns([2, 1, 1])
sort = sort_col.selectbox(
    "Sort by", list(SORT_KEYS), key="deals_sort", format_func=lambda k: k.replace("_", " ")
)
descending = order_col.toggle("Descending", key="deals_desc")
pages = max(1, math.ceil(count / PAGE_SIZE))
st.session_state["deals_page"] = min(st.session_state["deals_page"], pages)
page = page_col.number_input("Page", min_value=1, max_value=pages, step=1, key="deals_page")

st.query_params["sort"] = sort
st.query_params["desc"] = "1" if descending else "0"
st.query_params["group"] = group or "platform"
st.query_params["page"] = str(page)

with guard():
    view = data.deal_view(filters, sort, descending, PAGE_SIZE, (int(page) - 1) * PAGE_SIZE)
rows = view.rows
first = (int(page) - 1) * PAGE_SIZE + 1
st.caption(f"Deals {first:,}–{first + len(rows) - 1:,} of {count:,}. Open a deal for its sources.")
deals_table(rows, key="deals_table")
with st.expander("Breakdown of these deals: buyers, sellers, categories, statuses"):
    # Plain Markdown tables: four interactive grids cost the browser more to draw than
    # the rest of the page, on every filter change.
    columns = st.columns(len(view.facets))
    for column, (facet, counts) in zip(columns, view.facets.items(), strict=True):
        column.markdown(facet_table(facet, counts))
export_buttons(filters, count, key="deals-export")
