"""The owner's reminders about a follow-up: N working days before it is due, and once when it is overdue.

They are queued when the follow-up is added (or given a new date) as rendered notices in the outbox,
to be sent at the model's reminder hour on their day, so the sweep delivers them to Slack, Teams or
«varsler» like any notice. The key names the follow-up, the lead and the due date, so each reminder is
queued and sent once; marking a follow-up done or moving its date cancels the ones still pending.

The lead times are an assumption: the seed documents set none for follow-ups, so the owner is reminded
as an assignment's owner is (`reminders.assignment_owner_working_days_before` in the model file,
5 and 1 working days by default).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from handlers.decisions.notify import person_language
from handlers.meetings.deadlines import end_of_day, local_date, local_instant, working_days_before
from handlers.meetings.outbox import Planned, enqueue
from handlers.minutes.content import date_words
from handlers.notices import reply_to_payload
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.governance.schema import GovernanceModel
from models.tables import FollowUp, Reminder
from models.tables.reminders import CANCELLED, PENDING

SOURCE = "followup"
OVERDUE_VALID_FOR = timedelta(days=7)
"""An overdue reminder not delivered within a week of the due date is recorded as missed."""


def _key(follow_up_id: int, what: str) -> str:
    return f"follow-up:{follow_up_id}:{what}"


def queue_reminders(
    session: Session, model: GovernanceModel, follow_up: FollowUp, number: str, now: datetime
) -> None:
    """Each lead's reminder whose day has not ended, and the overdue one the day after the due date."""
    language = person_language(session, follow_up.owner_key)
    hour = model.reminders.send_hour_local
    due, today = follow_up.due, local_date(now)
    facts = {"id": follow_up.id, "number": number, "text": follow_up.text, "due": date_words(language, due)}
    planned: list[Planned] = []
    for days in sorted(set(model.reminders.assignment_owner_working_days_before), reverse=True):
        send_day = working_days_before(due, days)
        if send_day < today:
            continue
        reply = Reply(language, (Paragraph(t(language, "followups.remind", **facts)),), intent="followup.due")
        send_at = max(local_instant(send_day, hour), now)
        key = _key(follow_up.id, f"{days}wd:{due.isoformat()}")
        payload = {"reply": reply_to_payload(reply)}
        planned.append(Planned(key, "followup.due", follow_up.owner_key, send_at, end_of_day(due), payload))
    overdue_day = due + timedelta(days=1)
    reply = Reply(
        language, (Paragraph(t(language, "followups.overdue", **facts)),), intent="followup.overdue"
    )
    planned.append(
        Planned(
            _key(follow_up.id, f"overdue:{due.isoformat()}"), "followup.overdue", follow_up.owner_key,
            local_instant(overdue_day, hour), end_of_day(due) + OVERDUE_VALID_FOR,
            {"reply": reply_to_payload(reply)},
        )
    )  # fmt: skip
    _revive(session, [p.dedup_key for p in planned])
    enqueue(session, follow_up.model_id, planned, source=SOURCE)


def _revive(session: Session, keys: list[str]) -> None:
    """A date moved away and back again: the cancelled rows of that date are wanted again."""
    session.execute(
        update(Reminder)
        .where(Reminder.dedup_key.in_(keys), Reminder.status == CANCELLED)
        .values(status=PENDING)
    )


def cancel_reminders(session: Session, follow_up_id: int) -> None:
    session.execute(
        update(Reminder)
        .where(
            Reminder.source == SOURCE,
            Reminder.dedup_key.startswith(_key(follow_up_id, "")),
            Reminder.status == PENDING,
        )
        .values(status=CANCELLED)
    )
