"""Offline country reference: resolves the spellings found in deal sources (SIPRI's included)
to one ISO alpha-3 code and a short display name, without any network access."""

from __future__ import annotations

import csv
import difflib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import pycountry

from tracker.domain.names import normalize_name

_ALIASES_FILE = "country_aliases.csv"
_NAMES_FILE = "country_names.csv"

# pycountry's historic list mixes former states with dependencies, military sites and
# administrative zones. None of these can be an arms supplier or recipient.
_NOT_STATES = frozenset(
    {
        "JTN",  # Johnston Island
        "WAK",  # Wake Island
        "MID",  # Midway Islands
        "CTE",  # Canton and Enderbury Islands
        "NTZ",  # Neutral Zone
        "ATN",  # Dronning Maud Land
        "ATB",  # British Antarctic Territory
        "FXX",  # France, Metropolitan
        "PCZ",  # Panama Canal Zone
        "PUS",  # US Miscellaneous Pacific Islands
        "PCI",  # Pacific Islands (trust territory)
    }
)

# Old codes of a state that still exists under another name. Its old name is a curated
# alias of the current code ("Burma" -> MMR, "East Timor" -> TLS), which is how SIPRI
# records these states for every year; a separate historic entry would make them ambiguous.
_RENAMED_STATES = frozenset({"BUR", "TMP"})

_SUGGEST_CUTOFF = 0.6
# Alpha-3 codes and initials; also the query length below which a prefix match means little.
_CODE_LEN = 3


@dataclass(frozen=True)
class Country:
    """One state, current or historic, with every spelling that resolves to it."""

    iso3: str
    name: str
    historic: bool
    aliases: tuple[str, ...]


def normalize_country_key(text: str) -> str:
    """Return the lookup key of a country name: `normalize_name`, keeping trailing '*'.

    SIPRI marks non-state actors with '*' and international organisations with '**'
    ("Hezbollah (Lebanon)*", "NATO**"). The stars stay in the key so such a name can never
    equal a country's key, even when the rest of it is a country's name.
    """
    stripped = text.rstrip()
    stars = len(stripped) - len(stripped.rstrip("*"))
    return normalize_name(text) + "*" * stars


@functools.lru_cache(maxsize=16_384)  # imports ask for the same few hundred names again and again
def resolve_country(name: str) -> Country | None:
    """Return the country whose alias key is exactly `name`'s key, or None.

    Never fuzzy: a near miss returns None (use `suggest_countries` for the error message).
    """
    return _index().get(normalize_country_key(name))


def country_by_iso3(iso3: str) -> Country | None:
    """Return the country with this ISO 3166 alpha-3 code (case-insensitive), or None."""
    return _by_iso3().get(iso3.strip().upper())


def suggest_countries(name: str, limit: int = 5) -> list[str]:
    """Return display names of the countries closest to `name`, best first.

    For error messages only: never store a suggestion without a person choosing it.
    Names marked as non-state actors or organisations get no suggestions, since offering
    "Lebanon" for "Hezbollah (Lebanon)*" would invite exactly the wrong fix.
    """
    if limit <= 0 or normalize_country_key(name).endswith("*"):
        return []
    query = normalize_name(name)
    if not query:
        return []
    long_query = len(query.replace(" ", "")) > _CODE_LEN
    best: dict[str, tuple[float, float]] = {}
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(query)
    for key, country in _index().items():
        # Codes and initials ("sun", "u s a") are close to any short word; only a short
        # query should be compared with them.
        if long_query and len(key.replace(" ", "")) <= _CODE_LEN:
            continue
        matcher.set_seq1(key)
        ratio = matcher.ratio()
        score = ratio
        if long_query:
            if key.startswith(query):
                score = max(score, 0.95)
            elif f" {query}" in f" {key}":
                score = max(score, 0.85)
        if score >= _SUGGEST_CUTOFF and (score, ratio) > best.get(country.name, (0.0, 0.0)):
            best[country.name] = (score, ratio)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    return [display for display, _ in ranked[:limit]]


