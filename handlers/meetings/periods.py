"""Meetings and deadlines within a stretch of days someone named («i mars», "next week").

A period's days are Oslo calendar days, both ends inclusive, like every date the bot shows; a meeting
belongs to a period by the Oslo day it starts on. Cancelled meetings never count: nobody prepares them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.deadlines import end_of_day, local_instant
from handlers.meetings.formatting import MONTH_NAMES, day
from handlers.messages import Language
from handlers.understanding.slots import Period
from models.tables import Meeting


def meetings_between(
    session: Session, model_id: int, start: date, end: date, body_ids: Collection[int] | None = None
) -> list[Meeting]:
    """Meetings starting on `start` … `end` (Oslo days); `body_ids` None means every body."""
    query = select(Meeting).where(
        Meeting.model_id == model_id,
        Meeting.status != "cancelled",
        Meeting.starts_at >= local_instant(start, 0),
        Meeting.starts_at < end_of_day(end),
    )
    if body_ids is not None:
        query = query.where(Meeting.body_id.in_(list(body_ids)))
    return list(session.scalars(query.order_by(Meeting.starts_at)))


def days_period(start: date, days: int, words: str = "") -> Period:
    """`days` calendar days from `start`, inclusive of both ends (7 days: today and the next 6)."""
    return Period(start, start + timedelta(days=days - 1), words)


_MONTHS = MONTH_NAMES


def spoken_day(language: Language, value: date) -> str:
    """«3. desember 2026» / "3 December 2026": a date as a sentence says it."""
    month = _MONTHS[language][value.month - 1]
    return f"{value.day}. {month} {value.year}" if language == "nb" else f"{value.day} {month} {value.year}"


def period_label(language: Language, period: Period) -> str:
    """«neste måned (desember 2026, 01.12.2026–31.12.2026)»: what the user wrote, with the days it was
    read as, and the month's name when it is one whole month the words do not name themselves."""
    span = day(language, period.start)
    if period.end != period.start:
        span += f"–{day(language, period.end)}"
    words = period.words.strip()
    month = _whole_month(language, period)
    if month and month.split()[0].casefold() not in words.casefold():
        span = f"{month}, {span}"
    return f"{words} ({span})" if words else span


def _whole_month(language: Language, period: Period) -> str | None:
    start, end = period.start, period.end
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if start.day != 1 or end != following - timedelta(days=1):
        return None
    return f"{_MONTHS[language][start.month - 1]} {start.year}"
