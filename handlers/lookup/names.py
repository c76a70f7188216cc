"""An in-memory name index with exact n-gram lookup first and fuzzy matching second.

Exact lookup is a dictionary probe per n-gram of the question, so it costs the same for 100 or 100,000
systems; the fuzzy pass (rapidfuzz, in C) runs only when nothing matched exactly, and its result is
reported as an interpretation, never as a fact. rapidfuzz is imported by that pass (about 10 ms), so a
one-shot `govbot ask` whose names all match exactly never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from models.catalogue.names import normalise_name

T = TypeVar("T")

MAX_NGRAM = 5
FUZZY_ACCEPT = 88.0
"""A fuzzy score this high answers the question (flagged as an interpretation)."""
SUGGEST_CUTOFF = 70.0
MIN_FUZZY_LENGTH = 4
"""Abbreviations shorter than this ("AD", "IAM") match only exactly: fuzzily they resemble every word."""


@dataclass(frozen=True)
class Match(Generic[T]):
    item: T
    label: str
    """The name or alias that matched, as written in the catalogue."""
    score: float
    exact: bool
    span: str
    """The words of the question that matched."""


class NameIndex(Generic[T]):
    def __init__(self, entries: list[tuple[str, T]]) -> None:
        self._by_label: dict[str, tuple[str, T]] = {}
        for label, item in entries:
            self._by_label.setdefault(normalise_name(label), (label, item))
        self._labels = list(self._by_label)
        self._fuzzy_labels = [label for label in self._labels if len(label) >= MIN_FUZZY_LENGTH]
        self._max_words = min(MAX_NGRAM, max((len(k.split()) for k in self._labels), default=1))

    def __len__(self) -> int:
        return len(self._labels)

    def find_exact(self, text: str) -> list[Match[T]]:
        """Every catalogue name inside the text, longest first, without overlaps."""
        words = normalise_name(text).split()
        found: list[Match[T]] = []
        taken: set[int] = set()
        for size in range(min(self._max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if taken.intersection(span):
                    continue
                key = " ".join(words[start : start + size])
                hit = self._by_label.get(key)
                if hit is not None:
                    found.append(Match(hit[1], hit[0], 100.0, True, key))
                    taken.update(span)
        return found

    def find_fuzzy(self, phrase: str, *, limit: int = 5, cutoff: float = SUGGEST_CUTOFF) -> list[Match[T]]:
        """Closest names to a phrase, best first, one per item."""
        query = normalise_name(phrase)
        if not query or not self._fuzzy_labels:
            return []
        from rapidfuzz import fuzz, process

        results = process.extract(
            query, self._fuzzy_labels, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff
        )
        matches: list[Match[T]] = []
        seen: list[T] = []
        for key, score, _ in results:
            label, item = self._by_label[key]
            if any(item is s or item == s for s in seen):
                continue
            seen.append(item)
            matches.append(Match(item, label, float(score), False, query))
            if len(matches) == limit:
                break
        return matches
