"""The Streamlit app through AppTest, on real seeded SQLite files."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tracker.config import Settings
from tracker.domain.money import format_amount
from tracker.fx import Conversion, latest_complete_year
from tracker.read.usd import value_in_usd
from tracker.store.db import make_engine, transaction
from tracker.store.setup import prepare_database
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


@pytest.fixture
def app_db(seeded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_sqlite_url)
    return seeded_sqlite_url


def _app(page: str | None = None, /, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
    assert not at.exception, at.exception
    return at


def _param(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _markdown(at: AppTest) -> str:
    """The page's Markdown as a reader sees it (escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(m.value) for m in at.markdown))


def test_overview_shows_headline_figures(app_db: str) -> None:
    at = _app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Deals"] == "7"
    # Honest headlines (#13): no "88 units" of jets plus missile batteries, no contract
    # added to a proposed deal's offsets; constant dollars with their coverage.
    assert "Units ordered" not in metrics
    assert metrics["Contract values, 2025 US$"] == "$3.28 billion"
    captions = " ".join(str(c.value) for c in at.caption).replace("\\", "")
    assert "Contract values: $3.28 billion in 2025 dollars, from 1 of 1 contract values" in captions
    assert "Offsets: 1 value, none convertible to 2025 dollars" in captions


def test_a_category_counted_with_and_without_a_unit_says_which_is_which(app_db: str) -> None:
    engine = make_engine(Settings(database_url=app_db))
    with transaction(engine) as session:
        add_deal(actor=EDITOR, session=session,
                 deal_in=deal_data(platform="S-400 Triumf", quantity_ordered=3,
                                   status="ordered"))  # fmt: skip
    text = _markdown(_app()).replace("\n", " ")
    assert "air-defence systems: 3 (no unit given)" in text
    assert "air-defence systems: 4 units" in text and "aircraft: 20;" in text


def test_overview_follows_the_url_filters(app_db: str) -> None:
    at = _app(seller="Qatar")
    assert {m.label: m.value for m in at.metric}["Deals"] == "1"
    assert at.multiselect(key="f_sellers").value == ["Qatar"]


def test_deals_page_totals_split_by_seller(app_db: str) -> None:
    at = _app("deals", buyer="Türkiye", platform="Typhoon")
    text = _markdown(at)
    assert (
        "**Eurofighter Typhoon** (3 deals, all to Turkey): 44 = 20 from United Kingdom in 2025 "
        "(new, signed/ordered)" in text
    )
    assert "12 from Qatar" in text and "12 from Oman" in text
    table = at.dataframe[0].value
    assert sorted(table["Seller"]) == ["Oman", "Qatar", "United Kingdom"]
    assert at.multiselect(key="f_buyers").value == ["Turkey"]


def test_changing_a_filter_changes_table_totals_and_url(app_db: str) -> None:
    at = _app("deals", buyer="Turkey", platform="Typhoon")
    at.multiselect(key="f_statuses").select("negotiating").run()
    assert "**Eurofighter Typhoon** (2 deals, all to Turkey" in _markdown(at)
    assert "): 24 = 12 from" in _markdown(at)
    assert len(at.dataframe[0].value) == 2
    assert _param(at, "status") == ["negotiating"]
    assert _param(at, "buyer") == ["Turkey"]


def test_unknown_quantities_show_as_unknown(app_db: str) -> None:
    at = _app("deals", platform="F-35")
    assert "**F-35 Lightning II** (1 deal): unknown;" in _markdown(at)
    assert at.dataframe[0].value["Quantity"].isna().all()  # empty cell: unknown, not 0


def test_empty_filter_result_shows_a_message(app_db: str) -> None:
    at = _app("deals", buyer="Germany")
    assert any("No deals match these filters" in i.value for i in at.info)
    assert not at.dataframe


def test_bad_url_parameters_warn_and_are_ignored(app_db: str) -> None:
    at = _app("deals", status="shipped", buyer="Narnia")
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "shipped" in warnings and "Narnia" in warnings
    assert len(at.dataframe[0].value) == 7


