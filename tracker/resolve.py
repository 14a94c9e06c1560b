"""The one name resolver: typed names -> parties and platforms, with suggestions.

Every path that takes a name (forms, filters, imports, seeds) resolves it here, so a
name means the same everywhere and an unknown one gets the same "did you mean" message.
Resolution is exact after `normalize_name` (case, accents, punctuation); fuzzy matching
only ever *suggests*. Nothing here writes: a known country without a party row yet
resolves to its `Country`, and the writers create the row when they need it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.countries import Country, resolve_country, suggest_countries
from tracker.domain.names import normalize_name
from tracker.domain.vocab import Category, label
from tracker.errors import FieldError, InvalidInput
from tracker.store.models import Party, PartyAlias, Platform, PlatformAlias

SUGGESTIONS = 5


def unknown_name(field: str, name: str, suggestions: Iterable[str], what: str) -> FieldError:
    """The message for a name that resolves to nothing: "not a known platform; did you
    mean F-16 Block 70 Viper?"."""
    shown = list(dict.fromkeys(suggestions))[:SUGGESTIONS]
    hint = f"; did you mean {', '.join(shown)}?" if shown else ""
    return FieldError(field, name, f"not a known {what}{hint}")


# --- parties -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyMatch:
    """What a party name stands for: a country (whose party row may not exist yet) or
    a stored party."""

    name: str  # the canonical display name
    country: Country | None
    party: Party | None


def match_party(session: Session, name: str) -> PartyMatch | None:
    """A party by any accepted name: countries through the country table, others by alias."""
    country = resolve_country(name)
    if country is not None:
        party = session.scalar(select(Party).where(Party.iso3 == country.iso3))
        return PartyMatch(country.name, country, party)
    party = session.scalar(
        select(Party).join(PartyAlias).where(PartyAlias.alias_key == normalize_name(name))
    )
    return None if party is None else PartyMatch(party.name, None, party)


def canonical_party_name(session: Session, name: str) -> str | None:
    """The display name a typed name or alias stands for ("Türkiye" -> "Turkey")."""
    match = match_party(session, name)
    return None if match is None else match.name


def suggest_parties(session: Session, name: str, limit: int = SUGGESTIONS) -> list[str]:
    """Closest country and party names, for messages; never used to save."""
    key = normalize_name(name)
    rows = session.execute(select(PartyAlias.alias_key, Party.name).join(Party)).all()
    by_key = {alias_key: party_name for alias_key, party_name in rows}
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6)
    names = suggest_countries(name, limit) + [by_key[k] for k in close]
    return list(dict.fromkeys(names))[:limit]


def unknown_party(session: Session, field: str, name: str) -> FieldError:
    return unknown_name(field, name, suggest_parties(session, name), "country or party")


def party_ids(session: Session, name: str, field: str) -> set[int]:
    """The stored parties a filter name selects (a known country with no deals selects
    none); an unknown name raises InvalidInput with suggestions. Ids only: filters run
    on every page view."""
    country = resolve_country(name)
    if country is not None:
        return set(session.scalars(select(Party.id).where(Party.iso3 == country.iso3)))
    ids = set(
        session.scalars(
            select(PartyAlias.party_id).where(PartyAlias.alias_key == normalize_name(name))
        )
    )
    if not ids:
        raise InvalidInput([unknown_party(session, field, name)])
    return ids


# --- platforms ---------------------------------------------------------------------------
#
# A platform is a designation and a kind: one name may belong to a missile and a radar
# ("COBRA"). A name qualified with its category, "COBRA (missiles)", picks one of them.

_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<kind>[^()]+)\)\s*$")


def _category_named(text: str) -> Category | None:
    key = normalize_name(text)
    return next(
        (c for c in Category if key in (normalize_name(label(c)), normalize_name(c.value))), None
    )


def split_qualified(name: str) -> tuple[str, Category | None]:
    """ "COBRA (missiles)" -> ("COBRA", missiles); a name without a category as it is."""
    match = _QUALIFIED.match(name)
    category = _category_named(match.group("kind")) if match else None
    if match and category is not None:
        return match.group("name"), category
    return name, None


def platform_label(designation: str, category: Category, ambiguous: bool) -> str:
    """A platform as pickers show it: its designation, with its kind when the designation
    alone names several platforms."""
    return f"{designation} ({label(category)})" if ambiguous else designation


def _platforms_named(session: Session, name: str, category: Category | None) -> list[Platform]:
    stmt = (
        select(Platform)
        .join(PlatformAlias)
        .where(PlatformAlias.alias_key == normalize_name(name))
        .distinct()
        .order_by(Platform.category)
    )
    if category is not None:
        stmt = stmt.where(Platform.category == category)
    return list(session.scalars(stmt))


