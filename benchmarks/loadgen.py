"""The load generator: a separate process that sends signed Slack events or Teams activities at a fixed
rate to a loopback server and reports each request's latency as JSON on stdout.

Open loop: request i starts at t0 + i/rate whether or not earlier ones have answered, so a slow server
shows up as latency instead of a politely lowered rate. Bounded twice: `count` requests at most, and
every request still open `grace` seconds after the last start is abandoned. Only 127.0.0.1 is allowed.

`python -m benchmarks.loadgen slack|teams --url URL --rate R --count N [--text T] [--service-url U]`
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import sys
import time
from typing import Any
from urllib.parse import urlparse

import aiohttp

BOT_USER_ID = "UBOT000001"


def slack_request(i: int, text: str, secret: str, run: str) -> tuple[str, bytes, dict[str, str]]:
    """A signed app_mention event_callback; its ts (unique per request) comes back as thread_ts."""
    now = int(time.time())
    ts = f"{now}.{i:06d}"
    body = {
        "token": "bench",
        "team_id": "T0000BENCH",
        "api_app_id": "A0000BENCH",
        "type": "event_callback",
        "event_id": f"Ev{run}{i:08d}",
        "event_time": now,
        "authorizations": [{"user_id": BOT_USER_ID, "team_id": "T0000BENCH", "is_bot": True}],
        "event": {
            "type": "app_mention",
            "user": f"U{i % 50:08d}",
            "text": f"<@{BOT_USER_ID}> {text}",
            "ts": ts,
            "event_ts": ts,
            "channel": "C0000BENCH",
        },
    }
    raw = json.dumps(body).encode()
    base = f"v0:{now}:".encode() + raw
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": signature,
    }
    return ts, raw, headers


def teams_request(i: int, text: str, service_url: str, run: str) -> tuple[str, bytes, dict[str, str]]:
    activity_id = f"act-{run}-{i}"
    body = {
        "type": "message",
        "id": activity_id,
        "timestamp": "2026-11-23T10:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": f"29:user-{i % 50}", "name": "Bench", "aadObjectId": f"aad-{i % 50}"},
        "conversation": {"id": f"a:conv-{i % 50}", "conversationType": "personal", "tenantId": "t1"},
        "recipient": {"id": "28:govbot", "name": "govbot"},
        "locale": "nb-NO",
        "text": text,
        "channelData": {"tenant": {"id": "t1"}},
    }
    return activity_id, json.dumps(body).encode(), {"Content-Type": "application/json"}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    sent: dict[str, float] = {}
    latencies: list[float] = []
    errors: dict[str, int] = {}
    run_id = f"{int(time.time() * 1000) % 10**8:08d}"

    async def one(session: aiohttp.ClientSession, i: int) -> None:
        if args.kind == "slack":
            key, raw, headers = slack_request(i, args.text, args.secret, run_id)
        else:
            key, raw, headers = teams_request(i, args.text, args.service_url, run_id)
        started = time.monotonic()
        sent[key] = started
        try:
            async with session.post(args.url, data=raw, headers=headers) as response:
                await response.read()
                status = response.status
        except (TimeoutError, aiohttp.ClientError) as error:
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
            return
        if status >= 300:
            errors[str(status)] = errors.get(str(status), 0) + 1
            return
        latencies.append(time.monotonic() - started)

    connector = aiohttp.TCPConnector(limit=200)
    timeout = aiohttp.ClientTimeout(total=args.grace)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = []
        start = time.monotonic()
        for i in range(args.count):
            delay = start + i / args.rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(session, i)))
        await asyncio.wait(tasks, timeout=args.grace)
        elapsed = time.monotonic() - start
    return {"sent": sent, "latencies": latencies, "errors": errors, "elapsed": elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadgen")
    parser.add_argument("kind", choices=("slack", "teams"))
    parser.add_argument("--url", required=True)
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("--count", type=int, required=True, help="requests in all (at most 200,000)")
    parser.add_argument("--text", default="hvem eier DIPS?")
    parser.add_argument("--secret", default="")
    parser.add_argument("--service-url", default="")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds to wait for stragglers")
    args = parser.parse_args()
    if urlparse(args.url).hostname != "127.0.0.1" or not 0 < args.count <= 200_000:
        parser.error("loopback (127.0.0.1) only, and 1..200,000 requests")
    json.dump(asyncio.run(run(args)), sys.stdout)


if __name__ == "__main__":
    main()
