"""The store a running bot works against: engine, sessions and the active governance model.

`open_store` is what every command calls first. On an empty database it migrates and loads the selected
model with its demo catalogue; on a current one it costs two small queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from models.database import READ_ONLY_OPTION, create_engine_for, session_factory
from models.documents.files import FileWatch, document_files
from models.governance.files import LoadedModel, load_model
from models.governance.schema import GovernanceModel
from models.governance.sync import sync_model
from models.identity_guard import guard_engine, guard_sessions
from models.locks import lock_for_transaction
from models.schema import ensure_schema
from models.tables import GovernanceModelRow, System


class CatalogueLoadError(Exception):
    """The demo catalogue shipped with a model does not import cleanly."""


@dataclass
class Store:
    engine: Engine
    sessions: sessionmaker[Session]
    model: GovernanceModel
    model_id: int
    model_dir: Path | None = None
    """Where the model file is: its governance documents are named relative to it."""
    documents_watch: FileWatch = field(default_factory=FileWatch)
    _reads: Engine | None = field(default=None, init=False, repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error: nothing half-written."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session that only reads, and connects only when it first does: a turn whose answer needs
        nothing from the store (the catalogue index is cached) checks out no connection at all."""
        if self._reads is None:
            self._reads = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        session = self.sessions(bind=self._reads)
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def refresh_documents(self, actor: str = "system") -> bool:
        """Re-index the governance documents whose files changed since they were indexed; True if any
        did. A file whose size and modification time are unchanged since the last look is not read."""
        if self.model_dir is None or not self.model.documents:
            return False
        files = document_files(self.model, self.model_dir)
        if not self.documents_watch.changed([f.path for f in files]):
            return False
        from models.documents.index import file_hashes, stored_hashes, sync_documents  # only on a change

        with self.read() as session:
            current = stored_hashes(session, self.model_id) == file_hashes(files)
        if current:
            return False
        try:
            with self.session() as session:
                lock_for_transaction(session, "govbot-documents-sync")
                return sync_documents(session, self.model_id, self.model, self.model_dir, actor=actor)
        except BaseException:
            self.documents_watch.forget()  # the next look tries again
            raise

    def ping(self) -> None:
        """Raises when the database does not answer; the health check's whole question."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar_one()

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    database_url: str, model_name: str, *, actor: str = "system", model_cache_dir: Path | None = None
) -> Store:
    """`model_cache_dir`: where validated model files are cached between processes (None: no cache)."""
    loaded = load_model(model_name, cache_dir=model_cache_dir)
    engine = create_engine_for(database_url)
    try:
        ensure_schema(engine)
        guard_engine(engine)
        sessions = session_factory(engine)
        guard_sessions(sessions)
        model_id = _sync(sessions, loaded, actor)
        store = Store(
            engine=engine,
            sessions=sessions,
            model=loaded.model,
            model_id=model_id,
            model_dir=loaded.path.parent,
        )
        store.refresh_documents(actor)
    except BaseException:
        engine.dispose()
        raise
    return store


def _sync(sessions: sessionmaker[Session], loaded: LoadedModel, actor: str) -> int:
    with sessions() as session:
        existing = session.scalar(
            select(GovernanceModelRow).where(GovernanceModelRow.key == loaded.model.key)
        )
        if existing is not None and existing.content_hash == loaded.content_hash:
            return existing.id
    with sessions.begin() as session:
        lock_for_transaction(session, "govbot-model-sync")
        row, _ = sync_model(session, loaded, actor=actor)
        system_count = session.scalar(
            select(func.count()).select_from(System).where(System.model_id == row.id)
        )
        catalogue = loaded.demo_catalogue_path
        if not system_count and catalogue is not None:
            from models.catalogue.importer import import_catalogue  # first run only: keep startup lean

            report = import_catalogue(session, row, catalogue, actor=actor, is_demo=True)
            if not report.applied:
                problems = "; ".join(f"row {e.row}: {e.reason}" for e in report.errors[:5])
                raise CatalogueLoadError(f"{catalogue}: the demo catalogue has errors: {problems}")
        return row.id
