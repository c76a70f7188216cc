"""A tiny form used only by the channel tests, registered in the registries the way a feature would.

It proves the plumbing (modal/card/HTML form → FormSubmission → field errors or a receipt) independently
of the initiative form's rules. It stores an audit row so "nothing stored on bad input" can be checked.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from handlers.context import HandlerContext
from handlers.forms import FormResult, FormSubmission
from handlers.replies import Facts, Form, FormField, Paragraph, Reply
from handlers.understanding.asking import Ask
from models.audit import record
from models.tables import AuditEntry

FORM_ID = "test-idea"
TRIGGER = "nytt initiativ"


def idea_form() -> Form:
    fields = (
        FormField("title", "Tittel", required=True, max_length=120),
        FormField("description", "Beskrivelse", kind="textarea"),
    )
    return Form(FORM_ID, "Ny idé", fields, "Send inn", context="ctx-1")


def respond_with_form(ask: Ask) -> Reply:
    """Stands in for the initiative form's responder: «nytt initiativ» is understood as that intent."""
    return Reply(ask.language, (idea_form(),), intent="test.form")


def handle_idea(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    title = str(submission.values.get("title", "")).strip()
    if len(title) < 5:
        return FormResult(errors={"title": "Tittelen må ha minst 5 tegn."})
    with ctx.store.session() as session:
        record(
            session,
            actor=submission.sender.user_id,
            action="test.idea",
            entity_type="test-idea",
            entity_ref=submission.submission_id[:120],
            after={"title": title, "context": submission.context},
        )
        reference = f"IDEA-{session.scalar(select(func.count()).select_from(AuditEntry)) or 0}"
    return FormResult(
        reply=Reply(submission.language, (Paragraph("Mottatt."), Facts((("Referanse", reference),))))
    )


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    from handlers.form_registry import FORM_HANDLERS
    from handlers.understanding.registry import responders

    monkeypatch.setitem(responders(), "initiative.form", respond_with_form)
    monkeypatch.setitem(FORM_HANDLERS, FORM_ID, handle_idea)


def stored_ideas(ctx: HandlerContext) -> list[dict]:
    with ctx.store.read() as session:
        return [
            row
            for row in session.scalars(select(AuditEntry.after).where(AuditEntry.entity_type == "test-idea"))
        ]
