"""Writing audit rows. Callers pass the open session so the row commits with the change it records."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.tables import AuditEntry


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_ref: str,
    model_key: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    request_id: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_ref=entity_ref,
        model_key=model_key,
        before=before,
        after=after,
        reason=reason,
        request_id=request_id,
    )
    session.add(entry)
    return entry
