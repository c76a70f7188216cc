"""Issue 14, through the web chat API: «mine frister» says a deadline has passed instead of listing it as
ahead, and a meeting with no cases is never said to have all its papers delivered."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from tests.bot.webchat_client import demo_settings, visitor
from tests.meetings.conftest import CASE_OWNER, PORTFOLIO_SECRETARY, SECRETARY, Planned


async def test_my_deadlines_mark_the_ones_gone_by(planned: Planned) -> None:
    planned.clock.now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # papers for 14.12 were due 04.12
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        owner = await visitor(client, CASE_OWNER)
        mine = await owner.say("mine frister")
        assert "04.12.2026, fristen er passert: sak 1-2026 Ny kurveløsning" in mine
        assert "04.12.2026: sak" not in mine
        secretary = await (await visitor(client, SECRETARY)).say("my deadlines")
        assert "4 December 2026, deadline passed: papers for Områdestyre Pasientbehandling" in secretary
        assert "24 March 2027: papers for Områdestyre Pasientbehandling" in secretary  # still ahead
        planned.clock.now = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # the deadline day holds all day
        assert "04.12.2026: sak 1-2026 Ny kurveløsning" in await owner.say("mine frister")


async def test_an_empty_agenda_is_not_all_delivered(planned: Planned) -> None:
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        chat = await visitor(client, PORTFOLIO_SECRETARY)
        reply = await chat.reply("hvilke saksdokumenter mangler til neste møte i porteføljestyret?")
        assert reply["intent"] == "meetings.missing", reply
        assert "Sakslisten til Porteføljestyret 08.02.2027 kl. 10:00 har ingen saker ennå" in reply["text"]
        assert "er levert" not in reply["text"]
        chase = await chat.say(f"påminn de som mangler saksdokumenter til møtet {planned.portfolio}")
        assert "har ingen saker ennå" in chase and "er levert" not in chase
        english = await chat.say("which papers are missing for the next meeting of the portfolio board")
        assert "has no cases yet" in english and "delivered" not in english
