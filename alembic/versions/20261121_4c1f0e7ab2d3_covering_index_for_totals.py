"""one covering index for filters, totals and facets

Replaces ix_deal_live_buyer_year and ix_deal_live_totals (both are covered by it).

Revision ID: 4c1f0e7ab2d3
Revises: 9128d228f105
Create Date: 2026-11-21 12:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "4c1f0e7ab2d3"
down_revision: str | None = "9128d228f105"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")
FACTS = [
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
    "deleted_at",
]
TOTALS = [
    "quantity_ordered",
    "quantity_delivered",
    "value_amount",
    "value_currency",
    "value_at_least",
    "deleted_at",
]


def _live_index(name: str, columns: list[str]) -> None:
    op.create_index(name, "deal", columns, sqlite_where=LIVE, postgresql_where=LIVE)


def upgrade() -> None:
    _live_index("ix_deal_live_facts", FACTS)
    op.drop_index("ix_deal_live_buyer_year", table_name="deal")
    op.drop_index("ix_deal_live_totals", table_name="deal")


def downgrade() -> None:
    _live_index("ix_deal_live_buyer_year", ["buyer_id", "order_year", "deleted_at"])
    _live_index("ix_deal_live_totals", TOTALS)
    op.drop_index("ix_deal_live_facts", table_name="deal")
