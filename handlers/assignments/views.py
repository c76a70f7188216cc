"""How assignments read in chat: the list with traffic lights and deadlines, and one assignment's details.

Titles come from the model file in the reply's language; an assignment nobody has assessed yet says so
rather than pretending to be green.
"""

from __future__ import annotations

from datetime import date

from handlers.meetings.formatting import day, when
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import Assignment, GovernanceModel, said
from models.tables.assignments import AssignmentStatus


def title_for(language: Language, assignment: Assignment) -> str:
    return assignment.title_en if language == "en" else assignment.title


def light_word(language: Language, status: AssignmentStatus | None) -> str:
    return t(language, f"assignments.light.{status.status if status else 'none'}")


def deadline_text(language: Language, deadline: date | None) -> str:
    return day(language, deadline) if deadline else t(language, "assignments.no_deadline")


def yearly_date(year: int, month_day: str) -> date:
    """ "MM-DD" in `year`; a day the month lacks (02-29 in most years) becomes the month's last day."""
    month, dom = (int(part) for part in month_day.split("-"))
    while True:
        try:
            return date(year, month, dom)
        except ValueError:
            dom -= 1


def assessment_due(model: GovernanceModel, today: date) -> date | None:
    due = model.rules.traffic_light_assessment_due
    return None if due is None else yearly_date(today.year, due)


def assignment_list(
    language: Language, model: GovernanceModel, statuses: dict[int, AssignmentStatus], today: date
) -> Reply:
    items = tuple(
        t(
            language,
            "assignments.item",
            number=a.number,
            title=title_for(language, a),
            owner=shown_name(model.person(a.owner).name, language),
            light=light_word(language, statuses.get(a.number)),
            deadline=deadline_text(language, a.deadline),
        )
        for a in sorted(model.assignments, key=lambda a: a.number)
    )
    blocks: list[Heading | BulletList | Paragraph] = [
        Heading(t(language, "assignments.heading", count=len(items))),
        BulletList(items),
    ]
    if (due := assessment_due(model, today)) is not None:
        blocks.append(Paragraph(t(language, "assignments.assessment_due", date=day(language, due))))
    blocks.append(Paragraph(t(language, "assignments.hint")))
    return Reply(language, tuple(blocks), intent="assignments.list")


def assignment_details(
    language: Language, model: GovernanceModel, assignment: Assignment, status: AssignmentStatus | None
) -> Reply:
    facts = [
        (t(language, "assignments.label.owner"), shown_name(model.person(assignment.owner).name, language)),
        (t(language, "assignments.label.deadline"), deadline_text(language, assignment.deadline)),
        (t(language, "assignments.label.status"), light_word(language, status)),
    ]
    if status is not None:
        facts.append((t(language, "assignments.label.updated"), f"{when(language, status.updated_at)}"))
        if status.comment:
            facts.append((t(language, "assignments.label.comment"), status.comment))
    facts.append((t(language, "assignments.label.source"), said(assignment.source, language) or ""))
    heading = t(language, "assignments.one", number=assignment.number, title=title_for(language, assignment))
    return Reply(language, (Heading(heading), Facts(tuple(facts))), intent="assignments.status")
