"""Dates as people in Oslo read them: local wall-clock time, never UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.messages import Language
from handlers.texts import t

OSLO = ZoneInfo("Europe/Oslo")

MONTH_NAMES = {
    "nb": ("januar februar mars april mai juni juli august september oktober november desember").split(),
    "en": ("January February March April May June July August September October November December").split(),
}


def when(language: Language, instant: datetime) -> str:
    local = instant.astimezone(OSLO)
    return t(
        language,
        "meetings.format.when",
        day=f"{local.day:02d}" if language == "nb" else str(local.day),
        month=f"{local.month:02d}" if language == "nb" else MONTH_NAMES["en"][local.month - 1],
        year=local.year,
        time=local.strftime("%H:%M"),
    )


def day(language: Language, value: date) -> str:
    """«14.12.2026» in bokmål, "14 December 2026" in English: an ISO date is for programs, and "12/14" is
    read the other way round on each side of the Atlantic."""
    if language == "nb":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {MONTH_NAMES['en'][value.month - 1]} {value.year}"
