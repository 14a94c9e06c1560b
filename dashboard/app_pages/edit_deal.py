"""Add or edit a deal: a form over the library's editing services.

Errors are shown beside the fields they name and what was typed is kept; a failed save
writes nothing. An edit carries the version the form was opened at, so a save after
someone else's is refused with what they changed.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import data
from dashboard.account import current_actor, is_editor
from dashboard.ui import guard, link_params, md, party_label, positive_int
from tracker.citing import cited_as
from tracker.domain.money import currency_choices
from tracker.domain.schemas import describe_problem
from tracker.domain.vocab import (
    Category,
    Condition,
    PartyKind,
    Status,
    ValueKind,
    field_label,
    label,
)
from tracker.errors import InvalidInput
from tracker.read.detail import identical_deals
from tracker.read.editable import editable_deal
from tracker.resolve import suggest_parties, suggest_platforms
from tracker.write.catalogue import add_party, add_platform
from tracker.write.deals import (
    StaleEdit,
    WouldClearFields,
    add_deal,
    update_deal,
)

PREFIX = "ef_"
UNKNOWN = "unknown"
DEFAULTS: dict[str, Any] = {
    "buyer": None, "seller": None, "platform": None, "programme": "", "quantity_ordered": None,
    "quantity_unit": "", "quantity_delivered": None, "delivered_exceeds_ordered": False,
    "condition": None, "local_production": False, "value_amount": "", "value_currency": None,
    "value_year": None, "value_kind": None, "value_at_least": False, "status": "proposed",
    "order_date": "", "first_delivery_date": "", "last_delivery_date": "",
    "deliveries_expected": False, "notes": "",
}  # fmt: skip


def _deal_id() -> int | None:
    return positive_int(st.query_params.get("id", ""))


def _form_is_live(deal_id: int | None) -> bool:
    """True while the form's widgets hold what the user typed for this deal.

    Streamlit discards a page's widget values when another page is shown, but keeps our
    own markers: a marker alone would open an empty form that saves blanks.
    """
    return st.session_state.get(f"{PREFIX}loaded") == (deal_id,) and all(
        PREFIX + name in st.session_state for name in DEFAULTS
    )


def _load(deal_id: int | None) -> None:
    """Fill the form from the deal as stored now (or defaults) unless it is live."""
    if _form_is_live(deal_id):
        return
    values = dict(DEFAULTS)
    st.session_state[f"{PREFIX}seen"] = None
    if deal_id is not None:
        stored_deal = data.read(editable_deal, deal_id=deal_id)
        if stored_deal is None:
            st.warning(f"There is no deal with id {deal_id} to edit.")
            st.stop()
        stored = stored_deal.values
        st.session_state[f"{PREFIX}seen"] = (stored_deal.version, stored)
        values.update(
            {
                k: ("" if v is None and isinstance(DEFAULTS.get(k), str) else v)
                for k, v in stored.items()
            }
        )
        values["value_amount"] = (
            "" if stored["value_amount"] is None else f"{stored['value_amount']:f}"
        )
    for name, value in values.items():
        st.session_state[PREFIX + name] = value
    st.session_state[f"{PREFIX}errors"] = {}
    st.session_state.pop(f"{PREFIX}clearing", None)
    st.session_state.pop(f"{PREFIX}twins", None)
    st.session_state[f"{PREFIX}loaded"] = (deal_id,)


def _error(field: str, where: DeltaGenerator | None = None) -> None:
    """The library's words for what is wrong with `field`, beside it."""
    message = st.session_state.get(f"{PREFIX}errors", {}).get(field)
    if message:
        (where or st).error(md(message), icon=":material/error:")


def _collect() -> dict[str, Any]:
    values = {name: st.session_state.get(PREFIX + name) for name in DEFAULTS}
    for name in ("programme", "quantity_unit", "notes", "order_date", "first_delivery_date",
                 "last_delivery_date", "value_amount"):  # fmt: skip
        values[name] = (values[name] or "").strip() or None
    for name in ("quantity_ordered", "quantity_delivered", "value_year"):
        number = values[name]
        values[name] = None if number is None else int(number)
    return values


