"""A refused Teams card submission comes back as the same card: entries kept, each error under its input.

Driven at the wire: Bot Framework activities to /api/messages, the reply read at the Bot Connector
stand-in; nothing is stored until the corrected card is submitted.
"""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from models.tables import Initiative
from tests.bot.conftest import StandIn
from tests.bot.initiative_input import BAD, GOOD, REFERENCE
from tests.bot.test_teams import activity, replies


def stored(ctx: HandlerContext) -> int:
    with ctx.store.read() as session:
        return session.scalar(select(func.count()).select_from(Initiative)) or 0


def by_id(card: dict[str, Any]) -> dict[str, tuple[int, dict[str, Any]]]:
    return {element["id"]: (n, element) for n, element in enumerate(card["body"]) if "id" in element}


def text_of(element: dict[str, Any]) -> str:
    return "".join(run["text"] for run in element["inlines"])


async def test_bad_card_submission_returns_the_card_with_errors_by_the_fields(
    context: HandlerContext, connector: StandIn
) -> None:
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post("/api/messages", json=activity(connector, "nytt initiativ", activity_id="err-1"))
        [submit] = replies(connector)[0]["attachments"][0]["content"]["actions"]
        bad = activity(connector, None, activity_id="err-bad", value={**submit["data"], **BAD})
        assert (await client.post("/api/messages", json=bad)).status == 201
        assert stored(context) == 0

        reply = replies(connector)[1]
        card = reply["attachments"][0]["content"]
        elements = by_id(card)
        for field, entered in (("title", "x"), ("need", "for kort")):
            place, field_input = elements[field]
            assert field_input["value"] == entered
            error_place, error = elements[f"{field}-error"]
            assert error_place == place + 1 and error["type"] == "RichTextBlock"
            assert error["inlines"][0]["color"] == "Attention" and text_of(error).strip()
            assert text_of(error) in reply["text"]  # the notification text names it too
        for field in ("change", "benefit", "contact"):
            assert elements[field][1]["value"] == GOOD[field] and f"{field}-error" not in elements
        assert elements["trusts"][1]["value"] == "ahus"
        assert "Title *: Too short" in reply["text"] and reply["text"].startswith("Some fields need fixing")

        [again] = card["actions"]
        assert again["data"]["form_id"] == "initiative"
        fixed = activity(connector, None, activity_id="err-good", value={**again["data"], **GOOD})
        assert (await client.post("/api/messages", json=fixed)).status == 201
        assert REFERENCE.search(replies(connector)[2]["text"]) is not None
    assert stored(context) == 1
