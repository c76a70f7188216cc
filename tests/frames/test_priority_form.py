"""Issue 16 §2: the secretariat reorders a domain's priority list from a form after the board's decision,
at the wire: a signed Slack slash command opens the modal and a signed view_submission saves; a Bot
Framework activity carries the card's Action.Submit data; the web chat posts its form, reached from the
button under the list. The numbers must be 1 to N, each once; bad input is told under its field in the
person's language and stores nothing; a double submission reorders once; an outsider is refused.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.frames.demo import seed_demo
from handlers.messages import IncomingMessage, Sender
from models.tables import AuditEntry, Domain, Initiative, PriorityEntry
from tests.bot.conftest import StandIn, connector, signed_headers, slack_api, slack_settings
from tests.bot.test_teams import from_hilde as hilde_activity
from tests.bot.test_teams import replies
from tests.bot.webchat_client import demo_settings, visitor

__all__ = ["connector", "slack_api"]  # the platform stand-ins, shared with tests/bot
SECRETARY = "hilde-karlsen"  # secretariat of Pasientbehandling; U0000HILDE in the Slack stand-in
OUTSIDER = "knut-johnsen"
NOW = datetime(2026, 6, 1, 8, tzinfo=UTC)
FORM = "application/x-www-form-urlencoded"
DEMO_ORDER = ["INI-2026-0004", "INI-2026-0005", "INI-2026-0006", "INI-2026-0007"]


def _demo(context: HandlerContext) -> HandlerContext:
    clocked = HandlerContext(store=context.store, clock=lambda: NOW, notifier=context.notifier)
    seed_demo(clocked)
    return clocked


def _order(context: HandlerContext, domain: str = "pasientbehandling") -> list[str]:
    with context.store.read() as session:
        return list(
            session.scalars(
                select(Initiative.reference)
                .join(PriorityEntry, PriorityEntry.initiative_id == Initiative.id)
                .join(Domain, PriorityEntry.domain_id == Domain.id)
                .where(Domain.key == domain)
                .order_by(PriorityEntry.position)
            )
        )


def _audit(context: HandlerContext) -> list[tuple[str, str, Any, Any, str | None]]:
    with context.store.read() as session:
        rows = session.execute(
            select(
                AuditEntry.action,
                AuditEntry.entity_ref,
                AuditEntry.before,
                AuditEntry.after,
                AuditEntry.reason,
            )
            .where(AuditEntry.entity_type == "priority_list")
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def _slack(client: TestClient, payload: dict[str, Any]) -> Any:
    body = urlencode({"payload": json.dumps(payload)})
    return await client.post("/slack/events", data=body, headers=signed_headers(body, FORM))


def _view_submission(view: dict[str, Any], values: dict[str, str], view_hash: str) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name, value in values.items():
        kind = "plain_text_input" if name == "decision" else "number_input"
        state[name] = {name: {"type": kind, "value": value}}
    submitted = {**view, "id": "V0000ORDER", "hash": view_hash, "state": {"values": state}}
    return {
        "type": "view_submission",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000HILDE"},
        "view": submitted,
    }


def hilde_slash_command(slack_api: StandIn, text: str, trigger_id: str, respond_path: str) -> str:
    """The form-encoded body of Hilde's `/govbot` command in the governance channel, as Slack posts it."""
    return urlencode(
        {
            "team_id": "T0000TEST", "channel_id": "C0000GOV", "user_id": "U0000HILDE",
            "command": "/govbot", "text": text,
            "trigger_id": trigger_id, "response_url": slack_api.url + respond_path,
        }
    )  # fmt: skip


