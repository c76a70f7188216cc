"""The migrations and the ORM tables describe the same schema, on SQLite and on PostgreSQL.

`models.migrations.heads()` reads the scripts without loading Alembic (it runs on every command), so it
is checked here against Alembic's own answer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from models.database import create_engine_for
from models.migrations import heads
from models.schema import MIGRATIONS_DIR, current_revisions, upgrade
from models.tables import Base
from models.tables.documents import is_search_object


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def alembic_heads() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return set(ScriptDirectory.from_config(config).get_heads())


def test_heads_match_alembic() -> None:
    assert set(heads()) == alembic_heads()


def test_migrated_schema_matches_the_tables(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        # the full-text search objects (FTS5 on SQLite, GIN indexes on PostgreSQL) are not ORM objects
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": lambda name, *_: not is_search_object(name)}
        )
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_upgrade_reaches_every_head(engine: Engine) -> None:
    upgrade(engine)
    assert current_revisions(engine) == heads()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_db_upgrade_command_creates_the_schema(cli, database_url: str, engine: Engine) -> None:
    result = cli("db", "upgrade", database_url=database_url)

    assert result.returncode == 0, result.stderr
    for revision in heads():
        assert revision in result.stdout
    assert "upgraded from an empty database" in result.stdout
    assert current_revisions(engine) == heads()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())

    again = cli("db", "upgrade", database_url=database_url)
    assert again.returncode == 0, again.stderr
    assert "already up to date" in again.stdout


def test_db_upgrade_speaks_bokmal_without_an_english_locale(cli, database_url: str) -> None:
    result = cli("db", "upgrade", database_url=database_url, env={"LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert (
        "Databaseskjemaet er på revisjon" in result.stdout
        and "oppgradert fra en tom database" in result.stdout
    )
    again = cli("db", "upgrade", "--lang", "en", database_url=database_url, env={"LANG": "C.UTF-8"})
    assert "already up to date" in again.stdout


def test_db_upgrade_needs_no_model_file(cli, database_url: str) -> None:
    """Migration is a deployment step; a broken or missing model must not block it."""
    result = cli("db", "upgrade", "--model", "no-such-model", database_url=database_url)

    assert result.returncode == 0, result.stderr
