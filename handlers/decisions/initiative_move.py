"""What a decision does to the initiative its case is about: the body moves it through what it decides.

A body moves an initiative only through what the model gives it: the decision points it decides
(`rules.decision_points[].decided_by`; BP1–BP3 are the portfolio board's in Helse Sør-Øst, seed 002 §4),
and, for the initiative's own domain board, prioritising it («prioritert»), which is also what sending it
on to the portfolio board means here (an assumption: the seeds say the domain board prioritises and
escalates, not which state that is). Rejecting ends it («avvist», the decision text as the reason).
Postponed and noted decisions move nothing. A state the move rules (handlers/initiatives/states.py)
do not allow is never reached: the decision is recorded and the reply says the initiative stayed.

The move is written in the decision's transaction, with the `initiative.moved` audit row the lifecycle
writes, so the register, the initiative and the audit log never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.initiatives.states import NEEDS_REASON, WAITING_STATES, can_move, chain, decision_point
from models.audit import record
from models.governance.schema import GovernanceModel
from models.repositories.initiatives import domain_keys
from models.tables import Initiative, Meeting


@dataclass(frozen=True)
class Moved:
    reference: str
    from_state: str
    to_state: str
    audit_id: int


def locked_initiative(session: Session, model_id: int, reference: str | None) -> Initiative | None:
    if not reference:
        return None
    return session.scalar(
        select(Initiative)
        .where(Initiative.model_id == model_id, Initiative.reference == reference.upper())
        .with_for_update()
    )


def target_state(
    model: GovernanceModel, body_key: str, domain_board: str, state: str, outcome: str
) -> str | None:
    """The state this body's decision moves an initiative in `state` to, or None (it stays)."""
    target: str | None = None
    if outcome == "approved":
        path = chain(model)
        following = path[path.index(state) + 1 :] if state in path else ()
        target = next(
            (
                k
                for k in following
                if (p := decision_point(model, k)) is not None and p.decided_by == body_key
            ),
            None,
        )
        if target is None and body_key == domain_board and state in WAITING_STATES:
            target = "prioritert"
    elif outcome == "referred" and body_key == domain_board and state in WAITING_STATES:
        target = "prioritert"
    elif outcome == "rejected":
        decides = any(p.decided_by == body_key for p in model.rules.decision_points)
        target = "avvist" if body_key == domain_board or decides else None
    if target is None or not can_move(model, state, target):
        return None
    return target


def move_by_decision(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    row: Initiative,
    meeting: Meeting,
    outcome: str,
    text: str,
    now: datetime,
) -> Moved | None:
    domain_board = model.domain(domain_keys(session, model_id)[row.domain_id]).board
    target = target_state(model, meeting.body_key, domain_board, row.state, outcome)
    if target is None:
        return None
    before = row.state
    reason = text[:2000] if target in NEEDS_REASON else None
    row.state, row.state_reason, row.updated_at = target, reason, now
    point = decision_point(model, target)
    after: dict[str, object] = {"state": target, "meeting": meeting.id, "by_decision": True}
    if point is not None and point.decided_by:
        after["decided_by"] = point.decided_by
    entry = record(
        session,
        actor=actor.audit_name,
        action="initiative.moved",
        entity_type="initiative",
        entity_ref=row.reference,
        model_key=model.key,
        before={"state": before},
        after=after,
        reason=reason,
    )
    session.flush()
    return Moved(row.reference, before, target, entry.id)
