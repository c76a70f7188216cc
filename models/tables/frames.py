"""Budget frames (*rammer*) per domain and year, their history, and each domain's priority list.

`frames` holds the frame that stands now (one row per domain, year and kind: investment or operating),
`frame_changes` every change that led there, append-only: a set, an import, or one side of a move
between domains (both sides share a `move_id`), each with the decision reference it rests on, who
recorded it and when. Amounts are MNOK as exact decimals (Numeric), never floats: board papers add them up.

`priority_entries` is a domain board's ordered list of its initiatives (1 first), one entry per
initiative; positions are renumbered under the domain's row lock (handlers/frames/priorities.py).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, IntPK, Str300, utcnow

INVESTMENT = "investment"
OPERATING = "operating"
KINDS = (INVESTMENT, OPERATING)
MNOK = Numeric(12, 2)


class Frame(Base):
    __tablename__ = "frames"
    __table_args__ = (UniqueConstraint("model_id", "domain_id", "year", "kind"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    amount_mnok: Mapped[Decimal] = mapped_column(MNOK)
    decision_ref: Mapped[str] = mapped_column(String(200))
    updated_by: Mapped[Str300]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FrameChange(Base):
    __tablename__ = "frame_changes"
    __table_args__ = (Index("ix_frame_changes_model_year", "model_id", "year"),)

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    year: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    change: Mapped[str] = mapped_column(String(20))
    """set, import, move_out or move_in."""
    before_mnok: Mapped[Decimal | None] = mapped_column(MNOK)
    after_mnok: Mapped[Decimal] = mapped_column(MNOK)
    move_id: Mapped[int | None]
    decision_ref: Mapped[str] = mapped_column(String(200))
    actor: Mapped[Str300]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PriorityEntry(Base):
    __tablename__ = "priority_entries"
    __table_args__ = (
        UniqueConstraint("initiative_id"),
        Index("ix_priority_entries_domain_position", "domain_id", "position"),
    )

    id: Mapped[IntPK]
    model_id: Mapped[int] = mapped_column(ForeignKey("governance_models.id"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    position: Mapped[int]
    updated_by: Mapped[Str300]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
