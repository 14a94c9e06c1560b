"""Write side: create parties, platforms, sources, deals, events and citations.

Every function validates through `tracker.domain.schemas`, resolves names through one resolver,
and raises `InvalidInput` naming the field and value instead of writing anything bad.
Callers own the transaction: a failed call inside `tracker.db.transaction` writes nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.countries import Country, resolve_country, suggest_countries
from tracker.domain.names import normalize_name
from tracker.domain.schemas import (
    CitationIn,
    DealIn,
    EventIn,
    PartyIn,
    PlatformIn,
    SourceIn,
)
from tracker.domain.vocab import PartyKind
from tracker.errors import FieldError, InvalidInput, QuoteNotInSource
from tracker.store.models import (
    Citation,
    Deal,
    DealParticipant,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)

M = TypeVar("M", bound=BaseModel)

# The deal fields a citation may support. The value_* columns are cited together as
# "value", TIV columns as "tiv", and manufacturers/exporters as "participants".
CITABLE_FIELDS = frozenset(
    {
        "buyer",
        "seller",
        "platform",
        "programme",
        "participants",
        "quantity_ordered",
        "quantity_unit",
        "quantity_delivered",
        "condition",
        "local_production",
        "value",
        "tiv",
        "status",
        "order_date",
        "first_delivery_date",
        "last_delivery_date",
        "notes",
    }
)


def validate(model: type[M], data: object, context: str = "") -> M:
    """Validate `data` into `model`, turning pydantic's error into InvalidInput."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.from_pydantic(exc, context) from None


# --- parties -----------------------------------------------------------------------------


def state_party(*, session: Session, country: Country) -> Party:
    """The party row of a state, created from the country table on first use."""
    party = session.scalar(select(Party).where(Party.iso3 == country.iso3))
    if party is None:
        party = Party(
            kind=PartyKind.STATE, name=country.name, iso3=country.iso3, historic=country.historic
        )
        session.add(party)
        session.flush()
    return party


def find_party(*, session: Session, name: str) -> Party | None:
    """A party by any accepted name: countries through the country table, others by alias."""
    country = resolve_country(name)
    if country is not None:
        return state_party(session=session, country=country)
    return session.scalar(
        select(Party).join(PartyAlias).where(PartyAlias.alias_key == normalize_name(name))
    )


def suggest_parties(*, session: Session, name: str, limit: int = 5) -> list[str]:
    """Closest country and party names, for error messages; never used to save."""
    key = normalize_name(name)
    rows = session.execute(select(PartyAlias.alias_key, Party.name).join(Party)).all()
    by_key = {alias_key: party_name for alias_key, party_name in rows}
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6)
    names = suggest_countries(name, limit) + [by_key[k] for k in close]
    return list(dict.fromkeys(names))[:limit]


def unknown_party_error(*, session: Session, field: str, name: str) -> FieldError:
    suggestions = suggest_parties(session=session, name=name)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    return FieldError(field, name, f"not a known country or party{hint}")


def resolve_party(*, session: Session, name: str, field: str) -> Party:
    party = find_party(session=session, name=name)
    if party is None:
        raise InvalidInput([unknown_party_error(session=session, field=field, name=name)])
    return party


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


def add_party(*, session: Session, party_in: PartyIn | dict[str, object]) -> Party:
    """Create a company, organisation or non-state actor, or return the existing one."""
    party_in = validate(PartyIn, party_in, "party")
    kind = _party_kind(party_in.kind)
    if kind is PartyKind.STATE:
        raise InvalidInput(
            [FieldError("kind", party_in.kind, "states come from the country table")]
        )
    if resolve_country(party_in.name) is not None:
        raise InvalidInput([FieldError("name", party_in.name, "is the name of a country")])
    party = find_party(session=session, name=party_in.name)
    if party is None:
        country = resolve_country(party_in.country) if party_in.country else None
        if party_in.country and country is None:
            raise InvalidInput(
                [unknown_party_error(session=session, field="country", name=party_in.country)]
            )
        party = Party(kind=kind, name=party_in.name, country_iso3=country and country.iso3)
        session.add(party)
        session.flush()
    _add_aliases(session, PartyAlias, "party_id", party.id, [party_in.name, *party_in.aliases])
    return party


