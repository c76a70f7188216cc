"""Reliability 10 (rate limits): Slack's 429 with Retry-After, met by the real SlackNotifier, is honoured.

The sweep sends through the real SlackNotifier (slack_sdk's WebClient) to the Web API stand-in, which
answers the first `chat.postMessage` with HTTP 429 and `Retry-After: 600`. All three reminders go to the
same DM, so the sweep must then post nothing into that channel until 600 s have passed on its clock (the
other two are deferred, not tried and not counted as attempts), and afterwards send every reminder exactly
once, one a second. The sweep's and the notifier's clocks are the hand-moved test clock; nothing sleeps.
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
        due = min(session.scalars(select(Reminder.due_at).where(Reminder.status != "sent")))
    return due if due.tzinfo else due.replace(tzinfo=UTC)


def _attempts(store: Store) -> list[int]:
    with store.read() as session:
        return sorted(session.scalars(select(Reminder.attempt)))


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
    notifier = SlackNotifier(store, client, monotonic=lambda: clock.now.timestamp())
    sweeper = Sweeper(store, notifier, clock, "w")

    first = await asyncio.to_thread(sweeper.sweep_once)
    assert (first.retried, first.deferred, first.sent) == (1, REMINDERS - 1, 0)
    assert len(slack_api.paths("chat.postMessage")) == 1  # refused with 429; the others never tried
    assert _attempts(store) == [0, 0, 1]

    # the retry waits Retry-After or the sweep's own backoff, whichever is longer; nothing is sent before
    retry_at = _retry_at(store)
    assert retry_at >= NOW + timedelta(seconds=RETRY_AFTER_S - 1)
    clock.now = retry_at - timedelta(seconds=1)
    assert (await asyncio.to_thread(sweeper.sweep_once)).claimed == 0
    assert len(slack_api.paths("chat.postMessage")) == 1, "posted again inside Retry-After"

    clock.now = retry_at
    sent = 0
    for _ in range(10):  # one message a second into the channel: the clock moves a second per sweep
        sent += (await asyncio.to_thread(sweeper.run_until_idle)).sent
        clock.now += timedelta(seconds=1)
    assert sent == REMINDERS
    assert _statuses(store) == {f"seed:{i}": "sent" for i in range(REMINDERS)}
    delivered = slack_api.paths("chat.postMessage")[1:]
    assert len(delivered) == REMINDERS and all(p.body["channel"] == "U0000HILDE" for p in delivered)
