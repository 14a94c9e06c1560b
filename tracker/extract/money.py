"""Money as articles write it: "$8.7bn", "US$1.2 billion", "€2.5 billion", "£5bn",
"1.3 trillion won", "Rs 72,000 crore", "A$3.4 billion", "NOK 10 billion", "2 billion
euros". A bare "$" is US dollars unless the article is from an outlet, or names a
dollar, that says otherwise (AUD in an Australian outlet)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.money import SCALE_WORDS, SYMBOL_CURRENCIES, currency_codes

# The scale words SIPRI comments use too, and those news adds.
_SCALES = {
    **SCALE_WORDS,
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "mln": Decimal(10) ** 6,
    "tn": Decimal(10) ** 12,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,  # "Rs 63,000 cr"
    "trn": Decimal(10) ** 12,  # "N1.2trn"
    "lakh": Decimal(10) ** 5,
    # "RM1.18bil", "RM96mil": the Malaysian press's abbreviations
    "bil": Decimal(10) ** 9,
    "mil": Decimal(10) ** 6,
    # "260 millions of dollars": text translated word for word from Spanish or French
    "millions": Decimal(10) ** 6,
    "billions": Decimal(10) ** 9,
}
# Before the number: symbols (longest first, so "US$" wins over "$"); every ISO 4217 code
# is known too (`_CODES`), "RMB" besides.
_SYMBOLS = {
    **SYMBOL_CURRENCIES,
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    # the Australian and New Zealand press writes the code after the sign: "$US1.9bn"
    "$US": "USD",
    "$A": "AUD",
    "$NZ": "NZD",
    "R$": "BRL",
    "NT$": "TWD",
    "¥": "JPY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₱": "PHP",
    "SR": "SAR",
    "QR": "QAR",
    "Dh": "AED",
    "Dhs": "AED",
    "KD": "KWD",
    "RM": "MYR",
    "Rp": "IDR",
    "₦": "NGN",
    "GH¢": "GHS",
    "Tk": "BDT",
    "Tk.": "BDT",
    "GH₵": "GHS",
    "N": "NGN",  # "N186 billion" in Nigerian outlets; a scale is then required
    "NIS": "ILS",
    "₪": "ILS",
    "E£": "EGP",
    "฿": "THB",
    "₫": "VND",
    "S/": "PEN",
    "KSh": "KES",
    "KShs": "KES",
    "Ksh": "KES",
    "USh": "UGX",
    "UShs": "UGX",
    "TSh": "TZS",
    "TShs": "TZS",
    # East African outlets' "Shs412 billion": the shilling of the state the text is
    # about (see `_HOME_NAMED`); a scale is then required, as for "N"
    "Shs": "KES",
    "Sh": "KES",
    "TT$": "TTD",
    "RD$": "DOP",  # Dominican pesos: "RD$2,450 million"
    "J$": "JMD",
    "N$": "NAD",
    "BZ$": "BZD",
    # Gulf outlets' "RO 231 million" (Omani rials), "BD 50 million" (Bahraini dinars); a
    # scale is then required, as for "N"
    "RO": "OMR",
    "BD": "BHD",
    # "P2.1 billion": Philippine pesos in Manila's press, pula in Botswana's (`_HOME_NAMED`)
    "P": "PHP",
    # "a contract worth K612 million": Zambian kwacha, Malawian by the story's state
    "K": "ZMW",
    # "Q412 million (about US$53 million)": quetzales, only in a story of Guatemala
    "Q": "GTQ",
    # "R860 million (around US$49 million)": South African rand, with a scale only
    "R": "ZAR",
}
_HOME_SYMBOLS = {"Shs": "shillings", "Sh": "shillings", "P": "P", "K": "K", "Q": "Q"}
# Symbols that are money only in a story of their home ("Q3" is a quarter elsewhere).
_HOME_ONLY = {"Q"}
# Short symbols that are words or initials too: money only with a scale ("RO 231 million").
_SCALE_REQUIRED = {"N", "R", "RO", "BD", *_HOME_SYMBOLS}
# After the number (and its scale): currency names.
_SUFFIXES = {
    "dollars": "USD",
    "dollar": "USD",  # "a 195-million-dollar contract"
    "us dollars": "USD",
    # "a 195-million-U.S.-dollar loan", "195 million U.S. dollars" (Xinhua's style)
    "u.s. dollars": "USD",
    "u.s. dollar": "USD",
    "u.s.-dollar": "USD",
    "u.s.-dollars": "USD",
    "us dollar": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pound": "GBP",  # "a 452 million pound contract" (with a scale: "a 2,000-pound bomb" weighs)
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "won": "KRW",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "shekels": "ILS",
    "lira": "TRY",
    "liras": "TRY",
    "riyals": "SAR",
    "dirhams": "AED",
    "rand": "ZAR",
    "zlotys": "PLN",
    "zloty": "PLN",
    "kroner": "NOK",
    "krone": "NOK",  # "a 1.1 billion-krone order"; Danish in a story of Denmark
    "kronor": "SEK",
    "swedish kronor": "SEK",
    "norwegian kroner": "NOK",
    "danish kroner": "DKK",
    "swiss francs": "CHF",
    "francs": "CHF",
    "ringgit": "MYR",
    "baht": "THB",
    "pesos": "PHP",
    "rupiah": "IDR",
    "reais": "BRL",
    "real": "BRL",
    "peso": "PHP",
    "crowns": "NOK",
    "crown": "NOK",  # "a 3.4 billion crown contract" (with a scale only)
    "norwegian crowns": "NOK",
    "swedish crowns": "SEK",
    "danish crowns": "DKK",
    "czech crowns": "CZK",
    "koruna": "CZK",
    "korunas": "CZK",
    "złoty": "PLN",
    "złotys": "PLN",
    "krona": "SEK",
    "philippine pesos": "PHP",
    "mexican pesos": "MXN",
    "forints": "HUF",
    "lei": "RON",
    "hryvnias": "UAH",
    "tenge": "KZT",
    "naira": "NGN",
    "dinars": "KWD",
    "dinar": "KWD",
    "dirham": "AED",
    "riyal": "SAR",
    "rials": "IRR",
    "shillings": "KES",
    "cfa francs": "XOF",
    "moroccan dirhams": "MAD",
    "emirati dirhams": "AED",
    "shekel": "ILS",
    "dong": "VND",
    "soles": "PEN",
    "zł": "PLN",
    "kč": "CZK",
    "qatari riyals": "QAR",
    "saudi riyals": "SAR",
    "kuwaiti dinars": "KWD",
    "egyptian pounds": "EGP",
    "chilean pesos": "CLP",
    "colombian pesos": "COP",
    "argentine pesos": "ARS",
    # a name with its state's adjective: "3.2 billion Czech korunas", "K2.4 billion kwacha"
    "czech korunas": "CZK",
    "czech koruna": "CZK",
    "kwacha": "ZMW",
    "zambian kwacha": "ZMW",
    "malawian kwacha": "MWK",
    "brazilian reais": "BRL",
    "brazilian real": "BRL",
    "kenyan shillings": "KES",
    "ugandan shillings": "UGX",
    "tanzanian shillings": "TZS",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
    "nepalese rupees": "NPR",
    "nepali rupees": "NPR",
    "taka": "BDT",
    "bangladeshi taka": "BDT",
    "cedis": "GHS",
    "ghanaian cedis": "GHS",
    "nigerian naira": "NGN",
    "south african rand": "ZAR",
    "turkish lira": "TRY",
    "russian roubles": "RUB",
    "russian rubles": "RUB",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "hungarian forints": "HUF",
    "romanian lei": "RON",
    "ukrainian hryvnias": "UAH",
    "algerian dinars": "DZD",
    "serbian dinars": "RSD",
    "jordanian dinars": "JOD",
    "iraqi dinars": "IQD",
    "omani rials": "OMR",
    "manat": "AZN",
    "manats": "AZN",
    "azerbaijani manat": "AZN",
    "tugriks": "MNT",
    "som": "KGS",
    "soms": "KGS",
    "kyrgyz soms": "KGS",
    # Uzbekistan's sum, written "soum" in English-language Uzbek press
    "soum": "UZS",
    "soums": "UZS",
    "uzbek soums": "UZS",
    "uzbek sums": "UZS",
    "kyat": "MMK",
    "bolivianos": "BOB",
    "guaranies": "PYG",
    "guaraníes": "PYG",
    # Bosnia's convertible marks: "78.5 million KM" (only with a scale: "km" is a distance)
    "km": "BAM",
    "convertible marks": "BAM",
    "leva": "BGN",
    "lev": "BGN",
    "levs": "BGN",
    "bulgarian leva": "BGN",
    "pula": "BWP",
    "kuna": "HRK",
    "lari": "GEL",
    "drams": "AMD",
    "denars": "MKD",
    "somoni": "TJS",
    "afghanis": "AFN",
    "birr": "ETB",
    "kwanza": "AOA",
    "kwanzas": "AOA",
    "meticais": "MZN",
    "quetzales": "GTQ",
    "colones": "CRC",
    "lempiras": "HNL",
    "córdobas": "NIO",
    "bolívares": "VES",
    "uruguayan pesos": "UYU",
    "dominican pesos": "DOP",
    "rufiyaa": "MVR",
    "ouguiya": "MRU",
    "dalasi": "GMD",
    "leones": "SLE",
    "cedi": "GHS",
    "francs cfa": "XOF",
    "central african cfa francs": "XAF",
    **{
        code.lower(): code.upper()
        for code in (
            "usd",
            "eur",
            "gbp",
            "aud",
            "cad",
            "nzd",
            "jpy",
            "inr",
            "krw",
            "try",
            "nok",
            "sek",
            "dkk",
            "pln",
            "chf",
            "cny",
            "rub",
            "ils",
            "sar",
            "aed",
            "zar",
            "sgd",
            "brl",
        )
    },
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Scale words in any case; a one-letter scale only right after a symbol's number ("$5bn").
_SCALE = r"(?i:thousand|million|billion|trillion|crores?|cr|lakh|mln|mn|bn|trn|tn|bil|mil|[kmb])\b"
_WORD_SCALE = r"(?i:thousand|millions?|billions?|trillion|crores?|lakh|mln|mn|bn|tn)\b"
# Symbols in any case ("Rs", "rs"); three-letter codes only in capitals ("TRY 5bn", not
# "try 5 times"): every ISO 4217 code is known.
_CODES = {code: code for code in sorted(currency_codes())} | {"RMB": "CNY"}
_PREFIX = "|".join(
    [re.escape(p) for p in sorted(_SYMBOLS, key=len, reverse=True)]
    + [rf"{code}(?:\b|(?=\d))" for code in sorted(_CODES)]
)
_SUFFIX = "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?:(?<![\w$])(?P<prefix>{_PREFIX})\s?(?P<number>{_NUMBER})(?:[\s-]?(?P<scale>{_SCALE}))?"
    rf"(?:\s(?P<after_code>(?i:{_SUFFIX}))\b)?"
    rf"|(?<![\w.-])(?P<number2>[1-9]\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|[1-9]\d*(?:\.\d+)?|0\.\d+)"
    rf"(?:[\s-]?(?P<scale2>{_WORD_SCALE})(?:\s+of)?)?[\s-](?P<suffix>(?i:{_SUFFIX}))\b)"
)
_AUSTRALIAN = re.compile(
    r"\.com\.au\b|\.gov\.au\b|\bABC News\b|\bThe Australian\b|Sydney Morning Herald|"
    r"\bThe Age\b|Australian Defence Magazine|Defence Connect",
)
_CANADIAN = re.compile(r"\.ca\b|\bCBC\b|Globe and Mail|National Post")
# A text that marks other dollars ("A$10 billion ($6.5 billion)") uses a bare "$" for US
# ones; one that marks only US dollars ("for about $1.2 billion ... worth about US$780
# million", in a story of Australia) uses it for its own.
_MARKED_DOLLARS = re.compile(r"(?<![\w$])(?:A|AU|C|CA|NZ|S|HK)\$|\$(?:A|NZ)\s?\d")
# US dollars written as such ("$US1.9bn", "US$780 million"): a bare "$" beside them is
# another dollar
_US_DOLLARS_MARKED = re.compile(r"(?<![\w$])(?:\$US|US\$|USD)\s?\d")


def marks_us_dollars(text: str) -> bool:
    """Whether a text writes its US dollars as such, so its bare "$" is another dollar."""
    return _US_DOLLARS_MARKED.search(text) is not None


# Where a bare "$" in a text about this state means its own dollar.
HOME_DOLLARS = {"AUS": "AUD", "CAN": "CAD", "NZL": "NZD"}
# Where a bare "$" in a text about this state that writes its US dollars as "US$" is the
# peso (the peso's own sign is "$")
HOME_PESOS = {"CHL": "CLP", "MEX": "MXN", "ARG": "ARS", "COL": "COP", "URY": "UYU"}
# Currency names several states use: whose they are in a text about this state (ISO3),
# else the first state's.
_HOME_NAMED = {
    "pesos": {"PHL": "PHP", "MEX": "MXN", "CHL": "CLP", "COL": "COP", "ARG": "ARS",
              "URY": "UYU", "DOM": "DOP", "CUB": "CUP"},
    "dirhams": {"ARE": "AED", "MAR": "MAD"},
    "dinars": {"KWT": "KWD", "IRQ": "IQD", "DZA": "DZD", "JOR": "JOD", "BHR": "BHD",
               "TUN": "TND", "LBY": "LYD", "SRB": "RSD"},
    "riyals": {"SAU": "SAR", "QAT": "QAR", "OMN": "OMR", "YEM": "YER"},
    "rials": {"IRN": "IRR", "OMN": "OMR", "YEM": "YER"},
    "pounds": {"GBR": "GBP", "EGY": "EGP", "LBN": "LBP", "SYR": "SYP", "SDN": "SDG"},
    "francs": {"CHE": "CHF", "SEN": "XOF", "CIV": "XOF", "MLI": "XOF", "BFA": "XOF",
               "NER": "XOF", "CMR": "XAF", "TCD": "XAF", "GAB": "XAF", "COD": "CDF"},
    "crowns": {"NOR": "NOK", "SWE": "SEK", "DNK": "DKK", "CZE": "CZK", "ISL": "ISK"},
    "kroner": {"NOR": "NOK", "DNK": "DKK"},  # "58 billion kroner" in a story of Denmark
    "shillings": {"KEN": "KES", "UGA": "UGX", "TZA": "TZS", "SOM": "SOS"},
    "P": {"PHL": "PHP", "BWA": "BWP"},
    "K": {"ZMB": "ZMW", "MWI": "MWK", "PNG": "PGK"},
    "Q": {"GTM": "GTQ"},
    # the West African franc, else the Central African one in a story of a CEMAC state
    "cfa francs": {"SEN": "XOF", "CMR": "XAF", "TCD": "XAF", "GAB": "XAF", "COG": "XAF",
                   "CAF": "XAF", "GNQ": "XAF"},
    "francs cfa": {"SEN": "XOF", "CMR": "XAF", "TCD": "XAF", "GAB": "XAF", "COG": "XAF",
                   "CAF": "XAF", "GNQ": "XAF"},
    "rupees": {"IND": "INR", "PAK": "PKR", "LKA": "LKR", "NPL": "NPR"},
}  # fmt: skip
_HOME_NAMED |= {"peso": _HOME_NAMED["pesos"], "dinar": _HOME_NAMED["dinars"],
                "dirham": _HOME_NAMED["dirhams"], "riyal": _HOME_NAMED["riyals"],
                "rupee": _HOME_NAMED["rupees"], "krone": _HOME_NAMED["kroner"],
                "pound": _HOME_NAMED["pounds"], "crown": _HOME_NAMED["crowns"]}  # fmt: skip


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    start: int
    end: int
    text: str


# Currencies only one state issues, by ISO 4217 code: the state a local outlet's money says
# it writes from ("worth 11 billion zlotys" in a Polish outlet that names no state). Not
# the euro, the dollar or currencies several states share.
_NATIONAL = {
    "PLN": "POL", "CZK": "CZE", "HUF": "HUN", "RON": "ROU", "BGN": "BGR", "RSD": "SRB",
    "TRY": "TUR", "UAH": "UKR", "RUB": "RUS", "SEK": "SWE", "NOK": "NOR", "DKK": "DNK",
    "GBP": "GBR", "INR": "IND", "PKR": "PAK", "BDT": "BGD", "LKR": "LKA", "NPR": "NPL",
    "KRW": "KOR", "JPY": "JPN", "CNY": "CHN", "TWD": "TWN", "THB": "THA", "IDR": "IDN",
    "MYR": "MYS", "PHP": "PHL", "VND": "VNM", "SGD": "SGP", "AUD": "AUS", "NZD": "NZL",
    "CAD": "CAN", "BRL": "BRA", "CLP": "CHL", "PEN": "PER", "COP": "COL", "ARS": "ARG",
    "MXN": "MEX", "MAD": "MAR", "DZD": "DZA", "TND": "TUN", "EGP": "EGY", "NGN": "NGA",
    "GHS": "GHA", "KES": "KEN", "TZS": "TZA", "UGX": "UGA", "ETB": "ETH", "ZAR": "ZAF",
    "SAR": "SAU", "AED": "ARE", "QAR": "QAT", "KWD": "KWT", "OMR": "OMN", "BHD": "BHR",
    "JOD": "JOR", "IQD": "IRQ", "IRR": "IRN", "ILS": "ISR", "KZT": "KAZ", "UZS": "UZB",
    "AZN": "AZE", "GEL": "GEO", "AMD": "ARM", "TTD": "TTO", "JMD": "JAM", "NAD": "NAM",
    "BZD": "BLZ", "BWP": "BWA", "MKD": "MKD", "TJS": "TJK", "AFN": "AFG", "AOA": "AGO",
    "MZN": "MOZ", "GTQ": "GTM", "CRC": "CRI", "HNL": "HND", "NIO": "NIC", "VES": "VEN",
    "UYU": "URY", "DOP": "DOM", "MVR": "MDV", "MRU": "MRT", "GMD": "GMB", "SLE": "SLE",
    "PYG": "PRY", "BOB": "BOL", "KGS": "KGZ", "MNT": "MNG", "MMK": "MMR", "ZMW": "ZMB",
    "MWK": "MWI", "BAM": "BIH",
}  # fmt: skip


def issuing_state(money: Money) -> str | None:
    """The one state (ISO3) that issues a sum's currency, if only one does and the sum
    names it as only that state does ("crowns" are Czech, Danish, Norwegian or Swedish)."""
    words = re.findall(r"[a-z]+", money.text.lower())  # "3.6-billion-dirham" too
    if words and words[-1] in _HOME_NAMED:
        return None
    if re.match(rf"(?:{'|'.join(_HOME_SYMBOLS)})\s?\d", money.text):
        return None  # "Shs412 billion": Kenya's, Uganda's or Tanzania's
    return _NATIONAL.get(money.currency)


# A state's name that opens a currency's: the "US" of "67 million US dollars", the "Czech"
# of "2.9 billion Czech korunas". The currency names above, less the words that are other
# words too ("South Korea won the tender") and the bare codes.
_NOT_ONLY_CURRENCY = {"won", "rand", "real", "try", "km", "som", "dong", "lev"}
_NAMED_CURRENCY = re.compile(
    r"\s*(?:"
    + "|".join(
        re.escape(name)
        for name in sorted(_SUFFIXES, key=len, reverse=True)
        if name not in _NOT_ONLY_CURRENCY and name.upper() not in _CODES
    )
    + r")\b",
    re.IGNORECASE,
)


def currency_named_after(text: str) -> bool:
    """Whether `text` (what follows a state's name) opens with a currency's name."""
    return _NAMED_CURRENCY.match(text) is not None


def dollar_currency(*hints: str | None, about: str | None = None) -> str:
    """What a bare "$" means where these texts (article, URL, publisher) come from: the
    outlet's dollar (AUD in an Australian outlet); in a text that marks no dollar ("A$",
    "US$") and is about Australia, Canada or New Zealand (`about`, an ISO3), that
    state's dollar; in one that writes "US$" and is about Chile, Mexico, Argentina,
    Colombia or Uruguay, that state's peso; else US dollars."""
    joined = "\n".join(hint for hint in hints if hint)
    if _AUSTRALIAN.search(joined):
        return "AUD"
    if _CANADIAN.search(joined):
        return "CAD"
    if about in HOME_DOLLARS and not _MARKED_DOLLARS.search(joined):
        return HOME_DOLLARS[about]
    if about in HOME_PESOS and marks_us_dollars(joined):
        return HOME_PESOS[about]  # "$158,000 million (about US$164 million)" in Santiago
    return "USD"


