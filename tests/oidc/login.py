"""Drive a sign-in the way a browser does: our /webchat/login, the provider's own login and consent
pages (forms posted over HTTP), back to our callback. Stops before the callback when asked, so a test
can replay or tamper with it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from aiohttp import ClientResponse, ClientSession, CookieJar

FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')


def browser() -> ClientSession:
    """A client that keeps cookies for 127.0.0.1 like a browser (aiohttp refuses IP hosts by default)."""
    return ClientSession(cookie_jar=CookieJar(unsafe=True))


async def session_info(client: ClientSession, origin: str) -> dict[str, Any]:
    async with client.get(f"{origin}/webchat/api/session") as response:
        assert response.status == 200
        return await response.json()


async def _redirect(response: ClientResponse) -> str:
    assert response.status in (302, 303), (response.status, await response.text())
    return urljoin(str(response.url), response.headers["Location"])


async def start(client: ClientSession, origin: str) -> str:
    """Our login redirect: the provider's authorisation URL (with PKCE and nonce)."""
    await session_info(client, origin)
    async with client.get(f"{origin}/webchat/login", allow_redirects=False) as response:
        return await _redirect(response)


async def through_provider(client: ClientSession, authorize_url: str, login: str) -> str:
    """Log in and consent on the provider's pages; the URL it sends the browser back to."""
    url = authorize_url
    for _ in range(10):
        if url.split("?")[0].endswith("/webchat/callback"):
            return url
        async with client.get(url, allow_redirects=False) as response:
            if response.status in (302, 303):
                url = await _redirect(response)
                continue
            page = await response.text()
            assert response.status == 200, (response.status, page)
        action = urljoin(url, unescape(FORM_ACTION.search(page).group(1)))  # type: ignore[union-attr]
        form = {"prompt": "login", "login": login, "password": "any"} if 'name="login"' in page else {}
        if not form:
            form = {"prompt": "consent"}
        async with client.post(action, data=form, allow_redirects=False) as response:
            url = await _redirect(response)
    raise AssertionError("the provider never sent the browser back")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]
    text: str


async def callback(client: ClientSession, url: str) -> Answer:
    async with client.get(url, allow_redirects=False) as response:
        return Answer(response.status, response.headers, await response.text())


async def sign_in(client: ClientSession, origin: str, login: str) -> Answer:
    return await callback(client, await through_provider(client, await start(client, origin), login))


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
