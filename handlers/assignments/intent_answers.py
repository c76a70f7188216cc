"""Intent responders for the numbered assignments (*oppdrag*): the list, and one assignment's status.

They reuse the chat views (`views.py`), so a list or a status reads the same however it was asked.
Without a number the asker's own assignments stand in («hvordan går oppdraget mitt?»); a model without
numbered assignments says so (refused.assignments.none), which answers the question too.
"""

from __future__ import annotations

from dataclasses import replace

from handlers.assignments.status import AssignmentError, current_statuses, find_assignment
from handlers.assignments.views import assignment_details, assignment_list
from handlers.identity import resolve_actor
from handlers.meetings.deadlines import local_date
from handlers.messages import Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask


def _refusal(language: Language, refusal: AssignmentError) -> Reply:
    text = t(language, refusal.key, **refusal.params)
    return Reply(language, (Paragraph(text),), intent=f"refused.{refusal.key}")


def answer_assignments_list(ask: Ask) -> Reply:
    """`assignments.list`: every assignment with its traffic light and deadline."""
    ctx, language = ask.ctx, ask.language
    if not ctx.model.assignments:
        return _refusal(language, AssignmentError("assignments.none"))
    with ctx.store.read() as session:
        statuses = current_statuses(session, ctx.store.model_id)
        return assignment_list(language, ctx.model, statuses, local_date(ctx.clock()))


def answer_assignments_status(ask: Ask) -> Reply:
    """`assignments.status`: the numbered one; without a number, the asker's own, else a question."""
    ctx, language, model = ask.ctx, ask.language, ask.ctx.model
    if not model.assignments:
        return _refusal(language, AssignmentError("assignments.none"))
    with ctx.store.read() as session:
        statuses = current_statuses(session, ctx.store.model_id)
        if ask.slots.number is not None:
            try:
                assignment = find_assignment(model, ask.slots.number)
            except AssignmentError as refusal:
                return _refusal(language, refusal)
            return assignment_details(language, model, assignment, statuses.get(assignment.number))
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        own = [a for a in model.assignments if actor.person_key and a.owner == actor.person_key]
        if not own:
            return Reply(
                language, (Paragraph(t(language, "assignments.which")),), intent="assignments.status"
            )
        if len(own) == 1:
            return assignment_details(language, model, own[0], statuses.get(own[0].number))
        theirs = model.model_copy(update={"assignments": own})
        listing = assignment_list(language, theirs, statuses, local_date(ctx.clock()))
        return replace(listing, intent="assignments.status")
