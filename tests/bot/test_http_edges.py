"""Clean edges at the wire: junk is a 4xx before any route parses it, never a 500 or an ERROR record.

Every request goes through the real `create_app` served on loopback: Slack junk into /slack/events
(unsigned and signed), deep and huge JSON into the web chat and Teams endpoints, and the security
headers on the page, the API and the calendar feed.
"""

from __future__ import annotations

import json
import logging
import time

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.http_edges import MAX_BODY_BYTES, MAX_JSON_DEPTH, json_depth
from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import ProcessedEvent
from tests.bot.conftest import SIGNING_SECRET, StandIn, signed_headers
from tests.bot.test_slack_events import count, event_body

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
DEEP = "[" * 100_000 + "]" * 100_000


def _with_timestamp(body: str, timestamp: str) -> dict[str, str]:
    headers = signed_headers(body, JSON)
    return headers | {"X-Slack-Request-Timestamp": timestamp}


# name → (raw body, headers): each would have reached Bolt before and made a 500 or a traceback
UNSIGNED_JUNK: dict[str, tuple[bytes, dict[str, str]]] = {
    "malformed_json": (b'{"type": "event_callback", ', {"Content-Type": JSON}),
    "deep_json": (DEEP.encode(), {"Content-Type": JSON}),
    "non_utf8": (b'{"text": "\xff\xfe"}', {"Content-Type": JSON}),
    "timestamp_abc": (
        b"{}",
        {"Content-Type": JSON, "X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=" + "0" * 64},
    ),
    "timestamp_1e99": (
        b"{}",
        {"Content-Type": JSON, "X-Slack-Request-Timestamp": "1e99", "X-Slack-Signature": "v0=" + "0" * 64},
    ),
    "signature_garbage": (
        b"{}",
        {
            "Content-Type": JSON,
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": "\u00e6",
        },
    ),
    "form_with_bad_payload": (b"payload=%7Bnot-json", {"Content-Type": FORM}),
    "unknown_charset": (b"{}", {"Content-Type": "application/json; charset=klingon"}),
    "empty": (b"", {"Content-Type": JSON}),
}


# Signed with the real secret when the test runs (a signature made at collection goes stale after Slack's
# five minutes in a long parallel run), so only the body's shape can stop them: name → (body, content type)
SIGNED_JUNK: dict[str, tuple[str, str]] = {
    "signed_malformed_json": ('{"type": "event_callback", ', JSON),
    "signed_deep_json": ("[" * 1000 + "]" * 1000, JSON),
    "signed_json_array": ("[1, 2]", JSON),
    "signed_json_string": ('"hello"', JSON),
    "signed_form_payload_not_json": ("payload=%7Bnot-json", FORM),
    "signed_form_payload_array": ("payload=%5B%5D", FORM),
    "signed_form_payload_deep": ("payload=" + "%5B" * 500 + "%5D" * 500, FORM),
    "signed_text_plain": ("hello", "text/plain"),
    "signed_command_without_user": ("command=%2Fgovbot&text=hjelp", FORM),
    "signed_json_with_bogus_charset": ("{}", "application/json; charset=klingon"),
}
# Signed JSON objects whose fields have the wrong shape: Bolt must answer without an ERROR record
SIGNED_ODD_OBJECTS = {
    "event_is_a_string": '{"type": "event_callback", "event": "x", "event_id": "Ev1"}',
    "event_type_is_a_number": '{"type": "event_callback", "event": {"type": 5}, "event_id": "Ev2"}',
    "event_without_fields": '{"type": "event_callback", "event": {}}',
    "type_is_a_list": '{"type": []}',
    "actions_is_a_number": '{"type": "block_actions", "actions": 5, "user": {"id": "U1"}}',
    "view_is_a_string": '{"type": "view_submission", "view": "x", "user": {"id": "U1"}}',
    "command_without_fields": '{"command": "/govbot"}',
    "action_is_a_number": '{"type": "block_actions", "actions": [5], "user": {"id": "U1"}}',
    "action_without_id": '{"type": "block_actions", "actions": [{}], "user": {"id": "U1"}}',
    "empty_object": "{}",
}


