"""The decision register: the current decision of each case (the latest version), newest meeting first.

Superseded versions stay in the table and are shown only when asked for (`include_superseded`), so a
reader sees what holds, and an auditor what was recorded before it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from handlers.meetings.deadlines import OSLO
from models.tables import AgendaItem, Decision, Meeting


def decisions(
    session: Session,
    model_id: int,
    *,
    body_key: str | None = None,
    meeting_id: int | None = None,
    initiative_ref: str | None = None,
    since: date | None = None,
    until: date | None = None,
    include_superseded: bool = False,
) -> list[tuple[Decision, AgendaItem, Meeting]]:
    newer = aliased(Decision)
    query = (
        select(Decision, AgendaItem, Meeting)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .where(Decision.model_id == model_id)
        .order_by(Meeting.starts_at.desc(), AgendaItem.id, Decision.version.desc())
    )
    if not include_superseded:
        query = query.where(~select(newer.id).where(newer.supersedes_id == Decision.id).exists())
    if body_key is not None:
        query = query.where(Decision.body_key == body_key)
    if meeting_id is not None:
        query = query.where(Decision.meeting_id == meeting_id)
    if initiative_ref is not None:
        query = query.where(Decision.initiative_ref == initiative_ref.upper())
    if since is not None:
        query = query.where(Meeting.starts_at >= datetime.combine(since, datetime.min.time(), OSLO))
    if until is not None:
        query = query.where(Meeting.starts_at < datetime.combine(until, datetime.max.time(), OSLO))
    return [(d, i, m) for d, i, m in session.execute(query)]
