"""Entry point of the Streamlit dashboard: page setup, shared filters, navigation.

The sidebar filters live here so every page shares them, and they are mirrored into the
URL (`st.query_params`) so a filtered view is a link that reopens the same view.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal, cast

import streamlit as st

# `streamlit run dashboard/streamlit_app.py` puts dashboard/ on the path, not the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import data, launch
from dashboard.account import account_box
from dashboard.ui import guard, md, party_labels
from tracker.domain.schemas import EARLIEST_YEAR, LATEST_YEAR
from tracker.domain.vocab import Category, Condition, Role, Status, label
from tracker.read.filters import PARAMS as FILTER_PARAMS
from tracker.read.filters import DealFilters, filters_from_params, params_from_filters

# A Material icon, not an emoji: recognising an emoji loads Streamlit's emoji catalogue
# (40 ms of the first visit).
st.set_page_config(page_title="Arms-deal tracker", page_icon=":material/bookmarks:", layout="wide")
# Under `tracker dashboard`, the first visitor may arrive while the launcher still warms
# the caches up: wait for it rather than compute the same aggregates beside it.
launch.wait_for_warm_up()

PAGES = {
    "overview": st.Page(
        "app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
    ),
    "deals": st.Page(
        "app_pages/deals.py", title="Deals", icon=":material/table_rows:", url_path="deals"
    ),
    # Reached from a deal's row or link only: on its own it has no deal to show.
    "deal": st.Page(
        "app_pages/deal.py",
        title="Deal",
        icon=":material/description:",
        url_path="deal",
        visibility="hidden",
    ),
    "country": st.Page(
        "app_pages/country.py", title="Country", icon=":material/public:", url_path="country"
    ),
    "about": st.Page(
        "app_pages/about.py", title="About & methodology", icon=":material/info:", url_path="about"
    ),
}
# Pages for signed-in researchers (the library checks the role again on every write).
# Without the role they are left out of the menu but kept reachable, so that a link to
# /edit says "sign in as an editor" (each page checks) instead of showing the Overview.
# key: (script, title, icon); the key is the URL path.
EDITOR_PAGES = {
    "edit": ("app_pages/edit_deal.py", "Add or edit a deal", ":material/edit:"),
    "import": ("app_pages/import_data.py", "Import", ":material/upload_file:"),
    "article": ("app_pages/add_article.py", "Add from article", ":material/article:"),
}
ADMIN_PAGES = {"admin": ("app_pages/admin.py", "Admin", ":material/admin_panel_settings:")}
# Query parameters a page owns besides the filters; others are dropped when it shows.
PAGE_PARAMS = {
    "overview": ("measure", "base"),
    "deals": ("sort", "desc", "group", "page", "measure", "base"),
    "deal": ("id",),
    "country": ("name", "measure", "base"),
    "about": (),
    "import": (),
    "article": (),
    "edit": ("id",),
    "admin": (),
}
URL_SKIP = "url_skip"  # this run leaves the URL as it is (see `_url_moved`)
VALUE_CHOICES = {"any": None, "with a value": True, "without a value": False}


def _load_filters_from_url() -> None:
    """On a session's first run, or after Back or Forward, put the URL's filters into the
    sidebar widgets."""
    parsed = filters_from_params({name: st.query_params.get_all(name) for name in FILTER_PARAMS})
    f = parsed.filters
    warnings = list(parsed.warnings)
    for key, names, role in (("f_buyers", f.buyers, "buyer"), ("f_sellers", f.sellers, "seller")):
        canonical = []
        for name in names:
            found = data.canonical_party_name(name)
            if found is None:
                warnings.append(f"Ignored {role} {name!r}: not a known country or party.")
            else:
                canonical.append(found)
        st.session_state[key] = list(dict.fromkeys(canonical))
    st.session_state["f_platform"] = ", ".join(f.platforms)
    st.session_state["f_categories"] = [c.value for c in f.categories]
    st.session_state["f_statuses"] = [s.value for s in f.statuses]
    st.session_state["f_conditions"] = [c.value for c in f.conditions]
    st.session_state["f_years_url"] = (f.year_from, f.year_to)
    for key in ("f_years_pinned", "f_years", "f_years_chosen", "f_years_before"):
        st.session_state.pop(key, None)  # the slider starts again from the link's years
    st.session_state["f_delivered_from"] = f.delivered_from
    st.session_state["f_delivered_to"] = f.delivered_to
    reverse_value = {v: k for k, v in VALUE_CHOICES.items()}
    st.session_state["f_value"] = reverse_value[f.has_value]
    st.session_state["f_text"] = f.text or ""
    st.session_state["url_warnings"] = warnings
    st.session_state["filters_loaded"] = True


def _party_options(role: str, selected: list[str]) -> list[str]:
    names = [choice.name for choice in data.party_choices(role)]
    return sorted(set(names) | set(selected))


def _unpin_moved_ends() -> None:
    """The slider moved: an end the user moved is no longer the link's own value."""
    before = st.session_state.get("f_years_before")
    now = st.session_state.get("f_years")
    pinned = list(st.session_state.get("f_years_pinned", (None, None)))
    if before and now:
        for end in (0, 1):
            if before[end] != now[end]:
                pinned[end] = None
    st.session_state["f_years_pinned"] = tuple(pinned)


