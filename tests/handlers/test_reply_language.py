"""The reply's language follows the words of the question, and a name is not a word of either language:
English asked about a Norwegian-named body gets English (through `handle_message`, the locale unknown)."""

from __future__ import annotations

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who chairs Digitaliseringsstyret?", "en"),
        ("Who sits on Arbeidsutvalget?", "en"),
        ("hvem leder porteføljestyret", "nb"),
        ("Who owns DIPS?", "en"),
        ("neste møte i Pasientbehandling", "nb"),
    ],
)
def test_the_question_words_choose_the_language_not_the_names(
    context: HandlerContext, text: str, language: str
) -> None:
    reply = handle_message(IncomingMessage(text, Sender("test", "kari-nordmann")), context)
    assert reply.language == language
