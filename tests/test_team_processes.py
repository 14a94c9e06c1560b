"""Two team members in two OS processes on one PostgreSQL database (issue #14).

Each member is a separate process, as on a team server: the real `tracker` command for
imports (its actor is `cli:<login>`), a small script using the library for dashboard-like
edits (signed in with a password, so the sign-in is audited too). Both imports succeed
with nothing lost; an edit made while the other imports is saved; of two edits of one
deal from the same version, one is saved and the other refused with the library's
stale-edit message; the audit log names everyone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from test_sipri_releases import deals

from tracker.auth import cli_actor
from tracker.config import Settings
from tracker.domain.vocab import Role
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.models import AuditEntry, Deal, Party, Platform
from tracker.store.setup import prepare_database
from tracker.write.accounts import create_user

pytestmark = pytest.mark.postgres

TRACKER = str(Path(sys.executable).with_name("tracker"))
PASSWORD = "staple horse correct battery 7"
ROWS_PER_FILE = 300

EDITOR = """
import pathlib, sys, time
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.store.db import make_engine, transaction
from tracker.write.accounts import authenticate
from tracker.write.deals import update_deal

url, user, password, deal_id, version, quantity, folder = sys.argv[1:]
engine = make_engine(Settings(database_url=url, auto_setup=False))
actor = authenticate(engine=engine, username=user, password=password, source="192.0.2.7")
pathlib.Path(folder, user + ".ready").touch()
while not pathlib.Path(folder, "go").exists():
    time.sleep(0.005)
try:
    with transaction(engine) as session:
        update_deal(session=session, actor=actor, deal_id=int(deal_id),
                    values={"quantity_ordered": int(quantity)}, seen_version=int(version),
                    comment=user + "'s correction")
except TrackerError as exc:
    print("refused:", exc)
    sys.exit(3)
print("saved")
"""


def _register(prefix: str) -> bytes:
    """A SIPRI register of its own platforms, sharing two new parties with the other's."""
    rows = [
        f"Ruritania,Syldavia,{1990 + i % 30},,{i % 7 + 1},,{prefix}-{i} Newcopter,"
        f"transport helicopter,{i % 7 + 1},,{1991 + i % 30},New,,1,{i % 7 + 1},{i % 7 + 1}"
        for i in range(ROWS_PER_FILE)
    ]
    return deals(rows)


@pytest.fixture
def team_db(postgres_url: str) -> Engine:
    """A migrated, seeded PostgreSQL database with two editors' accounts."""
    engine = make_engine(Settings(database_url=postgres_url, auto_setup=False))
    prepare_database(engine)
    with transaction(engine) as session:
        for name in ("alice", "carol"):
            create_user(session=session, actor=cli_actor(), username=name, password=PASSWORD,
                        role=Role.EDITOR)  # fmt: skip
    return engine


