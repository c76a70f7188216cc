"""The Slack channel: a Bolt AsyncApp wired to the shared handlers, mounted on the one aiohttp server.

HTTP mode serves POST /slack/events: `bot.slack.ingress` verifies the signature and the 5-minute
timestamp window and the body's shape before Bolt parses anything (401/400/415, never a traceback);
with SLACK_APP_TOKEN it connects over Socket Mode instead, which needs no inbound connection. Every
listener acks at once and does its work afterwards (lazy listeners), except view submissions, whose
field errors must travel in the ack itself. An event that finds the answer backlog full is not acked
(503): Slack retries it, and its claim makes the retry harmless.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.http_edges import Rejected, refusal
from bot.settings import Settings
from bot.slack import conversation, forms, home
from bot.slack.answering import Answerer, choose_answerer
from bot.slack.blocks import BUTTON_ACTION_PREFIX, OPEN_FORM_ACTION
from bot.slack.client import web_client
from bot.slack.ingress import checked_slack_body
from bot.slack.modals import CALLBACK_ID
from handlers.context import HandlerContext

log = logging.getLogger(__name__)
SLACK_APP = web.AppKey("slack_app", AsyncApp)
SLACK_ANSWERER = web.AppKey("slack_answerer", object)
SHORTCUT_ID = "submit_initiative"
MESSAGE_SHORTCUT_ID = "submit_initiative_from_message"


def build_slack_app(ctx: HandlerContext, settings: Settings, answerer: Answerer) -> AsyncApp:
    """Bolt injects listener arguments by parameter name, hence the small named closures.

    Mentions and DMs go to `answerer` (worker processes under `govbot serve`); commands, buttons and
    shortcuts are answered here, because their `trigger_id` or `response_url` must be used within seconds.
    """
    assert settings.slack_signing_secret is not None
    app = AsyncApp(
        client=web_client(settings), signing_secret=settings.slack_signing_secret.get_secret_value()
    )

    async def ack_only(ack: Any) -> None:
        await ack()

    async def event(body: dict[str, Any], event: dict[str, Any]) -> None:
        await answerer.answer(body, event)

    async def home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        await home.publish_home(ctx, event, client)

    async def command(body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
        await conversation.on_command(ctx, body, client, respond)

    async def button(body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
        await conversation.on_button(ctx, body, client, respond)

    async def global_shortcut(body: dict[str, Any], client: AsyncWebClient) -> None:
        await forms.on_global_shortcut(ctx, body, client)

    async def message_shortcut(body: dict[str, Any], client: AsyncWebClient) -> None:
        await forms.on_message_shortcut(ctx, body, client)

    async def open_form(body: dict[str, Any], client: AsyncWebClient) -> None:
        await forms.on_open_form_button(ctx, body, client)

    async def submission(
        ack: Any, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await forms.on_submission(ctx, ack, body, view, client)

    # Events are acked by Bolt before any listener runs, and the listener runs as a task after that; a
    # plain listener (not lazy) spares a deep copy of every request, which was half the ack's cost.
    app.event("app_mention")(event)
    app.event("message")(event)
    app.event("app_home_opened")(ack=ack_only, lazy=[home_opened])
    app.command("/govbot")(ack=ack_only, lazy=[command])
    app.shortcut(SHORTCUT_ID)(ack=ack_only, lazy=[global_shortcut])
    app.shortcut(MESSAGE_SHORTCUT_ID)(ack=ack_only, lazy=[message_shortcut])
    app.action(OPEN_FORM_ACTION)(ack=ack_only, lazy=[open_form])
    app.action(re.compile(f"^{re.escape(BUTTON_ACTION_PREFIX)}"))(ack=ack_only, lazy=[button])
    app.view(CALLBACK_ID)(submission)
    return app


def _is_event(text: str) -> bool:
    """An Events API delivery (what the answerer takes), not a command or an interaction."""
    return text.startswith("{") and json.loads(text).get("type") == "event_callback"


def add_slack(app: web.Application, ctx: HandlerContext, settings: Settings) -> None:
    """HTTP mode mounts /slack/events; Socket Mode connects on startup and disconnects on cleanup.

    The answerer (and its worker processes) lives as long as the server: started before the first
    request, stopped after the last.
    """
    answerer = choose_answerer(ctx, settings, web_client(settings))
    slack = build_slack_app(ctx, settings, answerer)
    app[SLACK_APP] = slack
    app[SLACK_ANSWERER] = answerer

    async def answering(_: web.Application) -> Any:
        await answerer.start()
        yield
        await answerer.close()

    app.cleanup_ctx.append(answering)
    if settings.slack_app_token is None:
        verifier = SignatureVerifier(settings.slack_signing_secret.get_secret_value())

        async def events(request: web.Request) -> web.Response:
            raw = await request.read()
            try:
                text = checked_slack_body(verifier, request.headers, request.content_type, raw)
            except Rejected as rejected:
                return refusal(rejected.status, rejected.reason)
            if answerer.full and _is_event(text):  # un-acked, Slack sends it again; nothing is lost
                log.warning("slack event refused un-acked: the answer backlog is full; Slack will retry")
                return web.json_response({"error": "busy, retry later"}, status=503)
            # Bolt picks its parser by the content type, compared case-sensitively: hand it ours
            headers = {k.lower(): v for k, v in request.headers.items()} | {
                "content-type": request.content_type
            }
            bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=headers)
            return await to_aiohttp_response(await slack.async_dispatch(bolt_request))

        app.router.add_post("/slack/events", events)
        return
    app_token = settings.slack_app_token.get_secret_value()

    async def socket_mode(_: web.Application) -> Any:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(slack, app_token)
        await handler.connect_async()
        yield
        await handler.close_async()

    app.cleanup_ctx.append(socket_mode)
