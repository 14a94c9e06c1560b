"""One deal: every field, its timeline, its sources and quotes, related deals, citation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import streamlit as st

from dashboard import data
from dashboard.account import current_actor
from dashboard.deal_tools import editor_tools
from dashboard.ui import deals_table, guard, link_params, md, open_deal, positive_int
from tracker.citing import bibtex_citation, deal_title, plain_citation
from tracker.domain.money import describe_value, format_amount
from tracker.domain.vocab import FlagKind, MoneyFactKind, Role, field_label, label
from tracker.formatting import describe_tiv
from tracker.read.audit import audit_log
from tracker.read.detail import CitationView, DealDetail
from tracker.read.usd import base_year_or_default, row_value_usd
from tracker.write.deals import delete_deal, resolve_flag, restore_deal


def _deal_id() -> int | None:
    return positive_int(st.query_params.get("id", ""))


def _or_unknown(value: object, unknown: str = "unknown") -> str:
    return unknown if value is None else str(value)


def _value(detail: DealDetail) -> str:
    row = detail.row
    if row.value_amount is None:
        return "unknown"
    value = describe_value(row.value_amount, row.value_currency, row.value_at_least)
    extras = [row.value_kind, f"{row.value_year} prices" if row.value_year else None]
    shown = [extra.replace("_", " ") for extra in extras if extra]
    return f"{value} ({', '.join(shown)})" if shown else value


def _value_usd(detail: DealDetail) -> str:
    """ "≈ $3.28 billion in 2025 dollars — <rate, deflator, price year>", or why not."""
    converted = row_value_usd(detail.row, base_year_or_default(None))
    return "—" if converted is None else converted.summary


def _sum(amount: Decimal, high: Decimal | None, currency: str, at_least: bool) -> str:
    low = describe_value(amount, currency, at_least)
    return f"{low} – {format_amount(high, currency)}" if high is not None else low


def _deliveries(detail: DealDetail) -> None:
    """Per-year delivery records, as the source gives them (gaps between years kept)."""
    if not detail.deliveries:
        return
    st.markdown("**Deliveries by year**")
    st.dataframe(
        [
            {
                "year": f"{d.year}{' (estimate)' if d.year_estimated else ''}",
                "number": "not given" if d.number is None
                else f"{d.number:,}{' (estimate)' if d.number_estimated else ''}",
                "SIPRI TIV (millions)": "—" if d.tiv is None else f"{d.tiv:,.2f}",
            }
            for d in detail.deliveries
        ],
        hide_index=True,
    )  # fmt: skip


def _money_facts(detail: DealDetail) -> None:
    """Sums the sources state that are not this deal's own value: never added to it."""
    if not detail.money_facts:
        return
    st.markdown("**Other sums the sources state** (not this deal's value)")
    for fact in detail.money_facts:
        amount = _sum(fact.amount, fact.amount_high, fact.currency, fact.at_least)
        quote = f' — "{md(fact.quote)}"' if fact.quote else ""
        st.markdown(f"- {md(label(MoneyFactKind(fact.kind)))}: {md(amount)}{quote}")


def _deal_flags(detail: DealDetail) -> None:
    """Review flags an import raised (possible duplicate, no longer in a SIPRI release)."""
    open_flags = [flag for flag in detail.flags if not flag.resolved]
    for flag in open_flags:
        st.warning(md(f"{label(FlagKind(flag.kind))}: {flag.detail}"), icon=":material/flag:")
        if flag.other_deal_id is not None:
            st.page_link(
                "app_pages/deal.py", label=f"Open deal {flag.other_deal_id}",
                query_params=link_params(id=str(flag.other_deal_id)),
            )  # fmt: skip
        if current_actor().can(Role.EDITOR) and st.button(
            "Mark as reviewed", key=f"resolve_flag_{flag.flag_id}"
        ):
            with guard():
                data.write(resolve_flag, actor=current_actor(), flag_id=flag.flag_id)
            st.rerun()


