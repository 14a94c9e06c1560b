"""What a deal is worth: a reported money value (amount, currency, kind) and SIPRI
trend-indicator values (TIV)."""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.generate.draw import log_uniform, round_significant
from benchmarks.generate.tables import CURRENCIES, FIRST_YEAR, HOME_CURRENCY, Profile
from tracker.domain.vocab import Condition, ValueKind


def money(
    rng: random.Random, year: int, seller: str, buyer: str, ordered: int | None, profile: Profile
) -> tuple[Decimal, str, ValueKind, bool]:
    """(amount, currency, kind, at least): mostly USD, else a party's own currency."""
    unit_price = log_uniform(rng, *profile.usd_range)
    era = 0.15 + 0.85 * ((year - FIRST_YEAR) / 75) ** 1.5
    units = ordered if ordered is not None else rng.randint(1, 20)
    dollars = unit_price * units * era * rng.uniform(1.0, 2.5)  # with support and spares
    currency = "USD"
    home = HOME_CURRENCY.get(seller) or HOME_CURRENCY.get(buyer)
    # Big deals in roubles, rupees or won would pass 10^10: those are stated in USD.
    if (
        home
        and CURRENCIES[home][1] <= year
        and dollars * CURRENCIES[home][0] <= 1e10
        and rng.random() < 0.5
    ):
        currency = home
    amount = min(max(dollars * CURRENCIES[currency][0], 1e5), 1e10)
    roll = rng.random()
    kind = (
        ValueKind.NOTIFIED_CEILING
        if seller == "USA" and roll < 0.08
        else ValueKind.ESTIMATE
        if roll < 0.3
        else ValueKind.CONTRACT
    )
    if kind is ValueKind.CONTRACT and rng.random() < 0.3:
        value = Decimal(round(amount * 100)) / 100  # to the cent
    else:  # reported values are round: "$1.2 billion"
        value = Decimal(round_significant(amount, 2 if kind is ValueKind.ESTIMATE else 3))
    value = min(max(value, Decimal(100_000)), Decimal(10_000_000_000))
    return value.quantize(Decimal("0.01")), currency, kind, rng.random() < 0.05


def tiv(
    rng: random.Random,
    profile: Profile,
    condition: Condition | None,
    ordered: int | None,
    delivered: int | None,
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """SIPRI trend-indicator values: per unit, order, delivered. Second-hand weapons
    count for 40% of new ones, modernised ones for 66%, as SIPRI does."""
    value = log_uniform(rng, *profile.tiv_range)
    if condition is Condition.SECOND_HAND:
        value *= 0.4
    elif condition is Condition.SECOND_HAND_MODERNISED:
        value *= 0.66
    per_unit = max(Decimal(f"{value:.3f}"), Decimal("0.001"))
    return (
        per_unit,
        per_unit * ordered if ordered is not None else None,
        per_unit * delivered if delivered is not None else None,
    )
