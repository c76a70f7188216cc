"""Reminders that follow the calendar, not a meeting: assignment deadlines, the traffic-light assessment
and the portfolio board's yearly evaluation.

They are derived from the model file for the current and the next year each time the sweep job runs (and
so at `govbot serve` start-up, whose first sweep is immediate) and go through the same outbox as meeting
reminders. The unique key (what, whom, which occurrence) makes deriving again harmless: a row is created
once and sent once however often this runs, and however many replicas run it. Pending rows the model no
longer wants (an owner changed in the model file) are cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.assignments.views import yearly_date
from handlers.meetings.deadlines import end_of_day, local_date, local_instant, working_days_before
from handlers.meetings.outbox import Planned, enqueue
from handlers.meetings.permissions import body_people
from models.governance.schema import BodyKind, GovernanceModel, Role, said
from models.store import Store
from models.tables import Body, Reminder
from models.tables.reminders import CANCELLED, PENDING

SOURCE = "standing"
EVALUATION_ROLES = frozenset({Role.SECRETARIAT.value, Role.PORTFOLIO_MANAGER.value})


def _planned(
    key: str, kind: str, person: str, send_day: date, due: date, hour: int, payload: dict
) -> Planned:
    return Planned(key, kind, person, local_instant(send_day, hour), end_of_day(due), payload)


def plan_standing(session: Session, model: GovernanceModel, model_id: int, years: list[int]) -> list[Planned]:
    """Every calendar reminder the model wants for these years, whether or not its moment has passed."""
    policy, rules, hour = model.reminders, model.rules, model.reminders.send_hour_local
    planned: list[Planned] = []
    for a in model.assignments:
        if a.deadline is None:
            continue
        payload = {
            "number": a.number,
            "title": a.title,
            "title_en": a.title_en,
            "deadline": a.deadline.isoformat(),
        }
        for days in policy.assignment_owner_working_days_before:
            key = f"assignment-due:{model_id}:{a.number}:{a.owner}:{days}wd:{a.deadline.isoformat()}"
            send_day = working_days_before(a.deadline, days)
            planned.append(_planned(key, "assignment.due", a.owner, send_day, a.deadline, hour, payload))
    owners: dict[str, list[int]] = {}
    for a in sorted(model.assignments, key=lambda a: a.number):
        owners.setdefault(a.owner, []).append(a.number)
    for year in years:
        if rules.traffic_light_assessment_due and owners:
            due = yearly_date(year, rules.traffic_light_assessment_due)
            for person, numbers in owners.items():
                payload = {"year": year, "due": due.isoformat(), "numbers": numbers}
                for days in policy.assessment_working_days_before:
                    key = f"traffic-light:{model_id}:{person}:{days}wd:{due.isoformat()}"
                    send_day = working_days_before(due, days)
                    planned.append(
                        _planned(key, "assignment.assessment", person, send_day, due, hour, payload)
                    )
        if rules.evaluation_due:
            due = yearly_date(year, rules.evaluation_due)
            boards = session.scalars(
                select(Body).where(Body.model_id == model_id, Body.kind == BodyKind.PORTFOLIO_BOARD.value)
            )
            for body in boards:
                payload = {"year": year, "due": due.isoformat(), "body_key": body.key, "body_name": body.name}
                assumed = rules.yearly_evaluation_due_assumption
                if assumed:
                    payload["due_assumption"] = str(assumed)
                    if said(assumed, "en") != assumed:
                        payload["due_assumption_en"] = said(assumed, "en")
                for person in body_people(session, body.id, EVALUATION_ROLES):
                    for days in policy.assessment_working_days_before:
                        key = f"yearly-evaluation:{body.id}:{person}:{days}wd:{due.isoformat()}"
                        send_day = working_days_before(due, days)
                        planned.append(
                            _planned(key, "evaluation.yearly", person, send_day, due, hour, payload)
                        )
    return planned


@dataclass(frozen=True)
class StandingResult:
    created: int
    cancelled: int


def derive_standing_reminders(store: Store, now: datetime) -> StandingResult:
    """Bring the outbox in step with `plan_standing` for this year and the next; safe to call any time.

    A reminder whose sending day has already ended is not created (no "deadline in 5 days" two days
    before it); one whose day is today, e.g. after the bot was down this morning, still goes out.
    """
    today = local_date(now)
    try:
        with store.session() as session:
            wanted = {
                p.dedup_key: p
                for p in plan_standing(session, store.model, store.model_id, [today.year, today.year + 1])
            }
            cancelled = 0
            pending = select(Reminder).where(
                Reminder.model_id == store.model_id, Reminder.source == SOURCE, Reminder.status == PENDING
            )
            for row in session.scalars(pending):
                if row.dedup_key not in wanted:
                    row.status = CANCELLED
                    cancelled += 1
            fresh = [p for p in wanted.values() if now < end_of_day(local_date(p.due_at))]
            revived = select(Reminder).where(
                Reminder.source == SOURCE,
                Reminder.status == CANCELLED,
                Reminder.dedup_key.in_([p.dedup_key for p in fresh]),
            )
            for row in session.scalars(revived):  # wanted again (the model file changed back)
                row.status = PENDING
            rows = enqueue(session, store.model_id, fresh, source=SOURCE)
            return StandingResult(len(rows), cancelled)
    except IntegrityError:
        # another replica derived the same keys at the same moment; its rows stand, ours were rolled back
        return StandingResult(0, 0)
