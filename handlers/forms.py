"""Form submissions from any channel: one registry from form id to the handler that validates and acts.

Slack view submissions, Teams `Action.Submit` payloads and web-chat form posts all become a
`FormSubmission`; the handler answers either with field errors (shown inline, nothing stored) or with a
reply (the receipt). Handlers must be idempotent on `submission_id`: platforms retry and people
double-click.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError

from handlers.context import HandlerContext
from handlers.messages import Language, Sender
from handlers.replies import Reply
from handlers.texts import t
from models.database import db_error
from models.identity_numbers import IdentityNumberRefused

log = logging.getLogger(__name__)
FORM_WIDE = "_form"
"""The error key for the form as a whole; every channel shows it (Slack on the first field, the web chat
under the form)."""


@dataclass(frozen=True)
class FormSubmission:
    form_id: str
    values: dict[str, str | list[str]]
    sender: Sender
    language: Language
    submission_id: str
    """Stable per user action (Slack view id + hash, Teams activity id, web form token)."""
    context: str = ""


@dataclass(frozen=True)
class FormResult:
    reply: Reply | None = None
    errors: dict[str, str] = field(default_factory=dict)
    """Field name → message in the user's language; non-empty means nothing was stored."""
    after_reply: tuple[Callable[[], None], ...] = ()
    """Best-effort work after the commit (notifying others): a channel that must answer the platform
    first (Slack's 3 s ack) runs these after answering; they never raise."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def run_after_reply(self) -> None:
        for step in self.after_reply:
            step()


FormHandler = Callable[[FormSubmission, HandlerContext], FormResult]


def handle_form(submission: FormSubmission, ctx: HandlerContext, *, defer: bool = False) -> FormResult:
    """With `defer`, the caller runs `result.run_after_reply()` itself once the platform is answered."""
    from handlers.form_registry import FORM_HANDLERS  # imported late: feature modules import this one
    from handlers.identity_number_guard import form_refusal  # it builds on this module's types

    refused = form_refusal(submission)
    if refused is not None:
        log.info(
            "form %s refused: identity number", "-" if refused.errors.get(FORM_WIDE) else submission.form_id
        )
        return refused
    handler = FORM_HANDLERS.get(submission.form_id)
    if handler is None:
        return FormResult(errors={FORM_WIDE: f"unknown form '{submission.form_id}'"})
    try:
        result = handler(submission, ctx)
    except OperationalError as exc:
        # The store is locked, restarting or unreachable: nothing was committed, or the commit landed and
        # the receipt read failed. Either way the same submission id sent again gets the one receipt, and
        # the form stays open for that. Class and code only: the parameters hold what the person wrote.
        log.error("form %s not taken: database unavailable (%s)", submission.form_id, db_error(exc))
        return FormResult(errors={FORM_WIDE: t(submission.language, "error.busy")})
    except IdentityNumberRefused as exc:
        # the store's guard refused a write the entry guard did not see: rolled back, nothing stored
        log.warning("form %s refused by the store: %s", submission.form_id, exc.where)
        return FormResult(errors={FORM_WIDE: t(submission.language, "guard.identity_number")})
    if not defer:
        result.run_after_reply()
    return result
