"""Imports at the same time (issue 14): four researchers import files that introduce the
same new parties and platforms at once; every import succeeds, on SQLite and PostgreSQL,
because a later import waits for the one writing and then plans against what it wrote."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, func, select
from test_sipri_releases import deals

from tracker.auth import cli_actor
from tracker.imports.pipeline import ImportReport, import_data
from tracker.store.db import make_session_factory, transaction
from tracker.store.models import Deal, Party, Platform

ROWS = [
    "Ruritania,Syldavia,2010,,4,,Mi-17,transport helicopter,4,,2011,New,,10,40,40",
    "Free Army of Somewhere*,Russia,2012,,100,,Zzz-9 Newmissile,anti-tank missile,100,,2013,New,,0.1,10,10",  # noqa: E501 (a SIPRI row, whole)
    "Alliance of Nowhere**,Russia,2014,,2,,Qqq-1 Newcopter,transport helicopter,2,,2015,New,,10,20,20",  # noqa: E501
]


def test_four_imports_at_once_all_succeed(seeded_engine: Engine) -> None:
    files = [deals([*ROWS[: 1 + n % 3], f"India,France,{1980 + 10 * n},,{n + 1},,Rafale,FGA aircraft,,,,New,,1,1,"])  # noqa: E501
             for n in range(4)]  # fmt: skip
    reports: list[ImportReport] = []
    errors: list[BaseException] = []
    waited: list[str] = []

    def run(data: bytes, name: str) -> None:
        try:
            with transaction(seeded_engine) as session:
                reports.append(import_data(session=session, actor=cli_actor(), data=data,
                                           filename=name, on_wait=waited.append))  # fmt: skip
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f, f"r{n}.csv")) for n, f in enumerate(files)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == [] and len(reports) == 4
    with make_session_factory(seeded_engine)() as s:
        names = ["Ruritania", "Syldavia", "Free Army of Somewhere", "Alliance of Nowhere"]
        assert s.scalar(select(func.count()).select_from(Party).where(Party.name.in_(names))) == 4
        designations = ["Zzz-9 Newmissile", "Qqq-1 Newcopter"]
        count = (
            select(func.count()).select_from(Platform).where(Platform.designation.in_(designations))
        )
        assert s.scalar(count) == 2
        # Identical rows in separate files are one deal; each file's own Rafale row is new.
        rafales = (
            select(func.count())
            .select_from(Deal)
            .join(Platform)
            .where(Platform.designation == "Rafale")
        )
        assert s.scalar(rafales) >= 4
