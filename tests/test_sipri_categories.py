"""SIPRI's armament category from a weapon description: the description alone decides,
so one designation used for a missile, a radar and an APC gets three categories."""

from __future__ import annotations

import pytest

from tracker.domain.vocab import Category
from tracker.imports.sipri import TRANSFERS_COLUMNS, category_from_description, parse_sipri

AIRCRAFT, AIR_DEFENCE, ARMOURED = (
    Category.AIRCRAFT,
    Category.AIR_DEFENCE,
    Category.ARMOURED_VEHICLES,
)
ARTILLERY, ENGINES, MISSILES = Category.ARTILLERY, Category.ENGINES, Category.MISSILES
NAVAL, SENSORS, SATELLITES = Category.NAVAL_WEAPONS, Category.SENSORS, Category.SATELLITES
SHIPS, OTHER = Category.SHIPS, Category.OTHER

DESCRIPTIONS = [
    # Aircraft
    ("ASW helicopter", AIRCRAFT),
    ("AEW&C aircraft", AIRCRAFT),
    ("AEW helicopter", AIRCRAFT),
    ("tanker/transport aircraft", AIRCRAFT),
    ("tanker aircraft", AIRCRAFT),
    ("SIGINT aircraft", AIRCRAFT),
    ("ELINT aircraft", AIRCRAFT),
    ("MALE UAV", AIRCRAFT),
    ("UCAV", AIRCRAFT),
    ("maritime patrol aircraft", AIRCRAFT),
    ("trainer aircraft", AIRCRAFT),
    ("trainer/combat aircraft", AIRCRAFT),
    ("combat helicopter", AIRCRAFT),
    ("transport helicopter", AIRCRAFT),
    ("light transport aircraft", AIRCRAFT),
    ("FGA aircraft", AIRCRAFT),
    ("airship", AIRCRAFT),
    # Air-defence systems
    ("SAM system", AIR_DEFENCE),
    ("mobile SAM system", AIR_DEFENCE),
    ("SPAAG", AIR_DEFENCE),
    ("self-propelled AA gun", AIR_DEFENCE),
    ("AA gun", AIR_DEFENCE),
    ("SHORAD system", AIR_DEFENCE),
    # Armoured vehicles
    ("ARV", ARMOURED),
    ("AEV", ARMOURED),
    ("bridge-layer", ARMOURED),
    ("armoured bridge-layer", ARMOURED),
    ("AVLB", ARMOURED),
    ("APC", ARMOURED),
    ("APC/IFV", ARMOURED),
    ("IFV", ARMOURED),
    ("MBT", ARMOURED),
    ("tank", ARMOURED),
    ("armoured car", ARMOURED),
    ("MRAP vehicle", ARMOURED),
    ("scout car", ARMOURED),
    # Artillery
    ("mortar", ARTILLERY),
    ("self-propelled mortar", ARTILLERY),
    ("MRL", ARTILLERY),
    ("self-propelled MRL", ARTILLERY),
    ("towed gun", ARTILLERY),
    ("self-propelled howitzer", ARTILLERY),
    ("anti-tank gun", ARTILLERY),
    # Engines
    ("turbofan", ENGINES),
    ("turboshaft", ENGINES),
    ("diesel engine", ENGINES),
    ("gas turbine", ENGINES),
    ("AIP engine", ENGINES),
    ("aircraft engine", ENGINES),
    # Missiles
    ("guided glide bomb", MISSILES),
    ("glide bomb", MISSILES),
    ("guided bomb", MISSILES),
    ("guided rocket", MISSILES),
    ("loitering munition", MISSILES),
    ("coastal defence system", MISSILES),
    ("coastal defence missile system", MISSILES),
    ("anti-ship missile", MISSILES),
    ("anti-radar missile", MISSILES),
    ("SSM launcher", MISSILES),
    ("SRBM", MISSILES),
    ("cruise missile", MISSILES),
    ("portable SAM", MISSILES),
    ("BVRAAM", MISSILES),
    ("anti-tank missile", MISSILES),
    # Naval weapons
    ("naval gun", NAVAL),
    ("CIWS", NAVAL),
    ("torpedo", NAVAL),
    ("ASW torpedo", NAVAL),
    ("depth charge", NAVAL),
    ("ship-borne SAM system", NAVAL),
    ("naval SAM system", NAVAL),
    ("ASW rocket launcher", NAVAL),
    # Sensors
    ("air search radar", SENSORS),
    ("fire control radar", SENSORS),
    ("artillery locating radar", SENSORS),
    ("ground surveillance radar", SENSORS),
    ("hull-mounted sonar", SENSORS),
    ("SIGINT system", SENSORS),
    ("ELINT system", SENSORS),
    ("EO system", SENSORS),
    ("aircraft EO system", SENSORS),
    ("electro-optical system", SENSORS),
    # Satellites
    ("satellite", SATELLITES),
    ("reconnaissance satellite", SATELLITES),
    ("communications satellite", SATELLITES),
    # Ships
    ("cruiser", SHIPS),
    ("aircraft carrier", SHIPS),
    ("helicopter carrier", SHIPS),
    ("mine countermeasures vessel", SHIPS),
    ("MCMV", SHIPS),
    ("OPV", SHIPS),
    ("LPD", SHIPS),
    ("LST", SHIPS),
    ("landing ship", SHIPS),
    ("tank landing ship", SHIPS),
    ("amphibious assault ship", SHIPS),
    ("landing craft", SHIPS),
    ("tanker", SHIPS),
    ("FAC", SHIPS),
    ("missile boat", SHIPS),
    ("torpedo boat", SHIPS),
    ("submarine", SHIPS),
    # Other
    ("turret", OTHER),
    ("IFV turret", OTHER),
    ("gun turret", OTHER),
    ("air refuelling system", OTHER),
    # Not enough to say
    ("", None),
    ("bridge", None),
    ("ambulance", None),
    ("video system", None),
]


@pytest.mark.parametrize(("description", "category"), DESCRIPTIONS)
def test_category_from_description(description: str, category: Category | None) -> None:
    assert category_from_description(description) == category


def test_table_covers_every_sipri_category() -> None:
    assert {category for _, category in DESCRIPTIONS if category} == set(Category)


@pytest.mark.parametrize(
    "descriptions",
    [
        ("anti-tank missile", "artillery locating radar", "APC"),  # "COBRA"
        ("SAM system", "APC"),  # "Roland"
        ("SAM system", "SAM"),  # the Roland system and its missile
    ],
)
def test_one_designation_gets_a_category_per_description(descriptions: tuple[str, ...]) -> None:
    categories = [category_from_description(description) for description in descriptions]
    assert None not in categories
    assert len(set(categories)) == len(descriptions)


def test_layout_b_category_column_wins_over_the_description() -> None:
    row = [
        "90001", "Germany", "Brazil", "Roland", "SAM system", "Missiles", "1977", "No", "4",
        "No", "1978", "No", "New", "10", "10", "40", "No",
    ]  # fmt: skip
    header = ",".join(TRANSFERS_COLUMNS)
    data = f"{header};\r\n{','.join(row)};\r\n".encode()
    (deal,) = parse_sipri(data).deals
    assert (deal.category, deal.category_inferred) == (MISSILES, False)
