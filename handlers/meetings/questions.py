"""The meetings feature's place in the responder chain: questions about meetings and the chase command.

Fixed phrases decide ("neste møte i …", "mine frister", "hvilke saksdokumenter mangler …", "når er
fristen for møtet 14. desember", "påminn de som mangler saksdokumenter …", "send påminnelser 3"); anything
else returns None so the catalogue questions ("Hvem eier DIPS?") keep working unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.meetings import answers, chase_chat
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.dates import find_date, mentions_date
from handlers.meetings.formatting import day
from handlers.meetings.mine import answer_mine
from handlers.meetings.queries import closest_bodies, meetings_on
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables import Body

BodyAnswer = Callable[[Session, Language, Body, datetime], Reply]

_I = re.IGNORECASE
_SEND = re.compile(
    r"^\s*send\s+(?:påminnelser|reminders)\b\s*(?:til|for)?\s*(?:møte[t]?|(?:the\s+)?meeting)?\s*(?P<ref>.*?)[.!?]*\s*$",
    _I,
)
_CHASE = re.compile(
    r"^\s*(?:påminn|minn på|remind)\b.*?\b(?:mangler|missing|not delivered)\b.*?\b(?:møte[t]?|meeting)\b\s*(?P<ref>.*?)[.!?]*\s*$",
    _I,
)
_PAPERS = re.compile(r"\b(saksdokument\w*|saksgrunnlag\w*|sakspapir\w*|dokument\w*|papers|documents)\b", _I)
_MISSING = re.compile(r"\b(mangler|missing|not delivered|ikke levert)\b", _I)
_NEXT = re.compile(r"\b(?:neste|kommende)\s+møte\w*|\bnext meeting\b", _I)
_MINE = re.compile(r"\b(?:mine|my)\s+(?:saks)?(?:frister|deadlines|paper deadlines)\b|\bfristene mine\b", _I)
_DUE = re.compile(r"\b(frist\w*|due|deadlines?)\b", _I)
_BODY_AFTER_MEETING = re.compile(
    r"\b(?:møte[t]?|meeting)\s+(?:i|for|of|in|til|på)\s+(?:the\s+)?(?P<body>[^?!]+?)\s*[?.!]*\s*$", _I
)
_BODY_AT_END = re.compile(r"\s(?:i|of|in)\s+(?:the\s+)?(?P<body>[^\d?!][^?!]*?)\s*[?.!]*\s*$", _I)
_MEETING_ID = re.compile(r"^(?:nr\.?\s*|#|id\s*)?(?P<id>\d+)\s*$", _I)
_ENGLISH = re.compile(
    r"\b(next meeting|my deadlines|papers|missing|due|deadlines?|remind|reminders|meeting)\b", _I
)


def answer_meetings(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    text = message.text.strip()
    if message.language is None and _ENGLISH.search(text) and not re.search("[æøåÆØÅ]", text):
        language = "en"
    try:
        if message.data.get("action") == chase_chat.SEND_ACTION:
            return _send(message, ctx, language, message.data.get("value", ""))
        if match := _SEND.match(text):
            return _send(message, ctx, language, match["ref"])
        if match := _CHASE.match(text):
            return _chase_preview(message, ctx, language, match["ref"])
        if _MISSING.search(text) and _PAPERS.search(text):
            return _about_body(ctx, language, text, answers.answer_missing)
        if _NEXT.search(text):
            return _about_body(ctx, language, text, answers.answer_next)
        if _MINE.search(text):
            with ctx.store.read() as session:
                actor = resolve_actor(session, ctx.store.model_id, message.sender)
                return answer_mine(session, language, ctx.store.model_id, actor, ctx.clock())
        if _DUE.search(text) and mentions_date(text):
            return _on_date(ctx, language, text)
    except MeetingError as refusal:
        return _refusal(ctx, language, refusal)
    return None


def _about_body(ctx: HandlerContext, language: Language, text: str, answer: BodyAnswer) -> Reply:
    match = _BODY_AFTER_MEETING.search(text) or _BODY_AT_END.search(text)
    if match is None:
        return Reply(language, (Paragraph(t(language, "meetings.ask_body")),), intent="meetings.ask_body")
    with ctx.store.read() as session:
        body = resolve_body(session, ctx.store.model_id, match["body"])
        return answer(session, language, body, ctx.clock())


def _on_date(ctx: HandlerContext, language: Language, text: str) -> Reply:
    asked = find_date(text, answers.today(ctx.clock()))
    if asked is None:
        return Reply(language, (Paragraph(t(language, "meetings.date_unclear")),), intent="meetings.on_date")
    body_match = _BODY_AT_END.search(text)
    with ctx.store.read() as session:
        body = resolve_body(session, ctx.store.model_id, body_match["body"]) if body_match else None
        return answers.answer_on_date(session, language, ctx.store.model_id, asked, body)


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
            session, language, ctx.model, ctx.store.model_id, actor, meeting_id, ctx.clock()
        )
    ctx.outbox_bell.ring()  # the chase reminders are queued and committed: the sweep sends them now
    return reply


def _refusal(ctx: HandlerContext, language: Language, refusal: MeetingError) -> Reply:
    blocks = [Paragraph(t(language, refusal.key, **refusal.params))]
    if refusal.key == "meetings.no_body":
        with ctx.store.read() as session:
            names = closest_bodies(session, ctx.store.model_id, refusal.params["asked"])
        blocks.append(Paragraph(t(language, "meetings.closest", names=", ".join(names))))
    return Reply(language, tuple(blocks), intent=f"refused.{refusal.key}")
