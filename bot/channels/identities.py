"""Remembering which platform account is which person, and how to reach them later.

The mapping is made by e-mail (Slack users.info, Teams member info) through handlers.identity, then kept
in person_identities so a notifier can find a person's Slack id or Teams reference from a person key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.identity import resolve_actor
from handlers.messages import Sender
from models.audit import record
from models.store import Store
from models.tables import ConversationReferenceRow, PersonIdentity


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


def remember_identity(store: Store, sender: Sender) -> str | None:
    """Store (or refresh) the platform account and return the person key it resolves to, if any."""
    with store.session() as session:
        actor = resolve_actor(session, store.model_id, sender)
        row = session.scalar(
            select(PersonIdentity).where(
                PersonIdentity.platform == sender.platform, PersonIdentity.platform_user_id == sender.user_id
            )
        )
        before = None if row is None else {"person_key": row.person_key, "email": row.email}
        if row is None:
            row = PersonIdentity(platform=sender.platform, platform_user_id=sender.user_id)
            session.add(row)
        row.person_key, row.email = actor.person_key, sender.email
        row.locale, row.display_name = sender.locale, sender.display_name
        after = {"person_key": actor.person_key, "email": sender.email}
        if before != after:
            record(
                session,
                actor=actor.audit_name,
                action="identity.linked",
                entity_type="person_identity",
                entity_ref=f"{sender.platform}:{sender.user_id}"[:120],
                model_key=store.model.key,
                before=before,
                after=after,
            )
        return actor.person_key


def account_in_key(platform: str, person_key: str) -> str | None:
    """ "slack:U123" → "U123": how handlers address a submitter who is not a person in the model."""
    prefix = f"{platform}:"
    return person_key[len(prefix) :] or None if person_key.startswith(prefix) else None


def platform_user_for(store: Store, platform: str, person_key: str) -> str | None:
    """The most recently seen account of a person on a platform, for direct messages."""
    account = account_in_key(platform, person_key)
    if account is not None:
        return account
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
        row = session.scalar(
            select(ConversationReferenceRow).where(
                ConversationReferenceRow.platform == platform, ConversationReferenceRow.user_id == user_id
            )
        )
        if row is None:
            row = ConversationReferenceRow(platform=platform, user_id=user_id)
            session.add(row)
        row.person_key, row.reference = person_key, reference


def reference_for(store: Store, platform: str, person_key: str) -> dict[str, Any] | None:
    """The latest conversation with a person (or with the account named by a "teams:<id>" key)."""
    account = account_in_key(platform, person_key)
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
