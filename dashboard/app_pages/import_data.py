"""Import: upload a SIPRI trade register or a tracker export, preview, then import."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.account import current_actor, is_editor
from dashboard.ui import guard, md
from tracker.imports.pipeline import ImportReport
from tracker.imports.plan import ImportRejected, RowProblem

st.title("Import")
if not is_editor():
    st.info("Sign in as an editor (sidebar) to import data.")
    st.stop()
st.caption(
    "SIPRI trade registers (either layout, as downloaded), or this tracker's CSV/JSON "
    "exports and JSON dumps. Nothing is written until you confirm; a file imports "
    "completely or not at all, and importing the same file again adds nothing."
)

upload = st.file_uploader("File", type=["csv", "txt", "json"], key="import_file")
skip_invalid = st.checkbox(
    "Skip invalid rows", key="import_skip",
    help="Import the valid rows and list the rejected ones, instead of rejecting the file.",
)  # fmt: skip
if upload is None:
    st.stop()

content = upload.getvalue()


def problems_table(problems: Sequence[RowProblem]) -> None:
    """Rejected rows: row number, column, value and reason."""
    st.dataframe(
        pd.DataFrame(
            [{"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
             for p in problems]
        ),
        hide_index=True, width="stretch",
    )  # fmt: skip


def show_report(report: ImportReport) -> None:
    cols = st.columns(4)
    cols[0].metric("New deals", report.created)
    cols[1].metric("Matched to stored deals", report.matched)
    cols[2].metric("Already imported", report.unchanged)
    cols[3].metric("Rejected rows", len(report.rejected))
    if report.tables:
        st.write({name: count for name, count in report.tables.items() if count})
    if report.conflicts:
        st.warning(
            f"{report.conflicts} field(s) of matched deals disagree with this file; they are "
            "recorded on those deals' pages for review, not overwritten."
        )
    if report.new_parties:
        st.markdown("**New parties:** " + md(", ".join(report.new_parties)))
    if report.new_platforms:
        shown = ", ".join(report.new_platforms[:30])
        more = (
            f" and {len(report.new_platforms) - 30} more" if len(report.new_platforms) > 30 else ""
        )
        st.markdown(f"**New platforms:** {md(shown)}{more}")
    if report.rejected:
        problems_table(report.rejected)


st.subheader("Preview")
try:
    with guard(ImportRejected):
        preview = data.preview_import(content, upload.name, skip_invalid, current_actor())
except ImportRejected as exc:
    st.error(md(exc))
    if exc.problems:
        problems_table(exc.problems)
    st.stop()
st.caption(md(preview.summary()))
show_report(preview)

nothing_new = preview.created == 0 and preview.matched == 0 and not any(preview.tables.values())
if nothing_new:
    st.info("Nothing new to import: this file is already in the database.")
    st.stop()
if st.button("Import", type="primary", key="import_go"):
    bar = st.progress(0.0, text="Importing…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Checked {done:,} of {total:,} deals")

    try:
        with guard(ImportRejected):
            report = data.run_import(content, upload.name, skip_invalid, current_actor(), progress)
    except ImportRejected as exc:
        st.error(md(exc))
        st.stop()
    bar.progress(1.0, text="Done")
    st.success(md(report.summary()))
    if report.created_ids:
        first = report.created_ids[0]
        st.page_link(
            "app_pages/deal.py", label=f"Open the first new deal ({first})",
            query_params={"id": str(first)},
        )  # fmt: skip
