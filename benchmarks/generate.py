"""Deterministic, realistic synthetic arms deals at any size, for benchmarks.

    python -m benchmarks.generate --deals 30000 --seed 1 --database-url sqlite:////tmp/x.db

The data is skewed like the real trade: a few big suppliers take most deals, many states
buy; every category, order years 1950-2025 (more in recent decades), a fifth of deals with
money values in several currencies, one to three events per deal, about one source per five
deals with every quote verbatim in its source's text, unknown quantities and values, and
second-hand transfers. Historic states (the Soviet Union, Yugoslavia, ...) only trade in
the years they existed.

Rows go in as bulk Core-style inserts (`session.execute(insert(Model), rows)`, SQLAlchemy's
insertmanyvalues) with primary keys assigned here, one transaction per chunk of deals. The
same seed and size give identical data: one `random.Random(seed)` drives everything and the
timestamps are fixed.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tracker import migrate
from tracker.config import Settings
from tracker.countries import all_countries
from tracker.db import Base, make_engine
from tracker.models import (
    Citation,
    Deal,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
)
from tracker.names import normalize_name
from tracker.vocab import (
    Category,
    Condition,
    DatePrecision,
    EventKind,
    PartyKind,
    Status,
    ValueKind,
    label,
)

FIRST_YEAR = 1950
LAST_YEAR = 2025
CHUNK_SIZE = 5_000
PLATFORMS = 2_000
CREATED_AT = dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC)
DEAL_REF_PREFIX = "synthetic:"
SOURCE_REF_PREFIX = "synthetic-source:"

Row = dict[str, Any]
Window = tuple[int, int]
_ALWAYS: Window = (FIRST_YEAR, LAST_YEAR)


class GenerateError(RuntimeError):
    """The database cannot take a synthetic load (it already holds one)."""


@dataclass(frozen=True)
class GeneratedCounts:
    """Rows inserted by one `generate` call, per table."""

    parties: int
    platforms: int
    deals: int
    events: int
    sources: int
    citations: int


# --- the world: who sells, who buys, in which years ---------------------------------------

# The big suppliers (iso3, weight, years): about 85% of deals, Zipf-like.
_BIG_SUPPLIERS: tuple[tuple[str, float, Window], ...] = (
    ("USA", 30.0, _ALWAYS),
    ("SUN", 24.0, (FIRST_YEAR, 1991)),
    ("RUS", 20.0, (1992, LAST_YEAR)),
    ("FRA", 10.0, _ALWAYS),
    ("GBR", 8.0, _ALWAYS),
    ("DEU", 6.5, _ALWAYS),
    ("CHN", 6.0, _ALWAYS),
    ("ITA", 4.0, _ALWAYS),
    ("ISR", 3.0, (1955, LAST_YEAR)),
    ("ESP", 2.2, _ALWAYS),
    ("KOR", 2.5, (1975, LAST_YEAR)),
    ("NLD", 2.0, _ALWAYS),
    ("SWE", 2.0, _ALWAYS),
    ("UKR", 2.5, (1992, LAST_YEAR)),
    ("TUR", 1.8, (1995, LAST_YEAR)),
)

# Everyone else who exports now and then, in rank order (weights fall off with rank).
_MINOR_SUPPLIERS: tuple[tuple[str, Window], ...] = (
    ("CAN", _ALWAYS),
    ("CSK", (FIRST_YEAR, 1992)),
    ("CHE", _ALWAYS),
    ("BRA", (1970, LAST_YEAR)),
    ("AUS", _ALWAYS),
    ("ZAF", (1965, LAST_YEAR)),
    ("BEL", _ALWAYS),
    ("POL", _ALWAYS),
    ("NOR", _ALWAYS),
    ("YUG", (FIRST_YEAR, 1991)),
    ("AUT", _ALWAYS),
    ("IND", (1975, LAST_YEAR)),
    ("CZE", (1993, LAST_YEAR)),
    ("BLR", (1992, LAST_YEAR)),
    ("JPN", _ALWAYS),
    ("DDR", (FIRST_YEAR, 1990)),
    ("ARE", (1990, LAST_YEAR)),
    ("PAK", (1980, LAST_YEAR)),
    ("IRN", (1985, LAST_YEAR)),
    ("PRK", (1965, LAST_YEAR)),
    ("SGP", (1975, LAST_YEAR)),
    ("FIN", _ALWAYS),
    ("DNK", _ALWAYS),
    ("BGR", _ALWAYS),
    ("ROU", _ALWAYS),
    ("PRT", _ALWAYS),
    ("GRC", _ALWAYS),
    ("HUN", _ALWAYS),
    ("JOR", (1970, LAST_YEAR)),
    ("EGY", (1960, LAST_YEAR)),
    ("SAU", (1980, LAST_YEAR)),
    ("IDN", (1980, LAST_YEAR)),
    ("ARG", _ALWAYS),
    ("CHL", _ALWAYS),
    ("SRB", (2006, LAST_YEAR)),
    ("SVK", (1993, LAST_YEAR)),
    ("LBY", (1970, 2011)),
    ("NZL", _ALWAYS),
    ("IRL", _ALWAYS),
    ("SYR", (1970, 2011)),
)
_MINOR_WEIGHT = 3.4

# Buyers in rough order of how much they import; the skew is milder than the suppliers'.
_BUYERS: tuple[str, ...] = (
    "IND", "SAU", "EGY", "CHN", "IRQ", "PAK", "TUR", "GRC", "KOR", "ISR", "ARE", "DZA",
    "AUS", "IRN", "SYR", "GBR", "USA", "JPN", "TWN", "VNM", "QAT", "IDN", "DEU", "ITA",
    "SUN", "FRA", "NLD", "CAN", "ESP", "POL", "SGP", "LBY", "MAR", "AFG", "KWT", "BRA",
    "VEN", "MYS", "THA", "NOR", "CHL", "PER", "ARG", "BGD", "MMR", "ETH", "NGA", "ZAF",
    "JOR", "OMN", "PHL", "SWE", "FIN", "CHE", "BEL", "DNK", "PRT", "AUT", "CZE", "HUN",
    "ROU", "BGR", "UKR", "KAZ", "AZE", "ARM", "BLR", "GEO", "SRB", "HRV", "SVK", "SVN",
    "LTU", "LVA", "EST", "COL", "ECU", "MEX", "URY", "BOL", "CUB", "NZL", "LKA", "NPL",
    "SDN", "SSD", "KEN", "TZA", "UGA", "AGO", "MOZ", "ZMB", "ZWE", "NAM", "BWA", "GHA",
    "CMR", "SEN", "MLI", "NER", "TCD", "BFA", "CIV", "COD", "COG", "GAB", "RWA", "BDI",
    "SOM", "ERI", "DJI", "TUN", "YEM", "LBN", "BHR", "PRK", "KHM", "LAO", "MNG", "TKM",
    "UZB", "KGZ", "TJK", "PRY", "GTM", "HND", "SLV", "NIC", "PAN", "DOM", "JAM", "TTO",
    "CYP", "MLT", "ALB", "MKD", "BIH", "MNE", "IRL", "ISL", "BRN", "FJI", "PNG", "MRT",
    "GIN", "SLE", "LBR", "BEN", "TGO", "MDG", "MWI", "MUS", "SYC", "CAF", "GNQ", "LSO",
    "SWZ", "CSK", "DDR", "YUG", "YMD", "VDR", "RHO", "ZAR", "SCG", "HVO", "DHY",
)  # fmt: skip

# The years a buyer existed as a state, when not the whole period.
_BUYER_YEARS: dict[str, Window] = {
    **dict.fromkeys(
        (
            "UKR",
            "KAZ",
            "AZE",
            "ARM",
            "BLR",
            "GEO",
            "LTU",
            "LVA",
            "EST",
            "TKM",
            "UZB",
            "KGZ",
            "TJK",
            "HRV",
            "SVN",
            "BIH",
            "MKD",
            "RUS",
        ),
        (1992, LAST_YEAR),
    ),  # fmt: skip
    **dict.fromkeys(("CZE", "SVK", "ERI"), (1993, LAST_YEAR)),
    **dict.fromkeys(("SRB", "MNE"), (2006, LAST_YEAR)),
    **dict.fromkeys(
        (
            "NGA",
            "SEN",
            "MLI",
            "NER",
            "TCD",
            "CIV",
            "COG",
            "GAB",
            "CMR",
            "MDG",
            "MRT",
            "TGO",
            "CAF",
            "SOM",
            "CYP",
        ),
        (1960, LAST_YEAR),
    ),  # fmt: skip
    "SSD": (2011, LAST_YEAR),
    "NAM": (1990, LAST_YEAR),
    "ZWE": (1980, LAST_YEAR),
    "BFA": (1984, LAST_YEAR),
    "BEN": (1975, LAST_YEAR),
    "KEN": (1963, LAST_YEAR),
    "TZA": (1961, LAST_YEAR),
    "UGA": (1962, LAST_YEAR),
    "AGO": (1975, LAST_YEAR),
    "MOZ": (1975, LAST_YEAR),
    "ZMB": (1964, LAST_YEAR),
    "BWA": (1966, LAST_YEAR),
    "GHA": (1957, LAST_YEAR),
    "RWA": (1962, LAST_YEAR),
    "BDI": (1962, LAST_YEAR),
    "DJI": (1977, LAST_YEAR),
    "GIN": (1958, LAST_YEAR),
    "SLE": (1961, LAST_YEAR),
    "MWI": (1964, LAST_YEAR),
    "MUS": (1968, LAST_YEAR),
    "SYC": (1976, LAST_YEAR),
    "GNQ": (1968, LAST_YEAR),
    "LSO": (1966, LAST_YEAR),
    "SWZ": (1968, LAST_YEAR),
    "DZA": (1962, LAST_YEAR),
    "MAR": (1956, LAST_YEAR),
    "TUN": (1956, LAST_YEAR),
    "SDN": (1956, LAST_YEAR),
    "LBY": (1951, LAST_YEAR),
    "BGD": (1972, LAST_YEAR),
    "MLT": (1964, LAST_YEAR),
    "KWT": (1961, LAST_YEAR),
    "ARE": (1971, LAST_YEAR),
    "QAT": (1971, LAST_YEAR),
    "BHR": (1971, LAST_YEAR),
    "BRN": (1984, LAST_YEAR),
    "FJI": (1970, LAST_YEAR),
    "PNG": (1975, LAST_YEAR),
    "SGP": (1965, LAST_YEAR),
    "MYS": (1957, LAST_YEAR),
    "JAM": (1962, LAST_YEAR),
    "TTO": (1962, LAST_YEAR),
    "COD": (1997, LAST_YEAR),
    "SUN": (FIRST_YEAR, 1991),
    "CSK": (FIRST_YEAR, 1992),
    "DDR": (FIRST_YEAR, 1990),
    "YUG": (FIRST_YEAR, 1991),
    "YMD": (1967, 1989),
    "VDR": (1954, 1975),
    "RHO": (1965, 1979),
    "ZAR": (1971, 1996),
    "SCG": (1992, 2005),
    "HVO": (1960, 1983),
    "DHY": (1960, 1974),
}

# Sellers that also sell their predecessor state's designs.
_INHERITS_DESIGNS: dict[str, tuple[str, ...]] = {
    "RUS": ("SUN",),
    "UKR": ("SUN",),
    "BLR": ("SUN",),
    "CZE": ("CSK",),
    "SVK": ("CSK",),
    "SRB": ("YUG",),
}

# A few companies (name, home country, first year they sell directly, rarely).
_COMPANIES: tuple[tuple[str, str, int], ...] = (
    ("Lockheed Martin", "USA", 1995),
    ("Boeing", "USA", 1970),
    ("Dassault Aviation", "FRA", 1990),
    ("BAE Systems", "GBR", 1999),
    ("Rosoboronexport", "RUS", 2000),
    ("Thales", "FRA", 2000),
    ("Leonardo", "ITA", 2016),
    ("Saab", "SWE", 1970),
    ("Rheinmetall", "DEU", 1990),
    ("Elbit Systems", "ISR", 1996),
    ("Norinco", "CHN", 1980),
    ("Hanwha Aerospace", "KOR", 2015),
    ("Naval Group", "FRA", 2017),
    ("Baykar", "TUR", 2014),
)

# International organisations (SIPRI's "**"), buying now and then.
_ORGANISATIONS: tuple[tuple[str, Window], ...] = (
    ("NATO**", _ALWAYS),
    ("United Nations**", _ALWAYS),
    ("African Union**", (2002, LAST_YEAR)),
    ("European Union**", (1993, LAST_YEAR)),
    ("ECOWAS**", (1975, LAST_YEAR)),
    ("Regional Security System**", (1982, LAST_YEAR)),
    ("OSCE**", (1995, LAST_YEAR)),
    ("Gulf Cooperation Council**", (1981, LAST_YEAR)),
    ("NATO Support and Procurement Agency**", (2012, LAST_YEAR)),
    ("Organisation of Eastern Caribbean States**", (1981, LAST_YEAR)),
)

# Non-state actors (SIPRI's "*"), rare buyers.
_NON_STATE: tuple[tuple[str, Window], ...] = (
    ("Hezbollah (Lebanon)*", (1982, LAST_YEAR)),
    ("Houthi rebels (Yemen)*", (2004, LAST_YEAR)),
    ("UNITA (Angola)*", (1966, 2002)),
    ("Contras (Nicaragua)*", (1980, 1990)),
    ("Mujahedin (Afghanistan)*", (1979, 1992)),
    ("PUK (Iraq)*", (1975, LAST_YEAR)),
    ("Kurdistan Regional Government (Iraq)*", (1992, LAST_YEAR)),
    ("Syria rebels*", (2011, LAST_YEAR)),
    ("Haftar forces (Libya)*", (2014, LAST_YEAR)),
    ("SPLA (Sudan)*", (1983, 2011)),
    ("RSF (Sudan)*", (2013, LAST_YEAR)),
    ("Hamas (Palestine)*", (1987, LAST_YEAR)),
    ("ANC (South Africa)*", (1961, 1993)),
    ("FNLA (Angola)*", (1961, 1976)),
    ("MPLA (Angola)*", (1961, 1975)),
    ("LTTE (Sri Lanka)*", (1976, 2009)),
    ("Northern Alliance (Afghanistan)*", (1996, 2001)),
    ("Viet Cong (South Vietnam)*", (1960, 1975)),
    ("PLO (Palestine)*", (1964, 1993)),
    ("Polisario Front (Western Sahara)*", (1973, LAST_YEAR)),
    ("Darfur rebels (Sudan)*", (2003, LAST_YEAR)),
)

_NON_STATE_BUYER_SHARE = 0.01
_ORGANISATION_BUYER_SHARE = 0.005
_COMPANY_SELLER_SHARE = 0.007

# --- platforms ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """How a category looks: platform share, order sizes, TIV and price ranges, timings."""

    share: float
    quantity_median: float
    quantity_sigma: float
    tiv_range: tuple[float, float]  # per unit, SIPRI TIV millions
    usd_range: tuple[float, float]  # price per unit in today's dollars
    delivery_lag: int  # years from order to first delivery, at most
    delivery_span: int  # years from first to last delivery, at most
    nouns: tuple[str, ...] = ()


_PROFILES: dict[Category, _Profile] = {
    Category.AIRCRAFT: _Profile(26, 12, 0.9, (2.0, 40.0), (4e6, 9e7), 3, 5),
    Category.ARMOURED_VEHICLES: _Profile(18, 40, 1.1, (0.2, 4.0), (3e5, 9e6), 2, 5),
    Category.MISSILES: _Profile(16, 120, 1.2, (0.005, 1.0), (2e4, 3e6), 2, 4),
    Category.ARTILLERY: _Profile(
        8,
        24,
        1.0,
        (0.05, 2.0),
        (1e5, 6e6),
        2,
        4,
        (
            "155mm self-propelled gun",
            "152mm self-propelled gun",
            "105mm towed gun",
            "122mm towed gun",
            "130mm towed gun",
            "155mm towed gun",
            "120mm mortar",
            "81mm mortar",
            "122mm MRL",
            "227mm MRL",
            "300mm MRL",
        ),
    ),  # fmt: skip
    Category.SHIPS: _Profile(
        8,
        2,
        0.7,
        (10.0, 400.0),
        (3e7, 1.5e9),
        4,
        6,
        (
            "frigate",
            "corvette",
            "destroyer",
            "patrol vessel",
            "offshore patrol vessel",
            "submarine",
            "landing ship",
            "minehunter",
            "fast attack craft",
            "support ship",
            "patrol craft",
        ),
    ),  # fmt: skip
    Category.SENSORS: _Profile(
        8,
        4,
        1.0,
        (0.5, 25.0),
        (5e5, 5e7),
        2,
        4,
        (
            "radar",
            "air search radar",
            "fire control radar",
            "sonar",
            "targeting pod",
            "EW system",
            "surveillance radar",
            "artillery locating radar",
            "AEW radar",
            "combat management system",
        ),
    ),  # fmt: skip
    Category.AIR_DEFENCE: _Profile(
        6,
        3,
        0.8,
        (10.0, 150.0),
        (2e7, 9e8),
        3,
        4,
        ("SAM system", "air defence system", "SPAAG", "SHORAD system"),
    ),
    Category.ENGINES: _Profile(6, 20, 1.1, (0.3, 5.0), (5e5, 1e7), 1, 4),
    Category.NAVAL_WEAPONS: _Profile(
        3,
        4,
        0.9,
        (0.3, 6.0),
        (3e5, 2e7),
        2,
        3,
        ("naval gun", "CIWS", "torpedo", "ASW rocket launcher", "VLS", "naval mine"),
    ),
    Category.SATELLITES: _Profile(1, 1, 0.3, (40.0, 200.0), (5e7, 5e8), 3, 2, ("satellite",)),
    Category.OTHER: _Profile(
        2,
        10,
        1.0,
        (0.2, 5.0),
        (1e5, 5e6),
        1,
        3,
        (
            "gun turret",
            "air refuelling system",
            "bridge layer",
            "mine clearance system",
            "armoured recovery vehicle",
            "tank turret",
            "training simulator",
        ),
    ),  # fmt: skip
}

_STYLE_OF: dict[str, str] = {
    "USA": "us",
    **dict.fromkeys(
        (
            "SUN",
            "RUS",
            "UKR",
            "BLR",
            "CSK",
            "CZE",
            "SVK",
            "DDR",
            "POL",
            "BGR",
            "ROU",
            "HUN",
            "YUG",
            "SRB",
        ),
        "soviet",
    ),  # fmt: skip
    **dict.fromkeys(("CHN", "PRK", "PAK", "IRN"), "china"),
}

_SUFFIXES: dict[str, tuple[str, ...]] = {
    "us": ("", "", "", "A", "B", "C", "D", "E", "F", "G", "J", "K", "N"),
    "soviet": ("", "", "", "M", "K", "T", "P", "MK", "M2", "UB", "SM", "MF", "BM", "E"),
    "china": ("", "", "", "A", "B", "C", "D", "E", "G", "M", "II", "IIM"),
    "west": ("", "", "", "A", "B", "C", "A4", "A6", "E", "NG", " Mk 2", " II", " Evolution"),
}

# Designation templates: {a} 1-45, {b} 1-199, {c} 100-999, {d} 1000-22999, {z} 10-99,
# {L} a letter, {s} a style suffix, {noun} one of the category's nouns.
_TEMPLATES: dict[Category, dict[str, tuple[str, ...]]] = {
    Category.AIRCRAFT: {
        "us": ("F-{b}{s}", "A-{b}{s}", "C-{b}{s}", "KC-{b}{s}", "P-{b}{s}", "T-{b}{s}",
               "AH-{b}{s}", "UH-{b}{s}", "CH-{b}{s}", "MQ-{a}{s}", "E-{a}{s}", "MH-{a}{s}"),
        "soviet": ("MiG-{a}{s}", "Su-{a}{s}", "Yak-{a}{s}", "Tu-{c}{s}", "Il-{a}{s}",
                   "An-{a}{s}", "Mi-{a}{s}", "Ka-{a}{s}", "Be-{a}{s}", "L-{a}{s}"),
        "china": ("J-{a}{s}", "JF-{a}{s}", "JH-{a}{s}", "H-{a}{s}", "Y-{a}{s}", "Z-{a}{s}",
                  "K-{a}{s}", "Q-{a}{s}", "KJ-{c}{s}", "Wing Loong-{a}{s} UAV"),
        "west": ("Mirage {a}{s}", "Hawk {c}{s}", "Gripen {L}{s}", "Tornado {L}{s}",
                 "Alpha Jet {L}{s}", "Alouette {a}{s}", "Puma SA-{c}{s}", "Lynx AH{a}{s}",
                 "AW-{c}{s}", "Tucano EMB-{c}{s}", "Kfir C{a}{s}", "Heron-{a}{s} UAV",
                 "Bayraktar TB{a}{s}", "Atlantique {a}{s}", "Falcon {c}{s}",
                 "Pilatus PC-{a}{s}", "Dornier Do-{c}{s}", "CASA C-{c}{s}",
                 "Aermacchi MB-{c}{s}", "Fokker F-{a}{s}", "KAI KT-{a}{s}"),
    },
    Category.ARMOURED_VEHICLES: {
        "us": ("M{b}{s}", "M{b}A{a}", "LAV-{c}{s}", "AAV-{a}{s}", "MRAP M{c}{s}",
               "Stryker M{c}{s}", "HMMWV M{c}{s}", "V-{c} Commando{s}"),
        "soviet": ("T-{a}{s}", "BMP-{a}{s}", "BTR-{a}{s}", "BRDM-{a}{s}", "BMD-{a}{s}",
                   "PT-{a}{s}", "MT-LB{s} {a}", "OT-{a}{s}", "BVP-{a}{s}", "Tigr-{a}{s}"),
        "china": ("Type-{z}{s} tank", "Type-{z}{s} APC", "ZTZ-{a}{s}", "ZBD-{a}{s}",
                  "VN-{a}{s}", "WZ-{c}{s}", "ZSL-{a}{s}", "VT-{a}{s}"),
        "west": ("Leopard-{a}{s}", "AMX-{a}{s}", "VAB {L}{s}", "Piranha-{a}{s}",
                 "Marder-{a}{s}", "Centauro-{a}{s}", "Patria AMV-{a}{s}", "CV-{z}{s}",
                 "Chieftain Mk {a}", "Scorpion-{a}{s}", "Boxer-{a}{s}", "Pandur-{a}{s}",
                 "Ratel-{a}{s}", "Merkava-{a}{s}", "K-{a}{s}", "Altay-{a}{s}", "ACV-{a}{s}",
                 "Vickers Mk {a}", "Cobra-{a}{s}", "Dingo-{a}{s}", "Fuchs-{a}{s}",
                 "Ejder-{a}{s}", "Guarani VBTP-{c}{s}"),
    },
    Category.ARTILLERY: {
        "us": ("M{c}{s} {noun}", "M{b}A{a} {noun}", "HIMARS M{c}{s}", "MLRS M{c}{s}"),
        "soviet": ("2S{a}{s} {noun}", "D-{a}{s} {noun}", "M-{a}{s} {noun}", "BM-{a}{s} {noun}",
                   "2A{a}{s} {noun}", "9A{c}{s} {noun}"),
        "china": ("PLZ-{a}{s} {noun}", "PLL-{a}{s} {noun}", "PHL-{a}{s} {noun}",
                  "SR-{a}{s} {noun}", "Type-{z}{s} {noun}", "WS-{a}{s} {noun}"),
        "west": ("CAESAR Mk {a} {noun}", "PzH-{d}{s} {noun}", "FH-{z}{s} {noun}",
                 "G-{a}{s} {noun}", "Archer-{a}{s} {noun}", "Dana-{a}{s} {noun}",
                 "K{a}{s} {noun}", "ATMOS-{d}{s} {noun}", "L{c}{s} {noun}", "LG-{a}{s} {noun}",
                 "Soltam M-{z}{s} {noun}", "T-{c} Firtina{s} {noun}"),
    },
    Category.ENGINES: {
        "us": ("F{c}-GE-{c}", "F{c}-PW-{c}", "J{z}-GE-{a}", "T{c}-GE-{c}", "TF-{z}{s}",
               "LM{d}{s} gas turbine", "AE-{d}{s}", "AGT-{d}{s}"),
        "soviet": ("AL-{a}{s}", "RD-{a}{s}", "D-{a}{s}", "TV3-{c}{s}", "NK-{a}{s}",
                   "VK-{d}{s}", "AI-{a}{s}", "M-{c}{s} diesel engine", "R-{c}{s}"),
        "china": ("WS-{a}{s}", "WJ-{a}{s}", "WP-{a}{s}", "WZ-{a}{s}", "QC-{c}{s}"),
        "west": ("Adour Mk {c}", "M53-P{a}", "M88-{a}{s}", "RB-{c}{s}", "MTU {c}{s} diesel engine",
                 "Olympus TM-{a}{s}", "Spey Mk {c}", "Tyne Mk {c}", "Makila {L}{s}",
                 "Arriel {a}{s}", "EJ-{c}{s}", "RTM-{c}{s}", "Viper Mk {c}",
                 "Pielstick PA-{a}{s} diesel engine", "Larzac {a}{s}", "Turmo {c}{s}",
                 "Avon Mk {c}", "Gem Mk {a}", "Atar {z}{s}"),
    },
    Category.MISSILES: {
        "us": ("AIM-{b}{s}", "AGM-{b}{s}", "RIM-{b}{s}", "BGM-{b}{s}", "MIM-{b}{s}",
               "FIM-{b}{s}", "UGM-{b}{s}", "RGM-{b}{s}", "GBU-{a}{s} guided bomb", "MGM-{b}{s}"),
        "soviet": ("R-{a}{s}", "Kh-{a}{s}", "9M{c}{s}", "3M{a}{s}", "P-{c}{s}", "9M{a}{s}",
                   "KAB-{c}{s} guided bomb", "V-{c}{s}", "S-{a}{s} rocket"),
        "china": ("PL-{a}{s}", "HJ-{a}{s}", "C-{c}{s}", "YJ-{a}{s}", "CM-{c}{s}", "HN-{a}{s}",
                  "QW-{a}{s}", "LS-{a}{s} guided bomb", "FN-{a}{s}", "SD-{a}{s}",
                  "FT-{a}{s} guided bomb"),
        "west": ("Exocet MM{a}{s}", "Exocet AM{a}{s}", "Meteor-{L}{s}", "MICA-{L}{s}",
                 "Storm Shadow-{L}{s}", "Milan-{a}{s}", "HOT-{a}{s}", "Harpoon Block {a}{s}",
                 "IRIS-T-{L}{s}", "Spike-{L}{s}", "Python-{a}{s}", "Derby-{L}{s}",
                 "RBS-{a}{s}", "NSM Block {a}{s}", "Marte Mk {a}", "Aspide-{a}{s}",
                 "Brimstone-{a}{s}", "Taurus KEPD-{c}{s}", "Otomat Mk {a}", "Mistral-{a}{s}",
                 "Rapier-{a}{s}", "Sea Skua Mk {a}", "Penguin Mk {a}", "Gabriel-{a}{s}",
                 "Popeye-{a}{s}", "SOM-{L}{s}", "Umkhonto-{L}{s}", "Astra Mk {a}",
                 "Haeseong-{a}{s}", "Hyunmoo-{a}{s}", "Atmaca-{a}{s}", "MAM-{L}{s} guided bomb"),
    },
    Category.AIR_DEFENCE: {
        "us": ("Patriot PAC-{a}{s} {noun}", "NASAMS-{a}{s} {noun}", "Hawk MIM-{b}{s} {noun}",
               "Avenger M{c}{s} {noun}", "Chaparral M{z}{s} {noun}", "THAAD-{a}{s} {noun}",
               "Vulcan M{c}{s} {noun}"),
        "soviet": ("S-{c}{s} {noun}", "Buk-M{a}{s} {noun}", "Tor-M{a}{s} {noun}",
                   "Pantsir-S{a}{s} {noun}", "Osa-AK{s} {a} {noun}", "Kub-{a}{s} {noun}",
                   "Strela-{a}{s} {noun}", "Igla-{a}{s} {noun}", "ZSU-{z}-{a}{s} {noun}",
                   "Tunguska-M{a}{s} {noun}", "Krug-{a}{s} {noun}"),
        "china": ("HQ-{a}{s} {noun}", "FM-{c}{s} {noun}", "KS-{a}{s} {noun}", "LY-{z}{s} {noun}",
                  "FK-{z}{s} {noun}", "Type-{z}{s} {noun}"),
        "west": ("Crotale NG-{a}{s} {noun}", "Roland-{a}{s} {noun}", "Rapier Mk {a} {noun}",
                 "Skyguard-{a}{s} {noun}", "SAMP/T-{L}{s} {noun}", "Spyder-{L}{s} {noun}",
                 "Barak-{a}{s} {noun}", "Iron Dome-{a}{s} {noun}", "IRIS-T SLM-{a}{s} {noun}",
                 "VL MICA-{a}{s} {noun}", "Gepard-{a}{s} {noun}", "Oerlikon GDF-{c}{s} {noun}",
                 "KM-SAM-{a}{s} {noun}", "Hisar-{L}{s} {noun}", "Akash Mk {a} {noun}",
                 "Chunma-{a}{s} {noun}", "Skyshield-{a}{s} {noun}"),
    },
    Category.SENSORS: {
        "us": ("AN/APG-{b}{s} {noun}", "AN/TPQ-{a}{s} {noun}", "AN/SPY-{a}{s} {noun}",
               "AN/AAQ-{a}{s} {noun}", "AN/MPQ-{a}{s} {noun}", "AN/SQS-{a}{s} {noun}",
               "AN/TPS-{b}{s} {noun}", "AN/FPS-{b}{s} {noun}", "AN/ALQ-{c}{s} {noun}",
               "AN/APY-{a}{s} {noun}"),
        "soviet": ("N0{c}{s} {noun}", "Zhuk-{L}{s} {noun}", "Irbis-{L}{s} {noun}",
                   "P-{a}{s} {noun}", "1L{c}{s} {noun}", "Kasta-{a}{s} {noun}",
                   "Fregat-M{a}{s} {noun}", "Pozitiv-{L}{s} {noun}", "Mineral-{L}{s} {noun}",
                   "Nebo-{L}{s} {noun}", "Podsolnukh-{L}{s} {noun}", "MGK-{c}{s} {noun}"),
        "china": ("JY-{a}{s} {noun}", "YLC-{a}{s} {noun}", "KLJ-{a}{s} {noun}",
                  "Type-{c}{s} {noun}", "SLC-{a}{s} {noun}", "H/LJG-{c}{s} {noun}"),
        "west": ("Giraffe-{L}{s} {noun}", "SMART-{L}{s} {noun}", "GM-{c}{s} {noun}",
                 "Captor-{L}{s} {noun}", "RBE-{a}{s} {noun}", "Searchwater-{d}{s} {noun}",
                 "Sea Giraffe-{L}{s} {noun}", "TRML-{a}{s} {noun}", "EL/M-{d}{s} {noun}",
                 "Erieye-{L}{s} {noun}", "DA-{z}{s} {noun}", "LW-{z}{s} {noun}",
                 "Sampson-{a}{s} {noun}", "Kronos-{L}{s} {noun}", "TRS-{d}{s} {noun}",
                 "Damocles-{L}{s} {noun}", "Cobra-{L}{s} {noun}"),
    },
    Category.SATELLITES: {
        "us": ("WorldView-{a}{s} {noun}", "GeoEye-{a}{s} {noun}", "DSCS-{a}{s} {noun}",
               "WGS-{a}{s} {noun}", "KH-{a}{s} {noun}", "Landsat-{a}{s} {noun}"),
        "soviet": ("Kondor-{L}{s} {noun}", "Kosmos-{d}{s} {noun}", "Resurs-P{a}{s} {noun}",
                   "Obzor-{L}{s} {noun}", "Persona-{a}{s} {noun}"),
        "china": ("Gaofen-{a}{s} {noun}", "Yaogan-{a}{s} {noun}", "ChinaSat-{a}{s} {noun}",
                  "Fengyun-{a}{s} {noun}", "VRSS-{a}{s} {noun}", "PakSat-{a}{s} {noun}"),
        "west": ("Helios-{a}{s} {noun}", "Pleiades-{a}{s} {noun}", "Skynet-{a}{s} {noun}",
                 "Ofek-{a}{s} {noun}", "TecSAR-{a}{s} {noun}", "SAR-Lupe-{a}{s} {noun}",
                 "COSMO-SkyMed-{a}{s} {noun}", "Sicral-{a}{s} {noun}", "Eros-{L}{s} {noun}",
                 "Amos-{a}{s} {noun}", "Syracuse-{a}{s} {noun}", "Falcon Eye-{a}{s} {noun}",
                 "KOMPSAT-{a}{s} {noun}", "Gokturk-{a}{s} {noun}", "NAOS-{a}{s} {noun}"),
    },
    Category.SHIPS: {
        "us": ("FFG-{a}{s} {noun}", "DDG-{a}{s} {noun}", "LCS-{a}{s} {noun}",
               "LST-{c}{s} {noun}", "PC-{a}{s} {noun}", "WPB-{d}{s} {noun}",
               "Hull {c}{s} {noun}"),
        "soviet": ("Project {d}{s} {noun}",),
        "china": ("Type-0{z}{s} {noun}",),
        "west": ("Type-{c}{s} {noun}", "MEKO A-{c}{s} {noun}", "FREMM-{L}{s} {noun}",
                 "Gowind-{d}{s} {noun}", "Scorpene-{L}{s} {noun}", "Sa'ar-{a}{s} {noun}",
                 "Descubierta-{L}{s} {noun}", "Lupo-{L}{s} {noun}", "Kortenaer-{L}{s} {noun}",
                 "Visby-{L}{s} {noun}", "Leander-{L}{s} {noun}", "River-{L}{s} {noun}",
                 "KDX-{a}{s} {noun}", "Ada-{L}{s} {noun}", "Damen SIGMA {d}{s} {noun}",
                 "Damen Stan Patrol {d}{s} {noun}", "Lurssen FPB-{z}{s} {noun}",
                 "Avante {d}{s} {noun}"),
    },
    Category.NAVAL_WEAPONS: {
        "us": ("Mk-{z}{s} {noun}", "Mk-{z} Mod {a} {noun}", "Phalanx Mk {a}{s} {noun}",
               "SeaRAM Mk {a}{s} {noun}"),
        "soviet": ("AK-{c}{s} {noun}", "A-{c}{s} {noun}", "SET-{z}{s} {noun}",
                   "53-{z}{s} {noun}", "UGST-{a}{s} {noun}", "RBU-{d}{s} {noun}",
                   "Kashtan-{L}{s} {noun}", "Palash-{L}{s} {noun}"),
        "china": ("H/PJ-{a}{s} {noun}", "Type-{c}{s} {noun}", "Yu-{a}{s} {noun}",
                  "EDS-{a}{s} {noun}"),
        "west": ("OTO Melara {c}mm{s} {noun}", "Goalkeeper-{L}{s} {noun}",
                 "Millennium-{L}{s} {noun}", "Bofors {c}mm{s} {noun}",
                 "Sting Ray Mod {a} {noun}", "Spearfish Mod {a} {noun}", "DM-{z}{s} {noun}",
                 "Black Shark-{L}{s} {noun}", "MU-{z} Mod {a} {noun}", "Sylver A{z}{s} {noun}",
                 "Typhoon Mk {a} {noun}"),
    },
    Category.OTHER: {
        "us": ("M{c}{s} {noun}", "Mk-{z}{s} {noun}", "AN/GSQ-{c}{s} {noun}"),
        "soviet": ("BREM-{a}{s} {noun}", "UR-{z}{s} {noun}", "MTU-{a}{s} {noun}",
                   "UPAZ-{a}{s} {noun}", "BMR-{a}{s} {noun}"),
        "china": ("Type-{c}{s} {noun}", "GCZ-{c}{s} {noun}", "GQL-{c}{s} {noun}"),
        "west": ("Hitfist-{z}{s} {noun}", "Cockerill CT-{a}{s} {noun}", "Keiler-{a}{s} {noun}",
                 "Bergepanzer-{a}{s} {noun}", "Leguan-{a}{s} {noun}", "TML-{z}{s} {noun}",
                 "Samson-{a}{s} {noun}"),
    },
}  # fmt: skip

_LETTERS = "ABCDEFGHKLMNPRSTV"

# --- deals --------------------------------------------------------------------------------

# Status by the deal's age: (oldest age the row applies to, ((status, weight), ...)).
_STATUS_BY_AGE: tuple[tuple[int, tuple[tuple[Status, float], ...]], ...] = (
    (2, ((Status.ORDERED, 35), (Status.APPROVED, 18), (Status.NEGOTIATING, 14),
         (Status.PROPOSED, 12), (Status.DELIVERING, 12), (Status.DELIVERED, 3),
         (Status.CANCELLED, 3), (Status.SUSPENDED, 3))),
    (5, ((Status.DELIVERING, 40), (Status.ORDERED, 28), (Status.DELIVERED, 20),
         (Status.CANCELLED, 4), (Status.APPROVED, 3), (Status.SUSPENDED, 3),
         (Status.NEGOTIATING, 2))),
    (10, ((Status.DELIVERED, 60), (Status.DELIVERING, 30), (Status.ORDERED, 3),
          (Status.CANCELLED, 5), (Status.SUSPENDED, 2))),
    (200, ((Status.DELIVERED, 92), (Status.CANCELLED, 5), (Status.DELIVERING, 1.5),
           (Status.SUSPENDED, 1.5))),
)  # fmt: skip

_PRE_ORDER_EVENT = {
    Status.PROPOSED: EventKind.PROPOSAL,
    Status.NEGOTIATING: EventKind.NEGOTIATION,
    Status.APPROVED: EventKind.APPROVAL,
}

# (code, units per US dollar, first year it is used).
_CURRENCIES: dict[str, tuple[float, int]] = {
    "USD": (1.0, FIRST_YEAR),
    "EUR": (0.9, 1999),
    "GBP": (0.75, FIRST_YEAR),
    "RUB": (60.0, 1992),
    "CNY": (6.8, FIRST_YEAR),
    "INR": (60.0, FIRST_YEAR),
    "KRW": (1100.0, FIRST_YEAR),
    "SEK": (8.5, FIRST_YEAR),
    "ILS": (3.7, 1986),
}
# A party that makes a deal likely to be priced in its own currency.
_HOME_CURRENCY: dict[str, str] = {
    **dict.fromkeys(
        ("FRA", "DEU", "ITA", "ESP", "NLD", "BEL", "AUT", "FIN", "PRT", "GRC", "IRL"), "EUR"
    ),
    "GBR": "GBP",
    "RUS": "RUB",
    "CHN": "CNY",
    "IND": "INR",
    "KOR": "KRW",
    "SWE": "SEK",
    "ISR": "ILS",
}

_PUBLISHERS = (
    "Defense News", "Jane's Defence Weekly", "Reuters", "SIPRI", "Flight International",
    "Naval News", "Breaking Defense", "Aviation Week", "Associated Press",
    "Agence France-Presse", "Military Balance", "Army Technology", "Asian Military Review",
    "Defence Industry Daily",
)  # fmt: skip
_AUTHORS = (
    "A. Novak", "B. Okafor", "C. Lindqvist", "D. Moreau", "E. Tanaka", "F. Haddad",
    "G. Petrov", "H. Kowalski", "I. Santos", "J. Whitfield", "K. Mehta", "L. Chen",
)  # fmt: skip
_OUTROS = (
    "Officials declined to comment on the financial terms.",
    "Further details were not disclosed.",
    "The ministries concerned confirmed the reports.",
    "Industry sources said more orders could follow.",
)
_REASONS = (
    "",
    " citing budget cuts",
    " after a change of government",
    " because of sanctions",
    " over technical problems",
)
_GENERAL_NOTES = (
    "Incl. training and spares",
    "Part of a package incl. ammunition and support equipment",
    "Option on further units",
    "For the navy",
    "For the air force",
    "For the army",
    "Delivery delayed by funding problems",
    "Offset agreement with local industry",
    "Status of deliveries uncertain",
    "Number ordered may be higher",
)


# --- helpers ------------------------------------------------------------------------------


class _Picker:
    """Weighted choice by bisection over cumulative weights: one random() per pick."""

    def __init__(self, items: Sequence[int], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> int:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def _year_pickers(
    entries: Sequence[tuple[int, float, Window]],
) -> list[_Picker | None]:
    """One picker per year over the (id, weight, years) entries alive that year."""
    pickers: list[_Picker | None] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        alive = [(item, weight) for item, weight, (a, b) in entries if a <= year <= b]
        pickers.append(_Picker([i for i, _ in alive], [w for _, w in alive]) if alive else None)
    return pickers


def _weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
    total = sum(weight for _, weight in options)
    threshold = rng.random() * total
    for value, weight in options:
        threshold -= weight
        if threshold < 0:
            return value
    return options[-1][0]


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _round_significant(value: float, digits: int) -> int:
    magnitude = 10 ** max(0, math.floor(math.log10(value)) - digits + 1)
    return round(value / magnitude) * magnitude


def _tiv(value: float) -> Decimal:
    return max(Decimal(f"{value:.3f}"), Decimal("0.001"))


# --- building the world -------------------------------------------------------------------


@dataclass
class _Ids:
    """The next free primary key of each table; keys are assigned here, not by the DB."""

    next: dict[str, int]

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class _PlatformInfo:
    id: int
    designation: str
    category: Category
    intro: int


@dataclass
class _Pool:
    """Platforms sorted by the year they entered service."""

    intros: list[int] = field(default_factory=list)
    platforms: list[_PlatformInfo] = field(default_factory=list)

    def add(self, platform: _PlatformInfo) -> None:
        at = bisect.bisect_right(self.intros, platform.intro)
        self.intros.insert(at, platform.intro)
        self.platforms.insert(at, platform)

    def between(self, first: int, last: int) -> tuple[int, int]:
        return bisect.bisect_left(self.intros, first), bisect.bisect_right(self.intros, last)


@dataclass
class _World:
    names: dict[int, str] = field(default_factory=dict)
    state_ids: dict[str, int] = field(default_factory=dict)
    sellers: list[_Picker | None] = field(default_factory=list)
    buyers: list[_Picker | None] = field(default_factory=list)
    non_state: list[_Picker | None] = field(default_factory=list)
    organisations: list[_Picker | None] = field(default_factory=list)
    companies: list[_Picker | None] = field(default_factory=list)
    company_country: dict[int, str] = field(default_factory=dict)
    iso3_of: dict[int, str] = field(default_factory=dict)
    pools: dict[str, _Pool] = field(default_factory=dict)  # by origin iso3
    everything: _Pool = field(default_factory=_Pool)


def _existing_ids(session: Session) -> _Ids:
    tables = (Party, PartyAlias, Platform, PlatformAlias, Deal, Event, Source, Citation)
    return _Ids(
        {
            model.__tablename__: int(session.scalar(select(func.max(model.id))) or 0) + 1
            for model in tables
        }
    )


def _build_parties(session: Session, ids: _Ids, world: _World) -> tuple[list[Row], list[Row]]:
    """Party and alias rows for every state and the other actors not in the database yet."""
    existing_states = {iso3: pid for pid, iso3 in session.execute(select(Party.id, Party.iso3))}
    alias_owner = dict(
        session.execute(select(PartyAlias.alias_key, PartyAlias.party_id)).tuples().all()
    )
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
    for name, home, since in _COMPANIES:
        party_id = add(name, PartyKind.COMPANY, None, home, False)
        world.company_country[party_id] = home
        companies.append((party_id, 1.0, (since, LAST_YEAR)))
    organisations = [
        (add(name, PartyKind.ORGANISATION, None, None, False), 1.0, years)
        for name, years in _ORGANISATIONS
    ]
    non_state = [
        (add(name, PartyKind.NON_STATE, None, None, False), 1.0, years)
        for name, years in _NON_STATE
    ]
    world.companies = _year_pickers(companies)
    world.organisations = _year_pickers(organisations)
    world.non_state = _year_pickers(non_state)

    def state(iso3: str) -> int:
        if iso3 not in world.state_ids:
            raise GenerateError(f"{iso3} is not in tracker.countries")
        world.iso3_of[world.state_ids[iso3]] = iso3
        return world.state_ids[iso3]

    sellers = [(state(iso3), weight, years) for iso3, weight, years in _BIG_SUPPLIERS]
    sellers += [
        (state(iso3), _MINOR_WEIGHT / (rank + 1) ** 0.8, years)
        for rank, (iso3, years) in enumerate(_MINOR_SUPPLIERS)
    ]
    world.sellers = _year_pickers(sellers)
    buyers = [
        (state(iso3), 1.0 / (rank + 10), _BUYER_YEARS.get(iso3, _ALWAYS))
        for rank, iso3 in enumerate(_BUYERS)
    ]
    world.buyers = _year_pickers(buyers)
    return parties, aliases


def _designation(rng: random.Random, category: Category, style: str) -> str:
    template = rng.choice(_TEMPLATES[category][style])
    nouns = _PROFILES[category].nouns
    designation = template.format(
        a=rng.randint(1, 45),
        b=rng.randint(1, 199),
        c=rng.randint(100, 999),
        d=rng.randint(1000, 22999),
        z=rng.randint(10, 99),
        L=rng.choice(_LETTERS),
        s=rng.choice(_SUFFIXES[style]),
        noun=rng.choice(nouns) if nouns else "",
    )
    return " ".join(designation.split())


def _build_platforms(
    session: Session, rng: random.Random, ids: _Ids, world: _World
) -> tuple[list[Row], list[Row]]:
    """About PLATFORMS platforms, shared among suppliers by their weight, each with an alias."""
    taken = set(session.scalars(select(PlatformAlias.alias_key)))
    taken |= {normalize_name(d) for d in session.scalars(select(Platform.designation))}
    origins = [(iso3, weight, years) for iso3, weight, years in _BIG_SUPPLIERS]
    origins += [
        (iso3, _MINOR_WEIGHT / (rank + 1) ** 0.8, years)
        for rank, (iso3, years) in enumerate(_MINOR_SUPPLIERS)
    ]
    flattened = [weight**0.8 for _, weight, _ in origins]
    scale = PLATFORMS / sum(flattened)
    categories = list(_PROFILES)
    category_weights = [_PROFILES[c].share for c in categories]
    platforms: list[Row] = []
    aliases: list[Row] = []
    for (iso3, _, (first, last)), weight in zip(origins, flattened, strict=True):
        style = _STYLE_OF.get(iso3, "west")
        origin_id = world.state_ids[iso3]
        pool = world.pools.setdefault(iso3, _Pool())
        for index in range(max(3, round(weight * scale))):
            category = rng.choices(categories, category_weights)[0]
            earliest = max(1940, first - 15)
            # The first design of each supplier is available from its first year on.
            intro = earliest if index == 0 else rng.randint(earliest, min(2022, last))
            designation = _designation(rng, category, style)
            key = normalize_name(designation)
            attempt = 0
            while key in taken:
                attempt += 1
                designation = (
                    _designation(rng, category, style)
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
            info = _PlatformInfo(platform_id, designation, category, intro)
            pool.add(info)
            world.everything.add(info)
    return platforms, aliases


# --- deals, events, sources, citations ----------------------------------------------------


@dataclass
class _Chunk:
    deals: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    citations: list[Row] = field(default_factory=list)


@dataclass
class _Facts:
    """What the sources say about one deal."""

    deal_id: int
    report_year: int
    headline: str
    primary_field: str
    primary_quote: str
    status_quote: str
    first_event_id: int
    cite_event: bool
    second_source: bool


class _DealMaker:
    def __init__(self, rng: random.Random, world: _World, ids: _Ids, seed: int) -> None:
        self.rng = rng
        self.world = world
        self.ids = ids
        self.seed = seed
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        # More deals in recent decades: four times as many in 2025 as in 1950.
        self.years = _Picker(list(years), [1 + 3 * (y - FIRST_YEAR) / 75 for y in years])
        self.seller_pools: dict[int, list[_Pool]] = {}
        for party_id, iso3 in world.iso3_of.items():
            origins = (iso3, *_INHERITS_DESIGNS.get(iso3, ()))
            self.seller_pools[party_id] = [world.pools[o] for o in origins if o in world.pools]

    # -- one deal

    def _parties(self, year: int) -> tuple[int, int, str | None]:
        """(seller id, buyer id, seller's country) for an order placed in `year`."""
        rng, world, index = self.rng, self.world, year - FIRST_YEAR
        state_sellers = world.sellers[index]
        assert state_sellers is not None
        seller = state_sellers.pick(rng)
        seller_country = world.iso3_of[seller]
        companies = world.companies[index]
        if companies is not None and rng.random() < _COMPANY_SELLER_SHARE:
            seller = companies.pick(rng)
            seller_country = world.company_country[seller]
        roll = rng.random()
        group = (
            world.non_state[index]
            if roll < _NON_STATE_BUYER_SHARE
            else world.organisations[index]
            if roll < _NON_STATE_BUYER_SHARE + _ORGANISATION_BUYER_SHARE
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

    def _platform(self, seller_country: str, year: int, second_hand: bool) -> _PlatformInfo:
        """Mostly the seller's own recent designs; second-hand sales often re-export others'."""
        rng = self.rng
        if second_hand and rng.random() < 0.4:
            pools = [self.world.everything]
            first, last = year - 40, year - 5
        else:
            pools = self.seller_pools.get(self.world.state_ids[seller_country], [])
            first, last = year - 35, year
        choices: list[tuple[_Pool, int, int]] = []
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
        profile = _PROFILES[category]
        value = self.rng.lognormvariate(math.log(profile.quantity_median), profile.quantity_sigma)
        return max(1, min(10_000, round(value)))

    def deal(self, number: int, chunk: _Chunk) -> _Facts:
        rng, world = self.rng, self.world
        year = self.years.pick(rng)
        age = LAST_YEAR - year
        status: Status = next(
            _weighted(rng, options) for max_age, options in _STATUS_BY_AGE if age <= max_age
        )
        seller, buyer, seller_country = self._parties(year)
        assert seller_country is not None
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
        profile = _PROFILES[category]
        seller_name, buyer_name = world.names[seller], world.names[buyer]

        # Quantities: unknown is NULL, never 0; delivered never exceeds ordered.
        ordered: int | None = self._quantity(category) if rng.random() >= 0.08 else None
        delivered: int | None = None
        if ordered is not None:
            if status is Status.DELIVERING and ordered < 2:
                status = Status.DELIVERED
            if status is Status.DELIVERED:
                roll = rng.random()
                delivered = (
                    ordered
                    if roll < 0.93
                    else None
                    if roll < 0.96 or ordered < 2
                    else rng.randint(1, ordered - 1)
                )
            elif status is Status.DELIVERING:
                delivered = rng.randint(1, ordered - 1)
            elif status is Status.ORDERED:
                delivered = 0
            elif status in (Status.CANCELLED, Status.SUSPENDED):
                partial = ordered >= 2 and rng.random() < (
                    0.2 if status is Status.CANCELLED else 0.5
                )
                delivered = rng.randint(1, ordered - 1) if partial else 0

        # Dates, all to the year.
        lag = rng.randint(0, profile.delivery_lag)
        first_delivery: int | None = None
        last_delivery: int | None = None
        expected = False
        if status is Status.DELIVERED or (
            status in (Status.CANCELLED, Status.SUSPENDED) and delivered
        ):
            first_delivery = min(year + lag, LAST_YEAR)
            if status is Status.DELIVERED:
                last_delivery = min(
                    first_delivery + rng.randint(0, profile.delivery_span), LAST_YEAR
                )
        elif status is Status.DELIVERING:
            first_delivery = min(year + lag, LAST_YEAR)
            if rng.random() < 0.6:
                last_delivery = max(first_delivery, LAST_YEAR) + rng.randint(1, 4)
                expected = True
        elif status is Status.ORDERED and rng.random() < 0.4:
            first_delivery = max(year + lag, LAST_YEAR + 1)
            expected = True

        # Money for a fifth of deals, in the currency of the parties now and then.
        value: Decimal | None = None
        currency: str | None = None
        value_kind: ValueKind | None = None
        at_least = False
        if rng.random() < 0.2:
            currency = "USD"
            home = _HOME_CURRENCY.get(seller_country) or _HOME_CURRENCY.get(
                world.iso3_of.get(buyer, "")
            )
            if home and _CURRENCIES[home][1] <= year and rng.random() < 0.5:
                currency = home
            unit_price = _log_uniform(rng, *profile.usd_range)
            era = 0.15 + 0.85 * ((year - FIRST_YEAR) / 75) ** 1.5
            units = ordered if ordered is not None else rng.randint(1, 20)
            package = rng.uniform(1.0, 2.5)
            amount = unit_price * units * era * package * _CURRENCIES[currency][0]
            amount = min(max(amount, 1e5), 1e10)
            roll = rng.random()
            value_kind = (
                ValueKind.NOTIFIED_CEILING
                if seller_country == "USA" and roll < 0.08
                else ValueKind.ESTIMATE
                if roll < 0.3
                else ValueKind.CONTRACT
            )
            if value_kind is ValueKind.CONTRACT and rng.random() < 0.3:
                value = Decimal(round(amount * 100)) / 100
            else:
                value = Decimal(
                    _round_significant(amount, 2 if value_kind is ValueKind.ESTIMATE else 3)
                )
            value = min(max(value, Decimal(100_000)), Decimal(10_000_000_000)).quantize(
                Decimal("0.01")
            )
            at_least = rng.random() < 0.05

        # SIPRI trend-indicator values for most deals; second-hand weapons count for less.
        tiv_unit = tiv_total = tiv_delivered = None
        if rng.random() < 0.88:
            factor = {Condition.SECOND_HAND: 0.4, Condition.SECOND_HAND_MODERNISED: 0.66}
            tiv_value = _log_uniform(rng, *profile.tiv_range)
            if condition is not None:
                tiv_value *= factor.get(condition, 1.0)
            tiv_unit = _tiv(tiv_value)
            tiv_total = tiv_unit * ordered if ordered is not None else None
            tiv_delivered = tiv_unit * delivered if delivered is not None else None

        local_production = rng.random() < 0.05
        notes = self._notes(
            seller_name, buyer_name, condition, local_production, rng.random() < 0.4
        )
        programme = (
            f"{rng.choice(('Project', 'Programme', 'Requirement'))} "
            f"{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}-{rng.randint(1, 99)}"
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
                "value_currency": currency if value is not None else None,
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
                "first_delivery_date": _jan1(first_delivery),
                "first_delivery_precision": DatePrecision.YEAR if first_delivery else None,
                "last_delivery_date": _jan1(last_delivery),
                "last_delivery_precision": DatePrecision.YEAR if last_delivery else None,
                "deliveries_expected": expected,
                "notes": notes,
                "created_at": CREATED_AT,
                "updated_at": CREATED_AT,
                "version": 1,
            }
        )
        what = f"{ordered if ordered is not None else 'an undisclosed number of'} {platform.designation}"
        first_event_id, report_year, first_description = self._events(
            chunk, deal_id, status, year, first_delivery, last_delivery, delivered,
            seller_name, buyer_name, platform.designation, what,
        )  # fmt: skip
        return _Facts(
            deal_id=deal_id,
            report_year=report_year,
            headline=f"{buyer_name} to acquire {platform.designation} from {seller_name}",
            primary_field="quantity_ordered" if ordered is not None else "status",
            primary_quote=first_description,
            status_quote=_status_sentence(
                status, seller_name, buyer_name, platform.designation, first_delivery, last_delivery
            ),
            first_event_id=first_event_id,
            cite_event=rng.random() < 0.25,
            second_source=rng.random() < 0.3,
        )

    def _notes(
        self, seller: str, buyer: str, condition: Condition | None, local: bool, wanted: bool
    ) -> str | None:
        if not wanted:
            return None
        rng = self.rng
        parts = []
        if condition is Condition.SECOND_HAND:
            parts.append(
                rng.choice((f"Ex-{seller} stock; aid", f"Second-hand; ex-{seller} forces"))
            )
        elif condition is Condition.SECOND_HAND_MODERNISED:
            parts.append("Second-hand; modernised before delivery")
        if local:
            parts.append(f"Produced under licence in {buyer}")
        if not parts or rng.random() < 0.3:
            parts.append(rng.choice(_GENERAL_NOTES))
        return "; ".join(parts)

    def _events(
        self,
        chunk: _Chunk,
        deal_id: int,
        status: Status,
        year: int,
        first_delivery: int | None,
        last_delivery: int | None,
        delivered: int | None,
        seller: str,
        buyer: str,
        designation: str,
        what: str,
    ) -> tuple[int, int, str]:
        """The deal's 1-3 timeline events; returns the first's id and description, and the
        year a source would report the deal in."""
        rng = self.rng
        events: list[tuple[str, EventKind, int, str, Status | None, int | None]] = []
        kind = _PRE_ORDER_EVENT.get(status, EventKind.ORDER)
        description = {
            EventKind.PROPOSAL: f"{seller} offered {what} to {buyer}.",
            EventKind.NEGOTIATION: f"{buyer} opened negotiations with {seller} for {what}.",
            EventKind.APPROVAL: f"{seller} approved the export of {what} to {buyer}.",
            EventKind.ORDER: f"{buyer} ordered {what} from {seller} in {year}.",
        }[kind]
        first_status = status if kind is not EventKind.ORDER else Status.ORDERED
        events.append((kind.value, kind, year, description, first_status, None))
        report_year = year
        if (
            first_delivery is not None
            and first_delivery <= LAST_YEAR
            and status not in (Status.ORDERED,)
        ):
            done = status is Status.DELIVERED
            when = last_delivery if done and last_delivery else first_delivery
            text_ = (
                f"Deliveries of {designation} to {buyer} were completed."
                if done
                else f"First {designation} delivered to {buyer}."
            )
            events.append(
                ("delivery", EventKind.DELIVERY, when, text_,
                 Status.DELIVERED if done else Status.DELIVERING, delivered if done else None)
            )  # fmt: skip
            report_year = max(report_year, when)
        after = max(year, first_delivery or year)
        after = min(after, LAST_YEAR)
        if status in (Status.CANCELLED, Status.SUSPENDED):
            when = rng.randint(after, min(LAST_YEAR, after + 3))
            reason = rng.choice(_REASONS)
            if status is Status.CANCELLED:
                events.append(
                    ("cancellation", EventKind.CANCELLATION, when,
                     f"{buyer} cancelled the order for {designation}{reason}.",
                     Status.CANCELLED, None)
                )  # fmt: skip
            else:
                events.append(
                    ("suspension", EventKind.SUSPENSION, when,
                     f"{seller} suspended the transfer of {designation} to {buyer}{reason}.",
                     Status.SUSPENDED, None)
                )  # fmt: skip
            report_year = max(report_year, when)
        elif len(events) < 3 and rng.random() < 0.06:
            when = rng.randint(after, min(LAST_YEAR, after + 3))
            kind, description_ = rng.choice(
                (
                    (EventKind.SANCTION, f"Sanctions on {buyer} delayed the {designation} programme."),
                    (EventKind.DISPUTE, f"{buyer} and {seller} disputed the price of the {designation}."),
                    (EventKind.OTHER, f"{buyer} requested changes to the {designation} configuration."),
                )
            )  # fmt: skip
            events.append((kind.value, kind, when, description_, None, None))
        first_id = 0
        for ref, kind, when, description_, new_status, quantity in events:
            event_id = self.ids.take("event")
            first_id = first_id or event_id
            chunk.events.append(
                {
                    "id": event_id,
                    "deal_id": deal_id,
                    "ref": ref,
                    "kind": kind,
                    "event_date": dt.date(when, 1, 1),
                    "date_precision": DatePrecision.YEAR,
                    "description": description_,
                    "new_status": new_status,
                    "quantity": quantity,
                    "created_at": CREATED_AT,
                }
            )
        return first_id, report_year, description

    # -- a chunk of deals with their sources

    def chunk(self, first_number: int, count: int) -> _Chunk:
        chunk = _Chunk()
        facts = [self.deal(first_number + offset, chunk) for offset in range(count)]
        by_year: dict[int, list[_Facts]] = {}
        for fact in facts:
            by_year.setdefault(fact.report_year, []).append(fact)
        for year in sorted(by_year):
            self._sources(chunk, year, by_year[year])
        return chunk

    def _sources(self, chunk: _Chunk, year: int, facts: list[_Facts]) -> None:
        """About one article per five deals reported in `year`; each quote is in its text."""
        rng = self.rng
        count = max(1, round(len(facts) / 5))
        source_ids = [self.ids.take("source") for _ in range(count)]
        sentences: list[list[str]] = [[] for _ in range(count)]
        headlines: list[list[str]] = [[] for _ in range(count)]
        for index, fact in enumerate(facts):
            home = index * count // len(facts)
            sentences[home].append(fact.primary_quote)
            headlines[home].append(fact.headline)
            self._cite(
                chunk, source_ids[home], fact.deal_id, fact.primary_field, None, fact.primary_quote
            )
            if fact.cite_event:
                self._cite(
                    chunk,
                    source_ids[home],
                    fact.deal_id,
                    None,
                    fact.first_event_id,
                    fact.primary_quote,
                )
            if fact.second_source and count > 1:
                other = (home + 1 + rng.randrange(count - 1)) % count
                sentences[other].append(fact.status_quote)
                self._cite(
                    chunk, source_ids[other], fact.deal_id, "status", None, fact.status_quote
                )
        for index, source_id in enumerate(source_ids):
            publisher = rng.choice(_PUBLISHERS)
            published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            headline = headlines[index][0] if headlines[index] else f"Arms transfers in {year}"
            others = len(headlines[index]) - 1
            title = f"{headline}; {others} more transfers reported" if others > 0 else headline
            body = " ".join(dict.fromkeys(sentences[index]))
            slug = "-".join(normalize_name(publisher).split())
            chunk.sources.append(
                {
                    "id": source_id,
                    "ref": f"{SOURCE_REF_PREFIX}{source_id}",
                    "kind": "article",
                    "title": title,
                    "publisher": publisher,
                    "author": rng.choice(_AUTHORS) if rng.random() < 0.5 else None,
                    "url": f"https://example.org/{slug}/{year}/{source_id}",
                    "published_date": published,
                    "text": f"{publisher}, {published.isoformat()}. {body} {rng.choice(_OUTROS)}",
                    "notes": f"Synthetic article (benchmarks.generate, seed {self.seed})",
                    "created_at": CREATED_AT,
                }
            )

    def _cite(
        self,
        chunk: _Chunk,
        source_id: int,
        deal_id: int,
        field_name: str | None,
        event_id: int | None,
        quote: str,
    ) -> None:
        chunk.citations.append(
            {
                "id": self.ids.take("citation"),
                "source_id": source_id,
                "deal_id": deal_id,
                "event_id": event_id,
                "field": field_name,
                "quote": quote,
            }
        )


def _jan1(year: int | None) -> dt.date | None:
    return dt.date(year, 1, 1) if year is not None else None


def _status_sentence(
    status: Status,
    seller: str,
    buyer: str,
    designation: str,
    first_delivery: int | None,
    last_delivery: int | None,
) -> str:
    if status is Status.DELIVERED:
        when = f" by {last_delivery}" if last_delivery else ""
        return f"All {designation} for {buyer} had been delivered{when}."
    if status is Status.DELIVERING:
        since = f" since {first_delivery}" if first_delivery else ""
        return f"{seller} has been delivering {designation} to {buyer}{since}."
    return {
        Status.ORDERED: f"The {designation} contract between {seller} and {buyer} is signed.",
        Status.CANCELLED: f"{buyer} cancelled its order for {designation}.",
        Status.SUSPENDED: f"The sale of {designation} to {buyer} is suspended.",
        Status.APPROVED: f"{seller} approved the export of {designation} to {buyer}.",
        Status.NEGOTIATING: f"{buyer} and {seller} are negotiating over {designation}.",
        Status.PROPOSED: f"{seller} has offered {designation} to {buyer}.",
    }[status]


# --- writing ------------------------------------------------------------------------------


@contextmanager
def _fast_connection(engine: Engine) -> Iterator[Connection]:
    """The generator's own connection; on SQLite with synchronous=OFF while it runs."""
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            yield connection
            return
        previous = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        connection.exec_driver_sql("PRAGMA synchronous=OFF")
        connection.commit()
        try:
            yield connection
        finally:
            connection.rollback()
            connection.exec_driver_sql(f"PRAGMA synchronous={int(previous or 2)}")
            connection.commit()


def _insert(session: Session, model: type[Base], rows: list[Row]) -> None:
    for start in range(0, len(rows), CHUNK_SIZE):
        session.execute(insert(model), rows[start : start + CHUNK_SIZE])
    if rows and session.get_bind().dialect.name == "postgresql":
        # Keys were assigned here: move the id sequence past them for later ORM inserts.
        table = model.__tablename__
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :value)"),
            {"value": max(row["id"] for row in rows)},
        )


