"""Reliability 2: Slack's retries of one event_id, spread over two `govbot serve` processes, act once.

Two real server processes share one PostgreSQL database and one Slack Web API stand-in. Each event is
delivered 4 times (the original and `X-Slack-Retry-Num` 1–3, reason http_timeout), alternately to
each process and all at once, so the copies race inside the two processes; then again with the
original lost (retries 1–3 only). A later, different event proves the replies had time to arrive.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from handlers.context import HandlerContext
from models.tables import ProcessedEvent
from tests.bot.conftest import SIGNING_SECRET, StandIn, signed_headers
from tests.bot.test_bot_server import free_port
from tests.bot.test_slack_events import event_body
from tests.conftest import clean_env

pytestmark = pytest.mark.postgres_only
READY_WITHIN_S = 60.0


async def _serve(
    database_url: str, slack_api: StandIn, tmp_path: Path, name: str
) -> tuple[asyncio.subprocess.Process, str]:
    port = free_port()
    env = clean_env(tmp_path / name) | {
        "GOVBOT_DATABASE_URL": database_url,
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-fake",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url + "api/",
        # not niced: a server is ready once its answer worker has loaded the model, and at niceness 19
        # the other processes of a parallel run starved that worker past the bound (seen at load ~9)
        "GOVBOT_ANSWER_WORKER_NICENESS": "0",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "serve", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


async def _ready(http: aiohttp.ClientSession, base: str, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        assert process.returncode is None, "govbot serve exited"
        try:
            async with http.get(f"{base}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"{base} not ready within {READY_WITHIN_S} s")


@pytest.fixture
async def two_servers(
    context: HandlerContext, database_url: str, slack_api: StandIn, tmp_path: Path
) -> AsyncIterator[list[str]]:
    started = [await _serve(database_url, slack_api, tmp_path, name) for name in ("a", "b")]
    try:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(_ready(http, base, process) for process, base in started))
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            await process.wait()


async def _deliver(http: aiohttp.ClientSession, base: str, body: str, retry: int | None) -> int:
    headers = signed_headers(body, "application/json")
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    async with http.post(f"{base}/slack/events", data=body, headers=headers) as response:
        return response.status


def _processed(context: HandlerContext, event_id: str) -> int:
    with context.store.read() as session:
        query = select(func.count()).select_from(ProcessedEvent).where(ProcessedEvent.event_id == event_id)
        return int(session.scalar(query) or 0)


@pytest.mark.parametrize("original", ["delivered", "lost"])
async def test_one_event_id_4_times_across_2_serve_processes_on_postgres_is_1_effect_and_1_reply(
    two_servers: list[str], context: HandlerContext, slack_api: StandIn, original: str
) -> None:
    event_id = f"EvTWO{original.upper()}"
    body = event_body("<@UBOT000001> hvem eier DIPS?", event_id=event_id)
    copies = [None, 1, 2, 3] if original == "delivered" else [1, 2, 3]
    async with aiohttp.ClientSession() as http:
        statuses = await asyncio.gather(
            *(_deliver(http, two_servers[i % 2], body, retry) for i, retry in enumerate(copies))
        )
        assert statuses == [200] * len(copies)
        await slack_api.wait_for("chat.postMessage", timeout=10)
        probe = event_body("<@UBOT000001> hvem eier Helsenorge?", event_id=f"{event_id}PROBE")
        await _deliver(http, two_servers[1], probe, None)
        posted = await slack_api.wait_for("chat.postMessage", count=2, timeout=10)
    assert "Helsenorge" in posted[-1].body["text"] and "DIPS" in posted[0].body["text"]
    assert len(posted) == 2, [p.body.get("text", "")[:60] for p in posted]
    assert _processed(context, event_id) == 1
