"""An article's text cut into what extraction reads: title, sentences, clauses and word
tokens, each with its character offsets in the original text (every quote is a slice of
it, so it occurs there verbatim)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# A word: letters and digits joined by the punctuation designations use inside them
# ("S-400", "F/A-18", "U.S", "Rs.", "d'Ivoire", "2A8+").
_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[-/.’'&](?=[^\W_])|,(?=\d{3}\b))*\+?")
# A sentence ends at . ! ? (or a closing quote after one) followed by space and a capital,
# a quote or a digit; or at a line break. Abbreviations are protected below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9(])|\n+")
_ABBREVIATIONS = re.compile(
    r"\b(?:U\.S|U\.K|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Adm|Sen|Rep|St|No|Rs|Inc|Corp|Ltd|Co|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|e\.g|i\.e|vs)\.$"
)
_HEADLINE_VERBS = (
    "inks?|signs?|confirms?|orders?|buys?|gets?|receives?|picks?|selects?|eyes|nears?|"
    "seals?|wins?|approves?|clears?|cancels?|scraps?|locks? in|takes?"
)
# Where one clause of a sentence ends and another (with its own verb) begins.
CLAUSE_BREAK = re.compile(
    r";|:\s|\s+(?:and|but)\s+(?:is|are|was|were|has|have|had|will|would|also|plans?|expects?)\b"
    # "Greece will send 40 BMP-1A1 to Ukraine and receive 40 Marder 1A3 from Germany"
    r"|\s+and\s+(?:receive|get|obtain|acquire|buy)\s+(?=(?:[\w-]+\s+){0,3}?\d)"
    r"|,\s+and\s+(?=(?:the|its|their|this|that|these|those|several|many|some|most)\s)"
    # ", and it was from the American manufacturer Lockheed Martin that the air force
    # received": a cleft, its own clause
    r"|,\s+and\s+(?=it\s+(?:was|is)\s+(?:from|to|with|in)\s)"
    # ", and Sweden announced ...": another subject's clause
    # (", and neighbouring Burkina Faso signed ...")
    r"|,\s+and\s+(?=(?:[a-z]+\s+)?(?:[A-Z][\w'’-]+\s+){1,2}"
    r"(?:has|have|had|is|are|was|were|will|would|also|"
    r"announced|said|signed|ordered|bought|received|plans?|expects?|took|acquired|"
    r"purchased|placed|agreed|selected|chose|inked|accepted|inducted|commissioned)\b)"
    r"|,?\s+(?:while|whereas|but|although|though)\s+|\s+(?:—|–|--?)\s+"
    # "The KAAN win comes as Madrid and Ankara continue negotiations over ...": news of
    # another deal
    r"|\s+(?:comes?|came)\s+(?:as|after|amid|weeks|days|months)\b"
)
# A headline's second story: "Malaysia inks LMS Batch 2, Vietnam confirms K9 buy" (not
# "Turkey, UK sign ...": the part before must have a verb of its own).
# "Croatia signs letter of intent for 50 Leopards, will send M-84s to Ukraine": the
# same subject's second story.
# "Morocco receives first Apaches and Washington approves sale of Javelins", "... as US
# clears F-15 sale": another subject's.
_HEADLINE_BREAK = re.compile(
    rf",\s+(?=[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:{_HEADLINE_VERBS})\b"
    r"|(?:will|to)\s+(?:send|give|hand|transfer|donate|supply|sell|buy|order|acquire)\b"
    rf"|(?:drops?|{_HEADLINE_VERBS})\s)"
    rf"|\s+(?:and|as)\s+(?=[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:{_HEADLINE_VERBS})\b)"
)
_HEADLINE_VERB = re.compile(rf"\b(?:{_HEADLINE_VERBS})\b")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return word_key(self.bare)

    @property
    def bare(self) -> str:
        """The word without a possessive: "Turkey's" -> "Turkey"."""
        return self.text[:-2] if self.possessive else self.text

    @property
    def possessive(self) -> bool:
        return len(self.text) > 3 and self.text[-2:] in ("'s", "’s")


@dataclass(frozen=True)
class Span:
    """A piece of the text (a sentence or clause) by offsets."""

    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=65_536)
def word_key(text: str) -> str:
    """Lower-case letters and digits only, accents dropped: "S-400", "s400" and "S 400"
    share a key, as do "Scorpène" and "Scorpene"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


def tokens(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[Span]:
    """The text's sentences in order, blank ones left out."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if "\n" not in match.group() and _ABBREVIATIONS.search(before.rstrip("\"”’'")):
            continue  # "U.S. Army", "Rs. 500 crore", "Aug. 29": not a sentence end
        if re.search(r"\b[SN]\.$", before) and text.startswith("Korea", match.end()):
            continue  # Yonhap's "S. Korea to buy 18 Chinook", "N. Korea fires missile"
        _add(spans, text, start, match.start())
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


# No sentence a person writes is longer; text without sentence ends (a table, a list run
# together) is read in pieces of this size, cut at a space, so work stays linear.
LONGEST_SENTENCE = 1_000


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while end - start > LONGEST_SENTENCE:
        cut = text.rfind(" ", start + LONGEST_SENTENCE // 2, start + LONGEST_SENTENCE)
        cut = cut if cut > start else start + LONGEST_SENTENCE
        _add(spans, text, start, cut)
        start = cut
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped), stripped))


def clauses(sentence: Span) -> list[Span]:
    """A sentence's clauses: "A signed for 20 X and is negotiating for 12 Y" is two."""
    spans: list[Span] = []
    start = 0
    breaks = [match.start() for match in CLAUSE_BREAK.finditer(sentence.text)]
    breaks += [
        match.start()
        for match in _HEADLINE_BREAK.finditer(sentence.text)
        if _HEADLINE_VERB.search(sentence.text[: match.start()])
    ]
    for at in sorted(set(breaks)):
        spans.append(_piece(sentence, start, at))
        start = at
    spans.append(_piece(sentence, start, len(sentence.text)))
    return [span for span in spans if span.text.strip()]


def _piece(sentence: Span, start: int, end: int) -> Span:
    return Span(sentence.start + start, sentence.start + end, sentence.text[start:end])


# A news dateline opening the first sentence: "WASHINGTON, January 26, 2024 -",
# "ZAGREB, April 25 (Reuters) -", "TOKYO (Kyodo) --", "NEW DELHI:". It says where the
# story was filed, not who acts in it.
DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ /-]{2,40}(?: and [A-Z][A-Z.'’ -]{2,30})?(?:,\s*[A-Z][A-Za-z]+)?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,?\s*\d{4})?)?"
    r"\s*(?:\([\w .,'’&/-]{2,60}\))?\s*(?:--|[-–—:])\s+"
)


def dateline_end(sentence: Span) -> int:
    """Where a dateline at the start of a sentence ends (its start if there is none)."""
    match = DATELINE.match(sentence.text)
    return sentence.start + (match.end() if match else 0)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string (long word lists read better so)."""
    return frozenset(text.split())
