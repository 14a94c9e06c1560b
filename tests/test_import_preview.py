"""The preview of an upload plans a bounded sample; the import reads the whole file (#14)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import Engine

from tracker.auth import cli_actor
from tracker.imports.pipeline import ImportReport, import_data
from tracker.imports.plan import ImportRejected
from tracker.imports.preview import preview_sample
from tracker.store.db import transaction

from factories import row_counts

LIMIT = 40  # records a preview reads here (the dashboard's PREVIEW_RECORDS is 2,000)
HEADER = ["deal_id", "buyer", "buyer_iso3", "seller", "platform", "quantity", "status",
          "order_date", "notes"]  # fmt: skip


def _register(deals: int, broken: int | None = None, notes: str = "") -> bytes:
    """A tracker CSV of `deals` distinct deals; data row `broken` (1-based) holds a
    quantity that is no number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in range(1, deals + 1):
        quantity = "twelve" if row == broken else str(row)
        writer.writerow(["", "Turkey", "", "United States", "F-16 Block 70 Viper", quantity,
                         "ordered", "2020", notes])  # fmt: skip
    return out.getvalue().encode()


def _run(
    engine: Engine, data: bytes, *, dry_run: bool = False, preview_records: int | None = None
) -> ImportReport:
    with transaction(engine) as session:
        return import_data(
            session=session, actor=cli_actor(), data=data, filename="deals.csv",
            dry_run=dry_run, preview_records=preview_records,
        )  # fmt: skip


def test_a_row_broken_after_the_sample_previews_fine_and_the_import_names_it(
    seeded_engine: Engine,
) -> None:
    data = _register(LIMIT + 20, broken=LIMIT + 5)
    before = row_counts(seeded_engine)
    preview = _run(seeded_engine, data, dry_run=True, preview_records=LIMIT)
    assert not preview.rejected
    assert preview.created == LIMIT - 1  # the header is the sample's first record
    assert preview.sample == (
        f"a preview of the first {LIMIT:,} rows of about {LIMIT + 21:,}: "
        "the import reads the whole file and checks every row again"
    )
    assert preview.sample in preview.summary()
    with pytest.raises(ImportRejected) as refused:
        _run(seeded_engine, data)
    assert [p.row for p in refused.value.problems] == [LIMIT + 6]  # the header is row 1
    assert "'twelve'" in str(refused.value.problems[0])
    assert row_counts(seeded_engine) == before


def test_the_import_after_a_preview_imports_every_row_once(seeded_engine: Engine) -> None:
    data = _register(LIMIT + 20)
    _run(seeded_engine, data, dry_run=True, preview_records=LIMIT)
    report = _run(seeded_engine, data)
    assert report.created == LIMIT + 20 and report.sample is None
    again = _run(seeded_engine, data, dry_run=True, preview_records=LIMIT)
    assert again.created == 0 and again.unchanged == LIMIT - 1  # same file: same origins


def test_an_encoding_change_after_the_sample_is_left_to_the_import(
    seeded_engine: Engine,
) -> None:
    utf8 = _register(LIMIT + 20, notes="Ankara–Washington").decode()
    lines = utf8.splitlines(keepends=True)
    data = ("".join(lines[: LIMIT + 5])).encode() + "".join(lines[LIMIT + 5 :]).encode("cp1252")
    before = row_counts(seeded_engine)
    preview = _run(seeded_engine, data, dry_run=True, preview_records=LIMIT)
    assert not preview.rejected and preview.sample
    with pytest.raises(ImportRejected, match="mixes encodings"):
        _run(seeded_engine, data)
    assert row_counts(seeded_engine) == before


def test_a_sample_keeps_records_whole_across_quoted_line_breaks() -> None:
    data = _register(LIMIT + 20, notes='first line\nsecond, quoted "line"\nthird')
    sample = preview_sample(data, LIMIT)
    assert sample is not None
    rows = list(csv.reader(io.StringIO(sample.data.decode())))
    assert len(rows) == LIMIT and rows[-1][-1] == 'first line\nsecond, quoted "line"\nthird'
    assert data.startswith(sample.data)


def test_files_no_longer_than_the_sample_and_dumps_are_previewed_whole() -> None:
    assert preview_sample(_register(LIMIT - 1), LIMIT) is None
    assert preview_sample(b'{"format": "arms-deal-tracker-dump"}', LIMIT) is None


def test_a_json_deal_list_previews_its_first_deals() -> None:
    deals = [{"buyer": "Turkey", "quantity": n} for n in range(LIMIT + 5)]
    sample = preview_sample(json.dumps(deals, indent=1).encode(), LIMIT)
    assert sample is not None and json.loads(sample.data) == deals[:LIMIT]


def test_a_utf16_file_is_cut_by_its_text() -> None:
    data = _register(LIMIT + 20).decode().encode("utf-16")
    sample = preview_sample(data, LIMIT)
    assert sample is not None
    assert len(sample.data.decode("utf-16").splitlines()) == LIMIT


def test_a_quote_never_closed_does_not_make_the_sample_the_whole_file() -> None:
    lines = _register(LIMIT * 200).decode().splitlines(keepends=True)
    lines[3] = lines[3].replace("Turkey", '"Turkey', 1)  # opens a quoted cell for good
    data = "".join(lines).encode()
    sample = preview_sample(data, LIMIT)
    assert sample is not None and len(sample.data) < len(data) // 2
