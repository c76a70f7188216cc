"""The Slack notifier against the Web API stand-in: DM by person key, message ts back, 429 → retry_after."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot.channels.fanout import FanOutNotifier
from bot.channels.identities import remember_identity
from bot.channels.inbox import InboxNotifier
from bot.composition import build_context, load_settings
from bot.slack.notifier import SlackNotifier
from handlers.context import HandlerContext
from handlers.messages import Sender
from handlers.notify import DeliveryError, Notification
from handlers.replies import Paragraph, Reply
from tests.bot.conftest import StandIn


def notification(person_key: str) -> Notification:
    return Notification(
        person_key, Reply("nb", (Paragraph("Frist <i morgen> & sånn"),)), "test.kind", "key-1"
    )


async def test_dm_is_paced_by_deferring_and_rate_limits_surface(
    context: HandlerContext, slack_api: StandIn, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = next(p for p in context.model.people if p.email)
    await asyncio.to_thread(
        remember_identity, context.store, Sender("slack", "U0000KARI", "Kari", person.email)
    )
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", slack_api.url + "api/")
    built = build_context(load_settings(database_url=database_url))
    try:
        assert isinstance(built.notifier, FanOutNotifier)  # Slack, then the chat inbox for the rest
        slack, inbox = built.notifier.notifiers
        assert isinstance(slack, SlackNotifier) and isinstance(inbox, InboxNotifier)
        now = [100.0]
        slack._monotonic = lambda: now[0]
        ts = await asyncio.to_thread(slack.send, notification(person.key))
        [posted] = slack_api.paths("chat.postMessage")
        assert ts.startswith("1700000000.") and posted.body["channel"] == "U0000KARI"
        assert "&lt;i morgen&gt; &amp;" in posted.body["text"] and posted.body["unfurl_links"] is False
        with pytest.raises(DeliveryError) as paced:  # the channel's second is not over: deferred, not slept
            await asyncio.to_thread(slack.send, notification(person.key))
        assert paced.value.deferred and paced.value.retry_after == 1.0
        assert len(slack_api.paths("chat.postMessage")) == 1
        now[0] += 1.0
        slack_api.scripted["chat.postMessage"] = [
            web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "7"})
        ]
        with pytest.raises(DeliveryError) as raised:
            await asyncio.to_thread(slack.send, notification(person.key))
        assert raised.value.retry_after == 7 and not raised.value.deferred
        now[0] += 6.0
        with pytest.raises(DeliveryError) as busy:  # Retry-After keeps the channel busy for its 7 s
            await asyncio.to_thread(slack.send, notification(person.key))
        assert busy.value.deferred and busy.value.retry_after == 1.0
        with pytest.raises(DeliveryError) as unknown:
            await asyncio.to_thread(slack.send, notification("nobody"))
        assert unknown.value.permanent
    finally:
        built.store.close()
