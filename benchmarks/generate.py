"""Deterministic, realistic synthetic arms deals at any size, for benchmarks.

    python -m benchmarks.generate --deals 30000 --seed 1 --database-url sqlite:////tmp/x.db

The data is skewed like the real trade: a few big suppliers take most deals, many states
buy; every category, order years 1950-2025 (more in recent decades), a fifth of deals with
money values in several currencies, one to three events per deal, about one source per five
deals with every quote verbatim in its source's text, unknown quantities and values, and
second-hand transfers. Historic states (the Soviet Union, Yugoslavia, ...) only trade in
the years they existed.

Rows go in as Core INSERTs of plain dicts (`session.execute(insert(table), rows)`: one
executemany, or insertmanyvalues batch on PostgreSQL, per 5,000 rows), never one ORM object
per row, with primary keys assigned here so children can point at parents without
RETURNING; one transaction per chunk of 5,000 deals. Enum columns take the vocabulary
members themselves.

The same seed and size give identical data: one `random.Random(seed)` drives everything and
the timestamps are fixed.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tracker.config import Settings
from tracker.domain.countries import all_countries
from tracker.domain.names import normalize_name
from tracker.domain.vocab import (
    Category,
    Condition,
    DatePrecision,
    EventKind,
    PartyKind,
    Status,
    ValueKind,
    label,
)
from tracker.store import migrate
from tracker.store.db import Base, analyze, make_engine
from tracker.store.models import (
    Citation,
    Deal,
    Event,
    Party,
    PartyAlias,
    Platform,
    PlatformAlias,
    Source,
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


_COUNTED = tuple(f.name for f in fields(GeneratedCounts))


# --- reading the compact tables below ----------------------------------------------------


def _window(text: str) -> Window:
    """Years from "1992-" (to LAST_YEAR), "-1991" (from FIRST_YEAR), "1960-1975" or ""."""
    first, _, last = text.partition("-")
    return (int(first) if first else FIRST_YEAR, int(last) if last else LAST_YEAR)


def _words(text: str) -> list[str]:
    return text.split()


def _table(text: str) -> list[list[str]]:
    """The rows of a whitespace-aligned table, as words, without its header line."""
    return [line.split() for line in text.strip().splitlines()[1:]]


def _codes(text: str) -> list[tuple[str, Window]]:
    """Parse "USA SUN@-1991 RUS@1992-" into [(iso3, years), ...]."""
    return [(code, _window(years)) for code, _, years in (t.partition("@") for t in text.split())]


def _lines(text: str) -> list[list[str]]:
    """Non-blank lines of a table, as cells split by '|'."""
    rows = (line.split("|") for line in text.splitlines() if line.strip())
    return [[cell.strip() for cell in row] for row in rows]


def _keyed(text: str) -> dict[str, list[str]]:
    """Parse "key: a, b," lines into {"key": ["a", "b", ...]}; indented lines continue."""
    joined: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            joined[key] += " " + line.strip()
        else:
            key, _, rest = line.partition(": ")
            joined[key] = rest.strip()
    return {k: [item.strip() for item in v.split(", ")] for k, v in joined.items()}


# --- the world: who sells, who buys, in which years ---------------------------------------

# The big suppliers take about 85% of deals, Zipf-like; iso3@years when not 1950-2025.
_BIG_SUPPLIERS = _codes(
    "USA SUN@-1991 RUS@1992- FRA GBR DEU CHN ITA ISR@1955- ESP KOR@1975- NLD SWE UKR@1992- "
    "TUR@1995-"
)
_BIG_WEIGHTS = (30, 24, 20, 10, 8, 6.5, 6, 4, 3, 2.2, 2.5, 2, 2, 2.5, 1.8)

# Everyone else who exports now and then, in rank order (weights fall off with rank).
_MINOR_SUPPLIERS = _codes(
    "CAN CSK@-1992 CHE BRA@1970- AUS ZAF@1965- BEL POL NOR YUG@-1991 AUT IND@1975- CZE@1993- "
    "BLR@1992- JPN DDR@-1990 ARE@1990- PAK@1980- IRN@1985- PRK@1965- SGP@1975- FIN DNK BGR "
    "ROU PRT GRC HUN JOR@1970- EGY@1960- SAU@1980- IDN@1980- ARG CHL SRB@2006- SVK@1993- "
    "LBY@1970-2011 NZL IRL SYR@1970-2011"
)
_MINOR_WEIGHT = 3.4

# States that buy, in rough order of how much they import (a milder skew than suppliers'),
# with the years they existed when not the whole period.
_BUYERS = _codes("""
    IND SAU EGY CHN IRQ PAK TUR GRC KOR ISR ARE@1971- DZA@1962- AUS IRN SYR GBR USA JPN TWN
    VNM QAT@1971- IDN DEU ITA SUN@-1991 FRA NLD CAN ESP POL SGP@1965- LBY@1951- MAR@1956-
    AFG KWT@1961- BRA VEN MYS@1957- THA NOR CHL PER ARG BGD@1972- MMR ETH NGA@1960- ZAF JOR
    OMN PHL SWE FIN CHE BEL DNK PRT AUT CZE@1993- HUN ROU BGR UKR@1992- KAZ@1992- AZE@1992-
    ARM@1992- BLR@1992- GEO@1992- SRB@2006- HRV@1992- SVK@1993- SVN@1992- LTU@1992-
    LVA@1992- EST@1992- COL ECU MEX URY BOL CUB NZL LKA NPL SDN@1956- SSD@2011- KEN@1963-
    TZA@1961- UGA@1962- AGO@1975- MOZ@1975- ZMB@1964- ZWE@1980- NAM@1990- BWA@1966-
    GHA@1957- CMR@1960- SEN@1960- MLI@1960- NER@1960- TCD@1960- BFA@1984- CIV@1960-
    COD@1997- COG@1960- GAB@1960- RWA@1962- BDI@1962- SOM@1960- ERI@1993- DJI@1977-
    TUN@1956- YEM LBN BHR@1971- PRK KHM LAO MNG TKM@1992- UZB@1992- KGZ@1992- TJK@1992- PRY
    GTM HND SLV NIC PAN DOM JAM@1962- TTO@1962- CYP@1960- MLT@1964- ALB MKD@1992- BIH@1992-
    MNE@2006- IRL ISL BRN@1984- FJI@1970- PNG@1975- MRT@1960- GIN@1958- SLE@1961- LBR
    BEN@1975- TGO@1960- MDG@1960- MWI@1964- MUS@1968- SYC@1976- CAF@1960- GNQ@1968-
    LSO@1966- SWZ@1968- CSK@-1992 DDR@-1990 YUG@-1991 YMD@1967-1989 VDR@1954-1975
    RHO@1965-1979 ZAR@1971-1996 SCG@1992-2005 HVO@1960-1983 DHY@1960-1974
