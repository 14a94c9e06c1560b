"""A deal's timeline: units delivered, delivery years, the 1-3 events, and the sentence a
source uses for the deal's status."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from benchmarks.generate.tables import CREATED_AT, LAST_YEAR, PRE_ORDER_EVENT, REASONS, Profile
from benchmarks.generate.world import Ids
from tracker.domain.vocab import DatePrecision, EventKind, Status
from tracker.store.bulk import Row


def delivered_units(rng: random.Random, status: Status, ordered: int | None) -> int | None:
    """Units delivered so far: never more than ordered, None when not known."""
    if ordered is None:
        return None
    if status is Status.DELIVERED:
        roll = rng.random()
        if roll < 0.93:
            return ordered
        return None if roll < 0.96 or ordered < 2 else rng.randint(1, ordered - 1)
    if status is Status.DELIVERING:
        return rng.randint(1, ordered - 1)
    if status is Status.ORDERED:
        return 0
    if status in (Status.CANCELLED, Status.SUSPENDED):
        partial = ordered >= 2 and rng.random() < (0.2 if status is Status.CANCELLED else 0.5)
        return rng.randint(1, ordered - 1) if partial else 0
    return None  # not ordered yet


def delivery_years(
    rng: random.Random, status: Status, year: int, delivered: int | None, profile: Profile
) -> tuple[int | None, int | None, bool]:
    """(first delivery, last delivery, whether they are only expected), never before
    the order; done deliveries are no later than LAST_YEAR."""
    first = year + rng.randint(0, profile.delivery_lag)
    if status is Status.DELIVERED:
        first = min(first, LAST_YEAR)
        return first, min(first + rng.randint(0, profile.delivery_span), LAST_YEAR), False
    if status in (Status.CANCELLED, Status.SUSPENDED) and delivered:
        return min(first, LAST_YEAR), None, False
    if status is Status.DELIVERING:
        first = min(first, LAST_YEAR)
        if rng.random() < 0.6:
            return first, max(first, LAST_YEAR) + rng.randint(1, 4), True
        return first, None, False
    if status is Status.ORDERED and rng.random() < 0.4:
        return max(first, LAST_YEAR + 1), None, True
    return None, None, False


LAYOUT_B_SHARE = 0.6  # deals imported from SIPRI's one-row-per-delivery-year layout


def delivery_rows(
    rng: random.Random,
    ids: Ids,
    deal_id: int,
    first: int | None,
    last: int | None,
    delivered: int | None,
    tiv_per_unit: Decimal | None,
) -> list[Row]:
    """The deal's delivery records up to LAST_YEAR, as SIPRI imports leave them: in the
    per-year layout (B) each year's number and TIV; in the per-deal layout (A) only the
    years, the deal's tiv_delivered being spread over them. None before any delivery."""
    if first is None or not delivered or first > LAST_YEAR:
        return []
    years = list(range(first, min(last or first, LAST_YEAR) + 1))[:delivered]
    per_year = _split(delivered, len(years))
    stated = tiv_per_unit is not None and rng.random() < LAYOUT_B_SHARE
    return [
        {
            "id": ids.take("delivery"),
            "deal_id": deal_id,
            "year": year,
            "number": number if stated else None,
            "number_estimated": False,
            "year_estimated": False,
            "tiv": tiv_per_unit * number if stated and tiv_per_unit is not None else None,
            "source_id": None,
        }
        for year, number in zip(years, per_year, strict=True)
    ]


