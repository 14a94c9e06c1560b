"""Charts shared by the pages, built from the library's figures (no queries here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import altair as alt
import pandas as pd

from tracker.read.totals import Flow

# Counts are whole numbers: no 0.5-deal ticks on small selections.
WHOLE = alt.Axis(tickMinStep=1, format="d")


def _busiest(flows: Sequence[Flow], side: str) -> list[str]:
    """Names on one side, most deals first (ties by name)."""
    deals: Counter[str] = Counter()
    for flow in flows:
        deals[getattr(flow, side)] += flow.deals
    return sorted(deals, key=lambda name: (-deals[name], name))


def flow_chart(flows: Sequence[Flow]) -> alt.LayerChart:
    """Who supplies whom as a matrix: a row per supplier, a column per recipient, the
    cell's shade and number the deals. Unlike lines between two columns it never tangles,
    and a country that both supplies and receives is simply a row and a column."""
    frame = pd.DataFrame(
        [{"supplier": f.seller, "recipient": f.buyer, "deals": f.deals, "units": f.quantity}
         for f in flows]
    )  # fmt: skip
    suppliers, recipients = _busiest(flows, "seller"), _busiest(flows, "buyer")
    recipient = alt.X(
        "recipient:N", sort=recipients, title="recipient",
        axis=alt.Axis(orient="top", labelAngle=-40, labelOverlap=False, labelLimit=160),
    )  # fmt: skip
    supplier = alt.Y(
        "supplier:N", sort=suppliers, title="supplier",
        axis=alt.Axis(labelOverlap=False, labelLimit=200),
    )  # fmt: skip
    shade = alt.Color(
        "deals:Q", scale=alt.Scale(scheme="blues"),
        legend=alt.Legend(title="deals", format="d", tickMinStep=1, orient="bottom",
                          direction="horizontal"),
    )  # fmt: skip
    tooltip: list[str | alt.Tooltip] = [
        "supplier", "recipient", "deals", alt.Tooltip("units:Q", title="units (known)"),
    ]  # fmt: skip
    # A height per row: a height in pixels for the whole chart was lost in Streamlit (the
    # rows came out 7 px high at 100,000 deals).
    cells = (
        alt.Chart(frame)
        .encode(x=recipient, y=supplier, tooltip=tooltip)
        .properties(height=alt.Step(28))
    )
    # The number in each cell, light on the dark half of the scale.
    dark = alt.datum.deals > max((f.deals for f in flows), default=0) / 2
    numbers = cells.mark_text(fontSize=11).encode(
        text=alt.Text("deals:Q", format=","),
        color=alt.condition(dark, alt.value("white"), alt.value("#1f2937")),
    )
    return alt.LayerChart(layer=[cells.mark_rect().encode(color=shade), numbers])