""")

# Sellers that also sell their predecessor state's designs.
_INHERITS_DESIGNS: dict[str, tuple[str, ...]] = {
    "RUS": ("SUN",),
    "UKR": ("SUN",),
    "BLR": ("SUN",),
    "CZE": ("CSK",),
    "SVK": ("CSK",),
    "SRB": ("YUG",),
}

# A few companies that now and then sell directly: name | home country | since.
_COMPANIES = _lines("""
    Lockheed Martin    | USA | 1995
    Boeing             | USA | 1970
    Dassault Aviation  | FRA | 1990
    BAE Systems        | GBR | 1999
    Rosoboronexport    | RUS | 2000
    Thales             | FRA | 2000
    Leonardo           | ITA | 2016
    Saab               | SWE | 1970
    Rheinmetall        | DEU | 1990
    Elbit Systems      | ISR | 1996
    Norinco            | CHN | 1980
    Hanwha Aerospace   | KOR | 2015
    Naval Group        | FRA | 2017
    Baykar             | TUR | 2014
""")

# International organisations (SIPRI's "**") and non-state actors ("*"): rare buyers.
_ORGANISATIONS = _lines("""
    NATO**                                      |
    United Nations**                            |
    African Union**                             | 2002-
    European Union**                            | 1993-
    ECOWAS**                                    | 1975-
    Regional Security System**                  | 1982-
    OSCE**                                      | 1995-
    Gulf Cooperation Council**                  | 1981-
    NATO Support and Procurement Agency**       | 2012-
    Organisation of Eastern Caribbean States**  | 1981-
""")
_NON_STATE = _lines("""
    Hezbollah (Lebanon)*                        | 1982-
    Houthi rebels (Yemen)*                      | 2004-
    UNITA (Angola)*                             | 1966-2002
    Contras (Nicaragua)*                        | 1980-1990
    Mujahedin (Afghanistan)*                    | 1979-1992
    PUK (Iraq)*                                 | 1975-
    Kurdistan Regional Government (Iraq)*       | 1992-
    Syria rebels*                               | 2011-
    Haftar forces (Libya)*                      | 2014-
    SPLA (Sudan)*                               | 1983-2011
    RSF (Sudan)*                                | 2013-
    Hamas (Palestine)*                          | 1987-
    ANC (South Africa)*                         | 1961-1993
    FNLA (Angola)*                              | 1961-1976
    MPLA (Angola)*                              | 1961-1975
    LTTE (Sri Lanka)*                           | 1976-2009
    Northern Alliance (Afghanistan)*            | 1996-2001
    Viet Cong (South Vietnam)*                  | 1960-1975
    PLO (Palestine)*                            | 1964-1993
    Polisario Front (Western Sahara)*           | 1973-
    Darfur rebels (Sudan)*                      | 2003-
""")

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
    since: int  # the first year a design of the category enters service


# Order sizes are log-normal (median, sigma); TIV (SIPRI millions) and prices (US dollars)
# per unit are log-uniform; lag and span are the most years to first and to last delivery;
# no design of the category enters service before "since".
_PROFILE_TABLE = """
    category             share  qty  sigma  TIV low  high  USD low   high  lag  span  since
    aircraft                26   12    0.9      2.0    40      4e6    9e7    3     5   1940
    armoured_vehicles       18   40    1.1      0.2     4      3e5    9e6    2     5   1940
    missiles                16  120    1.2    0.005     1      2e4    3e6    2     4   1950
    artillery                8   24    1.0     0.05     2      1e5    6e6    2     4   1940
    ships                    8    2    0.7       10   400      3e7  1.5e9    4     6   1940
    sensors                  8    4    1.0      0.5    25      5e5    5e7    2     4   1945
    air_defence_systems      6    3    0.8       10   150      2e7    9e8    3     4   1955
    engines                  6   20    1.1      0.3     5      5e5    1e7    1     4   1940
    naval_weapons            3    4    0.9      0.3     6      3e5    2e7    2     3   1940
    satellites               1    1    0.3       40   200      5e7    5e8    3     2   1970
    other                    2   10    1.0      0.2     5      1e5    5e6    1     3   1940
