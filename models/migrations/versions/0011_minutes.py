"""minutes: a meeting's minutes (referat), drafted, sent for comments, approved; the members' comments

Revision ID: 0011_minutes
Revises: 0010_decisions
Create Date: 2027-01-28

Follows the decisions revision because approved minutes name the decision that approved them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0011_minutes"
down_revision = "0010_decisions"
branch_labels = None
depends_on = None

UTC = models.tables.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("body_key", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("comments_due", sa.Date(), nullable=True),
        sa.Column("drafted_by", sa.String(length=300), nullable=False),
        sa.Column("drafted_at", UTC, nullable=False),
        sa.Column("sent_by", sa.String(length=300), nullable=True),
        sa.Column("sent_at", UTC, nullable=True),
        sa.Column("approved_by", sa.String(length=300), nullable=True),
        sa.Column("approved_at", UTC, nullable=True),
        sa.Column("approved_meeting_id", sa.Integer(), nullable=True),
        sa.Column("approved_decision_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_minutes_model_id_governance_models")
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_minutes_meeting_id_meetings")),
        sa.ForeignKeyConstraint(
            ["approved_meeting_id"], ["meetings.id"], name=op.f("fk_minutes_approved_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["approved_decision_id"], ["decisions.id"], name=op.f("fk_minutes_approved_decision_id_decisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_minutes_meeting_id")),
    )
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_model_id"), ["model_id"], unique=False)
    op.create_table(
        "minutes_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("minutes_id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=60), nullable=False),
        sa.Column("text", sa.String(length=4000), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["minutes_id"], ["minutes.id"], name=op.f("fk_minutes_comments_minutes_id_minutes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_comments")),
    )
    with op.batch_alter_table("minutes_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_comments_minutes_id"), ["minutes_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("minutes_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_comments_minutes_id"))
    op.drop_table("minutes_comments")
    with op.batch_alter_table("minutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_model_id"))
    op.drop_table("minutes")
