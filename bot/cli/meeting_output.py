"""How the CLI shows a meeting: JSON for scripts, a few aligned lines for people."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.tables import Meeting


def meeting_data(session: Session, meeting: Meeting) -> dict[str, Any]:
    from handlers.meetings.deadlines import OSLO
    from handlers.meetings.ends import meeting_end
    from models.repositories.meetings import body_of, reminder_counts

    body = body_of(session, meeting)
    session.refresh(meeting, ["items"])
    counts = reminder_counts(session, meeting.id)
    return {
        "id": meeting.id,
        "body": {"key": body.key, "name": body.name},
        "starts_at": meeting.starts_at.astimezone(UTC).isoformat(),
        "starts_at_local": meeting.starts_at.astimezone(OSLO).isoformat(),
        "ends_at": meeting_end(meeting).astimezone(UTC).isoformat(),
        "ends_at_local": meeting_end(meeting).astimezone(OSLO).isoformat(),
        "place": meeting.place,
        "status": meeting.status,
        "papers_due": meeting.papers_due.isoformat(),
        "working_committee_due": meeting.working_committee_due and meeting.working_committee_due.isoformat(),
        "cancel_reason": meeting.cancel_reason,
        "agenda": [
            {
                "id": item.id,
                "position": item.position,
                "number": item.number,
                "title": item.title,
                "owner": item.owner_key,
                "kind": item.kind,
                "initiative": item.initiative_ref,
                "minutes_of": item.minutes_of_meeting_id,
                "papers_delivered_at": item.papers_delivered_at and item.papers_delivered_at.isoformat(),
            }
            for item in meeting.items
        ],
        "reminders": counts,
    }


def meeting_text(data: dict[str, Any]) -> str:
    lines = [
        f"Meeting {data['id']}: {data['body']['name']} {data['starts_at_local'][:16].replace('T', ' ')}"
        f"–{data['ends_at_local'][11:16]} ({data['status']})",
        f"  place:       {data['place'] or '-'}",
        f"  papers due:  {data['papers_due']}",
    ]
    if data["working_committee_due"]:
        lines.append(f"  working committee due: {data['working_committee_due']}")
    for item in data["agenda"]:
        state = "delivered" if item["papers_delivered_at"] else "papers missing"
        lines.append(f"  case {item['number']} [{item['id']}] {item['title']} – {item['owner']}, {state}")
    pending = data["reminders"].get("pending", 0)
    lines.append(f"  reminders pending: {pending}")
    lines.extend(f"  confirmed:   {warning}" for warning in data.get("warnings", ()))
    return "\n".join(lines)
