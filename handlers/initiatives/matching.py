"""Which of someone's initiatives their words are about («hva skjedde med forslaget mitt om kurveløsning»).

People recall their proposal by a word or two, inflected differently from the title they wrote
(«kurveløsningen», «ambulansene»). Until the understanding step has a stemmer, two words match when
they share a beginning of at least four letters that is all of the shorter word but its last two
(«ambulanser»/«ambulansene» share «ambulanse»), which covers the Norwegian definite and plural endings
and compounds («pasient»/«pasientforløp»). All matching is in `word_matches`, so a stemmer replaces it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from models.tables import Initiative

MIN_PREFIX = 4
ENDING = 2
"""Letters at the end of the shorter word that may differ: «-r»/«-ne», «-en»/«-et»."""
_WORD = re.compile(r"\w+")


def word_matches(word: str, candidates: Iterable[str]) -> bool:
    """Whether `word` (folded) is one of `candidates` (folded words of a text), up to an ending."""
    for candidate in candidates:
        if candidate == word:
            return True
        shorter = min(len(word), len(candidate))
        if _common_prefix(word, candidate) >= max(MIN_PREFIX, shorter - ENDING):
            return True
    return False


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


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
