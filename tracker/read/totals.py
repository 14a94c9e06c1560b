"""Totals: quantities and money per group, facet counts and flows, all in SQL.

Unknown quantities and values are counted, never summed as zero; money is summed per
currency, never across currencies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from tracker.domain.vocab import Condition, Status, label
from tracker.read.filters import LIVE, DealFilters, ResolvedFilters, conditions_for
from tracker.read.rows import Buyer, Seller, base_select
from tracker.store.db import unindexed
from tracker.store.models import Deal, Party, Platform

Filters = DealFilters | ResolvedFilters


class GroupBy(StrEnum):
    PLATFORM = "platform"
    BUYER = "buyer"
    SELLER = "seller"
    STATUS = "status"
    YEAR = "year"
    CATEGORY = "category"
    CONDITION = "condition"


# Totals group on deal columns (ids, vocabularies), so they need no join and can use the
# single-column indexes; names are looked up for the groups afterwards.
_GROUP_KEYS: dict[GroupBy, Any] = {
    GroupBy.PLATFORM: Deal.platform_id,
    GroupBy.BUYER: Deal.buyer_id,
    GroupBy.SELLER: Deal.seller_id,
    GroupBy.STATUS: Deal.status,
    GroupBy.YEAR: Deal.order_year,
    GroupBy.CATEGORY: Platform.category,
    GroupBy.CONDITION: Deal.condition,
}


@dataclass(frozen=True)
class MoneyTotal:
    currency: str
    amount: Decimal
    deals: int
    at_least: bool  # some value was stated as "over ..."


@dataclass(frozen=True)
class TotalPart:
    """One deal's share of a small group, for "44 = 20 + 12 + 12"."""

    deal_id: int
    quantity: int | None
    buyer: str
    seller: str
    platform: str
    condition: Condition | None
    status: Status
    year: int | None  # order year


