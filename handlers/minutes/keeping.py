"""The secretariat keeps a meeting's minutes: draft, send for comments, read the comments, approve.

Only the body's secretariat drafts, sends, reads comments and approves by hand (the secretariat writes the
minutes, seed 002 §7); the body's members comment while the minutes are out, until the deadline; approved
minutes may be read by anyone signed in, a draft only by the secretariat. Every change writes its audit
row in the caller's transaction, and the notices to the members are outbox rows in the same one, keyed per
minutes and person, so sending twice tells nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import MeetingError, get_meeting
from handlers.meetings.deadlines import local_date
from handlers.meetings.outbox import Planned, enqueue
from handlers.meetings.permissions import body_people
from handlers.messages import Language
from handlers.minutes.content import date_words, snapshot, time_words
from handlers.notices import SOURCE, reply_to_payload
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.governance.schema import GovernanceModel, Role
from models.tables import Body, Decision, Meeting, Minutes, MinutesComment, PersonRow

COMMENT_NOTICE_VALID_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Kept:
    minutes: Minutes
    meeting: Meeting
    body: Body
    told: int = 0
    """How many members were newly told (0 on a second send)."""


def is_secretariat(session: Session, body_id: int, person_key: str | None) -> bool:
    return person_key is not None and person_key in body_people(
        session, body_id, frozenset({Role.SECRETARIAT.value})
    )


def is_member(session: Session, body_id: int, person_key: str | None) -> bool:
    return person_key is not None and person_key in body_people(session, body_id)


def _body(session: Session, meeting: Meeting) -> Body:
    return session.get_one(Body, meeting.body_id)


def _secretariat_only(session: Session, body: Body, actor: Actor) -> None:
    if not is_secretariat(session, body.id, actor.person_key):
        raise MeetingError("minutes.denied", who=actor.display_name, body=body.name)


def minutes_of(session: Session, meeting_id: int) -> Minutes | None:
    return session.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))


def _held(meeting: Meeting, now: datetime) -> None:
    if meeting.status == "cancelled":
        raise MeetingError("minutes.cancelled", meeting=meeting.id)
    if meeting.starts_at > now:
        raise MeetingError("minutes.not_held", meeting=meeting.id)


def _state(minutes: Minutes) -> dict[str, Any]:
    return {
        "meeting": minutes.meeting_id,
        "state": minutes.state,
        "comments_due": minutes.comments_due.isoformat() if minutes.comments_due else None,
        "cases": len(minutes.content.get("cases", [])),
        "approved_meeting": minutes.approved_meeting_id,
        "approved_decision": minutes.approved_decision_id,
    }


def _audit(
    session: Session, model: GovernanceModel, actor: Actor, action: str, minutes: Minutes, **kw: Any
) -> None:
    session.flush()
    record(
        session,
        actor=actor.audit_name,
        action=action,
        entity_type="minutes",
        entity_ref=f"minutes:{minutes.id}",
        model_key=model.key,
        **kw,
    )


def _draft_row(
    session: Session, model_id: int, actor: Actor, meeting: Meeting, now: datetime
) -> tuple[Minutes, dict[str, Any] | None]:
    minutes = minutes_of(session, meeting.id)
    before = _state(minutes) if minutes is not None else None
    content = snapshot(session, model_id, meeting)
    if minutes is None:
        minutes = Minutes(
            model_id=model_id, meeting_id=meeting.id, body_key=meeting.body_key, state="draft",
            content=content, drafted_by=actor.audit_name, drafted_at=now,
        )  # fmt: skip
        try:  # one record per meeting: of two secretaries drafting at once, the second is told
            with session.begin_nested():
                session.add(minutes)
                session.flush()
        except IntegrityError:
            raise MeetingError("minutes.changed_meanwhile", meeting=meeting.id) from None
    else:
        minutes.content, minutes.drafted_by, minutes.drafted_at = content, actor.audit_name, now
    return minutes, before


def draft_minutes(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, meeting_id: int, now: datetime
) -> Kept:
    """Build (or rebuild, until approved) the draft from the meeting's agenda and current decisions."""
    meeting = get_meeting(session, model_id, meeting_id)
    body = _body(session, meeting)
    _secretariat_only(session, body, actor)
    _held(meeting, now)
    existing = minutes_of(session, meeting.id)
    if existing is not None and existing.state == "approved":
        raise MeetingError("minutes.already_approved", meeting=meeting.id)
    minutes, before = _draft_row(session, model_id, actor, meeting, now)
    action = "minutes.draft" if before is None else "minutes.redraft"
    _audit(session, model, actor, action, minutes, before=before, after=_state(minutes))
    return Kept(minutes, meeting, body)


