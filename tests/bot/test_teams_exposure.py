"""Nobody acts as someone else through Teams: no open door, and a serviceUrl is never believed blindly.

The attack these tests replay: an unsigned activity from "Hilde" (secretariat) whose serviceUrl names
the attacker's host. The old bot fetched the "member" from that host, believed the e-mail it returned,
moved an initiative, replied to that host and stored a conversation reference pointing there.

A host that is not loopback cannot be served by a test (servers listen on 127.0.0.1 only), so the
attacker's host `attacker.example` is reached through an HTTP proxy that is the attacker's stand-in:
whatever the bot sends to attacker.example lands there and is counted; nothing resolves the name.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import ConversationReferenceRow, PersonIdentity, ProcessedEvent
from tests.bot.conftest import StandIn, slack_settings
from tests.bot.teams_auth import TokenAuthority
from tests.bot.test_secretariat_buttons import state, submit
from tests.bot.test_teams import activity, replies

ATTACKER_URL = "http://attacker.example/"
HILDE = {"id": "29:user-hilde", "name": "Hilde", "aadObjectId": "aad-hilde"}
"""Hilde Karlsen is in the secretariat; the attacker's host claims this account is hers."""


@pytest.fixture
def attacker(connector: StandIn, monkeypatch: pytest.MonkeyPatch) -> StandIn:
    """The stand-in answers for attacker.example (as a proxy) with the secretariat's e-mail for Hilde."""
    for name in ("NO_PROXY", "https_proxy", "HTTPS_PROXY", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", connector.url)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")  # the stand-ins themselves are reached directly
    connector.emails[HILDE["id"]] = "hilde.karlsen@example.org"
    return connector


def assess_as_hilde(
    connector: StandIn, service_url: str, reference: str, activity_id: str = "attack-1"
) -> dict[str, Any]:
    """Hilde's "Vurder" click on the notice's card, sent to the bot with `service_url` as its origin."""
    value = {"govbot_action": "initiative.assess", "value": reference}
    body = activity(connector, None, activity_id=activity_id, value=value, locale="nb-NO")
    return {**body, "from": HILDE, "serviceUrl": service_url}


def rows(context: HandlerContext) -> int:
    with context.store.read() as session:
        return sum(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (ConversationReferenceRow, PersonIdentity, ProcessedEvent)
        )


async def test_slack_only_deployment_has_no_teams_door(
    context: HandlerContext, attacker: StandIn, slack_api: StandIn
) -> None:
    reference = await asyncio.to_thread(submit, context)
    before = rows(context)
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        response = await client.post("/api/messages", json=assess_as_hilde(attacker, ATTACKER_URL, reference))
    assert response.status == 404
    assert attacker.calls == []
    assert rows(context) == before
    assert state(context) == ("innmeldt", None, 0)


async def test_no_settings_means_no_teams(context: HandlerContext, attacker: StandIn) -> None:
    async with TestClient(TestServer(create_app(context))) as client:
        response = await client.post("/api/messages", json=activity(attacker, activity_id="plain-1"))
    assert response.status == 404
    assert attacker.calls == []


@pytest.mark.parametrize(
    "service_url",
    [
        ATTACKER_URL,
        "http://localhost.attacker.example/",
        "http://127.0.0.1.attacker.example/",
        "http://localhost@attacker.example/",
    ],
)
async def test_emulator_mode_refuses_a_service_url_off_this_machine(
    context: HandlerContext, attacker: StandIn, service_url: str
) -> None:
    reference = await asyncio.to_thread(submit, context)
    before = rows(context)
    settings = Settings(GOVBOT_TEAMS_EMULATOR=True)
    async with TestClient(TestServer(create_app(context, settings))) as client:
        response = await client.post("/api/messages", json=assess_as_hilde(attacker, service_url, reference))
        refused = await response.json()
    assert response.status == 403
    assert "serviceUrl" in refused["error"]
    assert attacker.calls == []
    assert rows(context) == before
    assert state(context) == ("innmeldt", None, 0)


async def test_emulator_mode_answers_a_loopback_connector(
    context: HandlerContext, connector: StandIn
) -> None:
    settings = Settings(GOVBOT_TEAMS_EMULATOR=True)
    async with TestClient(TestServer(create_app(context, settings))) as client:
        response = await client.post(
            "/api/messages", json=activity(connector, "hvem eier DIPS?", activity_id="local-1")
        )
    assert response.status == 201
    assert "Pasientbehandling" in replies(connector)[0]["text"]


async def test_signed_activity_naming_an_unknown_host_is_refused(
    secured: TestClient, authority: TokenAuthority, attacker: StandIn, context: HandlerContext
) -> None:
    """A valid signature is not enough: Emulator and skill tokens carry no serviceUrl claim at all."""
    reference = await asyncio.to_thread(submit, context)
    before = rows(context)
    body = assess_as_hilde(attacker, ATTACKER_URL, reference)
    response = await secured.post("/api/messages", json=body, headers=authority.header(ATTACKER_URL))
    assert response.status == 403
    assert attacker.calls == []
    assert rows(context) == before
    assert state(context) == ("innmeldt", None, 0)


async def test_signed_activity_from_a_known_host_moves_the_initiative(
    secured: TestClient, authority: TokenAuthority, connector: StandIn, context: HandlerContext
) -> None:
    """The same click, proven by the platform and from a known host, is Hilde's and is carried out."""
    connector.emails[HILDE["id"]] = "hilde.karlsen@example.org"
    reference = await asyncio.to_thread(submit, context)
    body = assess_as_hilde(connector, connector.url, reference, "proven-1")
    response = await secured.post("/api/messages", json=body, headers=authority.header(connector.url))
    assert response.status == 201
    assert "under vurdering" in replies(connector)[0]["text"]
    assert state(context) == ("under_vurdering", None, 1)
