"""The rows one import writes, gathered per table and inserted in bulk (private to write/).

Sources, deals, citations, disagreements, deliveries, stated sums, flags and one audit
entry per deal: `write_batch` feeds each outcome in; `flush_inserts` writes them all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker.auth import Actor
from tracker.citing import quote_occurs
from tracker.domain.vocab import FlagKind
from tracker.errors import QuoteNotInSource
from tracker.store.bulk import Row, insert_rows, next_id
from tracker.store.models import (
    AuditEntry,
    Citation,
    Deal,
    DealConflict,
    DealFlag,
    DealMoney,
    Delivery,
    Source,
)
from tracker.write._audit import plain
from tracker.write.sources import _note_earlier_values

if TYPE_CHECKING:
    from tracker.write.batch import (
        Corroboration,
        DeliveryIn,
        Missing,
        MoneyFactIn,
        NewDeal,
        Origin,
        Update,
    )


# One encoder for every audit entry (json.dumps with options builds one per call).
_to_json = json.JSONEncoder(ensure_ascii=False).encode

# Deal columns a release restates besides the updated fields.
_RELEASE_COLUMNS = (
    "sipri_key", "sipri_hash", "sipri_release", "value_source", "delivery_dates_estimated",
)  # fmt: skip


# Citations, nine a SIPRI row, are tuples of these columns rather than dicts.
_CITATION_KEYS = ("source_id", "deal_id", "event_id", "field", "quote")


class Rows:
    """Rows for every table an import touches, with ids assigned up front."""

    def __init__(
        self, session: Session, actor: Actor, comment: str, release: dt.date | None
    ) -> None:
        self.session = session
        self.actor = actor
        self.comment = comment
        self.release = release
        self.now = dt.datetime.now(dt.UTC)
        self.deal_id = next_id(session, Deal)
        self.source_id = next_id(session, Source)
        self.tables: dict[type[Any], list[Any]] = {
            model: [] for model in (Source, Deal, Citation, DealConflict, Delivery, DealMoney,
                                    DealFlag, AuditEntry)
        }  # fmt: skip
        self.column_updates: list[tuple[int, dict[str, Any]]] = []
        self.created: list[int] = []
        self.flagged: list[int] = []
        self.conflict_count = 0

    # --- outcomes ------------------------------------------------------------------------

    def new_deal(self, new: NewDeal, deal_row: Callable[[int], Row]) -> None:
        deal_id, source_id = self._next_ids()
        self.tables[Deal].append(deal_row(deal_id))
        self._source(source_id, new.origin)
        self._cite(deal_id, source_id, new.origin, new.quotes, skip=set())
        self._deliveries(deal_id, source_id, new.deliveries)
        self._money(deal_id, source_id, new.money)
        for other in new.duplicate_of:
            detail = f"possible duplicate of deal {other}: the file's row fits both"
            self._flag(deal_id, FlagKind.POSSIBLE_DUPLICATE, detail, other)
        self._audit("import", deal_id, {"source": [None, new.origin.ref]})
        self.created.append(deal_id)

    def corroboration(self, match: Corroboration) -> None:
        source_id = self._next_source()
        self._source(source_id, match.origin)
        disputed = {name if name != "value_amount" else "value" for name, _, _ in match.conflicts}
        self._cite(match.deal_id, source_id, match.origin, match.quotes, disputed)
        self._conflicts(match.deal_id, source_id, match.conflicts)
        self._deliveries(match.deal_id, source_id, match.deliveries)
        self._money(match.deal_id, source_id, match.money)
        if match.gains:
            self.column_updates.append((match.deal_id, match.gains))
        changes: dict[str, Any] = {"source": [None, match.origin.ref]}
        changes |= {name: [None, plain(value)] for name, value in match.gains.items()}
        changes |= {f"disagrees:{n}": [ours, theirs] for n, ours, theirs in match.conflicts}
        self._audit("corroborate", match.deal_id, changes)

    def update(self, change: Update) -> None:
        source_id = self._next_source()
        self._source(source_id, change.origin)
        # The earlier release's quotes back the values it stated (before this one's are in).
        _note_earlier_values(self.session, change.deal_id, change.earlier)
        disputed = {name for name, _, _ in change.conflicts}
        self._cite(change.deal_id, source_id, change.origin, change.quotes, disputed)
        self._conflicts(change.deal_id, source_id, change.conflicts)
        for model in (Delivery, DealMoney):  # the release restates them whole
            self.session.execute(delete(model).where(model.deal_id == change.deal_id))
        self._deliveries(change.deal_id, source_id, change.deliveries)
        self._money(change.deal_id, source_id, change.money)
        extras = {key: change.extras.get(key) for key in _RELEASE_COLUMNS}
        self.column_updates.append((change.deal_id, {**change.columns, **extras}))
        changes = {name: [plain(a), plain(b)] for name, (a, b) in change.changes.items()}
        changes |= {f"disagrees:{n}": [ours, theirs] for n, ours, theirs in change.conflicts}
        self._audit("sipri_update", change.deal_id, changes)

    def missing(self, missing: Missing) -> None:
        open_flag = self.session.scalar(
            select(DealFlag.id).where(
                DealFlag.deal_id == missing.deal_id,
                DealFlag.kind == FlagKind.MISSING_FROM_RELEASE,
                DealFlag.resolved.is_(False),
            )
        )
        if open_flag is not None:
            return
        when = f"generated {self.release.isoformat()}" if self.release else "imported now"
        detail = f"not listed in the SIPRI release {when}, though the release covers it"
        self._flag(missing.deal_id, FlagKind.MISSING_FROM_RELEASE, detail, None)
        self._audit("flag", missing.deal_id, {"flag": [None, "missing_from_release"]})

    # --- rows ----------------------------------------------------------------------------

    def _next_ids(self) -> tuple[int, int]:
        ids = (self.deal_id, self.source_id)
        self.deal_id += 1
        self.source_id += 1
        return ids

    def _next_source(self) -> int:
        self.source_id += 1
        return self.source_id - 1

    def _source(self, source_id: int, origin: Origin) -> None:
        self.tables[Source].append({
            "id": source_id, "ref": origin.ref, "kind": "dataset", "title": origin.title,
            "publisher": origin.publisher, "author": None, "url": None,
            "published_date": origin.published, "text": origin.text, "notes": origin.notes,
            "created_at": self.now,
        })  # fmt: skip

    def _cite(self, deal_id: int, source_id: int, origin: Origin, quotes: dict[str, str],
              skip: set[str]) -> None:  # fmt: skip
        found: set[str] = set()  # quotes checked (a SIPRI row quotes its line for most fields)
        citations = self.tables[Citation]
        for name, quote in quotes.items():
            if name in skip:
                continue
            if quote not in found:
                if not quote_occurs(quote, origin.text):
                    raise QuoteNotInSource(
                        f"{origin.title}: the quote for {name} is not in its line"
                    )
                found.add(quote)
            citations.append((source_id, deal_id, None, name, quote))  # _CITATION_KEYS

    def _conflicts(self, deal_id: int, source_id: int,
                   conflicts: list[tuple[str, str | None, str | None]]) -> None:  # fmt: skip
        for name, ours, theirs in conflicts:
            self.tables[DealConflict].append({
                "deal_id": deal_id, "field": name, "recorded_value": ours, "other_value": theirs,
                "source_id": source_id, "note": None, "resolved": False, "created_at": self.now,
            })  # fmt: skip
        self.conflict_count += len(conflicts)

    def _deliveries(self, deal_id: int, source_id: int, deliveries: list[DeliveryIn]) -> None:
        self.tables[Delivery] += [
            {"deal_id": deal_id, "year": d.year, "number": d.number,
             "number_estimated": d.number_estimated, "year_estimated": d.year_estimated,
             "tiv": d.tiv, "source_id": source_id}
            for d in deliveries
        ]  # fmt: skip

    def _money(self, deal_id: int, source_id: int, facts: list[MoneyFactIn]) -> None:
        self.tables[DealMoney] += [
            {"deal_id": deal_id, "kind": f.kind, "amount": f.amount, "amount_high": f.amount_high,
             "currency": f.currency, "at_least": f.at_least, "quote": f.quote,
             "source_id": source_id}
            for f in facts
        ]  # fmt: skip

    def _flag(self, deal_id: int, kind: FlagKind, detail: str, other: int | None) -> None:
        self.tables[DealFlag].append({"deal_id": deal_id, "kind": kind, "detail": detail,
                                      "other_deal_id": other, "resolved": False,
                                      "created_at": self.now})  # fmt: skip
        self.flagged.append(deal_id)

    def _audit(self, action: str, deal_id: int, changes: dict[str, Any]) -> None:
        comment = self.comment
        if self.release is not None and action in ("sipri_update", "flag"):
            comment = f"SIPRI release generated {self.release.isoformat()}; {comment}"
        self.tables[AuditEntry].append({
            "at": self.now, "actor": self.actor.name[:100], "action": action, "entity": "deal",
            "entity_id": deal_id, "deal_id": deal_id,
            "changes": _to_json(changes), "comment": comment,
        })  # fmt: skip

    def flush_inserts(self) -> None:
        for model, rows in self.tables.items():
            insert_rows(self.session, model, rows, _CITATION_KEYS if model is Citation else None)
