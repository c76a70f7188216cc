"""Putting a case on an agenda and marking its papers delivered, from chat: «legg INI-2026-0004 på møtet
14.12.2026» / «sett opp INI-2026-0004 på møte 3» / "add INI-2026-0004 to meeting 3", and «saksgrunnlag
levert for sak 4» / "papers delivered for case 4".

The chat twins of `govbot agenda add` and `govbot agenda delivered`: the work, the permission checks and
the audit rows are `agenda.add_item` and `agenda.mark_delivered`, the very functions the CLI calls; this
module only reads the sentence. A case from chat is always about an initiative: its title is the
initiative's, its papers the initiative's fields (the definition of ready reads them), and its owner the
person named after «saksansvarlig» / "owner", else the proposer when govbot knows them as a person.
The meeting is named as every other meeting command names it (an id, or a date and maybe the body);
the case as the other agenda commands name it («sak 4», «sak 4/27», «sak 4 i Prehospital»).
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.followups.manage import resolve_owner
from handlers.identity import resolve_actor
from handlers.meetings.access import MeetingError
from handlers.meetings.agenda import add_item, mark_delivered
from handlers.meetings.agenda_commands import _CASE
from handlers.meetings.agenda_commands import _case as named_case
from handlers.meetings.formatting import day, when
from handlers.meetings.readiness import NotReady, owner_row
from handlers.meetings.reminder_commands import _meeting_id as meeting_named
from handlers.messages import IncomingMessage, Language
from handlers.person_names import shown_name
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.repositories.initiatives import by_reference
from models.tables import AgendaItem, Body, Meeting, PersonRow

_I = re.IGNORECASE
ADD = re.compile(
    r"^\s*(?P<word>legg(?:\s+til)?|sett\s+opp|add)\s+(?P<ref>INI-\d{4}-\d{1,6})\s+(?:på|til|to|on)\s+"
    r"(?:sakslisten\s+(?:til|for)\s+|the\s+agenda\s+(?:of|for)\s+)?(?:the\s+)?(?:møtet|møte|meeting)\s+"
    r"(?:(?:den|on|of)\s+)?(?P<meeting>[^,;]+?)"
    r"(?:\s*[,;]?\s*(?:med\s+)?(?:saksansvarlig|case\s+owner|owner)\s*:?\s*(?P<owner>[^,;]+?)"
    r"(?:\s+som\s+saksansvarlig)?)?[.!]*\s*$",
    _I,
)
DELIVERED = re.compile(
    r"^\s*(?:(?P<nb>saks(?:grunnlag|grunnlaget|underlag|underlaget|dokumenter|dokumentene|papirer|papirene))"
    r"\s+(?:er\s+)?levert\s+(?:for|til|i)|(?P<en>(?:the\s+)?papers?\s+(?:are\s+|is\s+)?delivered\s+for))\s+"
    rf"{_CASE}[.!]*\s*$",
    _I,
)


def matches(text: str) -> bool:
    return ADD.match(text) is not None or DELIVERED.match(text) is not None


def answer_add_or_delivered(
    message: IncomingMessage, ctx: HandlerContext, language: Language
) -> Reply | None:
    text = message.text.strip()
    match = ADD.match(text) or DELIVERED.match(text)
    if match is None:
        return None
    if message.language is None:
        english = match["word"].casefold() == "add" if match.re is ADD else match["en"] is not None
        language = "en" if english else "nb"
    try:
        with ctx.store.session() as session:
            if match.re is ADD:
                reply = _add(session, message, ctx, language, match)
            else:
                reply = _delivered(session, message, ctx, language, match)
    except MeetingError as refusal:
        said = t(language, refusal.key, **refusal.params)
        return Reply(language, (Paragraph(said),), intent=f"refused.{refusal.key}")
    ctx.outbox_bell.ring()  # reminders re-planned, or the case owner asked for what is missing
    return reply


def _add(
    session: Session, message: IncomingMessage, ctx: HandlerContext, language: Language, match: re.Match[str]
) -> Reply:
    actor = resolve_actor(session, ctx.store.model_id, message.sender)
    meeting_id = meeting_named(session, ctx, language, match["meeting"])
    initiative = by_reference(session, ctx.store.model_id, match["ref"])
    if initiative is None:
        raise MeetingError("agenda.no_initiative", reference=match["ref"].upper())
    owner = _owner(session, ctx, match["owner"], initiative.submitter_person_key, initiative.reference)
    item = add_item(
        session, ctx.model, ctx.store.model_id, actor, meeting_id,
        title=initiative.title, owner_key=owner.key, kind="decision", initiative_ref=initiative.reference,
        now=ctx.clock(),
    )  # fmt: skip
    if isinstance(item, NotReady):
        return Reply(language, (Paragraph(item.message(language)),), intent="refused.agenda.not_ready")
    meeting, body = _where(session, item)
    text = t(
        language, "agenda.added", reference=initiative.reference, title=item.title, number=item.number,
        body=body.name, when=when(language, meeting.starts_at), position=item.position,
        owner=shown_name(owner.name, language), due=day(language, meeting.working_committee_due or meeting.papers_due),
    )  # fmt: skip
    return Reply(language, (Paragraph(text),), intent="agenda.added")


def _owner(
    session: Session, ctx: HandlerContext, named: str | None, proposer: str | None, reference: str
) -> PersonRow:
    """The person named, else the proposer when they are a person in the model; else a question."""
    if named:
        return resolve_owner(session, ctx.store.model_id, named)
    person = owner_row(session, ctx.store.model_id, proposer) if proposer else None
    if person is None:
        raise MeetingError("agenda.owner_needed", reference=reference)
    return person


def _delivered(
    session: Session, message: IncomingMessage, ctx: HandlerContext, language: Language, match: re.Match[str]
) -> Reply:
    actor = resolve_actor(session, ctx.store.model_id, message.sender)
    now = ctx.clock()
    item = named_case(session, ctx, actor, match["number"], match["body"], now)
    earlier = item.papers_delivered_at
    mark_delivered(session, ctx.model, ctx.store.model_id, actor, item.id, now)
    meeting, body = _where(session, item)
    key = "agenda.delivered.already" if earlier is not None else "agenda.delivered"
    text = t(
        language, key, number=item.number, title=item.title, body=body.name,
        when=when(language, meeting.starts_at),
    )  # fmt: skip
    return Reply(language, (Paragraph(text),), intent="agenda.delivered")


def _where(session: Session, item: AgendaItem) -> tuple[Meeting, Body]:
    meeting = session.get_one(Meeting, item.meeting_id)
    return meeting, session.get_one(Body, meeting.body_id)
