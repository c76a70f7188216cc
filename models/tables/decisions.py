"""Decisions (*vedtak*) a body made on the cases of its meetings, as an append-only register.

A decision is never edited: a correction is a new row with the next `version` of the same case, which
supersedes the one before (`supersedes_id`), so what was recorded first stays readable. The number is the
case's, written as minutes write it («Sak 12/27» for case 12-2027), and stays the same across corrections.
`(agenda_item_id, version)` is unique, so two people correcting the same decision at once cannot both
become the current one.

`search_text` is what the register's full-text search reads (the decision text, the case's title and the
linked initiative's title), written with the row because a PostgreSQL expression index can only see the
row's own columns. The search structures themselves (an FTS5 table on SQLite, GIN indexes on PostgreSQL)
are made by migration 0011 outside the ORM and named in `SEARCH_OBJECTS`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, Str300, utcnow

OUTCOMES = ("approved", "rejected", "postponed", "referred", "noted")
"""approved (vedtatt), rejected (avvist), postponed (utsatt), referred (sendt videre til
porteføljestyret), noted (tatt til orientering)."""


FTS_TABLE = "decisions_fts"
"""SQLite only: FTS5 over the matching keys of each CURRENT decision's search text, rowid = its id; a
correction deletes the superseded row's entry in the same transaction."""
SEARCH_INDEXES = {"nb": "ix_decisions_search_nb", "en": "ix_decisions_search_en"}
"""PostgreSQL only: GIN indexes over `to_tsvector('norwegian' | 'english', search_text)`."""
SEARCH_OBJECTS = frozenset({FTS_TABLE, *SEARCH_INDEXES.values()})


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "version"),
        Index("ix_decisions_model_id_body_key", "model_id", "body_key"),
        Index("ix_decisions_supersedes_id", "supersedes_id"),
        # the register's count of a body's meetings in a period, from the index alone (migration 0014)
        Index("ix_decisions_meeting_register", "meeting_id", "model_id", "body_key", "id"),
    )

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    body_key: Mapped[Str60]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    number: Mapped[str] = mapped_column(String(20))
    """«12/27»: the case number 12-2027 as minutes write it; the same for every version."""
    version: Mapped[int] = mapped_column(default=1)
    outcome: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(4000))
    initiative_ref: Mapped[str | None] = mapped_column(String(60), index=True)
    initiative_state: Mapped[str | None] = mapped_column(String(60))
    """The state the decision moved the initiative to, when it moved one."""
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    correction_reason: Mapped[str | None] = mapped_column(String(1000))
    recorded_by: Mapped[Str300]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    """The decision text, the case's title and the linked initiative's title: what words are found in."""
