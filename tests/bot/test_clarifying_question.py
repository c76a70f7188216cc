"""A clarifying question's buttons, clicked in Slack: the chosen reading is answered from the same words.

The reading and the original text travel in the button's value; the click is one more signed
`block_actions` request into the bolt app, and the answer goes to the response URL on the local stand-in.
"""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from bot.slack.blocks import message_blocks
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.understanding import clarify
from handlers.understanding.asking import Understanding
from handlers.understanding.slots import Slots
from tests.bot.conftest import StandIn
from tests.bot.test_secretariat_buttons import click


def test_the_question_offers_both_readings_and_neither_as_slack_buttons() -> None:
    unsure = Understanding("who_owns", 0.3, Slots(), (("domain_info", 0.25), ("help", 0.1)))
    assert clarify.decide(unsure) == "clarify"
    reply = clarify.clarifying_question("Hva med DIPS?", unsure, "nb")
    [actions] = [b for b in message_blocks(reply) if b["type"] == "actions"]
    labels = [e["text"]["text"] for e in actions["elements"]]
    assert labels == ["Hvem som eier et system", "Hva et område dekker", "Noe annet"]
    assert [e["value"] for e in actions["elements"]] == [
        "who_owns\nHva med DIPS?",
        "domain_info\nHva med DIPS?",
        "none\nHva med DIPS?",
    ]


def test_confident_close_hopeless_and_unmappable_readings() -> None:
    def reading(top: float, second: float, intent: str = "who_owns") -> Understanding:
        return Understanding(intent, top, Slots(), (("domain_info", second),))

    assert clarify.decide(reading(0.9, 0.05)) == "answer"
    assert clarify.decide(reading(0.5, 0.45)) == "clarify"  # close: ask even above the threshold
    assert clarify.decide(reading(0.05, 0.04)) == "unmapped"
    assert clarify.decide(reading(0.9, 0.05, intent="out_of_scope")) == "unmapped"


async def test_clicking_a_reading_answers_it_from_the_original_words(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    value = "who_owns\nHva med DIPS?"
    await click(slack_client, slack_api, "U0000KARI", f"govbot_button:{clarify.CHOOSE_ACTION}:0", value)
    [answer] = await slack_api.wait_for("respond/U0000KARI")
    assert "DIPS" in answer.body["text"] and "Pasientbehandling" in answer.body["text"]


def test_neither_says_what_the_bot_can_do_and_a_forged_reading_is_not_answered(
    context: HandlerContext,
) -> None:
    def clicked(value: str):
        data = {"action": clarify.CHOOSE_ACTION, "value": value}
        return handle_message(IncomingMessage("x", Sender("test", "u1"), data=data), context)

    neither = clicked("none\nHva med DIPS?")
    assert neither.intent == "unknown" and "Hvem eier DIPS?" in neither.text
    forged = clicked("no.such.intent\nHva med DIPS?")
    assert forged.intent == "unknown"
