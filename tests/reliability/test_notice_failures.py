"""Reliability A1: a secretariat notice that fails after the commit costs the submitter nothing.

The secretariat's notices are queued with the initiative, so a Slack outage for their DMs can neither
turn the submission into an error nor hold Slack's 3 s ack. The sweep sends them through the real
SlackNotifier to a second Web API stand-in that answers 500 and `ok: false`: the ack, the receipt and
exactly one stored initiative do not care, and every notice waits in the outbox for its retry.
"""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk import WebClient
from sqlalchemy import select

from bot.channels.identities import remember_identity
from bot.server import create_app
from bot.slack.notifier import SlackNotifier
from handlers.context import HandlerContext
from handlers.messages import Sender
from models.tables import Initiative, Reminder
from tests.bot.conftest import StandIn, slack_settings
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.outbox import deliver
from tests.reliability.conftest import audit_count, count, intake_view, post_payload, view_submission

ACK_LIMIT_S = 3.0


class FailingSlack:
    """A Web API that is down for chat.postMessage: the first answer waits for `release`, then 500s."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.posts: list[str] = []
        app = web.Application()
        app.router.add_post("/api/chat.postMessage", self.post)
        self.server = TestServer(app, host="127.0.0.1")

    async def post(self, request: web.Request) -> web.Response:
        self.posts.append((await request.post()).get("channel", ""))
        if len(self.posts) == 1:
            await self.release.wait()
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        return web.json_response({"ok": False, "error": "fatal_error"})


async def test_notices_failing_with_500_and_ok_false_still_ack_under_3s_with_receipt_and_1_initiative(
    context: HandlerContext, slack_api: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    people = [p for p in context.model.people if p.email]
    for i, person in enumerate(people):
        sender = Sender("slack", f"U{i:08d}", person.name, person.email)
        await asyncio.to_thread(remember_identity, context.store, sender)
    down = FailingSlack()
    await down.server.start_server()
    client = WebClient(token="xoxb-fake", base_url=str(down.server.make_url("/api/")))
    context.notifier = SlackNotifier(context.store, client)
    try:
        async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as app:
            started = time.monotonic()
            response = await post_payload(app, view_submission(intake_view(context), GOOD, view_id="VDOWN"))
            ack_s = time.monotonic() - started
            assert response.status == 200 and await response.text() == ""  # the modal closes
            assert ack_s < ACK_LIMIT_S, f"ack took {ack_s:.2f} s"
            [receipt] = await slack_api.wait_for("chat.postMessage")
            assert receipt.body["channel"] == "U0000KARI" and REFERENCE.search(receipt.body["text"])
            assert down.posts == []  # the request queued the notices; it sent none of them
            down.release.set()
            swept = await asyncio.to_thread(deliver, context)  # the sweep meets the outage
    finally:
        down.release.set()
        await down.server.close()

    assert swept == [] and len(down.posts) >= 1
    with context.store.read() as session:
        notices = session.execute(
            select(Reminder.status, Reminder.attempt, Reminder.last_error).where(
                Reminder.kind == "initiative.submitted"
            )
        ).all()
    assert notices and all(
        status == "pending" and attempt == 1 and error for status, attempt, error in notices
    )
    assert count(context, Initiative) == 1
    assert audit_count(context, "initiative.submitted") == 1
    assert all(GOOD["need"] not in r.getMessage() for r in caplog.records)
