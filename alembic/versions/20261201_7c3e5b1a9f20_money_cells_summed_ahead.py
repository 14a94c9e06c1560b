"""money cells summed ahead

`money_cell` holds deal values and money facts summed in their own currency and price
year by order year, recipient, supplier, category, delivery years and status, kept
current by
every write (tracker.store.money_cells), so a constant-USD view at a million deals
converts thousands of rows, not every deal. Filled from the stored deals here.

Revision ID: 7c3e5b1a9f20
Revises: 5e1c0a9d7b42
Create Date: 2026-12-01 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "7c3e5b1a9f20"
down_revision: str | None = "5e1c0a9d7b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "money_cell",
        sa.Column("grain", sa.Integer(), nullable=False),
        sa.Column("order_year", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("deal_first", sa.Integer(), nullable=False),
        sa.Column("deal_last", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("price_year", sa.Integer(), nullable=False),
        sa.Column("at_least", sa.Integer(), nullable=False),
        sa.Column("cents", sa.Double(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "grain",
            "order_year",
            "buyer_id",
            "seller_id",
            "category",
            "deal_first",
            "deal_last",
            "status",
            "kind",
            "currency",
            "price_year",
            "at_least",
            name=op.f("pk_money_cell"),
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("money_cell", schema=None) as batch_op:
        batch_op.create_index("ix_money_cell_grain_buyer", ["grain", "buyer_id"], unique=False)
        batch_op.create_index("ix_money_cell_grain_seller", ["grain", "seller_id"], unique=False)
    # The backfill: the rules of the cells are the library's (one home, not a copy here).
    # A later change to money_cell's columns must then bring its own migration that
    # recreates the table and rebuilds it, and pin this one to the columns above.
    from tracker.store.cells import rebuild
    from tracker.store.money_cells import MONEY

    rebuild(op.get_bind(), [MONEY])


def downgrade() -> None:
    with op.batch_alter_table("money_cell", schema=None) as batch_op:
        batch_op.drop_index("ix_money_cell_grain_seller")
        batch_op.drop_index("ix_money_cell_grain_buyer")
    op.drop_table("money_cell")
