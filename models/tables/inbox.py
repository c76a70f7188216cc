"""Notices delivered to the chat inbox: what people who use neither Slack nor Teams see as «varsler».

The web chat and the terminal chat have no way to reach a person who is not looking, so the sweep
delivers to this table instead, and the person reads it there («varsler» / "notifications", and the
unread count on the web chat page). A row exists once per outbox key (`notice_key` is unique), so a
re-sent reminder (the at-least-once window) is still one notice. The reply is stored as it was worded
when delivered, like a chat message that has been posted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str60, utcnow


class InboxNotice(Base):
    __tablename__ = "inbox_notices"
    __table_args__ = (Index("ix_inbox_notices_address_read_at", "address", "read_at"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    address: Mapped[str] = mapped_column(String(320))
    """The outbox row's `person_key`: a person key, or "platform:account" for someone not in the model."""
    notice_key: Mapped[str] = mapped_column(String(300), unique=True)
    """The outbox row's `dedup_key`: the same notice is delivered to the inbox at most once."""
    kind: Mapped[Str60]
    reply: Mapped[dict[str, Any]]
    """The worded reply (handlers.notices.reply_to_payload), in the recipient's language."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
