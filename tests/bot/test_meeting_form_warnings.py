"""Issue 14: the meeting form warns about a past date, a weekend, a public holiday or a paper deadline
gone, stores nothing, and plans once the confirm field is chosen and the form submitted again: through
the web chat API and as a Teams card shown again with the warning under the confirm input."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import AuditEntry, Meeting
from tests.bot.conftest import StandIn
from tests.bot.test_teams import from_hilde as hilde_activity
from tests.bot.test_teams import replies
from tests.bot.webchat_client import demo_settings, visitor

SECRETARY = "hilde-karlsen"
BOARD = "omradestyre-pasientbehandling"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _stored(context: HandlerContext) -> tuple[int, int]:
    with context.store.read() as session:
        meetings = session.scalar(select(func.count()).select_from(Meeting)) or 0
        audits = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "meeting.add")
        )
        return meetings, audits or 0


async def test_web_form_shows_the_warning_and_plans_on_the_second_submit(context: HandlerContext) -> None:
    context = HandlerContext(store=context.store, clock=lambda: NOW)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        chat = await visitor(client, SECRETARY)
        [form] = [b for b in (await chat.reply("planlegg møte"))["blocks"] if b["type"] == "form"]
        [confirm] = [f for f in form["fields"] if f["name"] == "confirm"]
        assert [o["value"] for o in confirm["options"]] == ["yes"] and not confirm["required"]

        async def submit(token: str, **values: str) -> dict[str, Any]:
            body = {"form_id": "meeting", "context": "", "submission_id": token, "values": values}
            return await chat.submit(**body)

        cases = (
            ("16.01.2027", "16.01.2027 er en lørdag."),
            ("25.12.2026", "25.12.2026 er en helligdag (Første juledag)."),
            ("20.11.2026", "Møtet 20.11.2026 kl. 09:00 er allerede passert."),
            ("30.11.2026", "Fristen for saksgrunnlag (20.11.2026) er allerede passert."),
        )
        for n, (day, warning) in enumerate(cases):
            warned = await submit(f"w-{n}", body=BOARD, date=day, time="09:00")
            assert not warned["ok"] and set(warned["errors"]) == {"confirm"}, warned
            assert (
                warning in warned["errors"]["confirm"]
                and "Ingenting er lagret" in warned["errors"]["confirm"]
            )
        assert _stored(context) == (0, 0)

        planned = await submit("w-ok", body=BOARD, date="16.01.2027", time="09:00", confirm="yes")
        assert planned["ok"], planned
        assert "Planlagt selv om: 16.01.2027 er en lørdag." in planned["reply"]["text"]
        plain = await submit("w-plain", body=BOARD, date="18.01.2027", time="09:00")
        assert plain["ok"] and "Planlagt selv om" not in plain["reply"]["text"]
    assert _stored(context) == (2, 2)


async def test_teams_card_comes_back_with_the_warning_and_plans_once_confirmed(
    context: HandlerContext, connector: StandIn
) -> None:
    context = HandlerContext(store=context.store, clock=lambda: NOW)
    connector.emails["29:user-hilde"] = "hilde.karlsen@example.org"

    def from_hilde(activity_id: str, text: str | None = None, **extra: Any) -> dict[str, Any]:
        return hilde_activity(connector, activity_id, text, **extra)

    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post("/api/messages", json=from_hilde("m-open", "plan a meeting"))
        [submit] = replies(connector)[0]["attachments"][0]["content"]["actions"]
        values = {"body": BOARD, "date": "2027-01-16", "time": "09:00"}
        first = from_hilde("m-1", value={**submit["data"], **values})
        assert (await client.post("/api/messages", json=first)).status == 201
        again = replies(connector)[1]
        assert "16 January 2027 is a Saturday." in again["text"] and "Nothing was stored" in again["text"]
        card = again["attachments"][0]["content"]
        ids = {element.get("id") for element in card["body"]}
        assert {"confirm", "confirm-error"} <= ids
        assert _stored(context) == (0, 0)

        [resubmit] = card["actions"]
        confirmed = from_hilde("m-2", value={**resubmit["data"], **values, "confirm": "yes"})
        assert (await client.post("/api/messages", json=confirmed)).status == 201
        assert "Planned although: 16 January 2027 is a Saturday." in replies(connector)[2]["text"]
    assert _stored(context) == (1, 1)
