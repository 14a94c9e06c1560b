"""Import: upload a SIPRI trade register or a tracker export, preview, then import."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.account import current_actor, is_editor
from dashboard.ui import guard, link_params, md
from tracker.domain.vocab import counted
from tracker.imports.pipeline import ImportReport
from tracker.imports.plan import ImportRejected, RowProblem
from tracker.imports.rejects import rejects_csv

st.title("Import")
if not is_editor():
    st.info("Sign in as an editor (sidebar) to import data.")
    st.stop()
st.caption(
    "SIPRI trade registers (either layout, as downloaded), or this tracker's CSV/JSON "
    "exports and JSON dumps. Nothing is written until you confirm; a file imports "
    "completely or not at all, and importing the same file again adds nothing. A large "
    "file is previewed from its first rows; the import reads and checks all of it."
)

upload = st.file_uploader("File", type=["csv", "txt", "json"], key="import_file")
skip_invalid = st.checkbox(
    "Skip invalid rows", key="import_skip",
    help="Import the valid rows and list the rejected ones, instead of rejecting the file.",
)  # fmt: skip
if upload is None:
    st.stop()

content = upload.getvalue()


def problems_table(problems: Sequence[RowProblem], filename: str, stage: str = "preview") -> None:
    """Rejected rows: row number, column, value and reason, and the same as a CSV file."""
    st.dataframe(
        pd.DataFrame(
            [{"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
             for p in problems]
        ),
        hide_index=True, width="stretch",
    )  # fmt: skip
    st.download_button(
        "Download the rejected rows (CSV)", rejects_csv(problems),
        file_name=f"{PurePath(filename).stem}.rejects.csv", mime="text/csv",
        key=f"rejects_{stage}_{len(problems)}_{st.session_state.get('import_go', False)}",
    )  # fmt: skip


def show_report(report: ImportReport, filename: str) -> None:
    if report.release:
        st.caption(md(f"SIPRI release generated {report.release}"))
    top, bottom = st.columns(3), st.columns(3)
    top[0].metric("New deals", report.created)
    top[1].metric("Updated from this release", report.updated)
    top[2].metric("Matched to stored deals", report.matched)
    bottom[0].metric("Already imported, unchanged", report.unchanged)
    bottom[1].metric("Flagged for review", report.flagged)
    bottom[2].metric("Rejected rows", len(report.rejected))
    if report.tables:
        st.write({name: count for name, count in report.tables.items() if count})
    if report.conflicts:
        st.warning(
            f"{counted(report.conflicts, 'field')} of stored deals "
            f"{'disagrees' if report.conflicts == 1 else 'disagree'} with this file: recorded "
            "on those deals' pages for review, not overwritten."
        )
    if report.flagged:
        st.info(
            f"{counted(report.flagged, 'deal')} flagged for review: possible duplicates, or "
            "deals this release no longer lists. Nothing is deleted. Each flag shows on its "
            "deal's page, where an editor resolves it; an admin finds them all under Admin → "
            "To review."
        )
    if report.warnings:
        with st.expander(f"{len(report.warnings)} row(s) imported with a warning"):
            st.markdown("\n".join(f"- {md(w)}" for w in report.warnings[:200]))
            if len(report.warnings) > 200:
                st.caption(f"… and {len(report.warnings) - 200} more")
    if report.new_parties:
        st.markdown("**New parties:** " + md(", ".join(report.new_parties)))
    if report.unreviewed_parties:
        st.warning(
            "Names this file introduces, created as it marks them and listed as unreviewed "
            "for an admin (Admin → To review): " + md("; ".join(report.unreviewed_parties))
        )
    if report.new_platforms:
        shown = ", ".join(report.new_platforms[:30])
        more = (
            f" and {len(report.new_platforms) - 30} more" if len(report.new_platforms) > 30 else ""
        )
        st.markdown(f"**New platforms:** {md(shown)}{more}")
    if report.rejected:
        problems_table(report.rejected, filename)


st.subheader("Preview")
try:
    with guard(ImportRejected):
        preview = data.preview_import(content, upload.name, skip_invalid, current_actor())
except ImportRejected as exc:
    st.error(md(exc))
    if exc.problems:
        problems_table(exc.problems, upload.name)
    st.stop()
if preview.sample:
    st.info(
        f"This is {md(preview.sample)}. Problems further down (a row cut short at the end, "
        "an encoding that changes, a bad later row) are reported by the import itself, "
        "which then writes nothing; deals a SIPRI release no longer lists are flagged then."
    )
st.caption(md(preview.summary()))
show_report(preview, upload.name)
if preview.rejected and not skip_invalid:
    st.error(
        f"{len(preview.rejected)} row(s) would be rejected, so nothing can be imported as it "
        "is. Fix them in the file and upload it again, or tick **Skip invalid rows** above "
        "to import the rest (the rejected rows stay downloadable here)."
    )
    st.stop()

changes = (preview.created, preview.matched, preview.updated, preview.flagged)
nothing_new = not any(changes) and not any(preview.tables.values())
if nothing_new and not preview.sample:
    st.info("Nothing new to import: this file is already in the database.")
    st.stop()
if nothing_new:
    st.info("Nothing new in the rows previewed: the import will look at the rest.")
if st.button("Import", type="primary", key="import_go"):
    bar = st.progress(0.0, text="Importing…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Checked {done:,} of {total:,} deals")

    try:
        with guard(ImportRejected):
            report = data.run_import(content, upload.name, skip_invalid, current_actor(), progress)
    except ImportRejected as exc:
        bar.empty()
        st.error(md(exc))
        if exc.problems:
            problems_table(exc.problems, upload.name, "import")
        st.stop()
    bar.progress(1.0, text="Done")
    st.success(md(report.summary()))
    if report.rejected:  # the preview's table above may list the same rows
        problems_table(report.rejected, upload.name, "import")
    if report.created_ids:
        first = report.created_ids[0]
        st.page_link(
            "app_pages/deal.py", label=f"Open the first new deal ({first})",
            query_params=link_params(id=str(first)),
        )  # fmt: skip