def _fields(detail: DealDetail) -> dict[str, str]:
    row = detail.row
    unit = f" {row.quantity_unit}" if row.quantity_unit else ""
    tiv = describe_tiv(row.tiv_total_order, row.tiv_per_unit)
    first_delivery = _or_unknown(row.first_delivery_date, "—")
    if row.first_delivery_date and row.deliveries_expected:
        first_delivery += " (expected)"
    return {
        "buyer": f"{row.buyer} ({row.buyer_iso3})" if row.buyer_iso3 else row.buyer,
        "seller": f"{row.seller} ({row.seller_iso3})" if row.seller_iso3 else row.seller,
        "platform": f"{row.platform} ({label(row.category)})",
        "programme": row.programme or "—",
        "participants": ", ".join(f"{n} ({r})" for n, r in detail.participants) or "—",
        "quantity_ordered": f"{row.quantity}{unit}" if row.quantity is not None else "unknown",
        "quantity_delivered": _or_unknown(row.quantity_delivered),
        "condition": label(row.condition) if row.condition else "unknown",
        "local_production": "yes" if row.local_production else "no",
        "value": _value(detail),
        "value_usd": _value_usd(detail),
        "tiv": _or_unknown(tiv, "—"),
        "status": label(row.status),
        "order_date": _or_unknown(row.order_date),
        "first_delivery_date": first_delivery,
        "last_delivery_date": _or_unknown(row.last_delivery_date, "—"),
    }


def _show(value: object) -> str:
    return "—" if value is None else str(value)


def _quote_line(citation: CitationView) -> str:
    source = citation.source_publisher or citation.source_title
    line = f"> “{md(citation.quote)}”  \n> — {md(source)}"
    if citation.earlier_value is not None:  # an edit changed the value since
        line += f"  \n> *Cited for an earlier value: {md(citation.earlier_value)}*"
    return line


def _sources_marker(cited: list[CitationView]) -> str:
    """ " · 2 sources", or how many of them were cited for a value an edit changed."""
    if not cited:
        return ""
    count = f"{len(cited)} source{'s' if len(cited) != 1 else ''}"
    earlier = sum(1 for citation in cited if citation.earlier_value is not None)
    if earlier == len(cited):
        return f" · {count}, cited for an earlier value"
    return f" · {count} ({earlier} cited for an earlier value)" if earlier else f" · {count}"


st.title("Deal")
deal_id = _deal_id()
if deal_id is None:
    if st.query_params.get("id"):
        st.warning(md(f"Ignored id={st.query_params.get('id')!r}: not a deal id."))
    st.info("Open a deal from the Deals page, or add `?id=NUMBER` to this page's address.")
    st.stop()
with guard():
    detail = data.deal_detail(deal_id)
if detail is None:
    st.warning(f"There is no deal with id {deal_id}.")
    st.stop()
actor = current_actor()
if detail.deleted_at is not None:
    st.warning(
        f"Deal {deal_id} was deleted by {md(detail.deleted_by)} on "
        f"{detail.deleted_at:%Y-%m-%d %H:%M} UTC. It is kept and can be restored."
    )
    may_restore = actor.can(Role.ADMIN) or (
        actor.can(Role.EDITOR) and detail.deleted_by == actor.name
    )
    if may_restore and st.button("Restore this deal", key="restore_deal"):
        with guard():
            data.write(restore_deal, actor=actor, deal_id=deal_id, comment="restored")
        st.rerun()
    st.stop()

st.subheader(md(deal_title(detail)))
if actor.can(Role.EDITOR):
    edit_col, delete_col = st.columns([1, 3])
    # page_link keeps the session (and so the sign-in); a plain link would reload the app.
    edit_col.page_link(
        "app_pages/edit_deal.py", label="Edit this deal", icon=":material/edit:",
        query_params=link_params(id=str(deal_id)),
    )  # fmt: skip
    with delete_col.popover("Delete this deal", icon=":material/delete:"):
        st.caption("The deal disappears from every view but is kept; it can be restored.")
        why = st.text_input("Why", key="delete_why")
        if st.button("Delete", type="primary", key="delete_deal"):
            with guard():
                data.write(
                    delete_deal, actor=actor, deal_id=deal_id,
                    seen_version=detail.version, comment=why or None,
                )  # fmt: skip
            st.rerun()
