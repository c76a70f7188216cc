"""An order is never the reading of a yes/no question (handlers/understanding/orders.py)."""

from __future__ import annotations

import re

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.messages import IncomingMessage, Sender
from handlers.understanding.asking import Understanding
from handlers.understanding.orders import unless_asked
from handlers.understanding.slots import Slots
from tests.initiatives.conftest import valid_values


def reading(intent: str, *others: tuple[str, float]) -> Understanding:
    return Understanding(intent, 0.7, Slots(), others)


def test_a_question_read_as_an_order_gets_the_likeliest_reading_that_is_not_one() -> None:
    for text in ("er INI-2026-0004 avvist?", "is INI-2026-0004 rejected", "Står INI-2026-0004 på vent"):
        asked = unless_asked(reading("initiative.move", ("initiative.status", 0.2), ("help", 0.05)), text)
        assert (asked.intent, round(asked.confidence, 6), asked.alternatives) == (
            "initiative.status",
            0.9,
            (("help", 0.05),),
        ), text


def test_an_order_or_a_request_stays_an_order() -> None:
    for text in ("avvis INI-2026-0004", "kan du avvise INI-2026-0004?", "can you decline INI-2026-0004?"):
        assert unless_asked(reading("initiative.move", ("initiative.status", 0.2)), text).intent == (
            "initiative.move"
        ), text


def test_a_question_read_as_anything_else_is_left_alone() -> None:
    assert unless_asked(
        reading("initiative.decision", ("initiative.move", 0.2)), "er INI-2026-0004 vedtatt?"
    ) == (reading("initiative.decision", ("initiative.move", 0.2)))


def test_asked_in_chat_the_question_gets_the_state_and_the_order_gets_the_command(
    context: HandlerContext,
) -> None:
    """At the handlers' edge: the question is answered with the state, the order with how to write it."""
    clinician = Sender("slack", "U123CLIN", display_name="Ola Klinikersen")
    submitted = handle_form(
        FormSubmission("initiative", valid_values(), clinician, "en", "orders-1"), context
    )
    assert submitted.ok, submitted.errors
    reference = re.search(r"INI-\d{4}-\d{4}", submitted.reply.text).group()  # type: ignore[union-attr]
    secretary = Sender("terminal", "hanne-kristoffersen")

    # the classifier alone reads each of these as the order (checked when this test was written)
    for question in (
        f"står {reference} i bero",
        f"er {reference} flyttet til vurdering",
    ):
        asked = handle_message(IncomingMessage(question, secretary), context)
        assert asked.intent == "initiative.status" and reference in asked.text, question
    ordered = handle_message(IncomingMessage(f"avvis {reference}", secretary), context)
    assert ordered.intent == "initiative.move.how"
