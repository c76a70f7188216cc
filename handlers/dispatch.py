"""The one entry point every channel calls: a message in, a reply out.

Features answer in turn (`RESPONDERS`): an open dialog first, then each feature's own phrases, and
the catalogue questions last because they accept almost any text. Database trouble becomes a polite
reply in the user's language rather than an exception in the adapter, so Slack and Teams always get an
answer within their time limits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from handlers import language as languages
from handlers.anonymous import answer_sign_in_needed
from handlers.answers.catalogue_questions import answer_catalogue_question
from handlers.assignments.responder import answer_assignments
from handlers.context import HandlerContext
from handlers.form_channels import answer_with_intake_form
from handlers.home import answer_home
from handlers.identity import is_anonymous
from handlers.identity_number_guard import message_holds_number, refusal_reply
from handlers.initiatives.responder import answer_initiatives
from handlers.meetings.meeting_form import answer_meeting_form
from handlers.meetings.questions import answer_meetings
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.secretariat.responder import answer_secretariat_button
from handlers.texts import t
from models.database import db_error
from models.identity_numbers import IdentityNumberRefused

log = logging.getLogger(__name__)

Responder = Callable[[IncomingMessage, HandlerContext, Language], Reply | None]
"""Returns a reply when the message is its business, None to let the next responder try."""

RESPONDERS: tuple[Responder, ...] = (
    answer_secretariat_button,
    answer_with_intake_form,
    answer_initiatives,
    answer_assignments,
    answer_meeting_form,
    answer_meetings,
    answer_home,
    answer_catalogue_question,
)

ANONYMOUS_RESPONDERS: tuple[Responder, ...] = (
    answer_sign_in_needed,
    answer_meetings,
    answer_catalogue_question,
)
"""For the visitor nobody signed in: read-only questions only (handlers/anonymous.py says why)."""


def handle_message(message: IncomingMessage, ctx: HandlerContext) -> Reply:
    language = languages.choose(message)
    if message_holds_number(message):
        log.info("message refused: identity number (channel=%s)", message.channel)
        return refusal_reply(language)
    try:
        for responder in ANONYMOUS_RESPONDERS if is_anonymous(message.sender) else RESPONDERS:
            reply = responder(message, ctx, language)
            if reply is not None:
                return reply
    except OperationalError as exc:
        # class and DB error code only: the statement's parameters may hold what the user wrote
        log.error("database unavailable while answering (channel=%s): %s", message.channel, db_error(exc))
        return busy_reply(language)
    except IdentityNumberRefused as exc:
        # the store's guard caught what the entry guard did not: rolled back, the same polite sentence
        log.warning("write refused by the store: %s (channel=%s)", exc.where, message.channel)
        return refusal_reply(language)
    raise AssertionError("the catalogue responder answers every message")


def busy_reply(language: Language) -> Reply:
    """What a user hears when the store cannot take a write in time: try again, nothing was lost."""
    return Reply(language, (Paragraph(t(language, "error.busy")),), intent="error.busy")
