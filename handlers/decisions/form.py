"""Recording decisions from a form (a Slack modal, a Teams card, the web chat): one case, or a whole
meeting's cases in one go.

The secretariat writes «registrer vedtak for møtet 14.12.2026» / "record decisions for meeting 3" (or
«registrer vedtak for sak 1/26») and gets a form listing the meeting's undecided agenda cases, each with
an outcome and a decision text. The form only collects; `record_decision` decides everything else
(permission, held meeting, numbering, initiative move, notices, audit rows), exactly as for `govbot
decisions record` and «vedtak sak …». All the cases filled in are recorded in one transaction with the
submission id claimed, so a refusal on one case stores none of them and a double click records once.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.decisions.outcomes import parse_outcome
from handlers.decisions.record import current_decision, record_decision
from handlers.decisions.texts import recorded_lines
from handlers.forms import FormResult, FormSubmission
from handlers.identity import Actor, resolve_actor
from handlers.meetings.access import MeetingError, check_may_manage, get_meeting
from handlers.meetings.formatting import when
from handlers.meetings.permissions import may_manage_meetings
from handlers.meetings.reminder_commands import _meeting_id as meeting_named
from handlers.messages import IncomingMessage, Language
from handlers.replies import Block, Choice, Form, FormField, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import AgendaItem, Body, Meeting, ProcessedEvent
from models.tables.decisions import OUTCOMES

FORM_ID = "decisions"
FORM_CHANNELS = frozenset({"slack", "teams", "web"})
OPEN_ACTION = "decisions.form"
"""A button carrying a meeting id; it opens the form for that meeting (offered after the meeting)."""
_I = re.IGNORECASE
TRIGGER = re.compile(
    r"^\s*(?:(?P<nb>registrer(?:e)?\s+vedtak(?:ene)?)|(?P<en>record\s+(?:the\s+)?decisions?))\b"
    r"\s*(?:(?:for|i|fra|on|of|from)\s+)?(?:(?:sak|case)\s+(?P<case>\d+\s*[/-]\s*\d{2,4})"
    r"(?:\s+(?:i|in|of|for)\s+(?P<body>[^?!.]+?))?"
    r"|(?:(?:det\s+siste\s+|the\s+last\s+|the\s+)?(?:møte[t]?|meeting)\s*(?P<ref>.*?)))?[.!?]*\s*$",
    _I,
)


class _Refused(Exception):
    """A case refused while recording: the whole submission is rolled back and the field told why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field)
        self.field = field
        self.message = message


