"""Charts shared by the pages: Vega-Lite specifications built from the library's figures
(no queries here), drawn by `st.vega_lite_chart`.

Plain dictionaries rather than Altair: a few bar and line charts do not need it, and
Altair with jsonschema was 26 MB of the server's memory and a quarter of a second of its
launch. The data goes inline (`data.values`): at most a few hundred points a chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tracker.read.totals import Flow

Spec = dict[str, Any]
Row = Mapping[str, Any]

# Counts are whole numbers: no 0.5-deal ticks on small selections.
WHOLE = {"tickMinStep": 1, "format": "d"}


def field(name: str, kind: str = "quantitative", **more: Any) -> Spec:
    """One encoding channel: `field("deals", axis=WHOLE)`."""
    return {"field": name, "type": kind, **more}


# Continuous year axes: an empty year is a gap, never a squeezed-out column.
YEAR = field("year", title=None, axis={"format": "d", "tickMinStep": 1})


def _tooltip(fields: Iterable[str | Spec], rows: Sequence[Row]) -> list[Spec]:
    """Tooltip entries typed by their values, so numbers show formatted (1,234.5)."""
    return [
        entry if isinstance(entry, dict) else {"field": entry, "type": _kind(entry, rows)}
        for entry in fields
    ]


def _kind(name: str, rows: Sequence[Row]) -> str:
    value = next((row[name] for row in rows if row.get(name) is not None), None)
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    return "quantitative" if numeric else "nominal"


def chart(
    rows: Sequence[Row],
    mark: str | Spec,
    *,
    x: Spec,
    y: Spec,
    color: Spec | None = None,
    tooltip: Iterable[str | Spec] = (),
) -> Spec:
    """A one-layer chart of `rows`."""
    encoding: Spec = {"x": x, "y": y}
    if color is not None:
        encoding["color"] = color
    tips = _tooltip(tooltip, rows)
    if tips:
        encoding["tooltip"] = tips
    return {"data": {"values": [dict(row) for row in rows]}, "mark": mark, "encoding": encoding}


def layered(rows: Sequence[Row], *layers: Spec) -> Spec:
    """Several marks over the same rows (bars with their moving average)."""
    return {
        "data": {"values": [dict(row) for row in rows]},
        "layer": [
            {key: value for key, value in layer.items() if key != "data"} for layer in layers
        ],
    }


def _busiest(flows: Sequence[Flow], side: str) -> list[str]:
    """Names on one side, most deals first (ties by name)."""
    deals: Counter[str] = Counter()
    for flow in flows:
        deals[getattr(flow, side)] += flow.deals
    return sorted(deals, key=lambda name: (-deals[name], name))


def flow_chart(flows: Sequence[Flow]) -> Spec:
    """Who supplies whom as a matrix: a row per supplier, a column per recipient, the
    cell's shade and number the deals. Unlike lines between two columns it never tangles,
    and a country that both supplies and receives is simply a row and a column."""
    rows = [
        {"supplier": f.seller, "recipient": f.buyer, "deals": f.deals, "units": f.quantity}
        for f in flows
    ]
    recipient = field(
        "recipient", "nominal", sort=_busiest(flows, "buyer"), title="recipient",
        axis={"orient": "top", "labelAngle": -40, "labelOverlap": False, "labelLimit": 160},
    )  # fmt: skip
    supplier = field(
        "supplier", "nominal", sort=_busiest(flows, "seller"), title="supplier",
        axis={"labelOverlap": False, "labelLimit": 200},
    )  # fmt: skip
    shade = field(
        "deals", scale={"scheme": "blues"},
        legend={"title": "deals", "format": "d", "tickMinStep": 1, "orient": "bottom",
                "direction": "horizontal"},
    )  # fmt: skip
    tooltip: list[str | Spec] = [
        "supplier", "recipient", "deals",
        {"field": "units", "type": "quantitative", "title": "units (known)"},
    ]  # fmt: skip
    cells = chart(rows, "rect", x=recipient, y=supplier, color=shade, tooltip=tooltip)
    # The number in each cell, light on the dark half of the scale.
    half = max((f.deals for f in flows), default=0) / 2
    # The number on top carries the cell's tooltip too, or hovering it shows nothing.
    numbers = chart(
        rows, {"type": "text", "fontSize": 11}, x=recipient, y=supplier, tooltip=tooltip
    )
    numbers["encoding"]["text"] = field("deals", format=",")
    numbers["encoding"]["color"] = {
        "condition": {"test": f"datum.deals > {half}", "value": "white"},
        "value": "#1f2937",
    }
    spec = layered(rows, cells, numbers)
    # A height per row: a height in pixels for the whole chart was lost in Streamlit (the
    # rows came out 7 px high at 100,000 deals).
    spec["height"] = {"step": 28}
    return spec
