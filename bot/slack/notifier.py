"""Notifications as Slack DMs: person key → Slack user id (person_identities) → chat.postMessage.

Synchronous because handlers and the reminder sweep call notifiers from worker threads. Slack allows
about one message per second per channel, so sends to the same channel are spaced; a 429 is not retried
here but raised as DeliveryError with Retry-After, so the caller's outbox reschedules it.
"""

from __future__ import annotations

import threading
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
    def __init__(
        self,
        store: Store,
        client: WebClient,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store, self.client = store, client
        self._monotonic, self._sleep = monotonic, sleep
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def send(self, notification: Notification) -> str:
        user_id = platform_user_for(self.store, "slack", notification.person_key)
        if user_id is None:
            raise DeliveryError(f"no Slack account known for {notification.person_key}", permanent=True)
        self._space(user_id)
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
                raise DeliveryError("Slack rate limit", retry_after=retry_after) from exc
            raise DeliveryError(
                f"Slack refused the message: {error}", permanent=error in PERMANENT_ERRORS
            ) from exc
        return str(response["ts"])

    def _space(self, channel: str) -> None:
        """At most one message per second per channel, as Slack asks."""
        with self._lock:
            wait = self._last.get(channel, -PER_CHANNEL_INTERVAL) + PER_CHANNEL_INTERVAL - self._monotonic()
            if wait > 0:
                self._sleep(wait)
            self._last[channel] = self._monotonic()


def slack_notifier(store: Store, token: str, base_url: str | None = None) -> SlackNotifier:
    client = WebClient(token=token, **({"base_url": base_url.rstrip("/") + "/"} if base_url else {}))
    return SlackNotifier(store, client)
