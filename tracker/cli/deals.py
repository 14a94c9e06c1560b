"""`tracker deals list|show`, `tracker totals` and `tracker export`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tracker.cli.common import (
    FORMATS,
    echo,
    filter_options,
    filters_from,
    friendly_errors,
    reading,
    show_measure,
    table,
    terminal_safe,
)
from tracker.domain.money import describe_value
from tracker.domain.vocab import label
from tracker.exports import DEAL_COLUMNS, export_deals, export_metadata, write_csv, write_json
from tracker.read.detail import deal_detail
from tracker.read.measures import BY_CHOICES, Measure, measure_table
from tracker.read.rows import SORT_KEYS, list_deals
from tracker.read.usd import base_year_or_default, row_value_usd


@click.group()
def deals() -> None:
    """List and show deals."""


@deals.command("list")
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("--sort", type=click.Choice(list(SORT_KEYS)), default="order_date", show_default=True)
@click.option("--ascending", is_flag=True, help="Sort ascending (default: descending).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@friendly_errors
def deals_list(
    fmt: str, sort: str, ascending: bool, limit: int, offset: int, **kwargs: Any
) -> None:
    """List deals matching the filters.

    Example: tracker deals list --buyer Turkey --platform Typhoon --format csv
    """
    filters = filters_from(kwargs)
    with reading() as session:
        rows = list_deals(
            session, filters, sort=sort, descending=not ascending, limit=limit, offset=offset
        )
    if fmt == "csv":
        write_csv(rows, terminal_safe(sys.stdout), bom=False)
    elif fmt == "json":
        write_json(rows, terminal_safe(sys.stdout, "json"))
    elif not rows:
        echo("no deals match these filters")
    else:
        headers = [
            "id",
            "buyer",
            "seller",
            "platform",
            "quantity",
            "condition",
            "value",
            "status",
            "order date",
        ]
        cells = [
            (
                r.deal_id, r.buyer, r.seller, r.platform,
                "unknown" if r.quantity is None else r.quantity,
                label(r.condition) if r.condition else "unknown",
                describe_value(r.value_amount, r.value_currency, r.value_at_least),
                label(r.status), r.order_date or "unknown",
            )
            for r in rows
        ]  # fmt: skip
        echo(table(headers, cells))


@deals.command("show")
@click.argument("deal_id", type=int)
@friendly_errors
def deals_show(deal_id: int) -> None:
    """Show every field of one deal, its timeline and its cited sources.

    Example: tracker deals show 1
    """
    with reading() as session:
        detail = deal_detail(session, deal_id)
    if detail is None:
        raise click.ClickException(f"no deal with id {deal_id}")
    for column in DEAL_COLUMNS:
        value = getattr(detail.row, column)
        if column != "sources":
            echo(f"{column:>30}: {'' if value is None else getattr(value, 'value', value)}")
    in_usd = row_value_usd(detail.row, base_year_or_default(None))
    if in_usd is not None:
        echo(f"{'value in constant USD':>30}: {in_usd.summary}")
    for name, role in detail.participants:
        echo(f"{'participant':>30}: {name} ({role})")
    echo("\nTimeline")
    for event in detail.events:
        echo(f"  {event.date or 'date unknown':>12}  [{event.kind}] {event.description}")
    echo("\nSources")
    for source in detail.sources:
        when = source.published_date.isoformat() if source.published_date else "undated"
        echo(f"  - {source.publisher}: {source.title} ({when}) {source.url or ''}".rstrip())
    if detail.conflicts:
        echo("\nSources disagree")
        for conflict in detail.conflicts:
            echo(
                f"  {conflict.field}: this deal says {conflict.recorded_value}; "
                f"{conflict.source_title} says {conflict.other_value}"
                + (" (resolved)" if conflict.resolved else "")
            )
    echo("\nCitations")
    for field, citations in detail.field_citations.items():
        for citation in citations:
            earlier = citation.earlier_value
            note = f" [cited for an earlier value: {earlier}]" if earlier is not None else ""
            echo(f'  {field}: "{citation.quote}" ({citation.source_publisher}){note}')


@click.command("totals")
@click.option(
    "--measure",
    type=click.Choice([m.value for m in Measure]),
    default="deals",
    show_default=True,
    help="deals (counts, quantities, money per currency), units (ordered apart from the "
    "pipeline, per category), tiv (SIPRI TIV by delivery year) or usd (constant US dollars).",
)
@click.option(
    "--by",
    "group_by",
    type=click.Choice(BY_CHOICES),
    default="platform",
    show_default=True,
    help="Group by this; 'none' gives one total.",
)
@click.option(
    "--base-year",
    type=int,
    default=None,
    help="Year of the constant dollars (--measure usd; default: the latest complete year).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@filter_options
@friendly_errors
def totals_command(
    measure: str, group_by: str, base_year: int | None, fmt: str, **kwargs: Any
) -> None:
    """Totals of one measure per group. Unknown quantities and values are counted, not
    taken as zero; value kinds, currencies (before conversion) and TIV are never mixed.

    Example: tracker totals --measure usd --buyer Turkey --base-year 2024
    """
    filters = filters_from(kwargs)
    with reading() as session:
        result = measure_table(
            session, filters, measure, group_by, base_year=base_year, details=True
        )
    show_measure(result, fmt)


@click.command("export")
@filter_options
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: standard output). A FILE.meta.json sidecar records "
    "when and from which filters it was made.",
)
@click.option(
    "--base-year",
    type=int,
    default=None,
    help="Year of the constant dollars in value_usd_constant (default: the latest "
    "complete year with a US CPI-U annual average).",
)
@friendly_errors
def export_command(fmt: str, output: Path | None, base_year: int | None, **kwargs: Any) -> None:
    """Export the filtered deals with the documented columns (README "Export columns"),
    each value also in constant US dollars with the basis of the figure.

    Example: tracker export --format csv --buyer Turkey --base-year 2024 -o turkey.csv
    """
    filters = filters_from(kwargs)
    base = base_year_or_default(base_year)  # refused before a file is opened
    with reading() as session:
        if output is None:
            out = terminal_safe(sys.stdout, fmt)
            export_deals(session, filters, fmt, out, bom=False, base_year=base)
            return
        partial = output.with_name(output.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = export_deals(session, filters, fmt, out, base_year=base)
        metadata = export_metadata(session, filters, count, base_year=base)
    partial.replace(output)  # never leave a half-written export under the real name
    meta = output.with_name(output.name + ".meta.json")
    meta.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    echo(f"wrote {count} deals to {output} (metadata in {meta})", err=True)
