"""Messages in Slack (mentions, DMs, the slash command, buttons) answered by the shared handlers.

Everything here runs after the ack, as Bolt lazy listeners (asyncio tasks), so Slack gets its 200 within
milliseconds whatever the database does. The event id is claimed in the store first: a retried or
duplicated delivery finds the claim and does nothing.

A reply's pictures (a frame chart) follow its text as file uploads in the same thread (bot/slack/uploads.py).
Only messages get them: the slash command's and the buttons' answers are ephemeral, and a file cannot be.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import OperationalError

from bot.slack.blocks import fallback_text, find_form, message_blocks
from bot.slack.modals import modal_view
from bot.slack.people import PLATFORM, slack_sender
from bot.slack.uploads import upload_pictures
from handlers.context import HandlerContext
from handlers.dispatch import busy_reply, handle_message
from handlers.language import detect
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Reply
from models.database import db_error
from models.repositories.channels import claim_event

log = logging.getLogger(__name__)
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
INITIATIVE_PHRASE = "nytt initiativ"
"""The words that ask the handlers for the initiative form (issue 4); shortcuts send them on the user's behalf."""


def unescape(text: str) -> str:
    """Slack escapes &, < and > in message text; handlers want what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


async def answer(
    ctx: HandlerContext,
    sender: Sender,
    text: str,
    conversation_id: str,
    message_id: str | None = None,
    data: dict[str, str] | None = None,
    *,
    pictures: bool = False,
) -> Reply:
    message = IncomingMessage(
        text=unescape(MENTION.sub("", text)).strip(),
        sender=sender,
        channel=PLATFORM,
        conversation_id=conversation_id,
        message_id=message_id,
        data=data or {},
        pictures=pictures,
    )
    return await asyncio.to_thread(handle_message, message, ctx)


async def post(
    client: AsyncWebClient, channel: str, reply: Reply, thread_ts: str | None = None
) -> str | None:
    response = await client.chat_postMessage(
        channel=channel,
        text=fallback_text(reply),
        blocks=message_blocks(reply),
        thread_ts=thread_ts,
        unfurl_links=False,
        unfurl_media=False,
    )
    await upload_pictures(client, channel, reply, thread_ts)
    return response.get("ts")


async def on_event(
    ctx: HandlerContext, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
) -> None:
    """An app_mention or a DM: answer once, in the thread for mentions."""
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return
    is_mention = event.get("type") == "app_mention"
    if not is_mention and event.get("channel_type") != "im":
        return
    event_id = body.get("event_id") or f"{event.get('channel')}:{event.get('ts')}"
    thread = (event.get("thread_ts") or event.get("ts")) if is_mention else event.get("thread_ts")
    try:
        if not await asyncio.to_thread(claim_event, ctx.store, PLATFORM, event_id):
            log.info("slack event %s already handled; ignoring the repeat", event_id)
            return
        sender = await slack_sender(ctx, client, event["user"])
    except OperationalError as exc:  # the store is locked or down: say so rather than stay silent
        log.error("slack event %s not taken: database unavailable (%s)", event_id, db_error(exc))
        language = detect(event.get("text", "")) or "nb"
        await post(client, event["channel"], busy_reply(language), thread_ts=thread)
        return
    reply = await answer(ctx, sender, event.get("text", ""), event["channel"], event.get("ts"), pictures=True)
    await post(client, event["channel"], reply, thread_ts=thread)


async def on_command(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
    """`/govbot <question>`: a form opens as a modal (the trigger is still fresh), anything else is ephemeral."""
    sender = await slack_sender(ctx, client, body["user_id"])
    reply = await answer(ctx, sender, body.get("text") or "hjelp", body.get("channel_id", ""))
    form = find_form(reply)
    if form is not None and body.get("trigger_id"):
        await client.views_open(trigger_id=body["trigger_id"], view=modal_view(form, reply.language))
        return
    await respond(text=fallback_text(reply), blocks=message_blocks(reply), response_type="ephemeral")


async def on_button(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
    """A neutral Button: the handlers get its action and value as structured data.

    The value is only a claim (a reference, an id): the handlers re-check who clicked and what it names.
    """
    action = body["actions"][0]
    name = action["action_id"].split(":")[1] if ":" in action["action_id"] else action["action_id"]
    sender = await slack_sender(ctx, client, body["user"]["id"])
    channel = (body.get("channel") or {}).get("id", body["user"]["id"])
    data = {"action": name, "value": action.get("value", "")}
    reply = await answer(ctx, sender, action.get("value", ""), channel, data=data)
    form = find_form(reply)
    if form is not None and body.get("trigger_id"):  # e.g. "Avvis" asks for a reason: straight to a modal
        await client.views_open(trigger_id=body["trigger_id"], view=modal_view(form, reply.language))
        return
    await respond(text=fallback_text(reply), blocks=message_blocks(reply), replace_original=False)
