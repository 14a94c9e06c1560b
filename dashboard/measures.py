"""The field's measures on the dashboard: one switch (deals, units, SIPRI TIV, constant
USD) shared by Overview, Deals and Country and kept in the URL (`measure=tiv`,
`base=2020`), and the honest headline every Overview shows.

Every figure comes from the library (tracker/read/measures, tiv, usd, units); this module
only lays them out. TIV is always labelled with its unit and never shown beside money as
if it were money.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import WHOLE, YEAR, chart, field, layered
from dashboard.ui import guard, md, positive_int
from tracker.domain.money import format_amount
from tracker.domain.vocab import counted, label
from tracker.errors import InvalidInput
from tracker.fx.cpi import cpi_years
from tracker.read.filters import DealFilters
from tracker.read.measures import Measure, MeasureTable
from tracker.read.tiv import SPREAD_NOTE, TIV_LABEL, TIV_METHOD_URL, format_tiv
from tracker.read.units import StageUnits, units_at_stage
from tracker.read.usd import UsdLine, UsdReport, base_year_or_default, headline

MEASURE_LABELS = {
    Measure.DEALS: "Deals",
    Measure.UNITS: "Units",
    Measure.TIV: "SIPRI TIV",
    Measure.USD: "Constant US$",
}
DEFAULT_MEASURE = Measure.DEALS
MEASURE_HELP = (
    "Deals: how many. Units: quantities, summed only within a category and its unit of "
    "count. SIPRI TIV: SIPRI's trend-indicator value, a measure of the volume of "
    "transfers by delivery year (not money). Constant US$: values converted to US dollars "
    "of one base year (exchange rate of the price year, then US CPI-U)."
)
SHOWN_NOTES = 200  # notes of one table drawn on a page
# Widget key -> where the choice is kept between pages.
CHOSEN = {"measure": "measure_chosen", "measure_base": "measure_base_chosen"}


def _load_from_url() -> None:
    """On the first page that shows the switch, take the measure and base year from the
    URL; anything else there is named in a warning and left out."""
    warnings: list[str] = []
    wanted = st.query_params.get("measure", DEFAULT_MEASURE.value)
    invalid: set[str] = set()
    if wanted not in {m.value for m in Measure}:
        warnings.append(f"Ignored measure {wanted!r}: choose deals, units, tiv or usd.")
        wanted = DEFAULT_MEASURE.value
        invalid.add("measure")
    base_text = st.query_params.get("base")
    base = positive_int(base_text, 9999) if base_text else None
    if base_text and base is not None:
        try:
            base_year_or_default(base)
        except InvalidInput:
            base = None
    if base_text and base is None:
        first, last = cpi_years()
        warnings.append(f"Ignored base year {base_text!r}: choose a year from {first} to {last}.")
        invalid.add("base")
    st.session_state[CHOSEN["measure"]] = wanted
    st.session_state[CHOSEN["measure_base"]] = base
    # An ignored value leaves the link; a valid one stays exactly as given.
    given = {name for name in ("measure", "base") if name in st.query_params} - invalid
    for name in invalid:
        del st.query_params[name]
    st.session_state["measure_given"] = given
    st.session_state["measure_warnings"] = warnings
    st.session_state["measure_loaded"] = True


def _write_params(measure: Measure, base: int | None) -> None:
    """Write the measure to the URL only when a link gave it or the reader changed it,
    so a link keeps exactly the parameters it was given."""
    given: set[str] = st.session_state.setdefault("measure_given", set())
    if measure is not DEFAULT_MEASURE:
        given.add("measure")
    if base is not None:
        given.add("base")
    if "measure" in given:
        st.query_params["measure"] = measure.value
    if "base" in given and base is not None:
        st.query_params["base"] = str(base)
    elif "base" in st.query_params:
        del st.query_params["base"]


def _remember(key: str) -> None:
    st.session_state[CHOSEN[key]] = st.session_state.get(key)


def measure_switch() -> tuple[Measure, int | None]:
    """The measure chosen and, for constant dollars, the base year (None: the default)."""
    if "measure_loaded" not in st.session_state:
        _load_from_url()
    # Each page draws its own switch: the choice lives apart from the widgets, which
    # Streamlit forgets when the page changes, and is given back to them before drawing.
    for key, chosen_key in CHOSEN.items():
        st.session_state[key] = st.session_state.get(chosen_key)
    for warning in st.session_state.get("measure_warnings", []):
        st.warning(md(warning))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.segmented_control(
        "Measure", list(MEASURE_LABELS), key="measure", required=True,
        format_func=lambda m: MEASURE_LABELS[Measure(m)], help=MEASURE_HELP,
        on_change=_remember, args=("measure",),
    )  # fmt: skip
    measure = Measure(chosen or DEFAULT_MEASURE)
    base: int | None = st.session_state.get(CHOSEN["measure_base"])
    if measure is Measure.USD:
        first, last = cpi_years()
        default = base_year_or_default(None)
        picked = right.number_input(
            "Base year (constant dollars)", min_value=first, max_value=last, step=1,
            key="measure_base", placeholder=str(default),
            on_change=_remember, args=("measure_base",),
            help=f"Dollars of this year (US CPI-U). Empty: {default}, the latest complete year.",
        )  # fmt: skip
        base = int(picked) if picked is not None else None
    _write_params(measure, base)
    return measure, base


# --- the honest headline -------------------------------------------------------------------


def _units_text(filters: DealFilters) -> tuple[list[str], list[str]]:
    """Units ordered (signed or later) per category and unit, and the pipeline apart."""
    with guard():
        lines = data.units_lines(filters)

    def described(parts: list[StageUnits]) -> list[tuple[StageUnits, str]]:
        # A category counted in a named unit and without one is two entries: the second
        # says so ("air-defence systems: 11,682 (no unit given); ...: 7,838 batteries").
        named = {part.category for part in parts if part.unit}
        shown = []
        for part in parts:
            unit = f" {part.unit}" if part.unit else ""
            if not part.unit and part.category in named:
                unit = " (no unit given)"
            shown.append((part, f"{label(part.category)}: {part.quantity:,}{unit}"))
        return shown

    ordered = [text for _, text in described(units_at_stage(lines, "ordered"))]
    pipeline = [
        f"{text} ({counted(part.deals, 'deal')})"
        for part, text in described(units_at_stage(lines, "pipeline"))
    ]
    return ordered, pipeline


def units_summary(filters: DealFilters) -> None:
    """Units ordered per category (never one sum of jets and shells), the pipeline apart."""
    ordered, pipeline = _units_text(filters)
    st.markdown("**Units ordered** (signed or later), by category")
    st.markdown(md("; ".join(ordered)) if ordered else "none with a known quantity")
    if pipeline:
        pending = "; ".join(pipeline)
        st.caption(md(f"Not yet ordered (proposed, negotiating, approved): {pending}"))


def chosen_base() -> int | None:
    """The base year chosen for constant dollars so far (None: the default, or the switch
    not drawn yet), for a page that reads its values before it draws the switch."""
    base = st.session_state.get(CHOSEN["measure_base"])
    return base if isinstance(base, int) else None


def _value_lines(
    filters: DealFilters, base: int | None, report: UsdReport | None = None
) -> tuple[int, list[UsdLine]]:
    if report is None:
        with guard():
            report = data.usd_report(filters, None, base)
    return report.base_year, report.lines


def value_headlines(
    filters: DealFilters, base: int | None, report: UsdReport | None = None
) -> list[str]:
    """One line per kind of value: "Contract values: $3.28 billion in 2025 dollars, from 1
    of 1 contract values", then the largest currencies by their converted amount. A
    `report` read already (at `base`) is used instead of reading one."""
    base_year, lines = _value_lines(filters, base, report)
    return [f"{_sentence(line.kind_label)}: {headline(line, base_year)}" for line in lines]


def value_caption(filters: DealFilters, base: int | None, report: UsdReport | None = None) -> None:
    """The value headlines as captions (Deals and Country pages)."""
    lines = value_headlines(filters, base, report)
    st.caption(md("  \n".join(lines)) if lines else "No deal here has a money value.")


def honest_headline(filters: DealFilters, deals: int, base: int | None) -> None:
    """Deals; units ordered per category (the pipeline apart); money in constant dollars
    with its coverage, each kind of value on its own line."""
    cols = st.columns([1, 2, 3])
    cols[0].metric("Deals", f"{deals:,}")
    with cols[1]:
        units_summary(filters)
    base_year, lines = _value_lines(filters, base)
    with cols[2]:
        contract = next((line for line in lines if line.kind == "contract"), None)
        if contract is not None and contract.converted_deals:
            st.metric(
                f"Contract values, {base_year} US$",
                ("≥ " if contract.at_least else "") + format_amount(contract.usd_constant, "USD"),
                help="Each value at its price year's exchange rate, then US CPI-U to the base "
                "year; other kinds of value (estimates, ceilings, offsets) are never added.",
            )
        if not lines:
            st.metric("Value", "unknown")
        for text in value_headlines(filters, base):
            st.caption(md(text))


def _sentence(text: str) -> str:
    """First letter up, the rest as it is ("constant USD", not "Constant usd")."""
    return text[:1].upper() + text[1:]


# --- one measure as a table ----------------------------------------------------------------


def measure_table(filters: DealFilters, measure: Measure, by: str, base: int | None) -> None:
    """The library's table of one measure by a grouping, with its notes."""
    with guard(InvalidInput):
        try:
            table: MeasureTable = data.measure_table(filters, measure.value, by, base)
        except InvalidInput as exc:
            st.info(md(f"{MEASURE_LABELS[measure]} cannot be totalled this way: {exc}"))
            return
    if not table.text_rows:
        st.info(md(_sentence(table.empty) + "."))
        return
    st.markdown(f"**{md(table.title)}, by {md(by)}**")  # two tables on a page differ
    frame = pd.DataFrame(table.text_rows, columns=[_sentence(c) for c in table.columns])
    st.dataframe(
        frame, hide_index=True, width="stretch", height=min(36 * (len(frame) + 1) + 2, 420)
    )
    # The first note says what the figures are; the rest (e.g. each value that could not
    # be converted) can run to hundreds of lines: one click away.
    for note in table.notes[:1]:
        st.caption(md(note))
    if len(table.notes) > 1:
        with st.expander(counted(len(table.notes) - 1, "more note")):
            st.caption(md("\n".join(table.notes[1:SHOWN_NOTES])))
            if len(table.notes) > SHOWN_NOTES:
                rest = len(table.notes) - SHOWN_NOTES
                st.caption(f"… and {rest:,} more: `tracker totals` prints them all.")


