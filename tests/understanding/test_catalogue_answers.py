"""The catalogue questions answered from slots: each system once, «Mente du …?», never a wrong system,
and a polite "outside what I know" that looks nothing up."""

from __future__ import annotations

from handlers.answers.catalogue_intents import (
    answer_domain_info,
    answer_greeting,
    answer_help,
    answer_list_domains,
    answer_out_of_scope,
    answer_who_owns,
)
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.lookup.catalogue import catalogue_view
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Heading
from tests.understanding.asks import body_match, domain_match, make_ask


def test_who_owns_one_system(context: HandlerContext) -> None:
    with context.store.read() as session:
        systems = tuple(catalogue_view(context, session).systems.find_exact("DIPS"))
    reply = answer_who_owns(make_ask(context, "who_owns", "Hvem eier DIPS?", systems=systems))
    assert reply.intent == "who_owns"
    domain = context.model.domain(systems[0].item.domain_key)
    assert f"DIPS eies av {domain.name}" in reply.text


def test_the_same_system_twice_is_answered_once(context: HandlerContext) -> None:
    with context.store.read() as session:
        view = catalogue_view(context, session)
        dips = view.systems.find_exact("DIPS")[0]
        other = next(
            m for m in view.systems.find_exact("Hvem eier DIPS og PACS?") if m.item.id != dips.item.id
        )
    ask = make_ask(context, "who_owns", "DIPS, DIPS og PACS?", systems=(dips, dips, other))
    reply = answer_who_owns(ask)
    assert reply.text.count("DIPS eies av") == 1
    assert f"{other.item.name} eies av" in reply.text


def test_suggestions_only_ask_did_you_mean(context: HandlerContext) -> None:
    with context.store.read() as session:
        near = tuple(catalogue_view(context, session).systems.find_fuzzy("dipz"))
    ask = make_ask(context, "who_owns", "Hvem eier dipz?", system_suggestions=near, words=("dipz",))
    reply = answer_who_owns(ask)
    assert reply.intent == "who_owns.unknown"
    assert "«dipz» finnes ikke" in reply.text and "Mente du" in reply.text and "DIPS" in reply.text
    assert "eies av" not in reply.text


def test_no_system_at_all_names_no_system(context: HandlerContext) -> None:
    ask = make_ask(
        context, "who_owns", "Who owns the flux capacitor?", language="en", words=("flux", "capacitor")
    )
    reply = answer_who_owns(ask)
    assert reply.intent == "who_owns.unknown"
    assert "«flux capacitor»" in reply.text
    assert not any(isinstance(b, Heading) for b in reply.blocks)  # no system's ownership heading
    assert "is not in the system catalogue" in reply.text and "Which domain owns DIPS?" in reply.text
    bare = answer_who_owns(make_ask(context, "who_owns", "Hvem eier?"))
    assert "Hvilket system" in bare.text


def test_domain_info_from_a_domain_or_from_its_board(context: HandlerContext) -> None:
    by_domain = answer_domain_info(
        make_ask(
            context, "domain_info", "Hva dekker Prehospital?", domain=domain_match(context, "Prehospital")
        )
    )
    assert by_domain.intent == "domain_info" and "AMK" in by_domain.text
    by_board = answer_domain_info(
        make_ask(
            context,
            "domain_info",
            "Om Områdestyre Prehospital",
            body=body_match(context, "omradestyre-prehospital"),
        )
    )
    assert by_board.text == by_domain.text


def test_list_help_greeting(context: HandlerContext) -> None:
    assert answer_list_domains(make_ask(context, "list_domains", "Hvilke områder?")).intent == "list_domains"
    assert answer_help(make_ask(context, "help", "help", language="en")).language == "en"
    assert "Helse Sør-Øst" in answer_greeting(make_ask(context, "greeting", "Hei")).text


def test_out_of_scope_says_so_offers_help_and_looks_nothing_up(context: HandlerContext) -> None:
    """«DIPS» in a weather question must not become an ownership answer: no lookup at all."""
    reply = answer_out_of_scope(
        make_ask(context, "out_of_scope", "Blir det sol i morgen, DIPS?", words=("sol", "dips"))
    )
    assert reply.intent == "unknown"
    assert "forsto jeg ikke" in reply.text and "«hjelp»" in reply.text
    assert "eies av" not in reply.text
    english = answer_out_of_scope(
        make_ask(context, "out_of_scope", "What is the capital of Peru?", language="en")
    )
    assert "outside what I know" in english.text and "“help”" in english.text


def test_a_domain_question_naming_a_system_answers_with_that_systems_domain(context: HandlerContext) -> None:
    reply = handle_message(
        IncomingMessage("which domain covers payroll", Sender("terminal", "kari-nordmann")), context
    )

    assert reply.intent == "who_owns"
    assert "owned by HR-tjenester" in reply.text and "Domain boards in" not in reply.text
