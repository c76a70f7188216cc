"""Recognising questions and commands about initiatives, in bokmål and English.

A reference (`INI-2026-0042`) is the clearest signal; otherwise fixed phrases decide. Anything else is
left to the next responder, so the catalogue questions keep working unchanged.
"""

from __future__ import annotations

import re

from handlers import language as languages
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.lifecycle import MoveRequest, move_initiative
from handlers.initiatives.lists import answer_escalations, answer_mine, answer_search, answer_waiting
from handlers.initiatives.status import answer_status
from handlers.lookup.catalogue import catalogue_view
from handlers.lookup.names import FUZZY_ACCEPT
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from handlers.understanding.references import REFERENCE, canonical_reference

__all__ = ["REFERENCE", "answer_initiative_question", "canonical_reference"]

_MOVE = re.compile(
    r"^\s*(?:sett|flytt|endre|move|set)\s+(?P<ref>ini[\s-]?\d{4}[\s-]\d{1,4})\s+(?:til|to)\s+(?P<state>.+?)"
    r"(?:\s*,?\s+(?:(?:i|på|fra)\s+møte[t]?(?:\s+den)?|(?:in|at|from)\s+(?:the\s+)?meeting(?:\s+(?:on|of))?)"
    r"\s+(?P<meeting>.+?))?"
    r"(?:\s*(?:,\s*)?(?:fordi|begrunnelse:|because|reason:)\s*(?P<reason>.+))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
"""«sett INI-2026-0001 til BP3 i møtet 10. mars fordi …»: the meeting names where a decision point was
decided (handlers/initiatives/decision_meeting.py); the reason comes last."""
_MINE = re.compile(r"\b(mine initiativ\w*|my initiatives?)\b", re.IGNORECASE)
_ESCALATE = re.compile(
    r"\b(må|skal|bør|går)\b.*\btil porteføljestyret|\b(must|should|needs? to|goes|go)\b.*\bto the portfolio board",
    re.IGNORECASE,
)
_WAITING = re.compile(
    r"\b(venter|waiting|waits|wait)\b.*?\b(vurdering|assessment|beslutning|decision)\b(?:\s+(?:i|in|på|for)\s+(?P<domain>.+))?",
    re.IGNORECASE,
)
_SEARCH = re.compile(
    r"^\s*(?:søk|finn|search|find)\s+(?:etter\s+|for\s+)?(?:initiativ\w*|initiatives?)\s+(?:om\s+|about\s+|med\s+|with\s+)?(?P<words>.+)$",
    re.IGNORECASE,
)


_ENGLISH = re.compile(
    r"^\s*(move|set|search|find)\b|\bmy initiatives?\b|\bportfolio board\b|\b(waiting|waits)\b", re.IGNORECASE
)


def answer_initiative_question(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    text = message.text.strip()
    if message.language is None and _ENGLISH.search(text):
        language = "en"  # command words the general detector does not know
    elif message.language is None and REFERENCE.search(text):
        rest = re.sub(r"\bstatus\b", " ", REFERENCE.sub(" ", text), flags=re.IGNORECASE)
        language = languages.detect(rest) or languages.from_locale(message.sender.locale) or "nb"
    move = _MOVE.match(text)
    if move:
        reference = canonical_reference(move.group("ref")) or move.group("ref")
        request = MoveRequest(
            reference, move.group("state").strip(" .?!"), move.group("reason"), move.group("meeting")
        )
        return move_initiative(ctx, request, sender=message.sender, language=language).reply
    reference = canonical_reference(text)
    waiting = _WAITING.search(text)
    search = _SEARCH.match(text)
    wants_mine = bool(_MINE.search(text))
    escalate = bool(_ESCALATE.search(text))
    if not (reference or waiting or search or wants_mine or escalate):
        return None
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, message.sender)
        if reference:
            return answer_status(ctx, session, reference, actor, language)
        if wants_mine:
            return answer_mine(ctx, session, actor, language)
        if waiting:
            domain = _domain(ctx, session, waiting.group("domain") or "")
            if domain is None:
                return Reply(
                    language, (Paragraph(t(language, "initiative.waiting.which")),), "initiative.waiting"
                )
            return answer_waiting(ctx, session, domain, language)
        if search:
            phrase = search.group("words").strip(" ?.!")
            words = [w for w in phrase.split() if len(w) > 1][:6]
            return answer_search(ctx, session, words, language, shown=phrase)
        return answer_escalations(ctx, session, language)


def _domain(ctx: HandlerContext, session, phrase: str):  # type: ignore[no-untyped-def]
    phrase = phrase.strip(" ?.!")
    if not phrase:
        return None
    view = catalogue_view(ctx, session)
    exact = view.domains.find_exact(phrase)
    if exact:
        return exact[0].item
    fuzzy = view.domains.find_fuzzy(phrase, limit=1, cutoff=FUZZY_ACCEPT - 10)
    return fuzzy[0].item if fuzzy else None
