"""Suggesting the owning domain of an initiative from the systems it names and the words it uses.

Each domain's vocabulary is built from the model file (keywords, names, description) and the catalogue
(names and descriptions of the systems it owns). A word that belongs to one domain only weighs more than
one shared by many (inverse domain frequency, as in TF-IDF). A system named verbatim is the strongest
signal. Everything is offline and rebuilt only when the catalogue version changes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.initiatives.scope import OutOfScopeMatch, out_of_scope
from handlers.initiatives.terms import related, tokens
from handlers.lookup.catalogue import CatalogueView, catalogue_view

WEIGHTS = {"keyword": 3.0, "name": 2.5, "system": 1.5, "description": 0.8, "system_description": 0.4}
SYSTEM_NAMED = 8.0
CROSS_SYSTEM_NAMED = 2.0
_CACHE_KEY = "routing-index"


@dataclass(frozen=True)
class Candidate:
    domain: str
    score: float
    words: tuple[str, ...]
    systems: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    candidates: tuple[Candidate, ...]
    out_of_scope: OutOfScopeMatch | None

    @property
    def domain(self) -> str | None:
        return self.candidates[0].domain if self.candidates else None


@dataclass(frozen=True)
class RoutingIndex:
    version: int
    vocabulary: dict[str, dict[str, float]]
    """domain key → stem → weight (strongest source wins)."""
    idf: dict[str, float]


def build_index(ctx: HandlerContext, view: CatalogueView) -> RoutingIndex:
    vocabulary: dict[str, dict[str, float]] = {d.key: {} for d in ctx.model.domains}

    def add(domain: str, text: str, weight: float) -> None:
        terms = vocabulary[domain]
        for term in tokens(text):
            terms[term] = max(terms.get(term, 0.0), weight)

    for domain in ctx.model.domains:
        for keyword in domain.keywords:
            add(domain.key, keyword, WEIGHTS["keyword"])
        for name in (domain.name, domain.name_en, *domain.aliases):
            add(domain.key, name, WEIGHTS["name"])
        add(domain.key, f"{domain.description} {domain.description_en}", WEIGHTS["description"])
    for entry in view.entries:
        if entry.domain_key in vocabulary:
            add(entry.domain_key, " ".join((entry.name, *entry.aliases)), WEIGHTS["system"])
            add(entry.domain_key, entry.description, WEIGHTS["system_description"])
    frequency: dict[str, int] = defaultdict(int)
    for terms in vocabulary.values():
        for term in terms:
            frequency[term] += 1
    count = len(vocabulary)
    idf = {term: math.log(1 + count / df) for term, df in frequency.items()}
    return RoutingIndex(view.version, vocabulary, idf)


def routing_index(ctx: HandlerContext, session: Session) -> tuple[RoutingIndex, CatalogueView]:
    view = catalogue_view(ctx, session)
    cached = ctx.caches.get(_CACHE_KEY)
    if isinstance(cached, RoutingIndex) and cached.version == view.version:
        return cached, view
    index = build_index(ctx, view)
    ctx.caches[_CACHE_KEY] = index
    return index, view


def suggest(ctx: HandlerContext, session: Session, text: str, *, limit: int = 3) -> Suggestion:
    index, view = routing_index(ctx, session)
    scores: dict[str, float] = defaultdict(float)
    words: dict[str, list[str]] = defaultdict(list)
    systems: dict[str, list[str]] = defaultdict(list)
    for match in view.systems.find_exact(text):
        entry = match.item
        scores[entry.domain_key] += SYSTEM_NAMED
        systems[entry.domain_key].append(entry.name)
        for other in entry.cross_domain_keys:
            scores[other] += CROSS_SYSTEM_NAMED
    for query in dict.fromkeys(tokens(text)):
        for domain, terms in index.vocabulary.items():
            best, best_term = 0.0, ""
            for term, weight in terms.items():
                strength = related(query, term) * weight * index.idf[term]
                if strength > best:
                    best, best_term = strength, term
            if best > 0:
                scores[domain] += best
                words[domain].append(best_term)
    total = sum(scores.values())
    ranked = sorted((s, d) for d, s in scores.items() if s > 0)
    ranked.sort(key=lambda pair: (-pair[0], pair[1]))
    candidates = tuple(
        Candidate(domain, round(score / total, 3), tuple(words[domain][:4]), tuple(systems[domain]))
        for score, domain in ranked[:limit]
    )
    return Suggestion(candidates, out_of_scope(ctx.model, text))
