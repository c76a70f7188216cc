"""Proposals: how to propose (explained, then the form or the dialog) and a proposal written as free text
(the form with the text as its need, or the dialog with the need already answered)."""

from __future__ import annotations

from sqlalchemy import select

from handlers.answers.proposals import answer_propose_free_text, answer_propose_how
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Form
from models.tables import InitiativeDialog
from tests.understanding.asks import make_ask

NEED = "Vi på intensiv trenger bedre oversikt over ledige senger"
SYNTHETIC_NUMBER = "01010750160"  # a published synthetic fødselsnummer


def _form(reply) -> Form:  # type: ignore[no-untyped-def]
    return next(b for b in reply.blocks if isinstance(b, Form))


def test_how_explains_and_offers_the_form_on_slack(context: HandlerContext) -> None:
    reply = answer_propose_how(make_ask(context, "propose.how", "Hvordan foreslår jeg noe?", channel="slack"))
    assert reply.intent == "initiative.form"
    assert "behov eller problem" in reply.text and "referansenummer" in reply.text
    assert "områdestyret som eier systemene" in reply.text
    form = _form(reply)
    assert form.form_id == "initiative"
    assert next(f for f in form.fields if f.name == "need").initial is None


def test_how_in_english_on_teams(context: HandlerContext) -> None:
    ask = make_ask(context, "propose.how", "How do I suggest something?", language="en", channel="teams")
    reply = answer_propose_how(ask)
    assert reply.language == "en" and reply.intent == "initiative.form"
    assert "reference" in reply.text and "domain board that owns the systems" in reply.text
    assert _form(reply).title == "Propose an initiative"


def test_how_in_the_terminal_starts_the_dialog(context: HandlerContext) -> None:
    reply = answer_propose_how(make_ask(context, "propose.how", "Hvordan melder jeg inn et forslag?"))
    assert reply.intent == "initiative.dialog"
    assert not any(isinstance(b, Form) for b in reply.blocks)
    assert "Hva er tittelen" in reply.text
    with context.store.read() as session:
        row = session.scalar(select(InitiativeDialog))
        assert row is not None and row.step == "title" and "need" not in row.answers


def test_free_text_prefills_the_need_in_the_form_and_quotes_it(context: HandlerContext) -> None:
    reply = answer_propose_free_text(make_ask(context, "propose.free_text", NEED, channel="web"))
    assert reply.intent == "initiative.form"
    assert f"«{NEED}»" in reply.text
    assert next(f for f in _form(reply).fields if f.name == "need").initial == NEED


def test_free_text_in_english(context: HandlerContext) -> None:
    text = "I'd like to suggest an improvement to the discharge process for elderly patients"
    reply = answer_propose_free_text(
        make_ask(context, "propose.free_text", text, language="en", channel="slack")
    )
    assert "sounds like a proposal" in reply.text and f"“{text}”" in reply.text
    assert next(f for f in _form(reply).fields if f.name == "need").initial == text


def test_free_text_in_the_terminal_answers_the_need_and_skips_it(context: HandlerContext) -> None:
    reply = answer_propose_free_text(make_ask(context, "propose.free_text", NEED))
    assert reply.intent == "initiative.dialog"
    assert f"«{NEED}»" in reply.text and "Hva er tittelen" in reply.text
    with context.store.read() as session:
        row = session.scalar(select(InitiativeDialog))
        assert row is not None and row.answers["need"] == NEED and row.step == "title"
    # the next message goes on to the change: the need is not asked again
    message = IncomingMessage("Oversikt over ledige senger", Sender("test", "kari-nordmann"))
    following = handle_message(message, context)
    assert "Hvilken endring foreslår du?" in following.text
    assert "Hvilket behov" not in following.text


def test_a_too_short_need_is_not_kept_and_is_asked_for_in_its_turn(context: HandlerContext) -> None:
    reply = answer_propose_free_text(make_ask(context, "propose.free_text", "Bedre senger"))
    assert "«Bedre senger»" in reply.text and "kunne ikke bruke teksten" in reply.text
    with context.store.read() as session:
        row = session.scalar(select(InitiativeDialog))
        assert row is not None and "need" not in row.answers


def test_an_identity_number_is_refused_and_never_echoed(context: HandlerContext) -> None:
    text = f"Pasient {SYNTHETIC_NUMBER} trenger bedre oppfølging etter utskrivning fra sykehuset"
    for channel in ("slack", "terminal"):
        reply = answer_propose_free_text(make_ask(context, "propose.free_text", text, channel=channel))
        assert reply.intent == "guard.identity_number"
        assert SYNTHETIC_NUMBER not in reply.text
        assert not any(isinstance(b, Form) for b in reply.blocks)
    with context.store.read() as session:
        assert session.scalar(select(InitiativeDialog)) is None
