"""A refused form shown again: what the person typed kept, each error beside its field.

Channels whose forms vanish on submit (a Teams card posts and is done) need the form rebuilt to show
errors in place; retyping a whole initiative because one field was too short drives people away. Only
forms that can be rebuilt from their id are listed; the others fall back to a list of errors. Patient
identity numbers are never echoed back, even to the person who typed them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from handlers.context import HandlerContext
from handlers.decisions.form import FORM_ID as DECISION_FORM
from handlers.decisions.form import rebuilt_decision_form
from handlers.forms import FormSubmission
from handlers.frames.reorder_form import FORM_ID as REORDER_FORM
from handlers.frames.reorder_form import rebuilt_reorder_form
from handlers.initiatives.form_spec import FORM_ID as INITIATIVE_FORM
from handlers.initiatives.form_spec import intake_form
from handlers.initiatives.identity_numbers import contains_identity_number
from handlers.meetings.meeting_form import FORM_ID as MEETING_FORM
from handlers.meetings.meeting_form import meeting_form
from handlers.messages import Language
from handlers.replies import Block, Form, FormField, Paragraph, Reply
from handlers.texts import t

REBUILDERS: dict[str, Callable[[HandlerContext, Language, str], Form | None]] = {
    INITIATIVE_FORM: lambda ctx, language, _: intake_form(ctx, language),
    MEETING_FORM: lambda ctx, language, _: meeting_form(ctx, language),  # a date warning is confirmed
    DECISION_FORM: rebuilt_decision_form,  # the meeting's cases again, from the form's context
    REORDER_FORM: rebuilt_reorder_form,  # the domain's list again, from the form's context
}


def form_with_errors(ctx: HandlerContext, submission: FormSubmission, errors: dict[str, str]) -> Reply:
    language = submission.language
    rebuild = REBUILDERS.get(submission.form_id)
    form = rebuild(ctx, language, submission.context) if rebuild is not None else None
    if form is None:
        lines = "\n".join(f"{name}: {message}" for name, message in errors.items())
        blocks: tuple[Block, ...] = (Paragraph(t(language, "channel.form_fix")), Paragraph(lines))
        return Reply(language, blocks, "form.errors")
    fields = tuple(_refilled(field, submission, errors) for field in form.fields)
    names = {field.name for field in fields}
    loose = [Paragraph(message) for name, message in errors.items() if name not in names]
    refilled = replace(form, fields=fields, context=submission.context)
    return Reply(language, (Paragraph(t(language, "channel.form_fix")), *loose, refilled), "form.errors")


def _refilled(field: FormField, submission: FormSubmission, errors: dict[str, str]) -> FormField:
    """A value holding an identity number is not sent back: the error says why the field is empty."""
    value = submission.values.get(field.name)
    parts = value if isinstance(value, list) else [value or ""]
    if not value or any(contains_identity_number(part) for part in parts):
        return replace(field, error=errors.get(field.name))
    initial = tuple(value) if isinstance(value, list) else value
    return replace(field, initial=initial, error=errors.get(field.name))
