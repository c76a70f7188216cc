"""Who may do what with an initiative: an explicit table of role × action, deny by default.

Roles are those a person holds on the body the action belongs to (from the model file, via the store
roster): the board of the initiative's domain for MOVE and VIEW_FULL, and for RECORD_DECISION the body
the model says decides that decision point (`rules.decision_points[].decided_by`; BP1–BP3 are the
portfolio board's in Helse Sør-Øst, seed 002 §4). Reading the table answers "why was I refused?"
without reading code paths.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.identity import Actor
from models.repositories.governance import roster

MOVE = "initiative.move"
RECORD_DECISION = "initiative.record_decision"
"""Record a decision point the body has decided: its leader, or those who keep its minutes."""
VIEW_FULL = "initiative.view_full"

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "secretariat": frozenset({MOVE, RECORD_DECISION, VIEW_FULL}),
    "owner": frozenset({MOVE, RECORD_DECISION, VIEW_FULL}),
    "deputy_owner": frozenset({MOVE, RECORD_DECISION, VIEW_FULL}),
    "domain_leader": frozenset({VIEW_FULL}),
    "chair": frozenset({RECORD_DECISION, VIEW_FULL}),
    "portfolio_manager": frozenset({RECORD_DECISION, VIEW_FULL}),
    "trust_representative": frozenset({VIEW_FULL}),
    "union_representative": frozenset({VIEW_FULL}),
    "member": frozenset({VIEW_FULL}),
}


def allowed(roles: set[str], action: str) -> bool:
    return any(action in ROLE_ACTIONS.get(role, frozenset()) for role in roles)


def board_roles(session: Session, model_id: int, board_key: str, actor: Actor) -> set[str]:
    if not actor.known:
        return set()
    return {e.role for e in roster(session, model_id, board_key) if e.person_key == actor.person_key}
