"""Notifications as proactive Teams messages, through the conversation reference kept from the last turn.

Teams lets a bot write only into a conversation it has been in, so a person is reachable once they have
written to the bot (bot.teams.bot saves the reference). The Notifier port is synchronous (handlers and
the reminder sweep call it from worker threads) while botbuilder is async and bound to the server's
event loop, so `send` submits the coroutine to that loop and waits for it (on the sweep's thread, never
a request's). Teams allows about 7 messages a second per conversation: a send into a conversation that
is not free yet is raised as a *deferred* DeliveryError (the outbox moves the row's due time; nothing
sleeps, no lock is held), and a 429 marks the conversation busy for its Retry-After and is raised so
the outbox reschedules it. The per-conversation times are a plain dict, as in the Slack notifier.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import ConversationReference
from msrest.exceptions import HttpOperationError

from bot.channels.identities import reference_for
from bot.teams.bot import reply_activity
from bot.teams.service_urls import ServiceUrlPolicy
from handlers.notify import DeliveryError, Notification
from models.store import Store

PLATFORM = "teams"
PER_CONVERSATION_INTERVAL = 1 / 7
SEND_TIMEOUT = 30.0
RETRYABLE = frozenset({412, 429, 502, 504})


class TeamsNotifier:
    channel = "teams"

    def __init__(
        self,
        store: Store,
        adapter: BotAdapter,
        app_id: str,
        *,
        service_urls: ServiceUrlPolicy | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.adapter, self.app_id = store, adapter, app_id
        self.service_urls = service_urls
        """A stored reference is only as good as the turn that stored it: one written before serviceUrls
        were vetted may name anyone's host, so each send checks it again."""
        self.loop: asyncio.AbstractEventLoop | None = None
        self._monotonic = monotonic
        self._free_at: dict[str, float] = {}
        """Conversation → the monotonic time from which it may take the next message."""

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """The server calls this on startup: proactive sends run on the loop that owns the adapter."""
        self.loop = loop

    def send(self, notification: Notification) -> str:
        stored = reference_for(self.store, PLATFORM, notification.person_key)
        if stored is None:
            raise DeliveryError(f"no Teams conversation known for {notification.person_key}", permanent=True)
        loop = self.loop
        if loop is None or loop.is_closed():
            raise DeliveryError("the Teams channel is not running in this process", retry_after=60)
        reference = ConversationReference().deserialize(stored)
        if self.service_urls is not None and not self.service_urls.allows(reference.service_url):
            raise DeliveryError(
                f"the Teams conversation of {notification.person_key} names an unvetted host", permanent=True
            )
        conversation = reference.conversation.id
        self._take_turn(conversation)
        future = asyncio.run_coroutine_threadsafe(self._send(reference, notification), loop)
        try:
            return future.result(SEND_TIMEOUT)
        except DeliveryError as error:
            if error.retry_after:
                self._free_at[conversation] = self._monotonic() + error.retry_after
            raise

    async def _send(self, reference: ConversationReference, notification: Notification) -> str:
        """The adapter hands turn errors to on_turn_error and swallows them, so the callback keeps its own."""
        sent: list[str] = []
        failed: list[Exception] = []

        async def callback(turn_context: TurnContext) -> None:
            turn_context.activity.id = None  # a new message in the conversation, not a reply to the last one
            try:
                response = await turn_context.send_activity(reply_activity(notification.reply))
            except HttpOperationError as exc:
                failed.append(exc)
                return
            sent.append(getattr(response, "id", None) or "")

        await self.adapter.continue_conversation(reference, callback, bot_app_id=self.app_id)
        if failed:
            raise _delivery_error(failed[0])
        if not sent:
            raise DeliveryError("Teams did not take the message")
        return sent[0]

    def _take_turn(self, conversation_id: str) -> None:
        """About seven messages a second into one conversation, as Teams asks; a busy one defers the row."""
        now = self._monotonic()
        wait = self._free_at.get(conversation_id, now) - now
        if wait > 0:
            raise DeliveryError("Teams conversation paced", retry_after=wait, deferred=True)
        self._free_at[conversation_id] = now + PER_CONVERSATION_INTERVAL


def _delivery_error(exc: Exception) -> DeliveryError:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    if status in RETRYABLE:
        retry_after = _retry_after(response) if status == 429 else None
        error = DeliveryError(f"Teams answered {status}", retry_after=retry_after)
    else:
        error = DeliveryError(f"Teams refused the message ({status})", permanent=True)
    error.__cause__ = exc
    return error


def _retry_after(response: object) -> float:
    headers = getattr(response, "headers", None) or {}
    try:
        return float(headers.get("Retry-After", "1"))
    except (TypeError, ValueError):
        return 1.0


def teams_notifier(
    store: Store, app_id: str, adapter: BotAdapter, service_urls: ServiceUrlPolicy | None = None
) -> TeamsNotifier:
    return TeamsNotifier(store, adapter, app_id, service_urls=service_urls)
