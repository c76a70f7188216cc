"""Who answers a Slack mention or DM once Bolt has acked it: this process, or a pool of worker processes.

Slack wants its 200 within 3 s, and a bot that answers in the process that acks makes every ack wait
behind the answers: the loop that acks shares one GIL with the threads that answer. At 200 mentions/s
that cost an ack p99 of 137 ms against the bare Bolt app's 2 ms. `govbot serve` therefore answers in
worker processes (`GOVBOT_ANSWER_WORKERS`, default 2): the acking process only pickles the event over a
pipe. Workers run at a lower CPU priority, so on a busy machine the kernel runs the acks first.

With 0 workers the server answers in its own loop, at most a few at a time (tests, small setups).

A worker that dies (killed, out of memory) is replaced, and the events it had not finished go to the
other workers. One it had already claimed in `processed_events` is not answered twice; it may then go
unanswered, and the log says how many were unfinished.

The acking process keeps its heap small and still, because a full garbage collection of a big heap is a
pause every ack waits behind (0.3 s, seen at 200 mentions/s): an event waits as one pickled `bytes`
object (which the collector never scans), not as a tree of dicts, and the backlog is bounded. When it
is full (`full`), `bot.slack.app` answers new events 503 instead of acking them: Slack retries an
un-acked event, and the claim in `processed_events` makes a retry harmless, so nothing is lost silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import pickle
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.slack import answer_worker, conversation
from handlers.context import HandlerContext

log = logging.getLogger(__name__)
ANSWERS_AT_ONCE = 4
"""In-process answers running concurrently; beyond this they queue, so a burst cannot starve the acks."""
WORKER_QUEUE_LIMIT = 16
"""Events given to one worker and not yet finished; the rest wait in the server, in arrival order."""
BACKLOG_LIMIT = 10_000
"""Events waiting for a worker; at this many new events are refused (503, Slack retries them later)."""
STARTUP_SECONDS = 120.0
RESPAWN_DELAY_SECONDS = 0.5
"""The first replacement starts after this; one that dies young again waits twice as long, up to 30 s."""
RESPAWN_DELAY_MAX_SECONDS = 30.0
YOUNG_DEATH_SECONDS = 10.0
MAX_HANDOVERS = 2
"""An event whose worker died this many times is dropped (logged): it may be what kills them."""


class Answerer(Protocol):
    @property
    def full(self) -> bool:
        """True when a new event would not fit: refuse it un-acked, so Slack sends it again later."""
        ...

    async def answer(self, body: dict[str, Any], event: dict[str, Any]) -> None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class InProcessAnswerer:
    """Answers on the server's own loop; the handlers run in threads, at most ANSWERS_AT_ONCE at a time."""

    full = False
    """Answers wait on the semaphore, in tasks: small setups and tests, no backlog to bound."""

    def __init__(self, ctx: HandlerContext, client: AsyncWebClient) -> None:
        self.ctx, self.client = ctx, client
        self._answering = asyncio.Semaphore(ANSWERS_AT_ONCE)

    async def start(self) -> None:
        return None

    async def answer(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        async with self._answering:  # waiting answers sleep here instead of crowding the loop that acks
            await conversation.on_event(self.ctx, body, event, self.client)

    async def close(self) -> None:
        return None


@dataclass(slots=True)
class _Pending:
    """An event waiting for an answer, pickled once (the worker's message), and how many workers died
    holding it. Bytes, not the event's dicts: the garbage collector has nothing in them to walk."""

    sequence: int
    event_id: str
    message: bytes
    handovers: int = 0


@dataclass
class _Worker:
    """One answer process as the server sees it: its pipe, and what it was given but has not finished."""

    process: BaseProcess
    pipe: Connection
    started: float = field(default_factory=time.monotonic)
    ready: bool = False
    in_flight: dict[int, _Pending] = field(default_factory=dict)


class WorkerPoolAnswerer:
    """Hands each event to one of `workers` processes, each with a pipe of its own.

    Not `concurrent.futures.ProcessPoolExecutor`: its workers share one queue guarded by a lock that an
    idle worker holds while it waits, so a worker killed while idle (SIGKILL, the OOM killer) leaves the
    lock taken and the pool hangs for good (seen here on Python 3.11). Own pipes have no shared lock; the
    server notices a death from the process sentinel, starts a replacement and hands the dead worker's
    unfinished events to the others (their `processed_events` claim keeps a started one from being
    answered twice). At most WORKER_QUEUE_LIMIT events wait in one pipe, so a write never blocks the loop.
    """

    def __init__(self, settings: Settings, workers: int, backlog_limit: int = BACKLOG_LIMIT) -> None:
        self.settings, self.workers, self.backlog_limit = settings, workers, backlog_limit
        self._slots: list[_Worker | None] = [None] * workers
        self._backlog: deque[_Pending] = deque()
        self._young_deaths = [0] * workers
        self._sequence = itertools.count()
        self._closing = False
        self._all_ready: asyncio.Event | None = None
        self._mp = _process_context()

    @property
    def worker_pids(self) -> list[int]:
        """The processes answering now (operators and tests look at them)."""
        return sorted(w.process.pid for w in self._slots if w is not None and w.ready and w.process.pid)

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the model, so no mention waits for that."""
        self._all_ready = asyncio.Event()
        for slot in range(self.workers):
            self._spawn(slot)
        await asyncio.wait_for(self._all_ready.wait(), timeout=STARTUP_SECONDS)
        log.info("slack answers in %d worker processes (%s)", self.workers, self.worker_pids)

    @property
    def full(self) -> bool:
        return len(self._backlog) >= self.backlog_limit

    async def answer(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """Queued whatever the backlog's length: `full` is asked before the ack, and an acked event
        must be answered (the few acked while the backlog filled overshoot it by as many)."""
        sequence, event_id = next(self._sequence), str(body.get("event_id") or "")
        message = pickle.dumps((sequence, {"event_id": event_id}, event), pickle.HIGHEST_PROTOCOL)
        self._backlog.append(_Pending(sequence, event_id, message))
        self._dispatch()

    async def close(self) -> None:
        """Ask every worker to finish what it has (bounded by its drain time) and exit; then make sure."""
        self._closing = True
        if self._backlog:
            log.warning("stopping with %d slack events not yet given to a worker", len(self._backlog))
        loop = asyncio.get_running_loop()
        workers = [w for w in self._slots if w is not None]
        for worker in workers:
            self._forget(worker)
            with contextlib.suppress(OSError):
                worker.pipe.send_bytes(answer_worker.STOP)
        for worker in workers:
            await loop.run_in_executor(None, worker.process.join, answer_worker.DRAIN_SECONDS + 5)
            if worker.process.is_alive():
                worker.process.kill()
            worker.pipe.close()
        self._slots = [None] * self.workers

    def _spawn(self, slot: int) -> None:
        loop = asyncio.get_running_loop()
        server_end, worker_end = self._mp.Pipe(duplex=True)
        process = self._mp.Process(
            target=answer_worker.run,
            args=(self.settings, self.settings.answer_worker_niceness, worker_end),
            name=f"govbot-answers-{slot}",
            daemon=True,
        )
        process.start()
        worker_end.close()
        worker = self._slots[slot] = _Worker(process, server_end)
        loop.add_reader(server_end.fileno(), self._on_message, slot, worker)
        loop.add_reader(process.sentinel, self._on_exit, slot, worker)

    def _on_message(self, slot: int, worker: _Worker) -> None:
        try:
            while worker.pipe.poll():
                kind, value = worker.pipe.recv()
                if kind == "ready":
                    worker.ready = True
                    if self._all_ready is not None and all(w is not None and w.ready for w in self._slots):
                        self._all_ready.set()
                elif kind == "done":
                    worker.in_flight.pop(value, None)
        except (EOFError, OSError):
            self._on_exit(slot, worker)
            return
        self._dispatch()

    def _on_exit(self, slot: int, worker: _Worker) -> None:
        """A worker died: its unfinished events go back to the front of the line, and a new one starts."""
        if self._slots[slot] is not worker:
            return
        self._forget(worker)
        worker.pipe.close()
        worker.process.join(timeout=1)
        unfinished = [worker.in_flight[seq] for seq in sorted(worker.in_flight)]
        log.error(
            "answer worker %s exited (code %s) with %d events unfinished; they go to the other workers",
            worker.process.pid,
            worker.process.exitcode,
            len(unfinished),
        )
        for pending in reversed(unfinished):
            pending.handovers += 1
            if pending.handovers >= MAX_HANDOVERS:
                log.error(
                    "slack event %s dropped: %d workers died holding it", pending.event_id, pending.handovers
                )
                continue
            self._backlog.appendleft(pending)
        self._slots[slot] = None
        if not self._closing:
            young = time.monotonic() - worker.started < YOUNG_DEATH_SECONDS
            self._young_deaths[slot] = self._young_deaths[slot] + 1 if young else 0
            delay = min(RESPAWN_DELAY_MAX_SECONDS, RESPAWN_DELAY_SECONDS * 2 ** self._young_deaths[slot])
            asyncio.get_running_loop().call_later(delay, self._respawn, slot)
        self._dispatch()

    def _respawn(self, slot: int) -> None:
        if not self._closing and self._slots[slot] is None:
            self._spawn(slot)

    def _forget(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError, OSError):
            loop.remove_reader(worker.pipe.fileno())
        with contextlib.suppress(ValueError, OSError):
            loop.remove_reader(worker.process.sentinel)

    def _dispatch(self) -> None:
        """Each waiting event to the ready worker with the fewest unfinished, while one has room."""
        while self._backlog:
            ready = [w for w in self._slots if w is not None and w.ready]
            if not ready:
                return
            worker = min(ready, key=lambda w: len(w.in_flight))
            if len(worker.in_flight) >= WORKER_QUEUE_LIMIT:
                return
            pending = self._backlog.popleft()
            worker.in_flight[pending.sequence] = pending
            try:
                worker.pipe.send_bytes(pending.message)
            except OSError:  # it died a moment ago; its sentinel will hand the event back
                return


MALLOC_ARENAS = "2"
"""glibc's malloc gives each thread an arena of its own (up to 8 per core); a worker's answer threads
then each keep a fragmented arena, and its memory grew by tens of MB over 10,000 answers. Two arenas
cost nothing measurable here: the threads mostly wait for the database."""


def _process_context() -> BaseContext:
    """forkserver where there is one: workers fork from a clean process that has the code loaded.

    The forkserver (and so every worker) starts with MALLOC_ARENA_MAX set unless the environment sets it."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    os.environ.setdefault("MALLOC_ARENA_MAX", MALLOC_ARENAS)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([answer_worker.__name__])
    return context


def choose_answerer(ctx: HandlerContext, settings: Settings, client: AsyncWebClient) -> Answerer:
    """Worker processes when configured; they must open the very store `ctx` uses, so its URL wins."""
    if settings.answer_workers <= 0:
        return InProcessAnswerer(ctx, client)
    url = ctx.store.engine.url.render_as_string(hide_password=False)
    return WorkerPoolAnswerer(settings.model_copy(update={"database_url": url}), settings.answer_workers)
