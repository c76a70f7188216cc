"""Who may change a body's meetings: its secretariat and its chair or owner, nobody else.

Deny by default: an unknown person, or a known person without one of these roles in this very body, is
refused. Roles come from the store's roster, which mirrors the model file.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.governance.schema import Role
from models.tables import Membership, PersonRow

MANAGING_ROLES = frozenset({Role.SECRETARIAT.value, Role.CHAIR.value, Role.OWNER.value})


def managing_roles(session: Session, body_id: int, person_key: str | None) -> set[str]:
    if person_key is None:
        return set()
    roles = session.scalars(
        select(Membership.role)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(Membership.body_id == body_id, PersonRow.key == person_key, PersonRow.active)
    )
    return set(roles) & MANAGING_ROLES


def may_manage_meetings(session: Session, body_id: int, person_key: str | None) -> bool:
    return bool(managing_roles(session, body_id, person_key))


def body_people(session: Session, body_id: int, roles: frozenset[str] | None = None) -> list[str]:
    """Person keys of a body's members (optionally only some roles), each once, in roster order."""
    query = (
        select(PersonRow.key, Membership.role)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(Membership.body_id == body_id, PersonRow.active)
        .order_by(Membership.id)
    )
    keys: list[str] = []
    for key, role in session.execute(query):
        if (roles is None or role in roles) and key not in keys:
            keys.append(key)
    return keys