async def test_slack_modal_reorders_the_list_in_one_go(context: HandlerContext, slack_api: StandIn) -> None:
    context = _demo(context)
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        command = hilde_slash_command(
            slack_api, "endre prioriteringsrekkefølgen for Pasientbehandling", "trigger-order", "respond/o"
        )
        opened_at = await client.post("/slack/events", data=command, headers=signed_headers(command, FORM))
        assert opened_at.status == 200
        [opened] = await slack_api.wait_for("views.open")
        view = opened.body["view"]
        inputs = [block["block_id"] for block in view["blocks"]]
        assert inputs[:4] == [f"rank_{ref}" for ref in DEMO_ORDER]  # the list in its order, then the rest
        assert inputs[-1] == "decision" and "rank_INI-2026-0003" in inputs
        first = view["blocks"][0]
        assert first["element"]["type"] == "number_input" and first["element"]["initial_value"] == "1"
        assert "(nå nr. 1)" in first["label"]["text"] and not first["optional"]
        assert view["blocks"][inputs.index("rank_INI-2026-0003")]["optional"]

        twice = {"rank_INI-2026-0004": "2", "rank_INI-2026-0005": "2", "rank_INI-2026-0006": "1",
                 "rank_INI-2026-0007": "4", "decision": "Sak 12/26 i Pasientbehandling"}  # fmt: skip
        refused = await _slack(client, _view_submission(view, twice, "h1"))
        answer = await refused.json()
        assert answer["response_action"] == "errors"
        assert answer["errors"] == {
            "rank_INI-2026-0005": "Nr. 2 er allerede gitt til INI-2026-0004; hvert nummer brukes én gang."
        }
        assert _order(context) == DEMO_ORDER and _audit(context) == []

        whole = {**twice, "rank_INI-2026-0005": "3.0", "rank_INI-2026-0003": "5"}  # Slack's decimal input
        for attempt in ("h2", "h2"):  # Slack retries the same view and hash: saved once, one receipt
            taken = await _slack(client, _view_submission(view, whole, attempt))
            assert taken.status == 200 and not await taken.text()
        [receipt] = await slack_api.wait_for("chat.postMessage")
        assert receipt.body["channel"] == "U0000HILDE"
        assert (
            "Ny prioriteringsliste for Pasientbehandling (vedtak: Sak 12/26 i Pasientbehandling)"
            in (receipt.body["text"])
        )
    assert _order(context) == [
        "INI-2026-0006",
        "INI-2026-0004",
        "INI-2026-0005",
        "INI-2026-0007",
        "INI-2026-0003",
    ]
    audited = _audit(context)
    moves = {ref: (before, after) for action, ref, before, after, _ in audited if action == "priority.move"}
    assert moves == {
        "pasientbehandling/INI-2026-0004": (
            {"position": 1},
            {"position": 2, "decision": "Sak 12/26 i Pasientbehandling"},
        ),
        "pasientbehandling/INI-2026-0005": (
            {"position": 2},
            {"position": 3, "decision": "Sak 12/26 i Pasientbehandling"},
        ),
        "pasientbehandling/INI-2026-0006": (
            {"position": 3},
            {"position": 1, "decision": "Sak 12/26 i Pasientbehandling"},
        ),
        "pasientbehandling/INI-2026-0003": (
            None,
            {"position": 5, "decision": "Sak 12/26 i Pasientbehandling"},
        ),
    }  # fmt: skip  (0007 kept its place: no row)
    [whole_list] = [row for row in audited if row[0] == "priority.reorder"]
    assert whole_list[1] == "pasientbehandling" and whole_list[2] == {"order": DEMO_ORDER}
    assert whole_list[3]["order"][0] == "INI-2026-0006" and whole_list[4] == "Sak 12/26 i Pasientbehandling"


