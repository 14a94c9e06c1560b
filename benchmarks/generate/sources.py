"""Sources and citations: about one article per five deals reported in a year, each quote
verbatim in its article's text."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.generate.tables import AUTHORS, CREATED_AT, OUTROS, PUBLISHERS, SOURCE_REF_PREFIX
from benchmarks.generate.world import Ids
from tracker.domain.names import normalize_name
from tracker.store.bulk import Row


@dataclass
class Facts:
    """What the sources say about one deal."""

    deal_id: int
    report_year: int
    headline: str
    primary_field: str
    primary_quote: str
    status_quote: str
    first_event_id: int
    cite_event: bool
    second_source: bool


def sources(
    rng: random.Random, ids: Ids, seed: int, year: int, facts: list[Facts]
) -> tuple[list[Row], list[Row]]:
    """(source rows, citation rows) for the deals reported in `year`: about one article per
    five deals; each quote is in its text."""
    count = max(1, round(len(facts) / 5))
    source_ids = [ids.take("source") for _ in range(count)]
    sentences: list[list[str]] = [[] for _ in range(count)]
    headlines: list[list[str]] = [[] for _ in range(count)]
    citations: list[Row] = []

    def cite(
        source_id: int, fact: Facts, field_name: str | None, event_id: int | None, quote: str
    ) -> None:
        citations.append(
            {
                "id": ids.take("citation"),
                "source_id": source_id,
                "deal_id": fact.deal_id,
                "event_id": event_id,
                "field": field_name,
                "quote": quote,
            }
        )

    for index, fact in enumerate(facts):
        home = index * count // len(facts)
        sentences[home].append(fact.primary_quote)
        headlines[home].append(fact.headline)
        cite(source_ids[home], fact, fact.primary_field, None, fact.primary_quote)
        if fact.cite_event:
            cite(source_ids[home], fact, None, fact.first_event_id, fact.primary_quote)
        if fact.second_source and count > 1:
            other = (home + 1 + rng.randrange(count - 1)) % count
            sentences[other].append(fact.status_quote)
            cite(source_ids[other], fact, "status", None, fact.status_quote)
    rows: list[Row] = []
    for index, source_id in enumerate(source_ids):
        publisher = rng.choice(PUBLISHERS)
        published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        headline = headlines[index][0] if headlines[index] else f"Arms transfers in {year}"
        others = len(headlines[index]) - 1
        title = f"{headline}; {others} more transfers reported" if others > 0 else headline
        body = " ".join(dict.fromkeys(sentences[index]))
        slug = "-".join(normalize_name(publisher).split())
        rows.append(
            {
                "id": source_id,
                "ref": f"{SOURCE_REF_PREFIX}{source_id}",
                "kind": "article",
                "title": title,
                "publisher": publisher,
                "author": rng.choice(AUTHORS) if rng.random() < 0.5 else None,
                "url": f"https://example.org/{slug}/{year}/{source_id}",
                "published_date": published,
                "text": f"{publisher}, {published.isoformat()}. {body} {rng.choice(OUTROS)}",
                "notes": f"Synthetic article (benchmarks.generate, seed {seed})",
                "created_at": CREATED_AT,
            }
        )
    return rows, citations
