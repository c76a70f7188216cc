"""Who a Slack user is: users.info gives the e-mail and locale, person_identities remembers the answer.

The lookup is cached in the store for a day so a busy channel does not spend the users.info rate limit
(Tier 4) on every message, and so notifiers can find a person's Slack id later; the last minute's
senders are also kept in memory, so a conversation does not read the store for every message.
"""

from __future__ import annotations

import asyncio
import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import IntegrityError

from bot.channels.identities import IDENTITY_FRESH_FOR, known_identity, remember_identity
from handlers.context import HandlerContext
from handlers.language import from_locale
from handlers.messages import Language, Sender

log = logging.getLogger(__name__)
PLATFORM = "slack"
RECENT_FOR_SECONDS = 60.0
"""Someone who just wrote is known without a database read for this long: a conversation is several
messages in a row, and a changed Slack profile may take a minute longer to show."""
RECENT_MAX = 10_000
_RECENT_KEY = "slack-recent-senders"


def recent_sender(ctx: HandlerContext, user_id: str) -> Sender | None:
    """Someone who wrote in the last minute, from memory: no store read, no Slack call."""
    remembered = _recent(ctx).get(user_id)
    if remembered is not None and time.monotonic() - remembered[1] < RECENT_FOR_SECONDS:
        return remembered[0]
    return None


async def slack_sender(ctx: HandlerContext, client: AsyncWebClient, user_id: str) -> Sender:
    remembered = recent_sender(ctx, user_id)
    if remembered is not None:
        return remembered
    known = await asyncio.to_thread(known_identity, ctx.store, PLATFORM, user_id)
    if known is not None and ctx.clock() - known.updated_at < IDENTITY_FRESH_FOR:
        sender = Sender(PLATFORM, user_id, known.display_name, known.email, known.locale)
    else:
        sender = await _look_up(client, user_id)
        try:
            await asyncio.to_thread(remember_identity, ctx.store, sender)
        except IntegrityError:  # another replica stored the same user a moment ago: theirs is as good
            log.info("slack identity for %s stored concurrently", user_id)
    _remember_recent(ctx, sender)
    return sender


def _recent(ctx: HandlerContext) -> dict[str, tuple[Sender, float]]:
    recent = ctx.caches.setdefault(_RECENT_KEY, {})
    assert isinstance(recent, dict)
    return recent


def _remember_recent(ctx: HandlerContext, sender: Sender) -> None:
    recent = _recent(ctx)
    if len(recent) >= RECENT_MAX:  # a crude bound: people who write again are simply looked up again
        recent.clear()
    recent[sender.user_id] = (sender, time.monotonic())


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
