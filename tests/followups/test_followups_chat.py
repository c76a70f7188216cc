"""Issue 14 item 4 in chat, through the web chat's HTTP API: the secretariat adds a follow-up to a
decision, its owner lists theirs («mine oppfølgingspunkter» / "my follow-ups"), moves and finishes it,
others are refused; the owner is reminded through the outbox before it is due and once when overdue,
each reminder once, none after it is done. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting
from tests.bot.webchat_client import demo_settings, visitor
from tests.outbox import deliver
from tests.scheduler.conftest import Clock, actor

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling (hso-2026)
OWNER = "hanne-kristoffersen"
OUTSIDER = "knut-johnsen"
NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def held(store: Any) -> tuple[HandlerContext, Clock, str]:
    clock = Clock(NOW)
    ctx = HandlerContext(store=store, clock=clock)
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        args = (session, store.model, store.model_id)
        meeting = add_meeting(
            *args, actor(SECRETARY), board, datetime(2026, 11, 9, 9, tzinfo=OSLO), None, NOW
        )
        item = add_item(
            *args, actor(SECRETARY), meeting.id, title="Ny kurveløsning", owner_key=OWNER, kind="decision",
            initiative_ref=None, operating_cost=MnokRange(0.5, 0.5), now=NOW,
        )  # fmt: skip
        number = item.number  # type: ignore[union-attr]
    deliver(ctx)
    clock.now = datetime(2026, 11, 10, 8, tzinfo=UTC)  # the meeting has been held
    return ctx, clock, number


def _told(ctx: HandlerContext) -> list[tuple[str, str, str]]:
    return [(n.person_key, n.kind, n.reply.text) for n in deliver(ctx) if n.kind.startswith("followup.")]


async def test_follow_up_added_listed_answered_and_reminded_in_chat(held: Any) -> None:
    ctx, clock, number = held
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        secretary = await visitor(client, SECRETARY)
        owner = await visitor(client, OWNER)
        outsider = await visitor(client, OUTSIDER)
        await secretary.say(
            f"vedtak sak {number} i Pasientbehandling: vedtatt. Styret godkjenner ny kurveløsning."
        )
        case = number.replace("-20", "/")

        denied = await outsider.reply(
            f"oppfølging av sak {case}: Hanne Kristoffersen innen 20.11.2026: lag overslag"
        )
        assert denied["intent"] == "refused.followups.no_decision"
        added = await secretary.reply(
            f"oppfølging av sak {case}: Hanne Kristoffersen innen 20.11.2026: lag kostnadsoverslag"
        )
        assert added["intent"] == "followups.changed", added
        assert "innen 20. november 2026: lag kostnadsoverslag" in added["text"]

        mine = await owner.reply("mine oppfølgingspunkter")
        assert mine["intent"] == "followups.mine"
        assert f"1. Sak {case}: lag kostnadsoverslag – frist 20. november 2026" in mine["text"]
        assert "forfalt" not in mine["text"]
        english = await owner.reply("what follow-ups do I have?")
        assert english["intent"] == "followups.mine"
        assert "due 20 November 2026" in english["text"]
        assert (await outsider.reply("mine oppfølgingspunkter"))["text"].startswith("Du har ingen åpne")

        clock.now = datetime(2026, 11, 13, 8, 30, tzinfo=UTC)  # 5 working days before, after 09:00 Oslo
        reminded = _told(ctx)
        assert [(p, k) for p, k, _ in reminded] == [(OWNER, "followup.due")]
        assert "har frist 20. november 2026: lag kostnadsoverslag" in reminded[0][2]
        assert _told(ctx) == []  # sent once

        clock.now = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)  # the day after the due date
        overdue = _told(ctx)
        assert [k for _, k, _ in overdue] == ["followup.overdue"]  # the 1-day one was missed: too late
        assert "(forfalt)" in (await owner.say("mine oppfølgingspunkter"))

        refused = await outsider.reply("oppfølging 1 er gjort")
        assert refused["intent"] == "refused.followups.denied"
        moved = await owner.reply("ny frist for oppfølging 1: 01.12.2026")
        assert moved["intent"] == "followups.changed" and "ny frist 1. desember 2026" in moved["text"]
        done = await owner.reply("follow-up 1 done")
        assert done["intent"] == "followups.changed" and "is marked as done" in done["text"]
        assert (await owner.reply("my follow-ups"))["text"] == "You have no open follow-ups."

        clock.now = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)  # past the new date: nothing for a done one
        assert _told(ctx) == []


PORTFOLIO_SECRETARY = "ingrid-johansen"


async def test_trust_representatives_are_asked_once_to_anchor_the_portfolio_boards_decisions(
    store: Any,
) -> None:
    """Seed 002 §4: one notice per trust representative per meeting, listing every decision recorded
    before it goes out (the working day after the recording, at the reminder hour)."""
    from handlers.meetings.permissions import body_people

    clock = Clock(NOW)
    ctx = HandlerContext(store=store, clock=clock)
    with store.session() as session:
        board = resolve_body(session, store.model_id, "porteføljestyret")
        args = (session, store.model, store.model_id)
        meeting = add_meeting(
            *args, actor(PORTFOLIO_SECRETARY), board, datetime(2026, 11, 9, 9, tzinfo=OSLO), None, NOW
        )
        numbers = [
            add_item(
                *args, actor(PORTFOLIO_SECRETARY), meeting.id, title=title, owner_key=OWNER, kind="decision",
                initiative_ref=None, operating_cost=MnokRange(0.5, 0.5), now=NOW,
            ).number  # type: ignore[union-attr]
            for title in ("Regional kurveløsning", "Felles innbyggerportal")
        ]  # fmt: skip
        representatives = set(body_people(session, board.id, frozenset({"trust_representative"})))
    assert len(representatives) >= 3
    deliver(ctx)
    clock.now = datetime(2026, 11, 10, 12, tzinfo=UTC)  # Tuesday, after the meeting
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        secretary = await visitor(client, PORTFOLIO_SECRETARY)
        for number, outcome in zip(numbers, ("vedtatt", "utsatt"), strict=True):
            said = await secretary.reply(
                f"vedtak sak {number} i porteføljestyret: {outcome}. Styret har besluttet."
            )
            assert said["intent"] == "decisions.recorded", said
    assert [n for n in deliver(ctx) if n.kind == "decisions.anchor"] == []  # not before the next morning
    clock.now = datetime(2026, 11, 11, 8, 30, tzinfo=UTC)  # Wednesday after 09:00 Oslo
    sent = [n for n in deliver(ctx) if n.kind == "decisions.anchor"]
    assert sorted(n.person_key for n in sent) == sorted(representatives)  # each once
    text = sent[0].reply.text
    assert "forankre vedtakene i eget helseforetak" in text and "9. november 2026" in text
    for number, outcome in zip(numbers, ("vedtatt", "utsatt"), strict=True):
        assert f"Sak {number.replace('-20', '/')}" in text and outcome in text
    clock.now = datetime(2026, 11, 12, 8, 30, tzinfo=UTC)
    assert [n for n in deliver(ctx) if n.kind == "decisions.anchor"] == []  # never twice
