"""Teams at the wire: Bot Framework activities to /api/messages, replies at the Bot Connector stand-in."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import ConversationReferenceRow, PersonIdentity
from tests.bot import forms_fixture
from tests.bot.conftest import StandIn


def activity(
    connector: StandIn,
    text: str | None = "Which domain owns Helsenorge?",
    *,
    activity_id: str = "act-1",
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "message",
        "id": activity_id,
        "timestamp": "2026-11-23T10:00:00.000Z",
        "serviceUrl": connector.url,
        "channelId": "msteams",
        "from": {"id": "29:user-kari", "name": "Kari", "aadObjectId": "aad-kari"},
        "conversation": {"id": "a:conv-1", "conversationType": "personal", "tenantId": "tenant-1"},
        "recipient": {"id": "28:govbot", "name": "govbot"},
        "locale": "en-US",
        "channelData": {"tenant": {"id": "tenant-1"}},
        **extra,
    }
    if text is not None:
        body["text"] = text
    return body


def from_hilde(connector: StandIn, activity_id: str, text: str | None = None, **extra: Any) -> dict[str, Any]:
    """An activity from Hilde, the demo secretariat, in English: the form tests' sender on Teams (the
    test registers her e-mail with the connector, which is how the bot knows her)."""
    body = activity(connector, text, activity_id=activity_id, locale="en-US", **extra)
    body["from"] = {"id": "29:user-hilde", "name": "Hilde", "aadObjectId": "aad-hilde"}
    return body


@pytest.fixture
async def teams_client(context: HandlerContext) -> Any:
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        yield client


def replies(connector: StandIn) -> list[dict[str, Any]]:
    return [c.body for c in connector.calls if c.method == "POST" and "/v3/conversations/" in c.path]


async def test_message_gets_a_reply_at_the_service_url(
    teams_client: TestClient, connector: StandIn, context: HandlerContext
) -> None:
    response = await teams_client.post("/api/messages", json=activity(connector))
    assert response.status == 201
    [reply] = replies(connector)
    assert "Helsesamhandling" in reply["text"]
    assert reply["replyToId"] == "act-1"
    card = reply["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["version"] == "1.5"
    with context.store.read() as session:
        reference = session.scalar(select(ConversationReferenceRow.reference))
        email = session.scalar(select(PersonIdentity.email).where(PersonIdentity.platform == "teams"))
    assert reference["conversation"]["id"] == "a:conv-1" and reference["serviceUrl"] == connector.url
    assert email == "29:user-kari@example.no"


async def test_bot_mention_is_stripped_and_repeats_are_ignored(
    teams_client: TestClient, connector: StandIn
) -> None:
    mention = {
        "type": "mention",
        "text": "<at>govbot</at>",
        "mentioned": {"id": "28:govbot", "name": "govbot"},
    }
    body = activity(connector, "<at>govbot</at> hvem eier DIPS?", activity_id="act-m", entities=[mention])
    for _ in range(3):
        assert (await teams_client.post("/api/messages", json=body)).status == 201
    [reply] = replies(connector)
    assert "Pasientbehandling" in reply["text"]


async def test_card_submission_goes_to_the_form_handler(
    teams_client: TestClient, connector: StandIn, context: HandlerContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms_fixture.install(monkeypatch)
    await teams_client.post("/api/messages", json=activity(connector, "nytt initiativ", activity_id="act-f"))
    [card_reply] = replies(connector)
    card = card_reply["attachments"][0]["content"]
    [submit] = card["actions"]
    assert submit["type"] == "Action.Submit" and submit["data"]["form_id"] == "test-idea"
    assert [i["id"] for i in card["body"] if i["type"].startswith("Input.")] == ["title", "description"]

    bad = activity(connector, None, activity_id="act-bad", value={**submit["data"], "title": "x"})
    assert (await teams_client.post("/api/messages", json=bad)).status == 201
    assert "Tittelen må ha minst 5 tegn." in replies(connector)[1]["text"]
    assert forms_fixture.stored_ideas(context) == []

    good = activity(
        connector, None, activity_id="act-good", value={**submit["data"], "title": "Digital innsjekk"}
    )
    assert (await teams_client.post("/api/messages", json=good)).status == 201
    assert "IDEA-" in replies(connector)[2]["text"]
    assert forms_fixture.stored_ideas(context) == [{"title": "Digital innsjekk", "context": "ctx-1"}]


async def test_adaptive_card_invoke_is_not_a_500(teams_client: TestClient, connector: StandIn) -> None:
    """Regression: the 4.17.1 CloudAdapter.process answers invokes with a body with 500; we route around it."""
    invoke = activity(
        connector,
        None,
        activity_id="act-inv",
        type="invoke",
        name="adaptiveCard/action",
        value={"action": {"type": "Action.Execute", "verb": "x", "data": {}}, "trigger": "manual"},
    )
    response = await teams_client.post("/api/messages", json=invoke)
    assert response.status == 200
    body = await response.json()
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert body["value"]["type"] == "AdaptiveCard"


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-jwt", "Bearer a.b.c", "Basic dXNlcjpwYXNz"])
async def test_unsigned_or_malformed_activity_is_401_when_credentials_are_set(
    context: HandlerContext, connector: StandIn, authorization: str | None
) -> None:
    settings = Settings(
        MICROSOFT_APP_ID="00000000-0000-0000-0000-00000000b07a", MICROSOFT_APP_PASSWORD="secret"
    )
    headers = {"Authorization": authorization} if authorization else {}
    async with TestClient(TestServer(create_app(context, settings))) as client:
        response = await client.post("/api/messages", json=activity(connector), headers=headers)
    assert response.status == 401
    assert replies(connector) == []
    with context.store.read() as session:
        assert session.scalar(select(ConversationReferenceRow.id)) is None
