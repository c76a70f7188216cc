"""Meetings of a body and the cases (*saker*) on their agendas.

The body is referenced by id within one loaded model; the linked initiative is a plain reference string
(`INI-…`) because initiatives live in another feature's tables and a meeting must not fail to load when
that feature changes. Deadlines are stored, not recomputed, so a later rule change does not silently
move a deadline people have already been told about.

A withdrawn case keeps its row (status `withdrawn`, the reason and who withdrew it): its number is never
reused and the record shows why it left the agenda. `Meeting.items` is the agenda as it stands, the cases
still on it in their order, so reminders, the chase and every answer leave withdrawn cases out without
each having to remember to; `Meeting.withdrawn_items` shows the rest.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.tables.base import Base, IntPK, Str60, Str300, utcnow

ACTIVE = "active"
WITHDRAWN = "withdrawn"


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    body_key: Mapped[Str60]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    """None on meetings planned before end times were kept: read it through `meeting_end`."""
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
        primaryjoin=lambda: and_(Meeting.id == AgendaItem.meeting_id, AgendaItem.status == ACTIVE),
        order_by=lambda: (AgendaItem.position, AgendaItem.id),
        foreign_keys="AgendaItem.meeting_id",
        viewonly=True,
    )
    """The agenda: the cases on it, in their order (withdrawn ones left out)."""
    withdrawn_items: Mapped[list[AgendaItem]] = relationship(
        primaryjoin=lambda: and_(Meeting.id == AgendaItem.meeting_id, AgendaItem.status == WITHDRAWN),
        order_by=lambda: AgendaItem.id,
        foreign_keys="AgendaItem.meeting_id",
        viewonly=True,
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
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Place on the agenda; ties (0 on cases added before the agenda had an order) go by id."""
    status: Mapped[str] = mapped_column(String(20), default=ACTIVE, server_default=ACTIVE)
    """active | withdrawn"""
    withdrawn_reason: Mapped[str | None] = mapped_column(String(1000))
    withdrawn_by: Mapped[str | None] = mapped_column(String(300))
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
