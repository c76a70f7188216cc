"""Which of someone's initiatives their words are about («hva skjedde med forslaget mitt om kurveløsning»).

People recall their proposal by a word or two, inflected differently from the title they wrote
(«kurveløsningen», "the chart solution"). Until the understanding step has a stemmer, a word and a word
of the title or need match when one begins with the other (at least four letters), which covers the
Norwegian definite and plural endings. All matching is in `word_matches`, so a stemmer replaces it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from models.tables import Initiative

MIN_PREFIX = 4
_WORD = re.compile(r"\w+")


def word_matches(word: str, candidates: Iterable[str]) -> bool:
    """Whether `word` (folded) is one of `candidates` (folded words of a text), up to an ending."""
    for candidate in candidates:
        if candidate == word:
            return True
        shorter, longer = sorted((word, candidate), key=len)
        if len(shorter) >= MIN_PREFIX and longer.startswith(shorter):
            return True
    return False


def text_words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def best_matches(rows: Sequence[Initiative], words: Iterable[str]) -> list[Initiative]:
    """The rows matching the most of `words` (at least one), in the order given; none for no words."""
    wanted = [w for w in (word.casefold() for word in words) if len(w) > 1]
    scored = []
    for row in rows:
        candidates = text_words(f"{row.title} {row.need}")
        scored.append((sum(word_matches(w, candidates) for w in wanted), row))
    best = max((score for score, _ in scored), default=0)
    return [row for score, row in scored if best and score == best]
