"""Traffic-light status of a model's numbered assignments (*oppdrag*), one row per update.

The assignments themselves (number, title, owner, deadline) live in the model file; only what changes
during the year is stored. Every update is a new row, so the history of an assignment's status (and the
comments the trust reports on its development, seed 003 §2.6) is kept; the latest row is the current one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, utcnow

GREEN = "green"
YELLOW = "yellow"
RED = "red"
TRAFFIC_LIGHTS = (GREEN, YELLOW, RED)


class AssignmentStatus(Base):
    __tablename__ = "assignment_statuses"
    __table_args__ = (Index("ix_assignment_statuses_model_id_number", "model_id", "number"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(10))
    """green | yellow | red"""
    comment: Mapped[str | None] = mapped_column(String(2000))
    updated_by: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
