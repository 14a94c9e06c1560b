"""Every public writer leaves an audit entry naming its actor, and nothing edits the log.

The writers are found by introspection (tests/test_permissions.py): a new writer without
a call here fails `test_every_writer_has_a_case`, so it cannot skip the audit unnoticed.
"""

from __future__ import annotations

import io
import json
import pathlib
import re
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from test_permissions import _name, public_writers

from tracker.auth import Actor
from tracker.config import Settings
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import FlagKind, Role
from tracker.exports import export_bytes
from tracker.extract.confirmed import ArticleDeal
from tracker.imports.pipeline import import_data, import_file, import_register
from tracker.imports.sipri.read import open_register, text_lines
from tracker.read.filters import DealFilters
from tracker.seed import load_seeds
from tracker.store.db import make_engine, make_session_factory, transaction
from tracker.store.dump import dump_database
from tracker.store.models import AuditEntry, Deal, DealFlag, Party
from tracker.write import accounts, article, catalogue, deals, restore, sources
from tracker.write.batch import (
    Batch,
    ImportLog,
    NewDeal,
    Origin,
    Written,
    log_import,
    write_batch,
)

from factories import deal_data
from sipri_files import register

ADMIN = Actor("audit-test-admin", Role.ADMIN)
ARTICLE_TEXT = "Serbia has bought 12 French Rafale fighter jets."
PASSWORD = "correct horse battery"
Case = Callable[[Session], object]


def _deal(session: Session) -> Deal:
    deal = session.scalars(select(Deal).where(Deal.deleted_at.is_(None)).order_by(Deal.id)).first()
    assert deal is not None
    return deal


def _user(session: Session, name: str = "audited") -> None:
    accounts.create_user(session=session, actor=ADMIN, username=name, password=PASSWORD,
                         role=Role.EDITOR)  # fmt: skip


def _deleted(session: Session) -> int:
    deal = _deal(session)
    deals.delete_deal(session=session, actor=ADMIN, deal_id=deal.id, seen_version=deal.version)
    return deal.id


def _failed(session: Session) -> None:
    user = accounts._find(session, "audited")
    assert user is not None
    user.failed_logins = 3


def _flag(session: Session) -> int:
    flag = DealFlag(deal_id=_deal(session).id, kind=FlagKind.POSSIBLE_DUPLICATE,
                    detail="audited", other_deal_id=None)  # fmt: skip
    session.add(flag)
    session.flush()
    return flag.id


def _unreviewed(session: Session) -> int:
    party = session.scalars(select(Party).order_by(Party.id)).first()
    assert party is not None
    party.reviewed = False
    return party.id


ARTICLE = {"title": "Audit article", "text": "Turkey ordered eight F-16 jets in 2026."}

