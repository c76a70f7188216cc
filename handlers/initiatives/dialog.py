"""The step-by-step intake in chat: one question per message, with "tilbake/back" and "avbryt/cancel".

State lives in a table keyed by channel, conversation and user, so a restart or another replica picks
up where the user was. Only validated answers are kept; a refused answer (e.g. one with an identity
number) is never written. At the end the routing suggestion is shown and the user confirms or picks.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import delete, select

from handlers.context import HandlerContext
from handlers.initiatives.dialog_steps import ask, confirm_domain, routing_prompt
from handlers.initiatives.form import FIELD_ORDER, OPTIONAL_FIELDS
from handlers.initiatives.validation import validate_field, validation_context
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.repositories.turns import known_dialog_open
from models.tables import InitiativeDialog

START = re.compile(
    r"\b(nytt initiativ|new initiative|meld inn (et |nytt )?initiativ|propose an? (new )?initiative)\b",
    re.IGNORECASE,
)
_ENGLISH_START = re.compile(r"\b(new|propose)\b", re.IGNORECASE)
CANCEL = frozenset({"avbryt", "cancel", "stopp", "stop"})
BACK = frozenset({"tilbake", "back"})
SKIP = frozenset({"-", "–", "nei", "no", "ingen", "none", "vet ikke", "ukjent", "unknown", "don't know"})
STEPS = (*FIELD_ORDER, "scope", "domain")


def _key(message: IncomingMessage) -> tuple[str, str, str]:
    return message.channel, message.conversation_id, message.sender.user_id


def _in_dialog(ctx: HandlerContext, message: IncomingMessage) -> bool:
    channel, conversation, user = _key(message)
    known = known_dialog_open(channel, conversation, user)  # checked when the turn claimed its event
    if known is not None:
        return known
    with ctx.store.read() as session:
        found = session.scalar(
            select(InitiativeDialog.id).where(
                InitiativeDialog.channel == channel,
                InitiativeDialog.conversation_id == conversation,
                InitiativeDialog.user_id == user,
            )
        )
    return found is not None


def answer_initiative_dialog(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    channel, conversation, user = _key(message)
    text = message.text.strip()
    if not START.search(text) and not _in_dialog(ctx, message):
        return None  # most messages: settled by a read, without taking the write lock
    with ctx.store.session() as session:
        row = session.scalar(
            select(InitiativeDialog).where(
                InitiativeDialog.channel == channel,
                InitiativeDialog.conversation_id == conversation,
                InitiativeDialog.user_id == user,
            )
        )
        if row is None:
            if not START.search(text):
                return None
            if message.language is None and _ENGLISH_START.search(text):
                language = "en"
            row = _new_dialog(ctx, message, language, {})
            session.add(row)
            return Reply(
                language,
                (Paragraph(t(language, "initiative.dialog.start")), ask(ctx, row.step, language)),
                "initiative.dialog",
            )
        language = message.language or ("en" if row.language == "en" else "nb")
        row.updated_at = ctx.clock()
        word = text.casefold().strip(" .!")
        if word in CANCEL:
            session.execute(delete(InitiativeDialog).where(InitiativeDialog.id == row.id))
            return Reply(
                language,
                (Paragraph(t(language, "initiative.dialog.cancelled")),),
                "initiative.dialog.cancelled",
            )
        if word in BACK:
            return _back(ctx, row, language)
        if row.step in FIELD_ORDER:
            return _answer_field(ctx, session, row, text, language)
    return confirm_domain(ctx, message, row.id, text, language)


def _new_dialog(
    ctx: HandlerContext, message: IncomingMessage, language: Language, answers: dict[str, Any]
) -> InitiativeDialog:
    channel, conversation, user = _key(message)
    return InitiativeDialog(
        channel=channel,
        conversation_id=conversation,
        user_id=user,
        step=_next_step(answers, 0) or FIELD_ORDER[0],
        answers={"_sid": uuid.uuid4().hex, **answers},
        language=language,
        updated_at=ctx.clock(),
    )


def _next_step(answers: dict[str, Any], start: int) -> str | None:
    """The first field from `start` on not answered yet: a dialog may start with the need filled in."""
    return next((name for name in FIELD_ORDER[start:] if name not in answers), None)


def start_dialog(
    ctx: HandlerContext, message: IncomingMessage, language: Language, *, need: str | None = None
) -> tuple[Paragraph, str | None]:
    """Start (or restart) the intake in this conversation, with `need` already answered when given (a
    proposal written as free text). Returns the first question to ask and, when the text cannot serve as
    the need (too short, too long, an identity number), why: then the need is asked for in its turn."""
    channel, conversation, user = _key(message)
    with ctx.store.session() as session:
        answers: dict[str, Any] = {}
        error = None
        if need is not None:
            value, error = validate_field("need", need, validation_context(ctx, session), language)
            answers = {"need": value} if error is None else {}
        session.execute(
            delete(InitiativeDialog).where(
                InitiativeDialog.channel == channel,
                InitiativeDialog.conversation_id == conversation,
                InitiativeDialog.user_id == user,
            )
        )
        row = _new_dialog(ctx, message, language, answers)
        session.add(row)
        step = row.step
    return ask(ctx, step, language), error


def _back(ctx: HandlerContext, row: InitiativeDialog, language: Language) -> Reply:
    index = STEPS.index(row.step)
    answers = dict(row.answers)
    if row.step == "domain" and "_scope" not in answers:
        index -= 1  # the scope step was skipped on the way forward
    if index == 0:
        return Reply(
            language,
            (Paragraph(t(language, "initiative.dialog.no_back")), ask(ctx, row.step, language)),
            "initiative.dialog",
        )
    previous = STEPS[index - 1]
    answers.pop(previous, None)
    row.answers, row.step = answers, previous
    return Reply(language, (ask(ctx, previous, language),), "initiative.dialog")


def _answer_field(
    ctx: HandlerContext, session: Any, row: InitiativeDialog, text: str, language: Language
) -> Reply:
    name = row.step
    raw: Any = None if (name in OPTIONAL_FIELDS and text.casefold() in SKIP) else text
    value, error = validate_field(name, raw, validation_context(ctx, session), language)
    if error is not None:
        return Reply(language, (Paragraph(error), ask(ctx, name, language)), "initiative.dialog.invalid")
    answers = dict(row.answers)
    answers[name] = raw if name in ("investment", "operating_cost") else value
    row.answers = answers
    following = _next_step(answers, FIELD_ORDER.index(name) + 1)
    if following is not None:
        row.step = following
        return Reply(language, (ask(ctx, row.step, language),), "initiative.dialog")
    return routing_prompt(ctx, session, row, language)
