"""No request waits behind a notification, and no delivery failure after a commit reaches the user.

Notices go into the outbox with the change; the sweep (`scheduler.jobs`, really running here) delivers
them through the real SlackNotifier. A Web API stand-in that holds every chat.postMessage until the test
lets go shows that web chat form posts and Slack modal submissions answer while the sweep is stuck in a
send: on code that sent inside the request they hang until the release. The unreachable submitter's
reject answers 200 with the change committed, and its notice is retried and dead-lettered by policy.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk import WebClient
from sqlalchemy import select

from bot.channels.identities import remember_identity
from bot.server import create_app
from bot.slack.notifier import SlackNotifier
from handlers.context import HandlerContext
from handlers.forms import FormSubmission, handle_form
from handlers.messages import Sender
from models.tables import AuditEntry, Initiative, Reminder
from scheduler.jobs import start_scheduler
from scheduler.sweep import Sweeper
from tests.bot.conftest import StandIn, slack_settings
from tests.bot.initiative_input import GOOD
from tests.bot.webchat_client import demo_settings, visitor
from tests.reliability.conftest import count, intake_view, post_payload, view_submission
from tests.scheduler.conftest import Clock

WEB_POSTS = 6
SLACK_SUBMISSIONS = 4
ACK_LIMIT_S = 3.0
"""Slack's own limit for a view_submission ack; a generous bound, not a latency target."""
ANSWER_BOUND_S = 30.0
"""Every request must answer before the held sends are released; this only bounds a hang."""
SECRETARIAT = "hilde-karlsen"
SUBMITTER = Sender("slack", "U0000KARI", "Kari", "kari@example.no")


