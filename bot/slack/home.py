"""The App Home tab: the person's initiatives, deadlines and next meetings, help, and a submit button.

It is rebuilt on every app_home_opened so it always reflects the store; the handlers decide the content
(handlers.home), this module only lays it out with the same block renderer as messages.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import OPEN_FORM_ACTION, message_blocks, plain
from bot.slack.conversation import INITIATIVE_PHRASE
from bot.slack.people import sender_language, slack_sender
from handlers.context import HandlerContext
from handlers.home import home_view
from handlers.texts import t


async def publish_home(ctx: HandlerContext, event: dict[str, Any], client: AsyncWebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    user_id = event["user"]
    sender = await slack_sender(ctx, client, user_id)
    language = sender_language(sender)
    reply = await asyncio.to_thread(home_view, ctx, sender, language)
    button = {
        "type": "button",
        "text": plain(t(language, "channel.submit_initiative")),
        "action_id": OPEN_FORM_ACTION,
        "value": json.dumps({"text": INITIATIVE_PHRASE}),
        "style": "primary",
    }
    blocks = [
        {"type": "header", "text": plain(t(language, "channel.home_heading"))},
        {"type": "actions", "elements": [button]},
        *message_blocks(reply),
    ]
    await client.views_publish(user_id=user_id, view={"type": "home", "blocks": blocks[:100]})
