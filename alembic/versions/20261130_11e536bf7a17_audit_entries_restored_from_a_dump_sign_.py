"""audit entries restored from a dump, sign-in throttling

audit_entry.restored_from marks entries a restore loaded from a dump; sign_in_failure
holds failed sign-ins while they count towards throttling by name and by address.

Revision ID: 11e536bf7a17
Revises: 384ea617fe6e
Create Date: 2026-11-30 23:29:17.771337
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "11e536bf7a17"
down_revision: str | None = "384ea617fe6e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username_key", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failure")),
    )
    with op.batch_alter_table("sign_in_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_failure_at"), ["at"], unique=False)
        batch_op.create_index(
            "ix_sign_in_failure_name_source", ["username_key", "source"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sign_in_failure_source"), ["source"], unique=False)

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("restored_from", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("restored_from")

    with op.batch_alter_table("sign_in_failure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_failure_source"))
        batch_op.drop_index("ix_sign_in_failure_name_source")
        batch_op.drop_index(batch_op.f("ix_sign_in_failure_at"))

    op.drop_table("sign_in_failure")
