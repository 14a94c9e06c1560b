"""The controlled vocabularies: statuses and their allowed changes, conditions, kinds."""

from __future__ import annotations

import enum


class Status(enum.StrEnum):
    """Where a deal stands. The README's "Status vocabulary" explains each one."""

    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    APPROVED = "approved"  # by the exporting government or legislature
    ORDERED = "ordered"  # contract signed / order placed
    DELIVERING = "delivering"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"


# A status change recorded on the timeline must follow one of these edges. Creating or
# correcting a deal may set any status; the timeline is where history must make sense.
ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PROPOSED: frozenset(
        {Status.NEGOTIATING, Status.APPROVED, Status.ORDERED, Status.CANCELLED, Status.SUSPENDED}
    ),
    Status.NEGOTIATING: frozenset(
        {Status.PROPOSED, Status.APPROVED, Status.ORDERED, Status.CANCELLED, Status.SUSPENDED}
    ),
    # An approval often comes before the price is agreed (F-16s for Turkey, 2024).
    Status.APPROVED: frozenset(
        {Status.NEGOTIATING, Status.ORDERED, Status.CANCELLED, Status.SUSPENDED}
    ),
    Status.ORDERED: frozenset(
        {Status.DELIVERING, Status.DELIVERED, Status.CANCELLED, Status.SUSPENDED}
    ),
    Status.DELIVERING: frozenset({Status.DELIVERED, Status.CANCELLED, Status.SUSPENDED}),
    Status.DELIVERED: frozenset(),
    Status.CANCELLED: frozenset(),
    # A suspension can lift back to any live stage, or end the deal.
    Status.SUSPENDED: frozenset(
        {
            Status.NEGOTIATING,
            Status.APPROVED,
            Status.ORDERED,
            Status.DELIVERING,
            Status.CANCELLED,
        }
    ),
}


STATUS_MEANINGS: dict[Status, str] = {
    Status.PROPOSED: "A purchase is being discussed or sought.",
    Status.NEGOTIATING: "Buyer and seller are negotiating terms.",
    Status.APPROVED: "Approved by the exporting government or legislature (e.g. US Congress).",
    Status.ORDERED: "Contract signed or order placed.",
    Status.DELIVERING: "Some units delivered.",
    Status.DELIVERED: "All units delivered.",
    Status.CANCELLED: "Will not go ahead, including exclusions from a programme.",
    Status.SUSPENDED: "Halted; may resume.",
}


def can_change_status(old: Status, new: Status) -> bool:
    return new in ALLOWED_TRANSITIONS[old]


class Condition(enum.StrEnum):
    NEW = "new"
    SECOND_HAND = "second_hand"
    SECOND_HAND_MODERNISED = "second_hand_modernised"


class ValueKind(enum.StrEnum):
    """What a deal's own value is. Kinds are never summed together."""

    CONTRACT = "contract"  # the signed contract's value
    ESTIMATE = "estimate"  # a reported or estimated value ("possibly $X")
    NOTIFIED_CEILING = "notified_ceiling"  # e.g. a US DSCA notification's maximum
    OFFSET = "offset"  # offset / industrial participation attached to the deal
    AID = "aid"  # given as military aid, not sold


class MoneyFactKind(enum.StrEnum):
    """Sums a source states about a deal that are not the deal's own value."""

    PACKAGE = "package"  # "part of $488 m deal": the larger package's value
    OFFSET = "offset"  # "offsets $593 m"
    LOAN = "loan"  # "financed by a $X loan"
    STATED_USD = "stated_usd"  # the USD figure a source gives beside the original currency


class FlagKind(enum.StrEnum):
    """Something about a deal a researcher should review."""

    POSSIBLE_DUPLICATE = "possible_duplicate"  # an import could not tell it from another deal
    MISSING_FROM_RELEASE = "missing_from_release"  # a newer SIPRI release no longer lists it


