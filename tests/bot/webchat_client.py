"""A web chat visitor as the page is one: fetches its session, sends the CSRF token, picks a demo person.

Tests of features reached through the web chat use it with a demo-mode app (`demo_settings()`), where
the person is chosen with `POST /webchat/api/demo/login`; the body's old "user" field means nothing.
"""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient

from bot.settings import Settings
from bot.webchat.sessions import COOKIE


def demo_settings(**extra: Any) -> Settings:
    return Settings(GOVBOT_DEMO=True, **{"answer_workers": 0, **extra})


class WebChat:
    """One browser. Several may share a TestClient: each puts its own session cookie in the jar first."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""
        self.cookie: str | None = None

    def _wear(self) -> None:
        jar = self.client.session.cookie_jar
        jar.clear_domain(self.client.make_url("/").host or "")
        if self.cookie:
            jar.update_cookies({COOKIE: self.cookie}, self.client.make_url("/"))

    def _keep(self) -> None:
        cookies = self.client.session.cookie_jar.filter_cookies(self.client.make_url("/"))
        self.cookie = cookies[COOKIE].value if COOKIE in cookies else None

    async def open(self) -> dict[str, Any]:
        self._wear()
        response = await self.client.get("/webchat/api/session")
        self._keep()
        assert response.status == 200
        session = await response.json()
        self.csrf = session["csrf_token"]
        return session

    async def as_person(self, key: str) -> WebChat:
        if not self.csrf:
            await self.open()
        status, body = await self.post("/webchat/api/demo/login", {"user": key})
        assert status == 200, body
        self.csrf = body["csrf_token"]
        return self

    async def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        if not self.csrf:
            await self.open()
        self._wear()
        response = await self.client.post(path, json=body, headers={"X-CSRF-Token": self.csrf})
        self._keep()
        if response.content_type == "application/json":
            return response.status, await response.json()
        return response.status, await response.text()

    async def reply(self, text: str, **data: str) -> dict[str, Any]:
        status, body = await self.post("/webchat/api/messages", {"text": text, "data": data})
        assert status == 200, body
        return body

    async def say(self, text: str, **data: str) -> str:
        return (await self.reply(text, **data))["text"]

    async def submit(self, **body: Any) -> dict[str, Any]:
        return (await self.post("/webchat/api/forms", body))[1]


async def visitor(client: TestClient, person: str | None = None) -> WebChat:
    chat = WebChat(client)
    await chat.open()
    return await chat.as_person(person) if person else chat
