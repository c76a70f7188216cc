"""Case numbers (*saksnummer*) like `12-2026`: running per body and calendar year, never reused.

`next_number` must run inside the transaction that inserts the case. It locks the body's row first
(SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), as
`next_reference` locks the initiative counter, so two secretaries adding cases at the same moment get
consecutive numbers instead of one of them a unique violation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.deadlines import local_date
from models.tables import AgendaItem, Body


def next_number(session: Session, model_id: int, body_key: str, meeting_start: datetime) -> str:
    session.execute(select(Body.id).where(Body.model_id == model_id, Body.key == body_key).with_for_update())
    year = local_date(meeting_start).year
    numbers = session.scalars(
        select(AgendaItem.number).where(
            AgendaItem.model_id == model_id,
            AgendaItem.body_key == body_key,
            AgendaItem.number.like(f"%-{year}"),
        )
    )
    used = [int(n.split("-", 1)[0]) for n in numbers if n.split("-", 1)[0].isdigit()]
    return f"{max(used, default=0) + 1}-{year}"
