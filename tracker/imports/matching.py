"""Which stored deal a file's row states, and what it adds or changes there.

Rules (issue #12):
- A row matches a stored deal with the same buyer and seller, a platform it names through
  an alias or as a longer designation ("F-16V Viper" -> the "F-16V" alias of "F-16 Block
  70 Viper") of a compatible kind, the same condition (or one unknown) and an order year
  within one year (or one unknown). Never the first of several: several is a new deal
  flagged as a possible duplicate of each.
- Deals another import of the same SIPRI layout created are that layout's own rows (its
  keys tell them apart), never matches.
- A matched deal gains what it lacked; where both state a field differently, the
  disagreement is recorded. Nothing known is overwritten.
- A newer release updates the deals an earlier one created; fields a researcher edited
  since are left alone and recorded as disagreements.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.citing import changed_cited_values
from tracker.domain.names import normalize_name
from tracker.domain.schemas import DealIn
from tracker.domain.vocab import Category, Condition
from tracker.read.editable import PRECISION_COLUMN, dates_as_shown
from tracker.resolve import NameIndex
from tracker.store.models import Deal, Platform
from tracker.write._columns import deal_columns
from tracker.write.batch import Missing, Update

if TYPE_CHECKING:
    from tracker.imports.plan import Candidate, _Accepted

# Fields a matched deal may gain when it lacks them, and where rows may disagree.
GAINED = (
    "condition", "tiv_per_unit", "tiv_total_order", "tiv_delivered", "tiv_new_unit",
    "description", "quantity_ordered", "quantity_delivered", "order_date",
)  # fmt: skip
DISPUTED = ("quantity_ordered", "quantity_delivered", "condition", "value_amount")
# What a newer SIPRI release may change on a deal an earlier one created.
UPDATED = (
    "quantity_ordered", "quantity_ordered_estimated", "quantity_delivered",
    "quantity_delivered_estimated", "delivered_exceeds_ordered", "condition",
    "local_production", "value_amount", "value_amount_high", "value_currency", "value_kind",
    "value_at_least", "tiv_per_unit", "tiv_total_order", "tiv_delivered", "tiv_new_unit",
    "description", "status", "order_date", "order_date_estimated", "first_delivery_date",
    "last_delivery_date", "notes",
)  # fmt: skip
# Stored with the updated fields and read with them: a value's price year, a date's precision.
_SHOWN_WITH = ("value_year", *PRECISION_COLUMN.values())
_COMPANIONS = {
    name: (column, "order_year") if name == "order_date" else (column,)
    for name, column in PRECISION_COLUMN.items()
}


LOAD_BATCH = 5_000  # stored deals read at a time
_NO_YEAR = -1  # an unknown year in the year columns
_NO_CONTENT = 0  # a deal with no SIPRI content hash (a real hash is 0 once in 2^64)


@dataclass(frozen=True, slots=True)
class StoredRow:
    """A stored deal as matching needs it, made from `StoredDeals`' columns when asked."""

    deal_id: int
    buyer_id: int
    seller_id: int
    platform_id: int
    year: int | None
    condition: Condition | None
    family: str | None  # "row" / "id": the SIPRI layout whose import created it
    content: int | None  # the first 64 bits of its SIPRI content hash (`same_content`)
    delivered_in: int | None  # the year of its last delivery, if any
    sipri_release: dt.date | None

    def same_content(self, sipri_hash: str | None) -> bool:
        """Whether a row with this content hash states the deal as stored (64 bits: two
        different rows of one deal agree by chance once in 10^19)."""
        return self.content == _content(sipri_hash)


def _content(sipri_hash: str | None) -> int | None:
    return int(sipri_hash[:16], 16) if sipri_hash else None


def _family(key: str | None) -> str | None:
    """ "row" (deals layout) or "id" (transfers layout): a layout's own rows."""
    return key.split(":", 1)[0] if key else None


