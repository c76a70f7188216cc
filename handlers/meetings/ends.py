"""When a meeting ends: the end the secretariat gave, else two hours after the start.

Two hours is an assumption (the seeds give no meeting length; the region's board meetings are planned as
half-day or two-hour slots), said in the README; a meeting planned with an end keeps it, moved or not.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from handlers.meetings.access import MeetingError
from handlers.meetings.deadlines import OSLO
from models.tables import Meeting

DEFAULT_LENGTH = timedelta(hours=2)


def meeting_end(meeting: Meeting) -> datetime:
    return meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH


def end_at(starts_at: datetime, ends: time | datetime | None) -> datetime:
    """The end on the start's day (Oslo wall clock) for a time of day; refused unless after the start."""
    if ends is None:
        return starts_at + DEFAULT_LENGTH
    if isinstance(ends, time):
        ends = datetime.combine(starts_at.astimezone(OSLO).date(), ends, tzinfo=OSLO)
    if ends <= starts_at:
        raise MeetingError("meetings.ends_before_start")
    return ends
