"""The initiatives feature's place in the responder chain: an open intake dialog first, then questions."""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.initiatives.dialog import answer_initiative_dialog
from handlers.initiatives.questions import answer_initiative_question
from handlers.messages import IncomingMessage, Language
from handlers.replies import Reply


def answer_initiatives(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    return answer_initiative_dialog(message, ctx, language) or answer_initiative_question(
        message, ctx, language
    )
