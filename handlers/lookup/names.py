"""An in-memory name index with exact n-gram lookup first and fuzzy matching second.

Exact lookup is a dictionary probe per n-gram of the question, so it costs the same for 100 or 100,000
systems; the fuzzy pass (rapidfuzz, in C) runs only when nothing matched exactly, and its result is
reported as an interpretation, never as a fact, and scores only the names the trigram prefilter
(`candidates.py`) lets through, so it stays flat as the catalogue grows. rapidfuzz is imported by that pass (about 10 ms), so a
one-shot `govbot ask` whose names all match exactly never loads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from models.catalogue.names import normalise_name

if TYPE_CHECKING:
    from handlers.lookup.candidates import Candidates

T = TypeVar("T")

MAX_NGRAM = 5
FUZZY_ACCEPT = 88.0
"""A fuzzy score this high answers the question (flagged as an interpretation)."""
SUGGEST_CUTOFF = 70.0
MIN_FUZZY_LENGTH = 4
"""Names and questions shorter than this ("AD", "IAM", "SAP") match only exactly: fuzzily they resemble
every word."""
SHORT_QUERY = 5
"""Phrases up to this many characters are compared with whole names only (`short_similarity`)."""


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
        self._candidates: Candidates | None = None

    def updated(self, removed: list[tuple[str, T]], added: list[tuple[str, T]]) -> NameIndex[T]:
        """A new index with the `removed` (label, item) pairs taken out and `added` put in, leaving this one
        as it is (a question in another thread may be reading it). Labels an item keeps stay where they
        were; new ones go last (a full build has them in name order: only ties between equally close
        fuzzy matches may be broken otherwise). Costs a copy of the
        dictionaries (a few ms at 100,000 names) instead of normalising every name again."""
        by_label = dict(self._by_label)
        fresh: dict[str, tuple[str, T]] = {}
        for label, item in added:
            fresh.setdefault(normalise_name(label), (label, item))
        leaving = {id(item) for _, item in removed}
        """`removed` names the very objects this index holds (the caller's previous entries)."""
        gone: set[str] = set()
        for label, _ in removed:
            key = normalise_name(label)
            held = by_label.get(key)
            if held is not None and id(held[1]) in leaving and key not in fresh:
                del by_label[key]
                gone.add(key)
        replaced = {key for key in fresh if key in by_label and id(by_label[key][1]) in leaving}
        new_keys = [key for key in fresh if key not in by_label]
        for key in replaced:
            by_label[key] = fresh[key]
        for key in new_keys:
            by_label[key] = fresh[key]
        index: NameIndex[T] = NameIndex.__new__(NameIndex)
        index._by_label = by_label
        index._labels = (
            [k for k in self._labels if k not in gone] + new_keys if gone else self._labels + new_keys
        )
        new_fuzzy = [k for k in new_keys if len(k) >= MIN_FUZZY_LENGTH]
        kept_fuzzy = [k for k in self._fuzzy_labels if k not in gone] if gone else self._fuzzy_labels
        index._fuzzy_labels = kept_fuzzy + new_fuzzy
        widest = max((len(k.split()) for k in new_keys), default=1)
        index._max_words = min(MAX_NGRAM, max(self._max_words, widest))
        """Not lowered when the widest name goes: a longer probe than needed finds nothing more."""
        index._candidates = None
        if self._candidates is not None and hasattr(self._candidates, "updated"):
            index._candidates = self._candidates.updated(gone, new_fuzzy)
        return index

    def fuzzy_candidates(self) -> Candidates:
        """The trigram prefilter over the fuzzy labels, built by the first fuzzy pass (about 1 s at
        100,000 names), so exact-only questions never pay for it."""
        if self._candidates is None:
            from handlers.lookup.candidates import CandidateIndex

            self._candidates = CandidateIndex(self._fuzzy_labels)
        return self._candidates

    def use_candidates(self, candidates: Candidates) -> None:
        """Replace the prefilter (the benchmarks' full-scan baseline)."""
        self._candidates = candidates

    def __len__(self) -> int:
        return len(self._labels)

    @property
    def labels(self) -> tuple[str, ...]:
        """The normalised names and aliases, as keys for `get`."""
        return tuple(self._labels)

    @property
    def max_words(self) -> int:
        return self._max_words

    def get(self, key: str) -> tuple[str, T] | None:
        """The (label, item) a normalised name belongs to, or None."""
        return self._by_label.get(key)

    def find_exact(self, text: str) -> list[Match[T]]:
        """Every catalogue name inside the text, longest first, without overlaps, each item once."""
        return [match for _, _, match in self.find_exact_spans(normalise_name(text).split())]

    def find_exact_spans(
        self, words: Sequence[str], taken: set[int] | None = None
    ) -> list[tuple[int, int, Match[T]]]:
        """(first word, word after the last, match) for every name among normalised `words`.

        Words in `taken` are skipped and the words matched are added to it. An item named twice
        («DIPS … DIPS Arena») is reported once, at its longest name, so it is answered once.
        """
        found: list[tuple[int, int, Match[T]]] = []
        taken = set() if taken is None else taken
        for size in range(min(self._max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if taken.intersection(span):
                    continue
                key = " ".join(words[start : start + size])
                hit = self._by_label.get(key)
                if hit is not None:
                    taken.update(span)
                    if not any(_same(hit[1], match.item) for _, _, match in found):
                        found.append((start, start + size, Match(hit[1], hit[0], 100.0, True, key)))
        return found

    def find_fuzzy(self, phrase: str, *, limit: int = 5, cutoff: float = SUGGEST_CUTOFF) -> list[Match[T]]:
        """Closest names to a phrase, best first, one per item.

        A phrase shorter than `MIN_FUZZY_LENGTH` matches nothing fuzzily, and one up to
        `SHORT_QUERY` letters is compared with whole names only (`short_similarity`): WRatio's
        partial matching would find «sap» inside «Sykehusapotekenes ERP» and «disp» inside
        «ressursdisponering ambulanse».
        """
        query = normalise_name(phrase)
        if len(query) < MIN_FUZZY_LENGTH or not self._fuzzy_labels:
            return []
        from rapidfuzz import fuzz, process

        if len(query) <= SHORT_QUERY:
            from rapidfuzz.distance import OSA

            labels = self.fuzzy_candidates().candidates(query, SUGGEST_CUTOFF)
            near = process.extract(query, labels, scorer=OSA.distance, score_cutoff=2, limit=None)
            scored = [(key, short_similarity(query, key)) for key, _, _ in near]
            results = sorted(((k, s) for k, s in scored if s >= cutoff), key=lambda ks: -ks[1])
        else:
            extracted = process.extract(
                query, self._fuzzy_labels, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff
            )
            results = [(key, score) for key, score, _ in extracted]
        matches: list[Match[T]] = []
        for key, score in results:
            label, item = self._by_label[key]
            if any(_same(item, m.item) for m in matches):
                continue
            matches.append(Match(item, label, float(score), False, query))
            if len(matches) == limit:
                break
        return matches


def _same(a: object, b: object) -> bool:
    return a is b or a == b


def short_similarity(query: str, label: str) -> float:
    """0..100 for a short word against a whole name, where one swap of neighbours still answers.

    An adjacent swap («disp» for «dips») keeps every letter and is the commonest slip in a short
    abbreviation, so it scores 90 (above `FUZZY_ACCEPT`); any other edit in a word this short makes
    another word, so it scores by optimal-string-alignment similarity (one edit in four letters: 75,
    a suggestion at most).
    """
    from rapidfuzz.distance import OSA, Levenshtein

    if query == label:
        return 100.0
    if OSA.distance(query, label) == 1 and Levenshtein.distance(query, label) == 2:
        return 90.0
    return OSA.normalized_similarity(query, label) * 100.0
