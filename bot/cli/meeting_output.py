"""How the CLI shows a meeting: JSON for scripts (keys, ISO times), a few lines in words for people.

The JSON is the contract for scripts and stays as it is; the human text is built from it, in the
person's language (`--lang`, see meeting_runner.cli_language), with names instead of keys.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from handlers.messages import Language
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


def owner_names(session: Session, model_id: int, items: list[dict[str, Any]]) -> dict[str, str]:
    """Case owners' names for the given agenda items: a person reads «Hanne Kristoffersen», not a key."""
    from handlers.meetings.queries import person_names

    return person_names(session, model_id, {item["owner"] for item in items if item["owner"]})


def item_text(item: dict[str, Any], language: Language, names: dict[str, str]) -> str:
    """One case: number, id (what ITEM_ID arguments take), title, owner by name, papers in words."""
    from handlers.meetings.formatting import when
    from handlers.person_names import shown_name
    from handlers.texts import t

    delivered = item["papers_delivered_at"]
    state = (
        t(language, "cli.agenda.delivered_at", when=when(language, datetime.fromisoformat(delivered)))
        if delivered
        else t(language, "cli.agenda.missing")
    )
    owner = shown_name(names.get(item["owner"], item["owner"]), language)
    return t(language, "cli.agenda.item", number=item["number"], id=item["id"], title=item["title"],
             owner=owner, state=state)  # fmt: skip


def meeting_text(data: dict[str, Any], language: Language, names: dict[str, str]) -> str:
    """A meeting for a person: dates in words, status in words, owners by name; `--json` has the rest."""
    from handlers.meetings.formatting import day, when
    from handlers.texts import t

    ends = datetime.fromisoformat(data["ends_at_local"]).strftime("%H:%M")
    lines = [
        t(
            language,
            "cli.meeting.header",
            id=data["id"],
            body=data["body"]["name"],
            when=when(language, datetime.fromisoformat(data["starts_at"])),
            end=ends,
            status=t(language, f"meetings.status.{data['status']}"),
        ),
        t(language, "cli.meeting.place", place=data["place"] or "-"),
        t(language, "cli.meeting.papers_due", day=day(language, date.fromisoformat(data["papers_due"]))),
    ]
    if data["working_committee_due"]:
        due = day(language, date.fromisoformat(data["working_committee_due"]))
        lines.append(t(language, "cli.meeting.working_committee_due", day=due))
    lines.extend("  " + item_text(item, language, names) for item in data["agenda"])
    lines.append(t(language, "cli.meeting.reminders", count=data["reminders"].get("pending", 0)))
    lines.extend(t(language, "cli.meeting.confirmed", warning=w) for w in data.get("warnings", ()))
    return "\n".join(lines)