"""
_PROFILES: dict[Category, _Profile] = {
    Category(row[0]): _Profile(
        share=float(row[1]),
        quantity_median=float(row[2]),
        quantity_sigma=float(row[3]),
        tiv_range=(float(row[4]), float(row[5])),
        usd_range=(float(row[6]), float(row[7])),
        delivery_lag=int(row[8]),
        delivery_span=int(row[9]),
        since=int(row[10]),
    )
    for row in _table(_PROFILE_TABLE)
}

_STYLE_OF: dict[str, str] = {
    "USA": "us",
    **dict.fromkeys(_words("SUN RUS UKR BLR CSK CZE SVK DDR POL BGR ROU HUN YUG SRB"), "soviet"),
    **dict.fromkeys(_words("CHN PRK PAK IRN"), "china"),
}  # everyone else: "west"

_SUFFIXES: dict[str, list[str]] = {
    "us": ["", "", "", *_words("A B C D E F G J K N")],
    "soviet": ["", "", "", *_words("M K T P MK M2 UB SM MF BM E")],
    "china": ["", "", "", *_words("A B C D E G M II IIM")],
    "west": ["", "", "", *_words("A B C A4 A6 E NG"), " Mk 2", " II", " Evolution"],
}
_LETTERS = "ABCDEFGHKLMNPRSTV"

# Designations by "category/style": {a} 1-45, {b} 1-199, {c} 100-999, {d} 1000-22999,
# {z} 10-99, {L} a letter, {s} a suffix of the style, {noun} one of the category's nouns.
_TEMPLATES = _keyed("""
aircraft/us: F-{b}{s}, A-{b}{s}, C-{b}{s}, KC-{b}{s}, P-{b}{s}, T-{b}{s}, AH-{b}{s}, UH-{b}{s},
    CH-{b}{s}, MQ-{a}{s}, E-{a}{s}, MH-{a}{s}
aircraft/soviet: MiG-{a}{s}, Su-{a}{s}, Yak-{a}{s}, Tu-{c}{s}, Il-{a}{s}, An-{a}{s}, Mi-{a}{s},
    Ka-{a}{s}, Be-{a}{s}, L-{a}{s}
aircraft/china: J-{a}{s}, JF-{a}{s}, JH-{a}{s}, H-{a}{s}, Y-{a}{s}, Z-{a}{s}, K-{a}{s},
    Q-{a}{s}, KJ-{c}{s}, Wing Loong-{a}{s} UAV
aircraft/west: Mirage {a}{s}, Hawk {c}{s}, Gripen {L}{s}, Tornado {L}{s}, Alpha Jet {L}{s},
    Alouette {a}{s}, Puma SA-{c}{s}, Lynx AH{a}{s}, AW-{c}{s}, Tucano EMB-{c}{s}, Kfir C{a}{s},
    Heron-{a}{s} UAV, Bayraktar TB{a}{s}, Atlantique {a}{s}, Falcon {c}{s}, Pilatus PC-{a}{s},
    Dornier Do-{c}{s}, CASA C-{c}{s}, Aermacchi MB-{c}{s}, Fokker F-{a}{s}, KAI KT-{a}{s}
armoured_vehicles/us: M{b}{s}, M{b}A{a}, LAV-{c}{s}, AAV-{a}{s}, MRAP M{c}{s}, Stryker M{c}{s},
    HMMWV M{c}{s}, V-{c} Commando{s}
armoured_vehicles/soviet: T-{a}{s}, BMP-{a}{s}, BTR-{a}{s}, BRDM-{a}{s}, BMD-{a}{s}, PT-{a}{s},
    MT-LB{s} {a}, OT-{a}{s}, BVP-{a}{s}, Tigr-{a}{s}
armoured_vehicles/china: Type-{z}{s} tank, Type-{z}{s} APC, ZTZ-{a}{s}, ZBD-{a}{s}, VN-{a}{s},
    WZ-{c}{s}, ZSL-{a}{s}, VT-{a}{s}
armoured_vehicles/west: Leopard-{a}{s}, AMX-{a}{s}, VAB {L}{s}, Piranha-{a}{s}, Marder-{a}{s},
    Centauro-{a}{s}, Patria AMV-{a}{s}, CV-{z}{s}, Chieftain Mk {a}, Scorpion-{a}{s},
    Boxer-{a}{s}, Pandur-{a}{s}, Ratel-{a}{s}, Merkava-{a}{s}, K-{a}{s}, Altay-{a}{s},
    ACV-{a}{s}, Vickers Mk {a}, Cobra-{a}{s}, Dingo-{a}{s}, Fuchs-{a}{s}, Ejder-{a}{s},
    Guarani VBTP-{c}{s}
artillery/nouns: 155mm self-propelled gun, 152mm self-propelled gun, 105mm towed gun,
    122mm towed gun, 130mm towed gun, 155mm towed gun, 120mm mortar, 81mm mortar, 122mm MRL,
    227mm MRL, 300mm MRL
