"""The HTTP server: `GET /healthz` answers from the database, served in-process and by `govbot serve`."""

from __future__ import annotations

import dataclasses
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.composition import build_context, load_settings
from bot.server import create_app
from handlers.context import HandlerContext
from models.database import create_engine_for


@pytest.fixture
def test_context(database_url: str, test_model_file: Path) -> Iterator[HandlerContext]:
    context = build_context(load_settings(database_url=database_url, model=str(test_model_file)))
    try:
        yield context
    finally:
        context.store.close()


def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


async def test_healthz_reports_model_and_database(test_context: HandlerContext, database_url: str) -> None:
    async with TestClient(TestServer(create_app(test_context))) as client:
        response = await client.get("/healthz")
        assert response.status == 200
        assert await response.json() == {
            "status": "ok",
            "model": "test-region",
            "database": backend(database_url),
        }


async def test_healthz_on_the_default_preset(context: HandlerContext, database_url: str) -> None:
    async with TestClient(TestServer(create_app(context))) as client:
        response = await client.get("/healthz")
        assert response.status == 200
        assert await response.json() == {
            "status": "ok",
            "model": "hso-2026",
            "database": backend(database_url),
        }


async def test_healthz_is_503_when_the_database_is_gone(test_context: HandlerContext) -> None:
    unreachable = create_engine_for("postgresql://127.0.0.1:1/nowhere", connect_args={"connect_timeout": 2})
    broken = dataclasses.replace(
        test_context, store=dataclasses.replace(test_context.store, engine=unreachable)
    )
    try:
        async with TestClient(TestServer(create_app(broken))) as client:
            response = await client.get("/healthz")
            assert response.status == 503
            body = await response.json()
            assert body["status"] == "error"
            assert "127.0.0.1" not in json.dumps(body)
    finally:
        unreachable.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_healthz(cli, database_url: str, test_model_file: Path) -> None:
    port = free_port()
    env = {**cli.env, "GOVBOT_DATABASE_URL": database_url, "PORT": str(port)}
    command = [sys.executable, "-m", "bot.cli.main", "serve", "--model", str(test_model_file)]
    server = subprocess.Popen(
        command, cwd=cli.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        body = poll_healthz(f"http://127.0.0.1:{port}/healthz", server)
        assert body == {"status": "ok", "model": "test-region", "database": backend(database_url)}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, stderr = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
    assert server.returncode == 0, stderr
    assert f"127.0.0.1:{port}" in stderr


def poll_healthz(url: str, server: subprocess.Popen[str], timeout: float = 30) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(
                f"govbot serve exited with {server.returncode}: {server.stderr.read() if server.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail(f"no answer from {url} within {timeout} s")
