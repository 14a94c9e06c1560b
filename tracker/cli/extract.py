"""`tracker extract`: the deals a news article reports, for a researcher to confirm."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import IO

import click

from tracker.cli.common import FORMATS, echo, friendly_errors, reading, table, terminal_safe
from tracker.domain.money import format_amount
from tracker.extract import Candidate, candidate_dict, extract

MAX_ARTICLE_BYTES = 2_000_000  # a long feature is 100 KB; more is not an article


def _read_article(source: IO[bytes], name: str) -> str:
    data = source.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise click.ClickException(
            f"{name}: longer than {MAX_ARTICLE_BYTES // 1_000_000} MB; an article is plain "
            "text of a few thousand words"
        )
    if b"\x00" in data:
        raise click.ClickException(f"{name}: binary data, not plain text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{name}: not UTF-8 text (byte {exc.start}); save the article as UTF-8"
        ) from None


def _stored(candidate: Candidate) -> str:
    """The stored deal it is (#12), or new, naming similar stored deals: new (like #12)."""
    if candidate.existing_deal_id:
        return f"#{candidate.existing_deal_id}"
    if candidate.similar_deal_ids:
        return "new (like " + ", ".join(f"#{i}" for i in candidate.similar_deal_ids) + ")"
    return "new"


def _table(candidates: list[Candidate]) -> str:
    rows = [
        [
            number,
            c.buyer,
            c.seller or "",
            c.platform,
            c.quantity or "",
            format_amount(c.value, c.currency) if c.value is not None and c.currency else "",
            c.status,
            "yes" if c.second_hand else "",
            c.date or "",
            _stored(c),
            f"{c.confidence:.2f}",
        ]
        for number, c in enumerate(candidates, start=1)
    ]
    headers = [
        "#",
        "buyer",
        "seller",
        "platform",
        "qty",
        "value",
        "status",
        "used",
        "date",
        "stored",
        "conf.",
    ]
    lines = [table(headers, rows), ""]
    for number, candidate in enumerate(candidates, start=1):
        lines.append(f"{number}. “{candidate.quote}”")
    return "\n".join(lines)


@click.command("extract")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--published",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The article's date (YYYY-MM-DD): dates such as 'last month' count from "
    "it. Default: a dateline in the first lines, if any.",
)
@click.option("--url", help="Where the article is from (a .com.au address makes '$' AUD).")
@click.option("--publisher", help="Who published it (an Australian outlet makes '$' AUD).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f for f in FORMATS if f != "csv"]),
    default="table",
    show_default=True,
)
@friendly_errors
def extract_command(
    file: IO[bytes],
    published: dt.datetime | None,
    url: str | None,
    publisher: str | None,
    fmt: str,
) -> None:
    """Read a news article (plain text; FILE or - for standard input; the first line may
    be its title) and list the deals it reports: buyer, seller, platform, quantity,
    value, status, each with the words it comes from, and whether the database already
    holds the deal. Nothing is stored: confirm candidates in the dashboard's "Add from
    article" page.

    Example: tracker extract article.txt --published 2025-11-07 --format json
    """
    given = getattr(file, "name", "<stdin>")
    name = "standard input" if given == "<stdin>" else click.format_filename(given)
    text = _read_article(file, name)
    with reading() as session:
        candidates = extract(
            text,
            session=session,
            published=published.date() if published else None,
            url=url,
            publisher=publisher,
        )
    if fmt == "json":
        out = terminal_safe(sys.stdout, "json")
        out.write(
            json.dumps(
                {"deals": [candidate_dict(c) for c in candidates]}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
        return
    if not candidates:
        echo("No deal found in the article.")
        return
    echo(_table(candidates))
