"""The SQLite search table holds superseded decisions too, as PostgreSQL's indexes always did.

Until now a correction removed the superseded version's row from `decisions_fts`, while PostgreSQL's GIN
indexes keep every row: `govbot decisions list --all --search X` then found an old version's words on
PostgreSQL and not on SQLite. Both now index every version and the register leaves the superseded ones
out unless asked (`--all`); this fills in the rows earlier corrections removed. Nothing to do on
PostgreSQL.

Revision ID: 0013_h_cycle_superseded_search
Revises: 0011_decision_search
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_h_cycle_superseded_search"
down_revision = "0011_decision_search"
branch_labels = None
depends_on = None
FTS_TABLE = "decisions_fts"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    from models.repositories.decision_search import search_keys

    missing = bind.execute(
        sa.text(
            f"SELECT d.id, d.search_text FROM decisions d WHERE d.id NOT IN (SELECT rowid FROM {FTS_TABLE})"
        )
    ).all()
    for decision_id, search_text in missing:
        bind.execute(
            sa.text(f"INSERT INTO {FTS_TABLE} (rowid, keys) VALUES (:id, :keys)"),
            {"id": decision_id, "keys": search_keys(search_text)},
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.execute(
        sa.text(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
            "(SELECT d.id FROM decisions d WHERE EXISTS (SELECT 1 FROM decisions n WHERE n.supersedes_id = d.id))"
        )
    )
