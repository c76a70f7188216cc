"""The web chat's page and JSON API, served by the real app."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from handlers.context import HandlerContext
from tests.bot import forms_fixture
from tests.bot.webchat_client import demo_settings, visitor


async def test_page_session_and_a_question(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        page = await client.get("/")
        assert page.status == 200 and "chat.js" in await page.text()
        assert (await client.get("/webchat/static/chat.js")).status == 200
        chat = await visitor(client)
        session = await chat.open()
        assert session["mode"] == "demo" and session["user"] is None and session["csrf_token"]
        keys = {p["key"] for p in session["people"]}
        assert keys == {p.key for p in context.model.people}
        assert any(p["roles"] for p in session["people"])
        reply = await chat.reply("hvem eier DIPS?")
        assert "Pasientbehandling" in reply["text"]
        assert {b["type"] for b in reply["blocks"]} >= {"heading"}
        empty, _ = await chat.post("/webchat/api/messages", {"text": "  "})
        assert empty == 400
        broken = await client.post(
            "/webchat/api/messages",
            data="not json",
            headers={"Content-Type": "application/json", "X-CSRF-Token": chat.csrf},
        )
        assert broken.status == 400


async def test_form_round_trip(context: HandlerContext, monkeypatch: pytest.MonkeyPatch) -> None:
    forms_fixture.install(monkeypatch)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        chat = await visitor(client, "kari-nordmann")
        reply = await chat.reply("nytt initiativ")
        [form] = [b for b in reply["blocks"] if b["type"] == "form"]
        base = {"form_id": form["form_id"], "context": form["context"], "submission_id": "tok-1"}
        bad = await chat.submit(**base, values={"title": "x"})
        assert bad == {"ok": False, "errors": {"title": "Tittelen må ha minst 5 tegn."}, "reply": None}
        assert forms_fixture.stored_ideas(context) == []
        good = await chat.submit(**base, values={"title": "Digital innsjekk"})
        assert good["ok"] and "IDEA-" in good["reply"]["text"]
