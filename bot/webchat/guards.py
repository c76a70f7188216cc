"""The checks every state-changing web chat request passes before its body is read.

A cross-site page can make a browser POST with the visitor's cookie, but it cannot read our CSRF token,
set a custom header without a CORS preflight we never answer, or forge the Origin. So a POST must be
`application/json` (415 otherwise: HTML forms and `text/plain` beacons cannot send it), come from our
own origin when the browser names one, reach us under our own host name (a rebound DNS name does not
match), and carry the session's token in `X-CSRF-Token`.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from aiohttp import web

from bot import exposure
from bot.webchat.sessions import SessionView
from handlers.language import from_locale
from handlers.messages import Language
from handlers.texts import t

CSRF_HEADER = "X-CSRF-Token"


def language_of(request: web.Request) -> Language:
    """The page's language for refusals: the browser's first Accept-Language, else bokmål."""
    first = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
    return from_locale(first) or "nb"


def refuse(request: web.Request, status: int, key: str) -> web.HTTPException:
    error = {
        400: web.HTTPBadRequest,
        403: web.HTTPForbidden,
        404: web.HTTPNotFound,
        415: web.HTTPUnsupportedMediaType,
    }
    body = web.json_response({"error": key, "message": t(language_of(request), f"webchat.{key}")}).text
    return error[status](text=body, content_type="application/json")


def is_loopback_host(host: str) -> bool:
    """A Host header (name and port) naming this machine; the rule itself is the server's (bot.exposure)."""
    try:
        name = urlsplit(f"//{host}").hostname
    except ValueError:
        return False
    return exposure.is_loopback_host(name)


def own_origin(request: web.Request, public_url: str | None) -> str:
    """`GOVBOT_PUBLIC_URL`'s origin when set, else the origin this request was addressed to."""
    if public_url:
        parts = urlsplit(public_url)
        return f"{parts.scheme}://{parts.netloc}".lower()
    return f"{request.scheme}://{request.host}".lower()


def check_host(request: web.Request, public_url: str | None) -> None:
    """Without a public URL the server answers loopback names only (a DNS-rebinding page gets 403)."""
    expected = urlsplit(public_url).netloc.lower() if public_url else None
    host = request.host.lower()
    if (expected is not None and host != expected) or (expected is None and not is_loopback_host(host)):
        raise refuse(request, 403, "refused.origin")


def check_post(request: web.Request, public_url: str | None) -> None:
    """Content type, host and origin, before the session is even looked up."""
    if request.content_type != "application/json":
        raise refuse(request, 415, "refused.content_type")
    check_host(request, public_url)
    origin = request.headers.get("Origin")
    if origin is not None and origin.lower() != own_origin(request, public_url):
        raise refuse(request, 403, "refused.origin")


def check_csrf(request: web.Request, session: SessionView | None) -> SessionView:
    """The synchronizer token: `X-CSRF-Token` must equal the session's own."""
    token = request.headers.get(CSRF_HEADER, "")
    if session is None or not secrets.compare_digest(token.encode(), session.csrf_token.encode()):
        raise refuse(request, 403, "refused.session")
    return session


def cookie_is_secure(request: web.Request) -> bool:
    """Secure always, except for a page served over plain http on a loopback address (development)."""
    return not (request.scheme == "http" and is_loopback_host(request.host))
