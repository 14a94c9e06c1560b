"""Shared dashboard charts: their Vega-Lite specs, without a browser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from dashboard.charts import flow_chart
from tracker.read.totals import Flow

ROOT = Path(__file__).resolve().parent.parent

FLOWS = [
    Flow(seller="Russia", buyer="India", deals=5, quantity=100),
    Flow(seller="France", buyer="India", deals=3, quantity=30),
    Flow(seller="India", buyer="Armenia", deals=2, quantity=10),
]


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(json.dumps(flow_chart(FLOWS)))  # what is sent
    return spec


def _layer(mark: str) -> dict[str, Any]:
    def kind(layer: dict[str, Any]) -> str:
        return layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]

    (found,) = [layer for layer in _spec()["layer"] if kind(layer) == mark]
    return found


def test_flows_are_a_matrix_with_a_legend_and_numbers() -> None:
    """#10 point 10: no tangle of lines, a legend for the shade; each cell its number,
    every name labelled (a QA pass at 100,000 deals: rows unlabelled, legend cut off)."""
    color = _layer("rect")["encoding"]["color"]
    assert color["field"] == "deals" and color["legend"]["title"] == "deals"
    assert color["legend"]["orient"] == "bottom"
    assert _layer("text")["encoding"]["text"]["field"] == "deals"
    encoding = _layer("rect")["encoding"]
    assert encoding["x"]["axis"]["labelOverlap"] is False
    assert encoding["y"]["axis"]["labelOverlap"] is False


def test_busiest_suppliers_and_recipients_come_first() -> None:
    encoding = _layer("rect")["encoding"]
    assert encoding["y"]["title"] == "supplier" and encoding["x"]["title"] == "recipient"
    assert encoding["y"]["sort"] == ["Russia", "France", "India"]
    assert encoding["x"]["sort"] == ["India", "Armenia"]


def test_the_overview_draws_its_charts_without_importing_altair(seeded_sqlite_url: str) -> None:
    # Altair (with jsonschema) was 26 MB of the server's memory for a few Vega-Lite specs.
    probe = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        "at = AppTest.from_file('dashboard/streamlit_app.py', default_timeout=60).run(); "
        "assert not at.exception, at.exception; "
        "print(len(at.get('vega_lite_chart')), 'altair' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "TRACKER_DATABASE_URL": seeded_sqlite_url},
    )  # fmt: skip
    charts, altair_loaded = done.stdout.split()
    assert int(charts) >= 4 and altair_loaded == "False"


def test_every_tooltip_entry_is_typed_and_the_numbers_carry_the_cells_tooltip() -> None:
    # Untyped, Vega-Lite shows numbers as raw text ("12.345678901"); the numbers layer
    # sits on top of the cells, so without its own tooltip hovering a number shows none.
    for mark in ("rect", "text"):
        tips = _layer(mark)["encoding"]["tooltip"]
        assert {tip["field"]: tip["type"] for tip in tips} == {
            "supplier": "nominal", "recipient": "nominal",
            "deals": "quantitative", "units": "quantitative",
        }  # fmt: skip
