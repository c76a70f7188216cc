"""The features an utterance is classified by: what makes «sakspapirene» and «sakspapir» look alike.

Character n-grams inside words carry Norwegian compounds, inflections and typos («portefoljestyret»,
«områdestyrenes»); word unigrams and bigrams carry the phrasing («hvem eier», "next meeting"). Letters
æ/ø/å also appear folded (ae/o/a) because people type without them. Slots found in the message are
masked first (`<system>`, `<period>`, …), so «Hvem eier DIPS?» and «hvem eier NISSY» are the same
question to the classifier, and a system name it never saw in training cannot tip the intent.

One function serves training and answering: the trained model and the live message can never be
featurised differently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from handlers.understanding.concepts import concepts_of
from handlers.understanding.slots import Span

MASKED_SLOTS = {
    "system": "system",
    "domain": "domain",
    "subject": "domain",
    "body": "body",
    "period": "period",
    "date": "date",
    "amount": "amount",
    "reference": "reference",
    "decision_point": "decision_point",
    "term": "term",
}
"""Slot names (as examples mark them and the extractor reports them) → the mask the classifier sees.

Topic words, needs and «mine» are not masked: their words are what the intent is recognised by."""

CHAR_NGRAMS = range(2, 6)
WORD_PREFIX = "w:"
_WORD = re.compile(r"<[a-z_]+>|[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_ACCENTS = str.maketrans("éèêëóòôöüúùáàâäí", "eeeeoooouuuaaaai")
"""Accents Norwegian writes only sometimes («idé», «kafé», «allé»): folded always, so «idé» and «ide»
are one word. æ, ø and å are letters of their own and keep their place (folded only as a variant)."""


KEPT_BESIDE_MASK = frozenset({"domain", "subject", "term"})
"""Slots whose words stay beside their mask. A domain's subject words are ordinary words too
(«budsjettinnspill», «innkjøp», «nurses»), and a glossary term is often what the question is about: the
mask alone hid them, and on the training part's folds keeping them beside the mask gained a point (top-1
0.837 → 0.847). System names are masked alone: a name never seen in training must not tip the intent."""


def masked(text: str, spans: Iterable[Span]) -> str:
    """The text with each slot span replaced by its mask (some with their words kept, see
    `KEPT_BESIDE_MASK`), right to left so offsets stay valid."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        mask = MASKED_SLOTS.get(span.slot)
        if mask is not None:
            kept = f"{text[span.start : span.end]} " if span.slot in KEPT_BESIDE_MASK else ""
            text = f"{text[: span.start]} <{mask}> {kept}{text[span.end :]}"
    return text


def features(text: str) -> list[str]:
    """Word unigrams and bigrams (prefixed `w:`), the message's concepts and their pairs (`w:c:`), and
    character 2–5-grams of each word with its edges."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold().translate(_ACCENTS))
    found: list[str] = [f"w:{w}" for w in words]
    found.extend(f"w:{a} {b}" for a, b in pairwise(words))
    found.append(f"w:^{words[0]}" if words else "w:^")
    found.extend(_concept_features(words))
    for word in words:
        if not word.startswith("<"):
            found.extend(_character_grams(word))
    return found


def _concept_features(words: list[str]) -> list[str]:
    """Each concept a word stands for, then every pair of the message's concepts and slot masks (a mask
    is its own concept here: «frame & reference» is a what-if, «frame & show» the overview)."""
    named = [c for w in words if not w.startswith("<") for c in concepts_of(w)]
    found = [f"w:c:{c}" for c in named]
    present = sorted({*named, *(w.strip("<>") for w in words if w.startswith("<"))})
    found.extend(f"w:c:{a}&{b}" for i, a in enumerate(present) for b in present[i + 1 :])
    return found


@lru_cache(maxsize=1 << 16)
def _character_grams(word: str) -> tuple[str, ...]:
    """Cached per word: the same few thousand words make up every example and most messages, and cutting
    their n-grams was a third of training time."""
    grams: list[str] = []
    for variant in dict.fromkeys((word, word.translate(_FOLD))):
        padded = f" {variant} "
        for size in CHAR_NGRAMS:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return tuple(grams)
