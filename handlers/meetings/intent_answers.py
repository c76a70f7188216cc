"""Intent responders for meetings: the next one, those on a day or in a period, and missing papers.

Each takes an `Ask` whose slots are already resolved and always answers. A body the message does not
name is taken from the asker: the bodies they serve (secretariat, member, chair, …); only when that
gives nothing either is the answer a short question («Hvilket styre gjelder det?»).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.answers.provenance import with_deadline_notes
from handlers.identity import resolve_actor
from handlers.meetings import answers
from handlers.meetings.asker_bodies import named_body, served_bodies
from handlers.meetings.formatting import day, when
from handlers.meetings.mine import answer_mine
from handlers.meetings.periods import meetings_between, period_label
from handlers.meetings.queries import closest_bodies, next_meeting, person_names
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.slots import Period
from models.tables import Body, Meeting


def _ask_body(language: Language, intent: str = "meetings.ask_body") -> Reply:
    return Reply(language, (Paragraph(t(language, "meetings.ask_body")),), intent=intent)


def _asked_period(ask: Ask) -> Period | None:
    """The period named, or one named day as a period of one day."""
    if ask.slots.period is not None:
        return ask.slots.period
    if ask.slots.day is not None:
        return Period(ask.slots.day, ask.slots.day, "")
    return None


def _deadline_line(session: Session, language: Language, meeting: Meeting, body: Body | None = None) -> str:
    body = body or session.get_one(Body, meeting.body_id)
    line = t(
        language,
        "meetings.on_date.item",
        body=body.name,
        when=when(language, meeting.starts_at),
        due=day(language, meeting.papers_due),
    )
    if meeting.working_committee_due:
        committee = day(language, meeting.working_committee_due)
        line += f" ({t(language, 'meetings.label.committee_due')}: {committee})"
    return line


def _no_such_body(session: Session, ask: Ask) -> Reply:
    """The message names something that is no body («neste møte i Kvantefysikk»): say so, offer the closest."""
    asked = " ".join(ask.slots.words)
    names = closest_bodies(session, ask.ctx.store.model_id, asked)
    blocks = [Paragraph(t(ask.language, "meetings.no_body", asked=asked))]
    if names:
        blocks.append(Paragraph(t(ask.language, "meetings.closest", names=", ".join(names))))
    return Reply(ask.language, tuple(blocks), intent="refused.meetings.no_body")


def answer_meetings_next(ask: Ask) -> Reply:
    """`meetings.next`: a named body's next meeting (or its meeting in a period), else the asker's bodies'.

    Words left beside the question that name no body are taken as a body asked for that does not exist.
    Deadlines from an assumed lead time say so (`with_deadline_notes`)."""
    return with_deadline_notes(ask.ctx.model, _meetings_next(ask))


def _meetings_next(ask: Ask) -> Reply:
    ctx, language, now = ask.ctx, ask.language, ask.ctx.clock()
    period = _asked_period(ask)
    with ctx.store.read() as session:
        body = named_body(session, ctx.store.model_id, ask.slots)
        if body is None and ask.slots.words:
            return _no_such_body(session, ask)
        if body is not None:
            if period is None:
                return answers.answer_next(session, language, body, now)
            return _body_in_period(session, language, body, period, "meetings.next", detail=True)
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        bodies = served_bodies(session, ctx.store.model_id, actor.person_key)
        if not bodies:
            return _ask_body(language)
        if period is not None:
            return _period_listing(session, ask, bodies, period, "meetings.next", mine=True)
        if len(bodies) == 1:
            return answers.answer_next(session, language, bodies[0], now)
        return _next_of_bodies(session, language, bodies, now)


def _body_in_period(
    session: Session, language: Language, body: Body, period: Period, intent: str, *, detail: bool
) -> Reply:
    """The body's meetings in the period; `detail`: one meeting alone is shown with its agenda."""
    found = meetings_between(session, body.model_id, period.start, period.end, [body.id])
    label = period_label(language, period)
    if not found:
        text = t(language, "meetings.period.body_none", body=body.name, period=label)
        return Reply(language, (Paragraph(text),), intent=intent)
    if detail and len(found) == 1:
        return answers.answer_meeting(session, language, body, found[0], heading="meetings.meeting.heading")
    lines = tuple(_deadline_line(session, language, m, body) for m in found)
    heading = t(language, "meetings.period.body_heading", body=body.name, period=label, count=len(found))
    return Reply(language, (Heading(heading), BulletList(lines)), intent=intent)


def _next_of_bodies(session: Session, language: Language, bodies: list[Body], now: datetime) -> Reply:
    """The next meeting of each body the asker serves, soonest first, with its papers deadline."""
    coming = [(m, b) for b in bodies if (m := next_meeting(session, b.id, now)) is not None]
    if not coming:
        names = ", ".join(b.name for b in bodies)
        return Reply(
            language, (Paragraph(t(language, "meetings.yours.none", bodies=names)),), intent="meetings.next"
        )
    coming.sort(key=lambda pair: pair[0].starts_at)
    lines = tuple(_deadline_line(session, language, m, b) for m, b in coming)
    blocks = (Heading(t(language, "meetings.yours.heading")), BulletList(lines))
    return Reply(language, blocks, intent="meetings.next")