async def test_teams_card_shows_errors_in_place_and_saves(
    context: HandlerContext, connector: StandIn
) -> None:
    context = _demo(context)
    connector.emails["29:user-hilde"] = "hilde.karlsen@example.org"

    def from_hilde(activity_id: str, text: str | None = None, **extra: Any) -> dict[str, Any]:
        return hilde_activity(connector, activity_id, text, **extra)

    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post(
            "/api/messages", json=from_hilde("o-open", "reorder the priority list for Patient treatment")
        )
        card = replies(connector)[0]["attachments"][0]["content"]
        inputs = {element["id"]: element for element in card["body"] if element["type"].startswith("Input.")}
        assert (
            inputs["rank_INI-2026-0004"]["type"] == "Input.Number"
            and inputs["rank_INI-2026-0004"]["value"] == "1"
        )
        assert inputs["rank_INI-2026-0004"]["label"].endswith("(now no. 1)")
        [submit] = card["actions"]
        gap = {"rank_INI-2026-0004": "1", "rank_INI-2026-0005": "2", "rank_INI-2026-0006": "3",
               "rank_INI-2026-0007": "7", "decision": "Case 12/26"}  # fmt: skip
        bad = from_hilde("o-1", value={**submit["data"], **gap})
        assert (await client.post("/api/messages", json=bad)).status == 201
        again = replies(connector)[1]
        body = again["attachments"][0]["content"]["body"]
        assert "rank_INI-2026-0007-error" in {element.get("id") for element in body}
        assert "Use a number from 1 to 4." in again["text"]
        assert _order(context) == DEMO_ORDER

        [resubmit] = again["attachments"][0]["content"]["actions"]
        good = from_hilde("o-2", value={**resubmit["data"], **gap, "rank_INI-2026-0007": "1",
                                        "rank_INI-2026-0004": "4"})  # fmt: skip
        assert (await client.post("/api/messages", json=good)).status == 201
        receipt = replies(connector)[2]["text"]
        assert "New priority list of Patient treatment (decision: Case 12/26)" in receipt
        assert "2 initiative(s) got a new place." in receipt
    assert _order(context) == ["INI-2026-0007", "INI-2026-0005", "INI-2026-0006", "INI-2026-0004"]
    assert [row[0] for row in _audit(context)] == ["priority.move", "priority.move", "priority.reorder"]


