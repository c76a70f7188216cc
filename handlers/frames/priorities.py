"""Each domain board's priority list: its initiatives in the order the board wants them (1 first).

Seed 000 §2.3: the domain board prioritises initiatives within its frames; who keeps the list is the
model's (`frames.priority_roles`, an assumption in the presets: the board's secretariat, owner and
deputy). Moving an initiative onto the list or to another place renumbers the list under the domain's
row lock, so two secretariat members reordering at once queue instead of colliding; each move is one
audit row with the old and new place. «What fits» (planning.py) and the Excel sheets read this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.frames.figures import initiative_cost
from handlers.frames.keeping import policy, resolve_domain
from handlers.identity import Actor
from handlers.initiatives.states import FINAL
from handlers.meetings.access import MeetingError
from models.audit import record
from models.governance.schema import GovernanceModel
from models.repositories.initiatives import by_reference
from models.tables import Body, Domain, Initiative, Membership, PersonRow, PriorityEntry


@dataclass(frozen=True)
class Ranked:
    position: int
    reference: str
    title: str
    state: str
    investment: object
    operating: object


def list_priorities(
    session: Session, model: GovernanceModel, model_id: int, domain: str
) -> tuple[Domain, list[Ranked]]:
    row = resolve_domain(session, model, model_id, domain)
    frames = policy(model)
    entries = session.execute(
        select(PriorityEntry.position, Initiative)
        .join(Initiative, PriorityEntry.initiative_id == Initiative.id)
        .where(PriorityEntry.domain_id == row.id)
        .order_by(PriorityEntry.position)
    ).all()
    out = []
    for position, initiative in entries:
        investment, operating = initiative_cost(frames, initiative)
        out.append(
            Ranked(position, initiative.reference, initiative.title, initiative.state, investment, operating)
        )
    return row, out


def may_reorder(session: Session, model: GovernanceModel, domain: Domain, actor: Actor) -> bool:
    if actor.person_key is None:
        return False
    allowed = {r.value for r in policy(model).priority_roles}
    roles = session.scalars(
        select(Membership.role)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(Membership.body_id == domain.board_id, PersonRow.key == actor.person_key, PersonRow.active)
    )
    return bool(set(roles) & allowed)


def move_priority(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    reference: str,
    position: int,
    now: datetime,
) -> tuple[Domain, int | None, int]:
    """Puts the initiative at `position` (1 first; past the end: last) in its domain's list; returns the
    domain, the old place (None when it was not on the list) and the new one."""
    initiative = by_reference(session, model_id, reference)
    if initiative is None:
        raise MeetingError("priorities.no_initiative", reference=reference.upper()[:20])
    domain = session.scalars(select(Domain).where(Domain.id == initiative.domain_id).with_for_update()).one()
    if not may_reorder(session, model, domain, actor):
        board = session.get_one(Body, domain.board_id)
        raise MeetingError("priorities.denied", who=actor.display_name, body=board.name)
    if initiative.state in FINAL:
        raise MeetingError("priorities.closed", reference=initiative.reference)
    if position < 1:
        raise MeetingError("priorities.bad_position")
    entries = list(
        session.scalars(
            select(PriorityEntry).where(PriorityEntry.domain_id == domain.id).order_by(PriorityEntry.position)
        )
    )
    mine = next((e for e in entries if e.initiative_id == initiative.id), None)
    before = mine.position if mine is not None else None
    if mine is None:
        mine = PriorityEntry(model_id=model_id, domain_id=domain.id, initiative_id=initiative.id, position=0,
                             updated_by=actor.audit_name, updated_at=now)  # fmt: skip
        session.add(mine)
    else:
        entries.remove(mine)
    entries.insert(min(position, len(entries) + 1) - 1, mine)
    for number, entry in enumerate(entries, start=1):
        if entry.position != number or entry is mine:
            entry.position, entry.updated_by, entry.updated_at = number, actor.audit_name, now
    session.flush()
    record(session, actor=actor.audit_name, action="priority.move", entity_type="priority_list",
           entity_ref=f"{domain.key}/{initiative.reference}", model_key=model.key,
           before=None if before is None else {"position": before}, after={"position": mine.position})  # fmt: skip
    return domain, before, mine.position