def _year_filter() -> tuple[int | None, int | None]:
    """The order-year slider. A year the link gave is kept as given, even when it equals
    (or lies beyond) the years the data has today: the link must mean the same after an
    import. Moving the slider to an end means "no limit" on that side."""
    if "f_years_pinned" not in st.session_state:
        st.session_state["f_years_pinned"] = st.session_state.pop("f_years_url", (None, None))
    pinned: tuple[int | None, int | None] = st.session_state["f_years_pinned"]
    bounds = data.year_range()
    if bounds is None:
        return pinned
    # The slider's range holds the data's years, the link's and the slider's own value
    # (the data may have shrunk since the slider was drawn).
    given = [year for year in (*pinned, *st.session_state.get("f_years", ())) if year is not None]
    low, high = min([bounds[0], *given]), max([bounds[1], *given])
    chosen = st.session_state.get("f_years_chosen", pinned)
    if "f_years" not in st.session_state or st.session_state.get("f_years_range") != (low, high):
        # New data moved the slider's ends: Streamlit would reset it to the full range,
        # so it is set again to the years chosen, which keep their meaning.
        st.session_state["f_years"] = (chosen[0] or low, chosen[1] or high)
    st.session_state["f_years_range"] = (low, high)
    if low == high:
        st.caption(f"Order year: {low}")
        return pinned
    start, end = cast(
        tuple[int, int],
        st.slider(
            "Order year", min_value=low, max_value=high, key="f_years",
            on_change=_unpin_moved_ends, persist_state="session",
        ),
    )  # fmt: skip
    st.session_state["f_years_before"] = (start, end)
    pinned = st.session_state["f_years_pinned"]
    year_from = start if start > low or pinned[0] is not None else None
    year_to = end if end < high or pinned[1] is not None else None
    st.session_state["f_years_chosen"] = (year_from, year_to)
    return year_from, year_to


def _delivery_years() -> tuple[int | None, int | None]:
    """Delivered between two years (either may be left empty)."""
    titles = {"f_delivered_from": "Delivered from", "f_delivered_to": "Delivered to"}
    years = [
        column.number_input(
            title,
            min_value=EARLIEST_YEAR,
            max_value=LATEST_YEAR,
            step=1,
            value=None,
            key=key,
            persist_state="session",
        )
        for column, (key, title) in zip(st.columns(2), titles.items(), strict=True)
    ]
    return years[0], years[1]


def _url_filters() -> dict[str, list[str]]:
    params = st.query_params
    return {name: params.get_all(name) for name in FILTER_PARAMS if name in params}


def _url_state(page_key: str, filters: dict[str, list[str]]) -> tuple[Any, ...]:
    return (page_key, *sorted((name, tuple(values)) for name, values in filters.items()))


def _url_moved(page_key: str) -> bool:
    """The browser's Back or Forward brought another entry's filters: the URL holds filters
    other than those this session last wrote into it, in a state the session wrote before.

    A URL without filters that this session never wrote on this page is the step
    Streamlit adds when it changes page (the menu drops every parameter; the filters are
    written back next). Arriving from another page, it is that change: the filters stay
    and go into the URL. Come back to by Back on the same page, it says nothing: the
    filters stay and the entry is left as it is (`URL_SKIP`), so the next Back moves on."""
    written: dict[str, list[str]] | None = st.session_state.get("url_filters_written")
    if written is None:
        return False
    now = _url_filters()
    if now == written:
        return False
    if not now and _url_state(page_key, now) not in st.session_state.get("url_states", set()):
        if page_key == st.session_state.get("url_page"):
            st.session_state[URL_SKIP] = True
        return False
    return True


