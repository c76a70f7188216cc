"""Issue 16 §4 at the wire: a frame question's chart posted in Slack (the files upload v2 flow), in the
Teams card (an Image with altText) and in the web chat's reply JSON, always beside the same numbers in
text; the terminal gets text only.

The demo portfolio (tests/frames/test_frames_chat.py works its figures out by hand): Pasientbehandling
2026 has a 120 MNOK frame, 45 used + 43 committed = 88 bound, 32 proposed; so the chart's bars stand
frame > bound > proposed, which the PNG read back pixel by pixel must show.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from PIL import Image as PillowImage

from bot.server import create_app
from bot.settings import Settings
from bot.teams.cards import MESSAGE_BUDGET, adaptive_card
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.frames.demo import seed_demo
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Image, Paragraph, Reply
from tests.bot.conftest import BOT_USER_ID, UPLOAD_PATH, StandIn, signed_headers, slack_settings
from tests.bot.test_slack_events import event_body
from tests.bot.test_teams import activity, replies
from tests.bot.webchat_client import WebChat, demo_settings
from tests.frames.pixels import bar_tops
from tests.scheduler.conftest import Clock

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
QUESTION = "hvor mye av rammen er brukt i Pasientbehandling?"
ALT_NB = "Rammen for Pasientbehandling i 2026: ramme 120 MNOK, brukt og bundet 88 MNOK, foreslått 32 MNOK."
ALT_EN = (
    "The frame of Patient treatment in 2026: frame 120 MNOK, used and committed 88 MNOK, proposed 32 MNOK."
)


@pytest.fixture
def demo(store: Any) -> HandlerContext:
    ctx = HandlerContext(store=store, clock=Clock(NOW))
    assert seed_demo(ctx) > 0
    return ctx


def assert_domain_bars(png: bytes) -> None:
    assert png.startswith(b"\x89PNG")
    tops = bar_tops(png)
    assert tops["frame"] > tops["committed"] > tops["proposed"] > 0
    assert abs(tops["committed"] / tops["frame"] - 88 / 120) < 0.03


# --- Slack ---------------------------------------------------------------------------------------------


@pytest.fixture
async def slack(demo: HandlerContext, slack_api: StandIn) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(demo, slack_settings(slack_api)))) as client:
        yield client


async def test_slack_mention_gets_the_answer_then_the_chart_uploaded_in_its_thread(
    slack: TestClient, slack_api: StandIn
) -> None:
    body = event_body(f"<@{BOT_USER_ID}> {QUESTION}")
    response = await slack.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200

    [completed] = await slack_api.wait_for("files.completeUploadExternal")
    [posted] = slack_api.paths("chat.postMessage")
    assert "Brukt: 45 MNOK (38 %)" in posted.body["text"] and "Foreslått: 32 MNOK" in posted.body["text"]
    assert "nettpraten" not in posted.body["text"]  # the picture is here, not elsewhere
    [asked] = slack_api.paths("files.getUploadURLExternal")
    [uploaded] = [call for call in slack_api.calls if call.path.startswith(UPLOAD_PATH)]
    assert asked.body["alt_txt"] == ALT_NB
    assert asked.body["filename"] == "rammer-2026.png"
    assert int(asked.body["length"]) == len(uploaded.raw)
    assert_domain_bars(uploaded.raw)
    assert completed.body["channel_id"] == "C0000GOV"
    assert completed.body["thread_ts"] == posted.body["thread_ts"] == "1700000000.000100"
    [shared] = completed.body["files"]
    assert shared["title"] == "Rammen for Pasientbehandling i 2026"
    assert uploaded.path == UPLOAD_PATH + shared["id"]  # the bytes went to the URL handed out for this file
    order = [call.path.rsplit("/", 1)[-1] for call in slack_api.calls if "users.info" not in call.path]
    assert order.index("chat.postMessage") < order.index("files.getUploadURLExternal")


async def test_slack_dm_in_english_gets_the_portfolio_chart_outside_any_thread(
    slack: TestClient, slack_api: StandIn
) -> None:
    body = event_body("show the frames of all domains", kind="message", channel_type="im", user="U0000JOHN")
    response = await slack.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200

    [completed] = await slack_api.wait_for("files.completeUploadExternal")
    [asked] = slack_api.paths("files.getUploadURLExternal")
    assert asked.body["alt_txt"].startswith("The portfolio in 2026: frames and use. ")
    assert (
        "Patient treatment: frame 120 MNOK, used and committed 88 MNOK, proposed 32 MNOK."
        in asked.body["alt_txt"]
    )
    assert len(asked.body["alt_txt"]) <= 1000  # Slack refuses longer (alt_txt_too_large)
    assert asked.body["filename"] == "frames-2026.png"
    [uploaded] = [call for call in slack_api.calls if call.path.startswith(UPLOAD_PATH)]
    assert PillowImage.open(io.BytesIO(uploaded.raw)).size == (800, 420)
    assert "thread_ts" not in completed.body and completed.body["channel_id"] == "C0000GOV"


async def test_a_refused_upload_leaves_the_text_answer(slack: TestClient, slack_api: StandIn) -> None:
    from aiohttp import web

    slack_api.scripted["files.getUploadURLExternal"] = [
        web.json_response({"ok": False, "error": "not_allowed"})
    ]
    body = event_body(f"<@{BOT_USER_ID}> {QUESTION}", event_id="Ev0000REFUSED")
    response = await slack.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200
    [posted] = await slack_api.wait_for("chat.postMessage")
    await slack_api.wait_for("files.getUploadURLExternal")
    assert "Brukt: 45 MNOK (38 %)" in posted.body["text"]
    assert not slack_api.paths("files.completeUploadExternal")


async def test_the_slash_commands_ephemeral_answer_gets_the_text_and_where_the_chart_is_shown(
    slack: TestClient, slack_api: StandIn
) -> None:
    """An ephemeral answer cannot carry a file: the text, and a sentence saying where the chart is shown."""
    body = urlencode(
        {"team_id": "T0000TEST", "channel_id": "C0000GOV", "user_id": "U0000KARI", "command": "/govbot",
         "text": QUESTION, "trigger_id": "trigger-frames", "response_url": slack_api.url + "respond/frames"}
    )  # fmt: skip
    headers = signed_headers(body, "application/x-www-form-urlencoded")
    response = await slack.post("/slack/events", data=body, headers=headers)
    assert response.status == 200
    [answered] = await slack_api.wait_for("respond/frames")
    assert answered.body["response_type"] == "ephemeral"
    assert "Brukt: 45 MNOK (38 %)" in answered.body["text"]
    assert "i en Slack-melding til govbot" in answered.body["text"]
    assert not slack_api.paths("files.getUploadURLExternal")


# --- Teams ---------------------------------------------------------------------------------------------


@pytest.fixture
async def teams(demo: HandlerContext) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(demo, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        yield client


async def test_teams_card_carries_the_chart_as_an_image_with_its_alt_text(
    teams: TestClient, connector: StandIn
) -> None:
    response = await teams.post(
        "/api/messages", json=activity(connector, "how much of the frame is used in Patient treatment?")
    )
    assert response.status == 201
    [reply] = replies(connector)
    assert "Used: 45 MNOK (38 %)" in reply["text"]
    content = reply["attachments"][0]["content"]
    [image] = [element for element in content["body"] if element["type"] == "Image"]
    assert image["altText"] == ALT_EN
    prefix = "data:image/png;base64,"
    assert image["url"].startswith(prefix)
    assert_domain_bars(base64.b64decode(image["url"].removeprefix(prefix)))
    raw = connector.calls[-1]
    assert len(json.dumps(raw.body).encode()) < 28 * 1024  # Teams refuses a message over about 28 KB


def test_a_card_that_would_be_too_big_for_teams_goes_without_its_picture() -> None:
    figures = Paragraph("Tallene: ramme 120 MNOK.")
    small = Reply("nb", (figures, Image(b"\x89PNG" + b"\0" * 4000, "Diagram: ramme 120 MNOK.", "Rammen")))
    big = Reply(
        "nb", (figures, Image(b"\x89PNG" + b"\0" * MESSAGE_BUDGET, "Diagram: ramme 120 MNOK.", "Rammen"))
    )
    assert [e["type"] for e in adaptive_card(small)["body"]] == ["RichTextBlock", "Image"]
    assert [e["type"] for e in adaptive_card(big)["body"]] == ["RichTextBlock"]


# --- the web chat and the terminal ---------------------------------------------------------------------


async def test_web_chat_reply_carries_the_chart_as_a_data_uri_image(demo: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(demo, demo_settings()))) as client:
        chat = await WebChat(client).as_person("hanne-kristoffersen")
        status, reply = await chat.post("/webchat/api/messages", {"text": QUESTION})
        page = await client.get("/")
    assert status == 200
    [image] = [block for block in reply["blocks"] if block["type"] == "image"]
    assert image["alt"] == ALT_NB and image["title"] == "Rammen for Pasientbehandling i 2026"
    assert_domain_bars(base64.b64decode(image["src"].removeprefix("data:image/png;base64,")))
    assert "Brukt: 45 MNOK (38 %)" in reply["text"]
    assert "img-src 'self' data:" in page.headers["Content-Security-Policy"]


def ask_at_the_terminal(ctx: HandlerContext, text: str) -> Reply:
    return handle_message(
        IncomingMessage(text, Sender("test", "hanne-kristoffersen"), channel="terminal"), ctx
    )


def test_the_terminal_gets_text_only_and_where_the_chart_is_shown(demo: HandlerContext) -> None:
    reply = ask_at_the_terminal(demo, QUESTION)
    assert reply.intent == "frames.usage"
    assert not any(isinstance(block, Image) for block in reply.blocks)
    assert "Tallene vises også som diagram når du spør i nettpraten" in reply.text
    english = ask_at_the_terminal(demo, "show the frames of all domains")
    assert "The figures are also shown as a chart when you ask in the web chat" in english.text


def test_without_matplotlib_the_answer_is_text_only(
    demo: HandlerContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the `charts` extra were not installed
    message = IncomingMessage(QUESTION, Sender("test", "hanne-kristoffersen"), channel="web", pictures=True)
    reply = handle_message(message, demo)
    assert reply.intent == "frames.usage" and "Brukt: 45 MNOK (38 %)" in reply.text
    assert not any(isinstance(block, Image) for block in reply.blocks)
    assert "diagram" not in reply.text
