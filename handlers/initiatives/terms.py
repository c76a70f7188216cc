"""Words to compare: lower-cased, stop words dropped, common Norwegian and English endings stripped.

Routing runs offline with no language model, so inflection is handled by a small suffix stripper: it
maps "ambulansene", "ambulanser" and "ambulanse" to one stem, and "invoices"/"invoice" likewise.
Compounds ("fakturagodkjenning") are matched later by containment, not split here.
"""

from __future__ import annotations

from models.catalogue.names import normalise_name

STOP_WORDS = frozenset(
    """og i på av for med til fra som er det de den en et ei at å om vi jeg vil kan skal bør må har
    ikke nye ny nytt alle hver mer bedre enn eller så ved via etter over under uten mot mellom inn ut
    der her hvor hva hvem hvilke oss våre vår vårt sin sitt sine få gi gjøre trenger ønsker behov
    løsning løsninger system systemer digital digitale digitalt mulighet felles bruk bruke brukes
    the a an and or of to in on for with from by at as is are be will can should must new all
    better more our their we they need needs want wants solution system systems digital use using""".split()
)
_SUFFIXES = (
    "ingene",
    "ingen",
    "inger",
    "ende",
    "ene",
    "ane",
    "het",
    "ers",
    "ing",
    "ies",
    "er",
    "en",
    "et",
    "es",
    "ed",
    "a",
    "e",
    "s",
)
MIN_STEM = 3


def stem(word: str) -> str:
    """Strip up to two endings, so a genitive of a definite form ("pasientens") reaches the stem."""
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM + 1:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def tokens(text: str) -> list[str]:
    """The words of a text that carry meaning, as stems, in order (hyphens split words)."""
    return [
        stem(word)
        for word in normalise_name(text).split()
        if word not in STOP_WORDS and not word.isdigit() and len(word) >= 2
    ]


def related(query: str, term: str) -> float:
    """How strongly a query stem matches a vocabulary stem: 1 equal, 0.7 compound part or near-prefix.

    Containment needs five letters so that "rett" does not match inside "nettbrett"; a query that is the
    start of a longer term must cover most of it, so "informasjon" does not match "informasjonssikkerhet".
    """
    if query == term:
        return 1.0
    if len(term) >= 5 and term in query:
        return 0.7
    if len(query) >= 5 and term.startswith(query) and len(query) >= 0.75 * len(term):
        return 0.7
    return 0.0
