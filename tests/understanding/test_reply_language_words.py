"""An English reply says English words (issue 13): the placeholder mark and the model's own source and
assumption sentences follow the reply's language, and fall back to bokmål only where the model has no
English twin.

Asked through `handle_message`, as a board member would, on both presets.
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
from models.governance.files import ModelFileError, load_model
from models.store import open_store
from tests.understanding.asks import open_nord


@pytest.fixture
def nord(database_url: str) -> Iterator[HandlerContext]:
    yield from open_nord(database_url)


def ask(ctx: HandlerContext, text: str) -> Reply:
    return handle_message(IncomingMessage(text, Sender("terminal", "kari-nordmann"), channel="terminal"), ctx)


def test_who_chairs_the_portfolio_board_in_english_says_placeholder_and_assumed(
    context: HandlerContext,
) -> None:
    """Seed 002 §5: the board «ledes av administrerende direktør i Helse Sør-Øst RHF»; §6 says only that the
    RHF funds the secretariat, so the preset's secretariat is assumed, and its names are invented."""
    reply = ask(context, "Who chairs the portfolio board?")

    assert reply.language == "en" and reply.intent == "body.people"
    assert "(placeholder)" in reply.text and "plassholder" not in reply.text
    assert "Assumed: the mandate says only that Helse Sør-Øst RHF funds the secretariat" in reply.text
    assert "Antatt" not in reply.text and "antatt" not in reply.text
    assert "Source: Sak 000 §2.3 and the regional portfolio board mandate (sak 002)" in reply.text


def test_the_same_question_in_bokmal_keeps_the_bokmal_words(context: HandlerContext) -> None:
    reply = ask(context, "Hvem leder porteføljestyret?")

    assert reply.language == "nb"
    assert "(plassholder)" in reply.text and "(placeholder)" not in reply.text
    assert "Antatt: mandatet sier bare at Helse Sør-Øst RHF finansierer sekretariatet" in reply.text
    assert "Kilde: Sak 000 §2.3 og mandat for regionalt porteføljestyre (sak 002)" in reply.text


def test_helse_nords_assumed_delegation_limit_is_explained_in_english(nord: HandlerContext) -> None:
    """Seed 003 sets no delegation limit: the 50 MNOK is a placeholder, said so in the reply's language."""
    reply = ask(nord, "How much can a domain owner decide on their own?")

    assert reply.language == "en" and reply.intent == "model.delegation_limit"
    assert "Assumed: 50 MNOK is a placeholder equal to the HSØ model" in reply.text
    assert "plassholder" not in reply.text and "styringskrav 2026 fastsetter" not in reply.text


def test_an_assumption_without_an_english_twin_is_shown_in_bokmal(
    model_data: dict[str, Any], model_writer: Any, tmp_path: Path, database_url: str
) -> None:
    """The fallback: a model that writes its assumption once, in bokmål, still says it in English replies
    rather than saying nothing."""
    rules = model_data["rules"]
    rules.pop("delegation_source", None)
    rules["delegation_assumption"] = "grensen er satt av sekretariatet i påvente av vedtak"
    path = model_writer(tmp_path / "twinless.model.yaml", model_data)
    store = open_store(database_url, str(path))
    try:
        reply = ask(HandlerContext(store=store), "How much can a domain owner decide?")
    finally:
        store.close()

    assert reply.language == "en"
    assert "Assumed: grensen er satt av sekretariatet i påvente av vedtak." in reply.text


def test_a_model_file_may_give_a_source_in_both_languages_but_not_in_others(
    model_data: dict[str, Any], model_writer: Any, tmp_path: Path
) -> None:
    model_data["rules"]["delegation_source"] = {
        "nb": "Sak 000 §2.4 (fullmakt)",
        "en": "Sak 000 §2.4 (authority)",
    }
    loaded = load_model(str(model_writer(tmp_path / "ok.model.yaml", model_data))).model
    source = loaded.rules.delegation_source
    assert source == "Sak 000 §2.4 (fullmakt)" and source is not None
    assert source.in_language("en") == "Sak 000 §2.4 (authority)"  # type: ignore[attr-defined]

    model_data["rules"]["delegation_source"] = {"nb": "Sak 000 §2.4", "de": "Sache 000"}
    with pytest.raises(ModelFileError, match=r"rules\.delegation_source: must be text, or \{nb: "):
        load_model(str(model_writer(tmp_path / "bad.model.yaml", model_data)))