@dataclass
class GroupTotal:
    key: Any  # the group's name (platform, party), vocabulary value or year; None: unknown
    deals: int
    quantity: int  # sum over deals whose quantity is known
    quantity_unknown: int  # deals left out of `quantity`
    delivered: int
    delivered_unknown: int
    value_unknown: int
    units: tuple[str, ...] = ()  # of its known quantities; "": no unit given
    money: list[MoneyTotal] = field(default_factory=list)
    parts: list[TotalPart] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The group as data (exports): "(unknown)", "second_hand", "Turkey"."""
        if self.key is None:
            return "(unknown)"
        return self.key.value if isinstance(self.key, StrEnum) else str(self.key)

    @property
    def shown(self) -> str:
        return shown_key(self.key)


def shown_key(key: Any) -> str:
    """A group key as people read it: "(unknown)", "second-hand", "Turkey"."""
    if key is None:
        return "(unknown)"
    return label(key) if isinstance(key, StrEnum) else str(key)


def _count_null(column: Any) -> Any:
    return func.sum(case((column.is_(None), 1), else_=0))


def _deal_select(*columns: Any, by: GroupBy | None = None) -> Select[Any]:
    """SELECT over live deals without joins (one join to platform for category totals)."""
    stmt = select(*columns).select_from(Deal)
    if by is GroupBy.CATEGORY:
        stmt = stmt.join(Platform, Platform.id == Deal.platform_id)
    return stmt.where(LIVE)


# What totals count and sum: GroupTotal's counted fields, then the money of one currency.
_COUNTS = (
    func.count(),
    func.coalesce(func.sum(Deal.quantity_ordered), 0),
    func.coalesce(_count_null(Deal.quantity_ordered), 0),
    func.coalesce(func.sum(Deal.quantity_delivered), 0),
    func.coalesce(_count_null(Deal.quantity_delivered), 0),
    func.coalesce(_count_null(Deal.value_amount), 0),
)
_MONEY = (
    func.sum(Deal.value_amount),
    func.count(Deal.value_amount),
    func.max(case((and_(Deal.value_amount.is_not(None), Deal.value_at_least), 1), else_=0)),
)


def _add_money(
    total: GroupTotal, currency: str | None, amount: Any, valued: int, at_least: Any
) -> None:
    if currency is not None and valued:
        total.money.append(_money(currency, amount, valued, at_least))


def _money(currency: str, amount: Any, valued: int, at_least: Any) -> MoneyTotal:
    return MoneyTotal(currency, Decimal(amount).quantize(Decimal("0.01")), valued, bool(at_least))


def _sums_by_currency(
    session: Session, group: Any, where: Sequence[Any], by: GroupBy
) -> tuple[dict[Any, GroupTotal], GroupTotal]:
    """Counts, units and money of the filtered deals per group, in one pass over them,
    and the same for all of them.

    Grouped by (group, currency), so money is summed per currency in the same scan; the
    counts of a group are then added up over its currencies (None: no value). Every deal
    is in one group, so the groups add up to the whole: the overall figures are summed
    from the rows before rounding (integer sums are exact; on SQLite a sum of fractional
    amounts may differ from one over the deals in its last binary digits)."""
    stmt = (
        _deal_select(group, Deal.value_currency, *_COUNTS, *_MONEY, by=by)
        .where(*where)
        .group_by(group, Deal.value_currency)
        .order_by(group, Deal.value_currency)
    )
    counts: dict[Any, list[int]] = {}  # group -> its counts, in _COUNTS' order
    money: dict[Any, list[MoneyTotal]] = {}
    overall_money: dict[str, list[Any]] = {}  # currency -> [amount, deals valued, at least]
    # Up to a few thousand (group, currency) rows: plain lists, not attribute updates.
    # Core rows (the connection's execute): ORM result handling took a sixth of the time.
    # That path does not flush the session's pending changes, as session.execute would.
    if session.autoflush:
        session.flush()
    for key, currency, *row, amount, valued, at_least in session.connection().execute(stmt):
        known = counts.get(key)
        counts[key] = row if known is None else [a + b for a, b in zip(known, row, strict=True)]
        group_money = money.setdefault(key, [])
        if currency is not None and valued:
            group_money.append(_money(currency, amount, valued, at_least))
            summed = overall_money.setdefault(currency, [0, 0, 0])
            summed[0] += amount
            summed[1] += valued
            summed[2] = max(summed[2], at_least)
    groups = {key: _counted(key, row, money[key]) for key, row in counts.items()}
    added_up = [sum(column) for column in zip(*counts.values(), strict=True)] or [0] * 6
    overall_money_totals = [_money(c, *overall_money[c]) for c in sorted(overall_money)]
    return groups, _counted("all", added_up, overall_money_totals)


def _counted(key: Any, counts: Sequence[Any], money: list[MoneyTotal]) -> GroupTotal:
    """A group from its counts in _COUNTS' order."""
    deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown = map(
        int, counts
    )
    return GroupTotal(
        key, deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown,
        money=money,
    )  # fmt: skip


def _names(session: Session, by: GroupBy, keys: Sequence[Any]) -> dict[Any, Any]:
    """Group keys -> what users see: party and platform names; others as they are."""
    ids = [key for key in keys if key is not None]
    tables = {
        GroupBy.PLATFORM: (Platform.id, Platform.designation),
        GroupBy.BUYER: (Party.id, Party.name),
        GroupBy.SELLER: (Party.id, Party.name),
    }
    if by not in tables:
        return {key: key for key in keys}
    stmt = select(*tables[by])
    if len(ids) <= _NAMES_LISTED:
        stmt = stmt.where(tables[by][0].in_(ids))
    return {**dict(session.execute(stmt).all()), None: None}


# Beyond this many groups, reading every name beats sending the ids (binding and
# compiling 2,000 parameters took longer than reading the 2,000 platforms).
_NAMES_LISTED = 200


def group_column(by: GroupBy) -> Any:
    """The column a total groups on (a category total joins the platform)."""
    return unindexed(_GROUP_KEYS[by])


def group_names(session: Session, by: GroupBy, keys: Sequence[Any]) -> dict[Any, Any]:
    """Group keys -> what users see (party and platform names; others as they are)."""
    return _names(session, by, keys)


