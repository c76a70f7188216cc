"""An iCalendar feed of a body's meetings and paper deadlines, for Outlook to subscribe to.

UIDs are stable (meeting id and model key), so a moved meeting updates the subscriber's entry instead of
adding a second one; cancelled meetings stay in the feed with STATUS:CANCELLED for the same reason.

Each meeting carries its agenda in DESCRIPTION (the numbered case titles in their order, withdrawn cases
left out; no owners, no papers) and ends at its end time (`ends.meeting_end`: start + 2 h when none was
given). The paper deadline is shown twice, on purpose:

- as an all-day VEVENT of its own on the deadline day, because that is what Outlook, Google Calendar and
  Apple Calendar all show in the day's header for a *subscribed* calendar, where the deadline is seen
  in the week it falls in, not only when the meeting is opened;
- as a line in the meeting's DESCRIPTION, so whoever opens the meeting reads the deadline beside the
  agenda.

No VALARM: Outlook and Google ignore or strip alarms in subscribed feeds, so an alarm would promise a
reminder most readers never get (govbot's own reminders do that job, through the outbox).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.meetings.deadlines import local_date
from handlers.meetings.ends import meeting_end
from handlers.meetings.formatting import day
from handlers.messages import Language
from handlers.texts import t
from models.tables import Body, Meeting


def body_calendar(
    session: Session, model_key: str, body: Body, now: datetime, language: Language = "nb"
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//govbot//meetings//NO")
    calendar.add("version", "2.0")
    name = (body.name_en or body.name) if language == "en" else body.name
    calendar.add("x-wr-calname", name)
    meetings = session.scalars(select(Meeting).where(Meeting.body_id == body.id).order_by(Meeting.starts_at))
    for meeting in meetings:
        status = "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED"
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@{model_key}.govbot")
        event.add("dtstamp", now)
        event.add("summary", t(language, "calendar.meeting", body=name))
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting_end(meeting))
        event.add("description", _description(language, meeting))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("status", status)
        calendar.add_component(event)
        for kind, due in (("papers", meeting.papers_due), ("committee", meeting.working_committee_due)):
            if due is None:
                continue
            deadline = Event()
            deadline.add("uid", f"deadline-{kind}-{meeting.id}@{model_key}.govbot")
            deadline.add("dtstamp", now)
            meeting_day = day(language, local_date(meeting.starts_at))
            deadline.add("summary", t(language, f"calendar.{kind}_due", body=name, date=meeting_day))
            deadline.add("dtstart", due)
            deadline.add("dtend", due + timedelta(days=1))
            deadline.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
            deadline.add("status", status)
            calendar.add_component(deadline)
    return calendar.to_ical()


def _description(language: Language, meeting: Meeting) -> str:
    """«Saksliste:» with «1. Sak 3-2027 Tittel» lines, then the paper deadline."""
    lines = [t(language, "calendar.agenda")]
    cases = [
        t(language, "calendar.case", position=n, number=item.number, title=item.title)
        for n, item in enumerate(meeting.items, 1)
    ]
    lines.extend(cases or [t(language, "calendar.agenda_empty")])
    lines += ["", t(language, "calendar.deadline_line", date=day(language, meeting.papers_due))]
    if meeting.working_committee_due:
        lines.append(
            t(language, "calendar.committee_line", date=day(language, meeting.working_committee_due))
        )
    return "\n".join(lines)
