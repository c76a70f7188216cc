"""The catalogue questions: who owns a system, what a domain covers, which domains exist, help.

This responder answers anything (falling back to help), so it is always the last in line.
"""

from __future__ import annotations

import logging

from handlers.answers.domains import answer_domain_info, answer_list_domains
from handlers.answers.help import answer_greeting, answer_help, answer_unknown
from handlers.answers.ownership import answer_who_owns
from handlers.context import HandlerContext
from handlers.intents import Intent, parse
from handlers.lookup.catalogue import catalogue_view
from handlers.messages import IncomingMessage, Language
from handlers.replies import Reply

log = logging.getLogger(__name__)


def answer_catalogue_question(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
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
