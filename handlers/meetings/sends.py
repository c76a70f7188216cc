"""The secretariat sends, too: chasing missing papers and notices to a body's members.

Both go through the outbox, so they are retried, fenced and deduplicated like planned reminders. The key
holds the Oslo date, so pressing "remind" twice on one day reaches nobody twice, while a new reminder
the next day is possible. `preview_*` shows who would get it without writing anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import MeetingError, check_may_manage, get_meeting
from handlers.meetings.deadlines import end_of_day, local_date
from handlers.meetings.outbox import Planned, enqueue
from handlers.meetings.permissions import body_people
from models.audit import record
from models.governance.schema import GovernanceModel
from models.tables import Body, Reminder


@dataclass(frozen=True)
class SendOutcome:
    planned: list[Planned]
    queued: int
    """Rows newly queued; the rest were already sent or queued today under the same key."""


def preview_chase(session: Session, model_id: int, meeting_id: int, now: datetime) -> list[Planned]:
    """One reminder per case owner with papers missing, listing all of that owner's cases.

    Per person, not per case: someone who owes three cases is one recipient who gets one message, so
    the preview and the sending count the same people (the issue's "4 recipients" for 3 people).
    """
    meeting = get_meeting(session, model_id, meeting_id)
    if meeting.status == "cancelled":
        raise MeetingError("meetings.is_cancelled", id=meeting_id)
    body = session.get_one(Body, meeting.body_id)
    due = meeting.working_committee_due or meeting.papers_due
    today = local_date(now).isoformat()
    base = {
        "meeting_id": meeting.id,
        "body_key": body.key,
        "body_name": body.name,
        "meeting_at": meeting.starts_at.isoformat(),
        "papers_due": due.isoformat(),
    }
    cases: dict[str, list[list[str]]] = {}
    for item in meeting.items:
        if item.papers_delivered_at is None:
            cases.setdefault(item.owner_key, []).append([item.number, item.title])
    return [
        Planned(
            f"chase-meeting:{meeting.id}:{owner}:{today}",
            "papers.chase",
            owner,
            now,
            max(end_of_day(due), meeting.starts_at) if due else meeting.starts_at,
            {**base, "cases": owned},
        )
        for owner, owned in cases.items()
    ]


def count_new(session: Session, planned: list[Planned]) -> int:
    """How many of `planned` sending would queue now: those whose key is not in the outbox yet.

    The same question `enqueue`'s `ON CONFLICT DO NOTHING` answers when it inserts, asked without
    writing, so a preview promises exactly what the send then reports (unless someone sends between).
    """
    keys = {p.dedup_key for p in planned}
    if not keys:
        return 0
    taken = set(session.scalars(select(Reminder.dedup_key).where(Reminder.dedup_key.in_(keys))))
    return len(keys - taken)


def case_lines(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(number, title) of each case a chase names; rows queued before chases were per person had one."""
    if "cases" in payload:
        return [(str(number), str(title)) for number, title in payload["cases"]]
    return [(str(payload["item"]), str(payload["title"]))]


def chase_missing_papers(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, meeting_id: int, now: datetime
) -> SendOutcome:
    meeting = get_meeting(session, model_id, meeting_id)
    check_may_manage(session, session.get_one(Body, meeting.body_id), actor)
    planned = preview_chase(session, model_id, meeting_id, now)
    rows = enqueue(
        session, model_id, planned, source="on_demand", requested_by=actor.audit_name, meeting_id=meeting.id
    )
    record(
        session,
        actor=actor.audit_name,
        action="meeting.chase_papers",
        entity_type="meeting",
        entity_ref=f"meeting:{meeting.id}",
        model_key=model.key,
        after={
            "recipients": [p.person_key for p in planned],
            "cases": [number for p in planned for number, _ in case_lines(p.payload)],
            "queued": len(rows),
        },
    )
    return SendOutcome(planned, len(rows))


def preview_notice(session: Session, body: Body, text: str, now: datetime) -> list[Planned]:
    digest = hashlib.sha256(text.strip().encode()).hexdigest()[:12]
    today = local_date(now)
    payload = {"body_key": body.key, "body_name": body.name, "text": text.strip()[:2000]}
    return [
        Planned(
            f"notice:{body.key}:{person}:{digest}:{today.isoformat()}",
            "notice",
            person,
            now,
            end_of_day(today),
            payload,
        )
        for person in body_people(session, body.id)
    ]


def send_notice(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    body: Body,
    text: str,
    now: datetime,
) -> SendOutcome:
    check_may_manage(session, body, actor)
    if not text.strip():
        raise MeetingError("agenda.title_needed")
    planned = preview_notice(session, body, text, now)
    rows = enqueue(session, model_id, planned, source="on_demand", requested_by=actor.audit_name)
    record(
        session,
        actor=actor.audit_name,
        action="body.notice",
        entity_type="body",
        entity_ref=f"body:{body.key}",
        model_key=model.key,
        after={"text": text.strip()[:2000], "recipients": len(planned), "queued": len(rows)},
    )
    return SendOutcome(planned, len(rows))
