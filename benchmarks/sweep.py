"""Reminder sweep throughput with a no-op notifier: one and two sweeper processes, SQLite and PostgreSQL.

Each run seeds its own database with `pending` reminders of which `due` are due (full: 100,000 / 10,000;
`--quick`: 10,000 / 3,000), starts the sweepers (`python -m scheduler.sweep_worker`, each its own
process), releases them together and times until every one has exited. Throughput is reminders sent per
second of that wall time. Baselines: for one sweeper, claiming alone (batches of 100 claimed back to
back, nothing sent or settled: what the database allows); for two, the one-sweeper figure.

`python -m benchmarks.sweep [--quick]` prints just these figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from benchmarks.databases import database
from benchmarks.figures import Figure
from benchmarks.serving import REPO_ROOT


def run(quick: bool) -> list[Figure]:
    pending, due = (10_000, 3_000) if quick else (100_000, 10_000)
    figures = []
    for kind in ("sqlite", "postgresql"):
        one, sent, claims_only = _throughput(kind, 1, pending, due, claim_baseline=True)
        two, sent_two, _ = _throughput(kind, 2, pending, due)
        target = ">= 3,000 reminders/s" if kind == "postgresql" else ""
        note = f"{pending:,} pending / {due:,} due, no-op notifier"
        figures.append(
            Figure(
                f"reminder sweep, {kind}, 1 sweeper",
                one,
                "reminders/s",
                baseline=claims_only,
                target=target,
                note=f"{note}, {sent:,} sent; baseline: claiming alone, nothing sent or settled",
            )
        )
        lock = "; SQLite serialises writers" if kind == "sqlite" else ""
        figures.append(
            Figure(
                f"reminder sweep, {kind}, 2 sweepers",
                two,
                "reminders/s",
                baseline=one,
                target=target,
                note=f"{note}, {sent_two:,} sent; baseline: 1 sweeper{lock}",
            )
        )
    return figures


def _seed(url: str, pending: int, due: int) -> None:
    from sqlalchemy import insert

    from models.store import open_store
    from models.tables import Reminder

    now = datetime.now(UTC)
    store = open_store(url, "hso-2026")
    try:
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
    finally:
        store.close()


def _throughput(
    kind: str, workers: int, pending: int, due: int, *, claim_baseline: bool = False
) -> tuple[float, int, float | None]:
    with database(kind) as url:
        _seed(url, pending, due)
        rate, sent = _sweep(url, workers)
        return rate, sent, _claims_only(url) if claim_baseline else None


def _sweep(url: str, workers: int) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    command = [sys.executable, "-m", "scheduler.sweep_worker", "--database-url", url, "--wait-for-go"]
    processes = [
        subprocess.Popen(
            [*command, "--worker", f"bench-{n}"],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(workers)
    ]
    try:
        for process in processes:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = [process.communicate(timeout=600)[0] for process in processes]
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    sent = sum(int(out.split("sent=")[1].split()[0]) for out in outputs)
    return sent / elapsed, sent


def _claims_only(url: str) -> float:
    """Put the swept rows back to due, then claim them in batches of 100 without sending or settling."""
    from sqlalchemy import update

    from models.store import open_store
    from models.tables import Reminder
    from scheduler.claims import claim

    now = datetime.now(UTC)
    store = open_store(url, "hso-2026")
    try:
        with store.engine.begin() as conn:
            conn.execute(
                update(Reminder)
                .where(Reminder.status == "sent")
                .values(status="pending", claimed_by=None, attempt=0, due_at=now - timedelta(minutes=1))
            )
        claimed = 0
        started = time.perf_counter()
        while batch := claim(store.engine, store.model_id, "baseline", now, 100, timedelta(minutes=5)):
            claimed += len(batch)
        return claimed / (time.perf_counter() - started)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sweep")
    parser.add_argument("--quick", action="store_true", help="10,000 pending / 3,000 due")
    args = parser.parse_args()
    for figure in run(args.quick):
        print(figure.line())


if __name__ == "__main__":
    main()
