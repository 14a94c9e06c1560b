"""The Import page (AppTest): a large upload is previewed from its first rows, then
imported whole, once, on confirm (#14)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from streamlit.testing.v1 import AppTest

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.imports.preview import PREVIEW_RECORDS
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import Deal
from tracker.write.accounts import create_user

from factories import row_counts

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py")
PASSWORD = "correct horse battery"
EXTRA = 100  # rows beyond the preview's sample


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")


@pytest.fixture
def app_engine(seeded_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A seeded database (SQLite or PostgreSQL) with an editor."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", seeded_url)
    engine = make_engine(Settings(database_url=seeded_url))
    with transaction(engine) as s:
        create_user(session=s, actor=cli_actor(), username="erin", password=PASSWORD,
                    role=Role.EDITOR)  # fmt: skip
    yield engine
    engine.dispose()


def _register(deals: int, broken: int | None = None) -> bytes:
    """A tracker CSV of distinct deals; data row `broken` holds a quantity that is no number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["deal_id", "buyer", "buyer_iso3", "seller", "platform", "quantity",
                     "status", "order_date"])  # fmt: skip
    for row in range(1, deals + 1):
        quantity = "twelve" if row == broken else str(row)
        writer.writerow(["", "Turkey", "", "United States", "F-16 Block 70 Viper", quantity,
                         "ordered", "2020"])  # fmt: skip
    return out.getvalue().encode()


def _uploaded(data: bytes, skip_invalid: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.text_input(key="signin_user").input("erin")
    at.sidebar.text_input(key="signin_password").input(PASSWORD)
    at.button(key="sign_in_submit").click().run()
    at.switch_page("app_pages/import_data.py").run()
    if skip_invalid:
        at.checkbox(key="import_skip").check().run()
    at.file_uploader(key="import_file").set_value(("deals.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _deals(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(Deal)) or 0)


def _text(elements: object) -> str:
    return " ".join(str(e.value) for e in elements).replace("\\", "")  # type: ignore[attr-defined]


def test_a_large_file_previews_its_first_rows_and_imports_them_all(app_engine: Engine) -> None:
    before = _deals(app_engine)
    at = _uploaded(_register(PREVIEW_RECORDS + EXTRA))
    told = _text(at.info)
    assert f"first {PREVIEW_RECORDS:,} rows of about {PREVIEW_RECORDS + EXTRA + 1:,}" in told
    new = next(m for m in at.metric if m.label == "New deals")
    assert new.value == str(PREVIEW_RECORDS - 1)  # the header is the sample's first row
    assert _deals(app_engine) == before  # a preview writes nothing
    at.button(key="import_go").click().run()
    assert not at.exception, at.exception
    assert f"imported {PREVIEW_RECORDS + EXTRA:,} new deals" in _text(at.success)
    assert _deals(app_engine) == before + PREVIEW_RECORDS + EXTRA


def test_a_bad_row_after_the_sample_is_reported_on_confirm_and_nothing_written(
    app_engine: Engine,
) -> None:
    broken = PREVIEW_RECORDS + 5
    at = _uploaded(_register(PREVIEW_RECORDS + EXTRA, broken=broken))
    assert not at.error  # the sample is clean
    before = row_counts(app_engine)
    at.button(key="import_go").click().run()
    assert not at.exception, at.exception
    assert "1 row(s) rejected, nothing imported" in _text(at.error)
    problems = next(df.value for df in at.dataframe if "reason" in df.value.columns)
    assert list(problems["row"]) == [broken + 1] and list(problems["value"]) == ["twelve"]
    assert row_counts(app_engine) == before


def test_skipped_rows_are_listed_by_the_preview_and_again_by_the_import(
    app_engine: Engine,
) -> None:
    before = _deals(app_engine)
    at = _uploaded(_register(PREVIEW_RECORDS + EXTRA, broken=10), skip_invalid=True)
    assert [list(df.value["row"]) for df in at.dataframe if "reason" in df.value.columns] == [[11]]
    at.button(key="import_go").click().run()
    assert not at.exception, at.exception
    tables = [list(df.value["row"]) for df in at.dataframe if "reason" in df.value.columns]
    assert tables == [[11], [11]]  # the preview's, then the import's
    assert _deals(app_engine) == before + PREVIEW_RECORDS + EXTRA - 1
