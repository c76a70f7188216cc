"""Reliability 4: with every Slack Web API answer held for 10 s, Slack is still acked in well under 1 s.

The slow part is the outside service: the Web API stand-in answers `users.info` and `chat.postMessage`
after 10 s, so every handler that looks up the sender or replies is stuck for 10 s. 50 signed
`app_mention` events are sent to the real server at 20 per second (the load generator paces itself; it
never waits for an answer before sending the next) and each request's time to its HTTP answer is the
ack time. The held answers are released when the test ends, so nothing outlives it. Both ways of answering are
tried: in the server's own loop, and in the answer worker processes `govbot serve` uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from handlers.context import HandlerContext
from tests.bot.conftest import StandIn, signed_headers, slack_api_app, slack_settings
from tests.bot.test_slack_events import event_body

SLOW = ("users.info", "chat.postMessage")
DELAY_S = 10.0
EVENTS, RATE = 50, 20.0


async def _slow_slack_api(release: asyncio.Event, held: list[str]) -> StandIn:
    """The usual stand-in, with the slow methods held 10 s (or until released), like a stalled Slack API."""

    @web.middleware
    async def slow(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]):
        method = request.path.rsplit("/", 1)[-1]
        if method in SLOW:
            held.append(method)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(release.wait(), timeout=DELAY_S)
        return await handler(request)

    ref: list[StandIn] = []
    app = slack_api_app(ref)
    app.middlewares.append(slow)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    ref.append(StandIn(server))
    return ref[0]


@pytest.mark.parametrize("workers", [0, 2], ids=["answered-in-server", "2-answer-workers"])
async def test_50_mentions_at_20_per_s_with_10s_slow_web_api_are_acked_with_p99_under_1s(
    context: HandlerContext, workers: int
) -> None:
    release, held = asyncio.Event(), []
    slack_api = await _slow_slack_api(release, held)
    acks: list[float] = []
    async with TestClient(
        TestServer(create_app(context, slack_settings(slack_api, answer_workers=workers)))
    ) as client:

        async def mention(i: int) -> None:
            body = event_body(f"<@UBOT000001> hvem eier DIPS? {i}", event_id=f"EvSlow{i:04d}")
            started = time.perf_counter()
            response = await client.post(
                "/slack/events", data=body, headers=signed_headers(body, "application/json")
            )
            acks.append(time.perf_counter() - started)
            assert response.status == 200

        start = time.perf_counter()
        tasks = []
        for i in range(EVENTS):
            await asyncio.sleep(max(0.0, start + i / RATE - time.perf_counter()))  # pacing the load, 20/s
            tasks.append(asyncio.create_task(mention(i)))
        await asyncio.gather(*tasks)
        still_held = len(held)
        release.set()  # let the stalled answers go, so the bot's own tasks finish before the server closes
    await slack_api.server.close()
    assert len(acks) == EVENTS
    p99 = statistics.quantiles(acks, n=100, method="inclusive")[98]
    print(
        f"ack p50 {statistics.median(acks) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {max(acks) * 1000:.1f} ms"
    )
    assert still_held > 0  # the handlers really were stuck on the slow service while Slack was acked
    assert p99 < 1.0, sorted(acks)[-5:]
