"""Cross-process mutual exclusion for start-up work (migrations, model sync).

Several replicas may start at once on one PostgreSQL; a transaction-scoped advisory lock makes the
second wait and then find the work done. SQLite needs nothing: BEGIN IMMEDIATE already serialises writers.
"""

from __future__ import annotations

import zlib

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session


def lock_for_transaction(conn: Connection | Session, name: str) -> None:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    if bind.dialect.name != "postgresql":
        return
    # Start-up work waits as long as the other replica needs, whatever the connection's lock_timeout
    conn.execute(text("SET LOCAL lock_timeout = 0"))
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(name.encode())})
