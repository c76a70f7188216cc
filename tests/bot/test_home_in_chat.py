"""The home view where there is no home tab: «oversikt» / "overview" in Teams and the web chat.

The same neutral view as the Slack App Home (tests/bot/test_slack_home.py): Hilde, secretariat of
Områdestyre Pasientbehandling, sees her initiative, her paper deadline and the board's next meeting. A
message that only contains the word («oversikt over …») stays a catalogue question.
"""

from __future__ import annotations

import json

from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.initiatives.intake import process_intake
from handlers.messages import Sender
from tests.bot.conftest import StandIn
from tests.bot.initiative_input import REFERENCE
from tests.bot.test_slack_home import NOW, plan_case_for_hilde
from tests.bot.test_teams import activity, replies
from tests.bot.webchat_client import demo_settings, visitor
from tests.initiatives.conftest import valid_values

HILDE_EMAIL = "hilde.karlsen@example.org"


def submit_for_hilde(context: HandlerContext, platform: str, account: str) -> str:
    sender = Sender(platform, account, "Hilde", HILDE_EMAIL, "nb-NO")
    receipt = process_intake(
        context,
        valid_values(title="Ny kurve"),
        sender=sender,
        language="nb",
        submission_id=f"home-{platform}",
    )
    assert receipt.ok, receipt.errors
    return REFERENCE.findall(receipt.reply.text if receipt.reply else "")[0]


async def test_oversikt_in_teams_shows_hildes_initiatives_deadlines_and_meetings(
    context: HandlerContext, connector: StandIn
) -> None:
    context.clock = lambda: NOW
    connector.emails["29:user-hilde"] = HILDE_EMAIL
    reference = submit_for_hilde(context, "teams", "29:user-hilde")
    plan_case_for_hilde(context)
    hilde = {"id": "29:user-hilde", "name": "Hilde", "aadObjectId": "aad-hilde"}

    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        sent = activity(connector, "Oversikt", activity_id="act-home", locale="nb-NO", **{"from": hilde})
        assert (await client.post("/api/messages", json=sent)).status == 201
        [reply] = replies(connector)

    shown = json.dumps(reply, ensure_ascii=False)
    for heading in (
        "Mine initiativer",
        "Mine frister",
        "Neste møter i mine organer",
        "Dette kan jeg svare på",
    ):
        assert heading in shown
    assert f"{reference} Ny kurve" in shown
    assert "04.12.2026: sak 1-2026 Ny kurveløsning til Områdestyre Pasientbehandling" in shown
    assert "Neste møte i Områdestyre Pasientbehandling: 14.12.2026 kl. 09:00" in shown


async def test_overview_in_the_web_chat_answers_in_english_and_a_longer_question_is_not_the_home_view(
    context: HandlerContext,
) -> None:
    context.clock = lambda: NOW
    reference = submit_for_hilde(context, "webdemo", "hilde-karlsen")
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        hilde = await visitor(client, "hilde-karlsen")
        home = await hilde.reply("My overview!")
        other = await hilde.reply("oversikt over systemene i Prehospital")

    assert home["intent"] == "home"
    shown = json.dumps(home, ensure_ascii=False)
    assert "My initiatives" in shown and "My deadlines" in shown and reference in shown
    assert other["intent"] != "home"


async def test_someone_the_model_does_not_know_is_told_why_there_is_no_overview(
    context: HandlerContext, connector: StandIn
) -> None:
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        sent = activity(connector, "overview", activity_id="act-home-unknown")
        assert (await client.post("/api/messages", json=sent)).status == 201
        [reply] = replies(connector)

    shown = json.dumps(reply, ensure_ascii=False)
    assert "I cannot find you among the people of the governance model" in shown
    assert "What I can answer" in shown and "My initiatives" not in shown
