"""Running totals of the initiatives per domain, frame year and state: what frame summaries add up.

A frame summary («hvor mye av rammen er brukt?») needs, for one year, the investment of the
initiatives whose frame year is that year and the operating cost of every earlier one: over a large
portfolio that is a scan of most initiatives per question (issue 16: 668 ms at 100,000). These rows
hold the same sums already added up, so a summary reads a few hundred rows whatever the portfolio's size.

The rows are kept by database triggers on `initiatives` (migration 0014_h_perf_frame_totals, on SQLite
and PostgreSQL), in the same transaction as the change: every insert, delete and update of a counted
column (model, domain, year, budget year, state, the four cost columns), whichever code path or bulk
statement makes it, so the totals cannot drift from the initiatives they count. The triggers are not
ORM objects, hence named in `TRIGGER_OBJECTS` for the schema comparison.

Both ends of each cost range are summed (`*_lower`: the low end, else the high; `*_upper`: the high
end, else the low; a missing estimate counts 0), so every `cost_estimate` policy (lower, middle,
upper) reads its figure from the same rows. A row whose count falls to 0 is deleted, so no float
residue of additions and subtractions survives the last initiative it counted.
"""

from __future__ import annotations

from sqlalchemy import Float, Integer
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, Str60

TABLE = "frame_totals"
TRIGGER_OBJECTS = frozenset({"trg_frame_totals_insert", "trg_frame_totals_delete", "trg_frame_totals_update"})
"""The triggers (and, on PostgreSQL, the function `frame_totals_apply`) the migration makes."""


class FrameTotal(Base):
    __tablename__ = TABLE

    model_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    domain_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    frame_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """`coalesce(budget_year, year)`: the year whose investment frame the initiatives count against."""
    state: Mapped[Str60] = mapped_column(primary_key=True)
    initiatives: Mapped[int] = mapped_column(Integer, default=0)
    investment_lower: Mapped[float] = mapped_column(Float, default=0.0)
    investment_upper: Mapped[float] = mapped_column(Float, default=0.0)
    operating_lower: Mapped[float] = mapped_column(Float, default=0.0)
    operating_upper: Mapped[float] = mapped_column(Float, default=0.0)