def _split(units: int, parts: int) -> list[int]:
    """`units` over `parts` years as evenly as whole units go, the larger shares first."""
    base, extra = divmod(units, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def events(
    rng: random.Random,
    ids: Ids,
    rows: list[Row],
    deal_id: int,
    status: Status,
    year: int,
    first_delivery: int | None,
    last_delivery: int | None,
    delivered: int | None,
    seller: str,
    buyer: str,
    designation: str,
    what: str,
) -> tuple[int, int, str]:
    """Append the deal's 1-3 timeline events to `rows`; return the first's id and
    description, and the year a source would report the deal in."""
    planned: list[tuple[str, EventKind, int, str, Status | None, int | None]] = []
    kind = PRE_ORDER_EVENT.get(status, EventKind.ORDER)
    description = {
        EventKind.PROPOSAL: f"{seller} offered {what} to {buyer}.",
        EventKind.NEGOTIATION: f"{buyer} opened negotiations with {seller} for {what}.",
        EventKind.APPROVAL: f"{seller} approved the export of {what} to {buyer}.",
        EventKind.ORDER: f"{buyer} ordered {what} from {seller} in {year}.",
    }[kind]
    first_status = status if kind is not EventKind.ORDER else Status.ORDERED
    planned.append((kind.value, kind, year, description, first_status, None))
    report_year = year
    if first_delivery is not None and first_delivery <= LAST_YEAR:
        done = status is Status.DELIVERED
        when = last_delivery if done and last_delivery else first_delivery
        text_ = (
            f"Deliveries of {designation} to {buyer} were completed."
            if done
            else f"First {designation} delivered to {buyer}."
        )
        planned.append(
            ("delivery", EventKind.DELIVERY, when, text_,
             Status.DELIVERED if done else Status.DELIVERING, delivered if done else None)
        )  # fmt: skip
        report_year = max(report_year, when)
    after = max(year, first_delivery or year)
    after = min(after, LAST_YEAR)
    if status in (Status.CANCELLED, Status.SUSPENDED):
        when = rng.randint(after, min(LAST_YEAR, after + 3))
        reason = rng.choice(REASONS)
        if status is Status.CANCELLED:
            planned.append(
                ("cancellation", EventKind.CANCELLATION, when,
                 f"{buyer} cancelled the order for {designation}{reason}.",
                 Status.CANCELLED, None)
            )  # fmt: skip
        else:
            planned.append(
                ("suspension", EventKind.SUSPENSION, when,
                 f"{seller} suspended the transfer of {designation} to {buyer}{reason}.",
                 Status.SUSPENDED, None)
            )  # fmt: skip
        report_year = max(report_year, when)
    elif rng.random() < 0.06:
        when = rng.randint(after, min(LAST_YEAR, after + 3))
        kind = rng.choice((EventKind.SANCTION, EventKind.DISPUTE, EventKind.OTHER))
        description_ = {
            EventKind.SANCTION: f"Sanctions on {buyer} delayed the {designation} programme.",
            EventKind.DISPUTE: f"{buyer} and {seller} disputed the {designation} price.",
            EventKind.OTHER: f"{buyer} asked for changes to the {designation} configuration.",
        }[kind]
        planned.append((kind.value, kind, when, description_, None, None))
    first_id = 0
    for ref, kind, when, description_, new_status, quantity in planned:
        event_id = ids.take("event")
        first_id = first_id or event_id
        rows.append(
            {
                "id": event_id,
                "deal_id": deal_id,
                "ref": ref,
                "kind": kind,
                "event_date": dt.date(when, 1, 1),
                "date_precision": DatePrecision.YEAR,
                "description": description_,
                "new_status": new_status,
                "quantity": quantity,
                "created_at": CREATED_AT,
            }
        )
    return first_id, report_year, description


def jan1(year: int | None) -> dt.date | None:
    return dt.date(year, 1, 1) if year is not None else None


def status_sentence(
    status: Status,
    seller: str,
    buyer: str,
    designation: str,
    first_delivery: int | None,
    last_delivery: int | None,
) -> str:
    if status is Status.DELIVERED:
        when = f" by {last_delivery}" if last_delivery else ""
        return f"All {designation} for {buyer} had been delivered{when}."
    if status is Status.DELIVERING:
        since = f" since {first_delivery}" if first_delivery else ""
        return f"{seller} has been delivering {designation} to {buyer}{since}."
    return {
        Status.ORDERED: f"The {designation} contract between {seller} and {buyer} is signed.",
        Status.CANCELLED: f"{buyer} cancelled its order for {designation}.",
        Status.SUSPENDED: f"The sale of {designation} to {buyer} is suspended.",
        Status.APPROVED: f"{seller} approved the export of {designation} to {buyer}.",
        Status.NEGOTIATING: f"{buyer} and {seller} are negotiating over {designation}.",
        Status.PROPOSED: f"{seller} has offered {designation} to {buyer}.",
    }[status]
