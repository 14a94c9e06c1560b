"""The `tracker` command line: each command reads options, calls the library, prints.

Commands live in `db`, `deals`, `tables`, `data`, `extract`, `restore` and `users`; `common` holds
what they share.
"""

from __future__ import annotations

import os
import sys

import click

from tracker import __version__
from tracker.cli.data import dump_command, import_command
from tracker.cli.db import db, seed
from tracker.cli.deals import deals, export_command, totals_command
from tracker.cli.extract import extract_command
from tracker.cli.restore import restore_command
from tracker.cli.tables import tables
from tracker.cli.users import audit_command, users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """An open, cited database of arms-procurement deals.

    The database is chosen by TRACKER_DATABASE_URL (default: an SQLite file in your
    user data folder); it is migrated and seeded on first use.

    Example: tracker totals --by platform --buyer Turkey
    """


@click.command()
@click.option("--port", type=int, default=None, help="Port to serve on (default: 8501).")
@click.option("--address", default=None, help="Address to listen on (default: all).")
@click.option("--headless/--browser", default=False, help="Do not open a browser window.")
def dashboard(port: int | None, address: str | None, headless: bool) -> None:
    """Start the Streamlit dashboard on the configured database.

    Example: tracker dashboard --port 8501
    """
    # The dashboard is a face on this library, not part of it: run it as its own module
    # (`python -m dashboard`) in this process's place, so the library never imports it.
    argv = [sys.executable, "-m", "dashboard"]
    argv += ["--port", str(port)] if port is not None else []
    argv += ["--address", address] if address is not None else []
    argv += ["--headless"] if headless else []
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, argv)


for command in (db, seed, deals, totals_command, tables, export_command, import_command,
                dump_command, restore_command, users, audit_command, extract_command,
                dashboard):  # fmt: skip
    main.add_command(command)

if __name__ == "__main__":
    main()
