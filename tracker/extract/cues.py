"""The words that say what happened to a deal, and how sure the words are.

A cue is a phrase in a sentence with the status it reports. Verbs ("signed", "approved")
are strong; nouns ("the purchase of", "a deal") weak: "Congress approved Turkey's
acquisition of 40 jets" reports an approval, not an order. A cue also says who its
subject is to the deal: the buyer ("bought", "ordered"), the seller ("sold", "offered",
"approved") or either ("signed a deal with").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from tracker.extract.text import word_set

# The lifecycle order: a later stage said of one deal in one place wins.
STATUSES = ("proposed", "negotiating", "approved", "signed", "delivering", "delivered", "cancelled")
STAGE = {status: rank for rank, status in enumerate(STATUSES)}
Side = Literal["buyer", "seller", "either"]


@dataclass(frozen=True)
class Cue:
    status: str
    strong: bool
    side: Side
    start: int
    end: int
    text: str
    future: bool = False  # "deliveries are expected", "will be delivered"


def _cue(
    status: str, strong: bool, side: Side, pattern: str
) -> tuple[str, bool, Side, re.Pattern[str]]:
    return status, strong, side, re.compile(pattern, re.IGNORECASE)


# The papers signed in talks: a letter of intent, a memorandum, a framework agreement.
_PAPERS_OF_TALKS = (
    r"letters? of intent|memorand(?:um|a) of understanding|MoU|LoI|heads of agreement"
    r"|framework (?:agreement|deal)s?"
)
PAPER_OF_TALKS = re.compile(rf"\b(?:{_PAPERS_OF_TALKS})\b", re.IGNORECASE)

# "German Eurofighters ... will provide air support": a service in an exercise, no supply
_NOT_A_SERVICE = (
    r"(?! (?:close |air |fire |naval |logistic(?:al)? )?"
    r"(?:air support|support|cover|security|protection|training|escort|assistance)\b)"
)

# Not a weapon leased: "leased land", "leased civilian airliners".
_NOT_LEASED = (
    r"(?! (?:land|office|premises|space|buildings?|facilit\w+|commercial|civilian|civil|"
    r"airliners?|"
    # "accompanied by a leasing formula for the first machines": a way to pay, offered
    r"formulas?|options?|offers?|proposals?|solutions?|schemes?|models?|arrangements?)\b)"
)

# "a weapon that will give the Army's AH-64 Apaches the ability to hit targets": what a
# weapon gives, no supply
_NOT_A_QUALITY = (
    r"(?![^.;]{0,90}\b(?:ability|abilities|capability|capabilities|means|option|edge|"
    r"advantage|reach|flexibility)\b)"
)

# A maker's award told by its sum: "Nimr received Dh4.6bn for Jais 4x4 armoured vehicles"
_MONEY_AWARDED_TEXT = (
    r"\b(?:received|won|secured|bagged|landed)\s+(?:an?\s+)?(?-i:[A-Z][A-Za-z]{0,2}\$?|[€£₹$₩¥])"
    r"\s?\d[\d.,]*\s?(?:bn|billion|m|mn|million|crore)?\s+(?:[\w-]+\s+)?for\b"
)
MONEY_AWARDED = re.compile(_MONEY_AWARDED_TEXT, re.IGNORECASE)

_CUES = (
    # Read before "signed": a letter of intent or memorandum signed is a step in talks.
    _cue(
        "negotiating",
        True,
        "either",
        rf"\b(?:sign(?:ed|s|ing)?\s+)?(?:an?\s+|the\s+)?(?:similar\s+|new\s+|second\s+)?"
        rf"(?:{_PAPERS_OF_TALKS})\b",
    ),
    _cue(
        "cancelled",
        True,
        "buyer",
        r"\bcancel(?:s|led|ed|ling|lation)\b"
        # not "poor weather cancelled two days of flying": an exercise's day, no deal
        r"(?! (?:the |a |an |two |three |several |some |all |\d+ )?(?:\w+ )?(?:days?|flights?|"
        r"sorties|missions?|flying|drills?|parades?|events?|shows?|displays?|sessions?|"
        r"visits?|meetings?|trips?)\b)"
        # "only for a new government in Port of Spain to cancel the order in 2010": done
        r"|(?<=\bonly for )(?:[^.;,]{1,60}?\s)?to\s+cancel\b"
        r"|\bterminat(?:ed|es|ion)\b"
        # "formally annulled the contract signed in 2021": a ministry's word for it
        r"|\bannul(?:s|led|ling|ment)?\b|\brescind(?:s|ed|ing)?\b"
        # not "scrapped its last HAWK batteries in 2005": a retirement
        r"|\bscrap(?:ped|s|ping)\b(?! (?:its|their|the) (?:last|remaining|old|ageing|aging)\b)"
        r"|\bpulled out of\b"
        # not "since Komatsu withdrew from defence vehicle production": a firm leaves a trade
        # nor "guns were withdrawn from service": a retirement; nor "after withdrawing from
        # Mali": troops leaving a place
        r"|\bwithdr(?:ew|awn|awal|aws|awing|aw) from\b(?! (?-i:[A-Z][a-z]+)\b(?!-))"
        r"(?! (?:the )?(?:[\w-]+ ){0,2}(?:production|business|market|sector|industry|"
        r"manufacturing|service|use|inventory)\b)|\bexpul(?:sion)\b|\bexpelled\b"
        r"|\bkick(?:ed|ing)\s+\w+\s+out of\b|\bexclusion from\b|\bdropped plans\b"
        r"|\bt[oe]re? up\b|\btorn up\b|\baxed\b|\bditched\b|\bshelved\b|\bwalked away from\b"
        r"|\bpulled the plug\b"
        r"|\babandon(?:ed|s|ing)? (?:the |that |this |its |their |an? )?(?:[\w-]+ )?"
        r"(?:plan|deal|purchase|order|contract|programme|program|acquisition|talks|project)\b"
        # "drops Russian Su-35 plan"; "plans to buy 11 Su-35 jets ... had been abandoned"
        r"|\bdrop(?:s|ped|ping)\s+(?:its\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,3}"
        r"(?:plan|plans|deal|order|purchase|bid)\b"
        r"|\b(?:been|were|was)\s+(?:\w+ly\s+)?(?:abandoned|dropped|shelved)\b"
        # "negotiations with France collapsed the following year"
        r"|\b(?:negotiations|talks|deal)\b(?=[^.;]{0,40}\b(?:collapsed|fell through|broke down)\b)",
    ),
    # "Washington blocked Spain's sale of twelve C-295s", "Germany blocked the export of":
    # a sale stopped, by a third state or the seller's own
    _cue(
        "cancelled",
        True,
        "seller",
        # "Washington has also stopped the planned handover of four excess UH-60As"
        r"\b(?:blocked|vetoed|stopped|halted)\s+(?:\w+(?:'s|’s)\s+|the\s+|its\s+)"
        r"(?:planned\s+|proposed\s+)?(?:sale|export|transfer|delivery|deal|handover)s?\b",
    ),
    # Both sides complete a delivery: "Moscow completed delivery of 46 MiG-29s to Egypt".
    _cue(
        "delivered",
        True,
        "either",
        r"\bcomplet(?:ed|ing|es|ion of)\s+(?:all\s+|the\s+)?deliver(?:y|ies)\b"
        r"|\bcomplet(?:ed|ing|es|ion of)\s+the\s+transfers?\b"
        # "bought TB2 drones in 2022, with deliveries completed early the following year"
        r"|\bdeliver(?:y|ies)\s+(?:were|was|have\s+been|had\s+been)\s+completed\b"
        # not "The first aircraft are expected in 2026, with deliveries completed by 2032"
        r"|\bdeliver(?:y|ies)\s+completed\b(?!\s+by\b)",
    ),
    _cue(
        "delivered",
        True,
        "buyer",
        r"\bcomplet(?:ed|ing|es|ion of)\s+(?:all\s+|the\s+)?deliver(?:y|ies)\b"
        r"|\bthe (?:last|final) (?:\w+ )?of (?:which|its|their|the|them|these|those|\w+'s|\w+’s)\b"
        # (not "The ARA Salta, the last of the older Type 209 boats, was laid up": a fleet)
        r"(?=(?:[^.;]|\.(?=\S|\s+[a-z])){0,160}?\b(?:deliver|arriv|handed|hand over|receiv|landed|"
        r"touched down|commission|entered service|joined|inducted|took delivery|taken delivery|"
        r"reached))"
        # "Poland ... took the last of the 180 tanks it ordered"
        r"|\b(?:took|received|accepted|got) the (?:last|final) (?:\w+ )?of\b"
        # "completing a two-ship order placed at Navdex 2021"
        r"|\bcomplet(?:ed|ing|es) (?:a|the|its) (?:[\w]+-[\w]+ )?"
        r"(?:programme|program|order|deal|contract)\b"
        r"|\b(?:taken|took|takes) delivery of the (?:last|final)\b"
        # "The Ground Self-Defense Force completed receiving its 17 V-22 Osprey"
        r"|\b(?:completed|completes|finished|finishes)\s+(?:receiving|taking delivery)\b"
        r"|\b(?:have|has|had|were|was)(?: now)? all been delivered\b"
        # "The four additional CH-47F Chinook helicopters ... have all been accepted"
        r"|\b(?:have|has|had)\s+(?:now\s+)?all\s+been\s+accepted\b"
        r"|\ball (?:\w+ )?(?:were|have been) delivered\b"
        r"|\b(?:received|receives|welcomed|welcomes) the (?:last|final)\b|\breceived all\b"
        # "Hungary ... received in the autumn the last of the 45 Mistral 3 firing posts"
        r"|\b(?:received|took)\s+(?:in|during|over|on|at)\s+(?:the\s+)?(?:[\w-]+\s+){1,2}"
        r"the (?:last|final) (?:\w+ )?of\b"
        r"|\b(?:receives|received|welcomes|welcomed|gets|takes) (?:its |their )?(?:last|final) "
        r"(?:batch|tranche|shipment|delivery)\b",
    ),
    _cue(
        "delivered",
        True,
        "seller",
        r"\bhanded over the last\b|\bdelivered the (?:last|final)\b|\bdelivered all\b"
        r"|\bdelivery of all\b",
    ),
    # "the single S-300PMU-1 battery that Greece took over from Cyprus": all of it, taken
    # (not "took over from Smith as chief", "took over command")
    _cue(
        "delivered",
        True,
        "buyer",
        r"\btook over\b(?=\s+(?!from\b|as\b|command\b|control\b|responsibility\b)"
        r"(?!the (?:role|post|presidency|chair|command|leadership)\b)[^.;]{1,80}?\bfrom\b)"
        r"|\b(?:that|which)\s+(?:[\w'’-]+\s+){1,3}?took over (?:[\w-]+\s+)?from\b"
        # "the Pakistan Navy took over the former USS McInerney": a used ship, taken
        r"|\b(?:took|takes|taken) over (?:the |a |an |two |three |four )?(?:former|ex-)",
    ),
    _cue(
        "delivering",
        True,
        "buyer",
        # (not "bought off the shelf for the first batch": a share of the order)
        r"\breceived (?:the |its |their )?first\b"
        r"|(?<!for the )\bfirst (?:batch|delivery|deliveries)\b"
        # a headline's "starts Akıncı deliveries to Uzbekistan"
        r"|\b(?:starts|started|begins|began|commences|commenced)\s+(?:(?-i:[A-Z0-9])[\w-]*\s+){1,3}?"
        r"deliveries\b"
        r"|\bwelcomed (?:the |its |their )?first\b"
        r"|\b(?:took|taken|takes|taking) delivery\b|\barrived in\b|\blanded\b|\barriving in\b"
        # "The Philippine Navy has commissioned BRP Samar, the first of two ... built by PT
        # PAL": a ship taken into service (not "commissioned a study")
        r"|\b(?:(?:has|have|formally|officially)\s+commissioned|commissions)\b(?!\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:study|"
        r"report|survey|review|analysis|research|feasibility|consultanc|firm|company|yard|"
        r"shipyard|design)\w*)(?!\s+(?:from|to)\b)"
        # "Romania continues to take delivery of the 18 Bayraktar TB2 drones"
        r"|\b(?:continu(?:es|ed|ing)|began|begun|started|starts)\s+to\s+take\s+delivery\b"
        # not "Saab has received an order from Thailand": an order is no arrival
        r"|\breceived\b(?! (?:an? |the |its |their )?(?:[\w-]+ )?"
        # nor "Embraer received confirmation that the Kenya Air Force selected": word of it
        r"(?:order|contract|request|bid|offer|approval|confirmation|word|notice|notification|"
        r"assurances?|letter|news|invitation|proposal))"
        # not "Nimr received Dh4.6bn for Jais vehicles": money for an award
        r"(?!\s+(?-i:[A-Z][A-Za-z]{0,2}\$?|[€£₹$₩¥])\s?\d)"
        # the present, as news has it: "as the FAR receive their new AH-64E Apaches" (a
        # bare "receive" is too often an order awaited or an aid package)
        # ... and a headline's "NAF receives first M-346 jets"
        r"|(?<!\bto )(?<!will )(?<!would )\breceives?\s+(?:(?:its|their)\s+(?:new|first)|"
        r"(?:the\s+)?first)\b"
        r"|\btouched down\b"
        # "announced on Tuesday the reception of 24 VN22 6x6 armoured vehicles" (a French
        # "réception", translated); not "receipt of the request"
        # (nor "will enter into force upon receipt of export licences")
        r"|(?<!upon )(?<!pending )(?<!after )(?<!to )(?<!on )"
        r"\b(?:reception|receipt)\s+of\b(?! (?:an? |the |its |their )?(?:[\w-]+ ){0,2}(?:orders?|"
        r"requests?|letters?|offers?|bids?|proposals?|notifications?|approvals?|payments?|funds?|"
        r"licen[cs]es?|permits?|authori[sz]ations?|financing|guarantees?))"
        # "The Pakistan Army formally inducted the Chinese-built Z-10ME": taken into service
        r"|\binduct(?:s|ed|ing)\b"
        # "The purchase follows delivery last year of two C295 aircraft": one done before
        r"|\b(?:follows?|followed|following|after)\s+(?:the\s+)?deliver(?:y|ies)\b"
        r"(?=(?:[^.;]|\.\d){0,30}?\bof\b)"
        r"|\b(?:been|is|are) receiving\b(?! (?:an? |the )?(?:\w+ )?(?:offers?|bids?))"
        # "is pushing for more patrol ships after receiving two decommissioned ... in 2023"
        r"|\b(?:after|since|following) receiving\b(?! (?:an? |the )?(?:\w+ )?(?:offers?|"
        r"bids?|orders?|approval|requests?))"
        # "ordered nine in 2021 and began receiving them last year"
        r"|\b(?:began|begun|begins|started|starts) (?:to receive|receiving|taking delivery)\b"
        # "deliveries to the UAE began earlier this year"
        r"|\bdeliveries\b(?=[^.;]{0,40}\b(?:began|begun|started|are under way|are underway)\b)"
        # not "was reached with", "reached an agreement": an agreement is no arrival
        r"|\barrived\b|(?:\breaches\b|(?<!was )(?<!were )(?<!been )\breached\b)(?! the front)"
        # not "as Talisman Sabre reaches peak", "exports reached a record"
        r"(?! (?:an? |its |their |the )?(?:new |all-time )?(?:peak|record|high|low|milestone"
        # "as the EFES-2026 exercise reached its climax": a drill's course
        r"|climax|culmination|conclusion|finale|height|halfway|final (?:stage|phase)"
        r"|level|stage|target|goal|capacity|maturity|\d"
        # "Embraer's backlog reached US$ 4.3 billion": a sum, no arrival
        r"|(?:[A-Z]{1,3})?[$€£¥₩]\s?\d|(?:USD|EUR|GBP)\s?\d))"
        r"(?! (?:an? |the )?(?:agreement|deal|settlement|understanding|consensus))",
    ),
    _cue(
        "delivering",
        True,
        "seller",
        r"\bhanded over\b|\bdonated\b|\bgifted\b|\b(?:has|have|had) (?:\w+ )?given\b"
        # (not "both governments have given the green light": a consent, no gift)
        r"(?! (?:the |its |their |an? |final |formal )?(?:green light|go-ahead|approval|"
        r"permission|consent|assurances?|guarantees?|notice|priority|the nod|nod)\b)"
        # "Croatia handed fourteen of its older Mi-8s to Ukraine", "Slovakia sent its only
        # S-300PMU battery to Ukraine" (not "sent a request for ... to Washington")
        r"|\b(?:handed|sent)\b(?! (?:an? |the |its |any |no )?(?:formal |official |written )?"
        r"(?:letter|request|delegation|message|team|troops|soldiers|officials|invitation|"
        r"proposal|note|signal|notification|notice|word|reply|response)s?\b)"
        # "handed two retired Ban Yas-class fast attack craft to the Somali Navy"
        # ("sent 28 M-55S tanks, its own upgraded version of the T-55, to Ukraine")
        r"(?=\s+(?:[\w'’-]+,?\s+){1,12}?to\s+(?:the\s+)?(?-i:[A-Z]))"
        # "Germany has already handed Ukraine three Patriot systems": a count after the
        # recipient (not "sent Washington a letter")
        r"|\b(?:handed|sent)(?=\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+"
        r"(?:the\s+(?:[\w-]+['’]s\s+)?)?(?:\d[\d,]*|two|three|"
        r"four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens|hundreds|its|their)\s)"
        # "KAI ships first KT-1 trainers to Senegal" (a headline's verb; not "the ships")
        r"|\b(?:ships|shipped)\s+(?=(?:the\s+|its\s+)?(?:first|final|last|\d[\d,]*|two|three|"
        r"four|five|six|seven|eight|nine|ten|eleven|twelve)\b[^.;]{0,60}?\bto\s+(?-i:[A-Z]))"
        # not "the committee gave the best score to the Spanish offer": no hand-over
        # ... nor "but gave no preferred system"
        r"|\bgave\b(?! (?:no|nothing|little|few)\b)"
        r"(?! (?:the |a |an |its |their )?(?:best|highest|top|better|green light|"
        r"go-ahead|approval|priority|score|points|assurances?|details?|figures?|interview|"
        # "the committees gave a favourable opinion to the request": a vote, no hand-over
        r"favou?rable|positive|unanimous|opinion|endorsement|backing|consent|mandate|nod))"
        # "the corvettes that Fincantieri has been handing over to Qatar since last year"
        r"|\b(?:been|is|are) (?:also |now |still )?(?:handing over|delivering)\b"
        r"|\btransferr(?:ed|ing)\b|\bsupplied\b"
        r"|\b(?:started|began|begun|starts|begins|continues|continuing) (?:to )?"
        r"(?:supplying|delivering|sending|handing over|transferring|supply|deliver|send|"
        r"transfer|hand over)\b"
        r"|\bdeliver(?:ed|s|ing)\b"
        r"(?! the (?:required |formal )?(?:certification|notification|report|statement|speech))"
        # not "two turboshaft engines, each delivering close to 2,000 shp": an output
        r"(?! (?:close to |up to |about |around |some |over |nearly |more than |roughly )?"
        r"[\d,.]+\s*(?:shp|hp|bhp|kw|kilowatts?|horsepower|kn|kilonewtons?|lbf|pounds)\b)",
    ),
    _cue(
        "signed",
        True,
        "buyer",
        r"\bbought\b|\bpurchased\b|\bacquired\b|\bprocured\b|\bordering\b"
        # not "the first bombing raids ordered under President Petro": an order to act
        r"|(?<!raids )(?<!strikes )(?<!attacks )(?<!operations )(?<!evacuation )"
        r"(?<!investigation )(?<!inquiry )(?<!withdrawal )(?<!offensive )\bordered\b"
        # "The Dominican Republic paid US$93.7 million for eight Super Tucanos"
        r"|\bpaid\b(?=(?:[^.;]|\.\d){0,40}\bfor\b)"
        # "has used its €100 billion special fund to pay for 35 F-35A fighter jets"
        r"|\b(?:used|uses|using)\s+(?:[\w'’€$£.,-]+\s+){1,6}?to pay for\b"
        # "placed a firm order", "placed a $3.8 billion order"
        r"|\bplaced (?:an?\s+|its\s+|their\s+)?(?:[\w$€£.,-]+\s+){0,4}?order\b|"
        r"\bagreed to (?:buy|purchase|acquire)\b|\bwill receive\b|"
        # "Under a separate contract, Uzbekistan will also take eight Super Mushshak"
        r"\bwill (?:also )?take (?=(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|\w+teen|\w+ty)\b)|"
        r"\bsigned for\b|\bsigns? for\b|\b(?:is|are) (?:acquiring|buying|purchasing)\b"
        # an order being awaited: "prepares to receive 12 AH-1Z", "awaits Turkish ships"
        r"|\b(?:prepar(?:es|ing)|set|expect(?:s|ing)?|due|scheduled|about) to receive\b"
        # not "is still awaiting even a formal request for proposal": a paper, no weapon
        r"|\bawait(?:s|ing)\b(?! (?:even )?(?:an? |the |its )?(?:formal |final |official )?"
        r"(?:request|decision|approval|clearance|tender|rfp|response|go-ahead|signature|contract|"
        r"funding|budget|green light|nod|verdict|ruling))"
        r"|\b(?:is|are|was|were|still|been)(?: also| still)? waiting for\b"
        r"|\bbeing (?:built|produced|manufactured|assembled)\b|\bunder construction\b"
        # "The UAE became the first foreign buyer in 2022 with an order for 10 batteries"
        r"|\bbec(?:ame|omes?|oming) (?:the |its |an? )?(?:first |second |third |latest |newest )?"
        r"(?:foreign |export |overseas |international )?(?:buyer|customer)\b",
    ),
    # a headline's or a brief's present tense: "(DALO) ORDERS 130 PATRIA 6X6 ARMOURED
    # PERSONNEL CARRIERS", "India buys 26 Rafale Marine jets" (weak: the body's "approved"
    # or "plans to buy" tells the stage)
    _cue(
        "signed",
        False,
        "buyer",
        r"\b(?:orders|buys)\s+(?=(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|\w+teen|\w+ty)\s)",
    ),
    # "TKMS has laid the keel of the first of two Type 209NG submarines for the Peruvian
    # Navy": a ship under construction is one under contract
    _cue(
        "signed",
        True,
        "seller",
        r"\b(?:laid|lays|laying|lay) the keel\b|\bkeel[- ]laying\b"
        r"|\b(?:cut|cuts|cutting) (?:the )?(?:first )?steel\b|\bsteel[- ]cutting\b",
    ),
    # A lease is a transfer too: "Japan leased five TC-90s to the Philippine Navy" (its
    # lessor), "the navy leases two Heron drones from Israel", "initially leased" (its user).
    _cue("signed", True, "seller", rf"\bleas(?:ed|es|ing)\b{_NOT_LEASED}(?=[^.;]{{0,80}}\bto\b)"),
    _cue("signed", True, "buyer", rf"\bleas(?:ed|es|ing)\b{_NOT_LEASED}"),
    # "announced a four-year lease of three Airbus H145M light helicopters": its noun, like
    # "the purchase of", weak
    _cue("signed", False, "buyer", r"\blease (?:of|for)\b"),
    _cue(
        "signed",
        True,
        "either",
        # not "as a sign that the Navy wants": a noun
        r"(?<!call )\b(?:(?<!\ba )(?<!\bthe )(?<!\bany )signs?|signed"
        # not "who was in Dubai for the signing": an event told, its paper named before
        r"|(?<!\bthe )signing|(?<=\bthe )signing(?=(?: [\w-]+){1,3} of\b))\b(?! (?:of|up))"
        # not "Ethiopia signs C-390 letter of intent": a step in talks, named after the type
        rf"(?! (?!(?:a|an|the|its|their)\b)(?:[\w-]+ ){{1,3}}(?:{_PAPERS_OF_TALKS})\b)"
        r"|\binked\b|\binks\b|\bfinali[sz]ed\b"
        # not "the Air Force concluded the Baana 25 exercise": an event, no contract
        r"|\bconcluded\b(?! (?:the |a |an |its |their )?(?:[\w-]+ ){0,3}?(?:exercises?|drills?|"
        r"visit|meeting|summit|tour|mission|operations?|training|war|campaign|investigation|"
        r"review|inquiry|study|trials?|tests?|season|deployment)\b)"
        r"|\bseal(?:ed|s)\b(?=(?:[^.;]|\.\d){0,60}\b(?:deal|agreement|contract|order|accord)\b)"
        r"|\bcontracted\b"
        r"|\bconfirm(?:s|ed)?\b(?=[^.,;]{0,40}\b(?:buy|order|purchase|deal|contract)\b)"
        # a maker's side of a signing: "Saab has received an order from Thailand"
        r"|\b(?:received|receives|won|wins|secured|secures|booked|books) (?:an? |the )?"
        # "received a follow-on order", "booked a 1.4 billion-krona order"
        r"(?:[\w$€£₹₩¥.,-]+ ){0,3}?(?:order|contract)\b"
        r"|\bagreed\b(?! with\b)"
        # (not "agreed in 2024 to explore joint production of AMRAAMs": talks to come)
        r"(?!(?:\s+in\s+\d{4}|\s+last\s+\w+|\s+on\s+\w+)?\s+to\s+(?:explore|study|consider|"
        r"examine|look into|discuss|pursue|work towards?|continue talks|hold talks|negotiate)\b)",
    ),
    # "The second contract ... will see Elbit supply 18 ATMOS 2000 howitzers to Thailand":
    # the word before the supplier stands for its verb
    _cue(
        "signed",
        True,
        "seller",
        r"\bwill (?:see|have)"
        r"(?= (?:(?-i:[A-Z])[\w'’-]*\s+){1,3}(?:supply|deliver|provide|build)\b)",
    ),
    # "Under the agreements, Turkmenistan will acquire Bayraktar AKINCI ...": what the
    # signed papers bind the buyer to
    _cue(
        "signed",
        True,
        "buyer",
        r"(?:(?<=\bUnder the agreement, )|(?<=\bUnder the agreements, )|(?<=\bUnder the deal, )"
        r"|(?<=\bUnder the contract, ))"
        r"(?:[\w-]+\s+){1,3}?will (?:also )?(?:acquire|buy|purchase|get)\b",
    ),
    # "The council awarded Dh1.07bn to Airbus Helicopters for six H160M": the one who
    # awards buys (not "Hanwha was awarded a contract", the seller's)
    _cue(
        "signed",
        True,
        "buyer",
        r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )"
        r"\bawarded\s+(?:an?\s+|the\s+|its\s+)?(?:[^.;,]|\.\d){0,40}?\s+to\b"
        r"(?=\s+(?-i:[A-Z])|\s+the\s)",
    ),
    # "The Royal Thai Army has exercised an option for three more AW149s": an order
    _cue(
        "signed",
        True,
        "buyer",
        r"\bexercis(?:ed|es|ing) (?:an?|the|its|their) (?:[\w-]+ )?options?\b",
    ),
    _cue(
        "signed",
        True,
        "seller",
        # (not "We are sold out on NSM for years ahead": demand, no sale)
        r"\bsold\b(?! out\b)"
        r"|\bwill (?:supply|deliver|sell|transfer|hand over|send)\b"
        + _NOT_A_SERVICE
        + r"|\bwill (?:provide|give)\b"
        + _NOT_A_SERVICE
        + _NOT_A_QUALITY
        + r"|\bwould (?:\w+\s+)?(?:supply|deliver|provide)\b"
        + _NOT_A_SERVICE
        # not "China proposed to supply K-8 trainers", "a Chinese proposal to supply": an offer
        + r"|(?<!proposed )(?<!proposes )(?<!proposal )(?<!proposals )(?<!offered )(?<!offers )"
        r"(?<!offer )\bto supply\b|\bawarded\b.{0,40}\bcontract\b"
        # "Edge subsidiary Nimr received Dh4.6bn for Jais 4x4 armoured vehicles": an award
        r"|" + _MONEY_AWARDED_TEXT,
    ),
    _cue(
        "signed",
        False,
        "buyer",
        r"\b(?:purchase|acquisition|procurement|order) (?:of|for)\b|\bpurchase\b|\border\b"
        # not "which matters a great deal for mixed formations": a measure, no deal
        r"|(?<!great )(?<!good )\bdeal\b|\bcontract\b|\bagreement\b",
    ),
    # "The defence committees of the Romanian Parliament approved the purchase of 298 Lynx
    # KF41": a buyer's own approval of what it buys
    _cue(
        "approved",
        True,
        "buyer",
        r"\bapprov(?:ed|es|ing)\s+(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+){0,6}?"
        r"(?:purchase|acquisition|procurement)\b",
    ),
    _cue(
        "approved",
        True,
        "seller",
        # "it had notified Congress of the proposed transfer of 40 M2A2 ODS Bradleys"
        r"\bnotif(?:ied|ies|y|ying)\s+(?:the\s+)?(?:U\.?S\.?\s+)?Congress\b"
        r"|\bcongressional\s+notification\b",
    ),
    # "KOSOVO CLEARED FOR JAVELINS", "Kuwait was cleared to buy four MQ-9Bs": the buyer
    # cleared
    _cue(
        "approved",
        True,
        "buyer",
        r"\bcleared\s+(?:for|to\s+(?:buy|purchase|acquire|receive|order))\b(?!\s+(?:sale|export)\b)",
    ),
    _cue(
        "approved",
        True,
        "seller",
        r"\bapprov(?:ed|es|ing|al)\b|\bclearance\b|\bclear(?:ed|s)\b"
        # not "29 squadrons against an authorised strength of 42": a force's size
        r"|\bauthori[sz](?:ed|ation)\b(?! (?:strength|level|ceiling|establishment|size)\b)"
        r"|\bgreen[- ]?light(?:ed)?\b|\bpossible (?:Foreign Military )?sale\b"
        r"|\bexport licen[cs]e\b"
        # a government's package of military aid: committed, not yet handed over
        r"|\b(?:military|security) (?:aid|assistance) package\b|\b(?:aid|donation) package\b"
        r"|\bdecided to (?:donate|give|send|supply|transfer|hand over)\b"
        # a US notice's case: "The larger case, estimated at $1.16 billion, covers three"
        r"|\b(?:case|notification|notice)\b[^;]{0,60}?\b(?:covers|is for|includes)\b"
        # "The third notification would give Slovakia 12 AH-1Z Viper helicopters"
        r"|\b(?:notification|notice)\s+would\s+(?:give|provide|allow)\b",
    ),
    _cue(
        "negotiating",
        True,
        "either",
        r"\bnegotiat\w*|\bin talks\b|\btalks\b|\bdiscussions?\b|\bnearing a deal\b"
        r"|\bclose to (?:a deal|signing)\b"
        # "Hanwha had been named preferred bidder by Jordan for 24 K9A1 howitzers"
        r"|\bpreferred (?:bidder|supplier|contractor)\b",
    ),
    _cue(
        "negotiating",
        True,
        "buyer",
        r"\bselect(?:ed|ing|s)\b|\bchosen\b|\bchose\b|\bpick(?:s|ed)?\b",
    ),
    _cue(
        "proposed",
        True,
        "buyer",
        r"\bplans? to (?:buy|purchase|acquire|order|procure)\b|\bconsider(?:s|ing|ed)?\b"
        # (not "Tokyo is also considering offering retired SH-60J helicopters to Manila":
        # a giver's thought of an offer, no offer yet)
        r"(?! (?:offering|selling|transferring|donating|giving|exporting|handing)\b)"
        # (nor "are considered expensive to keep flying", "is considered essential": a view)
        r"(?!(?<=considered)\s+(?:too\s+|very\s+|highly\s+)?(?:expensive|costly|obsolete|"
        r"outdated|unreliable|cheap|ineffective|effective|essential|vital|important|critical|"
        r"necessary|the\s+\w+est|one\s+of)\b)"
        r"|\bseek(?:s|ing)? to (?:buy|acquire)\b|\bwants? to (?:buy|acquire)\b"
        r"|\brequest(?:ed|s)? to (?:buy|purchase|acquire)\b|\bhas requested\b"
        r"|\bask(?:ed|s)? to (?:buy|purchase|acquire)\b"
        # "formally asked Washington for Stryker vehicles", "a formal request ... for"
        r"|\bask(?:ed|s)?\s+(?:[\w'’-]+\s+){1,3}?for\b|\brequest\s+(?:[\w'’-]+\s+){0,3}?for\b"
        # not a "request for proposal" or "for information": a step of a tender, no weapon
        r"(?!\s+(?:proposals?|information|quotations?|tenders?|bids?|expressions? of interest)\b)"
        r"|\blooking to (?:buy|acquire)\b|\bintends? to (?:buy|acquire)\b"
        # not "officials have repeatedly expressed interest in the F-35": talk, no request
        r"|(?<!expressed )(?<!expresses )(?<!voiced )(?<!shown )(?<!showed )"
        r"(?<!expressed their )(?<!expressed its )(?<!expressed strong )"
        r"\binterest(?:ed)? in\b"
        # not "drawing strong interest in Europe": a market, no buyer
        r"(?! (?:Europe|Asia|Africa|Latin America|the Middle East|the Gulf|the region|the market"
        r"|South America|North America|Southeast Asia|the Asia-Pacific|the Indo-Pacific)\b)"
        r"|\bshortlist\w*"
        r"|\bexplor(?:ed|ing|es) purchases?\b|\bwill (?:buy|purchase|acquire)\b"
        r"|\bpropos(?:es|ed|ing) (?:the |to )?(?:procurement|purchase|acquisition|buy|procure)\b"
        # "holds on a proposed $2.1 billion sale of AH-64E Apache helicopters to Egypt"
        # (not "The proposed sale will improve ...", a notice's own approved sale told again)
        r"|\b(?:an?|its)\s+proposed\s+(?:[\w$€£.,-]+\s+){0,3}?(?:sale|purchase|acquisition|deal"
        r"|transfer)\b",
    ),
    _cue(
        "proposed",
        True,
        "seller",
        # not "the IRIS-T offered the best delivery schedule": a merit, no offer
        # nor "a letter of offer and acceptance": a Foreign Military Sale's contract paper
        r"(?<!letter of )(?<!letters of )(?<!considering )(?<!weighing )(?<!mulling )"
        r"\boffer(?:ed|s|ing)?\b(?! (?:the |a |an )?(?:best|better|greater|more|most|higher|"
        # "a deal that critics said offered little value for money"
        r"little|poor|good|excellent|real|value|"
        r"lower|longer|shorter|superior|faster|cheaper|quicker|earlier|"
        # "the ATMOS offers flexibility on several truck chassis": a quality
        r"flexibility|advantages?|benefits?|mobility|protection|firepower|range|endurance|"
        r"performance|savings|commonality|versatility|growth potential|reach|accuracy)\b)"
        # nor "has offered to train Cypriot gun crews": a service, no supply
        r"(?! to (?:train|help|host|share|maintain|repair|service|overhaul|upgrade|"
        r"modernise|modernize|mediate|assist|advise|support)\b)"
        r"|\bpledged\b|\bcommitted\b"
        # "Sweden has proposed transferring one of its submarines to Poland"
        r"|\bpropos(?:ed|es|ing|als?) (?:to )?"
        r"(?:transfer|supply|sell|provide|give|deliver|lease)\w*"
        # "Under the arrangement, Croatia would hand 30 of its M-84 tanks to Ukraine"
        r"|\bwould (?:hand|give|send|transfer|donate)\b",
    ),
    # The seller's nouns: "a contract with Lithuania for the sale of two vessels".
    _cue("signed", False, "seller", r"\b(?:sale|transfer|export|supply) of\b|\bfor transfer to\b"),
    # A seller's infinitive says who sells, not how far the deal is: weak.
    _cue(
        "signed",
        False,
        "seller",
        r"\bto (?:sell|supply|provide|export|transfer|give|hand over)\b" + _NOT_A_SERVICE,
    ),
)
# Said of the future: "deliveries are expected in 2026", "will be delivered by 2025".
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|could|can|might|may|to be|are to|is to|expected to|due to|set to|"
    r"scheduled to|plans? to|considering|consider|planning|proposes|proposed)"
    r"\s+(?:be\s+|begin\s+|start\s+)?$",
    re.IGNORECASE,
)
# "the first King Stallions will arrive in 2025, with the remainder delivered by 2030",
# "scheduled to arrive in 2031, with four to six jets delivered each year after that":
# the rest of a future delivery is future too
_REST_TO_COME = re.compile(
    r"\b(?:will|would|to be|due to|expected to|scheduled to|set to)\b[^.;]*,\s+with\s+"
    r"(?:the\s+)?(?:remainder|rest|others|last|final(?:\s+\w+)?|remaining(?:\s+\w+)?|"
    r"(?:[\w-]+\s+){1,4}?(?:aircraft|jets|ships|vessels|boats|units|systems|more|others))\s+"
    r"(?:to be\s+)?$",
    re.IGNORECASE,
)
# "will be built at Donauwörth and delivered from late 2027": a participle joined to a
# future one
_FUTURE_COORDINATED = re.compile(
    r"\b(?:will|would|are to|is to)\s+be\s+\w+\b[^.;]{0,100}\band\s+$", re.IGNORECASE
)
_FUTURE_AFTER = re.compile(
    r"^\s+(?:are|is)?\s*(?:expected|due|scheduled|planned|set)\b", re.IGNORECASE
)
# An idea or a possibility put about, no deal's step: "raised the idea of a swap in which
# Germany would supply Taurus missiles to Britain", "floated selling"
_AN_IDEA = re.compile(
    r"\b(?:(?:the|an|a)\s+)?(?:idea|possibility|notion|suggestion)\s+of\b[^.;:]{0,80}$"
    r"|\b(?:floated|mooted|floating|mooting)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
# "all of which were handed over by 2020": every one, whatever else the sentence says
_ALL_OF_THEM = re.compile(
    r"\ball\b(?:\s+(?:of\s+)?(?:which|them|the\s+\w+))?\s+(?:were|have\s+been|had\s+been)\s+$"
    # "was fully delivered in 2024"
    r"|\b(?:fully|completely|entirely)\s+$",
    re.IGNORECASE,
)
# What says a delivery is part of an order: "the first six of 24", "a batch", "begun".
_PARTIAL = re.compile(
    r"\b(?:first|initial|first batch|batches|some|part of|remaining|rest of|began|begun|beginning|"
    r"start(?:ed|s|ing)?|continu\w+|so far|of (?:the |its |their )?[\w,-]+ (?:ordered|on order)|"
    # ... "Otokar is also delivering Arma 8x8 vehicles to Kazakhstan"
    r"(?:been|is|are) (?:also |now |still )?(?:receiving|handing over|delivering)|"  # under way
    r"(?:is|are) (?:now )?being (?:delivered|handed over|received)|"
    r"(?:second|third|fourth|fifth|another|latest|next) (?:batch|tranche|shipment)|"
    r"out of|more to come|in stages|in several|tranche|half|the rest|"
    # "Three more ex-Norwegian F-16s touched down": another batch
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+) more|"
    # "Myanmar Air Force Inducts More Chinese-Made FTC-2000G Jets": more of an order
    r"(?:inducts?|inducted|receives?|received|gets|got|welcomes?|welcomed) more|"
    r"bring(?:s|ing)? the total|\w+ of the \d[\d,]*|remainder|more than \d[\d,]*|"
    r"well over \d[\d,]*|"
    # "delivered the fifth of 12 IRIS-T SLM systems"
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)) of "
    r"\d[\d,]*|"
    # "the eighth aircraft arrived": one of a series, not the whole order
    r"(?:the|delivers|receives|gets) (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth) (?:[\w-]+ )?"
    r"(?:aircraft|jets?|fighters?|ships?|vessels?|boats?|submarines?|frigates?|corvettes?|"
    r"tanks?|helicopters?|batch|units?|systems?)|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty) of the "
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty))\b",
    re.IGNORECASE,
)
# A clause set against another: "took delivery of 12 A-29 ... in 2021, while the first of
# 24 M-346 jets ordered from Italy arrived last year" (the first of those is not of these)
_CONTRAST = re.compile(r",\s+(?:while|whereas|but)\s", re.IGNORECASE)


# ... though the rest set against a delivery are of the same order: "two ... have been
# delivered, while the remaining two are being built in Karachi"
_THE_REST = re.compile(
    r"\b(?:remaining|the rest|remainder|more to come|others? (?:are|is|will))\b", re.IGNORECASE
)


def _contrast_part(text: str, offset: int) -> str:
    """The part of a sentence, between contrasting clauses, that holds `offset`."""
    start, end = 0, len(text)
    for mark in _CONTRAST.finditer(text):
        if mark.end() <= offset:
            start = mark.end()
        elif mark.start() >= offset:
            end = mark.start()
            break
    return text[start:end]


# One of an order here: "it was the first of "several" Akıncıs ordered from Turkey".
_FIRST_OF_THE_ORDERED = re.compile(
    r"\b(?:is|was|were|are) the (?:first|second|third|latest|last|\w+th) (?:\w+ )?of\b[^.;]*$",
    re.IGNORECASE,
)
_MAY_BE_OR = re.compile(
    r"\b(?:would|could|might|may|will|should|to)\s+be\s+\w+(?:\s+\w+){0,2}\s+(?:or|and)\s+$",
    re.IGNORECASE,
)
_MAY_BE = re.compile(r"\b(?:would|could|might|may|should|to)\s+be\s+$", re.IGNORECASE)
# Who arrives on a deployment, not as a delivery: "The German contingent arrived".
_DEPLOYED = re.compile(
    r"\b(?:contingent|detachment|delegation|deployment|troops|personnel|crews?|team|"
    r"task group|task force)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "Indonesia is deploying its F-16 fighters ... and will send a CN235": what a state
# sends after deploying goes with its own forces
# (not "Germany, which deployed Patriot to Poland, will send two more to Ukraine")
_DEPLOYING = re.compile(
    r"\b(?:is|are|was|were|will be) deploying\b|\bwill (?:also )?deploy\b", re.IGNORECASE
)
# "the first time Sweden has sent a unit of that size to Latvia": forces sent, no goods
_TROOPS_SENT = re.compile(
    r"\s+(?:an?\s+|its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?(?:units?|battalions?|brigades?|"
    r"companies|contingents?|troops|detachments?|task forces?|soldiers|personnel|instructors)\b",
    re.IGNORECASE,
)
# "what can actually be delivered on short timelines": a capacity, no delivery
# A part's maker, not a weapon's supplier: "a radar supplied by Israel's Elta Systems".
# A radar or sonar is a part only where a platform comes "with" it ("air surveillance
# radars supplied by Japan's Mitsubishi Electric" are the weapons sold).
_PART_SUPPLIED = re.compile(
    r"(?:\b(?:engines?|avionics|electronics|turrets?|optics|seekers?|transmissions?|"
    r"gearbox(?:es)?|components?|parts|sub-?systems?|powerplants?|mission suites?)"
    r"|\bwith\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,5}?(?:radars?|sensors?|sonars?))"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_CAN_BE = re.compile(r"\b(?:can|could|cannot|can't)\s+(?:\w+\s+)?be\s+$", re.IGNORECASE)
# A delivery or signing a condition waits for: "until the new aircraft are delivered".
_AWAITED = re.compile(r"\b(?:until|once|unless|if|till)\b[^,.;]{0,50}$", re.IGNORECASE)
_PAPER_RECEIVED = re.compile(
    r"\b(?:requests?|orders?|contracts?|bids?|offers?|approvals?|consent|applications?|"
    r"letters?)\b[^.;]{0,40}\b(?:has|have|had|was|were)\s+(?:been\s+)?$",
    re.IGNORECASE,
)
# "We want the contract signed as soon as possible": a wish, still to come.
_WISHED = re.compile(
    r"\b(?:wants?|wanted|hop(?:es?|ed|ing)|aim(?:s|ed|ing)?|expect(?:s|ed|ing)?|would like)\s+"
    r"(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# "has yet to approve", "there are no active export discussions"; "The notification does
# not mean a contract has been signed"
_NEGATED = re.compile(
    r"\b(?:not|never|no|none of (?:the|its|their|them)|refus\w+ to|yet to)\s+(?:\w+\s+){0,2}$"
    r"|\bnot\s+(?:mean|imply|indicate|signal|guarantee)\s+(?:that\s+)?(?:[\w-]+\s+){0,4}$"
    # "yet Harare has neither the cash nor, apparently, the appetite to sign"
    r"|\bnor\b[^.;]{0,36}$",
    re.IGNORECASE,
)


# A question put, not an act: "Asked whether Washington would offer HIMARS to Thailand"
_ASKED = re.compile(
    # "Asked by PREMIUM TIMES after the session whether the NAF had accepted an offer"
    r"\b(?:ask(?:ed|ing|s)?|wonder(?:ed|ing|s)?|question(?:ed|ing|s)?)\s+(?:[\w-]+\s+){0,6}"
    r"(?:whether|if)\b[^.;:,\"“”]{0,60}$",
    re.IGNORECASE,
)


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """Every cue in a sentence, earliest first; a phrase counts once, as its first
    (most specific) reading, strong readings before weak ones ("plan to purchase" is a
    plan, not a purchase); a negated cue ("has yet to approve") is left out."""
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for status, strong, side, pattern in sorted(_CUES, key=lambda cue: not cue[1]):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < used_end and used_start < end for used_start, used_end in taken):
                continue
            before = text[max(0, start - 40) : start]
            if (
                _NEGATED.search(before)
                or before.endswith("-")
                or _ASKED.search(text[max(0, start - 140) : start])
            ):
                continue  # "has yet to approve"; "Western-supplied aircraft": an adjective
            if _AN_IDEA.search(text[max(0, start - 120) : start]):
                continue  # "raised the idea of a swap in which Germany would supply Taurus"
            future = bool(
                _FUTURE_BEFORE.search(before)
                or _FUTURE_COORDINATED.search(text[max(0, start - 140) : start])
                or _REST_TO_COME.search(text[:start])
                or _FUTURE_AFTER.match(text[end:])
                or (status in ("delivering", "delivered") and _AWAITED.search(before))
                or _WISHED.search(before) is not None
            )
            if status in ("delivering", "delivered") and (future or _CAN_BE.search(before)):
                continue  # a delivery to come (or that could come) says nothing of the stage
            if (
                status in ("delivering", "delivered")
                and re.search(r"\bthe\s+$", before, re.IGNORECASE)  # not "those landed"
                and re.fullmatch(r"[a-z]+ed", match.group())
                and re.match(r" [a-z]", text[end:])
            ):
                continue  # "To make up for the donated vehicles, ... ordered 34 new Piranha V"
            if status in ("delivering", "delivered") and _DEPLOYED.search(before):
                continue  # "The German contingent arrived ... with A400M": a deployment
            if re.search(r"\bsen[dt]", match.group(), re.I) and (
                _DEPLOYING.search(text[:start]) or _TROOPS_SENT.match(text[end:])
            ):
                continue  # "is deploying its F-16s ... and will send a CN235": to an exercise
            if (
                side == "seller"
                and _PART_SUPPLIED.search(text[max(0, start - 100) : start])
                and text[end:].startswith(" by")
            ):
                continue  # "with an AESA radar supplied by Israel's Elta": a part's maker
            if status == "signed" and strong and _WISHED.search(before):
                status = "negotiating"  # "expects to sign the NASAMS contract next year"
            if status == "signed" and strong and _AWAITED.search(before):
                continue  # "in service by 2027 if contracts were signed": not signed yet
            if (
                status in ("delivering", "delivered")
                # "a contract for four radars, which were delivered in 2021" is delivered
                and match.group().lower().startswith("receiv")
                and _PAPER_RECEIVED.search(text[max(0, start - 90) : start])
            ):
                continue  # "no formal request ... has been received": no arrival
            if status in ("delivering", "delivered") and _MAY_BE_OR.search(before):
                continue  # "would be purchased separately or supplied by Polish industry"
            if status == "signed" and strong and _FIRST_OF_THE_ORDERED.search(before):
                status = "delivering"  # "it was the first of several Akıncıs ordered"
            if status == "signed" and strong and _MAY_BE.search(before):
                status = "proposed"  # "11 frigates would be acquired": a plan
            if status == "delivering" and (
                not (_PARTIAL.search(_contrast_part(text, start)) or _THE_REST.search(text))
                or _ALL_OF_THEM.search(before)
            ):
                status = "delivered"  # "took delivery of the S-400 in 2019": all of it
            taken.append((start, end))
            found.append(
                Cue(status, strong, side, start + offset, end + offset, match.group(), future)
            )
    return _purposes_of_talks(sorted(found, key=lambda cue: cue.start), text, offset)


def _purposes_of_talks(cues: list[Cue], text: str, offset: int) -> list[Cue]:
    """ "signed a framework agreement with Peru's FAME to supply 54 K2", "has chosen
    Sweden's Saab to supply three submarines": the supply is what the talks or the choice
    are about, not a signing (its side still says who supplies)."""
    read: list[Cue] = []
    for cue in cues:
        talks = next((c for c in reversed(read) if _talks_or_choice(c)), None)
        if (
            talks is not None
            and cue.status == "signed"
            and cue.text.lower().startswith("to ")
            and cue.start - talks.end <= 80
            and not re.search(r"[.;:]", text[talks.end - offset : cue.start - offset])
        ):
            cue = replace(cue, status=talks.status)
        read.append(cue)
    return read


_CHOICE = re.compile(r"select|chos|pick", re.IGNORECASE)


def _talks_or_choice(cue: Cue) -> bool:
    return cue.status == "negotiating" or (
        cue.status == "proposed" and bool(_CHOICE.match(cue.text))
    )


# --- the condition: new or second-hand -----------------------------------------------------

# "from its reserve stocks", "drawn from French Air Force stocks": used equipment.
FROM_STOCKS = re.compile(
    # not "buys from several countries and keeps stocks of spares": another clause's
    # (but "from the French Air and Space Force inventory")
    r"\bfrom (?:(?!(?:and|or|but) (?-i:[a-z]))[\w'’-]+ ){1,7}?"
    r"(?:stocks|inventory|inventories|reserves|surplus|fleet)\b"
    # not "a lesson drawn from the war in Ukraine"
    r"|\bdrawn from\b(?! (?:the |a |an )?(?:\w+ )?(?:war|wars|conflict|experience|lessons?|"
    r"fighting|battles?|combat|history|studies|analysis|exercises?)\b)"
    r"|\bdonated\b|\bgifted\b|\bex-service\b|\bsurplus\b"
    r"|\b(?:retired|withdrawn|decommissioned) (?:from|by)\b|\(ex-(?-i:[A-Z])"
    r"|\b(?:transferred|taken|drawn) from (?:the )?(?:[\w'’-]+ ){0,3}(?:Air Force|Navy|Army)\b"
    r"|\b(?:currently|still) in service with\b"
    # "from the Swedish Air Force"
    r"|\bfrom the (?:(?-i:[A-Z])[\w'’-]+ ){1,3}(?:Air Force|Navy|Army)\b"
    r"|\b(?:bought|acquired|purchased|procured)\s+(?:used|second-?hand)\b",  # "bought used from"
    re.IGNORECASE,
)
SECOND_HAND = re.compile(
    r"^(?:used|second-?hand|surplus|ex-[\w.]+|former|pre-owned|refurbished|decommissioned|"
    r"retired|excess|donated|old)$",
    re.IGNORECASE,
)
NEW = re.compile(r"^(?:new|newly-built|brand-new|new-build)$", re.IGNORECASE)
# Words that can stand between a quantity and what it counts.
FILLERS = word_set(
    "additional more further extra of the its their units unit batteries battery "
    "systems system advanced modern upgraded latest light main battle heavy medium "
    "multirole multi-role combat fighter fighters attack transport utility self- "
    "propelled long-range air defence defense missile missiles block first last "
    "remaining as many up to about some around nearly almost over at least another "
    "and mobile naval coastal "
    "larger bigger smaller heavier lighter newer older faster armed armoured armored tactical "
    "forces force navy army"  # "thirteen ex-Canadian Forces CF-5A", "two ex-Royal Navy"
)
# Nouns a quantity can count in place of the platform's name ("the sale of 40 jets").
COUNTED = re.compile(
    r"^(?:jets?|aircraft|fighters?|planes?|helicopters?|choppers?|tanks?|howitzers?|"
    r"launchers?|systems?|units?|batteries|ships?|vessels?|boats?|frigates?|corvettes?|"
    r"submarines?|drones?|missiles?|vehicles?|guns?|radars?|destroyers?|trainers?|"
    r"tankers?|carriers?|apcs?|ifvs?|trucks?|interceptors?|torpedoes?|satellites?|"
    r"airlifters?|transports?|gunships?|cutters?|minehunters?|sets?|docks?|uavs?|ucavs?|craft)$",
    re.IGNORECASE,
)
