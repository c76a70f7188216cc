"""A clocked context with two Pasientbehandling meetings and one portfolio-board meeting, for chat tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.initiatives.amounts import MnokRange
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Reply
from tests.scheduler.conftest import Clock, actor

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling (hso-2026)
PORTFOLIO_SECRETARY = "ingrid-johansen"
CASE_OWNER = "hanne-kristoffersen"
OUTSIDER = "knut-johnsen"
NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@dataclass
class Planned:
    ctx: HandlerContext
    clock: Clock
    december: int
    april: int
    portfolio: int
    item: int


def ask(ctx: HandlerContext, text: str, user: str = CASE_OWNER, **data: str) -> Reply:
    return handle_message(IncomingMessage(text, Sender("terminal", user), data=data), ctx)


@pytest.fixture
def planned(store: Any) -> Planned:
    from handlers.meetings.access import resolve_body
    from handlers.meetings.agenda import add_item
    from handlers.meetings.deadlines import OSLO
    from handlers.meetings.planning import add_meeting

    clock = Clock(NOW)
    ctx = HandlerContext(store=store, clock=clock)
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        portfolio = resolve_body(session, store.model_id, "porteføljestyret")
        args = (session, store.model, store.model_id)
        december = add_meeting(
            *args, actor(SECRETARY), board, datetime(2026, 12, 14, 9, tzinfo=OSLO), "Teams", NOW
        )
        april = add_meeting(*args, actor(SECRETARY), board, datetime(2027, 4, 5, 9, tzinfo=OSLO), None, NOW)
        big = add_meeting(
            *args, actor(PORTFOLIO_SECRETARY), portfolio, datetime(2027, 2, 8, 10, tzinfo=OSLO), "Oslo", NOW
        )
        item = add_item(
            *args,
            actor(SECRETARY),
            december.id,
            title="Ny kurveløsning",
            owner_key=CASE_OWNER,
            kind="decision",
            initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        )
        ids = (december.id, april.id, big.id, item.id)
    return Planned(ctx, clock, *ids)
