"""Reading meetings for questions: the next one of a body, those on a day, one person's open cases.

Cancelled meetings never count as "next" or as a meeting on a day: nobody should prepare for them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.bodies import body_labels
from handlers.meetings.deadlines import end_of_day, local_instant
from models.catalogue.names import normalise_name
from models.governance.schema import Role
from models.tables import AgendaItem, Body, Meeting, Membership, PersonRow


def next_meeting(session: Session, body_id: int, now: datetime) -> Meeting | None:
    return session.scalar(
        select(Meeting)
        .where(Meeting.body_id == body_id, Meeting.status != "cancelled", Meeting.starts_at >= now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )


def meetings_on(session: Session, model_id: int, day: date, body_id: int | None = None) -> list[Meeting]:
    query = (
        select(Meeting)
        .where(
            Meeting.model_id == model_id,
            Meeting.status != "cancelled",
            Meeting.starts_at >= local_instant(day, 0),
            Meeting.starts_at < end_of_day(day),
        )
        .order_by(Meeting.starts_at)
    )
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    return list(session.scalars(query))


def closest_bodies(session: Session, model_id: int, asked: str, limit: int = 3) -> list[str]:
    """Names of the bodies whose names (or domains) look most like what was asked, best first."""
    from rapidfuzz import fuzz, process  # only when a body was not found (see handlers/lookup/names.py)

    labels = body_labels(session, model_id)
    names: list[str] = []
    for label, _, _ in process.extract(
        normalise_name(asked), list(labels), scorer=fuzz.WRatio, limit=len(labels)
    ):
        name = labels[label].name
        if name not in names:
            names.append(name)
        if len(names) == limit:
            break
    return names


def open_cases(session: Session, model_id: int, person_key: str, now: datetime) -> list[AgendaItem]:
    """Cases the person owns on coming meetings whose papers are not delivered yet."""
    return list(
        session.scalars(
            select(AgendaItem)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .where(
                AgendaItem.model_id == model_id,
                AgendaItem.owner_key == person_key,
                AgendaItem.papers_delivered_at.is_(None),
                AgendaItem.status == "active",
                Meeting.status != "cancelled",
                Meeting.starts_at >= now,
            )
            .order_by(Meeting.papers_due, AgendaItem.number)
        )
    )


def secretariat_meetings(session: Session, model_id: int, person_key: str, now: datetime) -> list[Meeting]:
    """Coming meetings of the bodies where the person is the secretariat: their papers go out then."""
    body_ids = select(Membership.body_id).join(PersonRow, Membership.person_id == PersonRow.id)
    body_ids = body_ids.where(
        PersonRow.model_id == model_id, PersonRow.key == person_key, Membership.role == Role.SECRETARIAT.value
    )
    return list(
        session.scalars(
            select(Meeting)
            .join(Body, Meeting.body_id == Body.id)
            .where(Meeting.body_id.in_(body_ids), Meeting.status != "cancelled", Meeting.starts_at >= now)
            .order_by(Meeting.papers_due)
        )
    )


def person_names(session: Session, model_id: int, keys: set[str]) -> dict[str, str]:
    rows = session.execute(
        select(PersonRow.key, PersonRow.name).where(PersonRow.model_id == model_id, PersonRow.key.in_(keys))
    )
    return {key: name for key, name in rows}


def member_bodies(session: Session, model_id: int, person_key: str) -> list[Body]:
    """Active bodies where the person holds any role: whose next meetings concern them."""
    body_ids = select(Membership.body_id).join(PersonRow, Membership.person_id == PersonRow.id)
    body_ids = body_ids.where(PersonRow.model_id == model_id, PersonRow.key == person_key, PersonRow.active)
    return list(session.scalars(select(Body).where(Body.id.in_(body_ids), Body.active).order_by(Body.name)))
