"""Slack interactivity at the wire: shortcuts open modals, view submissions validate inline, receipts DM."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient

from handlers.context import HandlerContext
from tests.bot import forms_fixture
from tests.bot.conftest import StandIn, signed_headers

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def test_form(monkeypatch: pytest.MonkeyPatch) -> None:
    forms_fixture.install(monkeypatch)


async def send_payload(client: TestClient, payload: dict[str, Any]) -> Any:
    body = urlencode({"payload": json.dumps(payload)})
    return await client.post("/slack/events", data=body, headers=signed_headers(body, FORM))


def shortcut(kind: str = "shortcut", **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "token": "legacy",
        "action_ts": "1700000000.1",
        "team": {"id": "T0000TEST", "domain": "test"},
        "user": {"id": "U0000KARI", "username": "kari", "team_id": "T0000TEST"},
        "callback_id": "submit_initiative",
        "trigger_id": "trigger-123",
        **extra,
    }


def submission(view: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    state = {name: {name: {"type": "plain_text_input", "value": value}} for name, value in values.items()}
    submitted = {**view, "id": "V0000VIEW", "hash": "h1", "state": {"values": state}}
    return {
        "type": "view_submission",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000KARI"},
        "view": submitted,
    }


async def test_global_shortcut_opens_the_form_as_a_modal(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    response = await send_payload(slack_client, shortcut())
    assert response.status == 200
    [opened] = await slack_api.wait_for("views.open")
    view = opened.body["view"]
    assert opened.body["trigger_id"] == "trigger-123"
    assert view["type"] == "modal" and view["callback_id"] == "govbot_form"
    assert [b["block_id"] for b in view["blocks"]] == ["title", "description"]
    assert json.loads(view["private_metadata"]) == {"form_id": "test-idea", "context": "ctx-1"}


async def test_message_shortcut_prefills_the_description(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    payload = shortcut(
        "message_action",
        callback_id="submit_initiative_from_message",
        message={"type": "message", "user": "U0000JOHN", "ts": "1.2", "text": "Vi trenger digital innsjekk"},
        channel={"id": "C0000GOV", "name": "gov"},
    )
    await send_payload(slack_client, payload)
    [opened] = await slack_api.wait_for("views.open")
    description = opened.body["view"]["blocks"][1]["element"]
    assert description["initial_value"] == "Vi trenger digital innsjekk"


async def test_bad_input_gets_inline_errors_and_nothing_is_stored(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    await send_payload(slack_client, shortcut())
    [opened] = await slack_api.wait_for("views.open")
    response = await send_payload(slack_client, submission(opened.body["view"], {"title": "x"}))
    assert response.status == 200
    assert await response.json() == {
        "response_action": "errors",
        "errors": {"title": "Tittelen må ha minst 5 tegn."},
    }
    assert forms_fixture.stored_ideas(context) == []
    assert slack_api.paths("chat.postMessage") == []


async def test_good_submission_closes_the_modal_and_dms_a_receipt(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    await send_payload(slack_client, shortcut())
    [opened] = await slack_api.wait_for("views.open")
    response = await send_payload(
        slack_client, submission(opened.body["view"], {"title": "Digital innsjekk"})
    )
    assert response.status == 200
    assert await response.text() == ""
    [receipt] = await slack_api.wait_for("chat.postMessage")
    assert receipt.body["channel"] == "U0000KARI"
    assert "IDEA-" in receipt.body["text"]
    assert forms_fixture.stored_ideas(context) == [{"title": "Digital innsjekk", "context": "ctx-1"}]


async def test_slash_command_answers_ephemerally_via_response_url(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    body = urlencode(
        {
            "token": "legacy",
            "team_id": "T0000TEST",
            "channel_id": "C0000GOV",
            "user_id": "U0000KARI",
            "command": "/govbot",
            "text": "hvem eier DIPS?",
            "trigger_id": "trigger-9",
            "response_url": slack_api.url + "respond/abc",
        }
    )
    response = await slack_client.post("/slack/events", data=body, headers=signed_headers(body, FORM))
    assert response.status == 200
    [responded] = await slack_api.wait_for("/respond/abc")
    assert responded.body["response_type"] == "ephemeral"
    assert "Pasientbehandling" in responded.body["text"]


async def test_app_home_is_published(slack_client: TestClient, slack_api: StandIn) -> None:
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0000TEST",
            "api_app_id": "A0000TEST",
            "event_id": "Ev0000HOME",
            "event": {
                "type": "app_home_opened",
                "user": "U0000KARI",
                "channel": "D0000DM",
                "tab": "home",
                "event_ts": "1.1",
            },
        }
    )
    await slack_client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    [published] = await slack_api.wait_for("views.publish")
    assert published.body["user_id"] == "U0000KARI"
    view = published.body["view"]
    assert view["type"] == "home"
    assert any(
        b["type"] == "actions" and b["elements"][0]["action_id"] == "govbot_open_form" for b in view["blocks"]
    )


async def test_rate_limited_post_is_retried_after_retry_after(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    from aiohttp import web

    slack_api.scripted["chat.postMessage"] = [
        web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "0"})
    ]
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0000TEST",
            "event_id": "Ev0000RATE",
            "event": {
                "type": "app_mention",
                "user": "U0000KARI",
                "text": "hvem eier DIPS?",
                "ts": "1.5",
                "channel": "C0000GOV",
            },
        }
    )
    await slack_client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    posted = await slack_api.wait_for("chat.postMessage", count=2)
    assert "Pasientbehandling" in posted[1].body["text"]
