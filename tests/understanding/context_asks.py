"""Building an `Ask` the way the understanding step hands it over: a real message, an intent, slots.

Responders never read the text again, so the text is only what a person might have written; the slots
carry the meaning. Bodies and domains are the model file's own, matched exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from handlers.context import HandlerContext
from handlers.lookup.names import Match
from handlers.messages import IncomingMessage, Language, Sender
from handlers.replies import Reply
from handlers.understanding.asking import Ask, Understanding
from handlers.understanding.examples import inventory
from handlers.understanding.slots import Slots

NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
"""A Monday: "this week" is 30.11.2026–06.12.2026."""
NOBODY = "nobody-known"
"""A sender who is no person of the model: no bodies, no initiatives."""


def body_slot(ctx: HandlerContext, key: str) -> Match[Any]:
    body = ctx.model.body(key)
    return Match(body, body.name, 100.0, True, body.name.casefold())


def domain_slot(ctx: HandlerContext, key: str) -> Match[Any]:
    domain = ctx.model.domain(key)
    return Match(domain, domain.name, 100.0, True, domain.name.casefold())


def ask(
    responder: Callable[[Ask], Reply],
    ctx: HandlerContext,
    intent: str,
    user: str,
    *,
    language: Language = "nb",
    text: str = "",
    **slots: Any,
) -> Reply:
    message = IncomingMessage(text or intent, Sender("test", user))
    understanding = Understanding(intent, 1.0, Slots(**slots))
    reply = responder(Ask(message, understanding, ctx, language))
    assert reply.language == language
    assert reply.intent in inventory()[intent].replies, f"{reply.intent} does not answer {intent}"
    assert reply.blocks and reply.text.strip(), "a responder never answers with nothing"
    return reply