class _Codes:
    """Small values (conditions, families, release dates) as one-byte or two-byte codes."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._codes: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        found = self._codes.get(value)
        if found is None:
            found = self._codes[value] = len(self.values)
            self.values.append(value)
        return found


class _Columns:
    """The stored deals as columns of machine integers, one position per deal: about 60
    bytes a deal where a row object, its key text and two dict entries took about 380
    (a re-import into a database of a million deals: 584 MB peak RSS)."""

    def __init__(self) -> None:
        self.deal_ids = array("q")
        self.buyers = array("q")
        self.sellers = array("q")
        self.platforms = array("q")
        self.years = array("i")
        self.delivered_in = array("i")
        self.contents = array("Q")
        self.conditions = array("B")
        self.families = array("B")
        self.releases = array("H")
        self.key_hashes = array("q")  # hash() of the SIPRI key; 0 for a deal without one
        self.condition_codes = _Codes()
        self.family_codes = _Codes()
        self.release_codes = _Codes()

    def append(self, deal: tuple[Any, ...]) -> int:
        deal_id, buyer, seller, platform, year, condition, key, sipri_hash, first, last, \
            release = deal  # fmt: skip
        delivered = last or first
        self.deal_ids.append(deal_id)
        self.buyers.append(buyer)
        self.sellers.append(seller)
        self.platforms.append(platform)
        self.years.append(_NO_YEAR if year is None else year)
        self.delivered_in.append(delivered.year if delivered else _NO_YEAR)
        self.contents.append(_content(sipri_hash) or _NO_CONTENT)
        self.conditions.append(self.condition_codes.code(condition))
        self.families.append(self.family_codes.code(_family(key)))
        self.releases.append(self.release_codes.code(release))
        self.key_hashes.append(hash(key) if key else 0)
        return len(self.deal_ids) - 1

    def row(self, position: int) -> StoredRow:
        year, delivered = self.years[position], self.delivered_in[position]
        content = self.contents[position]
        return StoredRow(
            self.deal_ids[position], self.buyers[position], self.sellers[position],
            self.platforms[position], None if year == _NO_YEAR else year,
            self.condition_codes.values[self.conditions[position]],
            self.family_codes.values[self.families[position]],
            None if content == _NO_CONTENT else content,
            None if delivered == _NO_YEAR else delivered,
            self.release_codes.values[self.releases[position]],
        )  # fmt: skip


class _KeyIndex:
    """The positions of the stored deals that have a SIPRI key, found by the key's hash:
    two sorted columns (12 bytes a deal) instead of a dict of a million texts. Python's
    str hash is 64 bits here; two of a million keys share one once in 10^7 imports."""

    def __init__(self, key_hashes: array[int]) -> None:
        order = sorted(
            (position for position, key in enumerate(key_hashes) if key),
            key=key_hashes.__getitem__,
        )
        self.hashes = array("q", (key_hashes[position] for position in order))
        self.positions = array("I", order)

    def __len__(self) -> int:
        return len(self.hashes)

    def position(self, key: str) -> int | None:
        wanted = hash(key)
        at = bisect_left(self.hashes, wanted)
        if at < len(self.hashes) and self.hashes[at] == wanted:
            return self.positions[at]
        return None


@dataclass
class StoredDeals:
    """The live deals, indexed once per import for matching and updating."""

    columns: _Columns
    by_pair: dict[tuple[int, int], array[int]]  # positions per (buyer, seller)
    by_key: _KeyIndex
    categories: dict[int, Category]
    updates: list[tuple[int, _Accepted]] = field(default_factory=list)
    # Platforms per (designation, kind): a register repeats its designations many times.
    named: dict[tuple[str, Category | None], set[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> StoredDeals:
        rows = session.execute(
            select(
                Deal.id, Deal.buyer_id, Deal.seller_id, Deal.platform_id, Deal.order_year,
                Deal.condition, Deal.sipri_key, Deal.sipri_hash, Deal.first_delivery_date,
                Deal.last_delivery_date, Deal.sipri_release,
            ).where(Deal.deleted_at.is_(None)),
            # In batches: the ORM would otherwise fetch every row before the first (a
            # database of 600,000 deals: 500 MB held at once, never given back).
            execution_options={"yield_per": LOAD_BATCH},
        )  # fmt: skip
        columns = _Columns()
        by_pair: dict[tuple[int, int], array[int]] = {}
        for deal in rows:
            position = columns.append(tuple(deal))
            pair = (deal[1], deal[2])
            positions = by_pair.get(pair)
            if positions is None:
                positions = by_pair[pair] = array("I")
            positions.append(position)
        categories = dict(session.execute(select(Platform.id, Platform.category)).all())
        return cls(columns, by_pair, _KeyIndex(columns.key_hashes), categories)

    def has_keys(self) -> bool:
        """Whether any stored deal came from a SIPRI import."""
        return len(self.by_key) > 0

    def keyed(self, key: str) -> StoredRow | None:
        """The stored deal a SIPRI import made from the row of this key, if any."""
        position = self.by_key.position(key)
        return None if position is None else self.columns.row(position)

    def deal(self, session: Session, deal_id: int) -> Deal:
        return session.get_one(Deal, deal_id)

    def _platforms(self, deal_in: DealIn, candidate: Candidate, names: NameIndex) -> set[int]:
        key = (deal_in.platform, candidate.platform_category)
        if key not in self.named:
            self.named[key] = _platform_ids(deal_in.platform, candidate.platform_category, names)
        return self.named[key]

    def _positions(self, deal_in: DealIn, names: NameIndex) -> array[int] | tuple[()]:
        """The stored deals of the row's buyer and seller."""
        buyer, seller = names.party_id(deal_in.buyer), names.party_id(deal_in.seller)
        if buyer is None or seller is None:
            return ()
        return self.by_pair.get((buyer, seller), ())

    def _rows_of(self, positions: Iterable[int], platforms: set[int]) -> list[StoredRow]:
        """Those of these stored deals that are of one of these platforms (told apart on
        the column first: a pair may have thousands of deals)."""
        columns = self.columns
        return [columns.row(at) for at in positions if columns.platforms[at] in platforms]

    def matches(self, deal_in: DealIn, candidate: Candidate, names: NameIndex) -> list[int]:
        """Stored deals this row may state (see the module's rules)."""
        positions = self._positions(deal_in, names)
        if not positions:  # most rows of a first import: no need to resolve the platform
            return []
        platforms = self._platforms(deal_in, candidate, names)
        family = _family(candidate.sipri_key)
        year = deal_in.order_date.value.year if deal_in.order_date else None
        return [
            row.deal_id
            for row in self._rows_of(positions, platforms)
            if (family is None or row.family != family)
            and _compatible(row.condition, deal_in.condition)
            and _near(row.year, year)
        ]

    def listed(self, keys: Iterable[str]) -> bytearray:
        """Which stored deals these SIPRI keys name: a byte per stored deal, 1 if named."""
        named = bytearray(len(self.columns.deal_ids))
        for key in keys:
            position = self.by_key.position(key)
            if position is not None:
                named[position] = 1
        return named

    def unseen(self, scope: FileScope, names: NameIndex) -> set[int]:
        """Deals earlier imports of the file's layout(s) created that the file does not
        list, within its scope: a deal between a recipient and a supplier the file names
        (an export for one country says nothing of others), and for the transfers layout,
        whose deliveries fall in the years the file covers. Only deals an older release
        stated: a file of the same release that lists fewer deals (a hand-trimmed copy, a
        file saved with a filter) says nothing about what SIPRI dropped."""
        recipients = {names.party_id(name) for name in scope.recipients}
        suppliers = {names.party_id(name) for name in scope.suppliers}
        listed = scope.listed if scope.listed is not None else self.listed(scope.keys)
        rows = (self.columns.row(position) for position in self.by_key.positions
                if not listed[position])  # fmt: skip
        return {
            row.deal_id
            for row in rows
            if row.family in scope.families
            and (scope.everyone or (row.buyer_id in recipients and row.seller_id in suppliers))
            and (row.family != "id" or _within(row.delivered_in, scope.first, scope.last))
            and _older(row.sipri_release, scope.release)
        }

    def pair(
        self, deal_in: DealIn, candidate: Candidate, names: NameIndex, unseen: set[int]
    ) -> int | None:
        """For a deals-layout row a newer release changed (its content key is new): the
        unseen deal of the same buyer, seller, platform and year (±1) closest to it."""
        if not unseen or _family(candidate.sipri_key) != "row":
            return None  # no deal left to pair (a first import), or not a deals-layout row
        platforms = self._platforms(deal_in, candidate, names)
        year = deal_in.order_date.value.year if deal_in.order_date else None
        options = [
            row
            for row in self._rows_of(self._positions(deal_in, names), platforms)
            if row.deal_id in unseen and row.family == "row" and _near(row.year, year)
        ]  # fmt: skip
        if not options:
            return None
        return min(options, key=lambda r: (_distance(r, deal_in, year), r.deal_id)).deal_id

    def missing(self, unseen: set[int]) -> list[Missing]:
        return [Missing(deal_id) for deal_id in sorted(unseen)]