def _save(
    deal_id: int | None, comment: str, clear: tuple[str, ...] = (), *, twin_ok: bool = False
) -> None:
    values = _collect()
    actor = current_actor()
    st.session_state.pop(f"{PREFIX}twins", None)
    if deal_id is None and not twin_ok:
        twins = data.read(identical_deals, values=values)
        if twins:  # the same deal entered twice? ask before adding it
            st.session_state[f"{PREFIX}twins"] = twins
            st.session_state[f"{PREFIX}errors"] = {}
            st.rerun()
    try:
        with guard(InvalidInput, StaleEdit, WouldClearFields):
            if deal_id is None:
                deal = data.write(add_deal, actor=actor, deal_in=values, comment=comment or None)
                saved_id = deal.id
                message = f"Added deal {saved_id}."
            else:
                version, seen = st.session_state[f"{PREFIX}seen"]
                changes = data.write(
                    update_deal, actor=actor, deal_id=deal_id, values=values,
                    seen_version=version, seen_values=seen, comment=comment or None,
                    clear=clear,
                )  # fmt: skip
                saved_id = deal_id
                changed = ", ".join(field_label(name).lower() for name in changes)
                message = f"Saved deal {deal_id}: {changed}." if changes else "No changes to save."
                message += _earlier_quotes_note(deal_id, {cited_as(name) for name in changes})
    except InvalidInput as exc:
        errors: dict[str, str] = {}
        for error in exc.errors:  # one message per field, every field at once
            name = error.field.split(".")[0]
            errors[name] = f"{errors[name]}; {error.message}" if name in errors else error.message
        st.session_state[f"{PREFIX}errors"] = errors
        st.session_state[f"{PREFIX}problems"] = [describe_problem(e) for e in exc.errors]
        st.rerun()
    except StaleEdit as exc:
        st.session_state[f"{PREFIX}stale"] = str(exc)
        st.rerun()
    except WouldClearFields as exc:
        st.session_state[f"{PREFIX}clearing"] = tuple(exc.fields)
        st.rerun()
    st.session_state.pop(f"{PREFIX}loaded", None)  # reload from the database next time
    st.session_state.pop(f"{PREFIX}clearing", None)
    st.session_state.pop(f"{PREFIX}twins", None)
    st.session_state[f"{PREFIX}done"] = (message, saved_id)
    st.query_params["id"] = str(saved_id)
    st.rerun()


def _earlier_quotes_note(deal_id: int, changed: set[str]) -> str:
    """After a save: the changed fields whose quotes all back the value it replaced."""
    detail = data.deal_detail(deal_id)
    if detail is None:
        return ""
    stale = [
        field_label(name).lower()
        for name, cited in detail.field_citations.items()
        if name in changed
        and cited
        and all(citation.earlier_value is not None for citation in cited)
    ]
    if not stale:
        return ""
    return (
        f" The quotes cited for {', '.join(stale)} back an earlier value now: cite a source "
        "for the new value on the deal's page."
    )


def _options_index(options: list[Any], value: Any) -> int | None:
    return options.index(value) if value in options else None


def _name_pickers() -> None:
    """Buyer, seller and platform, outside the form: a pick is kept at once, so adding a
    missing company or platform below does not lose the other picks."""
    parties = data.party_name_choices()
    labels = {
        c.name: party_label(c.name, c.iso3) if c.kind == "state" else f"{c.name} ({c.kind})"
        for c in parties
    }
    names = list(labels)
    for field, title in (("buyer", "Buyer"), ("seller", "Seller (supplier)")):
        if st.session_state.get(PREFIX + field) not in names:
            st.session_state[PREFIX + field] = None
        st.selectbox(
            title, names, key=PREFIX + field, format_func=lambda n: labels.get(n, n),
            placeholder="Type a name, code or alias…",
        )  # fmt: skip
        _error(field)
    _new_party()
    platforms = data.platform_choices()
    if added := st.session_state.pop(f"{PREFIX}new_platform", None):
        st.session_state[PREFIX + "platform"] = added
    if st.session_state.get(PREFIX + "platform") not in platforms:
        st.session_state[PREFIX + "platform"] = None
    st.selectbox("Platform", platforms, key=PREFIX + "platform", placeholder="Type a designation…")
    _error("platform")
    _new_platform()


