"""The glossary (issue 13): «Hva er FTL?» asked as a user would, through `handle_message`, in both languages
and on both presets, answered with the term's meaning and the seed it comes from.

The assertions hold the seeds' own words (seed 001's «Felles TjenesteLeverandør for IKT», seed 002 §3's
«standardisering og IKT-infrastrukturmodernisering», seed 003's list of abbreviations), not the preset's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Reply
from models.governance.files import load_model
from models.governance.provenance import unsourced
from tests.understanding.asks import open_nord


@pytest.fixture
def nord(database_url: str) -> Iterator[HandlerContext]:
    yield from open_nord(database_url)


def ask(ctx: HandlerContext, text: str) -> Reply:
    return handle_message(IncomingMessage(text, Sender("terminal", "kari-nordmann"), channel="terminal"), ctx)


def test_ftl_is_the_shared_it_supplier_of_seed_001_not_the_list_of_boards(context: HandlerContext) -> None:
    """Seed 001 (board meeting 19 June 2008): «Felles TjenesteLeverandør for IKT (FTL) som en
    forretningsenhet i Sykehuspartner»."""
    reply = ask(context, "Hva er FTL?")

    assert reply.intent == "model.glossary" and reply.language == "nb"
    assert "Felles tjenesteleverandør for IKT" in reply.text and "Sykehuspartner" in reply.text
    assert "Kilde: Sak 001" in reply.text
    assert "Områdestyrer i" not in reply.text


def test_stim_is_the_infrastructure_programme_outside_the_portfolio(context: HandlerContext) -> None:
    """Seed 002 §3: the portfolio board is not responsible for «Programmet STIM (standardisering og
    IKT-infrastrukturmodernisering) i Sykehuspartner HF»."""
    reply = ask(context, "hva betyr STIM")

    assert reply.intent == "model.glossary"
    assert "standardisering og IKT-infrastrukturmodernisering" in reply.text
    assert "sak 002) §3" in reply.text


def test_sykehuspartner_in_english_is_the_domain_boards_secretariat(context: HandlerContext) -> None:
    """Seed 000 §2.3: «Sykehuspartner HF utøver sekretariatsfunksjon»; the domain leader comes from it."""
    reply = ask(context, "What is Sykehuspartner?")

    assert reply.intent == "model.glossary" and reply.language == "en"
    assert "secretariat" in reply.text and "domain leader" in reply.text
    assert "Source: Sak 000 §2.3" in reply.text
    assert "Domain boards in" not in reply.text


def test_a_domain_owner_chairs_the_board_and_decides_up_to_50_mnok(context: HandlerContext) -> None:
    """Seed 000 §2.3: «Områdeeier fra Helse Sør-Øst RHF, som også leder områdestyret»; §2.4: «inntil 50
    millioner kroner»."""
    for text, words in (
        (
            "hva er en områdeeier?",
            ("Områdeeier", "Lederen av et områdestyre", "50 millioner", "Kilde: Sak 000 §2.3"),
        ),
        ("what is a domain owner?", ("Domain owner (områdeeier)", "chair", "NOK 50 million", "Source:")),
    ):
        reply = ask(context, text)
        assert reply.intent == "model.glossary", text
        assert all(word in reply.text for word in words), reply.text


def test_an_abbreviation_the_seed_does_not_use_is_said_to_be_assumed(context: HandlerContext) -> None:
    """Seed 002 §5 names «arbeidsutvalget for porteføljestyret» but never writes «AU»."""
    reply = ask(context, "hva betyr AU?")

    assert reply.intent == "model.glossary"
    assert "arbeidsutvalget" in reply.text.lower() and "konserntillitsvalgte" in reply.text
    assert "Kilde: Mandat for regionalt porteføljestyre (sak 002) §5" in reply.text
    assert "Antatt: mandatet skriver arbeidsutvalget fullt ut" in reply.text


def test_two_terms_in_one_question_are_both_explained(context: HandlerContext) -> None:
    reply = ask(context, "hva betyr HF og RHF?")

    assert reply.intent == "model.glossary"
    assert "HF – helseforetak" in reply.text and "RHF – regionalt helseforetak" in reply.text
    assert reply.text.index("HF – helseforetak") < reply.text.index("RHF – regionalt helseforetak")


def test_a_longer_term_wins_over_the_shorter_one_inside_it(context: HandlerContext) -> None:
    """«Sykehuspartner HF» is Sykehuspartner, not «HF»; «assisterende områdeeier» is the deputy."""
    reply = ask(context, "hva er Sykehuspartner HF?")
    assert "Sykehuspartner" in reply.text and "HF – helseforetak" not in reply.text

    deputy = ask(context, "hva gjør en assisterende områdeeier?")
    assert deputy.intent == "model.glossary"
    assert "stedfortreder" in deputy.text and "50 millioner" not in deputy.text


def test_helse_nord_explains_its_own_abbreviations_from_seed_003(nord: HandlerContext) -> None:
    """Seed 003, «Forkortelser/begrep»: «HN IKT Helse Nord IKT HF», «PLL Pasientens legemiddelliste»."""
    reply = ask(nord, "Hva er HN IKT?")
    assert reply.intent == "model.glossary"
    assert "Helse Nord IKT HF" in reply.text and "porteføljesekretariat" in reply.text
    assert "Kilde: Styringskrav og rammer 2026 for HN IKT (Forkortelser)" in reply.text

    english = ask(nord, "What does PLL stand for?")
    assert english.intent == "model.glossary" and english.language == "en"
    assert "Pasientens legemiddelliste" in english.text and "Source:" in english.text


def test_helse_nord_says_a_word_of_another_region_is_not_in_its_glossary(nord: HandlerContext) -> None:
    """FTL is Helse Sør-Øst's (seed 001); seed 003 never uses it, so Helse Nord does not explain it."""
    for text, words in (
        ("Hva er FTL?", ("Jeg finner ikke «FTL» i ordlisten for Helse Nord", "HN IKT")),
        ("What is FTL?", ("I cannot find “FTL” in the glossary for Helse Nord", "HN IKT")),
    ):
        reply = ask(nord, text)
        assert reply.intent == "model.glossary", text
        assert all(word in reply.text for word in words), reply.text
        assert "Felles tjenesteleverandør" not in reply.text


def test_helse_nord_flags_the_word_domain_owner_as_borrowed(nord: HandlerContext) -> None:
    """Seed 003 §4.4: HN IKT shall «lede og eie området infrastruktur og sikkerhet»; it never says
    «områdeeier», so the explanation is marked assumed."""
    reply = ask(nord, "hva er en områdeeier?")

    assert reply.intent == "model.glossary"
    assert "lede og eie området infrastruktur og sikkerhet" in reply.text
    assert "Antatt: styringskrav 2026 bruker ikke ordet områdeeier" in reply.text


def test_every_glossary_term_of_both_presets_has_a_source_or_an_assumption() -> None:
    for preset in ("hso-2026", "helse-nord-2026"):
        model = load_model(preset).model
        assert len(model.glossary) >= 20, preset
        assert unsourced(model) == [], preset


def test_a_term_without_source_or_assumption_is_listed_as_unsourced(
    model_data: dict[str, Any], model_writer: Any, tmp_path: Path
) -> None:
    model_data["glossary"] = [{"key": "xyz", "term": "XYZ", "meaning": "Noe.", "meaning_en": "Something."}]

    model = load_model(str(model_writer(tmp_path / "m.model.yaml", model_data))).model

    assert unsourced(model) == ["glossary.xyz"]
