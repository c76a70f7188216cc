"""Paper deadlines: the mandate's examples, daylight saving, and a property test against an oracle.

The oracle computes Norwegian public holidays from the Easter date (Gauss/Meeus algorithm) and the fixed
days, without the `holidays` package, so a mistake in either would show as a disagreement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.meetings.deadlines import (
    OSLO,
    local_instant,
    meeting_deadlines,
    papers_due,
    working_days_before,
)
from models.governance.files import load_model


def easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def oracle_holidays(year: int) -> set[date]:
    e = easter(year)
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 17), date(year, 12, 25), date(year, 12, 26)}
    moving = {e + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)}
    return fixed | moving


def oracle_due(meeting_day: date, lead: int) -> date:
    day = meeting_day - timedelta(days=lead)
    while day.weekday() >= 5 or day in oracle_holidays(day.year):
        day -= timedelta(days=1)
    return day


def test_easter_2027_deadline_skips_good_friday_and_maundy_thursday() -> None:
    start = datetime(2027, 4, 5, 9, 0, tzinfo=OSLO)
    assert papers_due(start, 10) == date(2027, 3, 24)


def test_december_2026_deadline() -> None:
    assert papers_due(datetime(2026, 12, 14, 9, 0, tzinfo=OSLO), 10) == date(2026, 12, 4)


def test_meeting_early_in_the_oslo_morning_counts_from_the_oslo_day() -> None:
    """00:30 in Oslo on 15 Dec is still 14 Dec in UTC; the deadline must follow the Oslo day."""
    start = datetime(2026, 12, 15, 0, 30, tzinfo=OSLO).astimezone(UTC)
    assert start.date() == date(2026, 12, 14)
    assert papers_due(start, 10) == date(2026, 12, 4)


def test_send_time_is_nine_in_oslo_on_both_sides_of_the_dst_change() -> None:
    assert local_instant(date(2027, 3, 26), 9) == datetime(2027, 3, 26, 8, 0, tzinfo=UTC)
    assert local_instant(date(2027, 3, 29), 9) == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)


def test_working_days_before_skips_easter() -> None:
    assert working_days_before(date(2027, 3, 30), 1) == date(2027, 3, 24)


def test_portfolio_board_cases_are_due_to_the_working_committee_first() -> None:
    rules = load_model("hso-2026").model.rules
    deadlines = meeting_deadlines(datetime(2027, 2, 1, 10, tzinfo=OSLO), "portfolio_board", rules)
    assert deadlines.working_committee_due is not None
    assert deadlines.working_committee_due < deadlines.papers_due
    assert (
        meeting_deadlines(datetime(2027, 2, 1, 10, tzinfo=OSLO), "domain_board", rules).working_committee_due
        is None
    )


@settings(max_examples=2000, deadline=None)
@given(
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
    hour=st.integers(min_value=0, max_value=23),
    lead=st.integers(min_value=1, max_value=30),
)
def test_deadline_matches_the_oracle(day: date, hour: int, lead: int) -> None:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=OSLO).astimezone(UTC)
    due = papers_due(start, lead)
    assert due == oracle_due(day, lead)
    assert due <= day - timedelta(days=lead)
