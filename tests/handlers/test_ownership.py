"""Who owns what, asked the way people ask it, answered from the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from models.repositories.governance import roster
from models.store import open_store


def ask(ctx: HandlerContext, text: str, **kwargs: object):
    return handle_message(IncomingMessage(text=text, sender=Sender("test", "u1"), **kwargs), ctx)


def roster_names(ctx: HandlerContext, body_key: str, role: str) -> list[str]:
    with ctx.store.read() as session:
        return [e.name for e in roster(session, ctx.store.model_id, body_key) if e.role == role]


def test_norwegian_question_names_domain_and_the_people_who_run_it(context: HandlerContext) -> None:
    reply = ask(context, "Hvem eier DIPS?")
    assert reply.language == "nb"
    assert reply.intent == "who_owns"
    assert "Pasientbehandling" in reply.text
    board = context.model.domain("pasientbehandling").board
    for role in ("owner", "deputy_owner", "domain_leader", "secretariat"):
        names = roster_names(context, board, role)
        assert names, f"the preset has nobody with role {role}"
        assert all(name in reply.text for name in names)
    assert "Områdeeier" in reply.text and "Områdeleder" in reply.text


def test_english_question_gets_english_answer_naming_helsesamhandling(context: HandlerContext) -> None:
    reply = ask(context, "Which domain owns Helsenorge?")
    assert reply.language == "en"
    assert "Helsesamhandling" in reply.text
    assert "is owned by" in reply.text
    assert "Domain owner" in reply.text


@pytest.mark.parametrize(
    ("question", "system"),
    [
        ("hvem eier helsenorgee", "Helsenorge"),
        ("Hvem eier dips arena?", "DIPS"),
        ("Hvem har ansvar for AMK-løsningen?", "AMK"),
        ("who owns kjernejournl", "Kjernejournal"),
    ],
)
def test_misspelled_and_inflected_names_still_find_the_system(
    context: HandlerContext, question: str, system: str
) -> None:
    reply = ask(context, question)
    assert reply.intent == "who_owns"
    assert system in reply.text.splitlines()[0]


def test_a_fuzzy_match_is_stated_as_an_interpretation_not_a_fact(context: HandlerContext) -> None:
    reply = ask(context, "hvem eier helsenorgee")
    assert "Jeg tolker «helsenorgee» som Helsenorge" in reply.text


def test_unknown_system_says_so_and_offers_the_closest_matches(context: HandlerContext) -> None:
    reply = ask(context, "Hvem eier Journalsystemet Fantasia 3000?")
    assert reply.intent == "who_owns.unknown"
    assert "finnes ikke i systemkatalogen" in reply.text
    assert "eies av" not in reply.text


def test_unknown_system_in_english(context: HandlerContext) -> None:
    reply = ask(context, "Which domain owns Zorblax?")
    assert reply.language == "en"
    assert "is not in the system catalogue" in reply.text


def test_cross_cutting_system_names_the_coordinating_domain(context: HandlerContext) -> None:
    with context.store.read() as session:
        from handlers.lookup.catalogue import catalogue_view

        view = catalogue_view(context, session)
    cross = next(e for e in view.entries if e.cross_domain_keys and e.coordinating_domain_key)
    reply = ask(context, f"Hvem eier {cross.name}?")
    coordinating = context.model.domain(cross.coordinating_domain_key).name
    assert "Tverrgående" in reply.text
    assert f"Koordinerende område: {coordinating}" in reply.text


def test_domain_question_describes_content_and_people(context: HandlerContext) -> None:
    reply = ask(context, "Hva dekker Prehospital?")
    assert reply.intent == "domain_info"
    assert "AMK" in reply.text
    assert "Områdeeier" in reply.text


def test_domain_question_in_english(context: HandlerContext) -> None:
    reply = ask(context, "What does Helsesamhandling cover?")
    assert reply.language == "en"
    assert reply.intent == "domain_info"
    assert "Covers:" in reply.text


def test_list_domains_hso_has_nine(context: HandlerContext) -> None:
    reply = ask(context, "hvilke områdestyrer finnes?")
    assert reply.intent == "list_domains"
    for domain in context.model.domains:
        assert domain.name in reply.text
    assert len(context.model.domains) == 9


def test_list_domains_helse_nord(database_url: str) -> None:
    store = open_store(database_url, "helse-nord-2026")
    try:
        reply = ask(HandlerContext(store=store), "hvilke områdestyrer finnes?")
        assert "Helse Nord" in reply.text
        assert "Digitaliseringsstyret" in reply.text
        for domain in store.model.domains:
            assert domain.name in reply.text
    finally:
        store.close()


@pytest.mark.parametrize(("text", "language"), [("hjelp", "nb"), ("help", "en"), ("What can you do?", "en")])
def test_help_in_both_languages(context: HandlerContext, text: str, language: str) -> None:
    reply = ask(context, text)
    assert reply.intent == "help"
    assert reply.language == language


def test_explicit_language_wins(context: HandlerContext) -> None:
    reply = ask(context, "Hvem eier DIPS?", language="en")
    assert reply.language == "en"
    assert "is owned by" in reply.text


def test_gibberish_gets_a_polite_hint(context: HandlerContext) -> None:
    reply = ask(context, "blåbærsyltetøy er godt på vafler med brunost")
    assert reply.intent in ("unknown", "who_owns.unknown")
    assert "hjelp" in reply.text


def test_short_abbreviations_are_not_offered_as_fuzzy_suggestions(context: HandlerContext) -> None:
    reply = ask(context, "hvem eier Fantasia?")
    assert reply.intent == "who_owns.unknown"
    assert "Active Directory" not in reply.text  # its alias "IAM" resembles any short word
