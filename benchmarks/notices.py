"""No request waits behind a notification: a real `govbot serve` under form posts and modal submissions
while every Slack Web API call to deliver their notices is held for 1.5 s.

60 web chat initiative forms (20 with `--quick`) arrive at once while 30 Slack intake modal submissions
(10) come in at 5 a second; each queues notices for the domain's secretariat, whose Slack accounts are known, so the sweep
really sends to the slow stand-in meanwhile. `/healthz` is polled every 20 ms throughout. Figures:
`/healthz` p99 (target < 100 ms), the modal ack p99 and max (every one < 3 s, Slack's limit), and the
web chat form answer p99. The load runs in this process (aiohttp), the server in its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, percentile
from benchmarks.serving import REPO_ROOT, start
from benchmarks.standins import SLOW_POST_SECONDS

SECRET = "bench-signing-secret-0123456789abcdef"
SERVE_ARGS: tuple[str, ...] = ("--demo",)
"""The web chat's demo people; allowed beside Slack credentials because the Web API is a loopback stand-in."""
DEMO_PERSON = "kari-nordmann"
HEALTH_EVERY_S = 0.02
MODALS_PER_SECOND = 5.0
"""Slack load as people make it: modal submissions spread over the burst, not all in one instant."""
FORM = {
    "title": "Digital innsjekk på poliklinikken",
    "need": "Pasienter står i kø ved skranken og mister timer fordi innsjekken er manuell.",
    "change": "Innsjekk på mobil og på skjerm i venterommet, koblet til timeboken.",
    "benefit": "Kortere kø og færre uteblitte timer.",
    "trusts": "ahus",
    "contact": "Kari Tester, poliklinikken",
}


def run(quick: bool) -> list[Figure]:
    forms, modals = (20, 10) if quick else (60, 30)
    return measure(forms, modals, quick)


def measure(forms: int, modals: int, quick: bool = False) -> list[Figure]:
    with postgres_database() as url:
        view = _prepare(url)
        standin = start("benchmarks.standins", "slow-slack")
        server: subprocess.Popen[str] | None = None
        try:
            port = _free_port()
            env = {
                **os.environ,
                "PYTHONPATH": str(REPO_ROOT),
                "GOVBOT_DATABASE_URL": url,
                "SLACK_BOT_TOKEN": "xoxb-bench",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": f"{standin.url}/api/",
            }
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bot.cli.main",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    *SERVE_ARGS,
                ],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}"
            measured = asyncio.run(_load(base, view, forms, modals))
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
            standin.stop()
        sent, queued = _notices(url)
    return _figures(measured, forms, modals, sent, queued, quick)


def _prepare(url: str) -> dict[str, Any]:
    """Migrate, make the secretariat reachable on Slack, and build the intake modal as the bot sends it."""
    from bot.channels.identities import remember_identity
    from bot.slack.modals import modal_view
    from handlers.context import HandlerContext
    from handlers.initiatives.form_spec import intake_form
    from handlers.messages import Sender
    from models.store import open_store

    store = open_store(url, "hso-2026")
    try:
        for i, person in enumerate(p for p in store.model.people if p.email):
            remember_identity(store, Sender("slack", f"U{i:08d}", person.name, person.email))
        return modal_view(intake_form(HandlerContext(store=store), "nb"), "nb")
    finally:
        store.close()


def _notices(url: str) -> tuple[int, int]:
    from sqlalchemy import func, select

    from models.store import open_store
    from models.tables import Reminder

    store = open_store(url, "hso-2026")
    try:
        with store.read() as session:
            rows = dict(
                session.execute(
                    select(Reminder.status, func.count())
                    .where(Reminder.kind == "initiative.submitted")
                    .group_by(Reminder.status)
                ).all()
            )
    finally:
        store.close()
    return rows.get("sent", 0), sum(rows.values())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def webchat_session(http: aiohttp.ClientSession, base: str) -> dict[str, str]:
    """The web chat's sign-in handshake, in one place: the headers every form post then carries.

    `GET /webchat/api/session` gives the session and its CSRF token; picking the demo person replaces
    both, so the token every form post carries is the one the pick answered with.
    """
    async with http.get(f"{base}/webchat/api/session") as response:
        response.raise_for_status()
        token = (await response.json())["csrf_token"]
    headers = {"X-CSRF-Token": token, "Origin": base}
    async with http.post(f"{base}/webchat/api/demo/login", json={"user": DEMO_PERSON}, headers=headers) as r:
        r.raise_for_status()
        fresh = (await r.json())["csrf_token"]  # picking a person starts a new session with a new token
    return {**headers, "X-CSRF-Token": fresh}


