"""Governance bodies named in a message: exactly, inside a Norwegian compound, or with a typo.

Every body of the model is found by its name, English name, key and `aliases` («AU», "working
committee»). Norwegian glues words: «porteføljestyremøtet» is a meeting of «porteføljestyret», so a
one-word name also matches as the head of a compound, by its stem without the definite ending
(«porteføljestyr»+«e…»/«s…»: «porteføljestyre», «porteføljestyrets», «porteføljestyremøte», but not
«porteføljestyring», which is portfolio management). Names are compared with æøå folded to ae/o/a, so
«portefoljestyret» typed on an English keyboard still matches, and one-word names of eight letters or
more match with a small typo (whole words: the head of «porteføljestyring» is one letter from
«porteføljestyre») (optimal string alignment, at least 90 % alike).

A domain board is also reached through its domain («områdestyret for Pasientbehandling», «HR-tjenester»):
`slot_extraction` does that once the domain is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.lookup.names import Match
from handlers.understanding.phrases import PhraseIndex
from handlers.understanding.tokens import Token, fold
from models.governance.schema import Body, GovernanceModel

_DEFINITE = re.compile(r"(?:et|en|a|ene)$")
_COMPOUND_TAIL = re.compile(r"^(?:e|s|et|ene)")
MIN_ROOT = 6
FUZZY_BODY = 0.9
MIN_FUZZY_BODY = 8
MIN_TYPO_ROOT = 10
UPPERCASE_ONLY = frozenset({"au"})
"""Aliases that are ordinary words in lower case («au!»): they name a body only written in capitals."""


@dataclass(frozen=True)
class BodyIndex:
    phrases: PhraseIndex[Body]
    roots: tuple[tuple[str, str, Body], ...]
    """(folded root, label, body) for one-word names: «portefoljestyr» for «Porteføljestyret»."""
    words: tuple[tuple[str, str, Body], ...]
    """(folded whole word, label, body) for typo matching."""


def build_body_index(model: GovernanceModel) -> BodyIndex:
    labels: list[tuple[str, Body]] = []
    for body in model.bodies:
        for label in (body.name, body.name_en, *body.aliases, body.key.replace("-", " ")):
            if label:
                labels.append((label, body))
    roots: list[tuple[str, str, Body]] = []
    words: list[tuple[str, str, Body]] = []
    for label, body in labels:
        parts = label.casefold().split()
        if len(parts) != 1 or not parts[0].isalpha():
            continue
        word = fold(parts[0])
        words.append((word, label, body))
        root = _DEFINITE.sub("", word)
        if len(root) >= MIN_ROOT:
            roots.append((root, label, body))
    return BodyIndex(PhraseIndex(labels), tuple(roots), tuple(words))


def find_bodies(
    text: str, tokens: list[Token], taken: set[int], index: BodyIndex
) -> list[tuple[int, int, Match[Body]]]:
    """(first token, token after the last, match) for every body named, each body once."""
    found: list[tuple[int, int, Match[Body]]] = []
    for start, end, label, body in index.phrases.find(tokens, taken):
        words = text[tokens[start].start : tokens[end - 1].end]
        if _uppercase_only(label) and not words.isupper():
            for i in range(start, end):
                taken.discard(i)
            continue
        found.append((start, end, Match(body, label, 100.0, True, words)))
    for i, token in enumerate(tokens):
        if i in taken or len(token.text) < MIN_ROOT:
            continue
        hit = _compound(token.folded, index) or _typo(token.folded, index)
        if hit is not None:
            label, body, score = hit
            taken.add(i)
            found.append((i, i + 1, Match(body, label, score, score == 100.0, token.text)))
    unique: list[tuple[int, int, Match[Body]]] = []
    for item in sorted(found, key=lambda f: f[0]):
        if not any(item[2].item.key == u[2].item.key for u in unique):
            unique.append(item)
    return unique


def _uppercase_only(label: str) -> bool:
    return label.casefold() in UPPERCASE_ONLY


def _compound(word: str, index: BodyIndex) -> tuple[str, Body, float] | None:
    """A compound headed by a body's root; a root of ten letters or more may carry one typo there."""
    from rapidfuzz.distance import OSA

    near = [r for r in index.roots if r[0][:2] == word[:2]]  # a typo in the first two letters is let go
    for root, label, body in near:
        if word.startswith(root) and _tail_ok(word[len(root) :]):
            return label, body, 100.0
    for root, label, body in near:
        if len(root) < MIN_TYPO_ROOT or len(word) < len(root) - 1:
            continue
        for size in (len(root) - 1, len(root), len(root) + 1):
            if _tail_ok(word[size:]) and OSA.distance(word[:size], root) == 1:
                return label, body, 90.0
    return None


def _tail_ok(tail: str) -> bool:
    return not tail or _COMPOUND_TAIL.match(tail) is not None


def _typo(word: str, index: BodyIndex) -> tuple[str, Body, float] | None:
    if len(word) < MIN_FUZZY_BODY:
        return None
    from rapidfuzz.distance import OSA

    best: tuple[str, Body, float] | None = None
    for candidate, label, body in index.words:
        # whole words only: the head of «porteføljestyring» is one letter from «porteføljestyre»
        score = OSA.normalized_similarity(word, candidate)
        if score >= FUZZY_BODY and (best is None or score * 100 > best[2]):
            best = (label, body, score * 100)
    return best
