"""channels: processed platform events, platform identities, Teams conversation references

Revision ID: 0004_channels
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0004_channels"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=60), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("processed_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processed_events")),
        sa.UniqueConstraint("platform", "event_id", name=op.f("uq_processed_events_platform_event_id")),
    )
    op.create_table(
        "person_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=60), nullable=False),
        sa.Column("platform_user_id", sa.String(length=200), nullable=False),
        sa.Column("person_key", sa.String(length=60), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("locale", sa.String(length=20), nullable=True),
        sa.Column("display_name", sa.String(length=300), nullable=True),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_identities")),
        sa.UniqueConstraint(
            "platform", "platform_user_id", name=op.f("uq_person_identities_platform_platform_user_id")
        ),
    )
    with op.batch_alter_table("person_identities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_identities_person_key"), ["person_key"], unique=False)
    op.create_table(
        "conversation_references",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=60), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("person_key", sa.String(length=60), nullable=True),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_references")),
        sa.UniqueConstraint("platform", "user_id", name=op.f("uq_conversation_references_platform_user_id")),
    )
    with op.batch_alter_table("conversation_references", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_references_person_key"), ["person_key"], unique=False
        )


def downgrade() -> None:
    op.drop_table("conversation_references")
    op.drop_table("person_identities")
    op.drop_table("processed_events")
