"""`GET /calendar/{body}.ics` served by the real aiohttp app."""

from __future__ import annotations

from datetime import datetime

from aiohttp.test_utils import TestClient, TestServer
from icalendar import Calendar

from bot.server import create_app
from handlers.meetings.access import resolve_body
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting
from tests.scheduler.conftest import NOW, actor


async def test_calendar_feed_lists_meetings_and_deadlines(context) -> None:
    store = context.store
    with store.session() as session:
        body = resolve_body(session, store.model_id, "porteføljestyret")
        add_meeting(
            session,
            store.model,
            store.model_id,
            actor("ingrid-johansen"),
            body,
            datetime(2027, 3, 1, 10, tzinfo=OSLO),
            "Oslo",
            NOW,
        )
    async with TestClient(TestServer(create_app(context))) as client:
        response = await client.get("/calendar/portefoljestyret.ics")
        assert response.status == 200 and response.content_type == "text/calendar"
        calendar = Calendar.from_ical(await response.read())
        summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
        assert len(summaries) == 3
        assert any(s.startswith("Frist saksgrunnlag") for s in summaries)
        assert any(s.startswith("Frist arbeidsutvalget") for s in summaries)
        missing = await client.get("/calendar/ukjent-styre.ics")
        assert missing.status == 404
