"""Slack mentions answered by worker processes (`GOVBOT_ANSWER_WORKERS`), as `govbot serve` does.

The server acks; real worker processes (forked from a forkserver, each with its own store connection)
answer through the Web API stand-in. Stopping the workers with SIGSTOP shows where the answer comes
from: the ack still arrives, the reply does not until they continue. A SIGKILLed worker is noticed;
the server starts another and hands the events the dead one never finished to the living, once each;
an event that two dying workers held in turn is dropped rather than passed on to kill the next.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from bot.slack.answering import WORKER_QUEUE_LIMIT, WorkerPoolAnswerer
from bot.slack.app import SLACK_ANSWERER
from handlers.context import HandlerContext
from models.tables import ProcessedEvent
from tests.bot.conftest import BOT_USER_ID, StandIn, signed_headers, slack_settings
from tests.bot.test_slack_events import count, event_body


@pytest.fixture
async def served(context: HandlerContext, slack_api: StandIn) -> AsyncIterator[TestClient]:
    # not niced: these tests are about stopping, killing and handing on, and at niceness 19 the other
    # test processes of a parallel run starve the workers for tens of seconds (the flake this replaced)
    app = create_app(context, slack_settings(slack_api, answer_workers=2, answer_worker_niceness=0))
    async with TestClient(TestServer(app)) as client:
        yield client


def workers(client: TestClient) -> list[int]:
    answerer = client.server.app[SLACK_ANSWERER]
    assert isinstance(answerer, WorkerPoolAnswerer)
    assert len(answerer.worker_pids) == 2 and os.getpid() not in answerer.worker_pids
    return answerer.worker_pids


async def two_ready_workers(client: TestClient, timeout: float = 20) -> list[int]:
    """A replacement is ready once it has loaded the model; poll for it (bounded), do not guess a sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answerer = client.server.app[SLACK_ANSWERER]
        assert isinstance(answerer, WorkerPoolAnswerer)
        if len(answerer.worker_pids) == 2:
            return workers(client)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no replacement worker within {timeout} s")


async def settled(client: TestClient, timeout: float = 10) -> None:
    """Every worker has reported its events done: a reply at the stand-in can arrive before the report."""
    answerer = client.server.app[SLACK_ANSWERER]
    deadline = time.monotonic() + timeout
    while any(w is not None and w.in_flight for w in answerer._slots):
        if time.monotonic() > deadline:
            raise AssertionError(f"workers still hold events after {timeout} s")
        await asyncio.sleep(0.02)


async def mention(client: TestClient, text: str, event_id: str) -> float:
    body = event_body(f"<@{BOT_USER_ID}> {text}", event_id=event_id)
    started = time.monotonic()
    response = await client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200
    return time.monotonic() - started


