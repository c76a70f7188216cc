"""One Notifier over several platforms: a person is told on the first platform where they can be reached.

People use Slack or Teams (rarely both), and a notifier only knows the accounts it has seen; the chat
inbox comes last and takes what no platform could, so someone without either still sees it. The fan-out
tries each platform in order; "no account on this platform" (a permanent error) moves on to the next,
while a temporary failure (429, the channel not up yet) is raised at once so the outbox retries later
instead of the person getting the message twice on two platforms.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from handlers.notify import Delivered, DeliveryError, Notification, Notifier, deliver


class FanOutNotifier:
    def __init__(self, notifiers: Sequence[Notifier]) -> None:
        self.notifiers = tuple(notifiers)

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        for notifier in self.notifiers:
            bind_loop(notifier, loop)

    def send(self, notification: Notification) -> str:
        return self.send_via(notification).message_id

    def send_via(self, notification: Notification) -> Delivered:
        """The first platform that takes it, and which one that was (recorded on the outbox row)."""
        reasons: list[str] = []
        for notifier in self.notifiers:
            try:
                return deliver(notifier, notification)
            except DeliveryError as exc:
                if not exc.permanent:
                    raise
                reasons.append(str(exc))
        raise DeliveryError("; ".join(reasons) or "no platform configured", permanent=True)


def bind_loop(notifier: Notifier, loop: asyncio.AbstractEventLoop) -> None:
    """Notifiers that drive an async SDK (Teams) need the server's loop; the others ignore it."""
    bind = getattr(notifier, "bind_loop", None)
    if bind is not None:
        bind(loop)
