"""Paper deadlines from the model file's rules, in Norwegian working days and Oslo time.

The mandate says papers go out at least `paper_lead_days` before a meeting (seed 002 §7); a deadline that
lands on a weekend or a public holiday cannot be met by an office that is closed, so it moves to the
working day before, never after. Meetings are stored in UTC; the calendar day they fall on is the Oslo
day, which is why the conversion goes through zoneinfo (correct across daylight-saving changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from models.governance.schema import BodyKind, Rules

OSLO = ZoneInfo("Europe/Oslo")


@cache
def _norwegian_holidays(year: int) -> frozenset[date]:
    import holidays  # ~30 ms to import; a one-shot `govbot ask` that computes no deadline skips it

    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the nearest working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (0 gives the working day on or before it)."""
    result = previous_working_day(day)
    for _ in range(count):
        result = previous_working_day(result - timedelta(days=1))
    return result


def local_date(instant: datetime) -> date:
    return instant.astimezone(OSLO).date()


def local_instant(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in Oslo on `day`, as UTC (09:00 is 08:00Z in winter and 07:00Z in summer)."""
    return datetime.combine(day, time(hour, minute), tzinfo=OSLO).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """The first instant after `day` in Oslo: a deadline on `day` holds until then."""
    return local_instant(day + timedelta(days=1), 0)


def papers_due(meeting_start: datetime, lead_days: int) -> date:
    return previous_working_day(local_date(meeting_start) - timedelta(days=lead_days))


@dataclass(frozen=True)
class MeetingDeadlines:
    papers_due: date
    working_committee_due: date | None
    """Portfolio-board cases are due to the working committee first (seed 002 §5); None elsewhere."""


def meeting_deadlines(meeting_start: datetime, body_kind: str, rules: Rules) -> MeetingDeadlines:
    if meeting_start.tzinfo is None:
        raise ValueError("meeting start must be timezone-aware")
    committee = None
    if body_kind == BodyKind.PORTFOLIO_BOARD:
        committee = papers_due(meeting_start, rules.working_committee_lead_days)
    return MeetingDeadlines(papers_due(meeting_start, rules.paper_lead_days), committee)
