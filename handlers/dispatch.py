"""The one entry point every channel calls: a message in, a reply out.

Understand, then answer. Clicks, an open dialog and the fixed-syntax commands that change the store are
settled first (handlers/commands.py). Every other message goes through one understanding step
(handlers/understanding/understand.py: slots, then an intent with a confidence); the intent alone picks
the responder (handlers/understanding/intents.yaml). An unsure reading gets a clarifying question, an
unmappable one says so and offers what the bot can do: no responder is ever asked to "answer anything".

Database trouble becomes a polite reply in the user's language rather than an exception in the adapter,
so Slack and Teams always get an answer within their time limits.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from handlers import language as languages
from handlers.anonymous import sign_in_reply
from handlers.answers.help import answer_unmapped
from handlers.commands import answer_command, is_command
from handlers.context import HandlerContext
from handlers.identity import is_anonymous
from handlers.identity_number_guard import message_holds_number, refusal_reply
from handlers.meetings.deadlines import local_date
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding import clarify
from handlers.understanding.asking import Ask, Understanding
from handlers.understanding.examples import inventory
from handlers.understanding.registry import responder_for
from handlers.understanding.understand import understand
from models.database import db_error
from models.identity_numbers import IdentityNumberRefused

log = logging.getLogger(__name__)


def handle_message(message: IncomingMessage, ctx: HandlerContext) -> Reply:
    language = languages.choose(message)
    if message_holds_number(message):
        log.info("message refused: identity number (channel=%s)", message.channel)
        return refusal_reply(language)
    try:
        return _answer(message, ctx, language)
    except OperationalError as exc:
        # class and DB error code only: the statement's parameters may hold what the user wrote
        log.error("database unavailable while answering (channel=%s): %s", message.channel, db_error(exc))
        return busy_reply(language)
    except IdentityNumberRefused as exc:
        # the store's guard caught what the entry guard did not: rolled back, the same polite sentence
        log.warning("write refused by the store: %s (channel=%s)", exc.where, message.channel)
        return refusal_reply(language)


def _answer(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
    anonymous = is_anonymous(message.sender)
    choice = clarify.chosen(message)
    if choice is None and anonymous and is_command(message):
        return sign_in_reply(language)
    if choice is None and (reply := answer_command(message, ctx, language)) is not None:
        return reply
    text = choice.text if choice is not None else message.text
    with ctx.store.read() as session:
        understanding = understand(text, ctx, session, local_date(ctx.clock()))
    log.info(
        "understood intent=%s confidence=%.2f channel=%s",
        understanding.intent,
        understanding.confidence,
        message.channel,
    )
    if choice is not None:
        if choice.intent is None:
            return answer_unmapped(language, ctx.model)
        understanding = Understanding(choice.intent, 1.0, understanding.slots)
    else:
        verdict = clarify.decide(understanding)
        if verdict == "unmapped":
            return answer_unmapped(language, ctx.model)
        if verdict == "clarify":
            return clarify.clarifying_question(text, understanding, language)
    if anonymous and not inventory()[understanding.intent].public:
        return sign_in_reply(language)
    responder = responder_for(understanding.intent)
    if responder is None:
        log.warning("no responder for intent %s", understanding.intent)
        return answer_unmapped(language, ctx.model)
    return responder(Ask(message, understanding, ctx, language))


def busy_reply(language: Language) -> Reply:
    """What a user hears when the store cannot take a write in time: try again, nothing was lost."""
    return Reply(language, (Paragraph(t(language, "error.busy")),), intent="error.busy")
