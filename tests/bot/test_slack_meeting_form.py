"""The meeting form reaches Slack as a modal, opened straight from `/govbot planlegg møte`."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp.test_utils import TestClient

from tests.bot.conftest import StandIn, signed_headers


async def test_slash_command_opens_the_meeting_form_as_a_modal(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    body = urlencode(
        {
            "team_id": "T0000TEST",
            "channel_id": "C0000GOV",
            "user_id": "U0000KARI",
            "command": "/govbot",
            "text": "planlegg møte",
            "trigger_id": "trigger-meeting",
            "response_url": slack_api.url + "respond/m",
        }
    )
    headers = signed_headers(body, "application/x-www-form-urlencoded")
    assert (await slack_client.post("/slack/events", data=body, headers=headers)).status == 200
    [opened] = await slack_api.wait_for("views.open")
    view = opened.body["view"]
    assert opened.body["trigger_id"] == "trigger-meeting"
    assert view["type"] == "modal"
    blocks = {block.get("block_id") for block in view["blocks"]}
    assert {"body", "date", "time", "place"} <= blocks
