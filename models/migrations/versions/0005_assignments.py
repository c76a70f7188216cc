"""assignments: traffic-light status history of a model's numbered assignments (oppdrag)

Revision ID: 0005_assignments
Revises: 0003_meetings
Create Date: 2026-11-25

Follows the meetings revision because its reminders go through that revision's outbox.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0005_assignments"
down_revision = "0003_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignment_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column("updated_by", sa.String(length=300), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["governance_models.id"],
            name=op.f("fk_assignment_statuses_model_id_governance_models"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_statuses")),
    )
    with op.batch_alter_table("assignment_statuses", schema=None) as batch_op:
        batch_op.create_index("ix_assignment_statuses_model_id_number", ["model_id", "number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assignment_statuses", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_statuses_model_id_number")
    op.drop_table("assignment_statuses")
