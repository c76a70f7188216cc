"""The web chat's page and JSON API, served by the same aiohttp app as Slack and Teams.

Who speaks comes from the server-side session only, never from the request body:
- OpenID Connect (`GOVBOT_OIDC_*`): the provider proves the user; the Sender is ("web", oid or sub,
  e-mail), resolved to a model person by e-mail like Slack and Teams users.
- demo mode (`GOVBOT_DEMO`): the page offers the model's people and `POST /webchat/api/demo/login`
  puts the chosen one in the session as platform "webdemo".
- otherwise, and before signing in: the anonymous visitor, who may only ask read-only questions.
Every POST passes `bot/webchat/guards.py` (JSON only, own origin and host, CSRF token) first.
The session and every answer carry the speaker's unread notice count («varsler»), which the page shows.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from sqlalchemy.exc import OperationalError

from bot.channels.opaque_ids import opaque_id
from bot.webchat import guards
from bot.webchat.appearance import stylesheet
from bot.webchat.documents import add_document_routes
from bot.webchat.oidc import OidcClient, OidcError
from bot.webchat.render import reply_json
from bot.webchat.sessions import COOKIE, LIFETIME, SessionView, WebSessions, utc_now
from handlers.anonymous import sign_in_reply
from handlers.context import HandlerContext
from handlers.dispatch import busy_reply, handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.identity import is_anonymous, remember_identity
from handlers.inbox.responder import unread_for
from handlers.language import from_locale
from handlers.messages import IncomingMessage, Sender
from handlers.person_names import shown_name
from handlers.texts import TEXTS, t
from models.database import db_error

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
MAX_TEXT = 4000
WEB, WEBDEMO = "web", "webdemo"
SESSIONS = web.AppKey("webchat_sessions", WebSessions)
OIDC = web.AppKey("webchat_oidc", OidcClient)


def add_webchat(app: web.Application, ctx: HandlerContext, settings: Settings | None = None) -> None:
    """Mount the page and API; the demo picker only with `settings.demo`, sign-in only with OIDC set.

    Without settings (tests, embedding) the web chat is anonymous and read-only.
    """
    demo = settings is not None and settings.demo
    public_url = settings.public_url if settings is not None else None
    app[SESSIONS] = WebSessions(ctx.store, utc_now)
    oidc = _oidc_client(settings)
    if oidc is not None:
        app[OIDC] = oidc
    mode = "demo" if demo else "oidc" if oidc is not None else "anonymous"

    async def current(request: web.Request) -> SessionView | None:
        return await asyncio.to_thread(request.app[SESSIONS].load, request.cookies.get(COOKIE))

    async def speaker(request: web.Request, busy: web.Response) -> SessionView:
        """The checked session of a POST; a database outage answers `busy` (the polite sentence)."""
        guards.check_post(request, public_url)
        try:
            view = await current(request)
        except OperationalError as exc:
            log.error("web chat: the session store is unavailable: %s", db_error(exc))
            raise _as_exception(busy) from None
        return guards.check_csrf(request, view)

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    brand_css = stylesheet(ctx.model.appearance)

    async def brand(_: web.Request) -> web.Response:
        """The region's colour from the model file (bot/webchat/appearance.py)."""
        return web.Response(text=brand_css, content_type="text/css", headers={"Cache-Control": "no-cache"})

    async def session_info(request: web.Request) -> web.Response:
        guards.check_host(request, public_url)
        try:
            view = await current(request) or await asyncio.to_thread(request.app[SESSIONS].create)
        except OperationalError as exc:
            log.error("web chat: the session store is unavailable: %s", db_error(exc))
            message = t(guards.language_of(request), "error.busy")
            return web.json_response({"error": "busy", "message": message}, status=503)
        body: dict[str, Any] = {
            "csrf_token": view.csrf_token,
            "mode": mode,
            "user": _user_json(view),
            # the page starts in the browser's language and follows the conversation's from then on
            "language": guards.language_of(request),
            "texts": _page_texts(ctx),
            "unread": await asyncio.to_thread(_unread, ctx, view.sender),
        }
        if demo:
            body["people"] = _people(ctx)
        if oidc is not None:
            body["login_url"] = "/webchat/login"
        response = web.json_response(body, headers={"Cache-Control": "no-store"})
        _set_cookie(request, response, view)
        return response

    async def demo_login(request: web.Request) -> web.Response:
        view = await speaker(request, _busy_json(request))
        key = str((await _json(request)).get("user", ""))
        names = {person.key: person.name for person in ctx.model.people}
        if key == "anonymous":
            await asyncio.to_thread(request.app[SESSIONS].sign_out, view)
            fresh = await asyncio.to_thread(request.app[SESSIONS].create)
        elif key in names:
            sender = Sender(WEBDEMO, key, names[key])
            fresh = await asyncio.to_thread(request.app[SESSIONS].sign_in, view.id, sender, how="demo")
        else:
            raise guards.refuse(request, 400, "refused.demo_user")
        if fresh is None:
            raise guards.refuse(request, 403, "refused.session")
        unread = await asyncio.to_thread(_unread, ctx, fresh.sender)
        response = web.json_response(
            {"csrf_token": fresh.csrf_token, "mode": mode, "user": _user_json(fresh), "unread": unread}
        )
        _set_cookie(request, response, fresh)
        return response

    async def login(request: web.Request) -> web.Response:
        guards.check_host(request, public_url)
        sessions = request.app[SESSIONS]
        view = await current(request) or await asyncio.to_thread(sessions.create)
        try:
            start = await asyncio.to_thread(request.app[OIDC].start_login, _redirect_uri(request, public_url))
        except OidcError as exc:
            log.warning("web chat sign-in: the provider could not be reached: %s", exc)
            return _login_failed(request, 502)
        await asyncio.to_thread(sessions.begin_login, view.id, start.state, start.nonce, start.verifier)
        response = web.HTTPFound(start.url)
        _set_cookie(request, response, view)
        raise response

    async def callback(request: web.Request) -> web.Response:
        guards.check_host(request, public_url)
        sessions = request.app[SESSIONS]
        view = await current(request)
        state, code = request.query.get("state", ""), request.query.get("code", "")
        pending = await asyncio.to_thread(sessions.take_login, view.id, state) if view and state else None
        if view is None or pending is None or not code:
            log.warning("web chat sign-in refused: no login in progress for this state (replayed or forged)")
            return _login_failed(request, 400)
        try:
            identity = await asyncio.to_thread(
                request.app[OIDC].finish_login,
                _redirect_uri(request, public_url),
                code,
                pending.verifier,
                pending.nonce,
            )
        except OidcError as exc:
            log.warning("web chat sign-in refused: %s", exc)
            return _login_failed(request, 401)
        if identity.subject == "anonymous":
            return _login_failed(request, 401)
        sender = Sender(WEB, identity.subject, identity.name or identity.email, identity.email)
        await asyncio.to_thread(remember_identity, ctx.store, sender)
        fresh = await asyncio.to_thread(sessions.sign_in, view.id, sender, how="oidc")
        if fresh is None:
            return _login_failed(request, 400)
        response = web.HTTPFound("/")
        _set_cookie(request, response, fresh)
        raise response

    async def logout(request: web.Request) -> web.Response:
        view = await speaker(request, _busy_json(request))
        await asyncio.to_thread(request.app[SESSIONS].sign_out, view)
        response = web.json_response({"ok": True})
        response.del_cookie(COOKIE, path="/")
        return response

    async def messages(request: web.Request) -> web.Response:
        view = await speaker(request, web.json_response(reply_json(busy_reply(guards.language_of(request)))))
        body = await _json(request)
        text = str(body.get("text", ""))[:MAX_TEXT].strip()
        if not text:
            return web.json_response({"error": "empty message"}, status=400)
        raw = body.get("data") if isinstance(body.get("data"), dict) else {}
        data = {str(k): str(v) for k, v in raw.items()}
        message = IncomingMessage(
            text=text, sender=view.sender, channel="web", conversation_id="webchat", data=data, pictures=True
        )
        reply = await asyncio.to_thread(handle_message, message, ctx)
        unread = await asyncio.to_thread(_unread, ctx, view.sender)
        return web.json_response({**reply_json(reply), "unread": unread})

    async def forms(request: web.Request) -> web.Response:
        busy = {"ok": False, "errors": {"_form": t(guards.language_of(request), "error.busy")}, "reply": None}
        view = await speaker(request, web.json_response(busy))
        body = await _json(request)
        language = from_locale(str(body.get("language", ""))) or "nb"
        if view.anonymous:
            refusal = sign_in_reply(language)
            return web.json_response(
                {"ok": False, "errors": {"_form": refusal.text}, "reply": reply_json(refusal)}, status=403
            )
        values = body.get("values") if isinstance(body.get("values"), dict) else {}
        submission = FormSubmission(
            form_id=str(body.get("form_id", "")),
            values={str(k): v if isinstance(v, list) else str(v) for k, v in values.items()},
            sender=view.sender,
            language=language,
            submission_id=f"web:{body.get('submission_id') or opaque_id(secrets.token_hex(16))}",
            context=str(body.get("context", "")),
        )
        result = await asyncio.to_thread(handle_form, submission, ctx)
        reply = reply_json(result.reply) if result.reply is not None else None
        return web.json_response({"ok": result.ok, "errors": result.errors, "reply": reply})

    app.router.add_get("/", index)
    app.router.add_get("/webchat/brand.css", brand)
    app.router.add_static("/webchat/static/", STATIC)
    app.router.add_get("/webchat/api/session", session_info)
    app.router.add_post("/webchat/api/messages", messages)
    app.router.add_post("/webchat/api/forms", forms)
    app.router.add_post("/webchat/logout", logout)
    add_document_routes(app, ctx, current, public_url)
    if demo:
        app.router.add_post("/webchat/api/demo/login", demo_login)
    if oidc is not None:
        app.router.add_get("/webchat/login", login)
        app.router.add_get("/webchat/callback", callback)


