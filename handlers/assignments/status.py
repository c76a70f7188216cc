"""Reading and updating an assignment's traffic light: who may, what it needs, and its audit row.

The owner knows best how the assignment is going, and the secretariat keeps the overview, so those two
may update it and nobody else. Yellow and red need a comment because the trust must explain the
development in its reports (seed 003 §2.6); green may stand alone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from models.audit import record
from models.governance.schema import Assignment, GovernanceModel, Role
from models.tables import Body, Membership, PersonRow
from models.tables.assignments import GREEN, TRAFFIC_LIGHTS, AssignmentStatus


class AssignmentError(Exception):
    """A refusal to show the user: a text key and its placeholders."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def find_assignment(model: GovernanceModel, number: int) -> Assignment:
    for assignment in model.assignments:
        if assignment.number == number:
            return assignment
    if not model.assignments:
        raise AssignmentError("assignments.none")
    numbers = [a.number for a in model.assignments]
    raise AssignmentError("assignments.unknown", number=number, first=min(numbers), last=max(numbers))


def current_statuses(session: Session, model_id: int) -> dict[int, AssignmentStatus]:
    """The latest row per assignment number (rows are history; the newest id wins)."""
    rows = session.scalars(
        select(AssignmentStatus).where(AssignmentStatus.model_id == model_id).order_by(AssignmentStatus.id)
    )
    return {row.number: row for row in rows}


def is_secretariat(session: Session, model_id: int, person_key: str | None) -> bool:
    if person_key is None:
        return False
    found = session.scalar(
        select(Membership.id)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .join(Body, Membership.body_id == Body.id)
        .where(
            Body.model_id == model_id,
            PersonRow.key == person_key,
            PersonRow.active,
            Membership.role == Role.SECRETARIAT.value,
        )
        .limit(1)
    )
    return found is not None


def update_status(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    number: int,
    light: str,
    comment: str | None,
    now: datetime,
) -> AssignmentStatus:
    """Add the new status row and its audit row in the caller's transaction; refusals write nothing."""
    assignment = find_assignment(model, number)
    if actor.person_key != assignment.owner and not is_secretariat(session, model_id, actor.person_key):
        raise AssignmentError(
            "assignments.denied",
            who=actor.display_name,
            number=number,
            owner=model.person(assignment.owner).name,
        )
    if light not in TRAFFIC_LIGHTS:
        raise AssignmentError("assignments.bad_light")
    comment = (comment or "").strip()[:2000] or None
    if light != GREEN and comment is None:
        raise AssignmentError("assignments.comment_needed", number=number)
    before = current_statuses(session, model_id).get(number)
    row = AssignmentStatus(
        model_id=model_id,
        number=number,
        status=light,
        comment=comment,
        updated_by=actor.audit_name,
        updated_at=now,
    )
    session.add(row)
    record(
        session,
        actor=actor.audit_name,
        action="assignment.status",
        entity_type="assignment",
        entity_ref=f"assignment:{model.key}:{number}",
        model_key=model.key,
        before={"status": before.status, "comment": before.comment} if before else None,
        after={"status": light, "comment": comment},
    )
    return row
