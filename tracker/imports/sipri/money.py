"""Money stated in SIPRI's free-text comments, each sum with what it is.

"$79 m deal" is the deal's price, "Part of $488 m deal" a larger package's value,
"offsets $593 m" an offset obligation, "'MAP' aid $0.5 m" aid; "INR109-175 b deal
($2.3-2.6 b)" keeps the rupee range with the dollar range SIPRI states beside it. The
words around a sum, within its clause (comments separate clauses with ';' and
parentheses), decide its kind; a sum they do not settle is left out, never guessed to be
the price.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from tracker.domain.money import MAX_AMOUNT, SCALE_WORDS, SYMBOL_CURRENCIES, is_currency
from tracker.imports.sipri.model import DEAL_OWN_VALUE, Money, MoneyKind

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"million|billion|bn|mn|m|b"
_MONEY = re.compile(
    r"(?<![\w$€£])"
    r"(?P<currency>US\$|\$|€|£|[A-Z]{3}(?=\s?\d))\s?"
    rf"(?P<low>{_NUMBER})"
    rf"(?:\s?(?P<low_unit>{_UNIT}))?"  # "$200 m-250 m"
    rf"(?:\s?(?:-|–|\bto\b)\s?(?:US\$|\$|€|£|[A-Z]{{3}})?\s?(?P<high>{_NUMBER}))?"
    rf"\s?(?P<unit>{_UNIT})\b"
)
_HINT = re.compile(r"[$€£]|[A-Z]{3}\s?\d")
_MASK = "\x00"  # stands for a sum while reading the words between sums
_EQUIVALENT = "equivalent"

# Words that make a sum something other than a whole value: a unit price, a bound, or a
# share of the deal ("incl $50 m for spares").
_PER_UNIT_AFTER = re.compile(
    r"\s*(?:each|apiece|per\b|a\s+(?:unit|piece|year|month)\b|annually|yearly)", re.IGNORECASE
)
_BOUND_BEFORE = re.compile(
    r"\b(?:up\s+to|less\s+than|under|below|at\s+most|maximum(?:\s+of)?)\s*$", re.IGNORECASE
)
_SHARE_BEFORE = re.compile(
    r"\b(?:incl(?:\.|uding|udes)?|of\s+which|plus|excl(?:\.|uding)?)\s*$", re.IGNORECASE
)
_AT_LEAST_BEFORE = re.compile(
    r"\b(?:at\s+least|more\s+than|over|in\s+excess\s+of|minimum(?:\s+of)?|exceeding|"
    r"upwards\s+of)\s*$",
    re.IGNORECASE,
)
_ROUGHLY_BEFORE = re.compile(
    r"(?:\b(?:about|around|approximately|approx|some|nearly|almost|roughly|circa|ca)\.?|"
    r"\bc\.)\s*$",
    re.IGNORECASE,
)
# Kinds other than the price, strongest first: "part of $1 b credit" is a loan.
_KIND_CUES = re.compile(
    r"\b(?:(?P<offset>offsets?)|(?P<loan>loans?|credits?)|"
    r"(?P<aid>aid|grants?|gifts?|donation|assistance)|"
    r"(?P<package>part\s+of|incl(?:\.|uded)?\s+in|included\s+in|covered\s+by|share\s+of))\b",
    re.IGNORECASE,
)
_CUE_KINDS = {
    "offset": MoneyKind.OFFSET,
    "loan": MoneyKind.LOAN,
    "aid": MoneyKind.AID,
    "package": MoneyKind.PACKAGE,
}
_PRIORITY = {kind: rank for rank, kind in enumerate(_CUE_KINDS.values())}
_KIND_AFTER = re.compile(
    r"\s*(?:[\w'&/.-]+\s+){0,2}?(?:offsets?|loans?|credits?|aid|grants?)\b", re.IGNORECASE
)
# The sum is the value of a deal: "$79 m deal", "deal worth $79 m", "value $79 m".
_DEAL_AFTER = re.compile(
    r"\s*(?:(?:arms|fms|export|initial|total|firm|original|package|government-to-government)"
    r"\s+)?(?:deals?|contracts?|orders?|agreements?|sales?|purchases?|programmes?|programs?)\b",
    re.IGNORECASE,
)
_DEAL_BEFORE = re.compile(
    r"\b(?:worth|valued(?:\s+at)?|value(?:\s+of)?|costing|cost(?:\s+of)?|priced(?:\s+at)?|"
    r"price(?:\s+of)?|total(?:\s+of)?|deal|contract)\s*:?\s*$",
    re.IGNORECASE,
)
_INCLUDING_AFTER = re.compile(r"\s*(?:incl(?:\.|uding|udes)?)\b", re.IGNORECASE)
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:possibly|probably|reportedly|estimated|unconfirmed|perhaps|allegedly|"
    r"unofficial(?:ly)?|rumou?red)\b",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class _Sum:
    """One sum as written: where it is and what it amounts to."""

    start: int
    end: int
    currency: str
    amount: Decimal
    amount_high: Decimal | None


def comment_money(comments: str) -> list[Money]:
    """Every sum the comments state, in order, each with its kind; sums whose role the
    words around them do not settle are left out."""
    if not _HINT.search(comments):
        return []
    sums = _sums(comments)
    if not sums:
        return []
    masked = _masked(comments, sums)
    found: list[Money] = []
    starts: list[int] = []  # where each found sum's quote starts
    previous: _Sum | None = None  # the sum before this one, if it was kept
    for current in sums:
        role = _role(comments, masked, current, previous)
        if isinstance(role, tuple):
            found.append(role[0])
            starts.append(role[1])
            previous = current
        elif role == _EQUIVALENT and previous is not None:
            found[-1] = _with_usd(comments, found[-1], starts[-1], current)
            previous = None
        else:
            previous = None
    return found


def parse_comment_money(comments: str) -> Money | None:
    """The deal's own value: the first sum of kind contract, estimate or aid (for callers
    that want one value; `comment_money` gives them all)."""
    return next((money for money in comment_money(comments) if money.kind in DEAL_OWN_VALUE), None)


def _sums(comments: str) -> list[_Sum]:
    sums = []
    for match in _MONEY.finditer(comments):
        marker = match.group("currency")
        currency = SYMBOL_CURRENCIES.get(marker, marker)
        if not is_currency(currency):
            continue  # "APC5 m" and the like
        unit = match.group("unit")
        low = _amount(match.group("low"), match.group("low_unit") or unit)
        high = _amount(match.group("high"), unit) if match.group("high") else None
        if high is not None and high <= low:
            if high < low:
                continue  # "$250-200 m": not a range we can read
            high = None
        if not 0 < low <= MAX_AMOUNT or (high is not None and high > MAX_AMOUNT):
            continue
        sums.append(_Sum(match.start(), match.end(), currency, low, high))
    return sums


def _amount(number: str, unit: str) -> Decimal:
    amount = Decimal(number.replace(",", "")) * SCALE_WORDS[unit]
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount


def _masked(comments: str, sums: list[_Sum]) -> str:
    parts, position = [], 0
    for one in sums:
        parts += [comments[position : one.start], _MASK * (one.end - one.start)]
        position = one.end
    parts.append(comments[position:])
    return "".join(parts)


def _clause_start(masked: str, position: int) -> int:
    """Index of the ';' or '(' that opens the clause holding `position` (-1: the start)."""
    if "(" not in masked and ")" not in masked:
        return masked.rfind(";", 0, position)
    depth = 0
    for index in range(position - 1, -1, -1):
        char = masked[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return index
            depth -= 1
        elif char == ";" and depth == 0:
            return index
    return -1


def _clause_end(masked: str, position: int) -> int:
    """Index of the ';' or ')' that closes the clause holding `position` (or the end)."""
    if "(" not in masked and ")" not in masked:
        found = masked.find(";", position)
        return len(masked) if found < 0 else found
    depth = 0
    for index in range(position, len(masked)):
        char = masked[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char == ";" and depth == 0:
            return index
    return len(masked)


def _role(
    comments: str, masked: str, current: _Sum, previous: _Sum | None
) -> tuple[Money, int] | str | None:
    """The sum's Money (with where its quote starts), _EQUIVALENT for a USD figure in
    brackets right after the previous sum, or None."""
    start = _clause_start(masked, current.start)
    end = _clause_end(masked, current.end)
    # Only the words between this sum and its neighbours in the clause speak for it.
    before_from = max(start + 1, masked.rfind(_MASK, 0, current.start) + 1)
    after_to = masked.find(_MASK, current.end, end)
    after_to = end if after_to < 0 else after_to
    before, after = comments[before_from : current.start], comments[current.end : after_to]
    if start >= 0 and masked[start] == "(" and not before.strip() and not after.strip():
        # "deal ($79 m)", "($2.3-2.6 b; ...)": a bare sum in brackets speaks for the words
        # in front of the bracket.
        outer_from = _clause_start(masked, start) + 1
        outer = masked[outer_from:start]
        if _MASK in outer:
            between = outer[outer.rfind(_MASK) + 1 :]
            beside = not between.strip() or _DEAL_AFTER.fullmatch(between.rstrip())
            right_before = previous is not None and outer_from < previous.end <= start
            if beside and right_before and _is_usd_beside(current, previous):
                return _EQUIVALENT
            return None  # the same sum in another currency, or beside an unread one
        before_from, before = outer_from, comments[outer_from:start]
    return _classified(comments, current, before, before_from, after)


def _is_usd_beside(current: _Sum, previous: _Sum | None) -> bool:
    return previous is not None and current.currency == "USD" and previous.currency != "USD"


def _classified(
    comments: str, current: _Sum, before: str, before_from: int, after: str
) -> tuple[Money, int] | None:
    said = before.strip()
    if (after and _PER_UNIT_AFTER.match(after)) or (
        said and (_BOUND_BEFORE.search(before) or _SHARE_BEFORE.search(before))
    ):
        return None
    # The quote runs from the clause's first word to the end of the words after the sum
    # that name it ("Part of $488 m deal", "'MAP' aid $0.5 m", "$300 m offsets").
    words = before.lstrip()
    quote_start = before_from + len(before) - len(words) if said else current.start
    at_least = _AT_LEAST_BEFORE.search(before) if said else None
    if at_least:
        before = before[: at_least.start()]
    roughly = _ROUGHLY_BEFORE.search(before) if said else None
    if roughly:
        before = before[: roughly.start()]
    kind, cue_end = _kind(before, after)
    if kind is None:
        return None
    quote_end = current.end + cue_end if cue_end is not None else current.end
    money = Money(
        kind,
        amount=current.amount,
        currency=current.currency,
        quote=_quote(comments, quote_start, quote_end),
        amount_high=current.amount_high,
        at_least=at_least is not None,
    )
    return money, quote_start


def _kind(before: str, after: str) -> tuple[MoneyKind | None, int | None]:
    """The kind, and where the words after the sum that name it end (for the quote)."""
    deal_after = _DEAL_AFTER.match(after) if after else None
    deal_end = deal_after.end() if deal_after else None
    kind_after = None if deal_after or not after else _KIND_AFTER.match(after)
    said = before.strip()
    best: tuple[int, MoneyKind, int | None] | None = None
    cues = [(match, deal_end) for match in _KIND_CUES.finditer(before)] if said else []
    if kind_after:
        cues += [(match, kind_after.end()) for match in _KIND_CUES.finditer(kind_after.group(0))]
    for match, end in cues:
        kind = _CUE_KINDS[match.lastgroup or ""]
        if best is None or _PRIORITY[kind] < best[0]:
            best = (_PRIORITY[kind], kind, end)
    if best is not None:
        return best[1], best[2]
    estimate = _ESTIMATE_BEFORE.search(before) if said else None
    unsaid = _ESTIMATE_BEFORE.sub("", before).strip(" ,:") if estimate else said
    bare = not unsaid and (not after.strip() or _INCLUDING_AFTER.match(after))
    if not (deal_after or bare or (said and _DEAL_BEFORE.search(before))):
        return None, None
    return (MoneyKind.ESTIMATE if estimate else MoneyKind.CONTRACT), deal_end


def _with_usd(comments: str, money: Money, quote_start: int, usd: _Sum) -> Money:
    """`money` with the USD figure the comment states beside it, quoted with it."""
    return dataclasses.replace(
        money,
        usd=usd.amount,
        usd_high=usd.amount_high,
        quote=_quote(comments, quote_start, usd.end),
    )


def _quote(comments: str, start: int, end: int) -> str:
    """The comment's own words from `start` to `end`, closing a bracket the span opens."""
    text = comments[start:end].strip()
    if text.count("(") > text.count(")") and comments[end:].lstrip().startswith(")"):
        closing = comments.index(")", end)
        text = comments[start : closing + 1].strip()
    return text