def _deal_form(deal_id: int | None) -> None:
    _name_pickers()
    with st.form("deal_form", clear_on_submit=False, enter_to_submit=False):
        st.text_input("Programme", key=PREFIX + "programme")
        _error("programme")
        left, right = st.columns(2)
        left.number_input(
            "Quantity ordered (empty = unknown)",
            step=1,
            value=None,
            key=PREFIX + "quantity_ordered",
        )
        _error("quantity_ordered", left)
        right.text_input(
            "Unit the source counts",
            key=PREFIX + "quantity_unit",
            placeholder="units, batteries, systems",
        )
        _error("quantity_unit", right)
        left.number_input(
            "Quantity delivered (empty = unknown)",
            step=1,
            value=None,
            key=PREFIX + "quantity_delivered",
        )
        _error("quantity_delivered", left)
        right.checkbox(
            "More delivered than ordered is right", key=PREFIX + "delivered_exceeds_ordered"
        )
        left.selectbox(
            "Condition",
            [c.value for c in Condition],
            key=PREFIX + "condition",
            format_func=lambda v: label(Condition(v)),
            placeholder=UNKNOWN,
        )
        _error("condition", left)
        right.checkbox("Licensed or local production", key=PREFIX + "local_production")
        st.markdown("**Value**")
        v1, v2, v3, v4 = st.columns(4)
        v1.text_input("Amount", key=PREFIX + "value_amount", placeholder="2500000000")
        v2.selectbox(
            "Currency", currency_choices(), key=PREFIX + "value_currency", placeholder="ISO 4217"
        )
        v3.number_input(
            "Price year",
            min_value=1900,
            max_value=2100,
            step=1,
            value=None,
            key=PREFIX + "value_year",
        )
        v4.selectbox(
            "Kind",
            [k.value for k in ValueKind],
            key=PREFIX + "value_kind",
            format_func=lambda v: v.replace("_", " "),
            placeholder="contract…",
        )
        st.checkbox('"At least" (e.g. "over $10 billion")', key=PREFIX + "value_at_least")
        for column, field in zip(
            (v1, v2, v3, v4),
            ("value_amount", "value_currency", "value_year", "value_kind"),
            strict=True,
        ):
            _error(field, column)
        st.selectbox(
            "Status",
            [s.value for s in Status],
            key=PREFIX + "status",
            format_func=lambda v: label(Status(v)),
        )
        _error("status")
        d1, d2, d3 = st.columns(3)
        d1.text_input(
            "Order date", key=PREFIX + "order_date", placeholder="2017, 2025-10 or 2024-02-15"
        )
        d2.text_input(
            "First delivery", key=PREFIX + "first_delivery_date", placeholder="YYYY[-MM[-DD]]"
        )
        d3.text_input(
            "Last delivery", key=PREFIX + "last_delivery_date", placeholder="YYYY[-MM[-DD]]"
        )
        for column, field in zip(
            (d1, d2, d3), ("order_date", "first_delivery_date", "last_delivery_date"), strict=True
        ):
            _error(field, column)
        st.checkbox(
            "Delivery dates are expected, not yet reported", key=PREFIX + "deliveries_expected"
        )
        st.text_area("Notes", key=PREFIX + "notes")
        _error("notes")
        comment = st.text_input("Why (for the edit history)", key=PREFIX + "comment")
        submitted = st.form_submit_button(
            "Add deal" if deal_id is None else "Save changes",
            type="primary",
            key="deal_form_submit",
        )
    if submitted:
        _save(deal_id, comment)  # fmt: skip


def _new_party() -> None:
    title = "Name not in the list? Add a company, organisation or non-state actor"
    with st.expander(title), st.form("new_party"):
        name = st.text_input("Name")
        kind = st.selectbox("Kind", [k.value for k in PartyKind if k is not PartyKind.STATE])
        country = st.text_input("Home country (optional)")
        confirmed = st.checkbox("Yes, this is a new party, not one of the suggestions")
        if st.form_submit_button("Add party"):
            close = data.read(suggest_parties, name=name) if name.strip() else []
            if close and not confirmed:
                st.warning("Did you mean " + md(", ".join(close)) + "? Tick the box if it is new.")
                return
            try:
                with guard(InvalidInput):
                    party_in = {"name": name, "kind": kind, "country": country or None}
                    data.write(add_party, actor=current_actor(), party_in=party_in)
            except InvalidInput as exc:
                st.error(md(exc))
                return
            st.success(f"Added {md(name)}; pick it as buyer or seller above.")