def _period_listing(
    session: Session, ask: Ask, bodies: list[Body] | None, period: Period, intent: str, *, mine: bool
) -> Reply:
    """Meetings in the period of `bodies` (None: every body), each with its papers deadline."""
    language = ask.language
    ids = [b.id for b in bodies] if bodies is not None else None
    found = meetings_between(session, ask.ctx.store.model_id, period.start, period.end, ids)
    label = period_label(language, period)
    scope = "mine" if mine else "all"
    if not found:
        return Reply(
            language, (Paragraph(t(language, f"meetings.period.{scope}_none", period=label)),), intent
        )
    heading = t(language, f"meetings.period.{scope}_heading", period=label, count=len(found))
    lines = tuple(_deadline_line(session, language, m) for m in found)
    return Reply(language, (Heading(heading), BulletList(lines)), intent=intent)


def answer_meetings_on_date(ask: Ask) -> Reply:
    """`meetings.on_date`: the meetings on the day named (of the body named, if any)."""
    return with_deadline_notes(ask.ctx.model, _meetings_on_date(ask))


def _meetings_on_date(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    asked = ask.slots.day
    if asked is None and ask.slots.period is not None and ask.slots.period.start == ask.slots.period.end:
        asked = ask.slots.period.start
    if asked is None:
        return Reply(language, (Paragraph(t(language, "meetings.date_unclear")),), intent="meetings.on_date")
    with ctx.store.read() as session:
        body = named_body(session, ctx.store.model_id, ask.slots)
        return answers.answer_on_date(session, language, ctx.store.model_id, asked, body)


def answer_meetings_mine(ask: Ask) -> Reply:
    """`meetings.mine`: the asker's own paper deadlines, and their secretariat's send-out days."""
    ctx = ask.ctx
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        return answer_mine(session, ask.language, ctx.store.model_id, actor, ctx.clock())


def answer_meetings_missing(ask: Ask) -> Reply:
    """`meetings.missing`: one body's missing papers, or those of every body the asker serves."""
    ctx, language, now = ask.ctx, ask.language, ask.ctx.clock()
    with ctx.store.read() as session:
        body = named_body(session, ctx.store.model_id, ask.slots)
        if body is not None:
            return answers.answer_missing(session, language, body, now)
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        bodies = served_bodies(session, ctx.store.model_id, actor.person_key)
        if not bodies:
            return _ask_body(language)
        return _missing_across(session, ask, bodies, now)


def _missing_across(session: Session, ask: Ask, bodies: list[Body], now: datetime) -> Reply:
    """Every upcoming meeting of the asker's bodies with cases still missing papers, soonest first."""
    language = ask.language
    period = _asked_period(ask)
    ids = [b.id for b in bodies]
    if period is not None:
        meetings = meetings_between(session, ask.ctx.store.model_id, period.start, period.end, ids)
    else:
        meetings = _upcoming(session, ids, now)
    blocks: list[Block] = []
    for meeting in meetings:
        missing = [i for i in meeting.items if i.papers_delivered_at is None]
        if not missing:
            continue
        body = session.get_one(Body, meeting.body_id)
        facts = {"body": body.name, "when": when(language, meeting.starts_at)}
        names = person_names(session, meeting.model_id, {i.owner_key for i in missing})
        due = day(language, meeting.working_committee_due or meeting.papers_due)
        blocks.append(Heading(t(language, "meetings.missing.across_heading", due=due, **facts)))
        blocks.append(
            BulletList(
                tuple(
                    t(
                        language,
                        "meetings.missing.item",
                        number=i.number,
                        title=i.title,
                        owner=shown_name(names.get(i.owner_key, i.owner_key), language),
                    )
                    for i in missing
                )
            )
        )
    if not blocks:
        names = ", ".join(b.name for b in bodies)
        return Reply(
            language,
            (Paragraph(t(language, "meetings.missing.yours_none", bodies=names)),),
            intent="meetings.missing",
        )
    return Reply(language, tuple(blocks), intent="meetings.missing")


def _upcoming(session: Session, body_ids: list[int], now: datetime) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.body_id.in_(body_ids), Meeting.status != "cancelled", Meeting.starts_at >= now)
            .order_by(Meeting.starts_at)
        )
    )


def answer_meetings_in_period(ask: Ask) -> Reply:
    """`meetings.in_period`: meetings in the period of the body named, else of the asker's bodies, else all.
    Deadlines from an assumed lead time say so (`with_deadline_notes`)."""
    return with_deadline_notes(ask.ctx.model, _meetings_in_period(ask))


def _meetings_in_period(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    period = _asked_period(ask)
    if period is None:
        return Reply(
            language, (Paragraph(t(language, "meetings.period.which")),), intent="meetings.in_period"
        )
    with ctx.store.read() as session:
        body = named_body(session, ctx.store.model_id, ask.slots)
        if body is not None:
            return _body_in_period(session, language, body, period, "meetings.in_period", detail=False)
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        bodies = served_bodies(session, ctx.store.model_id, actor.person_key)
        if bodies:
            yours = _period_listing(session, ask, bodies, period, "meetings.in_period", mine=True)
            if meetings_between(
                session, ctx.store.model_id, period.start, period.end, [b.id for b in bodies]
            ):
                return yours
            # none of theirs: the region's meetings in the period, after saying so, rather than a bare "none"
            everyone = _period_listing(session, ask, None, period, "meetings.in_period", mine=False)
            return Reply(language, yours.blocks + everyone.blocks, intent="meetings.in_period")
        return _period_listing(session, ask, None, period, "meetings.in_period", mine=False)