artillery/us: M{c}{s} {noun}, M{b}A{a} {noun}, HIMARS M{c}{s}, MLRS M{c}{s}
artillery/soviet: 2S{a}{s} {noun}, D-{a}{s} {noun}, M-{a}{s} {noun}, BM-{a}{s} {noun},
    2A{a}{s} {noun}, 9A{c}{s} {noun}
artillery/china: PLZ-{a}{s} {noun}, PLL-{a}{s} {noun}, PHL-{a}{s} {noun}, SR-{a}{s} {noun},
    Type-{z}{s} {noun}, WS-{a}{s} {noun}
artillery/west: CAESAR Mk {a} {noun}, PzH-{d}{s} {noun}, FH-{z}{s} {noun}, G-{a}{s} {noun},
    Archer-{a}{s} {noun}, Dana-{a}{s} {noun}, K{a}{s} {noun}, ATMOS-{d}{s} {noun},
    L{c}{s} {noun}, LG-{a}{s} {noun}, Soltam M-{z}{s} {noun}, T-{c} Firtina{s} {noun}
engines/us: F{c}-GE-{c}, F{c}-PW-{c}, J{z}-GE-{a}, T{c}-GE-{c}, TF-{z}{s}, LM{d}{s} gas turbine,
    AE-{d}{s}, AGT-{d}{s}
engines/soviet: AL-{a}{s}, RD-{a}{s}, D-{a}{s}, TV3-{c}{s}, NK-{a}{s}, VK-{d}{s}, AI-{a}{s},
    M-{c}{s} diesel engine, R-{c}{s}
engines/china: WS-{a}{s}, WJ-{a}{s}, WP-{a}{s}, WZ-{a}{s}, QC-{c}{s}
engines/west: Adour Mk {c}, M53-P{a}, M88-{a}{s}, RB-{c}{s}, MTU {c}{s} diesel engine,
    Olympus TM-{a}{s}, Spey Mk {c}, Tyne Mk {c}, Makila {L}{s}, Arriel {a}{s}, EJ-{c}{s},
    RTM-{c}{s}, Viper Mk {c}, Pielstick PA-{a}{s} diesel engine, Larzac {a}{s}, Turmo {c}{s},
    Avon Mk {c}, Gem Mk {a}, Atar {z}{s}
missiles/us: AIM-{b}{s}, AGM-{b}{s}, RIM-{b}{s}, BGM-{b}{s}, MIM-{b}{s}, FIM-{b}{s}, UGM-{b}{s},
    RGM-{b}{s}, GBU-{a}{s} guided bomb, MGM-{b}{s}
missiles/soviet: R-{a}{s}, Kh-{a}{s}, 9M{c}{s}, 3M{a}{s}, P-{c}{s}, 9M{a}{s},
    KAB-{c}{s} guided bomb, V-{c}{s}, S-{a}{s} rocket
missiles/china: PL-{a}{s}, HJ-{a}{s}, C-{c}{s}, YJ-{a}{s}, CM-{c}{s}, HN-{a}{s}, QW-{a}{s},
    LS-{a}{s} guided bomb, FN-{a}{s}, SD-{a}{s}, FT-{a}{s} guided bomb
missiles/west: Exocet MM{a}{s}, Exocet AM{a}{s}, Meteor-{L}{s}, MICA-{L}{s},
    Storm Shadow-{L}{s}, Milan-{a}{s}, HOT-{a}{s}, Harpoon Block {a}{s}, IRIS-T-{L}{s},
    Spike-{L}{s}, Python-{a}{s}, Derby-{L}{s}, RBS-{a}{s}, NSM Block {a}{s}, Marte Mk {a},
    Aspide-{a}{s}, Brimstone-{a}{s}, Taurus KEPD-{c}{s}, Otomat Mk {a}, Mistral-{a}{s},
    Rapier-{a}{s}, Sea Skua Mk {a}, Penguin Mk {a}, Gabriel-{a}{s}, Popeye-{a}{s}, SOM-{L}{s},
    Umkhonto-{L}{s}, Astra Mk {a}, Haeseong-{a}{s}, Hyunmoo-{a}{s}, Atmaca-{a}{s},
    MAM-{L}{s} guided bomb
air_defence_systems/nouns: SAM system, air defence system, SPAAG, SHORAD system
air_defence_systems/us: Patriot PAC-{a}{s} SAM system, NASAMS-{a}{s} SAM system,
    Hawk MIM-{b}{s} SAM system, Avenger M{c}{s} SHORAD system, Chaparral M{z}{s} SAM system,
    THAAD-{a}{s} {noun}, Vulcan M{c}{s} SPAAG
air_defence_systems/soviet: S-{c}{s} SAM system, Buk-M{a}{s} SAM system, Tor-M{a}{s} {noun},
    Pantsir-S{a}{s} {noun}, Osa-AK{s} {a} SAM system, Kub-{a}{s} SAM system,
    Strela-{a}{s} SHORAD system, Igla-{a}{s} SHORAD system, ZSU-{z}-{a}{s} SPAAG,
    Tunguska-M{a}{s} SPAAG, Krug-{a}{s} SAM system
