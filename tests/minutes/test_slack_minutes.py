"""The secretariat sends minutes for comments from Slack: a signed Events API request into the real Bolt
app, the answer posted in the thread at the Web API stand-in, one outbox row per member."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.meetings.access import resolve_body
from handlers.meetings.deadlines import OSLO
from handlers.meetings.permissions import body_people
from handlers.meetings.planning import add_meeting
from handlers.minutes.keeping import draft_minutes
from models.tables import Reminder
from tests.bot.conftest import BOT_USER_ID, StandIn, signed_headers, slack_api, slack_client
from tests.bot.test_slack_events import event_body
from tests.scheduler.conftest import actor

__all__ = ["slack_api", "slack_client"]  # the Slack stand-in fixtures, shared with tests/bot
SECRETARY = "hilde-karlsen"  # U0000HILDE in the stand-in's directory
PLANNED = datetime(2026, 10, 1, 8, tzinfo=UTC)


async def test_the_secretariat_sends_minutes_for_comments_from_slack(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    store = context.store
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        meeting = add_meeting(
            session, store.model, store.model_id, actor(SECRETARY), board,
            datetime(2026, 10, 5, 9, tzinfo=OSLO), "Teams", PLANNED,
        )  # fmt: skip
        draft_minutes(session, store.model, store.model_id, actor(SECRETARY), meeting.id, context.clock())
        members = set(body_people(session, board.id)) - {SECRETARY}
        meeting_id = meeting.id
    for attempt, event_id in enumerate(("EvMIN0000001", "EvMIN0000002"), start=1):
        text = f"<@{BOT_USER_ID}> send referat {meeting_id} til kommentar innen 15.01.2099"
        body = event_body(text, event_id=event_id, user="U0000HILDE")
        response = await slack_client.post(
            "/slack/events", data=body, headers=signed_headers(body, "application/json")
        )
        assert response.status == 200
        posted = (await slack_api.wait_for("chat.postMessage", attempt))[-1]
        expected = "med frist 15. januar 2099" if attempt == 1 else "Ingen får beskjed to ganger"
        assert expected in posted.body["text"]
    with store.read() as session:
        told = session.scalars(select(Reminder.person_key).where(Reminder.kind == "minutes.comments")).all()
    assert sorted(told) == sorted(members)  # each member once, the second send added nobody
