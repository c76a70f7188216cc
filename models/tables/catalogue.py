"""The system catalogue: which domain owns which system, and under which names people know it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.tables.base import Base, IntPK, Str60, Str300, Text4000, utcnow
from models.tables.governance import Domain


class System(Base):
    __tablename__ = "systems"
    __table_args__ = (UniqueConstraint("model_id", "key"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    key: Mapped[Str60]
    name: Mapped[Str300]
    description: Mapped[Text4000]
    owning_domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"), index=True)
    coordinating_domain_id: Mapped[int | None] = mapped_column(ForeignKey("domains.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owning_domain: Mapped[Domain] = relationship(foreign_keys=[owning_domain_id])
    coordinating_domain: Mapped[Domain | None] = relationship(foreign_keys=[coordinating_domain_id])
    aliases: Mapped[list[SystemAlias]] = relationship(back_populates="system", cascade="all, delete-orphan")
    cross_domains: Mapped[list[SystemDomain]] = relationship(
        back_populates="system", cascade="all, delete-orphan"
    )


class SystemAlias(Base):
    """Other names and abbreviations; `normalized` is unique per model so a name points to one system."""

    __tablename__ = "system_aliases"
    __table_args__ = (UniqueConstraint("model_id", "normalized"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    system_id: Mapped[int] = mapped_column(ForeignKey("systems.id"), index=True)
    alias: Mapped[Str300]
    normalized: Mapped[str] = mapped_column(String(300))

    system: Mapped[System] = relationship(back_populates="aliases")


class SystemDomain(Base):
    """A domain the system also touches, for cross-cutting (*tverrgående*) systems."""

    __tablename__ = "system_domains"
    __table_args__ = (UniqueConstraint("system_id", "domain_id"),)

    id: Mapped[IntPK]
    system_id: Mapped[int] = mapped_column(ForeignKey("systems.id"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    role: Mapped[Str60] = mapped_column(default="involved")

    system: Mapped[System] = relationship(back_populates="cross_domains")
    domain: Mapped[Domain] = relationship()


class CatalogueChange(Base):
    """One system a catalogue version added, changed or removed (`system_id` None: the version itself,
    written even when no system changed). Name indexes in every process read the rows after their own
    version to apply the delta instead of rebuilding (handlers/lookup/catalogue.py)."""

    __tablename__ = "catalogue_changes"
    __table_args__ = (Index("ix_catalogue_changes_model_id_version", "model_id", "version"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    version: Mapped[int]
    system_id: Mapped[int | None]
    """No foreign key: the row outlives a removed system, which is the point."""
