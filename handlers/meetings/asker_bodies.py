"""Which bodies a question is about: the one the slots name, else the ones the asker serves.

The understanding step hands responders the governance model's `Body`/`Domain` (from the model file);
meetings hang off the store's body rows, so the named one is looked up by key. A domain named without
its board («neste møte i Prehospital») means the domain's board, as `bodies.find_body` reads it too.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.queries import member_bodies
from handlers.understanding.slots import Slots
from models.governance.schema import Role
from models.tables import Body, Membership, PersonRow


def body_row(session: Session, model_id: int, key: str) -> Body | None:
    return session.scalar(select(Body).where(Body.model_id == model_id, Body.key == key, Body.active))


def named_body(session: Session, model_id: int, slots: Slots) -> Body | None:
    """The body the message names, or the board of the domain it names; None when it names neither."""
    if slots.body is not None:
        return body_row(session, model_id, slots.body.item.key)
    if slots.domain is not None:
        return body_row(session, model_id, slots.domain.item.board)
    return None


def served_bodies(session: Session, model_id: int, person_key: str | None) -> list[Body]:
    """Active bodies where the asker holds any role (secretariat, member, chair, …), by name."""
    return member_bodies(session, model_id, person_key) if person_key else []


def secretariat_bodies(session: Session, model_id: int, person_key: str | None) -> list[Body]:
    """Active bodies whose secretariat the asker is: their papers deadlines are the asker's to keep."""
    if person_key is None:
        return []
    body_ids = (
        select(Membership.body_id)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(
            PersonRow.model_id == model_id,
            PersonRow.key == person_key,
            PersonRow.active,
            Membership.role == Role.SECRETARIAT.value,
        )
    )
    return list(session.scalars(select(Body).where(Body.id.in_(body_ids), Body.active).order_by(Body.name)))
