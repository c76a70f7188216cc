"""Word stems for searching free text, so «legemidler» finds «legemiddel» and "medications" "medication".

Snowball's Norwegian stemmer strips endings («legemidler» → «legemidl») but leaves the stem of the
singular whole («legemiddel»), because bokmål drops the unstressed e of -el/-er/-en and a doubled
consonant when it inflects (middel → midler, sykkel → sykler, regel → regler). `search_key` undoes that
on both sides: doubled consonants become one and an «e» before l/r/n after a consonant goes, so both
forms land on «legemidl». Norwegian glues compounds together («legemiddelliste»), so a Norwegian key
matches as a prefix of a word's key; English keys (Snowball English) must be equal.

Everything here is pure Python and cached per word: a search stems each distinct word once.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

_STEMMERS = threading.local()
"""A snowball stemmer keeps the word it works on in itself: one per thread, or two threads answering at
once corrupt each other's word (an IndexError inside the stemmer, seen with two Slack answer workers)."""


def _stemmer(language: str) -> Any:
    found = getattr(_STEMMERS, language, None)
    if found is None:
        found = snowballstemmer.stemmer(language)
        setattr(_STEMMERS, language, found)
    return found


_DOUBLE = re.compile(r"([^aeiouyæøå])\1")
_CONTRACTION = re.compile(r"(?<=[^aeiouyæøå])e(?=[lrn](?:[^aeiouyæøå]|$))")
_WORD = re.compile(r"[^\W\d_]+")
MIN_PREFIX = 4
"""A Norwegian key shorter than this matches only a whole word's key: «kur» is no prefix of «kurve»."""


@lru_cache(maxsize=65536)
def search_key(word: str) -> str:
    """The Norwegian matching key of one lower-case word («legemiddel», «legemidler» → «legemidl»)."""
    stem = _stemmer("norwegian").stemWord(word)
    # only past the first syllable, so «helse» keeps its e while «legemiddelliste» loses it
    dropped = {m.start() for m in _CONTRACTION.finditer(stem) if m.start() >= 3}
    stem = "".join(ch for i, ch in enumerate(stem) if i not in dropped)
    return _DOUBLE.sub(r"\1", stem)


@lru_cache(maxsize=65536)
def english_key(word: str) -> str:
    return _stemmer("english").stemWord(word)


def stemmable(word: str) -> bool:
    """Only plain words are stemmed; «100%», «kurve_2» and «C:\\kurve» are searched for literally."""
    return len(word) >= 3 and _WORD.fullmatch(word) is not None


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def stem_matches(query_word: str, text_words: list[str]) -> bool:
    """Whether a query word names one of the text's words by stem (caller checks `stemmable`)."""
    query = query_word.casefold()
    key = search_key(query)
    english = english_key(query)
    for word in text_words:
        word_key = search_key(word)
        if word_key == key or (len(key) >= MIN_PREFIX and word_key.startswith(key)):
            return True
        if english_key(word) == english:
            return True
    return False
