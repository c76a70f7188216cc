"""decision search: the register found by words, with each database's own full-text search

Revision ID: 0011_decision_search
Revises: 0010_decisions, 0002_initiatives
Create Date: 2027-01-22

Adds `decisions.search_text` (decision text, case title, initiative title), filled for the decisions
already recorded, and the search over it: on SQLite an FTS5 table of the current decisions' matching keys
(rowid = decision id), on PostgreSQL a GIN index per language over `to_tsvector('norwegian'|'english',
search_text)`, as migration 0009 does for the documents. Also an index on `supersedes_id`, which the
register's "not superseded" test reads for every row it returns.

The GIN indexes are built with `fastupdate = off`: decisions arrive a few per meeting, so writing each
one into the index at once costs nothing, while a pending list (the default) is scanned row by row by
every search until a vacuum folds it in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_decision_search"
down_revision = ("0010_decisions", "0002_initiatives")  # the backfill reads initiative titles
branch_labels = None
depends_on = None

CONFIGS = {"nb": "norwegian", "en": "english"}
FTS_TABLE = "decisions_fts"


def upgrade() -> None:
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
        batch_op.create_index("ix_decisions_supersedes_id", ["supersedes_id"], unique=False)
    op.execute(
        "UPDATE decisions SET search_text = decisions.text "
        "|| ' ' || COALESCE((SELECT a.title FROM agenda_items a WHERE a.id = decisions.agenda_item_id), '') "
        "|| ' ' || COALESCE((SELECT i.title FROM initiatives i WHERE i.reference = decisions.initiative_ref "
        "AND i.model_id = decisions.model_id), '')"
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        from models.repositories.decision_search import search_keys

        op.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(keys, tokenize = 'unicode61')")
        current = bind.execute(
            sa.text(
                "SELECT d.id, d.search_text FROM decisions d WHERE NOT EXISTS "
                "(SELECT 1 FROM decisions n WHERE n.supersedes_id = d.id)"
            )
        ).all()
        for decision_id, search_text in current:
            bind.execute(
                sa.text(f"INSERT INTO {FTS_TABLE} (rowid, keys) VALUES (:id, :keys)"),
                {"id": decision_id, "keys": search_keys(search_text)},
            )
    else:
        for language, config in CONFIGS.items():
            op.execute(
                f"CREATE INDEX ix_decisions_search_{language} ON decisions USING gin "
                f"(to_tsvector('{config}'::regconfig, search_text)) WITH (fastupdate = off)"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    else:
        for language in CONFIGS:
            op.execute(f"DROP INDEX IF EXISTS ix_decisions_search_{language}")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_supersedes_id")
        batch_op.drop_column("search_text")
