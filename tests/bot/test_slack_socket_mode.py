"""Socket Mode at the wire: the bot dials out to a local WebSocket stand-in (the way it would reach
Slack from a hospital network with no inbound connection), acks each envelope, answers through the Web
API stand-in, and does the work once when Slack re-delivers the same event in a new envelope."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer

from bot.server import create_app
from handlers.context import HandlerContext
from tests.bot.conftest import StandIn, slack_settings


class SocketStandIn:
    """Slack's side of Socket Mode: says hello, pushes envelopes, records the acks it gets back."""

    def __init__(self) -> None:
        self.acks: list[str] = []
        self.connected = asyncio.Event()
        self.socket: web.WebSocketResponse | None = None

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.socket = socket
        await socket.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0"}})
        self.connected.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data).get("envelope_id", ""))
        return socket

    async def push(self, envelope: dict[str, Any]) -> None:
        assert self.socket is not None
        await self.socket.send_json(envelope)


def envelope(envelope_id: str, event_id: str, retry: int = 0) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry,
        "retry_reason": "timeout" if retry else "",
        "payload": {
            "type": "event_callback",
            "team_id": "T0000TEST",
            "api_app_id": "A0000TEST",
            "event_id": event_id,
            "event_time": 1700000000,
            "event": {
                "type": "app_mention",
                "user": "U0000KARI",
                "text": "<@U0000BOT> hvem eier DIPS?",
                "ts": "1700000000.000100",
                "channel": "C0000GOV",
                "event_ts": "1700000000.000100",
            },
        },
    }


@pytest.fixture
async def socket_standin() -> AsyncIterator[tuple[SocketStandIn, str]]:
    standin = SocketStandIn()
    app = web.Application()
    app.router.add_get("/link", standin.handle)
    server = TestServer(app)
    await server.start_server()
    yield standin, str(server.make_url("/link")).replace("http://", "ws://")
    await server.close()


async def wait_until(condition: Any, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_socket_mode_mention_is_acked_answered_and_not_redone_on_redelivery(
    context: HandlerContext, slack_api: StandIn, socket_standin: tuple[SocketStandIn, str]
) -> None:
    socket, url = socket_standin
    slack_api.scripted["apps.connections.open"] = [web.json_response({"ok": True, "url": url})]
    settings = slack_settings(slack_api, SLACK_APP_TOKEN="xapp-1-local")
    server = TestServer(create_app(context, settings))
    await server.start_server()
    try:
        await asyncio.wait_for(socket.connected.wait(), 5)
        [opened] = slack_api.paths("apps.connections.open")
        assert opened.headers["Authorization"] == "Bearer xapp-1-local"
        routes = {resource.canonical for resource in server.app.router.resources()}
        assert "/slack/events" not in routes  # Socket Mode needs no inbound Slack endpoint
        await socket.push(envelope("env-1", "Ev0000SOCK"))
        await wait_until(lambda: "env-1" in socket.acks)
        [posted] = await slack_api.wait_for("chat.postMessage")
        assert "Pasientbehandling" in posted.body["text"]
        assert posted.body["thread_ts"] == "1700000000.000100"

        await socket.push(envelope("env-2", "Ev0000SOCK", retry=1))  # the same event, re-delivered
        await wait_until(lambda: "env-2" in socket.acks)
        await asyncio.sleep(0.3)
        assert len(slack_api.paths("chat.postMessage")) == 1
    finally:
        await server.close()
