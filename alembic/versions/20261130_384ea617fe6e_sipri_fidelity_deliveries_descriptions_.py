"""sipri fidelity: deliveries, descriptions, keys, platform kinds, money facts, flags

Deals that earlier SIPRI imports created get the keys a newer release updates them by
(the deal's own SIPRI source: its id in the transfers layout, its row's content in the
deals layout), so upgrading and importing the next release updates them instead of
adding them again.

Revision ID: 384ea617fe6e
Revises: 4c1f0e7ab2d3
Create Date: 2026-11-30 23:13:50.357266
"""

import datetime as dt
import hashlib
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "384ea617fe6e"
down_revision: str | None = "4c1f0e7ab2d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "deal_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "possible_duplicate",
                "missing_from_release",
                name="flagkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("other_deal_id", sa.Integer(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_flag_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_flag")),
    )
    with op.batch_alter_table("deal_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_flag_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "deal_money",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "package",
                "offset",
                "loan",
                "stated_usd",
                name="moneyfactkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("amount_high", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("at_least", sa.Boolean(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_money_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_deal_money_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_money")),
    )
    with op.batch_alter_table("deal_money", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_money_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("number_estimated", sa.Boolean(), nullable=False),
        sa.Column("year_estimated", sa.Boolean(), nullable=False),
        sa.Column("tiv", sa.Numeric(precision=14, scale=3), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("number IS NULL OR number >= 0", name=op.f("ck_delivery_number")),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_delivery_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_delivery_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(
            "ix_delivery_year_deal", ["year", "deal_id", "tiv", "number"], unique=False
        )

    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("value_amount_high", sa.Numeric(precision=18, scale=2), nullable=True)
        )
        batch_op.add_column(
            sa.Column("tiv_new_unit", sa.Numeric(precision=14, scale=3), nullable=True)
        )
        batch_op.add_column(sa.Column("description", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("sipri_key", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("sipri_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("sipri_release", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_deal_sipri_key",
            ["sipri_key"],
            unique=True,
            sqlite_where=sa.text("sipri_key IS NOT NULL"),
            postgresql_where=sa.text("sipri_key IS NOT NULL"),
        )

    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reviewed", sa.Boolean(), server_default=sa.text("(true)"), nullable=False)
        )

    with op.batch_alter_table("platform", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_platform_designation"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_platform_designation_category"), ["designation", "category"]
        )

    with op.batch_alter_table("platform_alias", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_platform_alias_alias_key"), type_="unique")
        batch_op.create_index(
            batch_op.f("ix_platform_alias_alias_key"), ["alias_key"], unique=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_platform_alias_platform_id_alias_key"), ["platform_id", "alias_key"]
        )

    _backfill_sipri_keys()


def _when(value: object) -> dt.datetime | None:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        return None
    return (
        value.replace(tzinfo=None)
        if value.tzinfo is None
        else value.astimezone(dt.UTC).replace(tzinfo=None)
    )


def _backfill_sipri_keys() -> None:
    """A deal an import created was written with its SIPRI source, in the same second."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT deal.id, deal.created_at, source.ref, source.text, source.created_at "
            "FROM deal JOIN citation ON citation.deal_id = deal.id AND citation.field = 'buyer' "
            "JOIN source ON source.id = citation.source_id "
            "WHERE deal.ref IS NULL "
            "AND (source.ref LIKE 'sipri:%' OR source.ref LIKE 'sipri-row:%') "
            "ORDER BY deal.id, source.id"
        )
    ).all()
    done: set[int] = set()
    for deal_id, deal_created, ref, text, source_created in rows:
        if deal_id in done:
            continue
        done.add(deal_id)
        made, cited = _when(deal_created), _when(source_created)
        if made is None or cited is None or abs((made - cited).total_seconds()) > 5:
            continue  # a deal the import only corroborated
        content = (text or "").strip()
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        key = f"id:{ref.split(':')[1]}" if ref.startswith("sipri:") else f"row:{digest[:24]}:1"
        connection.execute(
            sa.text("UPDATE deal SET sipri_key = :key, sipri_hash = :hash WHERE id = :id"),
            {"key": key, "hash": digest, "id": deal_id},
        )


def downgrade() -> None:

    with op.batch_alter_table("platform_alias", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_platform_alias_platform_id_alias_key"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_platform_alias_alias_key"))
        batch_op.create_unique_constraint(batch_op.f("uq_platform_alias_alias_key"), ["alias_key"])

    with op.batch_alter_table("platform", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_platform_designation_category"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_platform_designation"), ["designation"])

    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_column("reviewed")

    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_deal_sipri_key",
            sqlite_where=sa.text("sipri_key IS NOT NULL"),
            postgresql_where=sa.text("sipri_key IS NOT NULL"),
        )
        batch_op.drop_column("sipri_release")
        batch_op.drop_column("sipri_hash")
        batch_op.drop_column("sipri_key")
        batch_op.drop_column("description")
        batch_op.drop_column("tiv_new_unit")
        batch_op.drop_column("value_amount_high")

    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_year_deal")
        batch_op.drop_index(batch_op.f("ix_delivery_deal_id"))

    op.drop_table("delivery")
    with op.batch_alter_table("deal_money", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_money_deal_id"))

    op.drop_table("deal_money")
    with op.batch_alter_table("deal_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_flag_deal_id"))

    op.drop_table("deal_flag")
