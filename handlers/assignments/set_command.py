"""The command that sets an assignment's traffic light: «sett oppdrag 14 til gul: …», "set assignment 14
to red".

It changes the store, so it has a grammar of its own, matched whole before anything is understood
(handlers/commands.py). The keyword decides the language («oppdrag» is Norwegian, "assignment" English):
"set assignment 14 to red" holds too few common words for the general guess.
"""

from __future__ import annotations

import re

from handlers.assignments.status import AssignmentError, find_assignment, update_status
from handlers.assignments.views import title_for
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables.assignments import GREEN, RED, YELLOW

_I = re.IGNORECASE
_WORD = r"(?P<word>oppdrag(?:et|ene)?|assignments?)"
SET = re.compile(
    rf"^\s*(?:sett|set)\s+{_WORD}\s*(?:nr\.?\s*|#)?(?P<number>\d+)\s+(?:til|to)\s+(?P<light>[^\s:,.]+)"
    r"\s*(?:[:,–-]\s*(?P<comment>.*?))?\s*$",
    _I | re.DOTALL,
)
LIGHTS = {
    "grønn": GREEN, "grønt": GREEN, "green": GREEN,
    "gul": YELLOW, "gult": YELLOW, "yellow": YELLOW,
    "rød": RED, "rødt": RED, "red": RED,
}  # fmt: skip


def answer_assignment_command(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    match = SET.match(message.text.strip())
    if match is None:
        return None
    if message.language is None:
        language = "en" if match["word"].lower().startswith("assignment") else "nb"
    try:
        return _set(message, ctx, language, int(match["number"]), match["light"], match["comment"])
    except AssignmentError as refusal:
        return Reply(
            language,
            (Paragraph(t(language, refusal.key, **refusal.params)),),
            intent=f"refused.{refusal.key}",
        )


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
