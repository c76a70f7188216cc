"""case operating cost: the operating-cost consequences a case's papers show (definition of ready)

Revision ID: 0008_case_operating_cost
Revises: 0003_meetings
Create Date: 2027-01-15

A case goes on an agenda only when its papers show what the model requires (seed 000 §2.4: the
operating-cost consequences). A case about an initiative reads them from the initiative; a case without
one carries them itself, as a range in MNOK per year like the initiative's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_case_operating_cost"
down_revision = "0003_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("operating_min_mnok", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("operating_max_mnok", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("operating_max_mnok")
        batch_op.drop_column("operating_min_mnok")
