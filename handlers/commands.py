"""What is settled before anything is understood: button clicks, an open dialog, fixed-syntax commands.

These are not questions to interpret. A button carries its action; an open intake dialog owns the
user's next message (their answer to its question); and the commands that change the store have a
grammar of their own («sett INI-2026-0001 til avvist fordi …», «sett oppdrag 14 til gul: …», «send
påminnelser 3», «påminn de som mangler saksdokumenter til møtet 14. desember», «vedtak sak 12-2027 i
Pasientbehandling: vedtatt. …», «registrer vedtak for møtet 14.12.2026» (the decision form), «send referat 3 til kommentar innen 10.12.2026», «flytt sak 4 til møtet
17.03.2027», «trekk sak 4: …», «sett sak 4 først», «legg INI-2026-0004 på møtet 14.12.2026», «saksgrunnlag levert for sak 4»,
«prioriter INI-2026-0004 som nr. 1», «endre prioriteringsrekkefølgen for Pasientbehandling» (the reorder
form), «sett budsjettår for INI-2026-0004 til 2027»), parsed exactly, so a state change never rests on a classifier's guess. A message
none of them claims goes on to the understanding step (handlers/dispatch.py).
"""

from __future__ import annotations

from collections.abc import Callable

from handlers.assignments.set_command import SET as SET_ASSIGNMENT
from handlers.assignments.set_command import answer_assignment_command
from handlers.context import HandlerContext
from handlers.decisions.chat import RECORD as RECORD_DECISION
from handlers.decisions.chat import answer_decision_command
from handlers.decisions.form import OPEN_ACTION as OPEN_DECISION_FORM
from handlers.decisions.form import TRIGGER as DECISION_FORM
from handlers.decisions.form import answer_decision_form
from handlers.followups import chat as followups_chat
from handlers.frames import budget_year, priority_chat, reorder_form
from handlers.initiatives.dialog import _in_dialog, answer_initiative_dialog
from handlers.initiatives.move_command import MOVE as MOVE_INITIATIVE
from handlers.initiatives.move_command import answer_move_command
from handlers.meetings import agenda_add_commands, chase_chat
from handlers.meetings.agenda_commands import answer_agenda_command, is_agenda_command
from handlers.meetings.reminder_commands import CHASE, answer_meeting_command
from handlers.meetings.reminder_commands import SEND as SEND_REMINDERS
from handlers.messages import IncomingMessage, Language
from handlers.minutes import chat as minutes_chat
from handlers.replies import Reply
from handlers.secretariat.buttons import ACTIONS as SECRETARIAT_ACTIONS
from handlers.secretariat.responder import answer_secretariat_button

Command = Callable[[IncomingMessage, HandlerContext, Language], Reply | None]


def answer_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    """The reply when the message is a click, a dialog answer or a command; None for everything else."""
    command = _command_for(message, ctx)
    return command(message, ctx, language) if command is not None else None


def is_command(message: IncomingMessage) -> bool:
    """A click or a fixed-syntax command (whether or not the sender may use it)."""
    return bool(message.data) or _grammar_for(message.text) is not None


def _command_for(message: IncomingMessage, ctx: HandlerContext) -> Command | None:
    action = message.data.get("action", "")
    if action in SECRETARIAT_ACTIONS:
        return answer_secretariat_button
    if action == chase_chat.SEND_ACTION:
        return answer_meeting_command
    if action == OPEN_DECISION_FORM:
        return answer_decision_form
    if action == reorder_form.OPEN_ACTION:
        return reorder_form.answer_reorder_form
    if _grammar_for(message.text) is not None:
        return _grammar_for(message.text)
    if _in_dialog(ctx, message):
        return answer_initiative_dialog
    return None


def _grammar_for(text: str) -> Command | None:
    text = text.strip()
    if priority_chat.matches(text):
        return priority_chat.answer_priority_command
    if reorder_form.matches(text):
        return reorder_form.answer_reorder_form
    if budget_year.matches(text):
        return budget_year.answer_budget_year_command
    if MOVE_INITIATIVE.match(text):
        return answer_move_command
    if SET_ASSIGNMENT.match(text):
        return answer_assignment_command
    if SEND_REMINDERS.match(text) or CHASE.match(text):
        return answer_meeting_command
    if DECISION_FORM.match(text):
        return answer_decision_form
    if RECORD_DECISION.match(text):
        return answer_decision_command
    if followups_chat.matches(text):
        return followups_chat.answer_followup_command
    if minutes_chat.matches(text):
        return minutes_chat.answer_minutes_command
    if is_agenda_command(text):
        return answer_agenda_command
    if agenda_add_commands.matches(text):
        return agenda_add_commands.answer_add_or_delivered
    return None