def test_the_table_keeps_its_order_after_another_page(app_db: str) -> None:
    """Streamlit drops a page's widget values when another page shows: Back from a deal
    sorted the table by the sort box's first choice (buyer, A-Z)."""
    at = _app("deals")
    assert (at.selectbox(key="deals_sort").value, at.toggle(key="deals_desc").value) == (
        "order_date",
        True,
    )
    for _ in range(2):
        at.switch_page("app_pages/deal.py")
        at.query_params["id"] = "1"
        at.run()
        at.switch_page("app_pages/deals.py").run()
        assert at.selectbox(key="deals_sort").value == "order_date"
        assert at.toggle(key="deals_desc").value is True
        assert "sort" not in at.query_params


def test_bad_table_parameters_in_a_link_warn_too(app_db: str) -> None:
    """The README promises a warning for every unknown value (sort, page and group were
    ignored silently)."""
    at = _app("deals", sort="nonsense", page="-3", group="xyz", desc="maybe")
    warnings = " ".join(w.value for w in at.warning)
    for shown in ("sort='nonsense'", "page='-3'", "group='xyz'", "desc='maybe'"):
        assert shown in warnings.replace("\\", ""), warnings
    assert len(at.dataframe[0].value) == 7  # the page itself as without them
    at = _app("deals", sort="buyer", page="1", group="seller", desc="0")
    assert not [w for w in at.warning if "Ignored" in w.value]


def test_a_link_keeps_the_years_it_was_given(app_db: str) -> None:
    """`?from=2017&to=2020` keeps 2017 although the data starts then, and still means
    2017-2020 once an earlier deal arrives (#10 point 6)."""
    at = _app("deals", **{"from": "2017", "to": "2020"})
    assert (_param(at, "from"), _param(at, "to")) == (["2017"], ["2020"])
    assert list(at.dataframe[0].value["Deal"]) == [1]  # the S-400 deal of 2017
    engine = make_engine(Settings(database_url=app_db))
    with transaction(engine) as session:  # another process imports an older deal
        add_deal(actor=EDITOR, session=session, deal_in=deal_data(order_date="2010-05"))
    engine.dispose()
    at.run()
    assert (_param(at, "from"), _param(at, "to")) == (["2017"], ["2020"])
    assert list(at.dataframe[0].value["Deal"]) == [1]
    assert at.slider(key="f_years").value == (2017, 2020)


def test_a_link_beyond_the_data_keeps_its_years(app_db: str) -> None:
    at = _app("deals", **{"from": "2030", "to": "2040"})
    assert (_param(at, "from"), _param(at, "to")) == (["2030"], ["2040"])
    assert any("No deals match these filters" in i.value for i in at.info)


def test_sorting_and_grouping_are_kept_in_the_url(app_db: str) -> None:
    at = _app("deals")
    at.selectbox(key="deals_sort").select("quantity").run()
    assert _param(at, "sort") == ["quantity"]
    assert list(at.dataframe[0].value["Quantity"])[:2] == [40, 20]
    at.button_group(key="deals_group").set_value("seller").run()
    assert _param(at, "group") == ["seller"]
    assert "**United States** (3 deals, all to Turkey): 40, plus 2 deals of unknown quantity" in (
        _markdown(at)
    )


def test_deal_page_shows_timeline_citations_and_cite_block(app_db: str) -> None:
    at = _app("deal", id="1")
    text = _markdown(at)
    assert "**2019-10** · delivery" in text
    assert "Rosoboronexport confirming by October 2019" in text
    assert "**date unknown** · sanction" in text
    # Spaces around escaped names survive (md() trims what it is given).
    assert "**2019-10** · delivery → delivered" in text
    assert "- Press TV (Iran), republished by GlobalSecurity.org, *Turkey" in text
    codes = [c.value for c in at.code]
    assert any("Arms-deal tracker, deal 1: Turkey – Russia: 4 S-400 Triumf" in c for c in codes)
    assert any(c.startswith("@misc{armsdeal1,") for c in codes)


