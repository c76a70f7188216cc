"""Reliability 9: every state change writes exactly one audit row, in the same transaction as the change.

Each action runs through the function its channel calls. To prove "same transaction", a real
constraint violation is added to the very unit of work just before it commits (a duplicate
`processed_events` row, flushed by SQLAlchemy's `before_commit`): the database refuses the commit, and
neither the change nor its audit row may remain. Nothing of ours is replaced or mocked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.initiatives.intake import process_intake
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.meetings.agenda import add_item, mark_delivered
from handlers.meetings.planning import add_meeting, cancel_meeting, move_meeting
from models.catalogue.importer import import_catalogue
from models.tables import AgendaItem, AuditEntry, GovernanceModelRow, Initiative, Meeting, ProcessedEvent
from tests.bot.initiative_input import GOOD
from tests.reliability.test_permission_matrix import (
    DOMAIN,
    Fixture,
    _actor,
    _in_transaction,
    _sender,
    _starts,
)

CATALOGUE = Path(__file__).resolve().parents[2] / "models" / "presets" / "hso-2026.systems.csv"
BOARD, SECRETARY = "omradestyre-pasientbehandling", "hilde-karlsen"
CLASH = ("reliability", "audit-clash")


@contextmanager
def failing_commit(ctx: HandlerContext) -> Iterator[list[int]]:
    """The next commit carries a duplicate processed_events row, so the database refuses all of it."""
    with ctx.store.session() as session:
        if session.scalar(select(ProcessedEvent).where(ProcessedEvent.event_id == CLASH[1])) is None:
            session.add(ProcessedEvent(platform=CLASH[0], event_id=CLASH[1]))
    fired: list[int] = []

    def clash(session: Session) -> None:
        if not fired:
            fired.append(1)
            session.add(ProcessedEvent(platform=CLASH[0], event_id=CLASH[1]))

    event.listen(Session, "before_commit", clash)
    try:
        yield fired
    finally:
        event.remove(Session, "before_commit", clash)


def _as_secretary(ctx: HandlerContext, work: Callable[[Session, Any], Any]) -> None:
    assert _in_transaction(ctx, SECRETARY, work)


def _submit(ctx: HandlerContext, fx: Fixture) -> None:
    fx.serial += 1
    result = process_intake(
        ctx, {**GOOD, "title": f"Revidert {fx.serial}"}, sender=_sender(SECRETARY), language="nb",
        submission_id=f"audit-{fx.serial}", domain_key=DOMAIN,
    )  # fmt: skip
    assert result.ok


def _move(ctx: HandlerContext, fx: Fixture) -> None:
    reference = fx.unused.pop(("initiative", "under_vurdering"))
    outcome = move_initiative(
        ctx, MoveRequest(reference, "under_vurdering"), sender=_sender(SECRETARY), language="nb"
    )
    assert outcome.ok, outcome.reply


def _meeting(kind: str) -> Callable[[HandlerContext, Fixture], None]:
    def act(ctx: HandlerContext, fx: Fixture) -> None:
        model, model_id, now, later = ctx.model, ctx.store.model_id, ctx.clock(), _starts(ctx, 200)
        if kind == "add":
            from handlers.meetings.access import resolve_body

            _as_secretary(
                ctx,
                lambda s, a: add_meeting(
                    s, model, model_id, a, resolve_body(s, model_id, BOARD), later, None, now
                ),
            )
            return
        if kind == "delivered":
            item = fx.unused.pop(("item", BOARD))
            _as_secretary(ctx, lambda s, a: mark_delivered(s, model, model_id, a, item, now))
            return
        meeting = fx.unused.pop(("meeting", BOARD))
        work = {
            "move": lambda s, a: move_meeting(s, model, model_id, a, meeting, later, now),
            "cancel": lambda s, a: cancel_meeting(s, model, model_id, a, meeting, "flyttet", now),
            "agenda": lambda s, a: add_item(
                s, model, model_id, a, meeting, title="Ny sak", owner_key=SECRETARY, kind="decision",
                initiative_ref=None, now=now, operating_cost=MnokRange(0.5, 0.5),
            ),
        }[kind]  # fmt: skip
        _as_secretary(ctx, work)

    return act


def _import(ctx: HandlerContext, fx: Fixture) -> None:
    with ctx.store.session() as session:
        model_row = session.get_one(GovernanceModelRow, ctx.store.model_id)
        assert import_catalogue(session, model_row, CATALOGUE, actor="terminal:test").applied


ACTIONS: dict[str, Callable[[HandlerContext, Fixture], None]] = {
    "initiative.submitted": _submit,
    "initiative.moved": _move,
    "meeting.add": _meeting("add"),
    "meeting.move": _meeting("move"),
    "meeting.cancel": _meeting("cancel"),
    "agenda.add": _meeting("agenda"),
    "agenda.delivered": _meeting("delivered"),
    "catalogue.imported": _import,
}


def _state(ctx: HandlerContext) -> tuple[Any, ...]:
    with ctx.store.read() as session:
        return (
            sorted((a.id, a.action) for a in session.scalars(select(AuditEntry))),
            sorted((i.reference, i.state) for i in session.scalars(select(Initiative))),
            sorted((m.id, m.status, m.starts_at.isoformat()) for m in session.scalars(select(Meeting))),
            sorted((i.id, str(i.papers_delivered_at)) for i in session.scalars(select(AgendaItem))),
            session.get_one(GovernanceModelRow, ctx.store.model_id).catalogue_version,
        )


# what each action needs to exist first, created (and committed) before the action's own transaction
NEEDS: dict[str, tuple[str, str]] = {
    "initiative.moved": ("initiative", "under_vurdering"),
    "meeting.move": ("meeting", BOARD),
    "meeting.cancel": ("meeting", BOARD),
    "agenda.add": ("meeting", BOARD),
    "agenda.delivered": ("item", BOARD),
}


def _prepared(ctx: HandlerContext, action: str, serial: int) -> Fixture:
    fx = Fixture(ctx)
    fx.serial = serial
    if action in NEEDS:
        fx.reuse(*NEEDS[action])
    return fx


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_state_change_writes_exactly_1_audit_row_and_a_failed_commit_leaves_0_of_either(
    context: HandlerContext, action: str
) -> None:
    with context.store.read() as session:
        assert _actor(session, context, SECRETARY).known
    fx = _prepared(context, action, 0)
    before = _state(context)
    ACTIONS[action](context, fx)
    after = _state(context)
    new = [row[1] for row in after[0] if row not in before[0]]
    assert new == [action], f"{action}: audit rows {new}"
    assert after[1:] != before[1:], f"{action} changed nothing"

    fx = _prepared(context, action, 1000)
    before = _state(context)
    with failing_commit(context) as fired, pytest.raises(IntegrityError):
        ACTIONS[action](context, fx)
    assert fired, "the violation was injected"
    assert _state(context) == before, f"{action}: a refused commit left the change or its audit row"