class HeldSlack:
    """A Web API whose chat.postMessage answers only once `release` is set: the slowest Slack possible."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.posts: list[str] = []
        app = web.Application()
        app.router.add_post("/api/chat.postMessage", self.post)
        self.server = TestServer(app, host="127.0.0.1")

    async def post(self, request: web.Request) -> web.Response:
        self.posts.append(str((await request.post()).get("channel", "")))
        await self.release.wait()
        return web.json_response({"ok": True, "channel": "D1", "ts": f"1700000000.{len(self.posts):06d}"})

    def client(self) -> WebClient:
        return WebClient(token="xoxb-fake", base_url=str(self.server.make_url("/api/")))


async def webchat_form(
    app: TestClient, body: dict[str, Any], person: str = "kari-nordmann"
) -> tuple[int, dict[str, Any]]:
    """One web chat form post by a demo person; the only place that knows the session handshake."""
    chat = await visitor(app, person)
    return await chat.post("/webchat/api/forms", body)


async def _timed(request: Any) -> tuple[float, Any]:
    started = time.monotonic()
    result = await request
    return time.monotonic() - started, result


async def _remember_everyone(context: HandlerContext) -> None:
    for i, person in enumerate(p for p in context.model.people if p.email):
        sender = Sender("slack", f"U{i:08d}", person.name, person.email)
        await asyncio.to_thread(remember_identity, context.store, sender)


async def test_form_posts_and_modal_submissions_answer_while_every_slack_send_is_held(
    context: HandlerContext, slack_api: StandIn
) -> None:
    await _remember_everyone(context)
    held = HeldSlack()
    await held.server.start_server()
    context.notifier = SlackNotifier(context.store, held.client())
    scheduler = start_scheduler(context)  # the sweep runs, and gets stuck in the held sends
    try:
        async with TestClient(
            TestServer(create_app(context, slack_settings(slack_api, GOVBOT_DEMO=True)))
        ) as app:
            web_posts = [
                _timed(
                    webchat_form(
                        app,
                        {
                            "form_id": "initiative",
                            "submission_id": f"web-{n}",
                            "values": {**GOOD, "title": f"Webinitiativ {n}"},
                        },
                    )
                )
                for n in range(WEB_POSTS)
            ]
            view = intake_view(context)
            modals = [
                _timed(
                    post_payload(
                        app, view_submission(view, {**GOOD, "title": f"Slack {n}"}, view_id=f"VH{n}")
                    )
                )
                for n in range(SLACK_SUBMISSIONS)
            ]
            answered = await asyncio.wait_for(asyncio.gather(*web_posts, *modals), ANSWER_BOUND_S)
            assert not held.release.is_set()  # every request answered while no send could finish
            deadline = time.monotonic() + ANSWER_BOUND_S
            while not held.posts:  # the bell-woken sweep reaches the held Web API (polled, bounded)
                assert time.monotonic() < deadline, "the sweep never tried to send the queued notices"
                await asyncio.sleep(0.01)
            for _, (status, body) in answered[:WEB_POSTS]:
                assert status == 200 and body["ok"], body
            for ack_s, response in answered[WEB_POSTS:]:
                assert response.status == 200 and await response.text() == ""
                assert ack_s < ACK_LIMIT_S, f"a modal ack took {ack_s:.2f} s"
    finally:
        held.release.set()
        await asyncio.to_thread(scheduler.shutdown, True)
        await held.server.close()

    assert count(context, Initiative) == WEB_POSTS + SLACK_SUBMISSIONS  # each one created once
    with context.store.read() as session:
        references = set(session.scalars(select(Initiative.reference)))
        keys = list(
            session.scalars(select(Reminder.dedup_key).where(Reminder.kind == "initiative.submitted"))
        )
    assert {key.split(":")[1] for key in keys} == references  # every initiative's notices, queued once
    assert len(keys) == len(set(keys))


async def test_reject_for_an_unreachable_submitter_is_200_and_the_notice_is_retried_then_dead_lettered(
    context: HandlerContext, slack_api: StandIn
) -> None:
    await _remember_everyone(context)
    attempts = context.model.reminders.max_attempts
    down = [web.json_response({"ok": False, "error": "internal_error"}, status=500) for _ in range(attempts)]
    slack_api.scripted["chat.postMessage"] = down
    client = WebClient(token="xoxb-fake", base_url=slack_api.url + "api/")
    context.notifier = SlackNotifier(context.store, client)  # what the request used to send through
    result = await asyncio.to_thread(
        handle_form, FormSubmission("initiative", dict(GOOD), SUBMITTER, "nb", "slack:V1:h1"), context
    )
    assert result.ok, result.errors
    with context.store.read() as session:
        reference = session.scalar(select(Initiative.reference))
    with context.store.session() as session:  # only the submitter's notice is of interest here
        session.execute(Reminder.__table__.delete())  # type: ignore[attr-defined]

    async with TestClient(TestServer(create_app(context, demo_settings()))) as app:
        secretariat = await visitor(app, SECRETARIAT)
        clicked = await secretariat.reply(reference, action="initiative.reject", value=reference)
        [form] = [b for b in clicked["blocks"] if b["type"] == "form"]
        status, body = await secretariat.post(
            "/webchat/api/forms",
            {
                "form_id": form["form_id"],
                "context": form["context"],
                "values": {"reason": "Dekkes av regionalt prosjekt"},
            },
        )
    assert status == 200 and body["ok"], body
    assert slack_api.paths("chat.postMessage") == []  # the request sent nothing
    with context.store.read() as session:
        row = session.scalar(select(Initiative))
        assert (row.state, row.state_reason) == ("avvist", "Dekkes av regionalt prosjekt")
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.moved")) is not None

    clock = Clock(datetime.now(UTC) + timedelta(seconds=1))
    notifier = SlackNotifier(context.store, client, monotonic=lambda: clock.now.timestamp())
    sweeper = Sweeper(context.store, notifier, clock, "test-sweep")
    for _ in range(attempts):
        await asyncio.to_thread(sweeper.sweep_once)
        with context.store.read() as session:
            notice = session.scalar(select(Reminder).where(Reminder.kind == "initiative.moved"))
            status_now, due = notice.status, notice.due_at
        if status_now == "dead":
            break
        clock.now = max(clock.now, due if due.tzinfo else due.replace(tzinfo=UTC)) + timedelta(seconds=1)
    to_submitter = [p for p in slack_api.paths("chat.postMessage") if p.body["channel"] == "U0000KARI"]
    assert status_now == "dead" and len(to_submitter) == attempts  # tried per policy, then given up
    with context.store.read() as session:
        notes = session.scalars(select(Reminder.person_key).where(Reminder.kind == "dead_letter")).all()
        reasons = session.scalars(select(AuditEntry.reason).where(AuditEntry.action == "reminder.dead")).all()
    assert notes == [context.model.secretariat.contact] and len(reasons) == 1  # told it did not arrive
    assert "Dekkes" not in json.dumps(reasons)
