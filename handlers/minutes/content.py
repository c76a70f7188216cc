"""What minutes say: a snapshot of the meeting, and the same snapshot in words for chat, CLI and Word.

The snapshot is taken from the store when the secretariat drafts (body, date, place, the body's members as
attendees, each case with its current decision) and kept as data, never as sentences, so the minutes can be
read in bokmål or English and what was sent for comments is what is approved. Attendance is not recorded
anywhere, so the attendees are the body's members in the model (an assumption the minutes say out loud).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.decisions.numbers import decision_number
from handlers.decisions.register import decisions
from handlers.meetings.deadlines import OSLO
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.texts import t
from models.tables import AgendaItem, Body, Meeting, Membership, PersonRow
from models.tables.meetings import ACTIVE

_MONTHS = {
    "nb": "januar februar mars april mai juni juli august september oktober november desember".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def date_words(language: Language, value: date) -> str:
    """«3. desember 2026» / "3 December 2026": how minutes and people write a date."""
    month = _MONTHS[language][value.month - 1]
    return f"{value.day}. {month} {value.year}" if language == "nb" else f"{value.day} {month} {value.year}"


def time_words(language: Language, instant: datetime) -> str:
    local = instant.astimezone(OSLO)
    return t(
        language, "minutes.at_time", date=date_words(language, local.date()), time=local.strftime("%H:%M")
    )


def snapshot(session: Session, model_id: int, meeting: Meeting) -> dict[str, Any]:
    """The meeting as its minutes record it now (JSON-ready; the instant is stored as ISO, never shown)."""
    body = session.get_one(Body, meeting.body_id)
    current = {d.agenda_item_id: d for d, _, _ in decisions(session, model_id, meeting_id=meeting.id)}
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id, AgendaItem.status == ACTIVE)  # withdrawn: not treated
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    cases = []
    for item in items:
        decision = current.get(item.id)
        cases.append(
            {
                "number": decision_number(item.number),
                "title": item.title,
                "kind": item.kind,
                "owner": _name(session, model_id, item.owner_key),
                "decision": (
                    {"number": decision.number, "outcome": decision.outcome, "text": decision.text}
                    if decision is not None
                    else None
                ),
            }
        )
    return {
        "body": body.name,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "attendees": _attendees(session, body.id),
        "cases": cases,
    }


def _name(session: Session, model_id: int, key: str) -> str:
    name = session.scalar(select(PersonRow.name).where(PersonRow.model_id == model_id, PersonRow.key == key))
    return name or key


def _attendees(session: Session, body_id: int) -> list[dict[str, str]]:
    rows = session.execute(
        select(PersonRow.name, Membership.role)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(Membership.body_id == body_id, PersonRow.active)
        .order_by(Membership.id)
    )
    seen: dict[str, str] = {}
    for name, role in rows:
        seen.setdefault(name, role)
    return [{"name": name, "role": role} for name, role in seen.items()]


@dataclass(frozen=True)
class Case:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Written:
    """A snapshot in one language: what chat, the CLI and the Word document all show."""

    title: str
    facts: tuple[tuple[str, str], ...]
    note: str
    cases: tuple[Case, ...]


def written(content: dict[str, Any], language: Language, *, agenda: bool = False) -> Written:
    starts = datetime.fromisoformat(content["starts_at"])
    attendees = "; ".join(
        f"{shown_name(a['name'], language)}, {t(language, 'role.' + a['role']).lower()}"
        for a in content["attendees"]
    )
    facts: list[tuple[str, str]] = [
        (t(language, "minutes.label.body"), content["body"]),
        (t(language, "minutes.label.date"), time_words(language, starts)),
        (t(language, "minutes.label.place"), content["place"] or t(language, "minutes.no_place")),
    ]
    if not agenda:
        facts.append((t(language, "minutes.label.attendees"), attendees or t(language, "minutes.nobody")))
    cases = tuple(_case(case, language, agenda) for case in content["cases"])
    title = t(language, "minutes.agenda.title" if agenda else "minutes.doc.title", body=content["body"])
    note = "" if agenda else t(language, "minutes.attendees_assumed")
    return Written(title, tuple(facts), note, cases)


def _case(case: dict[str, Any], language: Language, agenda: bool) -> Case:
    heading = t(language, "minutes.case", number=case["number"], title=case["title"])
    decision = case["decision"]
    lines = []
    if agenda:
        lines.append(
            t(
                language,
                "minutes.agenda.case",
                kind=t(language, f"minutes.kind.{case['kind']}"),
                owner=case["owner"],
            )
        )
    if decision is not None:
        outcome = t(language, f"decisions.outcome.{decision['outcome']}")
        lines.append(t(language, "minutes.decision", outcome=outcome, text=decision["text"]))
    elif not agenda:
        lines.append(t(language, "minutes.no_decision"))
    return Case(heading, tuple(lines))
