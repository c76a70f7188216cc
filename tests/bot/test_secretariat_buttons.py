"""The secretariat's buttons on a new-initiative notice, clicked in Slack, Teams and the web chat.

Nothing in a button value, modal metadata or card data is trusted: every click and every submission is
re-checked against the board roster and the stored initiative. An authorised click changes the state,
writes an audit row and tells the submitter; an unauthorised one is refused politely and changes
nothing; a forged reference is refused. Each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from bot.slack.blocks import message_blocks
from handlers.context import HandlerContext
from handlers.forms import FormSubmission, handle_form
from handlers.messages import Sender
from handlers.notify import Notification
from models.tables import AuditEntry, Initiative
from tests.bot.conftest import StandIn, signed_headers
from tests.bot.initiative_input import GOOD
from tests.bot.test_teams import activity, replies
from tests.bot.webchat_client import demo_settings, visitor
from tests.outbox import deliver

SECRETARIAT = "hilde-karlsen"
SUBMITTER = Sender("slack", "U0000KARI", "Kari", "kari@example.no")


def submit_with_notice(context: HandlerContext) -> tuple[str, Notification]:
    """A real intake (the secretariat's notice is recorded); the reference and that notice."""
    result = handle_form(FormSubmission("initiative", dict(GOOD), SUBMITTER, "nb", "slack:V1:h1"), context)
    assert result.ok, result.errors
    [notice] = [n for n in deliver(context) if n.person_key == SECRETARIAT]
    context.notifier.sent.clear()  # type: ignore[attr-defined]
    with context.store.read() as session:
        return session.scalar(select(Initiative.reference)), notice


def submit(context: HandlerContext) -> str:
    return submit_with_notice(context)[0]


def state(context: HandlerContext) -> tuple[str, str | None, int]:
    with context.store.read() as session:
        row = session.scalar(select(Initiative))
        audits = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action != "initiative.submitted", AuditEntry.entity_type.like("initiative%"))
        )
        return row.state, row.state_reason, audits or 0


def sent_to_submitter(context: HandlerContext) -> list[str]:
    deliver(context)
    return [n.reply.text for n in context.notifier.sent if n.person_key == "slack:U0000KARI"]  # type: ignore[attr-defined]


async def click(client: TestClient, slack_api: StandIn, user: str, action_id: str, value: str) -> Any:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0000TEST"},
        "user": {"id": user},
        "trigger_id": f"trigger-{user}",
        "channel": {"id": "D0000DM"},
        "response_url": slack_api.url + f"respond/{user}",
        "actions": [{"type": "button", "action_id": action_id, "value": value, "action_ts": "1.1"}],
    }
    body = urlencode({"payload": json.dumps(payload)})
    response = await client.post(
        "/slack/events", data=body, headers=signed_headers(body, "application/x-www-form-urlencoded")
    )
    assert response.status == 200


