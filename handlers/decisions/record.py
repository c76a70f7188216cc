"""Recording a decision on an agenda case, and correcting one by a new entry that supersedes it.

Only the body's secretariat, chair or owner record (the same people who change its meetings), only for
a meeting that has been held and was not cancelled, and only once per case: a second entry is a
correction, which needs a reason and leaves the first readable. Approving a «Godkjenning av referat» case
approves the minutes it names (handlers/minutes/keeping.py). Everything a decision changes (the
register, the initiative it moves, the audit rows, the notices to the proposer and the case owner) is
written in the caller's transaction, so it all happens or none of it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.decisions.initiative_move import Moved, locked_initiative, move_by_decision
from handlers.decisions.notify import notify_decided
from handlers.decisions.numbers import decision_number
from handlers.decisions.outcomes import parse_outcome
from handlers.followups.anchor import queue_anchor_notices
from handlers.identity import Actor
from handlers.meetings.access import MeetingError, check_may_manage
from handlers.meetings.deadlines import local_date
from handlers.minutes.keeping import Kept, approve_by_decision
from models.audit import record
from models.governance.schema import GovernanceModel
from models.repositories.decision_search import index_decision, search_text
from models.tables import AgendaItem, Body, Decision, Meeting
from models.tables.decisions import OUTCOMES
from models.tables.meetings import WITHDRAWN


@dataclass(frozen=True)
class Recorded:
    decision: Decision
    item: AgendaItem
    meeting: Meeting
    body: Body
    moved: Moved | None
    told: list[str] = field(default_factory=list)
    initiative_state_now: str | None = None
    """The linked initiative's state after the decision (moved or not)."""
    approved_minutes: Kept | None = None
    """The minutes this decision approved (an «approved» on a «Godkjenning av referat» case)."""


def current_decision(session: Session, item_id: int) -> Decision | None:
    return session.scalar(
        select(Decision).where(Decision.agenda_item_id == item_id).order_by(Decision.version.desc()).limit(1)
    )