def sidebar_filters(page_key: str) -> DealFilters:
    """Render the shared filters and return what they select."""
    # The filters outlive page switches (persist_state); should Streamlit still have
    # dropped them, the URL (which mirrors them) brings them back instead of an error.
    if (
        "filters_loaded" not in st.session_state
        or "f_buyers" not in st.session_state
        or _url_moved(page_key)
    ):
        _load_filters_from_url()
    # Looked up once per run: format_func is called for every option (~270 of them), and
    # each call of a cached function unpickles its result.
    labels = party_labels()

    def label_of(name: str) -> str:
        return labels.get(name, name)

    with st.sidebar:
        st.header("Filters")
        for warning in st.session_state.get("url_warnings", []):
            st.warning(md(warning))
        # select_all=False: Enter picks the best match, not "Select 3 matches".
        buyers = st.multiselect(
            "Buyer", _party_options("buyer", st.session_state["f_buyers"]), key="f_buyers",
            format_func=label_of, help="Recipient state or party; type a name, code or alias.",
            select_all=False, persist_state="session",
        )  # fmt: skip
        sellers = st.multiselect(
            "Seller", _party_options("seller", st.session_state["f_sellers"]), key="f_sellers",
            format_func=label_of, help="Supplying state or party; type a name, code or alias.",
            select_all=False, persist_state="session",
        )  # fmt: skip
        platform = st.text_input(
            "Platform", key="f_platform", persist_state="session", placeholder="e.g. Typhoon, F-16",
            help="A designation or alias, or part of one; separate several with commas.",
        )  # fmt: skip
        categories = st.multiselect(
            "Category", [c.value for c in Category], key="f_categories", persist_state="session",
            format_func=lambda v: label(Category(v)), select_all=False,
        )  # fmt: skip
        statuses = st.multiselect(
            "Status", [s.value for s in Status], key="f_statuses", persist_state="session",
            format_func=lambda v: label(Status(v)), select_all=False,
        )  # fmt: skip
        conditions = st.multiselect(
            "Condition", [c.value for c in Condition], key="f_conditions", persist_state="session",
            format_func=lambda v: label(Condition(v)), select_all=False,
        )  # fmt: skip
        year_from, year_to = _year_filter()
        delivered_from, delivered_to = _delivery_years()
        value = st.radio(
            "Money value",
            list(VALUE_CHOICES),
            key="f_value",
            persist_state="session",
            horizontal=True,
        )
        text = st.text_input(
            "Search", key="f_text", placeholder="designations, notes, sources",
            help="Free text searched in platform designations, notes, programmes and sources.",
            persist_state="session",
        )  # fmt: skip
    return DealFilters(
        buyers=tuple(buyers),
        sellers=tuple(sellers),
        platforms=tuple(p.strip() for p in platform.split(",") if p.strip()),
        categories=tuple(Category(c) for c in categories),
        statuses=tuple(Status(s) for s in statuses),
        conditions=tuple(Condition(c) for c in conditions),
        year_from=year_from,
        year_to=year_to,
        delivered_from=delivered_from,
        delivered_to=delivered_to,
        has_value=VALUE_CHOICES[value],
        text=text.strip() or None,
    )


def sync_url(filters: DealFilters, page_key: str) -> None:
    """Mirror the filters into the URL and drop parameters of other pages, in one update:
    the browser makes a history entry of each (one per parameter had made Back step
    through half-written URLs)."""
    st.session_state["url_page"] = page_key
    if st.session_state.pop(URL_SKIP, False):  # once: the user's next change is written
        st.session_state["url_filters_written"] = _url_filters()
        return
    wanted = params_from_filters(filters)
    owned = set(PAGE_PARAMS.get(page_key, ()))
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    kept = {name: values for name, values in current.items() if name in owned}
    desired = {**kept, **wanted}
    if desired != current:
        st.query_params.from_dict(desired)
    st.session_state["url_filters_written"] = _url_filters()
    states: set[tuple[Any, ...]] = st.session_state.setdefault("url_states", set())
    states.add(_url_state(page_key, wanted))


with guard():
    data.note_version()  # the one read that tells cached figures from stale ones
    actor = account_box()
pages = dict(PAGES)
for role, role_pages in ((Role.EDITOR, EDITOR_PAGES), (Role.ADMIN, ADMIN_PAGES)):
    shown: Literal["visible", "hidden"] = "visible" if actor.can(role) else "hidden"
    for key, (script, title, icon) in role_pages.items():
        pages[key] = st.Page(script, title=title, icon=icon, url_path=key, visibility=shown)
navigation = st.navigation(list(pages.values()))
page_key = next((key for key, page in pages.items() if page.title == navigation.title), "overview")
with guard():
    st.session_state["filters"] = sidebar_filters(page_key)
sync_url(st.session_state["filters"], page_key)
navigation.run()
