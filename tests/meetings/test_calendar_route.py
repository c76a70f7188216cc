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


async def test_the_feed_carries_end_times_the_agenda_and_the_deadline(planned) -> None:
    """Issue 14 item 5: the subscribed feed shows the numbered agenda and the paper deadline, ends on time."""
    from tests.bot.webchat_client import demo_settings, visitor
    from tests.meetings.conftest import SECRETARY

    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        chat = await visitor(client, SECRETARY)
        assert "trukket" in await chat.say("trekk sak 1-2026: Utsatt")
        response = await client.get("/calendar/omradestyre-pasientbehandling.ics")
        assert response.status == 200
        events = {str(e["UID"]): e for e in Calendar.from_ical(await response.read()).walk("VEVENT")}
        december = next(e for uid, e in events.items() if uid.startswith(f"meeting-{planned.december}@"))
        april = next(e for uid, e in events.items() if uid.startswith(f"meeting-{planned.april}@"))
        assert (december.decoded("DTEND") - december.decoded("DTSTART")).total_seconds() == 7200
        assert str(december["DESCRIPTION"]) == (
            "Saksliste:\nSakslisten har ingen saker ennå.\n\nFrist for saksgrunnlag: 04.12.2026"
        )  # the withdrawn case is not on it
        assert str(april["DESCRIPTION"]).startswith("Saksliste:\n1. Sak 1-2027 Godkjenning av referat")
        english = await client.get("/calendar/omradestyre-pasientbehandling.ics?lang=en")
        feed = Calendar.from_ical(await english.read())
        summaries = {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
        assert "Papers due: meeting of Domain board Patient treatment on 14 December 2026" in summaries
