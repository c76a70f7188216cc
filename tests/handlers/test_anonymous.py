"""The visitor nobody signed in, through `handle_message`: every feature phrase that writes or is personal
gets the "sign in" sentence in the visitor's language, and nothing is stored; questions are answered."""

from __future__ import annotations

from sqlalchemy import func, select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.identity import ANONYMOUS_SENDER
from handlers.messages import IncomingMessage
from models.tables import AuditEntry, InitiativeDialog

PERSONAL_OR_WRITING = [
    ("nytt initiativ", "nb"),
    ("I want to propose a new initiative", "en"),
    ("mine initiativer", "nb"),
    ("my initiatives", "en"),
    ("status INI-2026-0001", "nb"),
    ("sett INI-2026-0001 til avvist fordi test", "nb"),
    ("hvilke initiativer venter på vurdering i Prehospital?", "nb"),
    ("søk etter initiativ om kurve", "nb"),
    ("mine frister", "nb"),
    ("send påminnelser 3", "nb"),
    ("planlegg møte", "nb"),
    ("plan a meeting", "en"),
    ("sett oppdrag 3 til grønn", "nb"),
    ("oversikt", "nb"),
    ("my overview", "en"),
]


def stored(context: HandlerContext) -> tuple[int, int]:
    with context.store.read() as session:
        audits = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        dialogs = session.scalar(select(func.count()).select_from(InitiativeDialog)) or 0
        return audits, dialogs


def test_personal_and_writing_phrases_ask_to_sign_in(context: HandlerContext) -> None:
    before = stored(context)
    answered = []
    for text, _ in PERSONAL_OR_WRITING:
        reply = handle_message(IncomingMessage(text, ANONYMOUS_SENDER, channel="web"), context)
        answered.append((reply.intent, reply.language))
    assert answered == [("sign_in.needed", language) for _, language in PERSONAL_OR_WRITING]
    assert stored(context) == before


def test_a_button_click_asks_to_sign_in(context: HandlerContext) -> None:
    message = IncomingMessage("x", ANONYMOUS_SENDER, channel="web", data={"action": "initiative.reject"})
    assert handle_message(message, context).intent == "sign_in.needed"


def test_questions_are_answered(context: HandlerContext) -> None:
    for text in (
        "hvem eier DIPS?",
        "Which domain owns Helsenorge?",
        "hjelp",
        "neste møte i Pasientbehandling",
    ):
        reply = handle_message(IncomingMessage(text, ANONYMOUS_SENDER, channel="web"), context)
        assert reply.intent != "sign_in.needed", text
        assert "Logg inn" not in reply.text and "Sign in" not in reply.text, text
