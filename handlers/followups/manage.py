"""Adding a follow-up to a decision, marking it done and giving it a new due date.

The body's secretariat, chair or owner (those who record its decisions) add follow-ups; the owner of a
follow-up or those same people mark it done or move its date. Every change writes its audit row and
brings the owner's reminders in step (handlers/followups/reminders.py) in the caller's transaction, so
a refused or failed change leaves nothing behind. Free text passes the identity-number guard first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.followups.reminders import cancel_reminders, queue_reminders
from handlers.identity import Actor
from handlers.meetings.access import MeetingError, check_may_manage
from handlers.meetings.deadlines import local_date
from handlers.meetings.permissions import may_manage_meetings
from handlers.person_names import MODEL_MARK
from models.audit import record
from models.governance.schema import GovernanceModel
from models.identity_numbers import contains_identity_number
from models.tables import Body, Decision, FollowUp, Meeting, PersonRow
from models.tables.follow_ups import DONE, OPEN


@dataclass(frozen=True)
class Listed:
    follow_up: FollowUp
    number: str
    owner_name: str


def resolve_owner(session: Session, model_id: int, asked: str) -> PersonRow:
    """A person key («hanne-kristoffersen») or a full name («Hanne Kristoffersen»), case-insensitive."""
    wanted = asked.strip()
    active = select(PersonRow).where(PersonRow.model_id == model_id, PersonRow.active)
    person = session.scalar(active.where(PersonRow.key == wanted.casefold()))
    if person is None:  # by name, without the presets' «(plassholder)» mark; only when unambiguous
        folded = " ".join(wanted.split()).casefold()
        named = [p for p in session.scalars(active) if _bare(p.name) == folded]
        person = named[0] if len(named) == 1 else None
    if person is None:
        raise MeetingError("agenda.no_person", person=wanted[:80])
    return person


def _bare(name: str) -> str:
    if name.endswith(MODEL_MARK):
        name = name[: -len(MODEL_MARK)]
    return " ".join(name.split()).casefold()


def _body_of(session: Session, decision: Decision) -> Body:
    meeting = session.get_one(Meeting, decision.meeting_id)
    return session.get_one(Body, meeting.body_id)


def _checked_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise MeetingError("followups.text_needed")
    if contains_identity_number(cleaned):
        raise MeetingError("followups.identity_number")
    return cleaned[:2000]


def add_follow_up(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    *,
    decision_id: int,
    owner: str,
    due: date,
    text: str,
    now: datetime,
) -> FollowUp:
    decision = session.get(Decision, decision_id)
    if decision is None or decision.model_id != model_id:
        raise MeetingError("decisions.no_decision", id=decision_id)
    check_may_manage(session, _body_of(session, decision), actor)
    person = resolve_owner(session, model_id, owner)
    cleaned = _checked_text(text)
    if due < local_date(now):
        raise MeetingError("followups.due_past")
    follow_up = FollowUp(
        model_id=model_id, decision_id=decision.id, text=cleaned, owner_key=person.key, due=due,
        status=OPEN, created_by=actor.audit_name, created_at=now,
    )  # fmt: skip
    session.add(follow_up)
    session.flush()
    _audit(session, model, actor, "followup.add", follow_up, None)
    queue_reminders(session, model, follow_up, decision.number, now)
    return follow_up


def _editable(session: Session, model_id: int, actor: Actor, follow_up_id: int) -> FollowUp:
    """The owner, or whoever may manage the decision's body; a polite refusal for anyone else."""
    follow_up = session.scalar(
        select(FollowUp).where(FollowUp.id == follow_up_id, FollowUp.model_id == model_id).with_for_update()
    )
    if follow_up is None:
        raise MeetingError("followups.no_follow_up", id=follow_up_id)
    if actor.person_key != follow_up.owner_key:
        body = _body_of(session, session.get_one(Decision, follow_up.decision_id))
        if not may_manage_meetings(session, body.id, actor.person_key):
            raise MeetingError("followups.denied", id=follow_up_id, who=actor.display_name)
    if follow_up.status == DONE:
        raise MeetingError("followups.already_done", id=follow_up_id)
    return follow_up


def mark_done(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, follow_up_id: int, now: datetime
) -> FollowUp:
    follow_up = _editable(session, model_id, actor, follow_up_id)
    before = _state(follow_up)
    follow_up.status, follow_up.done_at, follow_up.done_by = DONE, now, actor.audit_name
    _audit(session, model, actor, "followup.done", follow_up, before)
    cancel_reminders(session, follow_up.id)  # never a reminder about something already done
    return follow_up


def set_due(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    follow_up_id: int,
    due: date,
    now: datetime,
) -> FollowUp:
    follow_up = _editable(session, model_id, actor, follow_up_id)
    if due < local_date(now):
        raise MeetingError("followups.due_past")
    before = _state(follow_up)
    follow_up.due = due
    _audit(session, model, actor, "followup.due", follow_up, before)
    cancel_reminders(session, follow_up.id)  # the old date's reminders would be wrong now
    number = session.get_one(Decision, follow_up.decision_id).number
    queue_reminders(session, model, follow_up, number, now)
    return follow_up


def list_follow_ups(
    session: Session, model_id: int, *, owner_key: str | None = None, open_only: bool = False
) -> list[Listed]:
    """Soonest due first; the decision's number and the owner's name ready to show."""
    query = (
        select(FollowUp, Decision.number, PersonRow.name)
        .join(Decision, FollowUp.decision_id == Decision.id)
        .join(PersonRow, (PersonRow.key == FollowUp.owner_key) & (PersonRow.model_id == FollowUp.model_id))
        .where(FollowUp.model_id == model_id)
        .order_by(FollowUp.due, FollowUp.id)
    )
    if owner_key is not None:
        query = query.where(FollowUp.owner_key == owner_key)
    if open_only:
        query = query.where(FollowUp.status == OPEN)
    return [Listed(f, number, name) for f, number, name in session.execute(query)]


def _state(follow_up: FollowUp) -> dict[str, object]:
    return {
        "id": follow_up.id,
        "decision": follow_up.decision_id,
        "owner": follow_up.owner_key,
        "due": follow_up.due.isoformat(),
        "status": follow_up.status,
        "text": follow_up.text,
    }


def _audit(
    session: Session,
    model: GovernanceModel,
    actor: Actor,
    action: str,
    follow_up: FollowUp,
    before: dict[str, object] | None,
) -> None:
    record(
        session, actor=actor.audit_name, action=action, entity_type="follow_up",
        entity_ref=f"follow_up:{follow_up.id}", model_key=model.key, before=before, after=_state(follow_up),
    )  # fmt: skip
