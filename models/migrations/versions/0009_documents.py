"""documents: the region's governance documents as passages, with each database's own full-text search

Revision ID: 0009_documents
Revises: 0001
Create Date: 2027-01-20

«Hvor står det at …?» is answered from the passages of the documents a model lists. SQLite searches an
FTS5 table of each passage's matching keys (rowid = passage id); PostgreSQL searches
`to_tsvector('norwegian'|'english', heading || ' ' || body)` through a partial GIN index per language.
Neither is an ORM table or index (models/tables/documents.py: SEARCH_OBJECTS).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = "0009_documents"
down_revision = "0001"
branch_labels = None
depends_on = None

CONFIGS = {"nb": "norwegian", "en": "english"}


def upgrade() -> None:
    op.create_table(
        "governance_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("file", sa.String(length=300), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("indexed_at", models.tables.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["governance_models.id"], name="fk_governance_documents_model_id_governance_models"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_governance_documents"),
        sa.UniqueConstraint(
            "model_id", "key", "language", name="uq_governance_documents_model_id_key_language"
        ),
    )
    op.create_index("ix_governance_documents_model_id", "governance_documents", ["model_id"])
    op.create_table(
        "document_passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["governance_documents.id"],
            name="fk_document_passages_document_id_governance_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_document_passages"),
    )
    op.create_index("ix_document_passages_document_id", "document_passages", ["document_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE document_passages_fts USING fts5(keys, tokenize = 'unicode61')")
    else:
        for language, config in CONFIGS.items():
            op.execute(
                f"CREATE INDEX ix_document_passages_search_{language} ON document_passages USING gin "
                f"(to_tsvector('{config}'::regconfig, heading || ' ' || body)) WHERE language = '{language}'"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS document_passages_fts")
    else:
        for language in CONFIGS:
            op.execute(f"DROP INDEX IF EXISTS ix_document_passages_search_{language}")
    op.drop_index("ix_document_passages_document_id", table_name="document_passages")
    op.drop_table("document_passages")
    op.drop_index("ix_governance_documents_model_id", table_name="governance_documents")
    op.drop_table("governance_documents")
