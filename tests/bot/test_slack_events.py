"""Slack at the wire: signed Events API requests to the served app, answers at the Web API stand-in."""

from __future__ import annotations

import json
import time

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from handlers.context import HandlerContext
from models.tables import PersonIdentity, ProcessedEvent
from tests.bot.conftest import BOT_ID, BOT_USER_ID, StandIn, signed_headers


def event_body(
    text: str, *, event_id: str = "Ev0000000001", kind: str = "app_mention", **event: object
) -> str:
    payload = {
        "token": "legacy",
        "team_id": "T0000TEST",
        "api_app_id": "A0000TEST",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0000TEST", "user_id": BOT_USER_ID, "is_bot": True}],
        "event": {
            "type": kind,
            "user": "U0000KARI",
            "text": text,
            "ts": "1700000000.000100",
            "channel": "C0000GOV",
            "event_ts": "1700000000.000100",
            **event,
        },
    }
    return json.dumps(payload)


def count(context: HandlerContext, table: type) -> int:
    with context.store.read() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


async def test_mention_is_answered_in_thread_naming_the_domain(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    body = event_body(f"<@{BOT_USER_ID}> hvem eier DIPS?")
    started = time.monotonic()
    response = await slack_client.post(
        "/slack/events", data=body, headers=signed_headers(body, "application/json")
    )
    acked = time.monotonic() - started
    assert response.status == 200
    assert acked < 1.0

    [posted] = await slack_api.wait_for("chat.postMessage")
    assert time.monotonic() - started < 3.0
    assert "Pasientbehandling" in posted.body["text"]
    assert posted.body["channel"] == "C0000GOV"
    assert posted.body["thread_ts"] == "1700000000.000100"
    assert posted.body["unfurl_links"] is False and posted.body["unfurl_media"] is False
    assert any("Pasientbehandling" in json.dumps(block) for block in posted.body["blocks"])
    with context.store.read() as session:
        identity = session.execute(
            select(PersonIdentity.email, PersonIdentity.locale).where(
                PersonIdentity.platform_user_id == "U0000KARI"
            )
        ).one()
    assert tuple(identity) == ("kari@example.no", "nb-NO")


async def test_the_same_event_three_times_posts_once(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    body = event_body(f"<@{BOT_USER_ID}> hvem eier DIPS?", event_id="Ev0000RETRY")
    for retry in (None, "1", "2"):
        headers = signed_headers(body, "application/json")
        if retry:
            headers |= {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
        response = await slack_client.post("/slack/events", data=body, headers=headers)
        assert response.status == 200
    await slack_api.wait_for("chat.postMessage")
    other = event_body(f"<@{BOT_USER_ID}> hvem eier Helsenorge?", event_id="Ev0000OTHER")
    await slack_client.post("/slack/events", data=other, headers=signed_headers(other, "application/json"))
    posted = await slack_api.wait_for("chat.postMessage", count=2)
    assert len(posted) == 2
    assert "Helsenorge" in posted[1].body["text"]
    with context.store.read() as session:
        claimed = session.scalars(select(ProcessedEvent.event_id)).all()
    assert sorted(claimed) == ["Ev0000OTHER", "Ev0000RETRY"]


async def test_first_delivery_arriving_as_a_retry_is_still_answered(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    body = event_body(f"<@{BOT_USER_ID}> hvem eier DIPS?", event_id="Ev0000LATE")
    headers = signed_headers(body, "application/json") | {
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_error",
    }
    assert (await slack_client.post("/slack/events", data=body, headers=headers)).status == 200
    await slack_api.wait_for("chat.postMessage")


async def test_forged_signature_and_stale_timestamp_are_refused(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    body = event_body("hvem eier DIPS?", event_id="Ev0000FORGED")
    forged = signed_headers(body, "application/json", secret="not-the-secret")
    stale = signed_headers(body, "application/json", timestamp=int(time.time()) - 301)
    for headers in (forged, stale):
        response = await slack_client.post("/slack/events", data=body, headers=headers)
        assert response.status == 401
    tampered = signed_headers(body, "application/json")
    response = await slack_client.post("/slack/events", data=body.replace("DIPS", "EPJ"), headers=tampered)
    assert response.status == 401
    assert count(context, ProcessedEvent) == 0
    assert slack_api.paths("chat.postMessage") == []


async def test_direct_message_is_answered_and_own_messages_are_ignored(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    own = event_body(
        "hvem eier DIPS?",
        event_id="Ev0000SELF",
        kind="message",
        channel_type="im",
        user=BOT_USER_ID,
        bot_id=BOT_ID,
        channel="D0000DM",
    )
    await slack_client.post("/slack/events", data=own, headers=signed_headers(own, "application/json"))
    dm = event_body(
        "Which domain owns Helsenorge?",
        event_id="Ev0000DM",
        kind="message",
        channel_type="im",
        channel="D0000DM",
    )
    await slack_client.post("/slack/events", data=dm, headers=signed_headers(dm, "application/json"))
    [posted] = await slack_api.wait_for("chat.postMessage")
    assert posted.body["channel"] == "D0000DM" and "thread_ts" not in posted.body
    assert "Helsesamhandling" in posted.body["text"]
    assert count(context, ProcessedEvent) == 1


async def test_user_text_is_escaped_in_blocks(slack_client: TestClient, slack_api: StandIn) -> None:
    body = event_body(f"<@{BOT_USER_ID}> hvem eier <!channel> & co?", event_id="Ev0000ESC")
    await slack_client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    [posted] = await slack_api.wait_for("chat.postMessage")
    blocks = json.dumps(posted.body["blocks"])
    assert "<!channel>" not in blocks and "<!channel>" not in posted.body["text"]


async def test_url_verification_echoes_the_challenge(slack_client: TestClient) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    response = await slack_client.post(
        "/slack/events", data=body, headers=signed_headers(body, "application/json")
    )
    assert response.status == 200 and (await response.json())["challenge"] == "abc123"
