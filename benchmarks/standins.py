"""Loopback stand-ins for the Slack Web API and the Bot Connector, each served in its own process.

They answer like the platforms (auth.test, users.info, chat.postMessage, a file upload's three steps;
Connector activities) and note when each reply arrived (`time.monotonic()`, which on Linux is one clock
for every process), keyed by the request it answers: `thread_ts` for Slack (the mention's ts), `replyToId` for Teams. The benchmark
reads the arrivals from GET /_arrivals.

`python -m benchmarks.standins slack|slow-slack|connector` prints `listening <port>` once it accepts connections.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from urllib.parse import parse_qsl

from aiohttp import web

BOT_USER_ID = "UBOT000001"


SLOW_POST_SECONDS = 1.5
"""How long the slow Web API (`slow-slack`) holds every chat.postMessage: a Slack having a bad day."""


def slack_api(hold: float = 0.0) -> web.Application:
    arrivals: dict[str, float] = {}

    async def handle(request: web.Request) -> web.Response:
        if request.path.startswith("/upload/"):  # a file's bytes (files_upload_v2's second step)
            return web.Response(text=f"OK - {len(await request.read())}")
        method = request.path.rsplit("/", 1)[-1]
        raw = await request.text()
        if method == "files.getUploadURLExternal":
            url = str(request.url.origin()) + "/upload/F0BENCH"
            return web.json_response({"ok": True, "file_id": "F0BENCH", "upload_url": url})
        if method == "files.completeUploadExternal":
            return web.json_response({"ok": True, "files": [{"id": "F0BENCH"}]})
        if method == "chat.postMessage":
            if hold:
                await asyncio.sleep(hold)
            arrived = time.monotonic()
            body = json.loads(raw) if request.content_type == "application/json" else dict(parse_qsl(raw))
            arrivals[str(body.get("thread_ts"))] = arrived
            return web.json_response({"ok": True, "channel": body.get("channel"), "ts": f"{arrived:.6f}"})
        if method == "auth.test":
            return web.json_response(
                {"ok": True, "user_id": BOT_USER_ID, "bot_id": "BBOT000001", "team_id": "T0000BENCH"}
            )
        if method == "users.info":
            user = dict(parse_qsl(raw)).get("user") or request.query.get("user", "U0")
            profile = {"real_name": "Bench User", "email": f"{user.lower()}@example.no"}
            return web.json_response(
                {"ok": True, "user": {"id": user, "name": "bench", "locale": "nb-NO", "profile": profile}}
            )
        return web.json_response({"ok": True})

    return _with_arrivals(handle, arrivals)


def connector() -> web.Application:
    arrivals: dict[str, float] = {}

    async def handle(request: web.Request) -> web.Response:
        if request.method == "GET" and "/members/" in request.path:
            member = request.path.rsplit("/", 1)[-1]
            return web.json_response({"id": member, "name": "Bench User", "email": f"{member}@example.no"})
        arrived = time.monotonic()
        body = await request.json() if request.can_read_body else {}
        arrivals[str(body.get("replyToId"))] = arrived
        return web.json_response({"id": f"reply-{len(arrivals)}"}, status=201)

    return _with_arrivals(handle, arrivals)


def _with_arrivals(handle, arrivals: dict[str, float]) -> web.Application:  # type: ignore[no-untyped-def]
    async def report(_: web.Request) -> web.Response:
        return web.json_response(arrivals)

    async def forget(_: web.Request) -> web.Response:
        arrivals.clear()
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/_arrivals", report)
    app.router.add_delete("/_arrivals", forget)
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


def main() -> None:
    from benchmarks.serving import serve

    apps = {"slack": slack_api, "slow-slack": lambda: slack_api(SLOW_POST_SECONDS), "connector": connector}
    serve(apps[sys.argv[1]]())


if __name__ == "__main__":
    main()
