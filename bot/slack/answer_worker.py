"""The inside of a Slack answer worker process (see `bot.slack.answering`).

`run` is the process: it builds its own context from the server's settings once (its own store
connections, the governance model, a Web API client with a kept-alive HTTP session, an event loop in a
thread of its own), says "ready", then takes events from its pipe, each pickled once by the server.
Each event is answered on the loop, several at a time (most of an answer is waiting for the database or
Slack); at ANSWERS_AT_ONCE in flight the reader waits, and events queue in the pipe. "done" goes back per event, so the server knows what a
dead worker left unfinished. End of the pipe (the server stopped, or died) ends the worker after its
answers in flight, bounded by DRAIN_SECONDS.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.fanout import bind_loop
from bot.composition import build_context
from bot.logs import configure_logging
from bot.settings import Settings
from bot.slack import conversation
from bot.slack.client import web_client
from handlers.context import HandlerContext
from scheduler.jobs import start_notice_loop

log = logging.getLogger(__name__)
ANSWERS_AT_ONCE = 8
"""Events one worker answers concurrently; most of an answer is waiting for the database or Slack."""
STOP = b""
"""The server's word for: finish what you have and exit (`bot.slack.answering` sends it)."""
THREADS = 4
"""Threads the answers' store work runs in: each answer makes one hop (claim and answer together), mostly
waiting for the database, so half of ANSWERS_AT_ONCE keeps them busy with fewer stacks and arenas."""
DRAIN_SECONDS = 10.0
"""How long a stopping worker waits for the answers it has in flight."""


@dataclass
class Worker:
    loop: asyncio.AbstractEventLoop
    context: HandlerContext
    client: AsyncWebClient
    pipe: Connection
    slots: threading.BoundedSemaphore
    sending: threading.Lock


def run(settings: Settings, niceness: int, pipe: Connection) -> None:
    """The worker process: start, then answer what arrives until the pipe ends or says STOP.

    `gc.freeze()` first: what the forkserver imported stays out of every collection, so collections do
    not write to (and un-share) the pages this process shares with its siblings; again after start-up,
    so an answer's collections walk only what answers make."""
    gc.freeze()
    worker = start(settings, niceness, pipe)
    gc.collect()
    gc.freeze()
    with worker.sending:
        pipe.send(("ready", os.getpid()))
    while True:
        try:
            message = pipe.recv_bytes()
        except (EOFError, OSError):
            log.warning("answer worker %s: the server is gone; finishing what is in flight", os.getpid())
            break
        if message == STOP:
            break
        sequence, body, event = pickle.loads(message)
        worker.slots.acquire()
        future = asyncio.run_coroutine_threadsafe(_answer(worker, body, event), worker.loop)
        future.add_done_callback(lambda _, sequence=sequence: _done(worker, sequence))
    _drain(worker)


def start(settings: Settings, niceness: int, pipe: Connection) -> Worker:
    """Lower the priority first, so even start-up work yields to the server's acks."""
    if hasattr(os, "nice"):  # POSIX; elsewhere the worker runs at normal priority
        os.nice(niceness)
    configure_logging(settings.log_level)
    loop = asyncio.new_event_loop()
    loop.set_default_executor(ThreadPoolExecutor(THREADS, thread_name_prefix="answer"))
    threading.Thread(target=loop.run_forever, name="answers", daemon=True).start()
    context = build_context(settings, actor="server")
    bind_loop(context.notifier, loop)
    start_notice_loop(context)  # notices its answers queue are delivered from here, not by the answer
    client = asyncio.run_coroutine_threadsafe(_kept_alive_client(settings), loop).result()
    return Worker(loop, context, client, pipe, threading.BoundedSemaphore(ANSWERS_AT_ONCE), threading.Lock())


async def _kept_alive_client(settings: Settings) -> AsyncWebClient:
    """One HTTP session per worker (made on its loop): no new connection per reply."""
    return web_client(settings, session=aiohttp.ClientSession())


async def _answer(worker: Worker, body: dict[str, Any], event: dict[str, Any]) -> None:
    """Failures are logged here, where the traceback is."""
    try:
        await conversation.on_event(worker.context, body, event, worker.client)
    except Exception:
        log.exception("answering slack event %s failed", body.get("event_id"))


def _done(worker: Worker, sequence: int) -> None:
    worker.slots.release()
    try:
        with worker.sending:
            worker.pipe.send(("done", sequence))
    except OSError:  # the server is gone; nobody to tell
        pass


def _drain(worker: Worker) -> None:
    """Let the answers in flight finish (bounded), then close the HTTP session and the store."""
    taken = sum(worker.slots.acquire(timeout=DRAIN_SECONDS) for _ in range(ANSWERS_AT_ONCE))
    if taken < ANSWERS_AT_ONCE:
        log.warning(
            "answer worker %s stopped with %d answers unfinished", os.getpid(), ANSWERS_AT_ONCE - taken
        )
    session = worker.client.session
    if session is not None:
        asyncio.run_coroutine_threadsafe(session.close(), worker.loop).result(timeout=5)
    worker.loop.call_soon_threadsafe(worker.loop.stop)
    worker.context.store.close()
