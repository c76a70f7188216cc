"""inbox: notices for people without Slack or Teams, and which channel took each outbox row

Revision ID: 0009_inbox
Revises: 0007_notices
Create Date: 2027-01-20

A reminder marked `sent` must say where it went: `reminders.channel` (slack, teams, inbox). The inbox
holds what the web chat and the terminal chat show as «varsler»; it follows 0007 because both change the
outbox's table and one order on SQLite's table rebuilds is simpler to reason about.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0009_inbox"
down_revision = "0007_notices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("notice_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=False),
        sa.Column("created_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", models.tables.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_inbox_notices_model_id_governance_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_notices")),
        sa.UniqueConstraint("notice_key", name=op.f("uq_inbox_notices_notice_key")),
    )
    with op.batch_alter_table("inbox_notices", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_notices_address_read_at", ["address", "read_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbox_notices_model_id"), ["model_id"], unique=False)
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_column("channel")
    with op.batch_alter_table("inbox_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_notices_model_id"))
        batch_op.drop_index("ix_inbox_notices_address_read_at")
    op.drop_table("inbox_notices")
