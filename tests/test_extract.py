"""Article extraction (issue 15): each pattern real reporting uses, quotes that occur in
the text, the seed article's deals found and matched, the evaluation set's targets, the
`tracker extract` command, and confirming candidates in one all-or-nothing write."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, func, select

from benchmarks.extract import (
    BLIND,
    BLIND5,
    BLIND_SETS,
    HELD_OUT,
    TARGETS,
    evaluate,
    load_passages,
)
from tests.factories import EDITOR
from tracker.citing import quote_occurs
from tracker.cli import main
from tracker.errors import InvalidInput
from tracker.extract import FIELDS, Candidate, build_gazetteer, candidate_dict, extract
from tracker.extract.confirmed import from_candidate
from tracker.extract.cues import find_cues
from tracker.extract.lexicon import navy_by_ship_prefix, platform_family
from tracker.extract.money import find_money, issuing_state
from tracker.extract.text import dateline_end, sentences, tokens
from tracker.store.db import make_session_factory
from tracker.store.models import AuditEntry, Citation, Deal, Event, Source
from tracker.write.article import add_from_article

ROOT = Path(__file__).resolve().parent.parent
PRESS_TV = ROOT / "seeds" / "articles" / "presstv-2025-11-07-s400.txt"
NAMES = build_gazetteer()


def deals_in(text: str, published: dt.date | None = None) -> list[Candidate]:
    return extract(text, gazetteer=NAMES, published=published)


def one(text: str, published: dt.date | None = None) -> Candidate:
    found = deals_in(text, published)
    assert len(found) == 1, [candidate_dict(c) for c in found]
    return found[0]


# --- the patterns of real reporting -------------------------------------------------------


def test_a_us_approval_notice_is_an_approved_sale_by_the_united_states() -> None:
    deal = one(
        "The State Department has made a determination approving a possible Foreign "
        "Military Sale to the Government of Egypt of the NASAMS and related equipment for "
        "an estimated cost of $4.69 billion."
    )
    assert (deal.buyer, deal.seller, deal.platform) == ("Egypt", "United States", "NASAMS")
    assert (deal.status, deal.value, deal.currency) == ("approved", Decimal("4690000000"), "USD")


def test_a_signing_with_a_company_sells_from_the_company_s_state() -> None:
    deal = one(
        "Poland on Friday signed a contract with South Korea's Hyundai Rotem for 180 K2 "
        "Black Panther main battle tanks worth $3.37 billion."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status) == (
        "Poland",
        "South Korea",
        180,
        "signed",
    )
    assert deal.manufacturer == "Hyundai Rotem"


def test_a_delivered_batch_is_delivering_and_counts_the_whole_order() -> None:
    deal = one("Greece received the first six of 24 Rafale fighter jets ordered from France.")
    assert (deal.quantity, deal.status, deal.seller) == (24, "delivering", "France")


def test_the_last_delivery_completes_a_deal() -> None:
    deal = one("Norway has taken delivery of the last of its 52 F-35A fighter jets.")
    assert (deal.quantity, deal.status, deal.seller) == (52, "delivered", "United States")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Philippine Department of National Defense ordered two HDC-3100 corvettes "
        "from South Korea.",
        "A Philippine procurement agency signed for two HDC-3100 corvettes from South Korea.",
    ],
)
def test_a_demonym_before_its_department_is_the_buyer(sentence: str) -> None:
    deal = one(sentence)
    assert (deal.buyer, deal.seller, deal.quantity) == ("Philippines", "South Korea", 2)


def test_a_cancellation_wins_over_the_plan_it_cancels() -> None:
    deal = one("The Swiss government scrapped plans to buy Leopard 2 tanks from Germany.")
    assert (deal.buyer, deal.seller, deal.status, deal.quantity) == (
        "Switzerland",
        "Germany",
        "cancelled",
        None,
    )


def test_talks_are_a_negotiation_with_the_other_side() -> None:
    deal = one("Indonesia is in talks with China to buy 42 J-10 fighter jets, an official said.")
    assert (deal.buyer, deal.seller, deal.status, deal.quantity) == (
        "Indonesia",
        "China",
        "negotiating",
        42,
    )


def test_used_plus_new_is_two_deals() -> None:
    found = deals_in(
        "Greece signed a contract with France for 18 Rafale jets: 12 used plus 6 "
        "new aircraft, for about €2.5 billion."
    )
    assert sorted((c.quantity, c.second_hand) for c in found) == [(6, False), (12, True)]


def test_licensed_production_names_the_licensor_as_seller() -> None:
    deal = one(
        "India's defence ministry signed a Rs 13,500 crore contract with Hindustan "
        "Aeronautics for 12 Su-30MKI fighter jets, to be built under licence from Russia."
    )
    assert (deal.buyer, deal.seller, deal.value, deal.currency) == (
        "India",
        "Russia",
        Decimal("135000000000"),
        "INR",
    )


def test_several_deals_in_one_passage_keep_their_own_numbers_and_sellers() -> None:
    found = deals_in(
        "Poland has ordered 96 AH-64E Apache helicopters and 250 M1A2 Abrams tanks from the "
        "United States, and also signed for 48 FA-50 light fighters from South Korea."
    )
    assert sorted((c.platform, c.quantity, c.seller) for c in found) == [
        ("AH-64 Apache", 96, "United States"),
        ("FA-50", 48, "South Korea"),
        ("M1 Abrams", 250, "United States"),
    ]


def test_each_from_two_sellers_is_a_deal_with_each() -> None:
    found = deals_in("Ankara is negotiating to purchase 12 used Typhoons each from Qatar and Oman.")
    assert sorted((c.seller, c.quantity, c.second_hand) for c in found) == [
        ("Oman", 12, True),
        ("Qatar", 12, True),
    ]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("a deal worth $8.7bn", "8700000000", "USD"),
        ("for €2.5 billion", "2500000000", "EUR"),
        ("worth £5bn", "5000000000", "GBP"),
        ("a 1.3 trillion won contract", "1300000000000", "KRW"),
        ("at a cost of Rs 72,000 crore", "720000000000", "INR"),
        ("about 388 million euros", "388000000", "EUR"),
        ("NOK 10 billion", "10000000000", "NOK"),
        ("US$1.2 billion", "1200000000", "USD"),
        ("A$3.4bn", "3400000000", "AUD"),
        ("19.6 billion Norwegian crowns ($1.84 billion)", "19600000000", "NOK"),
        ("a 12.7 billion-peso ($227 million) contract", "12700000000", "PHP"),
        ("about 25 billion złoty ($6.6 billion)", "25000000000", "PLN"),
        ("GBP4 billion (USD4.9 billion)", "4000000000", "GBP"),
        ("₹36,000-crore contracts", "360000000000", "INR"),
        ("a SR12 billion ($3.2 billion) contract", "12000000000", "SAR"),
        ("a Dh5.2 billion deal", "5200000000", "AED"),
        ("worth RM9 billion", "9000000000", "MYR"),
        ("senilai Rp 12 trillion", "12000000000000", "IDR"),
        ("a ₦120 billion order", "120000000000", "NGN"),
        ("NIS 1.2 billion", "1200000000", "ILS"),
        ("Rs 63,000 cr", "630000000000", "INR"),
        ("using a 195-million-U.S.-dollar loan from China", "195000000", "USD"),
        ("worth 1.2 billion U.S. dollars", "1200000000", "USD"),
        ("a 195-million-dollar contract", "195000000", "USD"),
        # withdrawn since (pycountry 26.2 has neither), still in the news of their years
        ("approves BGN 1.18 billion investment project", "1180000000", "BGN"),
        ("worth HRK 7.6 billion", "7600000000", "HRK"),
        # a code after the number is the code, in capitals
        ("a contract of 2.5 billion EUR", "2500000000", "EUR"),
        ("for 512 million leva (about 262 million euros)", "512000000", "BGN"),
        ("under a TT$610 million contract", "610000000", "TTD"),
        ("worth RO 231 million (about $600 million)", "231000000", "OMR"),
        ("a BD 50 million order", "50000000", "BHD"),
        ("Congress allotted P50 billion", "50000000000", "PHP"),
        ("worth 1.2 billion pula", "1200000000", "BWP"),
        ("a deal worth RD$2,450 million (about US$40 million)", "2450000000", "DOP"),
        ("is 1.94 trillion soums (about 150 million dollars)", "1940000000000", "UZS"),
        ("worth 12 billion soms", "12000000000", "KGS"),
    ],
)
def test_money_in_many_currencies_and_scales(text: str, amount: str, currency: str) -> None:
    (money,) = find_money(text)
    assert (money.amount, money.currency) == (Decimal(amount), currency)


def test_a_bare_dollar_in_an_australian_outlet_is_australian() -> None:
    text = (
        "Australia picks Mogami\nABC News\nAustralia has chosen Mitsubishi Heavy "
        "Industries' Mogami-class design for 11 new frigates in a program worth $10 billion."
    )
    assert one(text).currency == "AUD"
    # About Australia and marking no dollar: still Australian.
    assert one(text.replace("ABC News", "Reuters")).currency == "AUD"
    # A text that writes "A$" for Australian dollars means US ones by a bare "$".
    marked = text.replace("ABC News", "Reuters").replace("billion.", "billion (A$15 billion).")
    assert one(marked).currency == "USD"
    # One that writes "US$" for US dollars means its own by a bare "$".
    marked = text.replace("ABC News", "Reuters").replace("billion.", "billion (US$6.5 billion).")
    assert one(marked).currency == "AUD"
    # Another buyer, another outlet: US dollars.
    assert one("Poland has ordered 96 AH-64E Apache helicopters for $12 billion.").currency == "USD"


def test_a_one_letter_symbol_is_money_only_with_a_scale_and_the_home_state_s() -> None:
    assert [(m.amount, m.currency) for m in find_money("P2.1 billion", home="BWA")] == [
        (Decimal("2100000000"), "BWP")
    ]
    assert find_money("the P 800 and the RO 2 radar, BD 1200 series") == []


def test_rand_are_written_r_with_a_scale() -> None:
    assert [(m.amount, m.currency) for m in find_money("worth R860 million (US$49 million)")] == [
        (Decimal("860000000"), "ZAR")
    ]
    assert find_money("the R2 missile and R 800 units") == []


def test_sums_half_translated_from_spanish_or_portuguese_keep_their_scale() -> None:
    def read(text: str) -> list[tuple[Decimal, str]]:
        return [(m.amount, m.currency) for m in find_money(text, dollar="COP", home="COL")]

    assert read("an estimated value of $1,7 billones (roughly US$430 million)") == [
        (Decimal("1700000000000"), "COP")
    ]
    assert read("worth 2.300 millones de pesos") == [(Decimal("2300000000"), "COP")]
    assert read("R$ 1,6 bilhão") == [(Decimal("1600000000"), "BRL")]
    assert read("the 12 millones of the budget") == []


def test_kroner_are_the_currency_of_the_state_the_story_is_about() -> None:
    assert [m.currency for m in find_money("a 58 billion kroner plan", home="DNK")] == ["DKK"]
    assert [m.currency for m in find_money("a 10 billion kroner plan", home="NOR")] == ["NOK"]
    assert [m.currency for m in find_money("a 10 billion kroner plan")] == ["NOK"]


def test_shillings_by_symbol_are_the_home_state_s() -> None:
    def read(text: str, home: str | None = None) -> list[tuple[Decimal, str]]:
        return [(m.amount, m.currency) for m in find_money(text, home=home)]

    assert read("a Shs412 billion contract", home="UGA") == [(Decimal("412000000000"), "UGX")]
    assert read("a Sh 2.5bn deal", home="TZA") == [(Decimal("2500000000"), "TZS")]
    assert read("a KSh 3bn deal; USh 5 billion; TSh 7 billion") == [
        (Decimal("3000000000"), "KES"),
        (Decimal("5000000000"), "UGX"),
        (Decimal("7000000000"), "TZS"),
    ]
    assert read("Sh5 and Shs 20 each") == []  # no scale: not a sum of a deal


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("a NZ$38 million lease", "NZL"),
        ("a 4 billion zloty deal", "POL"),
        ("under a 3.6-billion-dirham deal", None),  # the UAE's or Morocco's
        ("a Shs412 billion contract", None),  # Kenya's, Uganda's or Tanzania's
    ],
)
def test_the_state_a_sum_says_an_outlet_writes_from(text: str, state: str | None) -> None:
    (money,) = find_money(text)
    assert issuing_state(money) == state


@pytest.mark.parametrize(
    ("words", "number"), [("twelve", 12), ("a dozen", 12), ("twenty-four", 24), ("two dozen", 24)]
)
def test_numbers_in_words(words: str, number: int) -> None:
    assert one(f"Norway has ordered {words} K9 howitzers from Hanwha Aerospace.").quantity == number


def test_dates_count_from_the_article_s_date() -> None:
    published = dt.date(2025, 11, 7)  # a Friday
    assert (
        one("Poland signed a deal last month to buy 12 Rafale jets from France.", published).date
        == "2025-10"
    )
    assert one("Poland on Thursday ordered 12 Rafale jets from France.", published).date == (
        "2025-11-06"
    )
    # a wire story of a Friday: "on Friday" is its own day, "last Friday" the week before
    assert one("Poland on Friday ordered 12 Rafale jets from France.", published).date == (
        "2025-11-07"
    )
    assert one("Poland last Friday ordered 12 Rafale jets from France.", published).date == (
        "2025-10-31"
    )


ALL_SETS = [
    *load_passages(),
    *load_passages(HELD_OUT),
    *(passage for path in BLIND_SETS for passage in load_passages(path)),
]


@pytest.mark.parametrize("passage", [p for p in ALL_SETS if p.no_deal], ids=lambda p: p.id)
def test_articles_that_report_no_deal_yield_nothing(passage: object) -> None:
    assert deals_in(passage.text, passage.published) == []  # type: ignore[attr-defined]


def test_every_quote_occurs_in_the_text() -> None:
    checked = 0
    for passage in ALL_SETS:
        for candidate in deals_in(passage.text, passage.published):
            for quote in [candidate.quote, *candidate.field_quotes.values()]:
                assert quote and quote_occurs(quote, passage.text), (passage.id, quote)
                assert quote in passage.text  # verbatim, not only after normalising
                checked += 1
    assert checked > 600


@pytest.mark.parametrize("held_out", [False, True], ids=["own set", "held-out set"])
def test_the_evaluation_sets_meet_their_targets(held_out: bool) -> None:
    score = evaluate(load_passages(HELD_OUT) if held_out else None)
    assert score.recall >= TARGETS["recall"], score.misses
    assert score.precision >= TARGETS["precision"], score.misses
    assert score.no_deal_with_deals == []
    assert score.field_accuracy >= TARGETS["field_accuracy"], score.misses
    assert max(score.seconds) <= TARGETS["seconds_per_article"]


# --- what real reporting does that tidy passages do not -------------------------------------


def test_a_dateline_names_where_the_story_was_filed_not_who_acts() -> None:
    deal = one("SEOUL, June 18 (Yonhap) -- Hanwha Aerospace said it has signed a contract with "
               "Vietnam's defence ministry to export 20 K9 self-propelled howitzers.")  # fmt: skip
    assert (deal.buyer, deal.seller, deal.quantity) == ("Vietnam", "South Korea", 20)


def test_a_figure_in_brackets_converts_the_one_before_it() -> None:
    deal = one("Britain signed a deal worth 5.4 billion pounds ($7.2 billion) on Monday to sell "
               "20 Eurofighter Typhoon fighter jets to Turkey.")  # fmt: skip
    assert (deal.buyer, deal.seller) == ("Turkey", "United Kingdom")
    assert (deal.value, deal.currency) == (Decimal("5400000000"), "GBP")


def test_a_company_s_national_arm_sells_from_its_nation() -> None:
    deal = one("Poland signed a contract with MBDA UK for 1,000 CAMM missiles.")
    assert (deal.seller, deal.quantity) == ("United Kingdom", 1000)


def test_the_sentences_after_a_report_carry_its_cost_and_its_count() -> None:
    found = deals_in(
        "Greece - F-35\nThe State Department has approved a possible Foreign Military Sale "
        "to the Government of Greece of F-35 aircraft. The estimated total cost is $8.6 "
        "billion. The Government of Greece has requested to buy forty (40) F-35A aircraft."
    )
    assert [(c.quantity, c.value, c.status) for c in found] == [
        (40, Decimal("8600000000"), "approved")]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Turkey took delivery of the Russian S-400 system in 2019.", "delivered"),
        ("Ukraine has taken delivery of the first of two ASC 890 aircraft donated by Sweden.",
         "delivering"),
        ("The State Department on Tuesday approved a possible sale to Taiwan of 18 HIMARS.",
         "approved"),
        ("The Swiss government scrapped plans to buy Leopard 2 tanks from Germany.", "cancelled"),
    ],
)  # fmt: skip
def test_the_stage_a_sentence_reports(sentence: str, status: str) -> None:
    assert one(sentence).status == status


def test_rivals_and_replaced_types_are_not_sales() -> None:
    found = deals_in("Australia selected the Mogami-class frigate over a rival design from "
                     "Germany's TKMS, to replace its ageing Anzac-class frigates.")  # fmt: skip
    assert [(c.platform, c.seller) for c in found] == [("Mogami-class frigate", "Japan")]


@pytest.mark.parametrize(
    "text",
    [
        # the possessive of a plural name, and a possessive before what is replaced
        "Australia said the Mogami-class frigate had been chosen over TKMS' MEKO A-200, "
        "to replace the navy's ageing Anzac-class fleet.",
        # the ones looked at before the choice, and the next in their list
        "Australia ordered the Mogami-class frigate from Japan. Canberra had also considered "
        "the MEKO A-200 offered by Germany, as well as Spain's F-110 frigate.",
    ],
)
def test_rivals_looked_at_before_a_choice_are_not_sales(text: str) -> None:
    found = deals_in(text)
    assert {c.platform for c in found} == {"Mogami-class frigate"}, found


@pytest.mark.parametrize(
    "sentence",
    [
        "India is negotiating for three more Scorpene-class submarines to be built by Mazagon "
        "Dock Shipbuilders Limited in Mumbai in collaboration with France's Naval Group.",
        "India ordered three more Scorpene-class submarines, to be built by Mazagon Dock "
        "Shipbuilders Limited under licence from France's Naval Group.",
    ],
)
def test_licensed_production_buys_from_the_licensor(sentence: str) -> None:
    deal = one(sentence)
    assert (deal.buyer, deal.seller, deal.quantity) == ("India", "France", 3)


def test_a_state_does_not_buy_its_own_make_unless_from_another() -> None:
    (passage,) = [
        p for p in load_passages(BLIND) if p.id == "breakingdefense-philippines-gripen-talks"
    ]
    # '... Washington ... remained ready to work with Manila on "financing options" for the
    # F-16': read backwards, it made the United States an F-16 buyer.
    found = deals_in(passage.text, passage.published)
    assert "United States" not in {c.buyer for c in found}, found
    back = one("The United States bought back 12 used F-16 fighters from Jordan.")
    assert (back.buyer, back.seller) == ("United States", "Jordan")


def test_an_aid_package_is_a_government_commitment() -> None:
    found = deals_in(
        "The Netherlands has delivered all 24 F-16 fighter jets it pledged to Ukraine. The "
        "minister also unveiled a new 400 million euro military aid package, which includes "
        "eight PzH 2000 self-propelled howitzers from Dutch army stocks."
    )
    pzh = next(c for c in found if c.platform.startswith("PzH"))
    assert (pzh.buyer, pzh.seller, pzh.quantity, pzh.status) == (
        "Ukraine", "Netherlands", 8, "approved",
    )  # fmt: skip


def test_a_count_of_another_kind_of_weapon_is_not_the_platforms() -> None:
    found = deals_in(
        "Norway to hand over 14 howitzers, pay for NASAMS air defense in new aid package\n"
        "Norway will give Ukraine two NASAMS fire units, the ministry said."
    )
    assert [(c.platform, c.quantity) for c in found] == [("NASAMS", 2)], found


def test_a_currency_prefix_is_not_a_state() -> None:
    # "US$" in a bracketed conversion made the United States the article's main actor,
    # and so the guessed buyer of a later sentence's deal.
    (passage,) = [p for p in load_passages(BLIND5) if p.id == "yonhap-poland-k2-second-contract"]
    found = deals_in(passage.text, passage.published)
    assert {(c.buyer, c.seller) for c in found} == {("Poland", "South Korea")}, found


def test_two_contracts_for_one_type_are_two_deals() -> None:
    # Same buyer, seller, platform and count: told apart by their prices and years.
    found = deals_in(
        "Poland signed a deal worth 9 trillion won with South Korea on Friday for 180 K2 "
        "tanks. The deal comes three years after Poland signed its first contract for 180 "
        "K2 tanks in August 2022, worth $3.37 billion.",
        dt.date(2025, 8, 1),
    )
    assert sorted((c.quantity, c.currency, (c.date or "")[:4]) for c in found) == [
        (180, "KRW", "2025"), (180, "USD", "2022"),
    ]  # fmt: skip


def test_one_contract_told_twice_stays_one_deal() -> None:
    found = deals_in(
        "Poland signed a contract for 48 K9 howitzers from South Korea in 2022. The $2.4 "
        "billion contract also covers training. Deliveries began in December 2022.",
        dt.date(2025, 8, 1),
    )
    assert [(c.quantity, c.value) for c in found] == [(48, 2_400_000_000)]


def test_an_order_won_from_a_buyer() -> None:
    deal = one("Hanwha Aerospace wins 1.1 tln-won order for K9 howitzers from Vietnam\n")
    assert (deal.buyer, deal.seller) == ("Vietnam", "South Korea")


def test_a_short_name_an_article_defines_stands_for_the_long_one() -> None:
    # "HD HHI" is in no list: the article defines it in brackets after the full name.
    deal = one(
        "HD Hyundai Heavy Industries (HD HHI) opened a new dock in Ulsan on Monday. "
        "Separately, the Philippine Navy ordered two Miguel Malvar-class corvettes from "
        "HD HHI last year."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Philippines", "South Korea", 2)


def test_a_contest_with_a_rival_s_company_names_no_seller() -> None:
    deal = one(
        "Australia's government has selected Japan's Mitsubishi Heavy Industries (MHI) and "
        "its upgraded Mogami-class frigate for the navy, ending a two-way contest with "
        "Germany's Thyssenkrupp Marine Systems (TKMS)."
    )
    assert (deal.platform, deal.seller) == ("Mogami-class frigate", "Japan")


def test_ships_built_for_a_navy_by_a_foreign_yard() -> None:
    # The yard acts, the navy is the buyer after "for", the tonnage is no name, and
    # "the six ships" sentences later is still the same order.
    deal = one(
        "HD Hyundai Heavy Industries launched the first of six 2,400-tonne offshore patrol "
        "vessels on order for the Philippine Navy at its yard in South Korea. The vessels "
        "have a helicopter deck. They can stay at sea for 30 days. Manila ordered the six "
        "ships in June 2022 under a contract worth PHP 30 billion.",
        dt.date(2025, 6, 10),
    )
    assert (deal.buyer, deal.seller, deal.platform, deal.quantity) == (
        "Philippines", "South Korea", "offshore patrol vessel", 6,
    )  # fmt: skip
    assert (deal.value, deal.currency, deal.status) == (30_000_000_000, "PHP", "signed")


def test_a_builder_s_earlier_ships_go_to_the_buyer_the_article_names() -> None:
    # No state acts in the opening; the earlier frigates' builder is said, their buyer
    # is the one the article named for the corvettes.
    found = deals_in(
        "HD HHI delivers second Miguel Malvar-class corvette to the Philippine Navy\n"
        "HD Hyundai Heavy Industries (HD HHI) handed over the second of two Miguel "
        "Malvar-class corvettes ordered by the Philippine Navy. The corvettes have a larger "
        "hull than the navy's earlier ships. The pair join the Jose "
        "Rizal-class frigates, which HD HHI delivered in 2020 and 2021 under an earlier "
        "contract for two ships."
    )
    assert {(c.platform, c.buyer, c.seller) for c in found} == {
        ("Miguel Malvar-class corvette", "Philippines", "South Korea"),
        ("Jose Rizal-class frigate", "Philippines", "South Korea"),
    }, found


def test_donors_give_to_the_recipient_the_article_names() -> None:
    # "according to the Danish Defense Ministry" says who says so; the donors that act
    # give to Ukraine, not to the donor named in the opening.
    found = deals_in(
        "The Netherlands has completed the transfer of all 24 F-16 fighter jets it promised "
        "to Ukraine, Dutch Defense Minister Ruben Brekelmans said. The jets, retired from the "
        "Royal Netherlands Air Force after it switched to the F-35, were transferred free of "
        "charge. Denmark, which pledged 19 of its F-16s in 2023, has handed over more than "
        "half of them, according to the Danish Defense Ministry. Norway has also delivered "
        "part of the six F-16s it donated. Sweden began transferring two ASC 890 airborne "
        "early warning aircraft, taken from the Swedish Air Force's own fleet, in March.",
        dt.date(2025, 5, 26),
    )
    assert sorted((c.seller, c.buyer, c.platform, c.quantity, c.status) for c in found) == [
        ("Denmark", "Ukraine", "F-16 Fighting Falcon", 19, "delivering"),
        ("Netherlands", "Ukraine", "F-16 Fighting Falcon", 24, "delivered"),
        ("Norway", "Ukraine", "F-16 Fighting Falcon", 6, "delivering"),
        ("Sweden", "Ukraine", "ASC 890", 2, "delivering"),
    ], found
    assert {c.platform: c.second_hand for c in found}["ASC 890"] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan is considering transferring six Abukuma-class destroyer escorts to the Philippines.",
        "Officials said the six Abukuma-class destroyer escorts could be transferred to the "
        "Philippines next year.",
    ],
)
def test_a_transfer_considered_or_possible_is_no_delivery(sentence: str) -> None:
    assert all(c.status not in ("delivering", "delivered") for c in deals_in(sentence))


def test_a_version_no_list_names_is_of_its_known_family() -> None:
    deal = one("Argentina signed the purchase of 24 F-16AM/BM jets from Denmark in 2024.")
    assert (deal.platform, deal.family, deal.seller) == ("F-16AM/BM", "f16", "Denmark")
    # A known name without a number ("Leopard" is listed for the Leopard 2) and a mark.
    deal = one(
        "The Centauro II will operate alongside the Leopard 1A5BR tanks, 220 of which "
        "Brazil bought second-hand from Germany in 2006."
    )
    assert (deal.platform, deal.family, deal.quantity, deal.second_hand) == (
        "Leopard 1A5BR", "leopard1a5br", 220, True,
    )  # fmt: skip


def test_two_names_of_one_type_around_a_version_code_are_one_mention() -> None:
    found = deals_in(
        "Poland ordered 250 M1A2 SEPv3 Abrams from the United States in 2022. Before that, "
        "Washington supplied 116 used M1A1 FEP Abrams drawn from US Marine Corps stocks, all "
        "of which had reached Poland by early 2024.",
        dt.date(2025, 3, 14),
    )
    assert sorted((c.quantity, c.status, bool(c.second_hand)) for c in found) == [
        (116, "delivered", True), (250, "signed", False),
    ], found  # fmt: skip


def test_more_of_a_type_is_another_order() -> None:
    found = deals_in(
        "The air force flies 12 FA-50 jets it bought from Korea Aerospace Industries in "
        "2014. Manila is separately negotiating with KAI for 12 more FA-50 Block 20 aircraft.",
        dt.date(2025, 4, 1),
    )
    # the jets flown since they were bought in 2014 are delivered
    assert sorted(c.status for c in found) == ["delivered", "negotiating"], found


def test_rivals_listed_after_a_choice_and_tensions_are_not_parties() -> None:
    deal = one(
        "The purchase of 36 ATMOS 2000 howitzers from Israel's Elbit Systems was cancelled in "
        "April amid diplomatic tensions with Israel. Elbit's system had been selected in 2024 "
        "over China's SH-15 and the Caesar offered by France's KNDS.\n"
        "Brazil's army will reopen the competition."
    )
    assert (deal.platform, deal.seller, deal.status) == ("ATMOS 2000", "Israel", "cancelled")


def test_a_later_sentence_names_the_seller_and_the_whole_order() -> None:
    deal = one(
        "The Brazilian Army on Tuesday received the first ten Centauro II tank destroyers. "
        "The vehicles are the first of 98 ordered from Italy's Iveco Defence Vehicles under a "
        "contract valued at R$ 5.3 billion."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status) == (
        "Brazil", "Italy", 98, "delivering",
    )  # fmt: skip
    assert (deal.value, deal.currency) == (5_300_000_000, "BRL")


def test_a_count_of_the_article_s_kind_of_weapon_is_its_platform() -> None:
    # A press release about the C-390 names it in its background only as "aircraft".
    found = deals_in(
        "Embraer and Sweden sign contract for four C-390 Millennium aircraft\n"
        "Embraer and the Swedish Defence Materiel Administration today signed a contract for "
        "four C-390 Millennium aircraft. The C-390 Millennium has been selected by eleven "
        "countries. Portugal, the first European operator, ordered five aircraft and has "
        "received three. The Republic of Korea signed a contract for three aircraft in 2024.",
        dt.date(2025, 10, 14),
    )
    assert sorted((c.buyer, c.platform, c.quantity, c.status) for c in found) == [
        ("Portugal", "KC-390 Millennium", 5, "delivering"),
        ("South Korea", "KC-390 Millennium", 3, "signed"),
        ("Sweden", "KC-390 Millennium", 4, "signed"),
    ], found


def test_a_later_count_of_the_same_buyer_s_kind_is_no_new_deal() -> None:
    found = deals_in(
        "The first executive contract, signed in August 2022 with South Korea and valued at "
        "USD 3.37 billion, covered 180 K2GF tanks for Poland. Deliveries are well advanced: "
        "more than 130 tanks have reached Polish units. The K2 is one leg of Poland's armour.",
        dt.date(2025, 8, 1),
    )
    assert [(c.platform, c.family, c.quantity, c.value) for c in found] == [
        ("K2GF", "k2", 180, 3_370_000_000),
    ], found


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Under the plan, Australia's 11 Mogami frigates would be acquired from Japan.",
         "proposed"),
        ("Turkey is in talks with Qatar about used Typhoon jets until the new aircraft are "
         "delivered.", "negotiating"),
        ("The Royal Saudi Air Force has received all 72 Typhoon jets it ordered from the "
         "United Kingdom.", "delivered"),
    ],
)  # fmt: skip
def test_stages_said_in_passing(sentence: str, status: str) -> None:
    assert one(sentence).status == status


def test_an_agreement_reached_is_no_arrival() -> None:
    found = deals_in(
        "Poland signed a deal for 32 F-35 jets from the United States. The agreement was "
        "reached with the support of Germany."
    )
    assert [(c.seller, c.status) for c in found] == [("United States", "signed")], found


def test_sellers_listed_with_their_titles() -> None:
    found = deals_in(
        "Turkey is in discussion with the State of Qatar and the Sultanate of Oman about the "
        "transfer of used Typhoon aircraft from their air forces."
    )
    assert sorted((c.seller, c.status, c.second_hand) for c in found) == [
        ("Oman", "negotiating", True), ("Qatar", "negotiating", True),
    ], found  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "currency"),
    [
        ("Chile signed a contract for 10 Leopard 2A4 tanks from Germany for 90 billion pesos.",
         "CLP"),
        ("Morocco ordered 36 CAESAR howitzers from France for 1.9 billion dirhams.", "MAD"),
        ("Kuwait signed for 28 Eurofighter jets from Italy worth 2.4 billion dinars.", "KWD"),
        ("Egypt ordered 30 Rafale jets from France for 60 billion pounds.", "EGP"),
    ],
)  # fmt: skip
def test_a_currency_name_several_states_use_is_the_article_s_state_s(
    sentence: str, currency: str
) -> None:
    assert one(sentence).currency == currency


def test_a_letter_of_intent_is_a_step_in_talks() -> None:
    deal = one(
        "Hanwha said it signed a letter of intent with the Finnish Defence Forces last month "
        "for 16 additional K9A1 howitzers."
    )
    assert (deal.buyer, deal.seller, deal.status) == ("Finland", "South Korea", "negotiating")


def test_a_state_a_sentence_opens_with_is_its_scene() -> None:
    deal = one(
        "In Finland, where the K9 is known as the Moukari, the military operates 48 "
        "second-hand K9s it bought from the South Korean Army in 2017, all of which have "
        "been delivered."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status, deal.second_hand) == (
        "Finland", "South Korea", 48, "delivered", True,
    )  # fmt: skip


def test_the_seller_s_own_government_is_no_buyer() -> None:
    deal = one(
        "NEW DELHI: The defence ministry signed a contract worth around Rs 32,000 crore with "
        "the US government for 31 MQ-9B armed drones made by General Atomics."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("India", "United States", 31)


def test_a_navy_s_own_ships_are_no_export() -> None:
    # "for the Royal Navy" is the United Kingdom's: its eight frigates are no part of
    # Norway's order, whose count is "five of the ... frigates".
    deal = one(
        "Norway has selected the Type 26 frigate designed by BAE Systems. Oslo plans to "
        "acquire at least five of the anti-submarine warfare frigates. In the UK, BAE Systems "
        "is building eight Type 26 frigates for the Royal Navy."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Norway", "United Kingdom", 5)


def test_another_buyer_of_the_article_s_system() -> None:
    found = deals_in(
        "Saudi Arabia signed a contract with South Korea's LIG Nex1 for 10 batteries of the "
        "Cheongung-II air defence system. The Cheongung-II is designed to intercept aircraft. "
        "The UAE became the first foreign customer for the system in January 2022, when it "
        "signed a $3.5 billion deal."
    )
    assert sorted((c.buyer, c.quantity, c.value) for c in found) == [
        ("Saudi Arabia", 10, None), ("United Arab Emirates", None, 3_500_000_000),
    ], found  # fmt: skip


def test_a_ministry_s_answer_sells_its_state_s_ships() -> None:
    # A British written answer: "the Department" sells; "with the Government of
    # Lithuania for the sale of" names the buyer.
    found = deals_in(
        "Royal Navy: Decommissioning\n"
        "To ask the Secretary of State for Defence, what progress has been made on the sale "
        "of decommissioned Royal Navy vessels.\n"
        "On 12 June 2025 the Department signed a contract with the Government of Lithuania "
        "for the sale of two former Hunt-class mine countermeasures vessels for GBP 12.4 "
        "million. The two former Sandown-class mine countermeasures vessels were transferred "
        "to Ukraine in 2023.",
        dt.date(2025, 7, 8),
    )
    assert sorted((c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found) == [
        ("Lithuania", "United Kingdom", "Hunt-class mine countermeasures vessel", 2, "signed"),
        ("Ukraine", "United Kingdom", "Sandown-class minehunter", 2, "delivered"),
    ], found


def test_a_ministry_thread_of_donations() -> None:
    # Numbered items headed by the donor's name; the count of what was committed; a
    # system bought by one state for another; a used aircraft "is now in Ukraine".
    found = deals_in(
        "Ministry of Defence of Ukraine - thread, 2 June 2025\n"
        "2/ The Netherlands has completed the transfer of all 24 F-16 fighter jets it "
        "pledged to Ukraine.\n"
        "3/ Denmark: more Danish F-16s have arrived, bringing the total delivered to twelve "
        "of the 19 aircraft Denmark has committed.\n"
        "4/ Sweden: the first of two ASC 890 airborne early warning and control aircraft, "
        "transferred from the Swedish Air Force, is now in Ukraine.\n"
        "5/ Germany: another IRIS-T SLM air defence system has been handed over, the sixth "
        "of the eleven ordered by Berlin for Ukraine.",
        dt.date(2025, 6, 2),
    )
    assert sorted(
        (c.seller, c.buyer, c.quantity, c.status, bool(c.second_hand)) for c in found
    ) == [
        ("Denmark", "Ukraine", 19, "delivering", True),
        ("Germany", "Ukraine", 11, "delivering", False),
        ("Netherlands", "Ukraine", 24, "delivered", True),
        ("Sweden", "Ukraine", 2, "delivering", True),
    ], found


def test_a_us_sale_notice_of_a_foreign_design_is_new() -> None:
    deal = one(
        "The State Department has made a determination approving a possible Foreign "
        "Military Sale to the Government of Egypt of the NASAMS for an estimated cost of "
        "$4.69 billion."
    )
    assert (deal.seller, deal.second_hand) == ("United States", None)


def test_orders_awaited_and_ships_built_for_a_navy() -> None:
    found = deals_in(
        "The delivery comes as the Air Force prepares to receive 12 AH-1Z Viper attack "
        "helicopters from the United States. Washington approved the $997 million sale in "
        "April 2022, and Nigeria signed the contract the following year.\n"
        "Meanwhile, the Nigerian Navy says it is on course to take delivery of two 76-metre "
        "offshore patrol vessels being built for it by Turkey's Dearsan Shipyard. The "
        "Federal Executive Council approved N186 billion for the contract in July.",
        dt.date(2025, 11, 4),
    )
    assert sorted((c.seller, c.quantity, c.value, c.currency, c.status) for c in found) == [
        ("Turkey", 2, 186_000_000_000, "NGN", "signed"),
        ("United States", 12, 997_000_000, "USD", "signed"),
    ], found
    assert {c.buyer for c in found} == {"Nigeria"}


def test_a_roundup_item_s_version_rivals_and_later_signing() -> None:
    found = deals_in(
        "Slovakia on Tuesday signed a EUR 1.3 billion agreement with Sweden for 152 CV90 "
        "infantry fighting vehicles. The CV90 beat General Dynamics' ASCOD and Rheinmetall's "
        "Lynx, both of which had been offered with local production. The contract comes as "
        "Slovakia absorbs its new F-16 Block 70 fighters. Bratislava ordered 14 of the jets "
        "from the United States in 2018 for $1.8 billion.\n"
        "- Estonia will buy twelve more K9 Thunder howitzers from South Korea. The contract "
        "with Hanwha Aerospace, signed the same day, is worth EUR 110 million.\n"
        "- Greece's upgrade of 38 F-16 Block 50 jets is running eight months late.",
        dt.date(2025, 9, 19),
    )
    assert sorted((c.buyer, c.family, c.quantity, c.value, c.status) for c in found) == [
        ("Estonia", "k9", 12, 110_000_000, "signed"),
        ("Slovakia", "cv90", 152, 1_300_000_000, "signed"),
        ("Slovakia", "f16", 14, 1_800_000_000, "signed"),
    ], found


def test_a_procurement_roundup() -> None:
    found = deals_in(
        "Procurement roundup: Malaysia inks LMS Batch 2, Vietnam confirms K9 buy\n"
        "Malaysia\n"
        "The Malaysian MoD has signed a contract worth RM1.6 billion with Turkey's STM for "
        "three Littoral Mission Ship Batch 2 vessels. Two ships will be built in Istanbul and "
        "the third at Lumut Naval Shipyard.\n"
        "Kazakhstan\n"
        "Turkish Aerospace and Kazakhstan Engineering have signed a contract for 30 Anka "
        "UAVs, most of which will be assembled under licence in Astana.",
        dt.date(2025, 8, 14),
    )
    assert sorted((c.buyer, c.seller, c.platform, c.quantity) for c in found) == [
        ("Kazakhstan", "Turkey", "TAI Anka", 30),
        ("Malaysia", "Turkey", "Littoral Mission Ship Batch 2", 3),
        ("Vietnam", "South Korea", "K9 Thunder", None),
    ], found


def test_a_common_first_word_makes_no_company_of_a_group() -> None:
    # "Naval Group" is French; "Lumut Naval Shipyard" is not for that.
    names = build_gazetteer()
    text = "the third at Lumut Naval Shipyard"
    from tracker.extract.text import tokens

    assert [m.entry.iso3 for m in names.find(tokens(text), text)] == []


def test_a_cancellation_and_the_type_s_other_sales() -> None:
    found = deals_in(
        "Spain formally cancels NIS 2.7b Elbit rocket launcher deal\n"
        "Madrid's move comes as PULS orders from other European countries continue.\n"
        "Spain's Council of Ministers yesterday approved the cancellation of a contract "
        "worth NIS 2.7 billion (EUR 700 million) for 12 SILAM rocket artillery systems based "
        "on Elbit Systems' PULS launcher. The systems were to have been made in Spain, with "
        "launcher modules supplied from Israel.\n"
        "The cancellation is a blow to Elbit's marketing, but PULS continues to sell "
        "elsewhere. Greece is negotiating for 36 PULS systems in a deal estimated at EUR 650 "
        "million. Athens had also looked at Lockheed Martin's HIMARS before opting to "
        "negotiate with Israel. PULS is the only system that can be delivered at this pace.",
        dt.date(2025, 10, 1),
    )
    assert sorted((c.buyer, c.platform, c.quantity, c.currency, c.status) for c in found) == [
        ("Greece", "PULS", 36, "EUR", "negotiating"),
        ("Spain", "SILAM", 12, "ILS", "cancelled"),
    ], found


def test_two_unlisted_names_side_by_side_are_one() -> None:
    deal = one(
        "The Royal Thai Navy ordered the Tianlong-class S29T submarine from the state-owned "
        "China Shipbuilding & Offshore International Co. in 2017."
    )
    assert (deal.platform, deal.family, deal.seller) == ("Tianlong-class S29T", "s29t", "China")


def test_a_table_of_a_type_s_exports() -> None:
    # A pasted table: its header gives each row's stage ("SIGNED"); its caption's "since
    # 2021" is no signing date; a row's buyer named later carries that deal on.
    found = deals_in(
        "India on 28 April 2025 signed an agreement with France for 26 Rafale Marine "
        "fighters, valued at Rs 63,000 crore.\n"
        "Selected Rafale export orders since 2021\n"
        "CUSTOMER     | AIRCRAFT                     | SIGNED   | VALUE\n"
        "Croatia      | 12 Rafale F3R (ex-French AF) | Nov 2021 | EUR 999m\n"
        "UAE          | 80 Rafale F4                 | Dec 2021 | EUR 16bn\n"
        "India (Navy) | 26 Rafale M                  | Apr 2025 | Rs 63,000 cr\n"
        "Source: Dassault Aviation\n"
        "Croatia took delivery of its twelfth and final aircraft in April, completing the "
        "transfer of the second-hand jets.",
        dt.date(2025, 5, 15),
    )
    assert sorted(
        (c.buyer, c.quantity, c.value, c.currency, c.status, bool(c.second_hand)) for c in found
    ) == [
        ("Croatia", 12, 999_000_000, "EUR", "delivered", True),
        ("India", 26, 630_000_000_000, "INR", "signed", False),
        ("United Arab Emirates", 80, 16_000_000_000, "EUR", "signed", False),
    ], found


def test_what_is_a_table_and_what_is_not() -> None:
    from tracker.extract.tables import tables

    text = (
        "By Guillaume Steuer | Air & Cosmos | 15 May 2025\n"
        "| Country | Type | Delivered |\n"
        "|---|---|---|\n"
        "| Egypt | 24 Rafale | 2017 |\n"
        "Qatar\t36 Rafale\t2021\n"
    )
    headers, rows = tables(text)
    assert [h.text for h in headers] == ["| Country | Type | Delivered |"]
    assert [(r.line.text, r.status, r.said_by.text) for r in rows] == [
        ("| Egypt | 24 Rafale | 2017 |", "delivered", "2017"),
        ("Qatar\t36 Rafale\t2021", "delivered", "2021"),
    ]  # a byline's "|" makes no table; a rule under the header is no row


def test_a_batch_the_whole_order_a_letter_of_intent_and_its_army() -> None:
    found = deals_in(
        "Six F-16 fighter jets bought second-hand from Denmark touched down at the Rio Cuarto "
        "air base on Friday, the first of 24 aircraft Argentina agreed to purchase in April "
        "2024 for around US$300 million. Separately, the Army signed a letter of intent with "
        "the United States in November for 27 surplus Stryker 8x8 armoured vehicles, to be "
        "acquired through the Foreign Military Sales programme. Neighbouring Brazil has been "
        "re-equipping faster. Its Army signed an R$5 billion contract in 2022 for 98 Centauro "
        "II wheeled tank destroyers from Italy.",
        dt.date(2025, 12, 9),
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.status) for c in found) == [
        ("Argentina", "Denmark", 24, "delivering"),
        ("Argentina", "United States", 27, "negotiating"),
        ("Brazil", "Italy", 98, "signed"),
    ], found


def test_aid_prepared_for_transfer_and_a_package_s_sum() -> None:
    deal = one(
        "Sweden is preparing two ASC 890 airborne early warning and control aircraft for "
        "transfer to Ukraine. Stockholm agreed in May to hand over the planes, currently in "
        "service with the Swedish Air Force, as part of a 13.3 billion kronor ($1.25 billion) "
        "aid package."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.value, deal.second_hand) == (
        "Ukraine", "Sweden", 2, None, True,
    )  # fmt: skip


def test_talks_with_the_governments_of_two_sellers() -> None:
    found = deals_in(
        "On 27 October 2025 the Government signed an agreement with the Government of the "
        "Republic of Türkiye for the supply of 20 new-build Eurofighter Typhoon aircraft, "
        "valued at approximately £5.4 billion. Türkiye is also in discussion with the "
        "Governments of the State of Qatar and the Sultanate of Oman about the transfer of "
        "used Typhoon aircraft from their air forces.",
        dt.date(2025, 11, 5),
    )
    assert sorted((c.seller or "", c.status, bool(c.second_hand)) for c in found) == [
        ("", "signed", False), ("Oman", "negotiating", True), ("Qatar", "negotiating", True),
    ], found  # fmt: skip
    assert {c.buyer for c in found} == {"Turkey"}


@pytest.mark.parametrize("text", ["S", "Plan S and the s of it", "K9s", "9s"])
def test_short_words_ending_in_s_are_read_without_error(text: str) -> None:
    # A one-letter "s" once crashed the plural lookup (a blind set found it).
    assert deals_in(text) == []


def _mangled(text: str, rng: random.Random) -> list[str]:
    """Real articles cut short, reordered and shredded, the way pasted text arrives."""
    words = text.split()
    lines = text.splitlines()
    rng.shuffle(lines)
    return [
        text[: rng.randrange(1, len(text) + 1)],
        "\n".join(lines),
        " ".join(rng.choice(words) for _ in range(60)) + rng.choice(["", ".", " |", " (", ":"]),
        text.upper(),
        text.replace(" ", "\t").replace(".", " | "),
    ]


def test_mangled_articles_are_read_without_error_and_quoted_verbatim() -> None:
    rng = random.Random(20261202)
    read = 0
    for passage in ALL_SETS:
        for text in _mangled(passage.text, rng):
            for candidate in deals_in(text, passage.published):
                for quote in [candidate.quote, *candidate.field_quotes.values()]:
                    assert quote and quote in text, (passage.id, quote)
            read += 1
    assert read >= 900


def test_a_story_of_us_sale_notices_with_a_table() -> None:
    found = deals_in(
        "State Department clears HIMARS for Bahrain, counter-fire radars for Jordan\n"
        "WASHINGTON - The State Department has approved two possible Foreign Military Sales, "
        "according to notices published by the Defense Security Cooperation Agency.\n"
        "The larger of the two sales is to Bahrain, which has asked to buy eight M142 HIMARS "
        "launchers, at an estimated cost of $500 million.\n"
        "Jordan, meanwhile, was cleared to buy four AN/TPQ-53 radars.\n"
        "| Buyer   | System              | Qty | Est. value |\n"
        "|---------|---------------------|-----|------------|\n"
        "| Bahrain | M142 HIMARS         | 8   | $500M      |\n"
        "| Jordan  | AN/TPQ-53 radar     | 4   | $199.8M    |\n",
        dt.date(2025, 6, 12),
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.value, c.status) for c in found) == [
        ("Bahrain", "United States", 8, 500_000_000, "approved"),
        ("Jordan", "United States", 4, 199_800_000, "approved"),
    ], found


def test_an_order_counted_in_parts_is_one_order() -> None:
    deal = one(
        "The State Department has approved the possible sale of 90 Stryker armored vehicles "
        "to Bulgaria for $1.5 billion. According to the notice, the Bulgarian government "
        "asked to buy 72 M1126 Stryker infantry carrier vehicles and 18 Strykers in other "
        "configurations."
    )
    assert (deal.quantity, deal.value, deal.status) == (90, 1_500_000_000, "approved")


def test_a_regional_weekly_roundup() -> None:
    found = deals_in(
        "GHANA\n"
        "The Ghana Air Force on Tuesday welcomed the first two of five Embraer A-29 Super "
        "Tucano light attack aircraft. The contract with Brazil's Embraer is valued at about "
        "GH¢1.9 billion. Accra had also looked at the Czech-built Aero L-39NG, but the Super "
        "Tucano's combat record tipped the balance. They join the four Harbin Z-9EH "
        "helicopters delivered by China in 2015.\n"
        "SENEGAL\n"
        "French shipbuilder Piriou has handed over Cayor, the third and final OPV 58 S "
        "offshore patrol vessel ordered by the Senegalese Navy in 2019.\n"
        "ANGOLA\n"
        "The National Air Force of Angola took delivery of the first of three Airbus C295 "
        "aircraft on order.",
        dt.date(2025, 4, 18),
    )
    assert sorted((c.buyer, c.seller, c.family, c.status) for c in found) == [
        ("Angola", "Spain", "c295", "delivering"),
        ("Ghana", "Brazil", "a29", "delivering"),
        ("Ghana", "China", "z9eh", "delivered"),
        ("Senegal", "France", "opv58", "delivered"),
    ], found
    assert {c.family: c.currency for c in found}["a29"] == "GHS"


def test_a_government_dispatch_datelined_from_its_capital() -> None:
    found = deals_in(
        "Armed Forces Dispatch 2025: Federal Council requests credits for air defence\n"
        "Bern, 14.02.2025 - At its meeting today, the Federal Council adopted the Armed "
        "Forces Dispatch 2025.\n"
        "The Federal Council proposes the procurement of the IRIS-T SLM system from the "
        "German manufacturer Diehl Defence. The commitment credit requested amounts to CHF "
        "660 million.\n"
        "- Reconnaissance drone system 15 (ADS 15): Four of the six Hermes 900 drones "
        "procured from Israel have been delivered to the Air Force.",
        dt.date(2025, 2, 14),
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.value, c.status) for c in found) == [
        ("Switzerland", "Germany", None, 660_000_000, "proposed"),
        ("Switzerland", "Israel", 6, None, "delivering"),
    ], found


def test_deals_in_passing_in_a_crash_report() -> None:
    found = deals_in(
        "DHAKA, Oct 8 (AFP) - A Bangladesh Air Force training jet crashed on Wednesday.\n"
        "Bangladesh took delivery of the Chinese-built K-8W trainers from China in 2014.\n"
        "It has inducted a squadron of 16 Yak-130 combat trainers delivered by Russia, and "
        "officials say talks with Beijing on 20 J-10CE fighter jets, worth around Tk 27,000 "
        "crore, are at an advanced stage.",
        dt.date(2025, 10, 8),
    )
    assert sorted((c.seller, c.family, c.quantity, c.currency, c.status) for c in found) == [
        ("China", "j10", 20, "BDT", "negotiating"),
        ("China", "k8", None, None, "delivered"),
        ("Russia", "yak130", 16, None, "delivered"),
    ], found
    assert {c.buyer for c in found} == {"Bangladesh"}


def test_a_version_in_roman_numerals_by_a_co_maker() -> None:
    # "Block III" is the version's; Pakistan builds the JF-17 with China: new, not resold.
    deal = one(
        "BAKU, June 24 (Reuters) - Azerbaijan has signed a $4.6 billion agreement to buy 40 "
        "JF-17C Block III fighter jets from Pakistan."
    )
    assert (deal.family, deal.quantity, deal.seller, deal.second_hand) == (
        "jf17", 40, "Pakistan", None,
    )  # fmt: skip


def test_an_aid_package_s_donations_past_and_present() -> None:
    found = deals_in(
        "STOCKHOLM, May 29 (AFP) - Sweden on Wednesday announced its largest military aid "
        "package for Ukraine.\n"
        "The government decided to donate two ASC 890 airborne early warning and control "
        "aircraft from the Swedish Air Force, Defence Minister Pal Jonson said.\n"
        "Stockholm has previously given Kyiv eight Archer self-propelled howitzers from its "
        "own stocks, all of which have been delivered.\n"
        "Sweden's total military support to Ukraine now amounts to about 43.5 billion kronor.",
        dt.date(2025, 5, 29),
    )
    assert sorted((c.platform, c.quantity, c.value, c.status, c.second_hand) for c in found) == [
        ("ASC 890", 2, None, "approved", True),
        ("Archer", 8, None, "delivered", True),
    ], found
    assert {(c.buyer, c.seller) for c in found} == {("Ukraine", "Sweden")}


def test_donors_committed_continuing_and_started() -> None:
    found = deals_in(
        "Denmark, which has committed 19 of its used F-16s, is continuing to transfer its "
        "jets in batches to Ukraine. France started supplying Mirage 2000-5F fighters taken "
        "from the French Air and Space Force inventory in February. Kyiv has lost at least "
        "three of the aircraft.",
        dt.date(2025, 5, 23),
    )
    assert sorted((c.seller, c.quantity, c.status, bool(c.second_hand)) for c in found) == [
        ("Denmark", 19, "delivering", True), ("France", None, "delivering", True),
    ], found  # fmt: skip


def test_a_maker_receiving_an_order_is_a_signing_not_an_arrival() -> None:
    deal = one(
        "STOCKHOLM, Aug 26 (Defense News) - Saab has received an order from Thailand for four "
        "Gripen E/F fighter jets worth about 5.3 billion Swedish kronor ($555 million)."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status) == (
        "Thailand", "Sweden", 4, "signed",
    )  # fmt: skip
    assert (deal.value, deal.currency) == (5_300_000_000, "SEK")


def test_a_weekday_before_a_count_is_no_designation() -> None:
    found = deals_in(
        "Poland signed a contract for 180 K2 tanks from South Korea. Under the agreement, "
        "signed in Warsaw on Friday, 117 of the tanks will be produced in Korea."
    )
    assert [c.platform for c in found] == ["K2 Black Panther"], found


def test_a_maker_by_nationality_and_a_statement_before_a_colon() -> None:
    deal = one(
        "JAKARTA - Indonesia's defence ministry is buying widely. Turkey is also becoming a "
        "key naval supplier: in January, the ministry signed a contract with Turkish "
        "shipbuilder TAIS for two Istif-class frigates."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Indonesia", "Turkey", 2)


def test_an_acronym_before_a_capitalised_word_is_a_firm_s_name() -> None:
    found = deals_in(
        "MADRID - Spain has terminated a contract for 168 Spike LR2 missiles from Israel. The "
        "decision follows the cancellation in April of a 6.6 million euro order for 15.3 "
        "million rounds of 9mm ammunition from Israeli firm IMI Systems."
    )
    assert [c.family for c in found] == ["spike"], found


def test_an_aid_package_s_recipient_and_the_donor_s_total() -> None:
    found = deals_in(
        "Sweden unveils largest military aid package for Ukraine, including 18 Archer "
        "howitzers\n"
        "Sweden has previously supplied armored vehicles from its own forces. In 2023, "
        "Stockholm delivered 50 CV90 infantry fighting vehicles, drawn from the Swedish "
        "Armed Forces' own inventory. With the new package, Sweden's total military support "
        "to Ukraine since February 2022 rises to about 63 billion kronor.",
        dt.date(2025, 1, 28),
    )
    assert sorted((c.platform, c.buyer, c.quantity, c.value, c.status) for c in found) == [
        ("Archer", "Ukraine", 18, None, "approved"),
        ("CV90", "Ukraine", 50, None, "delivered"),
    ], found


def test_a_story_of_notices_to_a_buyer_named_after_sales_to() -> None:
    found = deals_in(
        "US clears nearly $2 billion in air defense and radar sales to Taiwan\n"
        "WASHINGTON - The U.S. State Department has approved two possible Foreign Military "
        "Sales, the Defense Security Cooperation Agency announced Friday. The larger case, "
        "estimated at $1.16 billion, covers three NASAMS fire units. Also on Friday, the "
        "agency notified Congress of a possible $100 million sale of spare and repair parts "
        "to Egypt to sustain its AH-64 Apache fleet.",
        dt.date(2025, 10, 26),
    )
    assert [(c.buyer, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("Taiwan", "NASAMS", 3, 1_160_000_000, "approved"),
    ], found


def test_a_day_first_dateline_and_a_type_only_offered_beside_a_choice() -> None:
    found = deals_in(
        "Poland signs USD 10 billion agreement for 96 AH-64E Apache helicopters\n"
        "RZESZÓW, 13 August 2024 (Defence24) - Poland's defence minister on Tuesday signed "
        "an agreement with the US for 96 AH-64E Apache Guardian helicopters.\n"
        "The Apache was chosen under the Kruk attack helicopter programme, in which Bell "
        "offered the AH-1Z Viper and Leonardo the AW249 Fenice.",
        dt.date(2024, 8, 13),
    )
    assert [(c.buyer, c.family, c.quantity) for c in found] == [("Poland", "ah64", 96)], found


def test_the_sentence_that_signs_backs_the_status_not_the_title_s_noun() -> None:
    deal = one(
        "Rafale Marine deal caps a busy four years for Dassault exports\n"
        "India on 28 April 2025 signed an agreement with France for 26 Rafale Marine "
        "fighters, valued at Rs 63,000 crore."
    )
    assert deal.quote.startswith("India on 28 April 2025 signed"), deal.quote
    assert "signed" in deal.field_quotes["status"]


@pytest.mark.parametrize(
    "rivals",
    [
        "Lockheed Martin had offered the F-16 Block 70/72 with a financing package.",
        "In the analysis of the options were considered also the Finnish Patria AMV and the "
        "German-Dutch Boxer.",
        "China's Wing Loong II had also been considered.",
        "Sofia had also weighed China's JF-17, people familiar with the talks said.",
    ],
)
def test_bids_offered_or_considered_before_a_choice_are_rivals(rivals: str) -> None:
    found = deals_in(
        "Bulgaria signed a contract with the United States for 90 Stryker vehicles. " + rivals
    )
    assert [c.family for c in found] == ["stryker"], found


@pytest.mark.parametrize(
    "joint",
    [
        "The Netherlands and Austria jointly ordered nine C-390 aircraft - five for the Dutch "
        "and four for the Austrians.",
        "Embraer said the Netherlands and Austria signed a joint contract for nine C-390 "
        "aircraft. The Netherlands will take five and Austria four, replacing C-130Hs.",
        "The Netherlands and Austria signed a contract for nine C-390s this year, five for "
        "the Royal Netherlands Air Force and four for Austria.",
    ],
)
def test_a_joint_order_is_a_deal_for_each_buyer_of_its_share(joint: str) -> None:
    text = "Embraer builds its European order book\n" + joint
    found = deals_in(text)
    shares = sorted((c.buyer, c.seller, c.family, c.quantity) for c in found if c.family == "kc390")
    assert shares == [
        ("Austria", "Brazil", "kc390", 4),
        ("Netherlands", "Brazil", "kc390", 5),
    ], found
    assert all(deal.field_quotes["quantity"] in text for deal in found)


def test_a_joint_order_without_shares_counts_for_neither_and_two_sides_are_not_joint() -> None:
    found = deals_in("Norway and Sweden jointly ordered 40 Leopard 2A8 tanks from Germany.")
    assert sorted((c.buyer, c.quantity) for c in found) == [("Norway", None), ("Sweden", None)]
    # no word of a joint order, no shares: one deal, as before
    found = deals_in("Denmark, Norway and Sweden will buy 40 Leopard 2A8 tanks from Germany.")
    assert [(c.buyer, c.quantity) for c in found] == [("Denmark", 40)], found


def test_an_ascii_dash_parts_clauses_and_a_count_in_its_own_clause_stands_in() -> None:
    found = deals_in(
        "Czech Republic orders two C-390s\n"
        "The Czech Republic ordered two C-390 aircraft on Monday.\n"
        "Embraer has built a European backlog. The Netherlands and Austria jointly ordered "
        "nine aircraft earlier this year - five for the Dutch and four for the Austrians - "
        "and Slovakia signed a letter of intent covering three C-390s in November."
    )
    assert sorted((c.buyer, c.quantity, c.status) for c in found) == [
        ("Austria", 4, "signed"),
        ("Czechia", 2, "signed"),
        ("Netherlands", 5, "signed"),
        ("Slovakia", 3, "negotiating"),
    ], found


def test_a_framework_agreement_is_talks_and_a_party_after_a_list_is_of_all_of_it() -> None:
    found = deals_in(
        "Hyundai Rotem signs framework deal to supply K2 tanks to Peru\n"
        "SEOUL, May 14 (Yonhap) - Hyundai Rotem said Wednesday it has signed a framework "
        "agreement with Peru's state-run firm FAME to supply 54 K2 Black Panther tanks.\n"
        "The agreement, signed in Lima in the presence of officials, sets out the terms "
        "for negotiating binding contracts.\n"
        "In July last year, Hanwha Aerospace signed a contract worth about 1.37 trillion won "
        "to supply 54 K9 self-propelled howitzers and 36 K10 ammunition resupply vehicles to "
        "Romania.\n"
        "South Korea's arms exports reached a record US$17.3 billion in 2022 before falling "
        "back in the following two years, and the government has set a goal of becoming "
        "the world's fourth-largest arms exporter by 2027."
    )
    assert sorted((c.buyer, c.family, c.quantity, c.status) for c in found) == [
        ("Peru", "k2", 54, "negotiating"),
        ("Romania", "k10", 36, "signed"),
        ("Romania", "k9", 54, "signed"),
    ], found


def test_a_selection_a_giver_s_retired_tanks_arriving_and_rivals_before_a_choice() -> None:
    found = deals_in(
        "Australia picks Japan's frigate\n"
        "Australia's government is selecting an upgraded Mogami-class design for the navy.\n"
        "Australia's 49 retired M1A1 Abrams tanks, valued at A$245 million, began arriving "
        "in Ukraine last month.\n"
        "Prague evaluated the Airbus A400M and Lockheed Martin's C-130J Super Hercules "
        "before selecting the C-390."
    )
    got = sorted((c.buyer, c.seller, c.family, c.status, c.second_hand) for c in found)
    assert ("Ukraine", "Australia", "m1", "delivering", True) in got, got
    # a type selected, the contract to follow: buyer and seller now settle the terms
    assert any(c.family.startswith("mogami") and c.status == "negotiating" for c in found), got
    assert not any(c.family == "c130j" for c in found), got


def test_home_built_ships_in_a_budget_story_and_jets_sold_to_a_firm_are_no_deals() -> None:
    found = deals_in(
        "Japan's military seeks record budget\n"
        "TOKYO (AP) - Japan's Defense Ministry on Friday requested a record 8.5 trillion yen "
        "budget, as the country accelerates a buildup aimed at deterring China.\n"
        "The ministry also requested money for two large missile-defense destroyers being "
        "built by Japanese shipyards.\n"
        "The Netherlands sold 18 of its retired F-16s to Lockheed Martin for one euro."
    )
    assert found == [], [(c.buyer, c.seller, c.platform) for c in found]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("India signed for Rs. 500 crore.", 1),
        ("Mr. Smith said so. Dr. Jones left.", 2),
        ("SEOUL, Aug. 29 (Yonhap) - South Korea said so.", 1),
        ("The U.S. Army ordered it. Then it left.\nNext line", 3),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, parts: int) -> None:
    assert len(sentences(text)) == parts, [s.text for s in sentences(text)]


def test_a_budget_s_home_built_boats_and_a_deal_s_uncounted_munitions() -> None:
    found = deals_in(
        "South Korea proposes 66.3 trillion won defence budget\n"
        "SEOUL, Aug. 29 (Korea Wire) - South Korea's defence ministry proposed a budget of "
        "66.3 trillion won, to strengthen deterrence against North Korea.\n"
        "Production of the Cheongung-II system will continue, and 690 billion won is set "
        "aside for the second batch of KSS-III submarines, being built by Hanwha Ocean and "
        "HD Hyundai Heavy Industries.\n"
        "Poland signed for 96 AH-64E Apache helicopters. The deal, concluded under the U.S. "
        "Foreign Military Sales programme, also covers training, logistics support, and "
        "Hellfire and JAGM missiles, the defence ministry said."
    )
    assert [(c.buyer, c.family, c.quantity) for c in found] == [("Poland", "ah64", 96)], found
    assert not any(")" in m.text for m in NAMES.find(
        tokens("SEOUL (Korea Wire) - South Korea's ministry"),
        "SEOUL (Korea Wire) - South Korea's ministry",
    ))  # fmt: skip


def test_a_choice_s_purpose_a_wished_signing_an_offered_used_boat_and_a_maker_s_number() -> None:
    found = deals_in(
        "Poland picks Sweden's Saab to build new submarines\n"
        "WARSAW, Nov 26 (Reuters) - Poland has chosen Sweden's Saab to supply three new "
        "submarines under its Orka programme, opening negotiations on a deal for the A26.\n"
        '"We want the contract signed as soon as possible," the minister said.\n'
        "As part of its offer, Sweden has proposed transferring one of its "
        "Sodermanland-class submarines to Poland as an interim solution.\n"
        "Warsaw took delivery last year of two Saab 340 airborne early warning aircraft "
        "bought second-hand from the Swedish Air Force."
    )
    got = sorted((c.buyer, c.seller, c.platform, c.quantity, c.status, c.second_hand)
                 for c in found)  # fmt: skip
    assert got == [
        ("Poland", "Sweden", "A26 submarine", 3, "negotiating", None),
        ("Poland", "Sweden", "Saab 340 AEW&C", 2, "delivered", True),
        ("Poland", "Sweden", "Västergötland-class submarine", 1, "proposed", True),
    ], got


@pytest.mark.parametrize(
    "made",
    [
        "Thailand has ordered from CSOC a variant of its Type 054A frigate.",
        "CSOC has offered Thailand two of its Type 054A frigates.",
        "Saab has offered Thailand twelve of its Gripen E fighters.",
    ],
)
def test_a_maker_s_own_design_is_new(made: str) -> None:
    assert one(made).second_hand is None


def test_a_state_proposing_to_pass_on_some_of_its_own() -> None:
    deal = one("Sweden has proposed transferring two of its Gotland-class submarines to Poland.")
    assert (deal.buyer, deal.seller, deal.quantity, deal.status, deal.second_hand) == (
        "Poland",
        "Sweden",
        2,
        "proposed",
        True,
    ), deal


def test_a_recipient_is_of_the_platform_on_its_side_of_a_comma_and_a_contract_s_price() -> None:
    found = deals_in(
        "MANILA - Missile systems arrive\n"
        "India delivered the first batch of BrahMos supersonic cruise missile systems to "
        "the Philippines on Friday, with two Indian Air Force C-17 Globemaster III "
        "transports landing at Clark Air Base.\n"
        "The delivery is part of a $375 million contract signed in January 2022."
    )
    assert [(c.buyer, c.family, c.value, c.status) for c in found] == [
        ("Philippines", "brahmos", Decimal("375000000"), "delivering")
    ], found
    assert found[0].buyer_said


def test_a_first_batch_these_tanks_a_gun_they_carry_and_a_home_order() -> None:
    found = deals_in(
        "Rheinmetall hands over first Lynx built in Hungary\n"
        "Hungary ordered 218 Lynx vehicles in August 2020. Under the contract, the first 46 "
        "vehicles were built in Germany and have already been delivered.\n"
        "The Lynx programme is the centrepiece of Hungary's modernisation plan, which also "
        "includes 44 Leopard 2A7HU main battle tanks from KNDS Deutschland. These tanks are "
        "armed with Rheinmetall's 120 mm L55A1 smoothbore gun; the first of them arrived in "
        "Hungary last year.\n"
        "In Germany, Rheinmetall and KNDS are meanwhile building a further 50 Puma infantry "
        "fighting vehicles for the Bundeswehr under a contract signed last year."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Hungary", "Germany", "leopard2a7hu", 44, "delivering"),
        ("Hungary", "Germany", "lynxkf41", 218, "delivering"),
    ], got


def test_requests_an_unlisted_type_bought_used_and_aircraft_bought_used_from() -> None:
    found = deals_in(
        "Argentina rebuilds its forces\n"
        "The Argentine army has also formally asked Washington for Stryker armored "
        "vehicles, officials said.\n"
        "In 2019 Argentina bought five used Super Etendard attack jets from France for "
        "about $14 million.\n"
        "The navy has taken delivery of the first of four P-3C Orion maritime patrol "
        "aircraft bought used from Norway for about $67.5 million."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status, c.second_hand)
                 for c in found)  # fmt: skip
    assert got == [
        ("Argentina", "France", "superetendard", 5, "signed", True),
        ("Argentina", "Norway", "p3", 4, "delivering", True),
        ("Argentina", "United States", "stryker", None, "proposed", None),
    ], got
    request = deals_in("Argentina submitted a formal request to Washington for Stryker vehicles.")
    assert [(c.family, c.status) for c in request] == [("stryker", "proposed")], request


def test_a_sibling_model_talks_with_two_governments_and_a_request_not_received() -> None:
    found = deals_in(
        "Typhoon Aircraft: Turkey\n"
        "Indonesia has signed contracts with Baykar for 60 Bayraktar TB3 drones.\n"
        "Turkiye is also in discussions with the State of Qatar and with the Sultanate of "
        "Oman about acquiring used Typhoon aircraft from their fleets.\n"
        "Any such transfer would require the consent of the four Eurofighter partner "
        "nations, and no formal request for UK consent has been received to date."
    )
    got = sorted((c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found)
    assert got == [
        ("Indonesia", "Turkey", "Bayraktar TB3", 60, "signed"),
        ("Turkey", "Oman", "Eurofighter Typhoon", None, "negotiating"),
        ("Turkey", "Qatar", "Eurofighter Typhoon", None, "negotiating"),
    ], got


@pytest.mark.parametrize(
    "aside",
    [
        "The deal needs the approval of the four Eurofighter partner nations.",
        "No request for the 12 Typhoon aircraft has been received.",
    ],
)
def test_a_platform_s_partners_and_a_request_received_are_no_deals(aside: str) -> None:
    found = deals_in("Turkey signed for 20 Typhoons. " + aside)
    assert [(c.quantity, c.status) for c in found] == [(20, "signed")], found


def test_a_commentary_s_dateline_and_a_buyer_named_in_the_sentence_before() -> None:
    found = deals_in(
        "Asia's submarine boom is a story about shipyards\n"
        "SINGAPORE, 15 October 2024 (Straits Policy Institute commentary) - By Dr. Farah "
        "Iskandar, Senior Fellow, Maritime Security Programme\n"
        "India is following the same route with the same supplier. Negotiations between "
        "the defence ministry, Mazagon Dock and Naval Group on three additional Scorpene "
        "boats, to be built in Mumbai, have dragged on for more than a year."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("India", "France", 3, "negotiating")
    ], found
    for line in (
        "SINGAPORE, 15 October 2024 (Straits Policy Institute commentary) - By Dr. Farah",
        "LONDON, 11 November 2025 (UK Parliament written answer) - By Dr. Farah",
    ):
        (first, *_) = sentences(line)
        assert line[dateline_end(first) :].startswith("By"), line


def test_a_programme_s_count_of_its_kind_in_the_sentence_after() -> None:
    deal = one(
        "Australia picks Japan's upgraded Mogami\n"
        "Australia has selected Mitsubishi Heavy Industries' upgraded Mogami-class frigate "
        "for its general purpose frigate program.\n"
        "The program, worth up to A$10 billion over the next decade, calls for 11 frigates. "
        "The first three will be built in Japan."
    )
    assert (deal.buyer, deal.quantity, deal.value, deal.currency) == (
        "Australia",
        11,
        Decimal("10000000000"),
        "AUD",
    ), deal


def test_a_notification_that_would_give_and_a_package_s_uncounted_missiles() -> None:
    deal = one(
        "State Department clears helicopter sales\n"
        "The third notification would give Slovakia 12 AH-1Z Viper attack helicopters built "
        "by Bell Textron, in a package valued at $1 billion that includes engines, Hellfire "
        "and AIM-9X Sidewinder missiles, spare parts and pilot training."
    )
    assert (deal.buyer, deal.seller, deal.family, deal.quantity, deal.value, deal.status) == (
        "Slovakia",
        "United States",
        "ah1z",
        12,
        Decimal("1000000000"),
        "approved",
    ), deal


def test_a_state_acting_in_a_relative_clause_on_the_platform() -> None:
    deal = one(
        "The Czech Army is already operating 14 Leopard 2A4 tanks that Germany donated "
        "under its Ringtausch equipment swap scheme."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.second_hand) == (
        "Czechia",
        "Germany",
        14,
        True,
    ), deal


def test_parallel_talks_and_a_purchase_contracted_years_ago() -> None:
    found = deals_in(
        "India signs for MQ-9B\n"
        "The Indian Navy is also in the final stage of negotiations with France for 26 "
        "Rafale-M carrier-based fighters for INS Vikrant, and with Mazagon Dock Shipbuilders "
        "for three additional Scorpène-class submarines to be built under licence from "
        "France's Naval Group, officials said.\n"
        "The Royal Thai Navy's acquisition of a Chinese S26T submarine, contracted in 2017 "
        "for THB13.5 billion, remains delayed."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("India", "France", "rafale", 26, "negotiating"),
        ("India", "France", "scorpene", 3, "negotiating"),
        ("India", "United States", "mq9b", None, "signed"),
        ("Thailand", "China", "s26t", 1, "signed"),  # "a Chinese S26T submarine"
    ], got
    contracted = one("Thailand contracted one S26T submarine from China in 2017.")
    assert (contracted.quantity, contracted.status) == (1, "signed"), contracted


def test_a_new_subject_s_clause_after_a_list_and_the_type_standing_in() -> None:
    found = deals_in(
        "Czech Republic orders two C-390s\n"
        "The Czech Republic signed for two C-390 aircraft on Monday. The C-390 beat the "
        "A400M.\n"
        "The order continues a run of European wins for Embraer. The Netherlands and "
        "Austria signed a joint contract for nine aircraft this year, five for the Royal "
        "Netherlands Air Force and four for Austria, and Sweden announced in June that it "
        "would begin negotiations with Embraer to buy the type."
    )
    got = sorted((c.buyer, c.quantity, c.status) for c in found)
    assert got == [
        ("Austria", 4, "signed"),
        ("Czechia", 2, "signed"),
        ("Netherlands", 5, "signed"),
        ("Sweden", None, "negotiating"),
    ], got


def test_another_count_from_another_seller_and_a_firm_s_arm_abroad() -> None:
    found = deals_in(
        "Ankara is also in talks to acquire 12 second-hand Typhoons from Qatar and another "
        "12 from Oman, according to sources.\n"
        "Two years ago Hanwha's Australian subsidiary signed a contract to supply 30 K9 "
        "self-propelled howitzers to the Australian Army."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.second_hand) for c in found)
    assert got == [
        ("Australia", "South Korea", "k9", 30, None),
        ("Turkey", "Oman", "eurofightertyphoon", 12, True),
        ("Turkey", "Qatar", "eurofightertyphoon", 12, True),
    ], got


def test_a_type_described_as_a_variant_or_marketed_is_not_sold() -> None:
    found = deals_in(
        "Hanwha signs K9 deal with Vietnam\n"
        "Australia ordered 30 AS9 Huntsman howitzers, a variant of the K9, in 2021.\n"
        "Industry watchers said the Vietnam deal could pave the way for further sales in "
        "the region, where Hyundai Rotem has been marketing its K2 main battle tank."
    )
    assert sorted((c.buyer, c.family, c.quantity) for c in found) == [
        ("Australia", "as9", 30),
        ("Vietnam", "k9", None),
    ], found


def test_a_package_s_sum_over_two_types_is_neither_s_and_rafale_marine() -> None:
    found = deals_in(
        "Hanwha Aerospace signs 1.4 trillion won deal to supply K9 howitzers to Romania\n"
        "Hanwha Aerospace said it has signed a contract with the Romanian Ministry of National "
        "Defence to supply 54 K9 self-propelled howitzers and 36 K10 ammunition resupply "
        "vehicles. The package is worth about 1.4 trillion won.\n"
        "India and France are also negotiating a deal for 26 Rafale-Marine fighters."
    )
    got = sorted((c.buyer, c.family, c.quantity, c.value) for c in found)
    assert got == [
        ("India", "rafale", 26, None),
        ("Romania", "k10", 36, None),
        ("Romania", "k9", 54, None),
    ], got


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Slovakia ordered 14 F-16 Block 70 jets. The eighth aircraft arrived at Sliac Air "
         "Base in August.", "delivering"),
        ("Poland ordered 180 K2 tanks. More than 130 tanks have reached Polish units, and the "
         "remainder is due by the end of next year.", "delivering"),
        ("Poland bought 116 used M1A1 Abrams, all of which had reached Poland by early 2024 "
         "and now equip the 18th Mechanized Division.", "delivered"),
    ],
)  # fmt: skip
def test_one_of_a_series_or_a_remainder_due_is_a_delivery_under_way(text: str, status: str) -> None:
    assert one(text).status == status


def test_a_lead_counting_the_type_the_next_sentence_names_and_a_planned_count() -> None:
    deal = one(
        "Thailand scraps troubled Chinese submarine deal\n"
        "BANGKOK (AP) - Thailand's Cabinet on Tuesday approved the cancellation of a 13.5 "
        "billion baht ($415 million) contract to buy one submarine from China.\n"
        "The Royal Thai Navy ordered the Yuan-class S26T submarine from China in 2017, as the "
        "first of a planned three boats."
    )
    assert (deal.buyer, deal.seller, deal.family, deal.quantity, deal.value, deal.status) == (
        "Thailand",
        "China",
        "s26t",
        1,
        Decimal("13500000000"),
        "cancelled",
    ), deal


def test_a_class_named_with_a_particle() -> None:
    deal = one(
        "The Indonesian Navy has taken delivery of KRI Brawijaya, the first of two Luigi "
        "di Savoia-class multipurpose offshore patrol vessels acquired from Italy."
    )  # a name no list knows, with a particle in it
    assert (deal.buyer, deal.seller, deal.platform, deal.quantity, deal.status) == (
        "Indonesia",
        "Italy",
        "Luigi di Savoia-class",
        2,
        "delivering",
    ), deal


def test_a_class_written_with_or_without_its_hyphen_is_one_family() -> None:
    assert platform_family("Jose Rizal-class frigate") == platform_family("Jose Rizal class")
    assert platform_family("Mogami-class") == platform_family("Mogami class frigates")
    assert platform_family("Leopard 2A8") != platform_family("Leopard 1A5")


def test_a_region_holding_a_state_s_name_is_no_party() -> None:
    found = deals_in(
        "Rio prepares for LAAD 2025\n"
        "RIO DE JANEIRO (Agência Brasil) - Latin America's largest defence fair opens on "
        "Tuesday.\n"
        "Embraer will show a C-390 Millennium. The company says the C-390 has been chosen by "
        "eight air forces so far."
    )
    assert found == [], [(c.buyer, c.platform) for c in found]
    text = "Latin America's largest fair; arms sales to Central America and South America"
    assert not [m for m in NAMES.find(tokens(text), text) if m.entry.kind == "state"]


def test_batteries_of_the_same_system_stand_in_for_the_article_s_system() -> None:
    found = deals_in(
        "LIG Nex1 lands deal to supply Cheongung II to Iraq\n"
        "LIG Nex1 has signed a contract to supply its Cheongung II system to Iraq. Under the "
        "deal, LIG Nex1 will deliver eight batteries of the Cheongung II.\n"
        "The Iraq deal follows two earlier Gulf contracts. In February, Saudi Arabia signed a "
        "4.26 trillion won deal for 10 batteries of the same system."
    )
    got = sorted((c.buyer, c.family, c.quantity, c.value) for c in found)
    assert ("Saudi Arabia", "cheongung", 10, Decimal("4260000000000")) in got, got


def test_a_lead_cancelling_an_uncounted_kind_the_next_sentence_names() -> None:
    deal = one(
        "Spain scraps 700-million-euro Israeli rocket launcher contract\n"
        "Madrid (AFP) - Spain's government on Tuesday cancelled a contract worth nearly 700 "
        "million euros for rocket launcher systems based on Israeli technology, as Madrid "
        "steps up pressure on Israel over the war in Gaza.\n"
        "The deal, signed in late 2023, was to supply the Spanish army with 12 SILAM multiple "
        "rocket launchers, a version of the PULS system designed by Israel's Elbit Systems, "
        "which was to provide the launcher technology and key components."
    )
    assert (deal.buyer, deal.seller, deal.platform, deal.quantity, deal.value, deal.status) == (
        "Spain",
        "Israel",
        "SILAM",
        12,
        Decimal("700000000"),
        "cancelled",
    ), deal


def test_a_deal_under_which_a_state_buys_a_maker_s_designation_and_a_possessive_name() -> None:
    found = deals_in(
        "Finland signs deal for Rafael's David's Sling air defense system\n"
        "TEL AVIV (Jerusalem Post) - Finland has signed a deal worth some NIS 1.2 billion to "
        "buy the David's Sling air defense system from Rafael.\n"
        "The contract follows Israel's largest-ever defense export deal, signed in September, "
        "under which Germany will buy the Arrow 3 long-range missile defense system for about "
        "NIS 14b.\n"
        "In June the ministry signed a deal under which Israel will buy 25 more Lockheed "
        "Martin F-35I Adir stealth fighters from the US for about $3b."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity) for c in found)
    assert got == [
        ("Finland", "Israel", "davidssling", None),
        ("Germany", "Israel", "arrow3", None),
        ("Israel", "United States", "f35", 25),
    ], got


def test_an_arrangement_s_would_hand_and_a_beneficiary_of_another_thought() -> None:
    found = deals_in(
        "ZAGREB, Croatia - Croatia signed a letter of intent with Germany on Thursday to "
        "acquire 50 Leopard 2A8 main battle tanks, a move that would replace its Yugoslav-era "
        "armor and free up older vehicles for Ukraine.\n"
        "Under the arrangement, Croatia would hand 30 of its M-84 tanks to Ukraine."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status, c.second_hand)
                 for c in found)  # fmt: skip
    assert got == [
        ("Croatia", "Germany", "leopard2", 50, "negotiating", None),
        ("Ukraine", "Croatia", "m84", 30, "proposed", True),
    ], got


def test_what_a_letter_of_intent_foresees_and_a_similar_letter_are_talks() -> None:
    found = deals_in(
        "Ukraine signs letter of intent to acquire up to 100 Rafale jets from France\n"
        "PARIS - Zelensky and Macron on Nov. 17 signed a letter of intent for Ukraine to "
        "acquire up to 100 Rafale F4 fighter jets.\n"
        "The document, signed at the Villacoublay air base near Paris, also foresees the "
        "purchase of eight SAMP/T NG air defense systems.\n"
        "The agreement comes less than a month after Zelensky signed a similar letter of "
        "intent in Sweden for up to 150 Gripen E fighters."
    )
    got = sorted((c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("jas39", 150, "negotiating"),
        ("rafale", 100, "negotiating"),
        ("sampt", 8, "negotiating"),
    ], got


def test_an_air_force_s_own_jets_after_with() -> None:
    deal = one(
        "India signs for Rafale M\n"
        "The navy jets will share much of their equipment with the Indian Air Force's 36 "
        "Rafales bought under an inter-governmental agreement signed in 2016."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("India", "France", 36), deal


def test_a_leader_s_tour_and_contracts_with_many_countries_name_no_buyer() -> None:
    found = deals_in(
        "Baykar signs defense export deal with Saudi Arabia\n"
        "JEDDAH (AA) - Baykar signed a contract with Saudi Arabia on Tuesday for the export of "
        "Bayraktar Akinci unmanned combat aerial vehicles.\n"
        "The deal was signed during Erdogan's visit to Saudi Arabia, the first leg of a Gulf "
        "tour that will also take him to Qatar and the United Arab Emirates.\n"
        "The company has signed export contracts with 30 countries for the Bayraktar TB2 and "
        "with eight countries for the Akinci."
    )
    got = [(c.buyer, c.family) for c in found]
    assert got == [("Saudi Arabia", "bayraktarakinci")], got
    many = deals_in(
        "Baykar signs defense export deal with Saudi Arabia\n"
        "Baykar signed a contract with Saudi Arabia on Tuesday for the export of Bayraktar "
        "Akinci unmanned combat aerial vehicles.\n"
        "The Akinci entered service in 2021.\n"
        "The company has signed export contracts with 30 countries for the Bayraktar TB2 and "
        "with eight countries for the Akinci."
    )
    assert [c.family for c in many] == ["bayraktarakinci"], many


def test_the_supplier_of_a_type_another_state_builds_through_fms_sells_it_new() -> None:
    deal = one(
        "Nigeria orders M-346\n"
        "The NAF's 12 A-29 Super Tucano aircraft, built by Embraer and Sierra Nevada "
        "Corporation in Jacksonville, Florida, and supplied by the US through the Foreign "
        "Military Sales programme, were all delivered by 2021."
    )
    assert (deal.seller, deal.quantity, deal.status, deal.second_hand) == (
        "United States",
        12,
        "delivered",
        None,
    ), deal


def test_a_relative_aside_and_a_relative_clause_s_own_actor() -> None:
    found = deals_in(
        "Serbia signs for Rafale\n"
        "Belgrade has also turned to China, which delivered FK-3 surface-to-air missile "
        "systems in 2022.\n"
        "Croatia, with which Serbia has tense relations, agreed in 2021 to buy 12 second-hand "
        "Rafales from France for 999 million euros."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity) for c in found)
    assert ("Croatia", "France", "rafale", 12) in got, got
    assert ("Serbia", "China", "hq22", None) in got, got  # the FK-3: the HQ-22's export name
    assert not any(c.buyer == "China" or (c.buyer, c.quantity) == ("Serbia", 12) for c in found)


def test_a_headline_s_second_story_a_possessive_s_purchase_after_a_colon_and_compensation() -> None:
    found = deals_in(
        "Croatia signs letter of intent for 50 Leopard 2A8 tanks, will send M-84s to Ukraine\n"
        "Under the arrangement, Croatia would hand 30 of its M-84 tanks to Ukraine, and Germany "
        "would provide about 200 million euros in compensation.\n"
        "The armor deal adds to Croatia's largest-ever defense investment: 12 used Rafale F3R "
        "fighters bought from France in 2021 for 999 million euros."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.value) for c in found)
    assert ("Croatia", "France", "rafale", 12, Decimal(999_000_000)) in got, got
    assert ("Ukraine", "Croatia", "m84", 30, None) in got, got
    assert not any(c.buyer == "Ukraine" and c.family in ("leopard2", "rafale") for c in found)
    after_talks = deals_in(
        "Serbia weighs jets\n"
        "Serbia is in talks with France on Rafale jets.\n"
        "The deal adds to Croatia's largest-ever defense investment: 12 used Rafale F3R "
        "fighters bought from France in 2021 for 999 million euros."
    )
    got = sorted((c.buyer, c.quantity) for c in after_talks)
    assert got == [("Croatia", 12), ("Serbia", None)], got


def test_a_batch_s_arrival_a_priced_order_placed_and_a_relative_clause_s_bystander() -> None:
    found = deals_in(
        "Morocco receives first Apache attack helicopters from US\n"
        "RABAT (AP) - Morocco has taken delivery of the first six of 24 AH-64E Apache attack "
        "helicopters it ordered from the United States, the armed forces said Tuesday.\n"
        "The helicopters landed at the Sale air base near the capital after being shipped "
        "from the U.S.\n"
        "Morocco has become one of the biggest buyers of American weapons in Africa. In 2020, "
        "it placed a $3.8 billion order for 25 F-16 Block 72 fighter jets.\n"
        "The kingdom has also turned to other suppliers. In 2021, it received 13 Bayraktar "
        "TB2 armed drones from Turkey, which analysts say have since been used against "
        "fighters of the Polisario Front, the movement seeking independence for Western Sahara."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Morocco", "Turkey", "bayraktartb2", 13, "delivered"),
        ("Morocco", "United States", "ah64", 24, "delivering"),
        ("Morocco", "United States", "f16", 25, "signed"),
    ], got
    told = deals_in(
        "Norway pays for NASAMS\n"
        "Oslo signed a contract worth 2.1 billion kroner with the Norwegian firm Kongsberg "
        "for two NASAMS fire units, which will be delivered to Ukraine in 2025."
    )
    assert [(c.buyer, c.quantity) for c in told] == [("Ukraine", 2)], told


def test_news_of_another_deal_a_call_sign_and_vehicles_reaching_the_front() -> None:
    found = deals_in(
        "KAAN lands first export customer\n"
        "ANKARA - Indonesia signed a contract for 48 KAAN jets with Turkish Aerospace on "
        "Wednesday.\n"
        "The KAAN win comes as Madrid and Ankara continue negotiations over Spain's planned "
        "purchase of Hürjet jet trainers."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Indonesia", "Turkey", "kaan", 48, "signed"),
        ("Spain", "Turkey", "hurjet", None, "negotiating"),
    ], got
    two_states = deals_in(
        "Türkiye, Indonesia sign deal for 48 KAAN fighter jets in first export\n"
        "JAKARTA - The contract was signed on Monday."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in two_states] == [("Indonesia", "Turkey", 48)], (
        two_states
    )
    ninth = deals_in(
        "Germany delivers fifth IRIS-T system as Ukraine braces for winter\n"
        "Germany has delivered the fifth of 12 IRIS-T SLM systems it has paid for on "
        "Ukraine's behalf."
    )
    assert [(c.quantity, c.status) for c in ninth] == [(12, "delivering")], ninth
    said = find_cues(
        '"Every Bushmaster that reached the front saved lives," a Ukrainian commander said, '
        "speaking on condition that only his call sign be used."
    )
    assert said == [], said


def test_a_signing_hoped_for_or_awaited_is_no_signing_and_keeps_the_platform_s_buyer() -> None:
    found = deals_in(
        "US approves NASAMS for Taiwan\n"
        "The U.S. State Department has approved the possible sale to Taiwan of three National "
        "Advanced Surface-to-Air Missile Systems (NASAMS) for an estimated $1.16 billion.\n"
        "Taiwan's defence ministry thanked Washington and said the sales would help the "
        "island. The ministry expects to sign the NASAMS contract next year.\n"
        "An official said the NASAMS units could be in service by 2027 if contracts were "
        "signed early next year."
    )
    got = [(c.buyer, c.seller, c.family, c.quantity, c.status) for c in found]
    assert got == [("Taiwan", "United States", "nasams", 3, "approved")], got
    hoped = deals_in(
        "Manila eyes more jets\n"
        "The Philippines expects to sign a contract for 12 more FA-50 jets from South Korea."
    )
    assert [c.status for c in hoped] == ["negotiating"], hoped


def test_a_translated_report_millions_of_dollars_a_unit_price_and_a_second_subject() -> None:
    found = deals_in(
        "Morocco receives the first Apache helicopters and Washington approves sale of "
        "Javelin missiles\n"
        "RABAT (El Estrecho Digital, translated from Spanish) - The Royal Armed Forces of "
        "Morocco received this week the first six attack helicopters AH-64E Apache of the 24 "
        "that Rabat contracted with the United States.\n"
        "Each Apache costs around 60 millions of dollars with the package of support.\n"
        "The Department of State of the United States approved the possible sale to Morocco "
        "of 612 missiles Javelin, for an estimated value of 260 millions of dollars."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.value, c.status) for c in found)
    assert got == [
        ("Morocco", "United States", "ah64", 24, None, "delivering"),
        ("Morocco", "United States", "fgm148", 612, Decimal(260_000_000), "approved"),
    ], got
    priced = deals_in(
        "Morocco buys Apaches\n"
        "Morocco signed for 24 AH-64E Apache helicopters at $60 million apiece. The deal "
        "costs $1.4 billion."
    )
    assert [c.value for c in priced] == [Decimal(1_400_000_000)], priced


def test_a_roundup_s_country_headings_and_a_sentence_opening_on_it() -> None:
    found = deals_in(
        "Roundup: Latin America's air forces go shopping again\n"
        "BUENOS AIRES, April 28 (Americas Defense Monitor) - A cluster of purchases is reshaping "
        "Latin American air power.\n"
        "COLOMBIA: The government said this month that the air force had chosen Sweden's "
        "Gripen E to replace its Kfir fleet, and officials say talks with Stockholm are under "
        "way.\n"
        "BRAZIL: Brazil remains the reference customer for the Swedish jet. It ordered 36 "
        "Gripen E/F in 2014 in a contract then worth 39.3 billion Swedish crowns.\n"
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Brazil", "Sweden", "jas39", 36, "signed"),
        ("Colombia", "Sweden", "jas39", None, "negotiating"),
    ], got
    thread = deals_in(
        "Ukraine's defence ministry thanks its partners\n"
        "1/ Ukraine has received more aircraft from its partners this month.\n"
        "2/ Denmark: more Danish F-16s have arrived, bringing the total delivered to twelve "
        "of the 19 aircraft Denmark has committed."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in thread] == [("Ukraine", "Denmark", 19)]


def test_a_state_set_aside_by_the_opening_and_a_possessive_s_contract() -> None:
    found = deals_in(
        "Armenia diversifies its arms suppliers\n"
        "Armenia signed for 36 CAESAR howitzers from France in June.\n"
        "Besides France, Armenia has turned to India, ordering ATAGS towed howitzers last "
        "year in a deal reported at $155 million.\n"
        "The most lucrative Turkish deal so far came from Riyadh. Saudi Arabia's contract for "
        "the Akinci, signed last July, was the largest export deal in Turkish history."
    )
    got = sorted((c.buyer, c.seller, c.family) for c in found)
    assert got == [
        ("Armenia", "France", "caesar"),
        ("Armenia", "India", "atags"),
        ("Saudi Arabia", "Turkey", "bayraktarakinci"),
    ], got


def test_the_first_foreign_buyer_of_the_article_s_system_whose_deliveries_began() -> None:
    found = deals_in(
        "LIG Nex1 wins deal to export Cheongung II air defence system to Iraq\n"
        "SEOUL (Korea Wire) - LIG Nex1 said it has signed a 3.71 trillion-won contract with "
        "Iraq's defence ministry to supply the Cheongung II surface-to-air missile system.\n"
        "The United Arab Emirates became the first foreign buyer in January 2022 with an "
        "order worth about 4 trillion won for 10 batteries, and deliveries to the UAE began "
        "earlier this year."
    )
    got = sorted((c.buyer, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Iraq", "cheongung", None, "signed"),
        ("United Arab Emirates", "cheongung", 10, "delivering"),
    ], got
    first = deals_in(
        "Iraq orders Cheongung II\n"
        "LIG Nex1 has signed a contract with Iraq to supply the Cheongung II system.\n"
        "The United Arab Emirates became the first foreign buyer in 2022 with an order worth "
        "about 4 trillion won for 10 batteries."
    )
    assert ("United Arab Emirates", 10, "signed") in [
        (c.buyer, c.quantity, c.status) for c in first
    ], first


def test_a_sale_awaited_but_not_finalised_and_the_aircraft_just_named() -> None:
    found = deals_in(
        "Nigeria orders M-346 light combat aircraft from Leonardo\n"
        "ABUJA - The Nigerian Air Force has signed a contract for 24 Leonardo M-346 aircraft.\n"
        "In 2021, the service received 12 A-29 Super Tucano turboprop attack aircraft from "
        "the United States. Although designed by Brazil's Embraer, the aircraft were built "
        "by Sierra Nevada Corporation in Jacksonville, Florida, and sold through the US "
        "Foreign Military Sales (FMS) programme.\n"
        "Nigeria is also waiting for 12 Bell AH-1Z Viper attack helicopters. The US State "
        "Department approved that sale in April 2022 at an estimated value of USD997 "
        "million, but the deal has yet to be finalised."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Nigeria", "Italy", "m346", 24, "signed"),
        ("Nigeria", "United States", "a29", 12, "delivered"),
        ("Nigeria", "United States", "ah1z", 12, "approved"),
    ], got


def test_an_exercise_reaching_its_peak_and_interest_in_a_market_are_no_deals() -> None:
    assert (
        deals_in(
            "Japan fires Type 12 missile from Australian soil as Talisman Sabre 2025 reaches peak\n"
            "Japan's Ground Self-Defense Force has fired a Type 12 surface-to-ship missile in "
            "Australia for the first time."
        )
        == []
    )
    assert (
        deals_in(
            "Paris air show opens\n"
            "Airbus will bring a model of the Eurodrone being developed for Germany, France, "
            "Italy and Spain. Embraer will again bring its C-390 Millennium transport, which the "
            "Brazilian manufacturer says is drawing strong interest in Europe."
        )
        == []
    )


def test_a_used_jets_version_mark_a_third_party_transfer_and_abandoned_talks() -> None:
    found = deals_in(
        "Argentina receives its first six F-16s from Denmark\n"
        "Buenos Aires - The first six F-16 fighters acquired by Argentina from Denmark landed "
        "on Friday at the Rio Cuarto air base.\n"
        "The aircraft are part of a batch of 24 F-16AM/BM MLU jets bought from the Danish "
        "government under an agreement signed in April 2024 for around 300 million dollars. "
        "The United States, whose approval is required for any third-party transfer of the "
        "aircraft, authorised the sale in 2023 and has also provided foreign military "
        "financing to support the fleet.\n"
        "Bogota had announced in December 2022 that it had chosen 16 Dassault Rafales to "
        "replace its Kfir fleet, but negotiations with France collapsed the following year "
        "over cost, and the Colombian government ultimately abandoned that plan."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Argentina", "Denmark", "f16", 24, "delivering"),
        ("Colombia", "France", "rafale", 16, "cancelled"),
    ], got
    for ending in (
        "but negotiations with France collapsed the following year.",
        "but the government abandoned the plan the following year.",
    ):
        told = deals_in(
            "Colombia drops Rafale\nBogota had chosen 16 Dassault Rafales from France, " + ending
        )
        assert [c.status for c in told] == ["cancelled"], (ending, told)


def test_the_first_batch_after_the_headline_and_the_type_a_stopgap_waited_for() -> None:
    found = deals_in(
        "First Rafale Jets Arrive in Pekanbaru as Indonesia Begins Fighter Fleet Overhaul\n"
        "Jakarta. The first three Dassault Rafale fighter jets ordered by Indonesia landed at "
        "Roesmin Nurjadin Air Force Base on Monday.\n"
        "The jets are the first of 42 Rafales that Jakarta ordered from France under "
        "contracts worth a combined $8.1 billion.\n"
        "The arrival comes almost two years after the government abandoned a stop-gap plan "
        "to buy 12 used Mirage 2000-5 fighters from Qatar. That €733 million contract, signed "
        "in January 2023 to cover the gap until the Rafales came, was cancelled in early 2024."
    )
    got = sorted((c.seller, c.family, c.quantity, c.value, c.status) for c in found)
    assert got == [
        ("France", "rafale", 42, Decimal(8_100_000_000), "delivering"),
        ("Qatar", "mirage2000", 12, Decimal(733_000_000), "cancelled"),
    ], got


def test_a_system_another_platform_is_equipped_with_is_no_deal() -> None:
    assert (
        deals_in(
            "Japan's Cabinet approves record defense budget\n"
            "TOKYO (AP) - The budget also includes funds for two Aegis system-equipped "
            "destroyers being built at Japanese shipyards."
        )
        == []
    )


def test_a_navy_named_for_its_state_and_an_offer_named_for_its_maker_s_state() -> None:
    found = deals_in(
        "Navy takes delivery of first Belharra frigate in Lorient\n"
        "The Hellenic Navy on Tuesday took delivery of the Kimon, the first of four FDI HN "
        "frigates ordered from France's Naval Group.\n"
        "Meanwhile, Athens is still examining an Italian offer to sell it two used "
        "Bergamini-class FREMM frigates as an interim solution until all four Belharras are "
        "in service."
    )
    got = sorted((c.buyer, c.seller, c.family, c.status) for c in found)
    assert got == [
        ("Greece", "France", "fdifrigate", "delivering"),
        ("Greece", "Italy", "fremm", "proposed"),
    ], got
    navy = deals_in(
        "Navy takes delivery of first Belharra frigate in Lorient\n"
        "The Hellenic Navy on Tuesday took delivery of the first of four FDI frigates ordered "
        "from Naval Group."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in navy] == [("Greece", "France", 4)], navy


def test_a_second_counted_item_after_and_shares_the_verb_not_the_first_s_price() -> None:
    found = deals_in(
        "Nigeria diversifies its suppliers\n"
        "The Nigerian Air Force has undergone the largest modernisation in its history. It "
        "received 12 A-29 Super Tucano light attack aircraft from the United States in 2021 "
        "under a $593 million foreign military sale, and three JF-17 Thunder fighters from "
        "Pakistan the same year."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.value, c.status) for c in found)
    assert got == [
        ("Nigeria", "Pakistan", "jf17", 3, None, "delivered"),
        ("Nigeria", "United States", "a29", 12, Decimal(593_000_000), "delivered"),
    ], got


def test_a_unit_price_a_range_of_counts_and_an_adjective_of_supply() -> None:
    found = deals_in(
        "Zelensky, Macron sign letter of intent for up to 100 Rafale fighters\n"
        "PARIS - Ukraine took a first step toward acquiring up to 100 French Rafale fighter "
        "jets on Monday, after Zelensky and Macron signed a letter of intent. A Rafale costs "
        "well over €100 million once training, weapons and support are included.\n"
        "The French deal follows a similar step with Sweden last month, when Zelensky signed "
        "a letter of intent in Linköping for between 100 and 150 Saab Gripen E fighters.\n"
        "Ukraine's air force still relies heavily on Soviet-era MiG-29 and Su-27 jets, "
        "alongside a smaller number of Western-supplied aircraft."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity, c.value) for c in found)
    assert got == [
        ("Ukraine", "France", "rafale", 100, None),
        ("Ukraine", "Sweden", "jas39", None, None),
    ], got


def test_a_type_passed_over_and_a_list_of_choices_after_a_colon() -> None:
    found = deals_in(
        "Denmark picks European air defense systems over Patriot in $9 billion buy\n"
        "COPENHAGEN - Denmark will buy the Franco-Italian SAMP/T NG long-range air defense "
        "system rather than the U.S.-made Patriot, the Danish Ministry of Defence announced.\n"
        "For medium-range protection, the ministry said it had selected three systems: "
        "Norway's NASAMS, made by Kongsberg in partnership with RTX; Germany's IRIS-T SLM "
        "from Diehl Defence; and France's VL MICA from MBDA."
    )
    got = sorted((c.buyer, c.family) for c in found)
    assert got == [
        ("Denmark", "iristslm"),
        ("Denmark", "nasams"),
        ("Denmark", "sampt"),
        ("Denmark", "vlmica"),
    ], got
    thai = deals_in(
        "RTAF selects Gripen E/F over F-16 Block 70 for fighter requirement\n"
        "The Royal Thai Air Force has selected the Saab Gripen E/F, covering four aircraft."
    )
    assert [(c.family, c.quantity) for c in thai] == [("jas39", 4)], thai


def test_what_a_contract_covers_is_its_parts_and_another_count_for_another_navy() -> None:
    found = deals_in(
        "Poland signs $6.5 billion deal for 180 more South Korean K2 tanks\n"
        "Poland has signed a contract worth $6.5 billion with South Korea's Hyundai Rotem for "
        "a further 180 K2 main battle tanks, part of which will be built in Poland. South "
        "Korean officials described it as the largest arms export deal in their country's "
        "history.\n"
        "The contract, signed in Warsaw on Friday, covers 117 tanks to be built in South "
        "Korea and 63 of a modified K2PL version to be produced under licence by "
        "Bumar-Łabędy in Gliwice from 2028. It also includes 81 support vehicles based on "
        "the K2 chassis, such as engineering and recovery vehicles, as well as training, "
        "spare parts and ammunition.\n"
        "It is the second executive contract for K2 tanks under a framework agreement signed "
        "in 2022, shortly after Russia's full-scale invasion of Ukraine. The first contract, "
        "signed in August 2022 for 180 K2 tanks worth $3.37 billion, is nearing completion, "
        "with more than 120 tanks delivered so far.\n"
        "Poland's buying spree has also included American equipment. Last August, the "
        "defence ministry signed a $10 billion deal with the United States for 96 AH-64E "
        "Apache attack helicopters, with the first deliveries expected in 2028."
    )
    got = sorted((c.buyer, c.seller, c.family, c.quantity) for c in found)
    assert got == [
        ("Poland", "South Korea", "k2", 180),
        ("Poland", "South Korea", "k2", 180),
        ("Poland", "United States", "ah64", 96),
    ], got
    joint = deals_in(
        "Navies around the Baltic buy submarines\n"
        "Norway ordered four Type 212CD boats from Germany's TKMS in 2021, in a joint "
        "purchase alongside two for the German Navy."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in joint] == [("Norway", "Germany", 4)]


def test_a_former_owner_named_with_ex_and_the_last_of_them() -> None:
    found = deals_in(
        "Estonia buys six more used K9 howitzers\n"
        "Estonia's first 18 K9s were ex-South Korean Army vehicles, bought under a 2018 "
        "agreement and its follow-on option; the last of them arrived in Estonia in 2021."
    )
    got = [(c.buyer, c.seller, c.quantity, c.status) for c in found]
    # (the headline's "buys six more used K9" is the new order, a deal of its own)
    assert got == [
        ("Estonia", "South Korea", 6, "signed"),
        ("Estonia", "South Korea", 18, "delivered"),
    ], got


def test_another_state_s_order_of_the_same_system_and_its_first_batteries() -> None:
    found = deals_in(
        "Iraq signs $2.8 billion deal for South Korean Cheongung II air defense\n"
        "SEOUL - Iraq has signed a deal worth about $2.8 billion to buy South Korea's "
        "Cheongung II medium-range air defense system, manufacturer LIG Nex1 announced.\n"
        "The contract covers eight batteries of the system, also known as KM-SAM Block II "
        "or M-SAM II, along with radars and launchers. Deliveries are expected to begin in "
        "2026.\n"
        "Cheongung II is designed to intercept aircraft and ballistic missiles.\n"
        "Iraq's purchase follows Saudi Arabia's order in February for 10 batteries of the "
        "same system, worth $3.2 billion, which was signed during the World Defense Show.\n"
        "The United Arab Emirates became the first export customer for Cheongung II when it "
        "signed a $3.5 billion agreement in January 2022 for 12 batteries. LIG Nex1 said the "
        "first batteries were handed over to the Emirati military earlier this year."
    )
    got = sorted((c.buyer, c.quantity, c.status) for c in found)
    assert got == [
        ("Iraq", 8, "signed"),
        ("Saudi Arabia", 10, "signed"),
        ("United Arab Emirates", 12, "delivering"),
    ], got


def test_more_jets_arriving_are_a_batch_of_the_order_they_belong_to() -> None:
    found = deals_in(
        "PHOTOS: Three more ex-Norwegian F-16s land at Fetesti\n"
        "BUCHAREST, Dec 4 (Romania Defence Today) - Three more F-16 fighters bought from "
        "Norway touched down at the 86th Air Base at Fetesti on Tuesday afternoon. The jets "
        "belong to the batch of 32 used F-16s that Romania bought from the Norwegian "
        "government under a contract worth about 388 million euros."
    )
    got = [(c.buyer, c.seller, c.quantity, c.value, c.status) for c in found]
    assert got == [("Romania", "Norway", 32, Decimal(388_000_000), "delivering")], got


def test_a_list_s_sum_a_retirement_and_what_could_be_delivered_are_no_deals_fields() -> None:
    found = deals_in(
        "Denmark picks NASAMS, IRIS-T SLM and VL MICA in 58 billion kroner air defense push\n"
        "Copenhagen chose Kongsberg's NASAMS from Norway, Diehl Defence's IRIS-T SLM from "
        "Germany and MBDA's VL MICA from France, and will now enter contract negotiations.\n"
        "Denmark scrapped its last HAWK batteries in 2005 and has since relied on frigates.\n"
        '"Buying three medium-range systems is unusual, but it reflects what can actually be '
        'delivered on short timelines," said one analyst.'
    )
    got = sorted((c.buyer, c.seller, c.family, c.value, c.status) for c in found)
    assert got == [
        ("Denmark", "France", "vlmica", None, "negotiating"),
        ("Denmark", "Germany", "iristslm", None, "negotiating"),
        ("Denmark", "Norway", "nasams", None, "negotiating"),
    ], got


def test_a_contingent_arriving_for_an_exercise_is_no_delivery() -> None:
    assert (
        deals_in(
            "Pitch Black takes off with record 20 nations and 140 aircraft\n"
            "DARWIN, July 15 (Top End Times) - Exercise Pitch Black 2024 gets under way.\n"
            "The German contingent arrived after a 13,000 km transit from Europe with A400M and "
            "A330 tanker support, a deployment the Luftwaffe says shows it can reach the "
            "Indo-Pacific within 48 hours."
        )
        == []
    )


def test_a_headline_s_state_cleared_to_buy_is_the_buyer() -> None:
    found = deals_in(
        "Romania cleared to buy 32 F-35 jets in $7.2 billion deal\n"
        "Congress has 30 days to object, though lawmakers rarely block sales to NATO allies."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Romania", "United States", 32, "approved")
    ], found


def test_a_headline_of_three_stories_and_a_plan_that_had_been_abandoned() -> None:
    found = deals_in(
        "Indonesia orders 42 Rafale jets, drops Russian Su-35 plan as US clears F-15 sale\n"
        "JAKARTA, Feb 11 (Global Wire) - Indonesia has signed a contract for 42 Dassault "
        "Rafale fighter jets worth $8.1 billion.\n"
        "Separately, the U.S. State Department approved the potential sale of 36 F-15ID "
        "aircraft and related equipment to Indonesia for an estimated $13.9 billion."
    )
    got = sorted((c.seller, c.family, c.status) for c in found)
    assert ("France", "rafale", "signed") in got, got
    assert ("United States", "f15", "approved") in got, got
    # the Su-35 plan is dropped, not cleared; the Rafales are ordered, not dropped
    assert not any(c.family == "su35" and c.status != "cancelled" for c in found), got
    abandoned = deals_in(
        "Indonesia turns away from Russian jets\n"
        "Indonesia's air force chief confirmed that plans to buy 11 Sukhoi Su-35 jets from "
        "Russia, agreed in 2018, had been abandoned."
    )
    assert [c.status for c in abandoned] == ["cancelled"], abandoned
    dropped = deals_in(
        "Malaysia looks elsewhere\n"
        "Malaysia has dropped its long-discussed plan to buy 33 used F/A-18 Hornets from "
        "Kuwait."
    )
    assert [c.status for c in dropped] == ["cancelled"], dropped


def test_a_relative_clause_s_actor_after_a_time_phrase_outranks_a_possessive() -> None:
    found = deals_in(
        "Spain cancels Spike missile order\n"
        "Spain's decision contrasts with that of Germany, which in September 2023 signed a "
        "contract worth about 4 billion euros for Israel's Arrow 3 long-range missile "
        "defence system."
    )
    arrows = [(c.buyer, c.seller) for c in found if c.family == "arrow3"]
    assert arrows == [("Germany", "Israel")], found


def test_a_budget_request_s_funds_for_a_type_are_no_deal() -> None:
    assert (
        deals_in(
            "Japan's defense ministry seeks record budget\n"
            "TOKYO - The request also includes funds for two Aegis system-equipped vessels, "
            "large warships that will take over ballistic missile defense duties originally "
            "planned for the land-based Aegis Ashore system.\n"
            "About 109 billion yen is sought for the next-generation fighter."
        )
        == []
    )


def test_a_state_cleared_to_buy_and_several_members_requesting_name_no_other_buyer() -> None:
    found = deals_in(
        "Swiss sign for F-35\n"
        "Switzerland signed a contract for 36 F-35A fighters from the United States on "
        "Monday.\n"
        "In July the State Department cleared Estonia to buy six M142 HIMARS rocket "
        "launchers in a deal valued at up to $500 million, and several other NATO members "
        "have requested Patriot and F-35 sales in recent months."
    )
    got = sorted((c.buyer, c.family, c.quantity, c.status) for c in found)
    assert got == [
        ("Estonia", "himars", 6, "approved"),
        ("Switzerland", "f35", 36, "signed"),
    ], got


def test_more_well_known_types_and_a_type_built_under_licence_abroad_is_new() -> None:
    jsm = one("Japan has ordered Joint Strike Missiles for its F-35A fleet from Kongsberg.")
    assert (jsm.buyer, jsm.seller, jsm.family) == ("Japan", "Norway", "jointstrike"), jsm
    boats = one(
        "Indonesia took delivery of three Nagapasa-class submarines built by South Korea's "
        "Daewoo Shipbuilding, the last of which was handed over in 2021."
    )
    assert (boats.seller, boats.quantity, boats.second_hand) == ("South Korea", 3, None), boats


def test_a_name_two_makers_use_is_listed_only_in_its_long_form() -> None:
    assert (
        deals_in(
            "Rheinmetall raises sales outlook as ammunition demand drives record backlog\n"
            "DUESSELDORF, Nov 7 (Reuters) - Germany's Rheinmetall on Thursday reported a 35% rise "
            "in third-quarter operating profit.\n"
            "Much of the growth comes from Germany itself. The Bundeswehr this year placed a "
            "framework order for 155 mm ammunition worth up to 8.5 billion euros, the largest "
            "contract in the company's history, as well as orders for additional Boxer vehicles "
            "and Caracal air assault vehicles."
        )
        == []
    )
    heli = one("Singapore has ordered 16 H225M Caracal helicopters from Airbus.")
    assert (heli.family, heli.seller) == ("h225m", "France"), heli


def test_a_national_outlet_s_government_is_the_state_it_names_later() -> None:
    found = deals_in(
        "Defence Forces to get two new transport aircraft in EUR 330m deal\n"
        "The Government has signed a contract for two Embraer C-390 Millennium military "
        "transport aircraft, the largest single equipment purchase in its history.\n\n"
        "The deal was signed in Dublin on Thursday. The first aircraft is due at Baldonnel in "
        "2027 and the second the following year. It can carry 26 tonnes of cargo. "
        "The minister said the aircraft would "
        "allow Ireland to evacuate its citizens from crisis zones.\n\n"
        "The purchase follows the arrival in 2023 of two Airbus C295 maritime patrol aircraft "
        "under a EUR 221 million contract signed in 2019."
    )
    assert [(c.buyer, c.family, c.quantity) for c in found] == [
        ("Ireland", "kc390", 2),
        ("Ireland", "c295", 2),
    ], [candidate_dict(c) for c in found]


def test_a_second_type_in_a_signing_is_its_own_buyer_s_not_the_article_s_first() -> None:
    found = deals_in(
        "Hanwha has signed a contract to supply 20 K9 howitzers to Vietnam. Last July, Hanwha "
        "signed a contract with Romania for 54 K9 howitzers and 36 K10 ammunition resupply "
        "vehicles."
    )
    assert [(c.buyer, c.family, c.quantity) for c in found] == [
        ("Vietnam", "k9", 20),
        ("Romania", "k9", 54),
        ("Romania", "k10", 36),
    ], [candidate_dict(c) for c in found]


def test_jets_that_will_provide_air_support_in_an_exercise_are_no_supply() -> None:
    assert (
        deals_in(
            "BALTOPS 2024 begins with 50 ships and 45 aircraft from 20 nations\n"
            "US Marine Corps F-35B jets operating from a temporary base in southern Sweden and "
            "German Eurofighters flying from Rostock-Laage will provide air support."
        )
        == []
    )
    deal = one("Germany will provide 14 Leopard 2A6 tanks to Ukraine.")
    assert (deal.buyer, deal.seller, deal.quantity) == ("Ukraine", "Germany", 14), deal


def test_what_a_sealed_agreement_provides_from_a_foreign_group_for_a_combined_sum() -> None:
    found = deals_in(
        "The decision comes days after Belgium sealed a government-to-government agreement "
        "with France. Under it, Brussels will buy 382 Griffon multi-role armoured vehicles and "
        "60 Jaguar reconnaissance vehicles from a French industrial group led by Nexter, for a "
        "combined €1.5 billion."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status, c.value) for c in found] == [
        ("Belgium", "France", 382, "signed", None),
        ("Belgium", "France", 60, "signed", None),
    ], [candidate_dict(c) for c in found]
    tanks, swap = deals_in(
        "Croatia signed a letter of intent with Germany for 50 Leopard 2A8 tanks. The "
        "document, signed in Berlin by the two defense ministers, opens negotiations on a "
        "contract. Under the arrangement, Croatia would hand 30 of its M-84 tanks to Ukraine."
    )
    assert (tanks.status, swap.buyer, swap.status) == ("negotiating", "Ukraine", "proposed")


def test_the_shipped_platform_list_is_consistent() -> None:
    """Each name of the shipped list names one platform, of a known category and origin,
    and no state or company: a name given twice would make one platform the other."""
    from importlib import resources

    import yaml

    from tracker.domain.countries import country_by_iso3
    from tracker.extract.text import word_key

    shipped = yaml.safe_load(
        resources.files("tracker.data").joinpath("extract_lexicon.yaml").read_text("utf-8")
    )
    categories = {"aircraft", "ships", "armoured_vehicles", "artillery",
                  "air_defence_systems", "missiles", "sensors"}  # fmt: skip
    others = {word_key(c["name"]) for c in shipped["companies"]}
    owners: dict[str, str] = {}
    for platform in shipped["platforms"]:
        assert platform["category"] in categories, platform
        origin = platform.get("origin")
        assert origin is None or country_by_iso3(origin) is not None, platform
        for name in (platform["designation"], *platform.get("aliases", [])):
            key = word_key(name)
            assert len(key) >= 2 and key not in others, name
            assert owners.setdefault(key, platform["designation"]) == platform["designation"], (
                name,
                owners[key],
            )
    assert len(shipped["platforms"]) > 800


def test_well_known_types_of_smaller_exporters_and_second_hand_classes() -> None:
    found = deals_in(
        "Kenya has received 10 F-5E/F Tiger II fighters from Jordan. Sri Lanka took delivery "
        "of a second Hamilton-class cutter from the United States. Niger ordered two Hurkus-C "
        "light attack aircraft from Turkey."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [
        ("Kenya", "Jordan", 10),
        ("Sri Lanka", "United States", None),
        ("Niger", "Turkey", 2),
    ], [candidate_dict(c) for c in found]


def test_a_sum_in_a_few_words_and_a_replaced_fleet_do_not_take_a_deal_s_price() -> None:
    tanks = one(
        "LIG Nex1 signed a 3.7 trillion won contract to supply Iraq with the Cheongung-II "
        "medium-range surface-to-air missile system."
    )
    assert (tanks.family, tanks.value, tanks.currency) == ("cheongung", Decimal("3.7e12"), "KRW")
    ifv = one(
        "Slovakia has signed an agreement with Sweden for 152 CV90 infantry fighting vehicles, "
        "in a deal worth about EUR1.3 billion that will replace the country's Soviet-era BVP-2 "
        "fleet."
    )
    assert (ifv.family, ifv.value) == ("cv90", Decimal("1.3e9")), ifv
    drones = one(
        "India signed an agreement with the United States to procure 31 MQ-9B Predator drones "
        "at a cost of about Rs 32,000 crore."
    )
    assert (drones.family, drones.currency) == ("mq9b", "INR"), drones


def test_carriers_lost_bids_link_outs_and_the_world_s_fleet_are_no_deals() -> None:
    found = deals_in(
        "Philippines receives second BrahMos battery from India\n"
        "MANILA - The Philippines has received the second of three BrahMos batteries ordered "
        "from India. An Indian Air Force C-17 Globemaster carrying the missiles landed at Clark "
        "Air Base. Japan's earlier bid to supply Australia's future submarines, based on the "
        "Soryu class, was unsuccessful in 2016. The Eurofighter Typhoon, offered by the "
        "British government, lost out.\n"
        "RELATED: Army picks up the pace on GMLRS production as foreign demand grows\n"
        "Lockheed Martin says more than 340 F-35s have been delivered worldwide."
    )
    assert [(c.buyer, c.family) for c in found] == [("Philippines", "brahmos")], [
        candidate_dict(c) for c in found
    ]


def test_an_undisclosed_customer_munitions_along_with_a_buyer_who_paid() -> None:
    jets = one(
        "Poland ordered 48 FA-50 jets from KAI in 2022. KAI has now signed a contract to supply "
        "KUH-1 Surion utility helicopters to an undisclosed customer in the Middle East."
    )
    assert jets.family == "fa50", jets
    frigates = one(
        "Australia selected the Mogami-class frigate, with the government expecting to sign a "
        "binding contract next year."
    )
    assert frigates.status != "signed", frigates
    hornets = one(
        "Qatar had asked to buy eight MQ-9B drones together with Hellfire missiles, GBU-39/B "
        "small diameter bombs and training, the State Department said in approving the sale."
    )
    assert hornets.family == "mq9b", hornets
    tucanos = one(
        "The Dominican Republic paid US$93.7 million for eight Super Tucanos from Brazil."
    )
    assert (tucanos.buyer, tucanos.seller, tucanos.status) == (
        "Dominican Republic",
        "Brazil",
        "signed",
    ), tucanos
    drones = one(
        "Ethiopia has taken delivery of Turkish-made Bayraktar TB2 armed drones, adding to "
        "Iranian-made drones already in service."
    )
    assert (drones.buyer, drones.seller) == ("Ethiopia", "Turkey"), drones


def test_a_described_order_beside_a_named_ship_of_another_kind_is_its_own_deal() -> None:
    found = deals_in(
        "The Philippine Navy accepted the first of six offshore patrol vessels ordered from "
        "South Korea's HD Hyundai Heavy Industries. HHI also built the two Jose Rizal-class "
        "frigates delivered in 2020 and 2021."
    )
    assert sorted((c.family, c.quantity) for c in found) == [
        ("joserizal", 2),
        ("offshorepatrol", 6),
    ], [candidate_dict(c) for c in found]


def test_a_maker_s_name_and_a_number_no_list_knows_is_a_designation() -> None:
    deal = one(
        "Warsaw took delivery last year of two Saab 2100 airborne early warning aircraft "
        "bought used from Sweden."
    )
    assert (deal.platform, deal.quantity, deal.second_hand) == ("Saab 2100", 2, True), deal


def test_a_national_outlet_s_defence_force_is_buying_and_a_gift_to_another_state() -> None:
    found = deals_in(
        "Defence Force buys 43 Australian-built Bushmasters\n"
        "The Defence Force is buying 43 Bushmaster armoured vehicles from Australia in a deal "
        "worth $102.9 million. The first vehicles are due next year. They carry nine "
        "soldiers. Some will be armed. The minister spoke at Linton. The Bushmaster gained "
        "attention after Australia gifted dozens of the vehicles to Ukraine. New Zealand "
        "bought its first Bushmasters in 2022."
    )
    assert sorted((c.buyer, c.quantity, c.status, c.second_hand) for c in found) == [
        ("New Zealand", 43, "signed", None),
        ("Ukraine", None, "delivered", True),
    ], [candidate_dict(c) for c in found]
    frigates = one("Chile is buying two Type 23 frigates from the United Kingdom.")
    assert (frigates.buyer, frigates.status) == ("Chile", "signed"), frigates


def test_an_ordinal_after_a_unit_s_name_is_no_designation() -> None:
    deal = one(
        "The first two of sixteen Airbus H225M helicopters ordered by Hungary arrived at the "
        'base of the Hungarian Defence Forces\' 86th "Szolnok" Helicopter Wing on Tuesday. '
        "The contract for the sixteen helicopters was signed in 2018 with Airbus Helicopters, "
        "whose plant in Marignane in southern France builds the type."
    )
    assert (deal.buyer, deal.platform, deal.quantity) == ("Hungary", "H225M Caracal", 16), deal


def test_an_earlier_approval_s_ceiling_is_not_the_signed_contract_s_price() -> None:
    deal = one(
        "Sweden signed an agreement with the United States on Friday to buy the Patriot air "
        "defence system for about 10 billion Swedish crowns ($1.1 billion). The letter of "
        "offer and acceptance, signed by the Swedish Defence Materiel Administration and the "
        "U.S. government, covers four Patriot Configuration 3+ fire units and radars. "
        "The U.S. State Department had approved the possible sale last November with an "
        "estimated ceiling of $3.2 billion."
    )
    assert (deal.quantity, deal.value, deal.currency, deal.status) == (
        4,
        Decimal("10000000000"),
        "SEK",
        "signed",
    ), deal


def test_a_budget_s_funds_and_a_home_built_type_are_no_transfer() -> None:
    found = deals_in(
        "The U.S. State Department has approved a possible Foreign Military Sale to Japan of "
        "up to nine E-2D Advanced Hawkeye aircraft for an estimated cost of $3.135 billion. "
        "The approval comes as the ministry prepares a record budget request of 5.3 trillion "
        "yen ($47.7 billion) for fiscal 2019, including funds for Kawasaki P-1 patrol planes "
        "and C-2 transport aircraft."
    )
    assert [(c.buyer, c.family, c.status) for c in found] == [("Japan", "e2", "approved")], [
        candidate_dict(c) for c in found
    ]
    rafales = one(
        "India signed contracts on Monday for 97 indigenously developed Tejas Mk1A fighters "
        "and 26 Rafale Marine jets from France."
    )
    assert (rafales.buyer, rafales.seller, rafales.quantity) == ("India", "France", 26), rafales


def test_the_fleet_a_state_will_field_is_no_deal_s_count() -> None:
    deal = one(
        "The U.S. State Department has approved a possible Foreign Military Sale to Japan of "
        "up to nine E-2D Advanced Hawkeye aircraft for an estimated cost of $3.135 billion. "
        "If all nine newly approved planes are bought, the ASDF would eventually field 13 "
        "E-2Ds."
    )
    assert (deal.quantity, deal.status) == (9, "approved"), deal


def test_what_a_replaced_fleet_s_own_clause_says_is_its_story() -> None:
    found = deals_in(
        "Latvia has signed a letter of intent with Spain's Santa Barbara Sistemas to acquire "
        "42 ASCOD tracked infantry fighting vehicles. The ASCOD would replace the 123 CVR(T) "
        "tracked reconnaissance vehicles that Latvia bought second-hand from Britain in 2014 "
        "for £39 million."
    )
    assert sorted((c.family, c.quantity, c.status, c.second_hand) for c in found) == [
        ("ascod", 42, "negotiating", None),
        ("cvrt", 123, "signed", True),
    ], [candidate_dict(c) for c in found]


def test_engines_in_a_package_are_no_deal() -> None:
    deal = one(
        "The U.S. State Department has approved a possible Foreign Military Sale to Israel of "
        "eighteen CH-53K King Stallion helicopters for an estimated $3.4 billion. According "
        "to the notice, the package also covers 36 T408-GE-400 engines, 18 installed and 18 "
        "spares, along with spare parts and training."
    )
    assert (deal.family, deal.quantity) == ("ch53k", 18), deal


def test_the_rest_of_a_delivery_to_come_is_to_come_and_a_rival_is_a_firm_s() -> None:
    deal = one(
        "The U.S. State Department has approved a possible Foreign Military Sale to Israel of "
        "eighteen CH-53K King Stallion helicopters for $3.4 billion.\n"
        "Israeli officials have said they hope the first King Stallions will arrive in 2025, "
        "with the remainder delivered by the end of the decade."
    )
    assert (deal.buyer, deal.seller, deal.status) == ("Israel", "United States", "approved")
    assert not deal.second_hand, deal
    picked = one(
        "The Israeli Air Force picked the King Stallion in February over Boeing's CH-47F "
        "Chinook, which had been pushed hard by the company.\n"
        "The new aircraft will replace the air force's CH-53D fleet, the first of which "
        "arrived in 1969."
    )
    assert (picked.family, picked.status) == ("ch53k", "negotiating"), picked


def test_another_state_s_royal_air_force_and_a_fleet_already_flown() -> None:
    found = deals_in(
        "The Royal Air Force of Oman (RAFO) has cancelled its plan to acquire twelve F-16 "
        "Block 70 fighter aircraft from the United States. Instead, RAFO has reopened "
        "negotiations with the UK government and BAE Systems on a second batch of Eurofighter "
        "Typhoon aircraft. The talks, led by the RAFO commander, concern a batch of 12 aircraft, "
        "with BAE Systems proposing a financing arrangement. Oman already operates 12 "
        "Typhoons and eight Hawk Mk166 advanced trainers delivered by BAE Systems between "
        "2017 and 2018 under a £2.5 billion package signed in 2012."
    )
    assert sorted((c.buyer, c.seller, c.family, c.quantity or 0, c.status) for c in found) == [
        ("Oman", "United Kingdom", "eurofightertyphoon", 0, "negotiating"),
        ("Oman", "United Kingdom", "eurofightertyphoon", 12, "delivered"),
        ("Oman", "United Kingdom", "hawk", 8, "delivered"),
        ("Oman", "United States", "f16", 12, "cancelled"),
    ], [candidate_dict(c) for c in found]
    assert all(c.value is None for c in found)  # the package's sum is no one type's


def test_deliveries_under_way_are_being_received_and_handed_over() -> None:
    found = deals_in(
        "Doha has spent heavily on its armed forces since a boycott in 2017. It has been "
        "receiving 36 F-15QA fighters from the United States under a $12 billion deal with "
        "Boeing signed that year.\n"
        "The NFH will operate from the Al Zubarah-class corvettes that Fincantieri has been "
        "handing over to Qatar since last year."
    )
    assert sorted((c.family, c.buyer, c.status) for c in found) == [
        ("alzubarah", "Qatar", "delivering"),
        ("f15", "Qatar", "delivering"),
    ], [candidate_dict(c) for c in found]


def test_a_former_owner_s_forces_count_and_name_nothing() -> None:
    deal = one(
        "The BDF's Air Arm still operates survivors of the thirteen ex-Canadian Forces CF-5A "
        "and CF-5D fighters Botswana acquired from Canada in 1996."
    )
    assert (deal.family, deal.quantity, deal.second_hand) == ("cf5", 13, True), deal
    unknown = one("Botswana acquired thirteen ex-Canadian Forces QF-9A fighters from Canada.")
    assert (unknown.platform, unknown.quantity) == ("QF-9A", 13), unknown


def test_a_partner_in_a_later_clause_is_no_buyer() -> None:
    deal = one(
        "Azerbaijan has diversified its arms imports since the 2020 war with Armenia. Its air "
        "force took delivery of Bayraktar Akinci heavy strike drones from Turkey last year, "
        "and the country has deepened cooperation with Pakistan and Israel."
    )
    assert (deal.buyer, deal.seller, deal.status) == ("Azerbaijan", "Turkey", "delivered"), deal


def test_a_maker_s_own_forces_and_two_dozen_of_the_fighters() -> None:
    found = deals_in(
        "Algeria signed for 14 Su-57E fighters from Russia. Russia's own Aerospace Forces are "
        "meanwhile set to receive 76 Su-57s under a 2019 contract valued at around 170 billion "
        "rubles, with over 30 delivered so far. The deal is notable since Egypt, which ordered "
        "two dozen Su-35 fighters in 2018, abandoned the deal following pressure from the "
        "United States."
    )
    assert sorted((c.buyer, c.family, c.quantity) for c in found) == [
        ("Algeria", "su57", 14),
        ("Egypt", "su35", 24),
    ], [candidate_dict(c) for c in found]
    egypt = one(
        "The Su-35 acquisition is notable since Egypt, which ordered two dozen of the "
        "fighters in 2018, abandoned the deal."
    )
    assert egypt.quantity == 24, egypt


def test_what_an_evaluation_also_considered_is_a_rival() -> None:
    deal = one(
        "Iraq has selected France's Dassault Rafale as its next combat aircraft and will open "
        "negotiations with Paris on an initial batch of 14 jets, Iraqi defence officials said "
        "on Monday, after an evaluation that also considered Pakistan's JF-17 Thunder and "
        "South Korea's FA-50."
    )
    assert (deal.family, deal.seller, deal.quantity) == ("rafale", "France", 14), deal


def test_another_buyer_of_the_same_aircraft_later_in_the_article() -> None:
    found = deals_in(
        "Jordan signed an agreement with the United States government to purchase eight F-16 "
        "Block 70 fighter jets. Deliveries are expected to begin in 2027. The new jets will "
        "carry an AESA radar. Jordan's defence budget for 2023 stands at about JD1.46 billion. "
        "The Kingdom receives $1.45 billion a year in US assistance. Bulgaria, another smaller "
        "air force, signed for eight of the same aircraft in 2019 in a deal worth $1.25 billion."
    )
    assert sorted((c.buyer, c.family, c.quantity, c.value) for c in found) == [
        ("Bulgaria", "f16", 8, Decimal("1250000000")),
        ("Jordan", "f16", 8, None),
    ], [candidate_dict(c) for c in found]


def test_other_buyers_of_the_type_counted_without_a_noun() -> None:
    found = deals_in(
        "Germany signed for five P-8A Poseidon aircraft from the United States. Germany is the "
        "third European buyer of the P-8A. Norway ordered five in 2017, while the United "
        "Kingdom has taken delivery of seven of the nine it ordered, most of them now flying "
        "from Lossiemouth in Scotland."
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.status) for c in found) == [
        ("Germany", "United States", 5, "signed"),
        ("Norway", "United States", 5, "signed"),
        ("United Kingdom", "United States", 9, "delivering"),
    ], [candidate_dict(c) for c in found]


def test_rivals_listed_contenders_and_offers_weighed_before_a_choice_are_no_deals() -> None:
    listed = one(
        "Lithuania signed a letter of intent for 88 CV90 infantry fighting vehicles from "
        "Sweden. The CV90 was picked over Rheinmetall's Lynx, Hanwha Aerospace's Redback and "
        "the ASCOD offered by General Dynamics, all of which were evaluated."
    )
    assert listed.family == "cv90", listed
    contenders = one(
        "India signed a contract for 15 C-295 maritime patrol aircraft from Spain's Airbus. "
        "Separately, the IAF is preparing a request for proposal for about 60 Medium Transport "
        "Aircraft, for which Lockheed Martin's C-130J, Embraer's C-390 Millennium and the "
        "Airbus A400M are expected to compete."
    )
    assert contenders.family == "c295", contenders
    chosen = one(
        "Nepal signed for two Dhruv Mk III helicopters from India. The Army had evaluated "
        "offers from Airbus Helicopters, which proposed its H145, and Russia's Kazan plant, "
        "which offered the Ansat, before settling on the Indian helicopter."
    )
    assert chosen.family == "dhruv", chosen
    merit = one(
        "Bulgaria signed for an IRIS-T SLM fire unit from Germany. Bulgaria's defense ministry "
        "had also looked at the NASAMS system from Norway's Kongsberg and Raytheon, and "
        "Israel's SPYDER from Rafael, but officials said the IRIS-T offered the best delivery "
        "schedule and commonality with other European users."
    )
    assert merit.seller == "Germany", merit


def test_a_list_bought_for_a_state_s_royal_army() -> None:
    found = deals_in(
        "Hanwha Aerospace Co. agreed to supply self-propelled howitzers to Oman. The contract, "
        "valued at 412 billion won ($302 million), covers 24 K9A1 howitzers and 12 K10 "
        "ammunition resupply vehicles for the Royal Army of Oman, the company said."
    )
    assert sorted((c.buyer, c.family, c.quantity) for c in found) == [
        ("Oman", "k10", 12),
        ("Oman", "k9", 24),
    ], [candidate_dict(c) for c in found]


def test_a_deal_described_then_its_type_named_just_after() -> None:
    deal = one(
        "Ghana buys Czech jets to patrol northern border\n"
        "ACCRA, Ghana (AP) -- Ghana has agreed to buy six light attack and training jets from "
        "the Czech Republic, officials in both countries said Wednesday.\n"
        "The contract with Czech manufacturer Aero Vodochody for the L-39NG aircraft is worth "
        "3.2 billion Czech korunas ($137 million), including pilot training."
    )
    assert (deal.buyer, deal.family, deal.quantity, deal.value, deal.currency) == (
        "Ghana",
        "l39ng",
        6,
        Decimal("3200000000"),
        "CZK",
    ), deal


@pytest.mark.parametrize(
    ("written", "currency"),
    [
        ("2.4 billion Zambian kwacha", "ZMW"),
        ("450 million Brazilian reais", "BRL"),
        ("5 billion Nepalese rupees", "NPR"),
        ("1.2 billion taka", "BDT"),
    ],
)
def test_a_currency_named_with_its_state_s_adjective(written: str, currency: str) -> None:
    found = find_money(f"a contract worth {written} for six jets", 0, "USD")
    assert [m.currency for m in found] == [currency]


def test_an_unlisted_name_counted_across_its_maker_s_adjective() -> None:
    deal = one(
        "Angola has agreed to buy forty-eight Brazilian-made Jaguatirica armoured personnel "
        "carriers, officials said Wednesday."
    )
    assert (deal.platform, deal.quantity, deal.seller) == ("Jaguatirica", 48, "Brazil"), deal


def test_a_delivery_followed_and_a_former_navy_s_ships() -> None:
    found = deals_in(
        "Ireland signed for four H145M helicopters from Airbus. The purchase follows delivery "
        "last year of two C295 maritime patrol aircraft, built by Airbus in Seville. The Naval "
        "Service, meanwhile, is still waiting to bring into service the two former Royal New "
        "Zealand Navy Lake-class inshore patrol vessels bought from New Zealand for €26 "
        "million in 2022."
    )
    assert sorted(
        (c.family, c.buyer, c.seller, c.quantity, c.status, c.second_hand) for c in found
    ) == [
        # Airbus's types are sold from their own state (C295: Spain, H145M: Germany)
        ("c295", "Ireland", "Spain", 2, "delivered", None),
        ("h145m", "Ireland", "Germany", 4, "signed", None),
        ("lake", "Ireland", "New Zealand", 2, "signed", True),
    ], [candidate_dict(c) for c in found]


def test_the_fleets_a_programme_will_replace_are_no_deals() -> None:
    found = deals_in(
        "The biggest prize on offer is Chile's national frigate program, under which "
        "state-owned shipyard ASMAR is expected to build up to four new frigates in Talcahuano "
        "to replace the navy's three ex-Royal Navy Type 23 frigates and its two L-class ships "
        "from the 2030s."
    )
    assert found == [], [candidate_dict(c) for c in found]
    ordered = deals_in(
        "Chile ordered four frigates from its state-owned ASMAR shipyard to replace the navy's "
        "three ex-Royal Navy Type 23 frigates and its two L-class ships."
    )
    assert ordered == [], [candidate_dict(c) for c in ordered]


def test_bidders_that_took_part_are_no_deals_and_a_score_given_is_no_delivery() -> None:
    found = deals_in(
        "Colombia's defence ministry signed a contract with the Spanish company Indra for three "
        "LANZA LTR-25 radars. The French company Thales, with its Ground Master 400 offered at a "
        "lower price, also participated in the process."
    )
    assert [(c.buyer, c.family) for c in found] == [("Colombia", "lanza3d")], [
        candidate_dict(c) for c in found
    ]
    scored = one(
        "Colombia signed for three LANZA LTR-25 radars from Spain's Indra. The evaluation "
        "committee gave the best score to the LANZA for price and delivery time."
    )
    assert scored.status == "signed", scored


def test_a_second_batch_of_an_unlisted_type_named_by_its_maker_s_adjective() -> None:
    deal = one(
        "Armenia has received a second batch of French-made Bastion armoured personnel "
        "carriers, the Defence Ministry announced on Tuesday."
    )
    assert (deal.buyer, deal.seller, deal.platform, deal.status) == (
        "Armenia",
        "France",
        "Bastion",
        "delivering",
    ), deal


def test_a_sum_converted_later_and_the_fleet_a_deal_bolsters() -> None:
    deal = one(
        "RMAF inks RM1.18 billion deal for two maritime patrol aircraft\n"
        "KUALA LUMPUR, March 12 (Bernama) -- The Royal Malaysian Air Force (RMAF) will receive "
        "two ATR 72 Maritime Patrol Aircraft (MPA) from Italy's Leonardo S.p.A. under a "
        "contract worth RM1.18 billion signed at the Ministry of Defence here today.\n\n"
        "The minister said the aircraft would be handed over in stages beginning in 2027.\n\n"
        '"The two ATR 72MPA will give the RMAF the endurance it has lacked for years. Our '
        'maritime zone is more than twice our land area," he told reporters.\n\n'
        "The contract, equivalent to about US$265 million at current exchange rates, includes "
        "training, spare parts and a ground mission support centre."
    )
    assert (deal.quantity, deal.value, deal.currency) == (2, Decimal("1180000000"), "MYR"), deal
    hornets = one(
        "Talks with Kuwait on taking over its retired F/A-18C/D Hornet fighters to bolster the "
        "RMAF's eight F/A-18D Hornets are progressing well, Malaysia's defence minister said."
    )
    assert (hornets.buyer, hornets.quantity) == ("Malaysia", None), hornets


def test_an_upgrade_to_come_and_an_exercise_concluded_are_no_deals() -> None:
    upgraded = deals_in(
        "ATHENS -- Prime Minister Kyriakos Mitsotakis on Wednesday presented to Parliament a "
        "12-year armament programme worth some 25 billion euros.\n"
        "At sea, the navy's four MEKO 200HN frigates are due for a mid-life upgrade, and the "
        "four Papanikolis-class submarines will receive new sonar and batteries."
    )
    assert upgraded == [], [candidate_dict(c) for c in upgraded]
    exercise = deals_in(
        "The crash came only two weeks after the Air Force concluded the Baana 25 exercise, in "
        "which F/A-18 Hornets and Hawks operated from a stretch of highway in Central Finland."
    )
    assert exercise == [], [candidate_dict(c) for c in exercise]


def test_those_helicopters_are_the_ones_just_named_not_the_article_s_type() -> None:
    found = deals_in(
        "Cyprus took delivery of the first two of six H145M light military helicopters from "
        "Airbus on Tuesday. The H145Ms will replace the ageing Gazelle helicopters and fill "
        "the gap left by the departure of the Russian-made Mi-35P gunships. Those eleven "
        "helicopters were handed over to Serbia last year in a deal under which Belgrade paid "
        "for them in cash."
    )
    assert ("Serbia", "h145m") not in {(c.buyer, c.family) for c in found}, [
        candidate_dict(c) for c in found
    ]


def test_pitches_that_reached_no_contract_are_no_deals() -> None:
    found = deals_in(
        "Kenya asked to buy up to eight UH-60M Black Hawks from the United States. Airbus "
        "Helicopters and Leonardo had both pitched medium helicopters to Nairobi in recent "
        "years, offering the H145M and the AW139 respectively, but neither reached a contract."
    )
    assert [c.family for c in found] == ["uh60"], [candidate_dict(c) for c in found]


def test_a_requirement_awaiting_a_request_for_proposal_is_no_deal() -> None:
    found = deals_in(
        "New Delhi: Finance Minister Nirmala Sitharaman Saturday allocated Rs 6,81,210 crore "
        "to the Ministry of Defence for 2025-26.\n"
        "The Indian Air Force is down to 31 fighter squadrons. Its frontline is built around 36 "
        "Rafales and roughly 260 Su-30MKIs. The long-pending requirement for 114 multi-role "
        "fighter aircraft (MRFA) is still awaiting even a formal request for proposal."
    )
    assert found == [], [candidate_dict(c) for c in found]


def test_a_mark_no_list_names_is_its_own_version_of_the_known_family() -> None:
    found = deals_in(
        "India's defence ministry on Monday signed a contract worth Rs 2,400 crore with Israel "
        "Aerospace Industries for six Heron Mark II medium-altitude long-endurance drones."
    )
    assert [(c.platform, c.family, c.quantity, c.seller) for c in found] == [
        ("Heron Mark II", "heron", 6, "Israel")
    ], [candidate_dict(c) for c in found]


def test_a_made_in_state_after_for_is_whose_make_not_the_recipient() -> None:
    found = deals_in(
        "In 2018, Pakistan signed a $1.5 billion deal with Turkey for 30 T129 ATAK "
        "helicopters, but the contract was cancelled after the United States refused to grant "
        "export licences for the American-made engines."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Pakistan", "Turkey", 30, "cancelled")
    ], [candidate_dict(c) for c in found]


def test_a_type_inducted_into_service_is_delivered_and_more_of_it_is_a_batch() -> None:
    inducted = deals_in(
        "The Pakistan Army on Monday formally inducted the Chinese-built Z-10ME attack "
        "helicopter into its Army Aviation Corps at a ceremony, the ISPR said."
    )
    assert [(c.buyer, c.seller, c.family, c.status) for c in inducted] == [
        ("Pakistan", "China", "z10", "delivered")
    ], [candidate_dict(c) for c in inducted]
    more = deals_in("Myanmar Air Force Inducts More Chinese-Made FTC-2000G Jets\nBody.")
    assert [(c.buyer, c.status) for c in more] == [("Myanmar", "delivering")], [
        candidate_dict(c) for c in more
    ]


def test_a_part_s_maker_is_no_supplier_of_the_platform_it_goes_in() -> None:
    found = deals_in(
        "The jets are based on Canadian manufacturer Bombardier's Global 6500 business "
        "aircraft, modified by L3Harris in the United States, with an active electronically "
        "scanned array radar supplied by Israel's Elta Systems."
    )
    assert found == [], [candidate_dict(c) for c in found]
    radars = deals_in(
        "The Philippine Air Force has put into operation three of the four J/FPS-3ME air "
        "surveillance radars supplied by Japan's Mitsubishi Electric."
    )
    assert [(c.buyer, c.seller) for c in radars] == [("Philippines", "Japan")], [
        candidate_dict(c) for c in radars
    ]


def test_a_state_s_procurement_agency_by_its_initials_acts_for_it() -> None:
    found = deals_in(
        "South Korea's DAPA said it had selected the Global 6500 for the second phase of "
        "its airborne early warning programme."
    )
    assert [(c.buyer, c.family) for c in found] == [("South Korea", "global6500")], [
        candidate_dict(c) for c in found
    ]


def test_a_second_verb_after_and_is_no_service_to_the_platform() -> None:
    found = deals_in(
        "In 2019 Bucharest picked Naval Group to build four Gowind corvettes and modernise "
        "the navy's two frigates under a 1.2 billion euro package."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Romania", "France", 4)], [
        candidate_dict(c) for c in found
    ]


def test_the_contract_cancelled_in_the_next_sentence_ends_the_deal_just_named() -> None:
    found = deals_in(
        "Romania buys patrol ship\nIn 2019 Romania picked Naval Group to build four Gowind "
        "corvettes. Contract negotiations dragged on for four years amid legal challenges, "
        "and the ministry formally cancelled the procedure in 2023."
    )
    assert [(c.family, c.status) for c in found] == [("gowindcorvette", "cancelled")], [
        candidate_dict(c) for c in found
    ]
    passive = deals_in("Romania ordered four Gowind corvettes. The contract was cancelled in 2023.")
    assert [c.status for c in passive] == ["cancelled"], [candidate_dict(c) for c in passive]


def test_its_after_a_state_taking_another_route_is_that_state_s_deal() -> None:
    found = deals_in(
        "Romania buys Hisar from Turkey\nRomania signed a contract with Turkey for one "
        "Hisar-class offshore patrol vessel. Neighbouring Bulgaria took a different route. Its "
        "two MEKO A-100 corvettes, ordered from Germany in 2020, are being delivered."
    )
    assert {(c.buyer, c.family, c.status) for c in found} == {
        ("Romania", "hisar", "signed"),
        ("Bulgaria", "mekoa100", "delivering"),
    }, [candidate_dict(c) for c in found]


def test_a_listed_platform_s_code_and_its_versions_name_it() -> None:
    found = deals_in(
        "The State Department approved the possible sale to Estonia of 600 FGM-148F missiles "
        "at an estimated cost of $105 million. It also approved the sale of up to 120 "
        "AGM-158B-2 missiles to the Netherlands."
    )
    assert {(c.buyer, c.family, c.quantity) for c in found} == {
        ("Estonia", "fgm148", 600),
        ("Netherlands", "agm158", 120),
    }, [candidate_dict(c) for c in found]


def test_a_count_before_a_version_code_and_the_name_counts_the_deal() -> None:
    found = deals_in(
        "The State Department approved the possible sale to Estonia of up to 600 FGM-148F "
        "Javelin anti-tank missiles."
    )
    assert [(c.family, c.quantity) for c in found] == [("fgm148", 600)], [
        candidate_dict(c) for c in found
    ]


def test_a_production_rate_is_no_count_and_a_lesson_drawn_from_war_no_used_stock() -> None:
    found = deals_in(
        "US approves $1.06 billion sale of JASSM-ER missiles to the Netherlands\n"
        "The Netherlands has ordered 52 F-35As and has received more than 40 of them.\n"
        "Dutch Defence Minister Ruben Brekelmans said The Hague wanted deep strike weapons, "
        "a lesson drawn from the war in Ukraine.\n"
        "Lockheed has been ramping up JASSM production at its plant in Troy, Alabama, to about "
        "1,100 missiles a year to meet U.S. and allied demand."
    )
    assert {(c.family, c.quantity, bool(c.second_hand)) for c in found} == {
        ("agm158", None, False),
        ("f35", 52, False),
    }, [candidate_dict(c) for c in found]


def test_a_deal_named_again_keeps_its_contract_in_view_and_the_last_batch_completes_it() -> None:
    found = deals_in(
        "Philippine Army receives final batch of Sabrah light tanks\n"
        "On February 4, 2025, the Philippine Army officially welcomed the last batch of Sabrah "
        "light tanks, completing an order placed with Israel's Elbit Systems in 2022. The "
        "arrival brings to 18 the number of tracked light tanks.\n"
        "The Sabrah combines Elbit's 105mm turret with the ASCOD 2 tracked chassis produced by "
        "General Dynamics in Spain. The contract, worth 9.6 billion pesos (about $172 million "
        "at the time), was awarded to Elbit as prime contractor."
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency, c.status) for c in found] == [
        ("Philippines", "Israel", 18, Decimal("9600000000"), "PHP", "delivered")
    ], [candidate_dict(c) for c in found]


def test_an_engine_s_output_and_a_supply_that_may_be_are_no_deliveries() -> None:
    output = deals_in(
        "Morocco received the first six of 24 AH-64E Apache helicopters ordered in 2020. The "
        "Apache is powered by two T700-GE-701D turboshaft engines, each delivering close to "
        "2,000 shp."
    )
    assert [(c.quantity, c.status) for c in output] == [(24, "delivering")], [
        candidate_dict(c) for c in output
    ]
    may_be = deals_in(
        "Poland signed a $10 billion contract for 96 AH-64E Apache helicopters. The final "
        "price was lower because some of the equipment would be purchased separately or "
        "supplied by Polish industry."
    )
    assert [c.status for c in may_be] == ["signed"], [candidate_dict(c) for c in may_be]


def test_a_final_batch_received_is_all_delivered() -> None:
    final = deals_in("Philippine Army receives final batch of Sabrah light tanks from Elbit\nBody.")
    assert [c.status for c in final] == ["delivered"], [candidate_dict(c) for c in final]


def test_a_type_offering_a_quality_is_no_offer() -> None:
    found = deals_in(
        "Argentine Army opens bids for wheeled howitzers\n"
        "Bids were received from Israel's Elbit Systems with the ATMOS 2000 and KNDS France "
        "with the CAESAR 6x6.\n"
        "Each contender has its arguments. The CAESAR is combat proven with the French Army; "
        "the ATMOS offers flexibility on several truck chassis."
    )
    assert found == [], [candidate_dict(c) for c in found]


def test_a_service_supplied_with_the_platform_buys_it_and_a_lead_s_boats_are_no_radars() -> None:
    found = deals_in(
        "Japan's grants\nBangladesh signed an exchange of notes for patrol boats. In 2020, "
        "Mitsubishi Electric won a contract worth about $100 million to supply the Philippine "
        "Air Force with three fixed FPS-3ME air surveillance radars."
    )
    assert [(c.buyer, c.seller, c.family) for c in found] == [("Philippines", "Japan", "jfps3")], [
        candidate_dict(c) for c in found
    ]


def test_a_recipient_after_a_closed_relative_clause_is_the_buyer() -> None:
    found = deals_in(
        "Officials in Tokyo and Manila have confirmed that talks are underway on the transfer "
        "of six Abukuma-class destroyer escorts, which the JMSDF is retiring, to the Philippine "
        "Navy."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Philippines", "Japan", 6, "negotiating")
    ], [candidate_dict(c) for c in found]


def test_a_lease_is_a_transfer_from_lessor_to_user() -> None:
    lent = deals_in("Japan leased five TC-90 King Air trainers to the Philippine Navy in 2017.")
    assert [(c.buyer, c.seller, c.quantity) for c in lent] == [("Philippines", "Japan", 5)], [
        candidate_dict(c) for c in lent
    ]
    used = deals_in("The Indian Navy leases two MQ-9B drones from the United States.")
    assert [(c.buyer, c.seller, c.quantity) for c in used] == [("India", "United States", 2)], [
        candidate_dict(c) for c in used
    ]


def test_what_an_aid_package_comprises_is_given_item_by_item() -> None:
    found = deals_in(
        "Czech Republic unveils new military aid package\n"
        "The Czech government on May 22 approved a new military aid package for Ukraine that "
        "includes self-propelled howitzers and tanks. The package, valued at 2.3 billion koruna, "
        "comprises 16 DANA M2 152mm self-propelled howitzers taken from Czech Army stocks and "
        "upgraded by VOP CZ, 20 BVP-1 infantry fighting vehicles and 20 T-72B tanks, both "
        "refurbished by Excalibur Army."
    )
    assert {(c.buyer, c.seller, c.family, c.quantity, c.value) for c in found} == {
        ("Ukraine", "Czechia", "danam2", 16, None),
        ("Ukraine", "Czechia", "bmp1", 20, None),
        ("Ukraine", "Czechia", "t72", 20, None),
    }, [candidate_dict(c) for c in found]
    # a US notice's package lists the support of a sale: no deals of its own
    notice = deals_in(
        "The State Department approved a possible Foreign Military Sale to Japan of five E-2D "
        "Advanced Hawkeye aircraft for an estimated cost of $1.38 billion. The package includes "
        "AN/APY-9 radars and spare engines."
    )
    assert [c.family for c in notice] == ["e2"], [candidate_dict(c) for c in notice]


def test_the_number_of_boats_is_a_tally_not_a_name_and_brings_to_counts() -> None:
    tally = deals_in(
        "The Mozambican Navy on Monday took delivery of two Fast Interceptor Craft donated by "
        "India, bringing to three the number of boats handed over under a four-boat pledge."
    )
    # the craft themselves are a deal (a counted "craft"); nothing is named from the tally
    assert [(c.platform, c.seller) for c in tally] == [("Fast Interceptor", "India")], [
        candidate_dict(c) for c in tally
    ]
    counted = deals_in(
        "Philippine Army receives final batch of Sabrah light tanks\n"
        "The Philippine Army officially welcomed the last batch of Sabrah light tanks, "
        "completing an order placed with Israel's Elbit Systems in 2022. The arrival brings to "
        "18 the number of tracked light tanks now assigned to the Army Armor Division."
    )
    assert [(c.quantity, c.status) for c in counted] == [(18, "delivered")], [
        candidate_dict(c) for c in counted
    ]


def test_a_firm_withdrawing_from_a_trade_cancels_no_deal() -> None:
    found = deals_in(
        "Japan places first production order for Patria AMV XP\n"
        "Japan's ATLA has placed its first production contract for 26 Patria AMV XP 8x8 "
        "armoured vehicles. The AMV XP will replace about 380 Type 96 wheeled armoured "
        "personnel carriers built by Komatsu, a fleet that has proved difficult to support "
        "since Komatsu withdrew from defence vehicle production in 2019."
    )
    assert [(c.buyer, c.family, c.status) for c in found] == [("Japan", "patriaamv", "signed")], [
        candidate_dict(c) for c in found
    ]


def test_what_a_weapon_will_give_a_fleet_is_no_supply_of_the_fleet() -> None:
    found = deals_in(
        "Greece has signed a contract with Israel's Rafael Advanced Defense Systems for Spike "
        "NLOS missiles, a weapon that will give the Hellenic Army's AH-64 Apache gunships the "
        "ability to hit targets more than 30 kilometers away."
    )
    assert [(c.buyer, c.family) for c in found] == [("Greece", "spike")], [
        candidate_dict(c) for c in found
    ]


def test_an_offer_of_a_version_by_its_code_before_a_choice_is_no_deal() -> None:
    found = deals_in(
        "Chile ordered two C-390 aircraft. Lockheed had offered the C-130J-30 Super Hercules "
        "for the requirement."
    )
    assert [c.family for c in found] == ["kc390"], [candidate_dict(c) for c in found]


def test_a_requirement_s_count_is_no_deal_s_and_a_rival_s_proposal_no_deal() -> None:
    found = deals_in(
        "Colombia awards Damen and Cotecmar contract for first two PES frigates\n"
        "Colombia's Ministry of National Defence has awarded Dutch shipbuilder Damen Naval a "
        "contract to build the first two PES frigates. The navy has a requirement for up to "
        "five PES frigates, but funding for the remaining three has not yet been allocated. "
        "Damen was selected ahead of offers from Spain's Navantia and Germany's TKMS, which had "
        "proposed a MEKO A-200 variant."
    )
    assert [(c.family, c.quantity) for c in found] == [("pes", 2)], [
        candidate_dict(c) for c in found
    ]


def test_a_foe_in_border_clashes_is_no_seller() -> None:
    found = deals_in(
        "Bishkek bought Bayraktar TB2s and TAI Aksungur drones in 2021 and 2022, around the "
        "time of deadly border clashes with Tajikistan."
    )
    assert {(c.buyer, c.seller, c.family) for c in found} == {
        ("Kyrgyzstan", "Turkey", "bayraktartb2"),
        ("Kyrgyzstan", "Turkey", "aksungur"),
    }, [candidate_dict(c) for c in found]


def test_the_first_of_several_ordered_shown_is_a_delivery_under_way() -> None:
    found = deals_in(
        "Kyrgyzstan's military showed off a Bayraktar Akinci heavy strike drone on Wednesday. "
        "Officials would say only that it was the first of several Akincis ordered from "
        "Turkey's Baykar."
    )
    assert [(c.buyer, c.seller, c.status) for c in found] == [
        ("Kyrgyzstan", "Turkey", "delivering")
    ], [candidate_dict(c) for c in found]


def test_a_calibre_is_no_count() -> None:
    found = deals_in(
        "The Ministry of Defence of Ukraine has signed its first contract for the serial "
        "production in Ukraine of the British L119 105 mm light gun under a licence from BAE "
        "Systems."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [
        ("Ukraine", "United Kingdom", None)
    ], [candidate_dict(c) for c in found]


def test_a_title_s_batch_is_the_first_of_the_order_the_body_counts() -> None:
    found = deals_in(
        "Brazil delivers four ex-FAB T-27 Tucano trainers to the Paraguayan Air Force\n"
        "ASUNCION, 8 October 2024 -- The Paraguayan Air Force last Friday received the first "
        "four of six EMB-312 Tucano trainers donated by the Brazilian Air Force."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Paraguay", "Brazil", 6, "delivering")
    ], [candidate_dict(c) for c in found]


def test_deliveries_completed_is_delivered_unless_by_a_date_to_come() -> None:
    done = deals_in(
        "Burkina Faso bought an undisclosed number of Bayraktar TB2 drones in 2022, with "
        "deliveries completed early the following year."
    )
    assert [c.status for c in done] == ["delivered"], [candidate_dict(c) for c in done]
    to_come = deals_in(
        "Colombia signed a contract for 17 Gripen E/F fighters. The first aircraft are "
        "expected in 2026, with deliveries completed by 2032."
    )
    assert [c.status for c in to_come] == ["signed"], [candidate_dict(c) for c in to_come]


def test_units_arriving_in_a_capital_are_the_nearer_platform_s_and_money_its_clause_s() -> None:
    found = deals_in(
        "Neighbouring Romania signed a contract for 54 K9 howitzers with Hanwha Aerospace in "
        "November last year for about $920 million, while Estonia bought 12 used CAESAR "
        "howitzers from France in 2023 for some $90 million; the first six arrived in "
        "Tallinn in May."
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.status) for c in found] == [
        ("Romania", "South Korea", 54, 920_000_000, "signed"),
        ("Estonia", "France", 12, 90_000_000, "delivering"),
    ], [candidate_dict(c) for c in found]


def test_a_firm_contracted_to_support_a_fleet_is_no_sale_of_it() -> None:
    found = deals_in(
        "Denmark signed for 12 new CAESAR howitzers from France. Terma was already "
        "contracted to support the Danish Army's 19 M109 howitzers."
    )
    assert [(c.buyer, c.platform) for c in found] == [("Denmark", "CAESAR")], [
        candidate_dict(c) for c in found
    ]


def test_rivals_that_lobbied_or_were_also_considered_are_not_deals() -> None:
    chosen = "Norway signed for 14 K9 howitzers from South Korea. "
    for rival in (
        "France's KNDS had lobbied hard for its truck-mounted CAESAR, offering to build "
        "parts in Norway.",
        "Sweden's Archer was also briefly considered.",
    ):
        found = deals_in(chosen + rival)
        assert [(c.buyer, c.seller, c.quantity) for c in found] == [
            ("Norway", "South Korea", 14)
        ], [candidate_dict(c) for c in found]


def test_money_of_projects_a_review_cut_is_no_deal_s_value() -> None:
    found = deals_in(
        "Canada signed for 16 P-8A Poseidon aircraft. Deliveries begin in 2026. The Poseidon "
        "deal is one of a handful of acquisitions that survived the review, which cut or "
        "deferred $12 billion of projects."
    )
    assert [(c.quantity, c.value) for c in found] == [(16, None)], [
        candidate_dict(c) for c in found
    ]


def test_the_nth_and_final_unit_received_counts_the_order() -> None:
    for text, count in (
        ("Indonesia received its fifth and final C-130J in 2023.", 5),
        ("The Philippine Navy took delivery of the 12th and last FA-50 on Monday.", 12),
    ):
        found = deals_in(text)
        assert [(c.quantity, c.status) for c in found] == [(count, "delivered")], [
            candidate_dict(c) for c in found
        ]


def test_each_for_names_the_recipient_of_what_comes_before_it() -> None:
    for text in (
        "The State Department approved UH-60M Black Hawk helicopters for Kenya and "
        "AN/TPQ-53 radars for Bahrain.",
        "US clears Black Hawk sale to Kenya, counterfire radars for Bahrain\n\n"
        "The State Department approved UH-60M Black Hawk helicopters for Kenya and "
        "AN/TPQ-53 radars for Bahrain.",
    ):
        found = deals_in(text)
        assert sorted((c.buyer, c.platform) for c in found) == [
            ("Bahrain", "AN/TPQ-53"),
            ("Kenya", "UH-60 Black Hawk"),
        ], [candidate_dict(c) for c in found]


def test_a_second_subject_s_took_delivery_after_a_comma_and_is_its_own_buyer() -> None:
    found = deals_in(
        "Kenya received four Bayraktar TB2 drones in 2023, and Somalia took delivery of "
        "Anka-S drones last year."
    )
    assert [(c.buyer, c.platform) for c in found] == [
        ("Kenya", "Bayraktar TB2"),
        ("Somalia", "TAI Anka"),
    ], [candidate_dict(c) for c in found]


def test_has_ordered_after_a_delivered_platform_is_a_new_act_not_its_participle() -> None:
    found = deals_in(
        "Niger has received two Anka-S drones and has ordered four Bayraktar TB2 drones."
    )
    assert [(c.platform, c.quantity, c.status) for c in found] == [
        ("TAI Anka", 2, "delivered"),
        ("Bayraktar TB2", 4, "signed"),
    ], [candidate_dict(c) for c in found]


def test_a_count_before_a_comparative_adjective_and_a_former_partner_is_no_seller() -> None:
    found = deals_in(
        "Burkina Faso has ordered four heavier Aksungur drones, months after ending its "
        "defence cooperation with France."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Burkina Faso", "Turkey", 4)], [
        candidate_dict(c) for c in found
    ]
    # ...but a maker working "in cooperation with" another is still the seller's side
    found = deals_in(
        "India is negotiating for three more Scorpene submarines to be built by Mazagon "
        "Dock in cooperation with France's Naval Group."
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("India", "France", 3)], [
        candidate_dict(c) for c in found
    ]


def test_a_neighbour_named_after_a_comma_and_an_adjective_acts_in_its_own_clause() -> None:
    found = deals_in(
        "Senegal took delivery of 30 Ejder Yalçın vehicles in 2021, and neighbouring "
        "Burkina Faso signed for 25 Otokar Cobra II vehicles last year."
    )
    assert [(c.buyer, c.platform, c.quantity) for c in found] == [
        ("Senegal", "Ejder Yalcin", 30),
        ("Burkina Faso", "Otokar Cobra", 25),
    ], [candidate_dict(c) for c in found]


def test_the_bids_a_winner_beat_are_rivals_not_deals() -> None:
    found = deals_in(
        "Latvia chose the Otokar Arma. The Arma beat two rival bids: Finland's Patria, "
        "which had offered its 6x6 design already ordered by several neighbours, and "
        "Nurol Makina, with its NMS 4x4."
    )
    assert [(c.buyer, c.platform) for c in found] == [("Latvia", "Otokar Arma")], [
        candidate_dict(c) for c in found
    ]
    # the NMS is a type of its own, not the Ejder Yalçın's other name
    found = deals_in("Côte d'Ivoire has signed for 12 NMS 4x4 tactical vehicles.")
    assert [(c.platform, c.quantity) for c in found] == [("Nurol NMS", 12)], [
        candidate_dict(c) for c in found
    ]


def test_a_committee_giving_a_favourable_opinion_hands_nothing_over() -> None:
    found = deals_in(
        "The committee gave a favourable opinion to the request to buy 40 Piranha 5 "
        "vehicles from Switzerland. Lithuania signed for 20 more CV90s."
    )
    assert [(c.platform, c.status) for c in found] == [
        ("Piranha", "proposed"),
        ("CV90", "signed"),
    ], [candidate_dict(c) for c in found]


def test_bids_offered_by_others_that_were_also_analysed_are_rivals() -> None:
    found = deals_in(
        "Romania chose the Lynx after an evaluation in which the ASCOD offered by General "
        "Dynamics European Land Systems and the Redback proposed by South Korea's Hanwha "
        "Aerospace were also analysed."
    )
    assert [c.platform for c in found] == ["Lynx KF41"], [candidate_dict(c) for c in found]


def test_armoured_vehicles_boats_and_aircraft_of_smaller_makers_are_known() -> None:
    found = deals_in(
        "Mozambique took delivery of 20 Marauder mine-protected vehicles from South Africa. "
        "Chad received 12 Akrep II armoured cars from Turkey. Angola ordered three Falcon "
        "2000MRA maritime patrol aircraft from France. Poland signed for 72 Homar-K launchers."
    )
    assert [(c.buyer, c.seller, c.quantity, c.family) for c in found] == [
        ("Mozambique", "South Africa", 20, "marauder"),
        ("Chad", "Turkey", 12, "akrep"),
        ("Angola", "France", 3, "falcon2000"),
        ("Poland", "South Korea", 72, "k239"),
    ], [candidate_dict(c) for c in found]


def test_a_licence_named_beside_the_design_it_follows_gives_the_seller() -> None:
    arlan = one(
        "Kazakhstan's Ministry of Defense has signed a contract with Kazakhstan Paramount "
        "Engineering (KPE) for 45 Arlan mine-protected armored vehicles worth 21.6 billion "
        "tenge.\n\nThe Arlan is produced in Astana under license from South Africa's "
        "Paramount Group and is based on the South African company's Marauder design."
    )
    assert (arlan.buyer, arlan.seller, arlan.quantity, arlan.currency) == (
        "Kazakhstan",
        "South Africa",
        45,
        "KZT",
    )


def test_a_purchase_years_before_the_article_is_a_fleet_delivered() -> None:
    published = dt.date(2024, 3, 12)
    trimarans = one(
        "The rest of the navy's small fleet dates from 2013-2014, when Mozambique acquired "
        "three Ocean Eagle 43 trimarans from France's CMN.",
        published,
    )
    assert (trimarans.quantity, trimarans.status) == (3, "delivered")
    # still on order, or bought lately: not yet delivered
    jets = one(
        "Bulgaria has 16 F-16 Block 70 fighters on order from Lockheed Martin, bought in two "
        "tranches in 2019 and 2022.",
        published,
    )
    recent = one("In 2022 Mozambique bought three Ocean Eagle 43 boats from France.", published)
    assert (jets.status, recent.status) == ("signed", "signed")
    # an order takes longer to fill: done after ten years, not after five
    boats = one("India ordered six Scorpene submarines from France in 2005.", published)
    later = one("India ordered six Scorpene submarines from France in 2019.", published)
    assert (boats.status, later.status) == ("delivered", "signed")


def test_local_press_naming_no_state_writes_from_the_state_of_its_money() -> None:
    howitzers = one(
        "Ministry signs contract for 96 K9 howitzers\nThe Ministry of National Defence on "
        "Tuesday signed a contract with South Korea's Hanwha Aerospace for 96 K9PL howitzers "
        "worth 11 billion zlotys, Deputy Minister Pawel Bejda said."
    )
    assert (howitzers.buyer, howitzers.seller, howitzers.currency) == (
        "Poland",
        "South Korea",
        "PLN",
    )
    # money in dollars or euros, or in crowns (Czech, Danish, Norwegian or Swedish), says
    # nothing of where the outlet writes from
    assert not deals_in(
        "The Ministry of Defence signed a contract with Germany's KNDS for 44 Leopard 2A8 "
        "tanks worth 34 billion crowns."
    )
    assert not deals_in(
        "The Ministry of National Defence on Tuesday signed a contract with South Korea's "
        "Hanwha Aerospace for 96 K9 howitzers worth 2.6 billion euros."
    )


def test_an_appositive_participle_is_the_platform_before_s() -> None:
    found = deals_in(
        "Australia will buy upgraded Mogami-class frigates from Japan. The rival MEKO A-200, "
        "offered by Germany's thyssenkrupp Marine Systems, had been pitched as a lower-risk "
        "option because it is based on the Anzac-class design the navy already operates."
    )
    assert [(c.buyer, c.seller, c.family) for c in found] == [("Australia", "Japan", "mogami")], [
        candidate_dict(c) for c in found
    ]


def test_a_type_selected_is_in_negotiation_a_shortlist_is_only_proposed() -> None:
    chosen = one("Norway has chosen Britain's Type 26 frigate for its navy.")
    listed = one("Norway has shortlisted Britain's Type 26 frigate for its navy.")
    assert (chosen.status, listed.status) == ("negotiating", "proposed")


def test_a_fund_used_to_pay_for_a_purchase_buys_but_is_not_its_price() -> None:
    found = deals_in(
        "Berlin has also used its €100 billion special fund to pay for 35 F-35A fighter jets "
        "and 60 CH-47F Chinook heavy transport helicopters from the United States."
    )
    assert [(c.buyer, c.seller, c.quantity, c.status, c.value) for c in found] == [
        ("Germany", "United States", 35, "signed", None),
        ("Germany", "United States", 60, "signed", None),
    ], [candidate_dict(c) for c in found]


def test_weapons_handed_or_sent_to_a_state_are_delivered_a_notification_is_not() -> None:
    published = dt.date(2025, 6, 1)
    helicopters = one("Croatia handed fourteen of its older Mi-8s to Ukraine in 2024.", published)
    battery = one("Slovakia sent its only S-300PMU battery to Ukraine in April 2022.", published)
    assert (helicopters.buyer, helicopters.seller, helicopters.quantity, helicopters.status) == (
        "Ukraine",
        "Croatia",
        14,
        "delivered",
    )
    assert (battery.buyer, battery.seller, battery.family, battery.status) == (
        "Ukraine",
        "Slovakia",
        "s300",
        "delivered",
    )
    order = one(
        "Egypt ordered Su-35 fighters from Russia and has not sent any formal notification "
        "to Moscow since.",
        published,
    )
    assert order.status == "signed", order


def test_a_single_or_its_only_unit_counts_one() -> None:
    published = dt.date(2025, 6, 1)
    battery = one("Slovakia sent its only S-300PMU battery to Ukraine in April 2022.", published)
    tanker = one("Portugal ordered a single C-390 from Brazil.", published)
    tanks = one("Only Poland ordered K2 tanks from South Korea.", published)
    assert (battery.quantity, tanker.quantity, tanks.quantity) == (1, 1, None)


def test_a_platform_named_with_one_unit_s_noun_counts_one() -> None:
    published = dt.date(2025, 6, 1)
    boat = one(
        "As part of its offer, Sweden has proposed handing over a used Södermanland-class "
        "submarine to the Polish Navy.",
        published,
    )
    jet = one("Norway ordered an F-35 fighter from the United States.", published)
    # a name that only describes what is bought counts nothing
    guns = one("Poland signed a K9 contract with South Korea.", published)
    deal = one("Norway signed an F-35 fighter deal with the United States.", published)
    assert (boat.quantity, jet.quantity, guns.quantity, deal.quantity) == (1, 1, None, None)


def test_types_all_offered_in_a_request_for_information_are_a_field_not_deals() -> None:
    published = dt.date(2024, 9, 3)
    field = deals_in(
        "India has long planned to acquire 114 fighters. The Rafale, F-21, Eurofighter "
        "Typhoon, Gripen and Su-35 were all offered during an earlier request for information.",
        published,
    )
    rfi = deals_in(
        "The Gripen was offered to India in response to a request for information.", published
    )
    offer = one("Sweden offered the Gripen to India.", published)
    assert (field, rfi, offer.status) == ([], [], "proposed")


def test_presentations_on_a_type_are_marketing_not_a_delivery() -> None:
    published = dt.date(2025, 9, 10)
    shown = deals_in(
        "Mexican officials have received presentations on Saab's Gripen E and Korea "
        "Aerospace Industries' FA-50 in recent years.",
        published,
    )
    bought = one("Mexico received 12 FA-50 jets from South Korea in June.", published)
    assert (shown, bought.status) == ([], "delivered")


def test_most_of_its_fleet_grounded_is_a_fleet_not_a_deal() -> None:
    published = dt.date(2024, 9, 20)
    grounded = deals_in(
        "The South African Air Force has most of its 26 Gripen fighters grounded after "
        "the support contract with Saab lapsed.",
        published,
    )
    first = one("South Africa received the first of its 26 Gripen fighters from Sweden.", published)
    assert (grounded, first.quantity) == ([], 26)


def test_its_own_jets_upgraded_to_a_newer_standard_are_no_transfer() -> None:
    published = dt.date(2025, 2, 11)
    upgraded = deals_in(
        "Last upgraded F-16 Viper handed over to Air Force\nThe Hellenic Air Force on Monday "
        "received the last of 83 F-16 fighters modernized to the Viper standard, at the "
        "Tanagra plant of Hellenic Aerospace Industry.",
        published,
    )
    squadron = deals_in(
        "The aircraft, an F-16 Block 52+ of the 340 Squadron, was handed over at the Tanagra "
        "plant. The ministry is considering modernizing the older F-16 Block 50s next.",
        published,
    )
    bought = one("Greece ordered 20 F-35 fighters from the United States.", published)
    assert (upgraded, squadron, bought.quantity) == ([], [], 20)


def test_a_type_a_maker_brought_to_a_show_is_an_exhibit_not_an_offer() -> None:
    published = dt.date(2024, 9, 20)
    exhibit = deals_in(
        "Among foreign exhibitors, Embraer brought its C-390 Millennium transport, offered to "
        "the South African Air Force as a successor to the C-130BZ.",
        published,
    )
    offer = one("Brazil offered the C-390 Millennium to South Africa.", published)
    assert (exhibit, offer.status) == ([], "proposed")


def test_a_contract_annulled_or_rescinded_is_cancelled() -> None:
    published = dt.date(2024, 5, 6)
    annulled = one(
        "The Ministry of Defence has formally annulled the contract signed in 2021 with "
        "Russia for eight Mi-171Sh transport helicopters for Peru's army.",
        published,
    )
    rescinded = one(
        "Peru rescinded its order for eight Mi-171Sh helicopters from Russia.", published
    )
    assert (annulled.status, rescinded.status) == ("cancelled", "cancelled")


def test_receiving_its_new_type_in_the_present_is_an_arrival() -> None:
    published = dt.date(2025, 3, 4)
    arriving = one(
        "Morocco receives its new AH-64E Apache attack helicopters from the United States.",
        published,
    )
    first = one("Slovakia receives its first F-16 Block 70 jets from the United States.", published)
    awaited = one(
        "Morocco will receive its new AH-64E Apache attack helicopters from the United States.",
        published,
    )
    # nothing said of more to come: all of them (the cue's rule for every arrival)
    assert (arriving.status, first.status, awaited.status) == ("delivered", "delivering", "signed")


def test_a_full_scale_model_shown_at_a_fair_is_no_offer_of_the_type() -> None:
    published = dt.date(2026, 2, 10)
    model = deals_in(
        "South Korea's KAI displayed a full-scale model of the KF-21 Boramae fighter and "
        "offered Saudi Arabia a partnership for local assembly.",
        published,
    )
    offer = one("South Korea offered the KF-21 Boramae fighter to Saudi Arabia.", published)
    assert (model, offer.status) == ([], "proposed")


def test_gave_no_is_no_gift() -> None:
    published = dt.date(2026, 2, 10)
    deployed = deals_in(
        "He wanted an air defence system, citing Spain, whose Patriot batteries were "
        "deployed to Turkey under NATO, but gave no preferred system.",
        published,
    )
    gift = one("Spain gave two Patriot batteries to Ukraine.", published)
    assert (deployed, gift.status) == ([], "delivered")


def test_each_signed_paper_s_contents_said_after_the_signing_are_signed() -> None:
    published = dt.date(2025, 6, 12)
    found = deals_in(
        "Agency signs for American missiles worth almost 3.9 billion zlotys\n"
        "WARSAW, 11 June 2025 -- The Armament Agency on Wednesday signed two agreements with "
        "the US government for missiles, with a combined value of almost 3.9 billion zlotys, "
        "the Ministry of National Defence said.\n\nThe larger agreement, worth 2.65 billion "
        "zlotys, covers 120 AGM-158B-2 JASSM-ER long-range cruise missiles. The second, worth "
        "1.22 billion zlotys, covers 240 AIM-9X Block II Sidewinder short-range air-to-air "
        "missiles, together with training rounds.",
        published,
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency, c.status) for c in found] == [
        ("Poland", "United States", 120, Decimal("2650000000"), "PLN", "signed"),
        ("Poland", "United States", 240, Decimal("1220000000"), "PLN", "signed"),
    ]
    # a paper still in talks gives its contents no signing
    talks = deals_in(
        "Poland is negotiating an agreement with the US government. The agreement covers 120 "
        "JASSM-ER missiles.",
        published,
    )
    assert talks == []


def test_several_makers_offers_in_one_sentence_are_a_tender_s_bids() -> None:
    published = dt.date(2025, 10, 8)
    bids = deals_in(
        "Lockheed Martin has offered India the C-130J-30 Super Hercules with Tata Advanced "
        "Systems, Embraer the C-390 Millennium with Mahindra Defence, and Airbus the A400M.",
        published,
    )
    offer = one("The United States has offered the C-130J-30 Super Hercules to India.", published)
    assert (bids, offer.status) == ([], "proposed")


def test_a_state_that_blocks_a_sale_is_not_its_buyer() -> None:
    published = dt.date(2024, 11, 18)
    found = deals_in(
        "CARACAS, 18 November 2024 -- Venezuela's inventory was built in three shopping "
        "trips. A fourth never happened. Washington blocked Spain's sale of twelve C-295 "
        "transports in 2006 because they carried American components, and Madrid "
        "cancelled the aircraft part of the contract.",
        published,
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Venezuela", "Spain", 12, "cancelled")
    ]
    # the blocking state, with no other seller named, is the seller
    refused = one("Germany blocked the export of 48 Leopard 2 tanks to Saudi Arabia.", published)
    assert (refused.buyer, refused.seller, refused.status) == (
        "Saudi Arabia",
        "Germany",
        "cancelled",
    )


def test_capitals_of_smaller_states_stand_for_them() -> None:
    published = dt.date(2025, 3, 1)
    drones = one("Mogadishu signed for three Bayraktar TB2 drones from Turkey.", published)
    boats = one("Honiara received two Guardian-class patrol boats from Australia.", published)
    assert (drones.buyer, boats.buyer) == ("Somalia", "Solomon Islands")
    # a MALE drone is no visit to the Maldives
    assert deals_in("The Akinci offers a MALE drone payload in the class of the MQ-9.") == []


def test_a_type_named_as_a_yardstick_is_not_bought() -> None:
    published = dt.date(2025, 5, 1)
    yardstick = deals_in(
        "China commissioned its first Type 054B frigate. In size it is comparable to the "
        "French FREMM or the US Constellation-class frigate now under construction.",
        published,
    )
    bought = one("Greece ordered three FREMM frigates from France.", published)
    assert (yardstick, bought.quantity) == ([], 3)


def test_raids_ordered_are_no_order_of_the_aircraft_flying_them() -> None:
    published = dt.date(2025, 1, 21)
    raids = deals_in(
        "Colombia sends Brazilian-made Super Tucanos against ELN in Catatumbo\nBOGOTA, Jan 21 "
        "(AFP) - Colombian Air Force A-29 Super Tucano aircraft carried out air strikes on ELN "
        "positions, the first bombing raids ordered under President Gustavo Petro.",
        published,
    )
    order = one("Colombia ordered 24 A-29 Super Tucano aircraft from Brazil.", published)
    assert (raids, order.status) == ([], "signed")


def test_spare_parts_and_maintenance_for_a_fleet_are_no_sale_of_it() -> None:
    published = dt.date(2026, 2, 1)
    service = deals_in(
        "Uruguay's Ministry of National Defence has signed a $19.6 million contract with a US "
        "company for spare parts, depot maintenance and engine overhauls for the Uruguayan "
        "Air Force's C-130H Hercules transports.",
        published,
    )
    bought = one("Uruguay signed for two used C-130H Hercules from Spain.", published)
    assert (service, bought.quantity) == ([], 2)


def test_a_ship_named_by_its_navy_s_prefix_is_one_and_used_when_the_giver_s() -> None:
    published = dt.date(2024, 9, 5)
    gimpo = one(
        "In 2017 South Korea handed over the Pohang-class corvette ROKS Gimpo to Vietnam.",
        published,
    )
    chungju = one(
        "The Philippines received the ex-ROKS Chungju, another Pohang-class corvette, from "
        "South Korea in 2019.",
        published,
    )
    # the buyer's own prefix on a new ship says nothing of its past
    rizal = one(
        "South Korea delivered the Jose Rizal-class frigate BRP Jose Rizal to the Philippines "
        "in 2020.",
        published,
    )
    assert [(d.quantity, d.second_hand) for d in (gimpo, chungju)] == [(1, True), (1, True)]
    assert rizal.second_hand is not True


def test_its_own_foreign_made_weapons_passed_on_are_the_giver_s_used() -> None:
    published = dt.date(2025, 10, 22)
    swap = one(
        "Cyprus has agreed to transfer its 43 Russian-made BMP-3 infantry fighting vehicles "
        "to Ukraine.",
        published,
    )
    new = one("Russia has agreed to supply 43 Russian-made BMP-3 vehicles to Cyprus.", published)
    assert (swap.seller, swap.second_hand) == ("Cyprus", True)
    assert (new.seller, new.second_hand) == ("Russia", None)


def test_a_state_acting_in_a_relative_clause_without_that_is_the_buyer() -> None:
    published = dt.date(2025, 10, 1)
    bought = one(
        "Israel carried out hundreds of strikes, destroying most of the 36 Pantsir-S1 air "
        "defense systems Damascus had bought from Russia in a 2007 deal.",
        published,
    )
    assert (bought.buyer, bought.seller, bought.quantity) == ("Syria", "Russia", 36)


def test_a_deployment_said_to_be_no_transfer_is_no_deal() -> None:
    published = dt.date(2024, 10, 14)
    deployed = deals_in(
        "The Pentagon confirmed that a THAAD battery and about 100 American soldiers to "
        "operate it have begun arriving in Israel. The system remains under US command and "
        "is not being transferred to the IDF.",
        published,
    )
    sold = one("Israel has begun receiving a THAAD battery it bought from the United States.")
    assert (deployed, sold.buyer) == ([], "Israel")


def test_bombs_by_their_mark_and_domestic_orders() -> None:
    published = dt.date(2024, 10, 14)
    bombs = one(
        "In July, the United States released a shipment of 1,800 MK-84 2,000-pound bombs to "
        "Israel; the bombs arrived at Ashdod port later that month.",
        published,
    )
    domestic = deals_in(
        "Israel's Defense Ministry has signed new domestic orders for Arrow and David's Sling "
        "interceptors.",
        published,
    )
    assert (bombs.platform, bombs.quantity, domestic) == ("Mk 84", 1800, [])


def test_money_of_a_service_contract_is_no_fleet_s_price() -> None:
    published = dt.date(2026, 1, 22)
    cougars = one(
        "SOFIA, 22 January 2026 (BTA) -- The Air Force's base at Krumovo relies on the 12 "
        "AS532 Cougar helicopters delivered by France's Eurocopter between 2006 and 2009. A "
        "separate BGN 46 million contract for the overhaul of their engines was awarded last "
        "year to the state-owned Avionams.",
        published,
    )
    assert (cougars.quantity, cougars.value) == (12, None)


def test_where_a_fleet_flew_is_not_its_buyer() -> None:
    published = dt.date(2025, 11, 4)
    fleet = one(
        "MUSCAT -- RAFO's fleet consists of three C-130J Super Hercules together with the "
        "eight C295 aircraft that Oman ordered from Spain's Airbus in 2012. All eight C295s "
        "were delivered between 2013 and 2016 and have been heavily used for humanitarian "
        "flights, including to Yemen.",
        published,
    )
    assert (fleet.buyer, fleet.seller, fleet.quantity) == ("Oman", "Spain", 8)


def test_a_launch_story_s_fleets_and_failed_bids_are_no_deals() -> None:
    published = dt.date(2025, 10, 6)
    launch = deals_in(
        "Mitsubishi Heavy Industries launches seventh Taigei-class submarine for the JMSDF\n"
        "Mitsubishi Heavy Industries (MHI) launched the seventh Taigei-class submarine for the "
        "Japan Maritime Self-Defense Force (JMSDF) at its Kobe shipyard on 14 October 2025.\n\n"
        "The launch comes as Tokyo's defence budget reaches a record 8.7 trillion yen for "
        "fiscal 2025. JMSDF officers point to the growing submarine forces of China, "
        "which operates more than 60 boats, and Russia's Pacific Fleet, which has received "
        "new Project 636.3 boats built at home. Japan's only serious attempt to export the "
        "type, its bid for Australia's submarine programme in 2016, ended in defeat, and MHI "
        "officials have said there are no active export discussions for the Taigei design.",
        published,
    )
    talks = one(
        "Japan is in talks with Australia on the sale of Taigei-class submarines.", published
    )
    assert (launch, talks.status) == ([], "negotiating")


def test_an_order_changed_from_one_count_to_another_counts_the_new() -> None:
    published = dt.date(2025, 3, 12)
    cut = one(
        "Kenya has reduced its order for Leonardo AW169M light utility helicopters from 12 "
        "to 8, the defence ministry said.",
        published,
    )
    more = one("Kenya has increased its order for AW169M helicopters from Italy from eight to 12.")
    assert (cut.quantity, more.quantity) == (8, 12)


def test_a_count_before_the_maker_s_name_counts_the_type() -> None:
    published = dt.date(2025, 3, 12)
    harbin = one("Kenya bought four Harbin Z-9W helicopters from China in 2012.", published)
    leonardo = one("Kenya ordered 12 Leonardo AW169M helicopters from Italy.", published)
    assert (harbin.quantity, leonardo.quantity) == (4, 12)


def test_a_type_s_short_name_is_the_type() -> None:
    published = dt.date(2025, 6, 12)
    deal = one(
        "Brazil seals sale of 30 Guarani armoured vehicles to Uruguay for R$870 million\n"
        "SAO PAULO -- Brazil agreed to supply Uruguay's army with 30 VBTP-MR Guarani 6x6 "
        "armoured personnel carriers for R$870 million (about US$158 million).",
        published,
    )
    assert (deal.platform, deal.quantity, deal.value, deal.currency) == (
        "VBTP-MR Guarani",
        30,
        Decimal("870000000"),
        "BRL",
    )


def test_the_deal_s_value_said_sentences_later_is_its_price() -> None:
    published = dt.date(2024, 6, 6)
    deal = one(
        "ASTANA, 6 June -- Kazakhstan has signed a contract with Russia for the supply of 12 "
        "Mi-171Sh helicopters, the deputy minister said. The contract was signed on "
        "preferential terms. The first machines will arrive next year. The new helicopters "
        "will be built in Ulan-Ude. According to a source, its value is about 14.5 billion "
        "roubles.",
        published,
    )
    assert (deal.quantity, deal.value, deal.currency) == (12, Decimal("14500000000"), "RUB")


def test_an_estimated_range_of_the_deal_s_value_is_no_price() -> None:
    published = dt.date(2024, 4, 26)
    deal = one(
        "KARACHI -- Pakistan ordered eight Hangor-class submarines from China in 2015. The "
        "first was launched in Wuhan on Friday. It will now undergo sea trials. Four are "
        "being built in Karachi. The value of the deal has never been disclosed, although "
        "estimates put it between $4 billion and $5 billion.",
        published,
    )
    assert (deal.quantity, deal.value) == (8, None)


def test_the_price_per_aircraft_said_later_is_no_deal_s_price() -> None:
    published = dt.date(2025, 6, 18)
    deal = one(
        "LIMA, June 18 (Reuters) - Peru has signed a contract with the United States for 24 "
        "F-16 Block 70 fighters, sources said. The decision ends a long competition. Saab "
        "said it had not been informed. An analyst estimated that the price per aircraft, "
        "excluding support, was around $85 million.",
        published,
    )
    assert (deal.quantity, deal.value) == (24, None)


def test_the_bidders_of_a_competition_are_no_deals() -> None:
    published = dt.date(2025, 10, 2)
    assert not deals_in(
        "ZAGREB, Croatia -- Four shipbuilders have submitted offers in Croatia's competition "
        "for two corvettes, the Ministry of Defence said, but a decision is not expected "
        "before next year. The bids came from Spain's Navantia, which offered a design "
        "derived from its Avante 2200 combatant; Italy's Fincantieri; and Turkey's STM. The "
        "ministry has budgeted 1.1 billion euros for the programme.",
        published,
    )


def test_a_fleet_a_relative_clause_says_is_flown_is_no_deal() -> None:
    published = dt.date(2025, 8, 28)
    assert not deals_in(
        "Poland's defence spending will reach a record next year. The air force, which "
        "flies F-16 fighters and operates Patriot air defence batteries around key cities, "
        "will receive additional funding for airbase protection.",
        published,
    )


def test_a_follow_on_order_and_the_first_of_an_unlisted_type_are_two_deals() -> None:
    published = dt.date(2025, 10, 22)
    found = deals_in(
        "BUDAPEST, Oct 22, 2025 (AFP) - Hungary on Wednesday signed a contract with Turkish "
        "defence firm Nurol Makina for 300 more Gidran armoured vehicles, most of which will "
        "be assembled in Hungary. The deal is worth 110 billion forints. The order follows a "
        "first contract for 40 Gidran vehicles, signed with Nurol in 2020. Since 2016, "
        "Hungary has poured billions into its Zrinyi military modernisation programme, which "
        "Budapest says will cost more than 3,500 billion forints in total.",
        published,
    )
    assert [(c.platform, c.seller, c.quantity, c.value, c.date) for c in found] == [
        ("Gidran", "Turkey", 300, Decimal("110000000000"), "2025-10-22"),
        ("Gidran", "Turkey", 40, None, "2020"),
    ]


def test_a_partner_of_a_later_statement_is_no_party_to_the_deal() -> None:
    published = dt.date(2025, 10, 22)
    deal = one(
        "Hungary has modernised its forces. Among its larger purchases, it bought the NASAMS "
        "air defence system from Norway's Kongsberg in a deal announced in 2020 -- the last "
        "of its batteries entered service in 2024 -- and it is building an ammunition factory "
        "at Varpalota with a German partner.",
        published,
    )
    assert (deal.buyer, deal.seller) == ("Hungary", "Norway")


def test_a_second_contract_of_the_same_signing_is_its_own_deal() -> None:
    published = dt.date(2025, 2, 19)
    found = deals_in(
        "ABU DHABI, 19 February 2025 -- The UAE's Tawazun Council also signed a Dh541 "
        "million contract with Sweden's Saab for Carl-Gustaf M4 weapons for the UAE Land "
        "Forces, and a Dh386 million deal with Germany's Rheinmetall for 20 Skyranger 30 "
        "short-range air defence systems mounted on 8x8 vehicles.",
        published,
    )
    assert [(c.seller, c.quantity, c.value, c.status) for c in found] == [
        ("Sweden", None, Decimal("541000000"), "signed"),
        ("Germany", 20, Decimal("386000000"), "signed"),
    ]


def test_an_east_african_shilling_sum_and_the_fleet_trained_for() -> None:
    published = dt.date(2024, 11, 12)
    deal = one(
        "KAMPALA, 12 November 2024 -- The Uganda People's Defence Forces has cancelled a "
        "contract for six L-39NG jet trainers from the Czech Republic, the ministry said.\n\n"
        "The Shs412 billion (about €101 million) contract with Aero Vodochody, signed in "
        "Prague in March 2023, was meant to replace the air force's tired trainer fleet and "
        "prepare pilots for the Su-30MK2 fighters based at Entebbe.",
        published,
    )
    assert (deal.platform, deal.quantity, deal.value, deal.currency, deal.status) == (
        "L-39NG",
        6,
        Decimal("412000000000"),
        "UGX",
        "cancelled",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "China proposed to supply K-8 trainers to Uganda.",
        "A Chinese proposal to supply K-8 trainers to Uganda was presented in 2023.",
    ],
)
def test_a_proposal_to_supply_is_an_offer(sentence: str) -> None:
    assert one(sentence, dt.date(2024, 11, 12)).status == "proposed"


def test_an_approval_of_support_for_a_fleet_is_no_sale_of_it() -> None:
    assert not deals_in(
        "WASHINGTON -- The U.S. State Department has approved a possible $400 million "
        "Foreign Military Sale to Kuwait for continued support of the emirate's Patriot air "
        "and missile defense batteries, the Defense Security Cooperation Agency said July 29.",
        dt.date(2025, 7, 30),
    )


def test_a_local_outlet_s_lease_priced_in_its_own_dollars_is_its_state_s() -> None:
    published = dt.date(2025, 10, 19)
    deal = one(
        "Opinion: Leasing helicopters is a sticking plaster\n"
        "So the Defence Force is going to rent its helicopters. On Thursday the Ministry of "
        "Defence announced a four-year lease of three Airbus H145M light helicopters from "
        "Airbus Helicopters in Germany, at a cost of NZ$38 million, to cover the gap left by "
        "the grounding of the Air Force's A109 fleet in August. A leased H145M will train "
        "pilots. What it exposes is a system that lets a fleet of five aircraft go to zero "
        "before anyone signs a contract. Across the Tasman, Australia is spending tens of "
        "billions on its own helicopter fleets.",
        published,
    )
    assert (
        deal.buyer,
        deal.seller,
        deal.platform,
        deal.quantity,
        deal.value,
        deal.currency,
    ) == ("New Zealand", "Germany", "H145M", 3, Decimal("38000000"), "NZD")


def test_a_missile_made_by_a_firm_in_a_home_nation_is_that_state_s() -> None:
    deal = one(
        "MUMBAI, Oct 9 (Reuters) - India has agreed to buy Lightweight Multirole Missiles made "
        "by Thales in Northern Ireland in a deal worth 350 million pounds ($468 million), the "
        "British government said. The laser-guided LMM, also known as Martlet, can be fired "
        "from helicopters.",
        dt.date(2025, 10, 9),
    )
    assert (deal.seller, deal.platform, deal.value, deal.currency) == (
        "United Kingdom",
        "LMM Martlet",
        Decimal("350000000"),
        "GBP",
    )


def test_a_count_of_the_described_type_is_the_named_one_s_order() -> None:
    deal = one(
        "RIYADH, Oct 12, 2025 (AFP) - Saudi Arabia on Sunday took delivery of its first K239 "
        "Chunmoo multiple rocket launchers from South Korea at a ceremony, officials said.\n\n"
        "Six launchers were handed over in the presence of a Saudi minister. Saudi Arabia "
        "ordered 36 of the truck-mounted systems from Hanwha Aerospace in a contract signed in "
        "February 2024 and valued at about $1.1 billion, including rockets and training.",
        dt.date(2025, 10, 12),
    )
    assert (deal.platform, deal.quantity, deal.value) == (
        "K239 Chunmoo",
        36,
        Decimal("1100000000"),
    )


def test_a_count_of_a_described_type_with_its_own_total_is_another_deal() -> None:
    found = deals_in(
        "MANILA -- The Philippine Marine Corps received the first two of three BrahMos "
        "batteries from India in April under a US$375-million contract. The PAF has also put "
        "into operation three of the four air surveillance radars supplied by Japan's "
        "Mitsubishi Electric under a P5.5-billion contract.",
        dt.date(2024, 3, 1),
    )
    assert [(c.platform, c.seller) for c in found if c.platform == "BrahMos"] == [
        ("BrahMos", "India")
    ]


def test_all_of_which_were_handed_over_is_said_of_its_own_deal_only() -> None:
    found = deals_in(
        "OSLO -- In 2017 Norway bought 24 K9 self-propelled howitzers from South Korea, all of "
        "which were handed over by 2020, and in 2023 it ordered 54 Leopard 2A8 main battle "
        "tanks from Germany, the first of which are due next year.",
        dt.date(2025, 10, 7),
    )
    assert [(c.platform, c.status) for c in found] == [
        ("K9 Thunder", "delivered"),
        ("Leopard 2", "signed"),
    ]


def test_a_signing_whose_first_and_last_deliveries_are_to_come_is_signed() -> None:
    deal = one(
        "OSLO, 7 October 2025 (NRK) -- The Norwegian Defence Materiel Agency on Tuesday signed "
        "a contract with Finnish manufacturer Patria for 96 Patria 6x6 armoured personnel "
        "carriers, in a deal worth around 4.6 billion kroner that will replace the army's "
        "ageing M113 and XA-186 vehicles. The first vehicles are due to arrive in Norway in "
        "2027, with the last handed over by the end of 2029.",
        dt.date(2025, 10, 7),
    )
    assert (deal.quantity, deal.value, deal.currency, deal.status) == (
        96,
        Decimal("4600000000"),
        "NOK",
        "signed",
    )


def test_ships_a_navy_is_retiring_are_its_own_used_ones_given_up() -> None:
    found = deals_in(
        "BOGOTA, Sept 18 (Reuters) - Colombia has agreed to take over two frigates that "
        "Spain's navy is retiring, the defence ministry said on Thursday.\n\n"
        "Under the agreement signed in Madrid on Wednesday, Colombia will pay about 180 "
        "billion pesos ($44 million) for the Santa Maria-class frigates Navarra and Canarias, "
        "the ministry said.\n\n"
        "The Santa María-class ships, the last two of a class of six commissioned between "
        "1986 and 1994, are being withdrawn as the Spanish navy receives its new F-110 "
        "frigates.",
        dt.date(2025, 9, 18),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency, c.second_hand) for c in found] == [
        ("Colombia", "Spain", 2, Decimal("180000000000"), "COP", True)
    ]


def test_an_idea_raised_is_no_deal() -> None:
    assert not deals_in(
        "BERLIN -- Earlier this month, Foreign Minister Annalena Baerbock raised the idea of a "
        "swap in which Germany would supply Taurus missiles to Britain so that London could "
        "send more of its own long-range weapons to Kyiv. The chancellery dismissed it.",
        dt.date(2024, 3, 14),
    )


def test_an_acronym_the_words_before_spell_out_is_no_designation() -> None:
    assert not deals_in(
        "SAO JOSE DOS CAMPOS, Brazil -- Embraer and Israel Aerospace Industries on Wednesday "
        "signed an agreement to form a joint venture that will design and build a new "
        "medium-altitude long-endurance (MALE) drone.",
        dt.date(2025, 10, 1),
    )


def test_what_a_state_has_agreed_to_supply_is_its_sale_and_of_what_is_added_on() -> None:
    found = deals_in(
        "MOGADISHU, Somalia -- An Egyptian naval vessel unloaded armoured vehicles at "
        "Mogadishu port on Thursday.\n\n"
        "Somali defence officials said the cargo included the first 20 of 60 Fahd armoured "
        "personnel carriers Egypt has agreed to supply under a defence cooperation pact signed "
        "in August, along with dozens of ZU-23-2 anti-aircraft guns and artillery ammunition.",
        dt.date(2024, 10, 3),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [
        ("Somalia", "Egypt", "Fahd"),
        ("Somalia", "Egypt", "ZU-23-2"),
    ]


def test_a_sender_gives_its_own_made_elsewhere_and_receives_in_return() -> None:
    sent = one("Greece will send 40 Soviet-made BMP-1A1 Ost vehicles to Ukraine.")
    assert (sent.buyer, sent.seller, sent.quantity, sent.second_hand) == (
        "Ukraine",
        "Greece",
        40,
        True,
    )
    swap = deals_in(
        "ATHENS, 5 June 2024 -- Greece will send its BMP-1A1 Ost vehicles to Ukraine and "
        "receive 40 Marder 1A3 vehicles from Germany in return, under a ring-exchange "
        "agreement signed in Athens on Wednesday.",
        dt.date(2024, 6, 5),
    )
    assert ("Greece", "Germany", 40) in [(c.buyer, c.seller, c.quantity) for c in swap]


def test_a_follow_on_order_a_body_confirms_is_its_state_s_and_apart() -> None:
    found = deals_in(
        "PARIS -- French land systems maker KNDS France said Tuesday it had received a "
        'follow-on order from "a Baltic customer" for its CAESAR Mk II truck-mounted '
        "howitzer.\n\n"
        "Estonia's Centre for Defence Investment confirmed hours later that it was the "
        "customer, saying it had ordered six additional CAESAR Mk II systems for about €82 "
        "million. The new guns are to be delivered in 2028.\n\n"
        "The order adds to the 12 CAESAR Mk II howitzers Estonia bought in 2024.\n\n"
        "KNDS France is ramping up production at its Bourges plant, in part to meet the "
        "French Army's own order for 109 CAESAR Mk II systems.",
        dt.date(2025, 6, 3),
    )
    assert [(c.buyer, c.quantity, c.value, c.status) for c in found] == [
        ("Estonia", 6, Decimal("82000000"), "signed"),
        ("Estonia", 12, None, "signed"),
    ]


def test_a_maker_that_received_a_follow_on_order_has_signed() -> None:
    assert (
        one(
            "Hanwha said it had received a follow-on order from Estonia for 12 K9 howitzers."
        ).status
        == "signed"
    )


def test_a_fleet_complemented_that_was_bought_is_a_deal() -> None:
    deal = one(
        "The light attack fleet complements the 12 FA-50PH jets the Philippines bought from "
        "South Korea in 2014, which are being upgraded locally.",
        dt.date(2025, 3, 12),
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Philippines", "South Korea", 12)


def test_a_type_ordered_by_many_countries_has_no_one_buyer() -> None:
    assert not deals_in(
        "MANILA -- The Philippines received its last A-29 from Brazil.\n\n"
        "Embraer's defense business has enjoyed a run of orders, driven mainly by its C-390 "
        "Millennium military transport, which has now been ordered by nine countries.",
        dt.date(2025, 3, 12),
    )[1:]


def test_the_last_of_a_follow_on_order_and_the_order_before_are_two_deals() -> None:
    found = deals_in(
        "SAO PAULO/MANILA, March 12 (Reuters) - Brazil's Embraer said on Thursday it had "
        "delivered the sixth and final A-29 Super Tucano light attack aircraft from a 2023 "
        "follow-on order placed by the Philippine Air Force.\n\n"
        "The second batch was ordered in October 2023 for 6.2 billion pesos ($111 million), "
        "and the first aircraft arrived last July.\n\n"
        "The new planes join the six A-29s the Philippines received in 2020 under a 2017 "
        "contract worth about 4.97 billion pesos.",
        dt.date(2025, 3, 12),
    )
    assert [(c.buyer, c.quantity, c.value) for c in found] == [
        ("Philippines", 6, Decimal("6200000000")),
        ("Philippines", 6, Decimal("4970000000")),
    ]


def test_talks_with_rival_makers_over_rival_types_are_no_deal() -> None:
    assert (
        deals_in(
            "Denmark has yet to pick a design. Officials have held talks with BAE Systems on the "
            "Type 26, with Naval Group on the FDI, with TKMS on the MEKO A-400 and with Navantia "
            "on the F-110."
        )
        == []
    )


def test_suppliers_invited_to_submit_offers_are_bidders() -> None:
    assert (
        deals_in(
            "Kongsberg of Norway, offering the NASAMS system it developed with the US firm "
            "Raytheon; Germany's Diehl Defence, with the IRIS-T SLS; and Sweden's Saab, offering "
            "the RBS 70 NG, have been invited to submit best and final offers by September."
        )
        == []
    )


def test_equipment_withdrawn_from_service_is_no_cancelled_deal() -> None:
    assert (
        deals_in(
            "Ireland's air defence regiment flies Swedish RBS 70 launchers. The regiment's "
            "Swedish-made L70 40mm anti-aircraft guns were withdrawn from service more than a "
            "decade ago."
        )
        == []
    )


def test_the_plane_that_carried_a_delivery_is_no_deal() -> None:
    found = deals_in(
        "Cameroon took delivery of two Mi-171Sh helicopters from Russia on Sunday. The "
        "helicopters arrived at Douala aboard a chartered An-124 cargo aircraft."
    )
    assert [(c.platform, c.seller) for c in found] == [("Mi-171Sh", "Russia")]


def test_the_fleet_a_delivery_flies_alongside_is_no_deal() -> None:
    found = deals_in(
        "Turkmenistan has received its third C-27J Spartan from Italy. The first two were "
        "delivered in 2021 and are flown at Ashgabat alongside the service's remaining "
        "An-26 and Il-76 transports."
    )
    assert {c.platform for c in found} == {"C-27J Spartan"}


def test_proposals_considered_before_a_choice_are_no_deals() -> None:
    found = deals_in(
        "Kazakhstan's Ministry of Defence has signed a contract with Czech manufacturer Aero "
        "Vodochody for 12 L-39 Skyfox jet trainers. Proposals were also considered for the "
        "Russian Yak-130 and the Chinese Hongdu L-15, but the Czech aircraft was chosen."
    )
    assert [(c.seller, c.quantity) for c in found] == [("Czechia", 12)]


def test_two_makers_offers_side_by_side_are_rival_bids() -> None:
    found = deals_in(
        "Namibia has signed a contract with Airbus for two C295 transport aircraft. Leonardo "
        "offered the C-27J Spartan with a financing package, while PT Dirgantara Indonesia "
        "pitched the smaller CN235-220."
    )
    assert [c.platform for c in found] == ["C295"]


def test_a_multinational_maker_sells_a_type_from_the_type_s_own_state() -> None:
    found = deals_in(
        "Namibia has signed a contract with Airbus Defence and Space for two C295 transport "
        "aircraft. Bosnia and Herzegovina signed a contract with Airbus Helicopters for three "
        "H145M helicopters."
    )
    assert sorted((c.buyer, c.seller) for c in found) == [
        ("Bosnia and Herzegovina", "Germany"),
        ("Namibia", "Spain"),
    ]
    # a maker with one home is that home's
    assert one("Poland signed a contract with Lockheed Martin for 32 F-35A jets.").seller == (
        "United States"
    )


def test_an_overhaul_contract_and_a_deal_named_beside_it_are_no_deals() -> None:
    found = deals_in(
        "Bosnia and Herzegovina signed a contract with Airbus Helicopters for three H145M "
        "helicopters worth 78.5 million KM (about 40 million euros). In parallel with the "
        "H145M deal, the ministry has signed a contract worth 6.2 million KM with the Czech "
        "company LOM Praha for the overhaul of two Mi-8MTV helicopters."
    )
    assert [(c.platform, c.quantity, c.value, c.currency) for c in found] == [
        ("H145M", 3, Decimal("78500000"), "BAM")
    ]


def test_cfa_francs_are_the_story_s_state_s() -> None:
    assert [m.currency for m in find_money("27 billion CFA francs", home="CMR")] == ["XAF"]
    assert [m.currency for m in find_money("27 billion CFA francs", home="MLI")] == ["XOF"]
    assert find_money("a range of 1.5 thousand km") == []


def test_an_authorised_strength_is_no_approval() -> None:
    assert (
        deals_in(
            "An Indian Air Force Jaguar crashed on Thursday. The crash will add to pressure "
            "on an air force that has 29 fighter squadrons against an authorised strength of "
            "42, after the last MiG-21s were retired in September."
        )
        == []
    )


def test_the_fleet_money_is_approved_to_replace_is_no_deal() -> None:
    found = deals_in(
        "Peru in talks with South Korea to buy KF-21 fighters\n"
        "LIMA, Jan 22 (Reuters) - Peru is negotiating with South Korea to buy up to 24 KF-21 "
        "Boramae fighter jets, two Peruvian officials said on Thursday, in what would be the "
        "first export order for the Korean jet.\n\nPeru's defence ministry and South Korea's "
        "Defense Acquisition Program Administration have held three rounds of talks since "
        "October on a government-to-government deal. No contract has been signed and a price "
        "has not been agreed, the official said.\n\nPeru's Congress last year approved up to 7 "
        "billion soles ($2.1 billion) for a new fighter programme to replace the air force's "
        "ageing MiG-29 and Mirage 2000 jets, which date from the 1980s and 1990s and are now "
        "largely grounded."
    )
    assert [c.platform for c in found] == ["KF-21 Boramae"]


def test_the_korean_jet_is_a_type_not_a_buyer() -> None:
    deal = one(
        "Peru in talks with South Korea to buy KF-21 fighters\n"
        "LIMA, Jan 22 (Reuters) - Peru is negotiating with South Korea to buy up to 24 KF-21 "
        "Boramae fighter jets, two Peruvian officials said on Thursday, in what would be the "
        "first export order for the Korean jet."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Peru", "South Korea", 24)


def test_offers_listed_with_the_verb_left_out_are_all_rivals() -> None:
    found = deals_in(
        "Peru is negotiating with South Korea to buy 24 KF-21 fighters. Sweden's Saab had "
        "offered its Gripen E and Lockheed Martin the F-16 Block 70, and both companies were "
        "told in December that Lima had chosen to focus on the Korean option."
    )
    assert [c.platform for c in found] == ["KF-21 Boramae"]


def test_a_contract_with_a_state_s_defence_ministry_makes_it_the_buyer() -> None:
    deal = one(
        "Turkiye to supply Iraq with howitzers\n"
        "ANKARA (AA) - Turkiye's state-owned Machinery and Chemical Industry (MKE) has signed a "
        "contract with Iraq's Defense Ministry for the delivery of 24 T-155 Firtina-II "
        "self-propelled howitzers, the Presidency of Defense Industries announced on Tuesday."
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Iraq", "Turkey", 24)


def test_a_count_before_a_former_owner_s_service() -> None:
    deal = one(
        "Iraq relies on 24 refurbished ex-U.S. Army M109A5 howitzers that Washington "
        "delivered from 2010."
    )
    assert (deal.quantity, deal.seller, deal.second_hand) == (24, "United States", True)


def test_withdrawing_from_a_contract_cancels_it_and_from_a_state_does_not() -> None:
    deal = one(
        "The government decided on Thursday to withdraw from the contract for 18 CAESAR Mk II "
        "howitzers that Slovenia signed with France in 2023."
    )
    assert (deal.buyer, deal.status) == ("Slovenia", "cancelled")
    assert [c.status for c in deals_in(
        "Niger has received its first TB2 drones from Turkey. France is relocating part of "
        "its force to Niamey after withdrawing from Mali, and the United States flies MQ-9 "
        "Reaper aircraft from Agadez."
    )] == ["delivering"]  # fmt: skip


def test_began_receiving_is_a_delivery_under_way() -> None:
    deal = one(
        "Belgium ordered nine CAESAR Mk II systems in 2021 and began receiving them last year."
    )
    assert (deal.quantity, deal.status) == (9, "delivering")


def test_the_type_alongside_which_a_state_ordered_is_its_deal() -> None:
    deal = one(
        "The system will form the medium-range layer of Latvia's air defence, alongside the "
        "IRIS-T SLM that Latvia ordered from Germany in 2023, the first unit of which arrived "
        "last year."
    )
    assert (deal.buyer, deal.seller, deal.status) == ("Latvia", "Germany", "delivering")


def test_the_second_of_three_arrived_is_a_delivery_under_way_and_the_agreement_s_worth() -> None:
    deal = one(
        "Second NASAMS battery arrives in Latvia\n"
        "RIGA, Nov 14 (LETA) -- The second of three NASAMS medium-range air defence batteries "
        "ordered from Norway has arrived in Latvia, the Defence Ministry said on Friday.\n\n"
        "The battery was transported by rail and sea from Kongsberg's facilities in Norway. "
        "Latvia signed the contract with Norwegian manufacturer Kongsberg in February 2024. "
        "The agreement, worth 380 million euros, covers three batteries, missiles and training."
    )
    assert (deal.quantity, deal.status, deal.value, deal.currency) == (
        3, "delivering", Decimal("380000000"), "EUR",
    )  # fmt: skip


def test_part_of_a_fleet_a_purchase_will_replace_is_no_deal() -> None:
    found = deals_in(
        "Greece's parliament approved the purchase of 36 K9A1 howitzers from South Korea. The "
        "K9 would join the 24 PzH 2000 that Greece bought from Germany in 2003, and replace "
        "part of an ageing fleet of M109A5 guns and the M110A2 203mm howitzers handed over by "
        "the United States as surplus in the 1990s."
    )
    assert "M109A5" not in {c.platform for c in found}
    assert {"K9 Thunder", "PzH 2000", "M110A2"} <= {c.platform for c in found}


def test_a_number_right_after_a_type_s_name_is_its_mark() -> None:
    found = deals_in(
        "Defence Ministry signs with Rheinmetall: Romania buys Skyranger 35 anti-aircraft "
        "systems\n"
        "BUCHAREST, 16 September 2025 -- Romania's Ministry of National Defence on Tuesday "
        "signed a contract with the German government and Rheinmetall for 18 Skyranger 35 "
        "mobile air defence systems, in a deal worth 2.15 billion lei (about 430 million euros)."
    )
    assert [(c.quantity, c.value, c.currency) for c in found] == [
        (18, Decimal("2150000000"), "RON")
    ]


def test_a_foreign_military_sale_s_price_and_a_word_before_its_conversion() -> None:
    deal = one(
        "Poland signs for MQ-9B SkyGuardian drones\n"
        "WARSAW, 21 March 2025 -- The Armament Agency on Friday signed an agreement with the "
        "United States government for eight MQ-9B SkyGuardian unmanned aerial vehicles. The "
        "contract, concluded under the Foreign Military Sales procedure, is worth PLN 1.42 "
        "billion gross (approximately USD 355 million)."
    )
    assert (deal.quantity, deal.value, deal.currency) == (8, Decimal("1420000000"), "PLN")


def test_sales_worth_a_combined_sum_are_no_one_deal_s_price() -> None:
    found = deals_in(
        "US clears nearly $2 billion in air defense and radar sales to Taiwan\n"
        "WASHINGTON - The U.S. State Department has approved two possible Foreign Military "
        "Sales to Taiwan worth a combined $1.988 billion, including the first transfer of the "
        "National Advanced Surface-to-Air Missile System to the island. The larger case, "
        "estimated at $1.16 billion, covers three NASAMS fire units."
    )
    assert [(c.quantity, c.value) for c in found] == [(3, Decimal("1160000000"))]


def test_a_state_just_named_that_handed_over_is_the_giver() -> None:
    found = deals_in(
        "Poland hands over 40 PT-91 Twardy tanks to Ukraine\n"
        "KYIV, 14 May 2025 -- Poland will transfer 40 PT-91 Twardy main battle tanks from its "
        "stocks to Ukraine, Ukraine's defence minister announced on Wednesday. The tanks alone "
        "are valued by the Polish side at about PLN 560 million.\n\nPoland was one of the "
        "first countries to send tanks to Ukraine. In 2022 it handed over more than 250 T-72 "
        "tanks from its reserves."
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.value) for c in found) == [
        ("Ukraine", "Poland", 40, Decimal("560000000")),
        ("Ukraine", "Poland", 250, None),
    ]


def test_a_price_in_a_currency_named_after_a_state_and_four_radars_delivered() -> None:
    found = deals_in(
        "Armenia to acquire six more SWATHI radars from India\n"
        "YEREVAN, NOVEMBER 19, ARMENPRESS. The Ministry of Defense of Armenia has signed a "
        "contract with India's state-owned Bharat Electronics Limited for six SWATHI weapon "
        "locating radars. The value of the contract is about 26 billion drams (approximately "
        "67 million US dollars).\n\nIn 2020 Yerevan signed a 40 million dollar contract for "
        "four SWATHI radars, which were delivered in 2021."
    )
    assert sorted((c.quantity, c.value, c.currency, c.status) for c in found) == [
        (4, Decimal("40000000"), "USD", "delivered"),
        (6, Decimal("26000000000"), "AMD", "signed"),
    ]


def test_a_buyer_that_will_take_a_count_under_a_contract_has_signed() -> None:
    found = deals_in(
        "Uzbekistan signs deal for Pakistani JF-17 fighters\n"
        "ISLAMABAD, Nov 18 (Reuters) - Uzbekistan has signed a contract to buy 14 JF-17 Block "
        "III fighter jets from Pakistan, officials said.\n\nUnder a separate, smaller "
        "contract, Uzbekistan will also take eight Super Mushshak basic trainers built by "
        "Pakistan Aeronautical Complex at Kamra, the official said. Chinese officials had "
        "offered it the J-10CE, according to two people briefed on the talks."
    )
    assert sorted((c.platform, c.quantity, c.status) for c in found) == [
        ("JF-17 Thunder", 14, "signed"),
        ("Super Mushshak", 8, "signed"),
    ]


def test_two_of_the_drones_landed_is_a_batch_of_the_order_and_export_takings_no_price() -> None:
    found = deals_in(
        "Morocco receives first Turkish Akinci attack drones\n"
        "Rabat, March 6, 2025 (AFP) - Morocco has taken delivery of the first of its "
        "Turkish-made Bayraktar Akinci combat drones, the Royal Armed Forces said Thursday.\n\n"
        "Two of the large twin-engine drones landed this week at an air base near Ben Guerir. "
        "A Moroccan military source told AFP that Rabat had ordered six Akinci from "
        "manufacturer Baykar in 2023. Rabat bought Bayraktar TB2 drones in 2021. Baykar says "
        "it earned $1.8 billion from exports last year."
    )
    assert [(c.quantity, c.status) for c in found if c.platform == "Bayraktar Akinci"] == [
        (6, "delivering")
    ]
    assert [c.value for c in found] == [None, None]


def test_a_state_across_a_border_is_no_seller_and_a_project_number_no_count() -> None:
    found = deals_in(
        "The Bangladesh Army bought a dozen Bayraktar TB2 drones from Turkey in 2022, "
        "deploying part of the fleet near the border with Myanmar. In 2017 the Nicaraguan "
        "Navy received two Project 14310 Mirazh patrol boats from Russia."
    )
    assert sorted((c.buyer, c.seller, c.quantity) for c in found) == [
        ("Bangladesh", "Turkey", 12),
        ("Nicaragua", "Russia", 2),
    ]


def test_an_offer_not_taken_up_is_no_deal() -> None:
    assert (
        deals_in(
            "Iraq signed for 12 Aksungur drones from Turkey. South Korea's KAI had offered "
            "Baghdad its FA-50 light combat aircraft last year, but the ministry has not taken "
            "up the offer."
        )[1:]
        == []
    )


def test_completing_an_order_delivers_it_and_craft_handed_to_a_navy_are_given() -> None:
    found = deals_in(
        "UAE Navy receives second patrol ship\n"
        "ABU DHABI, November 19, 2024 -- The UAE Navy took delivery of its second Falaj "
        "3-class offshore patrol vessel from Italy on Monday, completing a two-ship order "
        "placed at Navdex 2021.\n\nEarlier this year, the UAE also handed two retired Ban "
        "Yas-class fast attack craft to the Somali Navy."
    )
    assert sorted((c.buyer, c.seller, c.status) for c in found) == [
        ("Somalia", "United Arab Emirates", "delivered"),
        ("United Arab Emirates", "Italy", "delivered"),
    ]


def test_the_transfer_of_a_navy_s_ships_is_its_giving_up_and_a_budget_no_price() -> None:
    found = deals_in(
        "Romania moves to buy two Dutch M-frigates\n"
        "BUCHAREST, 20 January 2026 -- Romania and the Netherlands have signed a letter of "
        "intent covering the transfer of the Royal Netherlands Navy's last two Karel "
        "Doorman-class multipurpose frigates, the Romanian Ministry of National Defence said. "
        "Romania bought two Type 22 frigates from the United Kingdom in 2003. The navy has "
        "asked parliament for 2.4 billion lei in its 2026 budget to upgrade the Type 22s."
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.value, c.second_hand) for c in found) == [
        ("Romania", "Netherlands", 2, None, True),
        ("Romania", "United Kingdom", 2, None, None),
    ]


def test_what_a_buyer_will_pay_for_the_aircraft_is_the_price_and_a_kc130h_is_a_c130() -> None:
    found = deals_in(
        "Paraguay to receive six refurbished T-35 Pillan trainers from Chile\n"
        "ASUNCION, 11 March 2025 -- The Paraguayan Air Force will receive six T-35 Pillan "
        "primary trainers from Chile under an agreement signed on Monday. Paraguay will pay "
        "46,800 million guaranies (about USD 6 million) for the aircraft. In 2021, Uruguay "
        "bought two KC-130H Hercules transport aircraft from Spain."
    )
    assert sorted((c.buyer, c.family, c.value) for c in found) == [
        ("Paraguay", "t35", Decimal("46800000000")),
        ("Uruguay", "c130j", None),
    ]


def test_a_support_deal_to_keep_its_fleet_flying_is_no_deal() -> None:
    assert (
        deals_in(
            "Uruguay signs support deal to keep its C-130H fleet flying\n"
            "MONTEVIDEO, 24 September 2024 -- Uruguay's Ministry of National Defence has "
            "signed a $19.6 million, three-year contract with a US company for spare parts, "
            "depot maintenance and engine overhauls for the Uruguayan Air Force's C-130H "
            "Hercules transports."
        )
        == []
    )


def test_an_offer_the_buyer_passed_over_or_declined_and_a_plane_arrived_by() -> None:
    found = deals_in(
        "Zambia Air Force receives final AC312E helicopters from China\n"
        "LUSAKA, 21 August 2024 -- The Zambia Air Force has taken delivery of the last of "
        "three Avicopter AC312E utility helicopters ordered from China, completing a contract "
        "worth K612 million. The third aircraft was handed over on Tuesday, following the "
        "first two which arrived by Antonov An-124 in May. Otokar had also offered its heavier "
        "Arma 6x6 wheeled armoured vehicle, but the air force opted for the helicopters. "
        "Rosoboronexport offered Mi-171Sh transport helicopters at a discount, but Zambian "
        "officers declined."
    )
    assert [(c.platform, c.quantity, c.value, c.currency) for c in found] == [
        ("AC312E", 3, Decimal("612000000"), "ZMW")
    ]


def test_a_state_s_name_opening_a_currency_s_is_no_party_but_a_verb_after_it_is() -> None:
    from tracker.extract.money import currency_named_after

    assert currency_named_after(" dollars (approximately)")
    assert currency_named_after(" korunas")
    assert not currency_named_after(" won the tender")  # "South Korea won the tender"
    assert not currency_named_after(" Defence Ministry")


def test_the_importer_a_sentence_names_buys_in_the_next_whatever_sellers_it_names() -> None:
    found = deals_in(
        "Trends in International Arms Transfers\n"
        "STOCKHOLM, 13 March 2023 -- International transfers of major arms fell. India "
        "remained the world's largest importer, with 11 per cent of the global total. The "
        "final aircraft of the 36 Rafale fighters ordered from France were delivered in 2022."
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("India", "France", "Rafale", 36, "delivered")
    ]


def test_what_a_state_sends_while_deploying_to_an_exercise_is_no_deal() -> None:
    assert (
        deals_in(
            "Pitch Black 2026: record 21 nations descend on the Top End\n"
            "DARWIN, 14 July 2026 -- Exercise Pitch Black gets under way with 21 nations. "
            "Singapore, which has long kept a fighter training detachment in Australia, has "
            "brought F-15SG and F-16 fighters. Indonesia is deploying its F-16 fighters "
            "alongside a KC-130B tanker, and for the first time will send a CN235 maritime "
            "patrol aircraft."
        )
        == []
    )
    # a deployment told in the past is no exercise's: what is sent after it is aid
    (found,) = deals_in(
        "Germany, which deployed a brigade to Lithuania last year, will send two more "
        "IRIS-T SLM systems to Ukraine."
    )
    assert (found.buyer, found.seller, found.quantity) == ("Ukraine", "Germany", 2)


def test_makers_offering_their_types_side_by_side_are_contenders() -> None:
    assert (
        deals_in(
            "Colombian Navy narrows maritime patrol aircraft race\n"
            "BOGOTÁ, 2 October 2025 -- The Colombian Navy has a requirement for new maritime "
            "patrol aircraft. Airbus is offering the C295 MPA, Leonardo has proposed the "
            "ATR 72-based P-72B, and Textron Aviation is bidding a King Air 360ER."
        )
        == []
    )


def test_a_maker_s_output_of_the_year_to_no_buyer_named_is_no_deal() -> None:
    assert (
        deals_in(
            "Airbus Helicopters books 450 orders as military share climbs\n"
            "MARIGNANE, France -- Airbus Helicopters ended 2024 with 450 net orders. The "
            "company delivered 14 NH90s during the year through the NHIndustries consortium."
        )
        == []
    )


def test_an_option_exercised_is_an_order_and_us_before_weapons_is_an_adjective() -> None:
    found = deals_in(
        "Army orders three more AW149s as US attack helicopters run late\n"
        "BANGKOK, Jan 22, 2025 -- The Royal Thai Army has exercised an option for three "
        "more AW149 medium-lift helicopters from Italy's Leonardo. The contract amendment, "
        "worth 3.69 billion baht, was signed in Bangkok on Monday. The three AW149s are due "
        "in 2027. The army received its first five AW149s, bought under a 2019 contract, by "
        "the end of 2021."
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency, c.status) for c in found] == [
        ("Thailand", "Italy", 3, Decimal("3690000000"), "THB", "signed"),
        ("Thailand", "Italy", 5, None, None, "delivering"),
    ]


def test_a_threshold_for_deals_is_no_deal_s_value_nor_work_on_a_fleet_a_deal() -> None:
    found = deals_in(
        "Thai army signs for AH-6i helicopters\n"
        "BANGKOK, Jan 22, 2025 -- The Royal Thai Army signed a contract for eight AH-6i "
        "light attack helicopters from the United States. The deal is among the first to "
        "fall under the new offset policy, which requires foreign suppliers on deals worth "
        "more than 1 billion baht to return 30 per cent of the value. Boeing has agreed to "
        "set up a support centre with Thai Aviation Industries, which is already "
        "refurbishing the army's ageing Bell 212 fleet."
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [("MD 530", 8, None)]


def test_quetzales_in_a_story_of_guatemala_and_a_quarter_elsewhere() -> None:
    (found,) = deals_in(
        "Congress approves Q412 million for two Israeli patrol boats\n"
        "GUATEMALA CITY, 28 October 2025 -- The Congress of the Republic on Tuesday approved "
        "a decree authorising the Ministry of National Defence to spend up to Q412 million "
        "(about US$53 million) on two Shaldag Mk V fast patrol boats from Israel Shipyards."
    )
    assert (found.buyer, found.value, found.currency) == ("Guatemala", 412_000_000, "GTQ")
    assert find_money("results for Q3 2025 and a Q4 million loss", home="FRA") == []


def test_a_notice_that_says_no_contract_is_signed_and_a_sign_that_is_a_noun() -> None:
    (found,) = deals_in(
        "US approves possible sale of six MH-60R Seahawk helicopters to Brazil\n"
        "RIO DE JANEIRO, 6 November 2024 -- The US State Department has approved a possible "
        "Foreign Military Sale to Brazil of six MH-60R Seahawk multi-mission helicopters, at "
        "an estimated cost of US$1.35 billion. The notification does not mean a contract has "
        "been signed. In South America, the MH-60R would place Brazil alongside navies that "
        "already fly modern Seahawk variants, and analysts see the request as a sign that the "
        "Navy wants to consolidate its helicopter fleet."
    )
    assert (found.platform, found.quantity, found.status) == ("MH-60R Seahawk", 6, "approved")


def test_a_purchase_between_two_years_long_ago_is_delivered_and_s70b_is_no_mh60r() -> None:
    found = deals_in(
        "Brazil's navy helicopters\n"
        "RIO DE JANEIRO, 6 November 2024 -- The MH-60R would join the six S-70B Seahawks that "
        "Brazil bought from the United States between 2011 and 2015.",
        dt.date(2024, 11, 6),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Brazil", "S-70B Seahawk", 6, "delivered")
    ]


def test_offers_received_for_rival_types_with_none_chosen_are_no_deal() -> None:
    assert (
        deals_in(
            "Peru's fighter replacement stalls\n"
            "LIMA, 15 May 2024 -- A bill that would authorise borrowing to replace the ageing "
            "MiG-29 fleet has been stuck since March. The Air Force has received offers for "
            "the Gripen, the F-16 Block 70 and the Rafale, but the government has not chosen "
            "a type."
        )
        == []
    )


def test_a_show_named_after_a_capital_is_no_state_and_a_deal_called_off_is_cancelled() -> None:
    found = deals_in(
        "Malaysian Army signs lease-to-buy deal for four AW149s\n"
        "KUALA LUMPUR -- Malaysia's Ministry of Defence has signed a lease-to-buy agreement "
        "with Italy's Leonardo for four AW149 medium utility helicopters. The agreement, "
        "signed at the LIMA 2025 exhibition in Langkawi on 20 May, is worth RM598 million "
        "(USD139 million). The army has struggled to generate lift since MINDEF terminated a "
        "RM187 million contract with local firm Aerotree in 2024. That deal, signed in 2023, "
        "was to lease four refurbished former US Army UH-60A Black Hawks to the service, but "
        "the company missed successive delivery deadlines and none of the aircraft reached "
        "Malaysia.",
        dt.date(2025, 5, 21),
    )
    assert [(c.platform, c.quantity, c.value, c.currency, c.status) for c in found] == [
        ("AW149", 4, Decimal("598000000"), "MYR", "signed"),
        ("UH-60 Black Hawk", 4, Decimal("187000000"), "MYR", "cancelled"),
    ]


def test_a_dauphin_by_its_version_mark() -> None:
    (found,) = deals_in(
        "Lithuania's rescue helicopters\n"
        "VILNIUS -- The new helicopters will fly alongside the three AS365N3+ Dauphin "
        "search-and-rescue helicopters that Lithuania bought from France's Airbus Helicopters "
        "and received in 2015 and 2016.",
        dt.date(2024, 11, 27),
    )
    assert (found.buyer, found.seller, found.quantity, found.status) == (
        "Lithuania",
        "France",
        3,
        "delivered",
    )


def test_a_programme_s_raised_ceiling_is_no_deal_s_price() -> None:
    deal = one(
        "Army gets last MD530G helicopters\n"
        "KUALA LUMPUR, Feb 20, 2024 -- The Army Air Corps has taken delivery of the last of "
        "six MD530G light scout attack helicopters bought from the United States. The "
        "programme is still years late after the government raised the programme's ceiling "
        "to RM11.2 billion.",
        dt.date(2024, 2, 20),
    )
    assert (deal.quantity, deal.value, deal.status) == (6, None, "delivered")


def test_a_us_helicopter_purchase_names_the_us_as_no_buyer() -> None:
    found = deals_in(
        "Air Force receives first Black Hawks\n"
        "JAKARTA, July 15, 2025 -- The Indonesian Air Force on Monday received the first two "
        "of 24 S-70M Black Hawk helicopters ordered from US manufacturer Sikorsky. The Black "
        "Hawks are the largest US helicopter purchase by Indonesia since the Army's eight "
        "AH-64E Apache attack helicopters, bought from the United States in 2012 and "
        "delivered in 2017 and 2018.",
        dt.date(2025, 7, 15),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found][-1] == (
        "Indonesia",
        "AH-64 Apache",
        8,
        "delivered",
    )


def test_boats_received_then_named_by_their_count_are_that_type() -> None:
    (found,) = deals_in(
        "US hands Coast Guard two refurbished patrol boats\n"
        "PUNTARENAS, 17 September 2024 -- Costa Rica's National Coast Guard Service received "
        "two patrol boats from the United States on Tuesday. The two 110-foot Island-class "
        "boats were decommissioned by the US Coast Guard in 2022. Washington valued the pair "
        "at US$9.6 million.",
        dt.date(2024, 9, 18),
    )
    assert (found.buyer, found.platform, found.quantity, found.value) == (
        "Costa Rica",
        "Island-class patrol boat",
        2,
        Decimal("9600000"),
    )


def test_a_state_building_boats_for_a_buyer_sells_them_and_a_delay_is_no_type() -> None:
    found = deals_in(
        "First Japanese-built patrol ship for Vietnam Coast Guard arrives two years late\n"
        "HAI PHONG, March 11, 2025 -- The first of six 79-metre patrol vessels Japan is "
        "building for the Vietnam Coast Guard arrived in Hai Phong on Monday, more than two "
        "years behind the schedule set when the shipbuilding contract was signed in 2021. "
        "The Border Guard separately took 12 high-speed guard boats built in India under a "
        "US$100 million Indian line of credit, the last of which was handed over in 2023.",
        dt.date(2025, 3, 11),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity) for c in found] == [
        ("Vietnam", "Japan", "patrol vessel", 6),
        ("Vietnam", "India", "high-speed guard boat", 12),
    ]


def test_the_benchmark_reads_an_annotated_description_in_the_singular() -> None:
    from benchmarks.extract import _canonical_platform

    assert _canonical_platform("patrol vessels", NAMES) == _canonical_platform(
        "patrol vessel", NAMES
    )
    assert _canonical_platform("CB90s", NAMES) != _canonical_platform("patrol vessel", NAMES)
    # ... and a known name in the plural
    assert _canonical_platform("SIGMA corvettes", NAMES) == _canonical_platform(
        "SIGMA corvette", NAMES
    )


def test_another_state_that_selected_the_type_just_named_is_its_buyer() -> None:
    found = deals_in(
        "Indonesia signs for Hurjet advanced trainers\n"
        "JAKARTA -- Indonesia has signed a contract with Turkish Aerospace for 12 Hurjet "
        "advanced jet trainers, valued at Rp10.5 trillion. The Hurjet made its first flight in "
        "April 2023 and is due to enter Turkish Air Force service next year. Spain has "
        "selected the type to replace its ageing F-5M trainers, with a contract expected "
        "later in 2025.",
        dt.date(2025, 6, 12),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Indonesia", "Turkey", 12, "signed"),
        ("Spain", "Turkey", None, "negotiating"),
    ]


def test_a_unit_sent_to_an_exercise_is_no_delivery() -> None:
    assert (
        deals_in(
            "Namejs exercise opens at Adazi\n"
            "RIGA -- A Swedish mechanised battalion with CV90 infantry fighting vehicles "
            "crossed the Baltic by ferry to Liepaja last week, the first time Sweden has sent "
            "a unit of that size to Latvia.",
            dt.date(2025, 9, 1),
        )
        == []
    )


def test_the_donated_vehicles_a_new_order_makes_up_for_are_not_its_stage() -> None:
    found = deals_in(
        "Denmark donates Piranha vehicles to Ukraine and orders new ones\n"
        "Ministry of Defence, 5 March 2025 -- The first ten Piranha III vehicles were handed "
        "over to Ukraine last week. To make up for the donated vehicles, the Danish Ministry "
        "of Defence Acquisition and Logistics Organisation (FMI) has today placed an order for "
        "34 new Piranha V armoured personnel carriers with the Swiss manufacturer Mowag.",
        dt.date(2025, 3, 5),
    )
    assert ("Denmark", "Switzerland", 34, "signed") in [
        (c.buyer, c.seller, c.quantity, c.status) for c in found
    ]


def test_a_customer_whose_name_was_not_disclosed_buys_nothing_the_tool_can_name() -> None:
    found = deals_in(
        "Baykar signs export deals with 3 countries at IDEF 2025\n"
        "ISTANBUL (AA) - Turkish drone maker Baykar has signed export agreements with three "
        "countries. Angola placed a follow-on order for six more Bayraktar TB2 drones. A "
        "third country, whose name was not disclosed at the customer's request, signed for "
        "the ship-based Bayraktar TB3, the company said.",
        dt.date(2025, 7, 25),
    )
    assert [(c.buyer, c.quantity) for c in found] == [("Angola", 6)]
    assert (
        deals_in(
            "IAI signs NIS 1.18b air defense deal\n"
            "Israel Aerospace Industries today reported that it has signed a contract worth "
            "about NIS 1.18 billion with a country in Asia for the supply of Barak MX air and "
            "missile defense systems.",
            dt.date(2025, 5, 6),
        )
        == []
    )


def test_a_contract_that_will_see_a_maker_supply_is_a_sale_apart_from_the_first() -> None:
    found = deals_in(
        "Elbit wins $278 million in deals\n"
        "The second contract, worth about $96 million, will see Elbit supply 18 ATMOS 2000 "
        "truck-mounted self-propelled howitzers to Thailand, to be delivered within two "
        "years. The Thai army first bought six ATMOS 2000 guns from Elbit in 2012.",
        dt.date(2025, 11, 20),
    )
    assert sorted((c.buyer, c.quantity, c.value, c.status) for c in found) == [
        ("Thailand", 6, None, "delivered"),
        ("Thailand", 18, Decimal("96000000"), "signed"),
    ]


def test_a_version_of_a_known_type_comes_from_where_the_known_type_does() -> None:
    found = deals_in(
        "Sweden buys 44 new tanks\n"
        "STOCKHOLM, 16 January 2025 (SVT) -- The Defence Materiel Administration (FMV) has "
        "signed an order for 44 new Stridsvagn 123 main battle tanks, the Swedish version of "
        "the German Leopard 2A8. The order is worth around 12 billion kronor.",
        dt.date(2025, 1, 16),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency) for c in found] == [
        ("Sweden", "Germany", 44, Decimal("12000000000"), "SEK")
    ]


def test_a_procurement_agency_stands_for_its_state() -> None:
    found = deals_in(
        "Sweden gave ten Strv 122 tanks to Ukraine in the spring of 2023.\n"
        "The tank order comes in the same week that FMV signed for more CV90 infantry "
        "fighting vehicles and Archer artillery systems from BAE Systems Hägglunds, built "
        "in Sweden. DAPA signed a contract with Hanwha Aerospace for 20 more K9 howitzers.",
        dt.date(2025, 1, 16),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [("Ukraine", "Sweden", "Strv 122")]


def test_the_type_a_running_total_counts_is_no_other_order() -> None:
    found = deals_in(
        "VIENNA, 5 June 2025 -- The Federal Ministry of Defence has concluded a framework "
        "contract with the Swedish company Saab for 1,200 Carl-Gustaf M4 recoilless rifles. "
        "It was concluded with the Swedish Defence Materiel Administration (FMV). In "
        "parallel, the ministry confirmed that a further 36 Pandur Evolution armoured "
        "personnel carriers had been ordered from General Dynamics European Land "
        "Systems-Steyr in Vienna, bringing the total number of Pandur Evolution vehicles "
        "contracted since 2016 to 270. The value of this order was given as EUR 155 million.",
        dt.date(2025, 6, 5),
    )
    pandurs = [(c.buyer, c.quantity, c.value) for c in found if c.family == "pandurii"]
    assert pandurs == [("Austria", 36, Decimal("155000000"))]


def test_a_joint_order_s_shares_a_sentence_later_take_their_own_counts_and_prices() -> None:
    found = deals_in(
        "TALLINN, 23 September 2025 -- Estonia, Latvia and Lithuania on Tuesday signed a joint "
        "contract with Swedish defence company Saab for RBS 70 NG short-range air defence "
        "systems. The contract, worth EUR 218 million in total, was signed in Tallinn by the "
        "Estonian Centre for Defence Investment. Estonia will receive 20 firing units for "
        "EUR 84 million, Lithuania 16 for EUR 76 million and Latvia 12 for EUR 58 million, "
        "with deliveries starting in 2027.",
        dt.date(2025, 9, 23),
    )
    assert sorted((c.buyer, c.quantity, c.value) for c in found) == [
        ("Estonia", 20, Decimal("84000000")),
        ("Latvia", 12, Decimal("58000000")),
        ("Lithuania", 16, Decimal("76000000")),
    ]


def test_the_investment_a_sentence_opens_on_is_the_deal_just_reported() -> None:
    found = deals_in(
        "OSLO, 11 June 2025 (NTB) -- The Storting on Tuesday approved the purchase of six "
        "UH-60M Black Hawk helicopters from the United States for the Air Force's 339 "
        "Squadron. The investment is put at 4.9 billion kroner, including spare parts.",
        dt.date(2025, 6, 11),
    )
    assert [(c.buyer, c.quantity, c.value, c.currency) for c in found] == [
        ("Norway", 6, Decimal("4900000000"), "NOK")
    ]
    budget = deals_in(
        "Norway ordered six UH-60M Black Hawk helicopters from the United States in June. "
        "Defence investment rose to 40 billion kroner this year.",
        dt.date(2025, 11, 11),
    )
    assert [(c.quantity, c.value) for c in budget] == [(6, None)]


def test_a_fleet_the_article_s_state_hands_over_is_its_own_used_one() -> None:
    found = deals_in(
        "Lithuania receives second pair of Black Hawks as Mi-8 era ends\n"
        "VILNIUS, Lithuania -- The Lithuanian Air Force took delivery of two more UH-60M "
        "Black Hawk helicopters, bringing to four the number received under a six-helicopter "
        "order from the United States. The Black Hawks replace the air force's Soviet-era "
        "Mi-8 fleet, which was formally retired in September. Several of the Mi-8s, after "
        "overhaul, were handed over to Ukraine earlier this year, according to the ministry.",
        dt.date(2024, 11, 27),
    )
    assert [(c.buyer, c.seller, c.second_hand) for c in found if c.buyer == "Ukraine"] == [
        ("Ukraine", "Lithuania", True)
    ]


def test_a_state_handed_another_its_systems_gives_to_that_state() -> None:
    found = deals_in(
        "Kyiv's appetite is bottomless. Germany has already handed Ukraine three Patriot "
        "systems from Bundeswehr stocks.",
        dt.date(2025, 9, 4),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Ukraine", "Germany", 3)]


def test_a_gift_said_in_the_passive_goes_to_the_lead_deal_s_buyer_not_a_neighbour_s() -> None:
    found = deals_in(
        "Congress approves Q412 million for two Israeli patrol boats\n"
        "GUATEMALA CITY, 28 October 2025 -- The Congress of the Republic on Tuesday approved "
        "a decree authorising the Ministry of National Defence to spend up to Q412 million on "
        "two Shaldag Mk V fast patrol boats from Israel Shipyards.\n\n"
        "The Shaldag is already in service in the region. Honduras bought two Shaldag boats "
        "from Israel in 2016 for its naval force.\n\n"
        "The Air Force is also awaiting funding. It still flies three second-hand Bell UH-1H "
        "helicopters donated by Taiwan in 2019.",
        dt.date(2025, 10, 29),
    )
    assert ("Guatemala", "Taiwan", 3) in [(c.buyer, c.seller, c.quantity) for c in found]


def test_aircraft_sent_to_take_part_in_an_exercise_are_no_transfer() -> None:
    text = (
        "DARWIN, 21 July 2026 -- About 140 aircraft from 20 nations are taking part in "
        "Exercise Pitch Black, which Australia hosts every two years. The Philippine Air "
        "Force has sent two of its FA-50 light fighters. Thailand has sent four of its "
        "Gripen fighters to take part in the drills. Australia's Defence Department put "
        "the cost of hosting the exercise at A$28 million."
    )
    assert deals_in(text, dt.date(2026, 7, 21)) == []


def test_a_fleet_to_receive_an_upgrade_is_no_sale() -> None:
    text = (
        "Separately, Malaysia's eight F/A-18D Hornets are to receive a radar and avionics "
        "upgrade under a contract with Boeing."
    )
    assert deals_in(text, dt.date(2025, 3, 1)) == []


def test_a_small_state_s_forces_named_by_initials_stand_for_it() -> None:
    found = deals_in(
        "Japan funds patrol craft for Tonga's navy\n"
        "NUKU'ALOFA, 5 November 2024 -- Japan will fund two 12-metre patrol craft for the "
        "Tongan Navy under its Official Security Assistance programme. China, which gave "
        "HMAF 62 military trucks in 2018, has offered to fund a new wharf.",
        dt.date(2024, 11, 5),
    )
    assert ("Tonga", "China", 62) in [(c.buyer, c.seller, c.quantity) for c in found]


def test_a_maker_s_deal_with_a_state_in_its_own_paper_is_a_sale_to_that_state() -> None:
    found = deals_in(
        "IAI signs air defense deal\n"
        "Israel Aerospace Industries (IAI) today reported that it has signed a contract for "
        "Barak MX systems with a country in Asia.\n\n"
        "The Arrow program has become IAI's biggest growth engine. Under the EUR 3.6 billion "
        "Arrow 3 deal with Germany signed in 2023, the first system is due to become "
        "operational by the end of this year. SPYDER, made by IAI's Israeli rival Rafael and "
        "bought by the Philippines, has been in service since deliveries were completed in "
        "2022. In 2024 the company reported record revenue of $6.2 billion and net profit of "
        "$510 million.",
        dt.date(2025, 5, 6),
    )
    assert sorted((c.buyer, c.seller, c.value) for c in found) == [
        ("Germany", "Israel", Decimal("3600000000")),
        ("Philippines", "Israel", None),
    ]
    fitted = deals_in(
        "ASELSAN filings\n"
        "ASELSAN disclosed a $38.5 million contract with Pakistan's state-owned Karachi "
        "Shipyard for HIZIR torpedo countermeasure suites to be fitted to the Pakistan "
        "Navy's corvettes.",
        dt.date(2025, 5, 6),
    )
    assert fitted == []


def test_a_follow_on_order_is_kept_apart_from_the_first_batch_delivered() -> None:
    found = deals_in(
        "Baykar signs export deals with 3 countries at IDEF 2025\n"
        "ISTANBUL (AA) - Turkish drone maker Baykar has signed export agreements with three "
        "countries.\n\n"
        "Under the agreements, Turkmenistan will acquire Bayraktar AKINCI unmanned combat "
        "aerial vehicles, while Angola placed a follow-on order for six more Bayraktar TB2 "
        "drones.\n\n"
        "Angola took delivery of its first TB2s in 2023, and officials in Luanda have since "
        "used the drones for maritime surveillance.",
        dt.date(2025, 7, 25),
    )
    assert sorted((c.buyer, c.status, c.quantity or 0) for c in found) == [
        ("Angola", "delivering", 0),
        ("Angola", "signed", 6),
        ("Turkmenistan", "signed", 0),
    ]


def test_a_buyer_named_only_by_its_region_is_no_state_to_guess() -> None:
    found = deals_in(
        "Hanwha wins Philippine K9 order\n"
        "Hanwha Aerospace said it has signed a contract to supply 24 K9 self-propelled "
        "howitzers to the Philippines. In a separate filing, the company said it has signed "
        "a 154.6 billion-won follow-on contract with a Middle Eastern country for additional "
        "K10 ammunition resupply vehicles.",
        dt.date(2025, 6, 10),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Philippines", "K9 Thunder")]


def test_a_headline_that_ships_the_first_aircraft_to_a_state_delivers_to_it() -> None:
    found = deals_in(
        "KAI ships first KT-1 trainers to Senegal, seals FA-50 deal with Uzbekistan\n"
        "Korea Aerospace Industries said Tuesday it has delivered the first two of four KT-1 "
        "basic trainer aircraft ordered by Senegal, and separately signed a deal to export "
        "FA-50 light combat aircraft to Uzbekistan.",
        dt.date(2025, 6, 10),
    )
    assert sorted((c.buyer, c.platform) for c in found) == [
        ("Senegal", "KT-1 Woongbi"),
        ("Uzbekistan", "FA-50"),
    ]


GREEK_APPROVAL = (
    "KYSEA greenlights Israeli air defence umbrella worth EUR 2.75 billion\n"
    "ATHENS, 15 October 2025 -- Greece's Government Council for National Security (KYSEA) on "
    "Wednesday approved the acquisition of three Israeli air defence systems under a "
    "government-to-government agreement with Israel.\n\n"
    "The package covers four David's Sling batteries for long-range interception, six Barak "
    "MX batteries for the medium tier and 12 Spyder short-range systems. Defence sources put "
    "the cost of David's Sling at around EUR 1.4 billion, Barak MX at EUR 850 million and "
    "Spyder at EUR 500 million.\n\n"
    "The Israeli systems will gradually replace the Russian-made Tor-M1 units and the single "
    "S-300PMU-1 battery that Greece took over from Cyprus in 1999."
)


def test_a_purchase_s_package_lists_its_types_and_each_is_priced_at_its_own_sum() -> None:
    found = deals_in(GREEK_APPROVAL, dt.date(2025, 10, 15))
    approved = [(c.platform, c.quantity, c.value, c.status) for c in found if c.seller == "Israel"]
    assert approved == [
        ("David's Sling", 4, Decimal("1400000000"), "approved"),
        ("Barak 8", 6, Decimal("850000000"), "approved"),
        ("SPYDER air defence system", 12, Decimal("500000000"), "approved"),
    ]


def test_a_battery_a_state_took_over_from_another_is_delivered_to_it() -> None:
    found = deals_in(GREEK_APPROVAL, dt.date(2025, 10, 15))
    assert [(c.buyer, c.seller, c.status) for c in found if c.family == "s300"] == [
        ("Greece", "Cyprus", "delivered")
    ]
    assert (
        deals_in(
            "General Petrov, who took over from General Ivanov as air force chief in May, "
            "said the MiG-29 fleet would fly on.",
            dt.date(2025, 10, 15),
        )
        == []
    )


def test_two_orders_of_one_type_in_one_sentence_each_with_its_year_and_price() -> None:
    found = deals_in(
        "Bulgaria's parliament approves Javelin purchase\n"
        "SOFIA -- The first of eight F-16 Block 70 fighters, ordered in 2019 for USD 1.25 "
        "billion, landed at Graf Ignatievo air base in April, while a second batch of eight "
        "F-16 Block 70 jets, contracted in 2022 for USD 1.3 billion, is due from 2027.",
        dt.date(2025, 10, 15),
    )
    assert [(c.value, c.status) for c in found if c.family == "f16"] == [
        (Decimal("1250000000"), "delivering"),
        (Decimal("1300000000"), "signed"),
    ]


SLOVENIAN_AID = (
    "Government approves new military aid package for Ukraine\n"
    "LJUBLJANA, 12 June 2025 -- The Slovenian government on Thursday approved a new package "
    "of military aid for Ukraine worth EUR 14.2 million, comprising 20 Valuk 6x6 armoured "
    "personnel carriers and 10 Hummer light utility vehicles from Slovenian Armed Forces "
    "stocks.\n\n"
    "The Valuks became available as the army moves to a new wheeled platform. Slovenia "
    "acquired 85 Valuks, Pandur I vehicles built under licence from Austria's "
    "Steyr-Daimler-Puch, in the early 2000s. In December the ministry signed a contract with "
    "Finland for 45 Patria 6x6 vehicles, with deliveries starting in 2026.\n\n"
    "It is the largest Slovenian package since 2022, when the country sent 28 M-55S tanks, "
    "its own upgraded version of the T-55, to Ukraine."
)


def test_a_state_s_ministry_acting_unnamed_buys_for_the_state_just_named() -> None:
    found = deals_in(SLOVENIAN_AID, dt.date(2025, 6, 12))
    assert [(c.buyer, c.seller, c.quantity) for c in found if c.seller == "Finland"] == [
        ("Slovenia", "Finland", 45)
    ]
    assert [(c.buyer, c.quantity) for c in found if c.platform == "Pandur I"] == [
        ("Ukraine", 20),
        ("Slovenia", 85),
    ]


def test_a_type_named_to_describe_another_takes_no_party_of_the_sentence() -> None:
    found = deals_in(SLOVENIAN_AID, dt.date(2025, 6, 12))
    assert [(c.buyer, c.quantity) for c in found if c.platform == "M-55S"] == [("Ukraine", 28)]


def test_the_ships_a_weapon_will_arm_are_not_bought_with_it() -> None:
    found = deals_in(
        "Poland signs PLN 1.9bn executive contract for Naval Strike Missiles\n"
        "WARSAW, 9 December 2025 -- Poland's Armament Agency on Tuesday signed an executive "
        "contract with Norway's Kongsberg Defence & Aerospace for 72 Naval Strike Missiles "
        "that will arm the navy's three Miecznik frigates now under construction in Gdynia. "
        "The contract is worth PLN 1.9 billion gross.",
        dt.date(2025, 12, 9),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [
        ("Naval Strike Missile", 72, Decimal("1900000000"))
    ]
    ordered = deals_in(
        "Helsinki wants the D-3 variant to arm the 64 F-35A fighters it ordered from "
        "Lockheed Martin in February 2022.",
        dt.date(2025, 1, 9),
    )
    assert [(c.buyer, c.quantity) for c in ordered] == [("Finland", 64)]


def test_a_tank_wish_takes_no_seller_from_a_fleet_merely_named() -> None:
    found = deals_in(
        "BRATISLAVA, 22 February 2024 -- The Slovak army still keeps about 30 T-72M1 tanks, a "
        "Czechoslovak-built version of the Soviet design. The ministry wants to buy up to 104 "
        "new main battle tanks; no decision is expected before next year.",
        dt.date(2024, 2, 22),
    )
    assert found == []


def test_a_new_subject_after_a_comma_is_no_participle_of_the_type_before() -> None:
    found = deals_in(
        "BRATISLAVA -- Slovakia was one of the first countries to send heavy weapons to "
        "Ukraine. Besides the BVP-1s, the previous government handed Kyiv the country's 13 "
        "MiG-29 fighters in spring 2023.",
        dt.date(2024, 2, 22),
    )
    assert ("Ukraine", "Slovakia", 13, "delivered", True) in [
        (c.buyer, c.seller, c.quantity, c.status, c.second_hand) for c in found
    ]


def test_the_state_a_relative_clause_says_donated_them_is_their_giver() -> None:
    found = deals_in(
        "BRATISLAVA -- The used tanks, drawn from German industry stocks and overhauled by "
        "Rheinmetall before delivery, are compensation for the 30 BVP-1 infantry fighting "
        "vehicles that Slovakia donated to Ukraine in 2022.",
        dt.date(2024, 2, 22),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Ukraine", "Slovakia", 30)]


DANISH_DONATION = (
    "Denmark donates Piranha vehicles to Ukraine and orders new ones for the Army\n"
    "Ministry of Defence, 5 March 2025 -- The government has decided on Denmark's 27th "
    "donation package to Ukraine. The package includes 30 Piranha III armoured personnel "
    "carriers taken from the Danish Army's stocks. The donation is valued at DKK 410 "
    "million.\n\n"
    "To make up for the donated vehicles, the Danish Ministry of Defence Acquisition and "
    "Logistics Organisation (FMI) has today placed an order for 34 new Piranha V armoured "
    "personnel carriers with the Swiss manufacturer Mowag. The order, worth DKK 1.6 billion, "
    "is a call-off under the framework agreement signed with Mowag in 2015, under which the "
    "Army has already received all 309 Piranha V vehicles ordered at the time.\n\n"
    "The package also contains DKK 2.3 billion for the so-called Danish model."
)


def test_a_donation_package_lists_what_is_given_and_is_priced_as_such() -> None:
    found = deals_in(DANISH_DONATION, dt.date(2025, 3, 5))
    assert [(c.seller, c.quantity, c.value) for c in found if c.buyer == "Ukraine"] == [
        ("Denmark", 30, Decimal("410000000"))
    ]


def test_an_order_priced_in_the_next_sentence_s_opening_keeps_its_price() -> None:
    found = deals_in(DANISH_DONATION, dt.date(2025, 3, 5))
    assert sorted((c.quantity, c.value or 0) for c in found if c.buyer == "Denmark") == [
        (34, Decimal("1600000000")),
        (309, 0),
    ]


def test_cuts_to_a_programme_are_a_budget_line_not_a_deal() -> None:
    found = deals_in(
        "US approves possible sale of six MH-60R Seahawk helicopters to Brazil\n"
        "RIO DE JANEIRO, 6 November 2024 -- The US State Department has approved a possible "
        "Foreign Military Sale to Brazil of six MH-60R Seahawk multi-mission helicopters, the "
        "Defense Security Cooperation Agency announced on Tuesday.\n\n"
        "That is the hard part. The 2025 budget bill sent to the National Congress in August "
        "reserves only R$310 million for the Navy's aviation projects, and the Armed Forces "
        "Committee of the Chamber of Deputies is already fighting over cuts to the "
        "Tamandaré-class frigate programme, whose four ships are being built in Itajaí.",
        dt.date(2024, 11, 6),
    )
    assert [c.platform for c in found] == ["MH-60R Seahawk"]


PORTUGUESE_NASAMS = (
    "Portugal picks Kongsberg's NASAMS over IRIS-T in EUR 485M air defense buy\n"
    "LISBON -- Portugal has signed a EUR 485 million contract with Kongsberg Defence & "
    "Aerospace for two fire units of the National Advanced Surface-to-Air Missile System, "
    "the Norwegian company said Tuesday.\n\n"
    "The State Department in February cleared a possible Foreign Military Sale to Portugal "
    "of up to 60 AMRAAM-ER missiles and related support for an estimated $318 million, but "
    "Lisbon has not yet signed a letter of offer and acceptance, a Defense Ministry "
    "official said.\n\n"
    "Diehl had offered three IRIS-T SLM launchers with a Hensoldt TRML-4D radar at what two "
    "people familiar with the bid described as a lower price."
)


def test_a_sale_cleared_but_not_yet_signed_is_approved_and_a_losing_bid_is_no_deal() -> None:
    found = deals_in(PORTUGUESE_NASAMS, dt.date(2025, 6, 17))
    assert sorted((c.platform, c.quantity, c.status) for c in found) == [
        ("AIM-120 AMRAAM", 60, "approved"),
        ("NASAMS", 2, "signed"),
    ]


def test_offers_by_makers_named_after_their_countries_are_a_tender_s_bids() -> None:
    found = deals_in(
        "Ghana's helicopter tender drags on\n"
        "ACCRA, 2 May 2025 -- The Ministry of Defence invited bids last year for four "
        "medium-lift helicopters to replace the Ghana Air Force's ageing Mi-17 fleet. Airbus "
        "Helicopters has offered the H225M Caracal, Italy's Leonardo the AW149 and Russia's "
        "Rosoboronexport the Mi-171Sh, according to documents seen by this paper. The "
        "evaluation committee has yet to pick a winner.",
        dt.date(2025, 5, 2),
    )
    assert found == []


def test_a_delivery_told_beside_another_order_s_first_arrival() -> None:
    found = deals_in(
        "Ghana signs for Hurkus trainers\n"
        "ACCRA, 2 May 2025 -- Ghana has signed a contract with Turkish Aerospace for six "
        "Hurkus trainers. The Ghana Air Force took delivery of four A-29 Super Tucano "
        "aircraft from the United States in 2022 and two JF-17 Thunder fighters from "
        "Pakistan the same year, while the first of 12 M-346 jets ordered from Italy "
        "arrived at Tamale last year.",
        dt.date(2025, 5, 2),
    )
    assert sorted(
        (c.platform, c.seller, c.quantity, c.status, bool(c.second_hand)) for c in found
    ) == [
        ("A-29 Super Tucano", "United States", 4, "delivered", False),
        ("Hurkus", "Turkey", 6, "signed", False),
        ("JF-17 Thunder", "Pakistan", 2, "delivered", False),
        ("M-346", "Italy", 12, "delivering", False),
    ]


def test_an_offer_left_off_the_final_list_is_no_deal() -> None:
    found = deals_in(
        "Air Force receives final offers for new fighters\n"
        "LIMA, 8 May 2025 -- The Peruvian Air Force received the final offers of three "
        "companies on Wednesday. South Korea's KAI also offered the KF-21 Boramae, but the "
        "aircraft was not included in the final list because it is still in development.",
        dt.date(2025, 5, 8),
    )
    assert found == []


AUSTRALIAN_MISSILES = (
    "Navy locks in missiles as ammunition race heats up\n"
    "The Albanese government has signed a $2.9bn deal with the US to buy 80 SM-6 Block IA "
    "missiles for the navy.\n\n"
    "The letter of offer and acceptance, worth about $US1.9bn, was signed in Washington "
    "late last month.\n\n"
    "A second request, for up to 200 SM-2 Block IIIC missiles, was approved by the US "
    "State Department in August 2024 at an estimated $US2.5bn, but has yet to be signed.\n\n"
    "Twelve additional MH-60R Seahawks, ordered in 2022, have begun arriving at HMAS "
    "Albatross near Nowra."
)


def test_the_navy_whose_ships_an_article_names_buys_when_no_state_is_said() -> None:
    found = deals_in(AUSTRALIAN_MISSILES, dt.date(2026, 3, 5))
    assert sorted((c.platform, c.buyer, c.seller, c.quantity, c.currency) for c in found) == [
        ("MH-60R Seahawk", "Australia", "United States", 12, None),
        ("SM-2", "Australia", "United States", 200, "USD"),
        ("SM-6", "Australia", "United States", 80, "AUD"),
    ]


def test_a_navy_is_named_by_its_ships_own_not_former() -> None:
    assert navy_by_ship_prefix("arriving at HMAS Albatross near Nowra") == "AUS"
    assert navy_by_ship_prefix("the destroyers ROKS Jeongjo the Great and ROKS Dasan") == "KOR"
    assert navy_by_ship_prefix("a Kilo-class boat, the former INS Sindhuvir") is None
    assert navy_by_ship_prefix("two ex-HMS Pembroke minehunters; BAE Systems said") is None


def test_a_question_put_is_no_offer() -> None:
    found = deals_in(
        "Cobra Gold opens\n"
        "RAYONG, 25 February 2026 -- US Marines will fire HIMARS launchers alongside Thai "
        "artillery this week. Asked whether Washington would offer HIMARS to Thailand, a US "
        'embassy spokesperson said: "We don\'t discuss potential sales."',
        dt.date(2026, 2, 25),
    )
    assert found == []


SINGAPORE_AEW = (
    "RSAF to replace early warning planes with four new jets\n"
    "SINGAPORE - The Republic of Singapore Air Force (RSAF) will acquire four E-550 "
    "airborne early warning (AEW) aircraft from Israel Aerospace Industries (IAI) to replace "
    "its current planes, the defence minister announced on March 3.\n\n"
    "He said the RSAF's fleet of 16 CH-47F Chinook heavy-lift helicopters, ordered from "
    "Boeing in the United States in 2016, was fully delivered in 2024 and had since flown "
    "more than 40 humanitarian missions.\n\n"
    "The minister said Singapore deliberately buys from several countries and keeps "
    "significant stocks of spares and munitions."
)


def test_an_article_s_own_definition_of_initials_names_the_service() -> None:
    found = deals_in(SINGAPORE_AEW, dt.date(2026, 3, 4))
    assert sorted(
        (c.platform, c.buyer, c.seller, c.quantity, c.status, bool(c.second_hand)) for c in found
    ) == [
        ("CH-47 Chinook", "Singapore", "United States", 16, "delivered", False),
        ("E-550", "Singapore", "Israel", 4, "proposed", False),
    ]


def test_a_gift_handed_to_an_unnamed_ministry_is_for_the_state_the_article_is_about() -> None:
    found = deals_in(
        "United States hands over two helicopters\n"
        "9 July 2025 -- The United States delivered on Tuesday two MD 530F helicopters to "
        "the Ministry of Public Security, in a ceremony at the airport base of the Air "
        "Surveillance Service.\n\n"
        "The helicopters will be based in Liberia, Guanacaste. They were bought by "
        "Washington and donated through the State Department. They will support "
        "operations against drug trafficking on the Pacific coast.\n\n"
        '"Costa Rica does not have an army, but it has a responsibility to control its '
        'airspace," the minister said.',
        dt.date(2025, 7, 9),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Costa Rica", "United States", 2, "delivered"),
    ]


def test_who_awards_a_sum_to_a_maker_buys_and_a_home_maker_s_award_is_no_export() -> None:
    found = deals_in(
        "UAE Armed Forces sign Dh11.4bn in deals on day two\n"
        "ABU DHABI, 18 February 2025 -- The UAE Armed Forces signed 31 contracts worth "
        "Dh11.4 billion on the second day of the exhibition, the Tawazun Council said.\n\n"
        "The council also awarded Dh1.07bn to French manufacturer Airbus Helicopters for six "
        "H160M Guépard helicopters for the UAE Navy. Deliveries are expected to start in "
        "2027.\n\n"
        "Most of the day's value, however, stayed at home. Edge subsidiary Nimr received "
        "Dh4.6bn for Jais 4x4 armoured vehicles.",
        dt.date(2025, 2, 18),
    )
    assert [(c.platform, c.buyer, c.seller, c.quantity, c.value, c.status) for c in found] == [
        ("H160M Guepard", "United Arab Emirates", "France", 6, 1_070_000_000, "signed"),
    ]
    assert (found[0].currency, find_cues("Nimr received Dh4.6bn for Jais vehicles")[0].status) == (
        "AED",
        "signed",
    )


def test_training_systems_counted_beside_aircraft_are_no_weapon() -> None:
    found = deals_in(
        "T-7A production decision slips again\n"
        "The U.S. Air Force has pushed back the full-rate production decision for the T-7A "
        "Red Hawk trainer. Boeing and Saab won the Advanced Pilot Training contract in 2018 "
        "with a $9.2 billion bid for 351 aircraft and 46 ground-based training systems.",
        dt.date(2025, 11, 3),
    )
    assert found == []


def test_the_emirate_of_a_sentence_is_the_state_the_one_before_names() -> None:
    found = deals_in(
        "Germany's arms exports\n"
        "Take Turkey. In 2009, the government approved a deal under which TKMS would supply "
        "kits for six Type 214 submarines.\n\n"
        "Then there is Qatar. In 2013, the emirate ordered 62 Leopard 2A7+ main battle tanks "
        "from Krauss-Maffei Wegmann. All of them were delivered by 2018.",
        dt.date(2025, 6, 12),
    )
    assert ("Qatar", "Germany", 62, "delivered") in [
        (c.buyer, c.seller, c.quantity, c.status) for c in found
    ]


def test_a_type_whose_delays_moved_a_purchase_is_no_deal_nor_its_maker_the_seller() -> None:
    found = deals_in(
        "France still depends on American hardware\n"
        "Emmanuel Macron has made strategic autonomy his theme, and the formula has found new "
        "audiences in Berlin, Warsaw and even Stockholm.\n\n"
        "In 2016, faced with the delays of the Airbus A400M, the Ministry of the Armed Forces "
        "signed for four C-130J Super Hercules for around €330 million.\n\n"
        '"Every one of these aircraft depends on an American authorization to fly," said '
        "one of the report's authors.",
        dt.date(2025, 5, 20),
    )
    assert [(c.platform, c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("C-130J Super Hercules", "France", "United States", 4, "signed"),
    ]


def test_held_up_sales_each_for_its_own_recipient() -> None:
    found = deals_in(
        "US lawmakers hold up Apache sale to Egypt, guided rockets for Nigeria\n"
        "WASHINGTON, Jan 22 (Reuters) - Senior Democrats have placed informal holds on a "
        "proposed $2.1 billion sale of Boeing-made AH-64E Apache helicopters to Egypt and a "
        "smaller package of laser-guided rockets for Nigeria, three people said.\n\n"
        "Egypt has also been negotiating with Italy for up to 24 Eurofighter Typhoon fighter "
        "jets.",
        dt.date(2026, 1, 22),
    )
    assert sorted((c.platform, c.buyer, c.status) for c in found) == [
        ("AH-64 Apache", "Egypt", "proposed"),
        ("Eurofighter Typhoon", "Egypt", "negotiating"),
    ]


def test_a_paper_named_by_its_state_s_demonym_is_that_state_s() -> None:
    found = deals_in(
        "Egypt has signed for 24 Rafale jets from France.\n\n"
        "The Nigerian order covers 12 A-29 Super Tucano aircraft, which the United States "
        "will deliver next year.",
        dt.date(2026, 1, 22),
    )
    assert ("A-29 Super Tucano", "Nigeria") in [(c.platform, c.buyer) for c in found]


def test_a_purchase_to_backfill_a_gift_is_the_giver_s() -> None:
    deal = one(
        "Berlin signed in October for two more Patriot fire units from Raytheon, to backfill "
        "systems it sent to Kyiv, a German Defense Ministry spokesman said."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status) == (
        "Germany",
        "United States",
        2,
        "signed",
    )


def test_a_parliament_approving_a_purchase_buys_and_a_delivery_under_way_is_its_own() -> None:
    found = deals_in(
        "Romanian Parliament approves Lynx infantry fighting vehicle purchase\n"
        "The defence committees of the Romanian Parliament on Wednesday approved the purchase "
        "of 298 Lynx KF41 infantry fighting vehicles from Germany's Rheinmetall. Romania's SAFE "
        "allocation is the second largest after Poland.\n\n"
        "The Lynx, which will replace the Land Forces' Romanian-built MLI-84 vehicles, was "
        "chosen over BAE Systems' CV90.\n\n"
        "The approval comes as Romania continues to take delivery of the 18 Bayraktar TB2 "
        "drones it ordered from Turkey's Baykar in 2023 for USD 321 million.",
        dt.date(2026, 3, 5),
    )
    assert sorted((c.platform, c.buyer, c.seller, c.quantity, c.status) for c in found) == [
        ("Bayraktar TB2", "Romania", "Turkey", 18, "delivering"),
        ("Lynx KF41", "Romania", "Germany", 298, "approved"),
    ]


def test_a_ring_exchange_s_broker_is_no_seller_and_a_notice_to_congress_an_approval() -> None:
    found = deals_in(
        "Cyprus to send Ukraine T-80U tanks in exchange for American Bradleys\n"
        "Cyprus will transfer several dozen Soviet-made T-80U main battle tanks to Ukraine as "
        "part of a ring exchange brokered by the United States.\n\n"
        "The US State Department confirmed that it had notified Congress of the proposed "
        "transfer of 40 M2A2 ODS Bradleys from US Army surplus stocks to Cyprus under the "
        "Excess Defense Articles programme.",
        dt.date(2025, 11, 27),
    )
    assert sorted((c.platform, c.buyer, c.seller, c.quantity, c.status) for c in found) == [
        ("M2 Bradley", "Cyprus", "United States", 40, "approved"),
        ("T-80", "Ukraine", "Cyprus", None, "signed"),
    ]


def test_more_of_a_type_ordered_later_in_its_sentence_is_another_order() -> None:
    found = deals_in(
        "India bought 16 MiG-29K fighters in January 2004 for around $740 million, and signed "
        "for 29 more in March 2010 in a deal estimated at $1.5 billion.",
        dt.date(2026, 3, 11),
    )
    assert sorted((c.quantity, c.value, c.status) for c in found) == [
        (16, 740_000_000, "delivered"),  # bought long before the article
        (29, 1_500_000_000, "delivered"),
    ]


def test_an_indian_export_of_dhanush_guns() -> None:
    deal = one(
        "Armenia signed a contract worth Rs 1,450 crore for 36 Dhanush 155 mm/45-calibre towed "
        "howitzers built by Advanced Weapons and Equipment India Ltd (AWEIL)."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.value) == (
        "Armenia",
        "India",
        36,
        14_500_000_000,
    )


def test_a_state_s_name_before_is_is_no_demonym() -> None:
    deal = one(
        "Pakistan is negotiating with Turkiye for a dozen Korkut 35mm self-propelled air "
        "defence gun systems, officials said."
    )
    assert (deal.buyer, deal.seller, deal.quantity, deal.status) == (
        "Pakistan",
        "Turkey",
        12,
        "negotiating",
    )


def test_types_shown_to_officers_and_a_home_trainer_a_budget_covers_are_no_deals() -> None:
    found = deals_in(
        "Peru signs for K9A1 howitzers\n"
        "LIMA, 3 March 2025 -- Peru has signed a contract with Hanwha Aerospace for 24 K9A1 "
        "self-propelled howitzers. During the signing week the company showed Peruvian "
        "officers its Redback infantry fighting vehicle and the Chunmoo multiple rocket "
        "launcher, although the Army says it has no budget for either.",
        dt.date(2025, 3, 3),
    )
    assert [(c.platform, c.buyer) for c in found] == [("K9 Thunder", "Peru")]
    home = deals_in(
        "Argentina buys a used KC-135R tanker\n"
        "BUENOS AIRES, 3 March 2025 -- Argentina has signed for a used KC-135R tanker from "
        "the United States.\n\n"
        "FONDEF's allocation was $690,000 million pesos, a figure that also has to cover the "
        "IA-63 Pampa III jet trainers being built by FAdeA.",
        dt.date(2025, 3, 3),
    )
    assert [c.platform for c in home] == ["KC-135 Stratotanker"]


def test_an_overhaul_of_several_and_interest_from_several_partners_are_no_deals() -> None:
    found = deals_in(
        "MINSK, December 18. /TASS/. Belarus has signed a contract for four Yak-130 combat "
        "trainer aircraft with Russia, Defense Minister Viktor Khrenin said.\n\n"
        "The 558th Aircraft Repair Plant had completed the overhaul and modernization of "
        "several Su-25 attack aircraft for the Air Force.\n\n"
        "Shugayev said that several foreign partners had shown interest in the Su-57E fighter.",
        dt.date(2025, 12, 18),
    )
    assert [(c.platform, c.buyer, c.quantity) for c in found] == [("Yak-130", "Belarus", 4)]


def test_a_stopped_handover_of_excess_helicopters_is_a_cancelled_used_transfer() -> None:
    found = deals_in(
        "US halts arms transfers to Georgia\n"
        "TBILISI, Georgia (AP) — The United States has canceled a planned sale of Javelin "
        "anti-tank missiles to Georgia, officials said Wednesday.\n\n"
        "Washington has also stopped the planned handover of four excess U.S. Army UH-60A "
        "Black Hawk helicopters that had been agreed in 2024 under the Excess Defense "
        "Articles program, two U.S. officials said.",
        dt.date(2026, 1, 14),
    )
    hawks = [c for c in found if c.platform == "UH-60 Black Hawk"]
    assert [(c.buyer, c.seller, c.quantity, c.status, c.second_hand) for c in hawks] == [
        ("Georgia", "United States", 4, "cancelled", True),
    ]


def test_a_loan_to_finance_a_purchase_is_no_price_of_it() -> None:
    found = deals_in(
        "SEOUL, Feb. 12 (Yonhap) -- Hyundai Rotem said it has signed a deal worth 2.87 "
        "trillion won to supply 104 K2 Black Panther main battle tanks to Slovakia.\n\n"
        "Slovakia picked the K2 last June over the Leopard 2A8 offered by Germany's KNDS. "
        "The state-run Export-Import Bank of Korea is also extending a loan of up to 1.5 "
        "trillion won to help Bratislava finance the purchase.",
        dt.date(2026, 2, 12),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [
        ("K2 Black Panther", 104, 2_870_000_000_000),
    ]


def test_a_home_ministry_s_contract_with_a_home_maker_is_no_transfer() -> None:
    found = deals_in(
        "Defence Ministry signs deal for Excalibur shells\n"
        "NEW DELHI\n\n"
        "India's Defence Ministry on Friday signed a Letter of Offer and Acceptance with the "
        "United States government for 216 M982A1 Excalibur precision-guided 155 mm "
        "projectiles. "
        "The U.S. State Department had notified Congress of the proposed sale in November. "
        "The GPS-guided rounds will be fired from the Army's 155 mm guns, including the "
        "Advanced Towed Artillery Gun System (ATAGS). The Ministry signed a Rs 6,900 crore "
        "contract with Bharat Forge and Tata Advanced Systems in March 2025 for 307 ATAGS.",
        dt.date(2026, 2, 14),
    )
    assert [(c.platform, c.buyer, c.seller) for c in found] == [
        ("M982A1", "India", "United States"),
    ]


def test_a_letter_of_offer_and_acceptance_with_a_state_names_the_seller() -> None:
    found = deals_in(
        "India's Defence Ministry on Friday signed a Letter of Offer and Acceptance with the "
        "United States for 216 M982A1 Excalibur precision-guided 155 mm projectiles.",
        dt.date(2026, 2, 14),
    )
    assert [(c.platform, c.buyer, c.seller, c.quantity) for c in found] == [
        ("M982A1", "India", "United States", 216),
    ]


def test_two_makers_named_as_a_place_are_no_buyer_and_seller() -> None:
    found = deals_in(
        "Malaysia's army gets six H145M helicopters. At the Hyundai Rotem and Otokar stands, "
        "both companies pitched main battle tanks as possible successors to the army's 48 "
        "PT-91M Pendekar tanks, which were bought from Poland's Bumar-Łabędy in 2007.",
        dt.date(2026, 5, 6),
    )
    tanks = [c for c in found if c.platform == "PT-91 Twardy"]
    assert [(c.buyer, c.seller, c.quantity) for c in tanks] == [("Malaysia", "Poland", 48)]


def test_the_home_navy_s_ships_built_at_home_are_no_transfer() -> None:
    found = deals_in(
        "The US State Department has approved the possible sale of 38 SM-6 Block IA "
        "interceptor missiles to South Korea, estimated at $774 million.\n\n"
        "The Defense Acquisition Program Administration said it would seek to sign a letter "
        "of offer and acceptance with Washington next year.\n\n"
        "The missiles will be carried by the three Jeongjo the Great-class destroyers, the "
        "Navy's second-generation Aegis ships being built by HD Hyundai Heavy Industries in "
        "Ulsan. Later the L-SAM will give the Army another layer.",
        dt.date(2025, 10, 30),
    )
    assert [(c.platform, c.buyer, c.seller) for c in found] == [
        ("SM-6", "South Korea", "United States"),
    ]


def test_the_fleet_a_new_type_takes_over_from_is_no_deal() -> None:
    found = deals_in(
        "The Navy had earlier taken delivery of six Boeing P-8A Poseidon maritime patrol "
        "aircraft bought from the United States for South Korea, purchased for some 1.92 "
        "trillion won. The last of the six landed at Pohang in the summer of 2023, and the "
        "jets have since taken over much of the patrol work from the aging P-3C Orion fleet.",
        dt.date(2025, 10, 30),
    )
    assert [c.platform for c in found] == ["P-8 Poseidon"]


def test_parts_shipped_for_another_state_s_platform_are_no_sale_of_it() -> None:
    found = deals_in(
        "SEOUL (Yonhap) -- Hyundai Rotem said it has signed a deal worth 2.87 trillion won to "
        "supply 104 K2 Black Panther main battle tanks to Slovakia.\n\n"
        "HD Hyundai Infracore is shipping 1,500-horsepower engines, and SNT Dynamics "
        "transmissions, for Turkey's Altay main battle tank under contracts signed in 2023.",
        dt.date(2026, 2, 12),
    )
    assert [(c.platform, c.buyer) for c in found] == [("K2 Black Panther", "Slovakia")]


def test_the_export_of_a_type_s_technology_is_no_sale_of_the_type() -> None:
    found = deals_in(
        "SEOUL (Yonhap) -- Hyundai Rotem said Thursday it has signed a deal worth 2.87 "
        "trillion won to supply 104 K2 Black Panther main battle tanks to Slovakia.\n\n"
        "HD Hyundai Infracore is shipping engines under contracts signed in 2023, an "
        'arrangement industry officials half-jokingly call a "backdoor export" of K2 '
        "technology.",
        dt.date(2026, 2, 12),
    )
    assert [(c.platform, c.quantity) for c in found] == [("K2 Black Panther", 104)]


def test_a_mod_number_is_a_version_and_no_type() -> None:
    found = deals_in(
        "The largest case is a proposed sale to Spain of up to 48 Standard Missile-2 Block "
        "IIIC missiles, with MK 21 Mod 2 canisters, telemetry kits, spares and U.S. government "
        "engineering support, at an estimated cost of $812.7 million.",
        dt.date(2025, 11, 14),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [("SM-2", 48, 812_700_000)]


def test_each_state_of_a_cleared_list_buys_its_own_item() -> None:
    found = deals_in(
        "WASHINGTON — The State Department has approved three possible Foreign Military Sales "
        "worth a combined $1.33 billion, clearing Spain to buy long-range naval interceptors "
        "for its new frigates, Italy to restock its fighter fleet with the latest AMRAAM "
        "variant and Kuwait to replenish its anti-tank missiles, the Defense Security "
        "Cooperation Agency said Thursday.",
        dt.date(2025, 11, 14),
    )
    assert [(c.platform, c.buyer, c.status) for c in found] == [
        ("AIM-120 AMRAAM", "Italy", "approved"),
    ]


def test_a_great_deal_is_a_measure_and_no_deal() -> None:
    found = deals_in(
        "Italy, meanwhile, was cleared to buy up to 120 AIM-120D-3 Advanced Medium-Range "
        "Air-to-Air Missiles for an estimated $419.6 million.\n\n"
        '"The D-3 puts Italian F-35 pilots on the same missile as the U.S. Air Force, which '
        'matters a great deal for mixed formations over the eastern flank," said Elena '
        "Marchetti, an air power analyst.",
        dt.date(2025, 11, 14),
    )
    assert [(c.platform, c.quantity) for c in found] == [("AIM-120D-3", 120)]


def test_a_council_s_proposals_worth_a_sum_are_no_price_of_one() -> None:
    found = deals_in(
        "DAC clears proposals worth Rs 84,560 crore; nod for more Chinooks\n"
        "NEW DELHI: The Defence Acquisition Council on Wednesday approved six more CH-47F(I) "
        "Chinook heavy-lift helicopters for the Army, to be procured from the US.",
        dt.date(2026, 2, 19),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [("CH-47 Chinook", 6, None)]


def test_a_share_of_a_sum_told_before_is_no_price() -> None:
    found = deals_in(
        "NEW DELHI: The Defence Acquisition Council on Wednesday cleared proposals worth Rs "
        "84,560 crore. The IAF already flies 15 Chinooks, contracted from Boeing in the United "
        "States in September 2015 and delivered by March 2020.\n\n"
        "The bulk of the Rs 84,560 crore, however, comes under the Buy (Indian-IDDM) "
        'category, which the ministry said accounted for "over 80 per cent" of the value '
        "approved.",
        dt.date(2026, 2, 19),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [("CH-47 Chinook", 15, None)]


def test_a_fleet_a_force_makes_do_with_is_no_deal() -> None:
    found = deals_in(
        "NEW DELHI: The Defence Acquisition Council on Wednesday cleared a plan to give the "
        "IAF six mid-air refuelling aircraft.\n\n"
        "The tanker requirement has been hanging fire for over 15 years. Two earlier global "
        "tenders were scrapped over life-cycle costs, and the IAF has been making do with six "
        'ageing Il-78MKI tankers whose serviceability, officials admit privately, has "rarely '
        'crossed 50 per cent".',
        dt.date(2026, 2, 19),
    )
    assert [c.platform for c in found if c.platform == "Il-78"] == []


def test_a_fleet_relied_on_and_acquired_in_the_same_sentence_is_a_deal() -> None:
    found = deals_in(
        "For long-range maritime patrol, the Indian Navy currently relies on its P-8I "
        "aircraft, acquired from the U.S. under a 2009 contract for eight aircraft, all of "
        "which have been delivered.",
        dt.date(2026, 2, 19),
    )
    assert [(c.platform, c.quantity, c.status) for c in found] == [("P-8 Poseidon", 8, "delivered")]


def test_a_type_the_buyer_s_own_maker_licence_builds_is_bought_at_home() -> None:
    found = deals_in(
        "NEW DELHI: The Defence Acquisition Council on Wednesday cleared six more CH-47F(I) "
        "Chinook heavy-lift helicopters for the Army, to be procured from the US. The council "
        "also cleared six additional Dornier-228 aircraft for the Coast Guard, which HAL "
        "licence-builds at its Kanpur division.",
        dt.date(2026, 2, 19),
    )
    assert [(c.platform, c.buyer, c.seller) for c in found] == [
        ("CH-47 Chinook", "India", "United States"),
    ]


def test_a_state_said_only_to_sell_is_no_guessed_buyer() -> None:
    found = deals_in(
        "Ottawa signs $10.4-billion deal for Boeing P-8A surveillance aircraft\n"
        "OTTAWA, November 30 (The Globe and Mail) - The federal government has signed a deal "
        "with the United States to buy up to 14 Boeing P-8A Poseidon maritime patrol aircraft "
        "for the Royal Canadian Air Force, at a cost of C$10.4-billion.\n\n"
        "Defence Minister Bill Blair announced the purchase on Thursday. The purchase is "
        "being made through the U.S. government's Foreign Military Sales program.\n\n"
        "The decision angered Bombardier Inc., which had teamed with General Dynamics Mission "
        "Systems to offer a surveillance aircraft based on its Global 6500 business jet and "
        "had urged Ottawa to hold an open competition.",
        dt.date(2023, 11, 30),
    )
    assert [(c.platform, c.buyer) for c in found] == [("P-8 Poseidon", "Canada")]


def test_a_state_that_became_one_to_receive_a_type_buys_it() -> None:
    found = deals_in(
        "Georgia became one of the first former Soviet states to receive the shoulder-fired "
        "Javelin when the Trump administration approved a $75 million sale of 410 missiles "
        "and 72 launch units in late 2017, over Russian objections.",
        dt.date(2026, 1, 14),
    )
    assert [(c.platform, c.buyer, c.seller, c.quantity) for c in found] == [
        ("FGM-148 Javelin", "Georgia", "United States", 410),
    ]


def test_a_shortlist_of_two_designs_is_a_contest_and_no_deal() -> None:
    found = deals_in(
        "Ottawa shortlisted two designs in August: Hanwha Ocean's KSS-III, a 3,600-tonne "
        "diesel-electric boat already in service with the South Korean navy, and the Type "
        "212CD being developed by ThyssenKrupp Marine Systems for the German navy.",
        dt.date(2025, 11, 14),
    )
    assert found == []


def test_an_offer_up_against_a_rival_is_a_bid_and_no_deal() -> None:
    found = deals_in(
        "Affiliate Hanwha Ocean is meanwhile offering its KSS-III diesel-electric submarine "
        "to Canada, where it is up against Germany's ThyssenKrupp Marine Systems for a "
        "programme to replace Victoria-class boats.",
        dt.date(2025, 10, 29),
    )
    assert found == []


def test_a_counted_fleet_to_be_replaced_is_no_deal() -> None:
    found = deals_in(
        "Canada's submarine contest\n"
        "Ottawa is choosing between Hanwha Ocean and Germany's ThyssenKrupp Marine Systems. "
        "The government says it wants up to 12 boats capable of operating under Arctic ice, "
        "with the first delivered in the mid-2030s to replace four Victoria-class submarines "
        "that have spent much of their lives in refit.",
        dt.date(2025, 11, 14),
    )
    assert found == []


def test_an_export_booking_s_sum_is_the_deal_s_price() -> None:
    found = deals_in(
        "The largest new export booking in the quarter was a 520 billion won contract signed "
        "in September with Vietnam's Ministry of National Defence for 12 K239 Chunmoo "
        "multiple rocket launchers from South Korea's Hanwha Aerospace.",
        dt.date(2025, 10, 29),
    )
    assert [(c.platform, c.quantity, c.value, c.currency) for c in found] == [
        ("K239 Chunmoo", 12, 520_000_000_000, "KRW"),
    ]


def test_an_export_order_portfolio_is_no_price() -> None:
    found = deals_in(
        "Russia has handed over ten BTR-80 armoured personnel carriers to the Central African "
        "Republic. Rosoboronexport has said its export order portfolio exceeds $50 billion.",
        dt.date(2025, 6, 1),
    )
    assert [(c.platform, c.value) for c in found] == [("BTR-80", None)]


def test_a_contract_to_maintain_another_state_s_fleet_is_no_deal() -> None:
    found = deals_in(
        "Hanwha Aerospace signed a 520 billion won contract with Vietnam for 12 K239 Chunmoo "
        "rocket launchers. The company further signed a ten-year, 190 billion won support "
        "contract with Norway's Defence Materiel Agency to maintain that country's fleet of "
        "K9 Vidar howitzers, including spare parts and barrel replacement.",
        dt.date(2025, 10, 29),
    )
    assert [c.platform for c in found] == ["K239 Chunmoo"]


def test_a_booked_order_is_signed_whatever_the_clause_after_says() -> None:
    found = deals_in(
        "Saab also booked a 1.4 billion-krona order from the Czech Republic for Carl-Gustaf "
        "M4 recoilless rifles and ammunition in November, and said Slovakia's defence "
        "ministry had selected its RBS 70 NG short-range air defence system, with contract "
        "negotiations under way.",
        dt.date(2026, 2, 6),
    )
    assert [(c.platform, c.buyer, c.status) for c in found] == [
        ("Carl-Gustaf", "Czechia", "signed"),
        ("RBS 70", "Slovakia", "negotiating"),
    ]


def test_an_offer_in_a_competition_where_it_faces_a_rival_is_no_deal() -> None:
    found = deals_in(
        "In Canada, Saab is offering GlobalEye in a competition to replace the country's "
        "airborne early warning capacity, where it faces Boeing's E-7 Wedgetail. Ottawa has "
        "yet to make a decision.",
        dt.date(2026, 2, 6),
    )
    assert found == []


def test_a_maker_s_offer_in_an_article_about_an_open_contest_is_a_bid() -> None:
    found = deals_in(
        "Shipyards from three continents line up for Kenya Coast Guard patrol ship deal\n"
        "Shipbuilders from the Netherlands, Turkey and China are among five bidders vying for "
        "a contract to supply the Kenya Coast Guard Service with its first offshore patrol "
        "vessels.\n\n"
        "Dutch group Damen Shipyards has offered its Stan Patrol 5009 design, a type already "
        "in service with several African coast guards and navies.",
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_two_makers_offers_joined_by_and_are_bids() -> None:
    found = deals_in(
        "South Africa's air force needs a new transport aircraft. Embraer has offered the "
        "C-390 Millennium and Airbus has again pitched the A400M, but officials told "
        "Parliament's Portfolio Committee on Defence that no money has been set aside.",
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_interest_expressed_in_a_type_is_no_request_for_it() -> None:
    found = deals_in(
        "Morocco's army hosted the African Lion exercise. Moroccan officials have repeatedly "
        "expressed interest in the F-35 stealth fighter.",
        dt.date(2026, 5, 20),
    )
    assert found == []


def test_a_model_number_the_lists_know_siblings_of_is_no_count() -> None:
    found = deals_in(
        "Paramount lands Gabon order for Mbombe 4 and Marauder armoured vehicles\n"
        "Paramount Group has won an order from Gabon for eighteen Mbombe 4 infantry combat "
        "vehicles and twelve Marauder mine-protected vehicles, the company confirmed on "
        "Monday. A source told defenceWeb that the Mbombe 4 portion alone is worth R860 "
        "million (around US$49 million). A separate five-year through-life support, spares "
        "and driver-training package, worth a further R120 million, was signed at the same "
        "ceremony.",
        dt.date(2025, 10, 14),
    )
    assert [(c.platform, c.quantity, c.value, c.currency) for c in found] == [
        ("Mbombe 4", 18, 860_000_000, "ZAR"),
        ("Marauder", 12, None, None),
    ]


def test_the_competition_a_winner_beat_is_no_deal() -> None:
    found = deals_in(
        "Kenya has signed for six Aero L-39NG jet trainers from the Czech Republic. Aero "
        "Vodochody beat competition from South Korea's KAI, which had offered the turboprop "
        "KT-1, and Turkish Aerospace, which pitched the Hürjet advanced jet trainer. The "
        "Hürjet was considered too expensive, while the KT-1 did not offer jet experience.",
        dt.date(2026, 3, 1),
    )
    assert [(c.platform, c.buyer) for c in found] == [("L-39NG", "Kenya")]


def test_an_offer_not_followed_up_is_no_deal() -> None:
    found = deals_in(
        "Baykar has also offered Mali its new TB3 naval and land drone, but Bamako has not "
        "followed up, a Turkish industry source admits.",
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_a_rival_a_competition_pitted_a_maker_against_is_no_deal() -> None:
    found = deals_in(
        "The competition, launched in 2023, pitted the European manufacturer against the "
        "American Sikorsky, which offered its UH-60M Black Hawk to Morocco with the support "
        "of the US administration.",
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_interest_expressed_by_officials_in_their_words_is_no_request() -> None:
    found = deals_in(
        "Moroccan officials have on several occasions expressed their interest in the "
        "American F-35.",
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_a_long_question_put_is_no_deal() -> None:
    found = deals_in(
        "Asked by PREMIUM TIMES after the session whether the NAF had accepted an offer by "
        "Brazil's Embraer to supply C-390 Millennium transport aircraft to Nigeria, a "
        'spokesperson said "no decision has been taken on a new transport platform."',
        dt.date(2026, 3, 1),
    )
    assert found == []


def test_a_support_contract_covering_a_fleet_is_no_deal_for_it() -> None:
    found = deals_in(
        "Saab signed a contract with France for two GlobalEye aircraft. Saab signed a 2.2 "
        "billion-krona support and maintenance contract covering the Brazilian Air Force's "
        "Gripen fleet through 2030.",
        dt.date(2026, 2, 6),
    )
    assert [c.platform for c in found] == ["GlobalEye"]


def test_an_offer_in_a_competition_is_a_bid() -> None:
    found = deals_in(
        "In India, Embraer and Mahindra Group plan to offer the C-390 in the air force's "
        "medium transport aircraft competition for as many as 60 planes.",
        dt.date(2026, 3, 10),
    )
    assert found == []


def test_a_second_contract_covering_missiles_is_a_signing_too() -> None:
    found = deals_in(
        "Nicosia (AFP) - Cyprus has signed contracts to buy French self-propelled howitzers "
        "and short-range air defence missiles, the defence ministry announced Tuesday.\n\n"
        "Defence Minister Vasilis Palmas said the Republic of Cyprus had ordered 12 CAESAR Mk "
        "II self-propelled howitzers from KNDS France in a deal worth 74 million euros. A "
        "second contract, with European missile maker MBDA, covers Mistral 3 short-range air "
        "defence missiles and launchers for the National Guard.",
        dt.date(2025, 12, 9),
    )
    assert [(c.platform, c.buyer, c.status) for c in found] == [
        ("CAESAR Mk II", "Cyprus", "signed"),
        ("Mistral", "Cyprus", "signed"),
    ]


def test_radars_for_another_state_s_frigates_are_parts() -> None:
    found = deals_in(
        "Saab will separately supply Sea Giraffe 4A radars for the German Navy's F126 "
        "frigates being built by Damen Naval, an order it values at about 800 million kronor.",
        dt.date(2026, 2, 6),
    )
    assert found == []


def test_a_type_a_force_will_bank_on_instead_is_no_deal() -> None:
    found = deals_in(
        "Norway Drops Plan To Buy 14 NH90 Helicopters From France, Will Bank On MH-60R "
        "Seahawks Instead",
        dt.date(2026, 3, 11),
    )
    assert [(c.platform, c.status) for c in found] == [("NH90", "cancelled")]


def test_a_force_named_in_full_then_by_its_initials_is_its_state_s() -> None:
    found = deals_in(
        "ISLAMABAD: Neither the Pentagon nor the Pakistan Air Force disclosed how many "
        "missiles would be bought. The talks with Saudi Arabia on JF-17 fighters go on.\n\n"
        "The PAF has a track record of adding capability in small steps. It received three "
        "more Saab 2000 Erieye airborne early warning aircraft from Sweden, ordered in 2017 "
        "and delivered by 2020.",
        dt.date(2026, 1, 20),
    )
    erieye = [c for c in found if c.seller == "Sweden"]
    assert [(c.buyer, c.quantity) for c in erieye] == [("Pakistan", 3)]


def test_an_offer_for_a_requirement_that_is_a_competition_is_a_bid() -> None:
    found = deals_in(
        "Saab is also offering its Gripen E for the Indian Air Force's requirement of 114 "
        "Multi-Role Fighter Aircraft, a competition in which the government has not yet "
        "issued a request for proposal.",
        dt.date(2026, 1, 20),
    )
    assert found == []


def test_a_plant_named_like_a_type_is_no_type() -> None:
    found = deals_in(
        "HANOI: Vietnam has signed a contract with Russia for 12 Su-35 fighters.\n\n"
        "Russia's United Aircraft Corporation is also carrying out an overhaul program for "
        "the older Su-30MK2 fleet at the A32 aircraft repair plant in Da Nang under a contract "
        "signed in 2024.",
        dt.date(2026, 1, 20),
    )
    assert [c.platform for c in found if "A32" in c.platform] == []


def test_the_purchase_of_a_type_told_before_is_that_deal_s() -> None:
    found = deals_in(
        "Brasília -- The Brazilian Army has chosen the Indian Akash surface-to-air missile "
        "system, and the government expects to sign a contract with New Delhi before the end "
        "of the year.\n\n"
        "A support contract keeps the Gepards running, although spare parts have become "
        "scarce since Germany sent its own vehicles to Ukraine.\n\n"
        "The Akash purchase will be paid for partly with money from the Novo PAC.",
        dt.date(2026, 3, 5),
    )
    akash = [c for c in found if c.platform == "Akash"]
    assert [(c.buyer, c.status) for c in akash] == [("Brazil", "negotiating")]


def test_an_offer_considered_too_expensive_is_no_deal() -> None:
    found = deals_in(
        "The European group MBDA had offered Brazil a version of its CAMM-ER system, with "
        "local production of some components in São Paulo, but was considered too expensive.",
        dt.date(2026, 3, 5),
    )
    assert found == []


def test_talks_with_several_unnamed_air_forces_name_no_buyer() -> None:
    found = deals_in(
        "Jordan signed with Embraer for two C-390 Millennium transports. Turkish Aerospace "
        "flew its Hürjet trainer in the daily display and said it was in talks with several "
        "Gulf air forces, without naming them.",
        dt.date(2025, 11, 20),
    )
    assert [(c.platform, c.buyer) for c in found] == [("KC-390 Millennium", "Jordan")]


def test_a_state_that_received_approval_buys() -> None:
    found = deals_in(
        "Saudi Arabia received approval for 4,000 Advanced Precision Kill Weapon System II "
        "(APKWS II) laser-guided rockets from the United States, an estimated $285 million "
        "package.",
        dt.date(2025, 12, 16),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Saudi Arabia", "United States", 4000, "approved"),
    ]


def test_a_state_that_operates_a_fleet_delivered_to_it_bought_it() -> None:
    found = deals_in(
        "Kuwait was cleared to buy four MQ-9B SkyGuardian drones. Kuwait currently operates "
        "three Lockheed Martin KC-130J tankers, delivered in 2014 after being ordered through "
        "the FMS system, for refueling and transport.",
        dt.date(2025, 12, 16),
    )
    tankers = [c for c in found if c.quantity == 3]
    assert [(c.buyer, c.seller, c.status) for c in tankers] == [
        ("Kuwait", "United States", "delivered"),
    ]
    assert [c.platform for c in found if c.platform == "FMS"] == []


def test_a_type_pitched_to_several_regional_customers_names_no_buyer() -> None:
    found = deals_in(
        "Qatar was cleared to buy four KC-46A Pegasus tankers.\n\n"
        '"Qatar wants independence in how it uses its air power, and tankers are central to '
        'that," said a former Pentagon official.\n\n'
        "Airbus has pitched its A330 Multi Role Tanker Transport to several Gulf customers "
        "and was seen as a competitor for any Qatari requirement, but Qatari officials have "
        "given no indication that they considered the European aircraft.",
        dt.date(2025, 12, 16),
    )
    assert [(c.platform, c.buyer) for c in found] == [("KC-46 Pegasus", "Qatar")]


def test_a_claimed_sale_nobody_confirms_is_no_deal() -> None:
    found = deals_in(
        "Iranian media have repeatedly claimed that Russia would supply Su-35 fighters to "
        "Iran, but neither Moscow nor Beijing has confirmed any sale, and no such equipment "
        "has been seen in Iranian service.",
        dt.date(2026, 3, 17),
    )
    assert found == []


def test_a_state_in_a_relative_clause_without_that_supplies() -> None:
    found = deals_in(
        "For more than a decade, Iraq's army aviation has relied on the two dozen Bell IA-407 "
        "armed scout helicopters the United States supplied between 2010 and 2012, many of "
        "which are now grounded.",
        dt.date(2025, 10, 14),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Iraq", "United States", 24)]


def test_ships_bought_after_another_buyer_s_sale_was_cancelled() -> None:
    found = deals_in(
        "Among its most visible purchases are the two Mistral-class amphibious assault ships, "
        "the ENS Gamal Abdel Nasser and ENS Anwar El Sadat, which Egypt bought from France in "
        "2015 for about €950 million after Paris canceled their sale to Russia over the "
        "annexation of Crimea. Both were delivered in 2016.",
        dt.date(2025, 9, 23),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.status) for c in found] == [
        ("Egypt", "France", 2, 950_000_000, "delivered"),
    ]


def test_the_maker_that_signed_before_sells_what_its_contract_covers() -> None:
    found = deals_in(
        "ABU DHABI, January 21, 2026 -- Edge Group signed export contracts with Kazakhstan "
        "and Colombia on the second day of the Umex exhibition in Abu Dhabi.\n\n"
        "The larger of the two agreements, worth Dh367 million ($100m), covers 60 NIMR Jais "
        "4x4 armoured vehicles for Kazakhstan's Ministry of Defence.",
        dt.date(2026, 1, 21),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value) for c in found] == [
        ("Kazakhstan", "United Arab Emirates", 60, 367_000_000),
    ]


def test_a_nickname_after_a_type_is_no_other_type() -> None:
    found = deals_in(
        "GAMI also said the Royal Saudi Land Forces had selected South Korea's Hyundai Rotem "
        "as preferred bidder to supply 100 K808 White Tiger 8x8 wheeled armored vehicles, "
        "with negotiations on price and a local assembly arrangement expected to conclude "
        "later this year.",
        dt.date(2026, 2, 8),
    )
    assert [(c.platform, c.quantity) for c in found] == [("K808", 100)]


def test_an_offer_not_taken_forward_is_no_deal() -> None:
    found = deals_in(
        "Hanwha also offered its Redback tracked infantry fighting vehicle to the Saudi Land "
        "Forces, an offer that was not taken forward.",
        dt.date(2026, 2, 8),
    )
    assert found == []


def test_a_former_owner_before_a_later_type_is_no_seller_of_the_first() -> None:
    found = deals_in(
        "Tanzania inducts Bayraktar TB2 drones, signs for ex-South Korean Pohang-class "
        "corvette\n"
        "The Tanzania People's Defence Force has quietly inducted six Bayraktar TB2 unmanned "
        "combat aerial vehicles acquired from Turkey.",
        dt.date(2026, 2, 1),
    )
    drones = [c for c in found if c.platform == "Bayraktar TB2"]
    assert [(c.seller, c.quantity, bool(c.second_hand)) for c in drones] == [("Turkey", 6, False)]


def test_a_capitalised_word_just_before_the_type_does_not_stop_its_count() -> None:
    found = deals_in(
        "Kenya ordered twelve Longsword AT-802L aircraft from the United States.",
        dt.date(2025, 6, 18),
    )
    assert [(c.buyer, c.quantity) for c in found] == [("Kenya", 12)]


def test_the_remaining_units_a_force_is_replacing_are_no_deal() -> None:
    found = deals_in(
        "The Spanish army is replacing its remaining Skyguard/Aspide units under a "
        "modernisation programme for which no system has yet been chosen.",
        dt.date(2024, 3, 19),
    )
    assert found == []


def test_a_force_deploying_its_own_type_abroad_is_no_deal() -> None:
    found = deals_in(
        "Germany asks to buy Typhon missile launchers from the US\n"
        "The State Department has approved a possible sale of 20 F-16 fighters to the "
        "Philippines for $5.58 billion. The approval comes months after the U.S. Army "
        "deployed its Typhon mid-range missile launcher to northern Luzon for joint "
        "exercises.",
        dt.date(2025, 11, 1),
    )
    typhon = [c for c in found if c.platform.startswith("Typhon")]
    assert [(c.buyer, c.status) for c in typhon] == [("Germany", "proposed")]


def test_a_joint_programme_partner_s_own_order_is_bought_at_home() -> None:
    found = deals_in(
        "Spain's rearmament: where the money is going\n"
        "The Air Force will receive 25 new Eurofighters under the Halcón II programme, "
        "assembled at Airbus's plant in Getafe. But some of the most visible new "
        "capabilities come from the United States. This spring the Spanish Navy received the "
        "first two of eight MH-60R Seahawk helicopters at the Rota naval base.",
        dt.date(2025, 7, 8),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [
        ("Spain", "United States", "MH-60R Seahawk")
    ]
    exported = deals_in(
        "Turkey signed a deal with the United Kingdom to buy 20 Eurofighter Typhoons.",
        dt.date(2025, 11, 1),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in exported] == [("Turkey", "United Kingdom", 20)]


def test_a_maker_named_preferred_bidder_by_a_state_is_in_talks_with_it() -> None:
    found = deals_in(
        "Hanwha Aerospace Q3 profit jumps\n"
        "On a conference call with analysts, chief financial officer Kim Dong-kwan said "
        "Hanwha had been named preferred bidder by Jordan for 24 K9A1 howitzers and hoped "
        "to wrap up negotiations in the first half of next year, but he declined to put a "
        "value on the potential deal.",
        dt.date(2025, 10, 29),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Jordan", "South Korea", 24, "negotiating")
    ]


def test_the_m_sam_ii_is_the_cheongung_with_its_price() -> None:
    found = deals_in(
        "The UAE has diversified its suppliers sharply in recent years. It ordered 80 "
        "Rafale F4 fighters from France in December 2021 in a deal worth about €16bn "
        "including weapons, with the first aircraft due in 2027, and in 2022 bought M-SAM II "
        "air defence batteries from South Korea for $3.5bn, the first of which were handed "
        "over last year.",
        dt.date(2025, 2, 18),
    )
    from tracker.extract.text import word_key

    assert NAMES.names[word_key("M-SAM II")].name == "Cheongung"  # the name, whole
    cheongung = [c for c in found if c.platform == "Cheongung"]
    assert [(c.buyer, c.value, c.currency) for c in cheongung] == [
        ("United Arab Emirates", Decimal("3500000000"), "USD")
    ]


def test_a_programme_or_design_named_like_a_type_is_no_second_type() -> None:
    under = deals_in(
        "Pakistan's navy grows\n"
        "The Pakistan Navy has received a string of new ships in recent years. Three of the four "
        "Babur-class corvettes being built with Turkey under the MILGEM programme have "
        "been commissioned.",
        dt.date(2026, 2, 10),
    )
    based = deals_in(
        "Pakistan also ordered four Babur-class corvettes, based on Turkey's MILGEM design, "
        "in 2018; the first, PNS Babur, was handed over in Istanbul last year.",
        dt.date(2025, 8, 21),
    )
    for found in (under, based):
        assert [(c.buyer, c.seller, c.platform) for c in found] == [
            ("Pakistan", "Turkey", "Babur-class corvette")
        ]


def test_some_of_the_ships_told_of_are_a_part_of_that_order() -> None:
    found = deals_in(
        "Pakistan launches third Hangor-class submarine\n"
        "ISLAMABAD: The third of eight Hangor-class submarines being built for the Pakistan "
        "Navy was launched at a shipyard in Wuhan, China, on Thursday. Under the agreement "
        "signed with China in 2015, four of the submarines are being built in China while "
        "the other four will be constructed at Karachi Shipyard and Engineering Works.",
        dt.date(2025, 8, 1),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Pakistan", "China", 8)]


def test_an_offer_the_buyer_shows_little_interest_in_is_no_deal() -> None:
    after = deals_in(
        "Russia has not given up on selling fighters to India. Moscow has repeatedly offered "
        "its fifth-generation Su-57E, most recently at Aero India in February. The IAF has "
        "shown little interest, officials said, and no proposal for the Su-57 has been "
        "placed before the DAC.",
        dt.date(2026, 3, 11),
    )
    within = deals_in(
        "Moscow has offered India its Su-57E, but the IAF has shown little interest.",
        dt.date(2026, 3, 11),
    )
    assert after == [] and within == []


def test_a_rumoured_purchase_denied_in_the_next_sentence_is_no_deal() -> None:
    found = deals_in(
        "Recent reports in international media suggested Cairo was considering the purchase "
        "of China's J-35 stealth fighter. Military sources told Ahram Online that such "
        'reports were "speculation," stressing that any acquisitions are announced '
        "through official channels.",
        dt.date(2025, 12, 1),
    )
    assert found == []


def test_an_offer_to_train_crews_is_no_supply() -> None:
    found = deals_in(
        "Cyprus orders CAESAR howitzers\n"
        "Greece, the island's closest ally, has offered to train Cypriot gun crews at its "
        "artillery school in Thessaloniki before the first CAESARs arrive.",
        dt.date(2025, 12, 9),
    )
    assert [c for c in found if c.seller == "Greece"] == []


def test_a_reported_interest_nobody_confirms_is_no_deal() -> None:
    found = deals_in(
        "Mozambique itself is reportedly considering the TB2 as well, though officials in "
        "Maputo have not confirmed any talks.",
        dt.date(2026, 1, 20),
    )
    assert found == []


def test_an_unnamed_ministry_is_the_dateline_state_s_once_it_receives() -> None:
    found = deals_in(
        "UAE donates 50 armoured vehicles to Nigerian Army as FG seals $74m Chinese rocket "
        "launcher deal\n"
        "ABUJA, 9 October 2025 -- The United Arab Emirates has donated 50 NIMR Hafeet "
        "armoured vehicles to the Nigerian Army, in a ceremony in Abuja on Wednesday.\n\n"
        "The Emirati charge d'affaires, who handed over the keys, said the gift reflected "
        "the depth of the partnership.\n\n"
        "The handover came a day after the Ministry of Defence confirmed it had signed a $74 "
        "million contract with China North Industries Corporation (Norinco) for eight SR5 "
        "multiple rocket launch systems and their ammunition.",
        dt.date(2025, 10, 9),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [
        ("Nigeria", "United Arab Emirates", "Nimr Hafeet"),
        ("Nigeria", "China", "SR5"),
    ]
    wire = deals_in(
        "State Department clears $1.09 billion AMRAAM sale to Finland\n"
        "WASHINGTON — The U.S. State Department has approved a possible sale to Finland of "
        "150 AIM-120D-3 missiles at an estimated cost of $1.09 billion.\n\n"
        "In November 2023 the Defence Ministry signed a 316 million euro contract with "
        "Israel's Rafael Advanced Defense Systems for the David's Sling air and missile "
        "defense system.",
        dt.date(2025, 1, 8),
    )
    assert {c.buyer for c in wire} == {"Finland"}


def test_the_makers_a_force_has_turned_to_are_the_source_of_what_follows() -> None:
    found = deals_in(
        "The Nigerian Army has turned increasingly to Chinese equipment in recent years, "
        "including the 17 VT-4 main battle tanks delivered by China in 2020.",
        dt.date(2025, 10, 9),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Nigeria", "China", 17)]
    scrapped = deals_in(
        "Egypt scraps Su-35 order as Cairo turns to France and China for fighters\n"
        "Egypt has cancelled its order for 24 Russian Su-35 fighters.",
        dt.date(2025, 3, 1),
    )
    assert {(c.seller, c.platform) for c in scrapped} == {("Russia", "Su-35")}


def test_types_considered_before_a_force_settled_on_another_are_no_deals() -> None:
    found = deals_in(
        "DR Congo takes delivery of Super Tucanos\n"
        "The Democratic Republic of the Congo has received the first of six A-29 Super "
        "Tucano aircraft from Brazil. According to a source close to the evaluation, "
        "Turkish Aerospace's Hürkuş-C and the Leonardo M-346FA were also considered before "
        "the FAC settled on the Brazilian turboprop.",
        dt.date(2025, 6, 1),
    )
    assert [c.platform for c in found] == ["A-29 Super Tucano"]


def test_a_type_joined_by_as_well_as_shares_the_verb_and_keeps_its_own_seller() -> None:
    long = deals_in(
        "In 2023 Congo received three refurbished Su-25 ground attack aircraft from "
        "Georgia, which had previously served with the Georgian Air Force, as well as an "
        "undisclosed number of CH-4 armed drones from China.",
        dt.date(2024, 6, 1),
    )
    short = deals_in(
        "In 2023 Congo received three Su-25 aircraft from Georgia as well as CH-4 drones "
        "from China.",
        dt.date(2024, 6, 1),
    )
    for found in (long, short):
        assert [(c.platform, c.seller, c.status) for c in found] == [
            ("Su-25", "Georgia", "delivered"),
            ("CH-4 Rainbow", "China", "delivered"),
        ]


def test_the_state_named_before_where_gets_the_type_built_there() -> None:
    found = deals_in(
        "Denmark picks Arrowhead 140 frigate design\n"
        "Denmark has selected Babcock's Arrowhead 140 design for three frigates. For "
        "Babcock this is the fourth customer for the design: the company has licensed "
        "Arrowhead 140 to Poland, where three Miecznik-class frigates are under "
        "construction in Gdynia, and to Indonesia, where PT PAL is building two Merah Putih "
        "frigates in Surabaya.",
        dt.date(2025, 9, 1),
    )
    built = [(c.buyer, c.platform, c.quantity) for c in found if c.buyer != "Denmark"]
    assert built == [("Poland", "Miecznik-class", 3), ("Indonesia", "Merah Putih", 2)]


def test_the_rampage_is_named_so_and_a_rampage_is_no_missile() -> None:
    found = deals_in(
        "The mob went on a rampage in Delhi. The Indian Air Force has signed for an "
        "undisclosed number of Rampage long-range air-to-surface missiles from Israel's "
        "Elbit Systems, worth about ₹1,500 crore.",
        dt.date(2026, 3, 23),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [("India", "Israel", "Rampage")]


def test_a_maker_s_open_offer_is_no_deal_but_a_government_s_is() -> None:
    published = dt.date(2025, 11, 20)
    marketing = [
        "Saab has also offered the Gripen to Peru, which plans to replace its ageing fighters.",
        "TKMS, spun off from ThyssenKrupp this year, has offered Type 214 boats to the "
        "Philippines.",
        "Baykar has also offered Mali its new TB3 naval and land drone.",
    ]
    for text in marketing:
        assert deals_in(text, published) == [], text
    tabled = [
        "Sweden offered the Gripen to India.",
        "Saab has offered Thailand twelve of its Gripen E fighters.",
        "Peru is studying an offer from Saab for 12 Gripen E fighters.",
        "The Peruvian Air Force is evaluating Saab's offer of the Gripen E.",
    ]
    for text in tabled:
        deal = one(text, published)
        assert (deal.buyer in ("India", "Thailand", "Peru"), deal.status) == (True, "proposed")


def test_used_ones_sold_back_to_their_maker_s_state_keep_their_direction() -> None:
    found = deals_in(
        "The most significant concerns the Swiss Air Force's last Northrop F-5 Tigers. "
        "Armasuisse confirmed in December that it has agreed to sell thirteen F-5E/F Tiger "
        "IIs to the United States, where they will join the US Navy adversary squadrons.",
        dt.date(2026, 1, 20),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [
        ("United States", "Switzerland", 13)
    ]


def test_weather_cancelling_days_of_flying_is_no_cancelled_deal() -> None:
    found = deals_in(
        "Frisian Flag 2026 wraps up at Leeuwarden\n"
        "The Royal Netherlands Air Force hosted 60 aircraft from nine countries at "
        "Leeuwarden. Not everything went smoothly: poor weather on 26 and 27 March "
        "cancelled two days of flying, and a Belgian F-16 diverted to Volkel with a "
        "hydraulic problem.",
        dt.date(2026, 4, 5),
    )
    assert found == []


def test_a_letter_of_intent_secured_from_a_state_is_its_talks() -> None:
    found = deals_in(
        "Dubai Airshow: Ethiopia signs C-390 letter of intent\n"
        "Military business at the Dubai Airshow picked up on the show's third day, with "
        "Embraer securing a letter of intent from Ethiopia for its C-390 Millennium.\n\n"
        "The Ethiopian Air Force signed the letter of intent for two C-390 Millennium "
        "multi-mission transports at Embraer's chalet on 19 November. \"The C-390 gives us "
        'the ability to move a company of troops," said the air force commander, who was '
        "in Dubai for the signing.",
        dt.date(2025, 11, 20),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Ethiopia", "Brazil", 2, "negotiating")
    ]
    follows = one(
        "It also follows the signing last July of a letter of offer and acceptance with the "
        "United States for 20 F-35A Lightning II fighters for Greece.",
        dt.date(2025, 3, 1),
    )
    assert follows.status == "signed"


def test_simulators_of_a_type_and_a_count_after_another_type_are_no_deals() -> None:
    found = deals_in(
        "Trainer market: Oman signs as Bulgaria picks L-39NG\n"
        "The largest is Oman. Muscat has signed for eight Pilatus PC-21 turboprop trainers "
        "for the Royal Air Force of Oman. In a separate contract, CAE will supply two PC-21 "
        "simulators and run ground school for the new fleet.\n\n"
        "In Sofia, the Bulgarian defence ministry has picked the Aero Vodochody L-39NG as the "
        "preferred replacement for its remaining L-39ZA Albatros jet trainers, and has "
        "opened negotiations with the Czech manufacturer for six aircraft.",
        dt.date(2025, 10, 14),
    )
    assert sorted((c.buyer, c.platform) for c in found) == [
        ("Bulgaria", "L-39NG"),
        ("Oman", "PC-21"),
    ]
    assert [c.quantity for c in found if c.buyer == "Oman"] == [8]


def test_the_type_after_a_type_named_in_the_sentence_is_that_type() -> None:
    found = deals_in(
        "Denmark signs for MQ-9B as European MALE demand climbs\n"
        "Denmark has signed a contract for four MQ-9B SkyGuardian remotely piloted aircraft. "
        "Germany's air force operates five IAI Heron TP aircraft leased from Israel "
        "Aerospace Industries under a 2018 contract; all five have now been delivered to "
        "Jagel and the type flew its first operational missions last year.",
        dt.date(2026, 3, 18),
    )
    assert sorted((c.buyer, c.platform) for c in found) == [
        ("Denmark", "MQ-9B SkyGuardian"),
        ("Germany", "Heron"),
    ]


def test_delivered_joined_to_a_future_participle_is_still_to_come() -> None:
    deal = one(
        "Estonia signed for four Airbus H145M light utility helicopters on Tuesday. The "
        "helicopters will be built at Airbus Helicopters' Donauwörth plant in Germany and "
        "delivered from late 2027.",
        dt.date(2025, 9, 11),
    )
    assert (deal.buyer, deal.quantity, deal.status) == ("Estonia", 4, "signed")


def test_a_headline_told_as_domestic_is_no_transfer() -> None:
    found = deals_in(
        "The biggest UK headline of the week, however, was domestic: the Ministry of Defence "
        "confirmed Leonardo Helicopters' Yeovil plant as the supplier of the AW149 for the "
        "British Army's New Medium Helicopter programme, a contract worth around £1 billion.",
        dt.date(2025, 9, 11),
    )
    assert found == []


def test_a_separate_training_programme_s_cost_is_no_price_of_the_order() -> None:
    deal = one(
        "Leonardo said that the Ghana Air Force had ordered four AW109 Trekker M light "
        "twin-engine helicopters. The company did not disclose the value. Leonardo will also "
        "run a separate 18-month aircrew and maintainer training programme for Accra at its "
        "Sesto Calende academy; Ghanaian officials put the cost of that package at about $14 "
        "million.",
        dt.date(2025, 9, 11),
    )
    assert (deal.buyer, deal.quantity, deal.value) == ("Ghana", 4, None)


def test_a_government_letting_its_ministry_buy_is_the_buyer_beside_a_us_notice() -> None:
    found = deals_in(
        "Government approves helicopter purchase, Washington clears armoured vehicles for "
        "Croatia\n"
        "The Croatian government on Thursday gave the green light for the Ministry of Defence "
        "to sign a contract for eight Airbus H145M light multi-role helicopters, and the "
        "contract was signed in the afternoon in Zagreb with Airbus Helicopters "
        "Deutschland.\n\n"
        "On the same day, the US State Department approved a possible sale of 84 Joint Light "
        "Tactical Vehicles (JLTV) to Croatia, the Defense Security Cooperation Agency "
        "announced.",
        dt.date(2025, 9, 18),
    )
    assert sorted((c.buyer, c.seller, c.platform) for c in found) == [
        ("Croatia", "Germany", "H145M"),
        ("Croatia", "United States", "JLTV"),
    ]


def test_the_state_party_to_a_contract_between_two_buys_its_object() -> None:
    deal = one(
        "Among the most notable documents is the contract between the Ministry of Defence of "
        "Azerbaijan and Turkish company Otokar for the supply of 48 ARMA 8x8 armoured combat "
        "vehicles.",
        dt.date(2026, 3, 12),
    )
    assert (deal.buyer, deal.seller, deal.quantity) == ("Azerbaijan", "Turkey", 48)
    part = deals_in(
        "The agreement between Jordan's armed forces and Diehl Defence covers three fire "
        "units, each with a Hensoldt TRML-4D radar.",
        dt.date(2025, 6, 1),
    )
    assert part == []


def test_basic_training_aircraft_are_the_type_not_a_training_service() -> None:
    deal = one(
        "In the defence sphere, the Ministry of Defence of Uzbekistan and the Korea Aerospace "
        "Industries (KAI) company signed the contract on the supply of 12 KT-1 basic "
        "training aircraft. The amount of the contract is 1.94 trillion soums (about 150 "
        "million dollars), it is informed.",
        dt.date(2025, 6, 1),
    )
    assert (deal.buyer, deal.quantity, deal.status, deal.value, deal.currency) == (
        "Uzbekistan",
        12,
        "signed",
        Decimal("1940000000000"),
        "UZS",
    )


def test_indian_exports_named_and_another_seller_s_contracts_priced_apart() -> None:
    found = deals_in(
        "In March Armenia signed a contract with an Indian company for the supply of "
        "Nagastra-1 loitering munitions worth around 16 billion drams, and the first batch "
        "has already arrived in Armenia. Earlier Armenia also acquired Zen anti-drone "
        "systems from India's Zen Technologies, which were delivered in 2024. \"We paid for "
        'weapons which were not delivered to us," he said, referring to the contracts with '
        "Russia worth around 400 million dollars that remained unfulfilled after 2022.",
        dt.date(2025, 11, 21),
    )
    assert [(c.platform, c.seller, c.value) for c in found] == [
        ("Nagastra-1", "India", Decimal("16000000000")),
        ("Zen Anti-Drone System", "India", None),
    ]


def test_a_home_built_ship_a_navy_calls_its_own_is_no_transfer() -> None:
    found = deals_in(
        "BALTOPS 2026 ends in the Baltic\n"
        "Exercises were held along the coasts of Sweden, Finland, Estonia and Poland. "
        "Finland's Navy deployed its Hamina-class fast attack craft and the minelayer FNS "
        "Hameenmaa; its first Pohjanmaa-class corvette, under construction at Rauma Marine "
        "Constructions, is not expected to join the exercise until 2027. The cost of the "
        "exercise was put at around €35 million.",
        dt.date(2026, 6, 20),
    )
    assert found == []


def test_a_yard_listed_where_no_contract_has_been_awarded_is_no_deal() -> None:
    found = deals_in(
        "US Navy names a second source for its oilers\n"
        "Hanwha Philly Shipyard, the Philadelphia yard acquired by Hanwha Group in 2024, is "
        "listed as a potential second source for the John Lewis-class oilers, although no "
        "contract has been awarded. The request confirms that the Navy will stop the "
        "Constellation-class frigate program after the two hulls already under construction "
        "at Fincantieri Marinette Marine in Wisconsin.",
        dt.date(2026, 2, 10),
    )
    assert found == []


def test_ships_due_to_start_a_mid_life_upgrade_are_no_sale() -> None:
    found = deals_in(
        "Portuguese Navy takes delivery of multi-purpose ship\n"
        "The handover comes as the Portuguese Navy rebuilds its patrol fleet. In 2024 the "
        "Ministry of National Defence contracted the state-backed West Sea shipyard for six "
        "more Viana do Castelo-class offshore patrol vessels, while the two Tridente-class "
        "submarines are due to start a mid-life upgrade with Germany's TKMS in 2027.",
        dt.date(2026, 3, 5),
    )
    assert [c for c in found if c.platform.startswith("Tridente")] == []


def test_an_upgrade_of_the_ships_radar_and_a_refurbishment_fee_are_no_deals() -> None:
    found = deals_in(
        "US clears SM-2 sale to Denmark, Avenger transfer to Greece\n"
        "Congress was formally notified this week of the planned transfer of two "
        "decommissioned Avenger-class mine countermeasures ships to the Hellenic Navy. "
        "Greece will pay an estimated $38 million for refurbishment, crew training and a "
        "spares package at a shipyard in Souda Bay. Copenhagen is separately paying for an "
        "upgrade of the frigates' Thales APAR radar as part of a DKK 5.6 billion program.",
        dt.date(2025, 8, 21),
    )
    assert [(c.buyer, c.platform, c.value) for c in found if c.platform != "SM-2"] == [
        ("Greece", "Avenger-class", None)
    ]
    from tracker.extract.assemble import _NOT_SOLD_BEFORE

    # a plural's possessive before the type upgraded, like a singular's
    assert _NOT_SOLD_BEFORE.search("paying for an upgrade of the frigates' Thales ")


def test_a_ship_named_by_its_name_after_what_it_is_is_one_ship() -> None:
    found = deals_in(
        "Indonesia signs for ex-Italian aircraft carrier Giuseppe Garibaldi\n"
        "JAKARTA, 22 January 2026 -- Indonesia and Italy have signed an agreement for the "
        "transfer of the decommissioned light aircraft carrier Giuseppe Garibaldi (C 551) to "
        "the Indonesian Navy.",
        dt.date(2026, 1, 22),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.second_hand) for c in found] == [
        ("Indonesia", "Italy", "Giuseppe Garibaldi", 1, True)
    ]
    assert found[0].field_quotes["platform"] in found[0].quote


def test_a_ship_known_by_an_old_name_is_given_by_its_old_navy() -> None:
    found = deals_in(
        "PS Constant joins Coast Guard fleet as India hands over patrol vessel\n"
        "VICTORIA, 2 October 2023 -- The Seychelles Coast Guard has a new ship. At a ceremony "
        "at Port Victoria on Saturday, the Indian High Commissioner formally handed over the "
        "fast attack craft formerly known as INS Tillanchang, which will now sail as PS "
        "Constant.",
        dt.date(2023, 10, 2),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.second_hand) for c in found] == [
        ("Seychelles", "India", "INS Tillanchang", 1, True)
    ]


def test_the_named_hulls_of_an_order_are_no_deals_of_their_own() -> None:
    found = deals_in(
        "Poland to take over two Ula-class submarines from Norway\n"
        "Norway and Poland have signed an agreement under which two of the Royal Norwegian "
        "Navy's Ula-class submarines will be transferred to the Polish Navy. It covers the "
        "boats KNM Utstein and KNM Utvær, which will undergo a refit before being handed over "
        "in 2026. The Norwegian Ministry of Defence put the value of the sale at NOK 1.1 "
        "billion.",
        dt.date(2025, 6, 1),
    )
    assert [(c.buyer, c.platform, c.value, c.currency) for c in found] == [
        ("Poland", "Ula-class", Decimal("1100000000"), "NOK")
    ]
    found = deals_in(
        "Bangladesh turns to Turkey\n"
        "China remains the largest source: the Bangladesh Navy's two Type 056 corvettes, BNS "
        "Shadhinota and BNS Prottoy, were built and delivered by China in 2016.",
        dt.date(2025, 6, 1),
    )
    assert [(c.buyer, c.quantity, c.platform) for c in found] == [
        ("Bangladesh", 2, "Type 056 corvette")
    ]
    found = deals_in(
        "Japan may transfer Abukuma-class destroyer escorts to the Philippines\n"
        "Philippine navy officers toured one of the vessels, the JS Tone, at the MSDF's Kure "
        "base last month, and Tokyo and Manila are expected to begin formal talks.",
        dt.date(2025, 6, 1),
    )
    assert [c.platform for c in found if "Tone" in c.platform] == []


def test_a_ship_named_as_a_place_or_a_carrier_of_goods_is_no_deal() -> None:
    found = deals_in(
        "Australia's Romeos arrive\n"
        "Twelve additional MH-60R Seahawks, ordered in 2022, have begun arriving at HMAS "
        "Albatross near Nowra. The 13-metre interceptors arrived in Maputo aboard the Indian "
        "Navy landing ship INS Gharial, which also offloaded medical stores.",
        dt.date(2025, 3, 1),
    )
    assert [c.platform for c in found if "Albatross" in c.platform or "Gharial" in c.platform] == []


def test_an_older_ship_from_another_yard_beside_new_ones_is_a_deal_of_its_own() -> None:
    found = deals_in(
        "Dearsan launches first OPV-76 for the Kenya Navy\n"
        "ISTANBUL, 17 June 2025 -- Turkish shipbuilder Dearsan Shipyard has launched the first "
        "of two OPV-76 offshore patrol vessels ordered by the Kenya Navy. The two OPVs will "
        "become the largest combatants in the Kenyan fleet, overtaking KNS Jasiri, a "
        "1,400-tonne offshore patrol vessel built by Spain's Gondán shipyard and delivered in "
        "2012. Turkish yards have also courted Tanzania and Mozambique, though neither has yet "
        "committed to a programme.",
        dt.date(2025, 6, 17),
    )
    assert sorted((c.buyer, c.seller, c.platform, c.status) for c in found) == [
        ("Kenya", "Spain", "KNS Jasiri", "delivered"),
        ("Kenya", "Turkey", "OPV-76", "signed"),
    ]


def test_a_losing_yard_s_nationality_is_no_buyer() -> None:
    found = deals_in(
        "Suriname orders OPV\n"
        "French shipbuilder OCEA has won a contract from the Government of Suriname for one OPV "
        "190 Mk II offshore patrol vessel for the Suriname Navy. The contract is valued at €48 "
        "million and was signed in Paramaribo in late October after a competition in which "
        "Damen and a Spanish yard also bid.",
        dt.date(2025, 11, 14),
    )
    assert [(c.buyer, c.seller, c.value) for c in found] == [
        ("Suriname", "France", Decimal("48000000"))
    ]


def test_yards_shortlisted_for_a_programme_are_no_platform() -> None:
    found = deals_in(
        "Kenya Navy shortlists three yards for offshore patrol vessel programme\n"
        "MOMBASA, 22 January 2026 -- The Kenya Navy has shortlisted shipbuilders from Turkey, "
        "the Netherlands and China for its long-delayed offshore patrol vessel (OPV) programme, "
        "with a decision not expected before the 2026/27 financial year.",
        dt.date(2026, 1, 22),
    )
    assert found == []


def test_deliveries_each_year_after_a_first_arrival_to_come_are_future() -> None:
    found = deals_in(
        "Israel signs deal with Boeing for 25 F-15IA fighter jets\n"
        "The Defense Ministry on Thursday signed a contract with the U.S. government and Boeing "
        "to buy 25 advanced F-15IA fighter jets, in a deal worth some 19.4 billion shekels. The "
        "first aircraft are scheduled to arrive in 2031, with four to six jets delivered each "
        "year after that.",
        dt.date(2024, 11, 7),
    )
    assert [(c.quantity, c.status) for c in found] == [(25, "signed")]


def test_a_title_case_headline_s_count_and_condition_are_no_part_of_a_name() -> None:
    found = deals_in(
        "Navy Cleared to Transfer Two Decommissioned Littoral Combat Ships to Colombia\n"
        "WASHINGTON, Sept. 4, 2025 -- The ships will be handed to the Colombian Navy after a "
        "congressional review period expired last week without objection.",
        dt.date(2025, 9, 4),
    )
    assert [(c.buyer, c.platform, c.quantity, c.second_hand) for c in found] == [
        ("Colombia", "Littoral Combat", 2, True)
    ]


def test_a_us_notice_headline_s_demonym_before_the_type_is_its_buyer() -> None:
    found = deals_in(
        "State clears $4.2B in Gulf arms sales: Kuwaiti SkyGuardians, Qatari tankers\n"
        "WASHINGTON, Dec. 16, 2025 -- The State Department has approved potential Foreign "
        "Military Sales to Gulf partners. Kuwait was cleared to buy four General Atomics MQ-9B "
        "SkyGuardian remotely piloted aircraft for an estimated $1.1 billion.",
        dt.date(2025, 12, 16),
    )
    drones = [c for c in found if c.platform.startswith("MQ-9B")]
    assert [(c.buyer, c.seller, c.quantity, c.value) for c in drones] == [
        ("Kuwait", "United States", 4, Decimal("1100000000"))
    ]


def test_the_malaysian_press_s_bil_and_mil_are_billions_and_millions() -> None:
    found = deals_in(
        "Malaysia signs for Chunmoo rocket launchers\n"
        "KUALA LUMPUR: The Defence Ministry has signed a RM1.18bil contract with Hanwha "
        "Aerospace for 18 K239 Chunmoo multiple rocket launchers for the Malaysian Army.",
        dt.date(2026, 5, 7),
    )
    assert [(c.buyer, c.quantity, c.value, c.currency) for c in found] == [
        ("Malaysia", 18, Decimal("1180000000"), "MYR")
    ]
    from tracker.extract.money import find_money

    assert [(m.amount, m.currency) for m in find_money("a RM96mil deal", 0, "USD", "MYS")] == [
        (Decimal("96000000"), "MYR")
    ]


def test_rupees_in_a_pakistani_story_are_pakistan_s() -> None:
    from tracker.extract.money import find_money

    said = "funded from the Rs2.55 trillion defence allocation"
    assert [m.currency for m in find_money(said, 0, "USD", "PAK")] == ["PKR"]
    assert [m.currency for m in find_money(said, 0, "USD", "IND")] == ["INR"]
    assert [m.currency for m in find_money(said, 0, "USD", None)] == ["INR"]


def test_a_navy_that_took_over_a_former_ship_bought_it_used() -> None:
    found = deals_in(
        "Pakistan's naval ties with the US\n"
        "In 2010 the Pakistan Navy took over the former USS McInerney, an Oliver Hazard "
        "Perry-class frigate decommissioned by the US Navy, which was commissioned as PNS "
        "Alamgir.",
        dt.date(2025, 12, 24),
    )
    assert [(c.buyer, c.seller, c.status, c.second_hand) for c in found] == [
        ("Pakistan", "United States", "delivered", True)
    ]


def test_a_package_given_without_separate_prices_prices_no_aircraft() -> None:
    found = deals_in(
        "Pakistan signs deal to sell JF-17 jets, trainers to Libya\n"
        "ISLAMABAD: Pakistan has signed an agreement to sell 16 JF-17 Thunder Block III fighter "
        "jets and 12 Super Mushshak trainer aircraft to Libya, officials said on Tuesday. The "
        "overall package, which officials put at more than $4 billion, also covers training, "
        "weapons and spare parts, they said, without giving separate prices for the aircraft.",
        dt.date(2025, 12, 24),
    )
    assert [(c.platform, c.quantity, c.value) for c in found] == [
        ("JF-17 Thunder", 16, None),
        ("Super Mushshak", 12, None),
    ]


def test_a_budget_approved_by_parliament_in_a_story_naming_the_state_department() -> None:
    found = deals_in(
        "Pakistan's JF-17 line\n"
        "In 2022 the US State Department cleared a sustainment programme for Pakistan's F-16 "
        "fleet. The Pakistan Air Force itself has been inducting JF-17 Block III jets from the "
        "Kamra line since 2023, with production funded from the Rs2.55 trillion defence "
        "allocation approved by the National Assembly in June.",
        dt.date(2025, 12, 24),
    )
    assert [c for c in found if c.platform == "JF-17 Thunder"] == []


def test_a_ministry_paying_in_its_maker_s_money_buys_at_home() -> None:
    found = deals_in(
        "GRSE launches Bangladesh Navy tug\n"
        "Kolkata-based GRSE on Monday launched the tug it is building for the Bangladesh Navy. "
        "The engines will power the 97 Tejas Mk1A fighters the Ministry of Defence ordered from "
        "HAL in September under a ₹62,370-crore contract.",
        dt.date(2025, 12, 9),
    )
    assert [c for c in found if c.platform == "Tejas"] == []


def test_ships_received_before_a_push_for_more_were_delivered() -> None:
    found = deals_in(
        "Navy wants more patrol ships\n"
        "The Philippine Navy, meanwhile, is pushing for more patrol ships after receiving two "
        "decommissioned US Navy Cyclone-class patrol ships in 2023 under the US Excess Defense "
        "Articles program.",
        dt.date(2025, 10, 1),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status, c.second_hand) for c in found] == [
        ("Philippines", "United States", 2, "delivered", True)
    ]


def test_a_logistics_contract_s_sum_is_no_price_but_one_including_logistics_is() -> None:
    found = deals_in(
        "DND inks deals\n"
        "The DND also signed a P1.1-billion performance-based logistics contract with Turkish "
        "Aerospace Industries to support the Philippine Air Force's six T129 ATAK attack "
        "helicopters. The "
        "helicopters were bought from Turkey for $269.4 million in a 2020 deal.",
        dt.date(2025, 10, 1),
    )
    assert [(c.buyer, c.platform, c.value, c.currency) for c in found] == [
        ("Philippines", "T129 ATAK", Decimal("269400000"), "USD")
    ]
    found = deals_in(
        "Uruguay receives A-29s\n"
        "Uruguay signed a contract for six A-29 Super Tucano aircraft in December 2024, valued "
        "at US$ 98 million including a logistics support package and pilot training.",
        dt.date(2025, 10, 1),
    )
    assert [(c.quantity, c.value) for c in found] == [(6, Decimal("98000000"))]


def test_ships_decommissioned_by_another_navy_are_used() -> None:
    found = deals_in(
        "Bangladesh Navy\n"
        "In 2020, the Bangladesh Navy commissioned BNS Umar Farooq and BNS Abu Ubaidah, two Type "
        "053H3 frigates decommissioned by the Chinese navy and bought from China.",
        dt.date(2025, 10, 1),
    )
    assert [(c.buyer, c.seller, c.quantity, c.second_hand) for c in found] == [
        ("Bangladesh", "China", 2, True)
    ]


def test_offers_before_but_only_one_offer_made_it_are_passed_over() -> None:
    found = deals_in(
        "Malaysia picks Chunmoo\n"
        "KUALA LUMPUR: Turkey's Roketsan, which offered its T-300 Kasirga system, and China's "
        "Norinco had also responded to the ministry's request for information, but only the "
        "Korean offer made it to the final evaluation, a Mindef source said.",
        dt.date(2026, 5, 7),
    )
    assert [c for c in found if c.platform == "T-300 Kasirga"] == []


def test_depot_maintenance_on_a_fleet_is_no_sale() -> None:
    found = deals_in(
        "FAdeA bets on the Pampa III to return to the export market\n"
        "A Bolivian Air Force commission evaluated the jet trainer in Córdoba, while the "
        "company awaits the funds for the next Argentine Air Force aircraft\n"
        "The company also signed an agreement with Lockheed Martin to carry out "
        "programmed depot maintenance on C-130 Hercules operated by third countries in the "
        "region.",
        dt.date(2025, 10, 8),
    )
    assert found == []


def test_makers_offers_in_a_story_of_three_bids_are_bids() -> None:
    found = deals_in(
        "Navy weighs three bids as it seeks to rebuild submarine force\n"
        "Argentina's Navy has received three formal offers to rebuild its submarine force, but "
        "a decision is unlikely before the second half of the year. France's Naval Group has "
        "offered three Scorpène-class diesel-electric boats, with the last assembled in "
        "Argentina.",
        dt.date(2026, 3, 5),
    )
    assert found == []


def test_the_last_of_a_fleet_laid_up_is_no_delivery_but_the_last_arrived_is() -> None:
    found = deals_in(
        "Navy without a submarine\n"
        "The Argentine Navy has been without an operational submarine since 2017. The ARA "
        "Salta, the last of the older Type 209 boats, was laid up years ago.",
        dt.date(2026, 3, 5),
    )
    assert found == []
    found = deals_in(
        "Apaches complete\n"
        "The last three of the six Apaches India ordered from Boeing under a February 2020 "
        "agreement with the U.S. government arrived in December.",
        dt.date(2026, 1, 5),
    )
    assert [(c.buyer, c.quantity, c.status) for c in found] == [("India", 6, "delivered")]


def test_a_force_firing_its_own_missiles_abroad_is_no_deal() -> None:
    found = deals_in(
        "US, Philippine forces sink decommissioned ship in Balikatan drills\n"
        "For the first time, a Japanese Ground Self-Defense Force unit fired its Type 88 "
        "surface-to-ship missile system from Philippine soil, under a reciprocal access "
        "agreement between Tokyo and Manila that took effect last year.",
        dt.date(2026, 5, 6),
    )
    assert found == []


def test_a_brief_s_used_boats_keep_their_count_over_their_length() -> None:
    found = deals_in(
        "TUNISIA RECEIVES EX-USCG PATROL BOATS\n"
        "The United States handed over two former US Coast Guard Marine Protector-class patrol "
        "boats to the Tunisian Navy at La Goulette on 28 November under the Excess Defense "
        "Articles programme. The 87 ft boats were refurbished at the Coast Guard Yard in "
        "Baltimore with US$3.2 million of US security-assistance funds.",
        dt.date(2025, 12, 5),
    )
    assert [(c.buyer, c.quantity, c.value, c.status, c.second_hand) for c in found] == [
        ("Tunisia", 2, None, "delivered", True)
    ]


def test_a_state_cleared_for_a_type_in_a_brief_s_heading_buys_it() -> None:
    found = deals_in(
        "Defence news in brief\n"
        "BOTSWANA PICKS PC-7 MKX\n"
        "The Botswana Defence Force Air Arm has ordered five Pilatus PC-7 MkX turboprop "
        "trainers from Switzerland.\n\n"
        "KOSOVO CLEARED FOR JAVELINS\n"
        "The US State Department has approved a possible Foreign Military Sale to Kosovo of 246 "
        "FGM-148F Javelin missiles at an estimated cost of US$75 million.",
        dt.date(2025, 12, 5),
    )
    assert sorted((c.buyer, c.seller, c.quantity) for c in found) == [
        ("Botswana", "Switzerland", 5),
        ("Kosovo", "United States", 246),
    ]


def test_a_support_contract_s_worth_prices_no_fleet() -> None:
    found = deals_in(
        "Brazil's air defence\n"
        "Brazil bought 34 Gepard 1A2 anti-aircraft tanks second hand from Germany in 2012. A "
        "support contract with KNDS Deutschland, worth R$210 million, keeps the Gepards "
        "running until 2030.",
        dt.date(2025, 6, 1),
    )
    assert [c.value for c in found] == [None] * len(found)
    from tracker.extract.assemble import _not_the_deal_s

    # the rule itself: the sum after "a support contract with ..., worth" is a service's
    assert _not_the_deal_s("A support contract with KNDS Deutschland, worth ", ", keeps")
    assert not _not_the_deal_s("A contract with KNDS Deutschland, worth ", ", covers")


def test_missiles_to_arm_a_fleet_are_priced_and_the_fleet_is_no_deal() -> None:
    found = deals_in(
        "Kongsberg Orders Hit Record as Chile, Australia Buy Norwegian Missiles\n"
        "Among the largest orders in the quarter, Chile's navy signed for Naval Strike Missiles "
        "to arm its Type 23 frigates in a contract worth about 1.9 billion kroner ($179 "
        "million). Australia exercised an option for additional Joint Strike Missiles for its "
        "F-35A fleet, a 1.1 billion-krone order, the company said.",
        dt.date(2026, 2, 12),
    )
    assert sorted((c.buyer, c.platform, c.value, c.currency) for c in found) == [
        ("Australia", "Joint Strike Missile", Decimal("1100000000"), "NOK"),
        ("Chile", "Naval Strike Missile", Decimal("1900000000"), "NOK"),
    ]


def test_ships_named_by_a_navy_s_prefix_after_their_class_are_that_navy_s() -> None:
    found = deals_in(
        "The OPV market\n"
        "In the Pacific, Oman's navy has been the biggest buyer. The two Protector-class "
        "offshore patrol vessels, HMNZS Otago and HMNZS Wellington, were built by Australia's "
        "Tenix and delivered in 2010.",
        dt.date(2026, 1, 10),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("New Zealand", "Australia", 2)]


def test_an_order_a_new_government_came_only_to_cancel_is_cancelled() -> None:
    found = deals_in(
        "The OPV market\n"
        "Trinidad and Tobago ordered three Port of Spain-class offshore patrol vessels from VT "
        "Shipbuilding in 2007 for about GBP150 million, only for a new government in Port of "
        "Spain to cancel the order in 2010, citing delays and defects.",
        dt.date(2026, 1, 10),
    )
    assert [(c.buyer, c.quantity, c.status) for c in found] == [
        ("Trinidad and Tobago", 3, "cancelled")
    ]


def test_a_state_an_unlisted_maker_contracts_with_buys_its_type() -> None:
    found = deals_in(
        "Indonesia orders a new batch of ASTROS\n"
        "São José dos Campos (SP) -- Avibras Indústria Aeroespacial signed on Monday in Jakarta "
        "a contract with the Indonesian Ministry of Defence (Kementerian Pertahanan) for a new "
        "batch of ASTROS II Mk6 multiple rocket launchers, in a deal valued at R$ 1.6 billion.",
        dt.date(2025, 9, 1),
    )
    assert [(c.buyer, c.seller, c.value, c.currency) for c in found] == [
        ("Indonesia", "Brazil", Decimal("1600000000"), "BRL")
    ]
    found = deals_in(
        "Black Hawks for Manila\n"
        "The Department of National Defense signed a 32 billion peso contract with Polish "
        "manufacturer PZL Mielec for 32 more S-70i Black Hawk helicopters.",
        dt.date(2025, 9, 1),
    )
    assert [c.buyer for c in found] != ["Poland"]


def test_boats_contracted_by_the_us_navy_on_behalf_of_a_buyer_are_sold_by_the_us() -> None:
    found = deals_in(
        "Caribbean navies\n"
        "In the Caribbean, the Dominican Republic Navy (ARD) will receive two Metal Shark 45 "
        "Defiant patrol boats, following a contract signed in July by the U.S. Navy on behalf of "
        "the Dominican government. They are funded through a US$15 million Foreign Military "
        "Financing package that also covers communications equipment and spare parts.",
        dt.date(2025, 9, 1),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value) for c in found] == [
        ("Dominican Republic", "United States", 2, None)
    ]


def test_a_fleet_taken_delivery_of_is_delivered_and_an_offer_nobody_will_sign_no_deal() -> None:
    found = deals_in(
        "Southern Africa's air forces\n"
        "Zimbabwe illustrates the problem. After Western sanctions closed its traditional "
        "supply lines, Harare turned east, taking delivery of a dozen Hongdu K-8 jet trainers "
        "from China in 2005 and 2006. Russia has repeatedly offered the Yak-130 as a "
        "replacement, most recently during the president's visit to Moscow, yet Harare has "
        "neither the cash nor, apparently, the appetite to sign.",
        dt.date(2025, 10, 1),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Zimbabwe", "China", 12, "delivered")
    ]
    from tracker.extract.cues import find_cues

    said = "yet Harare has neither the cash nor, apparently, the appetite to sign."
    assert [c for c in find_cues(said, 0) if c.status == "signed"] == []


def test_an_unlisted_company_after_a_state_s_possessive_is_that_state_s() -> None:
    found = deals_in(
        "Cameroon: last Mavericks delivered\n"
        "South Africa's Paramount Group has delivered the last of twelve Maverick 4x4 armoured "
        "personnel carriers to Cameroon's Rapid Intervention Battalion (BIR), completing a "
        "contract signed in 2025.",
        dt.date(2026, 3, 20),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Cameroon", "South Africa", 12, "delivered")
    ]
    # not across a comma: "Japan's Acquisition, Technology & Logistics Agency"
    from tracker.extract.text import tokens as words_of

    said = "Japan's Acquisition, Technology & Logistics Agency signed"
    assert [m.entry.kind for m in NAMES.find(words_of(said), said)] == ["state"]


def test_a_maker_receiving_word_of_a_selection_receives_no_aircraft() -> None:
    found = deals_in(
        "Embraer chosen by Kenya\n"
        "In Africa, Embraer received confirmation that the Kenya Air Force selected the A-29 "
        "Super Tucano as its new light attack aircraft. Negotiations for six aircraft will "
        "begin in February.",
        dt.date(2025, 12, 1),
    )
    assert [(c.buyer, c.platform, c.status) for c in found] == [
        ("Kenya", "A-29 Super Tucano", "negotiating")
    ]


def test_a_platform_named_as_the_owner_of_its_parts_is_not_supplied() -> None:
    found = deals_in(
        "Embraer's partners grow\n"
        "Slovenia signed for one C-390 Millennium in January. The C-390's two IAE V2500-E5 "
        "turbofans, supplied by International Aero Engines, are supported through a separate "
        "contract with the engine manufacturer.",
        dt.date(2026, 1, 20),
    )
    assert [(c.buyer, c.quantity, c.status) for c in found] == [("Slovenia", 1, "signed")]


def test_a_chooser_followed_by_its_choice_buys_that_platform_only() -> None:
    found = deals_in(
        "Embraer closes deal with Slovenia for the C-390 and is chosen by Kenya for the Super "
        "Tucano\n"
        "Embraer signed a contract with the Ministry of Defence of Slovenia for one C-390 "
        "Millennium. The Kenya Air Force selected the A-29 Super Tucano; negotiations for six "
        "aircraft will begin in February.",
        dt.date(2026, 1, 20),
    )
    assert sorted((c.buyer, c.platform, c.status) for c in found) == [
        ("Kenya", "A-29 Super Tucano", "negotiating"),
        ("Slovenia", "KC-390 Millennium", "signed"),
    ]


def test_a_statement_from_a_ministry_names_no_seller_and_a_state_s_choice_its_buyer() -> None:
    found = deals_in(
        "Embraer wins in Africa and Europe\n"
        "Embraer signed a contract with Slovenia for one C-390 Millennium. In Africa, Embraer "
        "received confirmation that the Kenya Air Force selected the A-29 Super Tucano. "
        "According to a statement from the Kenyan Ministry of Defence, negotiations for six "
        "aircraft, with associated weapons and training, will begin in February, with the aim "
        "of signing a contract in the first half of the year. \"Kenya's choice confirms the "
        'Super Tucano as the reference in Africa," said a source at Embraer.',
        dt.date(2026, 1, 20),
    )
    assert sorted((c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found) == [
        ("Kenya", "Brazil", "A-29 Super Tucano", 6, "negotiating"),
        ("Slovenia", "Brazil", "KC-390 Millennium", 1, "signed"),
    ]


def test_a_backlog_reaching_a_sum_is_no_arrival() -> None:
    from tracker.extract.cues import find_cues

    said = "Embraer's defence backlog reached US$ 4.3 billion at the end of the third quarter."
    assert [c.status for c in find_cues(said, 0)] == []
    assert [c.status for c in find_cues("The first jet reached Brasilia.", 0)] == ["delivering"]


def test_radars_a_contract_includes_are_part_of_the_deal_named_before() -> None:
    found = deals_in(
        "Denmark signs for MQ-9B\n"
        "Denmark signed a contract for four MQ-9B SkyGuardian remotely piloted aircraft. The "
        "contract, worth DKK2.9 billion ($420 million), was signed through the US Foreign "
        "Military Sales process and includes training, spare parts and Leonardo Seaspray 7500E "
        "maritime radars, which will allow the aircraft to patrol the waters around Greenland.",
        dt.date(2026, 3, 18),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Denmark", "MQ-9B SkyGuardian", 4, "signed")
    ]


def test_a_short_name_given_to_a_state_s_force_is_that_state() -> None:
    found = deals_in(
        "Panama commissions patrol boats\n"
        "Panama's National Aeronaval Service (SENAN) commissioned two patrol boats on July 30. "
        "The maritime transfer followed the June delivery of a Cessna 208B Grand Caravan EX "
        "aircraft, donated by the U.S. government to SENAN's air group for maritime patrol. "
        "The Dominican Navy, meanwhile, ordered two Metal Shark patrol boats from the US.",
        dt.date(2025, 8, 5),
    )
    caravan = [c for c in found if c.platform == "Cessna 208 Caravan"]
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in caravan] == [
        ("Panama", "United States", 1, "delivered")
    ]
    # not "WASHINGTON — The Chilean Air Force (FACh)": the dateline is no state's force
    said = "WASHINGTON — The Chilean Air Force (FACh) has selected the PC-21."
    entry = NAMES.with_abbreviations(said).names.get("fach")
    assert entry is not None and entry.name == "Chile"


def test_a_force_s_own_fleet_after_from_is_its_own() -> None:
    found = deals_in(
        "Indonesia signs for Hurjet\n"
        "Indonesia signed for 12 Hurjet trainers from Turkey. Deliveries to the Indonesian Air "
        "Force (TNI-AU) are scheduled between 2028 and 2030. The Hurjets are intended to take "
        "over the lead-in fighter training role from the TNI-AU's 16 T-50i Golden Eagles, "
        "bought from South Korea in 2011 and delivered by 2014.",
        dt.date(2025, 11, 10),
    )
    t50 = [c for c in found if c.platform == "T-50i"]
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in t50] == [
        ("Indonesia", "South Korea", 16, "delivered")
    ]


def test_a_tender_story_s_other_programme_and_yearly_costs_make_no_deal() -> None:
    found = deals_in(
        "Five yards vie for Kenya coast guard ships\n"
        "Shipbuilders from the Netherlands, Turkey and China are among five bidders vying for a "
        "contract to supply the Kenya Coast Guard Service (KCGS) with its first offshore patrol "
        "vessels. Dutch group Damen Shipyards has offered its Stan Patrol 5009 design, a type "
        "already in service with several African coast guards. Illegal fishing is estimated to "
        "cost Kenya more than Sh10 billion a year. The European Union is funding a separate "
        "Sh1.3 billion programme to train KCGS officers, delivered by European coast guard "
        "instructors, which is not part of the tender.",
        dt.date(2025, 11, 10),
    )
    assert found == []


def test_a_title_s_first_jets_received_and_a_caption_s_one_of_them() -> None:
    found = deals_in(
        "NAF receives first M-346 jets as Navy awaits Turkish-built patrol ships\n"
        "Photo: One of the M-346 aircraft shortly after landing at Kainji Air Base.\n"
        "The Nigerian Air Force (NAF) has received the first four of 24 M-346 light combat "
        "aircraft ordered from Italy, its spokesperson said on Monday.",
        dt.date(2025, 11, 4),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Nigeria", "M-346", 24, "delivering")
    ]
    from tracker.extract.cues import find_cues

    assert [c.status for c in find_cues("NAF receives first M-346 jets", 0)] == ["delivering"]


def test_a_title_s_batch_is_the_body_s_additional_one() -> None:
    found = deals_in(
        "TNI AU receives first two of six new T-50i jets\n"
        "The Indonesian Air Force on Tuesday received the first two of six additional T-50i "
        "Golden Eagle advanced jet trainers ordered from South Korea. The squadron received "
        "its first 16 T-50i from South Korea in 2013 and 2014 under a US$400 million contract "
        "signed in 2011.",
        dt.date(2025, 3, 4),
    )
    assert sorted(c.quantity for c in found) == [6, 16]
    assert [c.status for c in found if c.quantity == 6] == ["delivering"]


def test_another_state_that_also_offers_something_buys_nothing() -> None:
    found = deals_in(
        "Paraguay receives a Hercules from the US\n"
        "Earlier this month, the Paraguayan Air Force took delivery of a Lockheed C-130H "
        "Hercules transport aircraft, formerly operated by the US Air Force. The aircraft landed "
        "at Silvio Pettirossi airport on April 6. Brazil has also offered Paraguay a "
        "decommissioned Brazilian Navy river monitor, but Paraguayan naval officials said the "
        "vessel's age made the offer unattractive.",
        dt.date(2025, 4, 20),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Paraguay", "United States", 1, "delivered")
    ]


def test_its_own_fleet_grounded_is_no_deal() -> None:
    found = deals_in(
        "Peru signs for two C-390s\n"
        "The Ministry of Defence signed a contract with Brazil's Embraer for two C-390 "
        'Millennium transport aircraft. "With the C-390 we recover the capacity that we lost '
        'when our Hercules were grounded," said the air force commander, who signed the '
        "document together with the minister.",
        dt.date(2026, 2, 12),
    )
    assert [(c.buyer, c.platform, c.quantity) for c in found] == [("Peru", "KC-390 Millennium", 2)]


def test_a_chilean_outlet_s_bare_dollar_beside_us_dollars_is_the_peso() -> None:
    from tracker.extract.money import dollar_currency

    text = (
        "Army signs for eight H145M helicopters\n"
        "Santiago, 22 August 2025 -- The Chilean Army signed on Thursday a contract with Airbus "
        "Helicopters for eight H145M light utility helicopters. The contract is worth "
        "$158,000 million (about US$164 million). A separate contract, for $3,800 million, "
        "covers the training of sixteen pilots. The H145M was chosen over Leonardo's AW169M."
    )
    found = extract(text, gazetteer=NAMES, published=dt.date(2025, 8, 22))
    assert [(c.buyer, c.quantity, c.value, c.currency, c.status) for c in found] == [
        ("Chile", 8, 158_000_000_000, "CLP", "signed")
    ]
    # without "US$" beside it, a bare "$" is the US one
    assert dollar_currency("worth $158 million", about="CHL") == "USD"


def test_a_separate_contract_s_sum_for_training_prices_no_aircraft() -> None:
    found = deals_in(
        "Chile picks the H145M\n"
        "The H145M was chosen by the Chilean Army over Leonardo's AW169M. A separate contract, "
        "for US$4 million, covers the training of sixteen pilots and thirty technicians.",
        dt.date(2025, 8, 22),
    )
    assert [(c.buyer, c.platform, c.value) for c in found] == [("Chile", "H145M", None)]


def test_a_keel_laid_for_a_foreign_navy_is_a_ship_under_contract() -> None:
    found = deals_in(
        "Keel laid for Peru's first Type 209NG submarine in Kiel\n"
        "KIEL, 1 October 2025 -- thyssenkrupp Marine Systems (TKMS) has laid the keel of the "
        "first of two Type 209NG submarines for the Peruvian Navy. Peru signed the contract in "
        "December 2024 for €1.15 billion.",
        dt.date(2025, 10, 2),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.status) for c in found] == [
        ("Peru", "Germany", 2, 1_150_000_000, "signed")
    ]


def test_a_navy_that_has_commissioned_the_first_of_a_class_is_receiving_it() -> None:
    found = deals_in(
        "Philippine Navy commissions first of two new landing docks from Indonesia's PT PAL\n"
        "MANILA, 10 February 2026 -- The Philippine Navy has commissioned BRP Samar (LD-603), "
        "the first of two Samar-class landing docks built by Indonesian state-owned shipbuilder "
        "PT PAL. The two ships were ordered in June 2022 under a PHP 5.56 billion contract.",
        dt.date(2026, 2, 10),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("Philippines", "Indonesia", "Samar-class", 2, "delivering")
    ]
    from tracker.extract.cues import find_cues

    # not a study commissioned, nor a ship "commissioned in 1986"
    assert find_cues("The ministry has commissioned a study of the options.", 0) == []
    assert find_cues("The Kilo-class boat was commissioned in 1986.", 0) == []


def test_a_translated_royal_navy_is_the_kingdom_s_the_article_is_about() -> None:
    found = deals_in(
        "Royal Navy: Rabat orders two Gowind corvettes from Naval Group for 9 billion dirhams\n"
        "The Royal Navy is to receive two new Gowind 2500 corvettes under a contract signed last "
        "week in Rabat between the Administration of National Defence and the French "
        "shipbuilder Naval Group. The contract is worth some 9 billion dirhams. The French "
        "industrialist already supports the flagship of the fleet, the FREMM frigate Mohammed "
        "VI, delivered by the former DCNS in January 2014. Morocco controls two seafronts.",
        dt.date(2025, 10, 21),
    )
    assert [(c.buyer, c.seller, c.platform, c.currency, c.second_hand) for c in found] == [
        ("Morocco", "France", "Gowind corvette", "MAD", False),
        ("Morocco", "France", "FREMM", None, None),
    ]
    # an article that names the United Kingdom keeps the British Royal Navy
    british = deals_in(
        "RAF orders more Poseidons\n"
        "The Royal Air Force has ordered three more P-8A Poseidon aircraft from Boeing, the UK "
        "Ministry of Defence said. Morocco, meanwhile, is buying Gowind corvettes.",
        dt.date(2025, 10, 21),
    )
    assert ("United Kingdom", "United States") in [(c.buyer, c.seller) for c in british]


def test_types_named_as_its_fleets_are_no_deals() -> None:
    found = deals_in(
        "Qatar signs for 12 Turkish Hurjet jet trainers\n"
        "Student pilots begin on 24 Pilatus PC-21 turboprop trainers bought from Switzerland in "
        "2012 and delivered by 2015, and then move on to nine BAE Systems Hawk Mk167 jets, "
        "ordered from Britain in 2017 and delivered by 2022, before converting to the "
        "front-line Rafale, F-15QA and Typhoon fleets.",
        dt.date(2026, 1, 20),
    )
    assert sorted((c.seller, c.platform) for c in found) == [
        ("Switzerland", "PC-21"),
        ("Turkey", "Hurjet"),
        ("United Kingdom", "Hawk"),
    ]
    # ... but a fleet passed on is a deal
    sold = deals_in(
        "Wedgetail delays\n"
        "The Royal Air Force retired its E-3D Sentry fleet in 2021, selling one of the jets to "
        "Chile, which took delivery of it in 2022.",
        dt.date(2025, 6, 1),
    )
    assert [c.buyer for c in sold] == ["Chile"]


def test_ships_a_state_considers_building_at_home_are_no_deal() -> None:
    found = deals_in(
        "Allies wrap up Freedom Edge drills\n"
        "South Korea is considering building more Aegis destroyers at home after the KDX-III "
        "Batch-II program, and its navy plans to field the next-generation KDDX destroyer in "
        "the 2030s.",
        dt.date(2025, 9, 19),
    )
    assert found == []


def test_a_yard_s_export_record_told_by_it_and_its_hulls() -> None:
    found = deals_in(
        "Hanwha Ocean picked as preferred bidder\n"
        "Hanwha Ocean's surface-ship export record is concentrated in Europe. It built four "
        "37,000-ton Tide-class fleet tankers for Britain's Royal Fleet Auxiliary under a 452 "
        "million pound ($570 million) contract signed in 2012, the last of which, RFA "
        "Tideforce, was handed over in 2019. It also built the logistics support ship HNoMS "
        "Maud for the Royal Norwegian Navy, delivered in 2018.",
        dt.date(2026, 3, 10),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value, c.currency) for c in found] == [
        ("United Kingdom", "South Korea", 4, 452_000_000, "GBP"),
        ("Norway", "South Korea", 1, None, None),
    ]


def test_a_bracketed_short_name_of_another_state_s_force_is_that_state_s() -> None:
    said = "the Royal Cambodian Armed Forces (RCAF) received two Y-12 aircraft"
    entry = NAMES.with_abbreviations(said).names.get("rcaf")
    assert entry is not None and entry.name == "Cambodia"
    assert NAMES.names["rcaf"].name == "Canada"  # elsewhere, the Canadian one


def test_a_pound_with_a_scale_is_money_and_without_one_a_weight() -> None:
    assert [(m.amount, m.currency) for m in find_money("a 452 million pound contract")] == [
        (452_000_000, "GBP")
    ]
    assert find_money("dropped a 2,000-pound bomb and 500 pound bombs") == []


def test_the_lead_s_own_dollar_over_a_state_named_more_later() -> None:
    found = extract(
        "Japan's Mogami frigate chosen for navy's $10 billion general purpose frigate fleet\n"
        "Australia will buy upgraded Mogami-class frigates from Japan in a project worth about "
        "$10 billion. Under the plan, 11 frigates would be acquired, with the first three built "
        "in Japan. The frigates will enter service with the Royal Australian Navy in 2030. "
        "Japan's defence industry sees the deal as a breakthrough. Tokyo lost the submarine "
        "contest in 2016, and Japan has sold little abroad since.",
        gazetteer=NAMES,
        published=dt.date(2025, 8, 5),
    )
    assert [(c.buyer, c.currency) for c in found] == [("Australia", "AUD")]


def test_the_patriot_s_interceptors_and_aegis_ashore_are_types_of_their_own() -> None:
    found = deals_in(
        "Kuwait exercises option for two more Patriot fire units\n"
        "Kuwait has exercised an option for two additional Patriot fire units under the "
        "foreign military sales agreement it signed with the United States in 2023. Kuwait "
        "also finished taking delivery last year of 84 PAC-3 MSE interceptors from the United "
        "States, ordered in 2021.",
        dt.date(2026, 3, 5),
    )
    assert sorted((c.platform, c.quantity) for c in found) == [
        ("MIM-104 Patriot", 2),
        ("PAC-3 MSE", 84),
    ]
    assert NAMES.names["aegisashore"].name == "Aegis Ashore"
    assert NAMES.names["patriotinterceptors"].name == "PAC-3 MSE"


def test_yonhap_s_s_korea_and_its_own_jets_approved_beside_a_us_approval() -> None:
    found = deals_in(
        "(LEAD) S. Korea to buy 18 Chinook heavy-lift helicopters, approves more KF-21 "
        "fighters\n"
        "SEOUL, Jan. 22 (Yonhap) -- South Korea will buy 18 CH-47F Block II Chinook heavy-lift "
        "helicopters from the United States, the state arms procurement agency said Thursday. "
        "The Defense Project Promotion Committee approved the purchase plan for the Chinooks. "
        "The helicopters will be bought through the U.S. government's Foreign Military Sales "
        "(FMS) program. The U.S. State Department approved the possible sale in November, "
        'putting its value at US$1.86 billion. "Now that both governments have given the '
        "green light, we aim to sign the letter of offer and acceptance with Washington in the "
        'first half of the year," a DAPA official said.',
        dt.date(2026, 1, 22),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("South Korea", "United States", "CH-47 Chinook", 18, 1_860_000_000, "approved")
    ]
    assert [s.text[:8] for s in sentences("(LEAD) S. Korea to buy. N. Korea fires.")] == [
        "(LEAD) S",
        "N. Korea",
    ]


def test_a_replaced_fleet_s_own_delivery_and_a_new_type_s_parts() -> None:
    found = deals_in(
        "Hanwha Aerospace signs 650 billion won K9 deal with Kuwait\n"
        "Hanwha Aerospace signed a 650 billion won ($447 million) contract on Monday to supply "
        "36 K9A1 self-propelled howitzers to Kuwait. The K9A1s will replace the Kuwaiti Army's "
        "Chinese-made PLZ-45 155-millimeter self-propelled howitzers, 27 of which were "
        "delivered in the late 1990s and which Kuwaiti officials say have become difficult to "
        "support. The export-model K9A1s will be powered by 1,000-horsepower MTU engines from "
        "Germany, which require a German export license. LIG Nex1 is in final negotiations "
        "with Kuwait over four batteries of the Cheongung II missile system, and Kuwait's "
        "National Assembly still has to approve a 1.5 billion dinar ($4.9 billion) "
        "supplementary defense appropriation that would fund it.",
        dt.date(2025, 11, 18),
    )
    assert [(c.seller, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("South Korea", "K9 Thunder", 36, 650_000_000_000, "signed"),
        ("China", "PLZ-45", 27, None, "delivered"),
        ("South Korea", "Cheongung", 4, None, "negotiating"),
    ]


def test_an_agreement_to_explore_a_budget_request_and_deliveries_completed() -> None:
    found = deals_in(
        "Japan scraps U.S. cruise missile purchase\n"
        "Tokyo and Washington agreed in 2024 to explore joint production of AMRAAMs in Japan, "
        "with Mitsubishi Electric Corp. as the likely Japanese partner. The Acquisition, "
        "Technology and Logistics Agency (ATLA) has requested 940 billion yen for stand-off "
        "missiles in the fiscal 2026 budget. The Ground Self-Defense Force completed receiving "
        "its 17 V-22 Osprey tilt-rotor aircraft last year.",
        dt.date(2026, 2, 13),
    )
    assert [(c.buyer, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("Japan", "V-22 Osprey", 17, None, "delivered")
    ]


def test_a_version_s_mark_alone_is_no_designation() -> None:
    found = deals_in(
        "Hensoldt results\n"
        "Airbus, as prime contractor, placed the series contract for the ECRS Mk1 "
        "electronically scanned radar for the Luftwaffe's latest batch of Eurofighters.",
        dt.date(2026, 3, 12),
    )
    assert found == []


def test_a_contract_signed_with_a_state_then_what_the_deal_covers_each_priced() -> None:
    found = deals_in(
        "Hanwha Aerospace profit jumps on howitzer exports\n"
        "The company said it had signed a 1.19 trillion won contract with Kuwait's Ministry of "
        "Defence in September, its first land-systems sale to the Gulf state. According to a "
        "regulatory filing, the deal covers 36 K9A1 self-propelled howitzers worth 965 billion "
        "won and 18 K10 ammunition resupply vehicles worth 225 billion won.",
        dt.date(2025, 10, 29),
    )
    assert [(c.buyer, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("Kuwait", "K9 Thunder", 36, 965_000_000_000, "signed"),
        ("Kuwait", "K10", 18, 225_000_000_000, "signed"),
    ]


def test_a_maker_s_results_orders_from_its_customers() -> None:
    found = deals_in(
        "Kongsberg Gruppen beats forecasts as missile demand fills order book\n"
        "The largest order for the Kongsberg Defence & Aerospace division in the quarter was a "
        "3.4 billion crown contract from Germany's federal procurement agency BAAINBw for Naval "
        "Strike Missiles (NSM) for the German navy, signed in December. Denmark's parliamentary "
        "finance committee on Jan. 29 approved the purchase of Joint Strike Missiles (JSM) for "
        "the Royal Danish Air Force's F-35A fighters, at an estimated cost of 1.2 billion "
        'Danish crowns. "We are sold out on NSM for years ahead," the chief executive said. '
        'Kongsberg also booked a 1.9 billion crown order for NSM from what it described as "a '
        'customer in Asia", without naming it.',
        dt.date(2026, 2, 12),
    )
    assert [(c.buyer, c.seller, c.platform, c.value, c.currency, c.status) for c in found] == [
        ("Germany", "Norway", "Naval Strike Missile", 3_400_000_000, "NOK", "signed"),
        ("Denmark", "Norway", "Joint Strike Missile", 1_200_000_000, "DKK", "approved"),
    ]
    assert find_money("the crown jewel") == []


def test_an_unnamed_customer_named_later_and_revenue_guidance() -> None:
    found = deals_in(
        "Embraer's defense backlog hits record as Greece picks the C-390\n"
        "The company kept its full-year guidance for revenue of $7.0 billion to $7.5 billion. "
        "Greece's KYSEA selected the C-390 and authorized the ministry to open negotiations "
        "with Embraer. In the second quarter the company had booked an order for four A-29 "
        'Super Tucano light attack aircraft from what it then called "an undisclosed African '
        "customer\". Senegal's Ministry of the Armed Forces confirmed in October that it is "
        "the buyer.",
        dt.date(2025, 11, 5),
    )
    assert [(c.buyer, c.platform, c.quantity, c.value) for c in found] == [
        ("Greece", "KC-390 Millennium", None, None),
        ("Senegal", "A-29 Super Tucano", 4, None),
    ]
    assert found[1].status == "signed"


def test_an_in_service_support_contract_for_guns_sells_no_guns() -> None:
    found = deals_in(
        "Rheinmetall orders roundup\n"
        "Rheinmetall Italia has been awarded a five-year in-service support contract by the "
        "Netherlands Ministry of Defence for the 35mm Millennium naval guns fitted to the "
        "Royal Netherlands Navy's frigates.",
        dt.date(2026, 1, 15),
    )
    assert found == []


def test_a_sentence_opening_on_a_state_delivers_there() -> None:
    found = deals_in(
        "Saab third-quarter report\n"
        "Latvia signed for 120 Carl-Gustaf M4 weapon systems in an order valued at SEK 380 "
        "million. In neighbouring Lithuania, Saab completed deliveries of AT4 disposable "
        "anti-armour weapons under an order signed in March 2024 and worth SEK 270 million.",
        dt.date(2025, 10, 22),
    )
    assert [(c.buyer, c.platform, c.value, c.status) for c in found] == [
        ("Latvia", "Carl-Gustaf", 380_000_000, "signed"),
        ("Lithuania", "AT4", 270_000_000, "delivered"),
    ]


def test_a_firm_based_in_a_state_s_capital_sells_for_it_and_a_maker_s_contract() -> None:
    found = deals_in(
        "Tawazun Council signs Dh4.6 billion of deals on day two of Dubai Airshow\n"
        "The largest international award was a Dh1.14bn agreement with Italy's Leonardo for "
        "twelve AW139 helicopters for the Joint Aviation Command. Abu Dhabi-based Calidus also "
        "used the show to announce an export success of its own. The company said it had "
        "signed a contract with the Islamic Republic of Mauritania for four B-250 aircraft, to "
        "be handed over during 2026.",
        dt.date(2025, 11, 18),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("United Arab Emirates", "Italy", "AW139", 12, "signed"),
        ("Mauritania", "United Arab Emirates", "B-250", 4, "signed"),
    ]


def test_the_first_few_of_a_batch_counted_before_a_far_name_are_of_the_order() -> None:
    found = deals_in(
        "Air Force: new Yak-130s arrive at Tafraoui\n"
        "The Algerian Air Force received during the summer the first four aircraft of a second "
        "batch of Yak-130 combat trainers. The new Yak-130s belong to an order for twelve "
        "aircraft signed with Rosoboronexport in 2023.",
        dt.date(2025, 9, 15),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Algeria", "Yak-130", 12, "delivering")
    ]


def test_a_cleft_after_and_is_its_own_clause() -> None:
    found = deals_in(
        "Tunisia diversifies\n"
        "The United States remains, by far, Tunisia's main military partner. Washington "
        "provides around 80 million dollars a year in Foreign Military Financing, and it was "
        "from the American manufacturer Lockheed Martin that the air force received its two "
        "C-130J Super Hercules transport aircraft in 2013 and 2014.",
        dt.date(2025, 9, 15),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Tunisia", "United States", 2, "delivered")
    ]


def test_radars_feeding_data_and_radars_fitted_to_ships() -> None:
    found = deals_in(
        "Seoul and Tokyo race to thicken missile shields\n"
        "Seoul is also completing a radar network built around Israeli technology. Two Green "
        "Pine Block-C early warning radars, supplied by Israel Aerospace Industries' Elta "
        "Systems unit, were delivered in 2024 and now feed data to the Korea Air and Missile "
        "Defense (KAMD) operations center. Japan took a sharper turn. Instead, the Lockheed "
        "Martin SPY-7 radars already ordered for Aegis Ashore are being fitted to two Aegis "
        "system equipped vessels (ASEV), 20,000-ton warships being built by Mitsubishi Heavy "
        "Industries.",
        dt.date(2026, 4, 7),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("South Korea", "Israel", "EL/M-2080 Green Pine", 2, "delivered")
    ]


def test_the_last_received_after_a_time_and_a_part_supplied_for_another_s_type() -> None:
    found = deals_in(
        "Thales results\n"
        "Hungary, for its part, received in the autumn the last of the 45 Mistral 3 firing "
        "posts it had ordered in 2021. Thales also benefits from each Rafale sold by Dassault "
        "Aviation, for which it supplies the RBE2 radar and the SPECTRA electronic warfare "
        "suite.",
        dt.date(2026, 3, 4),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Hungary", "Mistral", 45, "delivered")
    ]


def test_one_price_told_in_two_currencies_is_one_deal() -> None:
    found = deals_in(
        "ASELSAN discloses $412 million export deal; Jakarta confirms KORKUT purchase\n"
        "Hours later Indonesia's Ministry of Defence said in a statement that it had signed "
        "with ASELSAN for 18 KORKUT 35mm self-propelled air defence gun systems. The ministry "
        "put the value of the purchase at about 6.8 trillion rupiah.",
        dt.date(2025, 12, 3),
    )
    assert [(c.buyer, c.quantity, c.value, c.currency) for c in found] == [
        ("Indonesia", 18, 412_000_000, "USD")
    ]
    # "180 K2 tanks for 9 trillion won" and "$3.37 billion": two prices, two deals
    korean = deals_in(
        "Poland's K2 deals\n"
        "Poland signed for 180 K2 tanks for 9 trillion won in 2025. Its first contract for "
        "180 K2 tanks, signed in 2022, was worth $3.37 billion.",
        dt.date(2025, 8, 1),
    )
    assert len(korean) == 2


def test_a_giver_considering_an_offer_offers_nothing_yet() -> None:
    found = deals_in(
        "Japan hands P-3C aircraft to the Philippines\n"
        "Japanese officials said Tokyo is also considering offering retired SH-60J "
        "anti-submarine helicopters to Manila, but no decision has been made and the "
        "Philippine side has not formally requested them.",
        dt.date(2026, 2, 1),
    )
    assert found == []
    from tracker.extract.cues import find_cues

    assert [c.status for c in find_cues("Peru is considering the Gripen.", 0)] == ["proposed"]


def test_a_mark_s_numeral_a_first_batch_share_and_a_list_s_last_origin() -> None:
    found = deals_in(
        "GAMI unveils SR27bn in contracts\n"
        "The largest single agreement announced was signed by the Ministry of National Guard "
        "with KNDS France for 48 CAESAR Mk II 155mm truck-mounted howitzers in a deal worth "
        "SR2.9 billion ($773 million). Under a package signed with BAE Systems in 2012, the "
        "Royal Saudi Air Force received 22 Hawk Mk165 advanced jet trainers and 55 Pilatus "
        'PC-21 turboprop trainers from Switzerland. "The CAESAR deal is a template: a proven '
        'product, bought off the shelf for the first batch, then moved here."',
        dt.date(2026, 2, 9),
    )
    assert [(c.seller, c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("France", "CAESAR Mk II", 48, 2_900_000_000, "signed"),
        ("United Kingdom", "Hawk", 22, None, "delivered"),
        ("Switzerland", "PC-21", 55, None, "delivered"),
    ]


def test_a_state_s_body_with_an_adjective_acts() -> None:
    found = deals_in(
        "Sahel states turn to Moscow\n"
        "Niger's transitional authorities, meanwhile, signed a contract in July for four "
        "Mi-8AMTSh transport and assault helicopters, a source close to the deal told Sputnik "
        "Africa. Burkina Faso received BTR-82A vehicles in June.",
        dt.date(2025, 9, 10),
    )
    assert next((c.buyer, c.seller, c.platform, c.quantity) for c in found) == (
        "Niger",
        "Russia",
        "Mi-8AMTSh",
        4,
    )


def test_the_first_foreign_customer_unnamed_and_demand_for_a_type() -> None:
    found = deals_in(
        "Rostec Sees Growing Demand for Su-57E, Signs Anti-Tank Systems Deal With "
        "Turkmenistan at IDEX\n"
        "Russia's Rostec has signed a contract with Turkmenistan for the supply of Kornet-EM "
        "anti-tank missile systems. Speaking about the Su-57E fifth-generation fighter, "
        "Chemezov confirmed that a contract had been signed with the first foreign customer "
        "and that deliveries would begin this year. He did not name the country.",
        dt.date(2025, 2, 17),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Turkmenistan", "9M133 Kornet")]


def test_a_type_s_contract_signed_with_a_state_and_a_state_s_firm() -> None:
    found = deals_in(
        "ABU DHABI, February 17 (RIA Novosti) - Russia's state corporation Rostec has signed "
        "a contract with Turkmenistan for the supply of Kornet-EM anti-tank missile systems, "
        "Rostec CEO Sergei Chemezov told RIA Novosti on Monday.\n"
        "Chemezov recalled that Russia's experience was considerable. \"The largest Su-35 "
        "contract, signed in 2015 with China for 24 aircraft worth about $2 billion, was "
        'carried out in full by 2018," he said.',
        dt.date(2025, 2, 17),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity) for c in found][1:] == [
        ("China", "Russia", "Su-35", 24)
    ]
    found = deals_in(
        "Colombia picks the C-390\n"
        "Meanwhile, the FAC's Hercules fleet continues to depend on a five-year maintenance "
        "contract signed in 2023 with Canada's Cascade Aerospace, worth US$38 million, which "
        "has kept four C-130H aircraft flying.",
        dt.date(2025, 11, 4),
    )
    assert "Canada" not in [c.buyer for c in found]


def test_a_leasing_formula_offered_is_no_lease() -> None:
    found = deals_in(
        "In the DRC, the great helicopter bazaar of the Congolese army\n"
        "Four offers remain in competition. The Russian agency Rosoboronexport puts forward "
        "its Mi-171Sh and Mi-35M. Turkish Aerospace offers the T129 ATAK attack helicopter, "
        "accompanied by a leasing formula for the first machines. No winner has been named.",
        dt.date(2025, 9, 1),
    )
    assert found == []
    from tracker.extract.cues import find_cues

    assert [c.status for c in find_cues("Japan leased five TC-90s to the Philippines.", 0)] == [
        "signed"
    ]


def test_a_junta_s_communique_of_deliveries() -> None:
    found = deals_in(
        "Sahel: Mali and Burkina Faso display their new military equipment\n"
        "On Saturday 6 December, the Malian Armed Forces (FAMa) officially received two "
        "Yak-130 training and light attack aircraft acquired from the Russian Federation. "
        "In Burkina Faso, the government of Captain Ibrahim Traoré announced on Tuesday the "
        "reception of 24 VN22 6x6 armoured vehicles, bought from the state group Norinco "
        "under a contract signed in 2024.",
        dt.date(2025, 12, 8),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("Mali", "Russia", "Yak-130", 2, "delivered"),
        ("Burkina Faso", "China", "VN22", 24, "delivered"),
    ]


def test_french_naval_yards_and_their_boats_are_known() -> None:
    found = deals_in(
        "Senegal completes its fleet of fast patrol boats\n"
        "The Navy took delivery on 12 September of the Sangomar, the third and last "
        "Combattante FS56 fast patrol boat ordered in 2021 from the Cherbourg shipyard CMN "
        "(Constructions mécaniques de Normandie). Côte d'Ivoire has ordered six FPB 72 MkII "
        "patrol boats from Ocea.",
        dt.date(2025, 10, 14),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [
        ("Senegal", "France", "Combattante FS56"),
        ("Côte d'Ivoire", "France", "FPB 72"),
    ]


def test_a_navy_that_relies_on_boats_delivered_by_a_yard_has_them() -> None:
    found = deals_in(
        "Naval Group and Piriou plant the French flag in the Gulf of Guinea\n"
        "Cameroon signed at the end of December with the French naval group a contract for "
        "the supply of a Gowind 1000 offshore patrol vessel. For Yaoundé it is the largest "
        "vessel ever ordered. The Gabonese Navy today still relies on two P400 patrol boats "
        "delivered by CMN at the end of the 1980s, whose availability has become uncertain.",
        dt.date(2026, 1, 20),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity) for c in found][1:] == [
        ("Gabon", "France", "P400 patrol vessel", 2)
    ]


def test_the_second_notice_of_a_list_and_offers_that_came_to_nothing() -> None:
    found = deals_in(
        "US approves $388 million in missile sales to Turkey\n"
        "The US State Department has approved two possible sales of air-to-air missiles to "
        "Turkey, the DSCA announced on Wednesday. The first notification covers up to 90 "
        "AIM-120C-8 missiles, at an estimated cost of $310 million. The second covers up to 64 "
        "AIM-9X Block II Sidewinder missiles, worth an estimated $78 million. The United "
        "States had in the past offered Turkey the Patriot air and missile defense system, in "
        "2013 and again in 2019, but the talks collapsed over price, and no sale was concluded.",
        dt.date(2026, 3, 19),
    )
    assert [(c.platform, c.quantity, c.value, c.status) for c in found][-1:] == [
        ("AIM-9X Sidewinder", 64, 78_000_000, "approved")
    ]
    assert "MIM-104 Patriot" not in [c.platform for c in found]


def test_speculation_dismissed_is_no_deal() -> None:
    found = deals_in(
        "China, Egypt air forces launch first joint exercise\n"
        "Some Western media outlets have speculated that the exercise is a prelude to Egyptian "
        "purchases of Chinese weapons, claiming that Cairo could buy J-10CE fighters or is "
        "considering the HQ-9B air defense system. Chinese experts dismissed the speculation.",
        dt.date(2025, 4, 21),
    )
    assert found == []


def test_a_headline_sum_that_adds_up_the_body_s_deals_is_none_of_theirs() -> None:
    found = deals_in(
        "US approves $1.1b. sale of JDAM kits, small diameter bombs to Israel\n"
        "WASHINGTON - The US State Department has approved two potential sales of "
        "precision-guided munitions to Israel, the DSCA said on Tuesday night.\n"
        "The first package includes up to 4,800 Joint Direct Attack Munition (JDAM) guidance "
        "kits, at an estimated cost of $720 million. The second covers up to 3,000 GBU-39/B "
        "Small Diameter Bombs and associated equipment, at an estimated $390m.",
        dt.date(2026, 1, 28),
    )
    assert [(c.platform, c.quantity, c.value, c.status) for c in found] == [
        ("JDAM", 4800, 720_000_000, "approved"),
        ("GBU-39 Small Diameter Bomb", 3000, 390_000_000, "approved"),
    ]


def test_an_asian_country_s_deal_whose_buyer_an_official_names() -> None:
    found = deals_in(
        "Israel signs deals for air defense systems\n"
        "The ministry also announced a second government-to-government deal, with what it "
        'described as "an Asian country," for Rafael Advanced Defense Systems\' SPYDER air '
        "defense system. It did not name the customer. However, a senior Israeli official "
        "confirmed to The Times of Israel that the buyer was Vietnam, which has been expanding "
        "its purchases of Israeli military equipment.",
        dt.date(2026, 1, 14),
    )
    assert [(c.buyer, c.seller, c.status) for c in found] == [("Vietnam", "Israel", "signed")]


def test_an_exercise_s_climax_and_an_offer_to_a_region_s_states() -> None:
    found = deals_in(
        "Türkiye showcases homegrown weapons at EFES-2026\n"
        "Seferihisar, İzmir -- Amphibious assault vehicles rolled out of the sea and "
        "Turkish-made tanks raced along the coastline as the EFES-2026 combined joint "
        'live-fire exercise reached its climax on Thursday. "Ankara could offer the Altay to '
        'Gulf states in the coming years, once serial production ramps up," an analyst said. '
        "Qatar sent observers.",
        dt.date(2026, 5, 15),
    )
    assert found == []


def test_a_rival_an_offer_prevailed_over_and_a_host_of_a_protection_system() -> None:
    found = deals_in(
        "Rafael to Supply Spike LR2 Missiles to Slovakia\n"
        "The Slovak Ministry of Defense has signed a contract with Rafael for the supply of "
        "240 Spike LR2 anti-tank guided missiles. The Slovak decision came after a competition "
        "in which Rafael's offer prevailed over MBDA's Akeron MP and the US-made Javelin. In "
        "addition, Rafael's Trophy active protection system was chosen for Germany's new "
        "Leopard 2A8 tanks and is being installed by Krauss-Maffei Wegmann.",
        dt.date(2026, 3, 3),
    )
    assert [(c.buyer, c.platform, c.quantity) for c in found] == [("Slovakia", "Spike", 240)]


def test_systems_ordered_by_the_ministry_for_the_maker_s_own_forces_are_a_home_purchase() -> None:
    found = deals_in(
        "Rafael to Supply Spike LR2 Missiles to Slovakia\n"
        "The Slovak Ministry of Defense has signed a contract with Rafael for 240 Spike LR2 "
        "missiles. At the end of 2025, the Iron Beam laser system, developed by Rafael with "
        "Elbit Systems, was declared operational in the IDF, and additional systems have been "
        "ordered by the Ministry of Defense.",
        dt.date(2026, 3, 3),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Slovakia", "Spike")]


def test_demand_from_a_region_s_customers_names_no_buyer() -> None:
    found = deals_in(
        "Elbit wins $260m European PULS deal\n"
        "On Friday, Serbia's Ministry of Defence announced that it had signed a contract with "
        "Elbit Systems for Hermes 900 drones. Elbit CEO Bezhalel Machlis told analysts earlier "
        'this year that demand from European customers for long-range precision fire systems "is '
        'unprecedented" and that the company expected more PULS contracts to be signed in 2026.',
        dt.date(2026, 2, 2),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Serbia", "Hermes 900")]


def test_a_headline_s_two_deals_each_with_its_own_party() -> None:
    found = deals_in(
        "Baykar inks Bayraktar TB2 deal with Mongolia, starts Akıncı deliveries to Uzbekistan\n"
        "Turkish drone champion Baykar has signed an export contract with Mongolia for six "
        "Bayraktar TB2 aircraft. Deliveries of the Bayraktar Akıncı to Uzbekistan got underway "
        "last month.",
        dt.date(2026, 2, 11),
    )
    assert sorted((c.buyer, c.platform) for c in found) == [
        ("Mongolia", "Bayraktar TB2"),
        ("Uzbekistan", "Bayraktar Akinci"),
    ]


def test_it_was_the_launch_customer_names_the_state_before_as_buyer() -> None:
    found = deals_in(
        "Rostec signs Kornet deal with Turkmenistan at IDEX\n"
        "Russia's Rostec has signed a contract with Turkmenistan for Kornet-EM systems. The "
        "United Arab Emirates, the host of IDEX, is one of Rostec's oldest partners in the "
        "Gulf. It was the launch customer for the Pantsir-S1 air defense missile and gun "
        "system, ordering 50 systems in 2000 in a deal worth $734 million; all of them had "
        "been delivered by 2013.",
        dt.date(2025, 2, 17),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity) for c in found][1:] == [
        ("United Arab Emirates", "Russia", "Pantsir-S1", 50)
    ]


def test_infantry_fighting_vehicles_from_a_maker_and_a_plan_formally_dropped() -> None:
    found = deals_in(
        "China-Latin America defense ties grow steadily\n"
        "Venezuela has been China's largest defense partner in the region. Its marine corps "
        "received VN-18 amphibious infantry fighting vehicles from NORINCO in 2015. Argentina "
        "signed a framework with China in 2015 to acquire VN1 8x8 wheeled armored vehicles, "
        "but successive governments did not proceed, and the plan was formally dropped in 2024.",
        dt.date(2025, 12, 9),
    )
    assert [(c.buyer, c.seller, c.status) for c in found] == [
        ("Venezuela", "China", "delivered"),
        ("Argentina", "China", "cancelled"),
    ]


def test_a_type_shining_at_a_show_and_a_report_not_confirmed() -> None:
    found = deals_in(
        "Chinese drones, J-10CE fighter shine at Dubai Airshow as Kyrgyzstan signs for Wing "
        "Loong-1E\n"
        "Kyrgyzstan has signed a contract with AVIC for three Wing Loong-1E drones. Some "
        "Western media outlets reported over the weekend, citing unnamed Indonesian officials, "
        'that Jakarta had "finalized" a purchase of 42 J-10 jets. Indonesia\'s defense ministry '
        "has not confirmed the report.",
        dt.date(2025, 11, 19),
    )
    assert [(c.buyer, c.platform, c.quantity) for c in found] == [
        ("Kyrgyzstan", "Wing Loong-1E", 3)
    ]


def test_a_maintenance_contract_s_sum_said_after_its_partner_and_season() -> None:
    found = deals_in(
        "Sahel states turn to Russian equipment\n"
        "Neighboring Mali took delivery of Mi-24P attack helicopters from Russia in 2022. "
        "Bamako signed a maintenance contract with Russian Helicopters this spring, worth about "
        "4 billion CFA francs, to keep the machines flying.",
        dt.date(2025, 9, 10),
    )
    assert [(c.buyer, c.platform, c.value) for c in found] == [("Mali", "Mi-24", None)]


def test_a_portfolio_total_and_a_package_of_agreements_sum_are_no_deal_s() -> None:
    found = deals_in(
        "Rosoboronexport signs contracts at Dubai Airshow\n"
        "Mikheyev said that Rosoboronexport had concluded a contract with Ethiopia for the "
        "delivery of Mi-35M attack helicopters, without disclosing the value. Since the start "
        "of the year Rosoboronexport has signed contracts with 24 countries for a total of more "
        "than $8 billion. Iraq, for instance, took delivery of Mi-28NE Night Hunter attack "
        "helicopters and Pantsir-S1 air defense missile and gun systems under a package of "
        "agreements signed in 2012 and valued at the time at $4.2 billion.",
        dt.date(2025, 11, 18),
    )
    assert [(c.buyer, c.value) for c in found] == [
        ("Ethiopia", None),
        ("Iraq", None),
        ("Iraq", None),
    ]


def test_a_first_batch_then_the_order_s_count_in_total() -> None:
    found = deals_in(
        "Burkina Faso receives first Russian BTR-82A armored vehicles ahead of schedule\n"
        "OUAGADOUGOU (Sputnik) - The first batch of twelve BTR-82A armored personnel carriers "
        "ordered from Russia has arrived in Burkina Faso nearly two months ahead of the date "
        "set in the contract.\n\n"
        "Under the contract, signed in Moscow last December, Ouagadougou is to receive 30 "
        "vehicles in total, with the rest expected before the end of next year.",
        dt.date(2025, 9, 10),
    )
    assert [(c.buyer, c.quantity, c.status) for c in found] == [("Burkina Faso", 30, "delivering")]


def test_france_s_armament_directorate_by_its_english_name_buys_at_home() -> None:
    found = deals_in(
        "Benin reinforces its aerial means\n"
        "Two Gazelle helicopters ceded by France arrived on 15 September at the air base of "
        "Cotonou. The ALAT is receiving its first H160M Guépard ordered by the Directorate "
        "General of Armament.",
        dt.date(2025, 10, 1),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Benin", "SA 342 Gazelle")]


def test_interest_shown_with_no_negotiation_opened_is_no_proposal() -> None:
    found = deals_in(
        "Benin reinforces its aerial and terrestrial means\n"
        "A Beninese delegation also visited the Eurosatory show, in June 2024, where it showed "
        "a certain interest in the CAESAR truck-mounted gun of KNDS France. But, according to "
        "our information, no negotiation has been opened to date.",
        dt.date(2025, 10, 1),
    )
    assert found == []


def test_a_maker_that_is_also_delivering_is_part_way() -> None:
    found = deals_in(
        "Turkish defense firms sign export deals at SAHA 2026\n"
        "Otokar is also delivering Arma 8x8 vehicles to Kazakhstan under a contract signed at "
        "the IDEF fair last July, a senior Otokar executive told Anadolu.",
        dt.date(2026, 5, 8),
    )
    assert [(c.buyer, c.status) for c in found] == [("Kazakhstan", "delivering")]


def test_a_separate_contract_named_after_a_deal_is_another_s() -> None:
    found = deals_in(
        "Turkish defense firms sign export deals at SAHA 2026\n"
        "Otokar is also delivering Arma 8x8 vehicles to Kazakhstan under a contract signed at "
        "the IDEF fair last July. Aselsan announced a separate contract worth $142 million "
        'with "a European country" for electro-optical sighting systems.',
        dt.date(2026, 5, 8),
    )
    assert [(c.buyer, c.value) for c in found] == [("Kazakhstan", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Saab signed a contract with Brazil for 36 Gripen E fighters, which will enter into "
            "force upon receipt of export licences from Sweden.",
            ("Brazil", "Sweden", 36, "signed"),
        ),
        (
            "Indonesia is negotiating the purchase of 42 J-10 fighters from China, and officials "
            "said no agreement has been reached yet.",
            ("Indonesia", "China", 42, "negotiating"),
        ),
        (
            "Spain's Directorate General of Armament and Material (DGAM) signed a contract with "
            "Airbus for 12 H135 helicopters.",
            ("Spain", "Germany", 12, "signed"),
        ),
        (
            "Greece received two more Rafale jets on Monday. The delivery brings the fleet to 24 "
            "aircraft in total.",
            ("Greece", "France", 2, "delivering"),
        ),
        (
            "Despite radar problems, Switzerland confirmed its order for 36 F-35A fighters.",
            ("Switzerland", "United States", 36, "signed"),
        ),
    ],
)
def test_this_session_s_rules_leave_common_wording_alone(
    text: str, expected: tuple[object, ...]
) -> None:
    """A receipt of licences, talks with no agreement "yet", Spain's DGAM, a fleet's total
    and a singular part's problems: wording the new rules must not misread."""
    found = deals_in("News\n" + text, dt.date(2025, 6, 1))
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [expected]


def test_a_count_before_newly_built_counts_new_ones() -> None:
    """ "30 newly built Dingo 2 protected vehicles": the count stands before "newly built",
    and they are new."""
    found = deals_in(
        "Aid\nGermany also handed over 30 newly built Dingo 2 protected vehicles to Ukraine "
        "last month.",
        dt.date(2025, 10, 16),
    )
    assert [(c.buyer, c.quantity, c.second_hand) for c in found] == [("Ukraine", 30, False)]


def test_an_unknown_name_with_its_mark_is_a_platform() -> None:
    """ "eight Tridon Mk2 mobile air defense systems": a name no list knows, with its mark,
    counted, is the platform."""
    found = deals_in(
        "Aid\nThe Swedish Defense Materiel Administration has ordered eight Tridon Mk2 mobile "
        "air defense systems from BAE Systems Bofors for Ukraine, Jonson said.",
        dt.date(2025, 10, 16),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity) for c in found] == [
        ("Ukraine", "Sweden", "Tridon Mk2", 8)
    ]


def test_an_order_told_whole_then_as_new_and_used_is_those_two() -> None:
    """Four Super Tucanos, then two newly built and two more from the seller's fleet: the
    two deals the article counts, not a third of four."""
    found = deals_in(
        "Guatemala buys Super Tucanos\n"
        "Guatemala has signed an agreement with Brazil to acquire four A-29 Super Tucano light "
        "attack aircraft. Under the deal, Embraer will supply two newly built A-29s for $42 "
        "million. The Brazilian Air Force will transfer two more Super Tucanos from its own "
        "fleet.",
        dt.date(2024, 10, 15),
    )
    assert sorted((c.quantity, c.second_hand, c.value) for c in found) == [
        (2, False, 42_000_000),
        (2, True, None),
    ]


def test_a_calibre_after_a_name_is_no_version_of_it() -> None:
    """ "18 DITA 155mm wheeled self-propelled howitzers": the calibre is no version mark, so
    the name is the one the lists know and the title's mention of it is the same deal."""
    found = deals_in(
        "Defence Ministry signs contract for Czech DITA howitzers\n"
        "Ukraine's Defence Procurement Agency has signed a contract with the Czech company "
        "Excalibur Army for 18 DITA 155mm wheeled self-propelled howitzers.",
        dt.date(2025, 11, 20),
    )
    assert [(c.buyer, c.quantity) for c in found] == [("Ukraine", 18)]
    assert "155mm" not in found[0].platform


def test_a_purchase_told_with_count_seller_and_price_is_a_deal() -> None:
    """ "One of the first was the 2019 purchase of six Bayraktar TB2 drones from Turkey for
    $69 million": a noun's purchase, its buyer the state the text is about."""
    found = deals_in(
        "Ukraine buys abroad\nUkraine has a long history of buying equipment abroad, but most "
        "of its large foreign contracts began only after 2014. One of the first was the 2019 "
        "purchase of six Bayraktar TB2 drones from Turkey for $69 million.",
        dt.date(2025, 11, 20),
    )
    assert [(c.buyer, c.seller, c.quantity, c.value) for c in found] == [
        ("Ukraine", "Turkey", 6, 69_000_000)
    ]


def test_a_joint_order_told_under_one_buyer_is_split_into_shares() -> None:
    """The agency of one Baltic state signs for 15 radars on behalf of three; the next
    sentence gives each state's count, a later one Lithuania's own price: three deals, the
    joint total no state's price."""
    found = deals_in(
        "Baltic radars\nThe Lithuanian agency, acting on behalf of all three Baltic states, "
        "signed a contract with Sweden's Saab for 15 Giraffe 1X truck-mounted radars. "
        "Lithuania will receive six radars, Latvia five and Estonia four. The total value of "
        "the contract is about 95 million euros, of which Lithuania's part is 38 million "
        "euros, the ministry said.",
        dt.date(2026, 1, 22),
    )
    assert sorted((c.buyer, c.seller, c.quantity, c.value) for c in found) == [
        ("Estonia", "Sweden", 4, None),
        ("Latvia", "Sweden", 5, None),
        ("Lithuania", "Sweden", 6, 38_000_000),
    ]


def test_a_home_approval_in_a_story_of_fms_buys_keeps_the_type_s_maker() -> None:
    """ "The Czech government approved the purchase of two more Airbus C295MW", in a story
    that later tells of Javelins bought through Foreign Military Sales: the C295's seller
    is Spain's, not Washington's."""
    found = deals_in(
        "Government approves two more C295s\n"
        "The Czech government on Monday approved the purchase of two more Airbus C295MW "
        "transport aircraft for the Czech Air Force, at a cost of CZK 3.6 billion. The "
        "ministry also signed an agreement with the US government for 240 FGM-148F Javelin "
        "missiles worth USD 62 million, bought through the American Foreign Military Sales "
        "system.",
        dt.date(2025, 9, 24),
    )
    sellers = {c.platform: (c.seller, c.status) for c in found}
    assert sellers["C295"] == ("Spain", "approved")
    assert sellers["FGM-148 Javelin"] == ("United States", "signed")


def test_a_type_crews_train_on_is_not_bought() -> None:
    """ "signed an agreement under which Czech helicopter crews will train on Slovakia's
    UH-60M Black Hawk helicopters": a training agreement, no sale."""
    found = deals_in(
        "Czech army orders Javelins\nThe Czech army has ordered 240 Javelin missiles from "
        "the United States. Closer cooperation with Slovakia was also on the agenda. The two "
        "ministers signed an agreement under which Czech helicopter crews will train on "
        "Slovakia's UH-60M Black Hawk helicopters at the Presov air base.",
        dt.date(2025, 9, 24),
    )
    assert [(c.buyer, c.platform) for c in found] == [("Czechia", "FGM-148 Javelin")]


def test_a_firm_s_venture_between_ends_what_refers_back_to_a_deal() -> None:
    """A deal, then a sentence on a third state's firm's joint venture, then "The
    investment, worth about EUR 1 billion": the venture's sum, not the deal's price."""
    found = deals_in(
        "Bulgaria news\nThe minister recalled that the Air Force's three C-27J Spartan "
        "transport aircraft were bought from Italy's Alenia Aeronautica under a 2006 contract. "
        "He also said that construction of the joint venture between Germany's Rheinmetall "
        "and Bulgarian state company VMZ near Sopot is on schedule. The investment, worth "
        "about EUR 1 billion, is to create over 1,000 jobs.",
        dt.date(2025, 7, 24),
    )
    assert [(c.buyer, c.quantity, c.value) for c in found] == [("Bulgaria", 3, None)]


def test_a_contrast_clause_s_recipient_is_not_the_first_deal_s() -> None:
    """ "Serbia has confirmed it has taken delivery of Chinese CM-400AKG missiles, while
    neighbouring Croatia has signed a deal for French ... systems": "for French" belongs to
    Croatia's clause; the missiles are Serbia's."""
    found = deals_in(
        "Balkan arms\nSerbia has confirmed it has taken delivery of Chinese CM-400AKG "
        "air-to-surface missiles, while neighbouring Croatia has signed a deal for French "
        "short-range air defence systems, in the latest sign of an arms build-up.",
        dt.date(2025, 12, 10),
    )
    assert [(c.buyer, c.seller, c.platform) for c in found] == [("Serbia", "China", "CM-400AKG")]


def test_the_government_in_a_capital_is_that_state_buying() -> None:
    """ "The government in Skopje on Tuesday approved the purchase of four Airbus H145M",
    in a story led by Serbia: North Macedonia's purchase."""
    found = deals_in(
        "Balkan arms\nSerbia has taken delivery of 20 Chinese CM-400AKG missiles. The "
        "government in Skopje on Tuesday approved the purchase of four Airbus H145M light "
        "utility helicopters, built in Donauworth, Germany, for 53 million euros.",
        dt.date(2025, 12, 10),
    )
    assert [(c.buyer, c.platform, c.status) for c in found][-1] == (
        "North Macedonia",
        "H145M",
        "approved",
    )


def test_an_unknown_designation_after_its_maker_is_sold_from_the_maker_s_state() -> None:
    """ "a contract for two Airbus A321XLR aircraft": no list knows the A321XLR, but its
    maker's name before it gives the seller; the project's total gives way to "The contract
    with Airbus itself is worth $419m"."""
    found = deals_in(
        "Air Force's new Airbus jets to cost $660m all up\n"
        "The New Zealand Government has signed a contract for two Airbus A321XLR aircraft to "
        "replace the Air Force's ageing Boeing 757s, with the total cost of the project put "
        "at $660 million. The contract with Airbus itself is worth $419m, or about US$240m.",
        dt.date(2026, 1, 20),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.value) for c in found] == [
        ("New Zealand", "France", "A321XLR", 2, 419_000_000)
    ]


def test_a_verb_of_another_state_s_clause_is_not_the_platform_s() -> None:
    """ "approved the sale of 26 HIMARS rocket launchers to Canada, ..., as Ottawa also
    signed its first-ever deal for South Korean artillery shells": the HIMARS are approved,
    not signed."""
    found = deals_in(
        "Canada moves to buy rocket launchers\nThe U.S. State Department has approved the "
        "sale of 26 HIMARS rocket launchers to Canada, a first step toward giving the "
        "Canadian Army a long-range strike weapon it has never had, as Ottawa also signed its "
        "first-ever deal for South Korean artillery shells.",
        dt.date(2025, 11, 27),
    )
    assert [(c.buyer, c.platform, c.status) for c in found] == [("Canada", "HIMARS", "approved")]


def test_canadian_designations_name_the_types_they_stand_for() -> None:
    """ "the last of 16 CC-295 Kingfisher ... aircraft was handed over": Canada's own
    designation of the C295, from Spain."""
    found = deals_in(
        "Kingfisher fleet complete\nOTTAWA -- The last of 16 CC-295 Kingfisher fixed-wing "
        "search and rescue aircraft was handed over to Canada at 19 Wing Comox in February.",
        dt.date(2026, 4, 8),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.status) for c in found] == [
        ("Canada", "Spain", "C295", 16, "delivered")
    ]


def test_what_a_signed_contract_provides_for_beside_a_fleet_serviced() -> None:
    """ "Under a $1.05-billion contract signed with Leonardo last year, the 13 CH-149
    Cormorants in service will receive a mid-life upgrade, and Canada will buy three
    additional AW101 helicopters, ... delivered to the CH-149 Cormorant standard": three
    bought under a signed contract; the 13 upgraded and the standard named are no deal."""
    found = deals_in(
        "More Cormorants on the way\nUnder a $1.05-billion contract signed with Leonardo last "
        "year, the 13 CH-149 Cormorants in service will receive a mid-life upgrade, and Canada "
        "will buy three additional AW101 helicopters, to be built at Leonardo Helicopters' "
        "plant in Yeovil, England, and delivered to the CH-149 Cormorant standard.",
        dt.date(2026, 4, 8),
    )
    assert [(c.buyer, c.platform, c.quantity, c.status) for c in found] == [
        ("Canada", "AW101", 3, "signed")
    ]


def test_the_company_is_the_last_company_that_led_a_sentence() -> None:
    """ "The company's patrol-boat exports ... date back to 2005, when it delivered ten
    37.5-metre patrol boats to the Yemen Coast Guard", several sentences after Austal's
    own: Austal's, from Australia (not the buyer the article is about)."""
    found = deals_in(
        "Austal lands Brunei export order\nAustralian shipbuilder Austal has signed a "
        "contract with the Government of Brunei Darussalam for three Evolved Cape-class patrol "
        "boats. Brunei's Deputy Minister of Defence said the order reflected a long-standing "
        "relationship. The navies had trained together for decades. Six of the boats for the "
        "Royal Australian Navy have now been delivered. The company's patrol-boat exports "
        "from Henderson date back to 2005, when it delivered ten 37.5-metre patrol boats to "
        "the Yemen Coast Guard.",
        dt.date(2026, 3, 12),
    )
    assert ("Yemen", "Australia", 10) in [(c.buyer, c.seller, c.quantity) for c in found]


def test_one_ship_named_after_its_class_is_one_delivered() -> None:
    """ "took delivery of the Guardian-class boat RKS Teanoai II", "received its
    Guardian-class boat, Nafanua II": one ship each, all delivered."""
    found = deals_in(
        "Pacific boats\nAmong the recipients was Kiribati, which took delivery of the "
        "Guardian-class boat RKS Teanoai II from Australia in Cairns in 2021. Samoa received "
        "its Guardian-class boat, Nafanua II, from Australia in 2019, only for it to run "
        "aground on a reef two years later.",
        dt.date(2025, 11, 18),
    )
    assert [(c.buyer, c.quantity, c.status) for c in found] == [
        ("Kiribati", 1, "delivered"),
        ("Samoa", 1, "delivered"),
    ]


def test_a_service_s_price_goes_to_no_sale_of_the_type() -> None:
    """The boats told as built, then "its Cairns yard won a five-year extension, worth $180
    million, to refit and repair the Guardian-class fleet": the refit's sum is not theirs."""
    found = deals_in(
        "Pacific boats\nAustralia delivered 22 Guardian-class patrol boats to Papua New Guinea "
        "over a decade. In August Austal's Cairns yard won a five-year extension, worth $180 "
        "million, to refit and repair the Guardian-class fleet across the region.",
        dt.date(2025, 11, 18),
    )
    assert [c.value for c in found if c.quantity == 22] == [None]


def test_a_fleet_considered_expensive_is_no_purchase_considered() -> None:
    """ "The BAF's eight MiG-29s, in service since the late 1990s, are considered expensive
    to keep flying": an opinion of a fleet, not a purchase weighed."""
    assert (
        deals_in(
            "Bangladesh fighter tender\nThe BAF's eight MiG-29s, in service since the late "
            "1990s, are considered expensive to keep flying.",
            dt.date(2025, 6, 1),
        )
        == []
    )


def test_the_engines_of_a_type_are_no_sale_of_the_type() -> None:
    """ "For the engines of Tejas Mark-1A, HAL has agreed with the American company GE
    Aerospace for the supply of 113 F404 engines": parts bought for a type, no sale of it."""
    assert (
        deals_in(
            "India approves projects\nFor the engines of Tejas Mark-1A, HAL has agreed with "
            "the American company GE Aerospace for the supply of 113 F404 engines, deliveries "
            "of which will take place from 2027.",
            dt.date(2025, 6, 1),
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        # money a parliament votes for its own programme
        (
            "Baltic navies\nThe US Navy took part with two destroyers. Germany's parliament "
            "approved a further €4.2bn for the F127 air defence frigate programme in May.",
            "F127",
        ),
        # ships the buyer's own yard builds
        (
            "Baltic navies\nGermany's parliament approved a further €4.2bn for the F127 air "
            "defence frigate programme in May, while Sweden's Luleå-class surface combatant "
            "programme, to be built by Saab Kockums, is expected to enter detailed design next "
            "year. Poland's three Miecznik frigates, being built at PGZ Stocznia Wojenna in "
            "Gdynia, remain on track for first delivery in 2029.",
            "Miecznik",
        ),
        # the fleet to be retired, in its own clause
        (
            "Canada's submarines\nCanada's government narrowed the submarine project to two "
            "bidders. Officials say they want to pick a winner quickly and have the first boat "
            "in the water early in the 2030s, before the last of the Royal Canadian Navy's four "
            "ageing Victoria-class submarines is retired.",
            "Upholder-class submarine",
        ),
        # a hypothetical buyer
        (
            "FMS reform\nTaiwan has waited years for its weapons. Consider a hypothetical "
            "partner in the Indo-Pacific that could buy four MQ-9B drones or a single Patriot "
            "battery.",
            "MQ-9B SkyGuardian",
        ),
    ],
)
def test_home_programmes_retirements_and_hypotheticals_are_no_deals(
    text: str, platform: str
) -> None:
    assert platform not in [c.platform for c in deals_in(text, dt.date(2026, 6, 12))]


def test_a_table_s_recipient_column_buys_and_its_status_column_gives_the_stage() -> None:
    """A report's table of cases: the "Recipient" cell is the buyer whatever the verb in
    the status cell ("Delivered, August 2024"), "Notified ..." is an approval, and an
    "Offer declined by recipient" row is no deal."""
    text = (
        "Excess Defense Articles\nThe U.S. Coast Guard's retired patrol boats have supplied "
        "several partner navies. Table 1 lists selected recent maritime cases.\n\n"
        "Recipient | Article | Qty | Basis | Status (September 2025)\n"
        "Ghana | 110-foot Island-class patrol boats | 2 | Grant | Delivered, August 2024\n"
        "Jamaica | 87-foot Marine Protector-class patrol boats | 2 | Grant | Notified March "
        "2025; transfer agreement pending\n"
        "Cabo Verde | 110-foot Island-class patrol boat | 1 | Grant | Offer declined by "
        "recipient, 2024\n"
    )
    found = deals_in(text, dt.date(2025, 10, 7))
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Ghana", "United States", 2, "delivered"),
        ("Jamaica", "United States", 2, "approved"),
    ]


def test_a_hearing_s_aircraft_accepted_and_arrived_at_a_force_s_base() -> None:
    """A Senate estimates answer: "The four additional CH-47F Chinook helicopters ordered
    through FMS in 2023 have all been accepted. The last one arrived at RAAF Base
    Townsville": all delivered, to the force whose base they reach."""
    found = deals_in(
        "Senate estimates\nSenator HARGREAVES: Chinooks. Where are we with the additional "
        "aircraft?\n\nMajor General Brennan: The four additional CH-47F Chinook helicopters "
        "ordered through FMS in 2023 have all been accepted. The last one arrived at RAAF Base "
        "Townsville in July.",
        dt.date(2025, 10, 29),
    )
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == [
        ("Australia", "United States", 4, "delivered")
    ]


def test_a_brief_s_present_tense_orders_a_count() -> None:
    """A wire brief in capitals: "(DALO) ORDERS 130 PATRIA 6X6 ARMOURED PERSONNEL CARRIERS"
    is an order signed, by Denmark, from Finland."""
    found = deals_in(
        "BRIEF-Patria Signs Agreement For 130 Patria 6x6 Vehicles With Denmark\n"
        "Dec 9 (Reuters) - Patria Oyj:\n"
        "* PATRIA SAYS DANISH MINISTRY OF DEFENCE ACQUISITION AND LOGISTICS ORGANISATION "
        "(DALO) ORDERS 130 PATRIA 6X6 ARMOURED PERSONNEL CARRIERS\n"
        "* ORDER VALUE ABOUT EUR 410 MLN; DELIVERIES 2027-2030\n",
        dt.date(2025, 12, 9),
    )
    assert ("Denmark", "Finland", 130, "signed") in [
        (c.buyer, c.seller, c.quantity, c.status) for c in found
    ]


def test_a_version_named_with_its_maker_is_the_listed_version_s_family() -> None:
    """ "Malta orders two King Air 360ER", then "two Beechcraft King Air 360ER aircraft":
    one deal; and a radar "selected for the mid-life upgrade" of a ship is no deal."""
    found = deals_in(
        "Malta orders two King Air 360ER maritime patrol aircraft\nThe Armed Forces of Malta "
        "has ordered two Beechcraft King Air 360ER aircraft configured for maritime patrol "
        "from Textron Aviation in the United States. Separately, the AFM confirmed that a "
        "Thales NS50 radar has been selected for the mid-life upgrade of its offshore patrol "
        "vessel P61.",
        dt.date(2025, 10, 30),
    )
    assert [(c.buyer, c.seller, c.quantity) for c in found] == [("Malta", "United States", 2)]


def test_a_headline_s_description_with_the_named_type_s_count_is_that_deal() -> None:
    """ "Lithuania buys two more air defence batteries from Germany's Diehl", then "two
    IRIS-T SLM medium-range air defence batteries": one deal."""
    found = deals_in(
        "Lithuania buys two more air defence batteries from Germany's Diehl\n"
        "VILNIUS, Jan 16 (Reuters) - Lithuania has signed a contract for two IRIS-T SLM "
        "medium-range air defence batteries from Germany's Diehl Defence, the defence ministry "
        "said on Thursday.",
        dt.date(2025, 1, 16),
    )
    assert [(c.platform, c.quantity) for c in found] == [("IRIS-T SLM", 2)]


def test_a_tally_of_contracts_passing_a_mark_is_no_deal_s_price() -> None:
    """ "UAE orders 12 Chinese L-15 jets as IDEX contracts pass Dh10 billion": the fair's
    total, not the jets' price."""
    found = deals_in(
        "UAE orders 12 Chinese L-15 jets as IDEX contracts pass Dh10 billion\n"
        "The UAE has ordered 12 L-15 jets from China. Its value was not disclosed.",
        dt.date(2023, 2, 22),
    )
    assert [(c.quantity, c.value) for c in found] == [(12, None)]


def test_units_counted_without_a_name_are_of_the_type_just_named() -> None:
    """ "Austria signed for IRIS-T SLM in 2024. Sweden followed in June this year with an
    order for eight fire units worth SEK 9.5 billion": eight IRIS-T SLM fire units."""
    text = (
        "Europe's air defence\nAustria signed for IRIS-T SLM in 2024. Sweden followed in June "
        "this year with an order for eight fire units worth SEK 9.5 billion."
    )
    found = deals_in(text, dt.date(2025, 11, 1))
    sweden = [c for c in found if c.buyer == "Sweden"]
    assert [(c.platform, c.quantity, c.value) for c in sweden] == [("IRIS-T SLM", 8, 9_500_000_000)]
    assert sweden[0].field_quotes["platform"] in text


def test_a_maker_s_agreement_for_a_type_with_a_state_sells_to_it() -> None:
    """Mid-newsletter: "BRIEF-Patria Signs Agreement For 130 Patria 6x6 Vehicles With
    Denmark": Denmark buys, from Finland."""
    found = deals_in(
        "BRIEF-Saab Receives Order For RBS 70 NG From Czech Republic\nDec 9 (Reuters) - Saab "
        "AB:\n* SAAB RECEIVES ORDER FROM CZECH REPUBLIC FOR RBS 70 NG\n\n"
        "BRIEF-Patria Signs Agreement For 130 Patria 6x6 Vehicles With Denmark\n"
        "Dec 9 (Reuters) - Patria Oyj:\n",
        dt.date(2025, 12, 9),
    )
    assert ("Denmark", "Finland", 130) in [(c.buyer, c.seller, c.quantity) for c in found]
    assert all(c.seller != "Denmark" for c in found)


@pytest.mark.parametrize(
    ("text", "buyer"),
    [
        (
            "Border war\nAccording to two officials in Phnom Penh, Cambodia signed in "
            "September for 12 PCL-181 155mm truck-mounted howitzers from China.",
            "Cambodia",
        ),
        (
            "Drones\nAnd in Dakar, Senegal is negotiating with Baykar for the larger Akinci, "
            "according to two people familiar with the talks.",
            "Senegal",
        ),
    ],
)
def test_a_state_after_an_opening_s_place_acts(text: str, buyer: str) -> None:
    """ "in Phnom Penh, Cambodia signed": a place ends the opening; the state after its
    comma is the subject, not a second place listed with it."""
    assert [c.buyer for c in deals_in(text, dt.date(2025, 11, 1))] == [buyer]


def test_a_purchase_priced_in_a_named_state_s_own_money_is_that_state_s() -> None:
    """Cambodia's howitzers told first, then "Prime Minister Anutin Charnvirakul's cabinet
    approved a 4.2-billion-baht purchase of three Hermes 900 drones from Israel's Elbit
    Systems": baht, so Thailand's."""
    found = deals_in(
        "After the border war, Thailand and Cambodia go shopping\nCambodia signed in "
        "September for 12 PCL-181 howitzers from China. On October 21, Prime Minister Anutin "
        "Charnvirakul's cabinet approved a 4.2-billion-baht (about US$128 million) purchase "
        "of three Hermes 900 drones from Israel's Elbit Systems.",
        dt.date(2025, 11, 5),
    )
    assert [(c.buyer, c.platform) for c in found] == [
        ("Cambodia", "SH-15"),
        ("Thailand", "Hermes 900"),
    ]


def test_a_headline_s_second_verb_phrase_governs_its_own_type() -> None:
    """ "Baykar inks Bayraktar TB2 deal with Mongolia, starts Akıncı deliveries to
    Uzbekistan": the TB2 signed, the Akıncı delivering."""
    found = deals_in(
        "Baykar inks Bayraktar TB2 deal with Mongolia, starts Akıncı deliveries to Uzbekistan\n"
        "ISTANBUL - The Turkish drone maker announced the two deals on Tuesday.",
        dt.date(2025, 10, 1),
    )
    assert sorted((c.buyer, c.status) for c in found) == [
        ("Mongolia", "signed"),
        ("Uzbekistan", "delivering"),
    ]


def test_a_type_whose_foreign_maker_is_named_is_not_a_us_sale_in_a_notice_story() -> None:
    """A story of a US approval (C-130J) also tells "KYSEA also authorized ... negotiations
    with Israel's Elbit Systems for three Hermes 900": Israel's, not Washington's."""
    found = deals_in(
        "Greece approves C-130J purchase\nThe U.S. State Department approved the possible "
        "sale of four C-130J-30 Super Hercules aircraft to Greece. Greece's KYSEA also "
        "authorized the army to proceed with negotiations with Israel's Elbit Systems for "
        "three Hermes 900 drones.",
        dt.date(2025, 6, 1),
    )
    sellers = {c.platform: c.seller for c in found}
    assert sellers.get("Hermes 900") == "Israel"


def test_written_answers_a_question_an_export_name_and_a_support_contract() -> None:
    """Hansard: the member's "To ask the Secretary of State ... the contract for new Chinook
    helicopters" is a question; the answer's "14 H-47(ER) Chinook" (Boeing's export name)
    is the deal; "the Chinook through-life support contract ... £283 million" a service."""
    found = deals_in(
        "Defence: Written Questions and Answers\n"
        "Helen Marr (Winchester South) (LD): To ask the Secretary of State for Defence, with "
        "reference to the contract for new Chinook helicopters, when the first aircraft will "
        "be delivered.\n\nAnswered by Luke Pollard:\nThe Department signed a Letter of Offer "
        "and Acceptance with the US Government under the Foreign Military Sales process in "
        "2024 for 14 H-47(ER) Chinook extended-range helicopters. Depth maintenance will be "
        "undertaken in the UK by Boeing Defence UK under the Chinook through-life support "
        "contract, extended in 2024 at a value of £283 million.",
        dt.date(2025, 11, 20),
    )
    assert [(c.buyer, c.seller, c.platform, c.quantity, c.value) for c in found] == [
        ("United Kingdom", "United States", "CH-47 Chinook", 14, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's present tense is weak: the body's approval tells the stage
        (
            "India buys 26 Rafale Marine jets\nIndia's Defence Acquisition Council approved "
            "the purchase of 26 Rafale Marine jets from France on Monday.",
            [("India", "France", 26, "approved")],
        ),
        # a foreign type assembled by a home firm is still bought from abroad
        (
            "Japan F-35s\nJapan received four more F-35A jets, assembled by Mitsubishi Heavy "
            "Industries in Nagoya.",
            [("Japan", "United States", 4, "delivering")],
        ),
        # another state's order told as a yardstick is not the buyer's
        (
            "Romania K9\nRomania signed a deal for 54 K9 howitzers worth $1 billion. The "
            "purchase follows Poland's 2022 order of 212 K9s from South Korea for $2.4 "
            "billion.",
            [("Romania", "South Korea", 54, "signed")],
        ),
        # an air force's base where aircraft will be based is no buyer's name
        (
            "Singapore F-35\nThe first four F-35B jets for Singapore were handed over this "
            "week. They will be based at RAAF Base Tindal for training.",
            [("Singapore", "United States", 4, "delivering")],
        ),
        # units from another maker than the type just named are not that type
        (
            "Lithuania artillery\nLithuania received its first Caesar howitzers last month. It "
            "also ordered two more fire units from Kongsberg.",
            [("Lithuania", "France", None, "delivering"), ("Lithuania", "Norway", 2, "signed")],
        ),
        # "was considered by" is a proposal weighed, not a view of a fleet
        (
            "Jordan F-16s\nA sale of 12 F-16 jets to Jordan was considered by the Pentagon "
            "last year.",
            [("Jordan", "United States", 12, "proposed")],
        ),
        # deliveries delayed have not started
        (
            "S-400 delays\nRussia began delaying S-400 deliveries to India in 2023.",
            [],
        ),
        # a venture between does not stop "the deal" from being priced
        (
            "Romania Abrams\nRomania signed a deal for 54 Abrams tanks from the United States. "
            "Germany's Rheinmetall is also building an ammunition plant in Romania. The deal "
            "is worth $2.5 billion.",
            [("Romania", "United States", 54, "signed")],
        ),
    ],
)
def test_the_review_s_cases_of_this_session_s_rules(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    """Ordinary wording a review found this session's new rules misreading, mended."""
    found = deals_in(text, dt.date(2025, 6, 1))
    assert [(c.buyer, c.seller, c.quantity, c.status) for c in found] == expected


def test_a_deal_priced_after_a_venture_keeps_its_price() -> None:
    found = deals_in(
        "Romania Abrams\nRomania signed a deal for 54 Abrams tanks from the United States. "
        "Germany's Rheinmetall is also building an ammunition plant in Romania. The deal is "
        "worth $2.5 billion.",
        dt.date(2025, 6, 1),
    )
    assert [c.value for c in found] == [2_500_000_000]


# --- the command -------------------------------------------------------------------------


def test_tracker_extract_finds_the_press_tv_deals_and_knows_them(seeded_sqlite_url: str) -> None:
    env = {"TRACKER_DATABASE_URL": seeded_sqlite_url}
    result = CliRunner().invoke(main, ["extract", str(PRESS_TV), "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    deals = json.loads(result.output)["deals"]
    assert all(list(deal) == list(FIELDS) for deal in deals)
    found = {
        (d["seller"], d["platform"], d["quantity"], d["second_hand"], d["status"]) for d in deals
    }
    assert {
        ("United Kingdom", "Eurofighter Typhoon", 20, False, "signed"),
        ("Qatar", "Eurofighter Typhoon", 12, True, "negotiating"),
        ("Oman", "Eurofighter Typhoon", 12, True, "negotiating"),
        ("United States", "F-16 Block 70 Viper", 40, False, "approved"),
    } <= found
    s400 = next(d for d in deals if d["platform"] == "S-400 Triumf")
    assert (s400["quantity"], s400["value"], s400["currency"]) == (4, 2500000000, "USD")
    assert all(deal["existing_deal_id"] for deal in deals)
    text = PRESS_TV.read_text("utf-8")
    assert all(q in text for d in deals for q in [d["quote"], *d["field_quotes"].values()])


def test_tracker_extract_reads_standard_input_and_prints_a_table(seeded_sqlite_url: str) -> None:
    env = {"TRACKER_DATABASE_URL": seeded_sqlite_url}
    article = "Serbia has bought 12 French Rafale fighter jets for 2.7 billion euros.\n"
    result = CliRunner().invoke(main, ["extract", "-"], input=article, env=env)
    assert result.exit_code == 0, result.output
    assert "Serbia" in result.output and "Rafale" in result.output and "new" in result.output
    nothing = CliRunner().invoke(main, ["extract", "-"], input="Markets rose today.\n", env=env)
    assert "No deal found" in nothing.output


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x00\x01binary", "binary data"), ("Rafale für Serbien".encode("latin-1"), "not UTF-8")],
)
def test_tracker_extract_refuses_what_is_not_an_article(
    seeded_sqlite_url: str, tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    env = {"TRACKER_DATABASE_URL": seeded_sqlite_url}
    result = CliRunner().invoke(main, ["extract", str(path)], env=env)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_terminal_escapes_in_an_article_do_not_reach_the_terminal(seeded_sqlite_url: str) -> None:
    env = {"TRACKER_DATABASE_URL": seeded_sqlite_url}
    article = "Serbia has bought 12 French Rafale jets \x1b]0;owned\x07 for 2.7 billion euros.\n"
    for fmt in ("table", "json"):
        result = CliRunner().invoke(main, ["extract", "-", "--format", fmt], input=article, env=env)
        assert "\x1b" not in result.output and "\x07" not in result.output


# --- confirming: one write, all or nothing ----------------------------------------------------

SOURCE = {
    "title": "Serbia buys Rafales",
    "publisher": "Wire",
    "url": "https://example.org/a",
    "published_date": "2024-07-02",
}
ARTICLE = (
    "Serbia has bought 12 French Rafale fighter jets in a deal worth 2.7 billion euros, "
    "President Aleksandar Vucic said on Thursday. Vietnam has ordered 12 Thunderbolt-7 "
    "coastal patrol boats from Israel's Elbit Systems for $150 million."
)


def _counts(engine: Engine) -> tuple[int, ...]:
    with make_session_factory(engine)() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Source, Deal, Citation, Event, AuditEntry)
        )


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_confirming_writes_source_deals_citations_and_events_together(
    seeded_engine: Engine,
) -> None:
    before = _counts(seeded_engine)
    with make_session_factory(seeded_engine)() as session, session.begin():
        candidates = extract(ARTICLE, session=session, published=dt.date(2024, 7, 2))
        assert [c.platform for c in candidates] == ["Rafale", "Thunderbolt-7"]
        result = add_from_article(
            session=session,
            actor=EDITOR,
            source_in={**SOURCE, "text": ARTICLE},
            deals=[from_candidate(c) for c in candidates],
        )
    assert len(result.created) == 2
    sources, deals, citations, events, _ = _counts(seeded_engine)
    assert (sources, deals, events) == (before[0] + 1, before[1] + 2, before[3] + 2)
    assert citations >= before[2] + 10
    with make_session_factory(seeded_engine)() as session:
        stored = session.get(Deal, result.created[1])
        assert stored is not None and stored.platform.designation == "Thunderbolt-7"
        assert (stored.quantity_ordered, stored.value_amount, stored.value_currency) == (
            12,
            Decimal("150000000.00"),
            "USD",
        )
        cited = {c.field for c in stored.citations if c.field}
        assert {"buyer", "seller", "platform", "quantity_ordered", "value", "status"} <= cited
    # Confirming the same article again finds the deals it stored.
    with make_session_factory(seeded_engine)() as session:
        again = extract(ARTICLE, session=session, published=dt.date(2024, 7, 2))
        assert [c.existing_deal_id for c in again] == result.created


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_refused_deal_writes_nothing_at_all(seeded_engine: Engine) -> None:
    before = _counts(seeded_engine)
    with make_session_factory(seeded_engine)() as session:
        candidates = extract(ARTICLE, session=session)
    good, bad = (from_candidate(c) for c in candidates)
    bad.field_quotes["quantity"] = "words the article never says"
    with (
        make_session_factory(seeded_engine)() as session,
        pytest.raises(InvalidInput) as refused,
        session.begin(),
    ):
        add_from_article(
            session=session, actor=EDITOR, source_in={**SOURCE, "text": ARTICLE}, deals=[good, bad]
        )
    assert "deal 2" in str(refused.value)
    assert _counts(seeded_engine) == before
    unknown = from_candidate(candidates[1])
    unknown.platform_category = None
    unknown.status = "bought"
    with (
        make_session_factory(seeded_engine)() as session,
        pytest.raises(InvalidInput) as both,
        session.begin(),
    ):
        add_from_article(
            session=session, actor=EDITOR, source_in={**SOURCE, "text": ARTICLE}, deals=[unknown]
        )
    assert "status" in str(both.value)
    assert _counts(seeded_engine) == before


def test_an_article_about_a_stored_deal_becomes_its_source(seeded_engine: Engine) -> None:
    text = PRESS_TV.read_text("utf-8")
    with make_session_factory(seeded_engine)() as session, session.begin():
        candidates = extract(text, session=session)
        typhoons = next(c for c in candidates if c.seller == "United Kingdom")
        deal_id = typhoons.existing_deal_id
        assert deal_id is not None
        version = session.get(Deal, deal_id).version  # type: ignore[union-attr]
        add_from_article(
            session=session,
            actor=EDITOR,
            source_in={"title": "Press TV again", "text": text},
            deals=[from_candidate(typhoons)],
        )
    with make_session_factory(seeded_engine)() as session:
        deal = session.get(Deal, deal_id)
        assert deal is not None and deal.version == version  # nothing to fill: not rewritten
        titles = {c.source.title for c in deal.citations}
        assert "Press TV again" in titles
