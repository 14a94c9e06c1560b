"""Shared dashboard charts: their Vega-Lite specs, without a browser."""

from __future__ import annotations

from typing import Any

from dashboard.charts import flow_chart
from tracker.read.totals import Flow

FLOWS = [
    Flow(seller="Russia", buyer="India", deals=5, quantity=100),
    Flow(seller="France", buyer="India", deals=3, quantity=30),
    Flow(seller="India", buyer="Armenia", deals=2, quantity=10),
]


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = flow_chart(FLOWS).to_dict()
    return spec


def test_flows_are_a_matrix_with_a_legend() -> None:
    """#10 point 10: no tangle of lines, a legend for the shade."""
    spec = _spec()
    mark = spec["mark"]
    assert (mark if isinstance(mark, str) else mark["type"]) == "rect"
    color = spec["encoding"]["color"]
    assert color["field"] == "deals" and color["legend"]["title"] == "deals"


def test_busiest_suppliers_and_recipients_come_first() -> None:
    encoding = _spec()["encoding"]
    assert encoding["y"]["title"] == "supplier" and encoding["x"]["title"] == "recipient"
    assert encoding["y"]["sort"] == ["Russia", "France", "India"]
    assert encoding["x"]["sort"] == ["India", "Armenia"]
