"""The `tracker` command line: each command reads options, calls the library, prints.

Commands live in `db`, `deals`, `tables`, `data`, `extract`, `restore` and `users`, imported
when used (LAZY_COMMANDS); `common` holds what they share.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from tracker import __version__

# Each command's module is imported when the command runs (or `--help` lists it): all of
# them together import Alembic, the importers and the extractor, 0.7 s that `tracker
# dashboard`, which hands over to a new process at once, spent for nothing.
LAZY_COMMANDS = {
    "audit": "tracker.cli.users:audit_command",
    "db": "tracker.cli.db:db",
    "deals": "tracker.cli.deals:deals",
    "dump": "tracker.cli.data:dump_command",
    "export": "tracker.cli.deals:export_command",
    "extract": "tracker.cli.extract:extract_command",
    "import": "tracker.cli.data:import_command",
    "restore": "tracker.cli.restore:restore_command",
    "seed": "tracker.cli.db:seed",
    "tables": "tracker.cli.tables:tables",
    "totals": "tracker.cli.deals:totals_command",
    "users": "tracker.cli.users:users",
}


SERVER_ENVIRONMENT = {"MALLOC_ARENA_MAX": "1", "ARROW_DEFAULT_MEMORY_POOL": "system"}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when first asked for (click's
    documented pattern for large command sets)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            if command.name != cmd_name:
                raise RuntimeError(f"{LAZY_COMMANDS[cmd_name]} is named {command.name!r}")
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    # Memory of the long-running server (BENCHMARKS.md, at 100,000 deals), each worth
    # no measurable speed: one glibc malloc arena instead of one per thread (up to 8 per
    # core; ~10 MB), and pyarrow on the system allocator instead of its mimalloc, which
    # keeps what it frees (~5 MB; pyarrow reads this when it loads). Values set by
    # whoever runs the dashboard win.
    env = {**SERVER_ENVIRONMENT, **os.environ}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, argv, env)


main.add_command(dashboard)

if __name__ == "__main__":
    main()
