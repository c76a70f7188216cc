"""Telling the proposer and the case owner what was decided, each in their own language.

Queued as notices in the decision's transaction (handlers/notices.py), so they exist exactly when the
decision does and the sweep delivers them (Slack, Teams, or «varsler»). The proposer's language is the
one they proposed in; the case owner's is that of the chat account they used last, bokmål when unknown.
Someone who is both is told once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.decisions.initiative_move import Moved
from handlers.initiatives.states import state_label
from handlers.language import from_locale
from handlers.meetings.formatting import when
from handlers.messages import Language
from handlers.notices import queue_notice_at
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.governance.schema import GovernanceModel
from models.tables import Body, Decision, Initiative, Meeting, PersonIdentity


def person_language(session: Session, person_key: str) -> Language:
    locale = session.scalar(
        select(PersonIdentity.locale)
        .where(PersonIdentity.person_key == person_key)
        .order_by(PersonIdentity.updated_at.desc())
        .limit(1)
    )
    return from_locale(locale) or "nb"


def notify_decided(
    session: Session,
    model: GovernanceModel,
    decision: Decision,
    title: str,
    owner_key: str,
    initiative: Initiative | None,
    moved: Moved | None,
    now: datetime,
) -> list[str]:
    """Queue the notices; returns who is told (person keys or platform accounts)."""
    meeting = session.get_one(Meeting, decision.meeting_id)
    body = session.get_one(Body, meeting.body_id)
    recipients: dict[str, Language] = {}
    if initiative is not None:
        proposer = initiative.submitter_person_key or (
            f"{initiative.submitter_platform}:{initiative.submitter_user_id}"
        )
        recipients[proposer] = "en" if initiative.language == "en" else "nb"
    recipients.setdefault(owner_key, person_language(session, owner_key))
    for address, language in recipients.items():
        key = f"decision:{decision.id}:{address}"
        reply = _reply(model, decision, title, body.name, meeting, moved, language)
        queue_notice_at(
            session, decision.model_id, now, Notification(address, reply, "decision.recorded", key)
        )
    return list(recipients)


def _reply(
    model: GovernanceModel,
    decision: Decision,
    title: str,
    body: str,
    meeting: Meeting,
    moved: Moved | None,
    language: Language,
) -> Reply:
    facts = {
        "body": body,
        "number": decision.number,
        "title": title,
        "when": when(language, meeting.starts_at),
        "outcome": t(language, f"decisions.outcome.{decision.outcome}"),
        "text": decision.text,
    }
    key = "decisions.notify.corrected" if decision.supersedes_id else "decisions.notify"
    blocks = [Paragraph(t(language, key, reason=decision.correction_reason or "", **facts))]
    if moved is not None:
        state = state_label(model, moved.to_state, language)
        blocks.append(
            Paragraph(t(language, "decisions.notify.moved", reference=moved.reference, state=state))
        )
    return Reply(language, tuple(blocks), intent="decision.recorded")
