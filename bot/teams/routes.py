"""POST /api/messages: the Bot Framework endpoint, on the shared aiohttp server.

Authentication runs as its own step so that every way a token can be wrong (missing, expired, malformed,
wrong audience or issuer) becomes 401; the 4.17.1 adapter lets PyJWT's ExpiredSignatureError and
DecodeError escape as 500. Without MICROSOFT_APP_ID the adapter runs in Emulator mode (no auth), which
bot.server mounts only when asked for. Every activity's serviceUrl must pass bot.teams.service_urls
(403 otherwise) before the turn runs, so no member lookup, reply or stored reference reaches a host
nobody vouches for. Invoke
responses are returned as the dict the handler already built, sidestepping CloudAdapter.process's double
serialization (which turns every invoke with a body into a 500). Replies and member lookups use Connector
clients kept across turns (bot.teams.clients) over the app's aiohttp session (bot.teams.transport), which
closes with the app.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity

from bot.teams.bot import GovbotTeamsBot
from bot.teams.clients import ReusedClients
from bot.teams.service_urls import ServiceUrlPolicy
from bot.teams.transport import ConnectorSessions
from handlers.context import HandlerContext

if TYPE_CHECKING:
    from botbuilder.core import TurnContext

    from bot.settings import Settings

log = logging.getLogger(__name__)
TEAMS_ADAPTER = web.AppKey("teams_adapter", CloudAdapter)


def build_adapter(
    settings: Settings | None,
    credentials_factory: object | None = None,
    sessions: ConnectorSessions | None = None,
) -> CloudAdapter:
    """The CloudAdapter with Connector clients kept across turns; over aiohttp when given `sessions`."""
    app_id = (settings.microsoft_app_id if settings else None) or ""
    password = (
        settings.microsoft_app_password.get_secret_value()
        if settings and settings.microsoft_app_password
        else ""
    )
    tenant = (settings.microsoft_app_tenant_id if settings else None) or ""
    config = SimpleNamespace(
        APP_ID=app_id,
        APP_PASSWORD=password,
        APP_TYPE="SingleTenant" if tenant else "MultiTenant",
        APP_TENANTID=tenant,
    )
    auth = ConfigurationBotFrameworkAuthentication(config, credentials_factory=credentials_factory)
    adapter = CloudAdapter(ReusedClients(auth, sessions))

    async def on_error(turn_context: TurnContext, error: Exception) -> None:
        log.error("teams turn failed: %s", type(error).__name__, exc_info=error)

    adapter.on_turn_error = on_error
    return adapter


def add_teams(
    app: web.Application,
    ctx: HandlerContext,
    settings: Settings,
    credentials_factory: object | None = None,
) -> None:
    sessions = ConnectorSessions()
    adapter = build_adapter(settings, credentials_factory, sessions)
    policy = ServiceUrlPolicy.from_settings(settings)
    bot = GovbotTeamsBot(ctx, policy)
    app[TEAMS_ADAPTER] = adapter

    async def close_sessions(_: web.Application) -> None:
        await sessions.close()

    app.on_cleanup.append(close_sessions)

    async def messages(request: web.Request) -> web.Response:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "expected application/json"}, status=415)
        try:
            activity = Activity().deserialize(await request.json())
        except ValueError:
            return web.json_response({"error": "malformed activity"}, status=400)
        try:
            authenticated = await adapter.bot_framework_authentication.authenticate_request(
                activity, request.headers.get("Authorization", "")
            )
        except Exception as exc:  # every authentication failure, whatever PyJWT raised, is a 401
            log.info("teams request refused: %s", type(exc).__name__)
            return web.json_response({"error": "unauthorized"}, status=401)
        if not policy.allows(activity.service_url):
            log.warning("teams activity refused: its serviceUrl is not a host this bot may talk to")
            return web.json_response({"error": "serviceUrl is not a known Bot Framework host"}, status=403)
        invoke = await adapter.process_activity(authenticated, activity, bot.on_turn)
        if invoke is None:
            return web.Response(status=201)
        return web.json_response(invoke.body, status=invoke.status)

    app.router.add_post("/api/messages", messages)