def find_money(
    text: str, offset: int = 0, dollar: str = "USD", home: str | None = None
) -> list[Money]:
    """Every money mention in `text` (offsets shifted by `offset`); `dollar` says what a
    bare "$" is, `home` (the ISO3 of the state the text is about) whose "pesos",
    "dirhams" or "dinars" are meant."""
    found = []
    for match in _MONEY.finditer(text):
        number = match.group("number") or match.group("number2")
        scale = match.group("scale") or match.group("scale2")
        if match.group("prefix"):
            prefix = match.group("prefix")
            currency = (
                _SYMBOLS.get(prefix)
                or _CODES.get(prefix)
                or _SYMBOLS.get(prefix.capitalize(), "USD")
            )
            if prefix == "$":
                currency = dollar
            if prefix in _SCALE_REQUIRED and not scale:
                continue  # "N95", "N1": no naira without "billion" or "trn"
            if prefix in _HOME_SYMBOLS:
                homes = _HOME_NAMED[_HOME_SYMBOLS[prefix]]
                if prefix in _HOME_ONLY and home not in homes:
                    continue
                currency = homes.get(home or "", currency)
            if currency == "INR" and prefix.rstrip(".").lower() == "rs":
                # "the Rs2.55 trillion defence allocation" in a Pakistani outlet: its rupees
                currency = _HOME_NAMED["rupees"].get(home or "", currency)
            if match.group("after_code"):  # "$5 billion (A$7.6bn)" no; "1.3 trillion won"
                currency = _SUFFIXES[match.group("after_code").lower()]
        else:
            suffix = match.group("suffix").lower()
            if suffix in ("real", "won", "rand", "try", "km", "pound", "crown") and not scale:
                continue  # "won 3 awards", "the real 2": words, not money, without a scale
            if suffix == "km" and match.group("suffix") != "KM":
                continue  # "1.5 thousand km": a distance
            currency = _SUFFIXES[suffix]
            if currency == "USD" and suffix in ("dollars", "dollar"):
                currency = dollar
            if suffix in _HOME_NAMED:
                homes = _HOME_NAMED[suffix]
                currency = homes.get(home or "", next(iter(homes.values())))
        amount = Decimal(number.replace(",", ""))
        if scale:
            amount *= _SCALES[scale.lower()]
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))  # 2.5 billion is 2500000000, not ...000.0
        if not scale and amount < 1000:
            continue  # "$5" in a defence article is a price per something, not a deal
        found.append(
            Money(amount, currency, match.start() + offset, match.end() + offset, match.group())
        )
    found += [
        money
        for money in _iberian_money(text, offset, dollar, home)
        if not any(other.start < money.end and money.start < other.end for other in found)
    ]
    return _without_conversions(sorted(found, key=lambda money: money.start), text, offset)


