"""The governance model as rows, so initiatives, meetings and memberships can reference it by key.

Every row belongs to one loaded model (one region), so one database can hold Helse Sør-Øst and Helse
Nord side by side; the model file stays the source of truth and is re-synced when it changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.tables.base import Base, IntPK, Str60, Str300, Text4000


class GovernanceModelRow(Base):
    __tablename__ = "governance_models"

    id: Mapped[IntPK]
    key: Mapped[Str60] = mapped_column(unique=True)
    name: Mapped[Str300]
    region: Mapped[Str300]
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime]
    catalogue_version: Mapped[int] = mapped_column(default=0)


class HealthTrustRow(Base):
    __tablename__ = "health_trusts"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    name: Mapped[Str300]
    short_name: Mapped[Str300]
    active: Mapped[bool] = mapped_column(default=True)


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    name: Mapped[Str300]
    title: Mapped[Str300]
    organisation: Mapped[Str300]
    email: Mapped[str | None] = mapped_column(String(300), index=True)
    is_placeholder: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)


class Body(Base):
    __tablename__ = "bodies"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    name: Mapped[Str300]
    name_en: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[Str60]
    escalates_to_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"))
    active: Mapped[bool] = mapped_column(default=True)

    memberships: Mapped[list[Membership]] = relationship(back_populates="body", cascade="all, delete-orphan")


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("body_id", "person_id", "role"),)

    id: Mapped[IntPK]
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[Str60]
    represents_trust_id: Mapped[int | None] = mapped_column(ForeignKey("health_trusts.id"))
    final_authority: Mapped[bool] = mapped_column(default=False)

    body: Mapped[Body] = relationship(back_populates="memberships")
    person: Mapped[PersonRow] = relationship()


class Domain(Base):
    __tablename__ = "domains"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    name: Mapped[Str300]
    name_en: Mapped[Str300]
    description: Mapped[Text4000]
    description_en: Mapped[Text4000]
    board_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"))
    active: Mapped[bool] = mapped_column(default=True)

    board: Mapped[Body] = relationship()
