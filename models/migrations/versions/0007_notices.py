"""notices: outbox rows addressed to any chat account, not only to a person key

Revision ID: 0007_notices
Revises: 0003_meetings
Create Date: 2026-12-01

Notices to a submitter who is not a person in the model are addressed "platform:account", and a Teams
account id alone can be far longer than the 60 characters a person key needs.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_notices"
down_revision = "0003_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.alter_column(
            "person_key",
            existing_type=sa.String(length=60),
            type_=sa.String(length=320),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.alter_column(
            "person_key",
            existing_type=sa.String(length=320),
            type_=sa.String(length=60),
            existing_nullable=False,
        )
