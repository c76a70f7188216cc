"""When the sweep runs: at once when a request has queued a notice, else every minute.

The sweep runs on one thread of its own (`SweepLoop`) that waits on the context's outbox bell: a request
that queued a notice rings it after its commit and goes on, so a notice is delivered within moments while
no request ever sends one itself. Between rings the loop wakes when the next pending row comes due (a
row deferred by a paced channel is due in about a second) and at least every minute, which sends what
came due while the bot was down (the sweep itself decides between sending and recording as missed).

APScheduler keeps the minute tick (a job that only rings the bell, so it never overlaps a slow sweep).
Its job store is in memory (APScheduler 3 cannot share one between processes safely), so every replica
runs its own trigger and the outbox claim keeps them from sending twice.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select

from handlers.notify import OutboxBell
from models.tables import Reminder
from models.tables.reminders import PENDING

if TYPE_CHECKING:
    from handlers.context import HandlerContext
    from scheduler.sweep import Sweeper, SweepResult

log = logging.getLogger(__name__)

SWEEP_JOB_ID = "reminder-sweep"
SWEEP_INTERVAL_SECONDS = 60
SOONEST_SECONDS = 0.05
"""The loop never spins faster than this, even when a row is due at once again."""
STOP_SECONDS = 10.0
"""How long shutdown waits for a sweep in progress."""


class SweepLoop:
    """One thread: sweep, then wait for the bell, the next due row or the minute, whichever is first."""

    def __init__(
        self,
        sweeper: Sweeper,
        bell: OutboxBell,
        interval: float = SWEEP_INTERVAL_SECONDS,
        *,
        derive: bool = True,
    ) -> None:
        self.sweeper, self.bell, self.interval, self.derive = sweeper, bell, interval, derive
        self._stopping = threading.Event()
        self.waiting = threading.Event()
        """Set once the first sweep is done and the loop waits (tests start from there)."""
        self._thread = threading.Thread(target=self._run, name="outbox-sweep", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        self._stopping.set()
        self.bell.ring()
        if wait and self._thread.is_alive():
            self._thread.join(STOP_SECONDS)

    def _run(self) -> None:
        timeout = 0.0  # the first sweep is immediate
        while True:
            if timeout:
                self.waiting.set()
            self.bell.wait(timeout)
            if self._stopping.is_set():
                return
            sweep(self.sweeper, derive=self.derive)
            timeout = self._until_next_due()

    def _until_next_due(self) -> float:
        try:
            with self.sweeper.store.read() as session:
                due = session.scalar(
                    select(func.min(Reminder.due_at)).where(
                        Reminder.model_id == self.sweeper.store.model_id, Reminder.status == PENDING
                    )
                )
        except Exception:
            log.exception("reading the next due reminder failed; the sweep waits for its minute")
            return self.interval
        if due is None:
            return self.interval
        seconds = (due - self.sweeper.clock()).total_seconds()
        return min(max(seconds, SOONEST_SECONDS), self.interval)


class OutboxScheduler(BackgroundScheduler):
    """The minute tick and the sweep loop, started and stopped together (`govbot serve` sees one object)."""

    def __init__(self, sweep_loop: SweepLoop, **options: Any) -> None:
        super().__init__(**options)
        self.sweep_loop = sweep_loop

    def start(self, paused: bool = False) -> None:
        super().start(paused)
        self.sweep_loop.start()

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)
        self.sweep_loop.stop(wait)


def build_scheduler(context: HandlerContext) -> OutboxScheduler:
    """The scheduler with its one job registered, not yet started (tests inspect it as is)."""
    from scheduler.sweep import Sweeper

    sweeper = Sweeper(context.store, context.notifier, context.clock, f"{socket.gethostname()}-{os.getpid()}")
    scheduler = OutboxScheduler(
        SweepLoop(sweeper, context.outbox_bell), jobstores={"default": MemoryJobStore()}, timezone=UTC
    )
    scheduler.add_job(
        context.outbox_bell.ring,
        "interval",
        seconds=SWEEP_INTERVAL_SECONDS,
        id=SWEEP_JOB_ID,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),
    )
    return scheduler


def start_scheduler(context: HandlerContext) -> OutboxScheduler:
    scheduler = build_scheduler(context)
    scheduler.start()
    return scheduler


def start_notice_loop(context: HandlerContext) -> SweepLoop:
    """A sweep loop for a process that queues notices but is not the scheduler (a Slack answer worker).

    Its bell delivers what its own answers queued at once instead of at the server's next minute; the
    calendar derivation stays with the server's scheduler. The outbox claim keeps the sweepers apart.
    """
    from scheduler.sweep import Sweeper

    worker = f"{socket.gethostname()}-{os.getpid()}-notices"
    loop = SweepLoop(
        Sweeper(context.store, context.notifier, context.clock, worker), context.outbox_bell, derive=False
    )
    loop.start()
    return loop


def sweep(sweeper: Sweeper, *, derive: bool = True) -> SweepResult | None:
    """Derive the calendar reminders, then send everything due; failures are logged, never raised."""
    from handlers.assignments.standing import derive_standing_reminders

    try:  # calendar reminders (assignments, yearly assessments): idempotent, so every tick may derive
        if derive:
            derive_standing_reminders(sweeper.store, sweeper.clock())
    except Exception:
        log.exception("deriving assignment and evaluation reminders failed; the sweep goes on")
    try:
        result = sweeper.run_until_idle(max_rounds=100)
    except Exception:
        log.exception("reminder sweep failed; it runs again at the next tick")
        return None
    if result.claimed:
        log.info("reminder sweep: %s", result)
    return result
