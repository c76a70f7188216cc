"""One decision as the register shows it to a reader: number, case, body, the meeting's day in words,
the outcome in the reader's language, the decision text and the initiative it concerns."""

from __future__ import annotations

from handlers.decisions.rows import CaseRow, DecisionRow, MeetingRow
from handlers.meetings.deadlines import local_date
from handlers.meetings.periods import spoken_day
from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import GovernanceModel


def body_name(model: GovernanceModel, body_key: str) -> str:
    return next((b.name for b in model.bodies if b.key == body_key), body_key)


def decision_line(
    model: GovernanceModel, language: Language, decision: DecisionRow, item: CaseRow, meeting: MeetingRow
) -> str:
    line = t(
        language,
        "decisions.search.line",
        number=decision.number,
        title=item.title,
        body=body_name(model, decision.body_key),
        day=spoken_day(language, local_date(meeting.starts_at)),
        outcome=t(language, f"decisions.outcome.{decision.outcome}"),
        text=decision.text,
    )
    if decision.initiative_ref:
        line += t(language, "decisions.search.initiative", reference=decision.initiative_ref)
    if decision.supersedes_id:
        line += t(language, "decisions.search.corrected")
    return line
