"""Deriving a meeting's reminders from the model file's policy and keeping the outbox in step with it.

Reminders are derived, never edited by hand: every change to a meeting or its agenda calls `replan`,
which computes the full set the policy wants now and reconciles the outbox with it in the same
transaction. The occurrence (the deadline date or the meeting date) is part of each key, so a moved
meeting gets new rows and the old date's pending rows are cancelled: nothing is ever sent for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.deadlines import end_of_day, local_date, local_instant, working_days_before
from handlers.meetings.permissions import body_people
from models.governance.schema import GovernanceModel, Role
from models.tables import Body, Meeting, Reminder
from models.tables.reminders import CANCELLED, PENDING

SECRETARIAT = frozenset({Role.SECRETARIAT.value})


@dataclass(frozen=True)
class Planned:
    dedup_key: str
    kind: str
    person_key: str
    due_at: datetime
    deadline_at: datetime
    payload: dict[str, Any]


def plan(session: Session, model: GovernanceModel, meeting: Meeting) -> list[Planned]:
    """Every reminder the policy wants for this meeting as it stands; none for a cancelled one."""
    if meeting.status == "cancelled":
        return []
    policy = model.reminders
    hour = policy.send_hour_local
    meeting_day = local_date(meeting.starts_at)
    body = session.get_one(Body, meeting.body_id)
    base = {
        "meeting_id": meeting.id,
        "body_key": body.key,
        "body_name": body.name,
        "meeting_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
    }
    planned: list[Planned] = []
    missing = [item for item in meeting.items if item.papers_delivered_at is None]
    for item in missing:
        due_day = meeting.working_committee_due or meeting.papers_due
        for days in policy.case_owner_working_days_before:
            send_day = working_days_before(due_day, days)
            payload = {**base, "item": item.number, "title": item.title, "papers_due": due_day.isoformat()}
            planned.append(
                Planned(
                    f"owner:{item.id}:{item.owner_key}:{days}wd:{due_day.isoformat()}",
                    "papers.owner_due",
                    item.owner_key,
                    local_instant(send_day, hour),
                    end_of_day(due_day),
                    payload,
                )
            )
    if policy.secretariat_on_deadline and missing:
        numbers = [f"{i.number} {i.title}" for i in missing]
        for person in body_people(session, meeting.body_id, SECRETARIAT):
            planned.append(
                Planned(
                    f"secretariat-missing:{meeting.id}:{person}:{meeting.papers_due.isoformat()}",
                    "papers.missing",
                    person,
                    local_instant(meeting.papers_due, hour),
                    meeting.starts_at,
                    {**base, "papers_due": meeting.papers_due.isoformat(), "missing": numbers},
                )
            )
    members = body_people(session, meeting.body_id)
    if policy.members_when_published:
        for person in members:
            planned.append(
                Planned(
                    f"members-published:{meeting.id}:{person}:{meeting.papers_due.isoformat()}",
                    "papers.published",
                    person,
                    local_instant(meeting.papers_due + timedelta(days=1), hour),
                    meeting.starts_at,
                    {**base, "papers_due": meeting.papers_due.isoformat()},
                )
            )
    for days in policy.members_days_before_meeting:
        for person in members:
            planned.append(
                Planned(
                    f"members-before:{meeting.id}:{person}:{days}d:{meeting_day.isoformat()}",
                    "meeting.upcoming",
                    person,
                    local_instant(meeting_day - timedelta(days=days), hour),
                    meeting.starts_at,
                    dict(base),
                )
            )
    return planned


@dataclass(frozen=True)
class ReplanResult:
    created: int
    cancelled: int
    kept: int


def replan(
    session: Session, model: GovernanceModel, model_id: int, meeting: Meeting, now: datetime
) -> ReplanResult:
    """Reconcile the outbox with `plan`: add what is new, cancel pending rows no longer wanted.

    A row whose moment has already passed when it is first planned is not created (nobody wants a
    "5 days left" reminder for a deadline set tomorrow). Rows already sent stay as they are.
    """
    session.flush()
    session.refresh(meeting, ["items"])
    wanted = {p.dedup_key: p for p in plan(session, model, meeting)}
    existing = {
        r.dedup_key: r
        for r in session.scalars(
            select(Reminder).where(Reminder.meeting_id == meeting.id, Reminder.source == "plan")
        )
    }
    for row in _rows_of_moved_items(session, meeting, set(wanted) - set(existing)):
        row.meeting_id = meeting.id  # its case moved here: the same occurrence, not a second reminder
        existing[row.dedup_key] = row
    cancelled = 0
    for key, row in existing.items():
        if key not in wanted and row.status == PENDING:
            row.status = CANCELLED
            cancelled += 1
    created = kept = 0
    for key, item in wanted.items():
        row = existing.get(key)
        if row is None:
            if item.due_at < now:
                continue
            session.add(_row(model_id, meeting.id, item))
            created += 1
        elif row.status in (PENDING, CANCELLED):
            row.status, row.payload, row.due_at, row.deadline_at = (
                PENDING,
                item.payload,
                item.due_at,
                item.deadline_at,
            )
            kept += 1
    cancelled += _settle_chases(session, meeting)
    return ReplanResult(created, cancelled, kept)


def _settle_chases(session: Session, meeting: Meeting) -> int:
    """A chase the secretariat queued (source on_demand) names the cases missing papers then: a case
    since moved to another meeting, withdrawn or delivered is taken out of it, and a chase left with no
    case (or for a cancelled meeting) is cancelled, so nobody is chased for a meeting their case left."""
    missing: dict[str, set[str]] = {}
    if meeting.status != "cancelled":
        for item in meeting.items:
            if item.papers_delivered_at is None:
                missing.setdefault(item.owner_key, set()).add(item.number)
    rows = session.scalars(
        select(Reminder).where(
            Reminder.meeting_id == meeting.id,
            Reminder.source == "on_demand",
            Reminder.kind == "papers.chase",
            Reminder.status == PENDING,
        )
    )
    cancelled = 0
    for row in rows:
        owed = missing.get(row.person_key, set())
        listed = row.payload.get("cases") or [[row.payload.get("item"), row.payload.get("title")]]
        cases = [case for case in listed if case and case[0] in owed]
        if not cases:
            row.status = CANCELLED
            cancelled += 1
        elif len(cases) != len(listed):
            row.payload = {**row.payload, "cases": cases}
    return cancelled


def _rows_of_moved_items(session: Session, meeting: Meeting, keys: set[str]) -> list[Reminder]:
    """Planned rows with a wanted key that another meeting holds: a case (a minutes item,
    handlers/meetings/minutes_items.py) moved here keeps its id, so its owner's reminder for the same
    deadline has the same key. Taking the row over, rather than inserting, keeps the key unique and
    sends nothing twice (a row already sent stays sent)."""
    owner_keys = [key for key in keys if key.startswith("owner:")]
    if not owner_keys:
        return []
    return list(
        session.scalars(
            select(Reminder).where(
                Reminder.dedup_key.in_(owner_keys),
                Reminder.source == "plan",
                Reminder.meeting_id != meeting.id,
            )
        )
    )


def _row(model_id: int, meeting_id: int | None, item: Planned, **extra: Any) -> Reminder:
    return Reminder(
        model_id=model_id,
        meeting_id=meeting_id,
        dedup_key=item.dedup_key,
        kind=item.kind,
        person_key=item.person_key,
        payload=item.payload,
        due_at=item.due_at,
        deadline_at=item.deadline_at,
        status=PENDING,
        attempt=0,
        **extra,
    )


def enqueue(
    session: Session,
    model_id: int,
    items: list[Planned],
    *,
    source: str,
    requested_by: str | None = None,
    meeting_id: int | None = None,
) -> list[int]:
    """Add one-off rows (on-demand reminders, notices, dead-letter notes); the ids of the rows added.

    A key already used is skipped by the database itself (`ON CONFLICT DO NOTHING`), not by a read
    first: two people pressing "remind" at the same moment both get an answer, the second "0 new", where
    a read-then-insert let both insert and one fail on the unique key.
    """
    if not items:
        return []
    values = [
        {
            "model_id": model_id,
            "meeting_id": meeting_id,
            "dedup_key": item.dedup_key,
            "kind": item.kind,
            "person_key": item.person_key,
            "payload": item.payload,
            "due_at": item.due_at,
            "deadline_at": item.deadline_at,
            "status": PENDING,
            "attempt": 0,
            "source": source,
            "requested_by": requested_by,
        }
        for item in {i.dedup_key: i for i in items}.values()
    ]
    # the dialect's module only here: importing sqlalchemy's PostgreSQL dialect costs a one-shot command
    # on SQLite ~20 ms (it pulls in the asyncpg connector and asyncio)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(Reminder)
        .values(values)
        .on_conflict_do_nothing(index_elements=[Reminder.dedup_key])
        .returning(Reminder.id)
    )
    return list(session.scalars(statement))
