"""initiatives: proposals, the domains/systems/trusts they touch, per-year numbering, intake dialogs

Revision ID: 0002_initiatives
Revises: 0001
Create Date: 2026-11-23

Only initiative tables; other features branch from 0001 in their own revisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0002_initiatives"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "initiative_dialogs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=60), nullable=False),
        sa.Column("conversation_id", sa.String(length=300), nullable=False),
        sa.Column("user_id", sa.String(length=300), nullable=False),
        sa.Column("step", sa.String(length=60), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_dialogs")),
        sa.UniqueConstraint(
            "channel",
            "conversation_id",
            "user_id",
            name=op.f("uq_initiative_dialogs_channel_conversation_id_user_id"),
        ),
    )
    op.create_table(
        "initiative_sequences",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_initiative_sequences")),
    )
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("need", sa.String(length=3000), nullable=False),
        sa.Column("change", sa.String(length=3000), nullable=False),
        sa.Column("benefit", sa.String(length=2000), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("investment_min_mnok", sa.Float(), nullable=True),
        sa.Column("investment_max_mnok", sa.Float(), nullable=True),
        sa.Column("operating_min_mnok", sa.Float(), nullable=True),
        sa.Column("operating_max_mnok", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=60), nullable=False),
        sa.Column("state_reason", sa.String(length=2000), nullable=True),
        sa.Column("domain_id", sa.Integer(), nullable=False),
        sa.Column("coordinating_domain_id", sa.Integer(), nullable=True),
        sa.Column("out_of_scope_key", sa.String(length=60), nullable=True),
        sa.Column("submitter_platform", sa.String(length=60), nullable=False),
        sa.Column("submitter_user_id", sa.String(length=300), nullable=False),
        sa.Column("submitter_person_key", sa.String(length=60), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("submission_id", sa.String(length=200), nullable=False),
        sa.Column("escalate", sa.Boolean(), nullable=False),
        sa.Column("escalation_reason", sa.String(length=1000), nullable=True),
        sa.Column("created_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinating_domain_id"],
            ["domains.id"],
            name=op.f("fk_initiatives_coordinating_domain_id_domains"),
        ),
        sa.ForeignKeyConstraint(["domain_id"], ["domains.id"], name=op.f("fk_initiatives_domain_id_domains")),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name=op.f("fk_initiatives_model_id_governance_models")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatives")),
        sa.UniqueConstraint("reference", name=op.f("uq_initiatives_reference")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_initiatives_submission_id")),
        sa.UniqueConstraint("year", "sequence", name=op.f("uq_initiatives_year_sequence")),
    )
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_initiatives_domain_id"), ["domain_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_escalate"), ["escalate"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_initiatives_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_initiatives_submitter_person_key"), ["submitter_person_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_initiatives_submitter_user_id"), ["submitter_user_id"], unique=False
        )

    op.create_table(
        "initiative_domains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("domain_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["domain_id"], ["domains.id"], name=op.f("fk_initiative_domains_domain_id_domains")
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_domains_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_domains")),
        sa.UniqueConstraint(
            "initiative_id", "domain_id", name=op.f("uq_initiative_domains_initiative_id_domain_id")
        ),
    )
    with op.batch_alter_table("initiative_domains", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_domains_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "initiative_systems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_systems_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["systems.id"],
            name=op.f("fk_initiative_systems_system_id_systems"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_systems")),
        sa.UniqueConstraint("initiative_id", "name", name=op.f("uq_initiative_systems_initiative_id_name")),
    )
    with op.batch_alter_table("initiative_systems", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_systems_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "initiative_trusts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("trust_key", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_trusts_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_trusts")),
        sa.UniqueConstraint(
            "initiative_id", "trust_key", name=op.f("uq_initiative_trusts_initiative_id_trust_key")
        ),
    )
    with op.batch_alter_table("initiative_trusts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_trusts_initiative_id"), ["initiative_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("initiative_trusts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_trusts_initiative_id"))

    op.drop_table("initiative_trusts")
    with op.batch_alter_table("initiative_systems", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_systems_initiative_id"))

    op.drop_table("initiative_systems")
    with op.batch_alter_table("initiative_domains", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_domains_initiative_id"))

    op.drop_table("initiative_domains")
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiatives_submitter_user_id"))
        batch_op.drop_index(batch_op.f("ix_initiatives_submitter_person_key"))
        batch_op.drop_index(batch_op.f("ix_initiatives_state"))
        batch_op.drop_index(batch_op.f("ix_initiatives_model_id"))
        batch_op.drop_index(batch_op.f("ix_initiatives_escalate"))
        batch_op.drop_index(batch_op.f("ix_initiatives_domain_id"))

    op.drop_table("initiatives")
    op.drop_table("initiative_sequences")
    op.drop_table("initiative_dialogs")
