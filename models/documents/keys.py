"""The words a passage is matched by on SQLite, where FTS5 has no Norwegian stemmer: each word's
search key (`models.stems`), so «saksgrunnlaget» and «saksgrunnlag» meet, and a Norwegian key also
matches as the start of a compound's key («legemidl» in «legemidlist»). PostgreSQL needs none of this:
its `norwegian` and `english` configurations stem both sides themselves.
"""

from __future__ import annotations

import re

from models.stems import MIN_PREFIX, english_key, search_key, stemmable

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def key(word: str, language: str) -> str:
    if not stemmable(word):
        return word
    return english_key(word) if language == "en" else search_key(word)


def passage_keys(text: str, language: str) -> str:
    return " ".join(key(w, language) for w in words(text))


def match_query(query_words: list[str], language: str) -> str | None:
    """An FTS5 MATCH expression: any of the words, each quoted (no FTS syntax gets through); Norwegian
    keys long enough match as prefixes."""
    terms: list[str] = []
    for word in query_words:
        for part in words(word):
            k = key(part, language)
            prefix = language != "en" and len(k) >= MIN_PREFIX
            term = f'"{k}"' + ("*" if prefix else "")
            if term not in terms:
                terms.append(term)
    return " OR ".join(terms) or None
