"""Setting a domain's whole priority list at once, after the board's decision (issue 16 §2).

`move_priority` (priorities.py) moves one initiative; after a meeting the secretariat rather sets the
new order as the board decided it, from a form or `govbot priorities set`. The new order must name
every initiative already on the list (a list changed by someone else since the form was opened is
refused, not silently merged) and may add open initiatives of the domain that were not on it. The
whole order is written under the domain's row lock in the caller's transaction, with one audit row per
initiative whose place changed and one for the list, each carrying the decision reference it follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.frames.keeping import resolve_domain
from handlers.frames.priorities import may_reorder
from handlers.identity import Actor
from handlers.initiatives.states import FINAL
from handlers.meetings.access import MeetingError
from models.audit import record
from models.governance.schema import GovernanceModel
from models.identity_numbers import contains_identity_number
from models.tables import Body, Domain, Initiative, PriorityEntry

MAX_DECISION_REF = 200


@dataclass(frozen=True)
class Reordered:
    domain: Domain
    order: tuple[str, ...]
    """The references in their new order, 1 first."""
    changed: tuple[tuple[str, int | None, int], ...]
    """(reference, old place or None when it was not on the list, new place) for each that moved."""


def check_decision_ref(raw: str) -> str:
    """The decision the new order follows: required (a list changes only by a board's decision), short,
    and never a patient's identity number."""
    reference = " ".join(raw.split())
    if not reference:
        raise MeetingError("priorities.decision_needed")
    if len(reference) > MAX_DECISION_REF:
        raise MeetingError("priorities.decision_long", limit=MAX_DECISION_REF)
    if contains_identity_number(reference):
        raise MeetingError("frames.identity_number")
    return reference


def locked_domain(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, asked: str
) -> Domain:
    """The domain, locked for the rest of the transaction, once the actor may reorder its list."""
    found = resolve_domain(session, model, model_id, asked)
    domain = session.scalars(select(Domain).where(Domain.id == found.id).with_for_update()).one()
    if not may_reorder(session, model, domain, actor):
        board = session.get_one(Body, domain.board_id)
        raise MeetingError("priorities.denied", who=actor.display_name, body=board.name)
    return domain


def set_priority_order(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    domain_name: str,
    references: Sequence[str],
    decision_ref: str,
    now: datetime,
) -> Reordered:
    domain = locked_domain(session, model, model_id, actor, domain_name)
    decision = check_decision_ref(decision_ref)
    entries = {
        e.initiative_id: e
        for e in session.scalars(select(PriorityEntry).where(PriorityEntry.domain_id == domain.id))
    }
    wanted = [r.strip().upper() for r in references]
    found = {
        i.reference: i
        for i in session.scalars(
            select(Initiative).where(Initiative.model_id == model_id, Initiative.reference.in_(wanted))
        )
    }
    seen: set[str] = set()
    ordered: list[Initiative] = []
    for reference in wanted:
        initiative = found.get(reference)
        if initiative is None:
            raise MeetingError("priorities.no_initiative", reference=reference[:20])
        if reference in seen:
            raise MeetingError("priorities.twice", reference=reference)
        if initiative.domain_id != domain.id:
            raise MeetingError("priorities.other_domain", reference=reference, domain=domain.name)
        if initiative.id not in entries and initiative.state in FINAL:
            raise MeetingError("priorities.closed", reference=reference)
        seen.add(reference)
        ordered.append(initiative)
    left_out = sorted(_references(session, set(entries) - {i.id for i in ordered}))
    if left_out:
        raise MeetingError("priorities.left_out", references=", ".join(left_out))
    reference_of = {i.id: i.reference for i in ordered}
    before_order = [reference_of[e.initiative_id] for e in sorted(entries.values(), key=lambda e: e.position)]
    changed: list[tuple[str, int | None, int]] = []
    for position, initiative in enumerate(ordered, start=1):
        entry = entries.get(initiative.id)
        before = entry.position if entry is not None else None
        if before == position:
            continue
        if entry is None:
            session.add(PriorityEntry(model_id=model_id, domain_id=domain.id, initiative_id=initiative.id,
                                      position=position, updated_by=actor.audit_name, updated_at=now))  # fmt: skip
        else:
            entry.position, entry.updated_by, entry.updated_at = position, actor.audit_name, now
        changed.append((initiative.reference, before, position))
        record(session, actor=actor.audit_name, action="priority.move", entity_type="priority_list",
               entity_ref=f"{domain.key}/{initiative.reference}", model_key=model.key,
               before=None if before is None else {"position": before},
               after={"position": position, "decision": decision}, reason=decision)  # fmt: skip
    order = tuple(i.reference for i in ordered)
    if changed:
        session.flush()
        record(session, actor=actor.audit_name, action="priority.reorder", entity_type="priority_list",
               entity_ref=domain.key, model_key=model.key, before={"order": before_order},
               after={"order": list(order), "decision": decision}, reason=decision)  # fmt: skip
    return Reordered(domain, order, tuple(changed))


def _references(session: Session, initiative_ids: set[int]) -> list[str]:
    if not initiative_ids:
        return []
    return list(session.scalars(select(Initiative.reference).where(Initiative.id.in_(initiative_ids))))
