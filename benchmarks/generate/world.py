"""Building the world: parties (states, companies, organisations, non-state actors) and
platforms, with the per-year pickers deals draw from. Primary keys are assigned here."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.generate.designations import STYLE_OF, make_designation
from benchmarks.generate.draw import Picker, year_pickers
from benchmarks.generate.tables import (
    BIG_SUPPLIERS,
    BIG_WEIGHTS,
    BUYERS,
    COMPANIES,
    CREATED_AT,
    LAST_YEAR,
    MINOR_SUPPLIERS,
    MINOR_WEIGHT,
    NON_STATE,
    ORGANISATIONS,
    PLATFORMS,
    PROFILES,
    Window,
    window,
)
from tracker.domain.countries import all_countries
from tracker.domain.names import normalize_name
from tracker.domain.vocab import Category, PartyKind, label
from tracker.store.bulk import Row, next_id
from tracker.store.models import (
    Citation,
    Deal,
    Delivery,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)


class GenerateError(RuntimeError):
    """The database cannot take a synthetic load (it already holds one)."""


@dataclass
class Ids:
    """The next free primary key of each table; keys are assigned here, not by the DB."""

    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class PlatformInfo:
    id: int
    designation: str
    category: Category
    intro: int


@dataclass
class Pool:
    """Platforms sorted by the year they entered service."""

    intros: list[int] = field(default_factory=list)
    platforms: list[PlatformInfo] = field(default_factory=list)

    def add(self, platform: PlatformInfo) -> None:
        at = bisect.bisect_right(self.intros, platform.intro)
        self.intros.insert(at, platform.intro)
        self.platforms.insert(at, platform)

    def between(self, first: int, last: int) -> tuple[int, int]:
        return bisect.bisect_left(self.intros, first), bisect.bisect_right(self.intros, last)


@dataclass
class World:
    names: dict[int, str] = field(default_factory=dict)
    state_ids: dict[str, int] = field(default_factory=dict)
    sellers: list[Picker | None] = field(default_factory=list)
    buyers: list[Picker | None] = field(default_factory=list)
    non_state: list[Picker | None] = field(default_factory=list)
    organisations: list[Picker | None] = field(default_factory=list)
    companies: list[Picker | None] = field(default_factory=list)
    company_country: dict[int, str] = field(default_factory=dict)
    iso3_of: dict[int, str] = field(default_factory=dict)
    pools: dict[str, Pool] = field(default_factory=dict)  # by origin iso3
    everything: Pool = field(default_factory=Pool)


def existing_ids(session: Session) -> Ids:
    """The first free key of every table the generator writes to."""
    tables = (Party, PartyAlias, Platform, PlatformAlias, Deal, Delivery, Event, Source, Citation)
    return Ids({model.__tablename__: next_id(session, model) for model in tables})


def build_parties(session: Session, ids: Ids, world: World) -> tuple[list[Row], list[Row]]:
    """Party and alias rows for every state and the other actors not in the database yet."""
    existing_states = {iso3: pid for pid, iso3 in session.execute(select(Party.id, Party.iso3))}
    alias_owner = {
        key: party_id
        for key, party_id in session.execute(select(PartyAlias.alias_key, PartyAlias.party_id))
    }
    parties: list[Row] = []
    aliases: list[Row] = []

    def add(name: str, kind: PartyKind, iso3: str | None, home: str | None, historic: bool) -> int:
        key = normalize_name(name)
        party_id = existing_states.get(iso3) if iso3 else alias_owner.get(key)
        if party_id is None:
            party_id = ids.take("party")
            parties.append(
                {
                    "id": party_id,
                    "kind": kind,
                    "name": name,
                    "iso3": iso3,
                    "country_iso3": home,
                    "historic": historic,
                    "created_at": CREATED_AT,
                }
            )
        if key not in alias_owner:
            alias_owner[key] = party_id
            aliases.append(
                {
                    "id": ids.take("party_alias"),
                    "party_id": party_id,
                    "alias": name,
                    "alias_key": key,
                }
            )
        world.names[party_id] = name
        return party_id

    for country in all_countries():
        world.state_ids[country.iso3] = add(
            country.name, PartyKind.STATE, country.iso3, None, country.historic
        )
    companies = []
    for name, home, since in COMPANIES:
        party_id = add(name, PartyKind.COMPANY, None, home, False)
        world.company_country[party_id] = home
        companies.append((party_id, 1.0, (int(since), LAST_YEAR)))
    organisations = [
        (add(name, PartyKind.ORGANISATION, None, None, False), 1.0, window(years))
        for name, years in ORGANISATIONS
    ]
    non_state = [
        (add(name, PartyKind.NON_STATE, None, None, False), 1.0, window(years))
        for name, years in NON_STATE
    ]
    world.companies = year_pickers(companies)
    world.organisations = year_pickers(organisations)
    world.non_state = year_pickers(non_state)

    def state(iso3: str) -> int:
        if iso3 not in world.state_ids:
            raise GenerateError(f"{iso3} is not in tracker.domain.countries")
        world.iso3_of[world.state_ids[iso3]] = iso3
        return world.state_ids[iso3]

    world.sellers = year_pickers(
        [(state(iso3), weight, years) for iso3, weight, years in suppliers()]
    )
    buyers = [(state(iso3), 1.0 / (rank + 10), years) for rank, (iso3, years) in enumerate(BUYERS)]
    world.buyers = year_pickers(buyers)
    return parties, aliases


def suppliers() -> list[tuple[str, float, Window]]:
    """Every state supplier: (iso3, weight, years)."""
    big = [
        (iso3, weight, years)
        for (iso3, years), weight in zip(BIG_SUPPLIERS, BIG_WEIGHTS, strict=True)
    ]
    minor = [
        (iso3, MINOR_WEIGHT / (rank + 1) ** 0.8, years)
        for rank, (iso3, years) in enumerate(MINOR_SUPPLIERS)
    ]
    return big + minor


def build_platforms(
    session: Session, rng: random.Random, ids: Ids, world: World
) -> tuple[list[Row], list[Row]]:
    """About PLATFORMS platforms, shared among suppliers by their weight, each with an alias."""
    taken = set(session.scalars(select(PlatformAlias.alias_key)))
    taken |= {normalize_name(d) for d in session.scalars(select(Platform.designation))}
    origins = suppliers()
    flattened = [weight**0.8 for _, weight, _ in origins]
    scale = PLATFORMS / sum(flattened)
    categories = list(PROFILES)
    category_weights = [PROFILES[c].share for c in categories]
    platforms: list[Row] = []
    aliases: list[Row] = []
    for (iso3, _, (first, last)), weight in zip(origins, flattened, strict=True):
        style = STYLE_OF.get(iso3, "west")
        origin_id = world.state_ids[iso3]
        pool = world.pools.setdefault(iso3, Pool())
        for index in range(max(3, round(weight * scale))):
            category = rng.choices(categories, category_weights)[0]
            earliest = max(PROFILES[category].since, first - 15)
            latest = max(earliest, min(2022, last))
            # Each supplier's first design is as old as it can be: early years need one.
            intro = earliest if index == 0 else rng.randint(earliest, latest)
            designation = make_designation(rng, category, style)
            key = normalize_name(designation)
            attempt = 0
            while key in taken:
                attempt += 1
                designation = (
                    make_designation(rng, category, style)
                    if attempt < 50
                    else f"{designation.split(' (')[0]} ({attempt})"
                )
                key = normalize_name(designation)
            taken.add(key)
            platform_id = ids.take("platform")
            platforms.append(
                {
                    "id": platform_id,
                    "designation": designation,
                    "description": (
                        f"Synthetic {label(category)}; {world.names[origin_id]} design, "
                        f"in service from {intro}"
                    ),
                    "category": category,
                    "country_of_origin_id": origin_id,
                    "created_at": CREATED_AT,
                }
            )
            aliases.append(
                {
                    "id": ids.take("platform_alias"),
                    "platform_id": platform_id,
                    "alias": designation,
                    "alias_key": key,
                }
            )
            info = PlatformInfo(platform_id, designation, category, intro)
            pool.add(info)
            world.everything.add(info)
    return platforms, aliases