def test_deal_page_shows_the_value_in_constant_dollars_with_its_basis(app_db: str) -> None:
    base = latest_complete_year()
    s400 = value_in_usd(Decimal("2500000000"), "USD", 2017, base)  # the seed: $2.5bn, 2017
    assert isinstance(s400, Conversion)
    text = _markdown(_app("deal", id="1"))
    assert (
        f"**In constant US dollars**: ≈ {format_amount(s400.usd_constant, 'USD')} in {base} "
        f"dollars — {s400.basis}; price year = order year 2017 (no price year stated)"
    ) in text
    engine = make_engine(Settings(database_url=app_db))
    with transaction(engine) as session:
        deal_id = add_deal(
            actor=EDITOR, session=session,
            deal_in=deal_data(value_amount="300000000", value_currency="EGP", order_date="2017"),
        ).id  # fmt: skip
    text = _markdown(_app("deal", id=str(deal_id)))
    assert "**In constant US dollars**: not converted: no exchange rate for EGP in 2017" in text


def test_deal_page_for_a_missing_deal(app_db: str) -> None:
    at = _app("deal", id="999")
    assert any("no deal with id 999" in w.value for w in at.warning)


def test_user_text_is_escaped_not_rendered(app_db: str) -> None:
    engine = make_engine(Settings(database_url=app_db))
    with transaction(engine) as session:
        deal_id = add_deal(
            actor=EDITOR,
            session=session,
            deal_in=deal_data(notes="<script>alert(1)</script> **bold**"),
        ).id
    at = _app("deal", id=str(deal_id))
    notes = [m for m in at.markdown if "script" in str(m.value)]
    assert notes and all("\\<script\\>" in str(m.value) for m in notes)
    assert all(not m.proto.allow_html for m in at.markdown)


def test_country_page_shows_partners(app_db: str) -> None:
    at = _app("country", name="Türkiye")
    picker = at.selectbox(key="country_name")
    assert picker.value == "Turkey"
    # Its search finds a party by code or another name, as the sidebar's pickers do.
    assert "Turkey (TUR, Türkiye)" in picker.options
    assert "As buyer" in [h.value for h in at.header]
    assert "**United States** (3 deals, all to Turkey): 40, plus 2 deals of unknown quantity" in (
        _markdown(at)
    )


def test_about_page_explains_statuses(app_db: str) -> None:
    at = _app("about")
    table = at.table[0].value
    assert "negotiating" in set(table["status"])


def test_empty_database_says_so(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine: Engine = make_engine(Settings(database_url=sqlite_url))
    prepare_database(engine, seed_if_empty=False)
    monkeypatch.setenv("TRACKER_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("TRACKER_AUTO_SETUP", "false")
    at = _app()
    assert any("holds no deals yet" in i.value for i in at.info)


def test_database_error_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{garbage}")
    at = _app()
    assert any("database could not be read" in e.value for e in at.error)


def test_deals_breakdown_is_counted_only_while_open(app_db: str) -> None:
    at = _app("deals", buyer="Turkey")
    assert "| Seller | deals |" not in _markdown(at)  # closed: its four queries not run
    at.session_state["deals_breakdown"] = True
    at.run()
    assert not at.exception, at.exception
    text = _markdown(at)
    assert "| Seller | deals |" in text and "| United Kingdom | 1 |" in text
    at.multiselect(key="f_statuses").select("negotiating").run()
    assert "| Status | deals |" in _markdown(at) and "| negotiating | 2 |" in _markdown(at)


def test_a_large_export_says_it_takes_a_while(app_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The download buttons show nothing while the file is made (a QA pass waited 26 s for
    a JSON of 100,000 deals): from LARGE_EXPORT deals on, a caption says so."""
    import dashboard.ui

    small = _app("deals")
    assert not any("the file is made after the click" in c.value for c in small.caption)
    monkeypatch.setattr(dashboard.ui, "LARGE_EXPORT", 5)
    large = _app("deals")
    assert any("7 deals: the file is made after the click" in c.value for c in large.caption)