def _drafted(session: Session, model_id: int, meeting_id: int) -> tuple[Minutes, Meeting, Body]:
    meeting = get_meeting(session, model_id, meeting_id)
    minutes = minutes_of(session, meeting.id)
    if minutes is None:
        raise MeetingError("minutes.none", meeting=meeting.id)
    return minutes, meeting, _body(session, meeting)


def send_for_comments(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    due: date,
    now: datetime,
) -> Kept:
    """Out to the body's members with a comment deadline; each member is told once, whatever the resends."""
    meeting = get_meeting(session, model_id, meeting_id)
    _secretariat_only(session, _body(session, meeting), actor)
    minutes, meeting, body = _drafted(session, model_id, meeting_id)
    if minutes.state == "approved":
        raise MeetingError("minutes.already_approved", meeting=meeting.id)
    if due < local_date(now):
        raise MeetingError("minutes.due_past")
    before = _state(minutes)
    minutes.state, minutes.comments_due = "comments", due
    minutes.sent_by, minutes.sent_at = actor.audit_name, now
    _audit(session, model, actor, "minutes.send", minutes, before=before, after=_state(minutes))
    told = _tell_members(session, model_id, actor, minutes, meeting, body, "comments", now)
    return Kept(minutes, meeting, body, told)


def comment_on(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    text: str,
    now: datetime,
) -> Kept:
    """A member's comment on minutes that are out for comments, until the deadline (inclusive)."""
    minutes, meeting, body = _drafted(session, model_id, meeting_id)
    if not is_member(session, body.id, actor.person_key):
        raise MeetingError("minutes.not_member", who=actor.display_name, body=body.name)
    if minutes.state != "comments" or minutes.comments_due is None:
        raise MeetingError("minutes.not_open", meeting=meeting.id)
    if local_date(now) > minutes.comments_due:
        raise MeetingError("minutes.comments_closed", meeting=meeting.id)
    if not text.strip():
        raise MeetingError("minutes.comment_needed")
    comment = MinutesComment(
        minutes_id=minutes.id, person_key=actor.person_key or "", text=text.strip()[:4000], created_at=now
    )
    session.add(comment)
    session.flush()
    record(
        session, actor=actor.audit_name, action="minutes.comment", entity_type="minutes_comment",
        entity_ref=f"minutes_comment:{comment.id}", model_key=model.key,
        after={"minutes": minutes.id, "text": comment.text},
    )  # fmt: skip
    return Kept(minutes, meeting, body)


def comments(
    session: Session, model_id: int, actor: Actor, meeting_id: int
) -> tuple[Kept, list[tuple[MinutesComment, str]]]:
    """The comments given, oldest first, with the commenter's name: for the secretariat only."""
    minutes, meeting, body = _drafted(session, model_id, meeting_id)
    _secretariat_only(session, body, actor)
    rows = session.execute(
        select(MinutesComment, PersonRow.name)
        .outerjoin(PersonRow, (PersonRow.key == MinutesComment.person_key) & (PersonRow.model_id == model_id))
        .where(MinutesComment.minutes_id == minutes.id)
        .order_by(MinutesComment.created_at, MinutesComment.id)
    )
    return Kept(minutes, meeting, body), [(c, name or c.person_key) for c, name in rows]


