"""The Word exports: a meeting's minutes (as they may be read by the asker) and its agenda (sakliste)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import get_meeting
from handlers.messages import Language
from handlers.minutes.content import snapshot, written
from handlers.minutes.keeping import readable
from handlers.minutes.show import status_line, written_minutes
from handlers.minutes.word import document_bytes
from handlers.texts import t


def minutes_docx(session: Session, model_id: int, actor: Actor, meeting_id: int, language: Language) -> bytes:
    kept = readable(session, model_id, actor, meeting_id)
    status = status_line(session, kept.minutes, language)
    return document_bytes(written_minutes(kept.minutes, language), status, t(language, "minutes.no_cases"))


def agenda_docx(session: Session, model_id: int, meeting_id: int, language: Language) -> bytes:
    """The agenda as it stands now (with any decision already recorded), for any signed-in reader."""
    meeting = get_meeting(session, model_id, meeting_id)
    text = written(snapshot(session, model_id, meeting), language, agenda=True)
    return document_bytes(text, None, t(language, "minutes.no_cases"))
