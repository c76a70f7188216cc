"""Answers to the meeting questions: the next meeting and its agenda, missing papers, deadlines by date,
and one person's own deadlines. Every fact comes from the store; wording from handlers/texts.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from handlers.meetings.deadlines import local_date
from handlers.meetings.ends import meeting_end
from handlers.meetings.formatting import OSLO, day, when
from handlers.meetings.queries import meetings_on, next_meeting, person_names
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import AgendaItem, Body, Meeting


def _item_lines(session: Session, language: Language, items: list[AgendaItem]) -> tuple[str, ...]:
    names = person_names(session, items[0].model_id, {i.owner_key for i in items}) if items else {}
    return tuple(
        t(
            language,
            "meetings.item",
            number=item.number,
            title=item.title,
            kind=t(language, f"meetings.kind.{item.kind}"),
            owner=shown_name(names.get(item.owner_key, item.owner_key), language),
            state=t(
                language, "meetings.item.delivered" if item.papers_delivered_at else "meetings.item.missing"
            ),
        )
        for item in items
    )


def _deadline_facts(language: Language, meeting: Meeting) -> Facts:
    facts = [
        (t(language, "meetings.label.ends"), meeting_end(meeting).astimezone(OSLO).strftime("%H:%M")),
        (t(language, "meetings.label.place"), meeting.place or "–"),
        (t(language, "meetings.label.papers_due"), day(language, meeting.papers_due)),
    ]
    if meeting.working_committee_due:
        facts.append(
            (t(language, "meetings.label.committee_due"), day(language, meeting.working_committee_due))
        )
    return Facts(tuple(facts))


def answer_next(session: Session, language: Language, body: Body, now: datetime) -> Reply:
    meeting = next_meeting(session, body.id, now)
    if meeting is None:
        return Reply(
            language, (Paragraph(t(language, "meetings.next.none", body=body.name)),), "meetings.next"
        )
    return answer_meeting(session, language, body, meeting)


def answer_meeting(
    session: Session, language: Language, body: Body, meeting: Meeting, heading: str = "meetings.next.heading"
) -> Reply:
    """One meeting with its deadlines and agenda: the next one, or the one in a period someone named."""
    blocks: list[Block] = [
        Heading(t(language, heading, body=body.name, when=when(language, meeting.starts_at))),
        _deadline_facts(language, meeting),
        Heading(t(language, "meetings.agenda.heading")),
    ]
    lines = tuple(
        f"{n}. {line}" for n, line in enumerate(_item_lines(session, language, list(meeting.items)), 1)
    )
    blocks.append(BulletList(lines) if lines else Paragraph(t(language, "meetings.agenda.empty")))
    if meeting.withdrawn_items:
        blocks.append(Heading(t(language, "agenda.withdrawn.heading")))
        withdrawn = tuple(
            t(
                language,
                "agenda.withdrawn.item",
                number=i.number,
                title=i.title,
                reason=i.withdrawn_reason or "–",
            )
            for i in meeting.withdrawn_items
        )
        blocks.append(BulletList(withdrawn))
    return Reply(language, tuple(blocks), intent="meetings.next")


def answer_missing(session: Session, language: Language, body: Body, now: datetime) -> Reply:
    meeting = next_meeting(session, body.id, now)
    if meeting is None:
        return Reply(
            language, (Paragraph(t(language, "meetings.next.none", body=body.name)),), "meetings.missing"
        )
    facts = {"body": body.name, "when": when(language, meeting.starts_at)}
    if not meeting.items:  # nothing to deliver is not everything delivered
        return Reply(
            language, (Paragraph(t(language, "meetings.missing.no_cases", **facts)),), "meetings.missing"
        )
    missing = [i for i in meeting.items if i.papers_delivered_at is None]
    if not missing:
        return Reply(
            language, (Paragraph(t(language, "meetings.missing.none", **facts)),), "meetings.missing"
        )
    blocks = (
        Heading(t(language, "meetings.missing.heading", **facts)),
        _deadline_facts(language, meeting),
        BulletList(_item_lines(session, language, missing)),
    )
    return Reply(language, blocks, intent="meetings.missing")


def answer_on_date(
    session: Session, language: Language, model_id: int, asked: date, body: Body | None
) -> Reply:
    meetings = meetings_on(session, model_id, asked, body.id if body else None)
    shown = day(language, asked)
    if not meetings:
        return Reply(
            language, (Paragraph(t(language, "meetings.on_date.none", date=shown)),), "meetings.on_date"
        )
    lines = []
    for meeting in meetings:
        due = meeting.papers_due
        line = t(
            language,
            "meetings.on_date.item",
            body=session.get_one(Body, meeting.body_id).name,
            when=when(language, meeting.starts_at),
            due=day(language, due),
        )
        if meeting.working_committee_due:
            committee = day(language, meeting.working_committee_due)
            line += f" ({t(language, 'meetings.label.committee_due')}: {committee})"
        lines.append(line)
    blocks = (Heading(t(language, "meetings.on_date.heading", date=shown)), BulletList(tuple(lines)))
    return Reply(language, blocks, intent="meetings.on_date")


def today(now: datetime) -> date:
    return local_date(now)
