"""`GET /calendar/{body}.ics`: the iCalendar feed Outlook subscribes to, one per body.

Read-only and public within the deployment: meeting dates, paper deadlines and each agenda's case titles
(what a published agenda shows; no owners, no papers, no withdrawn cases). `?lang=en` gives English
wording. An unknown body is a 404 with a short text, never a stack trace.
"""

from __future__ import annotations

import asyncio

from aiohttp import web


def add_calendar(app: web.Application) -> None:
    app.router.add_get("/calendar/{body}.ics", calendar_feed)


async def calendar_feed(request: web.Request) -> web.Response:
    from bot.server import CONTEXT

    context = request.app[CONTEXT]
    language = "en" if request.query.get("lang") == "en" else "nb"
    data = await asyncio.to_thread(_build, context, request.match_info["body"], language)
    if data is None:
        return web.Response(status=404, text="No such body.\n")
    return web.Response(body=data, content_type="text/calendar", charset="utf-8")


def _build(context: object, asked: str, language: str) -> bytes | None:
    from handlers.context import HandlerContext
    from handlers.meetings.bodies import find_body
    from handlers.meetings.calendar import body_calendar

    assert isinstance(context, HandlerContext)
    store = context.store
    with store.read() as session:
        body = find_body(session, store.model_id, asked)
        if body is None:
            return None
        return body_calendar(
            session, store.model.key, body, context.clock(), "en" if language == "en" else "nb"
        )
