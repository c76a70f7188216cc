"""Finding a body or meeting someone names, and refusing those who may not change it.

Shared by the scheduler's planning (CLI) and the chat, so both refuse with the same sentence. Errors
carry a text key, never a sentence, so the caller answers in the user's language.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.bodies import find_body
from handlers.meetings.permissions import may_manage_meetings
from models.tables import Body, Meeting


class MeetingError(Exception):
    """A refusal the user can act on; `key` names the sentence in handlers/texts.py."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def resolve_body(session: Session, model_id: int, asked: str) -> Body:
    body = find_body(session, model_id, asked)
    if body is None:
        raise MeetingError("meetings.no_body", asked=asked)
    return body


def check_may_manage(session: Session, body: Body, actor: Actor) -> None:
    if not may_manage_meetings(session, body.id, actor.person_key):
        raise MeetingError("meetings.denied", who=actor.display_name, body=body.name)


def get_meeting(session: Session, model_id: int, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.model_id != model_id:
        raise MeetingError("meetings.no_meeting", id=meeting_id)
    return meeting