def _party_kind(text: str) -> PartyKind:
    try:
        return PartyKind(text)
    except ValueError:
        allowed = ", ".join(kind.value for kind in PartyKind)
        raise InvalidInput([FieldError("kind", text, f"must be one of {allowed}")]) from None


# --- platforms ---------------------------------------------------------------------------


def find_platform(*, session: Session, name: str) -> Platform | None:
    return session.scalar(
        select(Platform).join(PlatformAlias).where(PlatformAlias.alias_key == normalize_name(name))
    )


def suggest_platforms(*, session: Session, name: str, limit: int = 5) -> list[str]:
    key = normalize_name(name)
    rows = session.execute(select(PlatformAlias.alias_key, Platform.designation).join(Platform))
    by_key = {alias_key: designation for alias_key, designation in rows}
    containing = [designation for alias_key, designation in by_key.items() if key in alias_key]
    close = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=limit)]
    return list(dict.fromkeys(containing + close))[:limit]


def resolve_platform(*, session: Session, name: str, field: str = "platform") -> Platform:
    platform = find_platform(session=session, name=name)
    if platform is None:
        suggestions = suggest_platforms(session=session, name=name)
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise InvalidInput([FieldError(field, name, f"not a known platform{hint}")])
    return platform


def add_platform(*, session: Session, platform_in: PlatformIn | dict[str, object]) -> Platform:
    """Create a platform with its aliases and manufacturers, or return the existing one."""
    platform_in = validate(PlatformIn, platform_in, "platform")
    platform = find_platform(session=session, name=platform_in.designation)
    if platform is None:
        makers = [
            resolve_party(session=session, name=maker, field="manufacturers")
            for maker in platform_in.manufacturers
        ]
        origin = (
            resolve_party(session=session, name=platform_in.country_of_origin, field="country")
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


# --- sources and citations ---------------------------------------------------------------


def add_source(*, session: Session, source_in: SourceIn | dict[str, object]) -> Source:
    """Store a source document, or return the one already stored under the same ref."""
    source_in = validate(SourceIn, source_in, "source")
    if source_in.ref:
        existing = session.scalar(select(Source).where(Source.ref == source_in.ref))
        if existing is not None:
            return existing
    source = Source(**source_in.model_dump())
    session.add(source)
    session.flush()
    return source


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def _comparable(text: str) -> str:
    # Line wrapping and curly-vs-straight quotes are not part of what a source says.
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def quote_occurs(quote: str, text: str) -> bool:
    return _comparable(quote) in _comparable(text)


def find_source(*, session: Session, ref: str) -> Source | None:
    return session.scalar(select(Source).where(Source.ref == ref))


def add_citation(
    *,
    session: Session,
    deal: Deal,
    citation_in: CitationIn | dict[str, object],
    event: Event | None = None,
) -> Citation:
    """Cite a source for a deal field or an event; the quote must occur in the source."""
    citation_in = validate(CitationIn, citation_in, "citation")
    field = citation_in.field
    if event is None and field is None:
        raise InvalidInput([FieldError("field", None, "name the deal field this quote supports")])
    if field is not None and field not in CITABLE_FIELDS:
        allowed = ", ".join(sorted(CITABLE_FIELDS))
        raise InvalidInput([FieldError("field", field, f"not a citable field ({allowed})")])
    source = find_source(session=session, ref=citation_in.source)
    if source is None:
        raise InvalidInput([FieldError("source", citation_in.source, "no source with this ref")])
    if not source.text:
        raise QuoteNotInSource(f"source {source.ref!r} has no stored text to check quotes against")
    if not quote_occurs(citation_in.quote, source.text):
        raise QuoteNotInSource(f"quote not found in source {source.ref!r}: {citation_in.quote!r}")
    citation = Citation(source=source, deal=deal, event=event, field=field, quote=citation_in.quote)
    session.add(citation)
    return citation


# --- deals and events --------------------------------------------------------------------


def resolve_names(session: Session, deal_in: DealIn) -> tuple[Party, Party, Platform]:
    """Resolve buyer, seller and platform together so one message lists every bad name."""
    errors: list[FieldError] = []
    resolved: dict[str, Party | Platform] = {}
    for field in ("buyer", "seller"):
        name = getattr(deal_in, field)
        party = find_party(session=session, name=name)
        if party is None:
            errors.append(unknown_party_error(session=session, field=field, name=name))
        else:
            resolved[field] = party
    try:
        resolved["platform"] = resolve_platform(session=session, name=deal_in.platform)
    except InvalidInput as exc:
        errors.extend(exc.errors)
    if errors:
        raise InvalidInput(errors)
    buyer, seller, platform = resolved["buyer"], resolved["seller"], resolved["platform"]
    assert isinstance(buyer, Party) and isinstance(seller, Party)
    assert isinstance(platform, Platform)
    return buyer, seller, platform


SCALAR_FIELDS = (
    "ref",
    "programme",
    "quantity_ordered",
    "quantity_ordered_estimated",
    "quantity_unit",
    "quantity_delivered",
    "quantity_delivered_estimated",
    "delivered_exceeds_ordered",
    "condition",
    "local_production",
    "value_amount",
    "value_currency",
    "value_year",
    "value_kind",
    "value_at_least",
    "tiv_per_unit",
    "tiv_total_order",
    "tiv_delivered",
    "status",
    "order_date_estimated",
    "deliveries_expected",
    "notes",
)


def date_columns(deal_in: DealIn) -> dict[str, Any]:
    """The deal columns a DealIn's partial dates fill: each date, its precision, and the
    denormalised order year. Shared by creating, editing and bulk importing."""
    order, first, last = deal_in.order_date, deal_in.first_delivery_date, deal_in.last_delivery_date
    return {
        "order_date": order.value if order else None,
        "order_date_precision": order.precision if order else None,
        "order_year": order.value.year if order else None,
        "first_delivery_date": first.value if first else None,
        "first_delivery_precision": first.precision if first else None,
        "last_delivery_date": last.value if last else None,
        "last_delivery_precision": last.precision if last else None,
    }


def create_deal(*, session: Session, deal_in: DealIn | dict[str, object]) -> Deal:
    """Validate and store a new deal with its participants."""
    deal_in = validate(DealIn, deal_in, "deal")
    buyer, seller, platform = resolve_names(session, deal_in)
    deal = Deal(buyer=buyer, seller=seller, platform=platform)
    for field in SCALAR_FIELDS:
        setattr(deal, field, getattr(deal_in, field))
    for column, value in date_columns(deal_in).items():
        setattr(deal, column, value)
    for participant in deal_in.participants:
        party = resolve_party(session=session, name=participant.party, field="participants")
        deal.participants.append(DealParticipant(party=party, role=participant.role))
    session.add(deal)
    session.flush()
    return deal


def find_deal_by_ref(*, session: Session, ref: str) -> Deal | None:
    return session.scalar(select(Deal).where(Deal.ref == ref))


def add_event(*, session: Session, deal: Deal, event_in: EventIn | dict[str, object]) -> Event:
    """Add a dated entry, with its citations, to a deal's timeline."""
    event_in = validate(EventIn, event_in, "event")
    event = Event(
        deal=deal,
        ref=event_in.ref,
        kind=event_in.kind,
        event_date=event_in.date.value if event_in.date else None,
        date_precision=event_in.date.precision if event_in.date else None,
        description=event_in.description,
        new_status=event_in.new_status,
        quantity=event_in.quantity,
    )
    session.add(event)
    session.flush()
    for citation_in in event_in.citations:
        add_citation(session=session, deal=deal, citation_in=citation_in, event=event)
    return event
