"""Random draws: weighted picks (per year of the period), log-uniform values, rounding."""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Sequence
from typing import Any

from benchmarks.generate.tables import FIRST_YEAR, LAST_YEAR, Window


class Picker:
    """Weighted choice by bisection over cumulative weights: one random() per pick."""

    def __init__(self, items: Sequence[int], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> int:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def year_pickers(
    entries: Sequence[tuple[int, float, Window]],
) -> list[Picker | None]:
    """One picker per year over the (id, weight, years) entries alive that year."""
    pickers: list[Picker | None] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        alive = [(item, weight) for item, weight, (a, b) in entries if a <= year <= b]
        pickers.append(Picker([i for i, _ in alive], [w for _, w in alive]) if alive else None)
    return pickers


def weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
    total = sum(weight for _, weight in options)
    threshold = rng.random() * total
    for value, weight in options:
        threshold -= weight
        if threshold < 0:
            return value
    return options[-1][0]


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def round_significant(value: float, digits: int) -> int:
    magnitude = int(10 ** max(0, math.floor(math.log10(value)) - digits + 1))
    return round(value / magnitude) * magnitude
