"""Name normalisation shared by every lookup: countries, parties, platforms."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65_536)  # imports look up the same few hundred names again and again
def normalize_name(text: str) -> str:
    """Return the lookup key of a name: accents stripped, case folded, punctuation collapsed.

    "Türkiye", "TURKIYE" and "turkiye" share a key; so do "Côte d'Ivoire" and
    "Cote d'Ivoire", or "Lockheed-Martin" and "Lockheed Martin".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _APOSTROPHES.sub("", without_marks.casefold())
    return _NON_ALNUM.sub(" ", folded).strip()
