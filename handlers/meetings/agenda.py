"""Agenda items (*saker*) and delivered papers; each change re-plans the meeting's reminders.

A case goes on the agenda only when its papers show what the model requires (definition of ready,
handlers/meetings/readiness.py); otherwise `add_item` returns `NotReady`, having asked the case owner.
A case owner who has delivered stops getting reminders at once, because `replan` cancels the rows the
policy no longer wants in the same transaction that records the delivery.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import MeetingError, check_may_manage, get_meeting
from handlers.meetings.agenda_changes import next_position
from handlers.meetings.agenda_numbers import next_number
from handlers.meetings.outbox import replan
from handlers.meetings.readiness import NotReady, missing_fields, owner_row, refuse_not_ready
from models.audit import record
from models.governance.schema import GovernanceModel
from models.tables import AgendaItem, Body, Meeting

KINDS = ("decision", "orientation", "discussion")


def add_item(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting_id: int,
    *,
    title: str,
    owner_key: str,
    kind: str,
    initiative_ref: str | None,
    now: datetime,
    operating_cost: MnokRange | None = None,
) -> AgendaItem | NotReady:
    meeting = get_meeting(session, model_id, meeting_id)
    check_may_manage(session, session.get_one(Body, meeting.body_id), actor)
    if meeting.status == "cancelled":
        raise MeetingError("meetings.is_cancelled", id=meeting_id)
    if kind not in KINDS:
        raise MeetingError("agenda.bad_kind", kind=kind, kinds=", ".join(KINDS))
    if not title.strip():
        raise MeetingError("agenda.title_needed")
    owner = owner_row(session, model_id, owner_key)
    if owner is None:
        raise MeetingError("agenda.no_person", person=owner_key)
    initiative_ref = initiative_ref.strip().upper() if initiative_ref and initiative_ref.strip() else None
    missing = missing_fields(
        session, model, model_id, kind=kind, initiative_ref=initiative_ref, operating_cost=operating_cost
    )
    if missing:
        return refuse_not_ready(
            session, model, model_id, actor, meeting, owner,
            title=title.strip()[:300], initiative_ref=initiative_ref, missing=missing, now=now,
        )  # fmt: skip
    item = AgendaItem(
        model_id=model_id,
        meeting_id=meeting.id,
        body_key=meeting.body_key,
        number=next_number(session, model_id, meeting.body_key, meeting.starts_at),  # locks the body
        position=next_position(session, meeting.id),
        title=title.strip()[:300],
        owner_key=owner.key,
        kind=kind,
        initiative_ref=initiative_ref,
        operating_min_mnok=operating_cost.low if operating_cost else None,
        operating_max_mnok=operating_cost.high if operating_cost else None,
    )
    session.add(item)
    session.flush()
    record(
        session,
        actor=actor.audit_name,
        action="agenda.add",
        entity_type="agenda_item",
        entity_ref=f"agenda_item:{item.id}",
        model_key=model.key,
        after={
            "meeting": meeting.id,
            "number": item.number,
            "title": item.title,
            "owner": owner.key,
            "kind": kind,
            "initiative": item.initiative_ref,
            "operating_cost": str(operating_cost) if operating_cost else None,
        },
    )
    replan(session, model, model_id, meeting, now)
    return item


def mark_delivered(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, item_id: int, now: datetime
) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or item.model_id != model_id:
        raise MeetingError("agenda.no_item", id=item_id)
    meeting = session.get_one(Meeting, item.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    if actor.person_key != item.owner_key:
        check_may_manage(session, body, actor)
    if item.papers_delivered_at is None:
        item.papers_delivered_at = now
        record(
            session,
            actor=actor.audit_name,
            action="agenda.delivered",
            entity_type="agenda_item",
            entity_ref=f"agenda_item:{item.id}",
            model_key=model.key,
            after={"number": item.number, "delivered_at": now.isoformat()},
        )
        replan(session, model, model_id, meeting, now)
    return item
