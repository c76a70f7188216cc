"""The Bot Connector over aiohttp on the server's event loop, instead of `requests` in worker threads.

msrest's default sender runs every Connector call (the reply, member info) as a blocking `requests` call
through `run_in_executor`: one more hop per turn into the default thread pool, where it queues behind the
database work of other turns, plus the GIL handoffs back and forth. msrest's own aiohttp sender cannot
stand in: it drops the request's headers and body. This module is the small replacement: a pipeline with
the same policies (user agent, bearer token, response decoding, HTTP logging) and an aiohttp sender over
one pooled session, so a reply costs no thread at all.

The token comes from the credentials as before (MSAL's cache); it is fetched in a worker thread because a
cache miss is a blocking call to login.microsoftonline.com, which must not stall the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from botframework.connector.auth import AppCredentials, AuthenticationConstants
from msrest.exceptions import ClientRequestError
from msrest.pipeline import AsyncHTTPPolicy, AsyncHTTPSender, AsyncPipeline, Request, Response
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http import AsyncClientResponse, ClientRequest
from multidict import CIMultiDict

DEFAULT_TIMEOUT = 100.0
"""Seconds for one Connector call, msrest's default; the notifier bounds its own sends more tightly."""
CONNECT_ATTEMPTS = 3
CONNECT_BACKOFF = 0.5
"""A connection that could not be opened is tried again at once, then after 0.5 s (no request was sent)."""


class ConnectorSessions:
    """One aiohttp session for the loop that uses it, opened on first use and closed by the server."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._proxies: dict[str, str] | None = None

    def current(self) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is None or session.closed or self._loop is not loop:
            session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
            self._session, self._loop = session, loop
        return session

    def proxy_for(self, url: str) -> str | None:
        """HTTPS_PROXY / NO_PROXY as requests honoured them (hospital networks often need a proxy).

        Not aiohttp's trust_env: that also looks up ~/.netrc in a worker thread on every request.
        """
        if self._proxies is None:
            self._proxies = getproxies()
        if not self._proxies:
            return None
        parts = urlsplit(url)
        if proxy_bypass(parts.hostname or ""):
            return None
        return self._proxies.get(parts.scheme)

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()


class _LoadedResponse(AsyncClientResponse):
    """msrest's view of an aiohttp response whose body is already read (an empty body is a body too)."""

    def __init__(self, request: ClientRequest, response: aiohttp.ClientResponse, body: bytes) -> None:
        super().__init__(request, response)
        self.status_code = response.status
        self.headers: MutableMapping[str, str] = CIMultiDict(response.headers)
        self.reason = response.reason
        self._body = body

    def body(self) -> bytes:
        return self._body

    def raise_for_status(self) -> None:
        self.internal_response.raise_for_status()


class AiohttpSender(AsyncHTTPSender):
    def __init__(self, sessions: ConnectorSessions) -> None:
        self.sessions = sessions

    async def __aexit__(self, *exc_details: Any) -> None:
        """A client's context ends; the shared session outlives it (the server closes it)."""

    async def send(self, request: Request, **config: Any) -> Response:
        http: ClientRequest = request.http_request
        if http.files:
            raise ClientRequestError("multipart uploads are not used by govbot's Connector calls")
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                async with self.sessions.current().request(
                    http.method,
                    http.url,
                    headers=dict(http.headers),
                    data=http.data,
                    proxy=self.sessions.proxy_for(http.url),
                ) as response:
                    body = await response.read()
                return Response(request, _LoadedResponse(http, response, body))
            except aiohttp.ClientConnectorError as exc:
                # Nothing was sent, so any method may go again, as msrest's requests retry policy did.
                if attempt == CONNECT_ATTEMPTS:
                    raise ClientRequestError(f"Connector unreachable: {type(exc).__name__}") from exc
                await asyncio.sleep(CONNECT_BACKOFF * (attempt - 1))
            except (TimeoutError, aiohttp.ClientError) as exc:
                raise ClientRequestError(f"Connector call failed: {type(exc).__name__}") from exc
        raise AssertionError("unreachable: the last attempt returns or raises")


class BearerToken(AsyncHTTPPolicy):
    """Authorization from the bot's credentials, as msrest's requests policy sets it; none in Emulator mode."""

    def __init__(self, credentials: AppCredentials) -> None:
        super().__init__()
        self.credentials = credentials

    async def send(self, request: Request, **kwargs: Any) -> Response:
        app_id = getattr(self.credentials, "microsoft_app_id", None)
        if app_id and app_id != AuthenticationConstants.ANONYMOUS_SKILL_APP_ID:
            token = await asyncio.to_thread(self.credentials.get_access_token)
            request.http_request.headers["Authorization"] = f"Bearer {token}"
        else:
            request.http_request.headers.pop("Authorization", None)
        return await self.next.send(request, **kwargs)


def aiohttp_pipeline(config: Any, sessions: ConnectorSessions) -> AsyncPipeline:
    """The policies msrest's async client would use, with the credentials and sender replaced."""
    policies = [config.user_agent_policy, BearerToken(config.credentials), RawDeserializer()]
    policies.append(config.http_logger_policy)
    return AsyncPipeline(policies, AiohttpSender(sessions))
