"""The seven kinds the regional portfolio does not own get the same notice on every intake path.

Seed 002 §3 lists what the regional portfolio board is *not* responsible for: local portfolios of the
individual health trusts, the STIM programme in Sykehuspartner HF, other Sykehuspartner HF projects, IT
in building projects, innovation projects, MTU projects and IT work funded by the service price. A
proposal of any of them, sent by the Slack modal, the Teams card, the web chat form, `govbot
initiatives submit` or the chat dialog, is registered with a receipt that names the kind and says where
it belongs; the dialog says so before it asks to submit anyway too. Each on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from models.tables import Initiative
from tests.bot.conftest import StandIn
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.bot.test_initiative_channels import send_payload, view_submission
from tests.bot.test_teams import activity, replies
from tests.bot.webchat_client import demo_settings, visitor

NOTICE = "som ikke hører til den regionale porteføljen. Det hører hjemme her:"

# (the seed's name of the kind, the preset's key, words a proposer would write). The names are the
# seed's (002 §3), asserted in the notice; the words are a proposal of that kind.
SEVEN_KINDS = [
    ("Lokale porteføljer i det enkelte helseforetak", "lokale-hf-portefoljer",
     "Et lokalt prosjekt som bare gjelder vårt sykehus."),
    ("STIM", "stim", "Fremskynde STIM i vår region."),
    ("Andre prosjekter i Sykehuspartner HF", "andre-sykehuspartner-prosjekter",
     "Et internt prosjekt i Sykehuspartner for nye verktøy."),
    ("IKT i byggeprosjekter", "ikt-i-byggeprosjekter", "IKT til byggeprosjektet for nytt bygg."),
    ("Innovasjonsprosjekter", "innovasjonsprosjekter", "Et innovasjonsprosjekt med ny teknologi."),
    ("MTU-prosjekter", "mtu-prosjekter", "MTU-prosjekt for nye CT-maskiner i poliklinikken."),
    ("IKT-arbeid finansiert av tjenestepris", "ikt-finansiert-av-tjenestepris",
     "Arbeidet er finansiert av tjenestepris."),
]  # fmt: skip
KINDS = pytest.mark.parametrize(
    ("seed_name", "key", "words"), SEVEN_KINDS, ids=[k for _, k, _ in SEVEN_KINDS]
)


def test_the_preset_lists_exactly_the_seven_kinds_of_seed_002(context: HandlerContext) -> None:
    """Seed 002 §3: seven kinds are not the regional portfolio board's; MTU goes to the MTU bodies (000 §2.5)."""
    kinds = {k.key: k for k in context.model.rules.out_of_scope}
    assert len(kinds) == 7 and set(kinds) == {key for _, key, _ in SEVEN_KINDS}
    for seed_name, key, _ in SEVEN_KINDS:
        assert seed_name in kinds[key].name
    assert "prosesseiermøte MTU" in kinds["mtu-prosjekter"].belongs_to
    assert context.model.rules.out_of_scope_source and "§3" in context.model.rules.out_of_scope_source


def _values(words: str) -> dict[str, str]:
    return {**GOOD, "change": f"{GOOD['change']} {words}"}


def _assert_notice(context: HandlerContext, text: str, seed_name: str, key: str) -> None:
    assert REFERENCE.search(text), text
    assert NOTICE in " ".join(text.split()) and seed_name in text, text
    with context.store.read() as session:
        assert session.scalar(select(Initiative.out_of_scope_key)) == key


@KINDS
async def test_slack_modal_receipt_says_where_it_belongs(
    slack_client: TestClient,
    slack_api: StandIn,
    context: HandlerContext,
    seed_name: str,
    key: str,
    words: str,
) -> None:
    """Seed 002 §3, the Slack modal: the receipt DM names the kind and where it belongs."""
    shortcut = {
        "type": "shortcut",
        "callback_id": "submit_initiative",
        "trigger_id": "trigger-scope",
        "team": {"id": "T0000TEST"},
        "user": {"id": "U0000KARI", "team_id": "T0000TEST"},
    }
    await send_payload(slack_client, shortcut)
    [opened] = await slack_api.wait_for("views.open")
    done = await send_payload(slack_client, view_submission(opened.body["view"], _values(words), f"h-{key}"))
    assert done.status == 200
    [receipt] = await slack_api.wait_for("chat.postMessage")
    _assert_notice(context, _slack_text(receipt.body), seed_name, key)


def _slack_text(body: dict[str, Any]) -> str:
    blocks = body.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    parts = [body.get("text", "")]
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(text.get("text", ""))
    return "\n".join(parts)


@KINDS
async def test_teams_card_receipt_says_where_it_belongs(
    context: HandlerContext, connector: StandIn, seed_name: str, key: str, words: str
) -> None:
    """Seed 002 §3, the Teams Adaptive Card: the reply to Action.Submit names the kind and where it belongs."""
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        await client.post(
            "/api/messages", json=activity(connector, "nytt initiativ", activity_id="scope-1", locale="nb-NO")
        )
        [card_reply] = replies(connector)
        [submit] = card_reply["attachments"][0]["content"]["actions"]
        sent = activity(
            connector, None, activity_id="scope-2", locale="nb-NO", value={**submit["data"], **_values(words)}
        )
        assert (await client.post("/api/messages", json=sent)).status == 201
        _assert_notice(context, replies(connector)[1]["text"], seed_name, key)


@KINDS
async def test_web_chat_form_receipt_says_where_it_belongs(
    context: HandlerContext, seed_name: str, key: str, words: str
) -> None:
    """Seed 002 §3, the web chat form: the submission's reply names the kind and where it belongs."""
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        chat = await visitor(client, "hakon-moen")
        reply = await chat.reply("nytt initiativ")
        [form] = [b for b in reply["blocks"] if b["type"] == "form"]
        answer = await chat.submit(
            form_id=form["form_id"],
            context=form["context"],
            submission_id=f"web-{key}",
            values=_values(words),
        )
        assert answer["ok"], answer
        _assert_notice(context, answer["reply"]["text"], seed_name, key)


@KINDS
def test_cli_submit_receipt_says_where_it_belongs(
    cli: Any, database_url: str, seed_name: str, key: str, words: str
) -> None:
    """Seed 002 §3, `govbot initiatives submit`: the printed receipt names the kind and where it belongs."""
    values = {**_values(words), "trusts": ["Ahus"]}
    result = cli("initiatives", "submit", "--file", "-", input=json.dumps(values), database_url=database_url)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert REFERENCE.search(text) and NOTICE in text and seed_name in text, text


@KINDS
def test_chat_dialog_warns_then_receipts_where_it_belongs(
    context: HandlerContext, seed_name: str, key: str, words: str
) -> None:
    """Seed 002 §3, the chat dialog: the same notice before «send inn likevel» and in the receipt."""
    user = Sender(platform="terminal", user_id="hakon-moen")

    def say(text: str) -> str:
        return handle_message(IncomingMessage(text, user, conversation_id="scope"), context).text

    say("nytt initiativ")
    answers = [GOOD["title"], GOOD["need"], _values(words)["change"], GOOD["benefit"], "Ahus", "-", "-", "-"]
    for answer in [*answers, GOOD["contact"]]:
        warning = say(answer)
    assert NOTICE in " ".join(warning.split()) and seed_name in warning and "likevel" in warning
    say("ja")
    _assert_notice(context, say("1"), seed_name, key)
