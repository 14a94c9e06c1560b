"""ORM classes: the tables of the deal database. Rules live in tracker.domain and tracker.write."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.money import AMOUNT_DIGITS, AMOUNT_PLACES
from tracker.domain.vocab import (
    Category,
    Condition,
    DatePrecision,
    EventKind,
    FlagKind,
    MoneyFactKind,
    ParticipantRole,
    PartyKind,
    Role,
    Status,
    ValueKind,
)
from tracker.store.db import Base

# Money: see tracker.domain.money (amounts capped where both backends store them exactly).
MONEY = Numeric(AMOUNT_DIGITS, AMOUNT_PLACES)
TIV = Numeric(14, 3)


def _vocab(enum_cls: type[enum.Enum], length: int = 32) -> Enum:
    """Store a vocabulary as its lower-case values in a VARCHAR, the same on every backend."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def _live_index(name: str, *columns: str) -> Index:
    """An index over live (not deleted) deals that also holds deleted_at, so a query's
    `deleted_at IS NULL` is answered from the index alone."""
    live = text("deleted_at IS NULL")
    return Index(name, *columns, "deleted_at", sqlite_where=live, postgresql_where=live)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Party(Base):
    """A state, company, organisation or non-state actor that buys, sells or takes part."""

    __tablename__ = "party"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(_vocab(PartyKind))
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # ISO 3166-1 alpha-3 for states (ISO 3166-3 codes for historic states).
    iso3: Mapped[str | None] = mapped_column(String(3), unique=True)
    # Home country of a company or organisation, when known.
    country_iso3: Mapped[str | None] = mapped_column(String(3))
    historic: Mapped[bool] = mapped_column(default=False)
    # False for a party an import created from a name it did not know (a SIPRI file is the
    # authority on its own names): listed for an admin to review.
    reviewed: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    aliases: Mapped[list[PartyAlias]] = relationship(
        back_populates="party", cascade="all, delete-orphan"
    )


class PartyAlias(Base):
    """Another accepted spelling of a party's name; `alias_key` is its normalised form."""

    __tablename__ = "party_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200), unique=True)

    party: Mapped[Party] = relationship(back_populates="aliases")


