"""The append-only audit log: who changed what, when, and why.

Rows are written in the same transaction as the change they describe, so a change and its audit row
exist together or not at all. On PostgreSQL a trigger (see the migrations) refuses UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, Str60, Str300, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[Str300]
    action: Mapped[Str60]
    entity_type: Mapped[Str60]
    entity_ref: Mapped[str] = mapped_column(String(120), index=True)
    model_key: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    reason: Mapped[str | None] = mapped_column(String(2000))
    request_id: Mapped[str | None] = mapped_column(String(120))
