"""catalogue_changes: which systems each catalogue version touched, so a name index applies the delta

Revision ID: 0015_h_lean_catalogue_changes
Revises: 0001
Create Date: 2026-12-04

Why a log and not a column on systems: a removed system leaves no row to carry its version, and every
process (replica, answer worker) must learn of the removal to drop its names. Versions written before
this table existed have no rows, so an index older than them is rebuilt in full (handlers/lookup).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_h_lean_catalogue_changes"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["governance_models.id"],
            name=op.f("fk_catalogue_changes_model_id_governance_models"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_changes")),
    )
    op.create_index(
        "ix_catalogue_changes_model_id_version", "catalogue_changes", ["model_id", "version"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_catalogue_changes_model_id_version", table_name="catalogue_changes")
    op.drop_table("catalogue_changes")
