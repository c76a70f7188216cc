"""The reminder outbox: one row per message to one person about one occurrence.

`dedup_key` (what, whom, which occurrence) is unique, so deriving reminders again never doubles them.
`attempt` is the fencing token: it grows on every claim, and a worker may only complete the row while the
attempt it claimed is still current, so a worker whose lease lapsed cannot overwrite a newer claim.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, utcnow

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
CANCELLED = "cancelled"
MISSED = "missed"
DEAD = "dead"


class Reminder(Base):
    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_status_due_at", "status", "due_at"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    dedup_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[Str60]
    person_key: Mapped[str] = mapped_column(String(320))
    """A person key, or "platform:account" for a submitter who is not a person in the model."""
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    source: Mapped[str] = mapped_column(String(20), default="plan")
    """plan (derived from a meeting, re-derived when it changes) | on_demand | system"""
    payload: Mapped[dict[str, Any]]
    due_at: Mapped[datetime]
    """When to (re)try next; retries push it forward."""
    deadline_at: Mapped[datetime]
    """After this the reminder is pointless: a late sweep records it as missed instead."""
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    attempt: Mapped[int] = mapped_column(default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(300))
    channel: Mapped[str | None] = mapped_column(String(20))
    """Which channel took a sent row (slack, teams, inbox); None while it waits for one."""
    last_error: Mapped[str | None] = mapped_column(String(1000))
    requested_by: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
