"""Nobody acts as someone else in the web chat (issue 11), at the wire of the real aiohttp app.

- the old "user" field in a message or form body is ignored: the session says who speaks, and the audit
  log names that person;
- a cross-origin POST, a POST without the CSRF token, a text/plain or form POST, a foreign Host: refused
  with nothing changed;
- the anonymous visitor may ask, but not submit, not see «mine initiativer», not change anything;
- the demo picker exists only in demo mode, and the cookie is HttpOnly, SameSite=Lax, Secure off loopback.
Each database test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select, update

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.forms import FormSubmission, handle_form
from handlers.identity import ANONYMOUS_SENDER
from models.tables import AuditEntry, Initiative, Meeting, WebSession
from tests.bot.initiative_input import GOOD
from tests.bot.webchat_client import WebChat, demo_settings, visitor

STATIC = Path(__file__).resolve().parents[2] / "bot" / "webchat" / "static"
SECRETARIAT = "hilde-karlsen"  # Pasientbehandling's secretariat, where GOOD is routed
CLINICIAN = "kari-nordmann"


def submitted(context: HandlerContext, sender=ANONYMOUS_SENDER, sid: str = "old-1") -> str:  # type: ignore[no-untyped-def]
    result = handle_form(FormSubmission("initiative", dict(GOOD), sender, "nb", sid), context)
    assert result.ok, result.errors
    with context.store.read() as session:
        return session.scalars(select(Initiative.reference).order_by(Initiative.id)).all()[-1]


def snapshot(context: HandlerContext) -> tuple[list[str], int, int]:
    with context.store.read() as session:
        states = list(session.scalars(select(Initiative.state).order_by(Initiative.id)))
        audits = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        meetings = session.scalar(select(func.count()).select_from(Meeting)) or 0
        return states, audits, meetings


async def test_the_user_field_is_ignored_and_the_audit_names_the_real_actor(context: HandlerContext) -> None:
    reference = submitted(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        clinician = await visitor(client, CLINICIAN)
        before = snapshot(context)
        text = f"sett {reference} til avvist fordi dette er et forsøk"
        status, reply = await clinician.post("/webchat/api/messages", {"user": SECRETARIAT, "text": text})
        assert status == 200 and "Beklager" in reply["text"]
        status, result = await clinician.post(
            "/webchat/api/forms",
            {
                "form_id": "meeting",
                "user": SECRETARIAT,
                "context": "",
                "submission_id": "imp-1",
                "values": {"body": "omradestyre-pasientbehandling", "date": "14.12.2027", "time": "09:00"},
            },
        )
        assert status == 200 and not result["ok"]
        assert snapshot(context) == before

        secretariat = await visitor(client, SECRETARIAT)
        moved = await secretariat.say(f"sett {reference} til under vurdering", user=CLINICIAN)
        assert "under vurdering" in moved
    with context.store.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.moved"))
        assert entry is not None and entry.actor == f"{SECRETARIAT} (webdemo:{SECRETARIAT})"
        picked = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "websession.signed_in.demo")
        )
        assert set(picked) == {f"webdemo:{CLINICIAN}", f"webdemo:{SECRETARIAT}"}


async def test_a_planted_session_id_dies_when_someone_picks_a_person(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        chat = WebChat(client)
        planted = (await chat.open(), client.session.cookie_jar.filter_cookies(client.make_url("/")))
        old_id = planted[1]["govbot_session"].value
        await chat.as_person(SECRETARIAT)
        new_id = client.session.cookie_jar.filter_cookies(client.make_url("/"))["govbot_session"].value
        assert new_id != old_id
    async with TestClient(TestServer(create_app(context, demo_settings()))) as other:
        other.session.cookie_jar.update_cookies({"govbot_session": old_id})
        assert (await (await other.get("/webchat/api/session")).json())["user"] is None


async def test_an_expired_session_speaks_for_nobody(context: HandlerContext) -> None:
    reference = submitted(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        secretariat = await visitor(client, SECRETARIAT)
        with context.store.session() as session:
            session.execute(update(WebSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
        before = snapshot(context)
        status, refusal = await secretariat.post(
            "/webchat/api/messages", {"text": f"sett {reference} til avvist fordi utløpt"}
        )
        assert status == 403 and refusal["error"] == "refused.session"
        assert snapshot(context) == before
        assert (await secretariat.open())["user"] is None  # a fresh, anonymous session instead


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Origin": "https://evil.example", "csrf": "good"}, "json", 403),
        ({"Origin": "http://127.0.0.1:1", "csrf": "good"}, "json", 403),
        ({}, "json", 403),
        ({"csrf": "wrong"}, "json", 403),
        ({"csrf": "good", "Content-Type": "text/plain"}, "raw", 415),
        ({"csrf": "good", "Content-Type": "application/x-www-form-urlencoded"}, "raw", 415),
        ({"csrf": "good", "Host": "evil.example"}, "json", 403),
    ],
    ids=["cross-origin", "other-port", "no-token", "wrong-token", "text-plain", "html-form", "rebound-host"],
)
async def test_forged_posts_are_refused_and_change_nothing(
    context: HandlerContext, headers: dict[str, str], body: str, status: int
) -> None:
    reference = submitted(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        secretariat = await visitor(client, SECRETARIAT)
        before = snapshot(context)
        sent = {k: v for k, v in headers.items() if k != "csrf"}
        if "csrf" in headers:
            sent["X-CSRF-Token"] = secretariat.csrf if headers["csrf"] == "good" else "forged-token"
        payload = f'{{"text": "sett {reference} til avvist fordi CSRF"}}'
        for path in ("/webchat/api/messages", "/webchat/api/forms", "/webchat/logout"):
            if body == "json":
                response = await client.post(
                    path, data=payload, headers={"Content-Type": "application/json", **sent}
                )
            else:
                response = await client.post(path, data=payload, headers=sent)
            assert response.status == status, (path, await response.text())
            refusal = await response.json()
            assert refusal["message"] and refusal["error"].startswith("refused.")
        assert snapshot(context) == before
        assert "avvist" not in (await secretariat.say(f"status {reference}"))


async def test_refusals_speak_english_to_an_english_browser(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        response = await client.post(
            "/webchat/api/messages",
            data="{}",
            headers={"Content-Type": "text/plain", "Accept-Language": "en-GB"},
        )
        assert response.status == 415 and "must be sent as JSON" in (await response.json())["message"]


async def test_anonymous_visitors_may_only_ask(context: HandlerContext) -> None:
    old = submitted(context)  # what the old web chat stored for every visitor who had picked nobody
    async with TestClient(TestServer(create_app(context))) as client:
        session = await (await client.get("/webchat/api/session")).json()
        assert session["mode"] == "anonymous" and session["user"] is None and "people" not in session
        chat = await visitor(client)
        assert "Pasientbehandling" in await chat.say("hvem eier DIPS?")
        mine = await chat.say("mine initiativer")
        assert old not in mine and "Logg inn" in mine
        assert "Sign in" in await chat.say("my initiatives")
        assert "Logg inn" in await chat.say("nytt initiativ")
        assert "Logg inn" in await chat.say(f"sett {old} til avvist fordi anonym")
        assert "Logg inn" in await chat.say(f"status {old}")
        before = snapshot(context)
        status, result = await chat.post(
            "/webchat/api/forms",
            {"form_id": "initiative", "user": SECRETARIAT, "values": GOOD, "submission_id": "anon-1"},
        )
        assert status == 403 and not result["ok"] and "Logg inn" in result["errors"]["_form"]
        status, _ = await chat.post("/webchat/api/demo/login", {"user": SECRETARIAT})
        assert status == 404
        assert snapshot(context) == before


async def test_the_demo_picker_lists_the_model_people_only_in_demo_mode(context: HandlerContext) -> None:
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        session = await (await client.get("/webchat/api/session")).json()
        assert session["mode"] == "demo"
        assert {p["key"] for p in session["people"]} == {p.key for p in context.model.people}
        chat = await visitor(client)
        status, refusal = await chat.post("/webchat/api/demo/login", {"user": "nobody-at-all"})
        assert status == 400 and "finnes ikke" in refusal["message"]
        await chat.as_person(CLINICIAN)
        assert (await chat.open())["user"]["id"] == CLINICIAN
        await chat.as_person("anonymous")
        assert (await chat.open())["user"] is None


async def test_the_cookie_is_secure_unless_served_over_http_on_loopback(context: HandlerContext) -> None:
    public = Settings(GOVBOT_PUBLIC_URL="https://govbot.example.no", answer_workers=0)
    async with TestClient(TestServer(create_app(context, public))) as client:
        response = await client.get("/webchat/api/session", headers={"Host": "govbot.example.no"})
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert (await client.get("/webchat/api/session", headers={"Host": "evil.example"})).status == 403
    async with TestClient(TestServer(create_app(context))) as client:
        cookie = (await client.get("/webchat/api/session")).headers["Set-Cookie"]
        assert "Secure" not in cookie and "HttpOnly" in cookie


def test_the_page_has_no_inline_script_or_event_handler() -> None:
    page = (STATIC / "index.html").read_text()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert not re.search(r"\son[a-z]+\s*=", page)
    assert not re.search(r"\.innerHTML\s*=", (STATIC / "chat.js").read_text())
