"""The secretariat chases missing papers from chat: first who would be reminded, then the sending.

The preview writes nothing and carries the meeting id on a button; pressing it (or writing "send
påminnelser <id>") queues through the same outbox and dedupe as the CLI, recorded with who sent it.
Permission is checked on both steps, because a button can be forwarded to someone who may not send.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import check_may_manage, get_meeting
from handlers.meetings.formatting import when
from handlers.meetings.queries import person_names
from handlers.meetings.sends import case_lines, chase_missing_papers, count_new, preview_chase
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import Actions, BulletList, Button, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import GovernanceModel
from models.tables import Body

SEND_ACTION = "meetings.chase.send"
CHANNEL_NAMES = {"slack": "Slack", "teams": "Teams"}


def delivery_note(language: Language, channels: tuple[str, ...]) -> str:
    """Where queued messages will be seen: in Slack/Teams within a minute, or else under «varsler»."""
    if not channels:
        return t(language, "delivery.inbox")
    names = [CHANNEL_NAMES.get(c, c) for c in channels]
    joined = " og ".join(names) if language == "nb" else " and ".join(names)
    return t(language, "delivery.push", channels=joined)


def preview(
    session: Session, language: Language, model_id: int, actor: Actor, meeting_id: int, now: datetime
) -> Reply:
    meeting = get_meeting(session, model_id, meeting_id)
    body = session.get_one(Body, meeting.body_id)
    check_may_manage(session, body, actor)
    planned = preview_chase(session, model_id, meeting_id, now)
    facts = {"body": body.name, "when": when(language, meeting.starts_at)}
    if not planned:
        said = "meetings.missing.none" if meeting.items else "meetings.missing.no_cases"
        return Reply(language, (Paragraph(t(language, said, **facts)),), "meetings.chase.none")
    names = person_names(session, model_id, {p.person_key for p in planned})
    lines = tuple(
        t(
            language,
            "meetings.chase.recipient",
            person=shown_name(names.get(p.person_key, p.person_key), language),
            cases="; ".join(
                t(language, "meetings.chase.case", number=number, title=title)
                for number, title in case_lines(p.payload)
            ),
        )
        for p in planned
    )
    count = t(language, "meetings.chase.count", count=len(planned), new=count_new(session, planned))
    blocks = (
        Heading(t(language, "meetings.chase.heading", **facts)),
        BulletList(lines),
        Paragraph(count),
        Paragraph(t(language, "meetings.chase.confirm", id=meeting.id)),
        Actions((Button(t(language, "meetings.chase.button"), SEND_ACTION, str(meeting.id)),)),
    )
    return Reply(language, blocks, intent="meetings.chase.preview")


def send(
    session: Session,
    language: Language,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    now: datetime,
    channels: tuple[str, ...] = (),
) -> Reply:
    """`channels`: the push channels configured (handlers.notify.push_channels), for saying honestly
    where the reminders will be seen."""
    outcome = chase_missing_papers(session, model, model_id, actor, meeting_id, now)
    meeting = get_meeting(session, model_id, meeting_id)
    body = session.get_one(Body, meeting.body_id)
    text = t(
        language,
        "meetings.chase.sent",
        count=len(outcome.planned),
        new=outcome.queued,
        body=body.name,
        when=when(language, meeting.starts_at),
        delivery=delivery_note(language, channels),
    )
    return Reply(language, (Paragraph(text),), intent="meetings.chase.sent")
