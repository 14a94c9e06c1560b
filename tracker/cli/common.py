"""What every command shares: errors as one line, the database, filters, tables."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click
from alembic.util.exc import CommandError as AlembicCommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.config import get_settings
from tracker.errors import TrackerError
from tracker.read.filters import FILTERS, DealFilters
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.setup import open_database

F = TypeVar("F", bound=Callable[..., Any])


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
            raise click.ClickException(str(exc)) from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise click.ClickException(f"database error: {reason}") from None
        except OSError as exc:
            raise click.ClickException(f"cannot open the database: {exc}") from None
        except AlembicCommandError as exc:
            # e.g. a database migrated by a newer version of the tracker than this one
            raise click.ClickException(f"migration: {exc}") from None

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


_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL.pop(ord("\n"))
_CONTROL.pop(ord("\t"))


def safe(text: str) -> str:
    """Text from the database or a file, made safe to print: control characters (terminal
    escapes such as "\\x1b]0;...\\x07") are shown as codes, never sent to the terminal."""
    return text.translate(_CONTROL)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)
