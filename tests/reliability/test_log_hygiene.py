"""Reliability 12: at INFO, the logs of every entry point hold no secret and nothing a person wrote.

One served app configured with every credential (Slack bot token, signing secret, Teams app password)
takes a Slack mention, a modal submission carrying a national identity number, and a Teams message with
a real JWT; a reminder sweep sends DMs through the real SlackNotifier; and `govbot initiatives submit`
runs as a subprocess with the Slack tokens in its environment. Every log record at INFO and up, and the
subprocess's stderr, is then searched for the secrets, the identity number and marker words that were
only ever in message bodies.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk import WebClient
from sqlalchemy import func, select

from bot.channels.identities import remember_identity
from bot.server import create_app
from bot.settings import Settings
from bot.slack.notifier import SlackNotifier
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.planning import add_meeting
from handlers.messages import Sender
from models.tables import Reminder
from scheduler.sweep import Sweeper
from tests.bot.conftest import SIGNING_SECRET, StandIn, signed_headers
from tests.bot.initiative_input import GOOD
from tests.bot.teams_auth import APP_ID, StubCredentialsFactory, TokenAuthority
from tests.bot.test_slack_events import event_body
from tests.bot.test_teams import activity, replies
from tests.conftest import clean_env
from tests.initiatives.test_identity_numbers import generate
from tests.reliability.conftest import intake_view, post_payload, view_submission

BOT_TOKEN = "xoxb-logchk1"
APP_TOKEN = "xapp-1-logck"
APP_PASSWORD = "teams-app-password-Lq7"
SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, APP_PASSWORD, "xoxb-", "xapp-", "Bearer eyJ")
MARKERS = ("MENTIONBODY-1", "MODALBODY-2", "TEAMSBODY-3", "CLIBODY-4", "AGENDATITLE-5")


def _leaks(text: str, number: str) -> list[str]:
    return [s for s in (*SECRETS, *MARKERS, number) if s in text]


async def _cli_submit(database_url: str, slack_api: StandIn, tmp_path: Path, need: str) -> tuple[int, str]:
    """The real `govbot` in a subprocess; asyncio's, so the Web API stand-in keeps answering meanwhile."""
    env = clean_env(tmp_path) | {
        "GOVBOT_DATABASE_URL": database_url,
        "GOVBOT_LOG_LEVEL": "INFO",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url + "api/",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "initiatives", "submit", "--file", "-",
        "--as", "hilde-karlsen", env=env, cwd=tmp_path, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    values = {**GOOD, "title": "Innsjekk fra terminalen", "need": need}
    _, stderr = await asyncio.wait_for(process.communicate(json.dumps(values).encode()), timeout=60)
    return process.returncode or 0, stderr.decode()


def _sweep(context: HandlerContext, slack_api: StandIn) -> int:
    """A meeting with an agenda item whose papers are missing; a sweep when the first reminder is due."""
    oslo = ZoneInfo("Europe/Oslo")
    starts = datetime.combine(context.clock().astimezone(oslo).date() + timedelta(days=40), time(10), oslo)
    model, model_id, now = context.model, context.store.model_id, context.clock()
    with context.store.session() as session:
        actor = resolve_actor(session, model_id, Sender("cli", "hilde-karlsen"))
        body = resolve_body(session, model_id, "omradestyre-pasientbehandling")
        meeting = add_meeting(session, model, model_id, actor, body, starts, None, now)
        add_item(
            session, model, model_id, actor, meeting.id, title=f"Sak {MARKERS[4]}", owner_key="ida-lie",
            kind="decision", initiative_ref=None, operating_cost=MnokRange(0.5, 0.5), now=now,
        )  # fmt: skip
    with context.store.read() as session:
        first = session.scalar(select(func.min(Reminder.due_at)))
    assert first is not None, "the agenda item planned reminders"
    due = first.replace(tzinfo=first.tzinfo or UTC) + timedelta(minutes=1)
    client = WebClient(token=BOT_TOKEN, base_url=slack_api.url + "api/")
    notifier = SlackNotifier(context.store, client)
    return Sweeper(context.store, notifier, lambda: due, "log-check").run_until_idle().sent


async def test_slack_teams_sweep_and_cli_at_info_log_0_secrets_0_identity_numbers_0_message_bodies(
    context: HandlerContext,
    database_url: str,
    slack_api: StandIn,
    connector: StandIn,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    caplog.set_level(logging.INFO)
    number = generate(random.Random(12))
    for i, person in enumerate(p for p in context.model.people if p.email):
        await asyncio.to_thread(
            remember_identity, context.store, Sender("slack", f"U{i:08d}", None, person.email)
        )
    settings = Settings(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack_api.url + "api/",
        MICROSOFT_APP_ID=APP_ID,
        MICROSOFT_APP_PASSWORD=APP_PASSWORD,
        GOVBOT_TEAMS_SERVICE_HOSTS="127.0.0.1",  # the loopback Connector stand-in
        answer_workers=0,  # caplog sees this process's records; workers log through the same code
    )
    app = create_app(context, settings, teams_credentials=StubCredentialsFactory())
    with TokenAuthority().serving() as authority:
        async with TestClient(TestServer(app)) as client:
            mention = event_body(f"<@UBOT000001> hvem eier DIPS? {MARKERS[0]}", event_id="EvLOGS1")
            await client.post(
                "/slack/events", data=mention, headers=signed_headers(mention, "application/json")
            )
            await slack_api.wait_for("chat.postMessage")
            values = {**GOOD, "need": f"{GOOD['need']} {number} {MARKERS[1]}"}
            refused = await post_payload(
                client, view_submission(intake_view(context), values, view_id="VLOG")
            )
            assert (await refused.json())["response_action"] == "errors"
            teams = activity(connector, f"hvem eier DIPS? {MARKERS[2]}", activity_id="log-1")
            sent = await client.post("/api/messages", json=teams, headers=authority.header(connector.url))
            assert sent.status == 201 and replies(connector)
    sent = await asyncio.to_thread(_sweep, context, slack_api)
    assert sent > 0, "the sweep sent reminders"
    code, stderr = await _cli_submit(database_url, slack_api, tmp_path, f"{GOOD['need']} {MARKERS[3]}")
    assert code == 0, stderr

    assert " INFO " in stderr, "the CLI logged at INFO, so its stderr was worth searching"
    logged = "\n".join(f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.INFO)
    assert "POST /slack/events" in logged and "POST /api/messages" in logged, "the flows were logged at INFO"
    assert _leaks(logged, number) == [], [
        r.getMessage() for r in caplog.records if _leaks(r.getMessage(), number)
    ]
    assert _leaks(stderr, number) == [], stderr