async def test_web_chat_button_under_the_list_opens_the_form_and_an_outsider_is_refused(
    context: HandlerContext,
) -> None:
    context = _demo(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        outsider = await visitor(client, OUTSIDER)
        listed = await outsider.reply("prioriteringslisten for Pasientbehandling")
        assert not [b for b in listed["blocks"] if b["type"] == "actions"]  # no button for those who may not
        said = await outsider.say("endre prioriteringsrekkefølgen for Pasientbehandling")
        assert "kan ikke endre prioriteringslisten" in said

        chat = await visitor(client, SECRETARY)
        listed = await chat.reply("prioriteringslisten for Pasientbehandling")
        [button] = [b for block in listed["blocks"] if block["type"] == "actions" for b in block["buttons"]]
        assert button["label"] == "Endre rekkefølgen"
        opened = await chat.reply(button["label"], action=button["action"], value=button["value"])
        [form] = [b for b in opened["blocks"] if b["type"] == "form"]
        assert [f["name"] for f in form["fields"]][:4] == [f"rank_{ref}" for ref in DEMO_ORDER]

        async def submit(token: str, as_chat: Any = chat, **values: str) -> dict[str, Any]:
            return await as_chat.submit(form_id="priorities", context=form["context"], submission_id=token,
                                        values=values)  # fmt: skip

        swapped = {"rank_INI-2026-0004": "2", "rank_INI-2026-0005": "1", "rank_INI-2026-0006": "3",
                   "rank_INI-2026-0007": "4"}  # fmt: skip
        undecided = await submit("w-0", **swapped)
        assert undecided["errors"] == {"decision": "Oppgi vedtaket den nye rekkefølgen følger (for eksempel "
                                       "«sak 12/26 i Pasientbehandling»)."}  # fmt: skip
        emptied = await submit("w-1", **{**swapped, "rank_INI-2026-0007": ""}, decision="Sak 12/26")
        assert emptied["errors"] == {"rank_INI-2026-0007": "Initiativet står på listen og trenger en plass."}
        wrong = await submit("w-2", **{**swapped, "rank_INI-2026-0007": "fire"}, decision="Sak 12/26")
        assert wrong["errors"] == {"rank_INI-2026-0007": "Skriv plassen som et helt tall, for eksempel 2."}
        intruder = await submit("w-3", as_chat=outsider, **swapped, decision="Sak 12/26")
        assert "kan ikke endre prioriteringslisten" in intruder["errors"]["_form"]
        assert _order(context) == DEMO_ORDER and _audit(context) == []

        done = await submit("w-4", **swapped, decision="Sak 12/26")
        assert done["ok"], done
        assert "1. INI-2026-0005" in done["reply"]["text"]
        replayed = await submit("w-4", **swapped, decision="Sak 12/26")
        assert "ikke lagret to ganger" in replayed["reply"]["text"]
        stale = await submit("w-5", **{k: v for k, v in swapped.items() if k != "rank_INI-2026-0007"},
                             decision="Sak 13/26")  # fmt: skip
        assert "rank_INI-2026-0007" in stale["errors"]
    assert _order(context) == ["INI-2026-0005", "INI-2026-0004", "INI-2026-0006", "INI-2026-0007"]
    assert [row[0] for row in _audit(context)] == ["priority.move", "priority.move", "priority.reorder"]


def test_the_terminal_is_told_the_way_and_a_domain_is_asked_for(context: HandlerContext) -> None:
    context = _demo(context)

    def say(text: str, channel: str = "terminal") -> str:
        return handle_message(
            IncomingMessage(text, Sender("terminal", SECRETARY), channel=channel), context
        ).text

    assert "«prioriter INI-2026-0004 som nr. 1»" in say(
        "endre prioriteringsrekkefølgen for Pasientbehandling"
    )
    assert "govbot priorities set" in say("reorder the priority list for Patient treatment")
    # Hilde keeps the lists of three domain boards: without a name she is asked which
    assert "Hvilket område?" in say("omprioriter", channel="web")


def test_the_cli_sets_the_whole_list_and_refuses_one_left_out(
    cli: Any, database_url: str, store: Any
) -> None:
    context = _demo(HandlerContext(store=store))
    order = "INI-2026-0007,INI-2026-0006,INI-2026-0005,INI-2026-0004"
    common = ("--domain", "pasientbehandling", "--decision", "Sak 14/26", "--as", SECRETARY)
    left_out = cli(
        "priorities",
        "set",
        "--order",
        order.rsplit(",", 1)[0],
        *common,
        "--lang",
        "nb",
        database_url=database_url,
    )
    assert (
        left_out.returncode == 1
        and "INI-2026-0004" in left_out.stderr
        and "ingenting er lagret" in left_out.stderr
    )
    refused = cli(
        "priorities", "set", "--order", order, *common[:4], "--as", OUTSIDER, database_url=database_url
    )
    assert refused.returncode == 1
    assert _order(context) == DEMO_ORDER
    done = cli("priorities", "set", "--order", order, *common, "--lang", "en", database_url=database_url)
    assert done.returncode == 0, done.stderr
    assert (
        "New priority list of Patient treatment (decision: Sak 14/26)" in done.stdout
        and "1. INI-2026-0007" in done.stdout
    )
    assert _order(context) == order.split(",")
    as_json = cli("priorities", "set", "--order", order, *common, "--json", database_url=database_url)
    assert json.loads(as_json.stdout)["moved"] == []  # the same order again changes nothing
    assert [row[0] for row in _audit(context)].count("priority.reorder") == 1


async def test_slack_button_under_the_list_opens_the_modal(
    context: HandlerContext, slack_api: StandIn
) -> None:
    context = _demo(context)
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        command = hilde_slash_command(
            slack_api, "prioriteringslisten for Pasientbehandling", "trigger-list", "respond/list"
        )
        assert (
            await client.post("/slack/events", data=command, headers=signed_headers(command, FORM))
        ).status == 200
        [answer] = await slack_api.wait_for("respond/list")
        [button] = [e for b in answer.body["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert button["text"]["text"] == "Endre rekkefølgen" and button["value"] == "pasientbehandling"
        click = {
            "type": "block_actions", "team": {"id": "T0000TEST"}, "user": {"id": "U0000HILDE"},
            "trigger_id": "trigger-click", "channel": {"id": "C0000GOV"},
            "response_url": slack_api.url + "respond/click",
            "actions": [{"action_id": button["action_id"], "value": button["value"], "type": "button"}],
        }  # fmt: skip
        assert (await _slack(client, click)).status == 200
        [opened] = await slack_api.wait_for("views.open")
        assert opened.body["trigger_id"] == "trigger-click"
        assert opened.body["view"]["title"]["text"] == "Prioriteringsrekkefølge"
        fields = [block["block_id"] for block in opened.body["view"]["blocks"]]
        assert fields[:4] == [f"rank_{ref}" for ref in DEMO_ORDER] and fields[-1] == "decision"
