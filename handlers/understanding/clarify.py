"""When the understanding is unsure: one clarifying question with the two likeliest readings.

This is the two-stage fallback Rasa's FallbackClassifier describes. Stage one: the top intent is below
the confidence threshold, or too close to the runner-up, so the bot offers both as buttons (numbered in
the terminal) and a «Noe annet» button. Stage two: the user picks «Noe annet» (or the message was far
below any reading), and the bot says plainly it cannot map the message and what it can do. A button
carries the chosen intent and the original text, so the slots are found again from the same words.

The thresholds were chosen by cross-validation on the training part of the examples only
(`python -m benchmarks.understanding_thresholds` prints the table). They are Rasa's defaults, and the
table is flat around them: with the temperature-calibrated classifier, at 0.30 and 0.10 94 % of messages
were answered at once, 86 % of those rightly, and the 6 % asked offered the right reading two times in
three; 0.45 asked half again as often for under two points more right answers.
`python -m benchmarks --only understanding` reports how often each stage is reached.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.messages import IncomingMessage, Language
from handlers.replies import Actions, Button, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Understanding
from handlers.understanding.examples import inventory

CHOOSE_ACTION = "understanding.choose"
NEITHER = "none"
CONFIDENT = 0.3
"""Below this probability the top reading is not taken on its own."""
AMBIGUOUS = 0.1
"""Top two closer than this: ask, even when the top one clears CONFIDENT."""
HOPELESS = 0.1
"""Below this nothing is offered: the message matches no reading well enough to guess two."""
UNMAPPED = "out_of_scope"
MAX_CARRIED_TEXT = 1500
"""Button values have platform limits (Slack: 2000 characters); a longer message is cut."""


@dataclass(frozen=True)
class Choice:
    intent: str | None
    """None: the user said neither reading was meant."""
    text: str


def decide(understanding: Understanding) -> str:
    """`answer`, `clarify` or `unmapped`."""
    top = understanding.confidence
    runner_up = understanding.alternatives[0][1] if understanding.alternatives else 0.0
    if understanding.intent == UNMAPPED:
        return "unmapped"
    if top < HOPELESS:
        return "unmapped"
    if top < CONFIDENT or top - runner_up < AMBIGUOUS:
        return "clarify" if _offerable(understanding) else "answer"
    return "answer"


def _offerable(understanding: Understanding) -> bool:
    return bool(understanding.alternatives) and understanding.alternatives[0][0] != UNMAPPED


def clarifying_question(text: str, understanding: Understanding, language: Language) -> Reply:
    specs = inventory()
    readings = [understanding.intent, understanding.alternatives[0][0]]
    carried = text[:MAX_CARRIED_TEXT]
    offered = [Button(specs[i].label[language], CHOOSE_ACTION, f"{i}\n{carried}") for i in readings]
    neither = Button(t(language, "clarify.neither"), CHOOSE_ACTION, f"{NEITHER}\n{carried}")
    buttons = (*offered, neither)
    return Reply(language, (Paragraph(t(language, "clarify.question")), Actions(buttons)), intent="clarify")


def chosen(message: IncomingMessage) -> Choice | None:
    """The reading a clarifying question's button picked, re-checked against the inventory."""
    if message.data.get("action") != CHOOSE_ACTION:
        return None
    intent, _, text = message.data.get("value", "").partition("\n")
    if intent == NEITHER or intent not in inventory():
        return Choice(None, text)
    return Choice(intent, text)
