"""tracker.citing: how a student cites a deal (plain text and BibTeX)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from tracker.citing import bibtex_citation, plain_citation
from tracker.read.detail import deal_detail
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

URL = "https://tracker.example/deal"
ACCESSED = dt.date(2026, 12, 1)


def test_a_deal_without_sources_says_so_rather_than_an_empty_list(
    seeded_engine: Engine,
) -> None:
    with transaction(seeded_engine) as session:
        deal_id = add_deal(session=session, actor=EDITOR, deal_in=deal_data()).id
    with make_session_factory(seeded_engine)() as session:
        bare, seeded = deal_detail(session, deal_id), deal_detail(session, 1)
    assert bare is not None and seeded is not None
    entry = bibtex_citation(bare, url=URL, accessed=ACCESSED)
    assert "Sources:" not in entry and "No sources recorded." in entry
    assert "Sources:" not in plain_citation(bare, url=URL, accessed=ACCESSED)
    cited = bibtex_citation(seeded, url=URL, accessed=ACCESSED)
    assert "Sources: " in cited and "Press TV (Iran), republished by GlobalSecurity.org" in cited
    assert cited.startswith("@misc{armsdeal1,") and cited.endswith("}")
