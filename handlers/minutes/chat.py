"""The minutes commands in chat, parsed whole like the other commands that change the store.

«lag referat fra møte 3» / "draft minutes of meeting 3", «send referat 3 til kommentar innen 10.12.2026» /
"send minutes 3 for comments by 10 December 2026", «kommentar til referat 3: …» / "comment on minutes
3: …", «kommentarer til referat 3» / "comments on minutes 3", «godkjenn referat 3» / "approve minutes 3"
and «vis referat 3» / "show minutes 3". The meeting is named by its id, as the notices name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.identity import Actor, resolve_actor
from handlers.meetings.access import MeetingError
from handlers.meetings.dates import find_date
from handlers.meetings.deadlines import local_date
from handlers.messages import IncomingMessage, Language
from handlers.minutes import keeping
from handlers.minutes.content import date_words
from handlers.minutes.show import facts_of, minutes_reply
from handlers.replies import Actions, BulletList, Button, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import MinutesComment

_M = r"(?:referat(?:et)?|minutes)"
_OF = r"(?:(?:fra|for|til|of|for|from)\s+(?:the\s+)?)?(?:møte(?:t)?|mote|meeting)?\s*"
DRAFT = re.compile(
    rf"^\s*(?P<word>lag|skriv|draft|write|make)\s+(?:the\s+)?{_M}\s+{_OF}(?P<meeting>\d+)\s*[.!]?\s*$",
    re.IGNORECASE,
)
SEND = re.compile(
    rf"^\s*send\s+(?:the\s+)?(?P<word>referat(?:et)?|minutes)\s+{_OF}(?P<meeting>\d+)\s+"
    r"(?:til\s+kommentar(?:er)?|for\s+comments?)\s+(?:innen|før|med\s+frist|by|before)\s+(?P<due>.+?)\s*$",
    re.IGNORECASE,
)
COMMENT = re.compile(
    rf"^\s*(?P<word>kommentar|comment)\s+(?:til|on)\s+(?:the\s+)?{_M}\s+{_OF}(?P<meeting>\d+)\s*:\s*(?P<text>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
COMMENTS = re.compile(
    rf"^\s*(?:vis\s+|show\s+)?(?P<word>kommentarer(?:ne)?|comments)\s+(?:til|on)\s+(?:the\s+)?{_M}\s+{_OF}"
    r"(?P<meeting>\d+)\s*\??\s*$",
    re.IGNORECASE,
)
APPROVE = re.compile(
    rf"^\s*(?P<word>godkjenn|approve)\s+(?:the\s+)?{_M}\s+{_OF}(?P<meeting>\d+)\s*[.!]?\s*$", re.IGNORECASE
)
SHOW = re.compile(
    rf"^\s*(?P<word>vis|show)\s+(?:the\s+)?{_M}\s+{_OF}(?P<meeting>\d+)\s*\??\s*$", re.IGNORECASE
)
GRAMMARS = (DRAFT, SEND, COMMENT, COMMENTS, APPROVE, SHOW)
_ENGLISH = {"draft", "write", "make", "minutes", "comment", "comments", "approve", "show"}


def matches(text: str) -> bool:
    return any(g.match(text) for g in GRAMMARS)


def comments_reply(kept: keeping.Kept, rows: list[tuple[MinutesComment, str]], language: Language) -> Reply:
    facts = facts_of(kept, language)
    items = tuple(
        t(
            language,
            "minutes.comments.item",
            name=name,
            date=date_words(language, local_date(c.created_at)),
            text=c.text,
        )
        for c, name in rows
    )
    blocks = [Heading(t(language, "minutes.comments.heading", **facts))]  # type: ignore[arg-type]
    blocks.append(BulletList(items) if items else Paragraph(t(language, "minutes.comments.none")))
    return Reply(language, tuple(blocks), intent="minutes.comments")


def answer_minutes_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    for grammar, act in _ACTIONS:
        match = grammar.match(message.text)
        if match is None:
            continue
        if message.language is None:
            language = "en" if match["word"].casefold() in _ENGLISH else "nb"
        try:
            with ctx.store.session() as session:
                actor = resolve_actor(session, ctx.store.model_id, message.sender)
                reply = act(session, ctx, actor, match, language)
        except MeetingError as refusal:
            text = t(language, refusal.key, **refusal.params)
            return Reply(language, (Paragraph(text),), intent=f"refused.{refusal.key}")
        if reply.intent in ("minutes.sent", "minutes.approved"):
            ctx.outbox_bell.ring()  # the members' notices are committed
        return reply
    return None


Act = Callable[[Session, HandlerContext, Actor, re.Match[str], Language], Reply]


def _said(language: Language, key: str, kept: keeping.Kept, intent: str) -> Reply:
    return Reply(language, (Paragraph(t(language, key, **facts_of(kept, language))),), intent=intent)  # type: ignore[arg-type]


def _draft(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    meeting = int(match["meeting"])
    again = keeping.minutes_of(session, meeting) is not None
    kept = keeping.draft_minutes(session, ctx.model, ctx.store.model_id, actor, meeting, ctx.clock())
    said = _said(language, "minutes.redrafted" if again else "minutes.drafted", kept, "minutes.drafted")
    return _offer_decisions(session, language, kept, said)


def _offer_decisions(session: Session, language: Language, kept: keeping.Kept, said: Reply) -> Reply:
    """After the meeting, cases still without a decision: the button that opens the decision form."""
    from handlers.decisions.form import OPEN_ACTION
    from handlers.decisions.record import current_decision

    undecided = [item for item in kept.meeting.items if current_decision(session, item.id) is None]
    if not undecided:
        return said
    offer = Paragraph(t(language, "decisionform.offer", count=len(undecided)))
    button = Button(t(language, "decisionform.button"), OPEN_ACTION, str(kept.meeting.id))
    return Reply(language, (*said.blocks, offer, Actions((button,))), intent=said.intent)


def _send(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    due = find_date(match["due"], local_date(ctx.clock()))
    if due is None:
        raise MeetingError("minutes.due_unclear")
    kept = keeping.send_for_comments(
        session, ctx.model, ctx.store.model_id, actor, int(match["meeting"]), due, ctx.clock()
    )
    return _said(language, "minutes.sent" if kept.told else "minutes.sent_again", kept, "minutes.sent")


def _comment(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    kept = keeping.comment_on(
        session, ctx.model, ctx.store.model_id, actor, int(match["meeting"]), match["text"], ctx.clock()
    )
    return _said(language, "minutes.commented", kept, "minutes.commented")


def _comments(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    kept, rows = keeping.comments(session, ctx.store.model_id, actor, int(match["meeting"]))
    return comments_reply(kept, rows, language)


def _approve(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    kept = keeping.approve_minutes(
        session, ctx.model, ctx.store.model_id, actor, int(match["meeting"]), ctx.clock()
    )
    return _said(language, "minutes.approved", kept, "minutes.approved")


def _show(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> Reply:
    kept = keeping.readable(session, ctx.store.model_id, actor, int(match["meeting"]))
    return minutes_reply(session, kept, language)


_ACTIONS: tuple[tuple[re.Pattern[str], Act], ...] = (
    (DRAFT, _draft),
    (SEND, _send),
    (COMMENT, _comment),
    (COMMENTS, _comments),
    (APPROVE, _approve),
    (SHOW, _show),
)
