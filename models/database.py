"""Engines and sessions for SQLite (embedded) and PostgreSQL (replicas).

Nothing here runs at import time: the composition root calls `create_engine_for` once per process.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
POSTGRES_LOCK_TIMEOUT_MS = 2000
"""How long a PostgreSQL statement waits for a lock another transaction holds before it fails (into the
busy reply). Without it a row left locked (a stuck session, an operator's open transaction) would hold
every request that needs the row until the proxy in front gives up. `options=-c lock_timeout=…` in the
URL overrides it (0 waits forever); start-up work that must wait (migrations, the model sync) turns it off
for its own transaction."""


def normalise_url(url: str) -> str:
    """Accept `postgresql://` as people write it and use the psycopg 3 driver we ship."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_engine_for(url: str, **kwargs: Any) -> Engine:
    """`hide_parameters`: SQLAlchemy puts bound values in exception text, and ours hold what people wrote."""
    url = normalise_url(url)
    parsed = make_url(url)
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # `?timeout=<seconds>` in the URL overrides the busy timeout (tests keep lock waits short)
        timeout = parsed.query.get("timeout")
        busy_ms = round(float(timeout) * 1000) if isinstance(timeout, str) else SQLITE_BUSY_TIMEOUT_MS
        engine = create_engine(url, connect_args={"timeout": busy_ms / 1000}, **kwargs)
        _configure_sqlite(engine, busy_ms)
        return engine
    kwargs.setdefault("pool_pre_ping", True)  # a restarted server's dead connections are replaced, not used
    return create_engine(with_lock_timeout(url), **kwargs)


def with_lock_timeout(url: str) -> str:
    """The URL with `-c lock_timeout=…` added to libpq's `options`, unless the URL already sets one."""
    parsed = make_url(url)
    options = parsed.query.get("options", "")
    options = options if isinstance(options, str) else " ".join(options)
    if "lock_timeout" in options:
        return url
    options = f"{options} -c lock_timeout={POSTGRES_LOCK_TIMEOUT_MS}".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def db_error(exc: BaseException) -> str:
    """The driver's error class and code (SQLite error name, PostgreSQL SQLSTATE), safe for any log."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorname", None) or getattr(orig, "sqlstate", None) or "-"
    return f"{orig.__class__.__name__} {code}"


READ_ONLY_OPTION = "govbot_read_only"
"""Execution option Store.read sets, so SQLite begins a deferred (shared) transaction for it."""


def _configure_sqlite(engine: Engine, busy_ms: int) -> None:
    """Foreign keys on, WAL for concurrent readers, and BEGIN IMMEDIATE so writers queue, not deadlock."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        with contextlib.suppress(Exception):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Reads take no write lock: a read open around a nested read (a notifier looking up a Slack id
        # while the intake's read session is open) would otherwise wait on itself until busy_timeout.
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
