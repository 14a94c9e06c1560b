"""Totals that read with real data (issue #10, point 7): each part names what tells it
apart, one number format, years in order, every group reachable, totals as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.domain.vocab import Condition, Status
from tracker.exports import totals_csv
from tracker.formatting import describe_group
from tracker.read.filters import DealFilters
from tracker.read.totals import GroupTotal, TotalPart, totals
from tracker.read.views import deal_view
from tracker.store.db import make_session_factory, transaction
from tracker.write.catalogue import add_platform
from tracker.write.deals import add_deal

from factories import EDITOR, deal_data

R73 = DealFilters(platforms=("R-73",))


@pytest.fixture
def r73(seeded_engine: Engine) -> Engine:
    """Four R-73 deals from Russia, as SIPRI lists them: buyers and years tell them apart."""
    with transaction(seeded_engine) as session:
        add_platform(session=session, actor=EDITOR,
                     platform_in={"designation": "R-73", "category": "missiles"})  # fmt: skip
        for buyer, quantity, year in (("India", 2000, 1996), ("Malaysia", 200, 2008),
                                      ("India", 150, 2010), ("Algeria", 50, 2010)):  # fmt: skip
            add_deal(session=session, actor=EDITOR, deal_in=deal_data(
                buyer=buyer, seller="Russia", platform="R-73", quantity_ordered=quantity,
                order_date=str(year), status="delivered", quantity_delivered=quantity,
                condition="new",
            ))  # fmt: skip
    return seeded_engine


def test_parts_name_buyer_and_year_and_read_one_number_format(r73: Engine) -> None:
    with make_session_factory(r73)() as session:
        (group,) = totals(session, R73, "platform")
    assert describe_group(group, "platform") == (
        "(4 deals, all from Russia, new): 2,400 = 2,000 to India in 1996 "
        "+ 200 to Malaysia in 2008 + 150 to India in 2010 + 50 to Algeria in 2010; value unknown"
    )


def test_grouping_by_buyer_names_the_year_not_the_buyer(r73: Engine) -> None:
    with make_session_factory(r73)() as session:
        india = next(g for g in totals(session, R73, "buyer") if g.label == "India")
    assert describe_group(india, "buyer") == (
        "(2 deals, all from Russia, new): 2,150 = 2,000 in 1996 + 150 in 2010; value unknown"
    )


def test_years_come_in_order(session: Session) -> None:
    years = [g.key for g in totals(session, DealFilters(), "year")]
    known = [year for year in years if year is not None]
    assert known == sorted(known) and years[-1] is None  # unknown year last


def test_every_group_can_be_paged_to_with_its_parts(r73: Engine) -> None:
    with make_session_factory(r73)() as session:
        everything = deal_view(session, DealFilters(), totals_by="buyer", groups_shown=2)
        pages = [
            deal_view(session, DealFilters(), totals_by="buyer", groups_shown=2, groups_from=n)
            for n in range(0, everything.group_count, 2)
        ]
    shown = [group.label for page in pages for group in page.groups]
    assert len(shown) == everything.group_count == len(set(shown))
    india = next(g for page in pages for g in page.groups if g.label == "India")
    assert len(india.parts) == 2  # parts for groups past the first page too


def test_totals_csv_holds_every_group_per_currency_and_is_formula_safe(r73: Engine) -> None:
    with transaction(r73) as session:
        add_platform(session=session, actor=EDITOR,
                     platform_in={"designation": "=HYPERLINK(1)", "category": "other"})  # fmt: skip
        add_deal(session=session, actor=EDITOR, deal_in=deal_data(
            platform="=HYPERLINK(1)", value_amount="12.5", value_currency="EUR"))  # fmt: skip
    with make_session_factory(r73)() as session:
        data = totals_csv(session, DealFilters(), "platform")
        groups = totals(session, DealFilters(), "platform", parts_up_to=0)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(groups)
    assert {"platform", "deals", "quantity_ordered", "value_EUR", "value_USD"} <= set(rows[0])
    r73_row = next(r for r in rows if r["platform"] == "R-73")
    assert (r73_row["deals"], r73_row["quantity_ordered"]) == ("4", "2400")
    evil = next(r for r in rows if "HYPERLINK" in r["platform"])
    assert evil["platform"] == "'=HYPERLINK(1)" and evil["value_EUR"] == "12.50"


def test_unknown_fields_of_a_part_read_as_unknown() -> None:
    parts = [
        TotalPart(1, 5, "India", "Russia", "R-73", Condition.NEW, Status.DELIVERED, 2001),
        TotalPart(2, 7, "India", "Russia", "R-73", None, Status.ORDERED, None),
    ]
    group = GroupTotal("R-73", 2, 12, 0, 0, 2, 2, parts=parts)
    assert describe_group(group, "platform") == (
        "(2 deals, all to India, from Russia): 12 = 5 in 2001 (new, delivered) "
        "+ 7 (condition unknown, signed/ordered, year unknown); value unknown"
    )
