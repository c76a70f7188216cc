"""agenda and calendar: a meeting's end time; an agenda case's place, and its withdrawal kept on the row

Revision ID: 0011_agenda_calendar
Revises: 0003_meetings
Create Date: 2026-12-03

`ends_at` stays empty on meetings planned before it existed (they are read as start + 2 hours);
`position` 0 on existing cases keeps their old order (by id). A withdrawn case is never deleted: its
number is not reused and its reason and withdrawer stay on record.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0011_agenda_calendar"
down_revision = "0003_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ends_at", models.tables.base.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), server_default="active", nullable=False)
        )
        batch_op.add_column(sa.Column("withdrawn_reason", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("withdrawn_at", models.tables.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("withdrawn_by")
        batch_op.drop_column("withdrawn_reason")
        batch_op.drop_column("status")
        batch_op.drop_column("position")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("ends_at")
