"""conflicts, import log, delivery and value provenance flags

Revision ID: 9a54ab6b9ad2
Revises: 93cce974cc2f
Create Date: 2026-11-21 10:18:56.968564
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "9a54ab6b9ad2"
down_revision: str | None = "93cce974cc2f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("deals_created", sa.Integer(), nullable=False),
        sa.Column("deals_matched", sa.Integer(), nullable=False),
        sa.Column("deals_unchanged", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_sha256"), ["sha256"], unique=False)

    op.create_table(
        "deal_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("recorded_value", sa.Text(), nullable=True),
        sa.Column("other_value", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_deal_conflict_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_deal_conflict_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_conflict")),
        sa.UniqueConstraint(
            "deal_id", "field", "source_id", name=op.f("uq_deal_conflict_deal_id_field_source_id")
        ),
    )
    with op.batch_alter_table("deal_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deal_conflict_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deal_conflict_source_id"), ["source_id"], unique=False)

    with op.batch_alter_table("deal", schema=None) as batch_op:
        # Existing deals get false; the server default makes the NOT NULL column addable.
        batch_op.add_column(
            sa.Column(
                "delivery_dates_estimated", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(sa.Column("value_source", sa.String(length=50), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_column("value_source")
        batch_op.drop_column("delivery_dates_estimated")

    with op.batch_alter_table("deal_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deal_conflict_source_id"))
        batch_op.drop_index(batch_op.f("ix_deal_conflict_deal_id"))

    op.drop_table("deal_conflict")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_sha256"))

    op.drop_table("import_batch")
