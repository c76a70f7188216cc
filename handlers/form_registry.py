"""Which feature handles which form; each feature adds one entry."""

from __future__ import annotations

from handlers.decisions import form as decision_form
from handlers.forms import FormHandler
from handlers.frames import reorder_form
from handlers.initiatives.intake import handle_initiative_form
from handlers.meetings import meeting_form
from handlers.secretariat import forms as secretariat_forms

FORM_HANDLERS: dict[str, FormHandler] = {
    "initiative": handle_initiative_form,
    secretariat_forms.REJECT_FORM: secretariat_forms.handle_reject,
    secretariat_forms.REASSIGN_FORM: secretariat_forms.handle_reassign,
    secretariat_forms.ASK_FORM: secretariat_forms.handle_ask,
    meeting_form.FORM_ID: meeting_form.submit_meeting_form,
    decision_form.FORM_ID: decision_form.submit_decision_form,
    reorder_form.FORM_ID: reorder_form.submit_reorder_form,
}
