"""After a portfolio board meeting: each trust representative is asked to anchor its decisions at home.

Seed 002 §4: «Medlemmene i regionalt porteføljestyre har ansvar for å sørge for at beslutninger som tas
i regionalt porteføljestyre, forankres i egen virksomhet.» So each member who represents a health trust
(role trust_representative) gets one notice per meeting listing the meeting's decisions.

When: the notice is queued when the meeting's first decision is recorded, in that transaction, to go
out at the model's reminder hour on the next working day. Every further decision (or correction)
recorded before it goes out rewrites the waiting notice with the whole list and moves it to the next
working day after that recording, so a secretariat entering a meeting's decisions over an afternoon
sends one complete notice. Once sent it is not sent again (the key is per meeting and person); a
decision recorded after that is not told a second time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.decisions.notify import person_language
from handlers.meetings.deadlines import is_working_day, local_date, local_instant
from handlers.meetings.outbox import Planned, enqueue
from handlers.meetings.permissions import body_people
from handlers.messages import Language
from handlers.minutes.content import time_words
from handlers.notices import NOTICE_VALID_FOR, SOURCE, reply_to_payload
from handlers.replies import BulletList, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import BodyKind, GovernanceModel, Role
from models.tables import AgendaItem, Body, Decision, Meeting, Reminder
from models.tables.reminders import PENDING

KIND = "decisions.anchor"
TRUST_REPRESENTATIVES = frozenset({Role.TRUST_REPRESENTATIVE.value})


def _next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _current_decisions(session: Session, meeting_id: int) -> list[tuple[Decision, str]]:
    """The meeting's decisions as they stand (the newest version of each case), in case order."""
    rows = session.execute(
        select(Decision, AgendaItem.title, AgendaItem.position)
        .join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
        .where(Decision.meeting_id == meeting_id)
        .order_by(AgendaItem.position, Decision.version)
    )
    newest: dict[int, tuple[Decision, str]] = {}
    for decision, title, _position in rows:
        newest[decision.agenda_item_id] = (decision, title)
    return list(newest.values())


def _reply(meeting: Meeting, decisions: list[tuple[Decision, str]], language: Language) -> Reply:
    lines = tuple(
        t(
            language,
            "followups.anchor_line",
            number=d.number,
            title=title,
            outcome=t(language, f"decisions.outcome.{d.outcome}"),
            text=d.text,
        )
        for d, title in decisions
    )
    heading = t(language, "followups.anchor", when=time_words(language, meeting.starts_at))
    return Reply(language, (Paragraph(heading), BulletList(lines)), intent=KIND)


def queue_anchor_notices(
    session: Session, model: GovernanceModel, meeting: Meeting, body: Body, now: datetime
) -> list[str]:
    """Queue or rewrite each trust representative's waiting notice; the person keys told."""
    if body.kind != BodyKind.PORTFOLIO_BOARD.value:
        return []
    decisions = _current_decisions(session, meeting.id)
    send_at = local_instant(_next_working_day(local_date(now)), model.reminders.send_hour_local)
    people = body_people(session, body.id, TRUST_REPRESENTATIVES)
    for person in people:
        payload = {"reply": reply_to_payload(_reply(meeting, decisions, person_language(session, person)))}
        key = f"anchor:{meeting.id}:{person}"
        waiting = session.scalar(select(Reminder).where(Reminder.dedup_key == key))
        if waiting is None:
            enqueue(session, meeting.model_id, [Planned(key, KIND, person, send_at, send_at + NOTICE_VALID_FOR,
                                                        payload)], source=SOURCE)  # fmt: skip
        elif waiting.status == PENDING:
            waiting.payload, waiting.due_at = payload, send_at
            waiting.deadline_at = send_at + NOTICE_VALID_FOR
    return people
