"""On channels that can show a form, the `initiative.form` intent opens the intake form, not the dialog.

Slack (modal), Teams (Adaptive Card) and the web chat (HTML form) render a `Form`, which shows every
field at once and validates them together; the one-question-at-a-time dialog is for the terminal. The
initiatives feature owns both the dialog and the form (`intake_form`); this responder only decides, by
channel, which of the two a person gets.
"""

from __future__ import annotations

from handlers.initiatives.dialog import start_dialog
from handlers.initiatives.form_spec import intake_form
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask

FORM_CHANNELS = frozenset({"slack", "teams", "web"})


def answer_initiative_form(ask: Ask) -> Reply:
    """Intent `initiative.form`: the form where a channel can show one, else the dialog's first question."""
    if ask.message.channel in FORM_CHANNELS:
        return Reply(
            ask.language,
            (intake_form(ask.ctx, ask.language, sender=ask.message.sender),),
            intent="initiative.form",
        )
    question, _ = start_dialog(ask.ctx, ask.message, ask.language)
    opening = Paragraph(t(ask.language, "initiative.dialog.start"))
    return Reply(ask.language, (opening, question), intent="initiative.dialog")
