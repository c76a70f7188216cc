"""The meeting a decision point was decided in, so the record of a body's decision names it.

A body decides in its meetings (the portfolio board's BP1–BP3, seed 002 §4 and §7), so recording such a
decision names the meeting: by its id («møte 12») or its date («i møtet 10. mars», «2026-03-10»). A
meeting ahead of today cannot have decided anything yet, and a cancelled one decided nothing. When no
meeting is named, the body's meeting today is the one meant; without one, the refusal says what is
needed and offers the body's latest meeting as the example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.dates import find_date_span
from handlers.meetings.deadlines import end_of_day, local_date, local_instant
from models.tables import Meeting

_ID = re.compile(r"^\s*(?:møte[t]?\s+|meeting\s+)?(?:nr\.?\s*|#|id\s*)?(?P<id>\d{1,9})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class MeetingProblem:
    """Why no meeting could be named: `key` is the text in handlers/texts.py, `params` fill it."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def decision_meeting(
    session: Session, model_id: int, body_key: str, asked: str | None, now: datetime
) -> Meeting | MeetingProblem:
    today = local_date(now)
    if asked is None or not asked.strip():
        held_today = _held(session, model_id, body_key, today, today)
        if len(held_today) == 1:
            return held_today[0]
        return MeetingProblem(
            "initiative.decision.meeting_needed", _latest(session, model_id, body_key, today)
        )
    asked = asked.strip(" .!?")
    if match := _ID.match(asked):
        meeting = session.get(Meeting, int(match["id"]))
        if meeting is None or meeting.model_id != model_id or meeting.body_key != body_key:
            return MeetingProblem("initiative.decision.meeting_unknown", {"asked": asked[:40]})
        return _usable(meeting, today)
    span = find_date_span(asked, today)
    if span is None or span[0] is None:
        return MeetingProblem("initiative.decision.meeting_unknown", {"asked": asked[:40]})
    day = span[0]
    if day > today and not re.search(r"\d{4}", asked):
        day = _year_before(day)  # «10. mars» read as the next 10 March; a decision was in the last one
    found = _held(session, model_id, body_key, day, day)
    if len(found) != 1:
        return MeetingProblem("initiative.decision.meeting_unknown", {"asked": asked[:40]})
    return _usable(found[0], today)


def _usable(meeting: Meeting, today: date) -> Meeting | MeetingProblem:
    if meeting.status == "cancelled":
        return MeetingProblem("initiative.decision.meeting_cancelled", {"date": meeting_date(meeting)})
    if local_date(meeting.starts_at) > today:
        return MeetingProblem("initiative.decision.meeting_ahead", {"date": meeting_date(meeting)})
    return meeting


def _held(session: Session, model_id: int, body_key: str, first: date, last: date) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.model_id == model_id,
                Meeting.body_key == body_key,
                Meeting.status != "cancelled",
                Meeting.starts_at >= local_instant(first, 0),
                Meeting.starts_at < end_of_day(last),
            )
            .order_by(Meeting.starts_at)
        )
    )


def _latest(session: Session, model_id: int, body_key: str, today: date) -> dict[str, Any]:
    """The example the refusal offers: the body's latest meeting held, else a date to copy."""
    latest = session.scalar(
        select(Meeting)
        .where(
            Meeting.model_id == model_id,
            Meeting.body_key == body_key,
            Meeting.status != "cancelled",
            Meeting.starts_at < end_of_day(today),
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    return {"example": meeting_date(latest) if latest is not None else today.isoformat()}


def meeting_date(meeting: Meeting) -> str:
    return local_date(meeting.starts_at).isoformat()


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
