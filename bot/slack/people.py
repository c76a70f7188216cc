"""Who a Slack user is: users.info gives the e-mail and locale, person_identities remembers the answer.

The lookup is cached in the store for a day so a busy channel does not spend the users.info rate limit
(Tier 4) on every message, and so notifiers can find a person's Slack id later.
"""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import IntegrityError

from bot.channels.identities import IDENTITY_FRESH_FOR, known_identity, remember_identity
from handlers.context import HandlerContext
from handlers.language import from_locale
from handlers.messages import Language, Sender

log = logging.getLogger(__name__)
PLATFORM = "slack"


async def slack_sender(ctx: HandlerContext, client: AsyncWebClient, user_id: str) -> Sender:
    known = await asyncio.to_thread(known_identity, ctx.store, PLATFORM, user_id)
    if known is not None and ctx.clock() - known.updated_at < IDENTITY_FRESH_FOR:
        return Sender(PLATFORM, user_id, known.display_name, known.email, known.locale)
    sender = await _look_up(client, user_id)
    try:
        await asyncio.to_thread(remember_identity, ctx.store, sender)
    except IntegrityError:  # another replica stored the same user a moment ago: theirs is as good
        log.info("slack identity for %s stored concurrently", user_id)
    return sender


async def _look_up(client: AsyncWebClient, user_id: str) -> Sender:
    try:
        response = await client.users_info(user=user_id, include_locale=True)
    except SlackApiError as exc:
        log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        return Sender(PLATFORM, user_id)
    user = response.get("user") or {}
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user.get("name")
    return Sender(PLATFORM, user_id, name, profile.get("email"), user.get("locale"))


def sender_language(sender: Sender) -> Language:
    return from_locale(sender.locale) or "nb"
