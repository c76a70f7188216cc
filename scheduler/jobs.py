"""APScheduler only triggers the sweep; the database decides what is due and who sends it.

The job store is in memory (APScheduler 3 cannot share one between processes safely), so every replica
runs its own trigger and the outbox claim keeps them from sending twice. `coalesce` folds missed runs
into one, `max_instances=1` stops a slow sweep from overlapping itself, and `misfire_grace_time=None`
lets a late run happen at all; the first run is immediate, which sends what came due while the bot was
down (the sweep itself decides between sending and recording as missed).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler

if TYPE_CHECKING:
    from handlers.context import HandlerContext

log = logging.getLogger(__name__)

SWEEP_JOB_ID = "reminder-sweep"
SWEEP_INTERVAL_SECONDS = 60


def build_scheduler(context: HandlerContext) -> BackgroundScheduler:
    """The scheduler with its one job registered, not yet started (tests inspect it as is)."""
    from scheduler.sweep import Sweeper

    sweeper = Sweeper(context.store, context.notifier, context.clock, f"{socket.gethostname()}-{os.getpid()}")
    scheduler = BackgroundScheduler(jobstores={"default": MemoryJobStore()}, timezone=UTC)
    scheduler.add_job(
        _sweep,
        "interval",
        args=(sweeper,),
        seconds=SWEEP_INTERVAL_SECONDS,
        id=SWEEP_JOB_ID,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),
    )
    return scheduler


def start_scheduler(context: HandlerContext) -> BackgroundScheduler:
    scheduler = build_scheduler(context)
    scheduler.start()
    return scheduler


def _sweep(sweeper: object) -> None:
    from handlers.assignments.standing import derive_standing_reminders
    from scheduler.sweep import Sweeper

    assert isinstance(sweeper, Sweeper)
    try:  # calendar reminders (assignments, yearly assessments): idempotent, so every tick may derive
        derive_standing_reminders(sweeper.store, sweeper.clock())
    except Exception:
        log.exception("deriving assignment and evaluation reminders failed; the sweep goes on")
    try:
        result = sweeper.run_until_idle(max_rounds=100)
    except Exception:
        log.exception("reminder sweep failed; it runs again at the next tick")
        return
    if result.claimed:
        log.info("reminder sweep: %s", result)
