"""The one entry point every channel calls: a message in, a reply out.

Database trouble becomes a polite reply in the user's language rather than an exception in the adapter,
so Slack and Teams always get an answer within their time limits.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from handlers import language as languages
from handlers.answers.domains import answer_domain_info, answer_list_domains
from handlers.answers.help import answer_greeting, answer_help, answer_unknown
from handlers.answers.ownership import answer_who_owns
from handlers.context import HandlerContext
from handlers.intents import Intent, parse
from handlers.lookup.catalogue import catalogue_view
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t

log = logging.getLogger(__name__)


def handle_message(message: IncomingMessage, ctx: HandlerContext) -> Reply:
    language = languages.choose(message)
    try:
        return _answer(message, ctx, language)
    except OperationalError:
        log.exception("database unavailable while answering (channel=%s)", message.channel)
        return Reply(language, (Paragraph(t(language, "error.busy")),), intent="error.busy")


def _answer(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
    with ctx.store.read() as session:
        view = catalogue_view(ctx, session)
        parsed = parse(message.text, view)
        log.debug("intent=%s channel=%s", parsed.intent, message.channel)
        match parsed.intent:
            case Intent.WHO_OWNS:
                return answer_who_owns(ctx, session, parsed, view, language)
            case Intent.DOMAIN_INFO if parsed.domain is not None:
                return answer_domain_info(ctx, session, parsed.domain.item, language)
            case Intent.LIST_DOMAINS:
                return answer_list_domains(ctx, language)
            case Intent.HELP:
                return answer_help(language)
            case Intent.GREETING:
                return answer_greeting(ctx, language)
            case _:
                return answer_unknown(language)
