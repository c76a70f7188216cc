"""The secretariat's agenda commands in chat: «flytt sak 4 til møtet 17.03.2027», «trekk sak 4: begrunnelse»,
«sett sak 4 først» / «sett sak 4 som nr. 2»; English «move case 4 to the meeting on 2027-03-17»,
«withdraw case 4: reason», «put case 4 first».

They change an agenda and tell other people, so they have a grammar of their own, matched whole before
anything is understood (handlers/commands.py). «sak 4» is case number 4 of a coming meeting of a body the
sender prepares; «sak 4-2027» (or 4/27) names the year, and «sak 4 i Prehospital» the body, when the short
form is found in more than one. The work itself is `agenda_changes`, shared with `govbot agenda`.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.identity import Actor, resolve_actor
from handlers.meetings import agenda_changes
from handlers.meetings.access import MeetingError, get_meeting, resolve_body
from handlers.meetings.answers import today
from handlers.meetings.dates import find_date
from handlers.meetings.formatting import day, when
from handlers.meetings.permissions import may_manage_meetings
from handlers.meetings.queries import meetings_on
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.tables import AgendaItem, Body, Meeting
from models.tables.meetings import ACTIVE

_I = re.IGNORECASE
_CASE = r"(?:sak|saken|case)\s+(?:nr\.?\s*)?(?P<number>\d+(?:\s*[/-]\s*\d{2,4})?)(?:\s+(?:i|in|of)\s+(?P<body>[^:]+?))?"
MOVE = re.compile(
    rf"^\s*(?P<word>flytt|move)\s+{_CASE}\s+(?:til|to)\s+(?!(?:plass|place|position|first|last)\b)"
    r"(?:(?:the\s+)?(?:møtet|møte|meeting)\s+)?(?:(?:den|on|of)\s+)?(?P<ref>[^?]+?)[.!]*\s*$",
    _I,
)
WITHDRAW = re.compile(
    rf"^\s*(?P<word>trekk|withdraw)\s+{_CASE}\s*(?::\s*(?P<reason>.*?))?\s*$", _I | re.DOTALL
)
REORDER = re.compile(
    rf"^\s*(?P<word>sett|put)\s+{_CASE}\s+(?:(?P<first>først|first)|(?P<last>sist|last)|"
    r"(?:som\s+(?:nr\.?|nummer)|på\s+plass|as\s+(?:item|number|no\.?)|at\s+(?:place|position))\s*(?P<pos>\d+))"
    r"(?:\s+på\s+sakslisten|\s+on\s+the\s+agenda)?[.!]*\s*$",
    _I,
)
_MEETING_ID = re.compile(r"^(?:nr\.?\s*|#|id\s*)?(?P<id>\d+)$", _I)
_LAST = 10_000


def is_agenda_command(text: str) -> bool:
    return any(grammar.match(text) for grammar in (MOVE, WITHDRAW, REORDER))


def answer_agenda_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    text = message.text.strip()
    match = MOVE.match(text) or WITHDRAW.match(text) or REORDER.match(text)
    if match is None:
        return None
    if message.language is None:
        language = "en" if match["word"].casefold() in ("move", "withdraw", "put") else "nb"
    now = ctx.clock()
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            item = _case(session, ctx, actor, match["number"], match["body"], now)
            args = (session, ctx.model, ctx.store.model_id, actor, item.id)
            if match.re is MOVE:
                target = _meeting(session, ctx, language, item, match["ref"].strip())
                agenda_changes.move_item(*args, target, now)
                key = "agenda.moved"
            elif match.re is WITHDRAW:
                reason = (match["reason"] or "").strip()
                if not reason:
                    raise MeetingError("agenda.reason_needed", number=item.number)
                agenda_changes.withdraw_item(*args, reason, now)
                key = "agenda.withdrawn"
            else:
                place = 1 if match["first"] else _LAST if match["last"] else int(match["pos"])
                agenda_changes.reorder_item(*args, place, now)
                key = "agenda.reordered"
            text = _done(session, language, key, item)
    except MeetingError as refusal:
        said = t(language, refusal.key, **refusal.params)
        return Reply(language, (Paragraph(said),), intent=f"refused.{refusal.key}")
    ctx.outbox_bell.ring()  # the notices to the proposer and case owner are committed
    return Reply(language, (Paragraph(text),), intent=key)


def _done(session: Session, language: Language, key: str, item: AgendaItem) -> str:
    meeting = session.get_one(Meeting, item.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    return t(
        language,
        key,
        number=item.number,
        title=item.title,
        body=body.name,
        when=when(language, meeting.starts_at),
        position=item.position,
        reason=item.withdrawn_reason or "",
        due=day(language, meeting.working_committee_due or meeting.papers_due),
    )


def _case(
    session: Session, ctx: HandlerContext, actor: Actor, asked: str, body_name: str | None, now: datetime
) -> AgendaItem:
    """The active case the sender means; one they may not change is returned so the change refuses it
    with the reason (not theirs, a meeting held), rather than claiming it does not exist."""
    asked = re.sub(r"\s+", "", asked)
    short = re.fullmatch(r"\d+", asked) is not None
    query = select(AgendaItem).where(AgendaItem.model_id == ctx.store.model_id, AgendaItem.status == ACTIVE)
    if short:
        query = query.where(AgendaItem.number.like(f"{int(asked)}-%"))
    else:
        n, year = re.split(r"[/-]", asked)
        query = query.where(AgendaItem.number == f"{int(n)}-{year if len(year) == 4 else '20' + year}")
    if body_name:
        query = query.where(AgendaItem.body_key == resolve_body(session, ctx.store.model_id, body_name).key)
    found = list(session.scalars(query.order_by(AgendaItem.id)))
    shown = asked if short else found[0].number if found else asked
    if not found:
        raise MeetingError("agenda.no_case", number=shown)
    meetings = {i.id: session.get_one(Meeting, i.meeting_id) for i in found}
    bodies = {i.id: session.get_one(Body, meetings[i.id].body_id) for i in found}
    kept = [i for i in found if may_manage_meetings(session, bodies[i.id].id, actor.person_key)]
    coming = [i for i in kept if meetings[i.id].starts_at > now and meetings[i.id].status != "cancelled"]
    chosen = coming or kept or found
    if short and len(chosen) > 1:
        cases = "; ".join(f"{i.number} {i.title} ({bodies[i.id].name})" for i in chosen)
        raise MeetingError("agenda.which_case", number=shown, cases=cases, example=chosen[0].number)
    return chosen[0]


def _meeting(session: Session, ctx: HandlerContext, language: Language, item: AgendaItem, ref: str) -> int:
    """The meeting named by its id or its date, looked for in the case's own body first."""
    if match := _MEETING_ID.match(ref):
        return get_meeting(session, ctx.store.model_id, int(match["id"])).id
    asked = find_date(ref, today(ctx.clock()))
    if asked is None:
        raise MeetingError("agenda.which_meeting")
    meeting = session.get_one(Meeting, item.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    own = meetings_on(session, ctx.store.model_id, asked, body.id)
    if own:
        return own[0].id
    others = meetings_on(session, ctx.store.model_id, asked)
    if others:
        return others[0].id  # another body's: move_item refuses it with both names
    raise MeetingError("agenda.no_meeting_on", body=body.name, date=day(language, asked))
