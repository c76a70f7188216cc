"""The servers under test, each run in its own process: govbot and the bare framework baselines.

`python -m benchmarks.apps govbot` serves `bot.server.create_app` exactly as `govbot serve` builds it
(settings from the environment, the composition root's context), minus the reminder scheduler, so the
figures are the bot's and not the sweep's. `bare-slack` is a slack-bolt AsyncApp that only acks;
`bare-teams` is a stock botbuilder CloudAdapter echo bot in Emulator mode; `fair-teams` is the same echo
bot on govbot's own adapter (`bot.teams.routes.build_adapter` with its `ConnectorSessions`): Connector
clients kept across turns and replies over a pooled aiohttp session, the floor govbot's Teams turn is
measured against. All print `listening <port>`.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import Any

from aiohttp import web

from benchmarks.serving import serve


def govbot() -> web.Application:
    from bot.composition import build_context, load_settings
    from bot.server import create_app

    settings = load_settings()
    return create_app(build_context(settings, actor="server"), settings)


def bare_slack() -> web.Application:
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    client = AsyncWebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    slack = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    async def ack_only(ack: Any) -> None:
        await ack()

    slack.event("app_mention")(ack_only)

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await slack.async_dispatch(await to_bolt_request(request)))

    app = web.Application()
    app.router.add_post("/slack/events", events)
    return app


def bare_teams() -> web.Application:
    from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

    config = SimpleNamespace(APP_ID="", APP_PASSWORD="", APP_TYPE="MultiTenant", APP_TENANTID="")
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
    return _echo_app(adapter)


def fair_teams() -> web.Application:
    """The echo bot with govbot's client reuse: what any bot on this adapter costs, govbot's work aside."""
    from bot.teams.routes import build_adapter
    from bot.teams.transport import ConnectorSessions

    sessions = ConnectorSessions()
    app = _echo_app(build_adapter(None, sessions=sessions))

    async def close_sessions(_: web.Application) -> None:
        await sessions.close()

    app.on_cleanup.append(close_sessions)
    return app


def _echo_app(adapter: Any) -> web.Application:
    from botbuilder.core import ActivityHandler, TurnContext

    class Echo(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            await turn_context.send_activity(turn_context.activity.text or "")

    bot = Echo()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot) or web.Response(status=201)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


def main() -> None:
    factories = {
        "govbot": govbot,
        "bare-slack": bare_slack,
        "bare-teams": bare_teams,
        "fair-teams": fair_teams,
    }
    serve(factories[sys.argv[1]]())


if __name__ == "__main__":
    main()
