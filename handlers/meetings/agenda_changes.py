"""Changing an agenda after cases are on it: moving a case to another meeting, reordering, withdrawing.

The secretariat (or chair, or owner) of the body does this; every change writes its audit row and
re-plans the reminders of each meeting it touches in the same transaction, so a moved case's owner is
reminded of the new meeting's deadline and never of the old one's, and a withdrawn case's owner is not
chased at all. A withdrawn case keeps its row (reason, who, when): its number is never reused.

Positions are re-numbered 1…n over the whole agenda at every change, with the body's row locked first
(SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers anyway), the same lock
`agenda_numbers.next_number` takes: two secretaries reordering or moving at the same moment queue
behind each other instead of both reading the old order and writing two cases into one place.

Meetings already held, cancelled meetings and another body's meetings are refused with a sentence the
user can act on. The «Godkjenning av referat» item belongs to `minutes_items` and is not moved or
withdrawn by hand.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.decisions.notify import person_language
from handlers.identity import Actor
from handlers.meetings.access import MeetingError, check_may_manage, get_meeting
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import when
from handlers.meetings.outbox import replan
from handlers.messages import Language
from handlers.notices import queue_notice_at
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.governance.schema import GovernanceModel
from models.tables import AgendaItem, Body, Initiative, Meeting
from models.tables.meetings import ACTIVE, WITHDRAWN


def agenda(session: Session, model_id: int, meeting_id: int) -> list[AgendaItem]:
    """The meeting's agenda in order (withdrawn cases left out)."""
    meeting = get_meeting(session, model_id, meeting_id)
    session.refresh(meeting, ["items"])
    return list(meeting.items)


def next_position(session: Session, meeting_id: int) -> int:
    """The place after the last case on the agenda; call it after `lock_body`."""
    positions = session.scalars(
        select(AgendaItem.position).where(AgendaItem.meeting_id == meeting_id, AgendaItem.status == ACTIVE)
    )
    return max(positions, default=0) + 1


def lock_body(session: Session, body_id: int) -> None:
    """Take the body's lock, then forget what this session read before it: the case and meeting loaded to
    check the change may be stale by the time the lock is ours (another move committed meanwhile), and a
    renumbering from stale rows wrote two cases into one place now and then under load."""
    session.execute(select(Body.id).where(Body.id == body_id).with_for_update())
    session.expire_all()


def _open_item(session: Session, model_id: int, item_id: int) -> tuple[AgendaItem, Meeting, Body]:
    item = session.get(AgendaItem, item_id)
    if item is None or item.model_id != model_id:
        raise MeetingError("agenda.no_item", id=item_id)
    meeting = session.get_one(Meeting, item.meeting_id)
    return item, meeting, session.get_one(Body, meeting.body_id)


def _changeable(item: AgendaItem, meeting: Meeting, now: datetime) -> None:
    if item.status == WITHDRAWN:
        raise MeetingError("agenda.is_withdrawn", number=item.number)
    if item.minutes_of_meeting_id is not None:
        raise MeetingError("agenda.minutes_fixed", number=item.number)
    _open_meeting(meeting, now)


def _open_meeting(meeting: Meeting, now: datetime) -> None:
    if meeting.status == "cancelled":
        raise MeetingError("meetings.is_cancelled", id=meeting.id)
    if meeting.starts_at <= now:
        # a date, formatted by each language's sentence ({date:%d.%m.%Y} / {date:%Y-%m-%d})
        raise MeetingError("agenda.meeting_held", date=local_date(meeting.starts_at))


def _renumber(
    session: Session, meeting: Meeting, first: AgendaItem | None = None, at: int | None = None
) -> None:
    """Positions 1…n in the present order; `first` is put at place `at` (1-based) on the way."""
    session.flush()
    session.refresh(meeting, ["items"])
    items = list(meeting.items)
    if first is not None and at is not None:
        items = [i for i in items if i.id != first.id]
        items.insert(max(0, min(at - 1, len(items))), first)
    for place, item in enumerate(items, start=1):
        item.position = place
    session.flush()
    session.refresh(meeting, ["items"])


def _audit(
    session: Session, model: GovernanceModel, actor: Actor, action: str, item: AgendaItem, **kw: Any
) -> None:
    record(
        session,
        actor=actor.audit_name,
        action=action,
        entity_type="agenda_item",
        entity_ref=f"agenda_item:{item.id}",
        model_key=model.key,
        **kw,
    )


