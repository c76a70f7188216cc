"""What a reminder says, built when it is sent from the facts stored in its outbox row.

The row keeps facts (meeting, case, deadline), not sentences, so the wording can improve without
touching queued rows, and every reminder names the meeting, the case, the deadline and what to do.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from handlers.assignments.reminder_texts import KINDS as STANDING_KINDS
from handlers.assignments.reminder_texts import render_standing
from handlers.meetings.formatting import day, when
from handlers.meetings.sends import case_lines
from handlers.messages import Language
from handlers.replies import BulletList, Paragraph, Reply
from handlers.texts import t


def _facts(language: Language, payload: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {"body": payload.get("body_name") or payload.get("body_key", "")}
    if "meeting_at" in payload:
        facts["when"] = when(language, datetime.fromisoformat(payload["meeting_at"]))
    if "papers_due" in payload:
        facts["due"] = day(language, date.fromisoformat(payload["papers_due"]))
    return facts


def render_reminder(kind: str, payload: dict[str, Any], language: Language = "nb") -> Reply:
    if kind in STANDING_KINDS:  # assignment deadlines and yearly assessments, not tied to a meeting
        return render_standing(kind, payload, language)
    facts = _facts(language, payload)
    blocks: list[Paragraph | BulletList] = []
    if kind == "papers.chase" and len(cases := case_lines(payload)) > 1:
        blocks.append(Paragraph(t(language, "reminder.papers.chase_many", count=len(cases), **facts)))
        lines = (t(language, "reminder.papers.chase_case", item=n, title=title) for n, title in cases)
        blocks.append(BulletList(tuple(lines)))
    elif kind == "papers.chase":
        (number, title), *_ = case_lines(payload)
        blocks.append(Paragraph(t(language, "reminder.papers.chase", item=number, title=title, **facts)))
    elif kind == "papers.owner_due":
        blocks.append(
            Paragraph(t(language, f"reminder.{kind}", item=payload["item"], title=payload["title"], **facts))
        )
    elif kind == "papers.missing":
        blocks.append(Paragraph(t(language, "reminder.papers.missing", **facts)))
        blocks.append(BulletList(tuple(payload.get("missing", ()))))
    elif kind == "papers.published":
        blocks.append(Paragraph(t(language, "reminder.papers.published", **facts)))
    elif kind == "meeting.upcoming":
        place = t(language, "reminder.place", place=payload["place"]) if payload.get("place") else ""
        blocks.append(Paragraph(t(language, "reminder.meeting.upcoming", place=place, **facts)))
    elif kind == "notice":
        blocks.append(Paragraph(t(language, "reminder.notice", text=payload["text"], **facts)))
    elif kind == "dead_letter":
        blocks.append(
            Paragraph(
                t(
                    language,
                    "reminder.dead_letter",
                    what=payload["what"],
                    person=payload["person"],
                    attempts=payload["attempts"],
                    error=payload["error"],
                )
            )
        )
    else:
        raise ValueError(f"unknown reminder kind {kind!r}")
    return Reply(language, tuple(blocks), intent=f"reminder.{kind}")