@dataclass
class FileScope:
    """What a whole file states, for telling which stored deals it no longer lists."""

    keys: set[str] = field(default_factory=set)  # its SIPRI keys
    # With the stored deals at hand (a streamed file): which of them its keys name, a byte
    # per stored deal, instead of a million keys.
    listed: bytearray | None = None
    families: set[str | None] = field(default_factory=set)  # "row" / "id"
    everyone: bool = False  # an export "from All countries to All countries"
    release: dt.date | None = None  # the newest release it names
    recipients: set[str] = field(default_factory=set)  # names as the file writes them
    suppliers: set[str] = field(default_factory=set)
    first: int | None = None  # its delivery years
    last: int | None = None

    @classmethod
    def of(cls, candidates: Iterable[Candidate], stored: StoredDeals | None = None) -> FileScope:
        """The scope of these candidates; with `stored`, their keys are kept as the
        stored deals they name (`listed`): a file of a million rows need not hold all of
        its own."""
        scope = cls()
        if stored is not None:
            scope.listed = bytearray(len(stored.columns.deal_ids))
        for candidate in candidates:
            key = candidate.sipri_key
            if key:
                scope.families.add(_family(key))
                if scope.listed is None:
                    scope.keys.add(key)
                elif stored is not None and (position := stored.by_key.position(key)) is not None:
                    scope.listed[position] = 1
            extras = candidate.extras
            release = extras.get("sipri_release")
            if release is not None and (scope.release is None or release > scope.release):
                scope.release = release
            scope.everyone = scope.everyone or bool(extras.get("sipri_covers_everyone"))
            scope.recipients.add(str(candidate.fields.get("buyer")))
            scope.suppliers.add(str(candidate.fields.get("seller")))
            for delivery in candidate.deliveries:
                year = delivery.year
                scope.first = year if scope.first is None else min(scope.first, year)
                scope.last = year if scope.last is None else max(scope.last, year)
        return scope


