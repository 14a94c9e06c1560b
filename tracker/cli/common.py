"""What every command shares: errors as one line, the database, filters, tables."""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any, TypeVar, cast

import click
from alembic.util.exc import CommandError as AlembicCommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.config import get_settings
from tracker.domain.limits import visible_controls
from tracker.errors import TrackerError
from tracker.exports import neutralise
from tracker.read.filters import FILTERS, DealFilters
from tracker.read.measures import MeasureTable
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.setup import open_database

F = TypeVar("F", bound=Callable[..., Any])


def clean(text: object) -> str:
    """Text from the data made safe for a terminal: control characters shown escaped
    ("\\x1b[31m"), never acted on. Every command prints user data through this."""
    return visible_controls(str(text))


def echo(text: object = "", *, err: bool = False) -> None:
    """click.echo for text holding user data."""
    click.echo(clean(text), err=err)


class _TerminalSafe:
    def __init__(self, out: IO[str], json: bool) -> None:
        self._out = out
        self._json = json

    def write(self, text: str) -> int:
        return self._out.write(visible_controls(text, json=self._json))

    def flush(self) -> None:
        self._out.flush()


def terminal_safe(out: IO[str], fmt: str = "csv") -> IO[str]:
    """`out` for data written to standard output (CSV, JSON), escaped as by `clean`; in
    JSON with JSON's own escapes, so it still parses to the same text. Validation keeps
    control characters out of stored text, so this changes nothing but what a terminal
    would otherwise act on."""
    return cast(IO[str], _TerminalSafe(out, json=fmt == "json"))


def friendly_errors(command: F) -> F:
    """Turn library and database errors into a one-line message and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            # The reader stopped reading (`tracker deals list | head`): nothing went wrong.
            _silence_stdout()
            sys.exit(1)
        except TrackerError as exc:
            raise click.ClickException(clean(exc)) from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise click.ClickException(clean(f"database error: {reason}")) from None
        except OSError as exc:
            raise click.ClickException(clean(f"cannot open the database: {exc}")) from None
        except AlembicCommandError as exc:
            # e.g. a database migrated by a newer version of the tracker than this one
            raise click.ClickException(clean(f"migration: {exc}")) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing it at exit raises no second broken pipe
    (the recipe of Python's `signal` documentation)."""
    with contextlib.suppress(OSError, ValueError):  # no real descriptor (a test runner)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def database() -> Engine:
    """The configured database, migrated and seeded on first use."""
    return open_database(get_settings())


def bare_database() -> Engine:
    """The configured database as it is (for schema commands: no migration, no seeds)."""
    return make_engine(get_settings())


@contextmanager
def reading() -> Iterator[Session]:
    """A session for reading the configured database."""
    with make_session_factory(database())() as session:
        yield session


@contextmanager
def writing() -> Iterator[Session]:
    """A transaction on the configured database: all of it commits, or none."""
    with transaction(database()) as session:
        yield session


def _option(spec_option: str, name: str, spec: Any) -> Any:
    kind = spec.kind
    if kind == "flag":
        return click.option(spec_option, name, default=None, help=spec.help)
    if kind == "vocabulary":
        choices = click.Choice([member.value for member in spec.vocabulary])
        return click.option(spec_option, name, multiple=True, type=choices, help=spec.help)
    if kind == "names":
        return click.option(spec_option, name, multiple=True, help=spec.help)
    if kind == "range":
        return click.option(spec_option, name, type=int, help=spec.help)
    return click.option(spec_option, name, help=spec.help)


def filter_options(command: F) -> F:
    """The deal filters every listing command shares, made from `tracker.read.filters`."""
    options = []
    for spec in FILTERS:
        bounds = ("Earliest", "Latest")
        for flag, name, bound in zip(spec.options, spec.fields, bounds, strict=False):
            if spec.kind == "range":
                option_help = f"{bound} {spec.help.lower()}."
                options.append(click.option(flag, name, type=int, help=option_help))
            else:
                options.append(_option(flag, name, spec))
    for option in reversed(options):
        command = option(command)
    return command


def filters_from(kwargs: dict[str, Any]) -> DealFilters:
    keys = DealFilters.model_fields
    return DealFilters.model_validate({k: v for k, v in kwargs.items() if k in keys})


def _one_line(cell: object) -> str:
    return str(cell).replace("\r\n", " ").replace("\n", " ")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if c is None else clean(_one_line(c))) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


FORMATS = ("table", "csv", "json")


def show_measure(result: MeasureTable, fmt: str) -> None:
    """Print a measure table: for reading (with its notes), as CSV, or as JSON."""
    if fmt == "csv":
        writer = csv.writer(terminal_safe(sys.stdout), lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([neutralise(c) if isinstance(c, str) else c for c in row]
                         for row in result.rows)  # fmt: skip
        return
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        document = {"title": result.title, "rows": rows, "notes": result.notes,
                    "details": result.details}  # fmt: skip
        shown = json.dumps(document, indent=2, default=str, ensure_ascii=False)
        click.echo(visible_controls(shown, json=True))
        return
    if not result.rows:
        echo(result.empty)
        return
    echo(f"{result.title}\n\n{table(result.columns, result.text_rows)}")
    for note in result.notes:
        echo(f"\n{note}")
    if result.details:
        click.echo("\nValues and their basis")
        for detail in result.details:
            echo(f"  {detail['summary']}")
