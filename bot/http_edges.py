"""The server's edge: what every request must look like before any route parses it, and how long it may take.

aiohttp closes a connection whose request headers have not arrived when its keep-alive timer fires (the
timer starts when the connection opens), so `keepalive_timeout` doubles as the header read timeout. It has
no body read timeout at all: a client may send a declared body one byte a minute for ever. The middleware
here reads every body under a deadline (408 after it), within `client_max_size` (413), and checks JSON
bodies before a handler sees them: strict UTF-8, nesting no deeper than `MAX_JSON_DEPTH` (a scan, so
`json.loads` never recurses into a 100,000-deep array), valid JSON (400). The JSON APIs take nothing but
JSON (415). Every response carries the security headers, so no page can be framed or run foreign script.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from array import array
from collections.abc import Awaitable, Callable
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
"""Larger than any Slack payload, Bot Framework activity or web chat form; aiohttp's default is 1 MiB."""
MAX_JSON_DEPTH = 64
JSON_ONLY_PREFIXES = ("/api/messages",)
"""Routes whose every body is JSON; /slack/events also takes form posts and checks them itself, and the
web chat refuses other content types itself, politely and in the reader's language (bot/webchat/guards.py)."""
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_BODY_TIMEOUT = 10.0
BODY_TIMEOUT = web.AppKey("body_timeout", float)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEPS = str.maketrans({"[": "\x01", "{": "\x01", "]": "\xff", "}": "\xff"})


class Rejected(ValueError):
    """A request body refused at the edge; `status` is the HTTP answer, `reason` a short English phrase."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects, counted outside strings, all in C-speed steps.

    Strings are cut out first (brackets inside them do not nest); what remains is turned into +1/-1
    steps whose running sum is the depth.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    steps = array("b", brackets.translate(_STEPS).encode("latin-1"))
    return max(accumulate(steps))


def decode_json(raw: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The parsed body, or `Rejected(400)` for anything that is not shallow, valid UTF-8 JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected(400, "the body is not UTF-8") from exc
    if json_depth(text) > max_depth:
        raise Rejected(400, f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Rejected(400, "the body is not valid JSON") from exc


def new_app(settings: Settings | None) -> web.Application:
    """An Application with the edge checks, the size limit, the timeouts and the security headers."""
    header_timeout = settings.http_header_timeout if settings else DEFAULT_HEADER_TIMEOUT
    body_timeout = settings.http_body_timeout if settings else DEFAULT_BODY_TIMEOUT
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        # lingering_time: after an early answer (408, 413) the rest of the body is read and dropped for
        # at most this long, so the client sees the answer; aiohttp's 10 s would hold a trickler longer
        handler_args={"keepalive_timeout": header_timeout, "lingering_time": body_timeout},
        middlewares=[edge_checks],
    )
    app[BODY_TIMEOUT] = body_timeout
    app.on_response_prepare.append(add_security_headers)
    return app


def refusal(status: int, reason: str) -> web.Response:
    """A short JSON answer; after a timeout the connection closes, since the rest of the body may follow."""
    logger.info("request refused at the edge (%s): %s", status, reason)
    response = web.json_response({"error": reason}, status=status)
    if status == 408:
        response.force_close()
    return response


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def edge_checks(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Read and check the body before routing hands it on; handlers then read the cached bytes."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not request.can_read_body:
        return await handler(request)
    json_only = request.path.startswith(JSON_ONLY_PREFIXES)
    if json_only and request.content_type != "application/json":
        return refusal(415, "expected Content-Type: application/json")
    if (request.charset or "utf-8").lower() not in ("utf-8", "utf8"):
        return refusal(415, "expected a UTF-8 body")
    try:
        async with asyncio.timeout(request.app[BODY_TIMEOUT]):
            raw = await request.read()
    except TimeoutError:
        return refusal(408, "the body did not arrive in time")
    except web.HTTPRequestEntityTooLarge:
        return refusal(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
    if request.content_type == "application/json":
        try:
            decode_json(raw)
        except Rejected as rejected:
            return refusal(rejected.status, rejected.reason)
    return await handler(request)


async def add_security_headers(_: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
