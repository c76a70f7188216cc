""" "My deadlines": the cases someone owns whose papers are missing, and, for the secretariat, the days
their bodies' papers go out. The person comes from the sender (resolve_actor), never from the text.

A coming meeting can have a deadline already gone (papers late, or the meeting planned late): it is
still listed, because the papers are still wanted, but said to have passed, never shown as if ahead.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day, when
from handlers.meetings.queries import open_cases, secretariat_meetings
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import Body, Meeting


def answer_mine(session: Session, language: Language, model_id: int, actor: Actor, now: datetime) -> Reply:
    if not actor.known or actor.person_key is None:
        return Reply(language, (Paragraph(t(language, "meetings.mine.unknown")),), "meetings.mine")
    cases = open_cases(session, model_id, actor.person_key, now)
    today = local_date(now)
    blocks: list[Block] = [Heading(t(language, "meetings.mine.heading"))]
    if cases:
        lines = []
        for item in cases:
            meeting = item.meeting
            due = meeting.working_committee_due or meeting.papers_due
            body = session.get_one(Body, meeting.body_id)
            lines.append(
                t(
                    language,
                    "meetings.mine.item_passed" if due < today else "meetings.mine.item",
                    due=day(language, due),
                    number=item.number,
                    title=item.title,
                    body=body.name,
                    when=when(language, meeting.starts_at),
                )
            )
        blocks.append(BulletList(tuple(lines)))
    secretariat = secretariat_meetings(session, model_id, actor.person_key, now)
    if secretariat:
        blocks.append(Heading(t(language, "meetings.mine.secretariat_heading")))
        lines = tuple(_secretariat_line(session, language, m, today) for m in secretariat)
        blocks.append(BulletList(lines))
    if not cases and not secretariat:
        blocks = [Paragraph(t(language, "meetings.mine.none"))]
    return Reply(language, tuple(blocks), intent="meetings.mine")


def _secretariat_line(session: Session, language: Language, meeting: Meeting, today: date) -> str:
    missing = sum(1 for i in meeting.items if i.papers_delivered_at is None)
    passed = meeting.papers_due < today
    return t(
        language,
        "meetings.mine.secretariat_item_passed" if passed else "meetings.mine.secretariat_item",
        due=day(language, meeting.papers_due),
        body=session.get_one(Body, meeting.body_id).name,
        when=when(language, meeting.starts_at),
        missing=missing,
    )
