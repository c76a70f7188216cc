"""web_sessions: server-side web chat sessions (sign-in, CSRF token, OpenID Connect login in progress)

Revision ID: 0006_web_sessions
Revises: 0001
Create Date: 2026-12-01

Depends on nothing but the foundation: a session names people by platform identity, not by row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0006_web_sessions"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=True),
        sa.Column("user_id", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("display_name", sa.String(length=300), nullable=True),
        sa.Column("login_state", sa.String(length=64), nullable=True),
        sa.Column("login_nonce", sa.String(length=64), nullable=True),
        sa.Column("login_verifier", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("login_state", name=op.f("uq_web_sessions_login_state")),
    )
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_table("web_sessions")