def reorder_item(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    item_id: int,
    position: int,
    now: datetime,
) -> AgendaItem:
    """Put the case at place `position` (1 = first; past the end = last) on its meeting's agenda."""
    item, meeting, body = _open_item(session, model_id, item_id)
    check_may_manage(session, body, actor)
    _changeable(item, meeting, now)
    if position < 1:
        raise MeetingError("agenda.bad_position", position=position)
    lock_body(session, body.id)
    before = [i.number for i in agenda(session, model_id, meeting.id)]
    _renumber(session, meeting, item, position)
    after = [i.number for i in meeting.items]
    _audit(session, model, actor, "agenda.reorder", item, before={"order": before}, after={"order": after})
    return item


def move_item(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    item_id: int,
    to_meeting_id: int,
    now: datetime,
) -> AgendaItem:
    """Move the case (its number, owner and papers) to the end of another meeting of the same body."""
    item, meeting, body = _open_item(session, model_id, item_id)
    check_may_manage(session, body, actor)
    _changeable(item, meeting, now)
    target = get_meeting(session, model_id, to_meeting_id)
    if target.body_id != body.id:
        other = session.get_one(Body, target.body_id)
        raise MeetingError("agenda.other_body", number=item.number, body=body.name, other=other.name)
    if target.id == meeting.id:
        raise MeetingError("agenda.same_meeting", number=item.number)
    _open_meeting(target, now)
    lock_body(session, body.id)
    item.meeting_id, item.position = target.id, next_position(session, target.id)
    _renumber(session, meeting)
    _renumber(session, target)
    _audit(
        session, model, actor, "agenda.move", item,
        before={"meeting": meeting.id, "starts_at": meeting.starts_at.isoformat()},
        after={"meeting": target.id, "starts_at": target.starts_at.isoformat(), "position": item.position},
    )  # fmt: skip
    replan(session, model, model_id, meeting, now)
    replan(session, model, model_id, target, now)
    _tell(session, model, item, body, now, "moved", meeting=target)
    return item


def withdraw_item(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    item_id: int,
    reason: str,
    now: datetime,
) -> AgendaItem:
    """Take the case off the agenda for a reason; the row stays, marked withdrawn, by whom and when."""
    item, meeting, body = _open_item(session, model_id, item_id)
    check_may_manage(session, body, actor)
    _changeable(item, meeting, now)
    if not reason.strip():
        raise MeetingError("agenda.reason_needed", number=item.number)
    lock_body(session, body.id)
    item.status, item.withdrawn_reason = WITHDRAWN, reason.strip()[:1000]
    item.withdrawn_by, item.withdrawn_at = actor.audit_name, now
    _renumber(session, meeting)
    _audit(
        session, model, actor, "agenda.withdraw", item,
        before={"status": ACTIVE, "meeting": meeting.id},
        after={"status": WITHDRAWN, "reason": item.withdrawn_reason},
    )  # fmt: skip
    replan(session, model, model_id, meeting, now)
    _tell(session, model, item, body, now, "withdrawn", meeting=meeting)
    return item


def _tell(
    session: Session,
    model: GovernanceModel,
    item: AgendaItem,
    body: Body,
    now: datetime,
    what: str,
    *,
    meeting: Meeting,
) -> list[str]:
    """A case linked to an initiative: its proposer and the case owner hear of the move or withdrawal."""
    if item.initiative_ref is None:
        return []
    initiative = session.scalar(
        select(Initiative).where(
            Initiative.model_id == item.model_id, Initiative.reference == item.initiative_ref
        )
    )
    recipients: dict[str, Language] = {}
    if initiative is not None:
        proposer = initiative.submitter_person_key or (
            f"{initiative.submitter_platform}:{initiative.submitter_user_id}"
        )
        recipients[proposer] = "en" if initiative.language == "en" else "nb"
    recipients.setdefault(item.owner_key, person_language(session, item.owner_key))
    for address, language in recipients.items():
        facts = {
            "number": item.number,
            "title": item.title,
            "reference": item.initiative_ref,
            "body": body.name,
            "when": when(language, meeting.starts_at),
            "reason": item.withdrawn_reason or "",
        }
        reply = Reply(language, (Paragraph(t(language, f"agenda.notify.{what}", **facts)),), f"agenda.{what}")
        key = f"agenda-{what}:{item.id}:{meeting.id}:{address}:{now.isoformat()}"
        queue_notice_at(session, item.model_id, now, Notification(address, reply, f"agenda.{what}", key))
    return list(recipients)