class DatePrecision(enum.StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PartyKind(enum.StrEnum):
    STATE = "state"
    COMPANY = "company"
    ORGANISATION = "organisation"  # international organisations (SIPRI's "**")
    NON_STATE = "non_state"  # armed groups and other non-state actors (SIPRI's "*")
    UNKNOWN = "unknown"  # "unknown country", "unknown supplier"


class ParticipantRole(enum.StrEnum):
    MANUFACTURER = "manufacturer"
    EXPORTER = "exporter"  # a state export agency such as Rosoboronexport
    INTERMEDIARY = "intermediary"
    FINANCIER = "financier"
    LOCAL_PRODUCER = "local_producer"


class EventKind(enum.StrEnum):
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    APPROVAL = "approval"
    STATUS_CHANGE = "status_change"
    ORDER = "order"
    DELIVERY = "delivery"
    SANCTION = "sanction"
    EXCLUSION = "exclusion"
    DISPUTE = "dispute"
    SUSPENSION = "suspension"
    CANCELLATION = "cancellation"
    OTHER = "other"


class Category(enum.StrEnum):
    """SIPRI's armament categories."""

    AIRCRAFT = "aircraft"
    AIR_DEFENCE = "air_defence_systems"
    ARMOURED_VEHICLES = "armoured_vehicles"
    ARTILLERY = "artillery"
    ENGINES = "engines"
    MISSILES = "missiles"
    NAVAL_WEAPONS = "naval_weapons"
    SENSORS = "sensors"
    SATELLITES = "satellites"
    SHIPS = "ships"
    OTHER = "other"


# Human names of a deal's fields, for forms, messages and the deal page.
FIELD_LABELS: dict[str, str] = {
    "buyer": "Buyer",
    "seller": "Seller",
    "platform": "Platform",
    "programme": "Programme",
    "participants": "Participants",
    "quantity_ordered": "Quantity ordered",
    "quantity_unit": "Unit",
    "quantity_delivered": "Quantity delivered",
    "delivered_exceeds_ordered": "More delivered than ordered",
    "condition": "Condition",
    "local_production": "Local production",
    "value": "Value",
    "value_usd": "In constant US dollars",
    "value_amount": "Value amount",
    "value_currency": "Currency",
    "value_year": "Price year",
    "value_kind": "Value kind",
    "value_at_least": '"At least"',
    "tiv": "SIPRI TIV",
    "status": "Status",
    "order_date": "Order date",
    "first_delivery_date": "First delivery",
    "last_delivery_date": "Last delivery",
    "deliveries_expected": "Deliveries expected",
    "notes": "Notes",
    # sources, citations and events
    "title": "Title",
    "publisher": "Publisher",
    "url": "URL",
    "published_date": "Published",
    "text": "Text of the source",
    "quote": "Quote",
    "source": "Source",
    "field": "Supports the field",
    "kind": "Kind",
    "date": "Date",
    "description": "What happened",
    "new_status": "New status",
    "quantity": "Units delivered",
}


def field_label(name: str) -> str:
    """ "quantity_ordered" -> "Quantity ordered"; unknown names are made readable."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def label(value: enum.StrEnum) -> str:
    """Human label of a vocabulary value: "second_hand" -> "second-hand"."""
    special = {
        "second_hand": "second-hand",
        "second_hand_modernised": "second-hand modernised",
        "air_defence_systems": "air-defence systems",
        "ordered": "signed/ordered",
        "non_state": "non-state",
        "stated_usd": "the same in US dollars, as stated",
        "package": "value of the larger package",
    }
    return special.get(value.value, value.value.replace("_", " "))


class Role(enum.StrEnum):
    """What a person may do. Anonymous visitors are viewers."""

    VIEWER = "viewer"  # browse, filter, export
    EDITOR = "editor"  # add, edit and delete deals, sources, citations and events
    ADMIN = "admin"  # manage users, read the whole audit log, restore deleted deals


ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 deal", "2,400 deals", "1 party" / "3 parties" (given `plural`)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
