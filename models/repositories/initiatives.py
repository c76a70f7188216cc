"""Numbering and reading initiatives.

`next_reference` must run inside the transaction that inserts the initiative: the counter row stays
locked (SELECT … FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers) until commit, so
numbers are handed out one at a time and a rollback returns its number.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.stems import stem_matches, stemmable, words_of
from models.tables import Domain, Initiative, InitiativeSequence

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
