"""`tracker import` and `tracker dump`."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from tracker.auth import cli_actor
from tracker.cli.common import echo, friendly_errors, reading, writing
from tracker.imports.pipeline import FORMATS, import_data
from tracker.imports.plan import RowProblem
from tracker.store.dump import dump_database


def _write_rejects(path: Path, problems: Sequence[RowProblem]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["row", "column", "value", "reason"])
        writer.writerows([p.row, p.column, p.value, p.reason] for p in problems)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="sipri, csv or json (default: detected from the content).",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Show what would be created, matched or rejected.")
@click.option(
    "--skip-invalid", is_flag=True,
    help="Import the valid rows and write the rejected ones to FILE.rejects.csv.",
)  # fmt: skip
@friendly_errors
def import_command(file: Path, fmt: str | None, dry_run: bool, skip_invalid: bool) -> None:
    """Import a SIPRI trade register, a tracker CSV/JSON export, or a JSON dump.

    All or nothing: one bad row rejects the file (unless --skip-invalid). Importing the
    same file again adds nothing. SIPRI rows for deals already stored are attached to
    them as further sources, and disagreements are recorded for review.

    Example: tracker import trade-register.csv --dry-run
    """
    data = file.read_bytes()
    with click.progressbar(length=1, label=f"Reading {file.name}", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        with writing() as session:
            report = import_data(
                session=session, data=data, filename=str(file), fmt=fmt,
                dry_run=dry_run, skip_invalid=skip_invalid, progress=progress,
                actor=cli_actor(),
            )  # fmt: skip
    echo(report.summary())
    for problem in report.rejected[:20]:
        echo(f"  rejected: {problem}")
    if report.rejected and skip_invalid and not dry_run:
        rejects = file.with_name(file.name + ".rejects.csv")
        _write_rejects(rejects, report.rejected)
        echo(f"rejected rows written to {rejects}")
    if report.new_parties:
        echo("new parties: " + ", ".join(report.new_parties[:20]))


@click.command("dump")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True, help="The JSON file to write.",
)  # fmt: skip
@friendly_errors
def dump_command(output: Path) -> None:
    """Write the whole database (deals, parties, platforms, events, sources, citations) to
    a JSON file, for backups or to move between SQLite and PostgreSQL with `tracker import`.

    Example: tracker dump -o backup.json
    """
    partial = output.with_name(output.name + ".partial")
    with reading() as session, partial.open("w", encoding="utf-8") as out:
        counts = dump_database(session, out)
    partial.replace(output)
    echo(f"wrote {counts['deal']} deals and {counts['source']} sources to {output}")
