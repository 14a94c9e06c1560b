from __future__ import annotations

import pycountry
import pytest

from tracker.domain.countries import (
    Country,
    _build_index,
    all_countries,
    country_by_iso3,
    normalize_country_key,
    resolve_country,
    suggest_countries,
)
from tracker.domain.names import normalize_name

ALIASES = [
    ("Turkey", "TUR"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    ("TUR", "TUR"),
    ("Republic of Türkiye", "TUR"),
    ("turkey", "TUR"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("United Kingdom", "GBR"),
    ("Great Britain", "GBR"),
    ("Britain", "GBR"),
    ("GBR", "GBR"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("USA", "USA"),
    ("U.S.A.", "USA"),
    ("United States", "USA"),
    ("United States of America", "USA"),
    ("America", "USA"),
    ("Russia", "RUS"),
    ("Russian Federation", "RUS"),
    ("USSR", "SUN"),
    ("Soviet Union", "SUN"),
    ("SUN", "SUN"),
    ("Yugoslavia", "YUG"),
    ("East Germany", "DDR"),
    ("German Democratic Republic", "DDR"),
    ("GDR", "DDR"),
    ("DDR", "DDR"),
    ("West Germany", "DEU"),
    ("FRG", "DEU"),
    ("Germany (FRG)", "DEU"),
    ("Germany", "DEU"),
    ("Czechoslovakia", "CSK"),
    ("Serbia and Montenegro", "SCG"),
    ("North Vietnam", "VDR"),
    ("VDR", "VDR"),
    ("South Yemen", "YMD"),
    ("YMD", "YMD"),
    ("Zaire", "ZAR"),
    ("Rhodesia", "RHO"),
    ("Cote d'Ivoire", "CIV"),
    ("Côte d'Ivoire", "CIV"),
    ("Bosnia-Herzegovina", "BIH"),
    ("DR Congo", "COD"),
    ("Congo", "COG"),
    ("Czechia", "CZE"),
    ("North Korea", "PRK"),
    ("South Korea", "KOR"),
    ("Syria", "SYR"),
    ("Iran", "IRN"),
    ("Laos", "LAO"),
    ("Viet Nam", "VNM"),
    ("Vietnam", "VNM"),
    ("UAE", "ARE"),
    ("United Arab Emirates", "ARE"),
    ("Brunei", "BRN"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    ("Moldova", "MDA"),
    ("Macedonia", "MKD"),
    ("North Macedonia", "MKD"),
    ("Kosovo", "XKX"),
    ("Palestine", "PSE"),
    ("Palestinian Territories", "PSE"),
    ("Taiwan", "TWN"),
    ("Eswatini", "SWZ"),
    ("Swaziland", "SWZ"),
    ("Cape Verde", "CPV"),
    ("Cabo Verde", "CPV"),
    ("Timor-Leste", "TLS"),
    ("East Timor", "TLS"),
    ("Myanmar", "MMR"),
    ("Burma", "MMR"),
    ("Gambia", "GMB"),
    ("Bahamas", "BHS"),
    ("Netherlands", "NLD"),
    ("Philippines", "PHL"),
    ("Sao Tome and Principe", "STP"),
    ("Micronesia", "FSM"),
    ("Saudi Arabia", "SAU"),
    ("Qatar", "QAT"),
    ("Oman", "OMN"),
    ("Afghanistan", "AFG"),
    ("Burkina Faso", "BFA"),
    ("Western Sahara", "ESH"),
    ("Ecuador", "ECU"),
    ("Indonesia", "IDN"),
    ("Canada", "CAN"),
    ("India", "IND"),
    ("Brazil", "BRA"),
    ("Albania", "ALB"),
    ("Algeria", "DZA"),
    ("Angola", "AGO"),
    ("Argentina", "ARG"),
    ("Australia", "AUS"),
    ("Israel", "ISR"),
    ("Egypt", "EGY"),
    ("Pakistan", "PAK"),
    ("China", "CHN"),
    ("Libya", "LBY"),
    ("Guinea-Bissau", "GNB"),
    ("Equatorial Guinea", "GNQ"),
    ("Papua New Guinea", "PNG"),
    ("Trinidad and Tobago", "TTO"),
    ("Saint Vincent", "VCT"),
]

DISPLAY_NAMES = [
    ("BOL", "Bolivia"),
    ("IRN", "Iran"),
    ("RUS", "Russia"),
    ("SYR", "Syria"),
    ("TZA", "Tanzania"),
    ("VEN", "Venezuela"),
    ("VNM", "Vietnam"),
    ("LAO", "Laos"),
    ("MDA", "Moldova"),
    ("PRK", "North Korea"),
    ("KOR", "South Korea"),
    ("COD", "DR Congo"),
    ("TWN", "Taiwan"),
    ("FSM", "Micronesia"),
    ("PSE", "Palestine"),
    ("BRN", "Brunei"),
    ("CZE", "Czechia"),
    ("TUR", "Turkey"),
    ("GBR", "United Kingdom"),
    ("USA", "United States"),
    ("SUN", "Soviet Union"),
    ("YUG", "Yugoslavia"),
    ("CSK", "Czechoslovakia"),
    ("DDR", "East Germany"),
    ("XKX", "Kosovo"),
]

HISTORIC = [
    "SUN", "YUG", "DDR", "CSK", "SCG", "VDR", "YMD", "ZAR", "RHO", "XSV", "XNY", "XBF", "XKT",
]  # fmt: skip

# Party names as SIPRI's trade registers write them, historic and special ones included.
SIPRI_NAMES = [
    ("Soviet Union", "SUN", True),
    ("East Germany (GDR)", "DDR", True),
    ("Germany (FRG)", "DEU", False),
    ("West Germany (FRG)", "DEU", False),
    ("Czechoslovakia", "CSK", True),
    ("Yugoslavia", "YUG", True),
    ("Serbia and Montenegro", "SCG", True),
    ("Rhodesia", "RHO", True),
    ("Zaire", "ZAR", True),
    ("North Vietnam", "VDR", True),
    ("South Vietnam", "XSV", True),
    ("North Yemen", "XNY", True),
    ("South Yemen", "YMD", True),
    ("Biafra", "XBF", True),
    ("Katanga", "XKT", True),
    ("Upper Volta", "HVO", True),
    ("Bosnia-Herzegovina", "BIH", False),
    ("Macedonia (FYROM)", "MKD", False),
    ("North Macedonia", "MKD", False),
    ("Cote d'Ivoire", "CIV", False),
    ("Turkiye", "TUR", False),
    ("Libya", "LBY", False),
    ("Libya GNC", "XLG", False),
    ("Libya HoR", "XLH", False),
    ("Palestine", "PSE", False),
    ("Kosovo", "XKX", False),
    ("Taiwan", "TWN", False),
    ("Western Sahara", "ESH", False),
    ("Northern Cyprus", "XNC", False),
    ("Cyprus", "CYP", False),
    ("UAE", "ARE", False),
    ("eSwatini", "SWZ", False),
    ("Cabo Verde", "CPV", False),
    ("Timor-Leste", "TLS", False),
    ("Viet Nam", "VNM", False),
    ("Yemen", "YEM", False),
    ("Czechia", "CZE", False),
    ("DR Congo", "COD", False),
    ("Congo", "COG", False),
    ("Micronesia", "FSM", False),
    ("Brunei", "BRN", False),
    ("United States", "USA", False),
    ("United Kingdom", "GBR", False),
    ("Russia", "RUS", False),
    ("South Sudan", "SSD", False),
]

# ISO 3166-1 leaves these alpha-3 ranges to its users; they never become ISO codes.
USER_ASSIGNED = [("AAA", "AAZ"), ("QMA", "QZZ"), ("XAA", "XZZ"), ("ZZA", "ZZZ")]

NOT_STATES = ["JTN", "WAK", "MID", "CTE", "NTZ", "ATN", "ATB", "FXX", "PCZ", "PUS", "PCI"]

NOT_COUNTRIES = [
    "Narnia",
    "unknown country",
    "unknown recipient(s)",
    "Hezbollah (Lebanon)*",
    "NATO**",
    "United Nations**",
    "Lebanon*",
    "Korea",
    "",
    "NO",
    "IN",
    "AT",
    "Turkye",
]


@pytest.mark.parametrize(("alias", "iso3"), ALIASES)
def test_alias_resolves_to_its_country(alias: str, iso3: str) -> None:
    country = resolve_country(alias)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize("alias", ["Türkiye", "Turkiye", "TUR", "turkey"])
def test_turkey_spellings_display_as_turkey(alias: str) -> None:
    country = resolve_country(alias)
    assert country is not None
    assert (country.iso3, country.name) == ("TUR", "Turkey")


def test_kosovo_is_not_serbia() -> None:
    country = resolve_country("Kosovo")
    assert country is not None
    assert country.iso3 == "XKX"
    assert not country.historic


@pytest.mark.parametrize("alias", ["USSR", "Soviet Union"])
def test_soviet_union_is_historic(alias: str) -> None:
    country = resolve_country(alias)
    assert country is not None
    assert (country.iso3, country.historic) == ("SUN", True)


@pytest.mark.parametrize("iso3", HISTORIC)
def test_former_state_is_historic(iso3: str) -> None:
    country = country_by_iso3(iso3)
    assert country is not None
    assert country.historic


@pytest.mark.parametrize(("iso3", "name"), DISPLAY_NAMES)
def test_display_name_is_the_short_common_name(iso3: str, name: str) -> None:
    country = country_by_iso3(iso3)
    assert country is not None
    assert country.name == name


@pytest.mark.parametrize("name", NOT_COUNTRIES)
def test_unknown_or_non_state_name_resolves_to_none(name: str) -> None:
    assert resolve_country(name) is None


@pytest.mark.parametrize("iso3", NOT_STATES)
def test_historic_non_state_entries_are_excluded(iso3: str) -> None:
    assert country_by_iso3(iso3) is None


def test_historic_code_reused_by_a_current_territory_stays_current() -> None:
    country = country_by_iso3("ATF")
    assert country is not None
    assert not country.historic


@pytest.mark.parametrize("name", ["NATO**", "Hezbollah (Lebanon)*"])
def test_country_key_keeps_sipri_non_state_markers(name: str) -> None:
    assert normalize_country_key(name).endswith("*")


def test_country_by_iso3_ignores_case() -> None:
    country = country_by_iso3(" tur ")
    assert country is not None
    assert country.iso3 == "TUR"


def test_suggestions_put_turkey_first_for_a_typo() -> None:
    assert suggest_countries("Turkye")[0] == "Turkey"


def test_suggestions_include_united_states_for_a_typo() -> None:
    assert "United States" in suggest_countries("Untied States")


def test_suggestions_have_no_duplicates_and_respect_limit() -> None:
    suggestions = suggest_countries("Congo", limit=3)
    assert len(suggestions) <= 3
    assert len(set(suggestions)) == len(suggestions)


def test_non_state_names_get_no_suggestions() -> None:
    assert suggest_countries("Hezbollah (Lebanon)*") == []


def test_every_alias_resolves_back_to_its_own_country() -> None:
    for country in all_countries():
        for alias in country.aliases:
            assert resolve_country(alias) == country, alias


def test_alias_collision_is_rejected_at_build_time() -> None:
    first = Country(iso3="AAA", name="Alpha", historic=False, aliases=("Alpha", "Shared"))
    second = Country(iso3="BBB", name="Beta", historic=False, aliases=("Beta", "SHARED"))
    with pytest.raises(ValueError, match="shared"):
        _build_index([first, second])


@pytest.mark.parametrize("country", all_countries(), ids=lambda country: country.iso3)
def test_country_has_iso3_code_and_name(country: Country) -> None:
    assert len(country.iso3) == 3
    assert country.iso3.isalpha()
    assert country.iso3.isupper()
    assert country.name
    assert country.name in country.aliases
    assert country.iso3 in country.aliases


def test_display_names_are_unique() -> None:
    names = [country.name for country in all_countries()]
    assert len(set(names)) == len(names)


def test_all_countries_is_sorted_by_name() -> None:
    countries = all_countries()
    assert [c.name for c in countries] == sorted((c.name for c in countries), key=normalize_name)


def test_no_two_letter_codes_except_us_and_uk() -> None:
    two_letter = {
        alias for country in all_countries() for alias in country.aliases if len(alias) == 2
    }
    assert two_letter == {"US", "UK"}


@pytest.mark.parametrize(("name", "iso3", "historic"), SIPRI_NAMES)
def test_every_sipri_party_name_resolves(name: str, iso3: str, historic: bool) -> None:
    country = resolve_country(name)
    assert country is not None, name
    assert (country.iso3, country.historic) == (iso3, historic)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("South Vietnam", "Vietnam"),
        ("South Vietnam", "North Vietnam"),
        ("North Yemen", "Yemen"),
        ("North Yemen", "South Yemen"),
        ("Northern Cyprus", "Cyprus"),
        ("Libya GNC", "Libya HoR"),
        ("Libya GNC", "Libya"),
        ("Biafra", "Nigeria"),
        ("Katanga", "DR Congo"),
    ],
)
def test_sipri_keeps_these_parties_apart(first: str, second: str) -> None:
    one, other = resolve_country(first), resolve_country(second)
    assert one is not None and other is not None
    assert one.iso3 != other.iso3


def test_codes_outside_iso_are_user_assigned_and_collide_with_no_iso_code() -> None:
    iso = {record.alpha_3 for record in pycountry.countries}
    iso |= {record.alpha_3 for record in pycountry.historic_countries}
    own = [country.iso3 for country in all_countries() if country.iso3 not in iso]
    assert {"XKX", "XSV", "XNY", "XBF", "XKT", "XNC", "XLG", "XLH"} <= set(own)
    for code in own:
        assert any(low <= code <= high for low, high in USER_ASSIGNED), code
    assert len(set(own)) == len(own)


@pytest.mark.parametrize("name", ["Biafra*", "Libya HoR*", "NATO**", "unknown supplier(s)"])
def test_sipri_markers_still_keep_non_states_out(name: str) -> None:
    assert resolve_country(name) is None
