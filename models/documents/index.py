"""Keeping the documents' passages in the store in step with their files.

Each document file's content hash is stored; a file that changed (or is new) has its passages replaced,
a document the model no longer lists is removed, all in one transaction with one audit row. On SQLite
the FTS5 rows are written beside the passages in the same transaction; PostgreSQL's GIN indexes follow
the rows by themselves. `open_store` syncs at start, and `refresh` re-checks the files (by size and
modification time first, so an unchanged file is not read) before a search, so a running bot answers
from the documents as they are on disk.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from models import audit
from models.documents.files import DocumentFile, document_files
from models.documents.keys import passage_keys
from models.documents.passages import content_hash, read_passages
from models.governance.schema import GovernanceModel
from models.tables.base import utcnow
from models.tables.documents import FTS_TABLE, DocumentPassage, GovernanceDocumentRow


def stored_hashes(session: Session, model_id: int) -> dict[tuple[str, str], str]:
    rows = session.execute(
        select(
            GovernanceDocumentRow.key, GovernanceDocumentRow.language, GovernanceDocumentRow.content_hash
        ).where(GovernanceDocumentRow.model_id == model_id)
    )
    return {(key, language): digest for key, language, digest in rows}


def file_hashes(files: list[DocumentFile]) -> dict[tuple[str, str], str]:
    return {(f.key, f.language): content_hash(f.path.read_bytes()) for f in files}


def sync_documents(
    session: Session, model_id: int, model: GovernanceModel, model_dir: Path, *, actor: str = "system"
) -> bool:
    """Bring the stored passages in line with the files; True when anything was written."""
    existing = {
        (row.key, row.language): row
        for row in session.scalars(
            select(GovernanceDocumentRow).where(GovernanceDocumentRow.model_id == model_id)
        )
    }
    wanted = document_files(model, model_dir)
    changed: dict[str, str] = {}
    sqlite = session.get_bind().dialect.name == "sqlite"
    for doc in wanted:
        data = doc.path.read_bytes()
        digest = content_hash(data)
        row = existing.pop((doc.key, doc.language), None)
        if row is not None and row.content_hash == digest and row.title == doc.title:
            continue
        if row is None:
            row = GovernanceDocumentRow(model_id=model_id, key=doc.key, language=doc.language)
            session.add(row)
        else:
            _drop_passages(session, row.id, sqlite)
        row.title, row.file, row.content_hash, row.indexed_at = doc.title, doc.path.name, digest, utcnow()
        session.flush()
        for passage in read_passages(doc.path, data):
            stored = DocumentPassage(
                document_id=row.id,
                language=doc.language,
                position=passage.position,
                heading=passage.heading,
                body=passage.body,
            )
            session.add(stored)
            session.flush()
            if sqlite:
                keys = passage_keys(f"{passage.heading} {passage.body}", doc.language)
                session.execute(
                    text(f"INSERT INTO {FTS_TABLE} (rowid, keys) VALUES (:id, :keys)"),
                    {"id": stored.id, "keys": keys},
                )
        changed[f"{doc.key}.{doc.language}"] = digest
    for (key, language), row in existing.items():
        _drop_passages(session, row.id, sqlite)
        session.delete(row)
        changed[f"{key}.{language}"] = "removed"
    if not changed:
        return False
    audit.record(
        session,
        actor=actor,
        action="documents.indexed",
        entity_type="governance_model",
        entity_ref=model.key,
        model_key=model.key,
        after=changed,
    )
    return True


def _drop_passages(session: Session, document_id: int, sqlite: bool) -> None:
    if sqlite:
        ids = session.scalars(select(DocumentPassage.id).where(DocumentPassage.document_id == document_id))
        rows = [{"id": passage_id} for passage_id in ids]
        if rows:
            session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), rows)
    session.execute(delete(DocumentPassage).where(DocumentPassage.document_id == document_id))
