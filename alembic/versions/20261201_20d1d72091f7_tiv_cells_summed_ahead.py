"""tiv cells summed ahead

`tiv_cell` holds SIPRI TIV summed by delivery year, recipient, supplier and category,
kept current by every write (tracker.store.tiv_cells), so a TIV view at a million deals reads
thousands of rows, not every delivery record. Filled from the stored deals here.

Revision ID: 20d1d72091f7
Revises: 8252e737b10f
Create Date: 2026-12-01 06:53:14
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "20d1d72091f7"
down_revision: str | None = "8252e737b10f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tiv_cell",
        sa.Column("grain", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("spread_years", sa.Integer(), nullable=False),
        sa.Column("deal_first", sa.Integer(), nullable=False),
        sa.Column("deal_last", sa.Integer(), nullable=False),
        sa.Column("tiv_milli", sa.BigInteger(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("first_deals", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "grain",
            "year",
            "buyer_id",
            "seller_id",
            "category",
            "spread_years",
            "deal_first",
            "deal_last",
            name=op.f("pk_tiv_cell"),
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("tiv_cell", schema=None) as batch_op:
        batch_op.create_index("ix_tiv_cell_grain_buyer", ["grain", "buyer_id"], unique=False)
        batch_op.create_index("ix_tiv_cell_grain_seller", ["grain", "seller_id"], unique=False)
    # The backfill: the rules of the cells are the library's (one home, not a copy here).
    # A later change to tiv_cell's columns must then bring its own migration that
    # recreates the table and rebuilds it, and pin this one to the columns above.
    from tracker.store.cells import rebuild
    from tracker.store.tiv_cells import TIV

    rebuild(op.get_bind(), [TIV])


def downgrade() -> None:
    with op.batch_alter_table("tiv_cell", schema=None) as batch_op:
        batch_op.drop_index("ix_tiv_cell_grain_seller")
        batch_op.drop_index("ix_tiv_cell_grain_buyer")
    op.drop_table("tiv_cell")
