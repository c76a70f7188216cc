"""Messages in Slack (mentions, DMs, the slash command, buttons) answered by the shared handlers.

Everything here runs after the ack (in an answer worker, or as Bolt lazy listeners), so Slack gets its 200
within milliseconds whatever the database does. The event id is claimed in the store first: a retried or
duplicated delivery finds the claim and does nothing. The claim's transaction also reads whether the
sender has an intake dialog open and the catalogue version (`models.repositories.turns`), and for
someone who wrote in the last minute claim and answer run in one thread hop.

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
from bot.slack.people import PLATFORM, recent_sender, slack_sender
from bot.slack.uploads import upload_pictures
from handlers.context import HandlerContext
from handlers.dispatch import busy_reply, handle_message
from handlers.language import detect
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Reply
from models.database import db_error
from models.repositories.turns import TurnStart, start_turn, turn_known

log = logging.getLogger(__name__)
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
INITIATIVE_PHRASE = "nytt initiativ"
"""The words that ask the handlers for the initiative form (issue 4); shortcuts send them on the user's behalf."""


def unescape(text: str) -> str:
    """Slack escapes &, < and > in message text; handlers want what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def incoming(
    sender: Sender,
    text: str,
    conversation_id: str,
    message_id: str | None = None,
    data: dict[str, str] | None = None,
    *,
    pictures: bool = False,
) -> IncomingMessage:
    return IncomingMessage(
        text=unescape(MENTION.sub("", text)).strip(),
        sender=sender,
        channel=PLATFORM,
        conversation_id=conversation_id,
        message_id=message_id,
        data=data or {},
        pictures=pictures,
    )


async def answer(ctx: HandlerContext, message: IncomingMessage) -> Reply:
    """Handlers and SQLAlchemy sessions are synchronous: the answer runs in a worker thread."""
    return await asyncio.to_thread(handle_message, message, ctx)


def start(ctx: HandlerContext, event_id: str, conversation_id: str, user_id: str) -> TurnStart:
    """Claim the event; the same transaction reads what the answer will ask (`models.repositories.turns`)."""
    return start_turn(
        ctx.store, PLATFORM, event_id, channel=PLATFORM, conversation_id=conversation_id, user_id=user_id
    )


def answer_in_turn(ctx: HandlerContext, turn: TurnStart, message: IncomingMessage) -> Reply:
    with turn_known(turn):
        return handle_message(message, ctx)


def claim_and_answer(ctx: HandlerContext, event_id: str, message: IncomingMessage) -> Reply | None:
    """One thread hop for the usual turn: claim, then answer; None when the event was handled before."""
    turn = start(ctx, event_id, message.conversation_id, message.sender.user_id)
    return answer_in_turn(ctx, turn, message) if turn.claimed else None


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
    channel, user, text = event["channel"], event["user"], event.get("text", "")
    sender = recent_sender(ctx, user)
    try:
        if sender is not None:  # someone who wrote in the last minute: one thread hop, one round trip
            message = incoming(sender, text, channel, event.get("ts"), pictures=True)
            reply = await asyncio.to_thread(claim_and_answer, ctx, event_id, message)
        else:
            turn = await asyncio.to_thread(start, ctx, event_id, channel, user)
            if turn.claimed:
                message = incoming(
                    await slack_sender(ctx, client, user), text, channel, event.get("ts"), pictures=True
                )
                reply = await asyncio.to_thread(answer_in_turn, ctx, turn, message)
            else:
                reply = None
    except OperationalError as exc:  # the store is locked or down: say so rather than stay silent
        log.error("slack event %s not taken: database unavailable (%s)", event_id, db_error(exc))
        language = detect(text) or "nb"
        await post(client, channel, busy_reply(language), thread_ts=thread)
        return
    if reply is None:
        log.info("slack event %s already handled; ignoring the repeat", event_id)
        return
    await post(client, channel, reply, thread_ts=thread)


async def on_command(ctx: HandlerContext, body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
    """`/govbot <question>`: a form opens as a modal (the trigger is still fresh), anything else is ephemeral."""
    sender = await slack_sender(ctx, client, body["user_id"])
    reply = await answer(ctx, incoming(sender, body.get("text") or "hjelp", body.get("channel_id", "")))
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
    reply = await answer(ctx, incoming(sender, action.get("value", ""), channel, data=data))
    form = find_form(reply)
    if form is not None and body.get("trigger_id"):  # e.g. "Avvis" asks for a reason: straight to a modal
        await client.views_open(trigger_id=body["trigger_id"], view=modal_view(form, reply.language))
        return
    await respond(text=fallback_text(reply), blocks=message_blocks(reply), replace_original=False)
