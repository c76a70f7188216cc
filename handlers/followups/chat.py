"""Follow-ups in chat, by fixed grammar (handlers/commands.py), parsed whole and never guessed:

- «oppfølging av sak 1/26: Hanne Kristoffersen innen 15.01.2027: lag kostnadsoverslag» /
  "follow-up of case 1/26: Hanne Kristoffersen by 15.01.2027: make a cost estimate" (the secretariat);
- «oppfølging 3 er gjort» / "follow-up 3 done" (the owner or the secretariat);
- «ny frist for oppfølging 3: 01.02.2027» / "new due date for follow-up 3: 01.02.2027".

The case number names the decision; it is looked for among the current decisions of the bodies the
sender keeps, so the same number in two bodies is asked about rather than guessed.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.decisions.record import current_decision
from handlers.followups.dates import parse_due
from handlers.followups.manage import add_follow_up, list_follow_ups, mark_done, set_due
from handlers.identity import Actor, resolve_actor
from handlers.meetings.access import MeetingError
from handlers.meetings.permissions import may_manage_meetings
from handlers.messages import IncomingMessage, Language
from handlers.minutes.content import date_words
from handlers.person_names import shown_name
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables import Decision, Meeting

_DATE = r"(?P<date>\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})"
ADD = re.compile(
    r"^\s*(?P<word>oppfølging|oppfølgingspunkt|follow-?up)\s+(?:av|til|for|of|on|to)\s+(?:sak|case)\s+"
    r"(?P<number>\d+\s*/\s*\d{2,4})\s*:\s*(?P<owner>[^:]+?)\s+(?:innen|by)\s+" + _DATE
    + r"\s*:\s*(?P<text>.+?)\s*$",
    re.IGNORECASE | re.DOTALL,
)  # fmt: skip
DONE = re.compile(
    r"^\s*(?P<word>oppfølging|oppfølgingspunkt|follow-?up)\s+(?:nr\.?\s*|no\.?\s*)?(?P<id>\d+)\s+"
    r"(?:er\s+|is\s+)?(?P<done>gjort|ferdig|utført|done|finished|completed)\s*[.!]?\s*$",
    re.IGNORECASE,
)
DUE = re.compile(
    r"^\s*(?P<word>ny\s+frist|new\s+due\s+date|new\s+deadline)\s+(?:for|på|til)\s+"
    r"(?:oppfølging|oppfølgingspunkt|follow-?up)\s+(?P<id>\d+)\s*:\s*" + _DATE + r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


def matches(text: str) -> bool:
    return any(pattern.match(text) for pattern in (ADD, DONE, DUE))


def _language(message: IncomingMessage, language: Language, word: str) -> Language:
    if message.language is not None:
        return language
    folded = word.casefold()
    return "en" if folded.startswith(("follow", "new")) else "nb"


def answer_followup_command(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    text = message.text
    match = ADD.match(text) or DONE.match(text) or DUE.match(text)
    if match is None:
        return None
    language = _language(message, language, match["word"])
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            if match.re is ADD:
                line = _add(session, ctx, actor, match, language)
            elif match.re is DONE:
                done = mark_done(session, ctx.model, ctx.store.model_id, actor, int(match["id"]), ctx.clock())
                line = t(language, "followups.done", id=done.id, number=_number(session, done.decision_id))
            else:
                due = _due(match["date"])
                moved = set_due(
                    session, ctx.model, ctx.store.model_id, actor, int(match["id"]), due, ctx.clock()
                )
                line = t(language, "followups.moved", id=moved.id, number=_number(session, moved.decision_id),
                         due=date_words(language, moved.due))  # fmt: skip
    except MeetingError as refusal:
        said = t(language, refusal.key, **refusal.params)
        return Reply(language, (Paragraph(said),), intent=f"refused.{refusal.key}")
    ctx.outbox_bell.ring()  # the owner's reminders are committed
    return Reply(language, (Paragraph(line),), intent="followups.changed")


def _due(asked: str):  # type: ignore[no-untyped-def]
    due = parse_due(asked)
    if due is None:
        raise MeetingError("followups.bad_date", value=asked[:20])
    return due


def _number(session: Session, decision_id: int) -> str:
    return session.get_one(Decision, decision_id).number


def _add(
    session: Session, ctx: HandlerContext, actor: Actor, match: re.Match[str], language: Language
) -> str:
    number = re.sub(r"\s+", "", match["number"])
    decision = _decision(session, ctx, actor, number)
    added = add_follow_up(
        session, ctx.model, ctx.store.model_id, actor, decision_id=decision.id, owner=match["owner"],
        due=_due(match["date"]), text=match["text"], now=ctx.clock(),
    )  # fmt: skip
    owner = next(x for x in list_follow_ups(session, ctx.store.model_id) if x.follow_up.id == added.id)
    return t(
        language, "followups.added", id=added.id, number=decision.number, text=added.text,
        owner=shown_name(owner.owner_name, language), due=date_words(language, added.due),
    )  # fmt: skip


def _decision(session: Session, ctx: HandlerContext, actor: Actor, number: str) -> Decision:
    """The current decision with this number in a body the sender keeps; refused when none or several."""
    rows = session.execute(
        select(Decision, Meeting.body_id)
        .join(Meeting, Decision.meeting_id == Meeting.id)
        .where(Decision.model_id == ctx.store.model_id, Decision.number == number)
    )
    kept: dict[int, Decision] = {}
    for decision, body_id in rows:
        if may_manage_meetings(session, body_id, actor.person_key):
            current = current_decision(session, decision.agenda_item_id)
            if current is not None:
                kept[current.agenda_item_id] = current
    if not kept:
        raise MeetingError("followups.no_decision", number=number)
    if len(kept) > 1:
        raise MeetingError("followups.which_decision", number=number)
    return next(iter(kept.values()))
