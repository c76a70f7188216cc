"""The function words, governance words and question starters read from `vocabulary.yaml`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from handlers.understanding.data_files import load_yaml

_FILE = Path(__file__).with_name("vocabulary.yaml")


@cache
def _vocabulary() -> dict[str, object]:
    return load_yaml(_FILE)


@cache
def function_words() -> frozenset[str]:
    """Question and function words, bokmål and English: never a topic, never a name."""
    data = _vocabulary()["function"]
    assert isinstance(data, dict)
    return frozenset(word for text in data.values() for word in str(text).split())


@cache
def governance_words() -> frozenset[str]:
    """The bot's own nouns («møte», «forslag», «styret»): content words, never fuzzy-matched to a system."""
    return frozenset(str(_vocabulary()["governance"]).split())


@cache
def question_starters() -> frozenset[str]:
    """First words of a yes/no question, bokmål and English («er», «har», "is", "did")."""
    data = _vocabulary()["question_starters"]
    assert isinstance(data, dict)
    return frozenset(word for text in data.values() for word in str(text).split())


def is_fuzzy_candidate(word: str) -> bool:
    """A word worth comparing with catalogue names: not a function or governance word, not a number."""
    return (
        len(word) >= 4
        and not word.isdigit()
        and word not in function_words()
        and word not in governance_words()
    )
