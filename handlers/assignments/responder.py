"""The assignments feature's place in the responder chain: list, show and update traffic lights.

Fixed phrases decide ("oppdrag", "status oppdrag 14", "sett oppdrag 14 til gul: …" and their English
twins); anything else returns None so the later responders keep working unchanged. The keyword also
decides the language ("oppdrag" is Norwegian, "assignment" English) because "set assignment 14 to red"
holds too few common words for the general language guess.
"""

from __future__ import annotations

import re

from handlers.assignments.status import AssignmentError, current_statuses, find_assignment, update_status
from handlers.assignments.views import assignment_details, assignment_list, title_for
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.meetings.deadlines import local_date
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables.assignments import GREEN, RED, YELLOW

_I = re.IGNORECASE
_WORD = r"(?P<word>oppdrag(?:et|ene)?|assignments?)"
_LIST = re.compile(rf"^\s*(?:vis\s+|list\s+|show\s+)?(?:alle\s+|all\s+|the\s+)?{_WORD}\s*[?.!]*\s*$", _I)
_STATUS = re.compile(
    rf"^\s*(?:hva\s+er\s+|what\s+is\s+(?:the\s+)?)?status\s+(?:for\s+|of\s+|på\s+)?{_WORD}\s*"
    r"(?:nr\.?\s*|#)?(?P<number>\d+)\s*[?.!]*\s*$",
    _I,
)
_SET = re.compile(
    rf"^\s*(?:sett|set)\s+{_WORD}\s*(?:nr\.?\s*|#)?(?P<number>\d+)\s+(?:til|to)\s+(?P<light>[^\s:,.]+)"
    r"\s*(?:[:,–-]\s*(?P<comment>.*?))?\s*$",
    _I | re.DOTALL,
)
LIGHTS = {
    "grønn": GREEN, "grønt": GREEN, "green": GREEN,
    "gul": YELLOW, "gult": YELLOW, "yellow": YELLOW,
    "rød": RED, "rødt": RED, "red": RED,
}  # fmt: skip


def answer_assignments(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    text = message.text.strip()
    match = _SET.match(text) or _STATUS.match(text) or _LIST.match(text)
    if match is None:
        return None
    if message.language is None:
        language = "en" if match["word"].lower().startswith("assignment") else "nb"
    try:
        if match.re is _SET:
            return _set(message, ctx, language, int(match["number"]), match["light"], match["comment"])
        if match.re is _STATUS:
            return _show(ctx, language, int(match["number"]))
        return _list(ctx, language)
    except AssignmentError as refusal:
        return Reply(
            language,
            (Paragraph(t(language, refusal.key, **refusal.params)),),
            intent=f"refused.{refusal.key}",
        )


def _list(ctx: HandlerContext, language: Language) -> Reply:
    if not ctx.model.assignments:
        raise AssignmentError("assignments.none")
    with ctx.store.read() as session:  # rows are read while the session is open
        statuses = current_statuses(session, ctx.store.model_id)
        return assignment_list(language, ctx.model, statuses, local_date(ctx.clock()))


def _show(ctx: HandlerContext, language: Language, number: int) -> Reply:
    assignment = find_assignment(ctx.model, number)
    with ctx.store.read() as session:
        status = current_statuses(session, ctx.store.model_id).get(number)
        return assignment_details(language, ctx.model, assignment, status)


def _set(
    message: IncomingMessage,
    ctx: HandlerContext,
    language: Language,
    number: int,
    light_word: str,
    comment: str | None,
) -> Reply:
    light = LIGHTS.get(light_word.lower())
    with ctx.store.session() as session:
        actor = resolve_actor(session, ctx.store.model_id, message.sender)
        if light is None:  # update_status checks permission before refusing the word
            light = light_word.lower()
        update_status(session, ctx.model, ctx.store.model_id, actor, number, light, comment, ctx.clock())
    assignment = find_assignment(ctx.model, number)
    return Reply(
        language,
        (
            Paragraph(
                t(
                    language,
                    "assignments.updated",
                    number=number,
                    title=title_for(language, assignment),
                    light=t(language, f"assignments.light.{light}"),
                )
            ),
        ),
        intent="assignments.updated",
    )