air_defence_systems/china: HQ-{a}{s} SAM system, FM-{c}{s} SAM system, KS-{a}{s} {noun},
    LY-{z}{s} {noun}, FK-{z}{s} SHORAD system, Type-{z}{s} SPAAG
air_defence_systems/west: Crotale NG-{a}{s} SAM system, Roland-{a}{s} SAM system,
    Rapier Mk {a} SAM system, Skyguard-{a}{s} {noun}, SAMP/T-{L}{s} SAM system,
    Spyder-{L}{s} SAM system, Barak-{a}{s} {noun}, Iron Dome-{a}{s} {noun},
    IRIS-T SLM-{a}{s} SAM system, VL MICA-{a}{s} SAM system, Gepard-{a}{s} SPAAG,
    Oerlikon GDF-{c}{s} SPAAG, KM-SAM-{a}{s} SAM system, Hisar-{L}{s} SAM system,
    Akash Mk {a} SAM system, Chunma-{a}{s} SHORAD system, Skyshield-{a}{s} {noun}
sensors/nouns: radar, air search radar, fire control radar, surveillance radar, EW system,
    combat management system
sensors/us: AN/APG-{b}{s} radar, AN/TPQ-{a}{s} artillery locating radar, AN/SPY-{a}{s} radar,
    AN/AAQ-{a}{s} targeting pod, AN/MPQ-{a}{s} fire control radar, AN/SQS-{a}{s} sonar,
    AN/TPS-{b}{s} surveillance radar, AN/FPS-{b}{s} air search radar, AN/ALQ-{c}{s} EW system,
    AN/APY-{a}{s} AEW radar
sensors/soviet: N0{c}{s} radar, Zhuk-{L}{s} radar, Irbis-{L}{s} radar, P-{a}{s} {noun},
    1L{c}{s} {noun}, Kasta-{a}{s} air search radar, Fregat-M{a}{s} air search radar,
    Pozitiv-{L}{s} radar, Mineral-{L}{s} combat management system, Nebo-{L}{s} {noun},
    Podsolnukh-{L}{s} radar, MGK-{c}{s} sonar
sensors/china: JY-{a}{s} air search radar, YLC-{a}{s} {noun}, KLJ-{a}{s} radar,
    Type-{c}{s} {noun}, SLC-{a}{s} artillery locating radar, H/LJG-{c}{s} fire control radar
sensors/west: Giraffe-{L}{s} radar, SMART-{L}{s} radar, GM-{c}{s} {noun}, Captor-{L}{s} radar,
    RBE-{a}{s} radar, Searchwater-{d}{s} radar, Sea Giraffe-{L}{s} radar, TRML-{a}{s} {noun},
    EL/M-{d}{s} {noun}, Erieye-{L}{s} AEW radar, DA-{z}{s} fire control radar, LW-{z}{s} {noun},
    Sampson-{a}{s} radar, Kronos-{L}{s} radar, TRS-{d}{s} {noun}, Damocles-{L}{s} targeting pod,
    Cobra-{L}{s} artillery locating radar, Sonar {d}{s} sonar
satellites/nouns: satellite
satellites/us: WorldView-{a}{s} {noun}, GeoEye-{a}{s} {noun}, DSCS-{a}{s} {noun},
    WGS-{a}{s} {noun}, KH-{a}{s} {noun}, Landsat-{a}{s} {noun}
satellites/soviet: Kondor-{L}{s} {noun}, Kosmos-{d}{s} {noun}, Resurs-P{a}{s} {noun},
    Obzor-{L}{s} {noun}, Persona-{a}{s} {noun}
satellites/china: Gaofen-{a}{s} {noun}, Yaogan-{a}{s} {noun}, ChinaSat-{a}{s} {noun},
    Fengyun-{a}{s} {noun}, VRSS-{a}{s} {noun}, PakSat-{a}{s} {noun}
satellites/west: Helios-{a}{s} {noun}, Pleiades-{a}{s} {noun}, Skynet-{a}{s} {noun},
    Ofek-{a}{s} {noun}, TecSAR-{a}{s} {noun}, SAR-Lupe-{a}{s} {noun},
    COSMO-SkyMed-{a}{s} {noun}, Sicral-{a}{s} {noun}, Eros-{L}{s} {noun}, Amos-{a}{s} {noun},
    Syracuse-{a}{s} {noun}, Falcon Eye-{a}{s} {noun}, KOMPSAT-{a}{s} {noun},
    Gokturk-{a}{s} {noun}, NAOS-{a}{s} {noun}
ships/nouns: frigate, corvette, destroyer, patrol vessel, offshore patrol vessel, submarine,
    landing ship, minehunter, fast attack craft, support ship, patrol craft
ships/us: FFG-{a}{s} frigate, DDG-{a}{s} destroyer, LCS-{a}{s} corvette, LST-{c}{s} landing ship,
    PC-{a}{s} patrol craft, WPB-{d}{s} patrol craft, Hull {c}{s} {noun}
