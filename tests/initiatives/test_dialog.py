"""The chat intake dialog: step by step, back and cancel, routing choice, state kept in the store."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import func, select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from models.tables import Initiative, InitiativeDialog
from tests.initiatives.test_identity_numbers import generate
from tests.outbox import deliver

USER = Sender(platform="terminal", user_id="hakon-moen")


def _say(context: Any, text: str, conversation: str = "c1") -> str:
    return handle_message(IncomingMessage(text, USER, conversation_id=conversation), context).text


ANSWERS = [
    "Kartvisning av ledige ambulanser",
    "AMK-operatørene mangler oversikt over hvor ledige ambulanser befinner seg.",
    "Vis ambulansenes posisjon og status på kart i AMK-løsningen.",
    "Raskere disponering, til nytte for pasienter og operatører.",
    "OUS, Ahus",
    "-",
    "10-20",
    "-",
    "Håkon Moen",
]


def test_dialog_submits_with_receipt_after_confirming_the_domain(clocked: Any) -> None:
    assert "La oss melde inn" in _say(clocked, "nytt initiativ")
    for answer in ANSWERS:
        reply = _say(clocked, answer)
    assert "Jeg foreslår" in reply and "Prehospital" in reply
    receipt = _say(clocked, "ja")

    assert "INI-2026-0001" in receipt and "Prehospital" in receipt
    with clocked.store.read() as session:
        assert session.scalar(select(func.count()).select_from(InitiativeDialog)) == 0
        row = session.scalar(select(Initiative))
        assert row.submitter_person_key == "hakon-moen" and row.investment_max_mnok == 20.0
    assert any(n.kind == "initiative.submitted" for n in deliver(clocked))


def test_back_cancel_and_per_step_errors(clocked: Any) -> None:
    _say(clocked, "new initiative")
    assert "at least 5" in _say(clocked, "Hi")
    _say(clocked, ANSWERS[0])
    assert "title" in _say(clocked, "back")
    _say(clocked, ANSWERS[0])
    number = generate(random.Random(3))
    refused = _say(clocked, f"Patient {number} waited for the ambulance in the emergency department.")
    assert "identity number" in refused and number not in refused
    assert "nothing was stored" in _say(clocked, "cancel")
    with clocked.store.read() as session:
        assert session.scalar(select(func.count()).select_from(InitiativeDialog)) == 0
        assert session.scalar(select(func.count()).select_from(Initiative)) == 0


def test_dialog_survives_a_restart_and_lets_the_user_pick_another_domain(clocked: Any) -> None:
    _say(clocked, "meld inn initiativ")
    for answer in ANSWERS[:4]:
        _say(clocked, answer)
    restarted = HandlerContext(store=clocked.store, clock=clocked.clock)  # fresh caches, same database
    for answer in ANSWERS[4:]:
        _say(restarted, answer)
    receipt = _say(restarted, "Helsesamhandling")
    assert "INI-2026-0001" in receipt and "Helsesamhandling" in receipt


def test_out_of_scope_is_explained_with_the_option_to_submit_anyway(clocked: Any) -> None:
    _say(clocked, "nytt initiativ")
    answers = list(ANSWERS)
    answers[2] = "Et innovasjonsprosjekt med prototype for kartvisning av ambulanser i AMK."
    for answer in answers:
        reply = _say(clocked, answer)
    assert "Innovasjon" in reply and "likevel" in reply
    assert "Jeg foreslår" in _say(clocked, "ja")
    assert "INI-2026-0001" in _say(clocked, "1")
    with clocked.store.read() as session:
        assert session.scalar(select(Initiative.out_of_scope_key)) == "innovasjonsprosjekter"


def test_trusts_are_taken_as_people_write_them(clocked: Any) -> None:
    """Issue 15: the dialog refused «Sykehuset Østfold» and «vestre viken»; only abbreviations worked.
    Full names without «HF», keys written with a space, and a clear typo are accepted; a bare «Sykehuset»,
    which could be any of six, is refused and named back."""
    _say(clocked, "nytt initiativ")
    for answer in ANSWERS[:4]:
        _say(clocked, answer)
    refused = _say(clocked, "Sykehuset")
    assert "Sykehuset" in refused and "Jeg foreslår" not in refused
    _say(clocked, "Sykehuset Østfold, vestre viken, Oslo universitetssykehus, Akershus universitetsykehus")
    for answer in ANSWERS[5:]:
        reply = _say(clocked, answer)
    assert "Jeg foreslår" in reply
    _say(clocked, "ja")
    with clocked.store.read() as session:
        row = session.scalar(select(Initiative))
        assert {t.trust_key for t in row.trusts} == {"sykehuset-ostfold", "vestre-viken", "ous", "ahus"}