def _older(stated_in: dt.date | None, release: dt.date | None) -> bool:
    """Whether a deal stated in release `stated_in` may have been dropped by `release`
    (unknown dates: as before there were release dates, yes)."""
    return stated_in is None or release is None or stated_in < release


def _within(year: int | None, first: int | None, last: int | None) -> bool:
    if year is None or first is None or last is None:
        return year is None
    return first <= year <= last


def _platform_ids(designation: str, category: Category | None, names: NameIndex) -> set[int]:
    """Platforms a designation names: exactly, or through an alias it starts with
    ("F-16V Viper" names the platform whose alias is "F-16V"), of a compatible kind."""
    words = normalize_name(designation).split()
    found: set[int] = set()
    for end in range(len(words), 0, -1):
        key = " ".join(words[:end])
        if end < len(words) and not (any(c.isdigit() for c in key) or len(key) >= 5):
            break  # "Mi" is no designation
        for platform_id, kind in names.platforms.get(key, []):
            if category is None or kind in (category, Category.OTHER):
                found.add(platform_id)
        if found:
            break
    return found


def _compatible(stored: Condition | None, stated: Condition | None) -> bool:
    return stored is None or stated is None or stored == stated


def _near(stored: int | None, stated: int | None) -> bool:
    return stored is None or stated is None or abs(stored - stated) <= 1


