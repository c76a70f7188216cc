"""A clocked Helse Nord store (the preset with oppdrag 1–16) on SQLite and PostgreSQL, and a chat helper."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.notify import RecordingNotifier
from handlers.replies import Reply
from tests.scheduler.conftest import Clock

DIRECTOR = "solveig-rasmussen"  # HN IKT director: owner of oppdrag 1, 14, 15 and 16 in the preset
CLINICAL_LEADER = "henrik-kristensen"  # owner of oppdrag 2–8
SECRETARY = "torbjorn-amundsen"  # secretariat of every Helse Nord body
TRUST_REP = "eirik-lunde"  # a board member who owns no assignment
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def ask(ctx: HandlerContext, text: str, user: str = DIRECTOR) -> Reply:
    return handle_message(IncomingMessage(text, Sender("terminal", user)), ctx)


@pytest.fixture
def helse_nord(database_url: str) -> Iterator[HandlerContext]:
    from models.store import open_store

    store = open_store(database_url, "helse-nord-2026")
    try:
        yield HandlerContext(store=store, clock=Clock(NOW), notifier=RecordingNotifier())
    finally:
        store.close()


def clock_of(ctx: HandlerContext) -> Any:
    assert isinstance(ctx.clock, Clock)
    return ctx.clock
