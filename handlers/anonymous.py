"""What a visitor nobody has signed in may do: ask read-only questions, nothing else.

The anonymous web visitor is one shared identity, so anything personal ("mine initiativer") would show
every anonymous visitor's data and anything that writes would have no one to answer for it. Instead of
listing what is forbidden, the chain for them holds only read-only responders; this one goes first and
answers the phrases of the features that write or are personal with a polite "sign in" sentence, so the
visitor learns why instead of getting a catalogue miss. The patterns are the features' own, so a phrase
a feature recognises is refused in the same words.
"""

from __future__ import annotations

import re

from handlers import language as languages
from handlers.assignments.responder import _SET as SET_ASSIGNMENT
from handlers.context import HandlerContext
from handlers.home import ASKS_FOR_HOME
from handlers.initiatives.dialog import START as START_INITIATIVE
from handlers.initiatives.questions import _ESCALATE, _MINE, _MOVE, _SEARCH, _WAITING, REFERENCE
from handlers.meetings.meeting_form import _TRIGGER as PLAN_MEETING
from handlers.meetings.questions import _CHASE, _SEND
from handlers.meetings.questions import _MINE as MY_DEADLINES
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t

_SEARCHED = (
    START_INITIATIVE,
    REFERENCE,
    _MOVE,
    _MINE,
    _ESCALATE,
    _WAITING,
    _SEARCH,
    MY_DEADLINES,
    _SEND,
    _CHASE,
    SET_ASSIGNMENT,
)


def needs_sign_in(message: IncomingMessage) -> bool:
    text = message.text.strip()
    if message.data:
        return True  # buttons belong to forms and secretariat actions
    if any(pattern.search(text) for pattern in _SEARCHED):
        return True
    return bool(ASKS_FOR_HOME.fullmatch(text) or PLAN_MEETING.match(text))


def answer_sign_in_needed(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    if not needs_sign_in(message):
        return None
    if message.language is None and REFERENCE.search(message.text):
        # "status INI-2026-0001" has no language of its own; the initiatives feature decides the same way
        rest = re.sub(r"\bstatus\b", " ", REFERENCE.sub(" ", message.text), flags=re.IGNORECASE)
        language = languages.detect(rest) or languages.from_locale(message.sender.locale) or "nb"
    return sign_in_reply(language)


def sign_in_reply(language: Language) -> Reply:
    return Reply(language, (Paragraph(t(language, "webchat.sign_in_needed")),), intent="sign_in.needed")