def answer_decision_form(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    """«registrer vedtak for møtet …»: the form where a channel shows one; None when it is not asked."""
    if message.data.get("action") == OPEN_ACTION:
        match, ref = None, message.data.get("value", "")
    else:
        match = TRIGGER.match(message.text)
        if match is None:
            return None
        ref = match["ref"] or ""
        if message.language is None:
            language = "en" if match["en"] else "nb"
    if message.channel not in FORM_CHANNELS:
        return Reply(language, (Paragraph(t(language, "decisionform.terminal_hint")),), "decisions.form")
    try:
        with ctx.store.read() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            if match is not None and match["case"]:
                item = _named_case(session, ctx, actor, match["case"], match["body"])
                meeting_id, only = item.meeting_id, item.id
            else:
                meeting_id = _meeting(session, ctx, actor, language, ref.strip())
                only = None
            form = decision_form(ctx, language, f"{meeting_id}:{only or ''}", session=session, actor=actor)
    except MeetingError as refusal:
        return Reply(
            language, (Paragraph(t(language, refusal.key, **refusal.params)),), f"refused.{refusal.key}"
        )
    if isinstance(form, Paragraph):
        return Reply(language, (form,), "decisions.form.nothing")
    return Reply(language, (form,), intent="decisions.form")


def open_button_label(language: Language) -> str:
    return t(language, "decisionform.button")


def decision_form(
    ctx: HandlerContext,
    language: Language,
    context: str = "",
    *,
    session: Session | None = None,
    actor: Actor | None = None,
) -> Form | Paragraph:
    """The form for the meeting (and case) named in `context` («<meeting id>:<case id or empty>»).

    Without a session it reads one (a card shown again with its errors); the permission is checked only
    when an actor is given: the submission is checked again by `record_decision` in any case.
    """
    if session is None:
        with ctx.store.read() as own:
            return decision_form(ctx, language, context, session=own, actor=actor)
    meeting_id, only = _context(context)
    meeting = get_meeting(session, ctx.store.model_id, meeting_id or 0)
    body = session.get_one(Body, meeting.body_id)
    if actor is not None:
        check_may_manage(session, body, actor)
    cases = [
        item
        for item in meeting.items
        if (only is None or item.id == only) and current_decision(session, item.id) is None
    ]
    facts = {"body": body.name, "when": when(language, meeting.starts_at)}
    if not cases:
        return Paragraph(t(language, "decisionform.nothing", **facts))
    outcomes = tuple(Choice(o, t(language, f"decisions.outcome.{o}")) for o in OUTCOMES)
    fields: list[FormField] = []
    for item in cases:
        case = t(language, "decisionform.case", number=item.number, title=item.title)
        fields.append(
            FormField(f"outcome_{item.id}", case, "select", required=only is not None, options=outcomes)
        )
        fields.append(
            FormField(
                f"text_{item.id}",
                t(language, "decisionform.field.text", number=item.number),
                "textarea",
                required=only is not None,
                max_length=4000,
            )
        )
    title_key = "decisionform.title.one" if only is not None else "decisionform.title"
    return Form(
        form_id=FORM_ID,
        title=t(language, title_key),
        fields=tuple(fields),
        submit_label=t(language, "decisionform.submit"),
        context=f"{meeting.id}:{only or ''}",
    )


def submit_decision_form(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    language = submission.language
    meeting_id, _ = _context(submission.context)
    if meeting_id is None:
        return FormResult(errors={"_form": t(language, "decisionform.error.form")})
    values = {k: (v if isinstance(v, str) else ",".join(v)).strip() for k, v in submission.values.items()}
    try:
        with ctx.store.read() as session:
            meeting = get_meeting(session, ctx.store.model_id, meeting_id)
            case_ids = [item.id for item in meeting.items]
    except MeetingError as refusal:
        return FormResult(errors={"_form": t(language, refusal.key, **refusal.params)})
    wanted, errors = _filled(values, case_ids, language)
    if errors:
        return FormResult(errors=errors)
    if not wanted:
        first = next(iter(values), None) or (f"outcome_{case_ids[0]}" if case_ids else "_form")
        return FormResult(errors={first: t(language, "decisionform.error.none")})
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, submission.sender)
            session.add(ProcessedEvent(platform=f"form:{FORM_ID}", event_id=submission.submission_id[:200]))
            session.flush()  # a replayed submission stops here, before any case is looked at
            lines: list[str] = []
            for item_id, outcome, text in wanted:
                try:
                    recorded = record_decision(
                        session, ctx.model, ctx.store.model_id, actor,
                        item_id=item_id, outcome=outcome, text=text, now=ctx.clock(),
                    )  # fmt: skip
                except MeetingError as refusal:
                    field = "_form" if refusal.key == "meetings.denied" else f"outcome_{item_id}"
                    raise _Refused(field, t(language, refusal.key, **refusal.params)) from None
                lines.extend(recorded_lines(recorded, language, ctx.model))
    except _Refused as refused:
        return FormResult(errors={refused.field: refused.message})
    except IntegrityError:
        return FormResult(reply=Reply(language, (Paragraph(t(language, "decisionform.duplicate")),), FORM_ID))
    blocks: list[Block] = [Heading(t(language, "decisionform.done", count=len(wanted)))]
    blocks.extend(Paragraph(line) for line in lines)
    return FormResult(
        reply=Reply(language, tuple(blocks), intent="decisions.recorded"), after_reply=(ctx.outbox_bell.ring,)
    )


def _filled(
    values: dict[str, str], case_ids: list[int], language: Language
) -> tuple[list[tuple[int, str, str]], dict[str, str]]:
    """The cases filled in, in agenda order; a case with only one half filled is an error on the other."""
    wanted: list[tuple[int, str, str]] = []
    errors: dict[str, str] = {}
    for item_id in case_ids:
        outcome, text = values.get(f"outcome_{item_id}", ""), values.get(f"text_{item_id}", "")
        if not outcome and not text:
            continue
        parsed = parse_outcome(outcome) if outcome else None
        if parsed is None:
            errors[f"outcome_{item_id}"] = t(language, "decisionform.error.outcome")
        if not text:
            errors[f"text_{item_id}"] = t(language, "decisions.text_needed")
        if parsed is not None and text:
            wanted.append((item_id, parsed, text))
    return wanted, errors


def _context(context: str) -> tuple[int | None, int | None]:
    meeting, _, case = context.partition(":")
    return (int(meeting) if meeting.isdigit() else None, int(case) if case.isdigit() else None)


def _meeting(session: Session, ctx: HandlerContext, actor: Actor, language: Language, ref: str) -> int:
    """A meeting named by id or date, or else the latest held meeting the sender keeps that has cases
    still without a decision."""
    if ref:
        return meeting_named(session, ctx, language, ref)
    now = ctx.clock()
    held = session.scalars(
        select(Meeting)
        .where(
            Meeting.model_id == ctx.store.model_id, Meeting.status != "cancelled", Meeting.starts_at <= now
        )
        .order_by(Meeting.starts_at.desc())
        .limit(200)
    )
    for meeting in held:
        if not may_manage_meetings(session, meeting.body_id, actor.person_key):
            continue
        if any(current_decision(session, item.id) is None for item in meeting.items):
            return meeting.id
    raise MeetingError("decisionform.no_meeting")


def _named_case(
    session: Session, ctx: HandlerContext, actor: Actor, number: str, body: str | None
) -> AgendaItem:
    from handlers.decisions.chat import _case  # the chat command's own way of finding a case

    return _case(session, ctx, actor, number, body)


def rebuilt_decision_form(ctx: HandlerContext, language: Language, context: str) -> Form | None:
    """The form again for a channel that shows errors on a fresh copy (a Teams card); None when the
    meeting is gone or has nothing left to decide."""
    try:
        form = decision_form(ctx, language, context)
    except MeetingError:
        return None
    return form if isinstance(form, Form) else None
