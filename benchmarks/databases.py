"""Throw-away databases: a PostgreSQL database created and dropped per benchmark, or an SQLite file.

The PostgreSQL server is the local one (127.0.0.1:5432, trust auth) unless GOVBOT_BENCH_POSTGRES names
another admin URL; nothing outside the benchmark's own database is touched.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ADMIN_URL = os.environ.get("GOVBOT_BENCH_POSTGRES", "postgresql://127.0.0.1:5432/test")


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    name = f"govbot_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="govbot-bench-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.db'}"


@contextmanager
def database(kind: str) -> Iterator[str]:
    with postgres_database() if kind == "postgresql" else sqlite_database() as url:
        yield url
