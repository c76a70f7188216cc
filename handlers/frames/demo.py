"""The demo portfolio: frames and a few dozen initiatives across the domains, so a newcomer's first
«hvor mye av rammen er brukt i Pasientbehandling?» shows a real answer (issue 16 §6).

Loaded from the model's `demo_portfolio` file into a store that holds no initiatives and no frames,
once, in one transaction with its audit row; a store with real data is never touched. Initiatives are
written the way intake numbers them (the per-year counter), each with an invented submitter marked as
demo, and the proposed ones of each domain get a priority list in file order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.frames.keeping import _write
from handlers.identity import Actor
from handlers.meetings.deadlines import local_date
from handlers.messages import Sender
from models.audit import record
from models.governance.schema import GovernanceModel
from models.repositories.initiatives import next_reference
from models.tables import Domain, Frame, Initiative, InitiativeDomain, PriorityEntry
from models.tables.frames import INVESTMENT, OPERATING

DEMO_ACTOR = Actor(None, "demo", Sender("cli", "demo-portfolio"))


@dataclass(frozen=True)
class DemoInitiative:
    domain: str
    title: str
    state: str
    investment: float
    operating: float
    year_offset: int


def read_portfolio(path: Path) -> tuple[str, dict[str, list[float]], list[DemoInitiative]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = [
        DemoInitiative(d, str(title), s, float(i), float(o), int(y))
        for d, title, s, i, o, y in data["initiatives"]
    ]
    return str(data["decision"]), {k: [float(x) for x in v] for k, v in data["frames"].items()}, items


def load_demo_portfolio(
    session: Session, model: GovernanceModel, model_id: int, path: Path, now: datetime
) -> int:
    """Loads the demo portfolio unless the store already has initiatives or frames; the number of
    initiatives written (0 when nothing was loaded)."""
    if model.frames is None:
        return 0
    has_any = session.scalar(
        select(func.count()).select_from(Initiative).where(Initiative.model_id == model_id)
    )
    has_frames = session.scalar(select(func.count()).select_from(Frame).where(Frame.model_id == model_id))
    if has_any or has_frames:
        return 0
    decision, frames, items = read_portfolio(path)
    year = local_date(now).year
    domains = {d.key: d for d in session.scalars(select(Domain).where(Domain.model_id == model_id))}
    for key, (inv_now, op_now, inv_next, op_next) in frames.items():
        for offset, kind, amount in ((0, INVESTMENT, inv_now), (0, OPERATING, op_now),
                                     (1, INVESTMENT, inv_next), (1, OPERATING, op_next)):  # fmt: skip
            _write(session, model, model_id, DEMO_ACTOR, domains[key], year + offset, kind,
                   Decimal(str(amount)).quantize(Decimal("0.01")), decision, "import", now)  # fmt: skip
    positions: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        sequence, reference = next_reference(session, year)
        domain = domains[item.domain]
        initiative = Initiative(
            model_id=model_id, reference=reference, year=year, sequence=sequence, title=item.title,
            need=f"Demo: behovet bak «{item.title}».", change="Demo: foreslått endring.",
            benefit="Demo: forventet gevinst.", contact="Demo", investment_min_mnok=item.investment * 0.8,
            investment_max_mnok=item.investment, operating_min_mnok=item.operating * 0.8,
            operating_max_mnok=item.operating, budget_year=year + item.year_offset, state=item.state,
            domain_id=domain.id, submitter_platform="demo", submitter_user_id="demo",
            submission_id=f"demo-portfolio-{n}", created_at=now, updated_at=now,
        )  # fmt: skip
        initiative.domains.append(InitiativeDomain(domain_id=domain.id))
        session.add(initiative)
        session.flush()
        if item.state in model.frames.proposed_states:
            positions[item.domain] = positions.get(item.domain, 0) + 1
            session.add(PriorityEntry(model_id=model_id, domain_id=domain.id, initiative_id=initiative.id,
                                      position=positions[item.domain], updated_by=DEMO_ACTOR.audit_name,
                                      updated_at=now))  # fmt: skip
    record(session, actor=DEMO_ACTOR.audit_name, action="frames.demo_loaded", entity_type="portfolio",
           entity_ref=path.name, model_key=model.key, after={"initiatives": len(items), "year": year})  # fmt: skip
    return len(items)


def seed_demo(ctx) -> int:  # type: ignore[no-untyped-def]
    """`govbot serve --demo` / `govbot chat --demo`: load the model's demo portfolio into an empty store."""
    name = ctx.model.demo_portfolio
    if name is None:
        return 0
    with ctx.store.session() as session:
        return load_demo_portfolio(
            session, ctx.model, ctx.store.model_id, ctx.store.model_dir / name, ctx.clock()
        )
