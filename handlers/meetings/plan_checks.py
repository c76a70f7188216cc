"""What is odd about a meeting date, said before anything is stored: a past date, a Saturday or Sunday,
a Norwegian public holiday, or a paper deadline that has already gone by.

None of these is forbidden (a board may meet on a Saturday seminar, or a meeting that was held may be
registered afterwards to record its decisions), but each is far more often a typing slip, and a meeting
once planned sends reminders to every member. So the front doors (`govbot meetings add|move`, the
meeting form) show the warnings and store nothing until the person confirms (`--confirm`, the form's
confirm field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from handlers.meetings.access import MeetingError
from handlers.meetings.deadlines import MeetingDeadlines, end_of_day, local_date, meeting_deadlines
from handlers.meetings.formatting import day, when
from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import GovernanceModel
from models.tables import Body

_HOLIDAY_LANGUAGE = {"nb": "no", "en": "en_US"}


@dataclass(frozen=True)
class PlanWarning:
    """One reason to stop and look; `key` names its sentence in handlers/texts.py."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, language: Language) -> str:
        params = dict(self.params)
        if "starts_at" in params:
            params["when"] = when(language, params.pop("starts_at"))
        if "on" in params:
            on: date = params.pop("on")
            params["date"] = day(language, on)
            params["weekday"] = t(language, f"meetings.warn.weekday.{on.weekday()}")
            params["holiday"] = holiday_name(on, language)
        if "due" in params:
            params["due"] = day(language, params["due"])
        return t(language, self.key, **params)


class NeedsConfirmation(MeetingError):
    """The date gives warnings and the person has not confirmed them: nothing was stored."""

    def __init__(self, warnings: list[PlanWarning]) -> None:
        super().__init__("meetings.warn.confirm_needed")
        self.warnings = warnings

    def text(self, language: Language) -> str:
        return " ".join(w.text(language) for w in self.warnings)


@cache
def _holiday_names(year: int, language: Language) -> dict[date, str]:
    import holidays  # the same calendar as the paper deadlines (handlers/meetings/deadlines.py)

    found = holidays.country_holidays("NO", years=year, language=_HOLIDAY_LANGUAGE[language])
    return dict(found.items())


def holiday_name(on: date, language: Language) -> str:
    return _holiday_names(on.year, language).get(on, "")


def plan_warnings(starts_at: datetime, deadlines: MeetingDeadlines, now: datetime) -> list[PlanWarning]:
    """The warnings for a meeting at `starts_at` with these deadlines, as seen at `now` (Oslo days)."""
    warnings: list[PlanWarning] = []
    on = local_date(starts_at)
    if starts_at <= now:
        warnings.append(PlanWarning("meetings.warn.past", {"starts_at": starts_at}))
    if holiday_name(on, "nb"):
        warnings.append(PlanWarning("meetings.warn.holiday", {"on": on}))
    elif on.weekday() >= 5:
        warnings.append(PlanWarning("meetings.warn.weekend", {"on": on}))
    if starts_at > now:  # a past meeting's deadlines are past too; saying so twice helps nobody
        if deadlines.working_committee_due and end_of_day(deadlines.working_committee_due) <= now:
            due = deadlines.working_committee_due
            warnings.append(PlanWarning("meetings.warn.committee_passed", {"due": due}))
        if end_of_day(deadlines.papers_due) <= now:
            warnings.append(PlanWarning("meetings.warn.papers_passed", {"due": deadlines.papers_due}))
    return warnings


def check_date(
    model: GovernanceModel, body: Body, starts_at: datetime, now: datetime, *, confirmed: bool
) -> list[PlanWarning]:
    """The warnings for planning `body`'s meeting at `starts_at`; raises NeedsConfirmation when there
    are some and they are not confirmed. Call it before anything is written."""
    warnings = plan_warnings(starts_at, meeting_deadlines(starts_at, body.kind, model.rules), now)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    return warnings
