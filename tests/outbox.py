"""Delivering queued notices in a test the way `govbot serve` does: one sweep through the real outbox."""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.notify import Notification, RecordingNotifier
from scheduler.sweep import Sweeper


def deliver(context: HandlerContext) -> list[Notification]:
    """Sweep everything due through the context's notifier; the notifications this sweep sent."""
    notifier = context.notifier
    before = len(notifier.sent) if isinstance(notifier, RecordingNotifier) else 0
    Sweeper(context.store, notifier, context.clock, "test-sweep").run_until_idle()
    return notifier.sent[before:] if isinstance(notifier, RecordingNotifier) else []
