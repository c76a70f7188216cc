"""`deadlines.this_week`: what falls due for the asker in a stretch of days, whatever kind of deadline.

Three kinds, each already the asker's by the store or the model file: the papers deadlines of the
bodies whose secretariat they are (the papers go out that day), the papers of their own cases (due to the
working committee first for the portfolio board, as `mine.py` says), and the deadlines of the numbered
assignments (*oppdrag*) they own. Without a period it is today and the next six days: "this week" read as
the seven days ahead, so a Friday question still shows next Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from handlers.assignments.views import title_for
from handlers.identity import resolve_actor
from handlers.meetings.asker_bodies import secretariat_bodies
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day, when
from handlers.meetings.periods import days_period, period_label
from handlers.messages import Language
from handlers.replies import BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.slots import Period
from models.governance.schema import GovernanceModel
from models.tables import AgendaItem, Body, Meeting

DEFAULT_DAYS = 7


@dataclass(frozen=True)
class Due:
    on: date
    what: str


def answer_deadlines_this_week(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    if ask.slots.period is not None:
        period = ask.slots.period
    elif ask.slots.day is not None:
        period = Period(ask.slots.day, ask.slots.day, "")
    else:
        words = t(language, "deadlines.default_period", days=DEFAULT_DAYS)
        period = days_period(local_date(ctx.clock()), DEFAULT_DAYS, words)
    label = period_label(language, period)
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        if actor.person_key is None:
            text = t(language, "meetings.mine.unknown")
            return Reply(language, (Paragraph(text),), intent="deadlines.this_week")
        found = [
            *_secretariat_due(session, language, ctx.store.model_id, actor.person_key, period),
            *_case_papers_due(session, language, ctx.store.model_id, actor.person_key, period),
            *_assignments_due(ctx.model, language, actor.person_key, period),
        ]
    if not found:
        return Reply(
            language, (Paragraph(t(language, "deadlines.none", period=label)),), intent="deadlines.this_week"
        )
    found.sort(key=lambda due: due.on)
    lines = tuple(f"{day(language, d.on)}: {d.what}" for d in found)
    heading = t(language, "deadlines.heading", period=label, count=len(found))
    return Reply(language, (Heading(heading), BulletList(lines)), intent="deadlines.this_week")


def _secretariat_due(
    session: Session, language: Language, model_id: int, person_key: str, period: Period
) -> list[Due]:
    bodies = {b.id: b for b in secretariat_bodies(session, model_id, person_key)}
    if not bodies:
        return []
    meetings = session.scalars(
        select(Meeting)
        .where(
            Meeting.body_id.in_(list(bodies)),
            Meeting.status != "cancelled",
            Meeting.papers_due >= period.start,
            Meeting.papers_due <= period.end,
        )
        .order_by(Meeting.papers_due)
    )
    return [
        Due(
            m.papers_due,
            t(
                language,
                "deadlines.secretariat",
                body=bodies[m.body_id].name,
                when=when(language, m.starts_at),
                missing=sum(1 for i in m.items if i.papers_delivered_at is None),
            ),
        )
        for m in meetings
    ]


def _case_papers_due(
    session: Session, language: Language, model_id: int, person_key: str, period: Period
) -> list[Due]:
    due_column = Meeting.working_committee_due
    in_period = or_(
        (due_column.is_not(None)) & (due_column >= period.start) & (due_column <= period.end),
        (due_column.is_(None)) & (Meeting.papers_due >= period.start) & (Meeting.papers_due <= period.end),
    )
    items = session.scalars(
        select(AgendaItem)
        .join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(
            AgendaItem.model_id == model_id,
            AgendaItem.owner_key == person_key,
            AgendaItem.papers_delivered_at.is_(None),
            AgendaItem.status == "active",
            Meeting.status != "cancelled",
            in_period,
        )
    )
    found = []
    for item in items:
        meeting = item.meeting
        body = session.get_one(Body, meeting.body_id)
        text = t(
            language,
            "deadlines.case",
            number=item.number,
            title=item.title,
            body=body.name,
            when=when(language, meeting.starts_at),
        )
        found.append(Due(meeting.working_committee_due or meeting.papers_due, text))
    return found


def _assignments_due(
    model: GovernanceModel, language: Language, person_key: str, period: Period
) -> list[Due]:
    return [
        Due(a.deadline, t(language, "deadlines.assignment", number=a.number, title=title_for(language, a)))
        for a in model.assignments
        if a.owner == person_key and a.deadline is not None and period.start <= a.deadline <= period.end
    ]
