"""Numbering and reading initiatives.

`next_reference` must run inside the transaction that inserts the initiative: the counter row stays
locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers) until commit, so
numbers are handed out one at a time and a rollback returns its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from models.stems import stem_matches, stemmable, words_of
from models.tables import (
    Domain,
    Initiative,
    InitiativeDomain,
    InitiativeSequence,
    InitiativeSystem,
    InitiativeTrust,
    Membership,
    PersonRow,
)

REFERENCE_FORMAT = "INI-{year}-{sequence:04d}"


def next_reference(session: Session, year: int) -> tuple[int, str]:
    row = _locked_counter(session, year)
    if row is None:
        try:
            with session.begin_nested():
                session.add(InitiativeSequence(year=year, last_value=0))
        except IntegrityError:
            pass  # another transaction created this year's row first; lock theirs
        row = _locked_counter(session, year)
        assert row is not None
    row.last_value += 1
    session.flush()
    return row.last_value, REFERENCE_FORMAT.format(year=year, sequence=row.last_value)


def _locked_counter(session: Session, year: int) -> InitiativeSequence | None:
    return session.scalar(
        select(InitiativeSequence)
        .where(InitiativeSequence.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def by_reference(session: Session, model_id: int, reference: str) -> Initiative | None:
    return session.scalar(
        select(Initiative).where(Initiative.model_id == model_id, Initiative.reference == reference.upper())
    )


@dataclass(frozen=True)
class StatusRow:
    """An initiative with what its status answer shows beside it, read in one statement (`status_row`).

    `board_roles` are the asker's roles in the board of the initiative's domain (empty for an unknown
    asker): the same set `handlers.initiatives.permissions.board_roles` reads from the roster."""

    initiative: Initiative
    domain_key: str
    domain_keys: tuple[str, ...]
    trust_keys: tuple[str, ...]
    system_names: tuple[str, ...]
    board_roles: frozenset[str]


_ITEM, _PAIR = "\x1f", "\x1e"
"""Separators of the aggregated child values: control characters no key or name contains."""


def _ordered_values(value: ColumnElement[str], row_id: ColumnElement[int], *where: ColumnElement[bool]):  # type: ignore[no-untyped-def]
    """A scalar subquery of every `value` as «id␞value␟…»; the ids put them back in insertion order in
    Python, since SQLite before 3.44 has no ORDER BY inside an aggregate."""
    pair = cast(row_id, String) + _PAIR + value
    return select(func.aggregate_strings(pair, _ITEM)).where(*where).scalar_subquery()


def _split(aggregated: str | None) -> tuple[str, ...]:
    if not aggregated:
        return ()
    pairs = (item.split(_PAIR, 1) for item in aggregated.split(_ITEM))
    return tuple(value for _, value in sorted(pairs, key=lambda pair: int(pair[0])))


def status_row(session: Session, model_id: int, reference: str, person_key: str | None) -> StatusRow | None:
    """The initiative named by `reference` with its domain keys, trusts, systems and the asker's board
    roles, in one statement instead of six (one round trip each on PostgreSQL, most of a status answer's
    time; `benchmarks/status.py`). Correlated subqueries read each child table by its initiative index."""
    own_domain = Domain.__table__.alias("own_domain")
    roles = (
        select(func.aggregate_strings(Membership.role, _ITEM))
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .where(Membership.body_id == Domain.board_id, PersonRow.key == person_key, PersonRow.active)
        .scalar_subquery()
        if person_key
        else None
    )
    columns = [
        Initiative,
        Domain.key,
        _ordered_values(
            own_domain.c.key,
            InitiativeDomain.id,
            InitiativeDomain.initiative_id == Initiative.id,
            own_domain.c.id == InitiativeDomain.domain_id,
        ),
        _ordered_values(
            InitiativeTrust.trust_key, InitiativeTrust.id, InitiativeTrust.initiative_id == Initiative.id
        ),
        _ordered_values(
            InitiativeSystem.name, InitiativeSystem.id, InitiativeSystem.initiative_id == Initiative.id
        ),
    ]
    if roles is not None:
        columns.append(roles)
    found = session.execute(
        select(*columns)
        .join(Domain, Domain.id == Initiative.domain_id)
        .where(Initiative.model_id == model_id, Initiative.reference == reference.upper())
    ).first()
    if found is None:
        return None
    role_list = found[5].split(_ITEM) if roles is not None and found[5] else []
    return StatusRow(
        initiative=found[0],
        domain_key=found[1],
        domain_keys=_split(found[2]),
        trust_keys=_split(found[3]),
        system_names=_split(found[4]),
        board_roles=frozenset(role_list),
    )


def by_submission(session: Session, submission_id: str) -> Initiative | None:
    return session.scalar(select(Initiative).where(Initiative.submission_id == submission_id))


def domain_ids(session: Session, model_id: int) -> dict[str, int]:
    rows = session.execute(select(Domain.key, Domain.id).where(Domain.model_id == model_id))
    return {key: domain_id for key, domain_id in rows}


def domain_keys(session: Session, model_id: int) -> dict[int, str]:
    return {v: k for k, v in domain_ids(session, model_id).items()}


def submitted_by(
    session: Session, model_id: int, platform: str, user_id: str, person_key: str | None
) -> list[Initiative]:
    mine = (Initiative.submitter_platform == platform) & (Initiative.submitter_user_id == user_id)
    if person_key:
        mine = or_(mine, Initiative.submitter_person_key == person_key)
    return list(
        session.scalars(
            select(Initiative).where(Initiative.model_id == model_id, mine).order_by(Initiative.id)
        )
    )


def in_states(
    session: Session, model_id: int, states: tuple[str, ...], domain_id: int | None = None
) -> list[Initiative]:
    query = select(Initiative).where(Initiative.model_id == model_id, Initiative.state.in_(states))
    if domain_id is not None:
        query = query.where(Initiative.domain_id == domain_id)
    return list(session.scalars(query.order_by(Initiative.id)))


def escalated(session: Session, model_id: int, open_states: tuple[str, ...]) -> list[Initiative]:
    return list(
        session.scalars(
            select(Initiative)
            .where(Initiative.model_id == model_id, Initiative.escalate, Initiative.state.in_(open_states))
            .order_by(Initiative.id)
        )
    )


def spanning_domains(session: Session, model_id: int, open_states: tuple[str, ...]) -> list[Initiative]:
    """Open initiatives in more than one domain (those with a coordinating domain)."""
    return list(
        session.scalars(
            select(Initiative)
            .where(
                Initiative.model_id == model_id,
                Initiative.coordinating_domain_id.is_not(None),
                Initiative.state.in_(open_states),
            )
            .order_by(Initiative.id)
        )
    )


def search(session: Session, model_id: int, words: list[str], limit: int = 20) -> list[Initiative]:
    """Initiatives naming every word, in the title, need or change; no words finds nothing, not everything.

    A word is named when it is written there (case-insensitively, `%` and `_` as themselves) or when a
    word there has its stem (`models.stems`): «legemidler» finds «legemiddel». The database narrows
    the rows by each word's first three letters (`autoescape` keeps `%`, `_` and the escape character
    literal, on SQLite and PostgreSQL alike); the words are then compared in Python, so both databases
    answer the same.
    """
    if not words:
        return []
    query = select(Initiative.id, Initiative.title, Initiative.need, Initiative.change).where(
        Initiative.model_id == model_id
    )
    for word in words:
        narrow = word[:3] if stemmable(word.casefold()) else word
        if not narrow.isascii():
            continue  # SQLite lowers ASCII only: «Ø» is not «ø» there, so Python decides these words
        query = query.where(
            or_(
                Initiative.title.icontains(narrow, autoescape=True),
                Initiative.need.icontains(narrow, autoescape=True),
                Initiative.change.icontains(narrow, autoescape=True),
            )
        )
    found: list[int] = []
    for row in session.execute(query.order_by(Initiative.id.desc())):
        if all(_names(word, (row.title, row.need, row.change)) for word in words):
            found.append(row.id)
            if len(found) == limit:
                break
    if not found:
        return []
    rows = session.scalars(select(Initiative).where(Initiative.id.in_(found)).order_by(Initiative.id.desc()))
    return list(rows)


def _names(word: str, texts: tuple[str | None, ...]) -> bool:
    folded = word.casefold()
    present = [text.casefold() for text in texts if text]
    if any(folded in text for text in present):
        return True
    return stemmable(folded) and any(stem_matches(folded, words_of(text)) for text in present)
