"""One intake path for every channel: validate, route, store, notify, answer with a receipt.

Forms (Slack modal, Teams card, web), the CLI and the terminal dialog all end here, so they validate,
number and notify identically. Invalid input returns per-field messages and writes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from handlers.context import HandlerContext
from handlers.forms import FormResult, FormSubmission
from handlers.identity import resolve_actor
from handlers.initiatives.receipt import receipt_reply
from handlers.initiatives.routing import suggest
from handlers.initiatives.submit import Routing, submit_initiative
from handlers.initiatives.validation import validate_form, validation_context
from handlers.messages import Language, Sender
from handlers.texts import t

log = logging.getLogger(__name__)


def process_intake(
    ctx: HandlerContext,
    values: dict[str, Any],
    *,
    sender: Sender,
    language: Language,
    submission_id: str,
    domain_key: str | None = None,
) -> FormResult:
    """The secretariat's notices are queued with the initiative and delivered by the sweep, so no
    channel's answer (Slack's 3 s ack included) waits for them."""
    with ctx.store.read() as session:
        form, errors = validate_form(values, validation_context(ctx, session), language)
        if form is None:
            log.info("initiative intake refused: fields=%s", sorted(errors))
            return FormResult(errors=errors)
        chosen = domain_key or _domain_from(values)
        known = {d.key for d in ctx.model.domains}
        if chosen is not None and chosen not in known:
            return FormResult(errors={"domain": t(language, "initiative.error.invalid")})
        suggestion = suggest(ctx, session, form.free_text())
        scope = suggestion.out_of_scope.kind.key if suggestion.out_of_scope else None
        chosen = chosen or suggestion.domain or ctx.model.domains[0].key
        actor = resolve_actor(session, ctx.store.model_id, sender)
    done = submit_initiative(
        ctx,
        form,
        Routing(chosen, scope),
        actor=actor,
        submission_id=submission_id,
        language=language,
    )
    with ctx.store.read() as session:
        log.info("initiative %s submitted to %s", done.reference, done.domain_key)
        reply = receipt_reply(ctx, session, done, form.title, language)
    if not done.duplicate:
        ctx.outbox_bell.ring()  # the secretariat's notices were queued with the initiative
    return FormResult(reply=reply)


def _domain_from(values: dict[str, Any]) -> str | None:
    raw = values.get("domain")
    return str(raw).strip() or None if raw else None


def handle_initiative_form(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    return process_intake(
        ctx,
        dict(submission.values),
        sender=submission.sender,
        language=submission.language,
        submission_id=submission.submission_id,
    )
