"""Add from article: paste a news article, check the deals it reports, confirm them.

The library finds the candidates (`tracker.extract`) and stores what is confirmed in one
transaction (`tracker.write.article`); this page shows them, each field with the words
it came from, and lets the researcher correct any field before saving.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.account import current_actor, is_editor
from dashboard.ui import guard, link_params, md
from tracker.domain.money import currency_choices
from tracker.domain.vocab import Category, label
from tracker.errors import InvalidInput
from tracker.extract import Candidate, extract
from tracker.extract.confirmed import ArticleDeal, from_candidate
from tracker.extract.cues import STATUSES
from tracker.extract.existing import describe_deals
from tracker.write.article import add_from_article

FOUND = "article_found"  # (inputs' fingerprint, candidates) of the last "Find deals"
ARTICLE_CHARS = 200_000  # a long feature is 50,000 characters
SAVED = "article_saved"  # what the last save did, shown once above a fresh form

st.title("Add from article")
if not is_editor():
    st.info("Sign in as an editor (sidebar) to add deals from an article.")
    st.stop()
if saved := st.session_state.pop(SAVED, None):
    st.success(saved[0])
    for deal_id in saved[1]:
        st.page_link(
            "app_pages/deal.py", label=f"Deal #{deal_id}", query_params=link_params(id=str(deal_id))
        )
st.caption(
    "Paste a news article: the deals it reports are listed with the words behind each "
    "field. Correct any field, untick what is not a deal, then save: the article is stored "
    "as a source with its text, and every deal, citation and timeline entry is written "
    "together, or nothing is."
)

with st.form("article_form"):
    title = st.text_input("Title", key="article_title")
    left, middle, right = st.columns([2, 3, 1])
    publisher = left.text_input("Publisher", key="article_publisher")
    url = middle.text_input("URL", key="article_url", placeholder="https://…")
    published = right.date_input(
        "Published",
        value=None,
        key="article_date",
        min_value=dt.date(1945, 1, 1),
        max_value=dt.date.today(),
    )
    text = st.text_area(
        "Article text",
        max_chars=ARTICLE_CHARS,
        key="article_text",
        height=260,
        help="Plain text; the first line may be the title.",
    )
    find = st.form_submit_button("Find deals", type="primary")


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


inputs = _fingerprint(text, published, url, publisher)
if find:
    if not text.strip():
        st.error("Paste the article's text first.")
        st.stop()
    with guard():
        found = data.read(
            extract, text=text, published=published, url=url or None, publisher=publisher or None
        )
    st.session_state[FOUND] = (inputs, found)

stored = st.session_state.get(FOUND)
if stored is None:
    st.stop()
if stored[0] != inputs:
    st.info("The article changed since its deals were found: press **Find deals** again.")
    st.stop()
candidates: list[Candidate] = stored[1]
if not candidates:
    st.info(
        "No deal found in this article. Articles about budgets, industry or combat "
        "report none; add a deal by hand on **Add or edit a deal** if one is there."
    )
    st.stop()

st.subheader(f"{len(candidates)} deal{'s' if len(candidates) != 1 else ''} found")


def _highlighted(article: str, quote: str) -> str:
    """The paragraph holding the quote, the quote highlighted (all of it escaped)."""
    start = article.find(quote)
    if start < 0:
        return md(quote)
    begin = article.rfind("\n", 0, start) + 1
    end = article.find("\n", start + len(quote))
    end = len(article) if end < 0 else end
    before, after = article[begin:start], article[start + len(quote) : end]
    return f"{md(before)}:orange-background[{md(quote)}]{md(after)}"


def _words_table(candidate: Candidate) -> pd.DataFrame:
    values = {
        "buyer": candidate.buyer,
        "seller": candidate.seller,
        "platform": candidate.platform,
        "quantity": candidate.quantity,
        "value": (
            f"{candidate.currency} {candidate.value:,.0f}" if candidate.value is not None else None
        ),
        "status": candidate.status,
        "date": candidate.date,
    }
    rows = [
        {
            "field": name,
            "found": "" if value is None else str(value),
            "the article's words": candidate.field_quotes.get(name, candidate.quote),
        }
        for name, value in values.items()
        if value is not None
    ]
    return pd.DataFrame(rows)


def _choice(options: list[str], current: str | None) -> tuple[list[str], int | None]:
    if current and current not in options:
        options = [current, *options]
    return options, (options.index(current) if current else None)


NEW_DEAL = 0  # "Save as" choice: a new deal, not one stored


def _similar(candidates: list[Candidate]) -> dict[int, str]:
    """Stored deals like some candidate, each in a line (plain text)."""
    ids = sorted({i for candidate in candidates for i in candidate.similar_deal_ids})
    if not ids:
        return {}
    with guard():
        return data.read(describe_deals, deal_ids=ids)


parties = [choice.name for choice in data.party_name_choices()]
similar_lines = _similar(candidates)
platforms = data.platform_choices()
currencies = list(currency_choices())
edited: list[ArticleDeal | None] = []
with st.form("article_deals"):
    for number, candidate in enumerate(candidates, start=1):
        key = f"article_{stored[0]}_{number}"
        heading = f"{number}. {candidate.buyer} ← {candidate.seller or '?'}: {candidate.platform}"
        with st.container(border=True):
            st.markdown(f"**{md(heading)}** · confidence {candidate.confidence:.2f}")
            if candidate.existing_deal_id:
                st.caption(
                    md(
                        f"Already stored as deal #{candidate.existing_deal_id}: saving adds this "
                        "article as its source, and any facts the deal lacks."
                    )
                )
            target = candidate.existing_deal_id
            similar = [i for i in candidate.similar_deal_ids if i in similar_lines]
            if target is None and similar:
                st.warning(
                    md(
                        "Stored deals like this one: "
                        + "; ".join(similar_lines[i] for i in similar)
                        + ". If the article reports one of them (its count corrected since, "
                        "say), choose it under “Save as” so it is not stored twice."
                    ),
                    icon=":material/content_copy:",
                )
                target = (
                    st.selectbox(
                        "Save as",
                        [NEW_DEAL, *similar],
                        key=f"{key}_target",
                        format_func=lambda i: "a new deal" if i == NEW_DEAL else similar_lines[i],
                        help="A stored deal gets this article as a source and any facts it lacks; "
                        "what it already holds is kept.",
                    )
                    or None
                )
            st.markdown(_highlighted(text, candidate.quote))
            st.dataframe(_words_table(candidate), hide_index=True, width="stretch")
            keep = st.checkbox("Save this deal", value=True, key=f"{key}_keep")
            a, b, c = st.columns(3)
            options, index = _choice(parties, candidate.buyer)
            buyer = a.selectbox("Buyer", options, index=index, key=f"{key}_buyer")
            options, index = _choice(parties, candidate.seller)
            seller = b.selectbox("Seller", options, index=index, key=f"{key}_seller")
            options, index = _choice(platforms, candidate.platform)
            platform = c.selectbox("Platform", options, index=index, key=f"{key}_platform")
            d, e, f, g = st.columns(4)
            quantity = d.number_input(
                "Quantity", min_value=1, step=1, value=candidate.quantity, key=f"{key}_quantity"
            )
            amount = e.text_input(
                "Value",
                key=f"{key}_value",
                value="" if candidate.value is None else f"{candidate.value:f}",
            )
            options, index = _choice(currencies, candidate.currency)
            currency = f.selectbox("Currency", options, index=index, key=f"{key}_currency")
            status = g.selectbox(
                "Status", STATUSES, index=STATUSES.index(candidate.status), key=f"{key}_status"
            )
            h, i, j = st.columns(3)
            second_hand = h.checkbox(
                "Second-hand", value=bool(candidate.second_hand), key=f"{key}_used"
            )
            date = i.text_input(
                "Date",
                value=candidate.date or "",
                key=f"{key}_date",
                help="YYYY, YYYY-MM or YYYY-MM-DD",
            )
            category = None
            if platform not in platforms:
                kinds = [kind.value for kind in Category]
                category = j.selectbox(
                    "New platform's category",
                    kinds,
                    key=f"{key}_category",
                    index=kinds.index(candidate.category) if candidate.category in kinds else None,
                    format_func=lambda value: label(Category(value)),
                    help="Not yet in the database: it is added with this category.",
                )
        if not keep:
            edited.append(None)
            continue
        deal = from_candidate(candidate)
        deal.existing_deal_id = target
        deal.number = number  # errors name the deal as listed, unticked ones counted
        deal.buyer, deal.seller, deal.platform = buyer or "", seller or "", platform or ""
        deal.quantity = int(quantity) if quantity is not None else None
        deal.currency, deal.status, deal.second_hand = currency, status, second_hand
        deal.date = date.strip() or None
        deal.platform_category = category
        try:
            deal.value = Decimal(amount.replace(",", "")) if amount.strip() else None
        except InvalidOperation:
            deal.value = Decimal("NaN")  # refused below, with the field named
        edited.append(deal)
    save = st.form_submit_button("Save the ticked deals", type="primary")

if save:
    chosen = [deal for deal in edited if deal is not None]
    bad_values = [
        n
        for n, d in enumerate(edited, 1)
        if d is not None and d.value is not None and not d.value.is_finite()
    ]
    if bad_values:
        st.error(md("Value must be a number (deal " + ", ".join(map(str, bad_values)) + ")."))
        st.stop()
    source: dict[str, Any] = {
        "title": title.strip() or (text.strip().splitlines() or [""])[0][:300],
        "publisher": publisher or None,
        "url": url or None,
        "published_date": published,
        "text": text,
    }
    try:
        with guard(InvalidInput):
            result = data.write(
                add_from_article, actor=current_actor(), source_in=source, deals=chosen
            )
    except InvalidInput as exc:
        st.error(
            "Nothing was saved. " + md("; ".join(f"{e.field}: {e.message}" for e in exc.errors))
        )
        st.stop()
    del st.session_state[FOUND]
    st.session_state[SAVED] = (  # numbers only: nothing here needs escaping
        f"Saved: {len(result.created)} new deal(s), {len(result.updated)} stored deal(s) "
        "given this article as a source.",
        [*result.created, *result.updated],
    )
    st.rerun()  # the list of candidates goes: a second click cannot save them twice
