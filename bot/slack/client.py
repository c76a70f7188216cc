"""The Slack Web API client, shared by the server, the answer workers and the notifier's settings."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings


def web_client(settings: Settings, session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    """SLACK_API_URL overrides the base URL (stand-ins, proxies), and 429s are retried after Retry-After.

    Without `session` every call opens its own connection; a long-lived caller passes one to keep it.
    """
    assert settings.slack_bot_token is not None
    options: dict[str, Any] = {"token": settings.slack_bot_token.get_secret_value(), "session": session}
    if settings.slack_api_url:
        options["base_url"] = settings.slack_api_url.rstrip("/") + "/"
    client = AsyncWebClient(**options)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client
