"""Issue 16 (speed): the running totals the frame summary reads equal a fresh recount of the initiatives
after every kind of change (new, state move, cost change, budget year, domain, bulk update, delete),
on SQLite and PostgreSQL; and the summary read from them equals the initiatives added up one by one."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update

from handlers.context import HandlerContext
from handlers.frames.demo import seed_demo
from handlers.frames.figures import frame_year, initiative_cost, state_classes, summarise
from models.tables import Domain, FrameTotal, Initiative
from tests.scheduler.conftest import Clock

YEARS = range(2025, 2030)


def _recount(session: Any) -> dict[tuple[int, int, int, str], tuple[int, float, float, float, float]]:
    def low_high(low: Any, high: Any) -> tuple[Any, Any]:
        return func.coalesce(low, high, 0.0), func.coalesce(high, low, 0.0)

    i = Initiative
    rows = session.execute(
        select(
            i.model_id, i.domain_id, frame_year(), i.state, func.count(),
            *(func.sum(c) for c in low_high(i.investment_min_mnok, i.investment_max_mnok)),
            *(func.sum(c) for c in low_high(i.operating_min_mnok, i.operating_max_mnok)),
        ).group_by(i.model_id, i.domain_id, frame_year(), i.state)
    )  # fmt: skip
    return {(m, d, y, s): (n, *(round(v, 6) for v in sums)) for m, d, y, s, n, *sums in rows}


def _totals(session: Any) -> dict[tuple[int, int, int, str], tuple[int, float, float, float, float]]:
    t = FrameTotal
    return {
        (r.model_id, r.domain_id, r.frame_year, r.state): (
            r.initiatives,
            *(
                round(v, 6)
                for v in (r.investment_lower, r.investment_upper, r.operating_lower, r.operating_upper)
            ),
        )
        for r in session.scalars(select(t))
    }


def _one_by_one(
    session: Any, store: Any, model: Any, year: int
) -> dict[str, tuple[dict[str, Decimal], dict[str, Decimal]]]:
    """What `summarise` must say, from every initiative loaded and counted in Python."""
    policy = model.frames
    classes = state_classes(policy)
    keys = dict(session.execute(select(Domain.id, Domain.key)).all())
    out: dict[str, tuple[dict[str, Decimal], dict[str, Decimal]]] = {}
    for row in session.scalars(select(Initiative).where(Initiative.model_id == store.model_id)):
        if row.state not in classes:
            continue
        investment, operating = initiative_cost(policy, row)
        inv, op = out.setdefault(keys[row.domain_id], ({}, {}))
        fy = row.budget_year or row.year
        if fy == year:
            inv[classes[row.state]] = inv.get(classes[row.state], Decimal(0)) + investment
        if fy < year:
            op[classes[row.state]] = op.get(classes[row.state], Decimal(0)) + operating
    return out


def _with_estimate(model: Any, estimate: str) -> Any:
    return model.model_copy(update={"frames": model.frames.model_copy(update={"cost_estimate": estimate})})


def _check(store: Any) -> None:
    with store.read() as session:
        recount = _recount(session)
        assert recount, "the sequence left no initiatives to count"
        assert _totals(session) == recount
        for year, estimate in ((y, e) for y in YEARS for e in ("lower", "middle", "upper")):
            model = _with_estimate(store.model, estimate)
            expected = _one_by_one(session, store, model, year)
            for figures in summarise(session, model, store.model_id, year):
                inv, op = expected.get(figures.key, ({}, {}))
                assert {c: v for c, v in figures.investment.items() if v} == {
                    c: v for c, v in inv.items() if v
                }
                assert {c: v for c, v in figures.operating.items() if v} == {c: v for c, v in op.items() if v}


def test_totals_equal_a_fresh_recount_after_every_kind_of_change(store: Any) -> None:
    ctx = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, tzinfo=UTC)))
    seed_demo(ctx)  # initiatives written by the demo's own code paths
    _check(store)
    with store.session() as session:
        rows = session.scalars(select(Initiative).order_by(Initiative.id)).all()
        assert len(rows) >= 6
        domains = session.scalars(select(Domain.id).order_by(Domain.id)).all()
        rows[0].state = "BP4" if rows[0].state != "BP4" else "innmeldt"  # a state move between classes
        rows[1].investment_max_mnok = (rows[1].investment_max_mnok or 0) + 12.34  # a cost change
        rows[1].operating_min_mnok = None  # an estimate's end removed: the other end counts
        rows[2].budget_year = (rows[2].budget_year or rows[2].year) + 1  # to the next year's frame
        rows[3].domain_id = next(d for d in domains if d != rows[3].domain_id)  # to another domain
        rows[4].title = rows[4].title + " (ny tittel)"  # no counted column: the totals stay as they are
    _check(store)
    with store.session() as session:  # a bulk statement no ORM event sees
        session.execute(
            update(Initiative).where(Initiative.id % 2 == 0).values(state="prioritert", budget_year=2027)
        )
    _check(store)
    with store.session() as session:
        session.execute(
            delete(Initiative).where(Initiative.id == select(func.max(Initiative.id)).scalar_subquery())
        )
    _check(store)


def test_a_rolled_back_change_leaves_the_totals_as_they_were(store: Any) -> None:
    ctx = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, tzinfo=UTC)))
    seed_demo(ctx)
    with store.read() as session:
        before = _totals(session)
    try:
        with store.session() as session:
            session.execute(update(Initiative).values(state="BP3", investment_max_mnok=99.0))
            raise RuntimeError("the change fails half-way")
    except RuntimeError:
        pass
    with store.read() as session:
        assert _totals(session) == before
    _check(store)
