"""The glossary's terms named in a message: «Hva er FTL?», «hva gjør områdeeieren», "domain owners".

The terms are the model's (`glossary:` in the model file), so a region's own words are found without
code. A term matches as a sequence of words. A short abbreviation («AU», «HF») must be a whole word
(«HF-ene» is the words «hf» «ene»), and one of two letters only in capitals, since «au» and «ki» are
also ordinary words; a longer word may carry a Norwegian or English ending («områdeeieren»,
«delporteføljene», "domain owners"). The longest match wins where two overlap, so «assisterende
områdeeier» is not read as «områdeeier», nor «Sykehuspartner HF» as «HF».

The slot extractor masks a term as `<term>` only where the word is the glossary's own: a name the other
questions also use (the bot's governance nouns, «områdestyre», "case papers"; a role, «områdeeier»,
whose questions are about people and limits) stays a word, so «hvem er områdeeier for Byggteknologi?»
reads as it always did. The glossary answer itself finds every term, masked or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.understanding.roles import asked_role
from handlers.understanding.tokens import Token, fold, tokenize
from handlers.understanding.words import function_words, governance_words
from models.governance.schema import GovernanceModel, Term

ENDINGS = frozenset(
    (
        "e",
        "en",
        "ene",
        "ens",
        "er",
        "ere",
        "erne",
        "et",
        "ets",
        "n",
        "ne",
        "ns",
        "r",
        "rne",
        "s",
        "es",
        "t",
        "ts",
    )
)
"""Endings a word of a term may carry in a message: definite and plural forms, genitive, English plural.
Only words of at least `MIN_INFLECTED` letters take them."""
MIN_INFLECTED = 5
MIN_HEAD = 4
"""A governance word this long counts as the head of a compound («område» in «styringsområde»)."""
CAPITALS_ONLY = 2
"""An abbreviation this short («AU», «KI», «OD») names the term only when written in capitals."""


@dataclass(frozen=True)
class Label:
    words: tuple[str, ...]
    """Case-folded, æøå folded: «omradeeier»."""
    term: Term
    capitals: bool
    """Must be written in capitals in the message."""
    masked: bool
    """The term is the glossary's own: none of its labels is a word other questions use (`_own_word`),
    so it is masked as `<term>` for the classifier (`_headwords`). «BP» is not: «beslutningspunkt» is the
    bot's own word for it."""


@dataclass(frozen=True)
class TermIndex:
    labels: tuple[Label, ...]
    by_first_word: dict[str, tuple[Label, ...]]
    """Labels by their first word, so a message's tokens look up their few candidates instead of every
    label being tried at every position (that scan was most of the classifier's training time)."""


def build_term_index(model: GovernanceModel) -> TermIndex:
    labels: list[Label] = []
    for term in model.glossary:
        texts = term_labels(term)
        masked = all(_own_word(text) for text in _headwords(term))
        for text in texts:
            words = tuple(fold(token.text) for token in tokenize(text))
            if words:
                capitals = len(text) <= CAPITALS_ONLY and text.isupper()
                labels.append(Label(words, term, capitals, masked))
    by_first_word: dict[str, list[Label]] = {}
    for label in labels:
        by_first_word.setdefault(label.words[0], []).append(label)
    return TermIndex(tuple(labels), {word: tuple(group) for word, group in by_first_word.items()})


def term_labels(term: Term) -> tuple[str, ...]:
    """Every way the model lets people write the term."""
    return tuple(label for label in (term.term, term.term_en, term.expansion, *term.aliases) if label)


def find_term_spans(
    text: str, tokens: list[Token], skip: set[int], index: TermIndex, *, masked_only: bool
) -> list[tuple[int, int, Term]]:
    """(first token, end token, term) for each term named in the free tokens, longest first, no overlap."""
    words = [token.folded for token in tokens]
    found: list[tuple[int, int, Term]] = []
    for start, word in enumerate(words):
        if start in skip:
            continue
        for label in _candidates(word, index):
            if masked_only and not label.masked:
                continue
            size = len(label.words)
            span = range(start, start + size)
            if start + size > len(words) or any(i in skip for i in span):
                continue
            if label.capitals and not _in_capitals(text, tokens[start]):
                continue
            if all(_same(words[i], wanted) for i, wanted in zip(span, label.words, strict=True)):
                found.append((start, start + size, label.term))
    chosen: list[tuple[int, int, Term]] = []
    used: set[int] = set()
    for start, end, term in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if used.isdisjoint(range(start, end)):
            used.update(range(start, end))
            chosen.append((start, end, term))
    return sorted(chosen, key=lambda f: f[0])


def find_terms(model: GovernanceModel, text: str) -> list[Term]:
    """The glossary terms the text names, in the order it names them, each once."""
    spans = find_term_spans(text, tokenize(text), set(), build_term_index(model), masked_only=False)
    terms: list[Term] = []
    for _, _, term in spans:
        if term not in terms:
            terms.append(term)
    return terms


def _candidates(word: str, index: TermIndex) -> list[Label]:
    """The labels whose first word `word` may be: itself, or itself less an ending (`_same`)."""
    found = list(index.by_first_word.get(word, ()))
    for cut in range(1, min(len(word) - MIN_INFLECTED, 4) + 1):
        if word[-cut:] in ENDINGS:
            found.extend(index.by_first_word.get(word[:-cut], ()))
    return found


def _same(word: str, wanted: str) -> bool:
    if word == wanted:
        return True
    if len(wanted) < MIN_INFLECTED or not word.startswith(wanted):
        return False
    return word[len(wanted) :] in ENDINGS


def _in_capitals(text: str, token: Token) -> bool:
    return text[token.start : token.end].isupper()


def _headwords(term: Term) -> tuple[str, ...]:
    """What decides whether a term is the glossary's own: the term, its English word and its one-word
    labels («beslutningspunkt» for «BP»); a spelt-out expansion («Felles tjenesteleverandør for IKT»)
    is read the same way by every question and does not decide it."""
    single = tuple(label for label in (term.expansion, *term.aliases) if label and len(label.split()) == 1)
    return tuple(label for label in (term.term, term.term_en, *single) if label)


def _own_word(label: str) -> bool:
    """Not one of the words other questions are asked with: no function word, no role, and no governance
    word, not even as the head of a compound («styringsområde», «porteføljesekretariat», «systemeier»)."""
    words = [token.text for token in tokenize(label)]
    if any(w in function_words() for w in words) or asked_role(label) is not None:
        return False
    heads = [g for g in governance_words() if len(g) >= MIN_HEAD]
    return not any(w in governance_words() or w.endswith(tuple(heads)) for w in words)