ships/soviet: Project {d}{s} {noun}
ships/china: Type-0{z}{s} {noun}
ships/west: Type-{c}{s} {noun}, MEKO A-{c}{s} frigate, FREMM-{L}{s} frigate,
    Gowind-{d}{s} corvette, Scorpene-{L}{s} submarine, Sa'ar-{a}{s} corvette,
    Descubierta-{L}{s} corvette, Lupo-{L}{s} frigate, Kortenaer-{L}{s} frigate,
    Visby-{L}{s} corvette, Leander-{L}{s} frigate, River-{L}{s} offshore patrol vessel,
    KDX-{a}{s} destroyer, Ada-{L}{s} corvette, Damen SIGMA {d}{s} {noun},
    Damen Stan Patrol {d}{s} patrol vessel, Lurssen FPB-{z}{s} fast attack craft,
    Avante {d}{s} {noun}
naval_weapons/nouns: naval gun, CIWS, torpedo, ASW rocket launcher, VLS, naval mine
naval_weapons/us: Mk-{z}{s} {noun}, Mk-{z} Mod {a} torpedo, Phalanx Mk {a}{s} CIWS,
    SeaRAM Mk {a}{s} CIWS
naval_weapons/soviet: AK-{c}{s} naval gun, A-{c}{s} naval gun, SET-{z}{s} torpedo,
    53-{z}{s} torpedo, UGST-{a}{s} torpedo, RBU-{d}{s} ASW rocket launcher,
    Kashtan-{L}{s} CIWS, Palash-{L}{s} CIWS
naval_weapons/china: H/PJ-{a}{s} naval gun, Type-{c}{s} {noun}, Yu-{a}{s} torpedo,
    EDS-{a}{s} naval mine
naval_weapons/west: OTO Melara {z}mm{s} naval gun, Goalkeeper-{L}{s} CIWS,
    Millennium-{L}{s} CIWS, Bofors {z}mm{s} naval gun, Sting Ray Mod {a} torpedo,
    Spearfish Mod {a} torpedo, DM-{z}{s} {noun}, Black Shark-{L}{s} torpedo,
    MU-{z} Mod {a} torpedo, Sylver A{z}{s} VLS, Typhoon Mk {a} {noun}
other/nouns: gun turret, air refuelling system, bridge layer, mine clearance system,
    armoured recovery vehicle, tank turret, training simulator
other/us: M{c}{s} {noun}, Mk-{z}{s} {noun}, AN/GSQ-{c}{s} {noun}
other/soviet: BREM-{a}{s} {noun}, UR-{z}{s} {noun}, MTU-{a}{s} {noun}, UPAZ-{a}{s} {noun},
    BMR-{a}{s} {noun}
other/china: Type-{c}{s} {noun}, GCZ-{c}{s} {noun}, GQL-{c}{s} {noun}
other/west: Hitfist-{z}{s} {noun}, Cockerill CT-{a}{s} {noun}, Keiler-{a}{s} {noun},
    Bergepanzer-{a}{s} {noun}, Leguan-{a}{s} {noun}, TML-{z}{s} {noun}, Samson-{a}{s} {noun}
""")

# --- deals --------------------------------------------------------------------------------

# How likely each status is, by the deal's age in years (up to and including max age).
_STATUS_TABLE = """
    max age  proposed  negotiating  approved  ordered  delivering  delivered  cancelled  suspended
          2        12           14        18       35          12          3          3          3
          5         0            2         3       28          40         20          4          3
         10         0            0         0        3          30         60          5          2
        200         0            0         0        0         1.5         92          5        1.5
"""
_STATUS_COLUMNS = [Status(name) for name in _STATUS_TABLE.split()[2:10]]
_STATUS_BY_AGE: list[tuple[int, list[tuple[Status, float]]]] = [
    (int(row[0]), list(zip(_STATUS_COLUMNS, map(float, row[1:]), strict=True)))
    for row in _table(_STATUS_TABLE)
]

_PRE_ORDER_EVENT = {
    Status.PROPOSED: EventKind.PROPOSAL,
    Status.NEGOTIATING: EventKind.NEGOTIATION,
    Status.APPROVED: EventKind.APPROVAL,
}

# Current ISO 4217 codes only: units per US dollar, and the first year each is used.
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
# A party whose presence makes a deal likely to be priced in its own currency.
_HOME_CURRENCY: dict[str, str] = {
    **dict.fromkeys(_words("FRA DEU ITA ESP NLD BEL AUT FIN PRT GRC IRL"), "EUR"),
    "GBR": "GBP",
    "RUS": "RUB",
    "CHN": "CNY",
    "IND": "INR",
    "KOR": "KRW",
    "SWE": "SEK",
    "ISR": "ILS",
}

_PUBLISHERS = _keyed("""
publishers: Defense News, Jane's Defence Weekly, Reuters, SIPRI, Flight International,
    Naval News, Breaking Defense, Aviation Week, Associated Press, Agence France-Presse,
    Military Balance, Army Technology, Asian Military Review, Defence Industry Daily