def all_countries() -> list[Country]:
    """Return every country, current and historic, sorted by display name."""
    return list(_countries())


@functools.cache
def _countries() -> tuple[Country, ...]:
    overrides: dict[str, dict[str, str]] = {}
    for row in _read_csv(_NAMES_FILE, ("iso3", "name", "historic")):
        if overrides.setdefault(row["iso3"], row) is not row:
            raise ValueError(f"{_NAMES_FILE}: {row['iso3']} listed twice")
    curated: dict[str, list[str]] = {}
    for row in _read_csv(_ALIASES_FILE, ("iso3", "alias")):
        curated.setdefault(row["iso3"], []).append(row["alias"])

    # pycountry's records are typed loosely; keep the fields we use as plain strings.
    records: dict[str, tuple[bool, list[str | None]]] = {}
    for record in pycountry.countries:
        records[record.alpha_3] = (False, _pycountry_names(record))
    for record in pycountry.historic_countries:
        code = record.alpha_3
        if code in _NOT_STATES or code in _RENAMED_STATES or code in records:
            continue
        records[code] = (True, _pycountry_names(record))

    for code, row in overrides.items():
        historic = _parse_bool(row["historic"], _NAMES_FILE)
        if code in records and records[code][0] != historic:
            raise ValueError(f"{_NAMES_FILE}: {code} historic={historic} contradicts pycountry")
        if code not in records:
            records[code] = (historic, [])

    unknown = sorted(set(curated) - set(records))
    if unknown:
        raise ValueError(f"{_ALIASES_FILE}: unknown iso3 codes {unknown}")

    countries = []
    for code, (historic, names) in records.items():
        pycountry_name, official, common = names or [None, None, None]
        override = overrides.get(code)
        # A curated override wins over pycountry's common name: it exists to fix one.
        display = override["name"] if override else (common or pycountry_name)
        if not display:
            raise ValueError(f"{code} has no display name")
        spellings = [display, pycountry_name, official, common, code, *curated.get(code, [])]
        aliases = tuple(dict.fromkeys(s for s in spellings if s))
        countries.append(Country(iso3=code, name=display, historic=historic, aliases=aliases))
    countries.sort(key=lambda country: (normalize_name(country.name), country.iso3))
    return tuple(countries)


@functools.cache
def _index() -> dict[str, Country]:
    return _build_index(_countries())


@functools.cache
def _by_iso3() -> dict[str, Country]:
    return {country.iso3: country for country in _countries()}


def _build_index(countries: Iterable[Country]) -> dict[str, Country]:
    """Map every alias key to its country; raise if a key would name two countries."""
    index: dict[str, Country] = {}
    clashes: list[str] = []
    for country in countries:
        for alias in country.aliases:
            key = normalize_name(alias)
            if not key:
                raise ValueError(f"{country.iso3}: alias {alias!r} has an empty key")
            other = index.setdefault(key, country)
            if other.iso3 != country.iso3:
                clashes.append(f"{key!r}: {other.iso3} and {country.iso3}")
    if clashes:
        raise ValueError("ambiguous country aliases: " + "; ".join(clashes))
    return index


def _pycountry_names(record: object) -> list[str | None]:
    return [getattr(record, field, None) for field in ("name", "official_name", "common_name")]


def _parse_bool(value: str, source: str) -> bool:
    lowered = value.strip().lower()
    if lowered not in {"true", "false"}:
        raise ValueError(f"{source}: expected true or false, got {value!r}")
    return lowered == "true"


def _read_csv(filename: str, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Yield the rows of a bundled CSV, skipping blank lines and '#' comments."""
    text = resources.files("tracker").joinpath("data", filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != columns:
        raise ValueError(f"{filename}: expected columns {columns}, got {reader.fieldnames}")
    for row in reader:
        values = {column: (row.get(column) or "").strip() for column in columns}
        if not all(values.values()):
            raise ValueError(f"{filename}: incomplete row {row}")
        yield values
