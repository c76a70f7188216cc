"""follow_ups: what a decision asks someone to do, with owner, due date and open/done (oppfølgingspunkter)

Revision ID: 0012_follow_ups
Revises: 0010_decisions
Create Date: 2027-01-28

Follows the decisions revision because a follow-up belongs to a decision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0012_follow_ups"
down_revision = "0010_decisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("owner_key", sa.String(length=60), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=300), nullable=False),
        sa.Column("created_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", models.tables.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_follow_ups_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_follow_ups_model_id_governance_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_ups_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index("ix_follow_ups_owner_key_status", ["owner_key", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_ups_owner_key_status")
        batch_op.drop_index(batch_op.f("ix_follow_ups_decision_id"))
        batch_op.drop_index(batch_op.f("ix_follow_ups_model_id"))
    op.drop_table("follow_ups")
