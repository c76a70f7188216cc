"""On channels that can show a form, "nytt initiativ" opens the intake form instead of the chat dialog.

Slack (modal), Teams (Adaptive Card) and the web chat (HTML form) render a `Form`, which shows every
field at once and validates them together; the one-question-at-a-time dialog is for the terminal. The
initiatives feature owns both the trigger phrases (`dialog.START`) and the form (`intake_form`); this
responder only decides, by channel, which of the two a person gets.
"""

from __future__ import annotations

import re

from handlers.context import HandlerContext
from handlers.initiatives.dialog import START, start_dialog
from handlers.initiatives.form_spec import intake_form
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask

FORM_CHANNELS = frozenset({"slack", "teams", "web"})
_ENGLISH_START = re.compile(r"\b(new|propose)\b", re.IGNORECASE)


def answer_with_intake_form(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    if message.channel not in FORM_CHANNELS or not START.search(message.text):
        return None
    if message.language is None and _ENGLISH_START.search(message.text):
        language = "en"
    return Reply(language, (intake_form(ctx, language),), intent="initiative.form")


def answer_initiative_form(ask: Ask) -> Reply:
    """Intent `initiative.form`: the form where a channel can show one, else the dialog's first question."""
    if ask.message.channel in FORM_CHANNELS:
        return Reply(ask.language, (intake_form(ask.ctx, ask.language),), intent="initiative.form")
    question, _ = start_dialog(ask.ctx, ask.message, ask.language)
    opening = Paragraph(t(ask.language, "initiative.dialog.start"))
    return Reply(ask.language, (opening, question), intent="initiative.dialog")