class PlatformManufacturer(Base):
    __tablename__ = "platform_manufacturer"

    platform_id: Mapped[int] = mapped_column(
        ForeignKey("platform.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True)


class Platform(Base):
    """A weapon system as designated ("F-16 Block 70 Viper"), with its category and makers.

    A platform is its designation and its kind: SIPRI's "COBRA" missile, "COBRA" radar and
    "Cobra" APC are three platforms."""

    __tablename__ = "platform"
    __table_args__ = (UniqueConstraint("designation", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    designation: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(300))
    category: Mapped[Category] = mapped_column(_vocab(Category), index=True)
    country_of_origin_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    aliases: Mapped[list[PlatformAlias]] = relationship(
        back_populates="platform", cascade="all, delete-orphan"
    )
    manufacturers: Mapped[list[Party]] = relationship(
        secondary="platform_manufacturer", order_by="Party.name"
    )
    country_of_origin: Mapped[Party | None] = relationship()


class PlatformAlias(Base):
    """A name of a platform; one name may belong to platforms of several kinds."""

    __tablename__ = "platform_alias"
    __table_args__ = (UniqueConstraint("platform_id", "alias_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(
        ForeignKey("platform.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200), index=True)

    platform: Mapped[Platform] = relationship(back_populates="aliases")


class Deal(Base):
    """One transfer agreement: a buyer acquiring a number of one platform from a seller."""

    __tablename__ = "deal"
    __table_args__ = (
        CheckConstraint("quantity_ordered IS NULL OR quantity_ordered >= 0", name="qty_ordered"),
        CheckConstraint(
            "quantity_delivered IS NULL OR quantity_delivered >= 0", name="qty_delivered"
        ),
        CheckConstraint(
            "value_amount IS NULL OR value_currency IS NOT NULL", name="value_has_currency"
        ),
        Index("ix_deal_buyer_platform", "buyer_id", "platform_id"),
        # Indexes over live deals only (WHERE deleted_at IS NULL, as every view asks), with
        # deleted_at among their columns: totals and facets over a million deals then read
        # narrow indexes instead of fetching each row to check that it is not deleted.
        # ix_deal_live_facts holds every column a filter, total or facet reads (a deal row
        # is ~1 KB with its notes; an entry here ~50 bytes), so aggregates scan it alone;
        # it leads with buyer and year, the most common filter.
        _live_index(
            "ix_deal_live_facts",
            "buyer_id",
            "order_year",
            "seller_id",
            "platform_id",
            "status",
            "condition",
            "quantity_ordered",
            "quantity_delivered",
            "quantity_unit",
            "value_amount",
            "value_currency",
            "value_at_least",
        ),
        _live_index("ix_deal_live_seller", "seller_id"),
        Index(
            "ix_deal_sipri_key",
            "sipri_key",
            unique=True,
            sqlite_where=text("sipri_key IS NOT NULL"),
            postgresql_where=text("sipri_key IS NOT NULL"),
        ),
        # Led by platform and currency with every column a filter or total reads: totals
        # by platform (the Deals page's default) read the deals in group order and
        # aggregate as they scan, with no sort of the filtered deals. Lookups by platform
        # use it too.
        _live_index(
            "ix_deal_live_platform_facts",
            "platform_id",
            "value_currency",
            "status",
            "buyer_id",
            "seller_id",
            "order_year",
            "condition",
            "quantity_ordered",
            "quantity_delivered",
            "quantity_unit",
            "value_amount",
            "value_at_least",
        ),
        _live_index("ix_deal_live_status", "status"),
        # The default sort (newest order first) reads the first page straight off an index.
        Index("ix_deal_order_date", "order_date"),
        # Deleted deals only, for the admin's list; live ones are nearly all.
        Index(
            "ix_deal_deleted",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A stable external key ("seed:tur-s400-2017") that makes loads idempotent.
    ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("party.id"))  # see ix_deal_buyer_*
    seller_id: Mapped[int] = mapped_column(ForeignKey("party.id"))  # see ix_deal_live_*
    platform_id: Mapped[int] = mapped_column(ForeignKey("platform.id"))
    programme: Mapped[str | None] = mapped_column(String(200))

    # Unknown is NULL, never 0.
    quantity_ordered: Mapped[int | None] = mapped_column(Integer)
    quantity_ordered_estimated: Mapped[bool] = mapped_column(default=False)
    quantity_unit: Mapped[str | None] = mapped_column(String(50))  # "units", "batteries"
    quantity_delivered: Mapped[int | None] = mapped_column(Integer)
    quantity_delivered_estimated: Mapped[bool] = mapped_column(default=False)
    # Set when more were delivered than ordered on purpose (e.g. attrition replacements).
    delivered_exceeds_ordered: Mapped[bool] = mapped_column(default=False)
    condition: Mapped[Condition | None] = mapped_column(_vocab(Condition), index=True)
    local_production: Mapped[bool] = mapped_column(default=False)

    value_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    value_currency: Mapped[str | None] = mapped_column(String(3))
    value_year: Mapped[int | None] = mapped_column(Integer)  # price year
    value_kind: Mapped[ValueKind | None] = mapped_column(_vocab(ValueKind))
    value_at_least: Mapped[bool] = mapped_column(default=False)  # "over $10 billion"
    # The high end when a source gives a range ("$2.3-2.6 b"); value_amount is the low end.
    value_amount_high: Mapped[Decimal | None] = mapped_column(MONEY)

    # SIPRI trend-indicator values: capability, not money; never added to value_amount.
    tiv_per_unit: Mapped[Decimal | None] = mapped_column(TIV)
    tiv_total_order: Mapped[Decimal | None] = mapped_column(TIV)
    tiv_delivered: Mapped[Decimal | None] = mapped_column(TIV)
    tiv_new_unit: Mapped[Decimal | None] = mapped_column(TIV)  # SIPRI's estimate for a new unit

    # SIPRI's words for the weapon in this deal ("FGA aircraft"), as its register gives them.
    description: Mapped[str | None] = mapped_column(String(300))
    # Deals a SIPRI import created: the row's key ("id:55238" in the transfers layout;
    # "row:<hash>:<n>" in the deals layout, n counting identical rows), a hash of what the
    # register stated (to see a newer release change it), and that release's date.
    sipri_key: Mapped[str | None] = mapped_column(String(80))
    sipri_hash: Mapped[str | None] = mapped_column(String(64))
    sipri_release: Mapped[dt.date | None] = mapped_column(Date)

    status: Mapped[Status] = mapped_column(_vocab(Status))
    order_date: Mapped[dt.date | None] = mapped_column(Date)
    order_date_precision: Mapped[DatePrecision | None] = mapped_column(_vocab(DatePrecision))
    order_date_estimated: Mapped[bool] = mapped_column(default=False)
    # Denormalised from order_date so year filters and charts use an index.
    order_year: Mapped[int | None] = mapped_column(Integer, index=True)
    first_delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    first_delivery_precision: Mapped[DatePrecision | None] = mapped_column(_vocab(DatePrecision))
    last_delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    last_delivery_precision: Mapped[DatePrecision | None] = mapped_column(_vocab(DatePrecision))
    # True when the delivery dates are planned or expected rather than reported as done.
    deliveries_expected: Mapped[bool] = mapped_column(default=False)
    delivery_dates_estimated: Mapped[bool] = mapped_column(default=False)
    # Where the value came from when not from a cited quote of a contract figure,
    # e.g. "sipri_comments" for money read out of SIPRI's free-text comments.
    value_source: Mapped[str | None] = mapped_column(String(50))

    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Soft delete: a deleted deal disappears from every view but stays, restorable.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by: Mapped[str | None] = mapped_column(String(100))

    buyer: Mapped[Party] = relationship(foreign_keys=[buyer_id])
    seller: Mapped[Party] = relationship(foreign_keys=[seller_id])
    platform: Mapped[Platform] = relationship()
    participants: Mapped[list[DealParticipant]] = relationship(
        back_populates="deal", cascade="all, delete-orphan"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="Event.event_date"
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="deal", cascade="all, delete-orphan"
    )
    conflicts: Mapped[list[DealConflict]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealConflict.id"
    )
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="Delivery.year"
    )


class Delivery(Base):
    """Deliveries of one deal in one year, as a source (SIPRI) states them."""

    __tablename__ = "delivery"
    __table_args__ = (
        CheckConstraint("number IS NULL OR number >= 0", name="number"),
        # Totals by delivery year read this index alone.
        Index("ix_delivery_year_deal", "year", "deal_id", "tiv", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)  # None: only the deal's total is known
    number_estimated: Mapped[bool] = mapped_column(default=False)
    year_estimated: Mapped[bool] = mapped_column(default=False)
    tiv: Mapped[Decimal | None] = mapped_column(TIV)  # TIV delivered that year
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))

    deal: Mapped[Deal] = relationship(back_populates="deliveries")


class DealMoney(Base):
    """A sum a source states about a deal that is not its own value: a package it is part
    of, offsets, a loan, or the USD figure given beside another currency."""

    __tablename__ = "deal_money"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MoneyFactKind] = mapped_column(_vocab(MoneyFactKind))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    amount_high: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    at_least: Mapped[bool] = mapped_column(default=False)
    quote: Mapped[str | None] = mapped_column(Text)  # the source's words
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))


class TivCellRow(Base):
    """SIPRI TIV summed ahead by delivery year, recipient, supplier and category, kept
    current by every write (`tracker.store.cells` holds the rules): a TIV view reads a
    few thousand of these instead of every delivery record.

    `grain` says which of buyer, seller and category a row keeps (a bit each; the others
    are 0 or "" in it), and whether it keeps the year. `year` 0: TIV with no delivery
    year. `spread_years` 0: TIV a record states; n: a deal's total TIV, once per record,
    to be divided by its n records. `deal_first`/`deal_last` are the delivery years a
    "delivered in" filter tests. On SQLite the rows are stored in key order (no rowid),
    so a grain's years are read as one run."""

    __tablename__ = "tiv_cell"
    __table_args__ = (
        Index("ix_tiv_cell_grain_buyer", "grain", "buyer_id"),
        Index("ix_tiv_cell_grain_seller", "grain", "seller_id"),
        {"sqlite_with_rowid": False},
    )

    grain: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    buyer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    spread_years: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_first: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_last: Mapped[int] = mapped_column(Integer, primary_key=True)
    tiv_milli: Mapped[int] = mapped_column(BigInteger)  # thousandths of a TIV million: exact
    deals: Mapped[int] = mapped_column(Integer)  # deals with TIV in this row
    first_deals: Mapped[int] = mapped_column(Integer)  # those whose first year this is


class MoneyCellRow(Base):
    """Deal values and money facts summed ahead in their own currency and price year, by
    order year, recipient, supplier, category and delivery years, kept current by every
    write (`tracker.store.money_cells` holds the rules): a constant-USD view converts a
    few thousand of these, once per currency and price year, instead of every deal.

    `grain` says which of buyer, seller, category, order year, delivery years and status
    a row keeps (a bit each; the others are 0 or "" in it). `kind` is the value kind or money
    fact kind ("" unstated); `price_year` 0 and `order_year` 0: unknown. Sums are whole
    cents in a double, exact up to 2**53 cents (about $90 trillion) per cell and never
    overflowing beyond. Amounts are stored as given, never converted, so a new release
    of the shipped exchange rates or CPI changes no cell."""

    __tablename__ = "money_cell"
    __table_args__ = (
        Index("ix_money_cell_grain_buyer", "grain", "buyer_id"),
        Index("ix_money_cell_grain_seller", "grain", "seller_id"),
        {"sqlite_with_rowid": False},
    )

    grain: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    buyer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    deal_first: Mapped[int] = mapped_column(Integer, primary_key=True)
    deal_last: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    price_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    at_least: Mapped[int] = mapped_column(Integer, primary_key=True)
    cents: Mapped[float] = mapped_column(Double)
    deals: Mapped[int] = mapped_column(Integer)  # deal values or deals with facts here


class DealFlag(Base):
    """Something about a deal for a researcher to review (a possible duplicate, a deal a
    newer SIPRI release no longer lists)."""

    __tablename__ = "deal_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FlagKind] = mapped_column(_vocab(FlagKind))
    detail: Mapped[str] = mapped_column(Text)
    other_deal_id: Mapped[int | None] = mapped_column(Integer)  # the deal it may duplicate
    resolved: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class DealParticipant(Base):
    """A manufacturer, exporter agency or intermediary taking part in a deal."""

    __tablename__ = "deal_participant"
    __table_args__ = (UniqueConstraint("deal_id", "party_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(_vocab(ParticipantRole))

    deal: Mapped[Deal] = relationship(back_populates="participants")
    party: Mapped[Party] = relationship()


class Event(Base):
    """A dated, sourced entry on a deal's timeline."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity"),
        UniqueConstraint("deal_id", "ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[EventKind] = mapped_column(_vocab(EventKind))
    # NULL when no source dates the event; such events sort last on the timeline.
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[DatePrecision | None] = mapped_column(_vocab(DatePrecision))
    description: Mapped[str] = mapped_column(Text)
    new_status: Mapped[Status | None] = mapped_column(_vocab(Status))
    quantity: Mapped[int | None] = mapped_column(Integer)  # units delivered by this event
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    deal: Mapped[Deal] = relationship(back_populates="events")
    citations: Mapped[list[Citation]] = relationship(back_populates="event")


class Source(Base):
    """An article, document or dataset that facts are taken from."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="article")
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    published_date: Mapped[dt.date | None] = mapped_column(Date)
    # The stored text quotes are checked against; NULL when we hold none.
    text: Mapped[str | None] = mapped_column(Text)
    # Provenance: how we got it, what dates in it are relative to, how far to trust it.
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    citations: Mapped[list[Citation]] = relationship(back_populates="source")


class Citation(Base):
    """Ties a deal field, or an event, to a source with the exact quote that supports it."""

    __tablename__ = "citation"
    __table_args__ = (
        CheckConstraint("field IS NOT NULL OR event_id IS NOT NULL", name="cites_something"),
        # Partial: most citations (all of an import's) cite a field, not an event, and
        # indexing their NULLs cost a SIPRI import about 5%; `event_id = ?` still uses it.
        Index(
            "ix_citation_event_id",
            "event_id",
            sqlite_where=text("event_id IS NOT NULL"),
            postgresql_where=text("event_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    field: Mapped[str | None] = mapped_column(String(50))
    quote: Mapped[str] = mapped_column(Text)
    # The field's value as it read when an edit changed it (`tracker.citing.value_text`):
    # the quote backed that value, not the current one. NULL: it backs the current value.
    earlier_value: Mapped[str | None] = mapped_column(Text)

    source: Mapped[Source] = relationship(back_populates="citations")
    deal: Mapped[Deal] = relationship(back_populates="citations")
    event: Mapped[Event | None] = relationship(back_populates="citations")


class DealConflict(Base):
    """Two sources disagree about a deal field; kept for a researcher to resolve."""

    __tablename__ = "deal_conflict"
    __table_args__ = (UniqueConstraint("deal_id", "field", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    recorded_value: Mapped[str | None] = mapped_column(Text)  # what the deal says
    other_value: Mapped[str | None] = mapped_column(Text)  # what the other source says
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    deal: Mapped[Deal] = relationship(back_populates="conflicts")
    source: Mapped[Source] = relationship()


class ImportBatch(Base):
    """One import of a file: what it was and what it did (the import log)."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(20))
    deals_created: Mapped[int] = mapped_column(Integer, default=0)
    deals_matched: Mapped[int] = mapped_column(Integer, default=0)
    deals_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class UserAccount(Base):
    """A person who can sign in; passwords are stored only as Argon2 hashes."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_vocab(Role))
    password_hash: Mapped[str | None] = mapped_column(String(300))  # None: single sign-on only
    # The identity a single-sign-on provider vouches for (e-mail or subject).
    sso_identity: Mapped[str | None] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEntry(Base):
    """One write: who, when, what changed (before/after per field) and why."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)  # username, or "cli:<user>"
    action: Mapped[str] = mapped_column(String(30))  # create, update, delete, restore, ...
    entity: Mapped[str] = mapped_column(String(30))  # deal, source, citation, event, user
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # The deal a change belongs to, so a deal's history is one indexed lookup.
    deal_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [before, after]}
    comment: Mapped[str | None] = mapped_column(Text)
    # Set on entries loaded from a dump: which restore brought them (they were not
    # written by this database's own writers). NULL for entries made here.
    restored_from: Mapped[str | None] = mapped_column(String(200))


class SignInFailure(Base):
    """One failed sign-in, kept while it counts towards throttling (tracker.write.accounts):
    by the name tried and the address it came from, known account or not."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (Index("ix_sign_in_failure_name_source", "username_key", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    username_key: Mapped[str] = mapped_column(String(100))  # the name tried, lower-cased
    source: Mapped[str] = mapped_column(String(100), index=True)  # client address or ""


class DataVersion(Base):
    """One row whose number every write bumps in its own transaction, so a reader in any
    process can tell with one cheap read whether its cached figures are still current."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class SignInSession(Base):
    """A signed-in browser: the hash of the token its cookie holds, until it expires or is
    revoked (sign-out). A password change ends it too: `password_check` must still match."""

    __tablename__ = "sign_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    password_check: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # When the browser took the token into its cookie; a token is handed over once.
    handed_over_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