def _new_platform() -> None:
    with st.expander("Platform not in the list? Add one"), st.form("new_platform"):
        designation = st.text_input(
            "Designation", placeholder="F-16 Block 70 Viper", key="new_platform_designation"
        )
        aliases = st.text_input("Other names, separated by commas", placeholder="F-16V, F-16 Viper")
        category = st.selectbox(
            "Category", [c.value for c in Category], format_func=lambda v: label(Category(v)),
            key="new_platform_category",
        )  # fmt: skip
        description = st.text_input("Description")
        makers = st.text_input("Manufacturer(s), separated by commas")
        confirmed = st.checkbox(
            "Yes, this is a new platform, not one of the suggestions",
            key="new_platform_confirmed",
        )
        if st.form_submit_button("Add platform", key="new_platform_submit"):
            close = data.read(suggest_platforms, name=designation) if designation.strip() else []
            if close and not confirmed:
                st.warning("Did you mean " + md(", ".join(close)) + "? Tick the box if it is new.")
                return
            platform_in = {
                "designation": designation, "category": category,
                "description": description or None,
                "aliases": [a.strip() for a in aliases.split(",") if a.strip()],
                "manufacturers": [m.strip() for m in makers.split(",") if m.strip()],
            }  # fmt: skip
            try:
                with guard(InvalidInput):
                    data.write(
                        add_platform,
                        actor=current_actor(),
                        platform_in=platform_in,
                    )
            except InvalidInput as exc:
                st.error(md(exc))
                return
            st.session_state[f"{PREFIX}new_platform"] = designation.strip()  # picked next run
            st.rerun()


deal_id = _deal_id()
st.title("Add a deal" if deal_id is None else f"Edit deal {deal_id}")
if not is_editor():
    st.info("Sign in as an editor (sidebar) to add or edit deals.")
    st.stop()
if done := st.session_state.pop(f"{PREFIX}done", None):
    message, saved_id = done
    st.success(md(message))
    st.page_link(
        "app_pages/deal.py", label=f"Open deal {saved_id}", icon=":material/description:",
        query_params=link_params(id=str(saved_id)),
    )  # fmt: skip
if stale := st.session_state.pop(f"{PREFIX}stale", None):
    st.error(md(stale))
    if st.button("Reload the deal (your unsaved changes are dropped)"):
        st.session_state.pop(f"{PREFIX}loaded", None)
        st.rerun()
_load(deal_id)
if clearing := st.session_state.get(f"{PREFIX}clearing"):
    names = ", ".join(field_label(name).lower() for name in clearing)
    st.warning(
        f"Not saved yet: this would clear {md(names)}, which "
        f"{'has a value' if len(clearing) == 1 else 'have values'} now. "
        "Save them as they are by filling them in again below, or confirm that they "
        "should be emptied.",
        icon=":material/warning:",
    )
    if st.button(f"Clear {names} and save", key="confirm_clearing", type="primary"):
        _save(deal_id, st.session_state.get(PREFIX + "comment", ""), clear=clearing)
if st.session_state.get(f"{PREFIX}errors"):
    problems = st.session_state.get(f"{PREFIX}problems", [])
    st.error(
        f"The deal was not saved. Fix {'this' if len(problems) == 1 else 'these'} "
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} (marked below):  \n"
        + "  \n".join(f"- {md(problem)}" for problem in problems)
    )
if twins := st.session_state.get(f"{PREFIX}twins"):
    st.warning(
        "A deal with the same buyer, seller, platform, quantity and order date is stored "
        "already. Open it to check, or add this one anyway.",
        icon=":material/content_copy:",
    )
    for twin in twins[:5]:
        st.page_link(
            "app_pages/deal.py", label=f"Open deal {twin}", icon=":material/description:",
            query_params=link_params(id=str(twin)),
        )  # fmt: skip
    if st.button("Add it anyway", key="add_twin"):
        _save(deal_id, st.session_state.get(PREFIX + "comment", ""), twin_ok=True)
_deal_form(deal_id)
