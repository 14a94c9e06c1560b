"""Parties and platforms: the names deals are made of.

`add_party` and `add_platform` are the checked writers (an editor adds a company or a
platform they confirmed is new). The underscored functions are the primitives the other
writers share: the party row of a state appears the first time a deal names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import resolve
from tracker.auth import Actor, require
from tracker.domain.countries import Country, resolve_country
from tracker.domain.names import normalize_name
from tracker.domain.schemas import PartyIn, PlatformIn, validate
from tracker.domain.vocab import PartyKind, Role
from tracker.errors import FieldError, InvalidInput
from tracker.store.models import Party, PartyAlias, Platform, PlatformAlias
from tracker.write._audit import record

# --- primitives (private to the write side) ----------------------------------------------


def _state_party(session: Session, country: Country) -> Party:
    """The party row of a state, created from the country table on first use."""
    party = session.scalar(select(Party).where(Party.iso3 == country.iso3))
    if party is None:
        party = Party(
            kind=PartyKind.STATE, name=country.name, iso3=country.iso3, historic=country.historic
        )
        session.add(party)
        session.flush()
    return party


def _party_for(session: Session, name: str, field: str) -> Party:
    """The party a name stands for (a state's row made if needed), or InvalidInput."""
    match = resolve.match_party(session, name)
    if match is None:
        raise InvalidInput([resolve.unknown_party(session, field, name)])
    if match.party is not None:
        return match.party
    assert match.country is not None
    return _state_party(session, match.country)


def _add_aliases(
    session: Session,
    alias_cls: type[PartyAlias] | type[PlatformAlias],
    owner_field: str,
    owner_id: int,
    names: Iterable[str],
) -> None:
    existing = set(session.scalars(select(alias_cls.alias_key)))
    for name in names:
        key = normalize_name(name)
        if key and key not in existing:
            session.add(alias_cls(**{owner_field: owner_id, "alias": name, "alias_key": key}))
            existing.add(key)


def _party_kind(text: str) -> PartyKind:
    try:
        return PartyKind(text)
    except ValueError:
        allowed = ", ".join(kind.value for kind in PartyKind)
        raise InvalidInput([FieldError("kind", text, f"must be one of {allowed}")]) from None


def _create_party(session: Session, party_in: PartyIn) -> Party:
    """A company, organisation or non-state actor with its aliases (existing: reused)."""
    kind = _party_kind(party_in.kind)
    if kind is PartyKind.STATE:
        raise InvalidInput(
            [FieldError("kind", party_in.kind, "states come from the country table")]
        )
    if resolve_country(party_in.name) is not None:
        raise InvalidInput([FieldError("name", party_in.name, "is the name of a country")])
    match = resolve.match_party(session, party_in.name)
    party = match.party if match is not None else None
    if party is None:
        country = resolve_country(party_in.country) if party_in.country else None
        if party_in.country and country is None:
            raise InvalidInput([resolve.unknown_party(session, "country", party_in.country)])
        party = Party(kind=kind, name=party_in.name, country_iso3=country and country.iso3)
        session.add(party)
        session.flush()
    _add_aliases(session, PartyAlias, "party_id", party.id, [party_in.name, *party_in.aliases])
    return party


def _create_platform(session: Session, platform_in: PlatformIn) -> Platform:
    """A platform with its aliases and manufacturers (existing: reused, aliases added)."""
    platform = resolve.find_platform(session, platform_in.designation)
    if platform is None:
        makers = [
            _party_for(session, maker, "manufacturers") for maker in platform_in.manufacturers
        ]
        origin = (
            _party_for(session, platform_in.country_of_origin, "country")
            if platform_in.country_of_origin
            else None
        )
        platform = Platform(
            designation=platform_in.designation,
            description=platform_in.description,
            category=platform_in.category,
            country_of_origin=origin,
            manufacturers=makers,
        )
        session.add(platform)
        session.flush()
    names = [platform_in.designation, *platform_in.aliases]
    _add_aliases(session, PlatformAlias, "platform_id", platform.id, names)
    return platform


# --- the checked writers ---------------------------------------------------------------


def add_party(
    *,
    session: Session,
    actor: Actor,
    party_in: PartyIn | Mapping[str, Any],
    comment: str | None = None,
) -> Party:
    """Add a company, organisation or non-state actor the editor confirmed is new."""
    require(actor, Role.EDITOR, "adding a party")
    party_in = validate(PartyIn, party_in, "party")
    existing = resolve.match_party(session, party_in.name)
    if existing is not None:
        raise InvalidInput(
            [FieldError("name", party_in.name, f"is already known as {existing.name}")]
        )
    party = _create_party(session, party_in)
    record(
        session=session, actor=actor, action="create", entity="party", entity_id=party.id,
        changes={"name": (None, party.name), "kind": (None, party.kind.value)}, comment=comment,
    )  # fmt: skip
    return party


def add_platform(
    *,
    session: Session,
    actor: Actor,
    platform_in: PlatformIn | Mapping[str, Any],
    comment: str | None = None,
) -> Platform:
    """Add a platform the editor confirmed is new (with its category and makers)."""
    require(actor, Role.EDITOR, "adding a platform")
    platform_in = validate(PlatformIn, platform_in, "platform")
    existing = resolve.find_platform(session, platform_in.designation)
    if existing is not None:
        message = f"is already known as {existing.designation}"
        raise InvalidInput([FieldError("designation", platform_in.designation, message)])
    platform = _create_platform(session, platform_in)
    record(
        session=session, actor=actor, action="create", entity="platform", entity_id=platform.id,
        changes={"designation": (None, platform.designation),
                 "category": (None, platform.category.value)},
        comment=comment,
    )  # fmt: skip
    return platform


def review_party(
    *, session: Session, actor: Actor, party_id: int, comment: str | None = None
) -> Party:
    """Confirm a party an import created from a name only its file vouched for."""
    require(actor, Role.ADMIN, "reviewing a party")
    party = session.get(Party, party_id)
    if party is None:
        raise InvalidInput([FieldError("party", party_id, "no such party")])
    if not party.reviewed:
        party.reviewed = True
        record(
            session=session, actor=actor, action="review", entity="party", entity_id=party.id,
            changes={"reviewed": (False, True)}, comment=comment,
        )  # fmt: skip
    return party
