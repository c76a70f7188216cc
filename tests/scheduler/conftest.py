"""Shared pieces for the meetings and reminder tests: a secretary who may plan, a fixed clock, seeding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handlers.identity import Actor
from handlers.messages import Sender

SECRETARY = "hilde-karlsen"
"""Secretariat of Områdestyre Pasientbehandling in the hso-2026 preset."""
CASE_OWNER = "hanne-kristoffersen"
NOW = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)


def actor(person_key: str | None) -> Actor:
    return Actor(person_key, person_key or "Ukjent", Sender("test", person_key or "nobody"))


@pytest.fixture
def secretary() -> Actor:
    return actor(SECRETARY)


class Clock:
    """A clock the test moves by hand: no test sleeps."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def seed_due(store: Any, count: int, *, due_at: datetime, pending_later: int = 0) -> None:
    """`count` reminders due at `due_at` (and `pending_later` due a year later), inserted in bulk."""
    from sqlalchemy import insert

    from models.tables import Reminder

    deadline = due_at + timedelta(days=365 * 2)
    rows = [
        {
            "model_id": store.model_id,
            "dedup_key": f"seed:{i}",
            "kind": "notice",
            "person_key": SECRETARY,
            "source": "system",
            "payload": {"body_key": "omradestyre-pasientbehandling", "body_name": "Test", "text": f"nr {i}"},
            "due_at": due_at if i < count else due_at + timedelta(days=365),
            "deadline_at": deadline,
            "status": "pending",
            "attempt": 0,
            "created_at": due_at,
        }
        for i in range(count + pending_later)
    ]
    with store.engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Reminder), rows[start : start + 5000])
