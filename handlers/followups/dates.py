"""Reading a due date as people write it: «15.01.2027», «15.1.27» or ISO 2027-01-15; and «+N», N working
days from today (a script's way to say "the next working day" whatever day it runs)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")
_AHEAD = re.compile(r"^\s*\+(\d{1,3})\s*$")


def parse_due(text: str, today: date | None = None) -> date | None:
    """`today` (Oslo) anchors «+N»; without it, «+N» is not a date."""
    if (ahead := _AHEAD.match(text)) is not None:
        return working_days_after(today, int(ahead[1])) if today is not None else None
    match = _DOTTED.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def working_days_after(day: date, count: int) -> date:
    from handlers.meetings.deadlines import is_working_day

    while count > 0:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day