fields = _fields(detail)
left, right = st.columns(2)
half = (len(fields) + 1) // 2
for index, (field, value) in enumerate(fields.items()):
    column = left if index < half else right
    marker = _sources_marker(detail.field_citations.get(field, []))
    column.markdown(f"**{field_label(field)}**: {md(value)}{marker}")
if detail.row.notes:
    st.markdown("**Notes**")
    st.markdown(md(detail.row.notes))

if detail.row.description:
    st.markdown(f"**SIPRI description**: {md(detail.row.description)}")
_deal_flags(detail)
_deliveries(detail)
_money_facts(detail)

if detail.conflicts:
    st.subheader("Sources disagree")
    st.caption(
        "Another source states these fields differently. The deal keeps its value; "
        "a researcher decides which is right."
    )
    for conflict in detail.conflicts:
        state = "resolved" if conflict.resolved else "open"
        st.warning(
            f"**{md(field_label(conflict.field))}** ({state}): "
            f"this deal says {md(conflict.recorded_value)}; "
            f"{md(conflict.source_publisher or conflict.source_title)} says "
            f"{md(conflict.other_value)} — {md(conflict.source_title)}",
            icon=":material/compare_arrows:",
        )

st.subheader("Timeline")
if not detail.events:
    st.caption("No events recorded.")
for event in detail.events:
    when = event.date or "date unknown"
    # md() trims each line: the spaces around what it escapes stay outside it.
    status = f" → {md(label(event.new_status))}" if event.new_status else ""
    quantity = f" ({event.quantity:,} units)" if event.quantity else ""
    with st.container(border=True):
        st.markdown(f"**{md(when)}** · {md(event.kind.replace('_', ' '))}{status}{quantity}")
        st.markdown(md(event.description))
        for citation in event.citations:
            st.markdown(_quote_line(citation))

st.subheader("Sources and quotes")
for field, citations in detail.field_citations.items():
    quotes = "1 quote" if len(citations) == 1 else f"{len(citations)} quotes"
    with st.expander(md(f"{field_label(field)}: {quotes}")):
        for citation in citations:
            st.markdown(_quote_line(citation))
for source in detail.sources:
    when = source.published_date.isoformat() if source.published_date else "undated"
    publisher = f"{md(source.publisher)}, " if source.publisher else ""
    line = f"- {publisher}*{md(source.title)}* ({when})"
    if source.url:
        line += f" — [link]({source.url.replace(')', '%29')})"
    st.markdown(line)
    if source.notes:
        st.caption(md(source.notes))

if actor.can(Role.EDITOR):
    editor_tools(deal_id, detail)

st.subheader("Edit history")
history = data.read(audit_log, actor=actor, deal_id=deal_id)
if history:
    st.dataframe(
        [
            {
                "when": f"{entry.at:%Y-%m-%d %H:%M}",
                "who": entry.actor,
                "what": entry.action,
                "changes": "; ".join(
                    f"{field_label(name).lower()}: {_show(before)} → {_show(after)}"
                    for name, (before, after) in entry.changes.items()
                ),
                "why": entry.comment or "",
            }
            for entry in history
        ],
        hide_index=True,
        width="stretch",
        key="history_table",
    )
else:
    st.caption("No edits recorded since this deal was loaded.")

st.subheader("Related deals")
with guard():
    related = data.related_deals(deal_id)
if related:
    opened = deals_table(related, key="related_table")
    if isinstance(opened, int):
        open_deal(opened)
else:
    st.caption(
        "No related deals (same buyer and platform, same programme, or same seller and platform)."
    )

st.subheader("Cite this deal")
url = f"{st.context.url.split('?')[0]}?id={deal_id}" if st.context.url else f"/deal?id={deal_id}"
today = dt.date.today()
st.code(plain_citation(detail, url=url, accessed=today), language=None, wrap_lines=True)
st.code(bibtex_citation(detail, url=url, accessed=today), language="bibtex", wrap_lines=True)
st.caption(f"Record version {detail.version}, last updated {detail.updated_at:%Y-%m-%d %H:%M} UTC.")
