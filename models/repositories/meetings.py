"""Reading meetings for listings and exports: the meetings of a model or a body, and what their
reminders are doing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.tables import Body, Meeting, Reminder


def meetings_of(session: Session, model_id: int, body_id: int | None = None) -> list[Meeting]:
    query = select(Meeting).where(Meeting.model_id == model_id).order_by(Meeting.starts_at)
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    return list(session.scalars(query))


def body_of(session: Session, meeting: Meeting) -> Body:
    return session.get_one(Body, meeting.body_id)


def reminder_counts(session: Session, meeting_id: int) -> dict[str, int]:
    """Reminder rows of a meeting by status (pending, sent, cancelled, …)."""
    rows = session.execute(
        select(Reminder.status, func.count())
        .where(Reminder.meeting_id == meeting_id)
        .group_by(Reminder.status)
    ).all()
    return {status: count for status, count in rows}
