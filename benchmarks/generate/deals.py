"""The deal maker: draws deals one by one from the world (year, status, parties, platform,
quantities, deliveries, values, notes), then their sources chunk by chunk. Money is in
money.py, deliveries and events in timeline.py, articles and citations in sources.py."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from benchmarks.generate.designations import LETTERS
from benchmarks.generate.draw import Picker, weighted
from benchmarks.generate.money import money, tiv
from benchmarks.generate.sources import Facts, sources
from benchmarks.generate.tables import (
    COMPANY_SELLER_SHARE,
    CREATED_AT,
    DEAL_REF_PREFIX,
    FIRST_YEAR,
    GENERAL_NOTES,
    INHERITS_DESIGNS,
    LAST_YEAR,
    NON_STATE_BUYER_SHARE,
    ORGANISATION_BUYER_SHARE,
    PROFILES,
    STATUS_BY_AGE,
)
from benchmarks.generate.timeline import (
    delivered_units,
    delivery_rows,
    delivery_years,
    events,
    jan1,
    status_sentence,
)
from benchmarks.generate.world import Ids, PlatformInfo, Pool, World
from tracker.domain.vocab import Category, Condition, DatePrecision, Status
from tracker.store.bulk import Row


@dataclass
class Chunk:
    """The rows of one chunk of deals, written in one transaction."""

    deals: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    citations: list[Row] = field(default_factory=list)
    deliveries: list[Row] = field(default_factory=list)


class DealMaker:
    """Draws deals one by one from the world, then their sources chunk by chunk."""

    def __init__(self, rng: random.Random, world: World, ids: Ids, seed: int) -> None:
        self.rng = rng
        self.world = world
        self.ids = ids
        self.seed = seed
        # Deliveries draw from their own stream, so adding them left every deal, event
        # and source of a seed as it was.
        self.delivery_rng = random.Random(f"{seed}:deliveries")
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        # More deals in recent decades: four times as many in 2025 as in 1950.
        self.years = Picker(list(years), [1 + 3 * (y - FIRST_YEAR) / 75 for y in years])
        self.seller_pools: dict[int, list[Pool]] = {}
        for party_id, iso3 in world.iso3_of.items():
            origins = (iso3, *INHERITS_DESIGNS.get(iso3, ()))
            self.seller_pools[party_id] = [world.pools[o] for o in origins if o in world.pools]

    def _parties(self, year: int) -> tuple[int, int, str]:
        """(seller id, buyer id, seller's country) for an order placed in `year`."""
        rng, world, index = self.rng, self.world, year - FIRST_YEAR
        state_sellers = world.sellers[index]
        assert state_sellers is not None
        seller = state_sellers.pick(rng)
        seller_country = world.iso3_of[seller]
        companies = world.companies[index]
        if companies is not None and rng.random() < COMPANY_SELLER_SHARE:
            seller = companies.pick(rng)
            seller_country = world.company_country[seller]
        roll = rng.random()
        group = (
            world.non_state[index]
            if roll < NON_STATE_BUYER_SHARE
            else world.organisations[index]
            if roll < NON_STATE_BUYER_SHARE + ORGANISATION_BUYER_SHARE
            else None
        )
        state_buyers = world.buyers[index]
        assert state_buyers is not None
        picker = group or state_buyers
        buyer = picker.pick(rng)
        home = world.state_ids.get(seller_country)
        while buyer in (seller, home):
            buyer = state_buyers.pick(rng)
        return seller, buyer, seller_country

    def _platform(self, seller_country: str, year: int, second_hand: bool) -> PlatformInfo:
        """Mostly the seller's own recent designs; second-hand sales often re-export others'."""
        rng = self.rng
        if second_hand and rng.random() < 0.4:
            pools = [self.world.everything]
            first, last = year - 40, year - 5
        else:
            pools = self.seller_pools.get(self.world.state_ids[seller_country], [])
            first, last = year - 35, year
        choices: list[tuple[Pool, int, int]] = []
        for pool in pools:
            low, high = pool.between(first, last)
            if high <= low:
                low, high = pool.between(0, last)
            if high > low:
                choices.append((pool, low, high))
        if not choices:
            pool = self.world.everything
            low, high = pool.between(0, year)
            choices = [(pool, low, max(high, 1))]
        pool, low, high = choices[rng.randrange(len(choices))] if len(choices) > 1 else choices[0]
        return pool.platforms[rng.randrange(low, high)]

    def _quantity(self, category: Category) -> int:
        profile = PROFILES[category]
        value = self.rng.lognormvariate(math.log(profile.quantity_median), profile.quantity_sigma)
        return max(1, min(10_000, round(value)))

    def deal(self, number: int, chunk: Chunk) -> Facts:
        """Add deal `number` and its events to the chunk; return what sources will say."""
        rng, world = self.rng, self.world
        year = self.years.pick(rng)
        age = LAST_YEAR - year
        status: Status = next(
            weighted(rng, options) for max_age, options in STATUS_BY_AGE if age <= max_age
        )
        seller, buyer, seller_country = self._parties(year)
        roll = rng.random()
        condition: Condition | None = (
            None
            if roll < 0.03
            else Condition.NEW
            if roll < 0.76
            else Condition.SECOND_HAND
            if roll < 0.95
            else Condition.SECOND_HAND_MODERNISED
        )
        second_hand = condition in (Condition.SECOND_HAND, Condition.SECOND_HAND_MODERNISED)
        platform = self._platform(seller_country, year, second_hand)
        category = platform.category
        profile = PROFILES[category]
        seller_name, buyer_name = world.names[seller], world.names[buyer]

        ordered = self._quantity(category) if rng.random() >= 0.08 else None  # None: unknown
        if status is Status.DELIVERING and ordered == 1:
            status = Status.DELIVERED
        delivered = delivered_units(rng, status, ordered)
        first_delivery, last_delivery, expected = delivery_years(
            rng, status, year, delivered, profile
        )
        value, currency, value_kind, at_least = (
            money(rng, year, seller_country, world.iso3_of.get(buyer, ""), ordered, profile)
            if rng.random() < 0.2
            else (None, None, None, False)
        )
        tiv_unit, tiv_total, tiv_delivered = (
            tiv(rng, profile, condition, ordered, delivered)
            if rng.random() < 0.88
            else (None, None, None)
        )
        local_production = rng.random() < 0.05
        notes = _notes(
            rng, seller_name, buyer_name, condition, local_production, rng.random() < 0.4
        )
        programme = (
            f"{rng.choice(('Project', 'Programme', 'Requirement'))} "
            f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}-{rng.randint(1, 99)}"
            if rng.random() < 0.05
            else None
        )
        unit = "batteries" if category is Category.AIR_DEFENCE and rng.random() < 0.4 else None

        deal_id = self.ids.take("deal")
        chunk.deals.append(
            {
                "id": deal_id,
                "ref": f"{DEAL_REF_PREFIX}{number}",
                "buyer_id": buyer,
                "seller_id": seller,
                "platform_id": platform.id,
                "programme": programme,
                "quantity_ordered": ordered,
                "quantity_ordered_estimated": ordered is not None and rng.random() < 0.1,
                "quantity_unit": unit,
                "quantity_delivered": delivered,
                "quantity_delivered_estimated": bool(delivered) and rng.random() < 0.05,
                "delivered_exceeds_ordered": False,
                "condition": condition,
                "local_production": local_production,
                "value_amount": value,
                "value_currency": currency,
                "value_year": year if value is not None else None,
                "value_kind": value_kind,
                "value_at_least": at_least,
                "tiv_per_unit": tiv_unit,
                "tiv_total_order": tiv_total,
                "tiv_delivered": tiv_delivered,
                "status": status,
                "order_date": dt.date(year, 1, 1),
                "order_date_precision": DatePrecision.YEAR,
                "order_date_estimated": rng.random() < 0.03,
                "order_year": year,
                "first_delivery_date": jan1(first_delivery),
                "first_delivery_precision": DatePrecision.YEAR if first_delivery else None,
                "last_delivery_date": jan1(last_delivery),
                "last_delivery_precision": DatePrecision.YEAR if last_delivery else None,
                "deliveries_expected": expected,
                "notes": notes,
                "created_at": CREATED_AT,
                "updated_at": CREATED_AT,
                "version": 1,
            }
        )
        chunk.deliveries.extend(
            delivery_rows(
                self.delivery_rng, self.ids, deal_id, first_delivery, last_delivery,
                delivered, tiv_unit,
            )
        )  # fmt: skip
        how_many = str(ordered) if ordered is not None else "an undisclosed number of"
        what = f"{how_many} {platform.designation}"
        first_event_id, report_year, first_description = events(
            rng, self.ids, chunk.events, deal_id, status, year, first_delivery, last_delivery,
            delivered, seller_name, buyer_name, platform.designation, what,
        )  # fmt: skip
        return Facts(
            deal_id=deal_id,
            report_year=report_year,
            headline=f"{buyer_name} to acquire {platform.designation} from {seller_name}",
            primary_field="quantity_ordered" if ordered is not None else "status",
            primary_quote=first_description,
            status_quote=status_sentence(
                status, seller_name, buyer_name, platform.designation, first_delivery, last_delivery
            ),
            first_event_id=first_event_id,
            cite_event=rng.random() < 0.25,
            second_source=rng.random() < 0.3,
        )

    def chunk(self, first_number: int, count: int) -> Chunk:
        """Deals `first_number` to `first_number + count - 1` with their events, then the
        sources and citations of those deals, year by year."""
        chunk = Chunk()
        facts = [self.deal(first_number + offset, chunk) for offset in range(count)]
        by_year: dict[int, list[Facts]] = {}
        for fact in facts:
            by_year.setdefault(fact.report_year, []).append(fact)
        for year in sorted(by_year):
            source_rows, citation_rows = sources(self.rng, self.ids, self.seed, year, by_year[year])
            chunk.sources.extend(source_rows)
            chunk.citations.extend(citation_rows)
        return chunk


def _notes(
    rng: random.Random,
    seller: str,
    buyer: str,
    condition: Condition | None,
    local: bool,
    wanted: bool,
) -> str | None:
    """Sometimes (`wanted`) a SIPRI-style note: second-hand origin, licensed production."""
    if not wanted:
        return None
    parts = []
    if condition is Condition.SECOND_HAND:
        parts.append(rng.choice((f"Ex-{seller} stock; aid", f"Second-hand; ex-{seller} forces")))
    elif condition is Condition.SECOND_HAND_MODERNISED:
        parts.append("Second-hand; modernised before delivery")
    if local:
        parts.append(f"Produced under licence in {buyer}")
    if not parts or rng.random() < 0.3:
        parts.append(rng.choice(GENERAL_NOTES))
    return "; ".join(parts)
