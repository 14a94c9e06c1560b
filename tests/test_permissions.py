"""Every public write function of the library checks the actor's role (issue #11).

The writers are found by introspection: every public function of every public module of
`tracker.write`, plus the import pipeline and the seed loader. A new writer that forgets
`require(...)` fails this test; a public function that is not a writer must be listed in
NOT_WRITERS with the reason.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

import tracker.write
from tracker.auth import ANONYMOUS, Actor, PermissionDenied
from tracker.domain.vocab import Role
from tracker.imports.pipeline import import_data, import_file, import_register
from tracker.seed import load_seeds
from tracker.store.db import transaction

from factories import row_counts

NOT_WRITERS = {
    "tracker.write.accounts.authenticate": "signing in is how a visitor becomes someone",
    "tracker.write.accounts.actor_for_sso": "a lookup once the identity provider vouched",
    "tracker.write.accounts.current_actor": "re-reads the signed-in account on each click",
    "tracker.write.accounts.hash_password": "a pure function: hashes a string",
    "tracker.write.accounts.username_problem": "a pure function: checks a new username",
    "tracker.write.sessions.open_session": "staying signed in after proving who one is",
    "tracker.write.sessions.hand_over": "the browser storing its own fresh sign-in token",
    "tracker.write.sessions.actor_for_token": "a lookup of who a sign-in cookie stands for",
    "tracker.write.sessions.end_session": "signing out: anyone may end their own session",
}


def _name(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__name__}"


def public_writers() -> list[Callable[..., Any]]:
    found: list[Callable[..., Any]] = [import_data, import_file, import_register, load_seeds]
    for module_info in pkgutil.iter_modules(tracker.write.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"tracker.write.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if _name(function) not in NOT_WRITERS:
                found.append(function)
    return found


def _dummy(annotation: str) -> Any:
    """A placeholder for a required argument: the role check must come before any use."""
    for marker, value in (("bytes", b"x"), ("bool", False), ("int", 1), ("Mapping", {}),
                          ("dict", {}), ("Sequence", []), ("list", []), ("str", "x")):  # fmt: skip
        if marker in annotation:
            return value
    return {}


def _arguments(function: Callable[..., Any]) -> dict[str, Any]:
    required = {
        name: _dummy(str(parameter.annotation))
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.default is inspect.Parameter.empty and name not in ("session", "actor")
    }
    return required


def test_the_writers_are_found() -> None:
    names = {function.__name__ for function in public_writers()}
    expected = {"add_deal", "update_deal", "delete_deal", "restore_deal", "add_party",
                "add_platform", "add_source", "cite", "add_event", "write_batch",
                "restore_dump", "create_user", "set_role", "set_password", "import_data",
                "load_seeds"}  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize("actor", [ANONYMOUS, Actor("vic", Role.VIEWER, 9)], ids=["anon", "viewer"])
@pytest.mark.parametrize("writer", public_writers(), ids=_name)
def test_a_viewer_calling_any_public_writer_is_refused(
    seeded_sqlite: Engine, writer: Callable[..., Any], actor: Actor
) -> None:
    before = row_counts(seeded_sqlite)
    with pytest.raises(PermissionDenied), transaction(seeded_sqlite) as session:
        writer(session=session, actor=actor, **_arguments(writer))
    assert row_counts(seeded_sqlite) == before
