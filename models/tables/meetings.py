"""Meetings of a body and the cases (*saker*) on their agendas.

The body is referenced by id within one loaded model; the linked initiative is a plain reference string
(`INI-…`) because initiatives live in another feature's tables and a meeting must not fail to load when
that feature changes. Deadlines are stored, not recomputed, so a later rule change does not silently
move a deadline people have already been told about.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.tables.base import Base, IntPK, Str60, Str300, utcnow


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    body_key: Mapped[Str60]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    """planned | moved | cancelled"""
    papers_due: Mapped[date] = mapped_column(Date)
    working_committee_due: Mapped[date | None] = mapped_column(Date)
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))
    created_by: Mapped[Str300]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.id", foreign_keys="AgendaItem.meeting_id"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("model_id", "body_key", "number"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    body_key: Mapped[Str60]
    number: Mapped[str] = mapped_column(String(20))
    """Case number per body and year, `12-2026`."""
    title: Mapped[Str300]
    owner_key: Mapped[Str60] = mapped_column(index=True)
    initiative_ref: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default="decision")
    """decision | orientation | discussion"""
    minutes_of_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    """Set on the item that approves the minutes of an earlier meeting (seed 002 §7)."""
    operating_min_mnok: Mapped[float | None] = mapped_column(Float)
    operating_max_mnok: Mapped[float | None] = mapped_column(Float)
    """The yearly operating-cost consequences the case's papers show (seed 000 §2.4), when the case
    carries them itself rather than through its initiative."""
    papers_delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])
