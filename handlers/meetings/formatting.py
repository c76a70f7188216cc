"""Dates as people in Oslo read them: local wall-clock time, never UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.messages import Language
from handlers.texts import t

OSLO = ZoneInfo("Europe/Oslo")


def when(language: Language, instant: datetime) -> str:
    local = instant.astimezone(OSLO)
    return t(
        language,
        "meetings.format.when",
        day=f"{local.day:02d}",
        month=f"{local.month:02d}",
        year=local.year,
        time=local.strftime("%H:%M"),
    )


def day(language: Language, value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if language == "nb" else value.isoformat()
