"""Issue 14 item 1: the secretariat records one meeting's decisions in one go from a form, at the wire:
a signed Slack slash command opens the modal and a signed view_submission records; a Bot Framework
message activity carries the card's data; the web chat posts its form. Bad input is told under the field
in the person's language and stores nothing; a double submission records once; an outsider is refused.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting
from models.tables import AuditEntry, Decision
from tests.bot.conftest import StandIn, connector, signed_headers, slack_api, slack_settings
from tests.bot.test_teams import from_hilde as hilde_activity
from tests.bot.test_teams import replies
from tests.bot.webchat_client import demo_settings, visitor
from tests.outbox import deliver
from tests.scheduler.conftest import actor

__all__ = ["connector", "slack_api"]  # the platform stand-ins, shared with tests/bot
SECRETARY = "hilde-karlsen"  # secretariat of Pasientbehandling; U0000HILDE in the Slack stand-in
OWNER = "ragnhild-lund"
PLANNED = datetime(2026, 10, 1, 8, tzinfo=UTC)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)  # after the meeting
FORM = "application/x-www-form-urlencoded"


def _held_meeting(context: HandlerContext) -> tuple[int, list[int]]:
    """A Pasientbehandling meeting on 5 October 2026 with two cases, planned before it was held."""
    store = context.store
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        meeting = add_meeting(
            session, store.model, store.model_id, actor(SECRETARY), board,
            datetime(2026, 10, 5, 9, tzinfo=OSLO), "Teams", PLANNED,
        )  # fmt: skip
        items = [
            add_item(
                session,
                store.model,
                store.model_id,
                actor(SECRETARY),
                meeting.id,
                title=title,
                owner_key=OWNER,
                kind="decision",
                initiative_ref=None,
                now=PLANNED,
                operating_cost=MnokRange(0.5, 0.5),
            )
            for title in ("Ny kurveløsning", "Talegjenkjenning i journal")
        ]
        return meeting.id, [item.id for item in items]  # type: ignore[union-attr]


def _decisions(context: HandlerContext) -> list[tuple[int, str, str]]:
    with context.store.read() as session:
        rows = session.execute(
            select(Decision.agenda_item_id, Decision.outcome, Decision.text).order_by(Decision.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _audited(context: HandlerContext) -> int:
    with context.store.read() as session:
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "decision.record")
        return session.scalar(query) or 0


def _clocked(context: HandlerContext) -> HandlerContext:
    return HandlerContext(store=context.store, clock=lambda: NOW, notifier=context.notifier)


async def _slack(client: TestClient, payload: dict[str, Any]) -> Any:
    body = urlencode({"payload": json.dumps(payload)})
    return await client.post("/slack/events", data=body, headers=signed_headers(body, FORM))


def _view_submission(view: dict[str, Any], values: dict[str, str], view_hash: str) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name, value in values.items():
        if name.startswith("outcome_"):
            state[name] = {name: {"type": "static_select", "selected_option": {"value": value}}}
        else:
            state[name] = {name: {"type": "plain_text_input", "value": value}}
    submitted = {**view, "id": "V0000DECIDE", "hash": view_hash, "state": {"values": state}}
    return {
        "type": "view_submission",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000HILDE"},
        "view": submitted,
    }


async def test_slack_modal_records_the_meetings_decisions_in_one_go(
    context: HandlerContext, slack_api: StandIn
) -> None:
    context = _clocked(context)
    meeting_id, (first, second) = _held_meeting(context)
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        command = urlencode(
            {
                "team_id": "T0000TEST", "channel_id": "C0000GOV", "user_id": "U0000HILDE",
                "command": "/govbot", "text": f"registrer vedtak for møte {meeting_id}",
                "trigger_id": "trigger-decide", "response_url": slack_api.url + "respond/d",
            }
        )  # fmt: skip
        assert (
            await client.post("/slack/events", data=command, headers=signed_headers(command, FORM))
        ).status == 200
        [opened] = await slack_api.wait_for("views.open")
        view = opened.body["view"]
        blocks = [block["block_id"] for block in view["blocks"]]
        assert blocks == [f"outcome_{first}", f"text_{first}", f"outcome_{second}", f"text_{second}"]
        assert "Ny kurveløsning" in view["blocks"][0]["label"]["text"]
        options = [o["text"]["text"] for o in view["blocks"][0]["element"]["options"]]
        assert "vedtatt" in options and "approved" not in options  # words, not the stored keys

        half = {
            f"outcome_{first}": "approved",
            f"outcome_{second}": "noted",
            f"text_{second}": "Tatt til orientering.",
        }
        refused = await _slack(client, _view_submission(view, half, "h1"))
        assert refused.status == 200
        answer = await refused.json()
        assert answer["response_action"] == "errors"
        assert answer["errors"] == {f"text_{first}": "Skriv vedtaksteksten."}
        assert _decisions(context) == [] and _audited(context) == 0  # the second case was not stored alone

        whole = {**half, f"text_{first}": "Styret godkjenner ny kurveløsning."}
        for attempt in ("h2", "h2"):  # Slack retries the same view and hash: recorded once, one receipt
            taken = await _slack(client, _view_submission(view, whole, attempt))
            assert taken.status == 200 and not await taken.text()
        [receipt] = await slack_api.wait_for("chat.postMessage")
        assert receipt.body["channel"] == "U0000HILDE"
        assert "2 vedtak registrert" in receipt.body["text"] and "vedtatt" in receipt.body["text"]
    assert _decisions(context) == [
        (first, "approved", "Styret godkjenner ny kurveløsning."),
        (second, "noted", "Tatt til orientering."),
    ]
    assert _audited(context) == 2
    told = deliver(context)
    assert {n.person_key for n in told} == {OWNER}  # the case owner, told of both


async def test_teams_card_shows_errors_in_place_and_records(
    context: HandlerContext, connector: StandIn
) -> None:
    context = _clocked(context)
    meeting_id, (first, second) = _held_meeting(context)
    connector.emails["29:user-hilde"] = "hilde.karlsen@example.org"

    def from_hilde(activity_id: str, text: str | None = None, **extra: Any) -> dict[str, Any]:
        return hilde_activity(connector, activity_id, text, **extra)

    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post(
            "/api/messages", json=from_hilde("d-open", f"record decisions for meeting {meeting_id}")
        )
        card = replies(connector)[0]["attachments"][0]["content"]
        inputs = [element["id"] for element in card["body"] if element["type"].startswith("Input.")]
        assert inputs == [f"outcome_{first}", f"text_{first}", f"outcome_{second}", f"text_{second}"]
        [submit] = card["actions"]
        bad = from_hilde("d-1", value={**submit["data"], f"text_{first}": "The board approves."})
        assert (await client.post("/api/messages", json=bad)).status == 201
        again = replies(connector)[1]
        ids = {element.get("id") for element in again["attachments"][0]["content"]["body"]}
        assert f"outcome_{first}-error" in ids and "Choose an outcome for the case." in again["text"]
        assert _decisions(context) == []

        [resubmit] = again["attachments"][0]["content"]["actions"]
        values = {f"outcome_{first}": "approved", f"text_{first}": "The board approves."}
        good = from_hilde("d-2", value={**resubmit["data"], **values})
        assert (await client.post("/api/messages", json=good)).status == 201
        assert "1 decision(s) recorded" in replies(connector)[2]["text"]
    assert _decisions(context) == [(first, "approved", "The board approves.")]


async def test_web_chat_form_records_one_case_and_refuses_an_outsider(context: HandlerContext) -> None:
    context = _clocked(context)
    meeting_id, (first, second) = _held_meeting(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        outsider = await visitor(client, "ragnhild-lund")
        said = await outsider.say(f"registrer vedtak for møte {meeting_id}")
        assert "Pasientbehandling" in said and "Registrer vedtak" not in said

        chat = await visitor(client, SECRETARY)
        [form] = [
            b
            for b in (await chat.reply("registrer vedtak for sak 2/26 i Pasientbehandling"))["blocks"]
            if b["type"] == "form"
        ]
        assert [f["name"] for f in form["fields"]] == [f"outcome_{second}", f"text_{second}"]
        assert all(f["required"] for f in form["fields"])

        async def submit(token: str, **values: str) -> dict[str, Any]:
            return await chat.submit(
                form_id="decisions", context=form["context"], submission_id=token, values=values
            )

        nothing = await submit("w-0")
        assert not nothing["ok"] and "Ingenting er lagret" in " ".join(nothing["errors"].values())
        wrong = await submit("w-1", **{f"outcome_{second}": "kanskje", f"text_{second}": "Usikkert."})
        assert wrong["errors"] == {f"outcome_{second}": "Velg et utfall for saken."}
        done = await submit("w-2", **{f"outcome_{second}": "utsatt", f"text_{second}": "Saken utsettes."})
        assert done["ok"], done
        assert "Vedtak i sak 2/26 «Talegjenkjenning i journal»" in done["reply"]["text"]
        replayed = await submit("w-2", **{f"outcome_{second}": "utsatt", f"text_{second}": "Saken utsettes."})
        assert "ikke lagret to ganger" in replayed["reply"]["text"]
        left = await chat.reply(f"registrer vedtak for møte {meeting_id}")
        [left_form] = [b for b in left["blocks"] if b["type"] == "form"]
        assert [f["name"] for f in left_form["fields"]] == [f"outcome_{first}", f"text_{first}"]
    assert _decisions(context) == [(second, "postponed", "Saken utsettes.")]


def test_help_lists_the_minutes_and_decision_commands_and_the_terminal_is_told_the_way(
    context: HandlerContext,
) -> None:
    from handlers.dispatch import handle_message
    from handlers.messages import IncomingMessage, Sender

    def say(text: str) -> str:
        return handle_message(IncomingMessage(text, Sender("terminal", SECRETARY)), context).text

    nb, en = say("hjelp"), say("help")
    for said in ("«registrer vedtak for møtet 3»", "«lag referat fra møte 3»", "«vis referat 3»"):
        assert said in nb
    assert "mine oppfølgingspunkter" in nb
    for said in ("“record decisions for meeting 3”", "“draft minutes of meeting 3”", "“approve minutes 3”"):
        assert said in en
    hint = say("registrer vedtak for møtet 3")
    assert "vedtak sak 1/26 i Pasientbehandling: vedtatt" in hint and "govbot decisions record" in hint


async def test_after_the_meeting_the_minutes_draft_offers_the_form_as_a_slack_button(
    context: HandlerContext, slack_api: StandIn
) -> None:
    context = _clocked(context)
    meeting_id, (first, second) = _held_meeting(context)
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        command = urlencode(
            {
                "team_id": "T0000TEST", "channel_id": "C0000GOV", "user_id": "U0000HILDE",
                "command": "/govbot", "text": f"lag referat fra møte {meeting_id}",
                "trigger_id": "trigger-draft", "response_url": slack_api.url + "respond/draft",
            }
        )  # fmt: skip
        assert (
            await client.post("/slack/events", data=command, headers=signed_headers(command, FORM))
        ).status == 200
        [answer] = await slack_api.wait_for("respond/draft")
        assert "2 sak(er) fra møtet har ikke vedtak ennå" in answer.body["text"]
        [button] = [e for b in answer.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert button["text"]["text"] == "Registrer vedtak" and button["value"] == str(meeting_id)
        click = {
            "type": "block_actions", "team": {"id": "T0000TEST"}, "user": {"id": "U0000HILDE"},
            "trigger_id": "trigger-click", "channel": {"id": "C0000GOV"},
            "response_url": slack_api.url + "respond/click",
            "actions": [{"action_id": button["action_id"], "value": button["value"], "type": "button"}],
        }  # fmt: skip
        assert (await _slack(client, click)).status == 200
        [opened] = await slack_api.wait_for("views.open")
        assert opened.body["trigger_id"] == "trigger-click"
        fields = [block["block_id"] for block in opened.body["view"]["blocks"]]
        assert fields == [f"outcome_{first}", f"text_{first}", f"outcome_{second}", f"text_{second}"]
