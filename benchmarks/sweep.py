"""Sweep throughput and claim latency on SQLite and PostgreSQL.

`python -m benchmarks.sweep [--quick] [--postgres-url URL]` seeds 100,000 pending reminders of which
10,000 are due (`--quick`: 10,000 / 1,000), sweeps them with a no-op notifier, and prints reminders/s
and the median and 95th-percentile time of one claim (batch of 100). The PostgreSQL run creates and
drops its own database on the server at --postgres-url (default: the local server).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from models.store import open_store
from scheduler.claims import claim
from scheduler.sweep import Sweeper
from scheduler.sweep_worker import NoopNotifier


def _seed(store, pending: int, due: int, now: datetime) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from models.tables import Reminder

    rows = [
        {
            "model_id": store.model_id,
            "dedup_key": f"bench:{i}",
            "kind": "notice",
            "person_key": "x",
            "source": "system",
            "payload": {"body_key": "b", "text": "t"},
            "status": "pending",
            "attempt": 0,
            "due_at": now - timedelta(minutes=1) if i < due else now + timedelta(days=30),
            "deadline_at": now + timedelta(days=60),
            "created_at": now,
        }
        for i in range(pending)
    ]
    with store.engine.begin() as conn:
        for start in range(0, len(rows), 10_000):
            conn.execute(insert(Reminder), rows[start : start + 10_000])


def run(url: str, label: str, pending: int, due: int) -> None:
    now = datetime.now(UTC)
    store = open_store(url, "hso-2026")
    try:
        _seed(store, pending, due, now)
        latencies = []
        for _ in range(20):  # claim latency: claim a batch, then put it back
            started = time.perf_counter()
            claimed = claim(store.engine, store.model_id, "probe", now, 100, timedelta(minutes=5))
            latencies.append(time.perf_counter() - started)
            _release(store, [c.id for c in claimed])
        sweeper = Sweeper(store, NoopNotifier(), lambda: now, "bench", batch=100)
        started = time.perf_counter()
        result = sweeper.run_until_idle()
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(
        f"{label:<10} pending={pending:>7} due={due:>6} sent={result.sent:>6} "
        f"throughput={result.sent / elapsed:>8.0f} reminders/s  "
        f"claim(100) median={statistics.median(latencies) * 1000:.1f} ms p95={p95 * 1000:.1f} ms"
    )


def _release(store, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from models.tables import Reminder

    with store.engine.begin() as conn:
        conn.execute(
            update(Reminder).where(Reminder.id.in_(ids)).values(status="pending", claimed_by=None, attempt=0)
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sweep")
    parser.add_argument("--quick", action="store_true", help="10,000 pending / 1,000 due")
    parser.add_argument("--postgres-url", default="postgresql://127.0.0.1:5432/postgres")
    args = parser.parse_args()
    pending, due = (10_000, 1_000) if args.quick else (100_000, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", "sqlite", pending, due)
    import psycopg

    name = f"govbot_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base = args.postgres_url.rsplit("/", 1)[0]
        run(f"{base}/{name}", "postgresql", pending, due)
    finally:
        with psycopg.connect(args.postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
