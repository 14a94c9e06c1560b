"""From an article's sentences to candidate deals.

Each sentence is read on its own: the platforms it names, the cues that say what happened
(`tracker.extract.cues`), the states and companies around them and the role each plays,
the quantity before each platform, the money and dates beside it. A platform that some
cue governs becomes a candidate; one that none does only adds facts to a candidate found
elsewhere in the article. Candidates about the same deal (same buyer, platform family and
condition, no contradicting seller or quantity) are then merged.

Every quote is a slice of the article, so it occurs there verbatim.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from tracker.domain.money import currency_codes
from tracker.extract.cues import (
    COUNTED,
    FILLERS,
    FROM_STOCKS,
    MONEY_AWARDED,
    NEW,
    PAPER_OF_TALKS,
    SECOND_HAND,
    STAGE,
    Cue,
    find_cues,
)
from tracker.extract.dates import find_dates
from tracker.extract.lexicon import (
    Entry,
    Gazetteer,
    Mention,
    joint_partners,
    navy_by_ship_prefix,
    platform_family,
    ship_prefixes,
)
from tracker.extract.money import (
    HOME_DOLLARS,
    Money,
    currency_named_after,
    find_money,
    issuing_state,
    marks_us_dollars,
)
from tracker.extract.numbers import PHRASES, looks_like_year, parse_number, parse_ordinal
from tracker.extract.parts import fitted_in_another, names_a_part_s_maker, part_or_host
from tracker.extract.sentence import Sentence
from tracker.extract.tables import TableRow, tables
from tracker.extract.text import (
    Span,
    Token,
    clauses,
    dateline_end,
    sentences,
    tokens,
    word_key,
    word_set,
)
from tracker.fx.convert import latest_complete_year
from tracker.fx.rates import usd_rate

# A demonym before these is a maker acting ("Turkish shipbuilder TAIS"): the seller.
_MAKER_NOUNS = word_set(
    "shipbuilder shipyard shipyards yard yards manufacturer maker firm company group "
    "contractor industrial arms aerospace consortium supplier producer builder conglomerate"
)
# A demonym or state before these is one acting ("the Swiss government scrapped").
_ACTORS = _MAKER_NOUNS | word_set(
    "coast guard marine marines corps national land ground naval mod council "
    "government governments ministry minister officials military army navy air "
    "defence defense cabinet president parliament congress state authorities forces "
    "administration department ministries armed procurement agency ambassador "
    "envoy high "  # "the Indian High Commissioner formally handed over"
    # procurement agencies by their initials ("South Korea's DAPA said it had selected")
    "dapa dga fmv ssb baainbw casg dmo junta regime"
)
_BUYING_NOUNS = word_set(
    "purchase acquisition order request decision buying procurement plan plans contract deal"
)
_SPLIT_CONDITION = re.compile(
    r"\b(?P<a>\w+)\s+(?P<ca>used|second-hand|secondhand|new)\s+(?:plus|and)\s+(?P<b>\w+)\s+"
    r"(?P<cb>used|second-hand|secondhand|new)\b",
    re.IGNORECASE,
)
_NOT_DEAL_MONEY = re.compile(
    # "A support contract with KNDS Deutschland, worth R$210 million, keeps the Gepards
    # running": a service's
    r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?(?:support|maintenance|sustainment|logistics|servicing)\s+"
    r"(?:contract|deal|package|agreement)\b[^.;]{0,60}$|"
    # "signed contracts with 24 countries for a total of more than $8 billion": many
    # buyers' total
    r"\b(?:contracts|orders|deals|agreements)\s+with\s+(?:more than\s+|over\s+|some\s+|about\s+)?"
    r"\d+\s+(?:countries|customers|nations|states|partners)\b[^.;]{0,60}$|"
    # "under a package of agreements signed in 2012 and valued at the time at $4.2 billion"
    r"\bpackage\s+of\s+(?:agreements|contracts|deals)\b[^.;]{0,60}$|"
    # "The cost of the exercise was put at around €35 million": an exercise's, no deal's
    r"\b(?:cost|costs|price)\s+of\s+(?:the\s+|this\s+|that\s+)?(?:exercise|drills?|"
    r"manoeuvres|maneuvers|operation|deployment|mission)\b[^.;]{0,30}$|"
    r"\b(?:budget|offset|local manufacturing|manufacturing deals|backlog|portfolio|ceiling|"
    r"allocation|"
    # (not "The largest new export booking in the quarter was a 520 billion won contract")
    r"(?<!military )sales|revenue|exports?(?!\s+(?:booking|order|contract|deal)\b)|"
    r"(?:net |operating )?(?:profits?|income|earnings)|"
    r"export orders|reached|totall?ed|turnover|"
    r"spending|expenditure|"
    # "extending a loan of up to 1.5 trillion won to help Bratislava finance the purchase"
    r"loans?|credit line|line of credit|"
    # not the deal just reported, priced: "The investment is put at 4.9 billion kroner",
    # "The investment, worth ..." (a sentence opening on it speaks of what came before)
    r"(?<!^The )investment(?!\s+(?:is|was|will\s+be)\s+(?:put|estimated|valued|costed)\s+at\s+$)"
    # "guidance for revenue of $7.0 billion to $7.5 billion": a sum's decimals no end
    r"|guidance)\b(?:[^.]|\.\d){0,30}$"
    # "ATLA has requested 940 billion yen for stand-off missiles in the fiscal 2026
    # budget": a budget request, no price
    r"|\b(?:has|have|had)\s+(?:requested|earmarked|set aside|allocated)\s+"
    r"(?:about\s+|around\s+|some\s+)?$"
    # "The package also contains DKK 2.3 billion for the so-called Danish model": money
    # for something more, not the price of what was told
    r"|\balso\s+(?:contains|includes|covers|provides|earmarks|sets aside)\s+$"
    # "two possible Foreign Military Sales to Taiwan worth a combined $1.988 billion"
    r"|\bsales\b[^.]{0,30}\bcombined\s+$"
    # "A separate five-year through-life support, spares and driver-training package, worth
    # a further R120 million": a service's price
    # (not "... along with engines, weapons and training, in a package valued at": the deal's)
    r"|\b(?:separate|further|additional|through-life|[a-z]+-year)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:support|maintenance|sustainment"
    r"|spares|training)\b[^.;]{0,40}\b(?:package|contract|deal|agreement)\b[^.;]{0,30}$"
    # "The bulk of the Rs 84,560 crore, however, comes under the Buy (Indian) category": a
    # share of a sum told before, no price
    r"|\b(?:bulk|most|much|part|half|share|portion|rest|remainder)\s+of\s+the\s+$"
    # "DAC clears proposals worth Rs 84,560 crore": a council's many approvals together
    r"|\bproposals\s+(?:worth|valued at|totall?ing|of)\s+(?:about\s+|around\s+|nearly\s+"
    r"|over\s+|more than\s+)?$"
    r"|\b(?:military|total) (?:support|aid|assistance)\b[^.]{0,70}$"
    # "its Zrinyi military modernisation programme, which Budapest says will cost more
    # than 3,500 billion forints": a whole rearmament's sum
    r"|\b(?:moderni[sz]ation|rearmament|re-equipment) (?:programme|program|plan|drive)\b"
    r"[^.]{0,60}$"
    # "requires foreign suppliers on deals worth more than 1 billion baht": a threshold
    r"|\b(?:deals|contracts|orders|purchases|programmes|programs|projects|sales)\s+"
    r"(?:worth|valued at|of)\s+(?:more than|over|above|at least|in excess of|upwards of)\s+$",
    re.IGNORECASE,
)
# "about 200 million euros in compensation": money given towards a deal, not its price
_NOT_A_PRICE = re.compile(
    r"\s+(?:in|of|as)\s+(?:\w+\s+)?(?:compensation|aid|assistance|financing|loans?|credits?|"
    r"grants?|subsid(?:y|ies))\b"
    # "which cut or deferred $22.5bn of projects": a budget's many programmes
    r"|\s+(?:of|in)\s+(?:\w+\s+)?(?:projects|programmes|programs|acquisitions|spending|"
    r"investments)\b"
    # "says it earned $1.8 billion from exports last year": a firm's takings
    # (and "State clears $4.2B in Gulf arms sales: Kuwaiti SkyGuardians, Qatari tankers")
    r"|\s+(?:from|in)\s+(?:\w+\s+){0,2}(?:exports?|sales|revenues?|turnover)\b"
    # "Greece will pay an estimated $38 million for refurbishment, crew training and a
    # spares package": the ships are a grant, the sum a service's
    r"|\s+for\s+(?:the\s+|their\s+|its\s+)?(?:refurbishment|reactivation|refit|overhaul|"
    r"repairs?|maintenance|crew training|spares)\b"
    # "a P1.1-billion performance-based logistics contract with TUSAS to support the PAF's
    # six T129 ATAK": a service's
    r"|\s+(?!(?:including|with|plus|and|along|covering)\b)(?:[\w-]+\s+){0,2}"
    r"(?:logistics|sustainment|maintenance|servicing)\s+"
    r"(?:support\s+)?(?:contract|deal|package|agreement)\b"
    # "A separate BGN 46 million contract for the overhaul of their engines": a service's
    r"|\s+(?:[\w-]+\s+){0,2}(?:contract|deal|order|package)\s+for\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+)?(?:overhauls?|maintenance|repairs?|servicing|sustainment|upgrades?|"
    r"moderni[sz]ation|spare parts|support|training)\b"
    # "funded through a US$15 million Foreign Military Financing package that also covers
    # communications equipment": the grant that pays, not the price
    r"|\s+(?:[\w-]+\s+){0,2}(?:financing|funding|FMF)\s+(?:package|grant|programme|program|"
    r"allocation)\b"
    # "its €100 billion special fund": the pot a purchase is paid from, not its price
    r"|\s+(?:special\s+|defen[cs]e\s+|modernisation\s+|modernization\s+)?(?:fund|budget)\b"
    # "a 1.5 billion dinar ($4.9 billion) supplementary defense appropriation"
    r"|(?:\s*\([^)]{1,30}\))?\s+(?:[\w-]+\s+){0,2}(?:appropriations?|allocation|"
    r"supplementary\s+budget)\b"
    # "asked parliament for 2.4 billion lei in its 2026 budget to upgrade the Type 22s"
    r"|\s+(?:in|from)\s+(?:its|the|their|this year's|next year's)\s+(?:[\w-]+\s+){0,2}"
    r"budget\b",
    re.IGNORECASE,
)
# A unit price: "Each Apache costs", "a unit cost of"; "$60 million apiece", "per tank".
_UNIT_PRICE_BEFORE = re.compile(
    r"\beach\s+(?:[\w-]+\s+){0,2}(?:costs?|is priced|priced)\b[^.;]{0,30}$"
    # "A Rafale costs well over €100 million": the verb, not "an estimated cost of"
    r"|\b(?:an?|one)\s+(?!(?:deal|contract|package|order|programme|program|agreement|"
    r"purchase|sale|batch|tranche)\b)(?:[\w-]+\s+){0,2}(?:costs|is priced)\b[^.;]{0,30}$"
    r"|\bunit (?:cost|price)s?\b[^.;]{0,30}$|\bper[- ]unit\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_UNIT_PRICE_AFTER = re.compile(
    r"\s*(?:apiece|each|a piece|per (?:unit|piece|copy|example)|per (?:\w+ )?(?:aircraft|jet|"
    r"tank|ship|vessel|helicopter|system|launcher|vehicle|boat|frigate|submarine|howitzer|"
    r"plane|fighter|missile|drone|gun|battery|round))\b",
    re.IGNORECASE,
)
_FIRST_OF = re.compile(
    r"\b(?:first|initial|latest)\s+(?:\w+\s+)?(?:batch\s+)?of\s+(?:the\s+|its\s+|their\s+)?"
    # not "the first of a planned three boats": a plan's count, not the order's
    r"(?P<n>(?!a\b|an\b)[\w,-]+)\s+(?!planned\b)(?:\w+\s+)?(?:aircraft|jets|fighters|helicopters|tanks|vehicles|ships|"
    r"vessels|boats|systems|howitzers|launchers|drones|units|batteries)\b",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:out of|of (?:the |its |their )?)(?P<n>[\w,-]+)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:ordered|on order|purchased|bought|contracted|committed|pledged"
    r"|promised|agreed to (?:buy|purchase|acquire))",
    re.IGNORECASE,
)
# US notices of a possible sale: the seller is the United States whoever is named.
_US_NOTICE = re.compile(
    r"Foreign Military Sale|State Department|Defense Security Cooperation"
    r"|\bDSCA\b|Department of State",
    re.IGNORECASE,
)
_GENERIC_DESIGNATION = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Z][\w/-]*$")


@dataclass
class Candidate:
    """A deal an article reports, with the words behind each field."""

    platform: str
    family: str
    buyer: str | None = None
    buyer_iso3: str | None = None
    seller: str | None = None
    seller_iso3: str | None = None
    manufacturer: str | None = None
    quantity: int | None = None
    value: Decimal | None = None
    currency: str | None = None
    status: str = "proposed"
    second_hand: bool | None = None
    date: str | None = None
    quote: str = ""
    field_quotes: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.0
    existing_deal_id: int | None = None
    # Stored deals of the same buyer and platform family whose count or condition differs
    # (a count corrected since, or another batch): offered, never chosen silently.
    similar_deal_ids: list[int] = field(default_factory=list)
    category: str | None = None
    stored_platform: bool = False
    # How each party was found: "said" (the text names its role) or "guessed".
    buyer_said: bool = False
    seller_said: bool = False
    governed: bool = True  # a cue governs it; False: it only adds facts to another
    other_sellers: list[Entry] = field(default_factory=list)  # "each from Qatar and Oman"
    other_buyers: list[Entry] = field(default_factory=list)  # "X and Y jointly ordered"
    joint: bool = False  # one of the buyers of a joint order, its share not yet read
    shared: bool = False  # a state's share of a joint order: the joint price is not its
    generic: bool = False  # a designation no list knows, found by its shape
    more: bool = False  # "12 more FA-50s": an order after another of its kind
    already: bool = False  # "Oman already operates 12 Typhoons": a deal done before
    breakdown: bool = False  # one of a sentence's parts of an order ("72 ... and 18 ...")
    batch: bool = False  # its count is a batch's: "the first 46 vehicles were delivered"
    selling: bool = False  # its verb is the seller's ("the sale of", "transferred to")
    seller_is_maker: bool = False  # the seller was found as a company ("Airbus C295")
    built_by_seller: bool = False  # "being built by Japanese shipyards"
    no_state_buyer: bool = False  # "sold ... to Lockheed Martin", "with 30 countries"
    offered: bool = False  # its stage is only a seller's offer ("Saab has offered the Gripen")
    blocked_by: str | None = None  # "Washington blocked Spain's sale": no buyer to guess
    named_as: Entry | None = field(default=None, repr=False)  # the name it was found by
    sentence: int = 0  # where the article first reports it
    named_at: int = 0  # the last sentence naming its platform ("The Sabrah combines ...")
    strong: bool = False
    start: int = 0


def extract_candidates(
    text: str,
    gazetteer: Gazetteer,
    *,
    published: dt.date | None = None,
    dollar: Callable[[str | None], str] = lambda about: "USD",
) -> list[Candidate]:
    """The deals an article reports, merged, in the order the article first names them.
    `dollar` says what a bare "$" means in an article about a state (its ISO3)."""
    gazetteer = gazetteer.with_abbreviations(text)
    words = tokens(text)
    starts = [word.start for word in words]
    spans = sentences(text)
    read = [_read(span, words, starts, gazetteer, text, published, "USD") for span in spans]
    main = _main_states(read)
    about = _main_states(read, len(read))
    by_money = _home_by_money(read)
    if by_money and about and all(m.start > by_money[0].start for m in about):
        # "a four-year lease of three Airbus H145M ... at a cost of NZ$38 million", and only
        # later "Across the Tasman, Australia is spending ...": a local outlet's own state
        about = by_money + [m for m in about if m.entry.iso3 != by_money[0].entry.iso3]
    about = about or by_money
    home = about[0].entry.iso3 if about else None
    navy = _navy_named(text)
    # "a $2.9bn deal with the US ... worth about $US1.9bn", HMAS named: an Australian
    # outlet's own dollar, whichever state it names most
    # ... and the state its lead is about when that state has its own dollar ("Australia
    # will buy upgraded Mogami-class frigates from Japan", Japan named more later)
    lead = main[0].entry.iso3 if main else None
    currency = dollar(
        navy.entry.iso3
        if navy is not None and home in (None, "USA") and marks_us_dollars(text)
        else lead
        if lead in HOME_DOLLARS and home != "USA"
        else home
    )
    if currency != "USD" or home is not None:
        read = [
            _read(span, words, starts, gazetteer, text, published, currency, home) for span in spans
        ]
    rows = _read_tables(text, read)
    if _US_NOTICE.search(text):
        for sentence in read:
            sentence.notice = True
    found: list[Candidate] = []
    subjects = _subject_platforms(read)
    for number, sentence in enumerate(read):
        if _LINK_OUT.match(sentence.span.text):
            continue  # "RELATED: Army picks up the pace on GMLRS production": another story
        if _A_MEMBER_S_QUESTION.search(sentence.span.text):
            continue  # "To ask the Secretary of State for Defence, with reference to the
            # contract for new Chinook helicopters, ...": a question, the answer tells
        # "The Netherlands will take five and Austria four.", or a sentence later: "The
        # contract, worth EUR 218 million in total, was signed ... Estonia will receive 20
        # firing units for EUR 84 million, Lithuania 16 for EUR 76 million and Latvia 12"
        joint = [c for c in found if c.joint and number - 2 <= c.sentence < number]
        if joint:
            _give_shares(joint, _shares(sentence, [c.buyer_iso3 or "" for c in joint]))
        # "Those eleven helicopters were handed over to Serbia": the ones just named, first
        these = _these_of_before(sentence, number, found)
        if these is None:
            _stand_in(sentence, subjects, number, found, _lead_subjects(read, number))
        _described_as_before(sentence, number, found)
        giver = _package_listed(sentence, read[number - 1], found) if number else None
        if number:
            _the_deal_signed_before(sentence, read[number - 1])
            _the_next_of_a_list(sentence, read[number - 1])
        made = _sentence_candidates(sentence, text)
        _under_a_signed_contract(sentence, made)
        if _denied_after(read, number):
            made = []  # "a THAAD battery ... have begun arriving in Israel. The system ... is
            # not being transferred to the IDF": a deployment
        if _SPURNED.search(sentence.span.text) or (
            number + 1 < len(read) and _SPURNED.search(read[number + 1].span.text)
        ):
            # "Moscow has repeatedly offered its Su-57E ... The IAF has shown little
            # interest": an offer nobody took up
            made = [c for c in made if c.status != "proposed"]
        if (
            number + 1 < len(read)
            and _REPORTED_BY_OTHERS.search(sentence.span.text)
            and _REPORT_UNCONFIRMED.search(read[number + 1].span.text)
        ):
            # "Some Western media outlets reported ... that Jakarta had 'finalized' a
            # purchase of 42 J-10 jets. Indonesia's defense ministry has not confirmed the
            # report": a rumour, no deal
            made = []
        if _NEVER_CONCLUDED.search(sentence.span.text):
            # "had in the past offered Turkey the Patriot ..., but the talks collapsed ...,
            # and no sale was concluded": offers and talks that came to nothing
            made = [c for c in made if c.status not in ("proposed", "negotiating", "cancelled")]
        if giver is not None:
            _given_in_the_package(made, giver, read[number - 1])
        row = rows.get(sentence.span.start)
        _same_paper(sentence, made, found)
        _another_contract(sentence, made, found)
        if made and number:
            _priced_in_the_opening(sentence, number, found)
        if number:
            _under_the_signed(sentence, read[max(0, number - 3) : number], made)
            _the_ended_deal(sentence, read[number - 1], made)
        for candidate in made:
            candidate.sentence = number
            if number:
                _units_of_the_type_before(candidate, read[number - 1])
            _built_by_which(candidate, sentence)
            if row is not None and row.quantity is not None and candidate.quantity is None:
                candidate.quantity = parse_number(row.quantity.text)  # a "Qty" column
                candidate.field_quotes["quantity"] = sentence.span.text
            if row is not None and row.buyer is not None:
                _the_buyer_column_s(candidate, sentence, row.buyer)
            if candidate.buyer is None and not candidate.no_state_buyer:
                # once its own state has bought, the national outlet's later deals are its
                main = main or _home(sentence, about)
                _the_maker_s_deal_with(candidate, sentence, _home_side(read, main))
                _package_s_recipient(candidate, sentence)
                _cleared_in_a_list(candidate, sentence)
                if number and candidate.buyer is None:
                    _the_home_body_s(candidate, sentence, read[number - 1])
                if candidate.buyer is None:
                    _paid_in_the_maker_s_money(candidate, sentence)
                if candidate.buyer is None:
                    _paid_in_its_own_money(candidate, sentence, read)
                if candidate.buyer is None:
                    _ordered_for_its_own_forces(candidate, sentence)
                if candidate.buyer is None:
                    _the_dateline_state_s_body(candidate, sentence, read, found)
                if candidate.buyer is None:
                    _handed_to_a_home_body(candidate, sentence, about)
                if candidate.buyer is None:
                    _the_state_where(candidate, sentence)
                if candidate.buyer is None:
                    _the_force_s_base(candidate, read[number : number + 2])
                if candidate.buyer is None:
                    _party_to_the_contract(candidate, sentence)
                if candidate.buyer is None:
                    _its_own_as_subject(candidate, sentence)
                if candidate.buyer is None and (
                    _bought_at_home(candidate, sentence, main)
                    or _the_home_force_s_own(candidate, sentence, found)
                ):
                    candidate.no_state_buyer = True
            if candidate.buyer is None and not candidate.no_state_buyer:
                # the navy whose ships the article names ("a $2.9bn deal with the US",
                # "HMAS Albatross"), unless it sells here (a yard's launch of "TCG X")
                fallback = (
                    [navy]
                    if navy is not None
                    and navy.entry.iso3
                    not in {
                        candidate.seller_iso3,
                        *(c.seller_iso3 for c in found if c.buyer_said and c.seller_said),
                    }
                    else []
                )
                if not _the_deal_named_before(candidate, sentence, found):
                    _guess_buyer(candidate, found, _its(sentence, read, number), main + fallback)
            if not candidate.seller_said:
                _built_by_a_home_firm(candidate, sentence)
            if candidate.seller is None:
                _builder_named(candidate, sentence)
            elif not candidate.seller_said:
                _its_own_fleet_given(candidate, sentence, main)
            if candidate.seller is None and number:
                _the_company_it_stands_for(
                    candidate, sentence, read[max(0, number - 2) : number], read[:number]
                )
            if candidate.seller is None:
                _guess_seller(candidate, main, found)
            if candidate.seller is None and number:
                _the_maker_acting_before(candidate, read[number - 1])
            found.append(candidate)
        # a fleet the deal replaces or trains for names no deal of its own: "The Shs412
        # billion contract ... was meant to replace the tired trainer fleet and prepare
        # pilots for the Su-30MK2 fighters" says more of the deal just reported
        named = any(
            m.entry.kind == "platform" and not _replaced(sentence, m) for m in sentence.mentions
        )
        _named_once_more(sentence, number, made, found)
        if not made and number:
            _the_customer_named(sentence, found, number)
            _the_order_in_total(sentence, found, number)
            _shared_out(sentence, found, number)
            _a_state_s_part(sentence, found, number)
        if not made and not named and number:
            elliptical = _elliptical_buyers(_of_the_type_before(read[number - 1], found), sentence)
            if elliptical:
                found.extend(elliptical)
                continue
        again = these or _named_again(sentence, found)
        last = again or next((c for c in reversed(found) if c.governed and _reported(c)), None)
        unsold = next((c for c in reversed(found) if c.governed and _wants_seller(c)), None)
        if unsold and (last is None or unsold.sentence > last.sentence) and _sellers_from(sentence):
            last = unsold
            if named and re.search(rf"\b{re.escape(unsold.platform)}\b", sentence.span.text):
                # "The Arlan is produced under licence from South Africa's Paramount Group
                # and is based on its Marauder design": the seller of the type named again,
                # whatever else the sentence names
                _seller_from(unsold, sentence)
        if (
            not made
            and last is not None
            and not named
            and not _moved_on_to_a_third_firm(last, read, number)
            and (
                number - max(last.sentence, last.named_at) <= _REFERS_BACK
                or _counts_again(last, sentence)
                or _prices_the_deal(last, sentence, number)
                or _SAME_TYPE.search(sentence.span.text)
                or last is again
            )
        ):
            found.extend(_refer_back(last, sentence))
    _a_headline_total(found)
    merged = _named_after(_merge(found))
    passed_over = _passed_over(text, read)
    # "Portugal picks NASAMS over IRIS-T", then "Diehl had offered three IRIS-T SLM
    # launchers": the losing bid, told again, is still no deal
    contest = _a_contest_told(read)
    kept = [
        c
        for c in merged
        if _reported(c)
        and not (
            c.status == "proposed" and ((contest and not c.buyer_said) or c.family in passed_over)
        )
        and not _an_open_offer(c)
    ]
    kept = [
        c
        for c in kept
        if not _described_twice(c, kept)
        and not _a_hull_of(c, kept)
        and not _new_and_used_in_all(c, kept)
    ]
    _shared_prices(kept)
    for candidate in kept:
        _resold(candidate, gazetteer)
        _held_long_since(candidate, published)
        candidate.confidence = _confidence(candidate)
    return kept


# "five bidders vying for a contract to supply the Kenya Coast Guard", "Canada's submarine
# contest": an article about a contest still open
_OFFER_CUE = re.compile(r"offer", re.IGNORECASE)
_OFFER_WEIGHED = re.compile(
    r"\b(?:studying|examining|considering|weighing|evaluating|reviewing|assessing|accepted|"
    r"accepting|welcomed)\s+(?:(?:an?|the|its|their)\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CONTEST_OPENING = re.compile(
    r"\b(?:bidders|vying|contest|contenders|rival bids|shortlist(?:ed)?|short-listed)\b"
    # "Navy weighs three bids", "has received three formal offers"
    r"|\b(?:two|three|four|five|six|several|multiple|competing)\s+(?:formal\s+|rival\s+)?"
    r"(?:bids|offers|proposals)\b",
    re.I,
)


def _a_hull_of(candidate: Candidate, kept: list[Candidate]) -> bool:
    """ "BRP Miguel Malvar", named where the article reports the Philippines' frigates: one
    ship of a class its buyer bought, no deal of its own (but "KNS Jasiri", built in Spain,
    beside Kenya's new Turkish OPVs, is)."""
    return (
        candidate.named_as is not None
        and candidate.named_as.single
        and any(
            other.category == "ships"
            and other.buyer_iso3 == candidate.buyer_iso3
            and other.seller_iso3 in (candidate.seller_iso3, None)
            and not (other.named_as is not None and other.named_as.single)
            for other in kept
        )
    )


def _new_and_used_in_all(candidate: Candidate, kept: list[Candidate]) -> bool:
    """ "Guatemala has signed ... to acquire four A-29 Super Tucano", then "two newly
    built A-29s for $42 million" and "two more Super Tucanos from its own fleet": the whole
    told first is the new and the used ones the article goes on to count, no deal besides."""
    if candidate.quantity is None or candidate.value is not None or candidate.second_hand:
        return False
    parts = [
        other
        for other in kept
        if other is not candidate
        and other.sentence > candidate.sentence
        and other.family == candidate.family
        and other.buyer_iso3 == candidate.buyer_iso3
        and other.quantity is not None
        and other.second_hand is not None  # said new or said used
    ]
    kinds = {other.second_hand for other in parts}
    return (
        len(parts) >= 2
        and kinds == {True, False}
        and sum(other.quantity or 0 for other in parts) == candidate.quantity
    )


def _an_open_offer(candidate: Candidate) -> bool:
    """ "Saab has also offered the Gripen to Peru", "TKMS has offered Type 214 boats to the
    Philippines": a maker's offer the buyer has not acted on is marketing, no deal yet (no
    record of the field keeps such offers). A government's offer ("Sweden offered the
    Gripen to India") is a proposal on the table, as is one that names its buyer and its
    count ("Saab has offered 14 Gripen C/D to the Philippines")."""
    return (
        candidate.status == "proposed"
        and candidate.offered
        and (candidate.seller_is_maker or not candidate.seller_said)
        and not (candidate.buyer_said and candidate.quantity)
    )


def _a_contest_told(read: list[Sentence]) -> bool:
    """An article whose title or lead tells of a contest still open: its makers' offers
    are bids, not deals (the deals it reports are signed, approved or delivered)."""
    return any(_CONTEST_OPENING.search(sentence.span.text) for sentence in read[:3])


def _passed_over(text: str, read: list[Sentence]) -> set[str]:
    """The families of the types an article says were passed over for another; those
    offered before "but only the Korean offer made it to the final evaluation" too."""
    families = set()
    for sentence in read:
        only = _ONLY_ONE_WENT_ON.search(sentence.span.text)
        for m in sentence.mentions:
            if m.entry.kind != "platform":
                continue
            if _RIVAL.search(text[sentence.span.start : m.start]) or (
                only is not None and m.start < sentence.span.start + only.start()
            ):
                families.add(m.entry.family)
    return families


_ONLY_ONE_WENT_ON = re.compile(
    r"\bbut only (?:the |a |an )?(?:[\w'’-]+\s+){1,3}?(?:offer|bid|proposal|tender|design)s?\s+"
    r"(?:made it|was shortlisted|was short-listed|reached|advanced|went forward|passed|"
    r"qualified|survived)\b",
    re.IGNORECASE,
)


# A purchase said as done: "when Maputo acquired three Ocean Eagle 43 trimarans"
_POSSESSED = re.compile(r"\b(?:bought|acquired|purchased|procured)\b", re.IGNORECASE)
_STILL_TO_COME = re.compile(
    r"\b(?:not yet|yet to|still (?:awaiting|waiting|to)|awaits|awaiting|delay(?:s|ed)?|pending"
    r"|on order|expected|due|slipped)\b",
    re.IGNORECASE,
)
# Years after which a purchase said in the past tense has long been delivered; an order
# (big ships and fleets take longer) after more
_LONG_SINCE = 4
_LONG_SINCE_ORDERED = 10
_ORDERED = re.compile(r"\b(?:ordered|contracted|signed|inked)\b", re.IGNORECASE)


def _held_long_since(candidate: Candidate, published: dt.date | None) -> None:
    """ "The rest of the fleet dates from 2013-2014, when Maputo acquired three Ocean
    Eagle 43 trimarans", read in 2024: a purchase made years before the article's date is a
    fleet long delivered, not an order still open."""
    if published is None or candidate.status != "signed" or candidate.date is None:
        return
    years = published.year - int(candidate.date[:4])
    quote = candidate.field_quotes.get("status", candidate.quote)
    if years < _LONG_SINCE or _STILL_TO_COME.search(quote):
        return
    if _POSSESSED.search(quote) or (years >= _LONG_SINCE_ORDERED and _ORDERED.search(quote)):
        candidate.status = "delivered"


# A web page's link to another story, pasted with the article.
# a parliamentary written question (Hansard): "Mr X (Con): To ask the Secretary of State"
_A_MEMBER_S_QUESTION = re.compile(r"\bTo ask (?:the|His|Her) (?-i:[A-Z])")
_LINK_OUT = re.compile(
    r"(?:RELATED|READ MORE|READ ALSO|ALSO READ|SEE ALSO|WATCH|Related|Read more|Read also"
    r"|Also read|See also|Watch)\s*:",
)
_UNDER_IT = re.compile(
    r"Under (?:it|this|that|the (?:agreement|deal|contract|accord|arrangement|partnership))\b"
)
# "signed two agreements ... The larger agreement, worth 2.65 billion zlotys, covers 120
# JASSM-ER ... The second, worth 1.22 billion zlotys, covers 240 AIM-9X": each paper's
_THE_PAPER_COVERS = re.compile(
    r"(?:The|This|That|Each) (?:(?:larger|smaller|bigger|first|second|third|other|latter|"
    r"former|main|new)\b(?:\s+(?:agreement|deal|contract|accord|order|one)\b)?|(?:agreement|"
    r"deal|contract|accord|order)\b)[^;]{0,60}?\b(?:covers|provides for|is for|comprises)\b"
)


def _under_the_signed(sentence: Sentence, earlier: list[Sentence], made: list[Candidate]) -> None:
    """ "Belgium sealed a government-to-government agreement with France. Under it,
    Brussels will buy 382 Griffon ...": what a signed agreement provides for is signed.
    "The Agency signed two agreements ... The second, worth 1.22 billion zlotys, covers 240
    AIM-9X": a signed paper's contents, said in the next sentences (`earlier`: those
    before this one, nearest last), are signed; not when the signing sentence tells of
    deliveries ("20 more were unloaded ... under the contract signed in 2022. That
    contract covers 180"): the order under way is that sentence's."""
    under = _UNDER_IT.match(sentence.span.text) is not None
    covers = not under and _THE_PAPER_COVERS.match(sentence.span.text) is not None
    if not made or not (under or covers):
        return
    if under:
        earlier = earlier[-1:]
    for before in reversed(earlier):
        if any(cue.status == "negotiating" for cue in before.cues) or PAPER_OF_TALKS.search(
            before.span.text
        ):
            return  # "The document, signed in Berlin, opens negotiations": a paper of talks
        if any(cue.status == "signed" and cue.strong and not cue.future for cue in before.cues):
            break
    else:
        return
    if covers and any(cue.status in ("delivering", "delivered") for cue in before.cues):
        return
    for candidate in made:
        if candidate.status in ("proposed", "negotiating") or (covers and not candidate.strong):
            candidate.status = "signed"
            candidate.field_quotes["status"] = before.span.text
            if covers:
                candidate.governed = candidate.strong = True  # the signing said it


_THE_PAPER = re.compile(r"(?:The|This|That) (?:document|letter|memorandum|declaration)\b")
_THAT_DEAL = re.compile(r"(?:The|This|That) (?:deal|contract|agreement|order)\b")


def _the_ended_deal(sentence: Sentence, before: Sentence, made: list[Candidate]) -> None:
    """ "MINDEF terminated a RM187 million contract with Aerotree in 2024. That deal, signed
    in 2023, was to lease four former US Army UH-60A Black Hawks": what the deal just said
    to be called off was for is cancelled, at the price said there."""
    if not made or not _THAT_DEAL.match(sentence.span.text):
        return
    if any(m.entry.kind == "platform" for m in before.mentions) or not any(
        cue.status == "cancelled" and not cue.future for cue in before.cues
    ):
        return
    for candidate in made:
        candidate.status = "cancelled"
        candidate.field_quotes["status"] = before.span.text
        if candidate.value is None and len(before.money) == 1 and len(made) == 1:
            candidate.value, candidate.currency = before.money[0].amount, before.money[0].currency
            candidate.field_quotes["value"] = before.span.text


def _priced_in_the_opening(sentence: Sentence, number: int, found: list[Candidate]) -> None:
    """ "... placed an order for 34 new Piranha V ... The order, worth DKK 1.6 billion, is a
    call-off under the framework ..., under which the Army has already received all 309":
    the opening's sum is the order just told, whatever the sentence names after it."""
    money = next(iter(sentence.money), None)
    if money is None or not _THE_ORDER_OPENING.match(sentence.before(money.start)):
        return
    told = next((c for c in reversed(found) if c.sentence == number - 1 and c.governed), None)
    if told is not None and told.value is None:
        told.value, told.currency = money.amount, money.currency
        told.field_quotes["value"] = sentence.span.text


def _another_contract(sentence: Sentence, made: list[Candidate], found: list[Candidate]) -> None:
    """ "Cyprus has signed contracts ... ordered 12 CAESAR Mk II ... A second contract, with
    MBDA, covers Mistral 3 missiles": another of the contracts signed, a signing too."""
    if not made or not _ANOTHER_DEAL_OPENS.match(sentence.span.text):
        return
    signed = next((c for c in reversed(found) if c.strong and c.status == "signed"), None)
    if signed is None:
        return
    for candidate in made:
        if candidate.status == "signed" and not candidate.strong:
            candidate.strong = True
            candidate.buyer = candidate.buyer or signed.buyer
            candidate.buyer_iso3 = candidate.buyer_iso3 or signed.buyer_iso3


def _same_paper(sentence: Sentence, made: list[Candidate], found: list[Candidate]) -> None:
    """ "Ukraine and France signed a letter of intent for 100 Rafales. The document, signed
    by both presidents, also foresees the purchase of eight SAMP/T": what the same paper
    of talks foresees is talks too, not a signing."""
    if not made or not _THE_PAPER.match(sentence.span.text):
        return
    talks = next((c for c in reversed(found) if c.governed and c.status == "negotiating"), None)
    if talks is None or not PAPER_OF_TALKS.search(talks.field_quotes.get("status", "")):
        return
    for candidate in made:
        if STAGE[candidate.status] > STAGE["negotiating"] and candidate.status != "cancelled":
            candidate.status = "negotiating"
            candidate.field_quotes["status"] = talks.field_quotes["status"]


def _shared_prices(kept: list[Candidate]) -> None:
    """ "to supply 54 K9 howitzers and 36 K10 vehicles ... The package is worth about 1.4
    trillion won": one sum given to two types a buyer bought is the package's, no one
    deal's value."""
    prices: Counter[tuple[str | None, Decimal | None, str | None]] = Counter(
        (c.buyer_iso3, c.value, c.currency) for c in kept if c.value is not None
    )
    for candidate in kept:
        if prices[(candidate.buyer_iso3, candidate.value, candidate.currency)] > 1:
            candidate.value = candidate.currency = None
            candidate.field_quotes.pop("value", None)


def _resold(candidate: Candidate, gazetteer: Gazetteer) -> None:
    """A state that sells or gives a type another state makes, with nothing said of its
    condition, passes on its own: "more Danish F-16s have arrived" in Ukraine. (Not a
    state whose own firm makes it too: Pakistan's JF-17s, the United States' NASAMS.)"""
    entry = candidate.named_as
    origin = entry.iso3 if entry else None
    makers = {gazetteer.names[word_key(m)].iso3 for m in (entry.makers if entry else ())
              if word_key(m) in gazetteer.names}  # fmt: skip
    if (
        candidate.second_hand is None
        and origin is not None
        and candidate.seller_said
        and not candidate.seller_is_maker  # a maker sells new, wherever it builds
        and candidate.seller_iso3 not in (None, origin, *makers)
        # a US sale notice is of new equipment, whoever designed it (NASAMS); so is what
        # the US supplies "through the Foreign Military Sales programme" (A-29s)
        and not (candidate.status == "approved" and candidate.seller_iso3 == "USA")
        and not re.search(r"Foreign Military Sales?\b|\bFMS\b", candidate.quote)
    ):
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = candidate.field_quotes.get(
            "seller", candidate.quote
        )


_HOME_SUBJECT = re.compile(
    # "On Thursday the Ministry of Defence announced ...": after a time's adverbial too
    r"(?:(?:On|Last|Earlier|This|In)\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+(?=the\s))?"
    r"(?:The|Our|the)\s+(?:[A-Z][a-z]+\s+)?(?:Government|government|Department|Ministry|ministry"
    r"|Defen[cs]e Forces?|Armed Forces|armed forces|Army|Navy|Air Force)\b"
)


def _home_by_money(read: list[Sentence]) -> list[Mention]:
    """Local press that names no state acting: "The Ministry of National Defence signed a
    contract ... worth 11 billion zlotys" is written from the state whose currency its
    first sum is in (the Polish one), when only that state issues it."""
    first = next((money for sentence in read for money in sentence.money), None)
    iso3 = issuing_state(first) if first else None
    if first is None or iso3 is None:
        return []
    entry = Entry("state", _state_name(iso3), iso3=iso3)
    return [Mention(entry, first.start, first.end, 0, 0, first.text)]


def _navy_named(text: str) -> Mention | None:
    """The state whose ships the article names ("HMAS Albatross"), as a mention of it."""
    iso3 = navy_by_ship_prefix(text)
    if iso3 is None:
        return None
    return Mention(Entry("state", _state_name(iso3), iso3=iso3), 0, 0, 0, 0, iso3)


def _home(sentence: Sentence, about: list[Mention]) -> list[Mention]:
    """A national outlet's "The Government has signed a contract for two Embraer C-390"
    is its own state's, when the article names no state acting in its first sentences but
    names one later ("would allow Ireland to evacuate its citizens"); so are its later
    deals ("The purchase follows the arrival ... of two Airbus C295 ...")."""
    return about if _HOME_SUBJECT.match(sentence.span.text) else []


_THE_PACKAGE = re.compile(
    r"(?:The|This|That) (?:new |latest |\w+ )?package\b[^;]{0,80}?"
    r"\b(?:comprises|includes|consists of|contains|covers)\b"
)
_AID_PACKAGE = re.compile(r"\b(?:aid|assistance|donation|support) package\b", re.IGNORECASE)


def _package_listed(sentence: Sentence, before: Sentence, found: list[Candidate]) -> Mention | None:
    """ "The Czech government approved a new military aid package for Ukraine ... The
    package, valued at 2.3 billion koruna, comprises 16 DANA M2 ...": what the aid package
    lists is given as it is. (Not a US notice's "The package includes AN/APY-9 radars":
    the support of a sale, no aid.)"""
    opening = _THE_PACKAGE.match(sentence.span.text)
    if opening is None or any(c.strong for c in sentence.cues):
        return None
    aid = next((c for c in before.cues if _AID_PACKAGE.search(c.text)), None)
    # "KYSEA ... approved the acquisition of three Israeli air defence systems ... The
    # package covers four David's Sling batteries ...": a purchase, its types listed next
    # (not a deal named before: "The contract ... was signed ... The package includes
    # launchers, interceptors, an ELM-2084 radar" is the Barak MX the title named)
    bought = next((c for c in before.cues if c.strong), None)
    named = bool(found) or any(m.entry.kind == "platform" for m in before.mentions)
    said = aid or (None if named else bought)
    if said is None:
        return None
    start = sentence.span.start
    cue = Cue(said.status, True, said.side, start, start + opening.end(), opening.group())
    sentence.cues = [cue, *sentence.cues]
    if aid is None:
        return None  # bought, not given: the buyer is the one the sentence before names
    givers = [m for m in _main_states([before], 1) if m.start < aid.start]
    return givers[0] if givers else None


# "According to a regulatory filing, the deal covers 36 K9A1 ... and 18 K10": what the
# contract signed in the sentence before covers
_THE_DEAL_COVERS = re.compile(
    r"\b(?:the|this|that)\s+(?:deal|contract|agreement|order)\s+(?:covers|includes|comprises|"
    r"consists of|is for)\b",
    re.IGNORECASE,
)


def _the_deal_signed_before(sentence: Sentence, before: Sentence) -> None:
    """The contract a platform-less sentence says was signed, listed in the next one: each
    type it covers is signed (the signing's cue, borrowed)."""
    covers = _THE_DEAL_COVERS.search(sentence.span.text)
    if covers is None or any(c.strong for c in sentence.cues):
        return
    if any(m.entry.kind == "platform" for m in before.mentions):
        return
    signed = next((c for c in before.cues if c.strong and c.status == "signed"), None)
    if signed is None:
        return
    _borrow_cue(sentence, signed, covers)


# "The first notification covers up to 90 AIM-120C-8 ... The second covers up to 64
# AIM-9X": the next of a list, its noun left out
# ... "approved two potential sales ... The first package includes up to 4,800 JDAM kits"
_THE_NEXT_COVERS = re.compile(
    r"^(?:The|A)\s+(?:first|second|third|fourth|fifth|other|last|latter|remaining|final)\s+"
    r"(?:(?:one|package|sale|notification|notice|case|contract|deal|order|request)\s+)?"
    r"(?:covers|includes|comprises|is for|would (?:give|provide|cover|include))\b"
)


def _a_headline_total(found: list[Candidate]) -> None:
    """ "US approves $1.1b. sale of JDAM kits, small diameter bombs to Israel", the body
    pricing the JDAM kits at $720 million and the bombs at $390m: the headline's sum adds
    up the deals the body prices one by one, so it is none of theirs."""
    for title in (c for c in found if c.sentence == 0):
        if title.value is None:
            continue
        parts = [
            c.value
            for c in found
            if c.sentence > 0
            and c.value is not None
            and c.currency == title.currency
            and c.buyer_iso3 == title.buyer_iso3
        ]
        total = sum(parts, Decimal(0))
        headline = title.value
        if len(parts) >= 2 and abs(total - headline) <= headline * Decimal("0.03"):
            title.value = title.currency = None
            title.field_quotes.pop("value", None)
            title.field_quotes.pop("currency", None)


def _the_next_of_a_list(sentence: Sentence, before: Sentence) -> None:
    """A sentence that goes on with the next notice or contract of a list, its noun left
    out, borrows the cue of the one the sentence before told."""
    covers = _THE_NEXT_COVERS.match(sentence.span.text)
    if covers is None or any(c.strong for c in sentence.cues):
        return
    told = next((c for c in before.cues if c.strong), None)
    if told is None:
        return
    _borrow_cue(sentence, told, covers)


def _borrow_cue(sentence: Sentence, told: Cue, words: re.Match[str]) -> None:
    """Give a sentence the cue another told, placed on the words that refer to it."""
    start = sentence.span.start
    cue = Cue(told.status, True, told.side, start + words.start(), start + words.end(),
              words[0], told.future)  # fmt: skip
    sentence.cues = sorted([cue, *sentence.cues], key=lambda c: c.start)


def _given_in_the_package(made: list[Candidate], giver: Mention, before: Sentence) -> None:
    """Each item of an aid package is the giver's, and the package's sum is no item's."""
    for candidate in made:
        if candidate.buyer_iso3 != giver.entry.iso3 and not candidate.seller_said:
            _set_seller(candidate, giver.entry, said=True)
            candidate.field_quotes["seller"] = _clause_of(before, giver.start)
        if len(made) > 1 and candidate.value is not None:
            candidate.value = candidate.currency = None
            candidate.field_quotes.pop("value", None)


_GIVES_NOW = re.compile(r"\b(?:donate|give|send|supply|transfer|hand over)\b", re.IGNORECASE)
_PACKAGE_FOR = re.compile(r"\bpackage\s+(?:\w+\s+){0,3}?(?:for|to)\s+(?:the\s+)?", re.IGNORECASE)


_IT_BOUGHT = re.compile(
    r"\b(?:it|they)\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:ordered|bought|purchased|acquired)\b"
)


# "India remained the world's largest importer": a state named as a buyer of arms
_IMPORTER = re.compile(
    r"\b(?:largest|biggest|leading|top|main|major|second|third|fourth|fifth)[- ]"
    r"(?:largest\s+)?(?:arms\s+)?(?:importer|buyer|customer|recipient)s?\b"
)


_THE_DEAL_SAID = re.compile(r"\b(?:the|that|this)\s+(?:deal|contract|agreement|order)\b", re.I)


def _its(sentence: Sentence, read: list[Sentence], number: int) -> list[Mention]:
    """ "Neighbouring Brazil has been re-equipping faster. Its Army signed ...": a sentence
    opening with "Its" or "Their" is of the state acting in the one before. So is one
    after a sentence that names one acting state and no weapon ("India is following the
    same route. Negotiations ... on three additional Scorpene boats ...")."""
    opener = next((m for m in sentence.mentions if m.entry.kind == "state"), None)
    if (
        opener is not None
        and opener.first <= 1
        and sentence.words[opener.last - 1].possessive
        and _IT_BOUGHT.search(sentence.span.text)
    ):
        # "Estonia's Centre for Defence Investment confirmed ... that it was the customer,
        # saying it had ordered six additional CAESAR Mk II": the opening body's state
        return [opener]
    if (
        opener is not None
        and opener.first <= 1
        and opener.entry.form == "demonym"
        and _ITS_PAPER.match(sentence.after(opener.end))
    ):
        # "The Nigerian package covers about 1,500 APKWS rockets": the state's own request
        return [opener]
    if number == 0:
        return []
    before = read[number - 1]
    if re.match(r"(?:Its|Their)\b", sentence.span.text):
        return _main_states([before], 1)[:1]
    if _AID_PACKAGE.search(before.span.text) and _GIVES_NOW.search(sentence.span.text):
        # "Sweden ... announced its largest military aid package for Ukraine. The
        # government decided to donate two ASC 890 aircraft": the package's recipient
        given = _PACKAGE_FOR.search(before.span.text)
        offset = before.span.start + given.end() if given else None
        recipient = [m for m in before.mentions if m.entry.kind == "state" and m.start == offset]
        if recipient:
            return recipient[:1]
    if _THE_DEAL_SAID.search(sentence.span.text) and not any(
        m.entry.kind == "platform" for m in before.mentions
    ):
        # "The company said it had signed a 1.19 trillion won contract with Kuwait's Ministry
        # of Defence ... According to a regulatory filing, the deal covers 36 K9A1": the
        # state the contract before was signed with
        party = next(
            (
                m
                for m in before.mentions
                if m.entry.kind == "state" and _CONTRACTS_WITH.search(before.before(m.start)[-80:])
            ),
            None,
        )
        if party is not None:
            return [party]
    if _THE_PACKAGE.match(sentence.span.text):
        # "... approved a new military aid package for Ukraine ... The package ... comprises
        # 16 DANA M2 howitzers": the package's recipient
        given = _PACKAGE_FOR.search(before.span.text)
        offset = before.span.start + given.end() if given else None
        return [m for m in before.mentions if m.entry.kind == "state" and m.start == offset][:1]
    if re.match(
        # "In 2022 it handed over more than 250 T-72 tanks": an opening date first
        r"(?:(?:In (?:19|20)\d\d|Earlier(?: in [\w ]{1,20}?)?|Last year|Later that year),?\s+"
        r"(?=it\b|they\b))?"
        r"(?i:it|they)\s+(?:has\s+|have\s+|had\s+|also\s+)?[a-z]+ed\b",
        sentence.span.text,
    ):
        # "Brazil remains the reference customer. It ordered 36 Gripen E/F in 2014"
        acting = _main_states([before], 1)[:1]
        return acting if acting and acting[0].first <= 1 else []
    if _IMPORTER.search(before.span.text) and not any(
        m.entry.kind == "platform" for m in before.mentions
    ):
        # "India remained the largest importer. The final aircraft of the 36 Rafale
        # fighters ordered from France were delivered": the importer just named buys,
        # whichever sellers the sentence names
        acting = _main_states([before], 1)[:1]
        named = {
            m.entry.iso3
            for m in sentence.mentions
            if m.entry.kind == "state"
            and m.start >= sentence.dateline
            and not _said_from(sentence, m)
        }
        if acting and acting[0].first <= 1 and named <= {acting[0].entry.iso3}:
            return acting
    if _THE_STATE_NOUN.match(sentence.span.text):
        # "Then there is Qatar. In 2013, the emirate ordered 62 Leopard 2A7+": the one
        # state the sentence before names
        states = [
            m for m in before.mentions if m.entry.kind == "state" and m.start >= before.dateline
        ]
        if len({m.entry.iso3 for m in states}) == 1:
            return states[:1]
    if any(m.entry.kind == "platform" for m in before.mentions) or any(
        m.entry.kind == "state" and m.start >= sentence.dateline for m in sentence.mentions
    ):
        return []
    acting = [m for m in before.mentions if m.entry.kind == "state" and m.start >= before.dateline]
    opens = bool(acting) and acting[0].first <= 1 and _named_as_actor(before, acting[0])
    return acting[:1] if opens and len({m.entry.iso3 for m in acting}) == 1 else []


# A state's own paper named by its demonym: "The Nigerian package covers", "The Egyptian
# request, submitted last spring, covers"
_ITS_PAPER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:request|package|order|deal|contract|purchase|acquisition|buy)"
    # what it holds, not "The French deal follows a similar step with Sweden"
    r"(?:,[^,]{1,60},)?\s+(?:covers|includes|comprises|consists\s+of|calls\s+for|is\s+for)\b"
)


# A state said as what it is, opening a sentence: "In 2013, the emirate ordered ..."
_THE_STATE_NOUN = re.compile(
    r"(?:[^,.;]{0,40},\s+)?the\s+(?:emirate|kingdom|sultanate|island\s+nation|island\s+state"
    r"|Gulf\s+state|city-state|republic|country)\s+(?:has\s+|had\s+|have\s+|also\s+)*[a-z]+ed\b",
    re.IGNORECASE,
)


# "Senegal's Ministry of the Armed Forces confirmed in October that it is the buyer":
# the unnamed customer of the deal just told, named
_IS_THE_CUSTOMER = re.compile(
    r"\b(?:confirmed|said|revealed|announced|acknowledged|disclosed)\b[^.;]{0,40}?\b(?:that\s+)?"
    r"(?:it|they)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:buyer|customer|purchaser|client)\b",
    re.IGNORECASE,
)


# ... "confirmed to The Times of Israel that the buyer was Vietnam": the name after
_THE_CUSTOMER_IS = re.compile(
    r"\b(?:confirmed|said|revealed|announced|acknowledged|disclosed)\b[^.;]{0,60}?\bthat\s+"
    r"the\s+(?:buyer|customer|purchaser|client)\s+(?:is|was|were)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "Ouagadougou is to receive 30 vehicles in total": the whole order's count (not "brings
# the fleet to 24 aircraft in total")
_IN_TOTAL = re.compile(
    r"\b(?:receive|get|buy|acquire|order|take delivery of)\w*\s+(?:(?:a|an|the)\s+)?"
    r"(?P<n>\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+)?(?P<noun>[a-z]+)\s+in\s+(?:total|all)\b"
)


def _the_order_in_total(sentence: Sentence, found: list[Candidate], number: int) -> None:
    """A sentence naming no type that counts the whole order "in total", after a batch's
    delivery was told: the order's count, of which the batch was a share."""
    total = next(
        (
            n
            for match in _IN_TOTAL.finditer(sentence.span.text)
            if COUNTED.match(match["noun"]) and (n := parse_number(match["n"])) is not None
        ),
        None,
    )
    if total is None:
        return
    last = next((c for c in reversed(found) if number - c.sentence <= 2), None)
    if (
        last is None
        or last.status != "delivering"
        or last.quantity is None
        or not last.quantity < total
        or any(
            m.entry.kind == "state" and m.entry.iso3 not in (last.buyer_iso3, last.seller_iso3)
            for m in sentence.mentions
        )
    ):
        return
    last.quantity, last.batch = total, False
    last.field_quotes["quantity"] = sentence.span.text


def _shared_out(sentence: Sentence, found: list[Candidate], number: int) -> None:
    """ "... signed a contract with Sweden's Saab for 15 Giraffe 1X radars. Lithuania will
    receive six radars, Latvia five and Estonia four": a joint order told under one buyer,
    split into each state's deal for its share (the joint price is none of theirs)."""
    states = [
        m.entry.iso3
        for m in sentence.mentions
        if m.entry.kind == "state" and m.start >= sentence.dateline and m.entry.iso3
    ]
    shares = _shares(sentence, list(dict.fromkeys(states)))
    total = sum(share.quantity for share in shares.values())
    whole = next(
        (
            c
            for c in reversed(found)
            if c.sentence == number - 1 and c.quantity == total and c.buyer_iso3 in shares
        ),
        None,
    )
    if whole is None:
        return
    whole.value = whole.currency = None
    for name in ("value", "currency", "quantity"):
        whole.field_quotes.pop(name, None)
    parts = [whole]
    for iso3 in shares:
        if iso3 != whole.buyer_iso3:
            part = replace(whole, field_quotes=dict(whole.field_quotes))
            part.buyer, part.buyer_iso3, part.buyer_said = _state_name(iso3), iso3, True
            part.field_quotes["buyer"] = shares[iso3].quote
            parts.append(part)
    for part in parts:
        part.joint = part.shared = True
    _give_shares(parts, shares)
    found.extend(parts[1:])


# "The total value of the contract is about 95 million euros, of which Lithuania's part is
# 38 million euros"
_A_STATE_S_PART = re.compile(
    r"^(?:['’]s)?\s+(?:own\s+)?(?:part|share|portion)\s+(?:is|was|amounts\s+to|comes\s+to|of)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+)?$"
)


def _a_state_s_part(sentence: Sentence, found: list[Candidate], number: int) -> None:
    """A joint buyer's own price, said after the split: "of which Lithuania's part is 38
    million euros"."""
    for state in sentence.mentions:
        if state.entry.kind != "state":
            continue
        money = next((m for m in sentence.money if m.start >= state.end), None)
        if money is None or not _A_STATE_S_PART.match(sentence.between(state.end, money.start)):
            continue
        share = next(
            (
                c
                for c in reversed(found)
                if c.shared and c.buyer_iso3 == state.entry.iso3 and number - c.sentence <= 2
            ),
            None,
        )
        if share is not None and share.value is None:
            share.value, share.currency = money.amount, money.currency
            share.field_quotes["value"] = share.field_quotes["currency"] = _clause_of(
                sentence, state.start
            )


def _the_customer_named(sentence: Sentence, found: list[Candidate], number: int) -> None:
    said = _IS_THE_CUSTOMER.search(sentence.span.text)
    states = [
        m for m in sentence.mentions if m.entry.kind == "state" and m.start >= sentence.dateline
    ]
    if said is not None:
        state = next((m for m in states if m.start < sentence.span.start + said.start()), None)
    else:
        state = next((m for m in states if _THE_CUSTOMER_IS.search(sentence.before(m.start))), None)
    unnamed = next(
        (c for c in reversed(found) if c.no_state_buyer and number - c.sentence <= 2), None
    )
    if state is None or unnamed is None or state.entry.iso3 == unnamed.seller_iso3:
        return
    unnamed.buyer, unnamed.buyer_iso3, unnamed.buyer_said = state.entry.name, state.entry.iso3, True
    unnamed.no_state_buyer = False
    unnamed.field_quotes["buyer"] = sentence.span.text


def _named_once_more(
    sentence: Sentence, number: int, made: list[Candidate], found: list[Candidate]
) -> None:
    """A deal's platform named again with no new deal of it ("The Sabrah combines Elbit's
    turret with ...") keeps the deal in view: "The contract, worth 9.6 billion pesos, ..."
    after it is still of that deal."""
    named = {m.entry.family for m in sentence.mentions if m.entry.kind == "platform"}
    families = named - {c.family for c in made if c.governed}
    for candidate in found:
        # "The Sabrah" of the "Sabrah light tanks" reported: one name, shorter
        if candidate.governed and any(
            len(family) >= 4 and candidate.family.startswith(family) for family in families
        ):
            candidate.named_at = number


def _named_again(sentence: Sentence, found: list[Candidate]) -> Candidate | None:
    """The reported deal of the one buyer a platform-less sentence names acting, if
    there is one and it is not the latest's: "Croatia took delivery of its twelfth and
    final aircraft", after a table of five customers."""
    acting = {
        m.entry.iso3
        for m in sentence.mentions
        if m.entry.kind == "state" and m.start >= sentence.dateline and _acts(m, sentence.words)
        and _unprepositioned(sentence, m)
    }  # fmt: skip
    if len(acting) != 1:
        return None
    deals = [c for c in found if c.governed and _reported(c) and c.buyer_iso3 in acting]
    return deals[-1] if deals else None


def _the_buyer_column_s(candidate: Candidate, sentence: Sentence, cell: Span) -> None:
    """The state in a row's "Recipient" or "Customer" cell buys, whatever a verb in another
    cell ("Delivered, August 2024") would make of it."""
    state = next(
        (
            m
            for m in sentence.mentions
            if m.entry.kind == "state" and cell.start <= m.start and m.end <= cell.end
        ),
        None,
    )
    if state is None or state.entry.iso3 == candidate.buyer_iso3:
        return
    if candidate.seller_iso3 == state.entry.iso3:
        candidate.seller = candidate.seller_iso3 = None
        candidate.seller_said = False
        candidate.field_quotes.pop("seller", None)
    candidate.buyer, candidate.buyer_iso3 = state.entry.name, state.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = cell.text


def _read_tables(text: str, read: list[Sentence]) -> dict[int, TableRow]:
    """A pasted table's header names no deal; each row is a deal at the stage its header
    gives ("SIGNED"), said by the cell under it. The rows, by where they start."""
    headers, rows = tables(text)
    if not rows:
        return {}
    by_start = {sentence.span.start: sentence for sentence in read}
    for header in headers:
        if header.start in by_start:
            by_start[header.start].mentions = []
    for row in rows:
        sentence = by_start.get(row.line.start)
        if sentence is None or any(cue.strong for cue in sentence.cues):
            continue
        cue = Cue(
            row.status, row.said, "buyer", row.said_by.start, row.said_by.end, row.said_by.text
        )
        sentence.cues = sorted([*sentence.cues, cue], key=lambda c: c.start)
    return {row.line.start: row for row in rows}


def _subject_platforms(read: list[Sentence]) -> dict[str, tuple[Entry, int]]:
    """The platform an article is about, for each category it names one of: the family
    named most (at least twice, more than any other of its kind; "F-16 Block 70" and
    "F-16" are one), by its first name, and the sentence that first names it."""
    counts: Counter[str] = Counter()
    entries: dict[str, tuple[Entry, int]] = {}
    for number, sentence in enumerate(read):
        for mention in sentence.mentions:
            if mention.entry.kind == "platform" and mention.entry.category:
                counts[mention.entry.family] += 1
                entries.setdefault(mention.entry.family, (mention.entry, number))
    subjects: dict[str, tuple[Entry, int]] = {}
    for family, count in counts.most_common():
        entry, first = entries[family]
        category = entry.category or ""
        if category in subjects:
            if counts[subjects[category][0].family] == count:
                subjects[category] = (subjects[category][0], -1)  # a tie: no subject
            continue
        if count >= 2:
            subjects[category] = (entry, first)
    return {category: subject for category, subject in subjects.items() if subject[1] >= 0}


# A transfer denied: "is not being transferred to the IDF", "It is not a sale".
# An offer the buyer has not taken up: "The IAF has shown little interest, officials said,
# and no proposal for the Su-57 has been placed before the DAC"
_SPURNED = re.compile(
    r"\b(?:has|have|had)\s+(?:shown|expressed|displayed)\s+(?:little|no)\s+interest\b"
    r"|\b(?:showed|expressed|displayed)\s+(?:little|no)\s+interest\b"
    r"|\bno\s+(?:formal\s+)?(?:proposal|request|offer)\s+(?:for\s+[^.;]{0,40}?)?"
    r"(?:has|have|had)\s+(?:yet\s+)?been\s+(?:placed|made|submitted|tabled)\b"
    # "Reports suggested Cairo was considering the J-35 ... Military sources told Ahram
    # Online that such reports were 'speculation'": a rumour denied
    r"|\b(?:such|these|those|the)\s+reports\s+(?:were|was|are|is)\s+[\"“']?"
    r"(?:speculation|speculative|baseless|unfounded|false|untrue|inaccurate|groundless)\b"
    r"|\b(?:denied|dismissed|rejected)\s+(?:the\s+|such\s+|those\s+|these\s+)?"
    r"(?:reports?|rumou?rs?|claims?|speculation)\b"
    # "Russia has repeatedly offered the Yak-130 ..., yet Harare has neither the cash nor,
    # apparently, the appetite to sign"
    r"|\b(?:has|have|had)\s+neither\s+the\s+(?:money|cash|funds|budget)\s+nor\b"
    # "showed a certain interest in the CAESAR ... But no negotiation has been opened"
    r"|\bno\s+(?:formal\s+)?(?:negotiations?|talks)\s+(?:has|have|had)\s+(?:yet\s+)?been\s+"
    r"(?:opened|started|launched|held|begun)\b"
    # "Offer declined by recipient, 2024", "Harare turned down the offer": no taker
    r"|\boffers?\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?(?:declined|rejected|refused|"
    r"turned\s+down)\b|\b(?:declined|rejected|refused|turned\s+down)\s+(?:the|an|a|its|their|"
    r"this|that)\s+(?:\w+\s+)?offer\b",
    re.IGNORECASE,
)
_REPORTED_BY_OTHERS = re.compile(
    r"\b(?:reported|claimed|alleged|speculated)\b[^.;]{0,80}?\bthat\b", re.IGNORECASE
)
_REPORT_UNCONFIRMED = re.compile(
    r"\b(?:has|have|had)\s+not\s+(?:yet\s+|officially\s+)?confirmed\s+(?:the|such|those|these|"
    r"that|this)\s+(?:reports?|claims?)\b|\bdid not confirm\s+(?:the|such|those|these|that|this)"
    r"\s+(?:reports?|claims?)\b",
    re.IGNORECASE,
)
_NEVER_CONCLUDED = re.compile(
    # (past and closed: not "no agreement has been reached yet", talks still on)
    r"\bno\s+(?:sale|deal|contract|agreement|purchase)\s+(?:was|were|had been)\s+(?:ever\s+)?"
    r"(?:concluded|signed|reached|agreed|struck|made)\b(?!\s+(?:yet|so far|as yet|to date)\b)",
    re.IGNORECASE,
)
_NOT_TRANSFERRED = re.compile(
    r"\b(?:is|are|was|were|will)\s+not\s+(?:being\s+|be\s+)?(?:transferred|sold|handed over|"
    r"given|donated)\b|\b(?:it|this)\s+is\s+not\s+a\s+sale\b",
    re.IGNORECASE,
)


def _denied_after(read: list[Sentence], number: int) -> bool:
    """Whether this sentence, or the next naming no other weapon, denies any transfer."""
    if _NOT_TRANSFERRED.search(read[number].span.text):
        return True
    if number + 1 >= len(read):
        return False
    after = read[number + 1]
    return _NOT_TRANSFERRED.search(after.span.text) is not None and not any(
        m.entry.kind == "platform" for m in after.mentions
    )


_SEVERAL_PAPERS = re.compile(
    r"\b(?:two|three|four|five|several|\d+)\s+(?:separate\s+)?(?:agreements|contracts|deals|"
    r"orders)\b",
    re.IGNORECASE,
)


def _lead_subjects(read: list[Sentence], number: int) -> dict[str, tuple[Entry, int]]:
    """In an article's lead, the one platform of each kind the next sentence names: "a
    contract to buy one submarine from China", then "ordered the Yuan-class S26T"."""
    if number > 1 or number + 1 >= len(read):
        return {}
    if _SEVERAL_PAPERS.search(read[number].span.text):
        return {}  # "signed two agreements ... for missiles": the next sentences take each
    named: dict[str, set[str]] = {}
    entries: dict[str, Entry] = {}
    after = read[number + 1]
    for mention in after.mentions:
        before = after.span.text[
            max(0, mention.start - after.span.start - 90) : mention.start - after.span.start
        ]
        if _NOT_SOLD_BEFORE.search(before):
            continue  # "12 SILAM launchers, a version of the PULS system": SILAM's
        if mention.entry.kind == "platform" and mention.entry.category:
            named.setdefault(mention.entry.category, set()).add(mention.entry.family)
            entries.setdefault(mention.entry.category, mention.entry)
    return {kind: (entries[kind], number + 1) for kind, families in named.items()
            if len(families) == 1}  # fmt: skip


def _described_as_before(sentence: Sentence, number: int, found: list[Candidate]) -> None:
    """ "Oslo plans to acquire at least five of the anti-submarine warfare frigates", after
    the Type 26 was named: a description with "the" of the kind of a deal just reported
    is that deal's platform."""
    recent = [
        c for c in found
        if c.governed and not c.generic and c.named_as and number - c.sentence <= _REFERS_BACK
    ]  # fmt: skip
    for position, mention in enumerate(sentence.mentions):
        if mention.entry.form != "generic" or not mention.entry.name[:1].islower():
            continue
        before = sentence.before(mention.start).lower()
        if not re.search(r"\b(?:the|these|those)\s+(?:\w+\s+)?$", before):
            continue
        earlier = next((c for c in reversed(recent) if c.category == mention.entry.category),
                       None)  # fmt: skip
        if (
            earlier is None
            and mention.entry.category in (None, "", "other")
            # not "three of the four air surveillance radars": a count of their own
            and re.search(r"\bof\s+(?:the|these|those)\s+$", before)
            and len({c.family for c in recent}) == 1
        ):
            earlier = recent[-1]  # "ordered 36 of the truck-mounted systems": the Chunmoo's
        if earlier is not None and earlier.named_as is not None:
            sentence.mentions[position] = replace(mention, entry=earlier.named_as)


_THESE = re.compile(r"(?:These|Those|The)\s+([a-z]+)\b(?:\s+([a-z]+)\b)?")


def _these_of_before(sentence: Sentence, number: int, found: list[Candidate]) -> Candidate | None:
    """ "... a plan which also includes 44 Leopard 2A7HU tanks. These tanks ... arrived in
    Hungary last year": a sentence opening on "These tanks", naming no platform of its
    own, says more of the one just named of that kind that no verb reported yet."""
    opening = _THESE.match(sentence.span.text)
    noun = next((w for w in opening.groups() if w and COUNTED.match(w)), None) if opening else None
    if noun is None or any(m.entry.kind == "platform" for m in sentence.mentions):
        return None
    kind = _category_of(noun)
    earlier = next(
        (c for c in reversed(found) if number - c.sentence <= 1 and c.category == kind),
        None,
    )
    return earlier if earlier is not None and not earlier.governed else None


def _subject_of(noun: str, subjects: dict[str, tuple[Entry, int]]) -> tuple[Entry, int] | None:
    """The article's platform a counted noun can stand for: of its kind; "systems" and
    "batteries" are air defence's."""
    kind = _category_of(noun)
    if kind == "other" and noun.lower() in ("system", "systems", "battery", "batteries"):
        kind = "air_defence_systems"
    return subjects.get(kind)


# ", and has opened negotiations": the same subject goes on to another verb
_SAME_SUBJECT_GOES_ON = re.compile(
    r",?\s+and\s+(?:has|have|had|is|are|was|were|will|also)\s", re.IGNORECASE
)


def _stand_in(
    sentence: Sentence,
    subjects: dict[str, tuple[Entry, int]],
    number: int,
    found: list[Candidate],
    lead: dict[str, tuple[Entry, int]],
) -> None:
    """ "Portugal ordered five aircraft and has received three", in an article about the
    C-390: a count of the article's kind of weapon, with a verb of a deal and another
    state than the deal just reported, is of the platform the article is about. The
    counted noun stands in for its name. ("130 tanks have reached Polish units", after
    Poland's order, says more of that order: left to be read as such.) In a lead, the
    kind the next sentence names ("cancelled a contract ... for rocket launcher systems",
    then "12 SILAM launchers") may be uncounted."""
    if not any(cue.strong for cue in sentence.cues) or _RETRANSFER.search(sentence.span.text):
        return  # "whose approval is required for any third-party transfer of the aircraft"
    # a clause naming a platform has its own ("ordered nine aircraft ... - and Slovakia
    # signed for three C-390s": the nine stand in)
    named = [
        clause
        for clause in clauses(sentence.span)
        if any(m.entry.kind == "platform" and _in_clause(m, clause) for m in sentence.mentions)
    ]
    states = {m.entry.iso3 for m in sentence.mentions
              if m.entry.kind == "state" and m.start >= sentence.dateline}  # fmt: skip
    recent = {c.buyer_iso3 for c in found
              if c.governed and _reported(c) and number - c.sentence <= _REFERS_BACK}  # fmt: skip
    orderer = _another_s_order(sentence, recent)
    if orderer is not None:
        states = {orderer}  # "Iraq's purchase follows Saudi Arabia's order ...": Saudi's
    if not states or states & recent:
        return
    # A buyer the article has already reported buying the type: more of that deal.
    bought = {(c.buyer_iso3, c.family) for c in found if c.governed and _reported(c)}
    words = sentence.words
    for index, word in enumerate(words[:-1]):
        noun = words[index + 1]
        subject = _subject_of(noun.text, subjects) if COUNTED.match(noun.text) else None
        if (
            noun.text == "type"
            and word.text.lower() == "the"
            and len(subjects) == 1
            # not "five IAI Heron TP aircraft ...; all five have now been delivered ... and
            # the type flew": the type this sentence has named
            and not any(
                m.entry.kind == "platform"
                and m.entry.family not in {entry.family for entry, _ in subjects.values()}
                and m.end <= word.start
                for m in sentence.mentions
            )
        ):
            (subject,) = subjects.values()  # "Sweden would begin negotiations to buy the type"
        led = (
            COUNTED.match(noun.text) is not None
            and len(lead) == 1
            and (
                _number_at(words, index) is not None
                or any(w.text.lower() == "for" for w in words[max(0, index - 2) : index + 1])
            )
        )
        if subject is None and led:
            (subject,) = lead.values()
            if _category_of(noun.text) not in ("other", subject[0].category):
                subject = None  # "patrol boats", then "FPS-3ME radars": another kind
        counted = (
            led
            or _number_at(words, index) is not None
            or (word.text.lower() == "the" and not noun.text.lower().endswith("s"))
            or (
                index >= 2
                and words[index - 1].text.lower() == "of"
                and _number_at(words, index - 2) is not None
            )
        )  # "five aircraft", "customer for the system", "ordered 14 of the jets"
        if (
            subject is None
            # named before; or in a lead counting it just before it is named ("a contract to
            # buy one submarine", then "ordered the Yuan-class S26T submarine")
            or (subject[1] >= number and not (led and subject[1] == number + 1))
            or any(clause.start <= noun.start < clause.end for clause in named)
            # "picked the L-39NG ..., and has opened negotiations ... for six aircraft": the
            # type the sentence has just named, not the article's
            or any(
                m.entry.kind == "platform"
                and m.end <= noun.start
                and m.entry.category == subject[0].category
                and m.entry.family != subject[0].family
                and not _replaced(sentence, m)
                and _SAME_SUBJECT_GOES_ON.search(sentence.between(m.end, noun.start))
                for m in sentence.mentions
            )
            or _inside(word.start, sentence.money)
            or not counted
            or _a_fleet_s_count(words, index)
            or any((state, subject[0].family) in bought for state in states)
            or (word.text.lower() == "the" and _other_of_kind_before(subject[0], number, found))
            # "selected three systems: Norway's NASAMS ...": the list names them
            or (
                sentence.after(noun.end).startswith(":")
                and any(
                    m.entry.kind == "platform" and m.start > noun.end for m in sentence.mentions
                )
            )
        ):
            continue
        stand_in = Mention(subject[0], noun.start, noun.end, index + 1, index + 2, noun.text)
        sentence.mentions = sorted([*sentence.mentions, stand_in], key=lambda m: m.start)
        named.append(_clause_span(sentence, noun.start))  # one stand-in to a clause


_OPERATES = word_set("operates operate operating flies fly flying fields field fielding")
_ABOUT = word_set("more than over about some around nearly almost roughly")


def _a_fleet_s_count(words: Sequence[Token], index: int) -> bool:
    """ "China, which operates more than 60 boats": the size of a fleet, no order."""
    if _number_at(words, index) is None:
        return False
    before = index - 1
    while before >= 0 and index - before <= 3 and words[before].text.lower() in _ABOUT:
        before -= 1
    return before >= 0 and words[before].text.lower() in _OPERATES


def _another_s_order(sentence: Sentence, recent: set[str | None]) -> str | None:
    """ "Iraq's purchase follows Saudi Arabia's order in February for 10 batteries": a
    state not just reported, named as the owner of a purchase."""
    words = sentence.words
    return next(
        (
            m.entry.iso3
            for m in reversed(sentence.mentions)  # the nearer the count, the likelier
            if m.entry.kind == "state"
            and m.entry.iso3 not in recent
            and words[m.last - 1].possessive
            and m.last < len(words)
            and words[m.last].text.lower() in _BUYING_NOUNS
        ),
        None,
    )


def _range_end(words: Sequence[Token], index: int) -> bool:
    """The number at `index` ends a range: "between 100 and 150", "from 16 to 24"."""
    return (
        index >= 3
        and words[index - 1].text.lower() in ("and", "to")
        and _number_at(words, index - 2) is not None
        and words[index - 3].text.lower() in ("between", "from")
    )


def _other_of_kind_before(subject: Entry, number: int, found: list[Candidate]) -> bool:
    """ "the service received 12 A-29 Super Tucano aircraft ... the aircraft were built by
    Sierra Nevada": "the aircraft" is the one just named, not the article's M-346."""
    return any(
        number - c.sentence <= 1 and c.category == subject.category and c.family != subject.family
        for c in found
    )


def _read(
    span: Span,
    words: Sequence[Token],
    starts: list[int],
    gazetteer: Gazetteer,
    text: str,
    published: dt.date | None,
    dollar: str,
    home: str | None = None,
) -> Sentence:
    first = bisect.bisect_left(starts, span.start)
    last = bisect.bisect_left(starts, span.end)
    own = words[first:last]
    mentions = gazetteer.find(own, text)
    money = find_money(span.text, span.start, dollar, home)
    # "(US$6.5 billion)" names a currency, not a state, also where the bracketed
    # conversion is no money of the deal's.
    mentions = [
        m for m in mentions if not _inside(m.start, money) and text[m.end : m.end + 1] != "$"
    ]
    # "signed at the LIMA 2025 exhibition", "at Paris 2024": a capital's name and a year
    # name a show, not a government
    mentions = [
        m
        for m in mentions
        if not (m.entry.form == "capital" and re.match(r" (?:19|20)\d\d\b", text[m.end :]))
    ]
    mentions += _generic_platforms(own, mentions, money, text)
    mentions += _named_ships(own, mentions, money, span, text)
    mentions += _maker_numbers(own, mentions, text)
    mentions = _variants(mentions, own, text, gazetteer)
    named = [m for m in mentions if m.entry.kind == "platform"]
    parts = clauses(span)
    mentions += [
        described
        for described in _described_platforms(own, mentions, money, text)
        if described.entry.name[:1].isupper()  # a name ("12 SILAM rocket systems")
        or not any(_same_clause(parts, described, other) for other in named)
    ]
    mentions = _joined_names(sorted(mentions, key=lambda m: m.start), text)
    mentions = [
        m
        for m in mentions
        if not fitted_in_another(m, text[span.start : m.start])
        and not _component(m, own, text, span)
        and not (m.entry.kind == "platform" and _EQUIPPED.match(text[m.end : m.end + 30]))
        and not (m.entry.kind == "platform" and _ITS_KNOW_HOW.match(text[m.end : m.end + 40]))
        and not (
            m.entry.kind == "platform" and _AWAITED_PLATFORM.search(text[span.start : m.start])
        )
        and not _programme_of_a_type(m, mentions, text[span.start : m.start], text[m.end :])
    ]
    return Sentence(
        span,
        own,
        mentions,
        find_cues(span.text, span.start),
        money,
        find_dates(span.text, published, span.start),
        dateline_end(span),
    )


# "a 'backdoor export' of K2 technology": what is known of a type, not the type; "at the
# A32 aircraft repair plant": a place named like one
_ITS_KNOW_HOW = re.compile(
    r"(?:\s+[\w-]+)?\s+(?:technology|technologies|know-how|(?:repair\s+|overhaul\s+)?"
    r"(?:plant|factory|depot|facility|shipyard)"
    # "two PC-21 simulators": a trainer for the type, not the type
    r"|(?:full[- ]mission\s+|flight\s+)?(?:simulators?|mock-?ups?|replicas?))\b",
    re.I,
)
# "two Aegis system-equipped destroyers", "Meteor-armed Rafales": what another carries
# ("two Aegis system equipped vessels": the hyphen dropped)
_EQUIPPED = re.compile(
    r"(?:\s+(?:system|radar|missile)s?)?-(?:equipped|armed|fitted)\b"
    r"|\s+(?:system|radar)s?\s+equipped\b(?!\s+(?:with|by)\b)",
    re.I,
)
# "will buy the SAMP/T NG rather than the U.S.-made Patriot", "picks European systems over
# Patriot": the type passed over
_RIVAL = re.compile(
    r"\b(?:rather than|instead of|in preference to)\s+(?:the\s+|a\s+)?(?:[\w.-]+\s+){0,2}$"
    r"|\b(?:picks?|picked|selects?|selected|chose|chosen|choos\w+|prefers?|preferred)\b"
    # "over Boeing's CH-47F"; a list: "over Rheinmetall's Lynx, Hanwha's Redback and the ASCOD"
    r"[^.;]*\bover\s+(?:(?:the\s+|a\s+)?(?:[\w.'’/-]+\s+){0,3}?[\w.'’/-]+"
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,4}(?:the\s+|a\s+)?(?:[\w.'’-]+\s+){0,2}$"
    # "The Arma beat two rival bids: Finland's Patria ..., and Nurol Makina with its NMS"
    # "Aero Vodochody beat competition from South Korea's KAI, which had offered the KT-1,
    # and Turkish Aerospace, which pitched the Hürjet"
    r"|\b(?:beat|beating|beaten|defeated|saw off|fended off)\s+(?:off\s+)?(?:stiff\s+|strong\s+)?"
    r"(?:competition|rivals?|bids?|offers?|competitors)\s+from\b[^.;]*$"
    r"|\b(?:beat|beating|defeated|saw off|fended off|outbid|outbidding)\s+(?:\w+\s+){0,2}"
    r"(?:rival|competing)\s+(?:bids?|offers?|proposals?|designs?|contenders?)\s*:[^.;]*$",
    re.IGNORECASE,
)


# "for which Lockheed Martin's C-130J, Embraer's C-390 and the Airbus A400M are expected to
# compete": contenders, no deals
_CONTENDERS = re.compile(
    r"\b(?:expected to |set to |likely to |due to |will |to )compete\b|\bcompeting (?:for|in)\b"
    r"|\bcontenders?\b|\bin the running\b|\bvying\b"
    # "The bids came from Spain's Navantia, which offered a design derived from its Avante
    # 2200": a list of the bidders
    r"|\b(?:bids|offers|proposals|tenders)\s+(?:came|come|have come|were received)\s+from\b"
    # (not "named preferred bidder by Jordan": the winner, in talks)
    r"|(?<!preferred )\bbidders?\b"
    # "Kongsberg, offering the NASAMS, ... have been invited to submit best and final offers"
    r"|\binvited to (?:submit|make|present|tender|put forward)\b|\bshort-?listed alongside\b"
    # "proposals were also considered for the Russian Yak-130 and the Chinese Hongdu L-15"
    r"|\b(?:proposals|offers|bids)\s+(?:were|had been)\s+(?:also\s+)?"
    r"(?:considered|evaluated|received|studied|examined)\b"
    # "Leonardo offered the C-27J Spartan ..., while PT Dirgantara Indonesia pitched the
    # CN235-220": two makers' offers side by side
    r"|\b(?:offered|pitched|proposed)\b[^.;]*,\s+(?:while|whereas)\b[^.;]*"
    r"\b(?:offered|pitched|proposed)\b"
    # "Embraer has offered the C-390 Millennium and Airbus has again pitched the A400M"
    r"|\b(?:offered|pitched|proposed)\b[^.;]*\band\s+(?:[\w'’-]+\s+){1,4}(?:has|have|had)\s+"
    r"(?:also\s+|again\s+)?(?:offered|pitched|proposed)\b"
    # "Airbus is offering the C295 MPA, Leonardo has proposed the ATR 72-based P-72B"
    r"|\b(?:offering|pitching|proposing|bidding)\b[^.;]*,\s+(?:and\s+)?(?:[\w'’-]+\s+){1,4}"
    r"(?:is|are|has|have)\s+(?:offered|offering|pitched|pitching|proposed|proposing|bidding)\b"
    # "The Air Force has received offers for the Gripen, the F-16 Block 70 and the Rafale,
    # but the government has not chosen a type"
    r"|\b(?:received|receiving|weighing|evaluating|studying)\s+(?:\w+\s+)?(?:offers|bids|proposals)"
    r"\s+(?:for|from)\b"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:chosen|selected|picked|decided on)\b"
    r"|\byet to (?:choose|select|pick|decide on|make (?:a|its|the) (?:decision|choice|selection))\b"
    # "Four shipbuilders have submitted offers in Croatia's competition for two corvettes"
    r"|\b(?:submitted|lodged|tabled|made)\s+(?:\w+\s+)?(?:offers|bids|proposals)\s+(?:in|for|to)"
    r"\b[^.;]{0,60}?\b(?:competition|tender|contest)\b"
    # "MBDA had offered a version of its CAMM-ER system ..., but was considered too
    # expensive": an offer turned down
    r"|\b(?:was|were)\s+(?:considered|judged|deemed|seen as)\s+too\s+(?:expensive|costly|risky"
    r"|slow|heavy|old)\b|\b(?:was|were)\s+(?:rejected|excluded|eliminated|ruled out)\b"
    # "Ottawa shortlisted two designs in August: Hanwha Ocean's KSS-III ... and the Type
    # 212CD", "offering its KSS-III to Canada, where it is up against Germany's TKMS"
    r"|\bshort-?listed\s+(?:two|three|four|both|the two|the three)\s+(?:[\w-]+\s+)?"
    r"(?:designs|bids|offers|contenders|types|candidates|bidders|proposals)\b"
    r"|\b(?:is|are|was|were)\s+up\s+against\b|\bpitted\b[^.;]{0,60}?\bagainst\b"
    # "offered its Su-57E, but the IAF has shown little interest"
    r"|\bbut\b[^.;]{0,60}?\b(?:(?:has|have|had)\s+)?(?:shown|showed|expressed)\s+(?:little|no)\s+"
    r"interest\b"
    # "Baykar has also offered Mali its new TB3 drone, but Bamako has not followed up"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:followed up|responded|replied|taken up)\b"
    r"|\b(?:declined|rejected|turned down)\s+the\s+offer\b"
    # "an offer that was not taken forward"
    r"|\b(?:was|were|has\s+not\s+been|had\s+not\s+been)\s+not\s+(?:taken\s+forward|pursued)\b"
    r"|\bnot\s+taken\s+(?:forward|up)\b|\b(?:came|come)\s+to\s+nothing\b"
    # "plan to offer the aircraft in the air force's medium transport aircraft competition"
    # "offering its Gripen E for the IAF's requirement of 114 MRFA, a competition in which"
    r"|\b(?:offer|offers|offering|offered|pitch|pitching|pitched|bid|bidding)\b[^.;]{0,60}?"
    r"(?:\bin\s+(?:the|a|an|its|this)\s+[^.;]{0,60}?|[^.;]{0,60}?,\s+(?:a|the)\s+)"
    r"\b(?:competition|tender|contest)\b"
    r"|\bwhere\s+(?:it|they)\s+(?:faces?|is\s+facing|are\s+facing)\b"
    r"|\b(?:will|to)\s+(?:pick|choose|select|name)\s+(?:a|the)\s+winner\b",
    re.IGNORECASE,
)
# A claimed deal nobody confirms: "neither Moscow nor Beijing has confirmed any sale, and no
# such equipment has been seen"
_UNCONFIRMED = re.compile(
    r"\b(?:has|have|had)\s+(?:not|never)\s+(?:yet\s+)?confirmed\s+(?:any|the|such)\s+"
    r"(?:sale|deal|purchase|contract|order|transfer|delivery|deliveries)\b"
    # "Mozambique is reportedly considering the TB2 as well, though officials in Maputo
    # have not confirmed any talks"
    r"|\breportedly\b[^.;]{0,80}\b(?:has|have|had)\s+(?:not|never)\s+(?:yet\s+)?confirmed\b"
    r"|\bneither\b[^.;]{1,40}\bnor\b[^.;]{1,40}\b(?:has|have)\s+confirmed\b"
    # "is listed as a potential second source ..., although no contract has been awarded"
    r"|\bno\s+(?:contract|deal|order|agreement)\s+(?:has|have|had)\s+(?:yet\s+)?been\s+"
    r"(?:awarded|signed|placed|concluded|agreed)\b"
    r"|\bno such\s+(?:sale|deal|purchase|contract|order|transfer|equipment|aircraft|"
    r"weapons?|systems?)\s+(?:has|have)\s+(?:been|ever been)\b",
    re.IGNORECASE,
)
# "The company delivered 14 NH90s during the year through the NHIndustries consortium":
# what a maker turned out in a year, in a story of its results
_OUTPUT_OF_THE_YEAR = re.compile(
    r"\b(?:delivered|handed over|produced|built|completed)\s+(?:a total of\s+|some\s+|about\s+)?"
    r"[\d,]+\s+(?:[\w-]+\s+){1,3}?(?:during|in|over|across|through(?:out)?)\s+the\s+year\b",
    re.IGNORECASE,
)
# "Officials have held talks with BAE Systems on the Type 26, with Naval Group on the FDI and
# with TKMS on the MEKO A-400": talks with rival makers over rival types weigh a choice, no deal
_RIVAL_TALKS = re.compile(
    r"\bwith [^,;.]{1,40}? (?:on|about|over) the [^,;.]{1,40}?,\s+(?:and\s+)?with [^,;.]{1,40}? "
    r"(?:on|about|over) the\b",
    re.IGNORECASE,
)
# "Thales, with its Ground Master 400, and Leonardo, with the RAT 31DL, also participated in
# the process": the bidders
_TOOK_PART = re.compile(
    r"^[^.;]{0,120}?\b(?:participated|took part|competed|were entered)\s+in\s+the\s+(?:\w+\s+)?"
    r"(?:process|tender|competition|contest|bidding|selection|evaluation|race)\b",
    re.IGNORECASE,
)
# "evaluated offers from Airbus, which proposed its H145, ... before settling on the Dhruv"
_BEFORE_CHOOSING = re.compile(
    r"\bbefore (?:settling on|selecting|choosing|opting for|picking|deciding on)\b"
    # "were also considered before the FAC settled on the Brazilian turboprop"
    r"|\bbefore\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?:settled on|selected|chose|picked|"
    r"opted for|decided on)\b",
    re.I,
)
# A bid that failed: "Japan's earlier bid ..., based on the Soryu class, was unsuccessful",
# "The Eurofighter Typhoon, offered by the British government ..., lost out", "the Rafale
# was never formally in the race: Paris withdrew from the tender".
_LOST = re.compile(
    r"[^.;]{0,100}?\b(?:lost out|(?:was|were|proved) (?:unsuccessful|rejected|eliminated)"
    r"|lost (?:the|that|this) (?:competition|contest|tender|race|bid)|never (?:\w+ )?in the race"
    r"|withdrew from the (?:competition|contest|tender|race)"
    # "its bid for Australia's submarine programme in 2016 ended in defeat"
    r"|(?:ended|end) in (?:defeat|failure)|(?:bid|offer|attempt) failed"
    # "offering the H145M and the AW139 respectively, but neither reached a contract"
    r"|(?:neither|none)(?: of them)? (?:\w+ )?(?:reached|won|secured|led to|resulted in) an? "
    r"(?:contract|deal|sale|order)"
    # "KAI had offered Baghdad its FA-50 ..., but the ministry has not taken up the offer"
    r"|but\b[^.;]{0,60}?\b(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:taken up|accepted|"
    r"committed|agreed|signed)"
    # "Otokar had also offered its heavier Arma 6x6, but the army opted for the lighter
    # type"; "offered Mi-171Sh ..., but Chadian officers declined"
    r"|but\s+(?:[\w'’-]+\s+){1,4}(?:opted|settled)\s+for"
    # (not "but he declined to put a value on the potential deal": a reply withheld)
    r"|but\s+(?:[\w'’-]+\s+){1,3}(?:declined(?!\s+to\s+(?:comment|put|give|say|disclose|"
    r"name|elaborate|reveal|specify|provide|discuss|detail))|turned (?:it|them|the offer) down)"
    # "KAI also offered the KF-21, but the aircraft was not included in the final list"
    r"|but\s+(?:[\w'’-]+\s+){1,3}(?:was|were|has|have|had)\s+(?:not|never)\s+(?:been\s+)?"
    r"(?:included|shortlisted|short-listed|selected|chosen|considered|retained|invited))\b",
    re.IGNORECASE,
)


# A budget's line, not a transfer: "The request also includes funds for ...".
# "a budget request of 5.3 trillion yen ($47.7 billion) for fiscal 2019, including funds for"
_BUDGETED = re.compile(
    r"\b(?:budget|request|appropriation|spending plan)\b(?:[^.;]|\.\d){0,80}?\b"
    r"(?:includ(?:es?|ing)|cover(?:s|ing)?|contain(?:s|ing)?)\s+(?:\w+\s+)?"
    r"(?:funds?|funding|money|allocations?)\s+for\b"
    # "already fighting over cuts to the Tamandaré-class frigate programme": a budget line
    r"|\b(?:cuts?|savings|reductions?)\s+(?:to|in)\s+(?:the\s+|its\s+)?$",
    re.IGNORECASE,
)
_BOLSTERED = re.compile(
    r"\b(?:bolster|augment|supplement|complement|reinforce)(?:s|ed|ing)?\s+"
    r"(?:(?:the|its|their|[\w-]+(?:'s|’s))\s+){1,2}(?:[\w-]+\s+){0,2}$"
    # "flown at Ashgabat alongside the service's remaining An-26 and Il-76 transports"
    r"|\balongside\s+(?:the|its|their|[\w-]+(?:'s|’s))\s+(?:[\w-]+(?:'s|’s)\s+)?"
    r"(?:remaining|existing|current|ageing|aging|older|old|veteran)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# The ships or aircraft a weapon is for: "missiles that will arm the navy's three Miecznik
# frigates", "to equip its F-16s" (not "to arm the 12 F-16s it ordered": one bought)
_ARMS_THE = re.compile(
    r"\b(?:arm|equip)\s+(?:the|its|their|[\w-]+(?:'s|’s))\s+(?:[\w-]+(?:'s|’s)\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "In parallel with the H145M deal, the ministry has signed a contract ... for the overhaul
# of two Mi-8MTV helicopters": a deal named to place another act beside it
_BESIDE_BEFORE = re.compile(
    r"\b(?:in parallel with|alongside|besides|apart from|separately from|on top of)\s+"
    r"(?:the|this|that|its)\s+$",
    re.IGNORECASE,
)
_A_DEAL_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:deal|contract|order|purchase|agreement|acquisition|buy)\b", re.I
)
# "arrived aboard a chartered An-124 cargo aircraft": the plane that carried a deal's goods
_CARRIER_BEFORE = re.compile(
    r"\b(?:aboard|on board|onboard)\s+(?:an?\s+|the\s+|two\s+|three\s+|four\s+)?"
    r"(?:chartered\s+|leased\s+|[A-Z][\w-]*\s+)?$"
    # "the first two, which arrived by Antonov An-124 in May"
    r"|\b(?:arrived|arriving|flown in|airlifted|brought in)\s+(?:by|on|aboard)\s+"
    r"(?:an?\s+|the\s+)?(?:chartered\s+)?(?:[A-Z][\w-]*\s+)?$",
)
_CARRIER_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:cargo|freighter|freight|airlifter|heavy-lift|transport)\s+"
    r"(?:aircraft|planes?|jets?|flights?)\b",
    re.IGNORECASE,
)
# "domestically built Kawasaki P-1 patrol planes", "its homegrown KF-21": a state's own
# industry's work for it, no transfer between states
_TOLD_AS_DOMESTIC = re.compile(
    r"\b(?:was|is|were|are)\s+(?:(?:a|an|all|entirely|purely)\s+)?domestic\s*:", re.IGNORECASE
)
_HOME_BUILT = re.compile(
    r"\b(?:(?:domestically|indigenously)[ -](?:built|made|produced|developed|designed)"
    r"|home-?grown|home-built|indigenous"
    # "has signed new domestic orders for Arrow and David's Sling interceptors"
    r"|domestic\s+(?:orders?|contracts?|procurement|purchases?)\s+(?:for|of)"
    # "to meet the French Army's own order for 109 CAESAR Mk II systems"
    r"|(?:'s|’s)\s+own\s+(?:orders?|contracts?|procurement|purchases?)\s+(?:for|of))"
    r"\s+(?:[\w'’.-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "signed in January 2023 to cover the gap until the Rafales came": what a deal waits for
_AWAITED_PLATFORM = re.compile(r"\b(?:until|till|pending)\s+(?:the\s+)?(?:new\s+)?$", re.I)
_SUBJECT_OPENING = re.compile(r"(?:The|These|Those|Its|Their)\s+(?:[\w'’-]+\s+){0,3}")
_BEING_RETIRED = re.compile(
    r"\b(?:is|are|was|were)\s+(?:now\s+)?being\s+"
    r"(?:withdrawn|retired|decommissioned|phased out|stood down)\b",
    re.IGNORECASE,
)


_WHEN_BEFORE = re.compile(
    r"\b(?:before|until|when|once|as)\s+(?:the\s+)?(?:last\s+(?:\w+\s+)?of\s+)?"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,5}$",
    re.IGNORECASE,
)
_RETIRED_AFTER = re.compile(
    r"^s?\s+(?:[a-z]+\s+){0,2}(?:is|are|was|were|will\s+be|have\s+been|has\s+been)\s+"
    r"(?:finally\s+|fully\s+)?(?:retired|withdrawn|decommissioned|phased\s+out|stood\s+down)\b",
    re.IGNORECASE,
)


def _being_retired(sentence: Sentence, platform: Mention, platforms: list[Mention]) -> bool:
    """ "The Santa María-class ships, the last two of a class of six commissioned between
    1986 and 1994, are being withdrawn": the subject of its own retirement, no deal."""
    if _WHEN_BEFORE.search(sentence.before(platform.start)[-90:]) and _RETIRED_AFTER.match(
        sentence.after(platform.end)
    ):
        return True  # "..., before the last of the Navy's four ageing Victoria-class
        # submarines is retired": the fleet going, told in its own clause
    if not _SUBJECT_OPENING.fullmatch(sentence.before(platform.start)):
        return False
    retired = _BEING_RETIRED.search(sentence.after(platform.end))
    return retired is not None and not any(
        platform.end <= p.start < platform.end + retired.start() for p in platforms
    )


# "The air force, which flies F-16 fighters and operates Patriot air defence batteries
# around key cities, will receive additional funding": a relative clause's fleet
_FLEET_CLAUSE = re.compile(
    r"\b(?:which|that|who)\s+(?:already\s+|also\s+|now\s+|still\s+)?"
    r"(?:flies|operates|fields|uses|flew|operated|fielded|possesses)\b[^.;,]*$",
    re.IGNORECASE,
)


# "the IAF has been making do with six ageing Il-78MKI tankers", "still relies heavily on
# Soviet-era MiG-29s": the fleet a force has, whatever was scrapped or bought before
_MAKING_DO = re.compile(
    # "IAF ... Will Bank On Tejas Instead"
    r"\b(?:(?:make|makes|making|made)\s+do|(?:rel(?:y|ies|ied|ying)|bank(?:s|ed|ing)?)"
    r"(?:\s+\w+ly)?)\s+"
    r"(?:with|on)\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)


def _a_fleet_it_has(sentence: Sentence, platform: Mention, cues: list[Cue]) -> bool:
    """A platform a relative clause says a state already flies or operates, with no cue
    of a deal in that clause: the fleet it has, whatever the sentence says after. A fleet
    a force makes do with or relies on is one only if the rest of the sentence names no
    deal for it ("relies on its P-8I aircraft, acquired from the U.S. under a 2009
    contract")."""
    before = sentence.before(platform.start)
    relative = _FLEET_CLAUSE.search(before)
    end = sentence.span.end
    if relative is None:
        relative = _MAKING_DO.search(before)
    else:
        comma = sentence.span.text.find(",", platform.end - sentence.span.start)
        end = sentence.span.end if comma < 0 else sentence.span.start + comma
    if relative is None:
        return False
    start = sentence.span.start + relative.start()
    return not any(start <= cue.start < end for cue in cues)


_CONTENTS = re.compile(
    r"\b(?:covers?|covered|includes?|included|together with|along with)\b|^Also included\b",
    re.I,
)


def _component(mention: Mention, words: Sequence[Token], text: str, span: Span) -> bool:
    """ "The deal ... also covers training, logistics support, and Hellfire and JAGM
    missiles", "a package ... that includes engines, Hellfire and AIM-9X missiles":
    munitions listed, uncounted, among a deal's contents are part of it."""
    if mention.entry.kind != "platform" or mention.entry.category != "missiles":
        return False
    index = mention.first - 1
    if index > 0 and _CODE_WORD.fullmatch(words[index].text):
        index -= 1  # "covers 120 AGM-158B-2 JASSM-ER": a designation between count and name
    counted = index >= 0 and _number_at(words, index) is not None
    if _ANOTHER_DEAL_OPENS.match(text[span.start : mention.start]):
        return False  # "A second contract, with MBDA, covers Mistral 3 missiles": a deal's own
    return not counted and _CONTENTS.search(text[span.start : mention.start]) is not None


_ANOTHER_DEAL_OPENS = re.compile(
    r"(?:A|The)\s+(?:second|third|separate|new|further)\s+(?:contract|deal|order|agreement)\b",
)


# What may stand between two names of one platform: nothing, or a variant's code
# ("M1A1 FEP Abrams").
_VARIANT_BETWEEN = re.compile(r"\s*|\s+[A-Z0-9][A-Z0-9/+-]{1,5}\s+")


_MARK_WORDS = word_set("Mk Mark")
_VERSION_WORDS = word_set("Block Batch Flight Tranche Increment Lot Phase") | _MARK_WORDS
# A version mark after a name: "1A5BR", "2A8"; not "3", "F4", "8x8", "32-cell" or the
# calibre of "DITA 155mm howitzers".
_VARIANT_MARK = re.compile(r"^(?!\d+(?:x\d+|mm|cm)$)\d(?=.*[A-Za-z])[A-Za-z0-9/+]*$")


def _listed_tail(words: Sequence[Token], mention: Mention, gazetteer: Gazetteer) -> Entry | None:
    """The listed entry of the name's last words and the mark after it, when it is the
    name's own ("King Air 360ER" after "Beechcraft"): the version is of its family."""
    for first in range(mention.first + 1, mention.last):
        key = "".join(w.key for w in words[first : mention.last + 1])
        listed = gazetteer.names.get(key)
        if listed is not None and listed.name == mention.entry.name:
            return listed
    return None


def _variants(
    mentions: list[Mention], words: Sequence[Token], text: str, gazetteer: Gazetteer
) -> list[Mention]:
    """Versions no list names, of platforms it knows. "F-16AM/BM", "AIM-120D3": a
    designation that extends a known one is of its family and origin. "Leopard 1A5BR":
    a known name without a number ("Leopard", listed for the Leopard 2) followed by a
    version mark is that version, of the name's origin, and its own family."""
    read: list[Mention] = []
    for mention in mentions:
        entry = mention.entry
        following = words[mention.last] if mention.last < len(words) else None
        if entry.form == "generic" and mention.last - mention.first == 1:
            known = gazetteer.known_prefix(word_key(mention.text))
            if known is not None:
                entry = replace(known, name=mention.text, stored=False, form="variant",
                                base=known.name)  # fmt: skip
                mention = replace(mention, entry=entry)
        if (
            entry.kind == "platform"
            and following is not None
            and following.text in _VERSION_WORDS
            and mention.last + 1 < len(words)
            and (
                words[mention.last + 1].text[:1].isdigit()
                # "SM-2 Block IIIC", "SM-6 Block IA": a numeral and a letter
                or re.fullmatch(r"(?:I{1,3}|IV|VI{0,3}|IX|X)[A-Z]?", words[mention.last + 1].text)
            )
        ):
            # "F-16 Block 70 fighters": the block is the version's, no count of them
            end = words[mention.last + 1]
            versioned = text[mention.start : end.end]
            if following.text in _MARK_WORDS and gazetteer.names.get(word_key(versioned)) is None:
                # "Heron Mark II": a mark no list names is its own version of the family
                entry = replace(entry, name=versioned, stored=False, form="variant",
                                base=entry.base or entry.name)  # fmt: skip
            mention = replace(mention, entry=entry, end=end.end, last=mention.last + 2,
                              text=versioned)  # fmt: skip
        elif (
            entry.kind == "platform"
            and entry.form != "generic"
            and not any(ch.isdigit() for ch in mention.text)
            and not mention.text.endswith(("'s", "’s"))
            and following is not None
            and following.start == mention.end + 1
            and _VARIANT_MARK.match(following.text)
            and not looks_like_year(following.text)
        ):
            name = f"{mention.text} {following.text}"
            # "Beechcraft King Air 360ER", where "King Air 360ER" is listed: the listed one
            known = _listed_tail(words, mention, gazetteer)
            entry = replace(entry, name=name, stored=False, form="variant",
                            base=known.name if known else None)  # fmt: skip
            mention = replace(mention, entry=entry, end=following.end, last=mention.last + 1,
                              text=name)  # fmt: skip
        elif (
            entry.kind == "platform"
            and following is not None
            and following.start == mention.end + 1
            and re.fullmatch(r"\d{1,2}", following.text)
            and _numbered_model(mention.text, following.text, gazetteer)
        ):
            # "Mbombe 4", where the lists know the Mbombe 6 and 8: a model's number, no
            # count of the vehicles
            name = f"{mention.text} {following.text}"
            entry = replace(entry, name=name, stored=False, form="variant",
                            base=entry.base or entry.name)  # fmt: skip
            mention = replace(mention, entry=entry, end=following.end, last=mention.last + 1,
                              text=name)  # fmt: skip
        elif (
            entry.kind == "platform"
            and following is not None
            and following.start == mention.end + 1
            and _sibling(entry.name, following.text)
        ):
            # "Bayraktar TB3", where "Bayraktar" is listed for the TB2: its sibling model
            name = f"{mention.text} {following.text}"
            entry = replace(entry, name=name, stored=False, form="variant", base=None)
            mention = replace(mention, entry=entry, end=following.end, last=mention.last + 1,
                              text=name)  # fmt: skip
        read.append(mention)
    # a name inside a version joined above ("III" in "JF-17C Block III") is no other
    joined = [m for m in read if m.entry.kind == "platform"]
    return [
        m
        for m in read
        if not any(o is not m and o.first <= m.first and m.last <= o.last and
                   (o.last - o.first) > (m.last - m.first) for o in joined)
    ]  # fmt: skip


def _numbered_model(name: str, number: str, gazetteer: Gazetteer) -> bool:
    """Whether the lists know other models of the name by a number ("Mbombe 6", "Mbombe
    8"), so that a number after it is a model's, not a count."""
    return any(
        gazetteer.names.get(word_key(f"{name} {other}")) is not None
        for other in range(1, 13)
        if str(other) != number
    )


def _sibling(name: str, code: str) -> bool:
    """ "TB3" beside the "Bayraktar TB2": a code of the same letters and another number."""
    model = re.fullmatch(r"([A-Z]{1,4})-?(\d{1,3})", code)
    if model is None:
        return False
    return any(
        re.fullmatch(rf"{model[1]}-?\d{{1,3}}", word) and word_key(word) != word_key(code)
        for word in name.split()
    )


_UNDER_THE = re.compile(r"\b(?:under|as part of|within) (?:the|its|their|a) $", re.IGNORECASE)
# "Babur-class corvettes, based on Turkey's MILGEM design", "an export version of China's
# Type 039B": the design a type derives from
_BASED_ON = re.compile(
    r"\b(?:based on|derived from|(?:version|variant|derivative) of)\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+['’]s?\s+)?$",
    re.IGNORECASE,
)
_PROGRAMME_AFTER = re.compile(r"\s+(?:programme|program|project|scheme)\b", re.IGNORECASE)


def _programme_of_a_type(
    mention: Mention, mentions: list[Mention], before: str, after: str
) -> bool:
    """ "three of the four Babur-class corvettes being built with Turkey under the MILGEM
    programme", "Babur-class corvettes, based on Turkey's MILGEM design": a programme or a
    design named like a type, after the type it gives, is no second type."""
    return (
        mention.entry.kind == "platform"
        and (
            (_UNDER_THE.search(before) is not None and _PROGRAMME_AFTER.match(after) is not None)
            or _BASED_ON.search(before) is not None
        )
        and any(
            other.entry.kind == "platform"
            and other.entry.form != "generic"
            and other.end <= mention.start
            and other.entry.family != mention.entry.family
            for other in mentions
        )
    )


def _joined_names(mentions: list[Mention], text: str) -> list[Mention]:
    """ "AH-64E Apache", "M1A1 FEP Abrams": two names of one platform side by side are one
    mention; a short name in brackets after its long one ("Thyssenkrupp Marine Systems
    (TKMS)") is no second mention."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.entry.name == mention.entry.name
            and text[last.end : mention.start].strip() == "("
        ):
            continue
        if (
            last is not None
            and last.entry.kind == mention.entry.kind == "platform"
            and last.entry.form == mention.entry.form == "generic"
            and last.entry.name[:1].isupper()
            and text[last.end : mention.start] == " "
        ):
            # "the Yuan-class S26T submarine": two unlisted names side by side are one
            name = text[last.start : mention.end]
            numbered = next((m.text for m in (mention, last) if any(c.isdigit() for c in m.text)),
                            None)  # fmt: skip
            entry = replace(mention.entry, name=name, base=numbered)  # its family: the S26T's
            joined[-1] = replace(last, entry=entry, end=mention.end, last=mention.last, text=name)
            continue
        if (
            last is not None
            and last.entry.kind == mention.entry.kind == "platform"
            and last.entry.form != "generic"
            and mention.entry.category != last.entry.category
            and re.fullmatch(r" (?-i:[A-Z][a-z]+) ", text[last.end : mention.start])
        ):
            # "K808 White Tiger": the nickname of the type just named, not the Airbus Tiger
            joined[-1] = replace(
                last, end=mention.end, last=mention.last, text=text[last.start : mention.end]
            )
            continue
        if (
            last is not None
            and last.entry.kind == mention.entry.kind == "platform"
            and last.entry.name == mention.entry.name
            and _VARIANT_BETWEEN.fullmatch(text[last.end : mention.start])
        ):
            joined[-1] = replace(
                last, end=mention.end, last=mention.last, text=text[last.start : mention.end]
            )
        else:
            joined.append(mention)
    return joined


def _inside(offset: int, spans: Sequence[Money]) -> bool:
    return any(item.start <= offset < item.end for item in spans)


# "Cobra II", "Piranha 5"; never an ordinal ("the Defence Forces' 86th Brigade")
_ROMAN = re.compile(r"^(?!\d+(?:st|nd|rd|th)$)(?:I{1,3}|IV|V|VI{0,3}|\d[\w/-]*)$")
_CURRENCY_CODES = frozenset(currency_codes())
_NOT_DESIGNATIONS = word_set(
    "Block Batch Flight Tranche Increment Lot Phase Project Mk Mark Mod Article Section Chapter "
    "FMS "
    "MLU SLEP OCU "
    "SEA LAND AIR JP "
    "Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun "
    "January February March April June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Resolution Vision Agenda Plan Programme Program Decree Law Order Round Stage Level Tier "
    "NATO EU UN US USA UK UAE GDP AI CEO MoD DoD DSCA SIPRI COVID The A An In On At For "
    "Navy Army Air Force Marine Marines Coast Guard Border Royal National Special Naval "
    "Forces Corps Command Ministry Government Department "
    "More New Used Additional Further Other Several Such "
    "With From By Of This That These Those Its Their His Her It They We He She"
)


_NAME_PARTICLES = word_set("di de da del della van von der du la le")


def _name_word(word: Token) -> bool:
    """A capitalised word of a name ("Littoral", "Mission"), not a sentence's or a
    designation's first word of another kind."""
    text = word.text
    return (
        text.isalpha()
        and text[:1].isupper()
        and text[1:].islower()
        and len(text) > 2
        and text not in _NOT_DESIGNATIONS
    )


_ENGINE = re.compile(r"^(?:engines?|turbofans?|turboshafts?|turbojets?)$", re.IGNORECASE)


def _generic_platforms(
    words: Sequence[Token], known: list[Mention], money: list[Money], text: str
) -> list[Mention]:
    """Designations no list knows, by their shape: a capitalised word with letters and
    digits ("Thunderbolt-7"), a name and a mark ("Piranha 5", "Cobra II"), a class of
    ships ("Teresa Magbanua-class"), an acronym ("KAAN"); each only where a quantity
    counts it or it names what is counted ("12 Thunderbolt-7 patrol boats")."""
    taken = {index for m in known for index in range(m.first, m.last)}
    named = {  # what a designation may not stand beside: not "Chinese-built", "Chinese",
        index  # nor a maker ("Lockheed Martin F-35I Adir")
        for m in known
        # nor "the Royal New Zealand Navy Lake-class vessels": a service owns it
        if not (m.made or m.entry.form in ("demonym", "service") or m.entry.kind == "company")
        for index in range(m.first, m.last)
    }
    found = []
    index = 0
    while index < len(words):
        size = _designation_size(words, index, taken, money, text, named)
        if size:
            after = [w.text for w in words[index + size : index + size + 4]]
            before = words[index - 1].text if index else ""
            counted = next((w for w in after if COUNTED.match(w)), None)
            if any(_ENGINE.match(w) for w in after[:2]):
                index += size  # "36 T408-GE-400 engines": a part of the aircraft, no weapon
                continue
            if (
                counted
                or parse_number(before) is not None
                or words[index + size - 1].text.endswith("-class")
            ):
                # "three Littoral Mission Ship Batch 2 vessels": the whole capitalised name
                designation = words[index].text
                while (
                    index > 1
                    and (
                        _name_word(words[index - 1])
                        # "Paolo Thaon di Revel-class": a name's particle
                        or (
                            words[index - 1].text in _NAME_PARTICLES
                            and index > 2
                            and _name_word(words[index - 2])
                        )
                    )
                    and index - 1 not in taken
                    and text[words[index - 1].end : words[index].start] == " "
                    # "Transfer Two Decommissioned Littoral Combat Ships": a headline's
                    # count and condition, no part of the name
                    and parse_number(words[index - 1].text) is None
                    and not SECOND_HAND.match(words[index - 1].text)
                    and not NEW.match(words[index - 1].text)
                ):
                    index, size = index - 1, size + 1
                first, last = words[index], words[index + size - 1]
                name = " ".join(w.text for w in words[index : index + size])
                # "Harbin Z-9EH": of the Z-9EH's family, not the maker's name's
                numbered = designation if _GENERIC_DESIGNATION.match(designation) else None
                # (a class is of ships, whatever it counts: "Tide-class fleet tankers")
                category = (
                    "ships"
                    if name.endswith("-class")
                    else _category_of(counted)
                    if counted
                    else None
                )
                name = re.sub(r"(?<=[A-Z0-9])s$", "", name)  # "K2GFs": the K2GF
                base = numbered if numbered and not name.startswith(numbered) else None
                entry = Entry("platform", name, category=category, form="generic", base=base)
                found.append(Mention(entry, first.start, last.end, index, index + size, name))
                index += size
                continue
        index += 1
    return found


# A ship named by its name: "the decommissioned light aircraft carrier Giuseppe Garibaldi
# (C 551)", "the training ship QTS Al Doha", "INS Kirpan", "NRP D. João II".
_SHIP_NOUN = (
    r"(?:(?:aircraft|helicopter)\s+carrier|(?<!aircraft )carrier|frigate|corvette|destroyer"
    r"(?:\s+escort)?|submarine|(?:patrol|training|survey|hospital|platform|assault|"
    r"replenishment|supply|landing)\s+(?:vessel|ship|boat|craft)|landing\s+platform\s+dock|"
    r"minehunter|cutter|patrol\s+vessel|flagship)"
)
_SHIP_NAME_WORD = r"(?:[A-Z][\w'’-]*\.?|[IVX]+)"
_SHIP_NAME = (
    rf"{_SHIP_NAME_WORD}(?:\s+(?:(?:de|da|do|dos|das|di|del|la)\s+)?{_SHIP_NAME_WORD})"
    r"{0,3}"
)


@functools.cache
def _ship_by_name() -> re.Pattern[str]:
    prefixes = "|".join(sorted({*_SHIP_PREFIXES, *ship_prefixes()}, key=len, reverse=True))
    return re.compile(
        rf"\b{_SHIP_NOUN}\s+(?:the\s+)?(?:former\s+|ex-)?(?:(?P<prefix>[A-Z]{{2,5}})\s+)?"
        rf"(?P<name>{_SHIP_NAME})|\b(?:former\s+|ex-)?(?P<known>{prefixes})\s+"
        rf"(?P<known_name>{_SHIP_NAME})"
    )


# One of a class told of, or a place: "one of the vessels, the JS Tone", "the first, BNS
# Oostende", "the future BRP Rajah Sulayman (PS-20), the first of six", "arriving at HMAS
# Albatross" (a naval air station), "aboard the Indian Navy landing ship INS Gharial".
_A_HULL_BEFORE = re.compile(
    r"(?:(?i:\bone of (?:the|its|their|her|his) [\w\s-]{1,40}|\b(?:the )?(?:first|second|"
    r"third|fourth|fifth|last|final|lead|latest)(?: one| ship| vessel| boat| hull| of them"
    r"| of which| of these| of those)?|"
    r"\bsister(?: ship)?|\bfuture|\b(?:at|aboard|on board|onboard|near|off|alongside)"
    r"(?:\s+the)?(?:\s+[\w-]+){0,4}|\b(?:from|on)|"
    r"\b(?:boats|ships|vessels|submarines|frigates|corvettes|craft|destroyers|minehunters|"
    r"cutters)(?:,?\s+(?:formerly|the former|ex-))?)|[A-Z]{2,5} [A-Z][\w'’-]+"
    r"(?: [A-Z][\w'’-]+)?(?: \([^)]{1,20}\))?,? and)[,\s]+(?:the\s+)?$"
)
# "KNM Utstein and KNM Utvær", "the two Type 056 corvettes, BNS Shadhinota and BNS
# Prottoy": two names are the hulls of an order told as a whole
_A_HULL_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s+(?:the\s+)?(?:first|second|third|fourth|fifth|last|"
    r"final|lead|latest)\b|,?\s+and\s+(?:the\s+)?[A-Z]{2,5}\s+[A-Z])"
)
# "SLNS Gajabahu (P 626), the former USCGC Sherman": the ship just named, by its old name
_NAMED_JUST_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,5}\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:\s+\([^)]{1,20}\))?|"
    r"\([A-Z]{0,3}\s?\d{1,4}\)),\s+(?:the\s+)?$"
)
_NOT_SHIP_NAMES = word_set(
    "The A An In On At For And But As It Its This That Which While When With From Into To Of "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Class Programme Program Project"
)


def _named_ships(
    words: Sequence[Token], known: list[Mention], money: list[Money], span: Span, text: str
) -> list[Mention]:
    """One ship written by its name after what it is ("the light aircraft carrier Giuseppe
    Garibaldi") or after its navy's prefix ("INS Kirpan"): a platform of one, where no list
    knows the name. Never a state's, a company's or another known name."""
    if any(m.entry.kind == "platform" and m.entry.category == "ships" for m in known):
        return []  # "the two Type 056 corvettes, BNS Shadhinota and BNS Prottoy": its hulls
    taken = {index for m in known for index in range(m.first, m.last)}
    starts = [w.start for w in words]
    found = []
    for match in _ship_by_name().finditer(span.text):
        if re.search(r"(?:-class|\bclass)\s+$|\d\s+$", span.text[: match.start()]):
            continue  # "the Jose Rizal-class frigate BRP Antonio Luna": a hull of the class
        if _A_HULL_BEFORE.search(span.text[: match.start()]) or _A_HULL_AFTER.match(
            span.text[match.end() :]
        ):
            continue
        if re.match(r"former|ex-", match[0]) and _NAMED_JUST_BEFORE.search(
            span.text[: match.start()]
        ):
            continue  # "SLNS Gajabahu (P 626), the former USCGC Sherman": the same ship
        if any(
            m.entry.kind == "platform"
            and m.end <= span.start + match.start()
            and re.fullmatch(r"[a-z\s-]{0,40}", text[m.end : span.start + match.start()])
            for m in known
        ):
            continue  # "the Pohang-class corvette ROKS Chungju", "Type 056 corvettes BNS X"
        group = "name" if match["name"] else "known_name"
        name_start = span.start + match.start(group)
        name_words = match[group].split()
        while name_words and name_words[-1].rstrip(".") in _NOT_SHIP_NAMES:
            name_words.pop()
        if not name_words or name_words[0] in _NOT_SHIP_NAMES:
            continue
        end = name_start + len(" ".join(name_words))
        while text[end - 1 : end] == "." and not re.search(r"\b[A-Z]\.$", text[name_start:end]):
            end -= 1
        first = bisect.bisect_left(starts, name_start)
        last = bisect.bisect_left(starts, end)
        if first >= len(words) or words[first].start != name_start:
            continue
        if any(index in taken for index in range(first, last)):
            continue
        prefix = match["prefix"] or match["known"]
        start = name_start
        if prefix:
            start = name_start - len(prefix) - 1
            if text[start:name_start] != prefix + " ":
                continue
        if _inside(start, money):
            continue
        name = text[start:end]
        entry = Entry("platform", name, category="ships", form="generic", single=True)
        at = bisect.bisect_left(starts, start)
        found.append(Mention(entry, start, end, at, last, name))
    return found


def _maker_numbers(words: Sequence[Token], known: list[Mention], text: str) -> list[Mention]:
    """ "two Saab 340 airborne early warning aircraft", "the Embraer 190": a maker's name
    and a bare number, counted or describing what is counted, is a designation (not 340
    aircraft)."""
    found = []
    for maker in known:
        at = maker.last
        if maker.entry.kind != "company" or at >= len(words):
            continue
        number = words[at]
        if (
            not re.fullmatch(r"\d{2,4}", number.text)
            or looks_like_year(number.text)
            or text[maker.end : number.start] != " "
            or not _counts_within(words, at + 1, 4)
        ):
            continue
        name = text[maker.start : number.end]
        noun = next(w.text for w in words[at + 1 : at + 6] if COUNTED.match(w.text))
        entry = Entry(
            "platform", name, iso3=maker.entry.iso3, category=_category_of(noun), form="generic"
        )
        found.append(Mention(entry, maker.start, number.end, maker.first, at + 1, name))
    return found


_PLAIN = word_set(
    "new more additional further extra used second-hand surplus refurbished modern "
    "advanced older old the its their of and"
)


def _same_clause(parts: list[Span], one: Mention, other: Mention) -> bool:
    return any(
        part.start <= one.start < part.end and part.start <= other.start < part.end
        for part in parts
    )


def _described_platforms(
    words: Sequence[Token], known: list[Mention], money: list[Money], text: str
) -> list[Mention]:
    """A weapon named only by what it is, with a number: "six offshore patrol vessels",
    "two airborne early warning and control aircraft". Its description is its name."""
    taken = {index for m in known for index in range(m.first, m.last)}
    found = []
    for index, word in enumerate(words[:-2]):
        if index in taken or _inside(word.start, money) or _number_at(words, index) is None:
            continue
        if words[index + 1].text.lower() in _SCALE_WORDS:
            continue  # "($415 million) contract to buy": money, even where it is dropped
        described: list[Token] = []
        last = word
        for follower in words[index + 1 : index + 7]:
            if re.search(r"[,;:()]", text[last.end : follower.start]):
                break  # "in the following two years, and the government has set": no name
            last = follower
            if COUNTED.match(follower.text) and not described:
                break  # "10 batteries of the same system": the count's own noun, no name
            if not described and follower.text.lower() in _SPANS_OF_TIME:
                break  # "more than two years behind the schedule set": a delay, no name
            if not described and follower.text.lower() in _UNITS:
                break  # "The 87 ft boats were refurbished": a length, no count
            if COUNTED.match(follower.text) and described:
                kept = [w for w in described if w.text.lower() not in _PLAIN]
                if follower.text.lower().startswith(("system", "unit")) and any(
                    w.text.lower() in _NO_WEAPON_WORDS for w in kept
                ):
                    break  # "46 ground-based training systems": simulators, no weapon
                if kept and all(w.text[:1].islower() or w.text.isupper() for w in kept):
                    name = " ".join(w.text for w in kept) + " " + _singular(follower.text)
                    if kept[0].text.isupper() and kept[0].text.isalpha() and len(kept[0].text) > 2:
                        name = kept[0].text  # "12 SILAM rocket artillery systems": SILAM
                    first = words.index(kept[0])
                    entry = Entry("platform", name, category=_category_of(follower.text),
                                  form="generic")  # fmt: skip
                    found.append(Mention(entry, kept[0].start, follower.end, first,
                                         words.index(follower) + 1, name))  # fmt: skip
                break
            if _MEASURE.match(follower.text):
                continue  # "six 2,400-tonne offshore patrol vessels": a size, not a name
            if words.index(follower) in taken or follower.text[:1].isdigit():
                break
            if follower.text.lower() in ("same", "similar", "such", "these", "those"):
                break  # "eight of the same aircraft", "every one of these aircraft": named before
            if follower.text.lower() in ("number", "total", "tally", "count", "fleet"):
                break  # "bringing to three the number of boats": a tally, no name
            if follower.text.lower() in ("for", "to", "from", "with", "by", "in", "at"):
                break  # "shortlists three yards for offshore patrol vessel programme"
            described.append(follower)
    return found


_MEASURE = re.compile(
    r"^\d[\d,.]*-(?:tonnes?|tons?|t|metres?|meters?|m|foot|feet|ft|seat|seater|knot|mm|km)$",
    re.IGNORECASE,
)


_NO_WEAPON_WORDS = word_set("training simulation simulator maintenance support test logistics")
_SPANS_OF_TIME = word_set("years year months month weeks week days day hours decades")
_SCALE_WORDS = word_set("thousand million billion trillion mn bn crore crores lakh")


def _singular(noun: str) -> str:
    lower = noun.lower()
    if lower.endswith("ies"):
        return noun[:-3] + "y"
    if lower.endswith("s") and not lower.endswith(("ss", "aircraft")):
        return noun[:-1]
    return noun


_A_MARK_ALONE = re.compile(r"(?:Mk|MK|Mark|Block|Batch|Tranche|Flight|Lot)\d+[A-Za-z]?$")


def _designation_size(
    words: Sequence[Token],
    index: int,
    taken: set[int],
    money: list[Money],
    text: str,
    named: set[int],
) -> int:
    """How many words from `index` read as an unknown designation (0: none); never a part
    of a known one ("JAS 39" before "Gripen E/F", "Block 70" after "F-16"; `named`: the
    known platforms' words, "Chinese-built" is none)."""
    size = _shape_size(words, index, taken, money, text)
    if size == 1 and _A_MARK_ALONE.match(words[index].text):
        return 0  # "the ECRS Mk1 radar": a version's mark, no name of its own
    if size and index and words[index - 1].text in _VERSION_WORDS:
        return 0  # "CAESAR Mk II 155mm": the mark of the name before, no name of its own
    before = index - 1 in named and not text[words[index - 1].end : words[index].start].strip()
    after = (
        index + size in named
        and not text[words[index + size - 1].end : words[index + size].start].strip()
    )
    if size and (before or after):
        return 0  # side by side with a known name; not across "|", "(" or ","
    return size


def _spelled_out_before(acronym: str, before: str) -> bool:
    """An acronym in brackets that the words before it spell out: "medium-altitude
    long-endurance (MALE)", "short-range air defence (SHORAD)" (initials of each word and
    of each part of a hyphenated one; "and"/"of" may be skipped)."""
    words = re.findall(r"[A-Za-z]+", before.rstrip(" (")[-80:])
    initials = "".join(w[0] for w in words).upper()
    kept = "".join(w[0] for w in words if w.lower() not in ("and", "of", "the")).upper()
    letters = acronym.replace("-", "").upper()
    return len(letters) >= 3 and (initials.endswith(letters) or kept.endswith(letters))


def _shape_size(
    words: Sequence[Token], index: int, taken: set[int], money: list[Money], article: str
) -> int:
    word = words[index]
    if index in taken or _inside(word.start, money) or word.text in _NOT_DESIGNATIONS:
        return 0
    if word.text in _CURRENCY_CODES:
        return 0  # "(about USD 6 million)": a conversion dropped from the sums, no type
    text = word.text
    if looks_like_year(text) or text.upper().startswith(("COVID", "G7", "G20")):
        return 0
    if _GENERIC_DESIGNATION.match(text):
        return 1
    if not text[:1].isupper():
        return 0
    following = words[index + 1] if index + 1 < len(words) and index + 1 not in taken else None
    if text.endswith("-class"):
        return 1
    if following is not None and following.text.endswith("-class") and not word.possessive:
        return 2  # "Teresa Magbanua-class"; not "the Navy's Ula-class"
    if following is not None and _ROMAN.match(following.text) and index > 0:
        return 2  # "Piranha 5", "Cobra II"; "Ground Master 200" is found from "Ground"
    second = words[index + 2] if index + 2 < len(words) and index + 2 not in taken else None
    if (
        following is not None
        and second is not None
        and following.text[:1].isupper()
        and _ROMAN.match(second.text)
        and index > 0
    ):
        return 3
    if index > 0 and len(text) >= 4 and text.isalpha() and text[1:].islower():
        counted = _number_at(words, index - 1) is not None or (
            index > 1
            and _number_at(words, index - 2) is not None
            and (
                SECOND_HAND.match(words[index - 1].text)
                or NEW.match(words[index - 1].text)
                or words[index - 1].text.lower() in _MORE
                or words[index - 1].text.lower().endswith(("-made", "-built", "-designed"))
            )
        )  # "120 Bushmaster", "five used Super Etendard", "48 Brazilian-made Guarani",
        # "300 more Gidran armoured vehicles"
        # "a second batch of French-made Bastion armoured personnel carriers": its maker's
        # adjective names it too
        counted = counted or words[index - 1].text.lower().endswith(("-made", "-built"))
        named = (
            following is not None
            and (
                (
                    following.text.isalpha()
                    and following.text[:1].isupper()
                    and following.text[1:].islower()
                )
                or bool(_A_MARK_ALONE.match(following.text))  # "eight Tridon Mk2 systems"
            )
            and article[word.end : following.start] == " "
        )
        size = 2 if named else 1
        if counted and _counts_within(words, index + size, 3):
            return size  # "12 Anka drones", "five used Super Etendard attack jets"
    if (
        len(text) >= 3
        and text.replace("-", "").isupper()
        and text.replace("-", "").isalpha()
        and not _ROMAN.match(text)  # "Block III": a version's numeral, no acronym
    ):
        bracketed = article[word.start - 1 : word.start] + article[word.end : word.end + 1] == "()"
        if bracketed and any(i in taken for i in range(max(0, index - 6), index)):
            return 0  # "F-35A Conventional Take Off and Landing (CTOL) aircraft"
        if bracketed and _spelled_out_before(text, article[max(0, word.start - 80) : word.start]):
            return 0  # "a new medium-altitude long-endurance (MALE) drone": a description's
        # "KAAN fighter", not "MDL built" nor "IMI Systems" (a firm's name)
        following_word = words[index + 1].text if index + 1 < len(words) else ""
        if following_word[:1].isupper():
            return 0
        return 1 if _counts_next(words, index + 1) else 0
    return 0


def _counts_within(words: Sequence[Token], index: int, describing: int) -> bool:
    """A counted noun from `index`, after at most `describing` lower-case words."""
    for word in words[index : index + describing + 1]:
        if COUNTED.match(word.text):
            return True
        if not word.text.islower() or word.text in _VERBS:
            return False
    return False


def _counts_next(words: Sequence[Token], index: int) -> bool:
    """A counted noun right after a name, or after one describing word ("KAAN fighter",
    "Akinci armed drones")."""
    ahead = [w.text for w in words[index : index + 2]]
    if ahead and COUNTED.match(ahead[0]):
        return True
    return (
        len(ahead) == 2
        and ahead[0].islower()
        and ahead[0] not in _VERBS
        and bool(COUNTED.match(ahead[1]))
    )


_VERBS = word_set(
    "built is was are were has have had will said signed ordered made delivered bought"
)


def _category_of(noun: str) -> str:
    noun = noun.lower().rstrip("s")
    if noun in (
        "jet",
        "aircraft",
        "fighter",
        "plane",
        "helicopter",
        "chopper",
        "drone",
        "trainer",
        "tanker",
    ):
        return "aircraft"
    if noun in ("ship", "vessel", "boat", "frigate", "corvette", "submarine", "destroyer",
                "dock", "minehunter", "cutter"):  # fmt: skip
        return "ships"
    if noun in ("tank", "vehicle"):
        return "armoured_vehicles"
    if noun in ("howitzer", "gun", "launcher"):
        return "artillery"
    if noun == "missile":
        return "missiles"
    return "other"


def _main_states(read: list[Sentence], first: int = 4) -> list[Mention]:
    """The states an article is about, most named in its first sentences first."""
    counts: Counter[str] = Counter()
    firsts: dict[str, Mention] = {}
    for sentence in read[:first]:
        for mention in sentence.mentions:
            if mention.entry.kind == "state" and _named_as_actor(sentence, mention):
                counts[mention.entry.name] += 1
                firsts.setdefault(mention.entry.name, mention)
    return [firsts[name] for name, _ in counts.most_common()]


def _named_as_actor(sentence: Sentence, mention: Mention) -> bool:
    """A state named as one that acts ("Australia will buy"), not as a place or origin
    ("from Japan", "in Canberra", "Japan's Mogami", "a German rival")."""
    if mention.start < sentence.dateline:
        return True  # where the story is filed: the usual home of its buyer
    before = _words_before(sentence, mention)
    if _preposition(before) == "to" and _before_preposition(before) in _SALE_NOUNS:
        return True  # "US clears nearly $2 billion in ... sales to Taiwan": its buyer
    if _preposition(before) or _listed_preposition(sentence, mention):
        return False
    return _acts(mention, sentence.words)


_SALE_NOUNS = word_set("sale sales transfer transfers export exports")


# --- one sentence ----------------------------------------------------------------------


# money voted for a programme, no purchase of a count
_MONEY_FOR_THE = re.compile(
    r"\d\S*(?:\s+(?:billion|million|bn|mn|m|crore|trillion))?\s+for\s+the\s+$", re.IGNORECASE
)
_A_PROGRAMME = re.compile(r"^(?:\s+[\w-]+){0,4}\s+(?:programme|program|project)\b", re.IGNORECASE)


def _sentence_candidates(sentence: Sentence, text: str) -> list[Candidate]:
    # "RZESZÓW, 13 August 2024 (Defence24) -": a dateline names no weapon
    platforms = [
        m for m in sentence.mentions if m.entry.kind == "platform" and m.start >= sentence.dateline
    ]
    candidates: list[Candidate] = []
    governed: list[list[Cue]] = []  # each platform's cues, in order (a list carries them on)
    borrowed: list[int] = []  # the platforms with the parties of the one listed after them
    made_from: list[int] = []  # each platform's first candidate's index
    for position, platform in enumerate(platforms):
        made_from.append(len(candidates))
        cues = _governing(sentence, platforms, position, governed)
        if not cues and position + 1 < len(platforms):
            cues = _list_s_participle(sentence, platform, platforms[position + 1])
            if cues:
                borrowed.append(position)
        governed.append(cues)
        if _RIVAL.search(text[sentence.span.start : platform.start]):
            continue  # "picks Gripen E/F over F-16 Block 70": the type passed over
        if _LOST.match(text[platform.end : sentence.span.end]) and not any(
            cue.status == "approved" for cue in cues
        ):
            # "The Eurofighter Typhoon, offered by the British government, lost out" (not a
            # sale cleared "but Lisbon has not yet signed a letter of offer and acceptance")
            continue
        if _BUDGETED.search(text[sentence.span.start : platform.start]):
            continue  # "The request also includes funds for two Aegis ... vessels": a budget line
        if _MONEY_FOR_THE.search(sentence.before(platform.start)[-40:]) and _A_PROGRAMME.match(
            sentence.after(platform.end)
        ):
            continue  # "approved a further €4.2bn for the F127 air defence frigate programme"
        if _HOME_BUILT.search(text[sentence.span.start : platform.start][-60:]):
            continue
        if _TOLD_AS_DOMESTIC.search(text[sentence.span.start : platform.start]):
            continue  # "The biggest UK headline of the week, however, was domestic: the
            # Ministry of Defence confirmed Leonardo Helicopters' Yeovil plant as the
            # supplier of the AW149"
        if _BOLSTERED.search(text[sentence.span.start : platform.start][-60:]) and not any(
            cue.start > platform.end and cue.strong for cue in cues
        ):
            # "to bolster the RMAF's eight F/A-18D Hornets": the fleet it joins (not
            # "complements the 12 FA-50PH jets the Philippines bought from South Korea")
            continue
        if _ARMS_THE.search(text[sentence.span.start : platform.start][-60:]) and not any(
            cue.start > platform.end and (_POSSESSED.search(cue.text) or _ORDERED.search(cue.text))
            for cue in cues
        ):
            continue  # "72 Naval Strike Missiles that will arm the navy's three Miecznik
            # frigates now under construction": the ships armed, not bought with them
        if _a_fleet_it_has(sentence, platform, cues):
            continue
        if (not cues and _replaced(sentence, platform)) or _TO_REPLACE.search(
            sentence.before(platform.start)[-70:]
        ):
            continue  # "to replace the tired trainer fleet and prepare pilots for the Su-30MK2"
        if _being_retired(sentence, platform, platforms):
            continue
        if _TO_BE_FITTED.match(sentence.after(platform.end)) and platform.entry.category in (
            "aircraft",
            "armoured_vehicles",
            "ships",
        ):
            # "HIZIR torpedo countermeasure suites to be fitted to the Pakistan Navy's
            # corvettes": a name shared with a vehicle, here a ship's equipment
            continue
        if _DEPLOYED_OWN.search(sentence.before(platform.start)[-60:]):
            continue  # "the U.S. Army deployed its Typhon launcher to northern Luzon": its own
        if platform.entry.category == "sensors" and _FOR_A_HOST.match(sentence.after(platform.end)):
            continue  # "Sea Giraffe 4A radars for the German Navy's F126 frigates": a part
        if _TALLY_OF.search(sentence.before(platform.start)[-60:]):
            continue  # "bringing the total number of Pandur Evolution vehicles ... to 270"
        if _BESIDE_BEFORE.search(sentence.before(platform.start)[-40:]) and _A_DEAL_AFTER.match(
            sentence.after(platform.end)
        ):
            continue  # "In parallel with the H145M deal, the ministry has signed ...": another
        if _CARRIER_BEFORE.search(sentence.before(platform.start)[-40:]) or (
            _CARRIER_AFTER.match(sentence.after(platform.end))
            and re.search(
                r"\b(?:by|on|via|in)\s+(?:an?\s+|the\s+)?(?:chartered\s+)?$",
                sentence.before(platform.start)[-30:],
            )
        ):
            continue  # "delivered aboard a chartered An-124 cargo aircraft": the carrier
        candidate = Candidate(
            platform=platform.entry.name,
            family=platform.entry.family or platform_family(platform.entry.name),
            category=platform.entry.category,
            stored_platform=platform.entry.stored,
            generic=platform.entry.form == "generic",
            start=platform.start,
            named_as=platform.entry,
        )
        candidate.governed = bool(cues)
        candidate.strong = any(cue.strong for cue in cues)
        clause = _clause_span(sentence, platform.start)
        candidate.already = _ALREADY.search(text[clause.start : platform.start]) is not None
        candidate.quote = sentence.span.text
        candidate.field_quotes["platform"] = _clause_of(sentence, platform.start)
        if cues:
            candidate.status = max((cue.status for cue in cues), key=STAGE.__getitem__)
            candidate.field_quotes["status"] = _clause_of(sentence, cues[-1].start)
            candidate.offered = candidate.status == "proposed" and all(
                _OFFER_CUE.match(cue.text)
                # not "The Philippine Navy is studying an offer from Japan": the buyer acts
                and not _OFFER_WEIGHED.search(sentence.before(cue.start))
                for cue in cues
                if cue.status == "proposed"
            )
        if candidate.status in ("proposed", "negotiating") and _RIVAL_TALKS.search(
            sentence.span.text
        ):
            continue  # talks with rival makers over rival types: a choice still open
        if (
            candidate.status == "proposed"
            and (
                _CONTENDERS.search(sentence.span.text)
                or _BEFORE_CHOOSING.search(text[platform.end : sentence.span.end])
            )
        ) or _TOOK_PART.search(text[platform.end : sentence.span.end]):
            continue  # a contender, or an offer weighed before another's choice
        if _UNCONFIRMED.search(sentence.span.text):
            continue  # "claimed that Russia would supply Su-35 fighters ..., but neither
            # Moscow nor Beijing has confirmed any sale": a claim denied, no deal
        if _OUTPUT_OF_THE_YEAR.search(sentence.span.text) and not any(
            m.entry.kind == "state" and m.start >= sentence.dateline for m in sentence.mentions
        ):
            continue  # a maker's output of the year, to no buyer named: no deal
        _roles(candidate, sentence, platforms, platform, cues)
        _not_cancelled_for_it(candidate, sentence, cues)
        _quantity(candidate, sentence, platforms, platform, text)
        if cues or not _service_of(sentence, platform):
            # (not "won a five-year extension, worth $180 million, to refit and repair the
            # Guardian-class fleet": a service's price, to be said of no sale of the type)
            _value(candidate, sentence, platforms, platform)
        _date(candidate, sentence, cues)
        _maker(candidate, sentence, platform)
        for part in _split_by_condition(candidate, sentence):
            for sold in _split_by_seller(part, sentence, platform):
                candidates.extend(_split_by_buyer(sold, sentence))
        candidates.extend(_another_from(candidate, sentence, platform, platforms))
        candidates.extend(_more_later(candidate, sentence, platform, platforms))
    made_from += [len(candidates), len(candidates)]
    for position in borrowed:
        sources = candidates[made_from[position + 1] : made_from[position + 2]]
        for candidate in candidates[made_from[position] : made_from[position + 1]]:
            if sources:
                _same_roles(candidate, sources[0])
    for position in range(1, len(platforms)):
        # "the first 20 of 60 Fahd armoured personnel carriers Egypt has agreed to supply
        # ..., along with dozens of ZU-23-2 anti-aircraft guns": the same parties'
        sources = candidates[made_from[position - 1] : made_from[position]]
        if sources and _joined_on(sentence, platforms[position - 1], platforms[position]):
            for candidate in candidates[made_from[position] : made_from[position + 1]]:
                _same_roles(candidate, sources[0])
    _mark_breakdowns(candidates)
    if _PARTS_OF_THE_DEAL.search(sentence.span.text):
        for candidate in candidates:
            candidate.breakdown = True  # "The contract ... covers 117 tanks to be built ..."
    return candidates


_JOINED_ON = re.compile(
    r",\s+(?:along with|together with|as well as|alongside)\s+(?:[\w-]+\s+){0,3}$", re.I
)


def _joined_on(sentence: Sentence, previous: Mention, platform: Mention) -> bool:
    """ "..., along with dozens of ZU-23-2 guns": an item added to the one before, in a
    sentence naming no party between them but the earlier one's own."""
    between = sentence.between(previous.end, platform.start)
    if not _JOINED_ON.search(between):
        return False
    comma = between.rfind(",")
    return not any(
        m.entry.kind == "state" and previous.end + comma <= m.start < platform.start
        for m in sentence.mentions
    )


# A sentence telling what a deal already reported is made of.
_PARTS_OF_THE_DEAL = re.compile(
    r"\b(?:The|the|This|this)\s+(?:\w+\s+)?(?:contract|deal|order|agreement|package)\b"
    r"[^.;]{0,40}\b(?:covers|includes|comprises|consists of)\b"
    r"|^It\s+(?:also\s+)?(?:covers|includes|comprises)\b"
)


def _mark_breakdowns(candidates: list[Candidate]) -> None:
    """ "72 M1126 Stryker infantry carrier vehicles and 18 Strykers in other
    configurations": one type counted in parts of one condition, in one sentence, is a
    breakdown of an order, not orders of their own."""
    by_family: dict[tuple[str, bool | None], list[Candidate]] = {}
    # (not "the 13 CH-149 Cormorants in service will receive a mid-life upgrade, and Canada
    # will buy three additional AW101": a fleet serviced is no part of the order)
    for candidate in (c for c in candidates if c.governed):
        by_family.setdefault((candidate.family, candidate.second_hand), []).append(candidate)
    for parts in by_family.values():
        counts = {part.quantity for part in parts}
        if len(parts) >= 2 and len(counts) == len(parts):
            for part in parts:
                part.breakdown = True


def _split_by_seller(
    candidate: Candidate, sentence: Sentence, platform: Mention
) -> list[Candidate]:
    """ "12 used Typhoons each from Qatar and Oman": a deal with each seller; the number
    is each one's only when the text says "each"."""
    if not candidate.other_sellers:
        return [candidate]
    each = re.search(r"\beach\b|\brespectively\b", _clause_of(sentence, platform.start))
    parts = [candidate]
    for entry in candidate.other_sellers:
        part = replace(candidate, field_quotes=dict(candidate.field_quotes), other_sellers=[])
        _set_seller(part, entry, said=True)
        parts.append(part)
    for part in parts:
        part.other_sellers = []
        if not each:
            part.quantity = None
            part.field_quotes.pop("quantity", None)
    return parts


# "12 second-hand Typhoons from Qatar and another 12 from Oman"
_ANOTHER_FROM = re.compile(
    r"\s+and\s+(?:another|a further|an additional|a second)?\s*(?P<n>[\w-]+)\s+"
    r"(?:more\s+)?from\s+(?:the\s+)?$"
)


# "bought 16 MiG-29K ... in 2004 ..., and signed for 29 more in March 2010 in a deal
# estimated at $1.5 billion": a later order of the same type, its name left out
_MORE_LATER = re.compile(
    r",?\s+and\s+(?:then\s+|later\s+)?(?:signed|ordered|bought|contracted|purchased|acquired)"
    r"\s+(?:for\s+)?(?:another\s+)?(?P<n>[\w-]+)\s+more\b[^;]*",
    re.IGNORECASE,
)


def _more_later(
    candidate: Candidate, sentence: Sentence, platform: Mention, platforms: list[Mention]
) -> list[Candidate]:
    """The same platform ordered again later in its sentence, its name left out: "India
    bought 16 MiG-29K fighters in 2004 ..., and signed for 29 more in March 2010"."""
    later = [p for p in platforms if p.start > platform.end]
    limit = later[0].start if later else sentence.span.end
    rest = sentence.between(platform.end, limit)
    more = _MORE_LATER.search(rest)
    number = parse_number(more["n"]) if more else None
    if more is None or number is None:
        return []
    start = platform.end + more.start()
    end = platform.end + more.end()
    part = replace(candidate, field_quotes=dict(candidate.field_quotes), quantity=number,
                   more=True, status="signed", value=None, currency=None, date=None)  # fmt: skip
    part.field_quotes.pop("value", None)
    part.field_quotes["quantity"] = _clause_of(sentence, start)
    money = [m for m in sentence.money if start <= m.start < end]
    if money:
        part.value, part.currency = money[0].amount, money[0].currency
        part.field_quotes["value"] = _clause_of(sentence, money[0].start)
    dates = [d for d in sentence.dates if start <= d.start < end]
    if dates:
        part.date = dates[0].value
    if candidate.value is not None and money and candidate.value == money[0].amount:
        candidate.value = candidate.currency = None  # the later order's sum, not this one's
        candidate.field_quotes.pop("value", None)
    return [part]


def _another_from(
    candidate: Candidate, sentence: Sentence, platform: Mention, platforms: list[Mention]
) -> list[Candidate]:
    """The same platform counted again from another seller after "and", its name left
    out: "12 second-hand Typhoons from Qatar and another 12 from Oman"."""
    later = [p for p in platforms if p.start > platform.end]
    limit = later[0].start if later else sentence.span.end
    found = []
    for mention in sentence.mentions:
        if mention.entry.kind != "state" or not platform.end < mention.start < limit:
            continue
        before = sentence.between(platform.end, mention.start)
        elided = _ANOTHER_FROM.search(before)
        number = parse_number(elided["n"]) if elided else None
        if number is None or mention.entry.iso3 in (candidate.seller_iso3, candidate.buyer_iso3):
            continue
        part = replace(candidate, field_quotes=dict(candidate.field_quotes), quantity=number)
        _set_seller(part, mention.entry, said=True)
        part.field_quotes["seller"] = part.field_quotes["quantity"] = _clause_of(
            sentence, mention.start
        )
        found.append(part)
    return found


_JOINT = re.compile(r"\b(?:joint(?:ly)?|together|both)\b", re.IGNORECASE)


def _split_by_buyer(candidate: Candidate, sentence: Sentence) -> list[Candidate]:
    """ "The Netherlands and Austria jointly ordered nine aircraft - five for the Dutch and
    four for the Austrians": a deal for each buyer, of its share where the text gives one
    (here or in the next sentence: "The Netherlands will take five and Austria four").
    Only a joint order or one with shares is split: "Turkey and Qatar agreed ..." may be
    the two sides of one deal."""
    if not candidate.other_buyers:
        return [candidate]
    buyers = [candidate.buyer_iso3, *(entry.iso3 for entry in candidate.other_buyers)]
    shares = _shares(sentence, [iso3 for iso3 in buyers if iso3])
    if not (shares or _JOINT.search(sentence.span.text)):
        candidate.other_buyers = []
        return [candidate]
    parts = [candidate]
    for entry in candidate.other_buyers:
        part = replace(candidate, field_quotes=dict(candidate.field_quotes))
        part.buyer, part.buyer_iso3 = entry.name, entry.iso3
        parts.append(part)
    for part in parts:
        part.other_buyers = []
        part.joint = True
        part.quantity = None
        part.field_quotes.pop("quantity", None)
    _give_shares(parts, shares)
    return parts


@dataclass(frozen=True)
class _Share:
    """One joint buyer's part of the order: its count, and its money where said."""

    quantity: int
    quote: str
    money: Money | None = None


def _give_shares(parts: list[Candidate], shares: dict[str, _Share]) -> None:
    for part in parts:
        share = shares.get(part.buyer_iso3 or "")
        if part.joint and share is not None:
            part.quantity, part.field_quotes["quantity"] = share.quantity, share.quote
            if share.money is not None:  # its own price, not the joint order's total
                part.value, part.currency = share.money.amount, share.money.currency
                part.field_quotes["value"] = share.quote
            part.joint = False


# "five for the Dutch", "four aircraft to the Royal Netherlands Air Force"
_SHARE_BEFORE = re.compile(
    r"\b([\w-]+)\s+(?:([a-z]+)\s+)?(?:for|to)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?$"
)
# "the Netherlands will take five", "and Austria four"
_SHARE_AFTER = re.compile(
    r"^\s+(?:(?:will|is\s+to|would)\s+)?(?:(?:take|takes|get|gets|receive|receives)\s+)?"
    r"([\w-]+)\b"
)


# "(will receive) 20 firing units for EUR 84 million", "16 for": a share's own price
_SHARE_PRICE = re.compile(
    r"^\s*(?:(?:will\s+|is\s+to\s+)?(?:take|get|receive)s?\s+)?"
    r"[\w-]+(?:\s+[a-z]+){0,3}\s+(?:for|worth|at|costing)\s+$"
)


def _share_money(sentence: Sentence, mention: Mention, iso3s: list[str]) -> Money | None:
    """The money said right after a joint buyer's count, before the next buyer's name."""
    later = [
        m.start
        for m in sentence.mentions
        if m.entry.kind == "state" and m.entry.iso3 in iso3s and m.start > mention.end
    ]
    limit = min(later, default=sentence.span.end)
    for money in sentence.money:
        if mention.end < money.start < limit:
            return money if _SHARE_PRICE.match(sentence.between(mention.end, money.start)) else None
    return None


def _shares(sentence: Sentence, iso3s: list[str]) -> dict[str, _Share]:
    """Each of the joint buyers' counts, when the sentence gives every one of them."""
    text, start = sentence.span.text, sentence.span.start
    found: dict[str, _Share] = {}
    for mention in sentence.mentions:
        iso3 = mention.entry.iso3
        if mention.entry.kind != "state" or iso3 not in iso3s or iso3 in found:
            continue
        before = _SHARE_BEFORE.search(text[: mention.start - start])
        after = _SHARE_AFTER.match(text[mention.end - start :])
        said = [word for match in (before, after) if match for word in match.groups() if word]
        numbers = [parse_number(word) for word in said if not looks_like_year(word)]
        number = next((n for n in numbers if n is not None), None)
        if number is not None:
            found[iso3] = _Share(
                number, _clause_of(sentence, mention.start), _share_money(sentence, mention, iso3s)
            )
    return found if len(found) == len(set(iso3s)) and len(found) >= 2 else {}


def _governing(
    sentence: Sentence,
    platforms: list[Mention],
    position: int,
    governed: list[list[Cue]] | None = None,
) -> list[Cue]:
    """The cues said of this platform. The strong ones in its clause before it (the
    latest stage wins: "scrapped plans to buy" is a cancellation); without one, those of
    the platform before it in a list ("ordered 96 Apaches and 250 Abrams"); else the
    first strong cue after it; weak cues ("the purchase of") only where no strong one
    is. Also a last-stage cue (delivered, cancelled) later in the sentence with no
    platform after it ("..., confirming the completion of all deliveries")."""
    platform = platforms[position]  # `governed`: the cues of the platforms before it
    clause = _clause_span(sentence, platform.start)
    previous = platforms[position - 1] if position else None
    # the next platform bought ends what is said of this one; a fleet it replaces does not
    bought_next = [p for p in platforms[position + 1 :] if not _replaced(sentence, p)]
    after_limit = min(clause.end, bought_next[0].start if bought_next else sentence.span.end)
    chosen: list[Cue] = []
    for strong in (True, False):
        kind = [cue for cue in sentence.cues if cue.strong is strong]
        floor = max(clause.start, previous.end if previous else clause.start)
        before = [
            cue
            for cue in kind
            if floor <= cue.start
            # (or around it: "starts Akıncı deliveries")
            and (
                cue.end <= platform.start
                or (cue.status == "delivering" and cue.start < platform.start < cue.end)
            )
            # (not a headline's verb before another's: "orders 42 Rafale jets, drops Russian
            # Su-35 plan")
            and not _ANOTHER_VERB_PHRASE.search(sentence.between(cue.end, platform.start))
            and not _participle_of(sentence, previous, cue)
        ]
        if (
            not before
            and previous is not None
            and _listed(sentence, previous, platform)
            and not _ANOTHER_VERB_PHRASE.search(sentence.between(previous.end, platform.start))
        ):
            earlier = governed[position - 1] if governed else []
            before = [cue for cue in earlier if cue.strong is strong]
        if not before:
            # "The package ... comprises 16 DANA M2 ..., 20 BVP-1 ... and 20 T-72B tanks":
            # every item the package lists
            before = [
                cue
                for cue in kind
                if cue.start == sentence.span.start and _THE_PACKAGE.match(cue.text)
            ]
        if not before and previous is None:
            # the cue of an earlier clause, unless that clause is "but"'s other story
            before = [
                cue
                for cue in kind
                if cue.end <= platform.start and not _contrasted(sentence, cue.end, clause)
            ][-1:]
        # not "evaluated the A400M and the C-130J before selecting the C-390": another act
        after = [
            cue
            for cue in kind
            if platform.end <= cue.start < after_limit
            and not _of_the_replaced(sentence, platforms[position + 1 :], cue)
            and not re.search(
                r"\b(?:before|after)\s+$",
                sentence.before(cue.start),
                re.IGNORECASE,
            )
            and not _another_state_s_act(sentence, platform, cue)
        ]
        after = after if strong else after[:1]
        # "will buy 54 K9 ... under a contract signed on Tuesday": the later word counts too.
        # ...unless it is the verb of a platform after it ("exclusion from the F-35").
        later = platforms[position + 1 :]
        if (
            before
            and after
            and any(p.start < clause.end and p.start > after[0].start for p in later)
        ):
            # ... but "24 K9 howitzers from South Korea, all of which were handed over by
            # 2020, and in 2023 it ordered 54 Leopard 2A8": its own relative clause's
            after = [cue for cue in after if _participle_of(sentence, platform, cue)
                     and "which" in sentence.between(platform.end, cue.start)]  # fmt: skip
        chosen = before + after if strong else before or after
        if chosen:
            break
    # the last platform bought ("chosen 16 Rafales to replace its Kfir fleet, but
    # negotiations ... collapsed": the Kfir replaced is no later one)
    if not bought_next:
        chosen += [
            cue
            for cue in sentence.cues
            if cue.start >= platform.end
            and cue.strong
            and STAGE[cue.status] >= STAGE["delivering"]
            and cue not in chosen
            # not "will replace the ... PLZ-45 howitzers, 27 of which were delivered in the
            # late 1990s": the replaced fleet's own story
            and not _of_the_replaced(sentence, platforms[position + 1 :], cue)
        ]
    if (
        _service_of(sentence, platform) or _after_a_rival(sentence, previous, platform)
    ) and not _bought_which(sentence, platform):
        return []
    if _offered_beside_a_choice(sentence, chosen, previous):
        return []
    return chosen


# ", as Ottawa also signed", ", while Croatia has signed": another clause's subject
_ANOTHER_SUBJECT = re.compile(
    r",\s+(?:as|while|whereas|whilst)\s+(?:[\w'’.-]+\s+){1,4}$", re.IGNORECASE
)


def _another_state_s_act(sentence: Sentence, platform: Mention, cue: Cue) -> bool:
    """ "approved the sale of 26 HIMARS rocket launchers to Canada, ..., as Ottawa also
    signed its first-ever deal for South Korean artillery shells": a verb after the platform
    whose subject is a state opening another clause is that clause's act."""
    opened = _ANOTHER_SUBJECT.search(sentence.between(platform.end, cue.start))
    if opened is None:
        return False
    start = platform.end + opened.start()
    return any(
        m.entry.kind == "state" and start < m.start and m.end <= cue.start
        for m in sentence.mentions
    )


_ANOTHER_VERB_PHRASE = re.compile(r",\s+(?!(?:as|its|has|was|is|this|thus|plus)\b)[a-z]{3,}s\s")


def _same_roles(candidate: Candidate, source: Candidate) -> None:
    """The parties (and the sum) of the listed platform whose participle it shares: one sum
    for both is the package's (see _shared_prices)."""
    if candidate.value is None and source.value is not None:
        candidate.value, candidate.currency = source.value, source.currency
        candidate.field_quotes["value"] = source.field_quotes.get("value", source.quote)
    candidate.buyer, candidate.buyer_iso3, candidate.buyer_said = (
        source.buyer,
        source.buyer_iso3,
        source.buyer_said,
    )
    candidate.seller, candidate.seller_iso3, candidate.seller_said = (
        source.seller,
        source.seller_iso3,
        source.seller_said,
    )
    for name in ("buyer", "seller"):
        if name in source.field_quotes:
            candidate.field_quotes[name] = source.field_quotes[name]
        else:
            candidate.field_quotes.pop(name, None)


def _list_s_participle(sentence: Sentence, platform: Mention, following: Mention) -> list[Cue]:
    """ "Oman already operates 12 Typhoons and eight Hawk Mk166 advanced trainers delivered
    by BAE Systems": a participle right after a list of two is said of both."""
    between = sentence.between(platform.end, following.start)
    if not re.fullmatch(r"\s+and\s+(?:[\w-]+\s+)?", between):
        return []
    if _service_of(sentence, following):
        return []  # "Gripen and Su-35 were all offered during an RFI": rivals, both
    return [
        cue
        for cue in sentence.cues
        if cue.strong
        and cue.text.lower().endswith("ed")
        and following.end <= cue.start
        and re.fullmatch(
            r"(?:\s+[\w-]+){0,3}\s+",
            sentence.between(following.end, cue.start),
        )
    ][:1]


_CHOSEN = re.compile(r"\b(?:chosen|selected|picked|preferred)\b", re.IGNORECASE)


def _offered_beside_a_choice(sentence: Sentence, cues: list[Cue], previous: Mention | None) -> bool:
    """ "The Apache was chosen under the Kruk programme, in which Bell offered the AH-1Z
    Viper": a type only offered, after another's choice in the same sentence, lost."""
    if previous is None or not cues:
        return False
    last = max(cues, key=lambda c: c.start)
    return (
        last.side == "seller"
        and last.status == "proposed"
        and any(_CHOSEN.fullmatch(c.text) and c.start < last.start for c in sentence.cues)
    )


# ", 220 of which Brazil bought": a relative clause right after a platform.
_WHICH_AFTER = re.compile(
    # ("PLZ-45 155-millimeter self-propelled howitzers, 27 of which": a size, a noun)
    r"^(?:\s+(?:[a-z][\w-]*|\d[\d.,]*-[a-z][\w-]*)){0,3}(?:,\s+(?:(?P<n>[\w,-]+)\s+of\s+)?"
    r"(?:which|that)"
    # "alongside the IRIS-T SLM that Latvia ordered from Germany": a restrictive clause
    r"|\s+that(?=\s+(?-i:[A-Z])))\b",
)


def _which_clause(sentence: Sentence, platform: Mention) -> tuple[re.Match[str], Span] | None:
    """The relative clause right after a platform (", 220 of which Brazil bought
    second-hand from Germany in 2006"), to its next comma."""
    after = sentence.after(platform.end)
    match = _WHICH_AFTER.match(after)
    if match is None:
        return None
    rest = after[match.end() :]
    size = rest.find(",") if "," in rest else len(rest)
    start = platform.end + match.end()
    return match, Span(start, start + size, rest[:size])


def _bought_which(sentence: Sentence, platform: Mention) -> bool:
    """ "alongside the Leopard 1A5BR tanks, 220 of which Brazil bought second-hand": the
    type an old one serves beside, and a purchase of it in the same breath."""
    which = _which_clause(sentence, platform)
    return which is not None and any(
        cue.strong
        # ", both of which had been offered": rivals still (but ", 27 of which were
        # delivered in the late 1990s": handed over)
        and (cue.side != "seller" or STAGE[cue.status] >= STAGE["delivering"])
        and STAGE[cue.status] >= STAGE["signed"]
        and which[1].start <= cue.start < which[1].end
        for cue in sentence.cues
    )


def _participle_of(sentence: Sentence, previous: Mention | None, cue: Cue) -> bool:
    """ "16 Yak-130 combat trainers delivered by Russia, and ... talks on 20 J-10CE": a
    participle right after the platform before is that platform's. Not a perfect tense's verb:
    "three Anka-S drones and has ordered two Aksungur" is a new act ("was selected" is
    still the platform's)."""
    if previous is None:
        return False
    between = sentence.between(previous.end, cue.start)
    if re.search(r",\s+(?:all|most|some|none|each|both|\w+)\s+of\s+which\b[^,;]*$", between):
        return True  # "24 K9 howitzers from South Korea, all of which were handed over"
    if not cue.text.lower().endswith("ed"):
        return False
    # "The rival MEKO A-200, offered by Germany's TKMS": an appositive participle too
    return (
        bool(re.fullmatch(r",?[\w\s-]{0,30}", between))
        and not _PERFECT_LAST.search(between)
        # not "Besides the BVP-1s, the previous government handed Kyiv ...": a subject
        and not re.match(r",\s+(?:the|a|an|its|their)\s+\w+", between, re.IGNORECASE)
    )


_PERFECT_LAST = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _contrasted(sentence: Sentence, offset: int, clause: Span) -> bool:
    """Whether a clause opens with "but", "while" or the like after `offset`: "The
    cancellation is a blow to Elbit, but PULS continues to sell elsewhere"."""
    opening = sentence.after(clause.start)[:12].lower()
    return offset <= clause.start and bool(
        re.match(r"^[\s,]*(?:but|while|whereas|although|though)\b", opening)
    )


def _after_a_rival(sentence: Sentence, previous: Mention | None, platform: Mention) -> bool:
    """ "had also considered the JF-17 offered by China and Pakistan, as well as India's
    Tejas": the next in a list of rivals is one too."""
    if previous is None or not _service_of(sentence, previous):
        return False
    between = sentence.between(previous.end, platform.start)
    return len(between.split()) <= 10 and bool(_LIST_GOES_ON.search(between))


_LIST_GOES_ON = re.compile(
    # "... on Saab's Gripen E and Korea Aerospace Industries' FA-50": a maker's name first
    r"(?:,\s*|\s)(?:as well as|and|or|and also)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}[\w-]+(?:'s|’s|'|’)\s+"
    # "Saab had offered its Gripen E and Lockheed Martin the F-16": the verb left out
    r"|(?:[A-Z][\w-]*\s+){1,3}(?:the|its)\s+)?$"
)


def _listed(sentence: Sentence, previous: Mention, platform: Mention) -> bool:
    """Two platforms in one list: "96 AH-64E Apache helicopters and 250 M1A2 Abrams"."""
    between = sentence.between(previous.end, platform.start)
    if len(between.split()) <= 15 and re.search(r",?\s+and\s+(?:with|from)\b", between):
        return True  # "negotiations with France for 26 Rafale-M ..., and with Mazagon Dock for"
    if len(between.split()) <= 40 and re.search(
        r",\s+and\s+(?:an?|another)\s+[^,;]{0,60}?\b(?:contract|deal|order|agreement)\b"
        r"[^,;]{0,80}?\bfor\s+(?:[\w,-]+\s+)?$",
        between,
    ):
        return True  # "a Dh541 million contract with Saab for Carl-Gustaf M4 ..., and a
        # Dh386 million deal with Germany's Rheinmetall for 20 Skyranger 30": the same verb's
    opening = sentence.before(previous.start)
    if ";" in between and ":" in opening and len(between.split()) <= 15:
        return True  # "selected three systems: Norway's NASAMS ...; Germany's IRIS-T SLM"
    # "took delivery of 12 A-29 ... in 2021 and three JF-17": with or without a comma
    counted = re.search(r"(?:,\s+|\s)(?:and|plus)\s+(?P<n>[\w,-]+)\s+$", between)
    if (
        counted
        and parse_number(counted["n"]) is not None
        and len(between.split()) <= 25
        and not any(previous.end <= c.start < platform.start for c in sentence.cues)
    ):
        return True  # "received 12 A-29 ... under a $593 million sale, and three JF-17"
    joined = re.search(r",\s*(?:as well as|along with|together with|plus)\s+[^,;]{0,50}$", between)
    if (
        joined
        and len(between.split()) <= 25
        and not any(previous.end <= c.start < platform.start for c in sentence.cues)
    ):
        return True  # "three Su-25s from Georgia, which had served ..., as well as an
        # undisclosed number of CH-4 armed drones from China"
    return len(between.split()) <= 6 and bool(
        re.search(r"\band\b|,|\bplus\b|\bas well as\b", between)
    )


def _said_of_the_list(
    sentence: Sentence, platforms: list[Mention], platform: Mention, mention: Mention
) -> bool:
    """ "to supply 54 K9 howitzers and 36 K10 vehicles to Romania": a party after a list
    of platforms is of every platform in it."""
    after = [p for p in platforms if platform.start <= p.start and p.end <= mention.start]
    if len(after) < 2 or after[0] is not platform:
        return False
    if (
        mention.entry.kind == "state"
        and platform.entry.iso3 not in (None, mention.entry.iso3)
        and after[-1].entry.iso3 == mention.entry.iso3
    ):
        # "22 Hawk Mk165 advanced jet trainers and 55 Pilatus PC-21 turboprop trainers from
        # Switzerland": the maker's state of the last one, not of a type made elsewhere
        return False
    if any(
        m.entry.kind == "state" and m is not mention and platform.end <= m.start < after[-1].start
        for m in sentence.mentions
    ):
        # "inks Bayraktar TB2 deal with Mongolia, starts Akıncı deliveries to Uzbekistan":
        # the first has its own party
        return False
    return all(_listed(sentence, one, other) for one, other in pairwise(after))


_SERVICE = re.compile(
    # not "to build four Gowind corvettes and modernise the navy's frigates": another act
    r"^\s*(?:(?!(?:and|or|but|while|then)\s)[\w-]+\s+)?"
    r"(?:upgrades?|modernis|moderniz|maintenance|spare parts|"
    # (not "12 KT-1 basic training aircraft", "two support ships": what the type is)
    # ... nor "two Yak-130 training and light attack aircraft")
    r"sustainment|overhaul|(?:support|training)(?!\s+(?:(?:and|or)\s+(?:[\w-]+\s+){1,2})?"
    r"(?:aircraft|jets?|planes?|helicopters?|"
    r"ships?|vessels?|variants?|versions?|craft)\b)|production line|dispute|saga|"
    r"row|issue|standoff|controversy|crisis|affair|question|partner|consortium|workshare"
    # "Chinese drones, J-10CE fighter shine at Dubai Airshow": a type shown, no sale
    r"|(?:shines?|shone|debuts?|debuted|making\s+its\s+debut|made\s+its\s+debut|on\s+display|"
    r"on\s+show|showcased)\s+(?:at|in|during)\b"
    # "An Indian Air Force C-17 Globemaster carrying the missiles ... landed": the carrier
    r"|carrying|transporting|ferrying"
    # "an F-16 Block 52+ of the 340 Squadron, was handed over": a unit's own, back from work
    r"|of\s+(?:the\s+)?(?:\d+\w*|(?-i:[A-Z]\w+))\s+(?:Squadron|Wing|Regiment|Brigade|Flotilla)\b"
    # "the four Papanikolis-class submarines will receive new sonar and batteries"
    # ... "the two Tridente-class submarines are due to start a mid-life upgrade"
    r"|(?:\w+\s+){0,2}(?:will|would|are to|is to|to)\s+(?:also\s+)?(?:receive|get|be fitted with|"
    r"be equipped with|undergo|start|begin|enter)\s+(?:a\s+|an\s+)?(?:new|upgraded|modern|"
    r"improved|updated|"
    r"mid-life|life-extension|upgrades?"
    # "the RMAF's eight F/A-18D Hornets are to receive a radar and avionics upgrade"
    r"|(?:[\w-]+\s+(?:and\s+)?){1,3}(?:upgrades?|moderni[sz]ation|overhaul|refit|retrofit)\b))",
    re.IGNORECASE,
)


# A version's code: "C-130J-30", "FGM-148F", "M1A2".
_CODE_WORD = re.compile(r"[A-Z][A-Z0-9/+-]*\d[A-Z0-9/+-]*")
_REPLACED = re.compile(
    r"\b(?:replac\w*|retir(?:e|es|ing|ement of)\b|(?:has|have|had|was|were|been)\s+retired|"
    r"succeed\w*|phas\w* out|in place of|instead of|rather than|"
    r"alongside|compet\w*|rival\w*|beat\w*|in favou?r of|newer|successor to|"
    r"switch\w* to|transition\w* to|"
    # "faced with the delays of the Airbus A400M, the ministry signed for four C-130J": the
    # type whose troubles moved the purchase
    r"(?:delays?|problems?|troubles|difficulties|shortcomings|failures?)\s+(?:of|with|in)|"
    # "trainers ... to prepare pilots for the Su-30MK2 fighters based at Entebbe": the fleet
    # the trainees will fly
    r"(?:prepar|train|qualif|convert)\w*\s+(?:\w+\s+)?(?:pilots|crews|aircrews?)\s+for|"
    # "The CV90 beat General Dynamics' ASCOD and Rheinmetall's Lynx"
    r"(?:beat|beats|outbid|outbidding|defeated)\b(?:\s+\S+){0,8}?|"
    # "the jets have since taken over much of the patrol work from the aging P-3C Orion
    # fleet": the fleet the new type relieves
    r"(?:take|takes|took|taken|taking)\s+over\b(?:\s+[\w-]+){0,5}?\s+from|"
    # "spare parts ... to sustain its AH-64 Apache fleet": a service to a fleet it has
    # "contracted to support the RAAF's 10 C-27J Spartan": a service to a fleet it has
    # "considering modernizing the older F-16 Block 50s": work on jets it has
    # "a 2.2 billion-krona support and maintenance contract covering the Brazilian Air
    # Force's Gripen fleet": a service to a fleet it has
    r"(?:support|maintenance|sustainment|servicing)\s+(?:and\s+[\w-]+\s+)?(?:contract|deal"
    r"|agreement|package)\s+(?:covering|for)\s+(?:the|its|their)|"
    # "a support contract ... to maintain that country's fleet of K9 Vidar howitzers"
    r"(?:sustain|maintain|upgrad|moderni[sz]|overhaul)\w*\s+(?:its|their|the|that|this)|"
    r"(?:refurbish\w*|keep(?:s|ing)?)\s+(?:its|their)|"
    r"(?:contracted|hired|engaged)\s+to\s+(?:support|sustain|maintain|service)\s+"
    r"(?:the|its|their)(?:\s+(?:[\w-]+\s+){0,2}[\w-]+(?:'s|’s))?(?:\s+\d+)?|"
    # "had also considered the JF-17", "had evaluated Boeing's Super Hornet": the ones
    # looked at before a choice (a plain "is considering" stays a proposal)
    r"(?:had|(?:evaluation|competition|contest|tender|study)\s+(?:that|which))\s+(?:also\s+)?"
    # "Chinese officials had offered it the J-10CE"
    r"(?:considered|evaluated|shortlisted|looked at|offered\s+(?:it|them)|offered|pitched|"
    r"weighed|included|proposed|"
    r"submitted|bid|lobbied(?:\s+hard)?\s+for|campaigned\s+for)"
    # "in the analysis of the options were considered also the Finnish Patria AMV"
    r"|(?:were|was)\s+(?:also\s+)?(?:considered|evaluated|examined|assessed)(?:\s+also)?)\s+"
    r"(?:the\s+|an?\s+|its\s+|their\s+|\w+-era\s+|ageing\s+|aging\s+|older\s+|old\s+|existing\s+|current\s+|remaining\s+"
    # "to replace the navy's three ex-Royal Navy Type 23 frigates"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?=ex-)"
    r"|ex-[\w-]+(?:\s+(?-i:[A-Z][\w-]*))*\s+"
    r"|fleets?\s+of\s+"  # "that country's fleet of K9 Vidar howitzers"
    r"|(?-i:[a-z]+-[a-z]+)\s+"  # "its twin-jet C-390"
    r"|(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?=(?-i:[A-Z])|$)"  # "the Finnish", "German-Dutch"
    rf"|(?-i:{_CODE_WORD.pattern})\s+"  # a version's code: "the C-130J-30 Super Hercules"
    # "the Land Forces' Romanian-built MLI-84 vehicles"
    r"|(?-i:[A-Z][a-z]+)-(?:built|made|designed|produced)\s+"
    r"|(?-i:(?:[A-Z][\w-]*\s+){0,2}[A-Z]?[\w-]+)(?:'s|’s|s'|s’)\s+)*$"  # "Lockheed Martin's"
    # "picked the German tank over South Korea's K2", "chosen over TKMS' MEKO A-200"
    # ... "Rafael's offer prevailed over MBDA's Akeron MP and the US-made Javelin"
    r"|\b(?:picked|chosen|selected|preferred|favou?red|won|wins|beat\w*|prevail\w*|"
    r"triumph\w*)\b(?:\s+\S+){0,8}?"
    r"\s+(?:over|ahead of)\s+(?:the\s+)?(?-i:[A-Z][\w.-]*(?:'s|’s|'|’)?\s+){0,3}"
    # ... and the next rival in the list: "over China's SH-15 and the Caesar"
    r"(?:[\w.-]+\s+(?:and|or)\s+(?:the\s+)?(?:(?-i:[A-Z][\w]*)-(?:made|built)\s+)?)?$",
    re.IGNORECASE,
)


_REPLACING = re.compile(
    r"\b(?:replac\w*|retir\w*|phas\w* out|succeed\w*"
    # "to cover the gap left by the grounding of the Air Force's A109 fleet"
    r"|(?:gap|shortfall|void)\s+left\s+by|grounding\s+of"
    r"|(?:prepar|train|qualif|convert)\w*\s+(?:\w+\s+)?(?:pilots|crews|aircrews?)\s+for)"
    # "will replace the army's ageing M113 and XA-186 vehicles": each of a list
    r"\s+(?:[\w'’-]+\s+){0,4}(?:(?:and|or)\s+)?$",
    re.IGNORECASE,
)


# "approved up to 7 billion soles for a new fighter programme to replace the air force's
# ageing MiG-29 and Mirage 2000 jets": whatever the sentence approves, not these
_TO_REPLACE = re.compile(
    r"\b(?:to|and)\s+replace\s+(?:(?:part|some|most|all|much)\s+of\s+)?"
    # "and replace part of an ageing fleet of M109A5 guns"
    # "to replace four Victoria-class submarines": a count of the fleet it has
    r"(?:the|its|their|an?|[\w-]+(?:'s|’s)|(?:two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|\d+))"
    r"\s+(?:[\w'’-]+\s+){0,4}(?:(?:and|or)\s+)?$",
    re.IGNORECASE,
)


def _replaced(sentence: Sentence, platform: Mention) -> bool:
    """ "chosen Sweden's Gripen E to replace its Kfir fleet": a fleet the deal replaces."""
    return _REPLACING.search(sentence.before(platform.start)[-60:]) is not None


def _of_the_replaced(sentence: Sentence, later: list[Mention], cue: Cue) -> bool:
    """ "The ASCOD would replace the 123 CVR(T) vehicles that Latvia bought second-hand":
    a cue in the replaced fleet's own relative clause is its story."""
    return any(
        other.end <= cue.start
        and _replaced(sentence, other)
        and re.search(
            r"\b(?:that|which)\b",
            sentence.between(other.end, cue.start),
        )
        for other in later
    )


def _service_of(sentence: Sentence, platform: Mention) -> bool:
    """ "negotiations over F-16 Viper upgrades", "the S-400 dispute": a service to a
    platform or a story about it, not a sale of it. "30 AS9 Huntsman howitzers, a variant
    of the K9", "has been marketing its K2": a type described or shown, not sold ("based
    on the Scorpène design" is left: it often names the type bought)."""
    before = sentence.before(platform.start)[-90:]
    return bool(
        _REPLACED.search(before)
        or (
            _A_STANDARD.match(sentence.after(platform.end)) is not None
            and re.search(r"\bto\s+(?:the|its|their)\s+$", before) is not None
        )
        or _NOT_SOLD_BEFORE.search(before)
        # "additional Joint Strike Missiles for its F-35A fleet": the fleet it arms
        or (
            re.search(r"\bfor\s+(?:its|their)\s+$", before) is not None
            and re.match(r"\s*(?:[\w-]+\s+)?fleets?\b", sentence.after(platform.end)) is not None
        )
        or _SERVICE.match(sentence.after(platform.end))
        or part_or_host(sentence, platform)
        or _its_fleet_laid_up(sentence, platform)
        or _named_as_its_fleets(sentence, platform)
        or _built_at_home(sentence, platform)
        or _RIVAL_AFTER.match(sentence.after(platform.end))
        or _makers_offers(sentence, platform)
    )


# "delivered to the CH-149 Cormorant standard": a type named as the build standard
_A_STANDARD = re.compile(r"^s?\s+(?:standard|configuration)\b")


# "the capacity ... that we lost when our Hercules were grounded": the fleet it had
_ITS_OWN_BEFORE = re.compile(r"\b(?:our|its|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_LAID_UP_AFTER = re.compile(
    r"^\s+(?:were|was|are|is|had been|have been|has been)\s+(?:\w+ly\s+)?(?:grounded|"
    r"retired|withdrawn|decommissioned|lost|mothballed|scrapped|sidelined|stood down)\b",
    re.IGNORECASE,
)


# "before converting to the front-line Rafale, F-15QA and Typhoon fleets": the fleets
# it has, named as such (each of a list)
_FLEETS_AFTER = re.compile(
    r"^(?:(?:,\s+|\s+and\s+)(?:the\s+)?(?-i:[A-Z0-9])[\w/-]*(?:\s+(?-i:[A-Z0-9])[\w/-]*)?)*"
    r"\s+fleets?\b",
    re.IGNORECASE,
)
# ... unless the fleet is passed on after ("retired its E-3D Sentry fleet in 2021, selling
# one of the jets to Chile")
_PASSED_ON = re.compile(r"\b(?:sell|sold|transferr|handed|hand over|donat|gave|gift)\w*", re.I)


# "South Korea is considering building more Aegis destroyers at home": its own yards'
_BUILDING_BEFORE = re.compile(
    r"\b(?:build|builds|building|built|produce|produces|producing|construct|constructing)\s+"
    r"(?:(?:more|new|its|their|own|additional|further|the|two|three|four|five|six)\s+){0,3}$",
    re.IGNORECASE,
)
_AT_HOME_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}(?:at home|domestically|locally|indigenously|in-country)\b",
    re.IGNORECASE,
)


def _built_at_home(sentence: Sentence, platform: Mention) -> bool:
    return (
        _BUILDING_BEFORE.search(sentence.before(platform.start)) is not None
        and _AT_HOME_AFTER.match(sentence.after(platform.end)) is not None
    )


def _named_as_its_fleets(sentence: Sentence, platform: Mention) -> bool:
    after = sentence.after(platform.end)
    fleets = _FLEETS_AFTER.match(after)
    return fleets is not None and _PASSED_ON.search(after[fleets.end() :]) is None


def _its_fleet_laid_up(sentence: Sentence, platform: Mention) -> bool:
    return (
        _ITS_OWN_BEFORE.search(sentence.before(platform.start)) is not None
        and _LAID_UP_AFTER.match(sentence.after(platform.end)) is not None
    )


# "Lockheed Martin has offered the C-130J-30 with Tata, Embraer the C-390 ..., and Airbus
# the A400M": the verb left out, each maker with its own type
_GAPPED_OFFER = re.compile(
    # "..., Italy's Leonardo the AW149": the maker after its country's possessive too
    r",\s+(?:and\s+)?(?-i:(?:[A-Z][\w-]+(?:'s|’s)\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
    r"\s+(?:its\s+|the\s+|an?\s+)"
    r"(?=(?-i:[A-Z0-9]))"
)
_OFFERED = re.compile(r"\b(?:offered|proposed|pitched|bid|submitted)\b", re.IGNORECASE)


def _makers_offers(sentence: Sentence, platform: Mention) -> bool:
    """A sentence listing several makers' offers, the verb said once: a tender's bids,
    no deal for any of them."""
    offered = _OFFERED.search(sentence.span.text)
    if offered is None or offered.start() + sentence.span.start > platform.start:
        return False
    return _GAPPED_OFFER.search(sentence.span.text, offered.end()) is not None


# "China's Wing Loong II had also been considered": a rival looked at before a choice.
_RIVAL_AFTER = re.compile(
    # "Japan's Kawasaki C-2 was also briefly considered"; "the ASCOD offered by General
    # Dynamics and the Redback proposed by Hanwha were also analysed"
    r"^(?:\s+(?:offered|proposed|pitched|made|built|developed)\s+by\s+[^.;]{0,120}?)?"
    r"\s+(?:(?:had|has|have|was|were)\s+(?:also\s+)?(?:\w+ly\s+)?been|(?:was|were)\s+also"
    r"(?:\s+\w+ly)?)\s+(?:considered|evaluated|studied|analy[sz]ed|assessed|examined|"
    r"shortlisted|weighed|in the running)\b"
    # "The Rafale, F-21, Gripen and Su-35 were all offered during an earlier request for
    # information": the field a buyer surveyed, no offer it took up
    r"|^(?:\s*,?\s+(?:(?:and|or)\s+)?(?:the\s+)?[^.;]{1,80}?)?\s+(?:were|have been|had been)\s+"
    r"all\s+(?:offered|pitched|proposed|submitted|considered|evaluated|in the running)\b"
    r"|^(?:\s*,?\s+(?:(?:and|or)\s+)?(?:the\s+)?[^.;]{1,80}?)?\s+(?:was|were|has been|have been|"
    r"had been)\s+(?:\w+\s+)?(?:offered|pitched|proposed|submitted)\b[^.;]{0,60}?"
    r"\b(?:requests? for (?:information|proposals?)|RFI|RfI|market survey)\b",
    re.IGNORECASE,
)


_NOT_SOLD_BEFORE = re.compile(
    r"\b(?:(?:a|an|the)\s+)?(?:variant|version|derivative|development|copy)\s+of\s+(?:the\s+)?$"
    # "Rostec Sees Growing Demand for Su-57E, Signs ... Deal With Turkmenistan": a market's
    r"|\bdemand\s+for\s+(?:the\s+|its\s+)?$"
    # "signed for Naval Strike Missiles to arm its Type 23 frigates": the host it has
    r"|\bto\s+(?:arm|equip|re-?arm|re-?equip)\s+(?:its|their|the\s+(?:navy|army|air\s+force)'s)\s+"
    r"(?:[\w'’-]+\s+){0,2}$"
    # "comparable to the French FREMM or the US Constellation-class": a yardstick
    r"|\b(?:comparable|similar|equivalent|akin|analogous|superior|inferior)\s+"
    r"(?:in\s+[\w\s]{1,20}?\s+)?to\s+(?:the\s+)?(?:(?-i:[A-Z][\w-]*)\s+)?$"
    # "a contract ... for spare parts, depot maintenance and engine overhauls for the
    # Uruguayan Air Force's C-130H Hercules": a service to a fleet it has
    r"|\b(?:spare parts|maintenance|overhauls?|sustainment|repairs?|upgrades?|"
    # "for continued support of the emirate's Patriot air and missile defense batteries"
    r"(?:continued|follow-on|logistics|technical|life-cycle|lifecycle|in-service) support|"
    # ... "an upgrade of the frigates' Thales APAR radar": a plural's possessive too
    # ... "programmed depot maintenance on C-130 Hercules operated by third countries"
    r"modernis\w+|moderniz\w+)\b[^.;]{0,60}?\b(?:for|of|on)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[\w-]+\s+){0,4}[\w-]+(?:'s|’s|s'|s’)\s+)?(?:\d+\s+|\d+\s?mm\s+|(?-i:[A-Z][\w-]*)\s+"
    # "for the overhaul of two Mi-8MTV helicopters", "modernization of several Su-25"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|some)\s+)?$"
    # "each Rafale sold by Dassault Aviation, for which it supplies the RBE2 radar": a part
    # of another's type
    r"|\bfor\s+which\s+(?:it|they|the\s+(?:company|group|firm))\s+(?:also\s+)?(?:supplies|"
    r"supply|provides|provide|makes|make|builds|build|delivers|deliver|produces|produce)\s+"
    r"(?:the\s+|its\s+)?$"
    # "have received presentations on Saab's Gripen E": marketing, not a delivery
    r"|\b(?:presentations?|briefings?|demonstrations?|brochures?)\s+(?:on|of|about)\s+"
    r"(?:the\s+)?(?:(?:[\w-]+\s+){0,3}[\w-]+(?:'s|’s|'|’)\s+)?$"
    # "the company showed Peruvian officers its Redback infantry fighting vehicle and the
    # Chunmoo": a type shown, not sold
    # (not "had shown interest in the Mohajer-6": a buyer's wish)
    r"|\b(?:showed|shown|displayed|exhibited|showcased|presented)\s+"
    r"(?:(?!interest\b|an\s+interest\b)[\w-]+\s+){0,3}?"
    r"(?:its|their|the)\s+(?:[\w-]+\s+(?:and|as well as)\s+(?:the|its)\s+)?$"
    # "has most of its 26 Gripen fighters grounded": part of a fleet it has ("the first of
    # its 26" is a delivery; "all of its" too often one)
    r"|\b(?:most|some|many|several|half|none|part|much)\s+of\s+(?:its|their|the\s+[\w-]+"
    r"(?:'s|’s))\s+(?:remaining\s+)?(?:[\d,]+\s+|(?:two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|\w+teen|\w+ty)\s+)?(?:remaining\s+)?$"
    # "TAI, which is already refurbishing the army's ageing Bell 212 fleet": work on a
    # fleet it has (a determiner or an owner after the verb: not "12 upgraded F-16s")
    r"|\b(?:refurbish|overhaul|upgrad|moderni[sz]|maintain|servic|repair)\w*\s+"
    r"(?:(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:[\w-]+(?:'s|’s)\s+)?"
    r"|(?:[\w-]+\s+){0,2}[\w-]+(?:'s|’s)\s+)"
    r"(?:(?:ageing|aging|old|older|existing|remaining)\s+)?(?:[\d,]+\s+)?$"
    # "Last upgraded F-16 Viper handed over": the buyer's own jets upgraded, no transfer
    # (not "its upgraded Mogami-class frigate": a version offered)
    r"|\b(?:last|first|final)\s+(?:upgraded|modernised|modernized)\s+$"
    r"|\b(?:marketing|promoting|pitching|touting|showcasing|displaying|exhibiting)\s+"
    r"(?:its\s+|their\s+|the\s+)?$"
    # "Embraer brought its C-390 Millennium transport, offered to the SAAF": a show's exhibit
    r"|\b(?:brought|showed|displayed|exhibited|showcased|unveiled)\s+(?:an?\s+)?"
    r"(?:(?:full-size|full-scale|life-size)\s+)?(?:(?:mock-?up|model)\s+of\s+)?(?:its|their)\s+$"
    # "displayed a full-scale model of the KF-21 Boramae": a model is no aircraft sold
    r"|\b(?:mock-?ups?|(?:full-size|full-scale|life-size|scale)\s+(?:models?|replicas?))\s+of\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?$"
    # "an agreement under which Czech crews will train on Slovakia's UH-60M Black Hawk
    # helicopters": the type they train on, no sale of it
    r"|\btrain(?:s|ed|ing)?\s+on\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+(?:'s|’s)\s+)?$",
    re.IGNORECASE,
)


def _clause_span(sentence: Sentence, offset: int) -> Span:
    for clause in clauses(sentence.span):
        if clause.start <= offset < clause.end:
            return clause
    return sentence.span


def _clause_of(sentence: Sentence, offset: int) -> str:
    for clause in clauses(sentence.span):
        if clause.start <= offset < clause.end:
            return clause.text.strip(" ,;—–").strip()
    return sentence.span.text


# --- who buys and who sells ------------------------------------------------------------


_SELLING_POSSESSOR = re.compile(
    r"^(?:'s|’s)?\s+(?:proposed\s+|planned\s+|earlier\s+|first\s+)?(?:sale|export|transfer|"
    r"donation|gift)s?\s+of\b"
)
# A state that stops a sale: "Washington blocked Spain's sale of twelve C-295 transports"
_BLOCKS = re.compile(
    r"^\s+(?:has\s+|had\s+|again\s+|reportedly\s+)?(?:blocked|blocks|vetoed|vetoes|barred|"
    r"bars|halted|halts|objected to|refused to (?:allow|approve|clear|license))\b",
    re.IGNORECASE,
)


def _roles(
    candidate: Candidate,
    sentence: Sentence,
    platforms: list[Mention],
    platform: Mention,
    cues: list[Cue],
) -> None:
    parties = [
        m
        for m in sentence.mentions
        if m.entry.kind in ("state", "company") and m.start >= sentence.dateline
    ]
    words = sentence.words
    buyer: Mention | None = None
    seller: Mention | None = None
    counterparties: list[Mention] = []
    subject: Mention | None = None
    buyer_by_to = False
    built_by: Mention | None = None
    recipient: Mention | None = None  # "for Ukraine", "for the Philippine Navy"
    possessor: Mention | None = None  # "Australia's 49 Abrams": its buyer, or its giver
    relative: Mention | None = None  # "tanks that Germany donated"
    offerer: Mention | None = None  # "an Italian offer": who offers, so not the subject
    # "As part of its offer, Sweden has proposed ...": an opening phrase's noun is not
    # the verb the actor comes before
    opening = _OPENING_PHRASE.match(sentence.span.text)
    said = [c for c in cues if not opening or c.start >= sentence.span.start + opening.end()]
    first_cue = said[0].start if said else cues[0].start if cues else platform.start
    clause = _clause_span(sentence, platform.start)
    delivery = any(STAGE[cue.status] >= STAGE["delivering"] and cue.status != "cancelled"
                   for cue in cues)  # fmt: skip
    seller_side = any(cue.side == "seller" for cue in cues) or any(
        cue.side == "seller" and clause.start <= cue.start < clause.end for cue in sentence.cues
    )
    candidate.selling = seller_side
    set_aside = _SET_ASIDE.match(sentence.span.text)
    blocker: Mention | None = None  # "Washington blocked Spain's sale of twelve C-295s"
    sold_by: Mention | None = None  # "Spain's sale of": the seller, said as such
    origin: Mention | None = None  # "its 43 Russian-made BMP-3s": where its own were made
    made_in: Mention | None = None  # "Czech-built Aero L-39NG": the maker's state
    for mention in parties:
        if _aside(sentence, mention, platform) or _trailing_aside(sentence, mention, platform):
            continue  # "Croatia, with which Serbia has tense relations, agreed to buy"
        if _BLOCKS.match(sentence.after(mention.end)):
            blocker = blocker or mention  # no buyer; the seller only if none other is
            continue
        if (
            seller is None
            and words[mention.last - 1].possessive
            and _SELLING_POSSESSOR.match(sentence.after(mention.end))
            # of this platform: the next one named after the sale
            and next((p for p in platforms if p.start > mention.end), None) is platform
        ):
            seller = sold_by = mention  # "Spain's sale of twelve C-295s", "Israel's export of"
            continue
        if set_aside and mention.end <= sentence.span.start + set_aside.end():
            continue  # "Besides France, Armenia has turned to India"
        if _own_forces(mention, words) and buyer is None:
            buyer = mention  # "Russia's own Aerospace Forces are set to receive 76 Su-57s"
            continue
        if (
            buyer is None
            and not seller_side
            and mention.entry.kind == "state"
            and mention.end <= platform.start
            and _GOVERNMENT_IN.search(sentence.before(mention.start))
        ):
            buyer = mention  # "The government in Skopje approved the purchase of four H145M"
            continue
        if (
            mention.entry.form == "demonym"
            and mention.first
            and words[mention.first - 1].text.lower() == "the"
            and not _adjective_of(mention, platform, words)
            and _UNIT_NOUN_NEXT.match(sentence.after(mention.end))
        ):
            continue  # "the first export order for the Korean jet": a type, not a party
        if (
            mention.first
            and words[mention.first - 1].text.lower() in ("former", "excess")
            and mention.entry.kind == "state"  # not "delivered by the former DCNS": its old name
        ):
            # "the two former Royal New Zealand Navy Lake-class vessels", "four excess U.S.
            # Army UH-60A Black Hawk helicopters": their last owner
            seller = seller or mention
            candidate.second_hand = True
            candidate.field_quotes["second_hand"] = _clause_of(sentence, mention.start)
            continue
        if _relative_subject(mention, sentence, platform):
            subject = mention  # "turned to China, which delivered FK-3 systems": its verb's
            if buyer is not None and buyer is possessor:
                # "Spain's decision contrasts with that of Germany, which signed ..."
                buyer = possessor = None
            continue
        before = [w.text.lower() for w in words[max(0, mention.first - 7) : mention.first]]
        if before[-1:] == ["former"] and mention.entry.kind == "company":
            before = before[:-1]  # "delivered by the former DCNS": the maker, by its old name
        before = before[-6:]
        # (not a type named to describe another: "28 M-55S tanks, its own upgraded version
        # of the T-55, to Ukraine" are M-55Ss sent)
        near = _nearest_platform(
            [p for p in platforms
             if p is platform or not _NOT_SOLD_BEFORE.search(sentence.before(p.start)[-90:])],
            mention,
            sentence,
        )  # fmt: skip
        preposition = _preposition(before) or _listed_preposition(sentence, mention)
        if preposition == "with" and buyer is None and _possessive_buyer(mention, words, platform):
            buyer = possessor = mention  # "equipment with the Indian Air Force's 36 Rafales"
            continue
        if (
            near is not platform
            and preposition in ("from", "to", "with")
            and not _said_of_the_list(sentence, platforms, platform, mention)
        ):
            continue  # a role said of another platform in this sentence
        if preposition == "to" and _before_preposition(before) == "according":
            continue  # "according to the Danish Defense Ministry": who says so
        if (
            preposition == "to"
            and _TURNED.intersection(before[-3:-1])
            and before[-1:] == ["to"]
            and mention.end <= platform.start
        ):
            # "has turned increasingly to Chinese equipment, including the 17 VT-4": the
            # source of what follows (not "scraps Su-35 order as Cairo turns to France")
            seller = seller or mention
            continue
        if (
            preposition == "by"
            and _platform_before(platforms, mention) not in (None, platform)
            and _chosen_for(sentence, platforms, mention) is not platform
        ):
            continue  # "the JF-17 offered by China": said of the platform it follows
        if preposition == "by" and _before_preposition(before) in _GO_BETWEEN:
            continue  # "a ring exchange brokered by the United States": who arranges it
        if preposition in ("from", "with") and _reaction_from(before, preposition):
            continue  # "backlash from Washington", "a contest with TKMS": not who sells
        if (
            preposition == "from"
            and platform.end <= mention.start
            and names_a_part_s_maker(sentence.between(platform.end, mention.start))
        ):
            continue  # "K9A1s will be powered by ... MTU engines from Germany": a part's maker
        if preposition == "from" and (
            _won_from(_words_before(sentence, mention, 14))
            or _a_maker_s_order_from(sentence, mention, before)
        ):
            buyer = buyer or mention  # "wins K9 order from Vietnam"
        elif (
            preposition == "from"
            and buyer is None
            and mention.entry.form == "service"
            and _possessive_buyer(mention, words, platform)
        ):
            # "take over the role from the TNI-AU's 16 T-50i": a force's own fleet
            buyer = possessor = mention
        elif preposition == "from" and seller is None:
            seller = mention
        elif (
            preposition in ("for", "to")
            and buyer is None
            and mention.entry.kind == "state"
            and {"package", "aid", "assistance"} & set(before[-4:])
            and any(cue.text.lower().endswith("package") for cue in cues)
        ):
            buyer = mention  # "its 18th military aid package for Ukraine, including 18 Archer"
        elif preposition == "to" and buyer is None and _given_to(before, seller_side, delivery):
            buyer, buyer_by_to = mention, True
        elif (
            preposition == "for"
            # "Black Hawk helicopters for Kenya and AN/TPQ-53 radars for Bahrain": each
            # "for" names the recipient of what comes before it, however near the next
            and (
                _platform_before(platforms, mention) is platform
                or _said_of_the_list(sentence, platforms, platform, mention)
            )
            and mention.start > platform.end
            and mention.entry.kind == "state"
            and not mention.made  # "licences for the American-made engines": whose make
            # not "50 Leopard 2A8 tanks, a move that would free up older vehicles for
            # Ukraine": another thought's beneficiary
            and not re.search(
                r",\s+(?:a|an|the)\s+\w+\s+(?:that|which)\b"
                # "four Type 212CD boats ..., alongside two for the German Navy": another count
                r"|\b(?:alongside|besides|as well as|plus|and)\s+(?:another\s+)?[\w-]+\s+for\s+"
                r"(?:the\s+)?$"
                # "... Apache helicopters to Egypt and a smaller package of laser-guided
                # rockets for Nigeria": another item's
                r"|\band\s+(?:an?|another|the)\s+(?:[\w-]+\s+){1,6}for\s+(?:the\s+)?$",
                _text_before(sentence, mention)[platform.end - sentence.span.start :],
            )
        ):
            recipient = recipient or mention  # "on order for the Philippine Navy"
        elif (
            preposition == "in"
            and (buyer is None or buyer is possessor)
            # "Colombia signed for 17 Gripens, while Argentina bought 24 F-16s; the first
            # six arrived in Buenos Aires": where another platform's units arrived
            and near is platform
            and (
                before[-2:-1] in (["arrived"], ["arriving"])
                or (delivery and before[-2:-1] in (["now"], ["is"]))
            )
        ):
            if buyer is possessor and possessor is not None and seller is None:
                seller = possessor  # "Australia's 49 retired Abrams began arriving in Ukraine"
            buyer = mention  # "arrived in Poland", "... is now in Ukraine"
        elif (
            preposition == "by"
            and _before_preposition(before) in _BOUGHT
            and buyer is None
            and _chosen_for(sentence, platforms, mention) in (None, platform)
        ):
            buyer = mention  # "ordered by the Philippines"
        elif (
            _preposition(before) == "by"  # its own "by", not one of a list it ends
            and mention.entry.kind == "state"
            and _before_preposition(before) in _SUPPLIED_BY
            and seller is not None
            and seller is built_by
        ):
            # "built by Embraer ... and supplied by the US through the Foreign Military
            # Sales programme": the supplier sells, the builder makes
            seller = mention
            candidate.built_by_seller = False
        elif preposition == "by" and _given_by(before) and seller is None:
            seller = built_by = mention  # "built by China's Hudong-Zhonghua shipyard"
            candidate.built_by_seller = True
        elif built_by is not None and _licensed_from(before, preposition):
            # "to be built by Mazagon Dock in Mumbai in collaboration with France's Naval
            # Group": made under licence, the builder's state buys, the partner's sells.
            buyer, seller = buyer or built_by, mention
        elif (
            before[-1:]
            # "to supply Yerevan with", "to supply the Philippine Air Force with"
            and (
                before[-1] in _SUPPLIED
                or (before[-1] == "the" and before[-2:-1] and before[-2] in _SUPPLIED)
            )
            and buyer is None
            # not "As part of its offer, Sweden has proposed ...": the offer's maker
            and not re.search(r"[,;:]\s*$", _text_before(sentence, mention))
        ):
            buyer = mention  # "to supply Yerevan with"
        elif (
            preposition == "with"
            and buyer is None
            and words[mention.last - 1].possessive
            and _BUYING_BODY.match(sentence.after(mention.end))
            and not _other_clause_s(sentence, mention, clause, platform)
        ):
            buyer = mention  # "a contract with Iraq's Defense Ministry": a ministry buys
        elif preposition == "with" and not _other_clause_s(sentence, mention, clause, platform):
            counterparties.append(mention)
        elif preposition == "of" and before[-2:-1] in (["expulsion"], ["exclusion"]):
            buyer = buyer or mention
        elif buyer is None and _in_clause(mention, clause) and _cleared_to_buy(mention, sentence):
            buyer = mention  # "the State Department cleared Estonia to buy six M142 HIMARS"
        elif seller is None and _offer_of(mention, words):
            seller = offerer = mention  # "an Italian offer to sell it two used FREMM frigates"
        elif (
            seller is None
            and mention.entry.kind == "state"
            and re.search(r"\bex-(?:[A-Z]\w*\s+)?$", sentence.before(mention.start))
            # not "inducts Bayraktar TB2 drones, signs for ex-South Korean Pohang-class
            # corvette": the former owner of the type it stands before
            and not (mention.start > platform.end and _before_a_later_type(sentence, mention))
        ):
            seller = mention  # "ex-South Korean Army vehicles": the former owner gives
        elif (mention.made and mention.last <= platform.first <= mention.last + 2) or _adjective_of(
            mention, platform, words
        ):
            if _owned_before(words, mention):
                origin = origin or mention  # "its 43 Russian-made BMP-3s": made there, its own
            else:
                seller = seller or mention  # "Czech-built Aero L-39NG": of the type it names
                made_in = mention
        elif (
            buyer is None
            # "Iraq's purchase follows Saudi Arabia's order for 10 batteries": the nearer
            or (buyer is possessor and mention.start < platform.start)
        ) and (
            _possessive_buyer(mention, words, platform)
            or _possessive_heading(mention, sentence, platform)
        ):
            if seller is None and _GIVEN_UP_OF.search(sentence.before(mention.start)):
                seller = mention  # "the transfer of the Royal Netherlands Navy's frigates"
                candidate.second_hand = True  # its own, passed on
                candidate.field_quotes["second_hand"] = _clause_of(sentence, mention.start)
                continue
            buyer = possessor = mention
        elif _relative_subject(mention, sentence, platform):
            subject = mention  # "the Netherlands, which ordered 20 launchers"
        elif (side_of := _object_relative(mention, sentence, platform)) is not None:
            # "14 Leopard 2A4 tanks that Germany donated": the relative clause's actor
            # (over a source named before the platform: "tanks, drawn from German industry
            # stocks, are compensation for the 30 BVP-1s that Slovakia donated to Ukraine")
            if side_of == "seller" and (seller is None or seller.end <= platform.start):
                seller = relative = mention
                if _RETIRING_AFTER.match(sentence.after(mention.end)):
                    candidate.second_hand = True
                    candidate.field_quotes["second_hand"] = _clause_of(sentence, mention.start)
            elif side_of == "buyer" and buyer is None:
                buyer = relative = mention
        elif (
            (
                subject is None
                or (_in_clause(mention, clause) and not _in_clause(subject, clause))
                or _reported_speech(before)  # "Embraer said the Netherlands ... signed"
                or _opens_relative(before, mention, platform)
            )
            and (mention.start <= first_cue or _opens_relative(before, mention, platform))
            and preposition is None
            and _acts(mention, words)
            and not _heading(sentence, mention)
            # "Turkey is becoming a supplier: the ministry signed ...": another statement
            and not re.search(
                r"[:;]",
                sentence.between(mention.end, platform.start),
            )
        ):
            subject = mention  # the platform's own clause's actor first
    if blocker is not None and blocker.entry.kind == "state":
        candidate.blocked_by = blocker.entry.iso3
        if seller is None:
            seller = blocker  # "Germany blocked the export of 48 Leopard 2 tanks to Riyadh"
    if recipient is not None and buyer is None:
        buyer = recipient
    elif (
        recipient is not None
        and buyer is not None
        and recipient.entry.iso3 != buyer.entry.iso3
        # not "clears Black Hawk sale to Kenya, counterfire radars for Bahrain": the next
        # item's recipient, after a comma
        and not (
            buyer_by_to
            and buyer.end <= recipient.start
            and "," in sentence.between(buyer.end, recipient.start)
        )
    ):
        # "the eleven ordered by Berlin for Ukraine": bought for another, given to it.
        seller = seller if seller is not None and seller.entry.iso3 != buyer.entry.iso3 else buyer
        buyer = recipient
    scene = _scene(sentence, parties)
    if (
        subject is None
        and buyer is None
        and scene is not None
        # "Denmark: more Danish F-16s have arrived": the heading's state gives them
        and (seller is None or seller.entry.iso3 != scene.entry.iso3)
    ):
        buyer = scene  # "In Finland, ... the military operates 48 K9s it bought from ..."
    partner = _partner_of(subject, sentence) if subject is not None else None
    if partner is not None and buyer is None:
        buyer = partner  # "Turkish Aerospace and Kazakhstan Engineering have signed"
    if relative is not None and subject is not None and subject.entry.iso3 != relative.entry.iso3:
        # "The Czech Army is operating 14 tanks that Germany donated": the other side
        if relative is seller and buyer is None:
            buyer = subject
        elif relative is buyer and seller is None:
            seller = subject
        subject = None
    maker_state = (
        subject is not None
        and buyer is None
        and seller is None
        and subject.entry.kind == "state"
        and subject.entry.iso3 == platform.entry.iso3
    )
    if maker_state and subject is not None:
        # "Türkiye, Indonesia sign deal for 48 KAAN fighter jets": of two states signing,
        # the maker's sells and the other buys
        other = next(
            (m for m in _also_from(sentence, subject) if m.entry.kind == "state"
             and m.entry.iso3 != subject.entry.iso3),
            None,
        )  # fmt: skip
        if other is not None:
            seller, buyer, subject = subject, other, None
    if subject is not None:
        side = _subject_side(subject, cues, sentence)
        if (side == "seller" or subject.entry.kind == "company") and seller is None:
            seller = subject  # a company acting in a deal is its maker, not its buyer
        elif (
            side == "seller"
            and seller is not None
            and seller is made_in
            and subject.entry.kind == "state"
            and subject.entry.iso3 != seller.entry.iso3
        ):
            # "Greece will send 40 Soviet-made BMP-1A1 Ost vehicles to Ukraine": the sender
            # gives its own, made elsewhere
            origin, seller = seller, subject
        elif (
            offerer is not None
            and seller is offerer
            and buyer is None
            and subject.entry.iso3 != offerer.entry.iso3
        ):
            buyer = subject  # "Athens is examining an Italian offer to sell it ..."
        elif (
            side == "buyer"
            and buyer is None
            and (
                # "Spain's sale of twelve C-295s ..., and Madrid cancelled": the seller calls off
                sold_by is None or subject.entry.iso3 != sold_by.entry.iso3
            )
        ):
            buyer = subject
        elif (
            buyer_by_to
            and buyer is not None
            and seller is None
            and subject.entry.iso3 != buyer.entry.iso3
        ):
            seller = subject  # "The Netherlands has delivered ... to Ukraine"
    if origin is not None and seller is None:
        seller = origin  # nobody else gives them: the maker's state sold them
    elif origin is not None and seller is not None and seller.entry.iso3 != origin.entry.iso3:
        # "Cyprus has agreed to transfer its 43 Russian-made BMP-3s to Ukraine": its own,
        # passed on used
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = _clause_of(sentence, origin.start)
    foreign = _likely_sellers(counterparties, buyer, platform)
    if foreign:
        if (
            seller is None
            and buyer is None
            and (
                seller_side
                or (origin is None and _a_contract_with_its_buyer(sentence, foreign[0], platform))
            )
            and foreign[0].entry.kind == "state"
            and foreign[0].entry.iso3 != platform.entry.iso3  # no state buys its own make
        ):
            buyer = foreign[0]  # "a contract with the Government of Lithuania for the sale of"
        elif seller is None and (buyer is not None or not seller_side):
            seller = foreign[0]
        elif buyer is None and seller is not None:
            # "made by General Atomics", "a contract with the US government": the seller's
            # own state is no buyer.
            buyer = next((m for m in foreign if m.entry.iso3 != seller.entry.iso3), None)
    if seller is not None and seller.entry.kind == "company":
        # "from Airbus Helicopters in Germany": the firm's works that sell, where it says
        located = next((m for m in parties if m.entry.kind == "state" and m.start > seller.end
                        and re.fullmatch(r",?\s+in\s+(?:the\s+)?",
                                         sentence.between(seller.end, m.start))), None)  # fmt: skip
        if located is not None and (buyer is None or located.entry.iso3 != buyer.entry.iso3):
            seller = located
    # (not "gave the green light for the Ministry of Defence to sign": its own buying)
    approval = any(
        cue.status == "approved"
        and not _OWN_BODY_TO_BUY.match(sentence.after(cue.end))
        and not _OWN_SPENDING.match(sentence.after(cue.end))
        and not _SPENDING_APPROVED.search(sentence.before(cue.start))
        for cue in cues
    )
    said_here = _US_NOTICE.search(sentence.span.text) is not None
    us_notice = approval and (
        said_here
        # (not "The Czech government approved the purchase of two more Airbus C295MW", in
        # a story that tells of Javelins bought through Foreign Military Sales: a state's
        # own government approving, at home)
        or (
            sentence.notice
            and not _approved_at_home(sentence, cues)
            # (nor "negotiations with Israel's Elbit Systems for three Hermes 900": its
            # maker, of another state, named)
            and not any(
                m.entry.kind == "company"
                and m.entry.iso3 not in (None, "USA")
                and m.entry.iso3 == platform.entry.iso3
                for m in sentence.mentions
            )
        )
    )
    if (
        us_notice
        and buyer is None
        and seller is not None
        and seller.entry.form == "demonym"
        and seller.entry.iso3 != "USA"
        and seller.end <= platform.start
        and not sentence.between(seller.end, platform.start).strip()
    ):
        # "State clears $4.2B in Gulf arms sales: Kuwaiti SkyGuardians, Qatari tankers": in
        # a US notice the state before the type is the one it is cleared for
        buyer, seller = seller, None
    if (
        seller is None
        and us_notice
        # (not "S. Korea ... approves more KF-21 fighters", in a story that also tells of a
        # US approval: its own make, approved at home)
        and not (buyer is not None and platform.entry.iso3 == buyer.entry.iso3)
    ):
        seller_entry: Entry | None = Entry("state", _state_name("USA"), iso3="USA")
    else:
        seller_entry = seller.entry if seller is not None else None
    if buyer is not None and buyer.entry.kind == "state":
        candidate.buyer, candidate.buyer_iso3 = buyer.entry.name, buyer.entry.iso3
        candidate.buyer_said = True
        candidate.field_quotes["buyer"] = _clause_of(sentence, buyer.start)
    elif (
        (buyer is not None and buyer_by_to)
        or _MANY_BUYERS.search(sentence.before(platform.start))
        or _MANY_BUYERS_AFTER.search(sentence.after(platform.end))
        # "Thales also benefits from each Rafale sold by Dassault Aviation": every sale
        or (
            re.search(r"\b(?:each|every|any)\s+$", sentence.before(platform.start), re.I)
            is not None
            and re.match(r"\s+(?:sold|exported|delivered|bought)\b", sentence.after(platform.end))
            is not None
        )
        or _UNNAMED_BUYER.search(sentence.span.text)
        # "a contract had been signed with the first foreign customer", no state named
        or (
            _FIRST_CUSTOMER.search(sentence.span.text) is not None
            and not any(m.entry.kind == "state" for m in sentence.mentions)
        )
    ):
        # "sold 18 of its retired F-16s to Lockheed Martin": a firm buys; "export contracts
        # with 30 countries for the TB2": many buy. No one state is to be guessed.
        candidate.no_state_buyer = True
    if seller_entry is not None:
        _set_seller(candidate, seller_entry, said=True)
        candidate.field_quotes["seller"] = _clause_of(
            sentence, seller.start if seller else cues[0].start if cues else platform.start
        )
    # "from Qatar and Oman", "Germany, the Netherlands and Denmark will deliver"; not
    # "Embraer and Sweden sign": a maker and a state are the two sides.
    candidate.other_sellers = (
        [
            m.entry
            for m in _also_from(sentence, seller)
            if buyer is None or m.entry.iso3 != buyer.entry.iso3  # "Türkiye, Indonesia sign"
        ]
        if seller and seller.entry.kind == "state"
        else []
    )
    if buyer is not None and buyer.entry.kind == "state":
        # the buyer's list: the subject's ("The Netherlands and Austria ordered nine -
        # five for the Dutch ..."), or its own ("ordered by Norway and Sweden")
        head = subject if subject is not None and subject.entry.kind == "state" else buyer
        listed = [head, *_also_from(sentence, head)]
        if buyer.entry.iso3 in {m.entry.iso3 for m in listed}:
            candidate.other_buyers = [
                m.entry
                for m in listed
                if m.entry.iso3
                not in (buyer.entry.iso3, candidate.seller_iso3, platform.entry.iso3)
            ]
    if candidate.seller is None and platform.entry.iso3:
        _set_seller(candidate, platform.entry, said=False)
    # "has agreed to sell thirteen F-5E/F Tiger IIs to the United States": a buyer named
    # by "to", like a seller by "from", is no reading to swap (used ones going home)
    _home_made_bought(
        candidate,
        platform,
        seller_by_from=(seller is not None and _said_from(sentence, seller)) or buyer_by_to,
    )


def _own_forces(mention: Mention, words: Sequence[Token]) -> bool:
    """ "Russia's own Aerospace Forces", "China's own navy": a state buying for itself."""
    return (
        mention.entry.kind == "state"
        and words[mention.last - 1].possessive
        and mention.last < len(words)
        and words[mention.last].text.lower() == "own"
    )


def _other_clause_s(sentence: Sentence, mention: Mention, clause: Span, platform: Mention) -> bool:
    """ "took delivery of Akinci drones from Turkey, and the country has deepened
    cooperation with Pakistan": a later clause with a subject of its own. "... -- and it
    is building an ammunition factory with a German partner": a later statement of the
    same subject, its own partner."""
    restated = re.search(
        r"\b(?:and|but|while|whereas)\s+(?:it|they)\s+(?:also\s+|now\s+)?"
        r"(?:is|are|was|were|has|have|had|will|would)\b",
        sentence.between(platform.end, mention.start),
    )
    if mention.start < clause.end:
        return platform.end < mention.start and restated is not None
    between = sentence.between(clause.end, mention.start)
    return (
        re.match(r"\W*(?:and|but|while|whereas)\s+(?:the|it|its|this|that|they)\b", between)
        is not None
        or restated is not None
    )


def _aside(sentence: Sentence, mention: Mention, platform: Mention) -> bool:
    """A party inside a relative aside between commas, before the platform: "Croatia,
    with which Serbia has tense relations, agreed to buy 12 Rafales"."""
    text, start = sentence.span.text, sentence.span.start
    opened = text.rfind(",", 0, mention.start - start)
    closed = text.find(",", mention.end - start)
    if opened < 0 or closed < 0 or closed + start > platform.start:
        return False
    if re.match(r",\s+(?:\w+\s+)?(?:which|whom|whose|who)\b", text[opened : mention.start - start]):
        return True
    # "In 2016, faced with the delays of the Airbus A400M, the ministry signed for four
    # C-130J": a reason the sentence opens with
    return bool(_WHY_OPENING.match(text[opened : mention.start - start]))


_WHY_OPENING = re.compile(
    r",\s+(?:faced\s+with|given|because\s+of|owing\s+to|due\s+to|amid|despite|after)\b[^,;]*$",
    re.IGNORECASE,
)


# A purpose clause after a purchase, about the fleet it makes up for
_TO_MAKE_UP_FOR = re.compile(
    r",\s+(?:in\s+order\s+)?to\s+(?:backfill|replace|replenish|restock|make\s+up\s+for"
    r"|compensate\s+for|refill)\b[^;:]*$",
    re.IGNORECASE,
)


def _trailing_aside(sentence: Sentence, mention: Mention, platform: Mention) -> bool:
    """A party inside a relative clause after the platform that tells no deal: "13 TB2
    drones from Turkey, which analysts say have been used against fighters seeking
    independence for Western Sahara" (not "..., which were delivered to Morocco")."""
    text, start = sentence.span.text, sentence.span.start
    if mention.start < platform.end:
        return False
    between = text[platform.end - start : mention.start - start]
    if _TO_MAKE_UP_FOR.search(between):
        return True  # "two more Patriot fire units, to backfill systems it sent to Kyiv"
    contrast = _CONTRAST.search(between)
    if contrast is not None and any(
        other.entry.kind == "state"
        and platform.end + contrast.start() < other.start <= mention.start
        for other in sentence.mentions
    ):
        # "Serbia has taken delivery of Chinese CM-400AKG missiles, while neighbouring
        # Croatia has signed a deal for French ... systems": the other state's clause
        return True
    opened = re.search(r",\s+(?:which|who)\b[^;:]*$", between)
    if opened is None or re.search(r",\s+(?:to|for|from)\s+(?:the\s+)?$", between):
        # not "escorts, which the JMSDF is retiring, to the Philippine Navy": closed before
        return False
    relative_start = platform.end + opened.start()
    closed = re.search(r"[,;:]", text[mention.end - start :])
    relative_end = mention.end + closed.start() if closed else sentence.span.end
    if _TRANSFER_WORD.search(text[relative_start - start : relative_end - start]):
        return False  # "..., which will be delivered to Ukraine in 2025"
    return not any(relative_start <= cue.start < relative_end for cue in sentence.cues)


_GOVERNMENT_IN = re.compile(
    r"\b(?:government|authorities|cabinet|administration|junta|leadership)\s+in\s+$",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r",\s+(?:while|whereas|whilst)\b", re.IGNORECASE)
_TRANSFER_WORD = re.compile(
    r"\b(?:deliver|transferr?|suppl|sold|sell|hand|bought|buy|order|acqui|purchas|donat|"
    r"gave|give|given|sent|send|export)\w*",
    re.IGNORECASE,
)


def _opens_relative(before: list[str], mention: Mention, platform: Mention) -> bool:
    """ "a deal, signed in September, under which Germany will buy the Arrow 3": the actor
    of a relative clause's own verb, after the noun's verb, of a platform after it."""
    return before[-1:] in (["which"], ["whereby"]) and platform.start > mention.end


_SPEECH = word_set("said says announced confirmed stated told added")
_REPORT_NOUNS = word_set("confirmation notification news reports word announcement")


def _reported_speech(before: list[str]) -> bool:
    """ "Embraer said the Netherlands": the words after a verb of saying are what is
    said, with its own subject."""
    rest = [w for w in before[-3:] if w not in ("that", "the")]
    if rest and rest[-1] in _REPORT_NOUNS and "that" in before[-3:]:
        return True  # "Embraer received confirmation that the Kenya Air Force selected"
    return bool(rest) and rest[-1] in _SPEECH


_OPENING_PHRASE = re.compile(
    r"(?:As part of|Under|In|With|After|Following|Despite|Besides|Alongside)\b[^,]{0,60},\s*"
)
# "Besides France, Armenia has turned to India": the states an opening sets aside
_SET_ASIDE = re.compile(
    r"(?:Besides|Alongside|Apart from|Aside from|Beyond|Like|Unlike|Other than|As well as)\s"
    r"[^,]{0,60},\s*"
)


def _text_before(sentence: Sentence, mention: Mention) -> str:
    return sentence.before(mention.start)


_TURNED = word_set("turned turning turns turn")
_SUPPLIED_BY = word_set("supplied sold delivered transferred provided donated given exported")
_FIRST_CUSTOMER = re.compile(
    r"\b(?:the|its)\s+first\s+(?:foreign|export|overseas)\s+(?:customer|buyer|client)\b",
    re.IGNORECASE,
)
# "to supply KUH-1 Surion helicopters to an undisclosed customer in the Middle East"
_UNNAMED_BUYER = re.compile(
    # "Consider a hypothetical partner in the Indo-Pacific that could buy four MQ-9B"
    r"\ba\s+hypothetical\s+(?:[\w-]+\s+)?(?:partner|buyer|customer|client|country|ally|state|"
    r"nation|navy|army|air\s+force)\b|"
    r"\b(?:undisclosed|unnamed|unidentified|unspecified|an? (?:foreign|export|overseas))\s+"
    r"(?:\w+\s+)?(?:customers?|buyers?|clients?|country|countries|nations?|operators?)\b"
    # "more than 340 F-35s have been delivered worldwide": the world's, no one buyer's
    r"|\b(?:worldwide|globally|around the world|across the world)\b"
    # "several foreign partners had shown interest in the Su-57E": many, none named
    r"|\b(?:several|some|many|a number of|a few|various)\s+(?:foreign\s+|overseas\s+|"
    r"potential\s+|international\s+|(?-i:[A-Z][\w-]*)\s+)?"
    r"(?:partners|customers|buyers|clients|countries|nations)\b"
    # "in talks with several Gulf air forces, without naming them"
    r"|\b(?:several|some|many|a number of|a few|various)\s+(?:[A-Z][\w-]*\s+)?"
    r"(?:air forces|navies|armies|militaries|governments)\b|\bwithout naming (?:them|it)\b"
    # "demand from European customers ... expected more PULS contracts to be signed"
    r"|\bdemand\s+from\s+(?:(?-i:[A-Z])[\w-]+\s+|foreign\s+|export\s+|overseas\s+)"
    r"(?:customers|buyers|clients|countries|armies)\b"
    # "A third country, whose name was not disclosed at the customer's request", "with a
    # country in Asia for the supply of Barak MX": a buyer the text does not name
    r"|\bwhose (?:name|identity)\s+(?:was|were|is|has|had)\s+not\s+(?:been\s+)?"
    r"(?:disclosed|named|revealed|made public)\b"
    r"|\ban? (?:country|customer|buyer|client|nation) in (?:the )?(?-i:[A-Z])"
    # "a follow-on contract with a Middle Eastern country for additional K10 vehicles"
    r"|\ban? (?:(?:Middle|Near|Far) Eastern|Gulf|Arab|Nordic|Baltic|NATO|Latin American|"
    r"(?:(?:South|Southeast|South-East|East|Central|North|West|Eastern|Western|Northern|"
    r"Southern)\s)?(?:Asian|European|African|American))\s+"
    r"(?:country|customer|buyer|client)\b",  # not "contracts with an Arab state": a kind
    re.IGNORECASE,
)
_MANY_BUYERS = re.compile(
    r"\b(?:with|to)\s+(?:more than\s+|over\s+|about\s+|some\s+)?[\w,]+\s+"
    r"(?:countries|customers|nations|states|operators|air forces|navies|armies)\b[^.;]*$",
    re.IGNORECASE,
)
# "its C-390 Millennium military transport, which has now been ordered by nine countries"
_MANY_BUYERS_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:ordered|bought|sold|exported|purchased|acquired)\s+(?:by|to)\s+"
    r"(?:more than\s+|over\s+|about\s+|some\s+|now\s+)?(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|a dozen|several|many|[\w-]+ty)\s+"
    r"(?:countries|customers|nations|states|operators|air forces|navies|armies)\b"
    # "Ankara could offer the Altay to Gulf states in the coming years": a region's many
    r"|^\s+to\s+(?:the\s+)?(?:other\s+)?(?!United\s|Federated\s)(?-i:[A-Z])[\w-]+"
    r"(?:\s+(?-i:[A-Z])[\w-]+)?\s+"
    r"(?:states|countries|nations|monarchies|customers|buyers|armies|navies|air forces)\b",
    re.IGNORECASE,
)


_AFTER_A_PREPOSITION = re.compile(r"\b(?:at|in|on|from|by|with|of|to|for)\s+(?:the\s+)?$", re.I)


def _before_a_later_type(sentence: Sentence, mention: Mention) -> bool:
    """Whether a name stands just before a type of its own ("ex-South Korean Pohang-class
    corvette"), so that it says nothing of a type named earlier in the sentence."""
    return any(
        m.entry.kind == "platform" and 0 <= m.start - mention.end < 30 for m in sentence.mentions
    )


def _partner_of(subject: Mention, sentence: Sentence) -> Mention | None:
    """A maker acting with a company of another state ("Turkish Aerospace and Kazakhstan
    Engineering have signed a contract for 30 Anka"): the partner's state buys."""
    if subject.entry.kind != "company":
        return None
    after = [m for m in sentence.mentions if m.start > subject.end]
    partner = after[0] if after else None
    if partner is None or partner.entry.kind != "company" or partner.entry.iso3 is None:
        return None
    between = sentence.between(subject.end, partner.start)
    if between.strip() != "and" or partner.entry.iso3 == subject.entry.iso3:
        return None
    if _AFTER_A_PREPOSITION.search(sentence.before(subject.start)):
        return None  # "At the Hyundai Rotem and Otokar stands, both pitched ...": a place
    return replace(partner, entry=Entry("state", _state_name(partner.entry.iso3),
                                        iso3=partner.entry.iso3))  # fmt: skip


def _heading(sentence: Sentence, mention: Mention) -> bool:
    """ "3/ 🇩🇰 Denmark: more Danish F-16s have arrived": a name heading an item, not an
    actor in it."""
    after = sentence.after(mention.end)
    before = sentence.before(mention.start)
    return after.startswith(":") and not any(ch.isalpha() for ch in before)


def _scene(sentence: Sentence, parties: list[Mention]) -> Mention | None:
    """A state a sentence opens with as its scene: "In Finland, where ...,", or the heading
    of a roundup's item: "COLOMBIA: The government said the air force had chosen ..."."""
    headed = [m for m in sentence.mentions if m.start < sentence.dateline]
    if (
        len(headed) == 1
        and headed[0].entry.kind == "state"
        and sentence.after(headed[0].end).startswith(":")
    ):
        return headed[0]  # "COLOMBIA: The government said ..." (read as a dateline)
    first = parties[0] if parties else None
    if first is None or first.entry.kind != "state":
        return None
    if _heading(sentence, first):
        return first
    opening = sentence.before(first.start).strip().lower()
    following = sentence.after(first.end)
    return first if opening == "in" and following.startswith(",") else None


def _listed_preposition(sentence: Sentence, mention: Mention) -> str | None:
    """The preposition of the state a state is listed after: "with the State of Qatar and
    the Sultanate of Oman" (Oman's is "with" too)."""
    earlier = [m for m in sentence.mentions if m.entry.kind == "state" and m.end <= mention.start]
    if not earlier:
        return None
    previous = earlier[-1]
    between = sentence.between(previous.end, mention.start)
    if not re.fullmatch(r"\s*(?:,|and|or|, and|, or)\s+(?:the\s+)?", between):
        return None
    if _clause_span(sentence, previous.start) != _clause_span(sentence, mention.start):
        return None  # "... four for Austria, and Sweden announced": a new clause's subject
    if between.strip() == "," and _A_VERB_NEXT.match(sentence.after(mention.end)):
        return None  # "According to officials in Paris, Vietnam signed": the opening ends
    return _preposition(_words_before(sentence, previous))


_A_VERB_NEXT = re.compile(
    r"^\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|also|now|then|"
    r"(?!need|feed|seed|speed)[a-z]+ed)\b"
)


def _unprepositioned(sentence: Sentence, mention: Mention) -> bool:
    """No preposition before it, nor before the state it is listed after ("to Qatar and
    the United Arab Emirates")."""
    before = _words_before(sentence, mention)
    return _preposition(before) is None and _listed_preposition(sentence, mention) is None


def _said_from(sentence: Sentence, seller: Mention) -> bool:
    return _preposition(_words_before(sentence, seller)) == "from"


def _home_made_bought(candidate: Candidate, platform: Mention, *, seller_by_from: bool) -> None:
    """ "Washington remained ready to work with Manila on financing for the F-16": roles
    read backwards. A state does not buy its own make from another, unless the text
    says "from" (buying back used ones): the two swap."""
    home = platform.entry.iso3
    if (
        home is None
        or candidate.buyer_iso3 != home
        or candidate.seller_iso3 in (None, home)
        or seller_by_from
        or candidate.other_sellers
    ):
        return
    if candidate.seller_is_maker:
        # "Rheinmetall and KNDS are building 50 Pumas for the Bundeswehr": a home type
        # built for home by a firm listed abroad is bought at home
        candidate.seller, candidate.seller_iso3 = candidate.buyer, candidate.buyer_iso3
        return
    buyer, buyer_iso3 = candidate.buyer, candidate.buyer_iso3
    candidate.buyer, candidate.buyer_iso3 = candidate.seller, candidate.seller_iso3
    candidate.seller, candidate.seller_iso3 = buyer, buyer_iso3
    quotes = candidate.field_quotes
    if "buyer" in quotes or "seller" in quotes:
        quotes["buyer"], quotes["seller"] = (
            quotes.get("seller", candidate.quote),
            quotes.get("buyer", candidate.quote),
        )


_PARTNERED = word_set("collaboration partnership cooperation co-operation")


def _licensed_from(before: list[str], preposition: str | None) -> bool:
    """ "in collaboration with", "in partnership with", "under licence from"."""
    if preposition == "with":
        return len(before) >= 2 and before[-2] in _PARTNERED
    return preposition == "from" and any(w.startswith(("licence", "license")) for w in before)


def _also_from(sentence: Sentence, party: Mention) -> list[Mention]:
    """The states listed after a party: "from Qatar and Oman", "The Netherlands and
    Austria jointly ordered"."""
    listed = []
    last = party
    for mention in sentence.mentions:
        if mention.start <= last.end or mention.entry.kind != "state":
            continue
        between = sentence.between(last.end, mention.start)
        # "from Qatar and Oman", "with the State of Qatar and with the Sultanate of Oman"
        if not re.fullmatch(
            r"\s*(?:,|and|, and|or)\s*|\s*(?:and|or) (?:(?:with|from|to) )?the\s+", between
        ):
            break
        listed.append(mention)
        last = mention
    return listed


def _set_seller(candidate: Candidate, entry: Entry, *, said: bool) -> None:
    """The seller is a state: a company stands for its home state (and is the maker)."""
    if entry.kind == "company":
        candidate.manufacturer = candidate.manufacturer or entry.name
        candidate.seller_is_maker = True
    iso3 = entry.iso3
    made = candidate.named_as
    if entry.multinational and made is not None and made.iso3 and entry.name in made.makers:
        iso3 = made.iso3  # "a contract with Airbus Defence and Space for two C295": Spain's
    if iso3 is None:
        return
    candidate.seller_iso3 = iso3
    candidate.seller = entry.name if entry.kind == "state" else _state_name(iso3)
    candidate.seller_said = said


def _state_name(iso3: str) -> str:
    from tracker.domain.countries import country_by_iso3

    country = country_by_iso3(iso3)
    return country.name if country else iso3


def _preposition(before: list[str]) -> str | None:
    """The preposition a name follows: "from (the) UK", "to the Government of Poland"."""
    skip = {
        "the",
        "a",  # "from a French industrial group"
        "an",
        "neighbouring",
        "neighboring",
        "government",
        "governments",
        "of",
        "ally",
        "its",
        "fellow",
        "state-owned",
        "state-run",
        "their",
        "his",
        "her",
    }
    skip |= _MAKER_NOUNS | {"state"}  # "bought from the state group Norinco"
    if before[-1:] == ["of"]:
        skip = skip | _SERVICE_WORDS | _SERVICE_TITLE  # "for the Royal Army of Oman"
    if before[-1:] and before[-1] in _GIVES_TO:
        return "to"  # "Germany has already handed Ukraine three Patriot systems"
    for word in reversed(before):
        if word in ("from", "to", "with", "in", "by", "for"):
            return word
        if word == "of" and before[-1:] == ["of"] and not _SERVICE_WORDS & set(before):
            return "of"
        if word not in skip and not word.endswith(("'s", "’s")):
            return None  # "from Germany's Thyssenkrupp": the possessor is no stop
    return None


# Verbs whose first object is the recipient: "handed Ukraine three Patriot systems"
_GIVES_TO = word_set("handed gave given sent sold lent loaned gifted promised pledged granted")
_SERVICE_TITLE = word_set("royal air armed national coast defence defense people's popular")
# "the Government of Poland", "the National Air Force of Angola": the state itself.
_SERVICE_WORDS = word_set(
    "government governments force forces navy army ministry guard corps republic kingdom"
)
_REACTIONS = word_set(
    "bids bid rivals rival offers offer competitors competition contenders interest design "
    "designs proposal proposals entrant entrants challenger "
    "backlash pressure criticism opposition objections objection warnings warning "
    "response sanctions concerns threats protest protests reaction condemnation "
    "approval permission visit visitors delegation contest competing competition rivalry race "
    "shootout tensions tension relations dispute row rift "
    # "after ending decades of defence cooperation with France": a partner, no seller
    "cooperation alliance "
    # "border clashes with Tajikistan", "the war with Russia": a foe, no seller
    "clashes clash fighting war wars conflict skirmishes hostilities "
    # "according to a statement from the Kenyan Ministry of Defence": who speaks
    "statement statements communique communiqué"
)


# ... and "named preferred bidder by Jordan": the state that chose
_BOUGHT = word_set(
    "ordered bought purchased acquired procured requested chosen selected placed bidder"
)
_SUPPLIED = word_set(
    "supply supplying supplied provide providing provided equip equipping arm give gives gave "
    "given "
    "giving send sends sent sell sells selling offer offers offered hand hands handing"
)
_GIVEN_BY = word_set(
    "built made manufactured produced developed designed supplied donated given gifted sold "
    "provided transferred offered pledged delivered"
)
_WON = word_set(
    "win wins won winning secure secures secured securing bag bags bagged land lands landed "
    "received "
    "receives booked books"
)


_TRANSFERRED = word_set(
    "pledged promised delivered sold supplied exported transferred donated given sent handed "
    "gifted shipped sale sales export transfer delivery deliveries"
)
_NOT_RECIPIENTS = word_set(
    "aid support assistance help relations ties visit trip threat war invasion attacks "
    "attack sanctions pressure adding added adds addition compared comparison similar "
    "next close closer "
    # "humanitarian flights, including to Yemen", "deployed to Türkiye": where they flew
    "flights flight missions mission sorties patrols deployed deployment deployments including "
    # "radars ... delivered in 2024 and now feed data to the Korea Air and Missile Defense
    # operations center": what they send, and where
    "data information feeds feed imagery intelligence signals"
)


def _in_clause(mention: Mention, clause: Span) -> bool:
    return clause.start <= mention.start < clause.end


def _words_before(sentence: Sentence, mention: Mention, count: int = 6) -> list[str]:
    return [w.text.lower() for w in sentence.words[max(0, mention.first - count) : mention.first]]


def _a_contract_with_its_buyer(sentence: Sentence, state: Mention, platform: Mention) -> bool:
    """ "Avibras signed a contract with the Indonesian Ministry of Defence for a new batch
    of ASTROS II Mk6 launchers": the state a maker contracts with, for a type of known make
    that is not that state's, is its buyer (not "with Polish manufacturer PZL Mielec", nor
    "with the UAE covering the F110 engines of its F-16s ... and an F-15EX")."""
    # (of unknown make too, where a maker signs: "The company said it had signed a contract
    # with the Islamic Republic of Mauritania for four B-250 aircraft")
    opener = next((m for m in sentence.mentions if m.start >= sentence.dateline), None)
    by_a_maker = _IT_THE_COMPANY.match(sentence.span.text) is not None or (
        opener is not None and opener.entry.kind == "company" and opener.end <= state.start
    )
    return (
        (platform.entry.iso3 is not None or by_a_maker)
        and (
            _CONTRACTS_WITH.search(sentence.before(state.start)) is not None
            # "Patria Signs Agreement For 130 Patria 6x6 Vehicles With Denmark"
            or _A_CONTRACT_FOR_WITH.search(sentence.before(state.start)[-120:]) is not None
        )
        and not _a_maker_s_nationality(state, sentence)
        and not _a_firm_of(state, sentence)
        and (
            _same_clause(clauses(sentence.span), state, platform)
            # "The largest Su-35 contract, signed in 2015 with China": the type's contract
            or (
                re.fullmatch(
                    r"\s+(?:contracts?|deals?|agreements?|orders?)\b[^.;]{0,60}",
                    sentence.between(platform.end, state.start),
                )
                is not None
                and not any(
                    m.entry.kind == "platform" and platform.end <= m.start < state.start
                    for m in sentence.mentions
                )
            )
        )
        and platform.start - state.end < 100
        and not any(
            m.entry.kind == "platform" and state.end <= m.start < platform.start
            for m in sentence.mentions
        )
    )


def _likely_sellers(
    counterparties: list[Mention], buyer: Mention | None, platform: Mention
) -> list[Mention]:
    """The other sides of a deal that can be its seller: not the buyer's own state; the
    platform's maker or a state of its origin first; a company from elsewhere only when
    the platform's origin is unknown ("talks with Mazagon Dock and France's Naval Group
    for Scorpène submarines": Naval Group)."""
    foreign = [m for m in counterparties if buyer is None or m.entry.iso3 != buyer.entry.iso3]
    origin, makers = platform.entry.iso3, platform.entry.makers
    makes = [m for m in foreign if m.entry.name in makers or (origin and m.entry.iso3 == origin)]
    if makes or origin is None:
        return makes or foreign
    return [m for m in foreign if m.entry.kind == "state"]


def _given_to(before: list[str], seller_side: bool, delivery: bool = False) -> bool:
    """ "sold to Poland", "pledged to Ukraine", a sale's "to the Government of Greece",
    a delivery's "of 46 MiG-29s to Egypt"; not "military aid to Ukraine" or "a visit to
    Washington"."""
    word = _before_preposition(before)
    if word in _NOT_RECIPIENTS:
        return False
    return seller_side or delivery or word in _TRANSFERRED


def _before_preposition(before: list[str]) -> str:
    """The word before the preposition a name follows ("ordered" in "ordered by the")."""
    if before[-1:] and before[-1] in _GIVES_TO:
        return before[-1]  # "handed Ukraine": the verb is the preposition's word
    for index in range(len(before) - 1, -1, -1):
        if before[index] in ("from", "to", "with", "in", "by", "for", "of"):
            return before[index - 1] if index else ""
    return ""


def _given_by(before: list[str]) -> bool:
    """ "built by", "supplied by", "being built for it by": a maker or giver follows."""
    if "by" not in before:
        return False
    ahead = before[: len(before) - before[::-1].index("by") - 1]
    return any(word in _GIVEN_BY for word in ahead[-3:])


def _a_maker_s_order_from(sentence: Sentence, mention: Mention, before: list[str]) -> bool:
    """ "The largest order for the Kongsberg Defence & Aerospace division ... was a 3.4
    billion crown contract from Germany's federal procurement agency": a maker's order
    comes from its customer."""
    return before[-2:-1] in (["order"], ["orders"], ["contract"], ["contracts"]) and any(
        m.entry.kind == "company" and m.end <= mention.start for m in sentence.mentions
    )


def _won_from(before: list[str]) -> bool:
    """ "wins ... order from Vietnam": the order comes from the buyer."""
    return any(word in _WON for word in before) and any(
        word in ("order", "orders", "contract", "deal", "intent", "commitment") for word in before
    )  # ... or "securing a letter of intent from Ethiopia"


def _relative_subject(mention: Mention, sentence: Sentence, platform: Mention) -> bool:
    """A name opening a relative clause whose verb is about this platform:
    "after the Netherlands, which ordered 20 launchers"."""
    rest = sentence.after(mention.end)
    match = re.match(r"^,\s+(?:which|who|that)\s+(?:has\s+|have\s+|had\s+|is\s+|was\s+)?", rest)
    if match is None:
        return False
    verb_at = mention.end + match.end()
    # "Germany, which in September 2023 signed": a time phrase may come first
    return any(
        cue.strong
        and verb_at <= cue.start <= verb_at + 30
        and not re.search(
            r"[,;]",
            sentence.between(verb_at, cue.start),
        )
        for cue in sentence.cues
    )


def _owned_before(words: Sequence[Token], mention: Mention) -> bool:
    """ "its 43 Russian-made", "their Soviet-era": a possessive just before the maker's
    name, across a count or an adjective."""
    for word in reversed(words[max(0, mention.first - 3) : mention.first]):
        lower = word.text.lower()
        if lower in ("its", "their"):
            return True
        if lower not in FILLERS and parse_number(lower) is None:
            return False
    return False


def _object_relative(mention: Mention, sentence: Sentence, platform: Mention) -> str | None:
    """The side of a state acting in a relative clause on the platform just before it:
    "14 Leopard 2A4 tanks that Germany donated" (seller), "the jets that Poland ordered"
    (buyer)."""
    between = sentence.between(platform.end, mention.start)
    if not re.fullmatch(
        # "the two Mistral-class ships, the ENS Gamal Abdel Nasser and ENS Anwar El Sadat,
        # which Egypt bought": past the ships' names set off by commas
        r"\s+(?:[a-z]+\s+){0,3}?(?:that|which)\s+(?:the\s+)?"
        r"|(?:\s+[a-z]+){0,3}?,\s+(?:the\s+)?(?-i:[A-Z])[^.;,]{1,80}?,\s+(?:that|which)\s+(?:the\s+)?",
        between,
    ) and not (
        # "the 36 Pantsir-S1 air defense systems Damascus had bought": no "that" said
        re.fullmatch(r"\s+(?:[a-z]+\s+){0,4}?", between)
        and (
            re.match(
                r"\s+(?:had|has|have)\s+(?:\w+ly\s+|already\s+)?(?:bought|ordered|acquired|"
                r"purchased|received|donated|sold|supplied|delivered|sent|given)\b"
                # "the two dozen Bell IA-407 helicopters the United States supplied in 2010"
                r"|\s+(?:bought|ordered|acquired|purchased|received|donated|sold|supplied|"
                r"delivered|sent|gave|transferred)\b",
                sentence.after(mention.end),
            )
            or _AGREED_TO_GIVE.match(sentence.after(mention.end))
        )
    ):
        return None
    if _RETIRING_AFTER.match(sentence.after(mention.end)):
        return "seller"  # "two frigates that Spain's navy is retiring": who gives them up
    if _AGREED_TO_GIVE.match(sentence.after(mention.end)):
        return "seller"  # "60 Fahd armoured personnel carriers Egypt has agreed to supply"
    # (a cue may take in the clause's opening: "that Greece took over from Cyprus")
    verb = next(
        (c for c in sentence.cues if c.strong and c.start >= platform.end and c.end > mention.end),
        None,
    )
    if verb is None or verb.start - mention.end > 25 or verb.side == "either":
        return None
    return verb.side


_AGREED_TO_GIVE = re.compile(
    r"\s+(?:had|has|have)\s+(?:\w+ly\s+|already\s+)?(?:agreed|promised|pledged|offered|"
    r"decided|undertaken|committed)\s+to\s+(?:supply|sell|deliver|give|send|provide|donate|"
    r"transfer|hand over)\b",
    re.IGNORECASE,
)
# Said of a state's own ships or jets: "(that) Spain's navy is retiring", "Norway retired"
_RETIRING_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:(?:navy|air force|army|coast guard|military|armed forces)\s+)?"
    r"(?:is\s+|are\s+|was\s+|were\s+|has\s+|had\s+|have\s+)?(?:now\s+)?"
    r"(?:retiring|retired|decommission(?:ing|ed)|withdrawing|withdrew|phasing out|phased out)\b",
    re.IGNORECASE,
)


def _reaction_from(before: list[str], preposition: str = "from") -> bool:
    """ "backlash from Washington", "a rival design from Germany's TKMS", "a two-way
    contest with Germany's TKMS"."""
    if preposition not in before:
        return False
    ahead = before[: len(before) - before[::-1].index(preposition) - 1]
    if ahead[-2:] == ["in", "cooperation"]:
        return False  # "built in cooperation with France's Naval Group": its maker
    if ahead[-1:] and ahead[-1] in ("border", "borders", "frontier"):
        return True  # "near the border with Myanmar": a place (not "border guard from")
    near = ahead[-4:]
    return any(
        word in _REACTIONS
        # not "four E-550 airborne early warning aircraft from IAI": a kind of aircraft
        and not (word == "warning" and near[index - 1 : index] == ["early"])
        # nor "a Letter of Offer and Acceptance with the United States": the FMS contract
        and not (word == "offer" and near[index + 1 : index + 3] == ["and", "acceptance"])
        # nor "VN-18 amphibious infantry fighting vehicles from NORINCO": a kind of vehicle
        and not (word == "fighting" and near[index + 1 : index + 2] == ["vehicles"])
        for index, word in enumerate(near)
        if index > 0 or len(near) < 4
    )


def _chosen_for(sentence: Sentence, platforms: list[Mention], mention: Mention) -> Mention | None:
    """ "closes deal with Slovenia for the C-390 and is chosen by Kenya for the Super
    Tucano": a chooser followed by what it chose is that platform's buyer."""
    chosen = next((p for p in platforms if p.start > mention.end), None)
    if chosen is None or not re.fullmatch(
        r"\s+for\s+(?:the\s+|its\s+|their\s+)?", sentence.between(mention.end, chosen.start)
    ):
        return None
    return chosen


def _platform_before(platforms: list[Mention], mention: Mention) -> Mention | None:
    return next((p for p in reversed(platforms) if p.end <= mention.start), None)


def _nearest_platform(
    platforms: list[Mention], mention: Mention, sentence: Sentence
) -> Mention | None:
    """The platform a party is said of: the nearest, not across a comma when one is on
    its side ("systems to the Philippines on Friday, with two C-17s": the systems)."""
    if not platforms:
        return None
    text, start = sentence.span.text, sentence.span.start

    def distance(platform: Mention) -> tuple[bool, bool, int]:
        left, right = sorted((platform, mention), key=lambda m: m.start)
        between = text[left.end - start : right.start - start]
        # "four A-29s from the United States in 2022 and two JF-17s": the next item of a
        # list begins after "and", however near; "four E-550s from IAI to replace its
        # G550s": so does a fleet replaced
        next_item = right is platform and bool(
            re.search(r"\b(?:and|as well as|along with|replac\w*)\b", between)
        )
        return ("," in between or ";" in between, next_item, abs(right.start - left.end))

    return min(platforms, key=distance)


def _adjective_of(mention: Mention, platform: Mention, words: Sequence[Token]) -> bool:
    """A demonym just before the platform: "French Rafale", "Russian S-400 systems"."""
    if mention.entry.form != "demonym" or mention.last > platform.first:
        return False
    between = [w.text.lower() for w in words[mention.last : platform.first]]
    return len(between) <= 2 and all(w in FILLERS or w.endswith("made") for w in between)


def _possessive_buyer(mention: Mention, words: Sequence[Token], platform: Mention) -> bool:
    """ "Turkey's purchase of", "Croatia's twelve second-hand Rafale jets": the possessor
    buys or owns."""
    end = mention.last
    # "the Royal Thai Navy's acquisition of": the service's possessive is its state's
    if not words[end - 1].possessive and end + 1 < len(words) and words[end].text == "Air":
        end += 1  # "the Indian Air Force's 36 Rafales"
    if (
        not words[end - 1].possessive
        and end < len(words)
        and words[end].possessive
        and re.match(r"(?:Navy|Army|Forces?|Corps|Guard)['’]s$", words[end].text)
    ):
        end += 1
    elif end > mention.last and not words[end - 1].possessive:
        end = mention.last  # "Air" without "Force's"
    last = words[end - 1]
    if not last.possessive or mention.entry.kind != "state":
        return False
    mention = replace(mention, last=end)
    following = words[mention.last].text.lower() if mention.last < len(words) else ""
    if following in _BUYING_NOUNS:
        return True
    between = words[mention.last : platform.first]
    if not any(parse_number(w.text) is not None or SECOND_HAND.match(w.text) for w in between):
        return False  # "Japan's Mogami frigate": whose design, not who owns it
    return (
        mention.last <= platform.first
        and len(between) <= 3
        and all(
            parse_number(w.text) is not None
            or SECOND_HAND.match(w.text)
            or NEW.match(w.text)
            or w.text.lower() in FILLERS
            for w in between
        )
    )


# "Croatia's largest-ever defence investment: 12 used Rafale F3R fighters": the
# possessor's purchase, spelt out after the colon.
_POSSESSIVE_HEADING = re.compile(
    r"^\s+(?:[\w-]+\s+){0,4}(?:investment|purchase|acquisition|order|deal|contract|buy|"
    r"procurement)s?\s*:\s+(?:(?:\d[\d,]*|[a-z]+|second-hand|ex-\w+)\s+){0,3}$"
)


def _possessive_heading(mention: Mention, sentence: Sentence, platform: Mention) -> bool:
    if mention.entry.kind != "state" or not mention.text.endswith(("'s", "’s")):
        return False
    between = sentence.between(mention.end, platform.start)
    return bool(_POSSESSIVE_HEADING.match(between) or _POSSESSIVE_CHOICE.match(between))


# "Kenya's choice confirms the Super Tucano", "Peru's decision to buy the ...": the
# chooser's possessive before its choice
_POSSESSIVE_CHOICE = re.compile(
    r"^\s+(?:choice|selection|pick)\s+(?:of|for|confirms|validates|vindicates)\s+"
    r"(?:the\s+|its\s+)?$"
    r"|^\s+decision\s+to\s+(?:buy|acquire|order|procure|purchase|choose|select|opt for)\s+"
    r"(?:the\s+|its\s+)?$"
)


def _cleared_to_buy(mention: Mention, sentence: Sentence) -> bool:
    """ "cleared Estonia to buy", "authorized Switzerland to purchase": the state approved."""
    text, start = sentence.span.text, sentence.span.start
    return (
        mention.entry.kind == "state"
        and re.search(
            r"\b(?:cleared|approved|authori[sz]ed|allowed)\s+(?:the\s+)?$",
            text[: mention.start - start],
        )
        is not None
        and re.match(r"\s+to\s+(?:buy|purchase|acquire)\b", text[mention.end - start :]) is not None
    )


_OFFER_NOUNS = word_set("offer offers bid bids proposal proposals")


def _offer_of(mention: Mention, words: Sequence[Token]) -> bool:
    """ "an Italian offer", "a Korean bid": the demonym's state offers."""
    following = words[mention.last].text.lower() if mention.last < len(words) else ""
    return mention.entry.form == "demonym" and following in _OFFER_NOUNS


def _acts(mention: Mention, words: Sequence[Token]) -> bool:
    """Whether a name is the sentence's actor: a state or company named as such, or a
    demonym with its government ("the Swiss government")."""
    following = words[mention.last].text.lower() if mention.last < len(words) else ""
    if mention.entry.form == "demonym" or words[mention.last - 1].possessive:
        # "India's defence ministry", "Niger's transitional authorities"; not "Turkey's KAAN"
        return following in _ACTORS or (
            mention.last + 1 < len(words)
            and words[mention.last].text.islower()
            and words[mention.last + 1].text.lower() in _ACTORS
        )
    # "as US attack helicopters run late": initials as an adjective
    # (not "Sweden hands Ukraine combat boats", a name that receives)
    initials = re.fullmatch(r"(?:[A-Z]\.?){2,3}", mention.text) is not None
    return not (initials and following in _WEAPON_MODIFIERS)


# A name used as an adjective of weapons: "US attack helicopters", "UK combat aircraft".
_WEAPON_MODIFIERS = word_set(
    "attack strike combat fighter fighters transport utility jet jets helicopter helicopters "
    "aircraft warship warships tank tanks missile missiles drone drones weapon weapons "
    "weaponry arms equipment hardware"
)


_GETS_OR_HAS = re.compile(
    r"\bto (?:receive|buy|acquire|purchase|obtain)\b"
    # "Saudi Arabia received approval for 4,000 APKWS II rockets", "Kuwait currently operates
    # three KC-130J tankers, delivered in 2014": its own verb says it gets or has them
    r"|\b(?:received|receives|won|wins|obtained|obtains|got|gets|secured|secures|gained)\s+"
    r"(?:[\w-]+\s+){0,2}(?:approval|clearance|permission)\b"
    r"|\b(?:operates|operated|flies|flew|fields|fielded)\b"
    # "The Gabonese Navy today still relies on two P400 patrol boats delivered by CMN"
    r"|\b(?:relies|relied|depends|depended)\s+(?:\w+ly\s+)?on\b",
    re.I,
)


def _subject_side(subject: Mention, cues: list[Cue], sentence: Sentence) -> str:
    """Which side of the deal the sentence's actor is, by the verb it governs."""
    if _a_maker_s_nationality(subject, sentence):
        return "seller"  # "Turkish shipbuilder TAIS": a maker
    after = [cue for cue in sentence.cues if cue.start > subject.end and cue.strong]
    cue = after[0] if after else (cues[0] if cues else None)
    if cue is None:
        return "buyer"
    if (
        cue.start > subject.end
        and _OFFER_CUE.match(cue.text)
        and _OFFER_WEIGHED.search(sentence.before(cue.start))
    ):
        return "buyer"  # "Peru is studying an offer from Saab": the one offered to
    if cue.start > subject.end and _GETS_OR_HAS.search(sentence.between(subject.end, cue.end)):
        # "Georgia became one of the first former Soviet states to receive the Javelin when
        # the Trump administration approved a $75 million sale": its own verb says it gets
        return "buyer"
    if cue.side == "either":
        text = sentence.after(cue.start).lower()
        sells = re.search(r"\bto (?:supply|sell|deliver|provide|build)\b", text)
        return "seller" if subject.entry.kind == "company" or sells else "buyer"
    before_cue = sentence.before(cue.start)
    if cue.status == "approved" and re.search(r"\b(?:was|were|been|is|are)\s+$", before_cue):
        return "buyer"  # "Jordan was cleared to buy": approved for it
    if cue.status == "approved" and re.match(
        r"\s+to (?:buy|purchase|acquire|receive)\b",
        sentence.after(cue.end),
    ):
        return "buyer"  # a headline's "Romania cleared to buy 32 F-35 jets"
    if cue.status == "approved" and _OWN_BODY_TO_BUY.match(sentence.after(cue.end)):
        return "buyer"  # "gave the green light for the Ministry of Defence to sign a contract"
    if cue.status == "approved" and _OWN_SPENDING.match(sentence.after(cue.end)):
        return "buyer"  # "Spain's Council of Ministers approved the cancellation of a contract"
    return cue.side


# A government letting its own body buy: "for the Ministry of Defence to sign a contract"
_OWN_BODY_TO_BUY = re.compile(
    r"^\s+for\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+|of\s+){1,6}to\s+"
    r"(?:sign|buy|purchase|acquire|order|procure)\b",
    re.IGNORECASE,
)
# What a government approves of its own buying (not another's: "approved the sale").
_OWN_SPENDING = re.compile(
    r"^\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:cancellation|purchase|acquisition|procurement|"
    r"order|contract|deal|funding|budget|spending|financing|plan)\b"
    # "approved a further €4.2bn for the F127 air defence frigate programme": money voted
    r"|^\s+(?:a\s+|an\s+)?(?:further\s+|additional\s+|extra\s+|another\s+)?"
    r"\S*\d\S*(?:\s+(?:billion|million|bn|mn|m|crore|trillion))?\s+(?:for|to\s+fund)\b",
    re.IGNORECASE,
)


# "funded from the Rs2.55 trillion defence allocation approved by the National Assembly":
# a budget approved, no sale
_SPENDING_APPROVED = re.compile(
    r"\b(?:allocation|budget|appropriation|funds|funding|spending|outlay)\s+(?:was\s+|were\s+)?$",
    re.IGNORECASE,
)


_OF_THOSE = re.compile(r"\b(?P<n>[\w,-]+) of (?:the|these|those) (?P<noun>\w+)", re.IGNORECASE)


_DEAL_WORDS = re.compile(
    r"\b(?:deal|contract|agreement|programme|program|package|sale|cost|purchase|order|"
    r"acquisition|worth|valued|priced|ordered|bought|purchased|amounts?|credit)\b",
    re.IGNORECASE,
)
# "Greece is also negotiating ...", "Bulgaria signed for eight of the same aircraft": another
# buyer of the platform just named
_SAME_TYPE = re.compile(
    r"\bthe same (?:\w+ )?(?:aircraft|jets?|fighters?|type|model|system|variant|version)\b",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\balso\b|" + _SAME_TYPE.pattern, re.IGNORECASE)


_REFERS_BACK = 2  # sentences after a deal's report that may still be about it
_RETRANSFER = re.compile(r"\bthird[- ]party transfer|\bre-?export|\bre-?transfer", re.I)
_NOT_YET_SIGNED = re.compile(
    r"\b(?:deal|contract|sale|agreement|purchase)\b[^.;]{0,20}\b(?:has|have|is|are)\s+"
    r"(?:yet to be|not (?:yet )?been)\s+(?:finali[sz]ed|signed|concluded)\b",
    re.IGNORECASE,
)


_THE_COUNTED = re.compile(r"\b(?:the|these|those|all) (?P<n>[\w-]+) (?P<nouns>\w+(?: \w+)?)", re.I)


def _counts_again(candidate: Candidate, sentence: Sentence) -> bool:
    """ "Manila ordered the six ships ...", sentences after the six OPVs were named:
    the deal's own count, with "the", still refers to it."""
    return candidate.quantity is not None and any(
        parse_number(match["n"]) == candidate.quantity
        and any(COUNTED.match(noun) for noun in match["nouns"].split())
        for match in _THE_COUNTED.finditer(sentence.span.text)
    )


# "its value is about 14.5 billion roubles", "put the value of the sale at 1.9 billion
# tenge": the price of the deal as such, however many sentences after its report
_THE_DEAL_S_PRICE = re.compile(
    r"\b(?:its|the) (?:total |overall |estimated )?(?:value|price|cost)\b"
    r"(?! (?:of|for) (?:an?|each|one|every)\b| per\b)"
    # "The agreement, worth 380 million euros, covers three batteries": the deal just told
    r"|^\W*the (?:agreement|contract|deal|order|purchase)\b,?\s+(?:is\s+|was\s+)?"
    r"(?:worth|valued at)\b"
    # "The investment is put at 4.9 billion kroner": the purchase just approved
    r"|^\W*the investment\b,?\s+(?:(?:is|was|will\s+be)\s+)?(?:put|estimated|valued|costed)\s+at\b"
    # "Paraguay will pay 46,800 million guaraníes (about USD 6 million) for the aircraft"
    r"|\b(?:will|would|is to|are to|agreed to)\s+pay\b[^.;]{0,60}\bfor\s+(?:the|these|those)\b"
    # "The tanks alone are valued by the Polish side at about PLN 560 million"
    r"|^\W*(?:the|these|those)\s+(?:[\w-]+\s+){1,2}(?:alone\s+)?(?:are|were)\s+valued\b",
    re.IGNORECASE,
)
_PRICED_WITHIN = 5  # sentences: the same paragraph or the next, in a wire story


# "Under a $1.05-billion contract signed with Leonardo last year, ... Canada will buy three
# additional AW101 helicopters": what the signed contract provides for is signed
_UNDER_A_SIGNED_CONTRACT = re.compile(
    r"^Under\s+(?:a|an|the|its|this)\s+[^,;]{0,60}?\b(?:contract|agreement|deal)\s+"
    r"(?:(?:already|previously)\s+)?(?:signed|awarded|concluded|placed)\b[^,;]*,",
    re.IGNORECASE,
)


def _under_a_signed_contract(sentence: Sentence, made: list[Candidate]) -> None:
    opening = _UNDER_A_SIGNED_CONTRACT.match(sentence.span.text)
    if opening is None:
        return
    for candidate in made:
        if candidate.status in ("proposed", "negotiating", "approved"):
            candidate.status = "signed"
            candidate.field_quotes["status"] = opening[0]


_A_BASE_AFTER = re.compile(r"^\s+(?:Air\s+)?Base\b")
_ARRIVED_AT = re.compile(
    r"\b(?:arrived|landed|touched\s+down|delivered|handed\s+over)\s+(?:\w+\s+)?(?:at|to)\s+$",
    re.IGNORECASE,
)


def _the_force_s_base(candidate: Candidate, sentences: list[Sentence]) -> None:
    """ "The four additional CH-47F Chinook helicopters ordered through FMS ... have all been
    accepted. The last one arrived at RAAF Base Townsville": the force whose base the
    aircraft reach is the buyer's."""
    for sentence in sentences:
        for mention in sentence.mentions:
            if (
                mention.entry.kind == "state"
                and mention.entry.form == "service"
                and mention.entry.iso3 != candidate.seller_iso3
                and _A_BASE_AFTER.match(sentence.after(mention.end))
                and _ARRIVED_AT.search(sentence.before(mention.start))
            ):
                candidate.buyer, candidate.buyer_iso3 = mention.entry.name, mention.entry.iso3
                candidate.buyer_said = True
                candidate.field_quotes["buyer"] = _clause_of(sentence, mention.start)
                return


_UNIT_NAMES = frozenset({"fire unit", "firing unit", "battery", "launcher"})


def _units_of_the_type_before(candidate: Candidate, before: Sentence) -> None:
    """ "... Diehl Defence's IRIS-T SLM ... Austria signed for IRIS-T SLM in 2024. Sweden
    followed in June this year with an order for eight fire units worth SEK 9.5 billion":
    units counted without a name are of the one type the sentence before names."""
    if not candidate.generic or candidate.platform.lower() not in _UNIT_NAMES:
        return
    types = {
        m.entry.family: m.entry
        for m in before.mentions
        if m.entry.kind == "platform" and m.entry.form != "generic"
    }
    if len(types) != 1:
        return
    entry = next(iter(types.values()))
    if candidate.seller_iso3 not in (None, entry.iso3):
        return  # "It also ordered two more fire units from Kongsberg": not the CAESAR's
    candidate.platform, candidate.family = entry.name, entry.family
    candidate.category, candidate.generic, candidate.named_as = entry.category, False, entry
    candidate.stored_platform = entry.stored
    candidate.field_quotes["platform"] = before.span.text


def _approved_at_home(sentence: Sentence, cues: list[Cue]) -> bool:
    """ "The Czech government on Monday approved the purchase": a state other than the
    United States right before the approval is its subject, approving its own buying."""
    cue = next((c for c in cues if c.status == "approved"), None)
    if cue is None:
        return False
    before = sentence.before(cue.start)
    if _A_GOVERNMENT_OPENS.fullmatch(before):
        # "Government approves two more C295s": an unnamed government, the buyer's own
        return not any(
            m.entry.kind == "state" and m.entry.iso3 == "USA" and m.end <= cue.start
            for m in sentence.mentions
        )
    return any(
        m.entry.kind == "state"
        and m.entry.iso3 not in (None, "USA")
        and m.end <= cue.start
        and _HOME_APPROVER.fullmatch(sentence.between(m.end, cue.start))
        for m in sentence.mentions
    )


_HOME_BODIES = (
    r"(?:government|cabinet|parliament|council\s+of\s+ministers|national\s+assembly|"
    r"defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)(?:\s+[\w,.-]+){0,4}\s+"
)
_HOME_APPROVER = re.compile(r"\s+" + _HOME_BODIES, re.IGNORECASE)
_A_GOVERNMENT_OPENS = re.compile(r"(?:the\s+)?" + _HOME_BODIES, re.IGNORECASE)


def _moved_on_to_a_third_firm(candidate: Candidate, read: list[Sentence], number: int) -> bool:
    """ "... C-27J Spartan aircraft, bought from Italy's Alenia. The minister also said
    that the joint venture between Germany's Rheinmetall and VMZ is on schedule. The
    investment, worth about EUR 1 billion, ...": a sentence between that turns to a firm of
    neither party's state and its works has moved on to another matter (unless the
    sentence read says "the deal" again)."""
    if _THE_DEAL_SAID.search(read[number].span.text):
        return False
    parties = {candidate.buyer_iso3, candidate.seller_iso3}
    return any(
        _A_WORKS.search(sentence.span.text) is not None
        and any(
            m.entry.kind == "company" and m.entry.iso3 is not None and m.entry.iso3 not in parties
            for m in sentence.mentions
        )
        for sentence in read[max(candidate.sentence, candidate.named_at) + 1 : number]
    )


# a firm's works or venture, another matter than a deal
_A_WORKS = re.compile(
    r"\b(?:joint venture|plant|factory|production line|assembly line|shipyard)s?\b", re.I
)


def _prices_the_deal(candidate: Candidate, sentence: Sentence, number: int) -> bool:
    """A sentence naming no platform that gives "the value" or "its price" of a deal
    whose report had no price: that deal's, a few sentences on."""
    money = _deal_s_money(sentence)
    return (
        candidate.value is None
        and number - candidate.sentence <= _PRICED_WITHIN
        and money is not None
        # "estimates put it between $4 billion and $5 billion": a guess, not a price
        and not sentence.before(money.start).rstrip().lower().endswith("between")
        and _THE_DEAL_S_PRICE.search(sentence.span.text) is not None
    )


# "The new aircraft will replace the CH-53D fleet, the first of which arrived in 1969":
# what the replaced fleet's own clause says is its story, not the deal's
_OLD_FLEET_S = re.compile(
    r"\b(?:replac\w*|retir\w*|succeed\w*)\b[^.;]*,\s+(?:[\w-]+\s+){0,3}(?:which|that)\b[^,;]*$",
    re.IGNORECASE,
)


# A count with no noun right after a verb: "Norway ordered five in 2017", "has taken delivery
# of seven of the nine it ordered"
# "Spain has selected the type": the type just named, with no count of its own
_THE_TYPE = re.compile(r"^\s+(?:the|this)\s+(?:type|design|model|aircraft|jet|trainer|system)\b")
_BARE_COUNT = re.compile(
    r"^\s+(?:of\s+)?(?P<n>[\w-]+)(?:\s+of\s+the\s+(?P<whole>[\w-]+))?(?=\s+(?:in|it|they|from|"
    r"last|this|that|so|on|under|and|while|for)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE,
)


def _of_the_type_before(before: Sentence, found: list[Candidate]) -> Candidate | None:
    """The latest deal for the one type the sentence before names, if any."""
    families = {
        m.entry.family or platform_family(m.entry.name)
        for m in before.mentions
        if m.entry.kind == "platform"
    }
    if len(families) != 1:
        return None
    return next((c for c in reversed(found) if c.family in families and _reported(c)), None)


def _elliptical_buyers(candidate: Candidate | None, sentence: Sentence) -> list[Candidate]:
    """ "Germany is the third European buyer of the P-8A. Norway ordered five in 2017,
    while the United Kingdom has taken delivery of seven of the nine it ordered": other
    states' deals for the type just named, each in its own clause, counted without a noun."""
    if candidate is None:
        return []
    states = [
        m for m in sentence.mentions if m.entry.kind == "state" and m.start >= sentence.dateline
    ]
    found = []
    for state in states:
        if state.entry.iso3 in (candidate.buyer_iso3, candidate.seller_iso3):
            continue
        if not (_acts(state, sentence.words) and _unprepositioned(sentence, state)):
            continue
        clause = _clause_span(sentence, state.start)
        cue = next(
            (c for c in sentence.cues if c.strong and state.end <= c.start < clause.end), None
        )
        if cue is None or cue.side == "seller":
            continue
        count = _BARE_COUNT.match(sentence.after(cue.end))
        number = parse_number(count["n"]) if count else None
        whole = parse_number(count["whole"]) if count and count["whole"] else None
        if (count is None or number is None) and _THE_TYPE.match(sentence.after(cue.end)):
            count = None  # "Spain has selected the type to replace its F-5Ms": no count said
        elif count is None or number is None:
            continue
        status = cue.status
        if whole is not None and number is not None and whole > number and status == "delivered":
            status = "delivering"  # "seven of the nine it ordered"
        quote = _clause_of(sentence, state.start)
        if count is None:
            number = None
        elif whole is not None and number is not None and whole > number:
            number = whole
        found.append(
            replace(
                candidate,
                buyer=state.entry.name,
                buyer_iso3=state.entry.iso3,
                buyer_said=True,
                status=status,
                quantity=number,
                value=None,
                currency=None,
                date=None,
                quote=sentence.span.text,
                field_quotes={
                    "buyer": quote,
                    "status": quote,
                    "quantity": quote,
                    "platform": candidate.field_quotes.get("platform", candidate.quote),
                },
                existing_deal_id=None,
                second_hand=None,
            )
        )
    return found


def _deal_s_money(sentence: Sentence) -> Money | None:
    """The first sum in the sentence that may be a deal's."""
    text = sentence.span.text
    return next(
        (
            m
            for m in sentence.money
            if not _not_the_deal_s(
                text[: m.start - sentence.span.start], text[m.end - sentence.span.start :]
            )
        ),
        None,
    )


_A_CONTRACT_FOR_WITH = re.compile(
    r"\b(?:contract|deal|agreement|order)\s+for\s+[^.;]{0,80}?\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CONTRACTS_WITH = re.compile(
    r"\b(?:contracts?|deals?|agreements?|orders?)"
    # "The largest Su-35 contract, signed in 2015 with China for 24 aircraft"
    r"(?:,?\s+(?:signed|concluded|struck|inked|agreed)(?:\s+in\s+\w+(?:\s+\d{4})?)?)?"
    r"\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_ANOTHER_MATTER = re.compile(r"\bnot (?:a )?part of\b|\bunrelated to\b", re.IGNORECASE)


_A_SEPARATE_DEAL = re.compile(
    r"\b(?:an?|its)\s+separate\s+(?:[\w-]+\s+)?(?:contract|deal|agreement|order)\b", re.IGNORECASE
)


# "with the total cost of the project put at $660 million", then "The contract with
# Airbus itself is worth $419m": the programme's sum, then the contract's own
_PROJECT_S_TOTAL = re.compile(
    r"\b(?:total|overall|whole)\s+(?:cost|budget|price|value)\s+of\s+the\s+"
    r"(?:project|programme|program|acquisition)\b",
    re.IGNORECASE,
)
_THE_CONTRACT_ITSELF = re.compile(
    r"\bThe\s+contract\b[^.;]{0,40}?\bitself\s+(?:is|was)\s+worth\b", re.IGNORECASE
)


def _a_project_s_total_then_the_contract_s(candidate: Candidate, text: str) -> bool:
    return bool(
        _PROJECT_S_TOTAL.search(candidate.field_quotes.get("value", ""))
        and _THE_CONTRACT_ITSELF.search(text)
    )


def _refer_back(candidate: Candidate, sentence: Sentence) -> list[Candidate]:
    """A sentence that names no platform often says more of the deal just named:
    "Washington has pledged 31 of the tanks.", "The estimated total cost is $8.6
    billion.", "The ex-Dutch jets ...", "The first 36 ... have been handed over". One
    with "also" and another buyer reports the same platform's sale to it ("Greece is
    also negotiating a purchase of 36 systems"): a new candidate, returned."""
    text = sentence.span.text
    if _A_SEPARATE_DEAL.search(text):
        return []  # "Aselsan announced a separate contract worth $142 million with ...": another
    states = [
        m
        for m in sentence.mentions
        if m.entry.kind == "state"
        and m.start >= sentence.dateline
        # "about 26 billion drams (approximately 67 million US dollars)": a currency's name
        and not currency_named_after(sentence.after(m.end))
    ]
    strong = [
        cue
        for cue in sentence.cues
        if cue.strong and not _OLD_FLEET_S.search(text[: cue.start - sentence.span.start])
    ]
    other = next(
        (
            m
            for m in states
            if m.entry.iso3 not in (candidate.buyer_iso3, candidate.seller_iso3)
            and _acts(m, sentence.words)
            and _unprepositioned(sentence, m)
            and not _a_maker_s_nationality(m, sentence)  # "a Spanish yard also bid"
        ),
        None,
    )
    if _ANOTHER_MATTER.search(text):
        return []  # "a separate Sh1.3 billion programme to train KCGS officers, ...,
        # which is not part of the tender": said of something else
    if _RETRANSFER.search(text):
        # "The United States, whose approval is required for any third-party transfer of
        # the aircraft, authorised the sale": a say in this deal, not a deal of its own
        other = None
    if other is not None and any(
        m.start < other.start
        and m.entry.iso3 not in (candidate.buyer_iso3, candidate.seller_iso3, other.entry.iso3)
        and _acts(m, sentence.words)
        for m in states
    ):
        # "Turkish yards have also courted Tanzania", after a Spanish-built ship: another
        # seller's dealings, not this platform's
        other = None
    # (not "Brazil has also offered Paraguay a decommissioned river monitor": a seller's
    # verb, another offer)
    if _ALSO.search(text) and strong and other is not None and strong[0].side != "seller":
        number, start = counted_number(sentence)
        clone = replace(
            candidate,
            buyer=other.entry.name,
            buyer_iso3=other.entry.iso3,
            buyer_said=True,
            status=strong[0].status,
            quantity=number,
            value=None,
            currency=None,
            date=None,
            quote=text,
            field_quotes={
                "buyer": text,
                "status": text,
                "platform": candidate.field_quotes.get("platform", candidate.quote),
            },
            existing_deal_id=None,
            second_hand=None,
        )
        if number is not None:
            clone.field_quotes["quantity"] = _clause_of(sentence, start)
        own = _deal_s_money(sentence)
        if own is not None and _DEAL_WORDS.search(text):
            clone.value, clone.currency = own.amount, own.currency  # "in a deal worth $1.25bn"
            clone.field_quotes["value"] = text
        return [clone]
    if candidate.seller is None and not other:
        _seller_from(candidate, sentence)
    tally = _TALLY.search(text)
    if tally and candidate.quantity is None and not other:
        candidate.quantity = parse_number(tally["n"])  # "The arrival brings to 18 the number"
        candidate.field_quotes["quantity"] = text
    whole = _WHOLE_ORDER.search(text)
    if whole and (parse_number(whole["n"]) or 0) > (candidate.quantity or 0):
        candidate.quantity = parse_number(whole["n"])  # "the first of 98 ordered"
        candidate.field_quotes["quantity"] = text
    if candidate.quantity is None and sentence.cues:  # not "Kyiv has lost three of the jets"
        for match in _OF_THOSE.finditer(text):
            number = parse_number(match["n"])
            if number is not None and COUNTED.match(match["noun"]):
                candidate.quantity = number
                candidate.field_quotes["quantity"] = text
                # "Two of the large twin-engine drones landed this week": some of an order
                candidate.batch = candidate.batch or any(
                    STAGE[c.status] >= STAGE["delivering"] and c.status != "cancelled"
                    for c in strong
                )
                break
    if candidate.quantity is None and _DEAL_WORDS.search(text) and not other:
        number, start = counted_number(sentence)  # "The program ... calls for 11 frigates."
        noun = next((w for w in text[start - sentence.span.start :].split()[1:4]
                     if COUNTED.match(w.strip(",.;:"))), "")  # fmt: skip
        before = text[: start - sentence.span.start].split()[-1:]
        if (
            number is not None
            and candidate.category not in (None, "", "other")
            and _category_of(noun.strip(",.;:")) == candidate.category
            and not (before and before[0].lower() in _BATCH_WORDS)
            # "lets a fleet of five aircraft go to zero before anyone signs a contract"
            and not re.search(r"\bfleets? of\s+$", text[: start - sentence.span.start])
        ):
            candidate.quantity = number
            candidate.field_quotes["quantity"] = _clause_of(sentence, start)
    money = [m for m in [_deal_s_money(sentence)] if m is not None]
    if any(
        m.entry.kind == "state"
        and m.entry.form in ("name", "capital")  # not "the contract with the Italian firm"
        and m.entry.iso3 not in (candidate.seller_iso3, candidate.buyer_iso3)
        and _CONTRACTS_WITH.search(sentence.before(m.start))
        for m in sentence.mentions
    ):
        money = []  # "referring to the contracts with Russia worth around 400 million
        # dollars": another seller's contracts, not this deal's price
    # "The State Department had approved the possible sale with an estimated ceiling of
    # $3.2 billion", said of a signed deal: the approval's ceiling, not the contract's price
    approval_s = (
        any(c.status == "approved" for c in strong)
        and all(STAGE[c.status] < STAGE[candidate.status] for c in strong)
        and not _NOT_YET_SIGNED.search(text)  # "approved that sale ..., but ... yet to be"
        and re.search(r"\b(?:sale|export|transfer)\b", text) is not None  # not funds approved
    )
    if (
        (candidate.value is None or _a_project_s_total_then_the_contract_s(candidate, text))
        and money
        and (_DEAL_WORDS.search(text) or _THE_DEAL_S_PRICE.search(text))
        and not other
        and not approval_s
        and not candidate.shared  # a joint order's total is no one state's price
    ):
        candidate.value, candidate.currency = money[0].amount, money[0].currency
        candidate.field_quotes["value"] = text
    if (
        candidate.second_hand is None
        and not other
        and (_USED_THOSE.search(text) or FROM_STOCKS.search(text))
    ):
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = text
    later = [
        c for c in strong if STAGE[c.status] >= STAGE["delivering"] and c.status != "cancelled"
    ]
    counted = counted_number(sentence)[0] is not None or _OF_THOSE.search(text) is not None
    items = counted or re.search(
        r"\b(?:the|these|those) (?:\w+ )?(?:jets|aircraft|ships|"
        r"vessels|tanks|guns|systems|vehicles|drones|boats|fighters|frigates|submarines|"
        r"corvettes|batteries|units|howitzers|missiles|helicopters|launchers|radars)\b",
        text,
        re.IGNORECASE,
    )
    if candidate.status == "signed" and not other and _NOT_YET_SIGNED.search(text):
        # "waiting for 12 AH-1Z ... The State Department approved that sale, but the deal
        # has yet to be finalised": approved, not signed
        approved = any(c.status == "approved" for c in strong)
        candidate.status = "approved" if approved else "negotiating"
        candidate.field_quotes["status"] = text
    signing = [c for c in strong if c.status == "signed" and not c.future]
    if (
        signing
        and not other
        and STAGE[candidate.status] < STAGE["signed"]
        # "a framework agreement ... The agreement, signed in Lima": the paper of the talks
        and not PAPER_OF_TALKS.search(candidate.field_quotes.get("status", ""))
        and re.search(r"\b(?:the|its|this|that) (?:\w+ )?(?:contract|deal|agreement)\b", text, re.I)
    ):
        # "Estonia will buy twelve K9s. The contract, signed the same day, ...": done.
        candidate.status = "signed"
        candidate.field_quotes["status"] = text
    if (
        not other
        and candidate.status != "cancelled"
        and any(c.status == "cancelled" and not c.future for c in strong)
        and _THE_DEAL_CANCELLED.search(text)
    ):
        # "Romania ordered four Gowind corvettes. The ministry cancelled the contract in
        # 2023.": the deal just named ends
        candidate.status = "cancelled"
        candidate.field_quotes["status"] = text
        return []
    if (
        later
        and items
        and not other
        and STAGE[later[0].status] > STAGE[candidate.status]
        # "the first six of 24 ... The helicopters landed": that batch's arrival
        and not (candidate.status == "delivering" and not counted and not _WHOLE.search(text))
    ):
        candidate.status = later[0].status
        candidate.field_quotes["status"] = text
        candidate.governed = candidate.strong = True  # "These tanks ... arrived in Hungary"
    return []


# The deal itself, as a sentence after it names it when it ends.
_THE_DEAL_CANCELLED = re.compile(
    r"\b(?:cancel\w*|terminat\w*|scrapp\w*|scrap|axed|shelved|abandoned|tore up|torn up)\s+"
    r"(?:the|that|this|its|their)\s+(?:[\w-]+\s+){0,2}?(?:deal|contract|order|purchase|"
    r"procedure|tender|programme|program|project|acquisition|agreement|plan|plans)\b"
    r"|\b(?:the|that|this|its|their)\s+(?:[\w-]+\s+){0,2}?(?:deal|contract|order|purchase|"
    r"procedure|tender|programme|program|project|acquisition|agreement|plan|plans)\s+"
    r"(?:was|were|has been|had been|have been)\s+(?:formally\s+|officially\s+|later\s+)?"
    r"(?:cancel\w*|terminated|scrapped|axed|shelved|abandoned)\b",
    re.IGNORECASE,
)


# What says the whole of an order has arrived, not just a batch already reported.
_WHOLE = re.compile(r"\b(?:last|final|all|remaining|rest|complet\w*|whole|entire)\b", re.I)


# A running total: "The arrival brings to 18 the number of tracked light tanks", "bringing
# the total to 12".
_TALLY = re.compile(
    r"\bbring(?:s|ing)?\s+(?:the\s+(?:total|number|fleet|tally)\s+(?:\w+\s+)?to|to)\s+"
    r"(?P<n>[\w,-]+)\b(?!\s+(?:per ?cent|%|percent))",
    re.IGNORECASE,
)


# Equipment for platforms the buyer has: "... suites to be fitted to the corvettes"
# A force moving its own kit: "the U.S. Army deployed its Typhon mid-range missile launcher
# to northern Luzon for joint exercises"; "a Japanese unit fired its Type 88 surface-to-ship
# missile system from Philippine soil": using it
_DEPLOYED_OWN = re.compile(
    r"\b(?:deployed|deploys|deploying|redeployed|stationed|based|rotated|fired|fires|firing|"
    r"test-fired|flew|flies|flying|sailed|operated|used)\s+(?:its|their)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
# What a sensor is bought for: "radars for the German Navy's F126 frigates"
_FOR_A_HOST = re.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:for|on|aboard)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:frigates?|corvettes?|destroyers?|ships?|vessels?|submarines?"
    r"|boats?|aircraft|fighters?|jets?|helicopters?|tanks?|vehicles?)\b",
    re.IGNORECASE,
)
_TO_BE_FITTED = re.compile(
    r"^(?:\s+[\w-]+){0,4}?\s+(?:to be|will be|being|are to be|is to be)\s+"
    r"(?:fitted|installed|integrated|mounted)\s+(?:to|on|onto|in|into|aboard)\b",
    re.IGNORECASE,
)


# The type a running total counts: "bringing the total number of Pandur Evolution vehicles
# contracted since 2016 to 270" is a tally, not another order.
_TALLY_OF = re.compile(
    r"\bbring(?:s|ing)?\s+(?:the\s+)?(?:total|number|fleet|tally)(?:\s+number)?\s+of\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# "The vehicles are the first of 98 ordered": a batch, and the whole order's count.
_WHOLE_ORDER = re.compile(
    r"\b(?:first|initial|last|latest)\b[^.;]{0,50}?\bof (?:the |its |their )?(?P<n>[\w,-]+)\s+"
    # "the first six attack helicopters AH-64E Apache of the 24 that Rabat contracted"
    r"(?:(?:that|which)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:has\s+|had\s+)?)?"
    r"(?:ordered|on order|purchased|bought|contracted)\b",
    re.IGNORECASE,
)


def _wants_seller(candidate: Candidate) -> bool:
    """A reported deal of a designation no list knows, short only of its seller: the
    sentences after it may name who sells ("the first of 98 ordered from Italy's
    Iveco")."""
    return (
        candidate.generic
        and candidate.seller is None
        and candidate.buyer is not None
        and candidate.quantity is not None
        and (candidate.strong or candidate.buyer_said)
    )


def _sellers_from(sentence: Sentence) -> list[Mention]:
    """The sellers a sentence names with "from" (not "bids from", "pressure from")."""
    return [
        mention
        for mention in sentence.mentions
        if mention.entry.kind in ("state", "company")
        and mention.entry.iso3 is not None
        and _preposition(_words_before(sentence, mention)) == "from"
        and not _reaction_from(_words_before(sentence, mention))
    ]


def _seller_from(candidate: Candidate, sentence: Sentence) -> None:
    for mention in _sellers_from(sentence):
        if mention.entry.iso3 != candidate.buyer_iso3:
            _set_seller(candidate, mention.entry, said=True)
            candidate.field_quotes["seller"] = _clause_of(sentence, mention.start)
            return


_USED_THOSE = re.compile(
    r"\b(?:the|these|those)\s+(?:ex-\w+|used|second-hand|secondhand|surplus|refurbished)\s+"
    r"(?:\w+\s+)?(?:jets|aircraft|fighters|tanks|ships|vessels|helicopters|systems|vehicles)\b",
    re.IGNORECASE,
)


def _described_twice(candidate: Candidate, kept: list[Candidate]) -> bool:
    """A deal named only by a description ("36 truck-mounted guns") that a named platform
    of the same kind, buyer and seller already reports (the Caesar) is that deal."""
    if not candidate.generic or candidate.platform[:1].isupper():
        return False
    return any(
        other is not candidate
        # (a class no list knows, named by its shape, names it too when it counts as many:
        # "two new landing docks", "the first of two Samar-class landing docks")
        and (
            not other.generic
            or (other.platform[:1].isupper() and other.quantity == candidate.quantity is not None)
        )
        and other.buyer_iso3 == candidate.buyer_iso3
        and other.seller_iso3 == candidate.seller_iso3
        and (
            other.category == candidate.category
            # "two more air defence batteries", then "two IRIS-T SLM ... batteries": a
            # description of no known kind, with the named one's count
            or (candidate.category == "other" and other.quantity == candidate.quantity is not None)
        )
        # not "six offshore patrol vessels" beside "the two Jose Rizal-class frigates"
        and _kind_noun(other.platform) in (None, _kind_noun(candidate.platform))
        for other in kept
    )


def _kind_noun(name: str) -> str | None:
    """What a name says its platform is: "Jose Rizal-class frigate" a frigate."""
    nouns = [_singular(w).lower() for w in name.split() if COUNTED.match(w)]
    return nouns[-1] if nouns else None


def _reported(candidate: Candidate) -> bool:
    """A deal to offer: a cue reports it, a buyer is known and is not the seller (home
    procurement is no transfer), and a designation no list knows has a known seller."""
    if (
        not candidate.governed
        or not candidate.buyer
        or candidate.buyer_iso3 == candidate.seller_iso3
        or _partner_s_own(candidate)
    ):
        return False
    if not candidate.strong and not candidate.buyer_said and not _told_in_full(candidate):
        return False  # only a noun ("the Vietnam deal") and a guessed buyer: too little
    return not (candidate.generic and candidate.seller is None)


def _told_in_full(candidate: Candidate) -> bool:
    """ "One of the first was the 2019 purchase of six Bayraktar TB2 drones from Turkey for
    $69 million": a purchase told with its count, seller and price is a deal, the buyer
    the one the text is about."""
    return (
        candidate.quantity is not None
        and candidate.value is not None
        and candidate.seller_said
        and candidate.status == "signed"
        # (not "The purchase follows Poland's 2022 order of 212 K9s", "compares with the
        # 2020 purchase of 32 F-35s": another state's, or a yardstick)
        and not _A_YARDSTICK.search(candidate.quote)
    )


_A_YARDSTICK = re.compile(
    r"\b(?:compar\w*|similar|like|than)\b"
    r"|\b(?-i:[A-Z])[\w-]+(?:'s|’s)\s+(?:\d{4}\s+)?(?:order|purchase|deal|acquisition)\b",
    re.IGNORECASE,
)


def _partner_s_own(candidate: Candidate) -> bool:
    """ "The Air Force will receive 25 new Eurofighters under the Halcón II programme": a
    partner of a joint programme getting new ones of its type buys at home."""
    partners = joint_partners().get(candidate.family, frozenset())
    return candidate.buyer_iso3 in partners and not candidate.second_hand


_IS_BUILDING = re.compile(
    r"\s+(?:is|are|was|were|has been|had been)\s+(?:building|constructing|supplying)\s+for\b"
)


_BUILT_IN = re.compile(r"^[^,;]{0,40}\b(?:built|made|manufactured|constructed) in\s+$")


_ON_BEHALF_OF = re.compile(
    r"^\.?\s+(?:Navy|Army|Air\s+Force|government|Department\s+of\s+\w+)?\s*on\s+behalf\s+of\b"
)


_BUILT_AT = re.compile(
    r"^[^.;]{0,40}?\b(?:being\s+|to\s+be\s+)?(?:built|constructed|assembled|produced)\s+"
    r"(?:at|by|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _built_by_a_home_firm(candidate: Candidate, sentence: Sentence) -> None:
    """ "Poland's three Miecznik frigates, being built at PGZ Stocznia Wojenna in Gdynia":
    ships its own firm builds, bought at home (not a design licensed from a state the
    sentence names: "India and France are in the final lap of negotiations for three
    additional Scorpene submarines to be built at Mazagon Dock")."""
    made = candidate.named_as
    if made is not None and made.iso3 not in (None, candidate.buyer_iso3):
        return  # "F-35A jets, assembled by Mitsubishi Heavy Industries": a foreign type
    if re.search(r"\blicen[cs]", sentence.span.text, re.IGNORECASE) or any(
        m.entry.kind == "state" and m.entry.iso3 != candidate.buyer_iso3
        for m in sentence.mentions
        if m.start >= sentence.dateline
    ):
        return
    home = next(
        (
            m
            for m in sentence.mentions
            if m.entry.kind == "company"
            and m.entry.iso3 is not None
            and m.entry.iso3 == candidate.buyer_iso3
            and m.start > candidate.start
            and _BUILT_AT.match(sentence.between(candidate.start, m.start))
        ),
        None,
    )
    if home is not None:
        _set_seller(candidate, home.entry, said=True)
        candidate.field_quotes["seller"] = _clause_of(sentence, home.start)


def _builder_named(candidate: Candidate, sentence: Sentence) -> None:
    """ "The first of six 79-metre patrol vessels Japan is building for the Vietnam Coast
    Guard arrived", "12 high-speed guard boats built in India": the state said to build
    them sells them."""
    for mention in sentence.mentions:
        if (
            mention.entry.kind == "state"
            and mention.start > candidate.start
            and mention.entry.iso3 != candidate.buyer_iso3
            and (
                _IS_BUILDING.match(sentence.after(mention.end))
                # "took 12 high-speed guard boats built in India"
                or _BUILT_IN.search(sentence.between(candidate.start, mention.start))
                # "a contract signed in July by the U.S. Navy on behalf of the Dominican
                # government": a state's agency buying for another, as its sales do
                or _ON_BEHALF_OF.match(sentence.after(mention.end))
            )
        ):
            candidate.seller, candidate.seller_iso3 = mention.entry.name, mention.entry.iso3
            candidate.seller_said = True
            candidate.field_quotes["seller"] = _clause_of(sentence, mention.start)
            return
    if candidate.generic:
        _version_of(candidate, sentence)
    if candidate.generic and candidate.seller is None:
        _maker_before_the_name(candidate, sentence)


def _maker_before_the_name(candidate: Candidate, sentence: Sentence) -> None:
    """ "a contract for two Airbus A321XLR aircraft": a designation no list knows, right
    after its maker's name, is sold from the maker's state."""
    maker = next(
        (
            m
            for m in sentence.mentions
            if m.entry.kind == "company"
            and m.end <= candidate.start
            and not sentence.between(m.end, candidate.start).strip()
        ),
        None,
    )
    if maker is not None and maker.entry.iso3:
        _set_seller(candidate, maker.entry, said=True)
        candidate.field_quotes["seller"] = _clause_of(sentence, maker.start)


# "44 new Stridsvagn 123 main battle tanks, the Swedish version of the German Leopard 2A8"
_VERSION_OF = re.compile(
    r"\b(?:version|variant|derivative|development)\s+of\s+(?:the\s+|an?\s+)?(?:[A-Z]\w+\s+)?$"
)


def _version_of(candidate: Candidate, sentence: Sentence) -> None:
    """A type no list knows, said to be a version of one that is known, comes from where
    the known one does: "Stridsvagn 123 main battle tanks, the Swedish version of the German
    Leopard 2A8" (Germany's, whatever the buyer calls it)."""
    for mention in sentence.mentions:
        if mention.entry.kind != "platform" or mention.start <= candidate.start:
            continue
        between = sentence.between(candidate.start, mention.start)
        iso3 = mention.entry.iso3
        if len(between) > 90 or not _VERSION_OF.search(between):
            continue
        if iso3 and iso3 != candidate.buyer_iso3:
            candidate.seller, candidate.seller_iso3 = _state_name(iso3), iso3
            candidate.field_quotes["seller"] = _clause_of(sentence, mention.start)
        return


# A body of the state the story is about, acting with no state named: "In December the
# ministry signed a contract with Finland for 45 Patria 6x6 vehicles"
_HOME_BODY_BUYS = re.compile(
    r"\b[Tt]he (?:(?:defen[cs]e|interior|war) )?(?:ministry|government|cabinet|country)"
    r"(?:\s+(?:has|have|had|also|then|later|subsequently|in \w+))*\s+"
    r"(?:signed|ordered|bought|purchased|acquired|placed|contracted)\b[^.;]*$"
)


def _the_home_body_s(candidate: Candidate, sentence: Sentence, before: Sentence) -> None:
    """The buyer when a state's ministry or government acts unnamed: the state the
    sentence before opens on ("Slovenia acquired 85 Valuks ... In December the ministry
    signed a contract with Finland"), not the recipient of the deals told before."""
    main = [m for m in _main_states([before], 1) if m.first <= 1]
    if not main or main[0].entry.iso3 == candidate.seller_iso3:
        return
    if not _HOME_BODY_BUYS.search(sentence.before(candidate.start)):
        return
    if any(m.entry.kind == "state" and m.start < candidate.start and m.start >= sentence.dateline
           and m.entry.iso3 != candidate.seller_iso3 for m in sentence.mentions):  # fmt: skip
        return  # "the Ukrainian ministry" or "Poland's government": another's
    candidate.buyer, candidate.buyer_iso3 = main[0].entry.name, main[0].entry.iso3
    candidate.field_quotes["buyer"] = _clause_of(sentence, candidate.start)


def _its_own_as_subject(candidate: Candidate, sentence: Sentence) -> None:
    """ "Finland's Navy deployed its Hamina-class fast attack craft ...; its first
    Pohjanmaa-class corvette, under construction at Rauma": "its" is the subject's, the
    state the sentence opens on, which also makes the type: a home-built ship, no
    transfer."""
    if not re.search(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}$", sentence.before(candidate.start)):
        return
    opening = next(
        (m for m in sentence.mentions if m.entry.kind == "state" and m.start >= sentence.dateline),
        None,
    )
    if opening is None or len(sentence.between(sentence.dateline, opening.start).split()) > 1:
        return  # the sentence's subject only: "Finland's Navy ...", "The Finnish Navy ..."
    if candidate.seller_said or opening.entry.iso3 != candidate.seller_iso3:
        return  # only a home-made type kept at home ("Norway ... its F-16s" may be given)
    candidate.buyer, candidate.buyer_iso3 = opening.entry.name, opening.entry.iso3
    candidate.field_quotes["buyer"] = _clause_of(sentence, opening.start)


_CONTRACT_BETWEEN = re.compile(
    r"\b(?:contract|agreement|deal|accord)\s+(?:was\s+signed\s+)?between\s+", re.IGNORECASE
)


def _party_to_the_contract(candidate: Candidate, sentence: Sentence) -> None:
    """ "the contract between the Ministry of Defence of Azerbaijan and Turkish company
    Otokar for the supply of 48 ARMA 8x8": the state party to the contract, not the
    seller's, buys."""
    opening = _CONTRACT_BETWEEN.search(sentence.before(candidate.start))
    if opening is None:
        return
    start = sentence.span.start + opening.end()
    party = next(
        (m for m in sentence.mentions
         if m.entry.kind == "state" and start <= m.start < candidate.start
         and m.entry.iso3 != candidate.seller_iso3 and not _a_maker_s_nationality(m, sentence)),
        None,
    )  # fmt: skip
    if party is None:
        return
    # the contract's object: "... and Otokar for the supply of 48 ARMA" (not "covers three
    # fire units, each with a Hensoldt TRML-4D radar": a part)
    if not re.search(r"\bfor\s+(?:the\s+(?:supply|purchase|delivery)\s+of\s+)?(?:[\w,-]+\s+)?$",
                     sentence.between(party.end, candidate.start)):  # fmt: skip
        return
    candidate.buyer, candidate.buyer_iso3 = party.entry.name, party.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = _clause_of(sentence, party.start)


def _a_firm_of(state: Mention, sentence: Sentence) -> bool:
    """ "with Canada's Cascade Aerospace": the state's possessive before a firm's name (a
    maker's noun, or a name with no body's noun: not "with Iraq's Defense Ministry")."""
    if not sentence.words[state.last - 1].possessive:
        return False
    name = re.match(r"\s+((?:[A-Z][\w&-]*\s*)+)", sentence.after(state.end))
    if name is None:
        return False
    keys = {word.lower() for word in name[1].split()}
    return bool(keys & _MAKER_NOUNS) or not keys & _ACTORS


def _a_maker_s_nationality(mention: Mention, sentence: Sentence) -> bool:
    """ "Turkish company Otokar", "Turkish shipbuilder TAIS": a demonym before a maker's
    noun names the maker's state, no party of its own."""
    words = sentence.words
    following = words[mention.last].text.lower() if mention.last < len(words) else ""
    return mention.entry.form == "demonym" and following in _MAKER_NOUNS


def _the_state_where(candidate: Candidate, sentence: Sentence) -> None:
    """ "has licensed Arrowhead 140 to Poland, where three Miecznik-class frigates are
    under construction": the state where the type is built or kept, named just before
    a relative "where", gets it."""
    place = next(
        (m for m in reversed(sentence.mentions)
         if m.entry.kind == "state" and m.end <= candidate.start and m.start >= sentence.dateline),
        None,
    )  # fmt: skip
    if place is None or place.entry.iso3 == candidate.seller_iso3:
        return
    # ... or that a sentence opens on: "In neighbouring Lithuania, Saab completed deliveries
    # of AT4 disposable anti-armour weapons"
    opening = re.fullmatch(
        r"(?:In|At)\s+(?:neighbou?ring\s+|nearby\s+)?",
        sentence.before(place.start)[sentence.dateline - sentence.span.start :],
    ) is not None and sentence.after(place.end).startswith(",")
    if not opening and not re.fullmatch(
        r",\s+where\s+[^,;:]{0,60}", sentence.between(place.end, candidate.start)
    ):
        return
    candidate.buyer, candidate.buyer_iso3 = place.entry.name, place.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = _clause_of(sentence, place.start)


# A state's body unnamed, acting: "the Ministry of Defence confirmed it had signed", "The
# Army has turned increasingly to Chinese equipment"
_UNNAMED_BODY = re.compile(
    r"\b[Tt]he (?:Ministry of (?:National )?Defen[cs]e|(?:[Dd]efen[cs]e )?[Mm]inistry"
    r"|(?:Federal )?Government|[Cc]abinet|Army|Navy|Air Force)\b(?! of\s+(?-i:[A-Z]))"
    r"[^.;]{0,60}?\b(?:signed|ordered|bought|purchased|acquired|placed|contracted|"
    r"turned|received|took delivery|inducted)\b"
)


def _paid_in_its_own_money(candidate: Candidate, sentence: Sentence, read: list[Sentence]) -> None:
    """ "the cabinet approved a 4.2-billion-baht (about US$128 million) purchase of three
    Hermes 900 drones from Israel's Elbit Systems": a purchase priced in one state's own
    money, from a seller the text names, is that state's, where the article names it."""
    if not candidate.seller_said or candidate.value is None:
        return
    paid = next((m for m in sentence.money if m.amount == candidate.value), None)
    if paid is None:
        return
    issuer = issuing_state(paid)
    if issuer is None or issuer == candidate.seller_iso3:
        return
    named = next(
        (m for s in read for m in s.mentions if m.entry.kind == "state" and m.entry.iso3 == issuer),
        None,
    )
    if named is None:
        return
    candidate.buyer, candidate.buyer_iso3 = named.entry.name, issuer
    candidate.field_quotes["buyer"] = _clause_of(sentence, paid.start)


def _paid_in_the_maker_s_money(candidate: Candidate, sentence: Sentence) -> None:
    """ "the 97 Tejas Mk1A fighters the Ministry of Defence ordered from HAL ... under a
    ₹62,370-crore contract": an unnamed ministry paying in the money of the maker's own
    state is that state's (a home purchase), where the sentence names no other state."""
    if candidate.seller_iso3 is None or candidate.value is None:
        return
    paid = next((m for m in sentence.money if m.amount == candidate.value), None)
    if paid is None or issuing_state(paid) != candidate.seller_iso3:
        return
    if not _UNNAMED_BODY.search(sentence.span.text):
        return
    if any(m.entry.kind == "state" and m.start >= sentence.dateline
           and m.entry.iso3 != candidate.seller_iso3 for m in sentence.mentions):  # fmt: skip
        return
    _the_maker_s_state_buys(candidate, sentence, candidate.seller_iso3)


# "additional systems have been ordered by the Ministry of Defense": a body unnamed, after
_BY_AN_UNNAMED_BODY = re.compile(
    r"\b(?:ordered|bought|purchased|acquired|procured)\s+by\s+the\s+(?:Ministry of (?:National )?"
    r"Defen[cs]e|(?:[Dd]efen[cs]e )?[Mm]inistry|(?:Federal )?Government)\b(?! of\s+(?-i:[A-Z]))"
)


def _the_maker_s_state_buys(candidate: Candidate, sentence: Sentence, iso3: str) -> None:
    """The maker's own state buys (a home purchase, left out later)."""
    candidate.buyer, candidate.buyer_iso3 = _state_name(iso3), iso3
    candidate.field_quotes["buyer"] = _clause_of(sentence, candidate.start)


def _ordered_for_its_own_forces(candidate: Candidate, sentence: Sentence) -> None:
    """ "the Iron Beam laser system, developed by Rafael, was declared operational in the
    IDF, and additional systems have been ordered by the Ministry of Defense": an unnamed
    ministry buying for the maker's state's own forces, named in the sentence, is that
    state's (a home purchase)."""
    if candidate.seller_iso3 is None:
        return
    if not (
        _UNNAMED_BODY.search(sentence.span.text) or _BY_AN_UNNAMED_BODY.search(sentence.span.text)
    ):
        return
    states = [
        m for m in sentence.mentions if m.entry.kind == "state" and m.start >= sentence.dateline
    ]
    if not any(m.entry.form == "service" and m.entry.iso3 == candidate.seller_iso3 for m in states):
        return
    if any(m.entry.iso3 != candidate.seller_iso3 for m in states):
        return
    _the_maker_s_state_buys(candidate, sentence, candidate.seller_iso3)


def _the_dateline_state_s_body(
    candidate: Candidate, sentence: Sentence, read: list[Sentence], found: list[Candidate]
) -> None:
    """ "ABUJA -- The United Arab Emirates has donated 50 NIMR Hafeet armoured vehicles to
    the Nigerian Army ... the Ministry of Defence confirmed it had signed a $74 million
    contract with ... Norinco": an unnamed ministry is that of the dateline's state, once
    the article has that state receive a deal."""
    if not _UNNAMED_BODY.search(sentence.before(candidate.start)):
        return
    if any(m.entry.kind == "state" and m.start >= sentence.dateline
           and m.entry.iso3 != candidate.seller_iso3 for m in sentence.mentions):  # fmt: skip
        return  # another state named here: the guess is for the usual rules
    home = next(
        (m for opening in read[:3] for m in opening.mentions
         if m.entry.kind == "state" and m.start < opening.dateline),
        None,
    )  # fmt: skip
    if home is None or home.entry.iso3 == candidate.seller_iso3:
        return
    iso3 = home.entry.iso3
    if not any(c.buyer_said and c.buyer_iso3 == iso3 and _reported(c) for c in found) or any(
        c.seller_iso3 == iso3 for c in found
    ):
        return  # a wire's dateline ("WASHINGTON --") need not be the buyer's
    candidate.buyer, candidate.buyer_iso3 = home.entry.name, home.entry.iso3
    candidate.field_quotes["buyer"] = _clause_of(sentence, candidate.start)


# Handed to a state's body unnamed: "delivered two MD 530F helicopters ... to the Ministry
# of Public Security", "handed over to the Navy"
_TO_A_HOME_BODY = re.compile(
    r"(?<!according )(?<!according\s\s)\bto\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}"
    r"(?:Ministry|Navy|Army|Air\s+Force|Coast\s+Guard|Armed\s+Forces|Police|Defen[cs]e\s+Forces)\b(?:\s+of(?:\s+[A-Z][\w-]*){1,3})?"
)


def _handed_to_a_home_body(candidate: Candidate, sentence: Sentence, about: list[Mention]) -> None:
    """ "The United States delivered two MD 530F helicopters ... to the Ministry of Public
    Security": a body of the state the article is about (not the giver) receives; only
    where the sentence names no other state."""
    if candidate.seller_iso3 is None or not candidate.selling:
        return
    body = _TO_A_HOME_BODY.search(sentence.span.text)
    if body is None:
        return
    if any(m.entry.kind == "state" and m.start >= sentence.dateline
           and m.entry.iso3 != candidate.seller_iso3 for m in sentence.mentions):  # fmt: skip
        return
    home = next((m for m in about if m.entry.iso3 != candidate.seller_iso3), None)
    if home is None:
        return
    candidate.buyer, candidate.buyer_iso3 = home.entry.name, home.entry.iso3
    candidate.field_quotes["buyer"] = _clause_of(sentence, sentence.span.start + body.start())


# What an aid package is said to hold: "..., comprising 20 Valuk 6x6 armoured ..."
_PACKAGE_HOLDS = re.compile(
    r"\b(?:comprising|including|consisting of|which (?:comprises|includes|consists of))\b"
)


def _package_s_recipient(candidate: Candidate, sentence: Sentence) -> None:
    """ "approved a new package of military aid for Ukraine worth EUR 14.2 million,
    comprising 20 Valuk 6x6 armoured personnel carriers": the package's recipient gets
    what it holds."""
    before = sentence.before(candidate.start)
    given = next(reversed(list(_PACKAGE_FOR.finditer(before))), None)  # the nearest
    if given is None or not _PACKAGE_HOLDS.search(before[given.end() :]):
        return
    offset = sentence.span.start + given.end()
    recipient = next((m for m in sentence.mentions
                      if m.entry.kind == "state" and m.start == offset), None)  # fmt: skip
    if recipient is None or recipient.entry.iso3 == candidate.seller_iso3:
        return
    candidate.buyer, candidate.buyer_iso3 = recipient.entry.name, recipient.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = _clause_of(sentence, recipient.start)


def _bought_at_home(candidate: Candidate, sentence: Sentence, main: list[Mention]) -> bool:
    """ "The Ministry signed a Rs 6,900 crore contract with Bharat Forge ... for 307 ATAGS",
    in an Indian paper naming no other state there: the state's own body buys from its own
    industry, and no buyer is to be guessed from the sentences around it."""
    return (
        bool(main)
        and main[0].entry.iso3 == candidate.seller_iso3
        and candidate.seller_said
        and candidate.seller_is_maker
        and _HOME_SUBJECT.match(sentence.span.text) is not None
        and not any(
            m.entry.kind == "state" and m.entry.iso3 != candidate.seller_iso3
            for m in sentence.mentions
        )
    )


# An unnamed home force owning or getting the type: "the Navy's second-generation Aegis
# ships", "the L-SAM will give the Army another layer"
_HOME_FORCE_S = re.compile(
    r"\b(?:the (?:Navy|Army|Air Force|Marine Corps|Coast Guard)[’']s"
    r"|(?:give|gives|giving|to) the (?:Navy|Army|Air Force|Marine Corps|Coast Guard)\b)"
)


def _the_home_force_s_own(candidate: Candidate, sentence: Sentence, found: list[Candidate]) -> bool:
    """ "The missiles will be carried by ... the Navy's second-generation Aegis ships being
    built by HD Hyundai Heavy Industries", in a story of South Korea's purchases: the navy
    is that of the state buying the article's deals, and its own industry builds them."""
    if candidate.seller_iso3 is None or not _HOME_FORCE_S.search(sentence.span.text):
        return False
    if any(m.entry.kind == "state" and m.start >= sentence.dateline for m in sentence.mentions):
        return False
    buyers = Counter(c.buyer_iso3 for c in found if c.buyer_said and c.governed and c.buyer_iso3)
    return bool(buyers) and buyers.most_common(1)[0][0] == candidate.seller_iso3


# "clearing Spain to buy long-range naval interceptors for its new frigates, Italy to
# restock its fighter fleet with the latest AMRAAM variant and Kuwait to ...": each state
# of the list is cleared for what its own item names
_CLEARING = re.compile(
    r"\b(?:clearing|allowing|authori[sz]ing|approving|permitting|cleared|allowed|authori[sz]ed)"
    r"\s+(?:[A-Z][\w.-]*\s+){1,3}to\s+[a-z]+"
)
_ITEM_OPENS = re.compile(r"(?:,|\band)\s*$")
_ITEM_TO = re.compile(r"\s+to\s+[a-z]+\b")


def _cleared_in_a_list(candidate: Candidate, sentence: Sentence) -> None:
    """The buyer of a type in a list of states each cleared to buy: the state heading the
    type's own item ("..., Italy to restock its fighter fleet with the latest AMRAAM")."""
    if candidate.buyer is not None or not _CLEARING.search(sentence.before(candidate.start)):
        return
    heads = [
        m
        for m in sentence.mentions
        if m.entry.kind == "state"
        and m.end <= candidate.start
        and m.entry.iso3 != candidate.seller_iso3
        and _ITEM_OPENS.search(sentence.before(m.start))
        and _ITEM_TO.match(sentence.after(m.end)[:30])
    ]
    if not heads:
        return
    head = heads[-1]
    candidate.buyer, candidate.buyer_iso3 = head.entry.name, head.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = _clause_of(sentence, head.start)


# "six additional Dornier-228 aircraft for the Coast Guard, which HAL licence-builds at its
# Kanpur division": the relative clause names who builds the type
_WHICH_BEFORE = re.compile(r"^[^.;]{0,80}?\b(?:which|that)\s+$")
_BUILDS_AFTER = re.compile(
    r"^\s+(?:(?:licen[cs]e[- ])?(?:builds|produces|manufactures|assembles)|makes)\b", re.I
)


def _built_by_which(candidate: Candidate, sentence: Sentence) -> None:
    """The builder a relative clause names after the type sells it: its state (and the
    state that buys from its own builder buys at home)."""
    for mention in sentence.mentions:
        if (
            mention.entry.kind == "company"
            and mention.start > candidate.start
            and _WHICH_BEFORE.match(sentence.between(candidate.start, mention.start))
            and _BUILDS_AFTER.match(sentence.after(mention.end))
        ):
            _set_seller(candidate, mention.entry, said=True)
            candidate.built_by_seller = True
            candidate.field_quotes["seller"] = _clause_of(sentence, mention.start)
            return


# "The Akash purchase will be paid for partly with money from the Novo PAC": the deal told
_THE_DEAL_AFTER = re.compile(
    r"^(?:\s+[\w-]+)?\s+(?:purchase|deal|contract|order|acquisition|buy|sale)\b", re.I
)


def _the_deal_named_before(
    candidate: Candidate, sentence: Sentence, found: list[Candidate]
) -> bool:
    """ "The Akash purchase ...": the deal of that type the article has told, its buyer
    (not the state the sentence before names)."""
    if not re.search(r"\b[Tt]he\s+$", sentence.before(candidate.start)[-8:]):
        return False
    if not _THE_DEAL_AFTER.match(sentence.after(candidate.start + len(candidate.platform))):
        return False
    told = next(
        (c for c in reversed(found) if c.family == candidate.family and c.buyer and c.governed),
        None,
    )
    if told is None or told.buyer_iso3 == candidate.seller_iso3:
        return False
    candidate.buyer, candidate.buyer_iso3 = told.buyer, told.buyer_iso3
    if not any(cue.strong and not cue.future for cue in sentence.cues):
        # the noun, or a step still to come ("will be paid for"), says no more of its stage
        candidate.status = told.status
    return True


# "after Paris canceled their sale to Russia": a cancelled sale to another state
_SALE_TO = re.compile(
    r"^\s+(?:its|their|the)\s+(?:planned\s+|earlier\s+)?(?:sale|order|deal|contract|delivery)"
    r"\s+(?:to|with)\s+(?:the\s+)?$"
)


def _not_cancelled_for_it(candidate: Candidate, sentence: Sentence, cues: list[Cue]) -> None:
    """ "the two Mistral-class ships, ..., which Egypt bought from France in 2015 after Paris
    canceled their sale to Russia": the cancelling speaks of another buyer's deal, and the
    deal's stage is what its other cues say."""
    if candidate.status != "cancelled" or candidate.buyer_iso3 is None:
        return
    cancelling = [cue for cue in cues if cue.status == "cancelled"]
    for cue in cancelling:
        other = next((m for m in sentence.mentions if m.entry.kind == "state"
                      and m.start > cue.end and _SALE_TO.match(sentence.between(cue.end, m.start))),
                     None)  # fmt: skip
        if other is None or other.entry.iso3 == candidate.buyer_iso3:
            return
    rest = [cue for cue in cues if cue.status != "cancelled"]
    if rest:
        candidate.status = max((cue.status for cue in rest), key=STAGE.__getitem__)
        candidate.field_quotes["status"] = _clause_of(sentence, rest[-1].start)


def _home_side(read: list[Sentence], main: list[Mention]) -> str | None:
    """The state an article speaks for: the one acting in its opening, or else the home
    of the first company it names there ("Israel Aerospace Industries reported ...")."""
    if main:
        return main[0].entry.iso3
    return next((m.entry.iso3 for sentence in read[:3] for m in sentence.mentions
                 if m.entry.kind == "company"), None)  # fmt: skip


def _the_maker_s_deal_with(candidate: Candidate, sentence: Sentence, home: str | None) -> None:
    """ "Under the EUR 3.6 billion Arrow 3 deal with Germany", in an Israeli paper's story of
    IAI: the state a deal is with, not the one the type comes from, buys it from the
    state the article speaks for (that type's own)."""
    origin = candidate.named_as.iso3 if candidate.named_as else None
    if origin is None or home != origin or candidate.seller_iso3 in (None, origin):
        return
    # the state itself ("with Germany"), not one of its firms ("with Pakistan's Karachi
    # Shipyard", which may be fitting what it buys to its own ships)
    partner = next((m for m in sentence.mentions
                    if m.entry.kind == "state" and m.entry.iso3 == candidate.seller_iso3
                    and not sentence.words[m.last - 1].possessive
                    and _preposition(_words_before(sentence, m)) == "with"), None)  # fmt: skip
    if partner is None:
        return
    candidate.buyer, candidate.buyer_iso3 = partner.entry.name, partner.entry.iso3
    candidate.buyer_said = True
    candidate.field_quotes["buyer"] = _clause_of(sentence, partner.start)
    candidate.seller, candidate.seller_iso3 = _state_name(origin), origin


# "Several of the Mi-8s, after overhaul, were handed over to Ukraine": a fleet already told
_THE_FLEET_BEFORE = re.compile(r"\b(?:the|its|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_GIVEN_AWAY_AFTER = re.compile(
    r"^[^.;]{0,50}?\b(?:were|was|have been|has been|had been)\s+"
    r"(?:handed over|given|donated|gifted|transferred|sent)\s+to\b"
)


_THE_COUNTRY_S = re.compile(r"\bthe country['’]s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _its_own_fleet_given(candidate: Candidate, sentence: Sentence, main: list[Mention]) -> None:
    """ "The Black Hawks replace the air force's Soviet-era Mi-8 fleet ... Several of the
    Mi-8s, after overhaul, were handed over to Ukraine", in a story of Lithuania: the
    state the article is about gives its own used aircraft, not their maker's state."""
    home = main[0].entry if main else None
    if (
        home is None
        or not candidate.selling
        or home.iso3 in (candidate.buyer_iso3, candidate.seller_iso3)
        or not (
            (
                _THE_FLEET_BEFORE.search(sentence.before(candidate.start)[-30:])
                and _GIVEN_AWAY_AFTER.match(sentence.after(candidate.start))
            )
            # "the previous government handed Kyiv the country's 13 MiG-29 fighters"
            or _THE_COUNTRY_S.search(sentence.before(candidate.start)[-40:])
        )
        # "Poland's T-72s were sent to Ukraine" says whose they were
        or any(
            m.entry.kind in ("state", "company")
            and m.start < candidate.start
            and m.start >= sentence.dateline
            and m.entry.iso3 != candidate.buyer_iso3  # not the recipient: "handed Kyiv"
            for m in sentence.mentions
        )
    ):
        return
    candidate.seller, candidate.seller_iso3 = home.name, home.iso3
    candidate.second_hand = True
    candidate.field_quotes["second_hand"] = sentence.span.text


def _guess_seller(candidate: Candidate, main: list[Mention], found: list[Candidate]) -> None:
    """Without a seller named or a known origin: the seller of a deal reported in the
    sentence before ("The company also signed ... for 12 K10 vehicles"), or, for a known
    platform, the state the article is about when it is not the buyer ("Japan delivers
    first radar to Philippines"). A designation no list knows takes the seller the article
    gave it before ("300 more Gidran armoured vehicles" from a Turkish firm, then "a first
    contract for 40 Gidran vehicles, signed with Nurol")."""
    if candidate.generic and candidate.platform[:1].isupper():
        named = next((earlier for earlier in found
                      if earlier.family == candidate.family and earlier.seller
                      and earlier.seller_iso3 != candidate.buyer_iso3), None)  # fmt: skip
        if named is not None:
            candidate.seller, candidate.seller_iso3 = named.seller, named.seller_iso3
            return
    for earlier in reversed(found):
        if candidate.sentence - earlier.sentence > 1:
            break
        # (a fleet merely named, "still keeps about 30 T-72M1 tanks", sold nothing)
        if earlier.seller and earlier.seller_iso3 != candidate.buyer_iso3 and earlier.governed:
            candidate.seller, candidate.seller_iso3 = earlier.seller, earlier.seller_iso3
            return
    if candidate.generic and not candidate.selling:
        return  # a designation no list knows needs its seller said...
    # ... or the article's state to act as one: "the Department signed a contract ...
    # for the sale of two former Hunt-class vessels", in a British ministry's answer.
    state = next((m for m in main if m.entry.iso3 != candidate.buyer_iso3), None)
    if state is not None:
        candidate.seller, candidate.seller_iso3 = state.entry.name, state.entry.iso3


# "It built four ... Tide-class fleet tankers for Britain's Royal Fleet Auxiliary", "Its
# first warship export was ...": the company the sentences before are about
_IT_THE_COMPANY = re.compile(
    r"(?:It|Its|The company|The company's|The shipbuilder|The shipbuilder's|The shipyard|"
    r"The yard|The group|The group's|The firm|The firm's|The manufacturer)\s"
)


def _the_company_it_stands_for(
    candidate: Candidate, sentence: Sentence, before: list[Sentence], all_before: list[Sentence]
) -> None:
    """ "It delivered", "The company's exports ... date back to 2005, when it delivered ten
    patrol boats": the company the sentences before acted as sells. "It" looks two
    sentences back; "the company" as far back as the last company that led a sentence."""
    said = _IT_THE_COMPANY.match(sentence.span.text[sentence.dateline - sentence.span.start :])
    if said is None:
        return
    if not said[0].startswith("It"):
        before = all_before
    for earlier in reversed(before):
        first = next((m for m in earlier.mentions if m.start >= earlier.dateline), None)
        if first is None or first.entry.kind != "company":
            continue
        if first.entry.iso3 is not None and first.entry.iso3 != candidate.buyer_iso3:
            _set_seller(candidate, first.entry, said=False)
        return


def _the_maker_acting_before(candidate: Candidate, before: Sentence) -> None:
    """ "Edge Group signed export contracts with Kazakhstan and Colombia ... The larger of
    the two agreements covers 60 NIMR Jais 4x4 armoured vehicles": the maker that signed
    in the sentence before sells what its contracts cover."""
    if not candidate.platform[:1].isupper():
        return  # a name, not a description ("how many fire units")
    maker = next((m for m in before.mentions if m.start >= before.dateline), None)
    if maker is None or maker.entry.kind != "company" or maker.entry.iso3 is None:
        return
    if maker.entry.iso3 == candidate.buyer_iso3:
        return
    signing = next((c for c in before.cues if c.strong and c.start > maker.end), None)
    if signing is None or signing.start - maker.end > 40 or signing.status != "signed":
        return
    _set_seller(candidate, maker.entry, said=True)
    candidate.field_quotes["seller"] = before.span.text


def _guess_buyer(
    candidate: Candidate, found: list[Candidate], its: list[Mention], main: list[Mention]
) -> None:
    """A sentence that names no buyer ("It also ordered 12 ...") is about the state the
    sentence before acts for (`its`), or the buyer of the deal reported just before it, or
    of the same platform's deal earlier, or else the state the article is about. A seller
    said to act ("Norway has also delivered part of the six F-16s it donated") gives to
    the recipient the article has named for its deals, first."""
    main = [m for m in its + main if m.entry.iso3 != candidate.blocked_by]
    if candidate.blocked_by in (m.entry.iso3 for m in its):
        its = []  # "Washington blocked Spain's sale of twelve C-295s": who stops, no buyer
    if main and main[0].entry.iso3 == candidate.seller_iso3 and candidate.built_by_seller:
        # "two destroyers being built by Japanese shipyards", in a story of Japan's
        # budget: the state the article is about buys at home; no other is to be guessed
        return
    sibling = next((c for c in reversed(found) if c.sentence == candidate.sentence), None)
    if (
        sibling is not None
        and sibling.selling
        and sibling.seller_said
        and sibling.seller_iso3 is not None
        and not candidate.selling
        and candidate.seller_iso3 not in (None, sibling.seller_iso3)
    ):
        # "Greece will send its BMP-1s to Ukraine and receive 40 Marders from Germany":
        # the state that sends the one receives the other
        candidate.buyer, candidate.buyer_iso3 = sibling.seller, sibling.seller_iso3
        return
    if (
        sibling is not None
        and sibling.buyer_said
        and sibling.buyer_iso3 not in (None, sibling.seller_iso3, candidate.seller_iso3)
    ):
        # "Hanwha signed a contract with Romania for 54 K9 howitzers and 36 K10 vehicles":
        # the second type is of the first's buyer, not of the article's other deals
        candidate.buyer, candidate.buyer_iso3 = sibling.buyer, sibling.buyer_iso3
        return
    if (
        main
        and main[0].entry.iso3 == candidate.seller_iso3
        and candidate.seller_is_maker
        and MONEY_AWARDED.search(candidate.quote)
        and (sibling is None or not sibling.buyer_said)
    ):
        # "Edge subsidiary Nimr received Dh4.6bn for Jais 4x4 armoured vehicles", in a
        # story of the UAE's awards: a home maker's award, bought at home
        return
    its_own = its[0] if its and its[0].entry.iso3 != candidate.seller_iso3 else None
    if (
        its_own is not None
        and its_own.entry.kind == "state"
        and candidate.selling
        and not candidate.seller_said
        and STAGE[candidate.status] >= STAGE["delivering"]
        and candidate.status != "cancelled"
        # not "It was the launch customer for the Pantsir-S1, ordering 50 systems ...; all
        # of them had been delivered by 2013": the state just named bought them
        and not re.search(r"\b(?:customer|buyer|purchaser|client)\b", candidate.quote)
    ):
        # "Poland was among the first to send tanks. In 2022 it handed over 250 T-72s":
        # the state just named gives; the buyer is the article's recipient
        candidate.seller, candidate.seller_iso3 = its_own.entry.name, its_own.entry.iso3
        candidate.seller_said = True
        candidate.field_quotes["seller"] = candidate.quote
        main = [m for m in main if m.entry.iso3 != its_own.entry.iso3]
        its, its_own = [], None
    if its_own is not None and its_own.entry.kind == "state":
        # "Neighbouring Bulgaria took a different route. Its two patrol vessels, ordered
        # from Germany's Lürssen": the state just named, before the article's buyer
        candidate.buyer, candidate.buyer_iso3 = its_own.entry.name, its_own.entry.iso3
        return
    if candidate.seller_said and _named_buyer(candidate, found, reported_only=True):
        return
    for earlier in reversed(found):
        if candidate.sentence - earlier.sentence > 1:
            break  # a deal reported further back is another story
        if earlier.sentence == candidate.sentence and not (earlier.governed or earlier.buyer_said):
            continue  # "faced with the delays of the Airbus A400M": a type only named
        if earlier.buyer and earlier.buyer_iso3 != candidate.seller_iso3:
            candidate.buyer, candidate.buyer_iso3 = earlier.buyer, earlier.buyer_iso3
            return
    same = next(
        (c for c in reversed(found) if c.family == candidate.family and c.buyer and c.governed),
        None,
    )
    if (
        not its
        and candidate.governed
        and same is not None
        and same.buyer_iso3 != candidate.seller_iso3
    ):
        # "The ministry expects to sign the NASAMS contract": the NASAMS deal's buyer
        candidate.buyer, candidate.buyer_iso3 = same.buyer, same.buyer_iso3
        return
    # "HAL already has orders for 180 Tejas Mk1A jets", in an Indian paper that told of a
    # MiG-29 buy from Russia: not the state the article has said sells
    selling = {c.seller_iso3 for c in found if c.seller_said and c.governed and c.buyer_said}
    selling -= {c.buyer_iso3 for c in found if c.buyer_said}
    state = next(
        (m for m in main if m.entry.iso3 != candidate.seller_iso3 and m.entry.iso3 not in selling),
        None,
    )
    if state is not None:
        candidate.buyer, candidate.buyer_iso3 = state.entry.name, state.entry.iso3
        return
    # No state acts in the opening ("HD HHI delivers ... to the Philippine Navy"): a
    # seller said to act ("which HD HHI delivered") acts for the buyer the article has
    # named for its deals so far.
    if candidate.seller_said:
        _named_buyer(candidate, found, reported_only=False)


def _named_buyer(candidate: Candidate, found: list[Candidate], *, reported_only: bool) -> bool:
    """Give the candidate the buyer most often named for the article's deals so far (of
    deals reported as such, a cue and a buyer that is not the seller, if asked)."""
    named = Counter(
        (c.buyer, c.buyer_iso3)
        for c in found
        if (c.buyer_said or c.sentence <= 1)
        and c.buyer
        and c.buyer_iso3 != candidate.seller_iso3
        and (not reported_only or (c.governed and c.buyer_iso3 != c.seller_iso3))
    )
    if not named:
        return False
    (candidate.buyer, candidate.buyer_iso3), _ = named.most_common(1)[0]
    return True


# --- quantity, value, date, maker, condition -------------------------------------------


_FLEET_VERBS = word_set("field operate fly have")


def _fleet_to_come(words: Sequence[Token], index: int) -> bool:
    """ "would eventually field 13 E-2Ds", "plans to operate 137 Rafales by 2030": the
    fleet a state will have, not a deal's count ("operates 36 Rafales bought in 2016" is).
    So is a requirement: "a requirement for up to five PES frigates"."""
    before = [w.text.lower() for w in words[max(0, index - 4) : index]]
    if any(w in ("requirement", "requirements", "need", "needs") for w in before) and (
        before[-1:] == ["for"] or before[-3:-1] == ["for", "up"]
    ):
        return True
    if index < 2 or words[index - 1].text.lower() not in _FLEET_VERBS:
        return False
    return any(
        w.text.lower() in ("will", "would", "to") for w in words[max(0, index - 3) : index - 1]
    )


_NEWLY_DONE = word_set("built manufactured produced made delivered")


_THE_ONE_BEFORE = re.compile(r"\b(?:the|its|their)\s+$", re.IGNORECASE)
_ONE_SHIP_NAMED = re.compile(
    r"^\s+(?:patrol\s+|offshore\s+patrol\s+|landing\s+|training\s+)?"
    r"(?:boat|ship|vessel|frigate|corvette|submarine|destroyer|cutter|tanker)"
    r",?\s+(?:(?-i:[A-Z]{2,5})\s+)?(?-i:[A-Z][a-z]+)"
)


def _quantity(
    candidate: Candidate,
    sentence: Sentence,
    platforms: list[Mention],
    platform: Mention,
    text: str,
) -> None:
    words = sentence.words
    mentioned = {index for m in sentence.mentions for index in range(m.first, m.last)}
    model_numbers = {
        m.last - 1
        for m in sentence.mentions
        if m.entry.kind == "platform"
        and m.entry.form == "variant"
        and m.last - m.first > 1
        and words[m.last - 1].text.isdigit()
    }
    index = platform.first - 1
    steps = 0
    while index >= 0 and steps < 7:
        word = words[index]
        lower = word.text.lower()
        if index + 1 < len(words) and _PUNCTUATION.search(text[word.end : words[index + 1].start]):
            break  # "3/ Denmark: more F-16s": no count across a list number or a colon
        if (
            index
            and words[index - 1].text.lower() in _DESIGNATION_WORDS
            and word.text[:1].isdigit()
        ):
            index -= 2  # "two Project 14310 Mirazh patrol boats": the design's number, passed
            steps += 2
            continue
        if index and words[index - 1].text.lower() == "newly" and lower in _NEWLY_DONE:
            # "30 newly built Dingo 2 protected vehicles": new ones, and the count before
            candidate.second_hand = (
                False if candidate.second_hand is None else candidate.second_hand
            )
            index -= 2
            steps += 2
            continue
        number = _number_at(words, index)
        if number is not None and index in model_numbers:
            break  # "for Mbombe 4 and Marauder armoured vehicles": another model's number
        if number is not None and _range_end(words, index):
            break  # "between 100 and 150 Saab Gripen E fighters": no one count
        if number is not None and _fleet_to_come(words, index):
            break  # "the ASDF would eventually field 13 E-2Ds": a fleet's size, no deal's count
        if (
            number == 1
            and not candidate.governed
            and [w.text.lower() for w in words[index + 1 : index + 3]]
            in (["of", "the"], ["of", "these"])
        ):
            break  # a caption's "One of the M-346 aircraft shortly after landing": a piece
        if number is not None and not _inside(word.start, sentence.money):
            candidate.quantity = number
            candidate.field_quotes["quantity"] = _clause_of(sentence, word.start)
            before_of = words[index - 2].text.lower() if index > 1 else ""
            # "the first of 24 M-346 jets ... arrived": one of them ("first" is no ordinal
            # elsewhere: "the first two", "for the first time")
            place = 1 if before_of == "first" else parse_ordinal(before_of)
            if (
                place is not None
                and words[index - 1].text.lower() == "of"
                and place < number
                and candidate.status == "delivered"
            ):
                candidate.status = "delivering"  # "the second of three NASAMS ... has arrived"
            candidate.batch = (
                (index > 0 and words[index - 1].text.lower() in _BATCH_WORDS)
                or (
                    # "Three more F-16s bought from Norway touched down": another batch arrived;
                    # "Two of the large twin-engine drones landed": some of the order
                    candidate.status in ("delivering", "delivered")
                    and (
                        words[index + 1].text.lower() == "more"
                        # not "Bratislava ordered 14 of the jets": an order's whole count
                        or (words[index + 1].text.lower() == "of" and index == 0)
                    )
                )
                or _some_of_them(sentence, words, index)
            )
            break
        if lower in ("a", "an", "another") and _one_named(sentence, platform):
            candidate.quantity = 1  # "a used Södermanland-class submarine"
            candidate.field_quotes["quantity"] = _clause_of(sentence, word.start)
            break
        if lower in _MORE:
            candidate.more = True
        if (
            lower in ("its", "their")
            and candidate.selling
            and candidate.seller_said
            and not candidate.seller_is_maker  # "Saab has offered two of its Gripens": new
            and index > 1
            and words[index - 1].text.lower() == "of"
            and (
                _number_at(words, index - 2) is not None
                or words[index - 2].text.lower() in ("all", "some", "most", "part")
            )
            and candidate.second_hand is None
        ):
            # "Sweden has proposed transferring one of its Sodermanland-class
            # submarines": a seller passing on some of its own, used
            candidate.second_hand = True
            candidate.field_quotes["second_hand"] = _clause_of(sentence, word.start)
        if SECOND_HAND.match(word.text):
            candidate.second_hand = True
        elif NEW.match(word.text):
            candidate.second_hand = (
                False if candidate.second_hand is None else candidate.second_hand
            )
        elif (
            index not in mentioned
            and lower not in FILLERS
            and not lower.endswith("made")
            and not _MEASURE.match(word.text)
            # "600 FGM-148F Javelin missiles": the version's code before the name
            and not (index == platform.first - 1 and _CODE_WORD.fullmatch(word.text))
            # "four Harbin Z-9W helicopters", "eight Leonardo AW169M": the type's full
            # name or its maker before the name written
            and not _names_the_type(word.text, platform)
            # "two Gulfstream G550 Conformal Airborne Early Warning aircraft": a maker's or
            # airframe's name just before the type, unlisted
            and not (
                index == platform.first - 1
                and word.text.isalpha()
                and word.text[:1].isupper()
                and word.text[1:].islower()
            )
            # "24 refurbished ex-U.S. Army M109A5", "two former US Coast Guard Marine
            # Protector-class patrol boats": the former owner's service
            and not (
                lower in _FORMER_OWNER_WORDS
                and any(
                    w.text.lower().startswith("ex-") or w.text.lower() == "former"
                    for w in words[max(0, index - 4) : index]
                )
            )
        ):
            break
        index -= 1
        steps += 1
    which = _which_clause(sentence, platform)
    if which is not None and candidate.quantity is None and which[0]["n"]:
        candidate.quantity = parse_number(which[0]["n"])  # "tanks, 220 of which Brazil bought"
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    if which is not None and any(SECOND_HAND.match(w) for w in which[1].text.split()):
        candidate.second_hand = True  # "..., which it bought second-hand"
        candidate.field_quotes["second_hand"] = _clause_of(sentence, platform.start)
    total = _TOTAL_AFTER.match(text[platform.end : sentence.span.end])
    if (
        total
        and parse_number(total.group("n")) is not None
        # not "two JF-17s ..., while the first of 12 M-346 jets ordered": another's order
        and not any(platform.end < p.start < platform.end + total.end() for p in platforms)
    ):
        candidate.quantity = parse_number(total.group("n"))
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    first_of = _FIRST_OF.search(text[platform.end : sentence.span.end])
    whole = (
        parse_number(first_of["n"])
        if first_of and first_of["n"].lower() not in ("a", "an")
        else None
    )
    if whole is not None and whole > (candidate.quantity or 0) and len(platforms) == 1:
        # "Six F-16s ... touched down on Friday, the first of 24 aircraft Argentina bought"
        candidate.quantity = whole
        candidate.field_quotes["quantity"] = sentence.span.text
    if (
        candidate.quantity is None
        and candidate.category == "ships"
        and _THE_ONE_BEFORE.search(sentence.before(platform.start))
        and _ONE_SHIP_NAMED.match(sentence.after(platform.end))
    ):
        # "took delivery of the Guardian-class boat RKS Teanoai II", "received its
        # Guardian-class boat, Nafanua II": one ship, named
        candidate.quantity = 1
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
        if candidate.status == "delivering":
            candidate.status = "delivered"  # "received" the one ship: all of it
    final = _NTH_AND_FINAL.search(text[sentence.span.start : platform.start])
    if candidate.quantity is None and final and parse_ordinal(final["nth"]) is not None:
        # "Indonesia received its fifth and final C-130J": the last of five
        candidate.quantity = parse_ordinal(final["nth"])
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    changed = _CHANGED_ORDER.search(sentence.before(platform.start)) and _FROM_TO.match(
        sentence.after(platform.end)
    )
    if candidate.quantity is None and changed and parse_number(changed["to"]) is not None:
        # "has reduced its order for Leonardo AW169M helicopters from 12 to 8": the new count
        candidate.quantity = parse_number(changed["to"])
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    if candidate.quantity is None:
        _counted_quantity(candidate, sentence, platforms, platform)
    clause = _clause_of(sentence, platform.start)
    if candidate.second_hand is None and _from_stocks(sentence, platforms, platform):
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = clause
    _named_ship(candidate, sentence, platform)
    _owned_by_the_named_navy(candidate, sentence, platform)


# A commissioned ship's prefix and its navy's state: "the Pohang-class corvette ROKS
# Gimpo", "the ex-ROKS Chungju, another Pohang-class corvette". (Not INS, BNS or FS:
# each is two navies'.)
_SHIP_PREFIXES = {
    "ROKS": "KOR", "HMAS": "AUS", "HMS": "GBR", "USS": "USA", "USCGC": "USA", "HMCS": "CAN",
    "HMNZS": "NZL", "HNLMS": "NLD", "HDMS": "DNK", "ORP": "POL", "HNoMS": "NOR",
    "HSwMS": "SWE", "ESPS": "ESP", "NRP": "PRT", "TCG": "TUR", "FGS": "DEU", "JS": "JPN",
    "ITS": "ITA", "HS": "GRC", "KRI": "IDN", "BRP": "PHL", "ARC": "COL", "BAP": "PER",
    "PNS": "PAK",
}  # fmt: skip
_PREFIX = "|".join(_SHIP_PREFIXES)
_SHIP_AFTER = re.compile(
    rf"^(?:\s+(?:corvette|frigate|destroyer|submarine|ship|vessel|(?:patrol|landing|missile)\s+"
    rf"(?:boat|vessel|ship|craft)|minehunter|tanker))?,?\s+(?:the\s+)?(?P<ex>former\s+|ex-)?"
    rf"(?P<prefix>{_PREFIX})\s+(?=[A-Z])"
)
_SHIP_BEFORE = re.compile(
    rf"\b(?P<ex>former\s+|ex-)?(?P<prefix>{_PREFIX})\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,\s+"
    rf"(?:another|a|an|the)\s+(?:[\w-]+\s+)?$"
)


# The words that tell what a ship named by its name is: "the decommissioned light aircraft
# carrier", "ex-Italian aircraft carrier", "formerly known as"
_SHIP_DESCRIBED = re.compile(
    r"(?:^|\b(?:the|a|an|its|her|his|their)\s+|[,:]\s*)((?:[\w.-]+\s+){1,6})$"
)


def _named_ship(candidate: Candidate, sentence: Sentence, platform: Mention) -> None:
    """A ship named by its navy's prefix is one ship; one that served in the giver's navy
    ("handed over the Pohang-class corvette ROKS Gimpo") is second-hand."""
    if platform.entry.single and candidate.quantity is None:
        candidate.quantity = 1
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    described = _SHIP_DESCRIBED.search(sentence.before(platform.start))
    if (
        platform.entry.single
        and candidate.second_hand is None
        and described is not None
        and any(SECOND_HAND.match(word) or word == "formerly" for word in described[1].split())
    ):
        # "the decommissioned light aircraft carrier Giuseppe Garibaldi", "the fast attack
        # craft formerly known as INS Tillanchang"
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = _clause_of(sentence, platform.start)
    named = _SHIP_AFTER.match(sentence.after(platform.end)) or _SHIP_BEFORE.search(
        sentence.before(platform.start)
    )
    if named is None or platform.entry.category != "ships":
        return
    if candidate.quantity is None:
        candidate.quantity = 1
        candidate.field_quotes["quantity"] = _clause_of(sentence, platform.start)
    navy = _SHIP_PREFIXES[named["prefix"]]
    gives = navy in (candidate.seller_iso3, platform.entry.iso3) or named["ex"]
    if candidate.second_hand is None and gives and navy != candidate.buyer_iso3:
        candidate.second_hand = True
        candidate.field_quotes["second_hand"] = _clause_of(sentence, platform.start)


# "The two Protector-class offshore patrol vessels, HMNZS Otago and HMNZS Wellington, were
# built by Australia's Tenix": ships named by their navy's prefix are that navy's
_NAMED_AFTER_THE_CLASS = re.compile(
    rf"^(?:\s+[\w-]+){{0,3}}?,?\s+(?:the\s+)?(?P<ex>former\s+|ex-)?(?P<prefix>{_PREFIX})\s+"
    r"(?=[A-Z])"
)


def _owned_by_the_named_navy(candidate: Candidate, sentence: Sentence, platform: Mention) -> None:
    named = _NAMED_AFTER_THE_CLASS.match(sentence.after(platform.end))
    if named is None or named["ex"] or candidate.buyer is not None:
        return
    navy = _SHIP_PREFIXES[named["prefix"]]
    if navy in (candidate.seller_iso3, platform.entry.iso3):
        return  # "the corvette TCG Heybeliada" launched by its builder's own navy
    candidate.buyer, candidate.buyer_iso3 = _state_name(navy), navy
    candidate.field_quotes["buyer"] = _clause_of(sentence, platform.start)


_CHANGED_ORDER = re.compile(
    r"\b(?:reduc|cut|trimm|trim|increas|rais|expand|scal|lower|halv)\w*\s+(?:back\s+)?"
    r"(?:its|their|the)\s+(?:\w+\s+)?(?:order|purchase|buy|requirement|acquisition)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"^[^.;]{0,40}?\bfrom\s+(?P<from>[\w,]+)\s+to\s+(?P<to>[\w,]+)\b")


def _names_the_type(word: str, platform: Mention) -> bool:
    """A capitalised word of the type's listed name or of its maker's ("Harbin" of the
    Harbin Z-9, "Leonardo" of the AW169), written before the name found."""
    entry = platform.entry
    names = set(entry.name.split()) | {w for maker in entry.makers for w in maker.split()}
    return word[:1].isupper() and word in names


_NTH_AND_FINAL = re.compile(
    r"\b(?P<nth>[\w]+)\s+and\s+(?:final|last)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)


def _from_stocks(sentence: Sentence, platforms: list[Mention], platform: Mention) -> bool:
    """Its clause says it is used ("drawn from French Air Force stocks"); not where a later
    platform's relative clause says so ("The ASCOD would replace the CVR(T) vehicles that
    Latvia bought second-hand")."""
    clause = _clause_span(sentence, platform.start)
    said = FROM_STOCKS.search(clause.text)
    if said is None:
        return False
    at = clause.start + said.start()
    return not any(
        re.search(
            r"\b(?:that|which)\b",
            sentence.between(p.end, at),
        )
        for p in platforms
        if platform.end <= p.start < at
    )


_PUNCTUATION = re.compile(r"[:;/|]")
_DESIGNATION_WORDS = word_set("project type model series mark mk block batch flight tranche pr")
_BATCH_WORDS = word_set("first initial remaining last final latest")


_GO_BETWEEN = word_set(
    "brokered mediated arranged facilitated funded financed backed paid organised organized "
    "coordinated underwritten guaranteed"
)
_VAGUE_COUNTS = word_set("several some few many dozens")


def _number_at(words: Sequence[Token], index: int) -> int | None:
    word = words[index].text
    if looks_like_year(word):
        return None
    lower = word.lower()
    if lower == "dozen":
        if index and words[index - 1].text.lower() in _VAGUE_COUNTS:
            return None  # "several dozen T-80U tanks": no count
        before = " ".join(w.text.lower() for w in words[max(0, index - 2) : index])
        for phrase, value in PHRASES.items():
            if (before + " dozen").endswith(phrase):
                return value
        return 12
    if lower in ("pair", "couple") and index and words[index - 1].text.lower() == "a":
        return 2
    before = words[index - 1].text.lower() if index else ""
    if (lower in ("single", "lone") and before == "a") or (
        lower in ("only", "sole") and before in ("its", "their")
    ):
        return 1  # "a single C-390", "Slovakia sent its only S-300PMU battery"
    return parse_number(word)


# What one unit is called, in the singular: "a Type 071E landing platform dock"
_ONE_KIND = (
    r"submarine|frigate|corvette|destroyer|ship|vessel|dock|tanker|cutter|helicopter|jet|"
    r"fighter|aircraft|plane|tank|howitzer|battery|radar|drone|boat|launcher|minehunter|"
    r"icebreaker|carrier|trainer|transport"
)
# ... and not what a unit's name only describes: "an F-35 fighter programme"
_NOT_ONE = (
    r"(?![-'’])(?!\s+(?:deals?|contracts?|orders?|programmes?|programs?|packages?|purchases?|"
    r"sales?|acquisitions?|fleets?|squadrons?|force|requirements?|tenders?|competitions?|"
    r"projects?|variants?|versions?|designs?|family|industry|makers?|builders?|manufacturers?|"
    r"production|lines?|bases?|pilots?|crews?|upgrades?|units?|regiments?|batteries|systems)\b)"
)
_ONE_AFTER = re.compile(rf"^(?:\s+[\w-]+){{0,2}}?\s+(?:{_ONE_KIND})\b{_NOT_ONE}", re.IGNORECASE)
_ONE_ENDS = re.compile(rf"\b(?:{_ONE_KIND})$", re.IGNORECASE)
_FORMER_OWNER_WORDS = word_set("army navy air force forces marine marines corps guard coast")


# "covering the transfer of the Royal Netherlands Navy's last two Karel Doorman-class
# frigates": what a state's own forces give up
_GIVEN_UP_OF = re.compile(
    r"\b(?:transfer|handover|hand-over|sale|donation|release)\s+of\s+(?:the\s+)?$", re.I
)


# A state's body that buys arms and sells none: "with Iraq's Defense Ministry"
_BUYING_BODY = re.compile(
    r"^(?:['’]s)?\s+(?:(?:Ministry|Department)\s+of\s+(?:National\s+)?(?:Defen[cs]e|Interior)"
    r"|(?:National\s+)?(?:Defen[cs]e)\s+Ministry|Armed Forces|Army|Navy|Air Force|Coast Guard)\b"
)


# A demonym before a unit's noun describes a type: "the Korean jet", "the Turkish drones".
_UNIT_NOUN_NEXT = re.compile(
    rf"^\s+(?:{_ONE_KIND})s?\b(?![-'’])(?!\s+(?:makers?|builders?|manufacturers?|firms?|"
    r"compan(?:y|ies)|industry|group|exports?|producers?)\b)",
    re.IGNORECASE,
)


def _one_named(sentence: Sentence, platform: Mention) -> bool:
    """ "a used Södermanland-class submarine", "an F-35 fighter" is one unit: a singular
    "a" before a platform whose name, or the noun after it, says what one unit is (not "a
    K9 order", "an F-35 fighter deal"). The caller has found the "a"."""
    after = sentence.after(platform.end)
    if _ONE_ENDS.search(platform.text):
        return re.match(rf"^{_NOT_ONE}", after, re.IGNORECASE) is not None
    return _ONE_AFTER.match(after) is not None


def _counted_quantity(
    candidate: Candidate, sentence: Sentence, platforms: list[Mention], platform: Mention
) -> None:
    """ "the sale of 40 jets", "five ships": a number counting what the platform is, when
    no other platform of the sentence stands nearer to it."""
    number, start = counted_number(sentence)
    nearest = min(platforms, key=lambda p: min(abs(p.start - start), abs(start - p.end)))
    if number is not None and nearest is platform and _counts_its_kind(sentence, start, platform):
        candidate.quantity = number
        candidate.field_quotes["quantity"] = _clause_of(sentence, start)
        # "received ... the first four aircraft of a second batch of Yak-130": a batch
        candidate.batch = candidate.batch or bool(
            re.search(r"\b(?:first|initial|latest)\s+$", sentence.before(start), re.IGNORECASE)
        )


def _counts_its_kind(sentence: Sentence, start: int, platform: Mention) -> bool:
    """ "to hand over 14 howitzers, pay for NASAMS air defense": a count of another kind
    of weapon is not the platform's (where both kinds are known)."""
    after = sentence.after(start).split()[1:5]
    noun = next((word for word in after if COUNTED.match(word.strip(",.;:"))), None)
    if noun is None:
        return True
    counted = _category_of(noun.strip(",.;:"))
    kind = platform.entry.category
    return counted == "other" or kind in (None, "", "other") or counted == kind


_PLANNED = word_set("planned proposed envisaged envisioned intended projected")


_UNITS = word_set("mm cm m km kg t tonne tonnes ton tons metre metres meter meters ft knots hp kw")
_RATE = re.compile(
    r"\s+(?:a|per|each|every)\s+(?:year|month|week|annum)\b|\s+annually\b|\s+yearly\b",
    re.IGNORECASE,
)


def counted_number(sentence: Sentence) -> tuple[int | None, int]:
    """The first number before a counted noun, up to two words apart ("11 new
    general-purpose frigates"), not part of a name ("Type 26 frigate") or a sum."""
    words = sentence.words
    named = {index for m in sentence.mentions for index in range(m.first, m.last)}
    # "buys Skyranger 35 anti-aircraft systems": a number right after a type's name is
    # its mark, no count
    marks = {
        m.last
        for m in sentence.mentions
        if m.entry.kind == "platform"
        and m.last < len(words)
        and sentence.between(m.end, words[m.last].start) == " "
    }
    for index, word in enumerate(words[:-1]):
        if index in named or index in marks or _inside(word.start, sentence.money):
            continue
        if index and words[index - 1].text.lower() in _DESIGNATION_WORDS:
            continue  # "two Project 14310 Mirazh patrol boats": a design's number, no count
        number = _number_at(words, index)
        if number is None or (index and words[index - 1].text.lower() in _PLANNED):
            continue  # "the first of a planned three boats": a plan's count
        if words[index + 1].text.lower() == "dozen":
            continue  # "two dozen of the fighters": the dozen counts, as 24
        if words[index + 1].text.lower() in _UNITS:
            continue  # "the British L119 105 mm light gun": a calibre, no count
        for step, following in enumerate(words[index + 1 : index + 5]):
            if COUNTED.match(following.text) and index + 1 + step not in named:
                if _RATE.match(sentence.after(following.end)):
                    break  # "to about 1,100 missiles a year": a production rate, no count
                return number, word.start
            if not following.text[:1].islower() or parse_number(following.text) is not None:
                break
    return None, 0


def _value(
    candidate: Candidate, sentence: Sentence, platforms: list[Mention], platform: Mention
) -> None:
    """The money nearest this platform, when this platform is the nearest to it (of the
    platforms bought: not "a deal worth about EUR1.3 billion that will replace the
    country's Soviet-era BVP-2 fleet")."""
    bought = [p for p in platforms if p is platform or not _service_of(sentence, p)]
    for money in sentence.money:
        # "at a cost of NZ$38 million, to cover the gap left by the grounding of the A109
        # fleet": a fleet replaced, named after the sum, has no part in it (one named before
        # it may: "replace the 123 CVR(T) that Latvia bought ... for £39 million")
        platforms = [
            p for p in bought if p is platform or p.start < money.end or not _replaced(sentence, p)
        ]
        before = sentence.before(money.start)
        if _not_the_deal_s(before, sentence.after(money.end)):
            continue
        if _THE_ORDER_OPENING.match(before) and money.end < platform.start:
            continue  # the deal just told: "The order, worth DKK 1.6 billion, is a call-off"
        if _COMBINED.search(before) and len({p.entry.name for p in platforms}) >= 2:
            continue  # "382 Griffon ... and 60 Jaguar ... for a combined €1.5 billion"
        # "for 17 Gripen E/F fighters for about $3.6 billion, while Argentina bought 24
        # F-16s": the money's own clause names its platform, however near another is
        clause = _clause_span(sentence, money.start)
        own = [p for p in platforms if clause.start <= p.start < clause.end]
        nearest = min(own or platforms, key=lambda p: _distance(p, money))
        earlier = [p for p in platforms if p.end <= money.start]
        if (
            nearest.start >= money.end
            and earlier
            and re.search(
                r",\s+(?:and|plus)\s",
                sentence.between(money.end, nearest.start),
            )
        ):
            nearest = earlier[-1]  # "12 A-29 ... under a $593 million sale, and three JF-17"
        priced = next((p for p in platforms if p.start >= money.end and _PRICED_FOR.match(
            sentence.between(money.end, p.start))), None)  # fmt: skip
        if priced is not None:
            nearest = priced  # "a Dh386 million deal with Germany's Rheinmetall for 20 Skyranger"
        # "put the cost of David's Sling at around €1.4 billion, Barak MX at €850 million"
        put_at = next(
            (
                p
                for p in reversed(earlier)
                if _PUT_AT.fullmatch(sentence.between(p.end, money.start))
            ),
            None,
        )
        if put_at is not None:
            nearest = put_at
        if put_at is None and _after_a_list(sentence, earlier, money) and nearest in earlier:
            continue  # "picks NASAMS, IRIS-T SLM and VL MICA in 58 billion kroner push"
        if nearest is platform:
            candidate.value, candidate.currency = money.amount, money.currency
            candidate.field_quotes["value"] = _clause_of(sentence, money.start)
            return


# A sum followed by its own paper and what it buys: "a Dh386 million deal with Germany's
# Rheinmetall for 20 Skyranger 30"
_PRICED_FOR = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:contract|deal|order|agreement)\b[^,;.]{0,60}?\bfor\s+"
    r"(?:[\w,-]+\s+)?$",
    re.IGNORECASE,
)
# A sentence opening on the deal just told, priced: "The order, worth DKK 1.6 billion, is a
# call-off under the framework ... under which the Army has already received all 309"
_THE_ORDER_OPENING = re.compile(
    r"^\W*The (?:new )?(?:order|contract|deal|agreement|purchase),\s+(?:worth|valued at)\s+"
    r"(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+)?$"
)


# A type's own price right after it: "Barak MX at €850 million"
_PUT_AT = re.compile(
    r"\s+at\s+(?:around\s+|about\s+|some\s+|roughly\s+|nearly\s+|an estimated\s+)?"
    # "36 K9A1 self-propelled howitzers worth 965 billion won and 18 K10 ... worth 225
    # billion won": each its own sum, right after its name and kind
    r"|\s+(?:(?-i:[a-z])[\w-]*\s+){0,3}(?:worth|valued at|costing|priced at)\s+"
    r"(?:around\s+|about\s+|some\s+|roughly\s+|nearly\s+|an estimated\s+)?",
    re.IGNORECASE,
)
# A sum said to cover all a sentence names: the package's, no one type's.
_COMBINED = re.compile(
    r"\b(?:combined|total of|together|jointly)\s+(?:worth\s+|valued at\s+)?"
    r"(?:about|around|some|nearly|roughly|almost|more than|over|up to)?\s*$",
    re.IGNORECASE,
)


def _after_a_list(sentence: Sentence, earlier: list[Mention], money: Money) -> bool:
    """Money right after a list of platforms in its clause: the list's, no one item's."""
    clause = _clause_span(sentence, money.start)
    items = [p for p in earlier if p.start >= clause.start]
    return (
        len({p.entry.name for p in items}) >= 2  # not one type named twice ("better known as")
        and all(_listed(sentence, one, other) for one, other in pairwise(items))
        and len(sentence.between(items[-1].end, money.start).split()) <= 4
    )


# "will also run a separate 18-month aircrew and maintainer training programme ...;
# officials put the cost of that package at about $14 million": the service's price
_A_SEPARATE_CONTRACT_BEFORE = re.compile(
    r"\b(?:a|another)\s+separate\s+(?:[\w-]+\s+)?(?:contract|deal|agreement|package),?\s+"
    r"(?:for|worth|of|valued at)\s+(?:about\s+|around\s+|some\s+)?$",
    re.IGNORECASE,
)
_COVERS_A_SERVICE = re.compile(
    r"[^.;]{0,40}?\b(?:covers?|for|includes?|pays for)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:training|maintenance|support|sustainment|spare parts|spares|overhauls?)\b",
    re.IGNORECASE,
)
_A_SEPARATE_SERVICE = re.compile(
    r"\bseparate\b[^.]{0,60}\b(?:training|support|maintenance|sustainment)\s+"
    r"(?:programme|program|package|contract|course)\b[^.]{0,120}$",
    re.IGNORECASE,
)


# "The overall package, put at more than $4 billion, also covers training, weapons and
# spare parts, they said, without giving separate prices for the aircraft": no price of
# the aircraft
_NO_SEPARATE_PRICE = re.compile(
    r"\b(?:without\s+(?:giving|providing|disclosing)\s+(?:a\s+)?|(?:gave|give|giving)\s+no\s+)"
    r"separate\s+(?:prices?|values?|costs?|figures?)\b",
    re.IGNORECASE,
)


# a tally of many deals passing a mark
_A_TALLY_PASSES = re.compile(
    r"\b(?:contracts|deals|orders|sales|signings|spending|exports)\s+(?:pass|passes|passed|top|"
    r"tops|topped|exceed|exceeds|exceeded|surpass|surpasses|surpassed|near|nears|hit|hits)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


def _not_the_deal_s(before: str, after: str = "") -> bool:
    """Money a budget, backlog or package holds ("as part of a 13.3 billion kronor aid
    package"), by what comes before it; not a contract's ("The delivery is part of a
    $375 million contract")."""
    if _NOT_DEAL_MONEY.search(before[-90:]) or _NOT_A_PRICE.match(after):
        return True
    if _RATE.match(after):
        return True  # "estimated to cost Kenya more than Sh10 billion a year": a yearly rate
    if _A_TALLY_PASSES.search(before[-60:]):
        return True  # "UAE orders 12 Chinese L-15 jets as IDEX contracts pass Dh10 billion"
    if _NO_SEPARATE_PRICE.search(after):
        return True
    if _A_SEPARATE_SERVICE.search(before):
        return True
    if _A_SEPARATE_CONTRACT_BEFORE.search(before[-60:]) and _COVERS_A_SERVICE.match(after):
        return True  # "A separate contract, for $3,800 million, covers the training of"
    if _UNIT_PRICE_BEFORE.search(before[-60:]) or _UNIT_PRICE_AFTER.match(after):
        return True  # "Each Apache costs around $60 million", "$25 million per tank"
    return bool(re.search(r"\bpart of (?:a|an|its|the)\s+$", before)) and not re.match(
        r"\s+(?:\w+\s+)?(?:contract|deal|order|agreement|purchase)\b", after
    )


def _distance(platform: Mention, money: Money) -> int:
    return min(abs(platform.start - money.end), abs(money.start - platform.end))


def _date(candidate: Candidate, sentence: Sentence, cues: list[Cue]) -> None:
    # "orders since 2021": where a span begins, not when a deal was made
    past = [
        date
        for date in sentence.dates
        if not date.future and not sentence.after(date.start).lower().startswith("since")
    ]
    if past:
        anchor = cues[0].start if cues else candidate.start
        chosen = min(past, key=lambda d: abs(d.start - anchor))
        candidate.date = chosen.value
        candidate.field_quotes["date"] = _clause_of(sentence, chosen.start)


def _maker(candidate: Candidate, sentence: Sentence, platform: Mention) -> None:
    companies = [m for m in sentence.mentions if m.entry.kind == "company"]
    if companies and candidate.manufacturer is None:
        nearest = min(companies, key=lambda m: abs(m.start - platform.start))
        candidate.manufacturer = nearest.entry.name
    if candidate.manufacturer is None and platform.entry.makers:
        candidate.manufacturer = platform.entry.makers[0]


def _split_by_condition(candidate: Candidate, sentence: Sentence) -> list[Candidate]:
    """ "12 used plus 6 new aircraft": two deals, one for each condition."""
    match = _SPLIT_CONDITION.search(sentence.span.text)
    if match is None:
        return [candidate]
    parts = []
    for number, condition in ((match["a"], match["ca"]), (match["b"], match["cb"])):
        quantity = parse_number(number)
        if quantity is None:
            return [candidate]
        part = replace(
            candidate,
            quantity=quantity,
            second_hand=condition.lower() != "new",
            value=None,
            currency=None,
            field_quotes=dict(candidate.field_quotes),
        )
        part.field_quotes.pop("value", None)
        part.field_quotes["quantity"] = _clause_of(sentence, sentence.span.start + match.start())
        parts.append(part)
    return parts


# --- one deal said in several places ---------------------------------------------------


def _named_after(merged: list[Candidate]) -> list[Candidate]:
    """ "Ghana has agreed to buy six light attack and training jets from the Czech Republic.
    The contract with Aero Vodochody for the L-39NG aircraft is worth ...": a deal reported
    by description, then its type named (with little else) just after, is that type's."""
    kept = list(merged)
    for named in merged:
        if _reported(named) or named.generic:
            continue
        described = next(
            (
                c
                for c in kept
                if c.generic
                and c.platform[:1].islower()
                and _reported(c)
                and c.category == named.category
                and 0 < named.sentence - c.sentence <= _REFERS_BACK
                and c.seller_iso3 in (None, named.seller_iso3)
                # "received two patrol boats from the United States ... The two 110-foot
                # Island-class boats were decommissioned": a count that says it is them
                and (named.governed or named.quantity == c.quantity is not None)
            ),
            None,
        )
        if described is None:
            continue
        described.platform, described.family = named.platform, named.family
        described.generic, described.named_as = False, named.named_as
        described.stored_platform = named.stored_platform
        described.field_quotes["platform"] = named.field_quotes["platform"]
        for name in ("quantity", "value", "manufacturer", "date"):
            if getattr(described, name) is None and getattr(named, name) is not None:
                setattr(described, name, getattr(named, name))
                if name == "value":
                    described.currency = named.currency
                if name in named.field_quotes:
                    described.field_quotes[name] = named.field_quotes[name]
        kept.remove(named)
    return kept


def _merge(found: list[Candidate]) -> list[Candidate]:
    merged: list[Candidate] = []
    for candidate in found:
        # A deal already reported before a bare mention of it ("First six F-16s land"
        # in a title, then "the two dozen F-16s bought"): what follows adds to it.
        matches = [kept for kept in merged if _same_deal(kept, candidate)]
        target = next((kept for kept in matches if kept.governed), None) or next(
            iter(matches), None
        )
        if target is None:
            merged.append(candidate)
            continue
        if _batch_of(candidate, target):
            # the title's "delivers four", then "the first four of six": the order of six,
            # under way
            target.quantity = candidate.quantity
            target.field_quotes["quantity"] = candidate.field_quotes["quantity"]
            if candidate.status == "delivering":
                target.status = "delivering"
                target.field_quotes["status"] = candidate.field_quotes.get(
                    "status", candidate.quote
                )
        _absorb(target, candidate)
    return merged


_MORE = word_set("more additional further another extra")


def _same_deal(one: Candidate, other: Candidate) -> bool:
    if one.family != other.family or one.buyer_iso3 != other.buyer_iso3:
        return False
    if (
        other.more
        and not one.more
        and one.sentence < other.sentence
        # (but a title's "receives first two of six new T-50i jets" is the body's "the first
        # two of six additional T-50i": the news told twice)
        and not (
            one.sentence == 0 and one.quantity == other.quantity and one.status == other.status
        )
    ):
        return False  # "the 12 FA-50s it bought in 2014", then "12 more FA-50s"
    if (
        _follow_on(one) != _follow_on(other)
        and one.date
        and other.date
        and one.date[:4] != other.date[:4]
    ):
        # "the sixth and final A-29 from a 2023 follow-on order", then "the six A-29s the
        # Philippines received in 2020 under a 2017 contract": the order before it
        return False
    if _a_new_order_and_an_old_delivery(one, other) or _a_new_order_and_an_old_delivery(other, one):
        return False
    if (one.already or other.already) and _pending(one) != _pending(other):
        return False  # talks on 12 Typhoons, and the 12 "Oman already operates"
    if one.seller_said and other.seller_said and one.seller_iso3 != other.seller_iso3:
        return False
    if (
        one.quantity
        and other.quantity
        and one.quantity != other.quantity
        and not ((other.breakdown or other.batch) and other.quantity < one.quantity)
        and not (one.batch and one.quantity < other.quantity)
        and not _batch_of(one, other)
        and not _batch_of(other, one)
    ):
        return False  # two counts, two deals; unless one is a part of the other
    if _priced_apart(one, other) or _told_apart(one, other):
        return False
    if _signed_apart(one, other) and not _part_of(other, one):
        return False
    return not (
        one.second_hand is not None
        and other.second_hand is not None
        and one.second_hand != other.second_hand
    )


def _a_new_order_and_an_old_delivery(newer: Candidate, older: Candidate) -> bool:
    """ "Angola placed a follow-on order for six more Bayraktar TB2 drones", then "Angola
    took delivery of its first TB2s in 2023": the new order is not the one delivered."""
    return (
        (newer.more or _follow_on(newer))
        and not (older.more or _follow_on(older))
        and older.date is not None
        and STAGE[older.status] >= STAGE["delivering"] > STAGE[newer.status]
        and (newer.date is None or newer.date[:4] > older.date[:4])
    )


# (not "the second batch": of deliveries, often of the same order)
_FOLLOW_ON = re.compile(
    r"\b(?:(?:follow-on|repeat)\s+(?:order|contract|buy)|second\s+(?:order|contract))\b", re.I
)


def _follow_on(candidate: Candidate) -> bool:
    """A deal said to follow an earlier one: "a follow-on order" (not "six more F-16s
    landed": more of the same order, as often as not)."""
    return _FOLLOW_ON.search(candidate.quote) is not None


def _part_of(part: Candidate, whole: Candidate) -> bool:
    """ "four of the submarines" after "eight Hangor-class submarines": some of the ships
    told of, whatever year the text gives either."""
    return (
        part.batch
        and part.quantity is not None
        and whole.quantity is not None
        and part.quantity < whole.quantity
        and part.sentence > whole.sentence
    )


def _some_of_them(sentence: Sentence, words: Sequence[Token], index: int) -> bool:
    """ "Under the agreement signed in 2015, four of the submarines are being built in
    China and four at Karachi": a clause that opens on some of the ships told of is a part
    of that order, whatever its stage."""
    if index + 2 >= len(words) or words[index + 1].text.lower() != "of":
        return False
    if words[index + 2].text.lower() not in ("the", "these", "those"):
        return False
    return index == 0 or "," in sentence.between(words[index - 1].end, words[index].start)


def _batch_of(whole: Candidate, part: Candidate) -> bool:
    """ "received the first four of six EMB-312 Tucano trainers": the title's "delivers
    four" is that batch of the six."""
    said = _BATCH_OF.search(whole.field_quotes.get("quantity", ""))
    return (
        said is not None
        and part.quantity is not None
        and parse_number(said["n"]) == part.quantity
        and parse_number(said["whole"]) == whole.quantity
    )


_BATCH_OF = re.compile(
    r"\b(?:first|initial|latest|last)\s+(?P<n>[\w,-]+)\s+of\s+(?:the\s+|its\s+)?"
    r"(?P<whole>[\w,-]+)\b",
    re.IGNORECASE,
)
_ALREADY = re.compile(r"\balready\b", re.IGNORECASE)


def _pending(candidate: Candidate) -> bool:
    return STAGE[candidate.status] < STAGE["signed"] and candidate.status != "cancelled"


_CONVERSION = re.compile(r"\bequivalent to\b|\bat (?:current|today's) exchange rates?\b", re.I)


def _priced_apart(one: Candidate, other: Candidate) -> bool:
    """ "180 K2 tanks for 9 trillion won" and "its first contract for 180 K2 tanks, worth
    $3.37 billion": two prices, two deals (a converted figure in brackets is no price)."""
    if one.value is None or other.value is None:
        return False
    if any(_CONVERSION.search(c.field_quotes.get("value", "")) for c in (one, other)):
        return False  # "The contract, equivalent to about US$265 million": the same sum
    if one.currency != other.currency:
        return not _one_sum_in_two_currencies(one, other)
    return abs(one.value - other.value) > max(one.value, other.value) / 5


def _one_sum_in_two_currencies(one: Candidate, other: Candidate) -> bool:
    """ "ASELSAN discloses $412 million export deal" and the ministry's "about 6.8 trillion
    rupiah": one price, told in two currencies (within a tenth of each other at the year's
    rate; a currency the shipped tables lack never matches)."""
    dated = next((c.date for c in (one, other) if c.date), None)
    year = int(dated[:4]) if dated else latest_complete_year()
    usd = []
    for candidate in (one, other):
        rate = usd_rate(candidate.currency or "", year=year) if candidate.value else None
        if rate is None or candidate.value is None:
            return False
        usd.append(candidate.value * rate.numerator / rate.denominator)
    return abs(usd[0] - usd[1]) <= max(usd) / 10


def _told_apart(one: Candidate, other: Candidate) -> bool:
    """One sentence, two orders of one type, each with its own year and price: "eight F-16
    Block 70 fighters, ordered in 2019 for USD 1.25 billion, ... while a second batch of
    eight F-16 Block 70 jets, contracted in 2022 for USD 1.3 billion"."""
    return (
        one.sentence == other.sentence
        and one.value is not None
        and other.value is not None
        and one.value != other.value
        and bool(one.date and other.date and one.date[:4] != other.date[:4])
    )


def _signed_apart(one: Candidate, other: Candidate) -> bool:
    """Signed (or approved) in different years: a contract is signed once; batches of
    one deal are delivered over years, so deliveries say nothing of this."""
    if one.status != other.status or one.status not in ("signed", "approved"):
        return False
    return bool(one.date and other.date and one.date[:4] != other.date[:4])


_PRESENT_ORDERS = re.compile(r"\b(?:orders|buys)\s+\S", re.IGNORECASE)


def _absorb(target: Candidate, other: Candidate) -> None:
    if other.stored_platform and not target.stored_platform:
        target.platform, target.stored_platform = other.platform, True
        target.field_quotes["platform"] = other.field_quotes["platform"]
    if other.governed and not target.governed:
        # The sentence that reports the deal, not an earlier mention, backs its fields.
        target.quote = other.quote
        target.field_quotes = {**target.field_quotes, **other.field_quotes}
    weaker = target.strong and not other.strong  # "a $10bn deal" says less than "selected"
    stronger = other.strong and not target.strong  # "signed", after a title's "deal"
    if other.governed and other.status == "proposed" and not other.offered:
        target.offered = False  # "Saab has offered the Gripen", then "Peru is considering it"
    if other.governed and (
        not target.governed
        or (STAGE[other.status] > STAGE[target.status] and not weaker)
        or (stronger and STAGE[other.status] >= STAGE[target.status])
        # "India buys 26 Rafale Marine jets", then "the Council approved the purchase": the
        # body's verb tells the stage a headline's weak word only hints at
        or (
            stronger
            and target.sentence == 0
            and other.sentence > 0
            and _PRESENT_ORDERS.search(target.field_quotes.get("status", "")) is not None
        )
    ):
        target.status = other.status
        target.offered = other.offered
        target.quote = other.quote  # the sentence that says the stage the deal is at
        if "status" in other.field_quotes:
            target.field_quotes["status"] = other.field_quotes["status"]
    target.governed = target.governed or other.governed
    target.strong = target.strong or other.strong
    if other.seller_said and not target.seller_said and other.governed:
        target.seller, target.seller_iso3, target.seller_said = (
            other.seller,
            other.seller_iso3,
            True,
        )
        target.field_quotes["seller"] = other.field_quotes["seller"]
    elif target.seller is None and other.seller is not None:
        target.seller, target.seller_iso3 = other.seller, other.seller_iso3  # a guess, kept
    if other.batch and other.quantity == target.quantity:
        target.batch = True  # the headline's "Three more ex-Norwegian F-16s", a batch's
    if target.batch and not other.batch and (other.quantity or 0) > (target.quantity or 0):
        if target.status == "delivered" and not re.search(
            r"\b(?:last|final|remaining)\b", target.field_quotes.get("quantity", ""), re.I
        ):
            target.status = "delivering"  # "Two of the drones landed", of six ordered
        target.quantity, target.batch = other.quantity, False  # the whole order's count
        target.field_quotes["quantity"] = other.field_quotes.get("quantity", other.quote)
    for name in ("quantity", "value", "date", "manufacturer", "second_hand"):
        if name == "date" and other.status != target.status:
            continue  # "chose it over the Super Hornet, which ... in 2022": no signing date
        if getattr(target, name) is None and getattr(other, name) is not None:
            setattr(target, name, getattr(other, name))
            if name == "value":
                target.currency = other.currency
            if name == "quantity":
                target.batch = other.batch  # "the first three ... landed": still a batch's
            if name in other.field_quotes:
                target.field_quotes[name] = other.field_quotes[name]
    if not target.buyer_said and other.buyer_said and other.governed:
        target.buyer_said = True
        target.field_quotes["buyer"] = other.field_quotes["buyer"]


def _confidence(candidate: Candidate) -> float:
    score = 0.4
    score += 0.2 if candidate.buyer_said else 0.0
    score += 0.1 if candidate.seller_said else (0.05 if candidate.seller else 0.0)
    score += 0.1 if candidate.category is not None else 0.0
    score += 0.1 if candidate.strong else 0.0
    score += 0.05 if candidate.quantity is not None else 0.0
    score += 0.05 if candidate.value is not None else 0.0
    return round(min(score, 0.95), 2)
