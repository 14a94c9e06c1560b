"""Editor tools on the deal page: attach a source and cite it, add a timeline event."""

from __future__ import annotations

import streamlit as st

from dashboard import data
from dashboard.account import current_actor
from dashboard.ui import guard, md
from tracker.citing import CITABLE_FIELDS
from tracker.domain.schemas import describe_problem
from tracker.domain.vocab import EventKind, Status, field_label, label
from tracker.errors import InvalidInput, QuoteNotInSource
from tracker.read.detail import DealDetail
from tracker.write._concurrency import StaleEdit
from tracker.write.sources import add_event, cite

NEW_SOURCE = "— a new source —"


def _source_fields(prefix: str) -> dict[str, object] | str:
    """Pick a stored source, or describe a new one; returns the new source or a ref."""
    choices = dict(data.source_choices())
    picked = st.selectbox(
        "Source", [NEW_SOURCE, *choices], key=f"{prefix}_source",
        format_func=lambda ref: choices.get(ref, ref),
    )  # fmt: skip
    if picked != NEW_SOURCE:
        return str(picked)
    left, right = st.columns(2)
    return {
        "title": left.text_input("Title", key=f"{prefix}_title"),
        "publisher": right.text_input("Publisher", key=f"{prefix}_publisher") or None,
        "url": left.text_input("URL", key=f"{prefix}_url") or None,
        "published_date": right.date_input("Published", value=None, key=f"{prefix}_published"),
        "text": st.text_area(
            "Text of the source (paste it: quotes are checked against it)", key=f"{prefix}_text"
        ),
    }


def _problems(exc: Exception) -> None:
    """Every problem at once, each with the label of its field, in the library's words."""
    if isinstance(exc, InvalidInput):
        lines = [describe_problem(error) for error in exc.errors]
        st.error("Not saved:  \n" + "  \n".join(f"- {md(line)}" for line in lines))
    else:
        st.error(md(f"Not saved: {exc}"))


# (deal id, message) of the citation last saved: shown on that deal's page until the next
# form is sent. Popped on the first run after saving, it could vanish in a run that came
# right after (a loaded browser test missed it).
CITED = "cite_saved"


def _cite_form(deal_id: int) -> None:
    saved = st.session_state.get(CITED)
    if saved is not None and saved[0] == deal_id:
        st.success(saved[1])
    with st.expander("Add a source and cite it"), st.form("cite_form", clear_on_submit=False):
        source = _source_fields("cite")
        fields = st.multiselect(
            "Supports the fields", sorted(CITABLE_FIELDS, key=field_label), key="cite_fields",
            format_func=field_label, select_all=False,
            help="One quote can back several fields: pick each field it states.",
        )  # fmt: skip
        quote = st.text_area("Exact quote from the source", key="cite_quote")
        if not st.form_submit_button("Save citation", key="cite_submit"):
            return
        st.session_state.pop(CITED, None)
        try:
            with guard(InvalidInput, QuoteNotInSource):
                data.write(
                    cite, actor=current_actor(), deal_id=deal_id,
                    source=source, fields=fields, quote=quote,
                )  # fmt: skip
        except (InvalidInput, QuoteNotInSource) as exc:
            _problems(exc)
            return
        names = ", ".join(sorted(field_label(name).lower() for name in fields))
        # Run the page again: the fields above it count their sources anew (a QA pass saw
        # "1 source" until a reload).
        st.session_state[CITED] = (deal_id, f"Citation saved for {md(names)}.")
        st.rerun()


def _event_form(deal_id: int, detail: DealDetail) -> None:
    with st.expander("Add a timeline event"), st.form("event_form", clear_on_submit=False):
        left, right = st.columns(2)
        kind = left.selectbox("Kind", [k.value for k in EventKind], key="event_kind",
                              format_func=lambda v: v.replace("_", " "))  # fmt: skip
        date = right.text_input("Date", placeholder="2026, 2026-03 or 2026-03-14", key="event_date")
        description = st.text_input("What happened", key="event_description")
        statuses = ["", *(s.value for s in Status)]
        new_status = left.selectbox(
            f"New status (now {label(detail.row.status)})", statuses, key="event_status",
            format_func=lambda v: label(Status(v)) if v else "no change",
        )  # fmt: skip
        quantity = right.number_input("Units delivered (delivery events)", step=1,
                                      value=None, key="event_quantity")  # fmt: skip
        source = _source_fields("event")
        quote = st.text_area("Exact quote supporting it", key="event_quote")
        if not st.form_submit_button("Add event", key="event_submit"):
            return
        st.session_state.pop(CITED, None)
        try:
            with guard(InvalidInput, QuoteNotInSource, StaleEdit):
                data.write(
                    add_event, actor=current_actor(), deal_id=deal_id,
                    seen_version=detail.version, source=source, quote=quote or None,
                    event_in={"kind": kind, "date": date or None, "description": description,
                              "new_status": new_status or None, "quantity": quantity},
                )  # fmt: skip
        except (InvalidInput, QuoteNotInSource, StaleEdit) as exc:
            _problems(exc)
            return
        st.rerun()


def editor_tools(deal_id: int, detail: DealDetail) -> None:
    st.subheader("Add to this deal")
    _cite_form(deal_id)
    _event_form(deal_id, detail)