# Sums half translated from Spanish or Portuguese: "$1,7 billones" (1.7 trillion pesos),
# "2.300 millones de pesos", "R$ 1,6 bilhão"; a comma marks the decimals, a dot thousands
_IBERIAN = re.compile(
    rf"(?:(?<![\w$])(?P<prefix>{_PREFIX})\s?)?(?P<number>\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?)\s+"
    r"(?P<scale>mil\s+millones|billones|billón|millones|millón|bilhões|bilhão|milhões|milhão)\b"
    r"(?:\s+de\s+(?P<unit>pesos|reales|reais|soles|euros|dólares|dolares))?",
    re.IGNORECASE,
)
_IBERIAN_SCALES = {
    "mil millones": Decimal(10) ** 9, "billones": Decimal(10) ** 12,
    "billón": Decimal(10) ** 12, "millones": Decimal(10) ** 6, "millón": Decimal(10) ** 6,
    "bilhões": Decimal(10) ** 9, "bilhão": Decimal(10) ** 9, "milhões": Decimal(10) ** 6,
    "milhão": Decimal(10) ** 6,
}  # fmt: skip
_IBERIAN_UNITS = {"reales": "BRL", "reais": "BRL", "soles": "PEN", "euros": "EUR",
                  "dólares": "USD", "dolares": "USD"}  # fmt: skip


