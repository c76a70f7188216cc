"""Choosing the reply language: Norwegian bokmål unless the user is plainly writing English.

An explicit choice wins, then the words of the message when they are clear (question words listed here,
and the words the labelled examples use in only one of the languages), then the platform's locale,
then bokmål, the users' working language. The message outranks the locale because many Norwegian users
run Slack and Teams with an English locale but write Norwegian; "English when spoken to in English".
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path

from handlers.messages import IncomingMessage, Language

_WORD = re.compile(r"[a-zA-ZæøåÆØÅéü]+")
_ENGLISH = frozenset(
    """which who whom what where when how does do is are the a an of owns own owner owners domain domains
    board boards system systems list show help me my please cover covers covering runs run responsible
    for about tell can you i there exist exists belongs belong to next waiting assignment assignments
    overview home page""".split()
)
_NORWEGIAN = frozenset(
    """hvem hva hvilke hvilket hvilken hvor når hvordan eier eies eierskap er og det som dekker finnes
    områdestyre områdestyrer område områder domene domener hjelp jeg meg min mine kan du vis hører til
    ansvar ansvarlig for om leder på av har hei takk systemet systemer neste saker gjelder
    oversikt hjem side startside oppdrag oppdraget oppdragene""".split()
)
_AMBIGUOUS = frozenset({"for", "til", "to"})


def from_locale(locale: str | None) -> Language | None:
    if not locale:
        return None
    prefix = locale.lower().replace("_", "-").split("-")[0]
    if prefix in ("nb", "no", "nn"):
        return "nb"
    if prefix == "en":
        return "en"
    return None


LEARNT_MIN_COUNT = 2
"""A word counts as one language's when the training examples use it this often there and never in the other."""


LEARNING_VERSION = 2
"""Part of the cached words' name: bump when `_learn` changes, so words learnt the old way are not reused."""
_cache_dir: Path | None = None


def keep_learnt_in(cache_dir: Path | None) -> None:
    """Where the learnt words are kept between processes (the user's govbot cache; None: not kept).

    Learning them parses every examples file (about 90 ms, most of a one-shot `govbot ask`'s own work);
    the words are saved keyed on the files' bytes (`examples_digest`), so a changed file is learnt anew."""
    global _cache_dir
    _cache_dir = cache_dir
    _learnt.cache_clear()


@cache
def _learnt() -> tuple[frozenset[str], frozenset[str]]:
    if _cache_dir is None:
        return _learn()
    from handlers.understanding.examples import examples_digest

    path = _cache_dir / f"language-words-{LEARNING_VERSION}-{examples_digest()[:24]}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        saved = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(saved["en"]), frozenset(saved["nb"])
    learnt = _learn()
    with contextlib.suppress(OSError):  # an unwritable cache means learning again next time, nothing more
        _cache_dir.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=_cache_dir, prefix=".language-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"en": sorted(learnt[0]), "nb": sorted(learnt[1])}, out)
        os.replace(temp, path)  # whole or not at all for a concurrent reader
    return learnt


def _learn() -> tuple[frozenset[str], frozenset[str]]:
    """English and bokmål words as the labelled examples use them ("assignments", «oppdrag», "suggest").

    The hand-written lists hold the question words; the examples add the vocabulary people actually use,
    so a new intent's words tell the language as soon as its examples are written. Words inside a marked
    slot are names, not language: "Who chairs Digitaliseringsstyret?" is English."""
    from handlers.understanding.examples import training_examples

    counts: dict[str, Counter[str]] = {"nb": Counter(), "en": Counter()}
    for example in training_examples():
        text = example.text
        for slot in example.slots:  # names («Digitaliseringsstyret», DIPS) are said in either language
            text = text.replace(slot.value, " ")
        # one letter tells no language: «x» of "x-ray" made a lone «x» English
        counts[example.language].update({w.lower() for w in _WORD.findall(text) if len(w) > 1})
    english = {w for w, n in counts["en"].items() if n >= LEARNT_MIN_COUNT and w not in counts["nb"]}
    norwegian = {w for w, n in counts["nb"].items() if n >= LEARNT_MIN_COUNT and w not in counts["en"]}
    return frozenset(english - _NORWEGIAN), frozenset(norwegian - _ENGLISH)


def detect(text: str) -> Language | None:
    """The language the words point to, or None when they do not tell ("DIPS?")."""
    if any(ch in text for ch in "æøåÆØÅ"):
        return "nb"
    # «i» is bokmål's commonest preposition («vedtak i Prehospital i 2026»); only a capital "I" is the
    # English pronoun, so a lower-case one tells nothing
    words = [w.lower() for w in _WORD.findall(text) if w != "i"]
    learnt_english, learnt_norwegian = _learnt()
    english = sum(1 for w in words if (w in _ENGLISH or w in learnt_english) and w not in _AMBIGUOUS)
    norwegian = sum(1 for w in words if (w in _NORWEGIAN or w in learnt_norwegian) and w not in _AMBIGUOUS)
    if english > norwegian:
        return "en"
    if norwegian > english:
        return "nb"
    return None


def choose(message: IncomingMessage) -> Language:
    return message.language or detect(message.text) or from_locale(message.sender.locale) or "nb"