""")["publishers"]
_AUTHORS = [
    "A. Novak", "B. Okafor", "C. Lindqvist", "D. Moreau", "E. Tanaka", "F. Haddad",
    "G. Petrov", "H. Kowalski", "I. Santos", "J. Whitfield", "K. Mehta", "L. Chen",
]  # fmt: skip
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
    magnitude = int(10 ** max(0, math.floor(math.log10(value)) - digits + 1))
    return round(value / magnitude) * magnitude


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
    for name, home, since in _COMPANIES:
        party_id = add(name, PartyKind.COMPANY, None, home, False)
        world.company_country[party_id] = home
        companies.append((party_id, 1.0, (int(since), LAST_YEAR)))
    organisations = [
        (add(name, PartyKind.ORGANISATION, None, None, False), 1.0, _window(years))
        for name, years in _ORGANISATIONS
    ]
    non_state = [
        (add(name, PartyKind.NON_STATE, None, None, False), 1.0, _window(years))
        for name, years in _NON_STATE
    ]
    world.companies = _year_pickers(companies)
    world.organisations = _year_pickers(organisations)
    world.non_state = _year_pickers(non_state)

    def state(iso3: str) -> int:
        if iso3 not in world.state_ids:
            raise GenerateError(f"{iso3} is not in tracker.domain.countries")
        world.iso3_of[world.state_ids[iso3]] = iso3
        return world.state_ids[iso3]

    world.sellers = _year_pickers(
        [(state(iso3), weight, years) for iso3, weight, years in _suppliers()]
    )
    buyers = [(state(iso3), 1.0 / (rank + 10), years) for rank, (iso3, years) in enumerate(_BUYERS)]
    world.buyers = _year_pickers(buyers)
    return parties, aliases


def _suppliers() -> list[tuple[str, float, Window]]:
    """Every state supplier: (iso3, weight, years)."""
    big = [
        (iso3, weight, years)
        for (iso3, years), weight in zip(_BIG_SUPPLIERS, _BIG_WEIGHTS, strict=True)
    ]
    minor = [
        (iso3, _MINOR_WEIGHT / (rank + 1) ** 0.8, years)
        for rank, (iso3, years) in enumerate(_MINOR_SUPPLIERS)
    ]
    return big + minor


def _designation(rng: random.Random, category: Category, style: str) -> str:
    template = rng.choice(_TEMPLATES[f"{category.value}/{style}"])
    nouns = _TEMPLATES.get(f"{category.value}/nouns", [])
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
    origins = _suppliers()
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
            earliest = max(_PROFILES[category].since, first - 15)
            latest = max(earliest, min(2022, last))
            # Each supplier's first design is as old as it can be: early years need one.
            intro = earliest if index == 0 else rng.randint(earliest, latest)
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
    """Draws deals one by one from the world, then their sources chunk by chunk."""

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

    def _parties(self, year: int) -> tuple[int, int, str]:
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
        """Add deal `number` and its events to the chunk; return what sources will say."""
        rng, world = self.rng, self.world
        year = self.years.pick(rng)
        age = LAST_YEAR - year
        status: Status = next(
            _weighted(rng, options) for max_age, options in _STATUS_BY_AGE if age <= max_age
        )
        seller, buyer, seller_country = self._parties(year)
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

        ordered = self._quantity(category) if rng.random() >= 0.08 else None  # None: unknown
        if status is Status.DELIVERING and ordered == 1:
            status = Status.DELIVERED
        delivered = self._delivered(status, ordered)
        first_delivery, last_delivery, expected = self._delivery_years(
            status, year, delivered, profile
        )
        value, currency, value_kind, at_least = (
            self._money(year, seller_country, world.iso3_of.get(buyer, ""), ordered, profile)
            if rng.random() < 0.2
            else (None, None, None, False)
        )
        tiv_unit, tiv_total, tiv_delivered = (
            self._tiv(profile, condition, ordered, delivered)
            if rng.random() < 0.88
            else (None, None, None)
        )
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
                "value_currency": currency,
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
        how_many = str(ordered) if ordered is not None else "an undisclosed number of"
        what = f"{how_many} {platform.designation}"
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

    def _delivered(self, status: Status, ordered: int | None) -> int | None:
        """Units delivered so far: never more than ordered, None when not known."""
        rng = self.rng
        if ordered is None:
            return None
        if status is Status.DELIVERED:
            roll = rng.random()
            if roll < 0.93:
                return ordered
            return None if roll < 0.96 or ordered < 2 else rng.randint(1, ordered - 1)
        if status is Status.DELIVERING:
            return rng.randint(1, ordered - 1)
        if status is Status.ORDERED:
            return 0
        if status in (Status.CANCELLED, Status.SUSPENDED):
            partial = ordered >= 2 and rng.random() < (0.2 if status is Status.CANCELLED else 0.5)
            return rng.randint(1, ordered - 1) if partial else 0
        return None  # not ordered yet

    def _delivery_years(
        self, status: Status, year: int, delivered: int | None, profile: _Profile
    ) -> tuple[int | None, int | None, bool]:
        """(first delivery, last delivery, whether they are only expected), never before
        the order; done deliveries are no later than LAST_YEAR."""
        rng = self.rng
        first = year + rng.randint(0, profile.delivery_lag)
        if status is Status.DELIVERED:
            first = min(first, LAST_YEAR)
            return first, min(first + rng.randint(0, profile.delivery_span), LAST_YEAR), False
        if status in (Status.CANCELLED, Status.SUSPENDED) and delivered:
            return min(first, LAST_YEAR), None, False
        if status is Status.DELIVERING:
            first = min(first, LAST_YEAR)
            if rng.random() < 0.6:
                return first, max(first, LAST_YEAR) + rng.randint(1, 4), True
            return first, None, False
        if status is Status.ORDERED and rng.random() < 0.4:
            return max(first, LAST_YEAR + 1), None, True
        return None, None, False

    def _money(
        self, year: int, seller: str, buyer: str, ordered: int | None, profile: _Profile
    ) -> tuple[Decimal, str, ValueKind, bool]:
        """(amount, currency, kind, at least): mostly USD, else a party's own currency."""
        rng = self.rng
        unit_price = _log_uniform(rng, *profile.usd_range)
        era = 0.15 + 0.85 * ((year - FIRST_YEAR) / 75) ** 1.5
        units = ordered if ordered is not None else rng.randint(1, 20)
        dollars = unit_price * units * era * rng.uniform(1.0, 2.5)  # with support and spares
        currency = "USD"
        home = _HOME_CURRENCY.get(seller) or _HOME_CURRENCY.get(buyer)
        # Big deals in roubles, rupees or won would pass 10^10: those are stated in USD.
        if (
            home
            and _CURRENCIES[home][1] <= year
            and dollars * _CURRENCIES[home][0] <= 1e10
            and rng.random() < 0.5
        ):
            currency = home
        amount = min(max(dollars * _CURRENCIES[currency][0], 1e5), 1e10)
        roll = rng.random()
        kind = (
            ValueKind.NOTIFIED_CEILING
            if seller == "USA" and roll < 0.08
            else ValueKind.ESTIMATE
            if roll < 0.3
            else ValueKind.CONTRACT
        )
        if kind is ValueKind.CONTRACT and rng.random() < 0.3:
            value = Decimal(round(amount * 100)) / 100  # to the cent
        else:  # reported values are round: "$1.2 billion"
            value = Decimal(_round_significant(amount, 2 if kind is ValueKind.ESTIMATE else 3))
        value = min(max(value, Decimal(100_000)), Decimal(10_000_000_000))
        return value.quantize(Decimal("0.01")), currency, kind, rng.random() < 0.05

    def _tiv(
        self,
        profile: _Profile,
        condition: Condition | None,
        ordered: int | None,
        delivered: int | None,
    ) -> tuple[Decimal, Decimal | None, Decimal | None]:
        """SIPRI trend-indicator values: per unit, order, delivered. Second-hand weapons
        count for 40% of new ones, modernised ones for 66%, as SIPRI does."""
        value = _log_uniform(self.rng, *profile.tiv_range)
        if condition is Condition.SECOND_HAND:
            value *= 0.4
        elif condition is Condition.SECOND_HAND_MODERNISED:
            value *= 0.66
        per_unit = max(Decimal(f"{value:.3f}"), Decimal("0.001"))
        return (
            per_unit,
            per_unit * ordered if ordered is not None else None,
            per_unit * delivered if delivered is not None else None,
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
        if first_delivery is not None and first_delivery <= LAST_YEAR:
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
        elif rng.random() < 0.06:
            when = rng.randint(after, min(LAST_YEAR, after + 3))
            kind = rng.choice((EventKind.SANCTION, EventKind.DISPUTE, EventKind.OTHER))
            description_ = {
                EventKind.SANCTION: f"Sanctions on {buyer} delayed the {designation} programme.",
                EventKind.DISPUTE: f"{buyer} and {seller} disputed the {designation} price.",
                EventKind.OTHER: f"{buyer} asked for changes to the {designation} configuration.",
            }[kind]
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


def _insert(session: Session, model: type[Base], rows: list[Row]) -> None:
    """Core INSERT of dicts that all have the same keys: one executemany per CHUNK_SIZE rows.

    The table rather than the ORM entity: `insert(Model)` through a Session takes the ORM
    bulk path, which is a third slower here and drops None values from each row's parameters
    (unless render_nulls=True), splitting the batch into one statement per NULL pattern --
    88,000 statements for 30,000 deals instead of 30. Enum columns keep their type either
    way, so rows hold the vocabulary members and the database gets their values.
    """
    table = Base.metadata.tables[model.__tablename__]
    for start in range(0, len(rows), CHUNK_SIZE):
        session.execute(insert(table), rows[start : start + CHUNK_SIZE])
    if rows and session.get_bind().dialect.name == "postgresql":
        # Keys were assigned here: move the id sequence past them for later ORM inserts.
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :value)"),
            {"value": max(row["id"] for row in rows)},
        )


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
    inserted: Counter[str] = Counter()
    with Session(engine) as session:
        with session.begin():
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
        inserted.update(parties=len(parties), platforms=len(platforms))
        maker = _DealMaker(rng, world, ids, seed)
        for start in range(0, deals, CHUNK_SIZE):
            count = min(CHUNK_SIZE, deals - start)
            chunk = maker.chunk(start + 1, count)
            with session.begin():
                _insert(session, Deal, chunk.deals)
                _insert(session, Event, chunk.events)
                _insert(session, Source, chunk.sources)
                _insert(session, Citation, chunk.citations)
            inserted.update(
                deals=len(chunk.deals),
                events=len(chunk.events),
                sources=len(chunk.sources),
                citations=len(chunk.citations),
            )
            if progress is not None:
                progress(start + count, deals)
    analyze(engine)  # statistics for the planner, as a large import refreshes them
    return GeneratedCounts(**{name: inserted[name] for name in _COUNTED})


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
    summary = ", ".join(f"{name} {getattr(counts, name):,}" for name in _COUNTED)
    print(f"{summary} in {seconds:.2f} s ({url})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
