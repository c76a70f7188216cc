"""The load generator: a separate process that sends signed Slack events or Teams activities at a fixed
rate to a loopback server and reports each request's latency as JSON on stdout.

Open loop: request i is due at t0 + i/rate whether or not earlier ones have answered, so a slow server
shows up as latency instead of a politely lowered rate. Its clock starts at that SCHEDULED time, not when
its task gets to run: when the generator itself lags (a busy machine, a burst of slow connects), the time
a request spent waiting to be sent is latency a user would have seen, and leaving it out (coordinated
omission) is how a pause hides. Every request ends as a latency, an error or a timeout, and the report
counts all three, so nothing is dropped from the figures silently. Bounded twice: `count` requests at most,
and every request still open `grace` seconds after the last one was due is abandoned and counted as a
timeout. Only 127.0.0.1 is allowed.

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
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
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


Send = Callable[[int], Awaitable[str | None]]
"""Sends request i; returns its key (what the answer will be matched by) or raises `Failed`."""


class Failed(Exception):
    """A request that got no usable answer: the reason is its label in the report (`503`, `ClientOSError`)."""


@dataclass
class Report:
    """What one load run saw. `scheduled` maps each sent request's key to the time it was due (the
    monotonic clock, which on Linux is one clock for every process), so a benchmark can time a reply
    that arrives elsewhere (a stand-in) from the same start as the ack."""

    scheduled: dict[str, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    """Seconds from due time to response, successful requests only, in the order they were due."""
    offsets: list[float] = field(default_factory=list)
    """Seconds from the run's start to each latency's due time (where in the run a slow one fell)."""
    errors: dict[str, int] = field(default_factory=dict)
    timeouts: int = 0
    """Requests still open when the grace period ran out: abandoned, neither latency nor error."""
    late_start_max: float = 0.0
    """How far behind its schedule the generator itself sent a request, at worst (its own lag)."""
    elapsed: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values()) + self.timeouts


async def drive(
    count: int,
    rate: float,
    send: Send,
    grace: float,
    now: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Report:
    """Start request i at its due time t0 + i/rate (or as soon after as the loop can) and time it from then.

    `now` and `sleep` are the clock; the tests give it a fake one to check the arithmetic without timing.
    """
    report = Report()
    start = now()
    outcomes: dict[int, float] = {}

    async def one(i: int, due: float) -> None:
        report.late_start_max = max(report.late_start_max, now() - due)
        try:
            key = await send(i)
        except Exception as failure:  # any failure is counted, never dropped
            label = str(failure) if isinstance(failure, Failed) else type(failure).__name__
            report.errors[label] = report.errors.get(label, 0) + 1
            return
        if key is not None:
            report.scheduled[key] = due
        outcomes[i] = now() - due

    tasks = []
    for i in range(count):
        due = start + i / rate
        delay = due - now()
        if delay > 0:
            await sleep(delay)
        tasks.append(asyncio.create_task(one(i, due)))
    last_due = start + (count - 1) / rate
    _, pending = await asyncio.wait(tasks, timeout=max(0.0, last_due + grace - now()))
    for task in pending:
        task.cancel()
    report.timeouts = len(pending)
    for i in sorted(outcomes):
        report.latencies.append(outcomes[i])
        report.offsets.append(i / rate)
    report.elapsed = now() - start
    return report


def _run_id() -> str:
    """Eight letters from the clock, unique per run. Letters, not digits: "act-<8 digits>-<3 digits>" is
    eleven digits in dash-joined groups, and now and then a valid identity number that govbot's store
    rightly refuses (models.identity_numbers), which would fail that request."""
    return "".join(chr(ord("a") + int(c)) for c in f"{int(time.time() * 1000) % 10**8:08d}")


async def run(args: argparse.Namespace) -> Report:
    run_id = _run_id()
    connector = aiohttp.TCPConnector(limit=1000)
    timeout = aiohttp.ClientTimeout(total=args.grace)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def send(i: int) -> str:
            if args.kind == "slack":
                key, raw, headers = slack_request(i, args.text, args.secret, run_id)
            else:
                key, raw, headers = teams_request(i, args.text, args.service_url, run_id)
            try:
                async with session.post(args.url, data=raw, headers=headers) as response:
                    await response.read()
            except (TimeoutError, aiohttp.ClientError) as error:
                raise Failed(type(error).__name__) from error
            if response.status >= 300:
                raise Failed(str(response.status))
            return key

        return await drive(args.count, args.rate, send, args.grace)


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
    report = asyncio.run(run(args))
    json.dump({**asdict(report), "failed": report.failed}, sys.stdout)


if __name__ == "__main__":
    main()
