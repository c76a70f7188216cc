"""frame_totals: running totals per domain, frame year and state, kept by triggers on initiatives

Revision ID: 0014_h_perf_frame_totals
Revises: 0013_frames
Create Date: 2026-12-03

Why triggers (models/tables/frame_totals.py): they run in the transaction of every change to an
initiative, whichever code or bulk statement makes it, on SQLite and PostgreSQL alike. The table is
backfilled from the initiatives already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_h_perf_frame_totals"
down_revision = "0013_frames"
branch_labels = None
depends_on = None

KEY = "model_id, domain_id, frame_year, state"
COUNTED = (
    "model_id, domain_id, year, budget_year, state, investment_min_mnok, investment_max_mnok, "
    "operating_min_mnok, operating_max_mnok"
)


def _sums(row: str) -> dict[str, str]:
    """The expressions one initiative (`NEW` or `OLD`) adds to each sum."""
    return {
        "investment_lower": f"coalesce({row}.investment_min_mnok, {row}.investment_max_mnok, 0.0)",
        "investment_upper": f"coalesce({row}.investment_max_mnok, {row}.investment_min_mnok, 0.0)",
        "operating_lower": f"coalesce({row}.operating_min_mnok, {row}.operating_max_mnok, 0.0)",
        "operating_upper": f"coalesce({row}.operating_max_mnok, {row}.operating_min_mnok, 0.0)",
    }


def _apply(row: str, sign: str) -> str:
    """SQL statements (`;`-terminated) adding (`+`) or taking away (`-`) one initiative's share."""
    key = f"{row}.model_id, {row}.domain_id, coalesce({row}.budget_year, {row}.year), {row}.state"
    where = (
        f"model_id = {row}.model_id AND domain_id = {row}.domain_id "
        f"AND frame_year = coalesce({row}.budget_year, {row}.year) AND state = {row}.state"
    )
    sets = ", ".join(f"{column} = {column} {sign} {value}" for column, value in _sums(row).items())
    statements = []
    if sign == "+":
        statements.append(
            f"INSERT INTO frame_totals ({KEY}, initiatives, investment_lower, investment_upper, "
            f"operating_lower, operating_upper) VALUES ({key}, 0, 0.0, 0.0, 0.0, 0.0) "
            f"ON CONFLICT ({KEY}) DO NOTHING;"
        )
    statements.append(f"UPDATE frame_totals SET initiatives = initiatives {sign} 1, {sets} WHERE {where};")
    if sign == "-":
        statements.append(f"DELETE FROM frame_totals WHERE {where} AND initiatives <= 0;")
    return "\n".join(statements)


def upgrade() -> None:
    op.create_table(
        "frame_totals",
        sa.Column("model_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("domain_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("frame_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state", sa.String(length=60), nullable=False),
        sa.Column("initiatives", sa.Integer(), nullable=False),
        sa.Column("investment_lower", sa.Float(), nullable=False),
        sa.Column("investment_upper", sa.Float(), nullable=False),
        sa.Column("operating_lower", sa.Float(), nullable=False),
        sa.Column("operating_upper", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("model_id", "domain_id", "frame_year", "state", name=op.f("pk_frame_totals")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION frame_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    {_apply("OLD", "-")}
                END IF;
                IF TG_OP IN ('UPDATE', 'INSERT') THEN
                    {_apply("NEW", "+")}
                END IF;
                RETURN NULL;
            END $$
            """
        )
        for name, event in (("insert", "INSERT"), ("delete", "DELETE"), ("update", f"UPDATE OF {COUNTED}")):
            op.execute(
                f"CREATE TRIGGER trg_frame_totals_{name} AFTER {event} ON initiatives "
                "FOR EACH ROW EXECUTE FUNCTION frame_totals_apply()"
            )
    else:
        op.execute(
            f"CREATE TRIGGER trg_frame_totals_insert AFTER INSERT ON initiatives BEGIN {_apply('NEW', '+')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_frame_totals_delete AFTER DELETE ON initiatives BEGIN {_apply('OLD', '-')} END"
        )
        op.execute(
            f"CREATE TRIGGER trg_frame_totals_update AFTER UPDATE OF {COUNTED} ON initiatives "
            f"BEGIN {_apply('OLD', '-')} {_apply('NEW', '+')} END"
        )
    sums = ", ".join(f"sum({value})" for value in _sums("initiatives").values())
    op.execute(
        f"INSERT INTO frame_totals ({KEY}, initiatives, investment_lower, investment_upper, operating_lower, "
        f"operating_upper) SELECT model_id, domain_id, coalesce(budget_year, year), state, count(*), {sums} "
        "FROM initiatives GROUP BY model_id, domain_id, coalesce(budget_year, year), state"
    )


def downgrade() -> None:
    for name in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS trg_frame_totals_{name}" + (" ON initiatives" if _pg() else ""))
    if _pg():
        op.execute("DROP FUNCTION IF EXISTS frame_totals_apply()")
    op.drop_table("frame_totals")


def _pg() -> bool:
    return op.get_bind().dialect.name == "postgresql"
