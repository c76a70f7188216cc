"""Finding the passages that answer «hvor står det at …?», with each database's own full-text search.

SQLite: FTS5 over the passages' matching keys (`keys.py`), ranked by `bm25`. PostgreSQL: the
`norwegian` or `english` text search configuration over heading and body, through the partial GIN
index of that language (migration 0009), ranked by `ts_rank_cd`. Either way a passage matches when it
holds any of the words, and ranks higher the more of them (and the rarer) it holds. The caller passes
content words only; each word is reduced to letters and digits, so no query syntax gets through.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.documents.keys import match_query, words
from models.tables.documents import FTS_TABLE, SEARCH_CONFIGS


@dataclass(frozen=True)
class Hit:
    document_key: str
    title: str
    heading: str
    body: str
    language: str
    rank: float
    """Higher is better, comparable only within one search."""


def search_passages(
    session: Session, model_id: int, query_words: list[str], language: str, *, limit: int = 3
) -> list[Hit]:
    if language not in SEARCH_CONFIGS:
        raise ValueError(f"no search configuration for {language!r}")
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite(session, model_id, query_words, language, limit)
    return _postgresql(session, model_id, query_words, language, limit)


def _sqlite(session: Session, model_id: int, query_words: list[str], language: str, limit: int) -> list[Hit]:
    match = match_query(query_words, language)
    if match is None:
        return []
    rows = session.execute(
        text(
            f"SELECT d.key, d.title, p.heading, p.body, p.language, bm25({FTS_TABLE}) AS rank "
            f"FROM {FTS_TABLE} JOIN document_passages p ON p.id = {FTS_TABLE}.rowid "
            "JOIN governance_documents d ON d.id = p.document_id "
            f"WHERE {FTS_TABLE} MATCH :match AND d.model_id = :model_id AND p.language = :language "
            "ORDER BY rank, p.id LIMIT :limit"
        ),
        {"match": match, "model_id": model_id, "language": language, "limit": limit},
    )
    return [Hit(key, title, heading, body, lang, -rank) for key, title, heading, body, lang, rank in rows]


def _postgresql(
    session: Session, model_id: int, query_words: list[str], language: str, limit: int
) -> list[Hit]:
    terms = list(dict.fromkeys(w for word in query_words for w in words(word)))
    if not terms:
        return []
    config = SEARCH_CONFIGS[language]  # language and config from a fixed table, never from the user;
    # written into the SQL so the planner can use the language's partial index
    document = f"to_tsvector('{config}'::regconfig, p.heading || ' ' || p.body)"
    rows = session.execute(
        text(
            f"SELECT d.key, d.title, p.heading, p.body, p.language, ts_rank_cd({document}, q) AS rank "
            "FROM document_passages p JOIN governance_documents d ON d.id = p.document_id, "
            f"to_tsquery('{config}'::regconfig, :query) AS q "
            f"WHERE {document} @@ q AND d.model_id = :model_id AND p.language = '{language}' "
            "ORDER BY rank DESC, p.id LIMIT :limit"
        ),
        {"query": " | ".join(terms), "model_id": model_id, "limit": limit},
    )
    return [
        Hit(key, title, heading, body, lang, float(rank)) for key, title, heading, body, lang, rank in rows
    ]
