"""Minutes (*referat*) of a meeting, and the comments the body's members give on the draft.

One record per meeting. Its `content` is a language-neutral snapshot (body, date, place, attendees, the
cases with their decisions) taken when the secretariat drafts it, so what the members comment on and
what the next meeting approves is exactly what was sent, even if the register is corrected later; a new
draft is a new snapshot, allowed until the minutes are approved. States: draft → comments (sent to the
members with a comment deadline) → approved (by which meeting and decision, when, by whom).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, Str300, utcnow

MINUTES_STATES = ("draft", "comments", "approved")


class Minutes(Base):
    __tablename__ = "minutes"

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), unique=True)
    body_key: Mapped[Str60]
    state: Mapped[str] = mapped_column(String(20), default="draft")
    content: Mapped[dict[str, Any]]
    """The snapshot the text is rendered from, in either language (handlers/minutes/content.py)."""
    comments_due: Mapped[date | None] = mapped_column(Date)
    drafted_by: Mapped[Str300]
    drafted_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(300))
    approved_at: Mapped[datetime | None]
    approved_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    """The meeting whose «Godkjenning av referat» approved these minutes, when it was a meeting."""
    approved_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))


class MinutesComment(Base):
    __tablename__ = "minutes_comments"

    id: Mapped[IntPK]
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id"), index=True)
    person_key: Mapped[Str60]
    text: Mapped[str] = mapped_column(String(4000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
