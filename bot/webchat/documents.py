"""`GET /webchat/api/minutes/{meeting}.docx`: a meeting's minutes as Word, for someone signed in;
`GET /webchat/api/portfolio/{year}.xlsx`: the portfolio workbook for board papers (handlers/frames/excel.py).

Read-only and behind the same checks as the chat's own routes: the Host check, then the server-side
session; an anonymous visitor gets 403, and the minutes themselves decide the rest (approved minutes for
anyone signed in, a draft only for the body's secretariat, as in chat). The language comes from `?lang=`
or the browser's Accept-Language.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.webchat import guards
from bot.webchat.sessions import SessionView
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.language import from_locale
from handlers.meetings.access import MeetingError
from handlers.messages import Language, Sender
from handlers.minutes.exports import minutes_docx
from handlers.texts import t

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_document_routes(
    app: web.Application,
    ctx: HandlerContext,
    current: Callable[[web.Request], Awaitable[SessionView | None]],
    public_url: str | None,
) -> None:
    async def minutes_file(request: web.Request) -> web.StreamResponse:
        guards.check_host(request, public_url)
        language = from_locale(request.query.get("lang", "")) or guards.language_of(request)
        view = await current(request)
        if view is None or view.anonymous:
            return web.json_response({"error": t(language, "webchat.sign_in_needed")}, status=403)
        meeting = int(request.match_info["meeting"])
        try:
            data = await asyncio.to_thread(_minutes, ctx, view.sender, meeting, language)
        except MeetingError as refusal:
            return web.json_response({"error": t(language, refusal.key, **refusal.params)}, status=404)
        disposition = f'attachment; filename="referat-{meeting}.docx"'
        headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
        return web.Response(body=data, content_type=DOCX, headers=headers)

    app.router.add_get(r"/webchat/api/minutes/{meeting:\d+}.docx", minutes_file)

    async def portfolio_file(request: web.Request) -> web.StreamResponse:
        import handlers.frames  # noqa: F401  (its sentences)

        guards.check_host(request, public_url)
        language = from_locale(request.query.get("lang", "")) or guards.language_of(request)
        view = await current(request)
        if view is None or view.anonymous:
            return web.json_response({"error": t(language, "webchat.sign_in_needed")}, status=403)
        year = int(request.match_info["year"])
        if ctx.model.frames is None or not 2000 <= year <= 2100:
            return web.json_response({"error": t(language, "frames.no_policy")}, status=404)
        data = await asyncio.to_thread(_portfolio, ctx, year, language)
        disposition = f'attachment; filename="portefolje-{year}.xlsx"'
        headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
        return web.Response(body=data, content_type=XLSX, headers=headers)

    app.router.add_get(r"/webchat/api/portfolio/{year:\d{4}}.xlsx", portfolio_file)


def _portfolio(ctx: HandlerContext, year: int, language: Language) -> bytes:
    from handlers.frames.excel import portfolio_workbook

    with ctx.store.read() as session:
        return portfolio_workbook(session, ctx.model, ctx.store.model_id, year, language)


def _minutes(ctx: HandlerContext, sender: Sender, meeting: int, language: Language) -> bytes:
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, sender)
        return minutes_docx(session, ctx.store.model_id, actor, meeting, language)
