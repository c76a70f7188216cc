"""The concepts a word stands for, read from `concepts.yaml` (why they exist is said there).

Matched per word and cached: the same few thousand words make up every example and most messages.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path

from handlers.understanding.data_files import load_yaml

_FILE = Path(__file__).with_name("concepts.yaml")
_INSIDE_FROM = 5
"""A stem this long or longer is also found inside a compound («restrammen»); shorter ones only lead."""
_INFLECTION = 2
"""A listed word of four letters or more may carry this many letters of ending («møtet», «meetings»)."""


@cache
def _lexicon() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    data = load_yaml(_FILE)["concepts"]
    return tuple(
        (name, tuple(entry.get("stems") or ()), tuple(entry.get("words") or ()))
        for name, entry in data.items()
    )


@cache
def concepts_digest() -> str:
    """Part of the classifier's cache key: other concepts make other features."""
    return hashlib.sha256(_FILE.read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=1 << 16)
def concepts_of(word: str) -> tuple[str, ...]:
    """Every concept `word` (lower case, accents folded) stands for; most words stand for none."""
    return tuple(
        name
        for name, stems, words in _lexicon()
        if any(_stem_matches(word, stem) for stem in stems) or any(_word_matches(word, w) for w in words)
    )


def _stem_matches(word: str, stem: str) -> bool:
    return word.startswith(stem) or (len(stem) >= _INSIDE_FROM and stem in word)


def _word_matches(word: str, listed: str) -> bool:
    if word == listed:
        return True
    return len(listed) >= 4 and word.startswith(listed) and len(word) - len(listed) <= _INFLECTION
