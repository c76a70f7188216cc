"""Claiming outbox rows and settling them, fenced by the attempt counter.

A claim is one short transaction: select due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
sweepers take disjoint rows; on SQLite the engine's `BEGIN IMMEDIATE` serialises sweepers instead), then
mark them `sending` with this worker's name, a lease and `attempt + 1`. Rows whose lease ran out (their
worker died) are due again. Every settling statement matches `id`, `attempt` and `claimed_by`, so a
worker that lost its claim changes nothing: the fencing token of pg-boss's attempt-fence tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, or_, select, update

from models.tables import Reminder
from models.tables.reminders import DEAD, MISSED, PENDING, SENDING, SENT


@dataclass(frozen=True)
class Claim:
    id: int
    attempt: int
    kind: str
    person_key: str
    dedup_key: str
    payload: dict[str, Any]
    deadline_at: datetime
    lease_until: datetime


def claim(
    engine: Engine, model_id: int, worker: str, now: datetime, batch: int, lease: timedelta
) -> list[Claim]:
    due = or_(
        and_(Reminder.status == PENDING, Reminder.due_at <= now),
        and_(Reminder.status == SENDING, Reminder.lease_until < now),
    )
    query = (
        select(Reminder.id).where(Reminder.model_id == model_id, due).order_by(Reminder.due_at).limit(batch)
    )
    if engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    lease_until = now + lease
    with engine.begin() as conn:
        ids = list(conn.scalars(query))
        if not ids:
            return []
        rows = conn.execute(
            update(Reminder)
            .where(Reminder.id.in_(ids))
            .values(status=SENDING, claimed_by=worker, lease_until=lease_until, attempt=Reminder.attempt + 1)
            .returning(
                Reminder.id,
                Reminder.attempt,
                Reminder.kind,
                Reminder.person_key,
                Reminder.dedup_key,
                Reminder.payload,
                Reminder.deadline_at,
            )
        ).all()
    claims = [Claim(*row, lease_until=lease_until) for row in rows]
    claims.sort(key=lambda c: c.id)
    return claims


def _fenced(c: Claim, worker: str) -> Any:
    return update(Reminder).where(
        Reminder.id == c.id,
        Reminder.attempt == c.attempt,
        Reminder.claimed_by == worker,
        Reminder.status == SENDING,
    )


def mark_sent(conn: Connection, c: Claim, worker: str, message_id: str, now: datetime) -> bool:
    """True when this worker still held the claim; False means another attempt owns the row now."""
    result = conn.execute(
        _fenced(c, worker).values(status=SENT, message_id=message_id[:300], sent_at=now, lease_until=None)
    )
    return result.rowcount == 1


def mark_missed(conn: Connection, c: Claim, worker: str) -> bool:
    result = conn.execute(_fenced(c, worker).values(status=MISSED, lease_until=None))
    return result.rowcount == 1


def mark_retry(conn: Connection, c: Claim, worker: str, error: str, retry_at: datetime) -> bool:
    result = conn.execute(
        _fenced(c, worker).values(
            status=PENDING, due_at=retry_at, last_error=error[:1000], claimed_by=None, lease_until=None
        )
    )
    return result.rowcount == 1


def mark_dead(conn: Connection, c: Claim, worker: str, error: str) -> bool:
    result = conn.execute(_fenced(c, worker).values(status=DEAD, last_error=error[:1000], lease_until=None))
    return result.rowcount == 1
