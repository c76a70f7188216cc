"""What counts against a frame: used, committed and proposed, per domain and year, from the store.

Definitions (the model's `frames:` section, stated as assumptions in the presets because the seeds do
not define them):

* An initiative's **frame year** is its `budget_year`, or its reference year when none is set.
* Its **investment** counts against the investment frame of its frame year; its **yearly operating
  cost** counts against the operating frame of every later year (operation starts the year after the
  investment). Which end of an estimate range counts is `cost_estimate` (hso-2026: the upper one).
* **Used** (*brukt*): states in `used_states` (hso-2026: BP3 onwards and closed: decided for execution).
  **Committed** (*bundet*): `committed_states` (prioritised, BP1–BP2). **Proposed** (*foreslått*):
  `proposed_states` (submitted, under assessment). Rejected and parked initiatives count nowhere.
* **Left** (*igjen*) is the frame minus used and committed; proposed is what asks for what is left.
* **Near the limit**: used and committed reach `near_limit_percent` of the frame (hso-2026: 90 %).

One grouped query per question over the running totals that triggers keep per domain, frame year and
state (models/tables/frame_totals.py), so its cost does not grow with the portfolio (benchmarks/frames.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models.governance.schema import FramePolicy, GovernanceModel
from models.tables import Domain, Frame, FrameTotal, Initiative
from models.tables.frames import INVESTMENT, OPERATING

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
CLASSES = ("used", "committed", "proposed")


def money(value: object) -> Decimal:
    """A stored float or a database sum as MNOK with two decimals (board papers add cents, not floats)."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """One domain's (or the whole portfolio's) frame and what stands against it in one year."""

    key: str
    name: str
    name_en: str
    year: int
    investment_frame: Decimal | None = None
    operating_frame: Decimal | None = None
    investment: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(CLASSES, ZERO))
    operating: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(CLASSES, ZERO))

    def label(self, language: str) -> str:
        return self.name if language == "nb" else self.name_en

    @property
    def bound(self) -> Decimal:
        return self.investment["used"] + self.investment["committed"]

    @property
    def left(self) -> Decimal | None:
        return None if self.investment_frame is None else self.investment_frame - self.bound

    @property
    def operating_bound(self) -> Decimal:
        return self.operating["used"] + self.operating["committed"]

    @property
    def operating_left(self) -> Decimal | None:
        return None if self.operating_frame is None else self.operating_frame - self.operating_bound

    def near_limit(self, percent: int) -> bool:
        frame = self.investment_frame
        return frame is not None and frame > 0 and self.bound * 100 >= frame * percent


def state_classes(policy: FramePolicy) -> dict[str, str]:
    return {
        **dict.fromkeys(policy.used_states, "used"),
        **dict.fromkeys(policy.committed_states, "committed"),
        **dict.fromkeys(policy.proposed_states, "proposed"),
    }


def cost_columns(policy: FramePolicy):  # type: ignore[no-untyped-def]
    """The SQL expressions for the counted investment and yearly operating cost of one initiative."""

    def pick(low, high):  # type: ignore[no-untyped-def]
        if policy.cost_estimate == "lower":
            return func.coalesce(low, high, 0.0)
        if policy.cost_estimate == "middle":
            return (func.coalesce(low, high, 0.0) + func.coalesce(high, low, 0.0)) / 2
        return func.coalesce(high, low, 0.0)

    return (
        pick(Initiative.investment_min_mnok, Initiative.investment_max_mnok),
        pick(Initiative.operating_min_mnok, Initiative.operating_max_mnok),
    )


def total_columns(policy: FramePolicy):  # type: ignore[no-untyped-def]
    """`cost_columns` over the running totals (models/tables/frame_totals.py): the policy's end of each
    range, already added up per domain, frame year and state."""
    if policy.cost_estimate == "lower":
        return FrameTotal.investment_lower, FrameTotal.operating_lower
    if policy.cost_estimate == "middle":
        return (
            (FrameTotal.investment_lower + FrameTotal.investment_upper) / 2,
            (FrameTotal.operating_lower + FrameTotal.operating_upper) / 2,
        )
    return FrameTotal.investment_upper, FrameTotal.operating_upper


def frame_year():  # type: ignore[no-untyped-def]
    return func.coalesce(Initiative.budget_year, Initiative.year)


def initiative_cost(policy: FramePolicy, row: Initiative) -> tuple[Decimal, Decimal]:
    """The same counting as `cost_columns`, for one loaded initiative."""

    def pick(low: float | None, high: float | None) -> Decimal:
        low_, high_ = (low if low is not None else high), (high if high is not None else low)
        if low_ is None or high_ is None:
            return ZERO
        if policy.cost_estimate == "lower":
            return money(low_)
        if policy.cost_estimate == "middle":
            return money((Decimal(str(low_)) + Decimal(str(high_))) / 2)
        return money(high_)

    return (
        pick(row.investment_min_mnok, row.investment_max_mnok),
        pick(row.operating_min_mnok, row.operating_max_mnok),
    )


def summarise(
    session: Session, model: GovernanceModel, model_id: int, year: int, domain_key: str | None = None
) -> list[Figures]:
    """Every active domain's figures for `year` (or one domain's), in the model's domain order."""
    assert model.frames is not None
    policy = model.frames
    classes = state_classes(policy)
    domains = session.scalars(
        select(Domain).where(Domain.model_id == model_id, Domain.active).order_by(Domain.id)
    ).all()
    if domain_key is not None:
        domains = [d for d in domains if d.key == domain_key]
    by_id = {d.id: Figures(d.key, d.name, d.name_en, year) for d in domains}
    if not by_id:
        return []
    for domain_id, kind, amount in session.execute(
        select(Frame.domain_id, Frame.kind, Frame.amount_mnok).where(
            Frame.model_id == model_id, Frame.year == year, Frame.domain_id.in_(by_id)
        )
    ):
        if kind == INVESTMENT:
            by_id[domain_id].investment_frame = money(amount)
        elif kind == OPERATING:
            by_id[domain_id].operating_frame = money(amount)
    investment, operating = total_columns(policy)
    rows = session.execute(
        select(
            FrameTotal.domain_id,
            FrameTotal.state,
            func.sum(case((FrameTotal.frame_year == year, investment), else_=0.0)),
            func.sum(case((FrameTotal.frame_year < year, operating), else_=0.0)),
        )
        .where(FrameTotal.model_id == model_id, FrameTotal.state.in_(classes), FrameTotal.frame_year <= year)
        .where(FrameTotal.domain_id.in_(by_id))
        .group_by(FrameTotal.domain_id, FrameTotal.state)
    )
    for domain_id, state, inv, op in rows:
        figures = by_id[domain_id]
        figures.investment[classes[state]] += money(inv)
        figures.operating[classes[state]] += money(op)
    return [by_id[d.id] for d in domains]


def portfolio_total(figures: list[Figures], year: int) -> Figures:
    """The whole portfolio: the domains' figures added up (a frame only where some domain has one)."""
    total = Figures("portfolio", "Hele porteføljen", "The whole portfolio", year)
    for f in figures:
        if f.investment_frame is not None:
            total.investment_frame = (total.investment_frame or ZERO) + f.investment_frame
        if f.operating_frame is not None:
            total.operating_frame = (total.operating_frame or ZERO) + f.operating_frame
        for c in CLASSES:
            total.investment[c] += f.investment[c]
            total.operating[c] += f.operating[c]
    return total