def totals(
    session: Session,
    filters: Filters,
    by: GroupBy | str,
    *,
    parts_up_to: int = 12,
    parts_from: int = 0,
    parts_groups: int | None = None,
) -> list[GroupTotal]:
    """Quantities and money per group; unknowns are counted, never summed as zero.

    Groups come largest first (years in order, unknown last). The groups shown — from
    `parts_from`, `parts_groups` of them (PARTS_GROUPS) — also get their units, and those
    of at most `parts_up_to` deals each deal's share (20 + 12 + 12); 0 skips that.
    """
    groups, _ = totals_and_overall(
        session, filters, by, parts_up_to=parts_up_to, parts_from=parts_from,
        parts_groups=parts_groups,
    )  # fmt: skip
    return groups


def totals_and_overall(
    session: Session,
    filters: Filters,
    by: GroupBy | str,
    *,
    parts_up_to: int = 12,
    parts_from: int = 0,
    parts_groups: int | None = None,
) -> tuple[list[GroupTotal], GroupTotal]:
    """`totals`, and `overall_total` added up from the same pass over the deals (a view
    showing both reads the filtered deals once instead of three times)."""
    group_by = GroupBy(by)
    key = _GROUP_KEYS[group_by]
    where = conditions_for(session, filters)
    # Platform groups come in group order from ix_deal_live_platform_facts (led by
    # platform and currency, with every column a total reads): SQLite adds up as it scans
    # instead of sorting the filtered deals (80,000 at 100,000 deals: 78 -> 38 ms). Other
    # groups read the narrow covering ix_deal_live_facts and sort (see `unindexed`).
    grouped = key if group_by is GroupBy.PLATFORM else unindexed(key)
    by_key, overall = _sums_by_currency(session, grouped, where, group_by)
    names = _names(session, group_by, list(by_key))
    for group, total in by_key.items():
        total.key = names.get(group, group)
    groups = dict(sorted(by_key.items(), key=_order(group_by)))
    if parts_up_to:
        shown = parts_groups if parts_groups is not None else PARTS_GROUPS
        leading = dict(list(groups.items())[parts_from : parts_from + shown])
        _attach_units(session, leading, key, where, group_by)
        _attach_parts(session, leading, key, where, parts_up_to, group_by)
    return list(groups.values()), overall


def _order(by: GroupBy) -> Any:
    """Years in order (unknown last); other groups by units, then deals, then name."""
    if by is GroupBy.YEAR:
        return lambda item: (item[0] is None, item[0] or 0)
    return lambda item: (-item[1].quantity, -item[1].deals, str(item[1].key))


def _attach_units(
    session: Session, groups: dict[Any, GroupTotal], key: Any, where: Any, by: GroupBy
) -> None:
    if not groups:
        return
    group = unindexed(key)
    # Deals whose quantity is known but whose unit is not count too (as ""): a total
    # of 942 deals, one of them in "batteries", is not 65,229 batteries.
    stmt = (
        _deal_select(group, Deal.quantity_unit, by=by)
        .where(*where, Deal.quantity_ordered.is_not(None))
        .where(_key_in(key, list(groups)))
        .group_by(group, Deal.quantity_unit)
    )
    units: dict[Any, list[str]] = defaultdict(list)
    for group, unit in session.execute(stmt):
        units[group].append(unit or "")
    for group, names in units.items():
        groups[group].units = tuple(sorted(names))


PARTS_GROUPS = 20


def _key_in(key: Any, values: list[Any]) -> ColumnElement[bool]:
    known = [value for value in values if value is not None]
    if len(known) == len(values):
        return key.in_(known)  # type: ignore[no-any-return]
    return or_(key.in_(known), key.is_(None))


def _attach_parts(
    session: Session,
    groups: dict[Any, GroupTotal],
    key: Any,
    where: Any,
    limit: int,
    by: GroupBy,
) -> None:
    # Only the leading groups are ever shown with their parts; listing the deals of every
    # small group of a large database would cost more than the totals themselves.
    small = [group for group, total in groups.items() if 1 < total.deals <= limit]
    if not small:
        return
    stmt = (
        base_select(
            key, Deal.id, Deal.quantity_ordered, Buyer.name, Seller.name,
            Platform.designation, Deal.condition, Deal.status, Deal.order_year,
        )
        .where(*where, _key_in(key, small))
        .order_by(key, Deal.quantity_ordered.is_(None), Deal.quantity_ordered.desc(), Deal.id)
    )  # fmt: skip
    for group, *rest in session.execute(stmt):
        groups[group].parts.append(TotalPart(*rest))


