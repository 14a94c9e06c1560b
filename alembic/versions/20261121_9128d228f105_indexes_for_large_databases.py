"""indexes for large databases

Revision ID: 9128d228f105
Revises: ad1eee7c0d97
Create Date: 2026-11-21 10:55:00.459741
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "9128d228f105"
down_revision: str | None = "ad1eee7c0d97"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_buyer_id"))
        batch_op.drop_index(batch_op.f("ix_deal_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_deal_platform_id"))
        batch_op.drop_index(batch_op.f("ix_deal_seller_id"))
        batch_op.drop_index(batch_op.f("ix_deal_status"))
        batch_op.create_index(
            "ix_deal_deleted",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_buyer_year",
            ["buyer_id", "order_year", "deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_platform",
            ["platform_id", "deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_seller",
            ["seller_id", "deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_status",
            ["status", "deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_deal_live_totals",
            [
                "quantity_ordered",
                "quantity_delivered",
                "value_amount",
                "value_currency",
                "value_at_least",
                "deleted_at",
            ],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index("ix_deal_order_date", ["order_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_order_date")
        batch_op.drop_index(
            "ix_deal_live_totals",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_status",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_seller",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_platform",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_live_buyer_year",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_deal_deleted",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.create_index(batch_op.f("ix_deal_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_seller_id"), ["seller_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_platform_id"), ["platform_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_buyer_id"), ["buyer_id"], unique=False)