async def _load(base: str, view: dict[str, Any], forms: int, modals: int) -> dict[str, list[float]]:
    jar = aiohttp.CookieJar(unsafe=True)  # cookies from 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as http:
        await _until_up(http, base)
        headers = await webchat_session(http, base)
        health: list[float] = []
        stop = asyncio.Event()
        poller = asyncio.create_task(_poll_health(http, base, health, stop))
        posts = [_form(http, base, headers, n) for n in range(forms)]
        acks = [_modal(http, base, view, n) for n in range(modals)]
        timed = await asyncio.gather(*posts, *acks)
        await asyncio.sleep(SLOW_POST_SECONDS * 2)  # health keeps being polled while the sweep sends
        stop.set()
        await poller
    return {"health": health, "forms": list(timed[:forms]), "acks": list(timed[forms:])}


async def _until_up(http: aiohttp.ClientSession, base: str, bound: float = 60.0) -> None:
    deadline = time.monotonic() + bound
    while True:
        try:
            async with http.get(f"{base}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("govbot serve did not answer /healthz within 60 s")
        await asyncio.sleep(0.1)


async def _poll_health(
    http: aiohttp.ClientSession, base: str, into: list[float], stop: asyncio.Event
) -> None:
    while not stop.is_set():
        started = time.monotonic()
        async with http.get(f"{base}/healthz") as response:
            await response.read()
        into.append(time.monotonic() - started)
        await asyncio.sleep(HEALTH_EVERY_S)


async def _form(http: aiohttp.ClientSession, base: str, headers: dict[str, str], n: int) -> float:
    body = {
        "form_id": "initiative",
        "submission_id": f"bench-web-{n}",
        "values": {**FORM, "title": f"Web {n}"},
    }
    started = time.monotonic()
    async with http.post(f"{base}/webchat/api/forms", json=body, headers=headers) as response:
        answer = await response.json()
    elapsed = time.monotonic() - started
    if response.status != 200 or not answer.get("ok"):
        raise RuntimeError(f"form post {n} answered {response.status}: {answer}")
    return elapsed


async def _modal(http: aiohttp.ClientSession, base: str, view: dict[str, Any], n: int) -> float:
    await asyncio.sleep(n / MODALS_PER_SECOND)  # its turn in the steady stream; not part of its ack time
    state = _slack_state(view, {**FORM, "title": f"Slack {n}"})
    submitted = {**view, "id": f"VBENCH{n:04d}", "hash": "h1", "state": {"values": state}}
    payload = {
        "type": "view_submission",
        "team": {"id": "T0000BENCH"},
        "user": {"id": f"UB{n:08d}"},
        "view": submitted,
    }
    body = urlencode({"payload": json.dumps(payload)})
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body),
    }
    started = time.monotonic()
    async with http.post(f"{base}/slack/events", data=body, headers=headers) as response:
        await response.read()
    elapsed = time.monotonic() - started
    # Bolt answers 404 when the handler did not ack within 3 s: counted as a miss, not hidden
    return elapsed if response.status == 200 else float("inf")


def _slack_state(view: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """What Slack sends for each input block, by the element type the modal declared."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        name, element = block.get("block_id"), block.get("element", {})
        if name not in values:
            continue
        kind = element["type"]
        if kind == "multi_static_select":
            chosen = [o for o in element["options"] if o["value"] == values[name]]
            state[name] = {name: {"type": kind, "selected_options": chosen}}
        else:
            state[name] = {name: {"type": kind, "value": values[name]}}
    return state


def _figures(
    measured: dict[str, list[float]], forms: int, modals: int, sent: int, queued: int, quick: bool
) -> list[Figure]:
    load = (
        f"{forms} web chat form posts at once + {modals} Slack modal submissions at {MODALS_PER_SECOND:g}/s, "
        f"Web API held {SLOW_POST_SECONDS} s"
    )
    load += " (quick)" if quick else ""
    health, acks, posts = measured["health"], measured["acks"], measured["forms"]
    delivered = f"; notices {sent} of {queued} delivered when stopped (1 DM/s per secretariat channel)"
    missed = sum(1 for a in acks if a == float("inf"))
    load += f"; {missed} of {modals} acks missed Slack's 3 s (Bolt's 404)" if missed else ""
    return [
        Figure("notices: /healthz p99 under form and modal load", percentile(health, 99) * 1000, "ms",
               target="< 100 ms", note=f"{load}; {len(health)} polls"),
        Figure("notices: Slack modal ack p99", percentile(acks, 99) * 1000, "ms", target="< 3000 ms", note=load),
        Figure("notices: Slack modal ack max", max(acks) * 1000, "ms", target="every one < 3000 ms", note=load),
        Figure("notices: web chat form answer p99", percentile(posts, 99) * 1000, "ms", note=load + delivered),
    ]  # fmt: skip
