"""Loopback stand-ins for the Slack Web API and the Bot Connector, and the served app under test.

The stand-ins are real HTTP servers that record every call (method, path, parsed body) and answer like
the platforms do, including 429 and `ok: false` when a test asks for it. The app is `create_app` served
by aiohttp's TestServer, configured through the same Settings as `govbot serve`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.signature import SignatureVerifier

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from tests.bot.teams_auth import APP_ID, StubCredentialsFactory, TokenAuthority

BOT_USER_ID = "UBOT000001"
BOT_ID = "BBOT000001"
SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
PEOPLE = {
    "U0000KARI": ("kari@example.no", "Kari Tester", "nb-NO"),
    "U0000JOHN": ("john@example.com", "John", "en-US"),
    "U0000HILDE": (
        "hilde.karlsen@example.org",
        "Hilde",
        "nb-NO",
    ),  # secretariat, Pasientbehandling (hso-2026)
}


@dataclass
class Recorded:
    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    raw: bytes = b""
    """The bytes of a file upload (the Slack stand-in's upload URL); empty for API calls."""


@dataclass
class StandIn:
    server: TestServer
    calls: list[Recorded] = field(default_factory=list)
    scripted: dict[str, list[web.Response]] = field(default_factory=dict)
    """path → responses to give before the normal answer (429s, ok:false)."""
    emails: dict[str, str] = field(default_factory=dict)
    """Teams member id → the e-mail the Bot Connector reports for it (default: <id>@example.no)."""

    @property
    def url(self) -> str:
        return str(self.server.make_url("/"))

    def paths(self, suffix: str) -> list[Recorded]:
        return [call for call in self.calls if call.path.endswith(suffix)]

    async def wait_for(self, suffix: str, count: int = 1, timeout: float = 30.0) -> list[Recorded]:
        """Poll (not sleep-and-hope): returns as soon as `count` calls arrived. `timeout` only bounds a hang: a
        loaded two-core machine took more than 3 s to open a modal, so it is generous."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.paths(suffix)
            if len(found) >= count:
                return found
            await asyncio.sleep(0.01)
        raise AssertionError(
            f"{suffix}: {len(self.paths(suffix))} calls, wanted {count}; saw {[c.path for c in self.calls]}"
        )


async def _parsed(request: web.Request) -> dict[str, Any]:
    raw = await request.text()
    if raw and request.content_type == "application/json":
        return json.loads(raw)
    form = (
        dict(parse_qsl(raw)) if raw else dict(request.query)
    )  # slack_sdk sends some methods' args as a query
    for key in ("blocks", "view", "files"):
        if isinstance(form.get(key), str):
            form[key] = json.loads(form[key])
    return form


UPLOAD_PATH = "/upload/"
"""Where the Slack stand-in takes file bytes (files.getUploadURLExternal hands out URLs under it)."""


def slack_api_app(standin_ref: list[StandIn]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        standin = standin_ref[0]
        if request.path.startswith(UPLOAD_PATH):  # step 2 of files_upload_v2: the bytes, as Slack takes them
            raw = await request.read()
            standin.calls.append(Recorded(request.method, request.path, {}, dict(request.headers), raw))
            return web.Response(text=f"OK - {len(raw)}")
        body = await _parsed(request)
        standin.calls.append(Recorded(request.method, request.path, body, dict(request.headers)))
        method = request.path.rsplit("/", 1)[-1]
        queued = standin.scripted.get(method)
        if queued:
            return queued.pop(0)
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "user_id": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "team_id": "T0000TEST",
                    "user": "govbot",
                }
            )
        if method == "users.info":
            email, name, locale = PEOPLE.get(body.get("user", ""), (None, "Someone", "nb-NO"))
            profile = {"real_name": name, **({"email": email} if email else {})}
            return web.json_response(
                {
                    "ok": True,
                    "user": {"id": body.get("user"), "name": name, "locale": locale, "profile": profile},
                }
            )
        if method == "chat.postMessage":
            return web.json_response(
                {"ok": True, "channel": body.get("channel"), "ts": f"1700000000.{len(standin.calls):06d}"}
            )
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(standin.calls):08d}"
            return web.json_response(
                {
                    "ok": True,
                    "file_id": file_id,
                    "upload_url": standin.url.rstrip("/") + UPLOAD_PATH + file_id,
                }
            )
        if method == "files.completeUploadExternal":
            files = [{"id": f["id"], "title": f.get("title")} for f in body.get("files", [])]
            return web.json_response({"ok": True, "files": files})
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


def connector_app(standin_ref: list[StandIn]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        standin = standin_ref[0]
        body = await _parsed(request)
        standin.calls.append(Recorded(request.method, request.path, body, dict(request.headers)))
        if request.method == "GET" and "/members/" in request.path:
            member = request.path.rsplit("/", 1)[-1]
            email = standin.emails.get(member, f"{member}@example.no")
            return web.json_response(
                {"id": member, "name": "Teams User", "email": email, "userPrincipalName": email}
            )
        queued = standin.scripted.get(request.path)
        if queued:
            return queued.pop(0)
        return web.json_response({"id": f"activity-{len(standin.calls)}"}, status=201)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


async def _serve(factory: Any) -> StandIn:
    ref: list[StandIn] = []
    server = TestServer(factory(ref), host="127.0.0.1")
    await server.start_server()
    ref.append(StandIn(server))
    return ref[0]


@pytest.fixture
async def slack_api() -> AsyncIterator[StandIn]:
    standin = await _serve(slack_api_app)
    yield standin
    await standin.server.close()


@pytest.fixture
async def connector() -> AsyncIterator[StandIn]:
    standin = await _serve(connector_app)
    yield standin
    await standin.server.close()


def slack_settings(slack_api: StandIn, **extra: Any) -> Settings:
    """Answers in the test's own process (with the test's context) unless a test asks for workers."""
    return Settings(
        SLACK_BOT_TOKEN="xoxb-fake",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack_api.url + "api/",
        **{"answer_workers": 0, **extra},
    )


@pytest.fixture
async def slack_client(context: HandlerContext, slack_api: StandIn) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        yield client


def signed_headers(
    body: str, content_type: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"Content-Type": content_type, "X-Slack-Signature": signature, "X-Slack-Request-Timestamp": ts}


@pytest.fixture
def authority() -> Iterator[TokenAuthority]:
    """A local OpenID/JWKS authority that signs Bot Framework tokens for the Teams tests."""
    with TokenAuthority().serving() as serving:
        yield serving


@pytest.fixture
async def secured(context: HandlerContext) -> AsyncIterator[TestClient]:
    """Real credentials with the loopback Connector stand-in added as a known host, as tests need."""
    settings = Settings(
        MICROSOFT_APP_ID=APP_ID, MICROSOFT_APP_PASSWORD="not-used", GOVBOT_TEAMS_SERVICE_HOSTS="127.0.0.1"
    )
    app = create_app(context, settings, teams_credentials=StubCredentialsFactory())
    async with TestClient(TestServer(app)) as client:
        yield client
