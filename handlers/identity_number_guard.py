"""The entry guard: what someone wrote is checked for identity numbers before any feature sees it.

`handle_message` and `handle_form` are the only ways into the handlers from Slack, Teams, the web chat,
the terminal and the CLI, so checking there covers every channel at once: a refused text is never
stored, logged at INFO, echoed in a reply, searched for or sent to anyone. The store's own guard
(`models/identity_guard.py`) is the net behind this one; both end in the same polite sentence, which
never repeats the number.
"""

from __future__ import annotations

from handlers.forms import FORM_WIDE, FormResult, FormSubmission
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.identity_numbers import contains_identity_number, holds_identity_number

INTENT = "guard.identity_number"


def message_holds_number(message: IncomingMessage) -> bool:
    """The text and the button data (keys and values): everything in a message that a person can type."""
    return contains_identity_number(message.text) or holds_identity_number(message.data)


def refusal_reply(language: Language) -> Reply:
    return Reply(language, (Paragraph(t(language, INTENT)),), intent=INTENT)


def form_refusal(submission: FormSubmission) -> FormResult | None:
    """Each field holding a number gets the sentence beside it; the submission id and context, form-wide."""
    sentence = t(submission.language, INTENT)
    errors = {name: sentence for name, value in submission.values.items() if holds_identity_number(value)}
    if any(holds_identity_number(name) for name in submission.values) or holds_identity_number(
        [submission.submission_id, submission.context, submission.form_id]
    ):
        errors[FORM_WIDE] = sentence
    return FormResult(errors=errors) if errors else None