def find_platforms(session: Session, name: str) -> list[Platform]:
    """Every platform a name (designation or alias, optionally qualified) stands for."""
    designation, category = split_qualified(name)
    found = _platforms_named(session, designation, category)
    if not found and category is not None:  # "Type 054A (Jiangkai II)" is a designation
        found = _platforms_named(session, name, None)
    return found


def find_platform(session: Session, name: str, category: Category | None = None) -> Platform | None:
    """The one platform a name stands for (of this category, if given); None if it names
    none or several."""
    found = [p for p in find_platforms(session, name) if category in (None, p.category)]
    return found[0] if len(found) == 1 else None


def suggest_platforms(session: Session, name: str, limit: int = SUGGESTIONS) -> list[str]:
    """Designations containing the name, then the closest ones; for messages only."""
    key = normalize_name(name)
    rows = session.execute(select(PlatformAlias.alias_key, Platform.designation).join(Platform))
    by_key = {alias_key: designation for alias_key, designation in rows}
    containing = [designation for alias_key, designation in by_key.items() if key in alias_key]
    close = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=limit)]
    return list(dict.fromkeys(containing + close))[:limit]


def unknown_platform(session: Session, field: str, name: str) -> FieldError:
    return unknown_name(field, name, suggest_platforms(session, name), "platform")


def resolve_platform(session: Session, name: str, field: str = "platform") -> Platform:
    found = find_platforms(session, name)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInput([unknown_platform(session, field, name)])
    choices = ", ".join(platform_label(p.designation, p.category, True) for p in found)
    message = f"names {len(found)} platforms of different kinds: {choices}; pick one"
    raise InvalidInput([FieldError(field, name, message)])


def platform_ids(session: Session, name: str) -> set[int]:
    """What a platform filter selects: an exact designation or alias, else every platform
    whose names contain the words ("Typhoon", "F-16")."""
    key = normalize_name(name)
    exact = set(
        session.scalars(select(PlatformAlias.platform_id).where(PlatformAlias.alias_key == key))
    )
    if exact:
        return exact
    containing = set(
        session.scalars(
            select(PlatformAlias.platform_id).where(PlatformAlias.alias_key.contains(key))
        )
    )
    if not containing:
        raise InvalidInput([unknown_platform(session, "platform", name)])
    return containing


# --- many names at once (imports) --------------------------------------------------------


class NameIndex:
    """Every party and platform name in the database, loaded once: an import resolves
    tens of thousands of names without a query each. Same rules as above."""

    def __init__(self, session: Session) -> None:
        self.parties: dict[str, int] = dict(
            session.execute(select(PartyAlias.alias_key, PartyAlias.party_id)).all()
        )
        self.states: dict[str, int] = {
            iso3: party_id
            for iso3, party_id in session.execute(
                select(Party.iso3, Party.id).where(Party.iso3.is_not(None))
            ).all()
            if iso3
        }
        self.party_names: dict[int, str] = dict(session.execute(select(Party.id, Party.name)).all())
        self.platforms: dict[str, list[tuple[int, Category]]] = {}
        rows = session.execute(
            select(PlatformAlias.alias_key, Platform.id, Platform.category).join(Platform)
        )
        for key, platform_id, category in rows:
            self.platforms.setdefault(key, []).append((platform_id, category))
        # Answers of platform_id: a register names the same designations thousands of times.
        self._platform_ids: dict[tuple[str, Category | None], int | None] = {}

    def party_name(self, name: str) -> str | None:
        """The canonical name a party name stands for, or None if unknown."""
        country = resolve_country(name)
        if country is not None:
            return country.name
        party_id = self.parties.get(normalize_name(name))
        return None if party_id is None else self.party_names[party_id]

    def party_id(self, name: str) -> int | None:
        """The stored party's id (None for unknown names and countries without a row)."""
        country = resolve_country(name)
        if country is not None:
            return self.states.get(country.iso3)
        return self.parties.get(normalize_name(name))

    def platform_id(self, name: str, category: Category | None = None) -> int | None:
        """The platform a designation names (of this category, if given): None when it
        names none, or several and no category tells them apart."""
        try:
            return self._platform_ids[name, category]
        except KeyError:
            found = self._platform_ids[name, category] = self._find_platform(name, category)
            return found

    def _find_platform(self, name: str, category: Category | None) -> int | None:
        designation, qualified = split_qualified(name)
        wanted = category or qualified
        found = [
            platform_id
            for platform_id, kind in self.platforms.get(normalize_name(designation), [])
            if wanted in (None, kind)
        ]
        return found[0] if len(set(found)) == 1 else None

    def knows_party(self, name: str) -> bool:
        return normalize_name(name) in self.parties

    def unknown_party(self, field: str, name: str) -> FieldError:
        close = difflib.get_close_matches(normalize_name(name), list(self.parties), n=3)
        known = [self.party_names[self.parties[key]] for key in close]
        return unknown_name(field, name, suggest_countries(name, 3) + known, "country or party")
