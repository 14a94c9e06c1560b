"""Admin: accounts and roles, the whole audit log, deleted deals to restore, and what
imports left to review (names only a SIPRI file vouched for, flagged deals)."""

from __future__ import annotations

import datetime as dt
import functools

import streamlit as st

from dashboard import data
from dashboard.account import current_actor
from dashboard.ui import guard, link_params, md
from tracker.domain.vocab import FlagKind, Role, label
from tracker.errors import InvalidInput
from tracker.read.audit import audit_log
from tracker.read.choices import deleted_deals, open_reviews
from tracker.write import accounts
from tracker.write.catalogue import review_party
from tracker.write.deals import resolve_flag, restore_deal

st.title("Admin")
actor = current_actor()
if not actor.can(Role.ADMIN):
    st.info("Sign in as an admin to manage users and read the whole audit log.")
    st.stop()

users_tab, audit_tab, deleted_tab, review_tab = st.tabs(
    ["Users", "Audit log", "Deleted deals", "To review"]
)

with users_tab:
    with guard():
        users = data.read(accounts.list_users, actor=actor)
    now = dt.datetime.now(dt.UTC)
    st.dataframe(
        [
            {
                "username": u.username, "name": u.display_name or "", "role": u.role.value,
                "active": u.active, "locked": u.locked(now), "failed sign-ins": u.failed_logins,
                "last sign-in": f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "",
                "single sign-on": u.sso_identity or "",
            }
            for u in users
        ],
        hide_index=True, width="stretch", key="users_table",
    )  # fmt: skip
    names = [u.username for u in users]
    with st.form("manage_user"):
        st.markdown("**Change an account**")
        who = st.selectbox("Account", names, key="manage_who")
        action = st.radio(
            "Action",
            ["make viewer", "make editor", "make admin", "deactivate", "activate", "unlock"],
            horizontal=True, key="manage_action",
        )  # fmt: skip
        if st.form_submit_button("Apply") and who:
            try:
                with guard(InvalidInput):
                    if action.startswith("make "):
                        role = Role(action.removeprefix("make "))
                        data.write(accounts.set_role, actor=actor, username=who, role=role)
                    elif action in ("activate", "deactivate"):
                        data.write(
                            accounts.set_active,
                            actor=actor,
                            username=who,
                            active=action == "activate",
                        )
                    else:
                        data.write(accounts.unlock, actor=actor, username=who)
            except InvalidInput as exc:
                st.error(md(exc))
            else:
                st.rerun()
    with st.form("add_user", clear_on_submit=False):
        st.markdown("**Add an account**")
        left, right = st.columns(2)
        username = left.text_input("Username", key="new_username")
        role_name = right.selectbox("Role", [r.value for r in Role], index=1, key="new_role")
        password = left.text_input("Password (10+ characters)", type="password", key="new_password")
        sso = right.text_input("Single-sign-on e-mail (optional)", key="new_sso")
        if st.form_submit_button("Add account"):
            try:
                with guard(InvalidInput):
                    data.write(
                        accounts.create_user, actor=actor, username=username,
                        password=password or None, role=Role(role_name),
                        sso_identity=sso or None,
                    )  # fmt: skip
            except InvalidInput as exc:
                st.error(md(exc))
            else:
                st.session_state.pop("new_password", None)
                st.success(f"Added {md(username)}.")

with audit_tab:
    left, middle, right = st.columns(3)
    by_user = left.text_input("By user", key="audit_user") or None
    deal = middle.number_input("Deal id", min_value=1, step=1, value=None, key="audit_deal")
    since = right.date_input("Since", value=None, key="audit_since")
    with guard():
        entries = data.read(
            audit_log, actor=actor, user=by_user, deal_id=int(deal) if deal else None, since=since,
            limit=500,
        )  # fmt: skip
    st.dataframe(
        [
            {
                "when": f"{e.at:%Y-%m-%d %H:%M:%S}", "who": e.actor, "action": e.action,
                "what": f"{e.entity} {e.entity_id or ''}".strip(), "deal": e.deal_id,
                "changes": "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in e.changes.items()),
                "why": e.comment or "", "restored from": e.restored_from or "",
            }
            for e in entries
        ],
        hide_index=True, width="stretch", key="audit_table",
    )  # fmt: skip
    st.caption(
        f"{len(entries)} entries, newest first (at most 500). `tracker audit` prints the same."
    )
    chosen = {"user": by_user, "deal_id": int(deal) if deal else None, "since": since}
    for column, fmt in zip(st.columns(2), ("csv", "json"), strict=True):
        column.download_button(
            f"Export the log as {fmt.upper()}", key=f"audit-{fmt}", on_click="ignore",
            data=functools.partial(data.audit_file, data.engine(), actor, fmt, **chosen),
            file_name=f"audit-log.{fmt}", mime="text/csv" if fmt == "csv" else "application/json",
            help="Every entry matching the filters above, not only the 500 shown.",
        )  # fmt: skip

with deleted_tab:
    with guard():
        gone = data.read(deleted_deals)
    if not gone:
        st.caption("No deleted deals.")
    for item in gone:
        left, right = st.columns([4, 1])
        left.markdown(
            f"**{item.deal_id}** {md(item.title)} — deleted by {md(item.deleted_by)} "
            f"on {item.deleted_at:%Y-%m-%d %H:%M}"
        )
        if right.button("Restore", key=f"restore_{item.deal_id}"):
            with guard():
                data.write(
                    restore_deal,
                    actor=actor,
                    deal_id=item.deal_id,
                    comment="restored by admin",
                )
            st.rerun()

with review_tab:
    st.caption(
        "Parties a SIPRI file introduced (created with the kind its marker says) and deals an "
        "import flagged: possible duplicates, and deals a newer release no longer lists."
    )
    with guard():
        reviews = data.read(open_reviews)
    if not reviews:
        st.caption("Nothing to review.")
    for review in reviews:
        left, right = st.columns([4, 1])
        if review.kind == "party":
            left.markdown(f"**Unreviewed party**: {md(review.text)}")
            if right.button("Confirm", key=f"review_party_{review.item_id}"):
                with guard():
                    data.write(review_party, actor=actor, party_id=review.item_id)
                st.rerun()
            continue
        left.markdown(f"**{md(label(FlagKind(review.kind)))}**: {md(review.text)}")
        if review.deal_id is not None:
            left.page_link(
                "app_pages/deal.py", label=f"Open deal {review.deal_id}",
                query_params=link_params(id=str(review.deal_id)),
            )  # fmt: skip
        if right.button("Mark as reviewed", key=f"review_flag_{review.item_id}"):
            with guard():
                data.write(resolve_flag, actor=actor, flag_id=review.item_id)
            st.rerun()
