"""Planning a meeting from a form (a Slack modal, a Teams card, the web chat): the secretariat's way in
when it is not at a terminal.

The form only collects body, date, start and end time and place (no end: two hours); `planning.add_meeting` decides everything else
(permission, deadlines, minutes on the agenda, reminders, audit row), exactly as for `govbot meetings
add`. The submission id is claimed in the same transaction, so a double click plans one meeting.

A date that gives warnings (past, weekend, holiday, paper deadline gone: `plan_checks`) is refused on the
confirm field with the warnings, storing nothing; the person chooses «Ja …» there and submits again.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from sqlalchemy.exc import IntegrityError

from handlers.answers.provenance import with_deadline_notes
from handlers.context import HandlerContext
from handlers.forms import FormResult, FormSubmission
from handlers.identity import resolve_actor
from handlers.meetings.access import MeetingError, check_may_manage, resolve_body
from handlers.meetings.deadlines import OSLO
from handlers.meetings.ends import meeting_end
from handlers.meetings.formatting import day, when
from handlers.meetings.plan_checks import NeedsConfirmation, check_date
from handlers.meetings.planning import add_meeting
from handlers.messages import IncomingMessage, Language
from handlers.replies import Block, Choice, Facts, Form, FormField, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import ProcessedEvent

FORM_ID = "meeting"
FORM_CHANNELS = frozenset({"slack", "teams", "web"})
CONFIRM = "yes"
_TRIGGER = re.compile(
    r"^\s*(planlegg(?:e)?\s+(?:et\s+)?(?:nytt\s+)?møte|nytt\s+møte|plan\s+a?\s*meeting|new\s+meeting)\b", re.I
)
_DATE = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def answer_meeting_form(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply | None:
    if not _TRIGGER.match(message.text):
        return None
    if message.channel not in FORM_CHANNELS:
        return Reply(language, (Paragraph(t(language, "meetingform.terminal_hint")),), intent="meeting.form")
    return Reply(language, (meeting_form(ctx, language),), intent="meeting.form")


def meeting_form(ctx: HandlerContext, language: Language) -> Form:
    bodies = tuple(
        Choice(b.key, (b.name_en or b.name) if language == "en" else b.name) for b in ctx.model.bodies
    )
    return Form(
        form_id=FORM_ID,
        title=t(language, "meetingform.title"),
        fields=(
            FormField("body", t(language, "meetingform.field.body"), "select", required=True, options=bodies),
            FormField("date", t(language, "meetingform.field.date"), "date", required=True),
            FormField(
                "time",
                t(language, "meetingform.field.time"),
                "text",
                required=True,
                initial="09:00",
                hint=t(language, "meetingform.hint.time"),
                max_length=5,
            ),
            FormField(
                "ends",
                t(language, "meetingform.field.ends"),
                "text",
                hint=t(language, "meetingform.hint.ends"),
                max_length=5,
            ),
            FormField("place", t(language, "meetingform.field.place"), "text", max_length=300),
            FormField(
                "confirm",
                t(language, "meetingform.field.confirm"),
                "select",
                options=(Choice(CONFIRM, t(language, "meetingform.confirm.yes")),),
                hint=t(language, "meetingform.confirm.hint"),
            ),
        ),
        submit_label=t(language, "meetingform.submit"),
    )


def submit_meeting_form(submission: FormSubmission, ctx: HandlerContext) -> FormResult:
    language = submission.language
    values = {k: (v if isinstance(v, str) else ",".join(v)).strip() for k, v in submission.values.items()}
    errors: dict[str, str] = {}
    day_value = _parse_date(values.get("date", ""))
    clock = _parse_time(values.get("time", ""))
    if not values.get("body"):
        errors["body"] = t(language, "meetingform.error.body")
    if day_value is None:
        errors["date"] = t(language, "meetingform.error.date")
    if clock is None:
        errors["time"] = t(language, "meetingform.error.time")
    ends = _parse_time(values.get("ends", "")) if values.get("ends") else None
    if values.get("ends") and (ends is None or (clock is not None and ends <= clock)):
        errors["ends"] = t(language, "meetingform.error.ends")
    if errors:
        return FormResult(errors=errors)
    assert day_value is not None and clock is not None
    starts_at = datetime.combine(day_value, clock, tzinfo=OSLO)
    now = ctx.clock()
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, submission.sender)
            body = resolve_body(session, ctx.store.model_id, values["body"])
            check_may_manage(session, body, actor)  # an outsider is refused before hearing of warnings
            confirmed = values.get("confirm") == CONFIRM
            warnings = check_date(ctx.model, body, starts_at, now, confirmed=confirmed)
            session.add(ProcessedEvent(platform=f"form:{FORM_ID}", event_id=submission.submission_id[:200]))
            meeting = add_meeting(
                session,
                ctx.model,
                ctx.store.model_id,
                actor,
                body,
                starts_at,
                values.get("place") or None,
                now,
                ends,
            )
            facts = [
                (t(language, "meetingform.field.body"), body.name),
                (t(language, "meetings.label.ends"), meeting_end(meeting).astimezone(OSLO).strftime("%H:%M")),
                (t(language, "meetings.label.papers_due"), day(language, meeting.papers_due)),
            ]
            if meeting.working_committee_due:
                facts.append(
                    (
                        t(language, "meetings.label.committee_due"),
                        day(language, meeting.working_committee_due),
                    )
                )
            heading = t(language, "meetingform.done", id=meeting.id, when=when(language, meeting.starts_at))
    except NeedsConfirmation as warned:
        text = t(language, "meetingform.confirm.needed", warnings=warned.text(language))
        return FormResult(errors={"confirm": text})
    except MeetingError as refusal:
        field = "body" if refusal.key in ("meetings.no_body", "meetings.denied") else "date"
        return FormResult(errors={field: t(language, refusal.key, **refusal.params)})
    except IntegrityError:
        return FormResult(
            reply=Reply(language, (Paragraph(t(language, "meetingform.duplicate")),), "meeting.form")
        )
    blocks: list[Block] = [Heading(heading), Facts(tuple(facts))]
    if warnings:
        said = " ".join(w.text(language) for w in warnings)
        blocks.append(Paragraph(t(language, "meetingform.confirmed", warnings=said)))
    planned = Reply(language, tuple(blocks), intent="meeting.planned")
    return FormResult(reply=with_deadline_notes(ctx.model, planned))


def _parse_date(text: str) -> date | None:
    match = _DATE.match(text)
    if match is None:
        return None
    year, month, dd = (
        (match.group(1), match.group(2), match.group(3))
        if match.group(1)
        else (match.group(6), match.group(5), match.group(4))
    )
    try:
        return date(int(year), int(month), int(dd))
    except ValueError:
        return None


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    return time(hour, minute) if hour < 24 and minute < 60 else None
