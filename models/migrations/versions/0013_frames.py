"""frames: budget frames per domain and year with their history, priority lists, initiatives.budget_year

Revision ID: 0013_frames
Revises: 0002_initiatives
Create Date: 2026-12-03

Self-contained: it needs only the governance tables and initiatives (0001, 0002).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0013_frames"
down_revision = "0002_initiatives"
branch_labels = None
depends_on = None

MNOK = sa.Numeric(precision=12, scale=2)


def upgrade() -> None:
    op.create_table(
        "frames",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("domain_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount_mnok", MNOK, nullable=False),
        sa.Column("decision_ref", sa.String(length=200), nullable=False),
        sa.Column("updated_by", sa.String(length=300), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["domain_id"], ["domains.id"], name=op.f("fk_frames_domain_id_domains")),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_frames_model_id_governance_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frames")),
        sa.UniqueConstraint(
            "model_id", "domain_id", "year", "kind", name=op.f("uq_frames_model_id_domain_id_year_kind")
        ),
    )
    with op.batch_alter_table("frames", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_frames_model_id"), ["model_id"], unique=False)
    op.create_table(
        "frame_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("domain_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("before_mnok", MNOK, nullable=True),
        sa.Column("after_mnok", MNOK, nullable=False),
        sa.Column("move_id", sa.Integer(), nullable=True),
        sa.Column("decision_ref", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=False),
        sa.Column("created_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domains.id"], name=op.f("fk_frame_changes_domain_id_domains")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_frame_changes_model_id_governance_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frame_changes")),
    )
    with op.batch_alter_table("frame_changes", schema=None) as batch_op:
        batch_op.create_index("ix_frame_changes_model_year", ["model_id", "year"], unique=False)
    op.create_table(
        "priority_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("domain_id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=300), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domains.id"], name=op.f("fk_priority_entries_domain_id_domains")
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_priority_entries_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["governance_models.id"],
            name=op.f("fk_priority_entries_model_id_governance_models"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_priority_entries")),
        sa.UniqueConstraint("initiative_id", name=op.f("uq_priority_entries_initiative_id")),
    )
    with op.batch_alter_table("priority_entries", schema=None) as batch_op:
        batch_op.create_index("ix_priority_entries_domain_position", ["domain_id", "position"], unique=False)
    op.add_column("initiatives", sa.Column("budget_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_column("budget_year")
    with op.batch_alter_table("priority_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_priority_entries_domain_position")
    op.drop_table("priority_entries")
    with op.batch_alter_table("frame_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_frame_changes_model_year")
    op.drop_table("frame_changes")
    with op.batch_alter_table("frames", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_frames_model_id"))
    op.drop_table("frames")