def approve_minutes(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    now: datetime,
    *,
    by_meeting: Meeting | None = None,
    by_decision: Decision | None = None,
) -> Kept:
    """Approved (published): by the next meeting's decision, or by the secretariat's hand.

    Minutes never drafted are drafted now from the register, so the approval always names what it
    approved. A decision recorded on «Godkjenning av referat» arrives here with its meeting and decision
    (its own permission already checked); the secretariat's own approval is refused to anyone else.
    """
    meeting = get_meeting(session, model_id, meeting_id)
    body = _body(session, meeting)
    if by_decision is None:
        _secretariat_only(session, body, actor)
        _held(meeting, now)
    minutes = minutes_of(session, meeting.id)
    if minutes is not None and minutes.state == "approved":
        raise MeetingError("minutes.already_approved", meeting=meeting.id)
    if minutes is None:
        minutes, _ = _draft_row(session, model_id, actor, meeting, now)
        _audit(session, model, actor, "minutes.draft", minutes, after=_state(minutes))
    before = _state(minutes)
    minutes.state, minutes.approved_by, minutes.approved_at = "approved", actor.audit_name, now
    minutes.approved_meeting_id = by_meeting.id if by_meeting is not None else None
    minutes.approved_decision_id = by_decision.id if by_decision is not None else None
    _audit(session, model, actor, "minutes.approve", minutes, before=before, after=_state(minutes))
    told = _tell_members(session, model_id, actor, minutes, meeting, body, "approved", now)
    return Kept(minutes, meeting, body, told)


def approve_by_decision(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, decision: Decision, now: datetime
) -> Kept | None:
    """The hook record_decision calls for every decision: an approved «Godkjenning av referat» approves
    the minutes it points at (a second approval of minutes already approved changes nothing)."""
    from models.tables import AgendaItem

    item = session.get_one(AgendaItem, decision.agenda_item_id)
    if item.minutes_of_meeting_id is None or decision.outcome != "approved":
        return None
    existing = minutes_of(session, item.minutes_of_meeting_id)
    if existing is not None and existing.state == "approved":
        return None
    by_meeting = session.get_one(Meeting, decision.meeting_id)
    return approve_minutes(
        session, model, model_id, actor, item.minutes_of_meeting_id, now,
        by_meeting=by_meeting, by_decision=decision,
    )  # fmt: skip


def readable(session: Session, model_id: int, actor: Actor, meeting_id: int) -> Kept:
    """Minutes someone may read: approved ones for anyone signed in, a draft for the secretariat."""
    minutes, meeting, body = _drafted(session, model_id, meeting_id)
    if minutes.state != "approved" and not is_secretariat(session, body.id, actor.person_key):
        raise MeetingError("minutes.not_approved", meeting=meeting.id)
    return Kept(minutes, meeting, body)


def _tell_members(
    session: Session,
    model_id: int,
    actor: Actor,
    minutes: Minutes,
    meeting: Meeting,
    body: Body,
    what: str,
    now: datetime,
) -> int:
    from handlers.decisions.notify import person_language

    members = [k for k in body_people(session, body.id) if k != actor.person_key]
    planned = []
    for person in members:
        language = person_language(session, person)
        reply = notice(language, what, minutes, meeting, body)
        payload = {"reply": reply_to_payload(reply)}
        planned.append(
            Planned(f"minutes:{minutes.id}:{what}:{person}", f"minutes.{what}", person, now,
                    now + COMMENT_NOTICE_VALID_FOR, payload)
        )  # fmt: skip
    return len(enqueue(session, model_id, planned, source=SOURCE))


def notice(language: Language, what: str, minutes: Minutes, meeting: Meeting, body: Body) -> Reply:
    facts = {"body": body.name, "when": time_words(language, meeting.starts_at), "meeting": meeting.id}
    if what == "comments" and minutes.comments_due is not None:
        text = t(language, "minutes.notify.comments", due=date_words(language, minutes.comments_due), **facts)
    else:
        text = t(language, "minutes.notify.approved", **facts)
    return Reply(language, (Paragraph(text),), intent=f"minutes.notify.{what}")
