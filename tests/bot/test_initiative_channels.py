"""The real initiative form on every chat channel: "nytt initiativ" gives the form, never the dialog.

Slack: the global shortcut opens the intake modal; bad input comes back as inline errors and stores
nothing; good input closes the modal and DMs a receipt with an INI-YYYY-NNNN reference. Teams: the
phrase gives an Adaptive Card whose Action.Submit gives a reference. Each on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import Initiative, InitiativeDialog
from tests.bot.conftest import StandIn, signed_headers
from tests.bot.initiative_input import BAD, GOOD, REFERENCE
from tests.bot.test_teams import activity, replies

FORM = "application/x-www-form-urlencoded"


def count(ctx: HandlerContext, table: Any) -> int:
    with ctx.store.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


async def send_payload(client: TestClient, payload: dict[str, Any]) -> Any:
    body = urlencode({"payload": json.dumps(payload)})
    return await client.post("/slack/events", data=body, headers=signed_headers(body, FORM))


def slack_state(view: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """What Slack sends for each input block, by the element type the modal declared."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        name, element = block["block_id"], block["element"]
        value = values.get(name)
        if value is None:
            continue
        kind = element["type"]
        if kind == "multi_static_select":
            chosen = [o for o in element["options"] if o["value"] == value]
            state[name] = {name: {"type": kind, "selected_options": chosen}}
        else:
            state[name] = {name: {"type": kind, "value": value}}
    return state


def view_submission(view: dict[str, Any], values: dict[str, str], view_hash: str) -> dict[str, Any]:
    submitted = {**view, "id": "V0000INIT", "hash": view_hash, "state": {"values": slack_state(view, values)}}
    return {
        "type": "view_submission",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000KARI"},
        "view": submitted,
    }


async def test_slack_shortcut_modal_validates_inline_then_receipts_a_reference(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    shortcut = {
        "type": "shortcut",
        "callback_id": "submit_initiative",
        "trigger_id": "trigger-ini",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000KARI", "team_id": "T0000TEST"},
    }
    assert (await send_payload(slack_client, shortcut)).status == 200
    [opened] = await slack_api.wait_for("views.open")
    view = opened.body["view"]
    assert json.loads(view["private_metadata"])["form_id"] == "initiative"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert list(blocks)[:2] == ["title", "need"] and "contact" in blocks
    assert blocks["trusts"]["element"]["type"] == "multi_static_select"
    assert count(context, InitiativeDialog) == 0

    bad = await send_payload(slack_client, view_submission(view, BAD, "h-bad"))
    assert bad.status == 200
    answer = await bad.json()
    assert answer["response_action"] == "errors"
    assert {"title", "need"} <= set(answer["errors"]) and all(answer["errors"].values())
    assert count(context, Initiative) == 0 and slack_api.paths("chat.postMessage") == []

    good = await send_payload(slack_client, view_submission(view, GOOD, "h-good"))
    assert good.status == 200 and await good.text() == ""
    [receipt] = await slack_api.wait_for("chat.postMessage")
    assert receipt.body["channel"] == "U0000KARI"
    reference = REFERENCE.search(receipt.body["text"])
    assert reference is not None
    with context.store.read() as session:
        stored = session.scalar(select(Initiative))
        assert (stored.reference, stored.title) == (reference.group(0), GOOD["title"])


async def test_slack_dm_new_initiative_offers_the_form_not_the_dialog(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0000TEST",
            "event_id": "Ev0000NEWINI",
            "event": {
                "type": "message",
                "channel_type": "im",
                "user": "U0000KARI",
                "text": "nytt initiativ",
                "ts": "1.7",
                "channel": "D0000DM",
            },
        }
    )
    await slack_client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    [posted] = await slack_api.wait_for("chat.postMessage")
    [button] = [e for b in posted.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == "govbot_open_form"
    assert json.loads(button["value"])["form_id"] == "initiative"
    assert count(context, InitiativeDialog) == 0


async def test_teams_new_initiative_card_submission_gives_a_reference(
    context: HandlerContext, connector: StandIn
) -> None:
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post("/api/messages", json=activity(connector, "nytt initiativ", activity_id="ini-1"))
        [card_reply] = replies(connector)
        card = card_reply["attachments"][0]["content"]
        [submit] = card["actions"]
        assert submit["data"]["form_id"] == "initiative"
        inputs = {i["id"]: i for i in card["body"] if i["type"].startswith("Input.")}
        assert inputs["trusts"]["type"] == "Input.ChoiceSet" and inputs["trusts"]["isMultiSelect"]
        assert count(context, InitiativeDialog) == 0

        bad = activity(connector, None, activity_id="ini-bad", value={**submit["data"], **BAD})
        assert (await client.post("/api/messages", json=bad)).status == 201
        assert count(context, Initiative) == 0
        assert REFERENCE.search(replies(connector)[1].get("text", "")) is None

        good = activity(connector, None, activity_id="ini-good", value={**submit["data"], **GOOD})
        assert (await client.post("/api/messages", json=good)).status == 201
        reference = REFERENCE.search(replies(connector)[2]["text"])
        assert reference is not None
        assert (await client.post("/api/messages", json=good)).status == 201  # Teams resends: one effect
    assert count(context, Initiative) == 1 and len(replies(connector)) == 3
