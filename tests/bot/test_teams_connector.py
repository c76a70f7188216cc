"""Teams' outbound side: Connector clients kept across turns, member info asked once a day, and the aiohttp
transport keeping msrest's meaning of every answer (ids, errors with Retry-After, empty bodies)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.models import ErrorResponseException
from msrest.exceptions import ClientRequestError
from sqlalchemy import update

from bot.server import create_app
from bot.settings import Settings
from bot.teams.notifier import _delivery_error
from bot.teams.routes import TEAMS_ADAPTER, build_adapter
from bot.teams.transport import ConnectorSessions
from handlers.context import HandlerContext, system_clock
from models.tables import PersonIdentity
from tests.bot.conftest import StandIn
from tests.bot.test_teams import activity, replies


@pytest.fixture
async def teams_client(context: HandlerContext) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        yield client


def member_lookups(connector: StandIn) -> int:
    return sum(1 for call in connector.calls if call.method == "GET" and "/members/" in call.path)


async def test_turns_share_a_connector_client_per_service_url(
    teams_client: TestClient, connector: StandIn
) -> None:
    for i in range(3):
        response = await teams_client.post("/api/messages", json=activity(connector, activity_id=f"r-{i}"))
        assert response.status == 201
    other = {**activity(connector, activity_id="r-other"), "serviceUrl": connector.url + "emea/"}
    assert (await teams_client.post("/api/messages", json=other)).status == 201

    assert len(replies(connector)) == 4
    assert connector.calls[-1].path.startswith("/emea/v3/conversations/")
    kept = teams_client.server.app[TEAMS_ADAPTER].bot_framework_authentication.connectors
    assert len(kept) == 2  # one client per service URL, not one per turn


async def test_a_user_seen_today_is_answered_without_asking_teams_again(
    teams_client: TestClient, connector: StandIn, context: HandlerContext
) -> None:
    for i in range(2):
        await teams_client.post(
            "/api/messages", json=activity(connector, "hvem eier DIPS?", activity_id=f"k-{i}")
        )
    assert member_lookups(connector) == 1
    assert [("Pasientbehandling" in reply["text"]) for reply in replies(connector)] == [True, True]

    with context.store.session() as session:  # the account was last looked up two days ago
        session.execute(update(PersonIdentity).values(updated_at=system_clock() - timedelta(days=2)))
    for i in range(2, 4):
        await teams_client.post(
            "/api/messages", json=activity(connector, "hvem eier DIPS?", activity_id=f"k-{i}")
        )
    assert member_lookups(connector) == 2  # asked once more, then trusted again for a day
    assert len(replies(connector)) == 4


@pytest.fixture
async def client(connector: StandIn) -> AsyncIterator[ConnectorClient]:
    sessions = ConnectorSessions()
    adapter = build_adapter(None, None, sessions)
    factory = adapter.bot_framework_authentication.create_connector_factory(adapter.create_claims_identity())
    yield await factory.create(connector.url, None)
    await sessions.close()


async def test_connector_answers_keep_their_msrest_meaning(
    client: ConnectorClient, connector: StandIn
) -> None:
    sent = await client.conversations.reply_to_activity(
        "a:conv-1", "act-1", Activity(type="message", text="hei")
    )
    assert sent.id.startswith("activity-")
    assert connector.calls[-1].body["text"] == "hei"
    assert connector.calls[-1].headers["Content-Type"].startswith("application/json")
    assert "Authorization" not in connector.calls[-1].headers  # Emulator mode: no app id, no token

    busy = web.json_response({"error": {"code": "throttled"}}, status=429, headers={"Retry-After": "7"})
    connector.scripted["/v3/conversations/a:conv-1/activities/act-2"] = [busy]
    with pytest.raises(ErrorResponseException) as raised:
        await client.conversations.reply_to_activity("a:conv-1", "act-2", Activity(type="message", text="x"))
    assert _delivery_error(raised.value).retry_after == 7.0  # the notifier reads status and Retry-After

    connector.scripted["/v3/conversations/a:conv-1/activities/act-3"] = [web.Response(status=200)]
    await client.conversations.delete_activity("a:conv-1", "act-3")  # an empty 200 is a success


async def test_an_unreachable_connector_is_a_client_request_error(connector: StandIn) -> None:
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        closed_url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    sessions = ConnectorSessions(timeout=5)
    adapter = build_adapter(None, None, sessions)
    factory = adapter.bot_framework_authentication.create_connector_factory(adapter.create_claims_identity())
    client = await factory.create(closed_url, None)
    message: Any = Activity(type="message", text="x")
    with pytest.raises(ClientRequestError):
        await client.conversations.reply_to_activity("a:conv-1", "act-1", message)
    await sessions.close()
