"""Tables the chat channels need: retry dedupe, platform identities and Teams conversation references.

They hold platform facts, not governance facts, so they reference people by key only: a person may be
renamed or removed from the model file without breaking the rows that remember how to reach them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, utcnow


class ProcessedEvent(Base):
    """One row per platform delivery that did work; the unique key makes a retried delivery a no-op."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[IntPK]
    platform: Mapped[Str60]
    event_id: Mapped[str] = mapped_column(String(200))
    processed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonIdentity(Base):
    """A platform account (Slack user id, Teams AAD id) and the person it was matched to by e-mail."""

    __tablename__ = "person_identities"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: Mapped[IntPK]
    platform: Mapped[Str60]
    platform_user_id: Mapped[str] = mapped_column(String(200))
    person_key: Mapped[str | None] = mapped_column(String(60), index=True)
    email: Mapped[str | None] = mapped_column(String(300))
    locale: Mapped[str | None] = mapped_column(String(20))
    display_name: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ConversationReferenceRow(Base):
    """The serialized Bot Framework conversation reference a proactive Teams message needs."""

    __tablename__ = "conversation_references"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)

    id: Mapped[IntPK]
    platform: Mapped[Str60]
    user_id: Mapped[str] = mapped_column(String(200))
    person_key: Mapped[str | None] = mapped_column(String(60), index=True)
    reference: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
