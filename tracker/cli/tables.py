"""`tracker tables tiv`: SIPRI-style tables."""

from __future__ import annotations

from typing import Any

import click

from tracker.cli.common import (
    FORMATS,
    filter_options,
    filters_from,
    friendly_errors,
    reading,
    show_measure,
)
from tracker.read.measures import tiv_ranking_table


@click.group()
def tables() -> None:
    """SIPRI-style tables of the deals."""


@tables.command("tiv")
@click.option(
    "--by",
    type=click.Choice(["supplier", "recipient"]),
    default="supplier",
    show_default=True,
    help="Rank suppliers (exporters) or recipients (importers).",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--from", "period_from", type=int, help="First delivery year counted.")
@click.option("--to", "period_to", type=int, help="Last delivery year counted.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@filter_options
@friendly_errors
def tiv_table(
    by: str, top: int, period_from: int | None, period_to: int | None, fmt: str, **kwargs: Any
) -> None:
    """The largest exporters or importers by SIPRI TIV delivered in a period, with each
    one's share of the total, as SIPRI ranks them.

    Example: tracker tables tiv --top 10 --from 2015 --to 2024 --by supplier
    """
    filters = filters_from(kwargs)
    with reading() as session:
        result = tiv_ranking_table(
            session, filters, by=by, period=(period_from, period_to), top=top
        )
    show_measure(result, fmt)
