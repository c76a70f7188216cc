"""The secretariat's small forms (reject with a reason, move to a domain, ask the submitter) and their
submissions. The form's context holds the reference; on submission it is re-checked like a click.
"""

from __future__ import annotations

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.forms import FormResult, FormSubmission
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.messages import Language
from handlers.replies import Choice, Form, FormField
from handlers.secretariat.access import Granted
from handlers.secretariat.buttons import ASK, REASSIGN, REJECT
from handlers.secretariat.changes import ask_submitter, reassign_domain
from handlers.texts import t

REJECT_FORM = "initiative-reject"
REASSIGN_FORM = "initiative-reassign"
ASK_FORM = "initiative-ask"


def action_form(ctx: HandlerContext, action: str, granted: Granted, language: Language) -> Form:
    ref = granted.reference
    if action == REJECT:
        field = FormField(
            "reason", t(language, "secretariat.reject.reason"), "textarea", True, max_length=2000
        )
        return Form(
            REJECT_FORM,
            t(language, "secretariat.reject.title", reference=ref),
            (field,),
            t(language, "secretariat.reject.submit"),
            context=ref,
        )
    if action == REASSIGN:
        choices = tuple(
            Choice(d.key, domain_label(d, language)) for d in ctx.model.domains if d.key != granted.domain_key
        )
        field = FormField("domain", t(language, "secretariat.reassign.domain"), "select", True, choices)
        return Form(
            REASSIGN_FORM,
            t(language, "secretariat.reassign.title", reference=ref),
            (field,),
            t(language, "secretariat.reassign.submit"),
            context=ref,
        )
    assert action == ASK
    field = FormField("question", t(language, "secretariat.ask.question"), "textarea", True, max_length=2000)
    return Form(
        ASK_FORM,
        t(language, "secretariat.ask.title", reference=ref),
        (field,),
        t(language, "secretariat.ask.submit"),
        context=ref,
    )


def _text(submission: FormSubmission, name: str) -> str:
    value = submission.values.get(name, "")
    return " ".join(value) if isinstance(value, list) else str(value).strip()


def handle_reject(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    reason = _text(submission, "reason")
    if not reason:
        return FormResult(errors={"reason": t(submission.language, "secretariat.error.required")})
    request = MoveRequest(submission.context.strip().upper()[:40], "avvist", reason)
    outcome = move_initiative(ctx, request, sender=submission.sender, language=submission.language)
    return FormResult(reply=outcome.reply)


def handle_reassign(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    domain = _text(submission, "domain")
    if domain not in {d.key for d in ctx.model.domains}:
        return FormResult(errors={"domain": t(submission.language, "secretariat.error.required")})
    return FormResult(
        reply=reassign_domain(ctx, submission.context, domain, submission.sender, submission.language)
    )


def handle_ask(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    question = _text(submission, "question")[:2000]
    if not question:
        return FormResult(errors={"question": t(submission.language, "secretariat.error.required")})
    return FormResult(
        reply=ask_submitter(ctx, submission.context, question, submission.sender, submission.language)
    )
