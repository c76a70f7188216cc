"""Proposals: how to propose an initiative, and a proposal written as free text.

Both end in the intake itself, so the person who asks how is already on the way: the form on channels
that can show one (`handlers/form_channels.py`), the one-question-at-a-time dialog in the terminal. A
proposal written as free text («Vi på intensiv trenger bedre oversikt over ledige senger») becomes the
form's need, quoted in the reply so the user sees what was carried over; the form's own validation
runs at submit, the dialog validates the need before it keeps it. A visitor nobody signed in is told
how, and to sign in, but gets no form.
"""

from __future__ import annotations

from handlers.anonymous import sign_in_reply
from handlers.form_channels import FORM_CHANNELS
from handlers.identity import is_anonymous
from handlers.identity_number_guard import message_holds_number, refusal_reply
from handlers.initiatives.dialog import start_dialog
from handlers.initiatives.form import FIELD_ORDER
from handlers.initiatives.form_spec import intake_form
from handlers.messages import Language
from handlers.replies import Block, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask


def answer_propose_how(ask: Ask) -> Reply:
    language = ask.language
    if message_holds_number(ask.message):
        return refusal_reply(language)
    blocks = _explanation(language)
    if is_anonymous(ask.message.sender):
        # how to propose is public, the form is not: a shared visitor identity could not answer for it
        blocks += sign_in_reply(language).blocks
        return Reply(language, tuple(blocks), intent="sign_in.needed")
    if ask.message.channel in FORM_CHANNELS:
        blocks += [
            Paragraph(t(language, "propose.offer.form")),
            intake_form(ask.ctx, language, sender=ask.message.sender),
        ]
        return Reply(language, tuple(blocks), intent="initiative.form")
    question, _ = start_dialog(ask.ctx, ask.message, language)
    blocks += [Paragraph(t(language, "initiative.dialog.start")), question]
    return Reply(language, tuple(blocks), intent="initiative.dialog")


def answer_propose_free_text(ask: Ask) -> Reply:
    language = ask.language
    if message_holds_number(ask.message):
        return refusal_reply(language)
    need = " ".join(ask.message.text.split())
    blocks: list[Block] = [Paragraph(t(language, "propose.free_text", need=need))]
    if ask.message.channel in FORM_CHANNELS:
        blocks += [
            Paragraph(t(language, "propose.free_text.rest")),
            intake_form(ask.ctx, language, need=need, sender=ask.message.sender),
        ]
        return Reply(language, tuple(blocks), intent="initiative.form")
    question, problem = start_dialog(ask.ctx, ask.message, language, need=need)
    if problem is None:
        blocks.append(Paragraph(t(language, "propose.free_text.dialog")))
    else:
        blocks += [
            Paragraph(t(language, "propose.free_text.not_used", problem=problem.rstrip("."))),
            Paragraph(t(language, "initiative.dialog.start")),
        ]
    blocks.append(question)
    return Reply(language, tuple(blocks), intent="initiative.dialog")


def _explanation(language: Language) -> list[Block]:
    """What the form asks, from the form's own field labels, so a new field shows up here too."""
    labels = [t(language, f"initiative.field.{name}") for name in FIELD_ORDER]
    fields = "; ".join(label[:1].lower() + label[1:] for label in labels)
    return [
        Paragraph(t(language, "propose.explain", fields=fields)),
        Paragraph(t(language, "propose.explain.after")),
    ]
