"""Reading and writing the chat inbox (models/tables/inbox.py): deliver once, count unread, read.

`deliver` inserts with `ON CONFLICT DO NOTHING` on the notice key, as the outbox's `enqueue` does, so a
reminder the sweep sends twice (its at-least-once window) is one notice, and two sweepers racing on it
both get the same row's id back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.tables import InboxNotice, Reminder
from models.tables.reminders import PENDING, SENDING


def deliver(
    session: Session, model_id: int, address: str, key: str, kind: str, reply: dict[str, Any], now: datetime
) -> int:
    if session.get_bind().dialect.name == "postgresql":  # imported here: ~20 ms a one-shot command on SQLite
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(
        insert(InboxNotice)
        .values(
            model_id=model_id,
            address=address[:320],
            notice_key=key[:300],
            kind=kind[:60],
            reply=reply,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[InboxNotice.notice_key])
    )
    return session.scalars(select(InboxNotice.id).where(InboxNotice.notice_key == key[:300])).one()


def unread_count(session: Session, model_id: int, addresses: Sequence[str]) -> int:
    if not addresses:
        return 0
    return (
        session.scalar(
            select(func.count()).where(
                InboxNotice.model_id == model_id,
                InboxNotice.address.in_(addresses),
                InboxNotice.read_at.is_(None),
            )
        )
        or 0
    )


def unread(session: Session, model_id: int, addresses: Sequence[str], limit: int) -> list[InboxNotice]:
    """The oldest `limit` unread notices, in the order they arrived."""
    if not addresses:
        return []
    return list(
        session.scalars(
            select(InboxNotice)
            .where(
                InboxNotice.model_id == model_id,
                InboxNotice.address.in_(addresses),
                InboxNotice.read_at.is_(None),
            )
            .order_by(InboxNotice.created_at, InboxNotice.id)
            .limit(limit)
        )
    )


def mark_read(session: Session, ids: Sequence[int], now: datetime) -> int:
    """Only rows still unread: two windows reading at once mark each notice read once."""
    if not ids:
        return 0
    result = session.execute(
        update(InboxNotice).where(InboxNotice.id.in_(ids), InboxNotice.read_at.is_(None)).values(read_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def waiting_count(session: Session, model_id: int, addresses: Sequence[str], now: datetime) -> int:
    """Outbox rows for these addresses that are due but not yet taken by any channel."""
    if not addresses:
        return 0
    return (
        session.scalar(
            select(func.count()).where(
                Reminder.model_id == model_id,
                Reminder.person_key.in_(addresses),
                Reminder.status.in_((PENDING, SENDING)),
                Reminder.due_at <= now,
            )
        )
        or 0
    )