def _begin(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def generate(
    engine: Engine,
    *,
    deals: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> GeneratedCounts:
    """Migrate (tracker.migrate.upgrade) if needed, then insert `deals` synthetic deals plus
    their parties, platforms, events, sources and citations, in one transaction per chunk.

    Same seed + size => identical data in a fresh database. Parties and platforms already
    in the database are reused by name; a database that already holds synthetic deals is
    refused (GenerateError).
    """
    if deals < 0:
        raise ValueError("deals must be zero or more")
    if not migrate.is_up_to_date(engine):
        migrate.upgrade(engine)
    rng = random.Random(seed)
    world = _World()
    totals = dict.fromkeys(("parties", "platforms", "deals", "events", "sources", "citations"), 0)
    with _fast_connection(engine) as connection, Session(bind=connection) as session:
        with session.begin():
            _begin(session)
            already = session.scalar(
                select(Deal.id).where(Deal.ref.startswith(DEAL_REF_PREFIX)).limit(1)
            )
            if already is not None:
                raise GenerateError(
                    "the database already holds synthetic deals; use a fresh database"
                )
            ids = _existing_ids(session)
            parties, party_aliases = _build_parties(session, ids, world)
            platforms, platform_aliases = _build_platforms(session, rng, ids, world)
            _insert(session, Party, parties)
            _insert(session, PartyAlias, party_aliases)
            _insert(session, Platform, platforms)
            _insert(session, PlatformAlias, platform_aliases)
        totals["parties"], totals["platforms"] = len(parties), len(platforms)
        maker = _DealMaker(rng, world, ids, seed)
        for start in range(0, deals, CHUNK_SIZE):
            count = min(CHUNK_SIZE, deals - start)
            chunk = maker.chunk(start + 1, count)
            with session.begin():
                _begin(session)
                _insert(session, Deal, chunk.deals)
                _insert(session, Event, chunk.events)
                _insert(session, Source, chunk.sources)
                _insert(session, Citation, chunk.citations)
            for name in ("deals", "events", "sources", "citations"):
                totals[name] += len(getattr(chunk, name))
            if progress is not None:
                progress(start + count, deals)
    return GeneratedCounts(**totals)


# --- command line -------------------------------------------------------------------------


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Fill a database with deterministic, realistic synthetic arms deals.",
    )
    parser.add_argument("--deals", type=int, default=30_000, help="how many deals (30000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL (default: sqlite:///benchmarks/results/deals-{N}.db)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite database file first"
    )
    args = parser.parse_args(argv)
    if args.deals < 0:
        parser.error("--deals must be zero or more")
    url: str = args.database_url or f"sqlite:///benchmarks/results/deals-{args.deals}.db"
    path = _sqlite_path(url)
    if args.fresh:
        if path is None:
            parser.error("--fresh only works with an SQLite database file")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)

    engine = make_engine(Settings(database_url=url, auto_setup=False))
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"{done:>9,} / {total:,} deals  {elapsed:7.2f} s", file=sys.stderr, flush=True)

    try:
        counts = generate(engine, deals=args.deals, seed=args.seed, progress=report)
    except GenerateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{name} {value:,}" for name, value in _as_dict(counts).items())
    print(f"{summary} in {seconds:.2f} s ({url})")
    return 0


def _as_dict(counts: GeneratedCounts) -> Mapping[str, int]:
    return {name: getattr(counts, name) for name in GeneratedCounts.__dataclass_fields__}


if __name__ == "__main__":
    raise SystemExit(main())
