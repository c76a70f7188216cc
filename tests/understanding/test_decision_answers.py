"""What a body decided about an initiative: from the lifecycle's audit rows, found by reference or words."""

from __future__ import annotations

from typing import Any

from handlers.answers.decisions import answer_initiative_decision
from handlers.context import HandlerContext
from handlers.forms import FormSubmission, handle_form
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.messages import Sender
from tests.initiatives.conftest import valid_values
from tests.understanding.asks import make_ask

SECRETARIAT = "silje-kristiansen"  # secretariat of every domain board in hso-2026
SUBMITTER = Sender("slack", "U123CLIN", "Ola Klinikersen")


def _submit(ctx: HandlerContext, sid: str, **overrides: Any) -> None:
    result = handle_form(FormSubmission("initiative", valid_values(**overrides), SUBMITTER, "nb", sid), ctx)
    assert result.ok, result.errors


def _move(ctx: HandlerContext, reference: str, state: str, reason: str | None = None) -> None:
    outcome = move_initiative(
        ctx, MoveRequest(reference, state, reason), sender=Sender("test", SECRETARIAT), language="nb"
    )
    assert outcome.ok, outcome.reply.text


def _ask(ctx: HandlerContext, text: str, person: str = SECRETARIAT, **slots: Any) -> str:
    reply = answer_initiative_decision(make_ask(ctx, "initiative.decision", text, person=person, **slots))
    assert reply.intent == "initiative.decision"
    return reply.text


def test_no_decision_recorded_gives_the_current_state(context: HandlerContext) -> None:
    _submit(context, "d-1", title="Ny kurveløsning for intensiv")
    _move(context, "INI-2026-0001", "under vurdering")
    text = _ask(context, "Hva besluttet porteføljestyret om kurveløsningen?", words=("kurveløsningen",))
    assert "INI-2026-0001: Ny kurveløsning for intensiv" in text
    assert "ikke registrert noen beslutning" in text and "under vurdering" in text


def test_the_last_decision_with_its_reason_for_the_board(context: HandlerContext) -> None:
    _submit(context, "d-1", title="Ny kurveløsning for intensiv")
    _move(context, "INI-2026-0001", "prioritert")
    _move(context, "INI-2026-0001", "avvist", "dekkes av eksisterende løsning")
    text = _ask(context, "Hva ble besluttet om INI-2026-0001?", reference="INI-2026-0001")
    assert "Siste registrerte beslutning: avvist" in text
    assert "Begrunnelse: dekkes av eksisterende løsning" in text


def test_others_see_the_decision_but_not_the_reason(context: HandlerContext) -> None:
    _submit(context, "d-1", title="Ny kurveløsning for intensiv")
    _move(context, "INI-2026-0001", "parkert", "venter på budsjett 2027")
    ask = make_ask(
        context,
        "initiative.decision",
        "What was decided about INI-2026-0001?",
        language="en",
        person="knut-johnsen",
        reference="INI-2026-0001",
    )
    text = answer_initiative_decision(ask).text
    assert "Last recorded decision: parked" in text
    assert "budsjett" not in text


def test_several_matches_are_listed_and_none_is_said(context: HandlerContext) -> None:
    _submit(context, "d-1", title="Ny kurveløsning for intensiv")
    _submit(context, "d-2", title="Kurveløsning for barneavdelingen")
    text = _ask(context, "Hva ble besluttet om kurveløsning?", words=("kurveløsning",))
    assert "Flere initiativer passer" in text
    assert "INI-2026-0001" in text and "INI-2026-0002" in text
    assert "Jeg finner ikke noe initiativ" in _ask(context, "om sykkelparkering?", words=("sykkelparkering",))
    assert "Fant ikke initiativet INI-2026-0099" in _ask(context, "INI-2026-0099?", reference="INI-2026-0099")
    assert "Oppgi referansen" in _ask(context, "Hva ble besluttet?")


def test_words_not_all_in_one_title_are_offered_not_assumed(context: HandlerContext) -> None:
    _submit(context, "d-1", title="Ny kurveløsning for intensiv")
    text = _ask(context, "kurveløsning barnekirurgi?", words=("kurveløsning", "barnekirurgi"))
    assert "nærmest" in text and "INI-2026-0001" in text
    assert "beslutning" not in text
