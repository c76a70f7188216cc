"""Bringing a database to the current schema.

`ensure_schema` is cheap when nothing is to do (one query of `alembic_version`), so every command can
call it and the first command on an empty database migrates it without a separate step.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from models.locks import lock_for_transaction
from models.migrations import heads

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revisions(engine: Engine) -> frozenset[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        lock_for_transaction(conn, "govbot-migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, "heads")


def ensure_schema(engine: Engine) -> bool:
    """Migrate when behind; returns True when a migration ran."""
    if current_revisions(engine) == heads():
        return False
    upgrade(engine)
    return True