# writer -> (a call with valid arguments on a seeded database, or None for an empty one)
CASES: dict[str, tuple[Case, bool]] = {
    "tracker.write.deals.add_deal": (
        lambda s: deals.add_deal(session=s, actor=ADMIN, deal_in=deal_data()), True),
    "tracker.write.deals.update_deal": (
        lambda s: deals.update_deal(session=s, actor=ADMIN, deal_id=_deal(s).id,
                                    values={"notes": "audited"}, seen_version=_deal(s).version),
        True),
    "tracker.write.deals.delete_deal": (_deleted, True),
    "tracker.write.deals.restore_deal": (
        lambda s: deals.restore_deal(session=s, actor=ADMIN, deal_id=_deleted(s)), True),
    "tracker.write.deals.resolve_flag": (
        lambda s: deals.resolve_flag(session=s, actor=ADMIN, flag_id=_flag(s)), True),
    "tracker.write.catalogue.review_party": (
        lambda s: catalogue.review_party(session=s, actor=ADMIN, party_id=_unreviewed(s)), True),
    "tracker.write.catalogue.add_party": (
        lambda s: catalogue.add_party(session=s, actor=ADMIN,
                                      party_in={"name": "Audit Arms Ltd", "kind": "company"}),
        True),
    "tracker.write.catalogue.add_platform": (
        lambda s: catalogue.add_platform(
            session=s, actor=ADMIN, platform_in={"designation": "Audit-1", "category": "ships"}),
        True),
    "tracker.write.sources.add_source": (
        lambda s: sources.add_source(session=s, actor=ADMIN, source_in=ARTICLE), True),
    "tracker.write.sources.cite": (
        lambda s: sources.cite(session=s, actor=ADMIN, deal_id=_deal(s).id, source=ARTICLE,
                               fields="buyer", quote="Turkey ordered"), True),
    "tracker.write.sources.add_event": (
        lambda s: sources.add_event(session=s, actor=ADMIN, deal_id=_deal(s).id,
                                    event_in={"kind": "other", "description": "audited"}),
        True),
    "tracker.write.batch.write_batch": (
        lambda s: write_batch(
            session=s, actor=ADMIN,
            batch=Batch(deals=[NewDeal(DealIn.model_validate(deal_data()),
                                       Origin("audit:row:1", "audit row", "row"), {})]),
            log=ImportLog("audit.csv", "0" * 64, "csv", 0, 0, "audit import"),
        ), True),
    "tracker.write.article.add_from_article": (
        lambda s: article.add_from_article(
            session=s, actor=ADMIN, source_in={"title": "Audit article", "text": ARTICLE_TEXT},
            deals=[ArticleDeal(buyer="Serbia", seller="France", platform="Rafale",
                               status="signed", quote=ARTICLE_TEXT, quantity=12,
                               platform_category="aircraft")],
        ), True),
    "tracker.write.restore.restore_dump": (
        lambda s: restore.restore_dump(session=s, actor=ADMIN, dump=DUMP["dump"]), False),
    "tracker.write.accounts.create_user": (_user, True),
    "tracker.write.accounts.set_role": (
        lambda s: (_user(s), accounts.set_role(session=s, actor=ADMIN, username="audited",
                                               role=Role.ADMIN)), True),
    "tracker.write.accounts.set_active": (
        lambda s: (_user(s), accounts.set_active(session=s, actor=ADMIN, username="audited",
                                                 active=False)), True),
    "tracker.write.accounts.set_password": (
        lambda s: (_user(s), accounts.set_password(session=s, actor=ADMIN, username="audited",
                                                   password="another long passphrase")), True),
    "tracker.write.accounts.unlock": (
        lambda s: (_user(s), _failed(s),
                   accounts.unlock(session=s, actor=ADMIN, username="audited")), True),
    "tracker.imports.pipeline.import_data": (
        lambda s: import_data(session=s, actor=ADMIN, filename="again.csv",
                              data=EXPORT["csv"].replace(b"seed:", b"again:")), False),
    "tracker.imports.pipeline.import_file": (lambda s: _import_file(s), False),
    "tracker.imports.pipeline.import_register": (
        lambda s: import_register(
            session=s, register=open_register(lambda: text_lines(register("B").decode()), "utf-8"),
            filename="audit.csv", sha="0" * 64, actor=ADMIN, dry_run=False, skip_invalid=False,
            progress=None, on_wait=None), True),
    "tracker.write.batch.log_import": (
        lambda s: log_import(s, ADMIN, ImportLog("audit.csv", "0" * 64, "csv", 0, 0, "audit"),
                             Written([], [], [], [], 0)), True),
    "tracker.seed.load_seeds": (lambda s: load_seeds(session=s, actor=ADMIN), False),
}  # fmt: skip
DUMP: dict[str, Any] = {}


def _import_file(session: Session) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "again.csv"
        path.write_bytes(EXPORT["csv"].replace(b"seed:", b"again:"))
        import_file(session=session, actor=ADMIN, path=path)


EXPORT: dict[str, bytes] = {}


# Public functions of tracker.write that check a role but only read.
READERS = {
    "tracker.write.accounts.list_users",
    "tracker.write.accounts.get_user",
    "tracker.write.accounts.check_new_username",
}


def test_every_writer_has_a_case() -> None:
    assert {_name(writer) for writer in public_writers()} - READERS == set(CASES)


def _count(engine: Engine, actor: str) -> int:
    with make_session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).where(AuditEntry.actor == actor)) or 0)


@pytest.fixture
def empty_sqlite(migrated_sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(Settings(database_url=migrated_sqlite_url))
    yield engine
    engine.dispose()


@pytest.mark.parametrize("writer", sorted(CASES))
def test_every_writer_leaves_an_audit_entry(
    writer: str, seeded_sqlite: Engine, empty_sqlite: Engine
) -> None:
    call, on_seeded = CASES[writer]
    with make_session_factory(seeded_sqlite)() as session:
        out = io.StringIO()
        dump_database(session, out)
        DUMP["dump"] = json.loads(out.getvalue())
        EXPORT["csv"] = export_bytes(session, DealFilters(), "csv")
    engine = seeded_sqlite if on_seeded else empty_sqlite
    before = _count(engine, ADMIN.name)
    with transaction(engine) as session:
        call(session)
    assert _count(engine, ADMIN.name) > before, f"{writer} wrote without an audit entry"


def test_the_audit_log_is_only_ever_added_to() -> None:
    """No code path updates or deletes an audit entry (restoring adds marked copies)."""
    root = pathlib.Path(__file__).resolve().parent.parent
    edits = re.compile(r"(update|delete)\(\s*AuditEntry|AuditEntry\.__table__\.(update|delete)")
    found = [
        str(path.relative_to(root))
        for folder in ("tracker", "dashboard")
        for path in (root / folder).rglob("*.py")
        if edits.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
