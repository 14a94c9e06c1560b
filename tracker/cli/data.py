"""`tracker import` and `tracker dump`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from tracker.auth import cli_actor
from tracker.cli.common import clean, echo, friendly_errors, reading, writing
from tracker.imports.pipeline import FORMATS, ImportReport, import_file
from tracker.imports.plan import ImportRejected
from tracker.imports.rejects import save_rejects
from tracker.store.dump import dump_database


def _lines(title: str, items: Sequence[str], shown: int = 20) -> list[str]:
    if not items:
        return []
    more = f" (and {len(items) - shown} more)" if len(items) > shown else ""
    return [f"{title}: " + ", ".join(items[:shown]) + more]


def _report_lines(report: ImportReport) -> list[str]:
    """What an import did (or would do), for the terminal: user data made safe to print."""
    lines = [report.summary()]
    if report.release:
        lines.append(f"SIPRI release generated {report.release}")
    lines += [f"  warning: {w}" for w in report.warnings[:20]]
    lines += [f"  rejected: {p}" for p in report.rejected[:20]]
    lines += _lines("new parties", report.new_parties)
    lines += _lines("unreviewed (a SIPRI name we did not know; review on the Admin page)",
                    report.unreviewed_parties)  # fmt: skip
    lines += _lines("new platforms", report.new_platforms)
    return [clean(line) for line in lines]


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="sipri, csv or json (default: detected from the content).",
)  # fmt: skip
@click.option(
    "--dry-run", is_flag=True,
    help="Preview everything (new, matched, updated, flagged, rejected rows); write nothing.",
)  # fmt: skip
@click.option(
    "--skip-invalid", is_flag=True,
    help="Import the valid rows; the rejected ones go to a file in your data folder.",
)  # fmt: skip
@friendly_errors
def import_command(file: Path, fmt: str | None, dry_run: bool, skip_invalid: bool) -> None:
    """Import a SIPRI trade register, a tracker CSV/JSON export, or a JSON dump.

    All or nothing: one bad row rejects the file (unless --skip-invalid). Importing the
    same file again adds nothing; a newer SIPRI release updates the deals an earlier one
    created. SIPRI rows for deals already stored are attached to them as further sources,
    and disagreements are recorded for review. Rejected rows are written to a CSV file in
    your data folder, named in the output.

    Example: tracker import trade-register.csv --dry-run
    """
    label = clean(f"Reading {file.name}")
    try:
        with click.progressbar(length=1, label=label, file=sys.stderr) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            with writing() as session:
                report = import_file(
                    session=session, path=file, fmt=fmt,
                    dry_run=dry_run, skip_invalid=skip_invalid, progress=progress,
                    actor=cli_actor(), on_wait=lambda message: click.echo(message, err=True),
                )  # fmt: skip
    except ImportRejected as exc:
        if not exc.problems:
            raise
        rejects = save_rejects(exc.problems, file.name)
        raise click.ClickException(
            clean(f"{exc}\nAll rejected rows: {rejects} (or import the rest: --skip-invalid)")
        ) from None
    for line in _report_lines(report):
        click.echo(line)
    if report.rejected:
        echo(f"rejected rows written to {save_rejects(report.rejected, file.name)}")


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
