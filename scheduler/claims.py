"""Claiming outbox rows and settling them, fenced by the attempt counter.

A claim is one statement in one short transaction: an UPDATE whose subquery selects the due rows
(`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two sweepers take disjoint rows; on SQLite the engine's
`BEGIN IMMEDIATE` serialises sweepers instead) and marks them `sending` with this worker's name, a lease
and `attempt + 1`. Rows whose lease ran out (their
worker died) are due again. Every settling statement matches `id`, `attempt` and `claimed_by`, so a
worker that lost its claim changes nothing: the fencing token of pg-boss's attempt-fence tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, or_, select, update

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
    with engine.begin() as conn:  # one statement: the locked selection is a subquery of the UPDATE
        rows = conn.execute(
            update(Reminder)
            .where(Reminder.id.in_(query))
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


def mark_sent(
    conn: Connection, c: Claim, worker: str, message_id: str, now: datetime, channel: str | None = None
) -> bool:
    """True when this worker still held the claim; False means another attempt owns the row now."""
    result = conn.execute(
        _fenced(c, worker).values(
            status=SENT, message_id=message_id[:300], channel=channel, sent_at=now, lease_until=None
        )
    )
    return result.rowcount == 1


def mark_sent_many(conn: Connection, sent: list[tuple[Claim, str, str]], worker: str, now: datetime) -> int:
    """Settle a batch's successful sends (claim, message id, channel that took it) in one round trip;
    returns how many this worker still held.

    Each row keeps `mark_sent`'s fence (id, attempt, our worker name, still sending); the one statement
    is executed for the whole batch (psycopg pipelines it) inside the caller's single transaction. One
    commit per batch instead of per row is what lets the sweep keep up with thousands of reminders a
    second on PostgreSQL, where each commit waits for the WAL flush.
    """
    if not sent:
        return 0
    statement = (
        update(Reminder)
        .where(
            Reminder.id == bindparam("row_id"),
            Reminder.attempt == bindparam("row_attempt"),
            Reminder.claimed_by == worker,
            Reminder.status == SENDING,
        )
        .values(
            status=SENT,
            message_id=bindparam("row_message_id"),
            channel=bindparam("row_channel"),
            sent_at=now,
            lease_until=None,
        )
    )
    rows = [
        {"row_id": c.id, "row_attempt": c.attempt, "row_message_id": message_id[:300], "row_channel": channel}
        for c, message_id, channel in sent
    ]
    return conn.execute(statement, rows).rowcount


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


def mark_deferred(conn: Connection, c: Claim, worker: str, retry_at: datetime) -> bool:
    """Back to pending at `retry_at` with the claim's attempt given back: nothing was tried.

    Giving the attempt back keeps the fence sound: the row is unclaimed (`claimed_by` cleared), so the
    next claim, by whichever worker, takes `attempt + 1` again and only that claim can settle it.
    """
    result = conn.execute(
        _fenced(c, worker).values(
            status=PENDING, due_at=retry_at, attempt=Reminder.attempt - 1, claimed_by=None, lease_until=None
        )
    )
    return result.rowcount == 1
