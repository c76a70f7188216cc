"""decisions: the meeting index also holds model, body and id, so a register count reads no table rows

Revision ID: 0014_h_perf_decision_register
Revises: 0013_h_cycle_superseded_search
Create Date: 2026-12-03

A register question for a body and a period («vedtak i Prehospital i 2024») counts every decision of
the body's meetings in the period (issue 14, 1,330 at 100,000 decisions). With `model_id`, `body_key`
and `id` beside `meeting_id` PostgreSQL answers the count from the index alone (an index-only scan
instead of a table row per decision); it replaces the plain `meeting_id` index it starts with.
"""

from __future__ import annotations

from alembic import op

revision = "0014_h_perf_decision_register"
down_revision = "0013_h_cycle_superseded_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_decisions_meeting_register",
        "decisions",
        ["meeting_id", "model_id", "body_key", "id"],
        unique=False,
    )
    op.drop_index("ix_decisions_meeting_id", table_name="decisions")


def downgrade() -> None:
    op.create_index("ix_decisions_meeting_id", "decisions", ["meeting_id"], unique=False)
    op.drop_index("ix_decisions_meeting_register", table_name="decisions")
