"""Bot Connector clients kept across turns instead of built for every activity.

botbuilder 4.17's CloudAdapter asks its authentication for a new ConnectorClient and a new UserTokenClient
on every incoming activity (and on every proactive send). Each one builds an msrest Configuration, whose
retry policy computes its status list in quadratic time: about 7 ms of CPU on the event loop, twice per
turn, which alone saturates one core at 50 messages a second. Each also opens a fresh requests.Session
(no keep-alive to the Connector), and with a real app id fresh MSAL credentials whose empty token cache
means a blocking call to login.microsoftonline.com inside the turn. The older BotFrameworkAdapter kept a
client per (service URL, app id, scope) for exactly this reason; `ReusedClients` does the same in front
of any BotFrameworkAuthentication, so tokens are cached by MSAL until they expire and replies reuse
pooled connections.

A client holds no per-turn state (the conversation and activity ids travel as arguments), so one client
serves concurrent turns, as it did in BotFrameworkAdapter. The caches are bounded: service URLs come from
the activity, and in Emulator mode nobody vouches for them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.skills import BotFrameworkClient

from bot.teams.transport import ConnectorSessions, aiohttp_pipeline

KEPT_CLIENTS = 32
"""Distinct (app id, service URL, audience) clients kept; Teams uses a handful of service URLs per region."""

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """A small least-recently-used map; used only from the event loop, so it needs no lock."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    async def get_or_create(self, key: K, create: Callable[[], Awaitable[V]]) -> V:
        found = self._items.get(key)
        if found is None:
            found = await create()
            found = self._items.setdefault(key, found)  # a concurrent turn may have built one meanwhile
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return found


def bot_app_id(claims_identity: ClaimsIdentity) -> str:
    """The app id botbuilder builds outbound credentials for: the audience claim, else the appid claim."""
    audience = claims_identity.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
    if audience is not None:
        return audience
    return claims_identity.get_claim_value(AuthenticationConstants.APP_ID_CLAIM) or ""


class _ReusedConnectors(ConnectorFactory):
    def __init__(
        self, inner: ConnectorFactory, app_id: str, cache: BoundedCache, sessions: ConnectorSessions | None
    ) -> None:
        self._inner, self._app_id, self._cache, self._sessions = inner, app_id, cache, sessions

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        return await self._cache.get_or_create(
            (self._app_id, service_url, audience), lambda: self._new(service_url, audience)
        )

    async def _new(self, service_url: str, audience: str | None) -> ConnectorClient:
        client = await self._inner.create(service_url, audience)
        if self._sessions is not None:
            client.config.pipeline = aiohttp_pipeline(client.config, self._sessions)
        return client


class ReusedClients(BotFrameworkAuthentication):
    """Delegates everything to `inner` and keeps the Connector and token clients it creates.

    With `sessions`, Connector calls go over aiohttp on the event loop (bot.teams.transport) instead of
    `requests` in worker threads; the owner of `sessions` closes them.
    """

    def __init__(
        self,
        inner: BotFrameworkAuthentication,
        sessions: ConnectorSessions | None = None,
        limit: int = KEPT_CLIENTS,
    ) -> None:
        self.inner, self.sessions = inner, sessions
        self.connectors: BoundedCache = BoundedCache(limit)
        self.token_clients: BoundedCache = BoundedCache(limit)

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        result = await self.inner.authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            app_id = bot_app_id(result.claims_identity)
            result.connector_factory = _ReusedConnectors(
                result.connector_factory, app_id, self.connectors, self.sessions
            )
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        return await self.inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        inner = self.inner.create_connector_factory(claims_identity)
        return _ReusedConnectors(inner, bot_app_id(claims_identity), self.connectors, self.sessions)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        return await self.token_clients.get_or_create(
            bot_app_id(claims_identity), lambda: self.inner.create_user_token_client(claims_identity)
        )

    def create_bot_framework_client(self) -> BotFrameworkClient:
        return self.inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self.inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self.inner.authenticate_channel_request(auth_header)