def _iberian_money(text: str, offset: int, dollar: str, home: str | None) -> list[Money]:
    """The sums written the Spanish or Portuguese way; one without a sign or a currency
    word ("12 millones") is not known to be money."""
    found = []
    for match in _IBERIAN.finditer(text):
        prefix, unit = match.group("prefix"), (match.group("unit") or "").lower()
        if unit == "pesos":
            currency = _HOME_NAMED["pesos"].get(home or "")
        elif unit:
            currency = _IBERIAN_UNITS[unit]
        elif prefix == "$":
            currency = dollar
        elif prefix:
            currency = _SYMBOLS.get(prefix) or _CODES.get(prefix)
        else:
            currency = None
        if currency is None:
            continue
        number = Decimal(match.group("number").replace(".", "").replace(",", "."))
        scale = " ".join(match.group("scale").lower().split())
        amount = number * _IBERIAN_SCALES[scale]
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        found.append(
            Money(amount, currency, match.start() + offset, match.end() + offset, match.group())
        )
    return found


# "PLN 1.42 billion gross (approximately USD 355 million)": a word on the sum may come first
_CONVERSION = re.compile(
    r"(?:\s+(?:gross|net|in total|total))?"
    r"\s*\(\s*(?:about|around|approximately|roughly|some|or|c\.)?\s*"
)


def _without_conversions(found: list[Money], text: str, offset: int = 0) -> list[Money]:
    """ "5.4 billion pounds ($7.2 billion)": the figure in brackets converts the one
    before it; the stated one is the deal's."""
    kept: list[Money] = []
    for money in found:
        if kept:
            between = text[kept[-1].end - offset : money.start - offset]
            if _CONVERSION.fullmatch(between):
                continue
        kept.append(money)
    return kept
