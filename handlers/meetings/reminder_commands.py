"""The secretariat's reminder commands: «påminn de som mangler saksdokumenter til møtet 14. desember»
previews a chase, «send påminnelser 3» (or the preview's button) queues it.

They queue messages to other people, so they have a grammar of their own, matched whole before anything
is understood (handlers/commands.py); asked in other words, `meetings.chase` answers with this syntax.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.meetings import answers, chase_chat
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.dates import find_date
from handlers.meetings.formatting import day
from handlers.meetings.queries import closest_bodies, meetings_on
from handlers.messages import IncomingMessage, Language
from handlers.notify import push_channels
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables import Body

_I = re.IGNORECASE
SEND = re.compile(
    r"^\s*send\s+(?:påminnelser|reminders)\b\s*(?:til|for)?\s*(?:møte[t]?|(?:the\s+)?meeting)?\s*(?P<ref>.*?)[.!?]*\s*$",
    _I,
)
CHASE = re.compile(
    r"^\s*(?:påminn|minn på|remind)\b.*?\b(?:mangler|missing|not delivered)\b.*?\b(?:møte[t]?|meeting)\b\s*(?P<ref>.*?)[.!?]*\s*$",
    _I,
)
_BODY_AT_END = re.compile(r"\s(?:i|of|in)\s+(?:the\s+)?(?P<body>[^\d?!][^?!]*?)\s*[?.!]*\s*$", _I)
_MEETING_ID = re.compile(r"^(?:nr\.?\s*|#|id\s*)?(?P<id>\d+)\s*$", _I)
_ENGLISH = re.compile(r"\b(?:remind|reminders|missing|meeting|not delivered)\b", _I)


def answer_meeting_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    """The chase and send commands, and the send button of a chase preview; None for anything else."""
    text = message.text.strip()
    if message.language is None and _ENGLISH.search(text) and not re.search("[æøåÆØÅ]", text):
        language = "en"
    try:
        if message.data.get("action") == chase_chat.SEND_ACTION:
            return _send(message, ctx, language, message.data.get("value", ""))
        if match := SEND.match(text):
            return _send(message, ctx, language, match["ref"])
        if match := CHASE.match(text):
            return _chase_preview(message, ctx, language, match["ref"])
    except MeetingError as refusal:
        return _refusal(ctx, language, refusal)
    return None


def _meeting_id(session: Session, ctx: HandlerContext, language: Language, ref: str) -> int:
    """A meeting named by its id, or by a date (and the body, when several meet that day)."""
    ref = ref.strip()
    if match := _MEETING_ID.match(ref):
        return int(match["id"])
    asked = find_date(ref, answers.today(ctx.clock()))
    if asked is None:
        raise MeetingError("meetings.which_meeting")
    body_match = _BODY_AT_END.search(" " + ref)
    body: Body | None = resolve_body(session, ctx.store.model_id, body_match["body"]) if body_match else None
    found = meetings_on(session, ctx.store.model_id, asked, body.id if body else None)
    if len(found) != 1:
        raise MeetingError(
            "meetings.which_meeting" if found else "meetings.on_date.none", date=day(language, asked)
        )
    return found[0].id


def _chase_preview(message: IncomingMessage, ctx: HandlerContext, language: Language, ref: str) -> Reply:
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, message.sender)
        meeting_id = _meeting_id(session, ctx, language, ref)
        return chase_chat.preview(session, language, ctx.store.model_id, actor, meeting_id, ctx.clock())


def _send(message: IncomingMessage, ctx: HandlerContext, language: Language, ref: str) -> Reply:
    with ctx.store.session() as session:
        actor = resolve_actor(session, ctx.store.model_id, message.sender)
        meeting_id = _meeting_id(session, ctx, language, ref)
        reply = chase_chat.send(
            session, language, ctx.model, ctx.store.model_id, actor, meeting_id, ctx.clock(),
            push_channels(ctx.notifier),
        )  # fmt: skip
    ctx.outbox_bell.ring()  # the chase reminders are queued and committed: the sweep sends them now
    return reply


def _refusal(ctx: HandlerContext, language: Language, refusal: MeetingError) -> Reply:
    blocks = [Paragraph(t(language, refusal.key, **refusal.params))]
    if refusal.key == "meetings.no_body":
        with ctx.store.read() as session:
            names = closest_bodies(session, ctx.store.model_id, refusal.params["asked"])
        blocks.append(Paragraph(t(language, "meetings.closest", names=", ".join(names))))
    return Reply(language, tuple(blocks), intent=f"refused.{refusal.key}")