def _as_exception(response: web.Response) -> web.HTTPException:
    """aiohttp stops a handler with an exception; this one carries a ready 200 response's body."""
    return web.HTTPOk(text=response.text, content_type=response.content_type)


def _busy_json(request: web.Request) -> web.Response:
    return web.json_response({"error": "busy", "message": t(guards.language_of(request), "error.busy")})


def _oidc_client(settings: Settings | None) -> OidcClient | None:
    if settings is None or not settings.oidc_issuer or not settings.oidc_client_id:
        return None
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    return OidcClient(settings.oidc_issuer, settings.oidc_client_id, secret, settings.oidc_tenant_id)


def _redirect_uri(request: web.Request, public_url: str | None) -> str:
    base = public_url.rstrip("/") if public_url else f"{request.scheme}://{request.host}"
    return f"{base}/webchat/callback"


def _set_cookie(request: web.Request, response: web.StreamResponse, view: SessionView) -> None:
    response.set_cookie(
        COOKIE,
        view.id,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=guards.cookie_is_secure(request),
        max_age=int(LIFETIME.total_seconds()),
    )


def _login_failed(request: web.Request, status: int) -> web.Response:
    """A plain-text page: nothing from the provider or the request is echoed back."""
    return web.Response(
        text=t(guards.language_of(request), "webchat.login_failed"),
        status=status,
        content_type="text/plain",
    )


