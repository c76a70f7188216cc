"""The status answer reads the initiative with everything it shows in one statement (`status_row`): at most
three statements in all (the asker, the initiative, its history), whoever asks. Counting statements is
behaviour, not timing: each is a round trip to PostgreSQL, most of a status answer's time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from handlers.dispatch import handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.identity import resolve_actor
from handlers.initiatives.status import answer_status
from handlers.messages import IncomingMessage, Sender
from tests.initiatives.conftest import valid_values

SECRETARIAT = "silje-kristiansen"  # secretariat of every domain board in hso-2026: sees everything
OUTSIDER = "knut-johnsen"  # a CEO, not on the Prehospital board: sees the summary

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


@contextmanager
def _statements(store: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.startswith(TRANSACTION_CONTROL):  # SQLite's BEGIN is sent as a statement
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def _answer(context: Any, sender: Sender, reference: str) -> tuple[str, int]:
    """The status answer as `answer_initiative_status` gives it: the asker, then `answer_status`."""
    with _statements(context.store) as seen, context.store.read() as session:
        actor = resolve_actor(session, context.store.model_id, sender)
        text = answer_status(context, session, reference, actor, "nb").text
    return text, len(seen)


def _submit_spanning(context: Any, clinician: Sender) -> None:
    """An initiative with two trusts, a system and three domains (routing spans them), moved once."""
    values = valid_values(systems=["DIPS", "Helsenorge"])
    result = handle_form(FormSubmission("initiative", values, clinician, "nb", "s-1"), context)
    assert result.ok, result.errors
    reply = handle_message(
        IncomingMessage("sett INI-2026-0001 til under vurdering", Sender("terminal", SECRETARIAT)), context
    )
    assert "under vurdering" in reply.text


def test_the_full_answer_takes_three_statements_for_the_submitter_and_the_board(
    clocked: Any, clinician: Sender
) -> None:
    _submit_spanning(clocked, clinician)

    for sender in (clinician, Sender("terminal", SECRETARIAT)):
        text, statements = _answer(clocked, sender, "INI-2026-0001")
        assert statements <= 3, (sender, statements)
        assert "Helseforetak:       OUS, Ahus" in text and "Systemer:           DIPS, Helsenorge" in text, (
            text
        )
        assert "Historikk" in text and "innmeldt → under vurdering" in text, text
        assert "Berørte områder:    Prehospital, Pasientbehandling, " in text, text  # routing spans three


def test_the_summary_and_an_unknown_reference_take_fewer(clocked: Any, clinician: Sender) -> None:
    _submit_spanning(clocked, clinician)

    text, statements = _answer(clocked, Sender("terminal", OUTSIDER), "INI-2026-0001")
    assert statements <= 2 and "kortversjon" in text and "Helsenorge" not in text, (statements, text)
    text, statements = _answer(clocked, Sender("terminal", OUTSIDER), "INI-2026-0999")
    assert statements <= 2 and "INI-2026-0999" in text, (statements, text)
