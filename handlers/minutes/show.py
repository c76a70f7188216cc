"""Minutes as a reply: the status first (a draft says so), then the facts, the note and every case."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.meetings.deadlines import local_date
from handlers.messages import Language
from handlers.minutes.content import Written, date_words, time_words, written
from handlers.minutes.keeping import Kept
from handlers.replies import Block, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.tables import Decision, Meeting, Minutes


def status_line(session: Session, minutes: Minutes, language: Language) -> str:
    if minutes.state == "comments" and minutes.comments_due is not None:
        return t(language, "minutes.status.comments", due=date_words(language, minutes.comments_due))
    if minutes.state != "approved" or minutes.approved_at is None:
        return t(language, "minutes.status.draft")
    on = date_words(language, local_date(minutes.approved_at))
    if minutes.approved_meeting_id is not None and minutes.approved_decision_id is not None:
        meeting = session.get_one(Meeting, minutes.approved_meeting_id)
        decision = session.get_one(Decision, minutes.approved_decision_id)
        return t(
            language, "minutes.status.approved_at",
            meeting=date_words(language, local_date(meeting.starts_at)), number=decision.number, date=on,
        )  # fmt: skip
    return t(language, "minutes.status.approved", date=on)


def written_minutes(minutes: Minutes, language: Language) -> Written:
    return written(minutes.content, language)


def written_blocks(text: Written, language: Language, status: str | None) -> list[Block]:
    blocks: list[Block] = [Heading(text.title)]
    if status:
        blocks.append(Paragraph(status))
    blocks.append(Facts(text.facts))
    if text.note:
        blocks.append(Paragraph(text.note))
    for case in text.cases:
        blocks.append(Paragraph(" – ".join((case.heading, *case.lines))))
    if not text.cases:
        blocks.append(Paragraph(t(language, "minutes.no_cases")))
    return blocks


def minutes_reply(session: Session, kept: Kept, language: Language, intent: str = "minutes.show") -> Reply:
    status = status_line(session, kept.minutes, language)
    blocks = written_blocks(written_minutes(kept.minutes, language), language, status)
    return Reply(language, tuple(blocks), intent=intent)


def facts_of(kept: Kept, language: Language) -> dict[str, object]:
    """The facts the action answers are filled with."""
    return {
        "body": kept.body.name,
        "when": time_words(language, kept.meeting.starts_at),
        "meeting": kept.meeting.id,
        "cases": len(kept.minutes.content.get("cases", [])),
        "told": kept.told,
        "due": date_words(language, kept.minutes.comments_due) if kept.minutes.comments_due else "",
    }
