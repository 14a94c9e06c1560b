"""The names extraction recognises, and where they stand in a text.

A gazetteer of states (every spelling the tracker resolves, demonyms, capitals standing
for governments), companies (with their home state) and platforms (with category,
origin and makers). The database's parties and platforms, a SIPRI import's included,
come first; `tracker/data/extract_lexicon.yaml` fills in for a fresh installation.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Literal

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.countries import all_countries
from tracker.domain.vocab import PartyKind
from tracker.extract.text import Token, tokens, word_key, word_set
from tracker.store.models import Party, Platform

Kind = Literal["state", "company", "platform", "region"]
MAX_WORDS = 6  # the longest name looked for, in words ("United Kingdom of Great Britain ...")
# A short name defined in brackets after a long one: "(HD HHI)", "(KAI)", "(MRTT)".
_DEFINED = re.compile(r"\((?P<short>[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*(?: [A-Z][A-Za-z&-]+)?)\)")
# A state's force written out: "Pakistan Air Force", "Royal Thai Navy", "Indian Army"
_A_STATE_S_FORCE = re.compile(
    r"\b(?:[A-Z][a-z]+\s+){1,3}(?:Air\s+Force|Navy|Army|Coast\s+Guard|Marine\s+Corps)\b"
)
# A state's force or buying body, written out before the short name it is given:
# "Panama's National Aeronaval Service (SENAN)", "the Peruvian Naval Aviation (AVINAV)"
_A_STATE_S_BODY = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+|of\s+|and\s+){0,5}"
    r"(?:Service|Navy|Army|Force|Guard|Corps|Gendarmerie|Aviation)\s*"
)
# "Abu Dhabi-based Calidus": a place, "-based", a capitalised name
_BASED = re.compile(
    r"\b(?P<place>[A-Z]\w*(?: [A-Z]\w*){0,2})-based (?P<firm>[A-Z][\w&-]*(?: [A-Z][\w&-]*)?)"
)
# Forces a translated article may call "the Royal Navy" that are another kingdom's: the
# Marine royale of Morocco, the Royal Navy of Oman, the Royal Thai Navy ...
_ROYAL_FORCE = re.compile(r"\bRoyal (?:Navy|Air Force|Army)\b")
_KINGDOMS = frozenset({"MAR", "OMN", "BRN", "JOR", "BHR", "SAU", "THA", "MYS", "KHM", "NLD",
                       "NOR", "DNK", "BEL", "SWE", "ESP", "SWZ", "LSO", "TON"})  # fmt: skip
_BRITISH = re.compile(
    r"\b(?:United Kingdom|Britain|British|UK|U\.K\.|London|England|English|Scotland|Scottish"
    r"|Wales|Welsh|Whitehall|MoD|HMS)\b"
)
# Country words in companies' names that are not the country's own name.
_NATIONAL_ARMS = {"deutschland": "germany", "italia": "italy", "espana": "spain",
                  "polska": "poland", "nederland": "netherlands", "sverige": "sweden"}  # fmt: skip
_MADE = re.compile(r"^(?P<who>.+?)-(?:made|built|designed|developed|produced|manufactured)$")


@dataclass(frozen=True)
class Entry:
    """One thing a name can stand for."""

    kind: Kind
    name: str  # the canonical name: the tracker's own where it has one
    iso3: str | None = None  # a state's code; a company's or platform's home state
    category: str | None = None  # platforms
    makers: tuple[str, ...] = ()  # platforms
    stored: bool = False  # known to the database (not only to the shipped list)
    form: str = "name"  # a state's: "name", "demonym", "capital" or "service"
    base: str | None = None  # a variant's known platform: "F-16AM/BM" of the F-16
    # a company with works in several states (Airbus: C295s from Spain, H145Ms from
    # Germany): its types are sold from their own origin, not the group's home
    multinational: bool = False
    single: bool = False  # a ship written by its own name ("INS Kirpan"): one of it

    @property
    def family(self) -> str:
        """What variants of one platform share: "F-16 Block 70 Viper" and "F-16" -> f16."""
        return platform_family(self.base or self.name)


@dataclass(frozen=True)
class Mention:
    entry: Entry
    start: int  # character offsets in the article
    end: int
    first: int  # token indexes: tokens[first:last] are the mention
    last: int
    text: str
    made: bool = False  # "Russian-made": says who made it, so who sold it


def platform_family(designation: str) -> str:
    """What versions of one design share: its designation's first word when that holds a
    number ("F-16 Block 70 Viper" and "F-16 Fighting Falcon": f16), else its first two
    ("Leopard 2A8": leopard2a8 is not Leopard 1; "Bayraktar TB2" is not "Bayraktar
    Akinci")."""
    # "Jose Rizal-class frigate" and "Jose Rizal class" are one class
    designation = re.sub(r"[- ]class\b.*$", "", designation, flags=re.IGNORECASE) or designation
    words = designation.split()
    family = word_key(words[0]) if words else ""
    if len(words) > 1 and not any(ch.isdigit() for ch in family):
        family += word_key(words[1])
    return family


@dataclass
class Gazetteer:
    names: dict[str, Entry] = field(default_factory=dict)
    # A known company's first word, for the group's other companies: "Mitsubishi
    # Electric Corp." is Japanese as "Mitsubishi Heavy Industries" is. None: ambiguous.
    company_words: dict[str, str | None] = field(default_factory=dict)

    def add(self, name: str, entry: Entry) -> None:
        key = word_key(name)
        if key and len(name.split()) <= MAX_WORDS:
            self.names.setdefault(key, entry)
            if re.search(r"\w['’]s\b", name):
                # a text's tokens read "David's" as "david": "David's Sling" is "davidsling"
                self.names.setdefault(word_key(re.sub(r"['’]s\b", "", name)), entry)
        first = word_key(name.split()[0]) if name.split() else ""
        if (
            entry.kind == "company"
            and len(first) >= 4
            and len(name.split()) > 1
            and first not in _COMMON_FIRST_WORDS
        ):
            known = self.company_words.setdefault(first, entry.iso3)
            if known != entry.iso3:
                self.company_words[first] = None

    def known_prefix(self, key: str) -> Entry | None:
        """The known platform a designation's key extends by a short version mark:
        "f16ambm" of "f16", not "f1" of anything (the known key holds a number)."""
        for cut in range(len(key) - 1, max(1, len(key) - 6), -1):
            entry = self.names.get(key[:cut])
            if (
                entry is not None
                and entry.kind == "platform"
                and any(ch.isdigit() for ch in key[:cut])
                and not key[cut].isdigit()
            ):
                return entry
        return None

    def with_abbreviations(self, text: str) -> Gazetteer:
        """This gazetteer and the short names an article defines for names it knows:
        "HD Hyundai Heavy Industries (HD HHI)" makes a later "HD HHI" the company."""
        defined: dict[str, Entry] = {}
        for match in _DEFINED.finditer(text):
            key = word_key(match["short"])
            if key in defined:
                continue
            before = tokens(text[max(0, match.start() - 80) : match.start()])
            known = self.names.get(key)
            if known is not None:
                # "The Republic of Singapore Air Force (RSAF)": not the Saudi one; "the Royal
                # Cambodian Armed Forces (RCAF)": not the Canadian one
                state = self._state_named_in(before[-6:]) or self._state_s_force_before(before)
                if known.form == "service" and state is not None and state.iso3 != known.iso3:
                    defined[key] = replace(state, form="service")
                continue
            for size in range(min(MAX_WORDS, len(before)), 0, -1):
                entry = self.names.get("".join(word.key for word in before[-size:]))
                if entry is not None and entry.kind != "state":
                    defined[key] = entry
                    break
            else:
                body = self._state_s_body(text[max(0, match.start() - 100) : match.start()])
                if body is not None:
                    defined[key] = body  # "Panama's National Aeronaval Service (SENAN)"
        defined.update(
            (key, entry)
            for key, entry in self._forces_by_initials(text).items()
            if key not in defined and key not in self.names
        )
        defined.update(self._another_kingdom_s_royal_forces(text))
        defined.update(
            (key, entry)
            for key, entry in self._companies_based_in(text).items()
            if key not in defined and key not in self.names
        )
        if not defined:
            return self
        return Gazetteer({**self.names, **defined}, self.company_words)

    def _state_s_body(self, before: str) -> Entry | None:
        """The state whose force or buying body the words before a bracket name:
        "Panama's National Aeronaval Service", "the Panamanian Aeronaval Service"."""
        for start in (m.start() for m in re.finditer(r"\b(?=[A-Z])", before)):
            words = before[start:].split(maxsplit=3)
            for size in (3, 2, 1):  # "Papua New Guinea", not "Guinea"
                name = " ".join(words[:size])
                state = self.names.get(word_key(name.removesuffix("'s").removesuffix("’s")))
                rest = before[start + len(name) :] if before[start:].startswith(name) else None
                if (
                    state is not None
                    and state.kind == "state"
                    and all(re.fullmatch(r"[A-Z][\w.'’-]*", word) for word in words[:size])
                    and rest is not None
                    and _A_STATE_S_BODY.fullmatch(rest)
                ):
                    return replace(state, form="service")
        return None

    def _companies_based_in(self, text: str) -> dict[str, Entry]:
        """ "Abu Dhabi-based Calidus", "Ankara-based Nurol": an unlisted firm of the state
        its base is in (a state's own name, or its capital)."""
        found: dict[str, Entry] = {}
        for match in _BASED.finditer(text):
            words = match["place"].split()
            place = next(
                (
                    entry
                    for start in range(len(words))  # "Command. Abu Dhabi": its last words
                    if (entry := self.names.get(word_key(" ".join(words[start:])))) is not None
                ),
                None,
            )
            if place is None or place.kind != "state" or place.form not in ("name", "capital"):
                continue
            found.setdefault(
                word_key(match["firm"]), Entry("company", match["firm"], iso3=place.iso3)
            )
        return found

    def _another_kingdom_s_royal_forces(self, text: str) -> dict[str, Entry]:
        """ "The Royal Navy is to receive two new Gowind 2500 corvettes", in a Moroccan
        outlet that names no Briton: the Marine royale, translated. An article that names
        the United Kingdom keeps the British forces."""
        if not _ROYAL_FORCE.search(text) or _BRITISH.search(text):
            return {}
        named = Counter(
            m.entry.iso3
            for m in self.find(tokens(text), text)
            if m.entry.kind == "state" and m.entry.iso3 in _KINGDOMS
        )
        if not named:
            return {}
        iso3 = named.most_common(1)[0][0]
        state = next(
            e
            for e in self.names.values()
            if e.kind == "state" and e.iso3 == iso3 and e.form == "name"
        )  # every kingdom listed has its name among the countries'
        return {
            word_key(force): replace(state, form="service")
            for force in ("Royal Navy", "Royal Air Force", "Royal Army")
        }

    def _forces_by_initials(self, text: str) -> dict[str, Entry]:
        """A state's force written out and used by its initials in the same article: "the
        Pakistan Air Force ... the PAF's F-16s" (elsewhere "PAF" is the Philippine one)."""
        found: dict[str, Entry] = {}
        for match in _A_STATE_S_FORCE.finditer(text):
            words = tokens(match[0])
            state = next(
                (
                    entry
                    for word in words
                    if (entry := self.names.get(word.key)) is not None and entry.kind == "state"
                ),
                None,
            )
            initials = "".join(word.text[0] for word in words if word.text[:1].isupper())
            if state is None or len(initials) < 3 or not re.search(rf"\b{initials}\b", text):
                continue
            found.setdefault(word_key(initials), replace(state, form="service"))
        return found

    def _state_s_force_before(self, words: Sequence[Token]) -> Entry | None:
        """The state whose force's full name ends just before a bracket."""
        for size in range(min(MAX_WORDS, len(words)), 1, -1):
            entry = self.names.get("".join(word.key for word in words[-size:]))
            if entry is not None and entry.kind == "state" and entry.form == "service":
                return entry
        return None

    def _state_named_in(self, words: Sequence[Token]) -> Entry | None:
        """A state's own name among a few words ("Republic of Singapore Air Force")."""
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                entry = self.names.get("".join(w.key for w in words[start : start + size]))
                if entry is not None and entry.kind == "state" and entry.form == "name":
                    return entry
        return None

    def find(self, tokens: Sequence[Token], text: str) -> list[Mention]:
        """Every name in the tokens, longest first, none overlapping."""
        found: list[Mention] = []
        index = 0
        while index < len(tokens):
            mention = self._longest_at(tokens, index, text)
            if mention is None:
                index += 1
                continue
            found.append(mention)
            index = mention.last
            owned = self._owned_company(tokens, mention, text)
            if owned is not None:
                found.append(owned)
                index = owned.last
        return found

    def _owned_company(self, tokens: Sequence[Token], state: Mention, text: str) -> Mention | None:
        """ "South Africa's Paramount Group has delivered": an unlisted company after a
        state's possessive, its capitalised name ending in a company word, is that state's."""
        at = state.last
        if (
            state.entry.kind != "state"
            or not tokens[at - 1].possessive
            or at >= len(tokens)
            or self._longest_at(tokens, at, text) is not None
        ):
            return None
        end = at
        while (
            end < len(tokens)
            and end - at < 4
            and tokens[end].text[:1].isupper()
            and (end == at or text[tokens[end - 1].end : tokens[end].start] == " ")
        ):
            if tokens[end].key in _OWNED_COMPANY_WORDS:
                spelled = text[tokens[at].start : tokens[end].end]
                company = Entry("company", spelled, iso3=state.entry.iso3)
                return Mention(company, tokens[at].start, tokens[end].end, at, end + 1, spelled)
            end += 1
        return None

    def _national_arm(
        self, tokens: Sequence[Token], first: int, last: int, entry: Entry, text: str
    ) -> Mention:
        """A company's national arm is of that nation: "MBDA UK", "KNDS Deutschland"; not
        "Hanwha's Australian subsidiary", the firm's own arm abroad."""
        for size in (2, 1) if not tokens[last - 1].possessive else ():
            words = tokens[last : last + size]
            if len(words) < size:
                continue
            state = self.names.get("".join(w.key for w in words))
            if state is None and len(words) == 1:
                state = self.names.get(_NATIONAL_ARMS.get(words[0].key, ""))
            if (
                state is not None
                and state.kind == "state"
                and _written_as_name(text[words[0].start : words[-1].end], state)
            ):
                end = words[-1].end
                arm = Entry("company", text[tokens[first].start : end], iso3=state.iso3)
                return Mention(arm, tokens[first].start, end, first, last + size,
                               text[tokens[first].start : end])  # fmt: skip
        end = tokens[last - 1].end
        return Mention(
            entry, tokens[first].start, end, first, last, text[tokens[first].start : end]
        )

    def _group_company(self, tokens: Sequence[Token], index: int, text: str) -> Mention | None:
        """An unlisted company of a known group: its capitalised words from the group's."""
        first = tokens[index]
        iso3 = self.company_words.get(first.key)
        if iso3 is None or not first.text[:1].isupper():
            return None
        last = index + 1
        while last < len(tokens) and last - index < 5 and tokens[last].text[:1].isupper():
            if self.names.get(tokens[last].key) is not None:
                break
            if text[tokens[last - 1].end : tokens[last].start] != " ":
                break  # "(Korea Wire) - South Korea's": a name does not cross punctuation
            last += 1
        if last == index + 1:
            return None
        spelled = text[first.start : tokens[last - 1].end]
        entry = Entry("company", spelled, iso3=iso3)
        return Mention(entry, first.start, tokens[last - 1].end, index, last, spelled)

    def _of_a_state(self, tokens: Sequence[Token], index: int) -> bool:
        """ "... of Oman", "... of the United Arab Emirates" at `index`."""
        if index + 1 >= len(tokens) or tokens[index].key != "of":
            return False
        for size in (1, 2, 3, 4):
            words = tokens[index + 1 : index + 1 + size]
            if words and words[0].key == "the":
                words = tokens[index + 2 : index + 2 + size]
            entry = self.names.get("".join(w.key for w in words))
            if entry is not None and entry.kind == "state":
                return True
        return False

    def _longest_at(self, tokens: Sequence[Token], index: int, text: str) -> Mention | None:
        for size in range(min(MAX_WORDS, len(tokens) - index), 0, -1):
            words = tokens[index : index + size]
            start, end = words[0].start, words[-1].end
            if "\n" in text[start:end]:
                continue
            if size > 1 and words[-1].text in _GLUED_WORDS:
                continue  # "Pakistan is" is no "Pakistanis": keys join words unspaced
            key = "".join(word.key for word in words)
            spelled = text[start:end]
            entry = self.names.get(key)
            if entry is None and size == 1:
                made = _MADE.match(words[0].bare)
                maker = self.names.get(word_key(made.group("who"))) if made else None
                if (
                    made is not None
                    and maker is not None
                    and maker.kind != "platform"
                    and _written_as_name(made.group("who"), maker)
                ):
                    return Mention(maker, start, end, index, index + 1, spelled, made=True)
            if entry is None and key.endswith("s") and (len(key) > 3 or key[-2:-1].isdigit()):
                entry = self.names.get(key[:-1])  # "Typhoons", "F-16s"
                if entry is not None and entry.kind != "platform":
                    entry = None
            if (
                entry is not None
                and entry.form == "service"
                and self._of_a_state(tokens, index + size)
            ):
                continue  # "the Royal Air Force of Oman": Oman's, not Britain's
            if entry is not None and _written_as_name(spelled, entry):
                if entry.kind == "company":
                    return self._national_arm(tokens, index, index + size, entry, text)
                if entry.kind == "state" and entry.form == "name":
                    company = _state_company(tokens, index, index + size, entry, text)
                    if company is not None:
                        return company
                return Mention(entry, start, end, index, index + size, spelled)
        return self._group_company(tokens, index, text)


# Small lowercase words no name ends with, which joined to a name's key spell another
# ("Pakistan is" and "Pakistanis", "Israel is" and "Israelis")
_GLUED_WORDS = frozenset({"is", "as", "us", "in", "an", "at", "on", "or", "of", "s"})


# Company names' first words that say nothing of the group: "Naval Group" does not make
# a "Naval Shipyard" French, nor "General Dynamics" a "General Staff" American.
_COMMON_FIRST_WORDS = word_set(
    "naval general united national royal state defence defense aerospace aviation "
    "military advanced international federal central northern southern eastern western "
    "new great global first"
)
# Words that make a state's name a company's: "Kazakhstan Engineering", "Indonesia
# Aerospace", "Korea Aerospace Industries" (the listed ones are found as such first).
_COMPANY_WORDS = word_set(
    "engineering aerospace industries industry shipyard shipyards shipbuilding dynamics "
    "systems technologies technology corporation holding holdings electronics "
    "ordnance munitions vehicles motors arms"
)


def _state_company(
    tokens: Sequence[Token], first: int, last: int, state: Entry, text: str
) -> Mention | None:
    """A state's name followed by a company word is a company of that state."""
    if last >= len(tokens) or tokens[last].key not in _COMPANY_WORDS:
        return None
    if not tokens[last].text[:1].isupper() or tokens[last].start != tokens[last - 1].end + 1:
        return None
    end = last + 1
    while end < len(tokens) and end - last < 3 and tokens[end].key in _COMPANY_WORDS:
        end += 1
    spelled = text[tokens[first].start : tokens[end - 1].end]
    company = Entry("company", spelled, iso3=state.iso3)
    return Mention(company, tokens[first].start, tokens[end - 1].end, first, end, spelled)


_OWNED_COMPANY_WORDS = _COMPANY_WORDS | word_set("group shipbuilders")


def _written_as_name(spelled: str, entry: Entry) -> bool:
    """A name in running text is capitalised or carries a digit: "turkey" the bird, "us"
    the pronoun and "hawk" the bird are not names; nor is "a 3.7" (trillion won) the A-37."""
    if spelled[:1].islower() and " " in spelled:
        return False
    if any(ch.isdigit() for ch in spelled):
        return True
    if len(word_key(spelled)) <= 3:
        return spelled.isupper() or spelled.replace(".", "").isupper()
    return spelled[:1].isupper()


@functools.cache
def _shipped() -> dict[str, Any]:
    text = resources.files("tracker.data").joinpath("extract_lexicon.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.cache
def joint_partners() -> dict[str, frozenset[str]]:
    """The partner states of each joint programme, by platform family: Spain's own
    Eurofighters are built at home, not bought from Germany or the United States."""
    return {platform_family(name): frozenset(states)
            for name, states in _shipped()["joint_programmes"].items()}  # fmt: skip


@functools.cache
def ship_prefixes() -> dict[str, str]:
    return {prefix: iso3 for iso3, prefixes in _shipped()["ship_prefixes"].items()
            for prefix in prefixes}  # fmt: skip


_FORMERLY = re.compile(r"\b(?:formerly|previously)(?: known as| named)?\s+$")


def navy_by_ship_prefix(text: str) -> str | None:
    """The state (ISO3) whose ships an article names most ("HMAS Albatross", "the
    destroyer HMAS Hobart"), if it names any; not a ship it once had ("the former INS
    Sindhuvir", "ex-HMS Ocean", "formerly known as INS Tillanchang")."""
    prefixes = ship_prefixes()
    counts = Counter(
        prefixes[match[1]]
        for match in re.finditer(
            r"(?<!\bformer )(?<!\bex-)(?<!\bex )\b([A-Z][A-Za-z]{1,5})\s+(?=[A-Z][a-z])", text
        )
        if match[1] in prefixes
        # "the fast attack craft formerly known as INS Tillanchang"
        and not _FORMERLY.search(text[max(0, match.start() - 30) : match.start()])
    )
    return counts.most_common(1)[0][0] if counts else None


def build_gazetteer(session: Session | None = None) -> Gazetteer:
    """The names to look for: the database's first (when given), then the shipped list."""
    gazetteer = Gazetteer()
    for region in _shipped()["regions"]:
        gazetteer.add(region, Entry("region", region))  # before the states it holds
    states = _state_names(session)
    _add_states(gazetteer, states)
    if session is not None:
        _add_stored(gazetteer, session, states)
    shipped = _shipped()
    for company in shipped["companies"]:
        entry = Entry(
            "company",
            company["name"],
            iso3=company["country"],
            multinational=company.get("multinational", False),
        )
        for name in (company["name"], *company.get("aliases", [])):
            gazetteer.add(name, entry)
    for platform in shipped["platforms"]:
        entry = Entry(
            "platform",
            platform["designation"],
            iso3=platform.get("origin"),
            category=platform["category"],
            makers=tuple(platform.get("makers", [])),
        )
        for name in (platform["designation"], *platform.get("aliases", [])):
            gazetteer.add(name, entry)
    _add_bare_codes(gazetteer)
    return gazetteer


# A designation's code before its name: "FGM-148" of "FGM-148 Javelin", "AGM-158" of
# "AGM-158 JASSM" (not "Type" of "Type 054A": no number in it).
_CODE = re.compile(r"[A-Z]{1,5}-\d{1,4}[A-Z]?")


def _add_bare_codes(gazetteer: Gazetteer) -> None:
    """A platform's code alone names it ("600 FGM-148F missiles": the Javelin's variant),
    where no listed name has it already; after every listed name, so none is shadowed."""
    for entry in list(gazetteer.names.values()):
        if entry.kind != "platform" or entry.stored:
            continue
        words = entry.name.split()
        if len(words) > 1 and _CODE.fullmatch(words[0]):
            gazetteer.names.setdefault(word_key(words[0]), entry)


def _state_names(session: Session | None) -> dict[str, str]:
    """Each state's canonical name by ISO3: the stored party's where there is one."""
    names = {country.iso3: country.name for country in all_countries() if not country.historic}
    if session is not None:
        for iso3, name in session.execute(
            select(Party.iso3, Party.name).where(Party.iso3.is_not(None))
        ):
            if iso3:
                names[iso3] = name
    return names


def _add_states(gazetteer: Gazetteer, names: dict[str, str]) -> None:
    shipped = _shipped()
    for country in all_countries():
        if country.historic or country.iso3 not in names:
            continue
        entry = Entry("state", names[country.iso3], iso3=country.iso3)
        for alias in country.aliases:
            # ISO3 codes read as words ("CAN", "ARE", "PER"); only USA is written so.
            if alias == country.iso3 and alias != "USA":
                continue
            gazetteer.add(alias, entry)
    tables = (
        ("demonym", shipped["demonyms"]),
        ("capital", shipped["capitals"]),
        ("service", shipped["services"]),
    )
    for form, table in tables:
        for iso3, words in table.items():
            if iso3 in names:
                for word in words:
                    gazetteer.add(word, Entry("state", names[iso3], iso3=iso3, form=form))
                    if form == "demonym" and re.fullmatch(r"[A-Z][a-z]+(?:an|i)", word):
                        # the people: "four for the Austrians", "the Israelis"
                        gazetteer.add(word + "s", Entry("state", names[iso3], iso3=iso3, form=form))


def _add_stored(gazetteer: Gazetteer, session: Session, states: dict[str, str]) -> None:
    companies = session.scalars(
        select(Party).where(Party.iso3.is_(None)).options(selectinload(Party.aliases))
    )
    for party in companies:
        if party.kind is PartyKind.UNKNOWN:
            continue
        kind: Kind = "company" if party.kind is PartyKind.COMPANY else "state"
        entry = Entry(kind, party.name, iso3=party.country_iso3, stored=True)
        for name in _party_spellings(party):
            gazetteer.add(name, entry)
    platforms = session.scalars(
        select(Platform).options(
            selectinload(Platform.aliases),
            selectinload(Platform.manufacturers),
            selectinload(Platform.country_of_origin),
        )
    )
    for platform in platforms:
        origin = platform.country_of_origin.iso3 if platform.country_of_origin else None
        entry = Entry(
            "platform",
            platform.designation,
            iso3=origin,
            category=platform.category.value,
            makers=tuple(maker.name for maker in platform.manufacturers),
            stored=True,
        )
        for name in (platform.designation, *(alias.alias for alias in platform.aliases)):
            if _plausible_platform_name(name):
                gazetteer.add(name, entry)


def _party_spellings(party: Party) -> Iterable[str]:
    yield party.name.rstrip("*")
    for alias in party.aliases:
        yield alias.alias.rstrip("*")


def _plausible_platform_name(name: str) -> bool:
    """Designations a text can name: not a lone short word of letters ("AB", "Hawk"
    stays), which would match everywhere."""
    key = word_key(name)
    return len(key) >= 2 and not key.isdigit()
