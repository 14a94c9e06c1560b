"""The README stays true: every command, export column and status is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from tracker.cli import main
from tracker.domain.vocab import Status
from tracker.exports import EXPORT_COLUMNS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "tracker") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    context = click.Context(group)
    for name in group.list_commands(context):  # the lazy group imports each when asked
        command = group.get_command(context, name)
        assert command is not None, name
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


COMMANDS = _commands(main)
assert len(COMMANDS) > 20, "a lazy group's commands must be listed, not only those loaded"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path: str, command: click.Command) -> None:
    assert f"`{path}" in README


@pytest.mark.parametrize(
    ("path", "command"),
    [(p, c) for p, c in COMMANDS if not isinstance(c, click.Group)],
    ids=[p for p, c in COMMANDS if not isinstance(c, click.Group)],
)
def test_every_command_has_help_with_an_example(path: str, command: click.Command) -> None:
    assert command.help and "Example: tracker" in command.help


@pytest.mark.parametrize("column", EXPORT_COLUMNS)
def test_every_export_column_is_documented(column: str) -> None:
    assert f"`{column}`" in README


@pytest.mark.parametrize("status", list(Status))
def test_every_status_is_documented(status: Status) -> None:
    assert f"| `{status.value}` |" in README


def test_readme_names_the_two_commands() -> None:
    assert "make dashboard" in README and "make test" in README
    assert "TRACKER_DATABASE_URL" in README
