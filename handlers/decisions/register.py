"""The decision register: the current decision of each case (the latest version), newest meeting first.

Superseded versions stay in the table and are shown only when asked for (`include_superseded`), so a
reader sees what holds, and an auditor what was recorded before it. The register is found by words (the
database's full-text search, `models/repositories/decision_search.py`), a system, a domain, a body and a
period, in any combination; «sist» narrows it to the latest meeting that has any of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from handlers.decisions.rows import COLUMNS, CaseRow, DecisionRow, MeetingRow, found_row
from handlers.meetings.deadlines import OSLO
from models.repositories.decision_search import words_condition
from models.tables import AgendaItem, Decision, Domain, Initiative, InitiativeSystem, Meeting


@dataclass(frozen=True)
class SystemFilter:
    """A catalogue system: decisions on initiatives that name it, or whose own words name it."""

    id: int | None
    name: str
    asked: str = ""
    """The words the asker wrote for it («dips»), searched in the decisions' own words besides the name."""


@dataclass(frozen=True)
class RegisterQuery:
    body_key: str | None = None
    domain_key: str | None = None
    """The domain's board's decisions, and any body's decisions on the domain's initiatives."""
    domain_board: str | None = None
    meeting_id: int | None = None
    initiative_ref: str | None = None
    since: date | None = None
    until: date | None = None
    words: tuple[str, ...] = ()
    every_word: bool = True
    system: SystemFilter | None = None
    latest: bool = False
    """Only the latest meeting with a decision matching the rest."""
    include_superseded: bool = False


@dataclass(frozen=True)
class Found:
    rows: list[tuple[DecisionRow, CaseRow, MeetingRow]]
    total: int
    """How many match in all; `rows` may be fewer (the caller's limit)."""


ORDER = (Meeting.starts_at.desc(), AgendaItem.id, Decision.version.desc())
"""The register's order: newest meeting first, then the cases in agenda order, a correction first."""

_NEWER = aliased(Decision, name="newer")
"""Built once: an alias costs more to make than the whole indexed search takes to run."""


def register_conditions(session: Session, model_id: int, query: RegisterQuery) -> list[ColumnElement[bool]]:
    newer = _NEWER
    where: list[ColumnElement[bool]] = [Decision.model_id == model_id]
    if not query.include_superseded:
        where.append(~select(newer.id).where(newer.supersedes_id == Decision.id).exists())
    if query.body_key is not None:
        # the meeting's body is the decision's; saying so lets the planner start from the body's
        # meetings in the period instead of every decision the body ever made
        where += [Decision.body_key == query.body_key, Meeting.body_key == query.body_key]
    if query.domain_key is not None:
        refs = (
            select(Initiative.reference)
            .join(Domain, Domain.id == Initiative.domain_id)
            .where(Initiative.model_id == model_id, Domain.key == query.domain_key)
        )
        on_board = [Decision.body_key == query.domain_board] if query.domain_board else []
        where.append(or_(*on_board, Decision.initiative_ref.in_(refs)))
    if query.meeting_id is not None:
        where.append(Decision.meeting_id == query.meeting_id)
    if query.initiative_ref is not None:
        where.append(Decision.initiative_ref == query.initiative_ref.upper())
    if query.since is not None:
        where.append(Meeting.starts_at >= datetime.combine(query.since, datetime.min.time(), OSLO))
    if query.until is not None:
        where.append(Meeting.starts_at < datetime.combine(query.until, datetime.max.time(), OSLO))
    if query.words:
        where.append(words_condition(session, list(query.words), every=query.every_word))
    if query.system is not None:
        naming = select(Initiative.reference).join(
            InitiativeSystem, InitiativeSystem.initiative_id == Initiative.id
        )
        named = (
            InitiativeSystem.system_id == query.system.id
            if query.system.id is not None
            else func.lower(InitiativeSystem.name) == query.system.name.casefold()
        )
        where.append(
            or_(
                Decision.initiative_ref.in_(naming.where(Initiative.model_id == model_id, named)),
                words_condition(session, [query.system.name], every=True),
                *([words_condition(session, [query.system.asked], every=True)] if query.system.asked else []),
            )
        )
    return where


def _joined(columns: Select) -> Select:  # type: ignore[type-arg]
    return (
        columns.select_from(Decision)
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == Decision.meeting_id)
    )


def search_decisions(
    session: Session,
    model_id: int,
    query: RegisterQuery,
    *,
    limit: int | None = None,
    extra: Sequence[ColumnElement[bool]] = (),
) -> Found:
    """The decisions matching every filter, newest meeting first, with their count. `extra` conditions
    are the benchmark's (its unindexed baseline), never a user's."""
    where = [*register_conditions(session, model_id, query), *extra]
    if query.latest:
        last = session.execute(
            _joined(select(Meeting.id))
            .where(*where)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        ).scalar()
        if last is None:
            return Found([], 0)
        where.append(Decision.meeting_id == last)
    listing = _joined(select(*COLUMNS)).where(*where).order_by(*ORDER)
    if limit is not None:
        listing = listing.limit(limit)
    rows = [found_row(row) for row in session.execute(listing)]
    if limit is None or len(rows) < limit:
        return Found(rows, len(rows))
    counted = select(func.count(Decision.id)).join(Meeting, Meeting.id == Decision.meeting_id)  # no case: FK
    return Found(rows, session.scalar(counted.where(*where)) or 0)


def decisions(
    session: Session,
    model_id: int,
    *,
    body_key: str | None = None,
    meeting_id: int | None = None,
    initiative_ref: str | None = None,
    since: date | None = None,
    until: date | None = None,
    include_superseded: bool = False,
) -> list[tuple[DecisionRow, CaseRow, MeetingRow]]:
    query = RegisterQuery(
        body_key=body_key,
        meeting_id=meeting_id,
        initiative_ref=initiative_ref,
        since=since,
        until=until,
        include_superseded=include_superseded,
    )
    return search_decisions(session, model_id, query).rows
