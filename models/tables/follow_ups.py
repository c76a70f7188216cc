"""Follow-ups (*oppfølgingspunkter*) from decisions: what someone must do after a decision, by when.

A follow-up hangs on the decision version it was given for (the number stays the same across
corrections, so it is shown by the decision's number). It is open until its owner or the body's
secretariat marks it done; a new due date is a change of the row, audited, and replaces the reminders
queued for the old date (handlers/followups/reminders.py).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, Str300, utcnow

OPEN = "open"
DONE = "done"


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_owner_key_status", "owner_key", "status"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    text: Mapped[str] = mapped_column(String(2000))
    owner_key: Mapped[Str60]
    due: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    created_by: Mapped[Str300]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(300))
