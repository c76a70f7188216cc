"""Building an `Ask` the way the understanding step will: a real message, an intent, slots from the real
model and catalogue, so each responder is tested on the store without the classifier in between."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from handlers.context import HandlerContext
from handlers.lookup.names import Match
from handlers.messages import IncomingMessage, Language, Sender
from handlers.understanding.asking import Ask, Understanding
from handlers.understanding.slots import Slots
from models.governance.schema import Body, Domain


def make_ask(
    ctx: HandlerContext,
    intent: str,
    text: str,
    *,
    language: Language = "nb",
    channel: str = "terminal",
    person: str = "kari-nordmann",
    **slots: Any,
) -> Ask:
    message = IncomingMessage(text, Sender("test", person), channel=channel)
    return Ask(message, Understanding(intent, 1.0, Slots(**slots)), ctx, language)


def body_match(ctx: HandlerContext, key: str) -> Match[Body]:
    body = ctx.model.body(key)
    return Match(body, body.name, 100.0, True, body.name)


def domain_match(ctx: HandlerContext, name: str) -> Match[Domain]:
    domain = next(d for d in ctx.model.domains if d.name == name)
    return Match(domain, domain.name, 100.0, True, domain.name)


def open_nord(database_url: str) -> Iterator[HandlerContext]:
    """A context on the Helse Nord preset (the `context` fixture is HSØ's), for a module's `nord` fixture:
    `yield from open_nord(database_url)`."""
    from models.store import open_store

    store = open_store(database_url, "helse-nord-2026")
    try:
        yield HandlerContext(store=store)
    finally:
        store.close()
