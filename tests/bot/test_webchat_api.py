"""The web chat's page and JSON API, served by the real app."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from handlers.context import HandlerContext
from tests.bot import forms_fixture


async def test_page_people_and_a_question(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context))) as client:
        page = await client.get("/")
        assert page.status == 200 and "chat.js" in await page.text()
        assert (await client.get("/webchat/static/chat.js")).status == 200
        people = await (await client.get("/webchat/api/people")).json()
        keys = {p["key"] for p in people["people"]}
        assert keys == {p.key for p in context.model.people}
        assert any(p["roles"] for p in people["people"])
        reply = await (
            await client.post("/webchat/api/messages", json={"user": "anonymous", "text": "hvem eier DIPS?"})
        ).json()
        assert "Pasientbehandling" in reply["text"]
        assert {b["type"] for b in reply["blocks"]} >= {"heading"}
        empty = await client.post("/webchat/api/messages", json={"text": "  "})
        assert empty.status == 400
        broken = await client.post(
            "/webchat/api/messages", data="not json", headers={"Content-Type": "application/json"}
        )
        assert broken.status == 400


async def test_form_round_trip(context: HandlerContext, monkeypatch: pytest.MonkeyPatch) -> None:
    forms_fixture.install(monkeypatch)
    async with TestClient(TestServer(create_app(context))) as client:
        reply = await (await client.post("/webchat/api/messages", json={"text": "nytt initiativ"})).json()
        [form] = [b for b in reply["blocks"] if b["type"] == "form"]
        base = {"form_id": form["form_id"], "context": form["context"], "submission_id": "tok-1"}
        bad = await (await client.post("/webchat/api/forms", json={**base, "values": {"title": "x"}})).json()
        assert bad == {"ok": False, "errors": {"title": "Tittelen må ha minst 5 tegn."}, "reply": None}
        assert forms_fixture.stored_ideas(context) == []
        good = await (
            await client.post("/webchat/api/forms", json={**base, "values": {"title": "Digital innsjekk"}})
        ).json()
        assert good["ok"] and "IDEA-" in good["reply"]["text"]