def _unread(ctx: HandlerContext, sender: Sender) -> int | None:
    """The unread count; None for the anonymous visitor (no inbox) and while the database is away
    (the answer itself already said so)."""
    if is_anonymous(sender):
        return None
    try:
        return unread_for(ctx, sender)
    except OperationalError as exc:
        log.error("web chat: unread notices not counted: %s", db_error(exc))
        return None


def _user_json(view: SessionView) -> dict[str, Any] | None:
    if view.anonymous:
        return None
    sender = view.sender
    return {
        "platform": sender.platform,
        "id": sender.user_id,
        "name": sender.display_name,
        "email": sender.email,
    }


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(text='{"error": "expected JSON"}', content_type="application/json") from exc
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"error": "expected a JSON object"}', content_type="application/json")
    return body


def _people(ctx: HandlerContext) -> list[dict[str, Any]]:
    """The demo picker's people, their roles in both languages (the header follows the conversation's)."""
    roles: dict[str, dict[str, list[str]]] = {}
    for body in ctx.model.bodies:
        for member in body.members:
            for lang, texts in TEXTS.items():
                label = texts.get(f"role.{member.role}", str(member.role))
                name = body.name_en if lang == "en" and body.name_en else body.name
                roles.setdefault(member.person, {}).setdefault(lang, []).append(f"{label}, {name}")
    return [
        {
            "key": p.key,
            "name": p.name,
            "names": {lang: shown_name(p.name, lang) for lang in ("nb", "en")},
            "title": p.title,
            "organisation": p.organisation,
            "roles": roles.get(p.key, {}),
        }
        for p in ctx.model.people
    ]


def _page_texts(ctx: HandlerContext) -> dict[str, dict[str, str]]:
    """The page's own words in both languages, so it can switch without asking again; the JavaScript
    holds none. The region's name from the model file fills the title."""
    return {
        lang: {
            k: v.replace("{region}", ctx.model.region) for k, v in texts.items() if k.startswith("webchat.")
        }
        for lang, texts in TEXTS.items()
    }
