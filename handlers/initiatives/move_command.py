"""The command that moves an initiative: «sett INI-2026-0042 til avvist fordi …», "move INI-… to …".

A state change never rests on the classifier's guess, so this has a grammar of its own, matched whole
before anything is understood (handlers/commands.py). Asked in other words, the `initiative.move` intent
answers with this exact syntax instead (handlers/command_hints.py).
"""

from __future__ import annotations

import re

from handlers import language as languages
from handlers.context import HandlerContext
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.messages import IncomingMessage, Language
from handlers.replies import Reply
from handlers.understanding.references import REFERENCE, canonical_reference

MOVE = re.compile(
    r"^\s*(?:sett|flytt|endre|move|set)\s+(?P<ref>ini[\s-]?\d{4}[\s-]\d{1,4})\s+(?:til|to)\s+(?P<state>.+?)"
    r"(?:\s*,?\s+(?:(?:i|på|fra)\s+møte[t]?(?:\s+den)?|(?:in|at|from)\s+(?:the\s+)?meeting(?:\s+(?:on|of))?)"
    r"\s+(?P<meeting>.+?))?"
    r"(?:\s*(?:,\s*)?(?:fordi|begrunnelse:|because|reason:)\s*(?P<reason>.+))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""«sett INI-2026-0001 til BP3 i møtet 10. mars fordi …»: the meeting names where a decision point was
decided (handlers/initiatives/decision_meeting.py); the reason comes last."""
_ENGLISH = re.compile(r"^\s*(?:move|set)\b|\bportfolio board\b|\b(?:waiting|waits)\b", re.IGNORECASE)


def answer_move_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    move = MOVE.match(message.text.strip())
    if move is None:
        return None
    if message.language is None:
        language = _language(message)
    reference = canonical_reference(move["ref"]) or move["ref"]
    request = MoveRequest(reference, move["state"].strip(" .?!"), move["reason"], move["meeting"])
    return move_initiative(ctx, request, sender=message.sender, language=language).reply


def _language(message: IncomingMessage) -> Language:
    """An English verb or phrase says it; otherwise the words around the reference do (a reference holds
    no language, and «sett … til avvist» has too few words for the general guess)."""
    if _ENGLISH.search(message.text):
        return "en"
    rest = REFERENCE.sub(" ", message.text)
    return languages.detect(rest) or languages.from_locale(message.sender.locale) or "nb"
