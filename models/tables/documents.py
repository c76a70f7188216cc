"""The region's governance documents as passages, searched with the database's own full-text search.

A passage is one paragraph (or list) of a document with the heading it stands under. The search
structures live outside these tables because each database has its own (`models/documents/search.py`):
an FTS5 virtual table on SQLite, expression GIN indexes over `to_tsvector` on PostgreSQL, both made by
migration 0009 and named in `SEARCH_OBJECTS` so schema comparisons leave them alone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, Str300

FTS_TABLE = "document_passages_fts"
"""SQLite only: FTS5 over each passage's matching keys, rowid = the passage's id."""
SEARCH_INDEXES = {"nb": "ix_document_passages_search_nb", "en": "ix_document_passages_search_en"}
"""PostgreSQL only: a GIN index over `to_tsvector('norwegian' | 'english', heading || ' ' || body)`."""
SEARCH_CONFIGS = {"nb": "norwegian", "en": "english"}
SEARCH_OBJECTS = frozenset({FTS_TABLE, *SEARCH_INDEXES.values()})
"""Database objects made by migration outside the ORM (FTS5 also makes shadow tables `…_data`, …)."""


def is_search_object(name: str | None) -> bool:
    """Also the decision register's (models/tables/decisions.py), made the same way by migration 0011."""
    from models.tables import decisions

    if name is None:
        return False
    if name in SEARCH_OBJECTS or name.startswith(f"{FTS_TABLE}_"):
        return True
    return name in decisions.SEARCH_OBJECTS or name.startswith(f"{decisions.FTS_TABLE}_")


class GovernanceDocumentRow(Base):
    __tablename__ = "governance_documents"
    __table_args__ = (UniqueConstraint("model_id", "key", "language"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[Str300]
    file: Mapped[Str300]
    content_hash: Mapped[str] = mapped_column(String(64))
    indexed_at: Mapped[datetime]


class DocumentPassage(Base):
    __tablename__ = "document_passages"

    id: Mapped[IntPK]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("governance_documents.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(2))
    """The document's, repeated here so PostgreSQL's partial search indexes can pick the configuration."""
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
