"""citation.earlier_value: a quote cited for a value an edit has since changed

A citation says which source backs a deal field. When an edit changes the field, the
quote still says what it said ("signed for 48 launchers" beside a quantity now 50); the
citation keeps the value it was cited for, so the deal page can say so. Existing
citations backed the values stored now (NULL).

Revision ID: b7d2e4f61a3c
Revises: 7c3e5b1a9f20
Create Date: 2026-12-01 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "b7d2e4f61a3c"
down_revision: str | None = "7c3e5b1a9f20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both backends: no copy of the table (millions of rows at 1M
    # deals), which batch mode could make on SQLite.
    op.add_column("citation", sa.Column("earlier_value", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("citation") as batch:
        batch.drop_column("earlier_value")
