"""Choosing the reply language: Norwegian bokmål unless the user is plainly writing English.

An explicit choice wins, then the words of the message when they are clear, then the platform's locale,
then bokmål, the users' working language. The message outranks the locale because many Norwegian users
run Slack and Teams with an English locale but write Norwegian; "English when spoken to in English".
"""

from __future__ import annotations

import re

from handlers.messages import IncomingMessage, Language

_WORD = re.compile(r"[a-zA-ZæøåÆØÅéü]+")
_ENGLISH = frozenset(
    """which who whom what where when how does do is are the a an of owns own owner owners domain domains
    board boards system systems list show help me my please cover covers covering runs run responsible
    for about tell can you i there exist exists belongs belong to next waiting
    overview home page""".split()
)
_NORWEGIAN = frozenset(
    """hvem hva hvilke hvilket hvilken hvor når hvordan eier eies eierskap er og det som dekker finnes
    områdestyre områdestyrer område områder domene domener hjelp jeg meg min mine kan du vis hører til
    ansvar ansvarlig for om leder på av har hei takk systemet systemer neste saker gjelder
    oversikt hjem side startside""".split()
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


def detect(text: str) -> Language | None:
    """The language the words point to, or None when they do not tell ("DIPS?")."""
    if any(ch in text for ch in "æøåÆØÅ"):
        return "nb"
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(1 for w in words if w in _ENGLISH and w not in _AMBIGUOUS)
    norwegian = sum(1 for w in words if w in _NORWEGIAN and w not in _AMBIGUOUS)
    if english > norwegian:
        return "en"
    if norwegian > english:
        return "nb"
    return None


def choose(message: IncomingMessage) -> Language:
    return message.language or detect(message.text) or from_locale(message.sender.locale) or "nb"
