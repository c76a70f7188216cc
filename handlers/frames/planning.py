"""The questions a board asks of its frame: what still fits, what if we approve this one, and what the
domain asks for next year.

*What fits*: the domain's proposed initiatives of that frame year in its priority order (the priority
list first, then the rest by reference), each taken if it fits in what is left after those taken
before it; the others are listed as not fitting. *What if*: one initiative's investment against its
frame year's investment frame, and its yearly operating cost against the operating frames of the
following years. *Budget input*: what is proposed and committed for the year, the sum a domain board
gives as its input to the budget process (seed 000 §2.5: «innspill til fordeling av budsjett»).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.frames.figures import ZERO, Figures, frame_year, initiative_cost, state_classes, summarise
from models.governance.schema import GovernanceModel
from models.tables import Domain, Initiative, PriorityEntry

WHAT_IF_YEARS = 3
"""Later years whose operating frames a what-if shows."""


@dataclass(frozen=True)
class Candidate:
    reference: str
    title: str
    investment: Decimal
    operating: Decimal
    position: int | None
    fits: bool


def ranked_initiatives(
    session: Session, model: GovernanceModel, model_id: int, domain_key: str, year: int, states: list[str]
) -> list[tuple[Initiative, int | None]]:
    """The domain's initiatives in the given states and frame year, in priority order."""
    rows = session.execute(
        select(Initiative, PriorityEntry.position)
        .join(Domain, Initiative.domain_id == Domain.id)
        .outerjoin(PriorityEntry, PriorityEntry.initiative_id == Initiative.id)
        .where(Initiative.model_id == model_id, Domain.key == domain_key, Initiative.state.in_(states))
        .where(frame_year() == year)
    ).all()
    return sorted(
        ((i, p) for i, p in rows), key=lambda x: (x[1] is None, x[1] or 0, x[0].year, x[0].sequence)
    )


def what_fits(session: Session, model: GovernanceModel, model_id: int, figures: Figures) -> list[Candidate]:
    assert model.frames is not None
    room = figures.left if figures.left is not None else ZERO
    out = []
    for initiative, position in ranked_initiatives(
        session, model, model_id, figures.key, figures.year, model.frames.proposed_states
    ):
        investment, operating = initiative_cost(model.frames, initiative)
        fits = investment <= room
        if fits:
            room -= investment
        out.append(Candidate(initiative.reference, initiative.title, investment, operating, position, fits))
    return out


@dataclass(frozen=True)
class LaterYear:
    year: int
    frame: Decimal | None
    left_after: Decimal | None


@dataclass(frozen=True)
class WhatIf:
    initiative: Initiative
    figures: Figures
    investment: Decimal
    operating: Decimal
    counted_as: str | None
    """used/committed when the initiative already counts against the frame, else None."""
    left_after: Decimal | None
    later: tuple[LaterYear, ...]


def what_if(session: Session, model: GovernanceModel, model_id: int, initiative: Initiative) -> WhatIf:
    assert model.frames is not None
    policy = model.frames
    domain = session.get_one(Domain, initiative.domain_id)
    year = initiative.budget_year or initiative.year
    figures = summarise(session, model, model_id, year, domain.key)[0]
    investment, operating = initiative_cost(policy, initiative)
    counted = state_classes(policy).get(initiative.state)
    counted_as = counted if counted in ("used", "committed") else None
    left_after = None
    if figures.left is not None:
        left_after = figures.left - (ZERO if counted_as else investment)
    later = []
    for offset in range(1, WHAT_IF_YEARS + 1):
        f = summarise(session, model, model_id, year + offset, domain.key)[0]
        left = f.operating_left
        later.append(
            LaterYear(
                year + offset,
                f.operating_frame,
                None if left is None else left - (ZERO if counted_as else operating),
            )
        )
    return WhatIf(initiative, figures, investment, operating, counted_as, left_after, tuple(later))


@dataclass(frozen=True)
class BudgetInput:
    figures: Figures
    investment: Decimal
    operating: Decimal
    count: int


def budget_input(session: Session, model: GovernanceModel, model_id: int, year: int) -> list[BudgetInput]:
    """Per domain: the investment proposed and committed for `year`, and the yearly operating cost that
    year of everything used, committed and proposed before it."""
    assert model.frames is not None
    policy = model.frames
    out = []
    for figures in summarise(session, model, model_id, year):
        investment = figures.investment["proposed"] + figures.investment["committed"]
        operating = sum(figures.operating.values(), ZERO)
        count = len(ranked_initiatives(session, model, model_id, figures.key, year,
                                       [*policy.proposed_states, *policy.committed_states]))  # fmt: skip
        out.append(BudgetInput(figures, investment, operating, count))
    return out
