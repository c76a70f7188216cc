"""The one argument every intent responder takes: the message, what it was understood to mean, and where.

A responder is chosen by the intent alone (`handlers/understanding/intents.yaml` names it), so it gets
everything it needs in one value and never parses the words again to find out what was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers.context import HandlerContext
from handlers.messages import IncomingMessage, Language
from handlers.replies import Reply
from handlers.understanding.slots import Slots


@dataclass(frozen=True)
class Understanding:
    intent: str
    confidence: float
    """The classifier's probability for `intent`, 0..1."""
    slots: Slots
    alternatives: tuple[tuple[str, float], ...] = ()
    """The next likeliest intents with their probabilities, best first (for a clarifying question)."""


@dataclass(frozen=True)
class Ask:
    message: IncomingMessage
    understanding: Understanding
    ctx: HandlerContext
    language: Language

    @property
    def slots(self) -> Slots:
        return self.understanding.slots


IntentResponder = Callable[[Ask], Reply]
"""Answers one intent; always answers (a polite "which body?" is an answer, not a fall-through)."""