async def test_with_the_2_workers_stopped_mentions_are_acked_and_answered_only_when_they_continue(
    served: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    await mention(served, "hvem eier DIPS?", "EvWORK1")
    [first] = await slack_api.wait_for("chat.postMessage", timeout=10)
    assert "Pasientbehandling" in first.body["text"]

    pids = workers(served)
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        acks = [await mention(served, "hvem eier Helsenorge?", f"EvWORK{i}") for i in range(2, 5)]
        assert max(acks) < 1.0
        with pytest.raises(AssertionError):  # nobody in the server process answers in the workers' place
            await slack_api.wait_for("chat.postMessage", count=2, timeout=1.0)
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    posted = await slack_api.wait_for("chat.postMessage", count=4, timeout=10)
    assert all("Helsenorge" in call.body["text"] for call in posted[1:])
    assert count(context, ProcessedEvent) == 4


async def test_a_sigkilled_worker_is_replaced_and_its_unfinished_events_are_answered_once_by_others(
    served: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    await mention(served, "hvem eier DIPS?", "EvKILL0")
    await slack_api.wait_for("chat.postMessage", timeout=10)
    doomed, other = workers(served)
    for pid in (doomed, other):
        os.kill(pid, signal.SIGSTOP)  # both hold the next events unread in their pipes
    for i in range(1, 7):
        await mention(served, "hvem eier DIPS?", f"EvKILL{i}")
    os.kill(doomed, signal.SIGKILL)
    os.kill(other, signal.SIGCONT)

    posted = await slack_api.wait_for("chat.postMessage", count=7, timeout=20)
    assert len(posted) == 7
    assert count(context, ProcessedEvent) == 7
    replacement = await two_ready_workers(served)
    assert doomed not in replacement and other in replacement
    await mention(served, "hvem eier DIPS?", "EvKILL7")  # the replacement takes its share again
    assert len(await slack_api.wait_for("chat.postMessage", count=8, timeout=10)) == 8


async def test_an_event_whose_2_workers_both_died_holding_it_is_dropped_not_handed_on_forever(
    served: TestClient, slack_api: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    """A message that kills every worker it reaches would otherwise take the whole pool down in turn."""
    await mention(served, "hvem eier DIPS?", "EvPOISON0")
    await slack_api.wait_for("chat.postMessage", timeout=10)
    await settled(served)  # else EvPOISON0 still counts as held, and is handed over and answered twice
    first, second = workers(served)
    for pid in (first, second):
        os.kill(pid, signal.SIGSTOP)  # neither can read its pipe, so the event stays where it was put
    await mention(served, "hvem eier DIPS?", "EvPOISON1")
    for pid in (first, second):
        os.kill(pid, signal.SIGKILL)
        await gone(served, pid)

    await two_ready_workers(served)
    await mention(served, "hvem eier Helsenorge?", "EvPOISON2")
    posted = await slack_api.wait_for("chat.postMessage", count=2, timeout=10)
    assert "Helsenorge" in posted[1].body["text"]
    with pytest.raises(AssertionError):
        await slack_api.wait_for("chat.postMessage", count=3, timeout=1.0)
    assert any("EvPOISON1 dropped: 2 workers died" in r.getMessage() for r in caplog.records)


async def gone(client: TestClient, pid: int, timeout: float = 10) -> None:
    """Until the server has noticed the death (its sentinel), the worker still counts as answering."""
    deadline = time.monotonic() + timeout
    while pid in client.server.app[SLACK_ANSWERER].worker_pids:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, f"worker {pid} still listed after {timeout} s"
        await asyncio.sleep(0.02)


async def test_with_the_backlog_full_an_event_is_refused_unacked_and_its_retry_is_answered_once(
    served: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    """Back-pressure toward Slack: a 503 is not an ack, so Slack sends the event again; nothing is dropped."""
    answerer = served.server.app[SLACK_ANSWERER]
    assert isinstance(answerer, WorkerPoolAnswerer)
    answerer.backlog_limit = 1
    pids = workers(served)
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        held = 2 * WORKER_QUEUE_LIMIT + 1  # each worker's pipe full, then one waiting in the server
        for i in range(held):
            await mention(served, "hvem eier DIPS?", f"EvFULL{i}")
        body = event_body(f"<@{BOT_USER_ID}> hvem eier Helsenorge?", event_id="EvFULLREFUSED")
        refused = await served.post(
            "/slack/events", data=body, headers=signed_headers(body, "application/json")
        )
        assert refused.status == 503
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    await slack_api.wait_for("chat.postMessage", count=held, timeout=30)
    await settled(served)
    retry = signed_headers(body, "application/json") | {
        "X-Slack-Retry-Num": "1",
        "X-Slack-Retry-Reason": "http_error",
    }
    assert (await served.post("/slack/events", data=body, headers=retry)).status == 200
    posted = await slack_api.wait_for("chat.postMessage", count=held + 1, timeout=20)
    assert len(posted) == held + 1 and "Helsenorge" in posted[-1].body["text"]
    assert count(context, ProcessedEvent) == held + 1
