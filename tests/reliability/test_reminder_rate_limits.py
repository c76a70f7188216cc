"""Reliability 10 (rate limits): Slack's 429 with Retry-After, met by the real SlackNotifier, is honoured.

The sweep sends through the real SlackNotifier (slack_sdk's WebClient) to the Web API stand-in, which
answers the first `chat.postMessage` with HTTP 429 and `Retry-After: 600`. The sweep must then post
nothing for that reminder until 600 s have passed on its clock, and afterwards send every reminder
exactly once. The sweep's clock is the hand-moved test clock; nothing sleeps.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from aiohttp import web
from slack_sdk import WebClient
from sqlalchemy import select

from bot.channels.identities import remember_identity
from bot.slack.notifier import SlackNotifier
from handlers.messages import Sender
from models.store import Store
from models.tables import Reminder
from scheduler.sweep import Sweeper
from tests.bot.conftest import StandIn
from tests.scheduler.conftest import NOW, SECRETARY, Clock, clock, seed_due

__all__ = ["clock"]  # the scheduler tests' hand-moved clock, as a fixture here too
RETRY_AFTER_S = 600  # longer than the sweep's own first backoff (60 s), so honouring it shows
REMINDERS = 3


def _statuses(store: Store) -> dict[str, str]:
    with store.read() as session:
        return {r.dedup_key: r.status for r in session.scalars(select(Reminder))}


def _retry_at(store: Store) -> datetime:
    with store.read() as session:
        due = session.scalars(select(Reminder.due_at).where(Reminder.status != "sent")).one()
    return due if due.tzinfo else due.replace(tzinfo=UTC)


async def test_slack_429_retry_after_600s_is_honoured_by_the_sweep_and_all_3_reminders_are_sent_once(
    store: Store, clock: Clock, slack_api: StandIn
) -> None:
    [person] = [p for p in store.model.people if p.key == SECRETARY]
    await asyncio.to_thread(remember_identity, store, Sender("slack", "U0000HILDE", None, person.email))
    seed_due(store, REMINDERS, due_at=NOW)
    limited = web.json_response(
        {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(RETRY_AFTER_S)}
    )
    slack_api.scripted["chat.postMessage"] = [limited]
    client = WebClient(token="xoxb-fake", base_url=slack_api.url + "api/")
    sweeper = Sweeper(store, SlackNotifier(store, client, sleep=lambda _: None), clock, "w")

    first = await asyncio.to_thread(sweeper.sweep_once)
    assert first.retried == 1 and first.sent == REMINDERS - 1
    posts = len(slack_api.paths("chat.postMessage"))
    assert posts == REMINDERS  # 1 refused with 429, 2 delivered

    # the retry waits Retry-After or the sweep's own backoff, whichever is longer; nothing is sent before
    retry_at = _retry_at(store)
    assert retry_at >= NOW + timedelta(seconds=RETRY_AFTER_S)
    clock.now = retry_at - timedelta(seconds=1)
    assert (await asyncio.to_thread(sweeper.sweep_once)).claimed == 0
    assert len(slack_api.paths("chat.postMessage")) == posts, "posted again inside Retry-After"

    clock.now = retry_at
    assert (await asyncio.to_thread(sweeper.run_until_idle)).sent == 1
    assert _statuses(store) == {f"seed:{i}": "sent" for i in range(REMINDERS)}
    delivered = slack_api.paths("chat.postMessage")[1:]
    assert len(delivered) == REMINDERS and all(p.body["channel"] == "U0000HILDE" for p in delivered)
