"""Units ordered, summed honestly (issue #13): never across categories or units of count,
and deals not yet signed kept apart as the pipeline. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine

from tracker.domain.vocab import Category
from tracker.read.filters import DealFilters
from tracker.read.units import ordered_units_by_category, units_at_stage, units_totals
from tracker.store.db import make_session_factory, transaction
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

TURKEY = DealFilters(buyers=("Turkey",))


def test_pipeline_deals_are_not_ordered(seeded_engine: Engine) -> None:
    with make_session_factory(seeded_engine)() as session:
        ordered = ordered_units_by_category(session, TURKEY)
    # 20 Typhoons signed, 4 S-400 units; the 40 approved F-16s and 24 used jets are not.
    assert ordered == {(Category.AIRCRAFT, None): 20, (Category.AIR_DEFENCE, "units"): 4}


def test_units_never_mix_categories_or_units(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        add_deal(session=session, actor=EDITOR,
                 deal_in=deal_data(platform="S-400 Triumf", seller="Russia",
                                   quantity_ordered=2, quantity_unit="batteries"))  # fmt: skip
    with make_session_factory(seeded_engine)() as session:
        lines = units_totals(session, TURKEY, "seller")
    ordered = {(u.key, u.category, u.unit): u.quantity for u in lines if u.stage == "ordered"}
    assert ordered[("Russia", Category.AIR_DEFENCE, "units")] == 4
    assert ordered[("Russia", Category.AIR_DEFENCE, "batteries")] == 2
    pipeline = [u for u in lines if u.stage == "pipeline"]
    assert sum(u.quantity for u in pipeline) == 64 and all(u.key for u in pipeline)


def test_a_stage_sums_across_groups_never_across_categories(seeded_engine: Engine) -> None:
    """What the headlines show: per category and unit over every seller, largest first,
    the pipeline apart, categories with no known quantity left out."""
    with transaction(seeded_engine) as session:
        add_deal(session=session, actor=EDITOR,
                 deal_in=deal_data(platform="S-400 Triumf", seller="Russia",
                                   quantity_ordered=2, quantity_unit="batteries"))  # fmt: skip
    with make_session_factory(seeded_engine)() as session:
        lines = units_totals(session, TURKEY, "seller")
    ordered = [(p.category, p.unit, p.quantity) for p in units_at_stage(lines, "ordered")]
    assert ordered == [
        (Category.AIRCRAFT, None, 20),
        (Category.AIR_DEFENCE, "units", 4),
        (Category.AIR_DEFENCE, "batteries", 2),
    ]
    pipeline = units_at_stage(lines, "pipeline")
    assert sum(p.quantity for p in pipeline) == 64
    assert all(p.quantity for p in pipeline) and all(p.deals for p in pipeline)
