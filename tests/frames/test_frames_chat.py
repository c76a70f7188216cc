"""Issue 16 §3 and §6 in chat: the demo portfolio loaded into an empty store, then the frame questions
asked as a board member types them, through the real understanding step, on SQLite and PostgreSQL.

The figures are worked out by hand from models/presets/hso-2026.portfolio.yaml (upper estimates, the
frame year 2026): Pasientbehandling has a 120 MNOK investment frame, 45 used (BP3), 43 committed
(BP2 25 + prioritised 18), 32 proposed, so 32 left; its proposed 14 + 6 + 12 all fit, exactly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.frames.demo import seed_demo
from handlers.frames.keeping import set_frame
from handlers.messages import IncomingMessage, Sender
from tests.scheduler.conftest import Clock, actor

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
BOARD_MEMBER = "hanne-kristoffersen"


@pytest.fixture
def demo(store: Any) -> HandlerContext:
    ctx = HandlerContext(store=store, clock=Clock(NOW))
    assert seed_demo(ctx) == 35
    assert seed_demo(ctx) == 0  # never twice, never into a store with data
    return ctx


def ask(ctx: HandlerContext, text: str) -> Any:
    return handle_message(IncomingMessage(text, Sender("test", BOARD_MEMBER), channel="terminal"), ctx)


def test_how_much_of_the_frame_is_used(demo: HandlerContext) -> None:
    reply = ask(demo, "hvor mye av rammen er brukt i Pasientbehandling?")
    assert reply.intent == "frames.usage"
    text = reply.text
    assert "Rammen for Pasientbehandling i 2026" in text
    for line in ("Investeringsramme: 120 MNOK", "Brukt: 45 MNOK (38 %)", "Bundet: 43 MNOK (36 %)",
                 "Foreslått: 32 MNOK", "Igjen etter brukt og bundet: 32 MNOK"):  # fmt: skip
        assert line in text
    assert (
        "(Sak 000 §2.4: administrerende direktør" in text and "Antatt: brukt = besluttet gjennomført" in text
    )
    english = ask(demo, "how much of the frame is used in Patient treatment?")
    assert english.intent == "frames.usage"
    assert "Used: 45 MNOK (38 %)" in english.text and "Left after used and committed: 32 MNOK" in english.text


def test_the_portfolio_at_a_glance_warns_near_the_limit(demo: HandlerContext) -> None:
    with demo.store.session() as session:
        set_frame(session, demo.model, demo.store.model_id, actor("ola-hansen"), domain="Infrastruktur og teknologi",
                  year=2026, kind="investment", amount=Decimal(65), reference="PS-sak 40/26", now=NOW)  # fmt: skip
    reply = ask(demo, "vis rammene for alle områdene i 2026")
    assert reply.intent == "frames.usage"
    assert "Pasientbehandling: ramme 120 MNOK, brukt 45 MNOK, bundet 43 MNOK" in reply.text
    assert (
        "Varsel: Infrastruktur og teknologi har 97 % av investeringsrammen brukt eller bundet" in reply.text
    )
    assert "Varsel: Pasientbehandling" not in reply.text


def test_what_fits_in_priority_order(demo: HandlerContext) -> None:
    reply = ask(demo, "hva får plass innenfor rammen i Pasientbehandling?")
    assert reply.intent == "frames.fits"
    text = reply.text
    assert (
        text.index("nr. 1: INI-2026-0004")
        < text.index("nr. 2: INI-2026-0005")
        < text.index("nr. 3: INI-2026-0006")
    )
    assert "Igjen om de som får plass godkjennes: 0 MNOK" in text


def test_what_if_we_approve_one(demo: HandlerContext) -> None:
    reply = ask(demo, "if we approve INI-2026-0006, what is left?")
    assert reply.intent == "frames.whatif"
    text = reply.text
    assert "Left of the investment frame for 2026 afterwards: 20 MNOK" in text
    assert "Yearly operating cost 1 MNOK from the year after" in text
    # 2027: frame 34, earlier initiatives' operation used 4 + committed 4, this one 1 more
    assert "Left of the operating frame for 2027 afterwards: 25 MNOK" in text
    assert "No operating frame recorded for 2028" in text


def test_budget_input_for_next_year(demo: HandlerContext) -> None:
    reply = ask(demo, "budsjettinnspill for Pasientbehandling neste år")
    assert reply.intent == "frames.budget_input"
    assert "Budsjettinnspill for 2027" in reply.text
    assert "Pasientbehandling: investering 20 MNOK (1 initiativer), drift 10,6 MNOK per år" in reply.text
