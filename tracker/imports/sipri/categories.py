"""SIPRI's armament category, read from a weapon description ("SAM system", "APC")."""

from __future__ import annotations

import functools
import re

from tracker.domain.vocab import Category


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# First match wins, so the specific phrases come before the words they contain:
# "naval gun" before "gun", "SAM system" before "SAM", "aircraft engine" before "aircraft",
# "aircraft carrier" is a ship, "anti-ship missile" is no ship, "missile boat" is no
# missile. Only the description counts: "COBRA" is a missile, a radar and an APC.
_CATEGORY_RULES: tuple[tuple[re.Pattern[str], Category], ...] = (
    (
        _words(
            r"naval (?:guns?|sam systems?|missile launchers?|mines?)",
            r"ship-?borne",
            r"ciws",
            r"torpedo(?:es)?(?![ -]boats?)",
            r"depth charges?",
            r"asw (?:rocket launchers?|mortars?|rockets?|weapons?)",
        ),
        Category.NAVAL_WEAPONS,
    ),
    # SIPRI's "Other": turrets for armoured vehicles and ships, air-refuelling systems.
    (
        _words(r"turrets?", r"(?:air[ -])?refuell?ing (?:systems?|pods?|kits?)"),
        Category.OTHER,
    ),
    (
        _words(
            r"(?:sam|ad|air[ -]defen[cs]e|anti-aircraft|aa|shorad) systems?",
            r"spaags?",
            r"(?:anti-aircraft|aa|air[ -]defen[cs]e|ad) guns?",
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
    (
        _words(
            r"(?<!anti-)radars?",
            r"sonars?",
            r"fire[ -]control",
            r"sensors?",
            r"eo",
            r"electro-?optical",
            r"irst",
            r"(?:targeting|reconnaissance) pods?",
        ),
        Category.SENSORS,
    ),
    (_words(r"satellites?"), Category.SATELLITES),
    (
        _words(
            r"(?:aircraft|helicopter) carriers?",
            r"frigates?",
            r"corvettes?",
            r"destroyers?",
            r"cruisers?",
            r"(?<!anti-)submarines?",
            r"(?<!anti-)ships?",
            r"boats?",
            r"gunboats?",
            r"craft",
            r"hovercraft",
            r"vessels?",
            r"opvs?",
            r"fac",
            r"l(?:pd|hd|sd|st|sm|ct|cu|cm|ha|cac)s?",
            r"mcmvs?",
            r"mine(?:hunter|sweeper|layer)s?",
            r"tankers?(?![\w /&-]*\baircraft)",
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
            r"airships?",
            r"fighters?",
            r"bombers?",
            r"trainers?",
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
            r"[smi]rbms?",
            r"icbms?",
            r"anti-tank(?! guns?)",
            r"anti-ship",
            r"(?:guided|glide) (?:[\w-]+ )?(?:bombs?|rockets?|shells?|munitions?)",
            r"loitering munitions?",
            r"coastal defen[cs]e systems?",
        ),
        Category.MISSILES,
    ),
    (
        _words(
            r"apcs?",
            r"ifvs?",
            r"mbts?",
            r"(?<!anti-)tanks?",
            r"armou?red",
            r"afvs?",
            r"apvs?",
            r"arvs?",
            r"aevs?",
            r"avlbs?",
            r"bridge-?layers?",
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
