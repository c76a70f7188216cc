"""What the channels remember in the store: deliveries already handled, platform accounts, and the
conversations a proactive message can continue."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.store import Store
from models.tables import ConversationReferenceRow, PersonIdentity, ProcessedEvent
from models.tables.base import Base

_Row = TypeVar("_Row", bound=Base)


def claim_event(store: Store, platform: str, event_id: str) -> bool:
    """True exactly once per (platform, event_id): the caller that gets True does the work.

    Slack retries events it thinks timed out, Teams may resend an activity, and several replicas may each
    get a copy; the unique row decides in the database, so it holds across replicas.
    """
    try:
        with store.session() as session:
            session.add(ProcessedEvent(platform=platform, event_id=event_id[:200]))
    except IntegrityError:
        return False
    return True


def claim_event_and_identity(
    store: Store, platform: str, event_id: str, user_id: str
) -> tuple[bool, PersonIdentity | None]:
    """`claim_event`, then `known_identity` of the sender, in one transaction: a turn's usual start costs
    one connection checkout and one commit instead of two sessions. A repeat gets (False, None)."""
    try:
        with store.session() as session:
            session.add(ProcessedEvent(platform=platform, event_id=event_id[:200]))
            session.flush()
            row = session.scalar(
                select(PersonIdentity).where(
                    PersonIdentity.platform == platform, PersonIdentity.platform_user_id == user_id
                )
            )
            if row is not None:
                session.expunge(row)
    except IntegrityError:
        return False, None
    return True, row


def known_identity(store: Store, platform: str, user_id: str) -> PersonIdentity | None:
    """A detached copy (the read session rolls back, which would expire a live row)."""
    with store.read() as session:
        row = session.scalar(
            select(PersonIdentity).where(
                PersonIdentity.platform == platform, PersonIdentity.platform_user_id == user_id
            )
        )
        if row is not None:
            session.expunge(row)
        return row


def identity_row(session: Session, platform: str, user_id: str) -> PersonIdentity:
    """The account's row in this session, created when new."""
    return _row_for(session, PersonIdentity, platform=platform, platform_user_id=user_id)


def _row_for(session: Session, table: type[_Row], **key: str) -> _Row:
    """The row with this unique key in the session, added when there is none yet."""
    row = session.scalar(select(table).filter_by(**key))
    if row is None:
        row = table(**key)
        session.add(row)
    return row


def latest_account(store: Store, platform: str, person_key: str) -> str | None:
    """The most recently seen account of a person on a platform."""
    with store.read() as session:
        return session.scalar(
            select(PersonIdentity.platform_user_id)
            .where(PersonIdentity.platform == platform, PersonIdentity.person_key == person_key)
            .order_by(PersonIdentity.updated_at.desc())
            .limit(1)
        )


def save_reference(
    store: Store, platform: str, user_id: str, person_key: str | None, reference: dict[str, Any]
) -> None:
    with store.session() as session:
        put_reference(session, platform, user_id, person_key, reference)


def put_reference(
    session: Session, platform: str, user_id: str, person_key: str | None, reference: dict[str, Any]
) -> None:
    """`save_reference` inside the caller's transaction."""
    row = _row_for(session, ConversationReferenceRow, platform=platform, user_id=user_id)
    row.person_key, row.reference = person_key, reference


def latest_reference(
    store: Store, platform: str, *, person_key: str | None = None, account: str | None = None
) -> dict[str, Any] | None:
    """The latest conversation with a person, or with one platform account."""
    who = (
        ConversationReferenceRow.user_id == account
        if account is not None
        else ConversationReferenceRow.person_key == person_key
    )
    with store.read() as session:
        return session.scalar(
            select(ConversationReferenceRow.reference)
            .where(ConversationReferenceRow.platform == platform, who)
            .order_by(ConversationReferenceRow.updated_at.desc())
            .limit(1)
        )
