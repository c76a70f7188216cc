"""The aiohttp application: health check now, the Slack and Teams endpoints in a later issue.

`create_app` takes a ready context instead of building one, so the composition root stays the only
place that opens the store and tests can serve the app with aiohttp's TestServer.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from aiohttp import web

from handlers.context import HandlerContext

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

CONTEXT = web.AppKey("context", HandlerContext)


def create_app(
    context: HandlerContext, settings: Settings | None = None, *, teams_credentials: object | None = None
) -> web.Application:
    """Health check and web chat at / always; Teams and Slack only when configured.

    Teams at /api/messages needs MICROSOFT_APP_ID, or Emulator mode asked for (`settings.teams_emulator`,
    which `govbot serve` allows on loopback only); without `settings` there is no Teams endpoint at all and
    the web chat is anonymous and read-only (its demo picker needs `settings.demo`, sign-in `oidc_*`).
    `teams_credentials` (a botbuilder credentials factory) replaces MSAL for Teams' outbound calls.
    """
    from bot.calendar_route import add_calendar
    from bot.http_edges import new_app
    from bot.webchat.routes import add_webchat

    app = new_app(settings)  # body checks, size and time limits, security headers (bot/http_edges.py)
    app[CONTEXT] = context
    app.router.add_get("/healthz", healthz)
    app.on_startup.append(_bind_notifier)
    add_calendar(app)
    add_webchat(app, context, settings)
    if settings is not None and settings.teams_enabled:
        from bot.composition import require_extra

        require_extra("teams")  # the Bot Framework SDK is an extra (pip install -e '.[teams]')
        from bot.teams.routes import add_teams

        add_teams(app, context, settings, teams_credentials)
    if settings is not None and settings.slack_enabled:
        from bot.slack.app import add_slack

        add_slack(app, context, settings)
        if settings.answer_workers > 0:  # this process acks and answers in workers: keep its heap still
            app.on_startup.append(_settle_heap)  # last: after the workers and everything else started
            app.on_cleanup.append(_release_heap)
    return app


_GC_BEFORE = web.AppKey("gc_thresholds_before", tuple)
GC_THRESHOLDS = (10_000, 20, 20)
"""Young collections every 10,000 allocations instead of 700: each walks only the young objects, so
fewer and somewhat larger ones cost less in all; full ones a twentieth as often again."""


async def _settle_heap(app: web.Application) -> None:
    """Everything start-up made (modules, the model, the classifier, Bolt's app) leaves the collector's
    view: a full collection then walks only what requests keep alive, not ~200,000 objects, so it is
    never a pause the acks wait behind (0.3 s at 200 mentions/s, seen before this)."""
    app[_GC_BEFORE] = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


async def _release_heap(app: web.Application) -> None:
    """Back as it was: a process that serves again (tests do) must not keep frozen garbage for good."""
    gc.unfreeze()
    gc.set_threshold(*app[_GC_BEFORE])


async def _bind_notifier(app: web.Application) -> None:
    """Proactive Teams sends run on this server's loop, submitted from worker threads."""
    from bot.channels.fanout import bind_loop

    bind_loop(app[CONTEXT].notifier, asyncio.get_running_loop())


HEALTH_PINGS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")
"""Health checks ping on a thread of their own: they never queue behind form handling in the default
executor, so a busy server still answers its load balancer."""


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers `SELECT 1`; 503 otherwise, without leaking the error to callers."""
    context = request.app[CONTEXT]
    engine = context.store.engine
    body = {"status": "ok", "model": context.model.key, "database": engine.dialect.name}
    try:
        await asyncio.get_running_loop().run_in_executor(HEALTH_PINGS, context.store.ping)
    except Exception:
        logger.warning("health check: the database did not answer", exc_info=True)
        return web.json_response({**body, "status": "error", "error": "database unavailable"}, status=503)
    return web.json_response(body)
