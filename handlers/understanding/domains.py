"""Domains named in a message: by name or alias, or reached through a subject word («patologi», "payroll").

Names and aliases come from the model (`name`, `name_en`, `key`, `aliases`); subject words are the
domain's `keywords`, which the model files keep in bokmål and English, lay words included (x-ray, lab,
payroll). A subject word matches as written, by stem («ambulanser», "ambulances" → «ambulanse»,
"ambulance"; see `models.stems`) and, for words of six letters or more, as the head of a compound
(«røntgenbilder» → «røntgen»). A word that is a keyword of two domains points at neither. A one-word
name of eight letters or more also matches with a typo or two (whole words, æøå folded, optimal string
alignment at least 85 % alike): «Prehosptial», «Pasientbehandlingxx» name their domain, where before the
question went on without one and a frame question answered for the whole portfolio.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.lookup.names import Match
from handlers.understanding.phrases import PhraseIndex
from handlers.understanding.tokens import Token, fold
from models.catalogue.names import normalise_name
from models.governance.schema import Domain, GovernanceModel
from models.stems import english_key, search_key

MIN_COMPOUND_HEAD = 6
MIN_FUZZY_NAME = 8
FUZZY_NAME = 0.85


@dataclass(frozen=True)
class DomainIndex:
    names: PhraseIndex[Domain]
    keywords: PhraseIndex[Domain]
    stems: dict[str, tuple[str, Domain]]
    """search_key / english_key of one-word keywords → (keyword, domain)."""
    heads: dict[str, tuple[str, Domain]]
    """One-word keywords of six letters or more, for compounds."""
    words: tuple[tuple[str, str, Domain], ...] = ()
    """(folded name, name, domain) for one-word names of eight letters or more, for typos."""


def _unambiguous(pairs: list[tuple[str, Domain]], key: object) -> dict[str, tuple[str, Domain]]:
    seen: dict[str, tuple[str, Domain] | None] = {}
    for label, domain in pairs:
        k = key(label)  # type: ignore[operator]
        if k in seen and seen[k] is not None and seen[k][1].key != domain.key:  # type: ignore[index]
            seen[k] = None
        elif k not in seen:
            seen[k] = (label, domain)
    return {k: v for k, v in seen.items() if v is not None}


def build_domain_index(model: GovernanceModel) -> DomainIndex:
    names = [
        (label, d)
        for d in model.domains
        for label in (d.name, d.name_en, d.key.replace("-", " "), *d.aliases)
    ]
    keywords = [(kw, d) for d in model.domains for kw in d.keywords]
    keyword_index = PhraseIndex(_unambiguous(keywords, normalise_name).values())
    single = [(normalise_name(kw), d) for kw, d in keywords if len(normalise_name(kw).split()) == 1]
    stems = {
        **_unambiguous([(w, d) for w, d in single if w.isalpha()], english_key),
        **_unambiguous([(w, d) for w, d in single if w.isalpha()], search_key),
    }
    heads = _unambiguous([(w, d) for w, d in single if len(w) >= MIN_COMPOUND_HEAD], lambda w: w)
    words = tuple(
        (fold(label.casefold()), label, d)
        for label, d in names
        if label.isalpha() and len(label) >= MIN_FUZZY_NAME
    )
    return DomainIndex(PhraseIndex(names), keyword_index, stems, heads, words)


def find_misspelt_domains(
    tokens: list[Token], taken: set[int], index: DomainIndex
) -> list[tuple[int, int, Match[Domain]]]:
    """Domains whose one-word name a word misspells (exact=False); each word names one domain at most."""
    found: list[tuple[int, int, Match[Domain]]] = []
    for i, token in enumerate(tokens):
        if i in taken or len(token.text) < MIN_FUZZY_NAME or not token.text.isalpha():
            continue
        from rapidfuzz.distance import OSA  # only now: a short question needs no fuzzy matcher at all

        scored = [(OSA.normalized_similarity(token.folded, word), label, d) for word, label, d in index.words]
        best = max(scored, key=lambda s: s[0], default=None)
        if best is not None and best[0] >= FUZZY_NAME:
            taken.add(i)
            found.append((i, i + 1, Match(best[2], best[1], best[0] * 100, False, token.text)))
    return found


def find_domain_names(
    tokens: list[Token], taken: set[int], index: DomainIndex
) -> list[tuple[int, int, Match[Domain]]]:
    return [
        (start, end, Match(domain, label, 100.0, True, " ".join(t.text for t in tokens[start:end])))
        for start, end, label, domain in index.names.find(tokens, taken)
    ]


def find_subject_domains(
    tokens: list[Token], taken: set[int], index: DomainIndex
) -> list[tuple[int, int, Match[Domain]]]:
    """Domains reached through keywords written as they are in the model."""
    return [
        (start, end, Match(domain, label, 100.0, True, " ".join(t.text for t in tokens[start:end])))
        for start, end, label, domain in index.keywords.find(tokens, taken)
    ]


def find_inflected_subjects(
    tokens: list[Token], taken: set[int], index: DomainIndex
) -> list[tuple[int, int, Match[Domain]]]:
    """Domains reached through an inflected keyword or a compound headed by one (exact=False).

    Run after the fuzzy system pass: «helsenorgee» shares its stem with the keyword «helsenorge» but is
    a typo of the system Helsenorge.
    """
    found: list[tuple[int, int, Match[Domain]]] = []
    for i, token in enumerate(tokens):
        word = token.text
        if i in taken or len(word) < 3 or not word.isalpha():
            continue
        hit = index.stems.get(search_key(word)) or index.stems.get(english_key(word))
        if hit is None and len(word) > MIN_COMPOUND_HEAD:
            hit = next(
                (
                    index.heads[word[:n]]
                    for n in range(len(word) - 1, MIN_COMPOUND_HEAD - 1, -1)
                    if word[:n] in index.heads
                ),
                None,
            )
        if hit is not None:
            taken.add(i)
            found.append((i, i + 1, Match(hit[1], hit[0], 95.0, False, word)))
    return found
