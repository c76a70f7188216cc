"""The web chat's page and JSON API, served by the same aiohttp app as Slack and Teams.

No accounts: the page lists the model's people with their roles, and the visitor picks one (or stays
unknown). That is deliberate for a local demo and the reason it binds to 127.0.0.1 by default; the
identity is a person key, resolved by handlers.identity like the terminal's.
"""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.webchat.render import reply_json
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.language import from_locale
from handlers.messages import IncomingMessage, Sender
from handlers.texts import TEXTS

STATIC = Path(__file__).resolve().parent / "static"
PLATFORM = "web"
ANONYMOUS = "anonymous"
MAX_TEXT = 4000


def add_webchat(app: web.Application, ctx: HandlerContext) -> None:
    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def people(_: web.Request) -> web.Response:
        return web.json_response({"texts": _page_texts(), "people": _people(ctx)})

    async def messages(request: web.Request) -> web.Response:
        body = await _json(request)
        text = str(body.get("text", ""))[:MAX_TEXT].strip()
        if not text:
            return web.json_response({"error": "empty message"}, status=400)
        raw = body.get("data") if isinstance(body.get("data"), dict) else {}
        data = {str(k): str(v) for k, v in raw.items()}
        message = IncomingMessage(
            text=text, sender=_sender(ctx, body), channel="web", conversation_id="webchat", data=data
        )
        reply = await asyncio.to_thread(handle_message, message, ctx)
        return web.json_response(reply_json(reply))

    async def forms(request: web.Request) -> web.Response:
        body = await _json(request)
        sender = _sender(ctx, body)
        values = body.get("values") if isinstance(body.get("values"), dict) else {}
        submission = FormSubmission(
            form_id=str(body.get("form_id", "")),
            values={str(k): v if isinstance(v, list) else str(v) for k, v in values.items()},
            sender=sender,
            language=from_locale(str(body.get("language", ""))) or "nb",
            submission_id=f"web:{body.get('submission_id') or secrets.token_hex(8)}",
            context=str(body.get("context", "")),
        )
        result = await asyncio.to_thread(handle_form, submission, ctx)
        reply = reply_json(result.reply) if result.reply is not None else None
        return web.json_response({"ok": result.ok, "errors": result.errors, "reply": reply})

    app.router.add_get("/", index)
    app.router.add_static("/webchat/static/", STATIC)
    app.router.add_get("/webchat/api/people", people)
    app.router.add_post("/webchat/api/messages", messages)
    app.router.add_post("/webchat/api/forms", forms)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(text='{"error": "expected JSON"}', content_type="application/json") from exc
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"error": "expected a JSON object"}', content_type="application/json")
    return body


def _sender(ctx: HandlerContext, body: dict[str, Any]) -> Sender:
    """Only the model's people can be chosen; anything else is the unknown visitor."""
    keys = {person.key: person.name for person in ctx.model.people}
    user = str(body.get("user", ANONYMOUS))
    if user not in keys:
        return Sender(PLATFORM, ANONYMOUS, None)
    return Sender(PLATFORM, user, keys[user])


def _people(ctx: HandlerContext) -> list[dict[str, Any]]:
    roles: dict[str, list[str]] = {}
    for body in ctx.model.bodies:
        for member in body.members:
            label = TEXTS["nb"].get(f"role.{member.role}", str(member.role))
            roles.setdefault(member.person, []).append(f"{label}, {body.name}")
    return [
        {
            "key": p.key,
            "name": p.name,
            "title": p.title,
            "organisation": p.organisation,
            "roles": roles.get(p.key, []),
        }
        for p in ctx.model.people
    ]


def _page_texts() -> dict[str, dict[str, str]]:
    return {
        lang: {k: v for k, v in texts.items() if k.startswith("webchat.")} for lang, texts in TEXTS.items()
    }
