"""The audit log is append-only on PostgreSQL: a trigger from the migrations refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError

from models.audit import record
from models.database import create_engine_for, session_factory
from models.schema import upgrade
from models.tables import AuditEntry

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def sessions(database_url: str):
    engine = create_engine_for(database_url)
    upgrade(engine)
    factory = session_factory(engine)
    with factory.begin() as session:
        record(session, actor="test", action="test.recorded", entity_type="test", entity_ref="one")
    try:
        yield factory
    finally:
        engine.dispose()


def test_update_is_refused(sessions) -> None:
    with pytest.raises(DBAPIError, match="append-only"), sessions.begin() as session:
        session.execute(update(AuditEntry).values(actor="someone else"))
    with sessions() as session:
        assert session.scalars(select(AuditEntry.actor)).all() == ["test"]


def test_delete_is_refused(sessions) -> None:
    with pytest.raises(DBAPIError, match="append-only"), sessions.begin() as session:
        session.execute(delete(AuditEntry))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_insert_is_allowed(sessions) -> None:
    with sessions.begin() as session:
        record(session, actor="test", action="test.recorded", entity_type="test", entity_ref="two")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 2
