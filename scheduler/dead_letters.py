"""Telling the secretariat about a reminder that could not be delivered.

The note goes through the outbox like any reminder, so it is retried, deduplicated and audited the same
way; it is addressed to the secretariat of the reminder's body, or to the model's secretariat contact.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.outbox import Planned
from handlers.meetings.permissions import body_people
from models.governance.schema import Role
from models.store import Store
from models.tables import Body
from scheduler.claims import Claim

NOTE_VALID_FOR = timedelta(days=7)


def dead_letter_notes(session: Session, store: Store, c: Claim, error: str, now: datetime) -> list[Planned]:
    recipients: list[str] = []
    body_key = c.payload.get("body_key")
    if body_key:
        body_id = session.scalar(select(Body.id).where(Body.model_id == store.model_id, Body.key == body_key))
        if body_id is not None:
            recipients = body_people(session, body_id, frozenset({Role.SECRETARIAT.value}))
    if not recipients and store.model.secretariat.contact:
        recipients = [store.model.secretariat.contact]
    payload = {"what": c.kind, "person": c.person_key, "attempts": c.attempt, "error": error[:300]}
    return [
        Planned(f"dead:{c.id}:{person}", "dead_letter", person, now, now + NOTE_VALID_FOR, payload)
        for person in recipients
        if person != c.person_key
    ]