def _distance(row: StoredRow, deal_in: DealIn, year: int | None) -> int:
    return int(row.year != year) + int(row.condition != deal_in.condition)


# --- what a row adds, disputes or changes ------------------------------------------------


def _shown(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def conflicts(stored: Deal, deal_in: DealIn) -> list[tuple[str, str | None, str | None]]:
    """Fields where both sides have a value and they differ (unknowns never conflict)."""
    found: list[tuple[str, str | None, str | None]] = []
    for name in DISPUTED:
        ours, theirs = getattr(stored, name), getattr(deal_in, name)
        if ours is None or theirs is None:
            continue
        if name == "value_amount" and stored.value_currency != deal_in.value_currency:
            found.append(
                ("value", f"{ours} {stored.value_currency}", f"{theirs} {deal_in.value_currency}")
            )
        elif ours != theirs:
            unit = (
                f" {stored.quantity_unit}"
                if name == "quantity_ordered" and stored.quantity_unit
                else ""
            )
            found.append((name, f"{_shown(ours)}{unit}", _shown(theirs)))
    return found


def gains(stored: Deal, deal_in: DealIn) -> dict[str, Any]:
    """Columns the stored deal lacks that the row states (its delivery dates only when
    it has none, so the two never mix)."""
    new = deal_columns(deal_in)
    columns: dict[str, Any] = {}
    for name in GAINED:
        if getattr(stored, name) is None and new.get(name) is not None:
            columns[name] = new[name]
            for companion in _COMPANIONS.get(name, ()):
                columns[companion] = new[companion]
    if stored.first_delivery_date is None and stored.last_delivery_date is None:
        for name in ("first_delivery_date", "last_delivery_date"):
            if new[name] is not None:
                columns[name] = new[name]
                columns[PRECISION_COLUMN[name]] = new[PRECISION_COLUMN[name]]
    return columns


def update_columns(stored: Deal, deal_in: DealIn, candidate: Candidate, edited: set[str]) -> Update:
    """What a newer release changes on a deal an earlier one created; fields a researcher
    edited since are not changed but recorded as disagreements."""
    new = deal_columns(deal_in)
    columns: dict[str, Any] = {}
    changes: dict[str, tuple[Any, Any]] = {}
    disputed: list[tuple[str, str | None, str | None]] = []
    for name in UPDATED:
        before, after = getattr(stored, name), new[name]
        if before == after:
            continue
        if name in edited:
            disputed.append((name, _shown(before), _shown(after)))
            continue
        changes[name] = (before, after)
        columns[name] = after
        for companion in _COMPANIONS.get(name, ()):
            columns[companion] = new[companion]
    stated = {name: getattr(stored, name) for name in (*UPDATED, *_SHOWN_WITH)}
    earlier = changed_cited_values(
        dates_as_shown(stated), dates_as_shown({**stated, **columns}), changes
    )
    return Update(
        stored.id, candidate.origin, candidate.quotes, columns, changes, disputed,
        deliveries=candidate.deliveries, money=candidate.money, extras=candidate.extras,
        earlier=earlier,
    )  # fmt: skip
