"""Alembic environment: runs on the connection the caller passes, or on `sqlalchemy.url`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from models.database import create_engine_for
from models.tables import Base
from models.tables.documents import is_search_object

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine_for(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)


def include_name(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    """The full-text search objects are made by migration outside the ORM: autogenerate leaves them be."""
    return not is_search_object(name)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `govbot db upgrade`")
run_migrations_online()
