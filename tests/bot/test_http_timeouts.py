"""Slow clients at the wire: headers or a body trickled a line at a time are cut off, and others still get in.

The app is `create_app` with half-second header and body timeouts, served on loopback; the tricklers are
raw TCP clients that would keep sending for ten seconds if the server let them. Their pace is set by
waiting for the server to close the connection (at most one step at a time), not by sleeping.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext

TIMEOUT_S = 0.5
STEP_S = 0.05
STEPS = 200  # 10 s of trickling: twenty times the timeout
TRICKLERS = 50


@pytest.fixture
async def served(context: HandlerContext) -> AsyncIterator[TestClient]:
    settings = Settings(http_header_timeout=TIMEOUT_S, http_body_timeout=TIMEOUT_S)
    async with TestClient(TestServer(create_app(context, settings), host="127.0.0.1")) as client:
        yield client


async def _read_until_closed(reader: asyncio.StreamReader, heard: bytearray) -> None:
    """Keep every chunk as it arrives: a reset after the server's answer must not discard the answer.

    `StreamReader.read()` raises on a reset and drops what it had buffered, and a trickler's next byte
    after the server has closed is answered by the kernel with exactly that reset.
    """
    try:
        while chunk := await reader.read(65536):
            heard.extend(chunk)
    except ConnectionError:
        pass


async def _trickle(
    client: TestClient, opening: bytes, step: bytes, connected: asyncio.Queue[None] | None = None
) -> tuple[int, bytes]:
    """Send `opening`, then `step` every STEP_S until the server hangs up; (steps sent, what it said)."""
    reader, writer = await asyncio.open_connection(client.host, client.port)
    heard = bytearray()
    closed = asyncio.ensure_future(_read_until_closed(reader, heard))
    writer.write(opening)
    await writer.drain()
    if connected is not None:
        connected.put_nowait(None)
    sent = 0
    try:
        while sent < STEPS:
            done, _ = await asyncio.wait({closed}, timeout=STEP_S)
            if done:
                break
            writer.write(step)
            await writer.drain()
            sent += 1
        await asyncio.wait_for(closed, timeout=STEP_S * 4)
    except ConnectionError:
        await closed
    finally:
        closed.cancel()
        writer.close()
    return sent, bytes(heard)


async def test_clients_trickling_headers_are_cut_off_and_do_not_starve_others(served: TestClient) -> None:
    connected: asyncio.Queue[None] = asyncio.Queue()
    opening = b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
    tricklers = [
        asyncio.ensure_future(_trickle(served, opening, b"X-Slow: 1\r\n", connected))
        for _ in range(TRICKLERS)
    ]
    for _ in range(TRICKLERS):
        await connected.get()
    response = await served.get("/healthz")
    assert response.status == 200
    assert not all(t.done() for t in tricklers), "answered only after the tricklers were gone"
    results = await asyncio.gather(*tricklers)
    assert all(sent < STEPS for sent, _ in results), "a trickling client was never cut off"


async def test_a_body_trickled_byte_by_byte_gets_408_and_the_connection_closes(served: TestClient) -> None:
    head = (
        b"POST /webchat/api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n"
    )
    sent, answer = await _trickle(served, head, b" ")
    assert sent < STEPS
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]


async def test_a_normal_request_on_a_kept_alive_connection_still_works(served: TestClient) -> None:
    for _ in range(3):
        response = await served.get("/healthz")
        assert response.status == 200