def _cli(url: str, login: str, folder: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_AUTO_SETUP": "false",
           "LOGNAME": login, "USER": login, "XDG_DATA_HOME": str(folder / login)}  # fmt: skip
    return subprocess.Popen([TRACKER, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip


def _editor(url: str, user: str, deal_id: int, version: int, quantity: int, folder: Path
            ) -> subprocess.Popen[bytes]:  # fmt: skip
    args = [url, user, PASSWORD, str(deal_id), str(version), str(quantity), str(folder)]
    return subprocess.Popen([sys.executable, "-c", EDITOR, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, (out + err).decode()


def _count(engine: Engine, statement) -> int:  # type: ignore[no-untyped-def]
    with make_session_factory(engine)() as session:
        return int(session.scalar(statement) or 0)


def _audit(engine: Engine, action: str) -> Counter[tuple[str, str]]:
    """How many entries of `action` each (actor, entity) has."""
    with make_session_factory(engine)() as session:
        query = select(AuditEntry.actor, AuditEntry.entity).where(AuditEntry.action == action)
        return Counter((actor, entity) for actor, entity in session.execute(query))


def test_two_members_import_different_files_at_once(team_db: Engine, tmp_path: Path) -> None:
    url = team_db.url.render_as_string(hide_password=False)
    (tmp_path / "alice.csv").write_bytes(_register("Aaa"))
    (tmp_path / "bob.csv").write_bytes(_register("Bbb"))
    before = _count(team_db, select(func.count()).select_from(Deal))
    both = [_cli(url, name, tmp_path, "import", str(tmp_path / f"{name}.csv"))
            for name in ("alice", "bob")]  # fmt: skip
    results = [_finish(process) for process in both]
    assert [code for code, _ in results] == [0, 0], results
    assert all(f"imported {ROWS_PER_FILE:,} new deals" in text for _, text in results), results
    for prefix in ("Aaa", "Bbb"):  # every row of each file, once
        mine = select(func.count()).select_from(Deal).join(Platform)
        mine = mine.where(Platform.designation.like(f"{prefix}-%"))
        assert _count(team_db, mine) == ROWS_PER_FILE
    total = _count(team_db, select(func.count()).select_from(Deal))
    assert total == before + 2 * ROWS_PER_FILE
    shared = (
        select(func.count()).select_from(Party).where(Party.name.in_(["Ruritania", "Syldavia"]))
    )
    assert _count(team_db, shared) == 2  # created by one import, found by the other
    # One entry per imported deal and one for each file, under each member's name.
    assert _audit(team_db, "import") == {
        ("cli:alice", "import_batch"): 1, ("cli:alice", "deal"): ROWS_PER_FILE,
        ("cli:bob", "import_batch"): 1, ("cli:bob", "deal"): ROWS_PER_FILE,
    }  # fmt: skip


def test_edits_while_another_member_imports(team_db: Engine, tmp_path: Path) -> None:
    """Bob imports; meanwhile Alice and Carol both save deal 1 from the version they
    opened: the import and one save succeed, the other save is refused, nothing is lost."""
    url = team_db.url.render_as_string(hide_password=False)
    with make_session_factory(team_db)() as session:
        deal = session.get(Deal, 1)
        assert deal is not None
        version, quantity = deal.version, deal.quantity_ordered
    (tmp_path / "bob.csv").write_bytes(_register("Bbb"))
    editors = {name: _editor(url, name, 1, version, qty, tmp_path)
               for name, qty in (("alice", 5), ("carol", 6))}  # fmt: skip
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"{name}.ready").exists() for name in editors):
        assert time.monotonic() < deadline, [_finish(p) for p in editors.values()]
        time.sleep(0.05)
    importing = _cli(url, "bob", tmp_path, "import", str(tmp_path / "bob.csv"))
    time.sleep(1.0)  # the import is under way (its process has started) when they save
    (tmp_path / "go").touch()
    outcome = {name: _finish(process) for name, process in editors.items()}
    imported = _finish(importing)

    assert imported[0] == 0 and f"imported {ROWS_PER_FILE:,} new deals" in imported[1], imported
    saved = [name for name, (code, _) in outcome.items() if code == 0]
    refused = [name for name, (code, _) in outcome.items() if code == 3]
    assert len(saved) == 1 and len(refused) == 1, outcome
    message = outcome[refused[0]][1]
    assert "deal 1 was changed by someone else since you opened it" in message
    assert "Nothing was saved; reload the deal and apply your change again." in message
    assert "Traceback" not in message
    with make_session_factory(team_db)() as session:
        deal = session.get(Deal, 1)
        assert deal is not None
        assert deal.version == version + 1
        assert deal.quantity_ordered == {"alice": 5, "carol": 6}[saved[0]] != quantity
    assert _audit(team_db, "update") == {(saved[0], "deal"): 1}
    assert _audit(team_db, "import") == {
        ("cli:bob", "import_batch"): 1, ("cli:bob", "deal"): ROWS_PER_FILE,
    }  # fmt: skip
    assert _audit(team_db, "sign_in") == {("alice", "user"): 1, ("carol", "user"): 1}
    bobs = select(func.count()).select_from(Deal).join(Platform)
    assert _count(team_db, bobs.where(Platform.designation.like("Bbb-%"))) == ROWS_PER_FILE
