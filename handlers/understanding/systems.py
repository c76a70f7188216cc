"""Catalogue systems named in a message: exactly by name or alias first, fuzzily only when none is.

Exact lookup probes the catalogue's `NameIndex` with the message's words (longest name first, each
system once). The fuzzy pass compares single leftover words, and pairs of neighbouring ones, with whole
catalogue names, never with a part of one: «sap» is not found inside «Sykehusapotekenes ERP». Words of
up to five letters are scored by `short_similarity` (a swap of neighbours, «DISP» for «DIPS», still
answers); longer ones by Indel similarity (`fuzz.ratio`). Only words that can be names are compared:
no function or governance words (`words.is_fuzzy_candidate`), nothing another slot took. A score of
`FUZZY_ACCEPT` or more names the system (as an interpretation: exact=False); from `SUGGEST_CUTOFF` it is
only a suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.lookup.names import (
    FUZZY_ACCEPT,
    MIN_FUZZY_LENGTH,
    SHORT_QUERY,
    SUGGEST_CUTOFF,
    Match,
    NameIndex,
    short_similarity,
)
from handlers.understanding.tokens import Token
from handlers.understanding.words import is_fuzzy_candidate
from models.repositories.catalogue import SystemEntry

SUGGEST = SUGGEST_CUTOFF + 5
"""Suggestions from single words need a little more likeness than a whole question's phrase: at 70
«legemidler» resembles «Lederportalen»."""
PREFILTER = 60.0
"""Indel similarity a name needs to be rescored at all (a swap in four letters scores 75)."""


@dataclass(frozen=True)
class FuzzyNames:
    labels: tuple[str, ...]
    """Normalised names and aliases of MIN_FUZZY_LENGTH letters or more."""


def fuzzy_names(index: NameIndex[SystemEntry]) -> FuzzyNames:
    return FuzzyNames(tuple(label for label in index.labels if len(label) >= MIN_FUZZY_LENGTH))


def find_exact_systems(
    tokens: list[Token], taken: set[int], index: NameIndex[SystemEntry]
) -> list[tuple[int, int, Match[SystemEntry]]]:
    return index.find_exact_spans([t.text for t in tokens], taken)


def score(query: str, label: str) -> float:
    from rapidfuzz import fuzz

    if len(query) <= SHORT_QUERY:
        return short_similarity(query, label)
    return float(fuzz.ratio(query, label))


def find_fuzzy_systems(
    tokens: list[Token], taken: set[int], index: NameIndex[SystemEntry], names: FuzzyNames
) -> tuple[list[tuple[int, int, Match[SystemEntry]]], list[Match[SystemEntry]]]:
    """(accepted matches with their token spans, suggestions), best first, each system once."""
    candidates = [i for i, t in enumerate(tokens) if i not in taken and is_fuzzy_candidate(t.text)]
    if not candidates or not names.labels:
        return [], []
    from rapidfuzz import fuzz, process

    phrases: list[tuple[int, int, str]] = [(i, i + 1, tokens[i].text) for i in candidates]
    phrases += [
        (i, i + 2, f"{tokens[i].text} {tokens[i + 1].text}") for i in candidates if i + 1 in candidates
    ]
    scored: list[tuple[float, int, int, str, str]] = []
    prefilter = index.fuzzy_candidates()
    for start, end, phrase in phrases:
        labels = prefilter.candidates(phrase, PREFILTER)
        for label, _, _ in process.extract(
            phrase, labels, scorer=fuzz.ratio, score_cutoff=PREFILTER, limit=5
        ):
            value = score(phrase, label)
            if value >= SUGGEST:
                scored.append((value, start, end, phrase, label))
    scored.sort(key=lambda s: (-s[0], s[1]))
    accepted: list[tuple[int, int, Match[SystemEntry]]] = []
    suggestions: list[Match[SystemEntry]] = []
    used: set[int] = set()
    for value, start, end, phrase, key in scored:
        hit = index.get(key)
        assert hit is not None
        label, item = hit
        if any(m.item == item for _, _, m in accepted) or any(m.item == item for m in suggestions):
            continue
        match = Match(item, label, value, False, phrase)
        if value >= FUZZY_ACCEPT and not used.intersection(range(start, end)):
            used.update(range(start, end))
            accepted.append((start, end, match))
        elif value < FUZZY_ACCEPT:
            suggestions.append(match)
    taken.update(used)
    return accepted, suggestions[:5]
