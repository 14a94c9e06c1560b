"""The compact data tables the generator draws from, and the readers that parse them.

Everything here is data: who sells and buys in which years, how each category of weapon
looks (order sizes, values, timings), how likely each status is by a deal's age, currencies,
publishers and the phrases of notes and articles. Platform names are in designations.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.domain.vocab import Category, EventKind, Status

FIRST_YEAR = 1950
LAST_YEAR = 2025
PLATFORMS = 2_000
CREATED_AT = dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC)
DEAL_REF_PREFIX = "synthetic:"
SOURCE_REF_PREFIX = "synthetic-source:"

Window = tuple[int, int]


# --- reading the compact tables below ----------------------------------------------------


def window(text: str) -> Window:
    """Years from "1992-" (to LAST_YEAR), "-1991" (from FIRST_YEAR), "1960-1975" or ""."""
    first, _, last = text.partition("-")
    return (int(first) if first else FIRST_YEAR, int(last) if last else LAST_YEAR)


def words(text: str) -> list[str]:
    return text.split()


def table(text: str) -> list[list[str]]:
    """The rows of a whitespace-aligned table, as words, without its header line."""
    return [line.split() for line in text.strip().splitlines()[1:]]


def codes(text: str) -> list[tuple[str, Window]]:
    """Parse "USA SUN@-1991 RUS@1992-" into [(iso3, years), ...]."""
    return [(code, window(years)) for code, _, years in (t.partition("@") for t in text.split())]


def lines(text: str) -> list[list[str]]:
    """Non-blank lines of a table, as cells split by '|'."""
    rows = (line.split("|") for line in text.splitlines() if line.strip())
    return [[cell.strip() for cell in row] for row in rows]


def keyed(text: str) -> dict[str, list[str]]:
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
BIG_SUPPLIERS = codes(
    "USA SUN@-1991 RUS@1992- FRA GBR DEU CHN ITA ISR@1955- ESP KOR@1975- NLD SWE UKR@1992- "
    "TUR@1995-"
)
BIG_WEIGHTS = (30, 24, 20, 10, 8, 6.5, 6, 4, 3, 2.2, 2.5, 2, 2, 2.5, 1.8)

# Everyone else who exports now and then, in rank order (weights fall off with rank).
MINOR_SUPPLIERS = codes(
    "CAN CSK@-1992 CHE BRA@1970- AUS ZAF@1965- BEL POL NOR YUG@-1991 AUT IND@1975- CZE@1993- "
    "BLR@1992- JPN DDR@-1990 ARE@1990- PAK@1980- IRN@1985- PRK@1965- SGP@1975- FIN DNK BGR "
    "ROU PRT GRC HUN JOR@1970- EGY@1960- SAU@1980- IDN@1980- ARG CHL SRB@2006- SVK@1993- "
    "LBY@1970-2011 NZL IRL SYR@1970-2011"
)
MINOR_WEIGHT = 3.4

# States that buy, in rough order of how much they import (a milder skew than suppliers'),
# with the years they existed when not the whole period.
BUYERS = codes("""
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
INHERITS_DESIGNS: dict[str, tuple[str, ...]] = {
    "RUS": ("SUN",),
    "UKR": ("SUN",),
    "BLR": ("SUN",),
    "CZE": ("CSK",),
    "SVK": ("CSK",),
    "SRB": ("YUG",),
}

# A few companies that now and then sell directly: name | home country | since.
COMPANIES = lines("""
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
ORGANISATIONS = lines("""
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
NON_STATE = lines("""
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

NON_STATE_BUYER_SHARE = 0.01
ORGANISATION_BUYER_SHARE = 0.005
COMPANY_SELLER_SHARE = 0.007

# --- platforms ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
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
PROFILES: dict[Category, Profile] = {
    Category(row[0]): Profile(
        share=float(row[1]),
        quantity_median=float(row[2]),
        quantity_sigma=float(row[3]),
        tiv_range=(float(row[4]), float(row[5])),
        usd_range=(float(row[6]), float(row[7])),
        delivery_lag=int(row[8]),
        delivery_span=int(row[9]),
        since=int(row[10]),
    )
    for row in table(_PROFILE_TABLE)
}

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
STATUS_BY_AGE: list[tuple[int, list[tuple[Status, float]]]] = [
    (int(row[0]), list(zip(_STATUS_COLUMNS, map(float, row[1:]), strict=True)))
    for row in table(_STATUS_TABLE)
]

PRE_ORDER_EVENT = {
    Status.PROPOSED: EventKind.PROPOSAL,
    Status.NEGOTIATING: EventKind.NEGOTIATION,
    Status.APPROVED: EventKind.APPROVAL,
}

# Current ISO 4217 codes only: units per US dollar, and the first year each is used.
CURRENCIES: dict[str, tuple[float, int]] = {
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
HOME_CURRENCY: dict[str, str] = {
    **dict.fromkeys(words("FRA DEU ITA ESP NLD BEL AUT FIN PRT GRC IRL"), "EUR"),
    "GBR": "GBP",
    "RUS": "RUB",
    "CHN": "CNY",
    "IND": "INR",
    "KOR": "KRW",
    "SWE": "SEK",
    "ISR": "ILS",
}

PUBLISHERS = keyed("""
publishers: Defense News, Jane's Defence Weekly, Reuters, SIPRI, Flight International,
    Naval News, Breaking Defense, Aviation Week, Associated Press, Agence France-Presse,
    Military Balance, Army Technology, Asian Military Review, Defence Industry Daily
""")["publishers"]
AUTHORS = [
    "A. Novak", "B. Okafor", "C. Lindqvist", "D. Moreau", "E. Tanaka", "F. Haddad",
    "G. Petrov", "H. Kowalski", "I. Santos", "J. Whitfield", "K. Mehta", "L. Chen",
]  # fmt: skip
OUTROS = (
    "Officials declined to comment on the financial terms.",
    "Further details were not disclosed.",
    "The ministries concerned confirmed the reports.",
    "Industry sources said more orders could follow.",
)
REASONS = (
    "",
    " citing budget cuts",
    " after a change of government",
    " because of sanctions",
    " over technical problems",
)
GENERAL_NOTES = (
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
