"""An iCalendar feed of a body's meetings and paper deadlines, for Outlook to subscribe to.

UIDs are stable (meeting id and model key), so a moved meeting updates the subscriber's entry instead of
adding a second one; cancelled meetings stay in the feed with STATUS:CANCELLED for the same reason.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.tables import Body, Meeting

MEETING_LENGTH = timedelta(hours=2)


def body_calendar(session: Session, model_key: str, body: Body, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//govbot//meetings//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", body.name)
    meetings = session.scalars(select(Meeting).where(Meeting.body_id == body.id).order_by(Meeting.starts_at))
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@{model_key}.govbot")
        event.add("dtstamp", now)
        event.add("summary", f"{body.name}: møte")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        if meeting.place:
            event.add("location", meeting.place)
        event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
        for label, due in (
            ("Frist saksgrunnlag", meeting.papers_due),
            ("Frist arbeidsutvalget", meeting.working_committee_due),
        ):
            if due is None:
                continue
            deadline = Event()
            kind = "papers" if label.endswith("saksgrunnlag") else "committee"
            deadline.add("uid", f"deadline-{kind}-{meeting.id}@{model_key}.govbot")
            deadline.add("dtstamp", now)
            deadline.add("summary", f"{label}: {body.name} {meeting.starts_at.date().isoformat()}")
            deadline.add("dtstart", due)
            deadline.add("dtend", due + timedelta(days=1))
            deadline.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
            calendar.add_component(deadline)
    return calendar.to_ical()
