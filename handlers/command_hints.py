"""When someone asks for a state change in their own words: how to say it so it is done.

Changes of state are carried out only from their exact grammar (handlers/commands.py), so a classifier's
guess never moves an initiative or sends reminders. A message understood as such a request, but not in
that grammar, gets the command to write, filled in with what the message named.
"""

from __future__ import annotations

from handlers.meetings.formatting import day
from handlers.meetings.meeting_form import FORM_CHANNELS, meeting_form
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask


def answer_move_how(ask: Ask) -> Reply:
    reference = ask.slots.reference or "INI-2026-0001"
    text = t(ask.language, "command.move.how", reference=reference)
    return Reply(ask.language, (Paragraph(text),), intent="initiative.move.how")


def answer_chase_how(ask: Ask) -> Reply:
    slots = ask.slots
    when = (
        day(ask.language, slots.day)
        if slots.day
        else ("14.12.2026" if ask.language == "nb" else "2026-12-14")
    )
    body = slots.body.item.name if slots.body else "Pasientbehandling"
    text = t(ask.language, "command.chase.how", when=when, body=body)
    return Reply(ask.language, (Paragraph(text),), intent="meetings.chase.how")


def answer_meeting_plan(ask: Ask) -> Reply:
    """The meeting form where a channel shows forms; the CLI command in the terminal."""
    if ask.message.channel not in FORM_CHANNELS:
        hint = Paragraph(t(ask.language, "meetingform.terminal_hint"))
        return Reply(ask.language, (hint,), intent="meeting.form")
    return Reply(ask.language, (meeting_form(ask.ctx, ask.language),), intent="meeting.form")
