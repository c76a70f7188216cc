"""What the register hands its readers: each found decision, its case and its meeting as plain rows.

The register's answers show a line per decision (listing.py), the CLI's rows (bot/cli/decisions.py) and
the minutes' snapshot; none of them writes through what it reads. Reading just these columns into frozen
rows, instead of three full ORM objects per decision, was most of a search's time at 100,000 decisions
(issue 14: the indexed query took 0.3 ms inside PostgreSQL, the objects and their columns several).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.tables import AgendaItem, Decision, Meeting


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    number: str
    version: int
    body_key: str
    meeting_id: int
    agenda_item_id: int
    outcome: str
    text: str
    initiative_ref: str | None
    initiative_state: str | None
    supersedes_id: int | None
    correction_reason: str | None
    recorded_by: str


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    number: str
    title: str


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    starts_at: datetime


DECISION_COLUMNS = tuple(getattr(Decision, name) for name in DecisionRow.__slots__)
CASE_COLUMNS = tuple(getattr(AgendaItem, name).label(f"case_{name}") for name in CaseRow.__slots__)
MEETING_COLUMNS = tuple(getattr(Meeting, name).label(f"meeting_{name}") for name in MeetingRow.__slots__)
COLUMNS = (*DECISION_COLUMNS, *CASE_COLUMNS, *MEETING_COLUMNS)
"""In this order: a result row splits by position, with no per-row name look-ups."""

_SPLIT = (len(DECISION_COLUMNS), len(DECISION_COLUMNS) + len(CASE_COLUMNS), len(COLUMNS))


def found_row(row: Any) -> tuple[DecisionRow, CaseRow, MeetingRow]:
    """One result row of `COLUMNS` (and perhaps more after them) as its three parts."""
    a, b, c = _SPLIT
    return DecisionRow(*row[:a]), CaseRow(*row[a:b]), MeetingRow(*row[b:c])