# --- SIPRI TIV views -----------------------------------------------------------------------


def tiv_label() -> None:
    st.caption(
        f"{TIV_LABEL}: SIPRI's trend-indicator value, a measure of the volume of arms "
        f"transferred, by delivery year; not money, never added to money. "
        f"[Methodology]({TIV_METHOD_URL})"
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def tiv_trend_chart(filters: DealFilters) -> bool:
    """TIV by delivery year with SIPRI's five-year moving average; False when no TIV
    has a delivery year."""
    with guard():
        points = data.tiv_trend(filters)
    if not points or not any(point.tiv for point in points):
        st.caption("No TIV of these deals has a delivery year, so there is no trend to draw.")
        return False
    rows = [
        {"year": p.year, "TIV": _float(p.tiv), "5-year average": _float(p.moving_average),
         "deals": p.deals} for p in points
    ]  # fmt: skip
    bars = chart(rows, {"type": "bar", "color": "#4c78a8"}, x=YEAR,
                 y=field("TIV", title=TIV_LABEL), tooltip=["year", "TIV", "deals"])  # fmt: skip
    line = chart(rows, {"type": "line", "color": "#e45756"}, x=YEAR, y=field("5-year average"))
    st.vega_lite_chart(layered(rows, bars, line), width="stretch")
    st.caption(
        "Bars: TIV delivered each year; red line: the five-year moving average, as SIPRI charts it."
    )
    return True


def tiv_rankings(filters: DealFilters, top: int = 10) -> None:
    """SIPRI's top exporters and importers with their shares of the total."""
    with guard():
        if not data.tiv_ranking(filters, "supplier", top).total:
            st.info(
                "No SIPRI TIV in these deals: TIV comes from imported SIPRI registers "
                "(`tracker import` a SIPRI trade-register export)."
            )
            return
    spread = Decimal(0)
    for column, by, title in zip(
        st.columns(2), ("supplier", "recipient"), ("Top exporters", "Top importers"), strict=True
    ):
        with guard():
            ranking = data.tiv_ranking(filters, by, top)
        spread = ranking.spread
        column.subheader(title)
        rows = [
            {"rank": str(p.rank), by: p.name, TIV_LABEL: format_tiv(p.tiv),
             "share": f"{p.share * 100:.1f}%"} for p in ranking.rows
        ]  # fmt: skip
        if ranking.others:
            rows.append({"rank": "", by: "others", TIV_LABEL: format_tiv(ranking.others),
                         "share": f"{ranking.others / ranking.total * 100:.1f}%"})  # fmt: skip
        rows.append({"rank": "", by: "total", TIV_LABEL: format_tiv(ranking.total),
                     "share": "100.0%" if ranking.total else ""})  # fmt: skip
        column.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if spread:
        st.caption(SPREAD_NOTE)


def tiv_shares_chart(filters: DealFilters, by: str, title: str) -> None:
    """The leading suppliers' (or customers') share of each year's TIV."""
    with guard():
        series = data.tiv_shares(filters, by)
    rows = [
        {"year": year, by: s.name, "share": float(share) * 100, "TIV": float(tiv)}
        for s in series for year, tiv, share in s.points
    ]  # fmt: skip
    if not rows:
        return
    st.subheader(title)
    st.vega_lite_chart(
        chart(
            rows, {"type": "line", "point": True}, x=YEAR,
            y=field("share", title="share of the year's TIV (%)"),
            color=field(by, "nominal", title=by),
            tooltip=["year", by, field("share", format=".1f"), "TIV"],
        ),
        width="stretch",
    )  # fmt: skip


def tiv_dependence(filters: DealFilters, recipient: str) -> None:
    """A recipient's reliance on its top supplier and the HHI of its suppliers' shares."""
    with guard():
        found = data.tiv_dependence(filters, recipient)
    if not found.total:
        return
    top = found.suppliers[0] if found.suppliers else None
    cols = st.columns(3)
    cols[0].metric(TIV_LABEL, format_tiv(found.total))
    if top is not None:
        cols[1].metric("Top supplier's share", f"{found.top_share * 100:.1f}%", help=top.name)
        cols[1].caption(md(top.name))
    cols[2].metric(
        "Supplier concentration (HHI)", f"{found.hhi:,.0f}",
        help="Herfindahl-Hirschman index of supplier shares: 10,000 = a single supplier.",
    )  # fmt: skip


# --- constant dollars and units by year ----------------------------------------------------


def usd_by_year_chart(filters: DealFilters, base: int | None) -> None:
    """Contract values in constant dollars by order year (price year's rate, then CPI-U)."""
    with guard():
        report = data.usd_report(filters, "year", base)
    rows = [
        {"year": line.key, "US$ (billions)": float(line.usd_constant) / 1e9,
         "deals": line.converted_deals}
        for line in report.lines if line.kind == "contract" and isinstance(line.key, int)
    ]  # fmt: skip
    st.subheader(f"Contract values by order year, {report.base_year} US$")
    if not rows:
        st.info("None of these deals has a contract value that converts to US dollars.")
        return
    st.vega_lite_chart(
        chart(rows, {"type": "bar", "color": "#54a24b"}, x=YEAR, y=field("US$ (billions)"),
              tooltip=["year", "US$ (billions)", "deals"]),
        width="stretch",
    )  # fmt: skip


def units_by_year_chart(filters: DealFilters) -> None:
    """Units ordered by order year, one colour per category: never one sum of jets and shells."""
    with guard():
        lines = data.units_lines(filters, "year")
    rows = [
        {"year": line.key, "category": label(line.category), "units": line.quantity}
        for line in lines if line.stage == "ordered" and isinstance(line.key, int)
    ]  # fmt: skip
    st.subheader("Units ordered by order year, per category")
    if not rows:
        st.info("None of these deals has an order year and a known quantity.")
        return
    st.vega_lite_chart(
        chart(rows, "bar", x=YEAR, y=field("units", axis=WHOLE),
              color=field("category", "nominal"), tooltip=["year", "category", "units"]),
        width="stretch",
    )  # fmt: skip