def overall_total(session: Session, filters: Filters) -> GroupTotal:
    """The headline figures for the whole filtered set, as one group."""
    where = conditions_for(session, filters)
    # Two statements, not one grouped by currency: with no group key, the counts need no
    # sort at all, and only the deals with a value are sorted by currency.
    row = session.execute(_deal_select(*_COUNTS).where(*where)).one()
    deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown = map(int, row)
    total = GroupTotal(
        "all", deals, quantity, quantity_unknown, delivered, delivered_unknown, value_unknown
    )
    money = (
        _deal_select(Deal.value_currency, *_MONEY)
        .where(*where, Deal.value_amount.is_not(None))
        .group_by(Deal.value_currency)
        .order_by(Deal.value_currency)
    )
    for currency, amount, valued, at_least in session.execute(money):
        _add_money(total, currency, amount, valued, at_least)
    return total


@dataclass(frozen=True)
class Flow:
    seller: str
    buyer: str
    deals: int
    quantity: int


def supply_matrix(
    session: Session, filters: Filters, suppliers: int = 10, recipients: int = 15
) -> list[Flow]:
    """Who supplies whom among the busiest: the deals of each pair of one of the
    `suppliers` suppliers and one of the `recipients` recipients with the most deals.
    (The largest pairs alone were one supplier's: at 100,000 deals 23 of the 25 largest
    flows were from the United States, so a matrix of them had two rows.)"""
    seller, buyer = unindexed(Deal.seller_id), unindexed(Deal.buyer_id)
    pairs = session.execute(
        _deal_select(
            seller, buyer, func.count(), func.coalesce(func.sum(Deal.quantity_ordered), 0)
        )
        .where(*conditions_for(session, filters))
        .group_by(seller, buyer)
    ).all()  # fmt: skip
    supplied: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for seller_id, buyer_id, deals, _ in pairs:
        supplied[seller_id] += deals
        received[buyer_id] += deals
    names = _names(session, GroupBy.BUYER, sorted({*supplied, *received}))

    def busiest(counts: Counter[int], limit: int) -> set[int]:
        return set(sorted(counts, key=lambda i: (-counts[i], names[i]))[:limit])

    rows, columns = busiest(supplied, suppliers), busiest(received, recipients)
    flows = [
        Flow(names[seller_id], names[buyer_id], deals, int(quantity))
        for seller_id, buyer_id, deals, quantity in pairs
        if seller_id in rows and buyer_id in columns
    ]
    return sorted(flows, key=lambda f: (-f.deals, f.seller, f.buyer))


FACETS = (GroupBy.BUYER, GroupBy.SELLER, GroupBy.CATEGORY, GroupBy.STATUS)


def facet_counts(
    session: Session, filters: Filters, by: GroupBy, *, limit: int = 20
) -> list[tuple[str, int]]:
    """Deals per buyer, seller, category or status, most first; counted on deal columns."""
    where = conditions_for(session, filters)
    # Category counts come from platform counts: no join over the deals.
    key = unindexed(Deal.platform_id if by is GroupBy.CATEGORY else _GROUP_KEYS[by])
    stmt = _deal_select(key, func.count()).where(*where).group_by(key)
    rows: list[tuple[Any, int]] = [(value, deals) for value, deals in session.execute(stmt)]
    if by is GroupBy.CATEGORY:
        categories = dict(
            session.execute(
                select(Platform.id, Platform.category).where(
                    Platform.id.in_([platform for platform, _ in rows])
                )
            ).all()
        )
        folded: dict[Any, int] = defaultdict(int)
        for platform, deals in rows:
            folded[categories.get(platform)] += deals
        rows = list(folded.items())
    names = _names(session, by, [key for key, _ in rows])
    counted = [(_facet_label(names.get(key, key)), int(deals)) for key, deals in rows]
    return sorted(counted, key=lambda item: (-item[1], item[0]))[:limit]


def _facet_label(value: Any) -> str:
    if value is None:
        return "(unknown)"
    return str(getattr(value, "value", value))
