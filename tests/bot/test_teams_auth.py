"""Teams with credentials, offline: every request's JWT is checked against our own token authority.

A valid channel token gets 201 and a reply; a missing, expired, mis-addressed (audience), mis-issued or
mis-routed (serviceUrl claim) token gets 401 with no turn run, no row written and nothing sent. The same
activity id twice has one effect. Outbound replies carry the stub credentials' token (no MSAL).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from handlers.context import HandlerContext
from models.tables import ConversationReferenceRow, PersonIdentity, ProcessedEvent
from tests.bot.conftest import StandIn
from tests.bot.teams_auth import OUTBOUND_TOKEN, TokenAuthority
from tests.bot.test_teams import activity, replies


def rows(context: HandlerContext) -> int:
    with context.store.read() as session:
        return sum(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (ConversationReferenceRow, PersonIdentity, ProcessedEvent)
        )


async def test_valid_token_is_answered_once_per_activity(
    secured: TestClient, authority: TokenAuthority, connector: StandIn, context: HandlerContext
) -> None:
    body = activity(connector, "hvem eier DIPS?", activity_id="auth-ok")
    for _ in range(2):
        response = await secured.post("/api/messages", json=body, headers=authority.header(connector.url))
        assert response.status == 201
    [reply] = replies(connector)
    assert "Pasientbehandling" in reply["text"]
    sent = [c for c in connector.calls if c.method == "POST"]
    assert sent[0].headers["Authorization"] == f"Bearer {OUTBOUND_TOKEN}"
    assert authority.fetches.count("/keys") == 1  # keys fetched once, then cached


def spoiled(connector: StandIn) -> dict[str, dict[str, Any]]:
    now = int(time.time())
    return {
        "expired": {"exp": now - 3600, "nbf": now - 7200, "iat": now - 7200},
        "wrong_audience": {"aud": "11111111-1111-1111-1111-111111111111"},
        "wrong_issuer": {"iss": "https://evil.example.com"},
        "wrong_service_url": {"serviceurl": "https://smba.trafficmanager.net/emea/"},
    }


@pytest.mark.parametrize(
    "case", ["missing", "expired", "wrong_audience", "wrong_issuer", "wrong_service_url", "foreign_key"]
)
async def test_bad_token_is_401_and_nothing_happens(
    secured: TestClient,
    authority: TokenAuthority,
    connector: StandIn,
    context: HandlerContext,
    case: str,
) -> None:
    if case == "missing":
        headers: dict[str, str] = {}
    elif case == "foreign_key":
        with TokenAuthority().serving() as other:  # signed by a key the real authority never published
            token = other.token(connector.url)
        headers = {"Authorization": f"Bearer {token}"}
    else:
        headers = authority.header(connector.url, **spoiled(connector)[case])
    body = activity(connector, "hvem eier DIPS?", activity_id=f"auth-{case}")
    response = await secured.post("/api/messages", json=body, headers=headers)
    assert response.status == 401
    assert connector.calls == []
    assert rows(context) == 0