def _checked(
    session: Session, model_id: int, actor: Actor, item_id: int, now: datetime
) -> tuple[AgendaItem, Meeting, Body]:
    item = session.scalar(
        select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.model_id == model_id).with_for_update()
    )
    if item is None:
        raise MeetingError("agenda.no_item", id=item_id)
    if item.status == WITHDRAWN:  # it left the agenda: nothing was decided on it
        raise MeetingError("agenda.is_withdrawn", number=item.number)
    meeting = session.get_one(Meeting, item.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    check_may_manage(session, body, actor)
    if meeting.status == "cancelled":
        raise MeetingError("decisions.meeting_cancelled", date=local_date(meeting.starts_at).isoformat())
    if meeting.starts_at > now:
        raise MeetingError("decisions.not_held", date=local_date(meeting.starts_at).isoformat())
    return item, meeting, body


def _outcome(asked: str) -> str:
    outcome = parse_outcome(asked)
    if outcome is None:
        raise MeetingError("decisions.bad_outcome", value=asked[:40], outcomes=", ".join(OUTCOMES))
    return outcome


def _text(text: str) -> str:
    if not text.strip():
        raise MeetingError("decisions.text_needed")
    return text.strip()[:4000]


def _insert(session: Session, decision: Decision) -> None:
    """The (case, version) key is unique: of two entries made at once, the second is told, not stored."""
    try:
        with session.begin_nested():
            session.add(decision)
            session.flush()
    except IntegrityError:
        raise MeetingError("decisions.changed_meanwhile", number=decision.number) from None


def record_decision(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    *,
    item_id: int,
    outcome: str,
    text: str,
    now: datetime,
) -> Recorded:
    item, meeting, body = _checked(session, model_id, actor, item_id, now)
    outcome, text = _outcome(outcome), _text(text)
    existing = current_decision(session, item.id)
    if existing is not None:
        raise MeetingError("decisions.exists", number=existing.number, id=existing.id)
    initiative = locked_initiative(session, model_id, item.initiative_ref)
    moved = (
        move_by_decision(session, model, model_id, actor, initiative, meeting, outcome, text, now)
        if initiative is not None
        else None
    )
    decision = Decision(
        model_id=model_id,
        body_key=body.key,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        number=decision_number(item.number),
        version=1,
        outcome=outcome,
        text=text,
        initiative_ref=item.initiative_ref,
        initiative_state=moved.to_state if moved else None,
        recorded_by=actor.audit_name,
        recorded_at=now,
        search_text=search_text(text, item.title, initiative.title if initiative else None),
    )
    _insert(session, decision)
    index_decision(session, decision)
    record(
        session,
        actor=actor.audit_name,
        action="decision.record",
        entity_type="decision",
        entity_ref=f"decision:{decision.id}",
        model_key=model.key,
        after=_state(decision),
    )
    told = notify_decided(session, model, decision, item.title, item.owner_key, initiative, moved, now)
    queue_anchor_notices(session, model, meeting, body, now)  # seed 002 §4, portfolio board only
    approved = approve_by_decision(session, model, model_id, actor, decision, now)  # «Godkjenning av referat»
    state = initiative.state if initiative else None
    return Recorded(decision, item, meeting, body, moved, told, state, approved)


def correct_decision(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    *,
    decision_id: int,
    outcome: str | None,
    text: str | None,
    reason: str,
    now: datetime,
) -> Recorded:
    """A new version that supersedes the current one; the initiative's state is left as it is."""
    old = session.get(Decision, decision_id)
    if old is None or old.model_id != model_id:
        raise MeetingError("decisions.no_decision", id=decision_id)
    item, meeting, body = _checked(session, model_id, actor, old.agenda_item_id, now)
    current = current_decision(session, item.id)
    if current is not None and current.id != old.id:
        raise MeetingError("decisions.superseded", id=old.id, current=current.id)
    if not reason.strip():
        raise MeetingError("decisions.reason_needed")
    new_outcome = _outcome(outcome) if outcome else old.outcome
    new_text = _text(text) if text is not None else old.text
    initiative = locked_initiative(session, model_id, item.initiative_ref)
    decision = Decision(
        model_id=model_id,
        body_key=old.body_key,
        meeting_id=old.meeting_id,
        agenda_item_id=old.agenda_item_id,
        number=old.number,
        version=old.version + 1,
        outcome=new_outcome,
        text=new_text,
        initiative_ref=old.initiative_ref,
        initiative_state=old.initiative_state,
        supersedes_id=old.id,
        correction_reason=reason.strip()[:1000],
        recorded_by=actor.audit_name,
        recorded_at=now,
        search_text=search_text(new_text, item.title, initiative.title if initiative else None),
    )
    _insert(session, decision)
    index_decision(session, decision)  # the old version stays indexed: the register leaves it out
    record(
        session,
        actor=actor.audit_name,
        action="decision.correct",
        entity_type="decision",
        entity_ref=f"decision:{decision.id}",
        model_key=model.key,
        before=_state(old),
        after=_state(decision),
        reason=decision.correction_reason,
    )
    told = notify_decided(session, model, decision, item.title, item.owner_key, initiative, None, now)
    queue_anchor_notices(session, model, meeting, body, now)  # the waiting notice shows the correction
    approved = approve_by_decision(session, model, model_id, actor, decision, now)  # corrected to «approved»
    state = initiative.state if initiative else None
    return Recorded(decision, item, meeting, body, None, told, state, approved)


def _state(decision: Decision) -> dict[str, object]:
    return {
        "id": decision.id,
        "number": decision.number,
        "version": decision.version,
        "case": decision.agenda_item_id,
        "meeting": decision.meeting_id,
        "outcome": decision.outcome,
        "text": decision.text,
        "initiative": decision.initiative_ref,
        "initiative_state": decision.initiative_state,
        "supersedes": decision.supersedes_id,
    }
