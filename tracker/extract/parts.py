"""A platform named as a part of another, or as the host of parts: no sale of its own.

"armed with Rheinmetall's 120 mm gun", "The C-390's two IAE V2500-E5 turbofans",
"The export-model K9A1s will be powered by ... MTU engines", "radars ... being fitted to
two Aegis vessels": the words say what is fitted to what, and neither is the deal.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import Mention
from tracker.extract.sentence import Sentence


def part_or_host(sentence: Sentence, platform: Mention) -> bool:
    """The sentence names the platform only as the owner or the host of parts, or as a
    part moved to a host."""
    after = sentence.after(platform.end)
    return (
        _parts_of(sentence, platform)
        or _HOST_OF_PARTS.match(after) is not None
        or _FOR_AN_UPGRADE.match(after) is not None
        or _FITTED_TO.match(after) is not None
        or _the_host_of_munitions(sentence, platform)
        or _included_sensor(sentence, platform)
    )


def names_a_part_s_maker(between: str) -> bool:
    """ "K9A1s will be powered by ... MTU engines from Germany": the text between a
    platform and a "from" says the state that follows made a part."""
    return _POWERED_BY.search(between) is not None


# What a platform is made of, as articles name it
_PART_NOUNS = (
    r"(?:engines?|turbofans?|turboshafts?|turbojets?|transmissions?|gearboxes|power\s?packs?"
    r"|radars?|sonars?|avionics|sensors?|turrets?|landing gears?|propellers?|rotor blades?"
    r"|components?|subsystems?|gun barrels?|tracks|armou?r kits?|remote weapon stations?"
    # "Rafael's Trophy active protection system was chosen for Germany's new Leopard 2A8"
    r"|(?:active\s+)?protection\s+systems?)"
)

# "These tanks are armed with Rheinmetall's 120 mm L55A1 gun": a part of another weapon.
_FITTED_WITH = re.compile(
    r"\b(?:armed|fitted|powered|outfitted)\s+(?:with|by)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w'’.-]+\s+){0,4}$",
    re.IGNORECASE,
)


def fitted_in_another(mention: Mention, before: str) -> bool:
    """ "armed with Rheinmetall's 120 mm gun", "shipping engines ... for Turkey's Altay
    main battle tank": the platform is a part of another, or the host of parts."""
    return mention.entry.kind == "platform" and (
        _FITTED_WITH.search(before[-80:]) is not None
        or _PARTS_FOR.search(before[-100:]) is not None
    )


# "HD Hyundai Infracore is shipping 1,500-horsepower engines, and SNT Dynamics
# transmissions, for Turkey's Altay": parts for a platform, no sale of the platform
_PARTS_FOR = re.compile(
    # (plurals only: not "Despite radar problems, Switzerland confirmed its order for")
    r"\b(?:" + _PART_NOUNS + r"(?<=s)|(?:active\s+)?protection\s+system)\b[^.;:]{0,60}?\bfor\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:[\w'’.-]+\s+){0,3}$",
    re.IGNORECASE,
)


# "The C-390's two IAE V2500-E5 turbofans, supplied by International Aero Engines": the
# platform's parts were supplied, not the platform
_PARTS_OF = re.compile(
    r"^(?:'s|’s|s'|s’)\s+(?:[\w/-]+\s+){0,4}" + _PART_NOUNS + r"\b"
    # "the Altay engines", "F-16 radars": bare, right after the name
    r"|^\s+(?:engines|turbofans|turboshafts|transmissions|gearboxes|power\s?packs)\b",
    re.IGNORECASE,
)


# "The contract, worth DKK2.9 billion, ... includes training, spare parts and Leonardo
# Seaspray 7500E maritime radars": the sensors of the deal named before, no deal of their own
_THE_DEAL_INCLUDES = re.compile(
    r"^(?:The|This|That|Its|Their)\s+(?:[\w-]+\s+)?(?:contract|deal|agreement|order|purchase|"
    r"acquisition|sale)\b(?:[^.;]|\.\d)*?\b(?:includes?|including|comprises?|comprising|"
    r"covers?|covering)\b(?:[^.;]|\.\d)*$"
)


def _included_sensor(sentence: Sentence, platform: Mention) -> bool:
    sensor = platform.entry.category == "sensors" or (
        re.match(r"\s+(?:[\w-]+\s+)?(?:radars?|sonars?|sensors?)\b", sentence.after(platform.end))
        is not None  # "Seaspray 7500E maritime radars": a type no list knows, by its noun
    )
    return sensor and _THE_DEAL_INCLUDES.match(sentence.before(platform.start)) is not None


def _parts_of(sentence: Sentence, platform: Mention) -> bool:
    """The platform named only as the owner of parts: "The C-390's two ... turbofans",
    "the engines of Tejas Mark-1A"."""
    after = sentence.after(platform.end)
    if platform.text.endswith(("'s", "’s")):
        after = "'s" + after  # the name read with its possessive
    return (
        _PARTS_OF.match(after) is not None
        or _THE_PARTS_OF.search(sentence.before(platform.start)[-60:]) is not None
    )


# "For the engines of Tejas Mark-1A, HAL has agreed with ... GE Aerospace": the parts of a
# platform named after them
_THE_PARTS_OF = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)?" + _PART_NOUNS + r"\s+of\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)


# "Joint Strike Missiles (JSM) for the Royal Danish Air Force's F-35A fighters": the
# aircraft the missiles bought arm
_FOR_A_FORCE_S = re.compile(
    r"\bfor\s+(?:the\s+)?(?:[\w-]+\s+){0,4}[\w-]+(?:'s|’s)\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)


def _the_host_of_munitions(sentence: Sentence, platform: Mention) -> bool:
    return _FOR_A_FORCE_S.search(sentence.before(platform.start)[-80:]) is not None and any(
        m.entry.kind == "platform" and m.entry.category == "missiles" and m.end <= platform.start
        for m in sentence.mentions
    )


# "The export-model K9A1s will be powered by ... MTU engines from Germany, which require
# a German export license": what the sentence says is of the parts
_HOST_OF_PARTS = re.compile(
    r"^\s+(?:will\s+be|would\s+be|are\s+to\s+be|are|is|were|was)\s+(?:\w+ly\s+)?"
    r"(?:powered|fitted|equipped|armed|re-engined)\s+(?:by|with)\b",
    re.IGNORECASE,
)
# "the Lockheed Martin SPY-7 radars already ordered for Aegis Ashore are being fitted to
# two Aegis system equipped vessels": a part moved to a host, no deal of its own
_FITTED_TO = re.compile(
    r"^\s+(?:[\w-]+\s+){0,5}(?:are|is|will\s+be|were|was|to\s+be)\s+(?:being\s+|now\s+)?"
    r"(?:fitted|installed|integrated|mounted|retrofitted)\s+(?:to|on|in|into|aboard|onto)\b",
    re.IGNORECASE,
)
# "a Thales NS50 radar has been selected for the mid-life upgrade of its offshore patrol
# vessel P61": equipment for another's upgrade
_FOR_AN_UPGRADE = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}(?:has\s+been|have\s+been|was|were|is|are|will\s+be)\s+"
    r"(?:selected|chosen|ordered|picked|bought|purchased)\s+for\s+(?:the|a|an|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:upgrade|modernisation|modernization|refit|overhaul|retrofit)\b",
    re.IGNORECASE,
)
_POWERED_BY = re.compile(
    r"\b(?:powered by|fitted with|equipped with|armed with|built around|using)\b", re.I
)
