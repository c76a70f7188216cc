"""What the whole-cycle tests share: the timeline, a clock the test moves, the sweep as `govbot serve`
runs it, and what the tests read back from the store.

The cycle, on Områdestyre Prehospital (hso-2026): a clinician proposes an initiative; the secretariat
plans two meetings; the case goes on the first meeting's agenda and its papers are delivered; the meeting
is held; its decision is recorded from the form; the proposer is told; a follow-up is set; the minutes are
drafted, sent for comments and commented on; the next meeting approves them on its «Godkjenning av
referat» case; the approved minutes are shown and written as .docx; the follow-up's owner is reminded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from docx import Document
from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.messages import Sender
from handlers.minutes.exports import minutes_docx
from models.tables import AgendaItem, Decision, FollowUp, Initiative, Meeting, Minutes, Reminder
from scheduler.sweep import Sweeper

BOARD = "omradestyre-prehospital"
SECRETARY = "silje-kristiansen"  # secretariat of Områdestyre Prehospital
OWNER = "ragnhild-lund"  # its owner: the case owner, a member who comments, the follow-up's owner
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday, five weeks before the first meeting
FIRST = "07.12.2026"  # Mondays, no holidays, paper deadlines ahead of START
NEXT = "11.01.2027"
AFTER_FIRST = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # the first meeting (10:00–12:00 Oslo) is over
AFTER_NEXT = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)
FOLLOW_UP_DUE = "15.01.2027"
FOLLOW_UP_REMINDED = datetime(2027, 1, 14, 9, 0, tzinfo=UTC)  # past the one-working-day reminder at 09:00


@dataclass
class Clock:
    """The handlers' clock; the Slack notifier's per-channel pacing reads it too, so moving it on a few
    seconds frees a paced channel without sleeping."""

    now: datetime = START
    moves: list[datetime] = field(default_factory=list)

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.now.timestamp()

    def set(self, moment: datetime) -> None:
        assert moment >= self.now
        self.now = moment


def sweep(context: HandlerContext, clock: Clock, rounds: int = 12) -> None:
    """Deliver everything due, as the serve loop's sweeps would over the next half minute: a paced
    channel defers its row by a second, so the clock moves on two seconds between sweeps."""
    sweeper = Sweeper(context.store, context.notifier, context.clock, "cycle-sweep")
    for _ in range(rounds):
        sweeper.run_until_idle()
        clock.set(clock.now + timedelta(seconds=2))


def case_of(context: HandlerContext, reference: str) -> int:
    """The id of the agenda case about the initiative (the decision form's fields carry it)."""
    with context.store.read() as session:
        return session.scalars(select(AgendaItem.id).where(AgendaItem.initiative_ref == reference)).one()


def delivered(context: HandlerContext, item_id: int) -> bool:
    with context.store.read() as session:
        return session.get_one(AgendaItem, item_id).papers_delivered_at is not None


def meetings(context: HandlerContext) -> list[int]:
    """The meetings' ids, in date order."""
    with context.store.read() as session:
        return list(session.scalars(select(Meeting.id).order_by(Meeting.starts_at)))


def minutes_case(context: HandlerContext, meeting_id: int) -> int:
    """The «Godkjenning av referat» case the next meeting got for the first one's minutes."""
    with context.store.read() as session:
        return session.scalars(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.minutes_of_meeting_id.is_not(None)
            )
        ).one()


def initiative_state(context: HandlerContext, reference: str) -> str:
    with context.store.read() as session:
        return session.scalar(select(Initiative.state).where(Initiative.reference == reference)) or ""


def decision_outcomes(context: HandlerContext) -> list[tuple[int, str]]:
    with context.store.read() as session:
        return [tuple(r) for r in session.execute(select(Decision.agenda_item_id, Decision.outcome))]  # type: ignore[misc]


def minutes_state(context: HandlerContext, meeting_id: int) -> tuple[str, int | None]:
    with context.store.read() as session:
        minutes = session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id)).one()
        return minutes.state, minutes.approved_meeting_id


def follow_up_reminders(context: HandlerContext) -> list[str]:
    """The statuses of the follow-up owner's reminders (sent once each, never twice)."""
    with context.store.read() as session:
        assert session.scalars(select(FollowUp.owner_key)).all() == [OWNER]
        return sorted(
            session.scalars(
                select(Reminder.status).where(Reminder.source == "followup", Reminder.person_key == OWNER)
            )
        )


def docx_text(context: HandlerContext, meeting_id: int, person: str) -> str:
    """The approved minutes as the Word file a member downloads, read back with python-docx."""
    with context.store.read() as session:
        actor = resolve_actor(session, context.store.model_id, Sender("cli", person))
        data = minutes_docx(session, context.store.model_id, actor, meeting_id, "nb")
    assert data[:2] == b"PK"  # a .docx is a zip
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
