"""«Godkjenning av referat»: each meeting approves the minutes of the body's meeting before it (seed 002 §7).

Which meeting is "the one before" depends on every meeting of the body, not only on the one being planned:
planning December before September, inserting a meeting between two others, moving one past another or
cancelling one all change it for a neighbour. So after any such change `sync_minutes_items` walks the
body's meetings in date order and makes each agenda right: one approval item per meeting that has an
earlier meeting, pointing at exactly that one. It runs in the caller's transaction and audits every item
it adds, re-points, moves or removes, so the agendas and their audit rows change together. An item no
longer wanted where it is moves to a meeting that lacks one (keeping its number and id; the outbox's
`replan` takes its owner's reminder rows along); only when no meeting needs it (the body's first
meeting was cancelled) is it removed.

Meetings already held are left as they were (their agenda is a record of what happened), except the
meeting being changed itself, which a secretariat may plan after the fact with `--confirm`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.agenda_numbers import next_number
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day
from handlers.meetings.permissions import body_people
from models.audit import record
from models.governance.schema import GovernanceModel, Role
from models.tables import AgendaItem, Meeting


@dataclass(frozen=True)
class _Scope:
    session: Session
    model: GovernanceModel
    model_id: int
    actor: Actor


def minutes_title(previous: Meeting) -> str:
    return f"Godkjenning av referat fra møtet {day('nb', local_date(previous.starts_at))}"


def sync_minutes_items(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    body_id: int,
    changed: Meeting,
    now: datetime,
) -> set[int]:
    """Make every open meeting of the body carry one approval item for the meeting before it.

    Returns the ids of the meetings whose agenda changed, so the caller re-plans their reminders.
    """
    if not model.rules.minutes_approved_at_next_meeting:
        return set()
    session.flush()
    scope = _Scope(session, model, model_id, actor)
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(Meeting.model_id == model_id, Meeting.body_id == body_id, Meeting.status != "cancelled")
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )
    wanted: dict[int, Meeting | None] = {}
    for index, meeting in enumerate(meetings):
        if meeting.id == changed.id or meeting.starts_at >= now:
            wanted[meeting.id] = meetings[index - 1] if index else None
    by_id = {m.id: m for m in meetings}
    spare: list[AgendaItem] = []
    needing: list[tuple[Meeting, Meeting]] = []
    touched: set[int] = set()
    for meeting_id, previous in wanted.items():
        items = _minutes_items(session, meeting_id)
        if previous is None:
            spare.extend(items)
            continue
        keep = next((i for i in items if i.minutes_of_meeting_id == previous.id), None) or (
            items[0] if items else None
        )
        spare.extend(i for i in items if i is not keep)
        if keep is None:
            needing.append((by_id[meeting_id], previous))
        elif keep.minutes_of_meeting_id != previous.id or keep.title != minutes_title(previous):
            _repoint(scope, keep, previous)
            touched.add(meeting_id)
    for meeting, previous in needing:
        if spare:  # moved, keeping its number, as a moved meeting keeps its cases' numbers
            reusable = spare.pop(0)
            touched.add(reusable.meeting_id)
            _move(scope, reusable, meeting, previous)
        else:
            _add(scope, meeting, previous)
        touched.add(meeting.id)
    for item in spare:
        touched.add(item.meeting_id)
        _remove(scope, item)
    session.flush()
    return touched


def _minutes_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id, AgendaItem.minutes_of_meeting_id.is_not(None))
            .order_by(AgendaItem.id)
        )
    )


def _audit(scope: _Scope, action: str, item: AgendaItem, **kw: object) -> None:
    scope.session.flush()
    record(
        scope.session,
        actor=scope.actor.audit_name,
        action=action,
        entity_type="agenda_item",
        entity_ref=f"agenda_item:{item.id}",
        model_key=scope.model.key,
        **kw,  # type: ignore[arg-type]
    )


def _state(item: AgendaItem) -> dict[str, object]:
    return {
        "meeting": item.meeting_id,
        "number": item.number,
        "title": item.title,
        "minutes_of_meeting": item.minutes_of_meeting_id,
    }


def _add(scope: _Scope, meeting: Meeting, previous: Meeting) -> None:
    secretariat = body_people(scope.session, meeting.body_id, frozenset({Role.SECRETARIAT.value}))
    owner = secretariat[0] if secretariat else (scope.model.secretariat.contact or "secretariat")
    item = AgendaItem(
        model_id=scope.model_id,
        meeting_id=meeting.id,
        body_key=meeting.body_key,
        number=next_number(scope.session, scope.model_id, meeting.body_key, meeting.starts_at),
        title=minutes_title(previous),
        owner_key=owner,
        kind="decision",
        minutes_of_meeting_id=previous.id,
    )
    scope.session.add(item)
    _audit(scope, "agenda.minutes_add", item, after=_state(item))


def _repoint(scope: _Scope, item: AgendaItem, previous: Meeting) -> None:
    before = _state(item)
    item.minutes_of_meeting_id, item.title = previous.id, minutes_title(previous)
    _audit(scope, "agenda.minutes_repoint", item, before=before, after=_state(item))


def _move(scope: _Scope, item: AgendaItem, meeting: Meeting, previous: Meeting) -> None:
    """An approval item no longer wanted where it was goes where one is missing, keeping its number."""
    before = _state(item)
    item.meeting_id = meeting.id
    item.minutes_of_meeting_id, item.title = previous.id, minutes_title(previous)
    _audit(scope, "agenda.minutes_move", item, before=before, after=_state(item))


def _remove(scope: _Scope, item: AgendaItem) -> None:
    _audit(scope, "agenda.minutes_remove", item, before=_state(item))
    scope.session.delete(item)