def _no_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("name", sorted(UNSIGNED_JUNK))
async def test_unsigned_junk_at_slack_events_is_401_or_400_without_an_error_record(
    slack_client: TestClient, context: HandlerContext, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    body, headers = UNSIGNED_JUNK[name]
    caplog.set_level(logging.INFO)
    response = await slack_client.post("/slack/events", data=body, headers=headers)
    assert response.status in (400, 401, 415), await response.text()
    assert _no_errors(caplog) == []
    assert count(context, ProcessedEvent) == 0


@pytest.mark.parametrize("name", sorted(SIGNED_JUNK))
async def test_signed_but_malformed_body_is_400_or_415_without_an_error_record(
    slack_client: TestClient, slack_api: StandIn, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    text, content_type = SIGNED_JUNK[name]
    body, headers = text.encode(), signed_headers(text, content_type)
    caplog.set_level(logging.INFO)
    response = await slack_client.post("/slack/events", data=body, headers=headers)
    assert response.status in (400, 415), await response.text()
    assert _no_errors(caplog) == []
    assert slack_api.calls == []


@pytest.mark.parametrize("name", sorted(SIGNED_ODD_OBJECTS))
async def test_signed_objects_of_the_wrong_shape_get_a_4xx_or_an_ack_never_a_500(
    slack_client: TestClient, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    body = SIGNED_ODD_OBJECTS[name]
    caplog.set_level(logging.INFO)
    response = await slack_client.post("/slack/events", data=body, headers=signed_headers(body, JSON))
    assert response.status < 500, await response.text()
    assert _no_errors(caplog) == []


async def test_a_good_signed_mention_still_goes_through(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    body = event_body("<@UBOT000001> hvem eier DIPS?", event_id="Ev0000EDGE1")
    response = await slack_client.post("/slack/events", data=body, headers=signed_headers(body, JSON))
    assert response.status == 200
    [posted] = await slack_api.wait_for("chat.postMessage")
    assert "DIPS" in json.dumps(posted.body)


async def test_a_signed_body_with_the_signature_of_another_secret_is_401(slack_client: TestClient) -> None:
    body = event_body("<@UBOT000001> hei")
    headers = signed_headers(body, JSON, secret="other-" + SIGNING_SECRET)
    response = await slack_client.post("/slack/events", data=body, headers=headers)
    assert response.status == 401


@pytest.fixture
async def client(context: HandlerContext) -> TestClient:
    async with TestClient(TestServer(create_app(context, Settings()))) as client:
        yield client


@pytest.mark.parametrize("path", ["/webchat/api/messages", "/webchat/api/forms", "/api/messages"])
async def test_deep_json_is_400_at_the_web_chat_and_teams(
    client: TestClient, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    caplog.set_level(logging.INFO)
    response = await client.post(path, data=DEEP, headers={"Content-Type": JSON})
    assert response.status == 400
    assert "deeper" in (await response.json())["error"]
    assert _no_errors(caplog) == []


@pytest.mark.parametrize("path", ["/webchat/api/messages", "/api/messages", "/slack/events"])
async def test_a_body_over_the_limit_is_413(client: TestClient, path: str) -> None:
    huge = json.dumps({"text": "x" * (MAX_BODY_BYTES + 1)})
    response = await client.post(path, data=huge, headers={"Content-Type": JSON})
    assert response.status == 413


@pytest.mark.parametrize(
    ("path", "body", "content_type", "status"),
    [
        ("/webchat/api/messages", b'{"text": "hei', JSON, 400),
        ("/webchat/api/messages", b'{"text": "\xff"}', JSON, 400),
        ("/webchat/api/messages", b"text=hei", FORM, 415),
        ("/webchat/api/messages", b'{"text": "hei"}', "application/json; charset=klingon", 415),
        ("/api/messages", b'{"type": "message", ', JSON, 400),
        ("/api/messages", b'{"type": "message"}', "text/plain", 415),
    ],
)
async def test_malformed_bodies_are_refused_before_the_routes(
    client: TestClient,
    caplog: pytest.LogCaptureFixture,
    path: str,
    body: bytes,
    content_type: str,
    status: int,
) -> None:
    caplog.set_level(logging.INFO)
    response = await client.post(path, data=body, headers={"Content-Type": content_type})
    assert response.status == status
    assert _no_errors(caplog) == []


async def test_json_at_the_depth_limit_is_still_read(client: TestClient) -> None:
    nested = "[" * (MAX_JSON_DEPTH - 1) + '"hei"' + "]" * (MAX_JSON_DEPTH - 1)
    body = json.dumps({"text": "hvilke områdestyrer finnes?", "data": {"x": "y"}})[:-1] + f', "n": {nested}}}'
    response = await client.post("/webchat/api/messages", data=body, headers={"Content-Type": JSON})
    assert response.status not in (400, 413, 415, 500)


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    assert json_depth('{"a": "[[[[[[[[[[", "b": [1, {"c": "\\"]]]"}]}') == 3
    assert json_depth("[]" * 1000) == 1
    assert json_depth('"no brackets"') == 0


@pytest.mark.parametrize("path", ["/", "/webchat/api/people", "/healthz", "/calendar/nobody.ics", "/nowhere"])
async def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = await client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert {"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} <= {
        part.strip() for part in csp.split(";")
    }
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"


async def test_refusals_carry_the_security_headers_too(client: TestClient) -> None:
    response = await client.post("/webchat/api/messages", data=DEEP, headers={"Content-Type": JSON})
    assert response.status == 400
    assert response.headers["X-Frame-Options"] == "DENY"


async def test_an_odd_calendar_path_is_a_404_not_a_500(client: TestClient) -> None:
    for path in ("/calendar/%ff%fe.ics", "/calendar/" + "a" * 4000 + ".ics", "/calendar/%00.ics"):
        response = await client.get(path)
        assert response.status in (400, 404), path
