"""A click on a secretariat button, from any channel, as a neutral message with `data`.

"Vurder" moves the initiative to under vurdering at once through the initiatives lifecycle (which checks
permission, locks, audits and tells the submitter). The other three need words or a choice first, so
they answer with a small form, shown only to someone allowed to use it; the form's submission is
checked again (forms.py).
"""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.messages import IncomingMessage, Language
from handlers.replies import Reply
from handlers.secretariat.access import Granted, check_access
from handlers.secretariat.buttons import ACTIONS, ASSESS
from handlers.secretariat.forms import action_form


def answer_secretariat_button(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    action = message.data.get("action", "")
    if action not in ACTIONS:
        return None
    reference = message.data.get("value", "")
    if action == ASSESS:
        request = MoveRequest(reference.strip().upper()[:40], "under_vurdering")
        return move_initiative(ctx, request, sender=message.sender, language=language).reply
    with ctx.store.read() as session:
        granted = check_access(ctx, session, reference, message.sender, language)
    if not isinstance(granted, Granted):
        return granted
    return Reply(language, (action_form(ctx, action, granted, language),), intent=f"secretariat.{action}")
