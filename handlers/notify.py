"""The port through which handlers and the scheduler reach people outside the current conversation.

Slack and Teams implement it in `bot/`; tests and the terminal use `RecordingNotifier`. The interface is
synchronous because handlers and the sweep run in worker threads; an async platform client bridges to its
event loop inside its own implementation.
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


@dataclass
class RecordingNotifier:
    """Keeps what would have been sent: the terminal shows it, tests assert on it."""

    sent: list[Notification] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, notification: Notification) -> str:
        with self._lock:
            self.sent.append(notification)
            return f"recorded-{len(self.sent)}"
