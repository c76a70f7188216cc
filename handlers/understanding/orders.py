"""An order is never the reading of a question: «er INI-2026-0004 avvist?» asks for the state, «avvis
INI-2026-0004» orders it. Both name a reference and a state, so the classifier sees near neighbours and,
on the training part's folds, read a few such questions as the order, whose answer (how to write the
command) does not say what the state is. No order among the examples starts with a question word, so a
message that does (`vocabulary.yaml`, `question_starters`) is given the likeliest reading that is not an
order, with the order's probability added: the classifier was sure it was about that initiative's state.
"""

from __future__ import annotations

from dataclasses import replace

from handlers.understanding.asking import Understanding
from handlers.understanding.examples import inventory
from handlers.understanding.tokens import tokenize
from handlers.understanding.words import question_starters


def unless_asked(understanding: Understanding, text: str) -> Understanding:
    specs = inventory()
    if not specs[understanding.intent].order:
        return understanding
    tokens = tokenize(text)
    if not tokens or tokens[0].text not in question_starters():
        return understanding
    rest = [(intent, p) for intent, p in understanding.alternatives if not specs[intent].order]
    if not rest:
        return understanding
    (intent, probability), *others = rest
    confidence = min(probability + understanding.confidence, 1.0)
    return replace(understanding, intent=intent, confidence=confidence, alternatives=tuple(others))
