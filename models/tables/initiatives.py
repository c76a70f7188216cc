"""Initiatives proposed by staff, the domains, systems and trusts they touch, and their numbering.

References (`INI-2026-0042`) come from a per-year counter row locked inside the submitting transaction,
so two concurrent submissions never share a number and a rolled-back one leaves no gap. `submission_id`
is unique so a retried or double-clicked form stores one initiative.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.tables.base import Base, IntPK, Str60, Str300, utcnow


class InitiativeSequence(Base):
    __tablename__ = "initiative_sequences"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(default=0)


class Initiative(Base):
    __tablename__ = "initiatives"
    __table_args__ = (UniqueConstraint("year", "sequence"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    sequence: Mapped[int]
    title: Mapped[str] = mapped_column(String(150))
    need: Mapped[str] = mapped_column(String(3000))
    change: Mapped[str] = mapped_column(String(3000))
    benefit: Mapped[str] = mapped_column(String(2000))
    contact: Mapped[str] = mapped_column(String(200))
    investment_min_mnok: Mapped[float | None] = mapped_column(Float)
    investment_max_mnok: Mapped[float | None] = mapped_column(Float)
    operating_min_mnok: Mapped[float | None] = mapped_column(Float)
    operating_max_mnok: Mapped[float | None] = mapped_column(Float)
    budget_year: Mapped[int | None]
    """The year whose frame the investment counts against; None: the reference year (handlers/frames)."""
    state: Mapped[Str60] = mapped_column(index=True)
    state_reason: Mapped[str | None] = mapped_column(String(2000))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"), index=True)
    coordinating_domain_id: Mapped[int | None] = mapped_column(ForeignKey("domains.id"))
    out_of_scope_key: Mapped[str | None] = mapped_column(String(60))
    submitter_platform: Mapped[Str60]
    submitter_user_id: Mapped[Str300] = mapped_column(index=True)
    submitter_person_key: Mapped[str | None] = mapped_column(String(60), index=True)
    language: Mapped[str] = mapped_column(String(5), default="nb")
    submission_id: Mapped[str] = mapped_column(String(200), unique=True)
    escalate: Mapped[bool] = mapped_column(default=False, index=True)
    escalation_reason: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    domains: Mapped[list[InitiativeDomain]] = relationship(cascade="all, delete-orphan")
    systems: Mapped[list[InitiativeSystem]] = relationship(cascade="all, delete-orphan")
    trusts: Mapped[list[InitiativeTrust]] = relationship(cascade="all, delete-orphan")


class InitiativeDomain(Base):
    """Every domain an initiative touches; the owning one is also on the initiative row."""

    __tablename__ = "initiative_domains"
    __table_args__ = (UniqueConstraint("initiative_id", "domain_id"),)

    id: Mapped[IntPK]
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))


class InitiativeSystem(Base):
    __tablename__ = "initiative_systems"
    __table_args__ = (UniqueConstraint("initiative_id", "name"),)

    id: Mapped[IntPK]
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    system_id: Mapped[int | None] = mapped_column(ForeignKey("systems.id", ondelete="SET NULL"))
    name: Mapped[Str300]


class InitiativeTrust(Base):
    __tablename__ = "initiative_trusts"
    __table_args__ = (UniqueConstraint("initiative_id", "trust_key"),)

    id: Mapped[IntPK]
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    trust_key: Mapped[Str60]


class InitiativeDialog(Base):
    """A half-finished intake in a chat, so a restart does not lose what the user already answered."""

    __tablename__ = "initiative_dialogs"
    __table_args__ = (UniqueConstraint("channel", "conversation_id", "user_id"),)

    id: Mapped[IntPK]
    channel: Mapped[Str60]
    conversation_id: Mapped[Str300]
    user_id: Mapped[Str300]
    step: Mapped[Str60]
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    language: Mapped[str] = mapped_column(String(5), default="nb")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
