"""SIPRI's armament category, read from a weapon description ("SAM system", "APC")."""

from __future__ import annotations

import functools
import re

from tracker.domain.vocab import Category


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# First match wins, so the specific phrases come before the words they contain:
# "naval gun" before "gun", "SAM system" before "SAM", "aircraft engine" before "aircraft",
# "anti-ship missile" is no ship, "missile boat" is no missile.
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], Category], ...] = (
    (
        _words(
            r"naval (?:guns?|sam systems?|missile launchers?|mines?)",
            r"ship-?borne",
            r"torpedo(?:es)?(?![ -]boats?)",
            r"depth charges?",
            r"asw (?:rocket launchers?|mortars?|rockets?|weapons?)",
        ),
        Category.NAVAL_WEAPONS,
    ),
    (
        _words(
            r"(?:sam|ad|air[ -]defen[cs]e|anti-aircraft|aa) systems?",
            r"spaags?",
            r"(?:anti-aircraft|aa|air[ -]defen[cs]e) guns?",
        ),
        Category.AIR_DEFENCE,
    ),
    (_words(r"tank destroyers?"), Category.ARMOURED_VEHICLES),
    (
        _words(
            r"engines?",
            r"(?:turbofan|turbojet|turboprop|turboshaft)s?(?![\w /-]*\b(?:aircraft|helicopter))",
            r"diesels?",
            r"gas turbines?",
        ),
        Category.ENGINES,
    ),
    (_words(r"radars?", r"sonars?", r"fire[ -]control", r"sensors?"), Category.SENSORS),
    (_words(r"satellites?"), Category.SATELLITES),
    (
        _words(
            r"frigates?",
            r"corvettes?",
            r"destroyers?",
            r"(?<!anti-)submarines?",
            r"(?<!anti-)ships?",
            r"boats?",
            r"gunboats?",
            r"craft",
            r"hovercraft",
            r"vessels?",
            r"opvs?",
            r"fac",
            r"mine(?:hunter|sweeper|layer)s?",
            r"tugs?",
            r"icebreakers?",
        ),
        Category.SHIPS,
    ),
    (
        _words(
            r"(?<!anti-)aircraft",
            r"helicopters?",
            r"uavs?",
            r"ucavs?",
            r"fga",
            r"aew(?:&c)?",
            r"tankers?",
            r"airships?",
            r"fighters?",
            r"bombers?",
        ),
        Category.AIRCRAFT,
    ),
    (
        _words(
            r"missiles?",
            r"sams?",
            r"ssms?",
            r"aams?",
            r"asms?",
            r"bvraams?",
            r"atgms?",
            r"manpads",
            r"anti-tank(?! guns?)",
            r"anti-ship",
            r"guided (?:bombs?|rockets?|shells?)",
        ),
        Category.MISSILES,
    ),
    (
        _words(
            r"apcs?",
            r"ifvs?",
            r"(?<!anti-)tanks?",
            r"armou?red",
            r"afvs?",
            r"apvs?",
            r"arvs?",
            r"aevs?",
            r"half-tracks?",
            r"mraps?",
            r"personnel carriers?",
            r"infantry fighting vehicles?",
            r"scout cars?",
        ),
        Category.ARMOURED_VEHICLES,
    ),
    (
        _words(r"guns?", r"howitzers?", r"mortars?", r"mrls?", r"rocket launchers?"),
        Category.ARTILLERY,
    ),
    (_words(r"asw", r"anti-submarine", r"mines?"), Category.NAVAL_WEAPONS),
    (_words(r"sigint", r"elint", r"comint"), Category.SENSORS),
)


@functools.lru_cache(maxsize=4096)
def category_from_description(description: str) -> Category | None:
    """SIPRI's armament category implied by a weapon description ("SAM system", "APC")."""
    for pattern, category in _CATEGORY_RULES:
        if pattern.search(description):
            return category
    return None
