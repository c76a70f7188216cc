"""The sweep loop delivers a queued notice as soon as the request rings the bell, not at the next minute."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from handlers.context import HandlerContext
from handlers.notices import queue_notice
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from scheduler.jobs import build_scheduler

BOUND_S = 30.0
"""Far below the minute tick, far above any sweep: only says the bell, not the tick, sent it."""


@dataclass
class SignallingNotifier:
    sent: list[Notification] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def send(self, notification: Notification) -> str:
        self.sent.append(notification)
        self.arrived.set()
        return f"m-{len(self.sent)}"


def test_ringing_the_bell_delivers_a_queued_notice_before_the_minute_tick(context: HandlerContext) -> None:
    notifier = SignallingNotifier()
    context.notifier = notifier
    scheduler = build_scheduler(context)
    scheduler.start()
    try:
        assert scheduler.sweep_loop.waiting.wait(BOUND_S)  # the first, immediate sweep is over: it waits
        reply = Reply("nb", (Paragraph("Nytt initiativ INI-2026-0042"),), intent="initiative.submitted")
        with context.store.session() as session:
            queue_notice(
                context, session, Notification("hilde-karlsen", reply, "initiative.submitted", "k-1")
            )
        context.outbox_bell.ring()
        assert notifier.arrived.wait(BOUND_S)
    finally:
        scheduler.shutdown(wait=True)
    [sent] = notifier.sent
    assert sent.key == "k-1" and sent.reply.text == "Nytt initiativ INI-2026-0042"
