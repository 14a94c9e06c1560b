"""`tracker restore`: load a dump (`tracker dump`) into a new installation."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.auth import cli_actor
from tracker.cli.common import echo, friendly_errors, writing
from tracker.imports.files import decode, parse_json
from tracker.store.dump import BadDump, is_dump
from tracker.write.restore import restore_dump


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row of the dump; write nothing.")
@friendly_errors
def restore_command(file: Path, dry_run: bool) -> None:
    """Load a whole-database dump into an empty database, or a new one that holds only the
    seed deals (which the dump replaces). The dump's audit log is kept, marked as
    restored, and the restore is logged. All or nothing.

    Example: tracker restore backup.json
    (into PostgreSQL: TRACKER_DATABASE_URL=postgresql+psycopg://... tracker restore ...)
    """
    dump = parse_json(decode(file.read_bytes(), file.name).text, file.name)
    if not is_dump(dump):
        raise BadDump(f"{file.name} is not a tracker dump (made by `tracker dump`)")
    with writing() as session:
        counts = restore_dump(
            session=session, actor=cli_actor(), dump=dump, dry_run=dry_run, origin=file.name
        )
    verb = "would restore" if dry_run else "restored"
    loaded = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    echo(f"{file.name}: {verb} {loaded or 'nothing new'}")
