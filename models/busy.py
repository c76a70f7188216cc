"""Telling "the store is busy" (a lock not granted in time) from "the store is unreachable".

Both arrive as SQLAlchemy's OperationalError; only the first is worth retrying or answering with
"try again", because the transaction was rolled back and nothing was written.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

LOCK_NOT_AVAILABLE = "55P03"
"""PostgreSQL's SQLSTATE when `lock_timeout` expires."""
SQLITE_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")


def is_busy(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return True
    return getattr(orig, "sqlite_errorname", None) in SQLITE_BUSY or "database is locked" in str(orig)
