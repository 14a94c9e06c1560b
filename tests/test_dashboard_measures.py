# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)
"""One measure switch on Overview, Deals and Country, kept in the URL, and honest
headlines (issue #13, points 3 and 4), through AppTest on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from test_dashboard_editing import APP, _open, _plain, _signed_in, app_engine  # noqa: F401
from test_dashboard_sipri import BMP, PUMA
from test_sipri_releases import deals, transfers

from tracker.auth import cli_actor
from tracker.imports.pipeline import import_data
from tracker.read.tiv import TIV_LABEL
from tracker.store.db import transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


def _import_sipri(engine: Engine) -> None:
    for data in (deals([PUMA]), transfers(BMP)):
        with transaction(engine) as session:
            import_data(session=session, actor=cli_actor(), data=data, filename="register.csv")


def _link(page: str, **params: str) -> AppTest:
    """A link opened in a new browser session: its parameters are there on the first run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _table(at, column: str):  # type: ignore[no-untyped-def]
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_a_link_opens_the_tiv_view_with_rankings_and_shares(app_engine: Engine) -> None:
    _import_sipri(app_engine)
    at = _link("overview", measure="tiv")
    assert at.button_group(key="measure").value == "tiv"
    assert any(TIV_LABEL in str(h.value) for h in at.subheader)
    assert "never added to money" in _plain(at.caption)
    exporters = _table(at, "supplier")
    # France's Super Puma (54) and Angola's BMP-2s (8.6 + 12.9): shares of 75.5.
    assert list(exporters["supplier"]) == ["France", "Angola", "total"]
    assert list(exporters[TIV_LABEL]) == ["54.0", "21.5", "75.5"]
    assert list(exporters["share"]) == ["71.5%", "28.5%", "100.0%"]
    assert "spread evenly" in _plain(at.caption)  # layout A gives only a total and years
    assert at.query_params["measure"] == "tiv"


def test_the_switch_is_kept_in_the_url_and_across_pages(app_engine: Engine) -> None:
    at = _open(_signed_in(None), "overview")
    assert "measure" not in at.query_params  # the default leaves a link as it was
    at.button_group(key="measure").set_value("usd").run()
    assert at.query_params["measure"] == "usd"
    assert any(m.label == "Contract values, 2025 US$" for m in at.metric)
    at.number_input(key="measure_base").set_value(2020).run()
    assert at.query_params["base"] == "2020"
    at = _open(at, "deals")
    assert at.button_group(key="measure").value == "usd"
    assert at.query_params["measure"] == "usd" and at.query_params["base"] == "2020"
    totals = _table(at, "Constant USD (2020)")
    assert "S-400 Triumf" in list(totals["Platform"])
    at.button_group(key="measure").set_value("tiv").run()
    assert "No SIPRI TIV in these deals" in _plain(at.info)  # the seeds come from articles
    at.button_group(key="measure").set_value("deals").run()
    assert at.query_params["measure"] == "deals"  # chosen, so the link says it
    assert "Eurofighter Typhoon" in _plain(at.markdown)


def test_a_bad_measure_in_a_link_is_named_and_dropped(app_engine: Engine) -> None:
    at = _link("overview", measure="volume", base="1700")
    warnings = _plain(at.warning)
    assert "Ignored measure 'volume'" in warnings and "Ignored base year '1700'" in warnings
    assert "measure" not in at.query_params and "base" not in at.query_params
    assert at.button_group(key="measure").value == "deals"


def test_the_headline_shows_constant_dollars_and_the_largest_currencies(
    app_engine: Engine,
) -> None:
    # Six currencies; the dollar total is by far the largest though last alphabetically.
    values = [("EUR", "2000000000"), ("GBP", "500000000"), ("INR", "90000000000"),
              ("JPY", "100000000000"), ("KRW", "1300000000000"), ("USD", "50000000000"),
              ("EGP", "300000000")]  # fmt: skip
    with transaction(app_engine) as session:
        for currency, amount in values:
            add_deal(session=session, actor=EDITOR, deal_in=deal_data(
                seller="Germany", value_amount=amount, value_currency=currency,
                value_kind="contract", order_date="2019"))  # fmt: skip
    at = _open(_signed_in(None), "overview")
    metric = next(m for m in at.metric if m.label == "Contract values, 2025 US$")
    assert metric.value.startswith("$") and "billion" in metric.value
    captions = _plain(at.caption)
    line = captions.split("Contract values: ")[1]
    assert "in 2025 dollars, from 7 of 8 contract values; 1 not convertible" in line
    assert "largest: $52.5 billion, €2 billion, INR 90 billion" in line
    assert "Further currencies" not in captions


def test_units_are_shown_per_category_and_the_pipeline_apart(app_engine: Engine) -> None:
    at = _open(_signed_in(None), "overview")
    units = _plain(at.markdown)
    # Seeds: 20 Typhoons ordered (aircraft), 4 S-400 units; 64 aircraft only negotiated
    # or approved: never one number for jets and missile batteries.
    assert "aircraft: 20" in units and "air-defence systems: 4 units" in units
    assert "Units ordered** (signed or later)" in units
    assert "Not yet ordered (proposed, negotiating, approved): aircraft: 64 (3 deals)" in _plain(
        at.caption
    )
    assert "88" not in units


def test_the_country_page_shows_dependence_and_shares_in_tiv(app_engine: Engine) -> None:
    _import_sipri(app_engine)
    at = _link("country", name="Chile", measure="tiv")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[TIV_LABEL] == "54.0"
    assert metrics["Top supplier's share"] == "100.0%"
    assert metrics["Supplier concentration (HHI)"] == "10,000"
    assert any("Shares of its suppliers over time" in str(h.value) for h in at.subheader)
    assert at.query_params["name"] == "Chile" and at.query_params["measure"] == "tiv"
