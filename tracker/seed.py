"""Load `seeds/`: the source articles, reference parties and platforms, and cited deals.

Loading is idempotent (what exists by ref is left alone) and checks every quote against
the article text before anything is written; a broken quote names the deal and field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from tracker import resolve
from tracker.auth import Actor, require
from tracker.citing import CITABLE_FIELDS, quote_occurs
from tracker.domain.vocab import Role
from tracker.errors import InvalidInput, SeedError, TrackerError
from tracker.read.choices import deal_id_by_ref, source_id_by_ref
from tracker.store.migrate import PROJECT_ROOT
from tracker.write.catalogue import add_party, add_platform
from tracker.write.deals import add_deal
from tracker.write.sources import add_event, add_source, cite

SEEDS_DIR = PROJECT_ROOT / "seeds"

# Which citation field backs each deal input field (flags ride with their field).
_CITED_AS = {
    "value_amount": "value",
    "value_currency": "value",
    "value_year": "value",
    "value_kind": "value",
    "value_at_least": "value",
    "tiv_per_unit": "tiv",
    "tiv_total_order": "tiv",
    "tiv_delivered": "tiv",
    "deliveries_expected": "first_delivery_date",
    "order_date_estimated": "order_date",
    "quantity_ordered_estimated": "quantity_ordered",
    "quantity_delivered_estimated": "quantity_delivered",
    "delivered_exceeds_ordered": "quantity_delivered",
}
_NOT_CITED = {"ref", "citations", "events"}


@dataclass
class SeedData:
    sources: list[dict[str, Any]]
    parties: list[dict[str, Any]]
    platforms: list[dict[str, Any]]
    deals: list[dict[str, Any]]


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.unchanged))
        parts = [
            f"{kind}: {self.created[kind]} new, {self.unchanged[kind]} unchanged" for kind in kinds
        ]
        return "; ".join(parts)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SeedError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise SeedError(f"{path}: expected a mapping at the top level")
    return data


def read_seeds(seeds_dir: Path = SEEDS_DIR) -> SeedData:
    """Parse the seed files and attach each source's stored text."""
    sources = _read_yaml(seeds_dir / "sources.yaml").get("sources", [])
    for source in sources:
        text_file = source.pop("text_file", None)
        if text_file:
            try:
                source["text"] = (seeds_dir / text_file).read_text(encoding="utf-8")
            except OSError as exc:
                message = f"source {source.get('ref')}: cannot read {text_file}: {exc}"
                raise SeedError(message) from None
    reference = _read_yaml(seeds_dir / "reference.yaml")
    deals = _read_yaml(seeds_dir / "deals.yaml").get("deals", [])
    return SeedData(sources, reference.get("parties", []), reference.get("platforms", []), deals)


def _deal_citations(deal: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    cited = deal.get("citations") or {}
    return [(name, citation) for name, citations in cited.items() for citation in citations]


def check_seed_citations(data: SeedData) -> None:
    """Refuse seeds whose quotes are not in their source, or whose fields lack a citation."""
    texts = {source["ref"]: source.get("text") or "" for source in data.sources}
    for deal in data.deals:
        ref = deal.get("ref", "?")
        quotes = [(f"field {name}", c) for name, c in _deal_citations(deal)]
        for event in deal.get("events", []):
            quotes += [(f"event {event.get('ref')}", c) for c in event.get("citations", [])]
        for where, citation in quotes:
            source_ref = citation.get("source")
            if source_ref not in texts:
                raise SeedError(f"deal {ref}, {where}: unknown source {source_ref!r}")
            if not quote_occurs(str(citation.get("quote", "")), texts[source_ref]):
                raise SeedError(
                    f"deal {ref}, {where}: quote not found in source {source_ref!r}: "
                    f"{citation.get('quote')!r}"
                )
        _check_coverage(deal)


def _check_coverage(deal: dict[str, Any]) -> None:
    cited = {name for name, _ in _deal_citations(deal)}
    unknown = cited - CITABLE_FIELDS
    if unknown:
        raise SeedError(f"deal {deal.get('ref')}: cites unknown fields {sorted(unknown)}")
    for name, value in deal.items():
        if name in _NOT_CITED or value in (None, False, [], ""):
            continue
        needed = _CITED_AS.get(name, name)
        if needed not in cited:
            raise SeedError(f"deal {deal.get('ref')}, field {needed}: has no citation")


def _load_deal(
    session: Session, actor: Actor, deal_data: dict[str, Any], report: SeedReport
) -> None:
    ref = f"seed:{deal_data['ref']}"
    if deal_id_by_ref(session, ref) is not None:
        report.unchanged["deals"] += 1
        return
    fields = {k: v for k, v in deal_data.items() if k not in ("citations", "events")}
    deal = add_deal(session=session, actor=actor, deal_in={**fields, "ref": ref}, comment="seed")
    # One citation per field, grouped so each quote is cited once for all it supports.
    by_quote: dict[tuple[str, str], list[str]] = {}
    for name, citation in _deal_citations(deal_data):
        by_quote.setdefault((citation["source"], citation["quote"]), []).append(name)
    for (source, quote), names in by_quote.items():
        cite(session=session, actor=actor, deal_id=deal.id, source=source, fields=names,
             quote=quote, comment="seed")  # fmt: skip
    for event in deal_data.get("events", []):
        add_event(session=session, actor=actor, deal_id=deal.id, event_in=event, history=True,
                  comment="seed")  # fmt: skip
    report.created["deals"] += 1


def load_seeds(*, session: Session, actor: Actor, seeds_dir: Path = SEEDS_DIR) -> SeedReport:
    """Load the seeds into the session's transaction (an admin's task: it writes reference
    data); raises SeedError and writes nothing. What exists already is left alone."""
    require(actor, Role.ADMIN, "loading the seeds")
    data = read_seeds(seeds_dir)
    check_seed_citations(data)
    report = SeedReport()
    where = "seeds"
    try:
        for source in data.sources:
            where = f"source {source.get('ref')}"
            if source_id_by_ref(session, source["ref"]) is None:
                add_source(session=session, actor=actor, source_in=source, comment="seed")
        for party in data.parties:
            where = f"party {party.get('name')}"
            if resolve.match_party(session, party["name"]) is None:
                add_party(session=session, actor=actor, party_in=party, comment="seed")
        for platform in data.platforms:
            where = f"platform {platform.get('designation')}"
            if resolve.find_platform(session, platform["designation"]) is None:
                add_platform(session=session, actor=actor, platform_in=platform, comment="seed")
        for deal in data.deals:
            where = f"deal {deal.get('ref')}"
            _load_deal(session, actor, deal, report)
    except InvalidInput as exc:
        raise SeedError(f"{where}: {exc}") from None
    except TrackerError as exc:
        raise SeedError(f"{where}: {exc}") from None
    return report
