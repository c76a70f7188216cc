"""Planning a meeting from the form, through the real web chat API: the secretariat plans one meeting
with its computed deadlines; others are refused on the body field; bad dates are explained; a double
submit plans once."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from handlers.context import HandlerContext
from models.repositories.governance import roster
from models.tables import AuditEntry, Meeting
from tests.bot.webchat_client import demo_settings, visitor


def person_with(context: HandlerContext, body_key: str, role: str) -> str:
    with context.store.read() as session:
        return next(e.person_key for e in roster(session, context.store.model_id, body_key) if e.role == role)


def counts(context: HandlerContext) -> tuple[int, int]:
    with context.store.read() as session:
        meetings = session.scalar(select(func.count()).select_from(Meeting))
        audits = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "meeting.add")
        )
        return meetings or 0, audits or 0


NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_secretariat_plans_a_meeting_from_the_form_once(context: HandlerContext) -> None:
    context = HandlerContext(store=context.store, clock=lambda: NOW)
    board = context.model.domain("pasientbehandling").board
    secretary = person_with(context, board, "secretariat")
    outsider = person_with(context, board, "trust_representative")
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        chats = {secretary: await visitor(client, secretary), outsider: await visitor(client, outsider)}
        reply = await chats[secretary].reply("planlegg møte")
        [form] = [b for b in reply["blocks"] if b["type"] == "form"]
        assert form["form_id"] == "meeting"
        assert {f["name"] for f in form["fields"]} == {"body", "date", "time", "ends", "place", "confirm"}

        async def submit(user: str, token: str, **values: str) -> dict:
            body = {
                "form_id": "meeting",
                "context": "",
                "submission_id": token,
                "values": values,
            }
            return await chats[user].submit(**body)

        bad = await submit(secretary, "t-bad", body=board, date="31.02.2027", time="25:00")
        assert set(bad["errors"]) == {"date", "time"} and counts(context) == (0, 0)
        early = await submit(secretary, "t-early", body=board, date="14.12.2026", time="09:00", ends="08:30")
        assert "etter starten" in early["errors"]["ends"] and counts(context) == (0, 0)
        past = await submit(secretary, "t-past", body=board, date="2026-11-20", time="09:00")
        assert "allerede passert" in past["errors"]["confirm"] and counts(context) == (0, 0)
        refused = await submit(outsider, "t-out", body=board, date="14.12.2026", time="09:00")
        assert "bare sekretariatet" in refused["errors"]["body"] and counts(context) == (0, 0)

        good = await submit(
            secretary, "t-ok", body=board, date="14.12.2026", time="09:00", ends="12:30", place="Teams"
        )
        assert good["ok"], good
        assert re.search(r"Slutt: +12:30", good["reply"]["text"])
        assert "14.12.2026 kl. 09:00" in good["reply"]["text"]
        assert "04.12.2026" in good["reply"]["text"]  # papers due: 10 days back, a working day
        again = await submit(secretary, "t-ok", body=board, date="14.12.2026", time="09:00", place="Teams")
        assert again["ok"] and "allerede sendt inn" in again["reply"]["text"]
        assert counts(context) == (1, 1)


async def test_the_terminal_is_pointed_to_the_cli(context: HandlerContext) -> None:
    from handlers.dispatch import handle_message
    from handlers.messages import IncomingMessage, Sender

    reply = handle_message(
        IncomingMessage("plan a meeting", Sender("terminal", "x"), channel="terminal"), context
    )
    assert "govbot meetings add" in reply.text
