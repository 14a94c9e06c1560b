"""One sentence of an article as the assembler reads it: its span and words, and the
names, cues, sums and dates found in it, with the slices of its text the rules look at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.extract.cues import Cue
from tracker.extract.dates import DateMention
from tracker.extract.lexicon import Mention
from tracker.extract.money import Money
from tracker.extract.text import Span, Token


@dataclass
class Sentence:
    span: Span
    words: Sequence[Token]
    mentions: list[Mention]
    cues: list[Cue]
    money: list[Money]
    dates: list[DateMention]
    dateline: int  # names before this offset are a dateline's, not actors
    notice: bool = False  # the article reports US sale notices: an approval is Washington's

    def between(self, start: int, end: int) -> str:
        """The sentence's text between two of the article's offsets."""
        return self.span.text[start - self.span.start : end - self.span.start]

    def after(self, offset: int) -> str:
        """The sentence's text from one of the article's offsets on."""
        return self.span.text[offset - self.span.start :]

    def before(self, offset: int) -> str:
        """The sentence's text up to one of the article's offsets."""
        return self.span.text[: offset - self.span.start]