async def test_notice_carries_buttons_and_assess_moves_with_audit(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    reference, notice = await asyncio.to_thread(submit_with_notice, context)
    buttons = [e for b in message_blocks(notice.reply) if b["type"] == "actions" for e in b["elements"]]
    labels = [b["text"]["text"] for b in buttons]
    assert labels == ["Vurder", "Flytt til annet område", "Avvis", "Be om mer informasjon"]
    assert {b["value"] for b in buttons} == {reference}

    await click(slack_client, slack_api, "U0000HILDE", buttons[0]["action_id"], buttons[0]["value"])
    [answer] = await slack_api.wait_for("respond/U0000HILDE")
    assert "under vurdering" in answer.body["text"]
    assert state(context) == ("under_vurdering", None, 1)
    assert any(reference in text and "under vurdering" in text for text in sent_to_submitter(context))


async def test_unauthorised_and_forged_clicks_change_nothing(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    reference = await asyncio.to_thread(submit, context)
    await click(slack_client, slack_api, "U0000KARI", "govbot_button:initiative.assess:0", reference)
    [refused] = await slack_api.wait_for("respond/U0000KARI")
    assert refused.body["text"].startswith("Beklager")
    await click(slack_client, slack_api, "U0000KARI", "govbot_button:initiative.reject:2", reference)
    await slack_api.wait_for("respond/U0000KARI", count=2)
    assert slack_api.paths("views.open") == []  # no form for someone who may not use it
    await click(slack_client, slack_api, "U0000HILDE", "govbot_button:initiative.assess:0", "INI-2099-9999")
    [forged] = await slack_api.wait_for("respond/U0000HILDE")
    assert "INI-2099-9999" in forged.body["text"]
    assert state(context) == ("innmeldt", None, 0) and sent_to_submitter(context) == []


async def test_reject_opens_a_reason_modal_rechecked_on_submission(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    reference = await asyncio.to_thread(submit, context)
    await click(slack_client, slack_api, "U0000HILDE", "govbot_button:initiative.reject:2", reference)
    [opened] = await slack_api.wait_for("views.open")
    view = opened.body["view"]
    assert json.loads(view["private_metadata"]) == {"form_id": "initiative-reject", "context": reference}

    def submission(user: str, reason: str, view_hash: str) -> dict[str, Any]:
        values = {"reason": {"reason": {"type": "plain_text_input", "value": reason}}} if reason else {}
        submitted = {**view, "id": "V0000REJ", "hash": view_hash, "state": {"values": values}}
        return {
            "type": "view_submission",
            "team": {"id": "T0000TEST"},
            "user": {"id": user},
            "view": submitted,
        }

    async def post(payload: dict[str, Any]) -> Any:
        body = urlencode({"payload": json.dumps(payload)})
        return await slack_client.post(
            "/slack/events", data=body, headers=signed_headers(body, "application/x-www-form-urlencoded")
        )

    empty = await post(submission("U0000HILDE", "", "h0"))
    assert (await empty.json())["response_action"] == "errors"
    # the same metadata replayed by someone else: refused, although the modal "belongs" to the secretariat
    assert (await post(submission("U0000KARI", "Ikke prioritert", "h1"))).status == 200
    [refusal] = await slack_api.wait_for("chat.postMessage")
    assert refusal.body["channel"] == "U0000KARI" and refusal.body["text"].startswith("Beklager")
    assert state(context) == ("innmeldt", None, 0)

    assert (await post(submission("U0000HILDE", "Dekkes av regionalt prosjekt", "h2"))).status == 200
    await slack_api.wait_for("chat.postMessage", count=2)
    assert state(context) == ("avvist", "Dekkes av regionalt prosjekt", 1)
    assert any("Dekkes av regionalt prosjekt" in text for text in sent_to_submitter(context))


async def test_teams_card_actions_ask_the_submitter(context: HandlerContext, connector: StandIn) -> None:
    reference = await asyncio.to_thread(submit, context)
    connector.emails["29:user-hilde"] = "hilde.karlsen@example.org"

    def from_hilde(activity_id: str, value: dict[str, Any]) -> dict[str, Any]:
        body = activity(connector, None, activity_id=activity_id, value=value, locale="nb-NO")
        body["from"] = {"id": "29:user-hilde", "name": "Hilde", "aadObjectId": "aad-hilde"}
        return body

    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post(
            "/api/messages", json=from_hilde("t-ask", {"govbot_action": "initiative.ask", "value": reference})
        )
        card = replies(connector)[0]["attachments"][0]["content"]
        [submit_action] = card["actions"]
        assert submit_action["data"]["form_id"] == "initiative-ask"
        question = "Hvor mange poliklinikker gjelder det?"
        await client.post(
            "/api/messages", json=from_hilde("t-q", {**submit_action["data"], "question": question})
        )
        assert "Spørsmålet er sendt" in replies(connector)[1]["text"]
    assert any(question in text for text in sent_to_submitter(context))
    with context.store.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.info_requested"))
        assert entry.entity_ref == reference and entry.reason == question


async def test_web_chat_reassign_moves_the_domain(context: HandlerContext) -> None:
    reference = await asyncio.to_thread(submit, context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        secretariat = await visitor(client, SECRETARIAT)
        clicked = await secretariat.reply(reference, action="initiative.reassign", value=reference)
        [form] = [b for b in clicked["blocks"] if b["type"] == "form"]
        with context.store.read() as session:
            before = session.scalar(select(Initiative.domain_id))
        target = form["fields"][0]["options"][0]["value"]
        outsider = await visitor(client, "knut-johnsen")
        fields = {"form_id": form["form_id"], "context": form["context"], "values": {"domain": target}}
        forged = await outsider.submit(**fields, user=SECRETARIAT)
        assert forged["reply"]["text"].startswith("Beklager")
        done = await secretariat.submit(**fields)
        assert "er flyttet" in done["reply"]["text"]
    with context.store.read() as session:
        assert session.scalar(select(Initiative.domain_id)) != before
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "initiative.reassigned"))
        assert entry.after == {"domain": target}
    assert any(reference in text for text in sent_to_submitter(context))
