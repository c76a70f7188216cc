"""The port through which handlers and the scheduler reach people outside the current conversation.

Slack, Teams and the chat inbox (what the web chat and the terminal show as «varsler») implement it in
`bot/`; tests use `RecordingNotifier`. The interface is synchronous because handlers and the sweep run in
worker threads; an async platform client bridges to its event loop inside its own implementation.

Each notifier names its `channel`, so the outbox records which channel took a row (`deliver`); a
fan-out over several answers with the one that took it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

from handlers.replies import Reply


@dataclass(frozen=True)
class Notification:
    person_key: str
    """The recipient, as a person key in the governance model."""
    reply: Reply
    kind: str
    """What this is (`initiative.submitted`, `reminder.papers_due`, …), for logs and routing."""
    key: str
    """Idempotency key: the same key must never reach the same person twice."""
    email: str | None = None


class DeliveryError(Exception):
    """Sending failed; `retry_after` (seconds) is set when the platform said when to try again.

    `deferred` means nothing was tried: the channel is still paced (Slack's one message a second), so the
    outbox moves the row's due time without spending one of its attempts.
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        deferred: bool = False,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.deferred = deferred


class OutboxBell:
    """Rung after a commit that queued notices, so the sweep runs now instead of at its next tick.

    Ringing only sets an event (no I/O, never blocks): the request that queued a notice never sends it.
    The sweep loop in `scheduler.jobs` waits on the bell; a process without one (a one-shot CLI
    command, a test) just leaves the notices queued for the next sweep.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def ring(self) -> None:
        self._event.set()

    def wait(self, timeout: float | None) -> bool:
        """True when rung (the ring is consumed), False when `timeout` passed first."""
        rung = self._event.wait(timeout)
        self._event.clear()
        return rung


class Notifier(Protocol):
    def send(self, notification: Notification) -> str:
        """Deliver and return the platform's message id; raise DeliveryError on failure."""
        ...


@dataclass(frozen=True)
class Delivered:
    channel: str
    """slack | teams | inbox | recorded: where the notification went."""
    message_id: str


PUSH_CHANNELS = frozenset({"slack", "teams"})
"""Channels that reach a person who is not looking at govbot; the inbox waits until they look."""


def deliver(notifier: Notifier, notification: Notification) -> Delivered:
    """Send and say through which channel: a fan-out answers for the member that took it."""
    send_via = getattr(notifier, "send_via", None)
    if callable(send_via):
        return send_via(notification)  # type: ignore[no-any-return]
    return Delivered(channel_of(notifier), notifier.send(notification))


def channel_of(notifier: Notifier) -> str:
    return str(getattr(notifier, "channel", type(notifier).__name__))[:20]


def push_channels(notifier: Notifier) -> tuple[str, ...]:
    """The push channels (Slack, Teams) a notifier can use, in its order; empty without either."""
    members = getattr(notifier, "notifiers", None)
    found = [channel_of(n) for n in members] if members is not None else [channel_of(notifier)]
    return tuple(c for c in found if c in PUSH_CHANNELS)


@dataclass
class RecordingNotifier:
    """Keeps what would have been sent: tests assert on it."""

    channel = "recorded"
    sent: list[Notification] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, notification: Notification) -> str:
        with self._lock:
            self.sent.append(notification)
            return f"recorded-{len(self.sent)}"
