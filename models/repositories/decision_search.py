"""The decision register's full-text search, with each database's own search, as the documents have it.

SQLite: an FTS5 table (migration 0011) holding, for every decision version, the matching keys of its
search text in both languages (`models/documents/keys.py`: «kurveløsningen» and «kurveløsning» meet on
one key, and a Norwegian key matches as the start of a compound's). PostgreSQL: the `norwegian` and
`english` configurations over `search_text` through one GIN index each. Both hold superseded versions
too (migration 0013 filled in those earlier corrections removed on SQLite); the register's query leaves
them out unless `--all` asks for them, so both databases answer the same.

A decision matches when it holds every word (`every=True`) or any of them; each word is reduced to
letters and digits first, so no query syntax gets through.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, and_, bindparam, column, false, func, or_, text
from sqlalchemy.orm import Session

from models.documents.keys import key, words
from models.stems import MIN_PREFIX
from models.tables.decisions import FTS_TABLE, Decision

CONFIGS = {"nb": "norwegian", "en": "english"}
_LANGUAGES = tuple(CONFIGS)


def search_text(decision_text: str, case_title: str, initiative_title: str | None) -> str:
    return " ".join(part for part in (decision_text, case_title, initiative_title or "") if part)


def search_keys(value: str) -> str:
    found: dict[str, None] = {}
    for word in words(value):
        for language in _LANGUAGES:
            found.setdefault(key(word, language), None)
    return " ".join(found)


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_decision(session: Session, decision: Decision) -> None:
    """Write the new current decision's keys (SQLite; PostgreSQL's GIN indexes follow the row)."""
    if is_sqlite(session):
        session.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, keys) VALUES (:id, :keys)"),
            {"id": decision.id, "keys": search_keys(decision.search_text)},
        )


def _fts_match(query_words: list[str], every: bool) -> str | None:
    groups: list[str] = []
    for word in query_words:
        for part in words(word):
            terms = []
            for language in _LANGUAGES:
                k = key(part, language)
                term = f'"{k}"' + ("*" if language == "nb" and len(k) >= MIN_PREFIX else "")
                if term not in terms:
                    terms.append(term)
            group = "(" + " OR ".join(terms) + ")"
            if group not in groups:
                groups.append(group)
    return (" AND " if every else " OR ").join(groups) or None


def words_condition(session: Session, query_words: list[str], *, every: bool = True) -> ColumnElement[bool]:
    """A WHERE condition on `Decision` true for decisions holding the words."""
    if is_sqlite(session):
        match = _fts_match(query_words, every)
        if match is None:
            return false()
        found = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match").bindparams(
            bindparam("match", match)
        )
        return Decision.id.in_(found.columns(column("rowid", Integer)))
    terms = list(dict.fromkeys(w for word in query_words for w in words(word)))
    if not terms:
        return false()
    query = (" & " if every else " | ").join(terms)
    # the configuration names come from CONFIGS, never from the user, and are written into the SQL so
    # the planner matches each GIN index's expression
    return or_(
        *(
            text(
                f"to_tsvector('{config}'::regconfig, decisions.search_text) "
                f"@@ to_tsquery('{config}'::regconfig, :query_{language})"
            ).bindparams(bindparam(f"query_{language}", query))
            for language, config in CONFIGS.items()
        )
    )


def like_condition(query_words: list[str]) -> ColumnElement[bool]:
    """The unindexed baseline the benchmark measures the search against: every word as a substring."""
    return and_(*(func.lower(Decision.search_text).contains(w) for w in words(" ".join(query_words))))
