"""Planning, moving and cancelling meetings: permission, change, audit row and reminders in one transaction.

Each operation takes an open session and commits nothing itself, so the caller's `store.session()` makes
the meeting, its audit row and its outbox rows land together or not at all.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import MeetingError, check_may_manage, get_meeting
from handlers.meetings.deadlines import meeting_deadlines
from handlers.meetings.ends import end_at, meeting_end
from handlers.meetings.minutes_items import sync_minutes_items
from handlers.meetings.outbox import replan
from models.audit import record
from models.governance.schema import GovernanceModel
from models.tables import Body, Meeting


def snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        "body": meeting.body_key,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting_end(meeting).isoformat(),
        "place": meeting.place,
        "status": meeting.status,
        "papers_due": meeting.papers_due.isoformat(),
        "working_committee_due": meeting.working_committee_due and meeting.working_committee_due.isoformat(),
    }


def _audit(
    session: Session, model: GovernanceModel, actor: Actor, action: str, meeting: Meeting, **kw: Any
) -> None:
    session.flush()
    record(
        session,
        actor=actor.audit_name,
        action=action,
        entity_type="meeting",
        entity_ref=f"meeting:{meeting.id}",
        model_key=model.key,
        **kw,
    )


def _require_aware(starts_at: datetime) -> None:
    if starts_at.tzinfo is None:
        raise ValueError("meeting start must be timezone-aware")


def add_meeting(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    body: Body,
    starts_at: datetime,
    place: str | None,
    now: datetime,
    ends: time | datetime | None = None,
) -> Meeting:
    """`ends`: a time of day on the start's date or an instant; none given, two hours after the start."""
    _require_aware(starts_at)
    check_may_manage(session, body, actor)
    ends_at = end_at(starts_at, ends)
    deadlines = meeting_deadlines(starts_at, body.kind, model.rules)
    meeting = Meeting(
        model_id=model_id,
        body_id=body.id,
        body_key=body.key,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        status="planned",
        papers_due=deadlines.papers_due,
        working_committee_due=deadlines.working_committee_due,
        created_by=actor.audit_name,
    )
    session.add(meeting)
    _audit(session, model, actor, "meeting.add", meeting, after=snapshot(meeting))
    _replan_body(session, model, model_id, actor, meeting, now)
    return meeting


def _replan_body(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, meeting: Meeting, now: datetime
) -> None:
    """Re-derive the changed meeting's reminders and those of every neighbour whose minutes item moved."""
    touched = sync_minutes_items(session, model, model_id, actor, meeting.body_id, meeting, now)
    replan(session, model, model_id, meeting, now)
    for other_id in sorted(touched - {meeting.id}):
        replan(session, model, model_id, session.get_one(Meeting, other_id), now)


def move_meeting(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    starts_at: datetime,
    now: datetime,
    place: str | None = None,
    ends: time | datetime | None = None,
) -> Meeting:
    """The meeting keeps its length unless `ends` gives a new end."""
    _require_aware(starts_at)
    meeting = get_meeting(session, model_id, meeting_id)
    body = session.get_one(Body, meeting.body_id)
    check_may_manage(session, body, actor)
    if meeting.status == "cancelled":
        raise MeetingError("meetings.is_cancelled", id=meeting_id)
    before = snapshot(meeting)
    length = meeting_end(meeting) - meeting.starts_at
    ends_at = end_at(starts_at, ends) if ends is not None else starts_at + length
    deadlines = meeting_deadlines(starts_at, body.kind, model.rules)
    meeting.starts_at, meeting.ends_at, meeting.status = starts_at, ends_at, "moved"
    meeting.papers_due, meeting.working_committee_due = deadlines.papers_due, deadlines.working_committee_due
    if place is not None:
        meeting.place = place
    _audit(session, model, actor, "meeting.move", meeting, before=before, after=snapshot(meeting))
    _replan_body(session, model, model_id, actor, meeting, now)
    return meeting


def cancel_meeting(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    reason: str,
    now: datetime,
) -> Meeting:
    meeting = get_meeting(session, model_id, meeting_id)
    check_may_manage(session, session.get_one(Body, meeting.body_id), actor)
    if not reason.strip():
        raise MeetingError("meetings.reason_needed")
    before = snapshot(meeting)
    meeting.status, meeting.cancel_reason = "cancelled", reason.strip()[:1000]
    _audit(
        session,
        model,
        actor,
        "meeting.cancel",
        meeting,
        before=before,
        after=snapshot(meeting),
        reason=reason,
    )
    _replan_body(session, model, model_id, actor, meeting, now)
    return meeting
