"""Notifications as Slack DMs: person key → Slack user id (person_identities) → chat.postMessage.

Synchronous because the sweep calls notifiers from its own thread. Slack allows about one message per
second per channel: a send to a channel that had one less than a second ago is not made but raised as a
*deferred* DeliveryError, and the outbox moves that row's due time, so the rest of the batch goes on and
nothing ever sleeps (let alone holding a lock). A 429 is not retried here either: its Retry-After marks
the channel busy for that long and is raised, so the outbox reschedules the row.

The per-channel times are a plain dict without a lock: the one sweep thread of a process sends, and
should two threads ever race on one channel, the worst case is one extra message in that second, which
Slack answers with a 429 the outbox already handles.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.channels.identities import platform_user_for
from bot.slack.blocks import fallback_text, message_blocks
from handlers.notify import DeliveryError, Notification
from models.store import Store

PER_CHANNEL_INTERVAL = 1.0
PERMANENT_ERRORS = frozenset(
    {"channel_not_found", "user_not_found", "account_inactive", "not_allowed_token_type"}
)


class SlackNotifier:
    channel = "slack"

    def __init__(
        self,
        store: Store,
        client: WebClient,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.client = store, client
        self._monotonic = monotonic
        self._free_at: dict[str, float] = {}
        """Channel → the monotonic time from which it may take the next message."""

    def send(self, notification: Notification) -> str:
        user_id = platform_user_for(self.store, "slack", notification.person_key)
        if user_id is None:
            raise DeliveryError(f"no Slack account known for {notification.person_key}", permanent=True)
        self._take_turn(user_id)
        try:
            response = self.client.chat_postMessage(
                channel=user_id,
                text=fallback_text(notification.reply),
                blocks=message_blocks(notification.reply),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = exc.response.get("error", "unknown")
            if exc.response.status_code == 429:
                retry_after = float(exc.response.headers.get("Retry-After", "1"))
                self._free_at[user_id] = self._monotonic() + retry_after
                raise DeliveryError("Slack rate limit", retry_after=retry_after) from exc
            raise DeliveryError(
                f"Slack refused the message: {error}", permanent=error in PERMANENT_ERRORS
            ) from exc
        return str(response["ts"])

    def _take_turn(self, channel: str) -> None:
        """At most one message per second per channel, as Slack asks; a channel not free yet defers the row."""
        now = self._monotonic()
        wait = self._free_at.get(channel, now) - now
        if wait > 0:
            raise DeliveryError("Slack channel paced", retry_after=wait, deferred=True)
        self._free_at[channel] = now + PER_CHANNEL_INTERVAL


def slack_notifier(store: Store, token: str, base_url: str | None = None) -> SlackNotifier:
    client = WebClient(token=token, **({"base_url": base_url.rstrip("/") + "/"} if base_url else {}))
    return SlackNotifier(store, client)
