"""Recording a decision from chat: «vedtak sak 12-2027 i Pasientbehandling: vedtatt. Styret godkjenner …».

A decision changes the register and may move an initiative, so it is a command with a grammar of its own
(handlers/commands.py), parsed whole, never a classifier's guess. English: «decision case 12/27 in the
portfolio board: approved. The board …». The body may be left out when the case number is found in
exactly one of the bodies the sender keeps (secretariat, chair or owner).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.decisions.numbers import case_number
from handlers.decisions.outcomes import WORDS
from handlers.decisions.record import record_decision
from handlers.decisions.texts import recorded_lines
from handlers.identity import Actor, resolve_actor
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.permissions import may_manage_meetings
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables import AgendaItem, Body

RECORD = re.compile(
    r"^\s*(?P<word>vedtak|decision)\s+(?:(?:i|on|for)\s+)?(?:sak|case)?\s*(?P<number>\d+\s*[/-]\s*\d{2,4})"
    r"(?:\s+(?:i|in|of|for)\s+(?P<body>[^:]+?))?\s*:\s*(?P<rest>.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_OUTCOMES = sorted(WORDS, key=len, reverse=True)


def answer_decision_command(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    match = RECORD.match(message.text)
    if match is None:
        return None
    if message.language is None:
        language = "en" if match["word"].casefold() == "decision" else "nb"
    try:
        outcome, text = _split(match["rest"])
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            item = _case(session, ctx, actor, match["number"], match["body"])
            recorded = record_decision(
                session, ctx.model, ctx.store.model_id, actor,
                item_id=item.id, outcome=outcome, text=text, now=ctx.clock(),
            )  # fmt: skip
            lines = recorded_lines(recorded, language, ctx.model)
    except MeetingError as refusal:
        text = t(language, refusal.key, **refusal.params)
        return Reply(language, (Paragraph(text),), intent=f"refused.{refusal.key}")
    ctx.outbox_bell.ring()  # the proposer's and the case owner's notices are committed
    return Reply(language, tuple(Paragraph(line) for line in lines), intent="decisions.recorded")


def _split(rest: str) -> tuple[str, str]:
    """«vedtatt. Styret godkjenner …» → ("vedtatt", "Styret godkjenner …"); the outcome comes first."""
    folded = rest.casefold()
    for word in _OUTCOMES:
        if folded.startswith(word) and (len(rest) == len(word) or not rest[len(word)].isalnum()):
            return word, rest[len(word) :].lstrip(" .:,;–-")
    first = re.split(r"[\s.:,;–-]", rest.strip(), maxsplit=1)[0]
    return first, ""


def _case(
    session: Session, ctx: HandlerContext, actor: Actor, asked: str, body_name: str | None
) -> AgendaItem:
    number = case_number(asked)
    if number is None:
        raise MeetingError("decisions.no_case", number=asked, body="-")
    query = select(AgendaItem).where(AgendaItem.model_id == ctx.store.model_id, AgendaItem.number == number)
    if body_name:
        body = resolve_body(session, ctx.store.model_id, body_name)
        item = session.scalar(query.where(AgendaItem.body_key == body.key))
        if item is None:
            raise MeetingError("decisions.no_case", number=number, body=body.name)
        return item
    kept = [
        item
        for item in session.scalars(query)
        if may_manage_meetings(session, _body_id(session, ctx, item.body_key), actor.person_key)
    ]
    if len(kept) != 1:
        raise MeetingError("decisions.which_body", number=number)
    return kept[0]


def _body_id(session: Session, ctx: HandlerContext, body_key: str) -> int:
    return session.scalars(
        select(Body.id).where(Body.model_id == ctx.store.model_id, Body.key == body_key)
    ).one()
