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


def flow_chart(flows: Sequence[Flow]) -> alt.Chart:
    """Who supplies whom as a matrix: a row per supplier, a column per recipient, the
    cell's shade the number of deals. Unlike lines between two columns it never tangles,
    and a country that both supplies and receives is simply a row and a column."""
    frame = pd.DataFrame(
        [{"supplier": f.seller, "recipient": f.buyer, "deals": f.deals, "units": f.quantity}
         for f in flows]
    )  # fmt: skip
    suppliers, recipients = _busiest(flows, "seller"), _busiest(flows, "buyer")
    recipient = alt.X(
        "recipient:N", sort=recipients, title="recipient",
        axis=alt.Axis(orient="top", labelAngle=-40),
    )  # fmt: skip
    shade = alt.Color(
        "deals:Q", scale=alt.Scale(scheme="blues"),
        legend=alt.Legend(title="deals", format="d", tickMinStep=1),
    )  # fmt: skip
    tooltip = ["supplier", "recipient", "deals", alt.Tooltip("units:Q", title="units (known)")]
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=recipient,
            y=alt.Y("supplier:N", sort=suppliers, title="supplier"),
            color=shade,
            tooltip=tooltip,
        )
        .properties(height=max(160, 24 * len(suppliers)))
    )
    return chart
